"""Which year a figure is of: a sentence naming the asked year (a Republic-of-China
year read as a Western one), and the clauses about it.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.question import YEARS
from app.questions import western_years
from index.multi import ROC_OFFSET

# a Republic-of-China year before 以來, 間 or 來 (112年以來), which western_years leaves
# alone because 100年來 may be a span; here it may only make a year match
_BARE_ROC = re.compile(r"(?<!\d)(1[0-4]\d)\s*年")


def of_year_clauses(clauses: Sequence[str], years: Sequence[str]) -> list[str]:
    """The ``clauses`` about an asked year: one naming it, and those after it
    that name no year of their own (「2022 年目標 3 億，實際達 3.2 億」).

    >>> of_year_clauses(["2022 年目標 3 億", "實際達 3.2 億", "2023 年目標 5 億"], ("2022",))
    ['2022 年目標 3 億', '實際達 3.2 億']
    >>> of_year_clauses(["目標 3 億"], ())
    []
    """
    found: list[str] = []
    inside = False
    for clause in clauses:
        if YEARS.search(western_years(clause)) or _BARE_ROC.search(clause):
            inside = of_asked_year(years, clause)
        if inside and years:
            found.append(clause)
    return found


def of_asked_year(years: Sequence[str], text: str) -> bool:
    """Whether ``text`` (a sentence, with its heading) may state a figure of one
    of the asked ``years``: it names one of them (ROC years read as Western), or
    none is asked. A figure of 2022 does not answer a question about 2023.

    >>> of_asked_year(("2023",), "園區營業額由 407 億元成長至 528 億元（2020 至 2022）")
    False
    >>> of_asked_year(("2023",), "112 年營業額達 500 億元"), of_asked_year((), "營業額 5 億元")
    (True, True)
    >>> of_asked_year(("2023",), "112年以來新增 50 家")
    True
    """
    if not years:
        return True
    stated = set(YEARS.findall(western_years(text)))
    stated |= {str(int(y) + ROC_OFFSET) for y in _BARE_ROC.findall(text)}
    return any(year in stated for year in years)
