"""LangChain's own standard test suites (``langchain-tests``) against reportqa's
adapters: the embeddings (unit and integration) and the retriever over the
bundled reports' real index, in the order ``ask`` uses."""

from __future__ import annotations

from functools import cache
from typing import Any

from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from langchain_tests.integration_tests import (
    EmbeddingsIntegrationTests,
    RetrieversIntegrationTests,
)
from langchain_tests.unit_tests import EmbeddingsUnitTests

from index.embed_langchain import LangChainEmbeddings
from index.lc_adapter import LangChainRetriever


class OurEmbeddings:
    """What both embeddings suites build: ``LangChainEmbeddings`` with the real embedder."""

    @property
    def embeddings_class(self) -> type[Embeddings]:
        return LangChainEmbeddings

    @property
    def embedding_model_params(self) -> dict[str, Any]:
        return {}


class TestEmbeddingsUnit(OurEmbeddings, EmbeddingsUnitTests):
    pass


class TestEmbeddingsIntegration(OurEmbeddings, EmbeddingsIntegrationTests):
    pass


@cache
def _as_asked() -> Any:
    """The bundled reports' retriever as ``ask`` uses it (index opened once)."""
    from app.factory import as_asked
    from index.build import open_index
    from index.retriever import HybridRetriever

    return as_asked(HybridRetriever(open_index(progress=False)))


class TestRetriever(RetrieversIntegrationTests):
    @property
    def retriever_constructor(self) -> type[BaseRetriever]:
        return LangChainRetriever

    @property
    def retriever_constructor_params(self) -> dict[str, Any]:
        return {"retriever": _as_asked(), "k": 5}

    @property
    def retriever_query_example(self) -> str:
        return "紫竹高新區的股東結構?"
