"""The default store's search side: a FAISS index and a BM25 index in memory.

Row ``i`` of both is the index's chunk ``i``. A search limited to some reports
scans the whole list and keeps theirs (exact, and cheap for one analyst's library).

>>> import numpy as np
>>> from index import dense
>>> from index.lexical import BM25
>>> s = FaissSearch(dense.build(np.eye(2, dtype=np.float32)), BM25.build([["a"], ["b"]]),
...                 ["x.txt", "y.txt"])
>>> s.dense_search(np.array([0, 1], np.float32), 1)
[(1, 1.0)]
>>> [(i, round(x, 3)) for i, x in s.lexical_search(["a"], 5)]
[(0, 0.693)]
>>> s.dense_search(np.array([0, 1], np.float32), 1, frozenset({"x.txt"}))
[(0, 0.0)]
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass
from typing import Any

from index import dense
from index.lexical import BM25
from index.types import Ranked, Vectors


@dataclass
class FaissSearch:
    """FAISS (dense) and BM25 (lexical) over the same rows (a SearchStore)."""

    index: Any
    bm25: BM25
    docs: Sequence[str]  # the report (Chunk.doc) of each row

    def _within(self, search: Callable[[int], Ranked], n: int, total: int,
                docs: frozenset[str] | None) -> Ranked:
        """The first ``n`` of ``search`` in ``docs``, searching 4x deeper until found."""
        if docs is None:
            return search(n)
        depth = 4 * n
        while True:
            ranked = search(depth)
            kept = [pair for pair in ranked if self.docs[pair[0]] in docs][:n]
            if len(kept) == n or depth >= total or len(ranked) < depth:
                return kept
            depth *= 4

    def dense_search(self, vector: Vectors, n: int,
                     docs: frozenset[str] | None = None) -> Ranked:
        """The ``n`` rows nearest ``vector``."""
        return self._within(lambda depth: dense.search(self.index, vector, depth), n,
                            int(self.index.ntotal), docs)

    def lexical_search(self, terms: Sequence[str], n: int,
                       docs: frozenset[str] | None = None) -> Ranked:
        """The ``n`` best rows by BM25 (scoring above zero)."""
        return self._within(lambda depth: self.bm25.search(terms, depth), n,
                            self.bm25.n_docs, docs)

    def df(self, term: str) -> int:
        """How many rows hold ``term``."""
        return self.bm25.df(term)

    @property
    def vocabulary(self) -> Collection[str]:
        """Every BM25 term."""
        return self.bm25.vocab.keys()

    def vectors(self) -> Vectors:
        """All vectors, in row order."""
        return dense.vectors(self.index)
