"""LangChain adapter: the hybrid retriever as a ``langchain_core`` BaseRetriever.

Kept apart from :mod:`index.retriever` because importing langchain_core costs
most of a second, which the ``ask`` start-up path does not need.
"""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import (
    AsyncCallbackManagerForRetrieverRun,
    CallbackManagerForRetrieverRun,
)
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever

from index.types import Hit


def to_document(hit: Hit, rank: int) -> Document:
    """A LangChain Document for a hit; metadata carries where it is and how it ranked.

    >>> from tests.fakes import chunk
    >>> doc = to_document(Hit(chunk("c1", "正文"), 0.5, dense_rank=2), 1)
    >>> doc.page_content, doc.metadata["ranks"]
    ('正文', {'fused': 1, 'dense': 2, 'bm25': None, 'latent': None})
    """
    c = hit.chunk
    return Document(
        page_content=c.text,
        id=c.id,
        metadata={
            "chunk_id": c.id,
            "doc": c.doc,
            "section_path": list(c.section_path),
            "page": c.page,
            "score": hit.score,
            "ranks": {"fused": rank, "dense": hit.dense_rank, "bm25": hit.bm25_rank,
                      "latent": hit.latent_rank},
            "scores": {"dense": hit.dense_score, "bm25": hit.bm25_score,
                       "latent": hit.latent_score},
        },
    )


class LangChainRetriever(BaseRetriever):
    """Wraps any project Retriever (``search(query, k) -> list[Hit]``).

    >>> from index.types import Retriever
    >>> class One:
    ...     def search(self, query: str, k: int) -> list[Hit]:
    ...         from tests.fakes import chunk
    ...         return [Hit(chunk("c1", query), 1.0)]
    >>> LangChainRetriever(retriever=One(), k=1).invoke("問題")[0].metadata["chunk_id"]
    'c1'
    """

    retriever: Any
    k: int = 5

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun, k: int | None = None
    ) -> list[Document]:
        """The top ``k`` passages (``invoke(query, k=3)``; the field ``k`` by default)."""
        hits = self.retriever.search(query, self.k if k is None else k)
        return [to_document(hit, rank) for rank, hit in enumerate(hits, start=1)]

    async def _aget_relevant_documents(
        self, query: str, *, run_manager: AsyncCallbackManagerForRetrieverRun,
        k: int | None = None,
    ) -> list[Document]:
        """As :meth:`_get_relevant_documents` (the search itself is synchronous)."""
        hits = self.retriever.search(query, self.k if k is None else k)
        return [to_document(hit, rank) for rank, hit in enumerate(hits, start=1)]


def milvus_vectorstore(reports: Any = None, data_dir: Any = None) -> Any:
    """The library's Milvus collection as a ``langchain_milvus.Milvus`` vector
    store, for LangChain code that wants one (``similarity_search``,
    ``as_retriever``): dense search over the same rows, by the index's embedder.
    The hybrid retriever above (``LangChainRetriever``) is what ``ask`` uses.

    Needs ``REPORTQA_STORE=milvus`` and an index built there (``reportqa index``).
    """
    from index.build import default_embedder, store_for
    from index.embed_langchain import LangChainEmbeddings
    from index.milvus_engine import INSTALL, endpoint
    from index.milvus_store import MilvusStore
    from index.store import resolve_reports
    from reportqa.errors import MissingExtra, ReportQAError

    home = store_for(resolve_reports(reports), data_dir)
    if not isinstance(home, MilvusStore):
        raise ReportQAError("the index is not in Milvus", hint="set REPORTQA_STORE=milvus "
                            "and run `reportqa index`")
    try:
        from langchain_milvus import Milvus
    except ModuleNotFoundError:
        raise MissingExtra("langchain-milvus", "LangChain Milvus vector store", INSTALL) from None
    return Milvus(embedding_function=LangChainEmbeddings(default_embedder()),
                  collection_name=home.name,
                  connection_args={"uri": endpoint(home.uri, home.engine), "token": home.token},
                  primary_field="id", text_field="text", vector_field="vector", auto_id=False)
