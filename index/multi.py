"""Questions that need passages from more than one report.

"兩份報告中，分別有哪個園區…" needs evidence from both reports, but one ranked
list tends to fill its top k from whichever report matches best. A question
that names several reports or trips (:data:`BOTH`: "兩份報告", "兩次出國",
"both reports"), the years of two reports (:func:`asks_several`: "2015年…與
2023年…") or, on the two sides of a 和/與/跟/"and", a subject of each of two
reports (:func:`joins_two_reports`: "上海楊浦…跟泰國NSTDA…") is searched per
report, without the words about several reports (:func:`strip_both`), and the
per-report lists are interleaved, so each report has its best passages near the top.

>>> interleave([[1, 2, 3], [7, 8]], 4)
[1, 7, 2, 8]
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Hashable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any, TypeVar

from ingest.model import Chunk

T = TypeVar("T", bound=Hashable)

BOTH = re.compile(
    r"[兩两][份次場场趟](?:報告|报告|出國|出国|會議|会议|參訪|参访|考察|行程)?"
    r"|[兩两](?:個|个)?(?:報告|报告)|both (?:of the )?(?:reports|trips|visits|documents)"
    r"|(?:the|these) two (?:reports|trips|visits|documents)|each (?:report|trip)",
    re.I,
)
ROC_OFFSET = 1911  # 民國 104 年 = 2015
# A word in at least this share of one report's passages, and in no other report's,
# is a subject of that report (上海 and 楊浦 of a Shanghai visit, 韓國 of a fair in Korea).
SUBJECT_SHARE = 0.15
# the asker's own side: a question compares with it, no report is about it
OWN_SIDE = frozenset(
    {"台湾", "台灣", "臺灣", "我国", "我國", "我们", "我們", "本国", "本國", "taiwan"})
# where a question joins two things it asks about together
_JOIN = re.compile(
    r"[和與与跟及？?；;]|以及|相比|對比|对比|\band\b|\bor\b|\bvs\.?|\bversus\b"
    r"|\bcompared? (?:to|with)\b",
    re.I,
)
_EACH = re.compile(r"分別|分别|各自|\beach\b|\brespectively\b", re.I)


def asks_both(question: str) -> bool:
    """Whether the question names more than one report or trip outright.

    >>> asks_both("兩份報告都提到人口老化嗎？"), asks_both("松江有哪兩個舊名？")
    (True, False)
    >>> asks_both("In both reports, who led the delegation?")
    True
    """
    return BOTH.search(question) is not None


def report_years(manifest: Mapping[str, Any]) -> dict[str, int]:
    """Report -> the year of its date, from an index manifest (reports without a
    date left out).

    >>> report_years({"reports": [{"doc": "a", "date": "2015-11-30"}, {"doc": "b"}]})
    {'a': 2015}
    """
    years: dict[str, int] = {}
    for entry in manifest.get("reports", []):
        year = str(entry.get("date") or "")[:4]
        if year.isdigit() and "doc" in entry:
            years[str(entry["doc"])] = int(year)
    return years


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


@dataclass(frozen=True)
class ReportWords:
    """The words that mark one report: in at least SUBJECT_SHARE of its passages and
    in no other report's (words with digits, and the asker's own side, left out).

    >>> marks = ReportWords.mine([Chunk("1", "a", (), 1, "上海 園區", ""),
    ...     Chunk("2", "b", (), 1, "韓國 園區", "")], str.split)
    >>> marks.marked, sorted(marks.reports(["上海", "園區", "韓國"]))
    ({'上海': 'a', '韓國': 'b'}, ['a', 'b'])
    """

    marked: dict[str, str]

    @classmethod
    def mine(cls, chunks: Sequence[Chunk], words: Callable[[str], Iterable[str]],
             share: float = SUBJECT_SHARE) -> ReportWords:
        """Count each word's passages per report (``words`` cuts a text)."""
        per_doc: dict[str, Counter[str]] = {}
        sizes: Counter[str] = Counter()
        for chunk in chunks:
            sizes[chunk.doc] += 1
            per_doc.setdefault(chunk.doc, Counter()).update(
                set(words(chunk.breadcrumb + "\n" + chunk.text)))
        seen: Counter[str] = Counter()
        for counts in per_doc.values():
            seen.update(counts.keys())
        marked = {
            word: doc
            for doc, counts in per_doc.items()
            for word, n in counts.items()
            if seen[word] == 1 and n >= share * sizes[doc] and len(word) >= 2
            and not any(ch.isdigit() for ch in word) and word.lower() not in OWN_SIDE
        }
        return cls(marked) if len(per_doc) > 1 else cls({})

    def reports(self, words: Iterable[str]) -> set[str]:
        """The reports some of ``words`` mark."""
        return {self.marked[w] for w in words if w in self.marked}


def joins_two_reports(question: str, reports_of: Callable[[str], set[str]]) -> bool:
    """Whether, at some 和/與/跟/"and" (or between two asking clauses), the part
    before names a subject of one report only and the part after of another only
    (``reports_of``: the reports a text's words mark, see :class:`ReportWords`).

    >>> marks = {"楊浦": "a", "泰國": "b"}
    >>> def of(text): return {d for w, d in marks.items() if w in text}
    >>> joins_two_reports("楊浦的做法跟泰國有什麼共通點？", of)
    True
    >>> joins_two_reports("楊浦跟復旦？", of)
    False
    """
    for join in _JOIN.finditer(question):
        before = reports_of(question[: join.start()])
        after = reports_of(question[join.end():])
        if len(before) == 1 and len(after) == 1 and before != after:
            return True
    return False
