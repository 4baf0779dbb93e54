"""Reciprocal-rank fusion of ranked lists, and the helpers the retriever fuses with.

>>> fuse([[7, 8], [8, 9]], k=60)[0]
(8, 0.03252247488101534)
"""

from __future__ import annotations

import json
from collections.abc import Container, Hashable, Sequence
from pathlib import Path
from typing import TypeVar

from index.passages import overlap
from ingest.model import Chunk

RRF_K = 10
T = TypeVar("T", bound=Hashable)
WEIGHTS_FILE = Path(__file__).with_name("fusion.json")  # written by `reportqa eval --fit-fusion`
LATENT_WEIGHT = 0.4  # when the file is missing


def latent_weight() -> float:
    """The fitted weight of the latent-terms list (``index/fusion.json``).

    >>> 0.0 <= latent_weight() <= 1.0
    True
    """
    try:
        return float(json.loads(WEIGHTS_FILE.read_text("utf-8"))["latent_weight"])
    except (OSError, ValueError, KeyError, TypeError):
        return LATENT_WEIGHT


def fuse(
    lists: Sequence[Sequence[T]], k: int = RRF_K, weights: Sequence[float] | None = None
) -> list[tuple[T, float]]:
    """Reciprocal-rank fusion of ranked id lists, best first (ties keep first-seen order).

    >>> [i for i, _ in fuse([[1, 2, 3], [3, 2]])]
    [3, 2, 1]
    """
    scores: dict[T, float] = {}
    for n, ranked in enumerate(lists):
        weight = 1.0 if weights is None else weights[n]
        for rank, item in enumerate(ranked, start=1):
            scores[item] = scores.get(item, 0.0) + weight / (k + rank)
    return sorted(scores.items(), key=lambda pair: -pair[1])


def coverage(terms: Sequence[str], vocab: Container[str]) -> float:
    """Share of the query's words (not bigrams) that occur in the corpus.

    >>> coverage(["how", "many", "紫竹", "#紫竹"], {"紫竹", "#紫竹"})
    0.3333333333333333
    """
    words = [t for t in terms if not t.startswith("#")]
    return sum(t in vocab for t in words) / len(words) if words else 0.0


def dedupe(order: Sequence[int], chunks: Sequence[Chunk], k: int) -> list[int]:
    """The first ``k`` ids of ``order`` that overlap no better-ranked kept chunk."""
    kept: list[int] = []
    for i in order:
        if all(overlap(chunks[i], chunks[j]) == 0 for j in kept):
            kept.append(i)
            if len(kept) == k:
                break
    return kept
