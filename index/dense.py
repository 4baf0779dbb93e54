"""The dense index: FAISS inner product over L2-normalised vectors.

``flat`` (exact, the default) or ``hnsw`` (approximate, for large corpora).
faiss is imported inside the functions, so importing this module is free.

>>> import numpy as np
>>> vecs = np.eye(3, dtype=np.float32)
>>> idx = build(vecs, "flat")
>>> search(idx, vecs[2], 2)[0]
(2, 1.0)
>>> vectors(idx).shape
(3, 3)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np

from index.types import Vectors
from reportqa.errors import ReportQAError

KINDS = ("flat", "hnsw")
HNSW_M = 32


def build(vecs: Vectors, kind: str = "flat") -> Any:
    """A FAISS index over the rows of ``vecs`` (row i gets id i)."""
    import faiss

    if kind not in KINDS:
        raise ReportQAError(
            f"unknown index kind {kind!r}", hint="set REPORTQA_INDEX_KIND to flat or hnsw"
        )
    dim = int(vecs.shape[1])
    index: Any
    if kind == "hnsw":
        index = faiss.IndexHNSWFlat(dim, HNSW_M, faiss.METRIC_INNER_PRODUCT)
        index.hnsw.efConstruction = 80
    else:
        index = faiss.IndexFlatIP(dim)
    if len(vecs):
        index.add(np.ascontiguousarray(vecs, dtype=np.float32))
    return index


def search(index: Any, query: Vectors, n: int) -> list[tuple[int, float]]:
    """The ``n`` nearest (row id, inner product) pairs, best first."""
    n = min(n, int(index.ntotal))
    if n <= 0:
        return []
    if hasattr(index, "hnsw"):
        index.hnsw.efSearch = max(64, 2 * n)
    q = np.ascontiguousarray(query, dtype=np.float32).reshape(1, -1)
    scores, ids = index.search(q, n)
    return [(int(i), float(s)) for i, s in zip(ids[0], scores[0], strict=True) if i >= 0]


def vectors(index: Any) -> Vectors:
    """All stored vectors, shape (ntotal, dim); reused when a report is unchanged."""
    n = int(index.ntotal)
    if not n:
        return np.zeros((0, int(index.d)), dtype=np.float32)
    return np.asarray(index.reconstruct_n(0, n), dtype=np.float32)


def save(index: Any, path: Path) -> None:
    """Write the index with ``faiss.write_index``."""
    import faiss

    faiss.write_index(index, str(path))


def load(path: Path) -> Any:
    """Read an index written by :func:`save`."""
    import faiss

    return faiss.read_index(str(path))
