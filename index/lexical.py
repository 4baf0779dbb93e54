"""Okapi BM25 over token lists, in plain numpy, saved as one ``.npz`` file.

Each (term, document) weight is computed once at build time::

    idf(t) * tf * (k1 + 1) / (tf + k1 * (1 - b + b * len(d) / avgdl))
    idf(t) = ln(1 + (N - df + 0.5) / (df + 0.5))

so a query costs one sparse row sum per distinct query term.

>>> bm25 = BM25.build([["a", "b"], ["b", "c", "c"], ["d"]])
>>> [(i, round(s, 3)) for i, s in bm25.search(["c"], 2)]
[(1, 1.207)]
"""

from __future__ import annotations

import json
import math
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

K1 = 1.5
B = 0.75


@dataclass
class BM25:
    """A BM25 index: vocabulary and a term -> (document, weight) posting table."""

    vocab: dict[str, int]
    indptr: npt.NDArray[np.int64]
    doc_ids: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]
    n_docs: int

    @classmethod
    def build(cls, docs: Sequence[Sequence[str]], k1: float = K1, b: float = B) -> BM25:
        """Index documents given as token lists (document i gets id i)."""
        counts = [Counter(doc) for doc in docs]
        lengths = np.array([len(doc) for doc in docs], dtype=np.float64)
        avgdl = float(lengths.mean()) if len(docs) and lengths.sum() else 1.0
        postings: dict[str, list[tuple[int, int]]] = {}
        for i, counter in enumerate(counts):
            for term, tf in counter.items():
                postings.setdefault(term, []).append((i, tf))
        vocab = {term: n for n, term in enumerate(sorted(postings))}
        indptr = np.zeros(len(vocab) + 1, dtype=np.int64)
        doc_ids: list[int] = []
        weights: list[float] = []
        n = len(docs)
        for term in sorted(postings):
            plist = postings[term]
            idf = math.log(1 + (n - len(plist) + 0.5) / (len(plist) + 0.5))
            for i, tf in plist:
                norm = k1 * (1 - b + b * lengths[i] / avgdl)
                doc_ids.append(i)
                weights.append(idf * tf * (k1 + 1) / (tf + norm))
            indptr[vocab[term] + 1] = len(doc_ids)
        return cls(
            vocab,
            indptr,
            np.array(doc_ids, dtype=np.int32),
            np.array(weights, dtype=np.float32),
            n,
        )

    def scores(self, query: Sequence[str]) -> npt.NDArray[np.float32]:
        """The BM25 score of every document for a token list (each distinct term once).

        >>> [round(float(s), 3) for s in BM25.build([["a"], ["b"]]).scores(["a", "a", "zzz"])]
        [0.693, 0.0]
        """
        total = np.zeros(self.n_docs, dtype=np.float32)
        for term in set(query):
            row = self.vocab.get(term)
            if row is None:
                continue
            start, end = self.indptr[row], self.indptr[row + 1]
            total[self.doc_ids[start:end]] += self.weights[start:end]
        return total

    def df(self, term: str) -> int:
        """How many documents hold ``term``.

        >>> BM25.build([["a", "a"], ["a"], ["b"]]).df("a")
        2
        """
        row = self.vocab.get(term)
        return 0 if row is None else int(self.indptr[row + 1] - self.indptr[row])

    def search(self, query: Sequence[str], n: int) -> list[tuple[int, float]]:
        """The ``n`` best (document id, score) pairs with a score above zero."""
        scores = self.scores(query)
        if n <= 0 or not self.n_docs:
            return []
        top = np.argpartition(-scores, n - 1)[:n] if n < self.n_docs else np.arange(self.n_docs)
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(int(i), float(scores[i])) for i in top if scores[i] > 0]

    def save(self, path: Path) -> None:
        """Write the index to ``path`` (an ``.npz`` file).

        >>> import tempfile; p = Path(tempfile.mkdtemp()) / "bm25.npz"
        >>> BM25.build([["a"], ["b"]]).save(p); BM25.load(p).search(["b"], 1)[0][0]
        1
        """
        terms = sorted(self.vocab, key=self.vocab.__getitem__)
        with path.open("wb") as f:
            np.savez(
                f,
                vocab=np.frombuffer(json.dumps(terms, ensure_ascii=False).encode(), np.uint8),
                indptr=self.indptr,
                doc_ids=self.doc_ids,
                weights=self.weights,
                n_docs=np.array([self.n_docs]),
            )

    @classmethod
    def load(cls, path: Path) -> BM25:
        """Read an index written by :meth:`save`."""
        with np.load(path) as data:
            terms = json.loads(data["vocab"].tobytes().decode())
            return cls(
                {term: i for i, term in enumerate(terms)},
                data["indptr"],
                data["doc_ids"],
                data["weights"],
                int(data["n_docs"][0]),
            )
