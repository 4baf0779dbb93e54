"""Questions that need passages from more than one report.

"兩份報告中，分別有哪個園區…" needs evidence from both reports, but one ranked
list tends to fill its top k from whichever report matches best. A question
that names several reports or trips (:data:`BOTH`: "兩份報告", "兩次出國",
"both reports") or the years of two reports (:func:`asks_several`: "2015年…與
2023年…") is searched per report, without the words about several reports
(:func:`strip_both`), and the per-report lists are interleaved, so each report
has its best passages near the top.

>>> interleave([[1, 2, 3], [7, 8]], 4)
[1, 7, 2, 8]
"""

from __future__ import annotations

import re
from collections.abc import Hashable, Mapping, Sequence
from typing import TypeVar

T = TypeVar("T", bound=Hashable)

BOTH = re.compile(
    r"[兩两][份次場场](?:報告|报告|出國|出国|會議|会议|參訪|参访|考察|行程)?"
    r"|[兩两](?:個|个)?(?:報告|报告)|both (?:of the )?(?:reports|trips|visits|documents)"
    r"|(?:the|these) two (?:reports|trips|visits|documents)|each (?:report|trip)",
    re.I,
)
ROC_OFFSET = 1911  # 民國 104 年 = 2015
_EACH = re.compile(r"分別|分别|各自|\beach\b|\brespectively\b", re.I)


def asks_both(question: str) -> bool:
    """Whether the question names more than one report or trip outright.

    >>> asks_both("兩份報告都提到人口老化嗎？"), asks_both("松江有哪兩個舊名？")
    (True, False)
    >>> asks_both("In both reports, who led the delegation?")
    True
    """
    return BOTH.search(question) is not None


def years_named(question: str, years: Mapping[str, int]) -> set[str]:
    """The reports whose year (``years``: report -> year of its date) the question
    names, as ``2015`` or in the Republic-of-China era as ``104年``.

    >>> sorted(years_named("2015年上海團與民國112年的會議", {"a": 2015, "b": 2023, "c": 2020}))
    ['a', 'b']
    >>> years_named("上海 112 家企業", {"b": 2023})
    set()
    """
    named = {int(n) for n in re.findall(r"(?<!\d)(\d{4})(?!\d)", question)}
    named |= {int(n) + ROC_OFFSET for n in re.findall(r"(?<!\d)(\d{2,3})\s*年", question)}
    return {doc for doc, year in years.items() if year in named}


def asks_several(question: str, years: Mapping[str, int]) -> bool:
    """Whether a question is about more than one report: it says so
    (:func:`asks_both`) or names the years of two reports.

    >>> asks_several("2015年的上海團與2023年的會議各由誰帶隊？", {"a": 2015, "b": 2023})
    True
    """
    return asks_both(question) or len(years_named(question, years)) >= 2


def strip_both(question: str) -> str:
    """The question without its words about several reports (they match no passage).

    >>> strip_both("兩份報告中，分別有哪個園區以矽谷為借鏡？")
    '中，有哪個園區以矽谷為借鏡？'
    """
    return _EACH.sub("", BOTH.sub("", question))


def interleave(lists: Sequence[Sequence[T]], k: int) -> list[T]:
    """Round-robin over ranked lists, skipping repeats, until ``k`` items.

    >>> interleave([[1, 2], [2, 3], [4]], 10)
    [1, 2, 4, 3]
    """
    out: list[T] = []
    seen: set[T] = set()
    for depth in range(max((len(x) for x in lists), default=0)):
        for ranked in lists:
            if depth < len(ranked) and ranked[depth] not in seen:
                seen.add(ranked[depth])
                out.append(ranked[depth])
                if len(out) == k:
                    return out
    return out
