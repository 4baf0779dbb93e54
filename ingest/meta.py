"""Report-level facts found by generic heuristics: the title and a date.

>>> find_date("出國期間：104年11月30日至12月5日")
'2015-11-30'
>>> find_date("會議於 6 月 13 日舉行。時間：112 年 6 月 14 日至 6 月 16 日")
'2023-06-14'
>>> find_date("自 2021 年起，2023 年再辦，2023 年成果")
'2023'
"""

from __future__ import annotations

import re
from collections import Counter

_DATE = re.compile(r"(?<!\d)(\d{2,4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日")
_FIELD = re.compile(r"(?:出國|會議|活動|參訪)?(?:期間|日期|時間)\s*[：:]")
_YEAR = re.compile(r"(?<!\d)((?:19|20)\d{2})(?!\d)")
MAX_TITLE = 60


def find_date(text: str, window: int = 6000) -> str:
    """An ISO date from a labelled date field, else any full date, else the commonest year.

    Years below 1911 that look like Republic of China years are converted.
    """
    head = text[:window]
    for field in _FIELD.finditer(head):
        found = _DATE.match(head, field.end()) or _DATE.search(head, field.end(), field.end() + 40)
        if found:
            return _iso(found)
    found = _DATE.search(head)
    if found:
        return _iso(found)
    years = Counter(_YEAR.findall(text))
    return max(years, key=lambda y: (years[y], y)) if years else ""


def title_from(first_line: str, doc: str) -> str:
    """The report title: its first real line, or the file name when that is a paragraph.

    >>> title_from("中國大陸上海地區 高新區與大學科技園參訪報告", "a.txt")
    '中國大陸上海地區 高新區與大學科技園參訪報告'
    """
    if first_line and len(first_line) <= MAX_TITLE:
        return first_line
    return re.sub(r"\.[^.]+$", "", doc)


def _iso(found: re.Match[str]) -> str:
    """``YYYY-MM-DD`` from a year/month/day match; ROC years get 1911 added."""
    year, month, day = (int(found.group(i)) for i in (1, 2, 3))
    if year < 200:
        year += 1911
    return f"{year:04d}-{month:02d}-{day:02d}"
