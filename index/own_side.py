"""Taiwan by both its names.

A report of Taiwan's government calls Taiwan 我國 ("our country") as often as
臺灣 (one bundled report writes only 我國, the other only 臺灣), while an
analyst asks about 台灣 or "Taiwan". A question naming 台灣 is searched with
我國 too (:func:`other_name`). General knowledge of the report genre.

>>> other_name("跟台灣的做法有何不同？"), other_name("我國的做法呢？"), other_name("上海呢？")
('我國', None, None)
>>> with_other_name(["台湾", "制度"])
['台湾', '制度', '我国']
"""

from __future__ import annotations

import re

_TAIWAN = re.compile(r"[台臺]灣|[台臺]湾")
_OURS = re.compile(r"我[國国]")


def other_name(text: str) -> str | None:
    """我國 when ``text`` names Taiwan as 台灣 or 臺灣 and not as 我國, else None.

    Not the other way: a question saying 我國 already uses a report's own word, and
    adding 臺灣 made one about the report that says 我國 look like one about the other
    (「報告最後對我國提出了哪些建議？」 lost its passages on a read dev set). This way has
    the same risk in the other direction (a question about the report that says 臺灣
    drawn to the one that says 我國); measured, it gained more than it lost."""
    if _TAIWAN.search(text) and not _OURS.search(text):
        return "我國"
    return None


def with_taiwan_name(question: str) -> str:
    """``question`` searched with 我國 too when it names Taiwan as 台灣 only.

    >>> with_taiwan_name("跟台灣比呢？"), with_taiwan_name("跟首爾比呢？")
    ('跟台灣比呢？ 我國', '跟首爾比呢？')
    """
    other = other_name(question)
    return question if other is None else f"{question} {other}"


def with_other_name(words: list[str]) -> list[str]:
    """``words`` (Simplified, a dictionary's) with Taiwan's other name when they hold one."""
    other = other_name(" ".join(words))
    if other is None:
        return words
    return [*words, "我国"]
