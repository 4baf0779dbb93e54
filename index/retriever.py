"""Hybrid search: dense and BM25 lists fused by reciprocal rank, overlaps removed.

Each list is searched ``depth`` deep; a chunk's fused score is
``sum(w / (RRF_K + rank))`` over the lists it appears in. The BM25 weight is
scaled by the share of query words the corpus has at all (an English question
over Chinese reports leans on the dense list). Chunks of one section
whose text overlaps a better chunk are dropped, and the lists are searched
deeper until ``k`` distinct hits are found (or the index is exhausted).

>>> fuse([[7, 8], [8, 9]], k=60)[0]
(8, 0.03252247488101534)
"""

from __future__ import annotations

from collections.abc import Container, Hashable, Sequence
from typing import TypeVar

from index import dense
from index.store import IndexHandle
from index.types import Hit
from ingest.model import Chunk

# Tuned on eval/qa.jsonl (general knobs only; see index.bench): k 60 -> 10 and a
# heavier BM25 list each gained ~1 point of hit@1/hit@5.
RRF_K = 10
DEPTH = 40
WEIGHTS = (1.0, 1.5)  # dense, BM25
T = TypeVar("T", bound=Hashable)


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


def overlap(a: Chunk, b: Chunk) -> int:
    """Characters two chunks of the same section share (0 for other sections).

    >>> x = Chunk("1", "d", ("S",), None, "abcdef", "", start=0)
    >>> overlap(x, Chunk("2", "d", ("S",), None, "defgh", "", start=3))
    3
    >>> overlap(x, Chunk("3", "d", ("T",), None, "defgh", "", start=3))
    0
    """
    if a.doc != b.doc or a.section_path != b.section_path:
        return 0
    if a.text in b.text or b.text in a.text:
        return min(len(a.text), len(b.text))
    first, second = (a, b) if a.start <= b.start else (b, a)
    shared = first.start + len(first.text) - second.start
    if shared <= 0:
        return 0
    head = second.text[:shared]
    return shared if first.text.endswith(head) else 0


def dedupe(order: Sequence[int], chunks: Sequence[Chunk], k: int) -> list[int]:
    """The first ``k`` ids of ``order`` that overlap no better-ranked kept chunk."""
    kept: list[int] = []
    for i in order:
        if all(overlap(chunks[i], chunks[j]) == 0 for j in kept):
            kept.append(i)
            if len(kept) == k:
                break
    return kept


class HybridRetriever:
    """Dense + BM25 search over an :class:`~index.store.IndexHandle` (a Retriever)."""

    def __init__(
        self,
        handle: IndexHandle,
        depth: int = DEPTH,
        rrf_k: int = RRF_K,
        weights: Sequence[float] = WEIGHTS,
        dedupe: bool = True,
    ) -> None:
        self.handle = handle
        self.depth = depth
        self.rrf_k = rrf_k
        self.weights = tuple(weights)
        self.dedupe = dedupe

    def _dense(self, query: str, n: int) -> list[tuple[int, float]]:
        return dense.search(self.handle.dense, self.handle.embed_query(query), n)

    def _bm25(self, query: str, n: int) -> list[tuple[int, float]]:
        return self.handle.bm25.search(self.handle.query_tokens(query), n)

    def dense_search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` nearest chunks by vector alone."""
        chunks = self.handle.chunks
        return [
            Hit(chunks[i], s, dense_rank=r, dense_score=s)
            for r, (i, s) in enumerate(self._dense(query, k), start=1)
        ]

    def bm25_search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` best chunks by BM25 alone."""
        chunks = self.handle.chunks
        return [
            Hit(chunks[i], s, bm25_rank=r, bm25_score=s)
            for r, (i, s) in enumerate(self._bm25(query, k), start=1)
        ]

    def search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` best distinct chunks by fused rank, best first."""
        n_total = len(self.handle.chunks)
        if k <= 0 or not n_total or not query.strip():
            return []
        vector = self.handle.embed_query(query)
        terms = self.handle.query_tokens(query)
        depth = max(self.depth, 2 * k)
        while True:
            found = dense.search(self.handle.dense, vector, depth)
            matched = self.handle.bm25.search(terms, depth)
            hits = self._fuse(found, matched, k, coverage(terms, self.handle.bm25.vocab))
            if len(hits) >= k or depth >= n_total:
                return hits
            depth *= 4

    def _fuse(
        self, found: list[tuple[int, float]], matched: list[tuple[int, float]], k: int,
        share: float = 1.0,
    ) -> list[Hit]:
        dense_at = {i: (r, s) for r, (i, s) in enumerate(found, start=1)}
        bm25_at = {i: (r, s) for r, (i, s) in enumerate(matched, start=1)}
        weights = (self.weights[0], self.weights[1] * share)
        fused = fuse([[i for i, _ in found], [i for i, _ in matched]], self.rrf_k, weights)
        chunks = self.handle.chunks
        order = [i for i, _ in fused]
        kept = dedupe(order, chunks, k) if self.dedupe else order[:k]
        score = dict(fused)
        return [
            Hit(
                chunks[i],
                score[i],
                dense_rank=dense_at.get(i, (None, None))[0],
                bm25_rank=bm25_at.get(i, (None, None))[0],
                dense_score=dense_at.get(i, (None, None))[1],
                bm25_score=bm25_at.get(i, (None, None))[1],
            )
            for i in kept
        ]
