"""LangChain adapter for an :class:`~index.types.Embedder` (re-exported by index.embedder).

>>> from index.embedder import _Fake
>>> LangChainEmbeddings(_Fake()).embed_documents(["a"])
[[0.7071067690849304, 0.7071067690849304]]
"""

from __future__ import annotations

from langchain_core.embeddings import Embeddings

from index.types import Embedder


class LangChainEmbeddings(Embeddings):
    """LangChain adapter around an :class:`Embedder` (default: :func:`load_embedder`)."""

    def __init__(self, embedder: Embedder | None = None) -> None:
        from index.embedder import load_embedder

        self.embedder = embedder or load_embedder()

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        """Passage vectors as lists of floats."""
        return [list(map(float, row)) for row in self.embedder.embed_documents(texts)]

    def embed_query(self, text: str) -> list[float]:
        """The query vector as a list of floats."""
        return [float(x) for x in self.embedder.embed_query(text)]
