"""The `extractive` backend: no model; quotes the passages' best sentences.

It scores every sentence of the retrieved passages by the question's rare
character bigrams it contains (and, for English questions, by names and
figures), favours better-ranked passages, and answers with the top sentences,
each quoted in 「」 (characters in Traditional script, words unchanged) and
followed by its [n] marker. Instant, and the fallback when no local model
is installed.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass

from app.backends.base import AnswerRequest
from app.citations import bigrams, split_sentences
from app.language import fold, traditional_chars
from app.prompting import load_prompts
from app.questions import expected_unit, question_grams

MAX_SENTENCES = 3
MAX_CHARS = 320
CAPTION_PENALTY = 0.4  # captions and labels rarely answer a question
UNIT_BOOST = 2.0  # a sentence stating a figure in the unit the question asks for
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{2,}|\d+(?:[.,]\d+)*")
_EN_STOP = frozenset(
    [
        "the",
        "and",
        "what",
        "which",
        "who",
        "when",
        "where",
        "how",
        "does",
        "did",
        "are",
        "was",
        "were",
        "for",
        "with",
        "from",
        "that",
        "this",
        "report",
        "reports",
        "about",
        "into",
        "their",
        "its",
        "there",
        "have",
        "has",
        "many",
        "much",
    ]
)


def _looks_like_caption(text: str) -> bool:
    """A short line with no sentence end: a picture caption or a label.

    >>> _looks_like_caption("陳次長與駱副總經理互贈禮品")
    True
    >>> _looks_like_caption("紫竹高新區由七家股東共同投資組建。")
    False
    """
    body = text.strip()
    return len(body) < 30 and not re.search(r"[。！？!?；;，,：:]", body)


@dataclass(frozen=True)
class Candidate:
    """A sentence of context block ``n`` with its score and position."""

    n: int
    position: int
    text: str
    score: float


def _latin_terms(question: str) -> set[str]:
    return {w.lower() for w in _EN_WORD.findall(question) if w.lower() not in _EN_STOP}


def score_sentences(request: AnswerRequest) -> list[Candidate]:
    """Every sentence of the request's blocks, scored against its question."""
    q_grams = question_grams(request.question)
    q_terms = _latin_terms(request.question)
    unit = expected_unit(request.question)
    sentences = [
        (block.n, rank, i, s)
        for rank, block in enumerate(request.blocks)
        for i, s in enumerate(split_sentences(block.chunk.text))
    ]
    gram_sets = [bigrams(s) for _, _, _, s in sentences]
    doc_freq = Counter(g for grams in gram_sets for g in grams & q_grams)
    total = max(len(sentences), 1)
    candidates = []
    for (n, rank, i, text), grams in zip(sentences, gram_sets, strict=True):
        overlap = sum(math.log(1 + total / doc_freq[g]) for g in grams & q_grams)
        lowered = fold(text)
        overlap += sum(2.0 for term in q_terms if term in lowered)
        if unit is not None and unit.search(text):
            overlap *= UNIT_BOOST
        length_norm = math.sqrt(max(len(grams), 8) / 8)
        prior = 1.0 / (1.0 + rank)
        score = overlap / length_norm + prior
        if _looks_like_caption(text):
            score *= CAPTION_PENALTY
        candidates.append(Candidate(n, i, text.strip(), score))
    return candidates


def select(candidates: list[Candidate]) -> list[Candidate]:
    """The best sentences (at most three, within a character budget), in
    reading order.

    >>> picked = select([Candidate(1, 0, "甲。", 5.0), Candidate(1, 1, "乙。", 0.5)])
    >>> [c.text for c in picked]
    ['甲。']
    """
    ranked = sorted(candidates, key=lambda c: -c.score)
    if not ranked:
        return []
    chosen: list[Candidate] = []
    used = 0
    for candidate in ranked:
        if len(chosen) == MAX_SENTENCES or candidate.score < 0.5 * ranked[0].score:
            break
        if chosen and used + len(candidate.text) > MAX_CHARS:
            continue
        chosen.append(candidate)
        used += len(candidate.text)
    order: dict[int, int] = {}
    for i, candidate in enumerate(ranked):
        order.setdefault(candidate.n, i)
    return sorted(chosen, key=lambda c: (order[c.n], c.position))


class ExtractiveBackend:
    """Answers with the passages' own best sentences, each cited."""

    name = "extractive"

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        """Yield the chosen sentences with their markers, one at a time."""
        chosen = select(score_sentences(request))
        if request.language == "en" and chosen:
            yield load_prompts().get("extractive_intro_en").strip() + " "
        for candidate in chosen:
            text = traditional_chars(candidate.text.strip().lstrip("-•‧· ")).strip("「」")
            yield f"「{text}」[{candidate.n}]"
