"""The index layer: dense (FAISS) + lexical (BM25) hybrid search over report chunks.

>>> from index import open_index, HybridRetriever  # cheap: loaded on first use
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from index.build import build_index, index_status, open_index
    from index.lc_adapter import LangChainRetriever
    from index.retriever import HybridRetriever
    from index.store import IndexHandle

__all__ = [
    "HybridRetriever",
    "IndexHandle",
    "LangChainRetriever",
    "build_index",
    "index_status",
    "open_index",
]

_WHERE = {
    "build_index": "index.build",
    "index_status": "index.build",
    "open_index": "index.build",
    "HybridRetriever": "index.retriever",
    "LangChainRetriever": "index.lc_adapter",
    "IndexHandle": "index.store",
}


def __getattr__(name: str) -> Any:
    """Import the public names lazily, so ``import index.types`` stays cheap."""
    if name in _WHERE:
        import importlib

        return getattr(importlib.import_module(_WHERE[name]), name)
    raise AttributeError(f"module 'index' has no attribute {name!r}")
