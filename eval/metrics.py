"""Scoring: retrieval hits, key facts, citations, refusals, script, latency.

Text is compared folded: NFKC (full-width digits and letters become ASCII),
Traditional and Simplified script alike, lower case, no whitespace, and no
thousands separators.

>>> contains("營收為１，２００億元", "1200億元")
True
>>> contains("紫竹高新区的股东", "紫竹高新區的股東")
True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any

from app.language import detect_language, fold, own_words, quotes, simplified_only

KS = (1, 3, 5, 10)
BUDGET_CHARS = 2000
_THOUSANDS = re.compile(r"(?<=\d)[,，](?=\d{3}(?!\d))")
STAGES = ("rewrite_ms", "retrieve_ms", "first_token_ms", "generate_ms", "verify_ms", "total_ms")
RETRIEVAL_KEYS = (*(f"hit@{k}" for k in KS), "mrr", f"hit@{BUDGET_CHARS}c")
ANSWER_KEYS = (
    "key_fact_recall", "citation_accuracy", "refusal_recall", "false_refusal_rate",
    "traditional_rate", "quotes_verbatim",
)
LOWER_IS_BETTER = frozenset({"false_refusal_rate"})


def normalize(text: str) -> str:
    """Folded text for comparison.

    >>> normalize("Ａ 1,234,567 元 與")
    'a1234567元与'
    """
    return _THOUSANDS.sub("", fold(text))


def contains(haystack: str, needle: str) -> bool:
    """Whether ``needle`` occurs in ``haystack`` once both are folded."""
    return normalize(needle) in normalize(haystack)


def hit_rank(evidences: Sequence[str], texts: Sequence[str]) -> int | None:
    """The smallest k such that every evidence is inside one of the top-k texts.

    >>> hit_rank(["乙丙"], ["甲", "甲乙丙丁"])
    2
    >>> hit_rank(["甲", "丁"], ["甲", "乙", "丁"]), hit_rank(["戊"], ["甲"])
    (3, None)
    """
    folded = [normalize(t) for t in texts]
    worst = 0
    for evidence in evidences:
        needle = normalize(evidence)
        rank = next((i for i, t in enumerate(folded, start=1) if needle in t), None)
        if rank is None:
            return None
        worst = max(worst, rank)
    return worst or None


def within_budget(texts: Iterable[str], budget: int = BUDGET_CHARS) -> list[str]:
    """Texts in rank order until they sum to ``budget`` characters (the last one cut).

    >>> within_budget(["abc", "defg", "hi"], 5)
    ['abc', 'de']
    """
    kept: list[str] = []
    left = budget
    for text in texts:
        if left <= 0:
            break
        kept.append(text[:left])
        left -= len(text)
    return kept


def key_facts(must_include: Sequence[str], answer: str) -> tuple[list[str], list[str]]:
    """The key strings found in the answer and those missing.

    >>> key_facts(["三家", "２０１５年"], "股東有三家，於2015年成立")
    (['三家', '２０１５年'], [])
    """
    found = [s for s in must_include if contains(answer, s)]
    return found, [s for s in must_include if s not in found]


def cites_evidence(evidences: Sequence[str], cited_texts: Sequence[str]) -> bool:
    """Whether every evidence string is inside one of the cited passages.

    >>> cites_evidence(["乙丙"], ["甲乙丙"]), cites_evidence(["乙丙"], [])
    (True, False)
    """
    return bool(evidences) and all(any(contains(t, e) for t in cited_texts) for e in evidences)


def is_traditional(question: str, answer: str) -> bool | None:
    """For Chinese questions, whether the answer's own words (outside 「」
    quotations, which stay as the report wrote them) have no Simplified-only
    character.

    >>> is_traditional("股東是誰?", "股東有三家"), is_traditional("股东?", "股东有三家")
    (True, False)
    >>> is_traditional("股東是誰?", "報告寫道「股东有三家」")
    True
    >>> is_traditional("Who?", "three") is None
    True
    """
    if detect_language(question) != "zh":
        return None
    return not simplified_only(own_words(answer))


def quotes_verbatim(answer: str, cited_texts: Sequence[str]) -> bool | None:
    """Whether every 「」 quotation of ``answer`` stands character for character
    in one of the cited passages (None when the answer quotes nothing).

    >>> quotes_verbatim("「科技园成立」[1]", ["上海科技园成立於 2001 年"])
    True
    >>> quotes_verbatim("「科技園成立」[1]", ["上海科技园成立於 2001 年"])
    False
    >>> quotes_verbatim("沒有引文", ["甲"]) is None
    True
    """
    found = quotes(answer)
    if not found:
        return None
    return all(any(q in text for text in cited_texts) for q in found)


@dataclass
class ItemResult:
    """What happened to one question: retrieval, answer and timings."""

    id: str
    type: str
    question: str
    answerable: bool
    rank: int | None = None
    budget_hit: bool = False
    answer: str = ""
    refused: bool = False
    facts_found: list[str] = field(default_factory=list)
    facts_missing: list[str] = field(default_factory=list)
    cited_evidence: bool | None = None
    traditional: bool | None = None
    verbatim: bool | None = None  # every quotation stands as such in a cited passage
    pages_checked: int = 0  # citations of PDF reports whose page was checked
    pages_held: int = 0  # ... of which the named page holds the quote
    evidence_score: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    retrieved: list[dict[str, Any]] = field(default_factory=list)
    citations: list[dict[str, Any]] = field(default_factory=list)
    expected: dict[str, Any] = field(default_factory=dict)
    style: str = ""

    def failures(self, k: int = 5) -> list[str]:
        """Why this item counts against a metric (empty when it does not);
        retrieval fails when the evidence is not in the top ``k``.

        >>> ItemResult("q", "fact", "?", True, rank=7).failures()
        ['retrieval: evidence first at rank 7', 'wrong refusal: answered nothing']
        """
        why: list[str] = []
        if self.answerable:
            if self.rank is None or self.rank > k:
                where = f"first at rank {self.rank}" if self.rank else "not in the top 10"
                why.append(f"retrieval: evidence {where}")
            if self.refused:
                why.append("wrong refusal: refused an answerable question")
            elif not self.answer:
                why.append("wrong refusal: answered nothing")
            if self.facts_missing and not self.refused:
                why.append("missing key facts: " + "、".join(self.facts_missing))
            if self.cited_evidence is False:
                why.append("wrong citation: no cited passage holds the evidence")
        elif not self.refused:
            why.append("wrong refusal: answered an unanswerable question")
        if self.traditional is False:
            why.append("script: the answer has Simplified-only characters")
        if self.verbatim is False:
            why.append("quotation: a quoted text is not in any cited passage as written")
        if self.pages_held < self.pages_checked:
            why.append("page: a citation names a PDF page that does not hold its quote")
        return why


def _share(flags: Iterable[bool]) -> float | None:
    values = list(flags)
    return round(sum(values) / len(values), 4) if values else None


def _mean(values: Iterable[float]) -> float | None:
    items = list(values)
    return round(sum(items) / len(items), 4) if items else None


def percentile(values: Sequence[float], q: float) -> float:
    """The ``q`` quantile (0..1), linearly interpolated.

    >>> percentile([1.0, 2.0, 3.0, 4.0], 0.5), percentile([1.0, 2.0, 3.0, 4.0], 0.95)
    (2.5, 3.85)
    """
    ordered = sorted(values)
    pos = (len(ordered) - 1) * q
    low = int(pos)
    high = min(low + 1, len(ordered) - 1)
    return round(ordered[low] + (ordered[high] - ordered[low]) * (pos - low), 4)


def retrieval_metrics(results: Sequence[ItemResult]) -> dict[str, float | None]:
    """hit@k, MRR and hit within the character budget over answerable items.

    >>> r = [ItemResult("a", "fact", "?", True, rank=1, budget_hit=True),
    ...      ItemResult("b", "fact", "?", True, rank=4), ItemResult("c", "fact", "?", True)]
    >>> m = retrieval_metrics(r)
    >>> m["hit@1"], m["hit@5"], m["mrr"], m["hit@2000c"]
    (0.3333, 0.6667, 0.4167, 0.3333)
    """
    answerable = [r for r in results if r.answerable]
    out: dict[str, float | None] = {
        f"hit@{k}": _share(r.rank is not None and r.rank <= k for r in answerable) for k in KS
    }
    out["mrr"] = _mean(1 / r.rank if r.rank else 0.0 for r in answerable)
    out[f"hit@{BUDGET_CHARS}c"] = _share(r.budget_hit for r in answerable)
    return out


def answer_metrics(results: Sequence[ItemResult]) -> dict[str, float | None]:
    """Key-fact recall, citation accuracy, refusal recall, false refusals,
    script, and verbatim quotations.

    >>> r = [ItemResult("a", "fact", "?", True, facts_found=["x"], facts_missing=["y"],
    ...                 cited_evidence=True, traditional=True, verbatim=True),
    ...      ItemResult("b", "fact", "?", True, refused=True, traditional=True),
    ...      ItemResult("c", "unanswerable", "?", False, refused=True, traditional=False)]
    >>> answer_metrics(r)
    {'key_fact_recall': 0.25, 'citation_accuracy': 1.0, 'refusal_recall': 1.0, \
'false_refusal_rate': 0.5, 'traditional_rate': 0.6667, 'quotes_verbatim': 1.0}
    """
    answerable = [r for r in results if r.answerable]
    figures = {
        "key_fact_recall": _mean(
            len(r.facts_found) / max(len(r.facts_found) + len(r.facts_missing), 1)
            for r in answerable
        ),
        "citation_accuracy": _share(bool(r.cited_evidence) for r in answerable if not r.refused),
        "refusal_recall": _share(r.refused for r in results if not r.answerable),
        "false_refusal_rate": _share(r.refused for r in answerable),
        "traditional_rate": _share(r.traditional for r in results if r.traditional is not None),
        "quotes_verbatim": _share(r.verbatim for r in results if r.verbatim is not None),
    }
    checked = sum(r.pages_checked for r in results)
    if checked:  # PDF reports: the share of citations whose page holds the quote
        figures["citation_pages"] = round(sum(r.pages_held for r in results) / checked, 4)
    return figures


def latency_metrics(results: Sequence[ItemResult]) -> dict[str, dict[str, float]]:
    """p50 and p95 milliseconds of each pipeline stage.

    >>> latency_metrics([ItemResult("a", "fact", "?", True, timings={"total_ms": 4.0})])
    {'total_ms': {'p50': 4.0, 'p95': 4.0}}
    """
    out: dict[str, dict[str, float]] = {}
    for stage in STAGES:
        values = [r.timings[stage] for r in results if stage in r.timings]
        if values:
            out[stage] = {"p50": percentile(values, 0.5), "p95": percentile(values, 0.95)}
    return out


def summarize(results: Sequence[ItemResult], with_types: bool = True) -> dict[str, Any]:
    """All figures of a run, and per question type (and per style, where the
    items name one) when ``with_types``.

    >>> r = [ItemResult("a", "fact", "?", True, rank=2, style="english"),
    ...      ItemResult("b", "unanswerable", "?", False)]
    >>> s = summarize(r)
    >>> s["n"], s["retrieval"]["hit@1"], sorted(s["by_type"]), s["by_type"]["fact"]["n"]
    (2, 0.0, ['fact', 'unanswerable'], 1)
    >>> sorted(s["by_style"])
    ['(none)', 'english']
    """
    summary: dict[str, Any] = {
        "n": len(results),
        "retrieval": retrieval_metrics(results),
        "answer": answer_metrics(results),
        "latency_ms": latency_metrics(results),
    }
    if with_types:
        kinds = sorted({r.type for r in results})
        summary["by_type"] = {
            kind: summarize([r for r in results if r.type == kind], with_types=False)
            for kind in kinds
        }
        styles = sorted({r.style for r in results})
        if styles != [""]:
            summary["by_style"] = {
                style or "(none)": summarize([r for r in results if r.style == style], False)
                for style in styles
            }
    return summary


def ratios(ours: dict[str, Any], other: dict[str, Any]) -> dict[str, float | None]:
    """ours / other for every retrieval and answer figure (None when undefined).

    >>> ratios({"retrieval": {"mrr": 0.6}, "answer": {}}, {"retrieval": {"mrr": 0.4}, "answer": {}})
    {'mrr': 1.5}
    """
    out: dict[str, float | None] = {}
    for group in ("retrieval", "answer"):
        for key, mine in ours[group].items():
            theirs = other[group].get(key)
            ok = mine is not None and theirs
            out[key] = round(mine / theirs, 3) if ok else None
    return out
