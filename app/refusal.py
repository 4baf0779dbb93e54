"""Calibrated refusal: decide from retrieval evidence whether the reports hold
the answer, and recognise a model's own refusal.

The evidence score of a question is the IDF-weighted share of its character
bigrams (question words removed) found in the retrieved passages; bigrams the
corpus never contains weigh most, so a question about another park or another
year scores low. For English questions, which share no characters with Chinese
reports, the score is the best passage's dense similarity combined with the
share of names and figures found. The threshold below which the answer is a
refusal is the setting ``refusal_threshold``, fitted by
``reportqa eval --fit-refusal``.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable, Sequence

from app.backends.extractive import question_grams
from app.citations import bigrams
from app.language import detect_language, fold
from index.types import Hit

_REFUSAL = re.compile(
    r"找不到|查無|未提及|沒有提及|没有提及|未提到|沒有提到|没有提到|無相關|无相关|沒有相關|没有相关|"
    r"未包含|沒有包含|无法回答|無法回答|不包含|未說明|未说明|"
    r"do(?:es)? not (?:contain|mention|include|provide|state)|not (?:found|mentioned|stated)|"
    r"no information|cannot (?:find|answer)",
    re.I,
)
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)1[01]\d(?=\s*年)")
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z0-9\-]{2,}\b")


def is_refusal_text(text: str) -> bool:
    """Whether a model's answer says the reports do not hold the answer.

    >>> is_refusal_text("報告中找不到相關資訊。")
    True
    >>> is_refusal_text("紫竹高新區的股東有三家。[1]")
    False
    """
    head = text.strip()[:80]
    return bool(_REFUSAL.search(head))


class EvidenceScorer:
    """Scores how well retrieved passages cover a question (0 to 1)."""

    def __init__(self, corpus_texts: Iterable[str]) -> None:
        self.doc_freq: Counter[str] = Counter()
        self.size = 0
        for text in corpus_texts:
            self.doc_freq.update(bigrams(text))
            self.size += 1

    def idf(self, gram: str) -> float:
        """Inverse document frequency; highest for bigrams the corpus lacks."""
        return math.log((self.size + 1) / (self.doc_freq.get(gram, 0) + 0.5))

    def coverage(self, question: str, passages: Sequence[str]) -> float:
        """IDF-weighted share of the question's bigrams found in ``passages``."""
        grams = question_grams(question)
        if not grams:
            return 0.0
        found = bigrams("".join(passages))
        total = sum(self.idf(g) for g in grams)
        return sum(self.idf(g) for g in grams if g in found) / total if total else 0.0

    def score(self, question: str, hits: Sequence[Hit]) -> float:
        """The evidence score of ``hits`` for ``question``."""
        if not hits:
            return 0.0
        passages = [h.chunk.breadcrumb + h.chunk.text for h in hits]
        if _missing_years(question, passages):
            return 0.0
        if detect_language(question) == "en":
            dense = max((h.dense_score or 0.0) for h in hits)
            names = _LATIN_NAME.findall(question)
            joined = fold("".join(passages))
            share = (
                sum(1 for n in names if fold(n) in joined) / len(names) if names else 1.0
            )
            return max(0.0, min(1.0, (dense - 0.7) / 0.2)) * (0.5 + 0.5 * share)
        return self.coverage(question, passages)


def _missing_years(question: str, passages: Sequence[str]) -> bool:
    """True when the question names a year that no passage mentions.

    >>> _missing_years("2019年的 ASPA 年會在哪裡？", ["2023 年 ASPA 在慶州"])
    True
    """
    joined = "".join(passages)
    return any(year not in joined for year in _YEAR.findall(question))
