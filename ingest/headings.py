"""Recognise heading markers (壹、 (壹) 一、 (一) 1. (1) …) and judge heading lines.

A *form* names a numbering style; its *ordinal* is the number it carries.
Half- and full-width parentheses are the same form, and so are ``一、`` and ``一.``.

>>> m = match_marker("(參)紫竹國家高新技術產業開發區")
>>> m.form, m.ordinal, m.rest
('(heaven)', 3, '紫竹國家高新技術產業開發區')
>>> judge("二、訪談重點紀錄：")
Heading(form='cn', ordinal=2, title='二、訪談重點紀錄', body='', sentence=False)
"""

from __future__ import annotations

import re
from dataclasses import dataclass

HEAVEN = "壹貳參叁肆伍陸柒捌玖拾"
_CN = "一二三四五六七八九十"

# (form, pattern); the pattern matches at the start of a stripped line.
_FORMS: list[tuple[str, str]] = [
    ("chapter", rf"第\s*(?P<n>[{_CN}百]+|\d{{1,3}})\s*章"),
    ("part", rf"第\s*(?P<n>[{_CN}百]+|\d{{1,3}})\s*[節节]"),
    ("heaven", rf"(?P<n>[{HEAVEN}]{{1,3}})\s*(?:、|[．.](?!\d))"),
    ("(heaven)", rf"[(（]\s*(?P<n>[{HEAVEN}]{{1,3}})\s*[)）]"),
    ("cn", rf"(?P<n>[{_CN}]{{1,3}})\s*(?:、|[．.](?!\d))"),
    ("(cn)", rf"[(（]\s*(?P<n>[{_CN}]{{1,3}})\s*[)）]"),
    ("num", r"(?P<n>\d{1,2})\s*(?:、|[．.](?![\d.]))"),
    ("(num)", r"[(（]\s*(?P<n>\d{1,2})\s*[)）]"),
    ("num)", r"(?P<n>\d{1,2})\s*[)）]"),
]
_COMPILED = [(form, re.compile(pattern)) for form, pattern in _FORMS]

BULLET = re.compile(r"^(?:[-‐–•●⚫▪■◆□○‧·]\s*)+")
# Unnumbered headings: well-known part names standing alone on a short line.
PLAIN = re.compile(
    r"^(前言|緒論|序言|引言|摘要|結論|結語|附錄|附件|參考文獻|參考資料|致謝|誌謝)"
)
SENTENCE_END = "。！？!?；;"
MAX_TITLE = 40
MAX_LABEL = 24


@dataclass(frozen=True)
class Marker:
    """A numbering marker at the start of a line and the text after it."""

    form: str
    ordinal: int
    marker: str
    rest: str


@dataclass(frozen=True)
class Heading:
    """A line that starts with a marker: its title and any text after a ``label：``.

    ``sentence`` is True when the line reads as a numbered sentence, not a title.
    """

    form: str
    ordinal: int
    title: str
    body: str
    sentence: bool


def ordinal(numeral: str) -> int:
    """The value of a numeral: Arabic, Chinese (一…九十九) or financial (壹…拾).

    >>> [ordinal(x) for x in ("7", "十二", "二十", "捌", "拾壹")]
    [7, 12, 20, 8, 11]
    """
    if numeral.isdigit():
        return int(numeral)
    table = {c: i + 1 for i, c in enumerate("壹貳參肆伍陸柒捌玖")}
    table.update({c: i + 1 for i, c in enumerate("一二三四五六七八九")})
    table.update({"叁": 3, "零": 0, "〇": 0})
    value, current = 0, 0
    for char in numeral:
        if char in "十拾":
            value += (current or 1) * 10
            current = 0
        elif char == "百":
            value += (current or 1) * 100
            current = 0
        else:
            current = table.get(char, 0)
    return value + current


def strip_bullet(line: str) -> str:
    """A line without a leading list bullet such as ``- `` or ``⚫ ``.

    >>> strip_bullet("- (一)上海市")
    '(一)上海市'
    """
    return BULLET.sub("", line.strip()).strip()


def match_marker(line: str) -> Marker | None:
    """The numbering marker that starts ``line`` (after any bullet), if any.

    >>> match_marker("1.5%)。此外") is None
    True
    >>> match_marker(" 二. 會議議程").form
    'cn'
    """
    text = strip_bullet(line)
    for form, pattern in _COMPILED:
        found = pattern.match(text)
        if found:
            marker = re.sub(r"\s+", "", found.group(0))
            marker += " " if marker[-1] in ".．" else ""
            return Marker(form, ordinal(found.group("n")), marker, text[found.end():].strip())
    return None


def judge(line: str) -> Heading | None:
    """Read a line with a marker as a heading (title, same-line body) or a sentence.

    >>> judge("(一)發展沿革：位於上海市中心區域閔行區的東南角，於 2002 年正式啟用。").body
    '位於上海市中心區域閔行區的東南角，於 2002 年正式啟用。'
    >>> judge("1. 成立背景：園區成立於 2001 年，結合大學").title
    '1. 成立背景'
    >>> judge("2. 泰國科學園區模組：多元發展目標").title
    '2. 泰國科學園區模組：多元發展目標'
    >>> judge("1. 「給權益」，下放高校和科研院所科技成果的使用權；").sentence
    True
    >>> judge("(1)200 多個創業導師協助輔導科研成果的轉化；(2)小苗基金").sentence
    True
    """
    found = match_marker(line)
    if found is None or not found.rest:
        return None
    rest = found.rest
    label, body = _split_label(rest)
    if _is_title(rest) and not (label and any(c in body for c in "，,、")):
        return Heading(found.form, found.ordinal, found.marker + _clean(rest), "", False)
    if label:
        return Heading(found.form, found.ordinal, found.marker + label, body, False)
    return Heading(found.form, found.ordinal, found.marker + _clean(rest), "", True)


def is_plain_heading(line: str) -> bool:
    """An unnumbered heading such as ``前言--摘要與目的``.

    >>> is_plain_heading("前言--摘要與目的"), is_plain_heading("前言說明如下，本次參訪。")
    (True, False)
    """
    text = line.strip()
    return (
        bool(PLAIN.match(text))
        and len(text) <= 20
        and not any(c in text for c in "，。；：！？、,;: ")
    )


def _clean(title: str) -> str:
    """A title without trailing colons and inner runs of spaces."""
    return re.sub(r"\s+", " ", title).strip().rstrip("：:").strip()


def _is_title(rest: str) -> bool:
    """Short, no sentence punctuation, not starting with a number (``(1)200 多個``)."""
    text = rest.rstrip().rstrip("：:")
    if not text or len(text) > MAX_TITLE or text[0].isdigit():
        return False
    return not any(c in text for c in SENTENCE_END)


def _split_label(rest: str) -> tuple[str, str]:
    """``label：body`` where the label is a short phrase; else ``("", "")``."""
    found = re.search(r"[：:]", rest)
    if not found or found.start() == 0 or found.start() > MAX_LABEL:
        return "", ""
    label = rest[: found.start()].strip()
    if label[0].isdigit() or any(c in label for c in SENTENCE_END + "，,"):
        return "", ""
    return _clean(label), rest[found.end():].strip()
