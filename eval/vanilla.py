"""The usual way, as a reference: whole files cut by LangChain's
RecursiveCharacterTextSplitter (500 characters, 50 overlap), embedded with the
same embedder, searched with a flat inner-product FAISS index; no section
structure, no BM25, no refusal threshold.

>>> from tests.fakes import FakeEmbedder
>>> r = VanillaRetriever([("a.txt", "紫竹高新區的股東結構包括民營企業。張江是示範區。")],
...                      FakeEmbedder(), cache=None)
>>> hit = r.search("紫竹的股東", 1)[0]
>>> hit.chunk.doc, hit.chunk.section_path, hit.chunk.page
('a.txt', (), None)
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from app.backends.base import Backend
from app.pipeline import Pipeline
from index.types import Embedder, Hit, Vectors
from ingest.model import Chunk

CHUNK_SIZE = 500
CHUNK_OVERLAP = 50
SUFFIXES = (".txt", ".md", ".pdf")


def split(text: str) -> list[str]:
    """LangChain's recursive splitter with the usual settings.

    >>> [len(p) for p in split("甲" * 900)]
    [500, 450]
    """
    from langchain_text_splitters import RecursiveCharacterTextSplitter

    splitter = RecursiveCharacterTextSplitter(chunk_size=CHUNK_SIZE, chunk_overlap=CHUNK_OVERLAP)
    return [piece for piece in splitter.split_text(text) if piece.strip()]


def read_report(path: Path) -> str:
    """The whole text of a report file (PDF pages joined)."""
    if path.suffix.lower() == ".pdf":
        import pypdfium2 as pdfium  # as LangChain's PyPDFium2Loader reads it

        doc = pdfium.PdfDocument(str(path))
        try:
            return "\n".join(page.get_textpage().get_text_range() for page in doc)
        finally:
            doc.close()
    return path.read_text(encoding="utf-8", errors="replace")


def report_files(reports: Sequence[Path]) -> list[Path]:
    """The report files under ``reports`` (folders are searched, not recursively)."""
    found: list[Path] = []
    for path in reports:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if p.suffix.lower() in SUFFIXES))
        elif path.is_file():
            found.append(path)
    return found


def make_chunks(documents: Sequence[tuple[str, str]]) -> list[Chunk]:
    """Chunks of the splits: doc is the file name, no section path, no page.

    >>> [c.id for c in make_chunks([("a.txt", "甲乙")])]
    ['vanilla:a.txt:0']
    """
    return [
        Chunk(f"vanilla:{doc}:{i}", doc, (), None, piece, piece)
        for doc, text in documents
        for i, piece in enumerate(split(text))
    ]


class VanillaRetriever:
    """Dense-only top-k over the splits (a Retriever)."""

    def __init__(
        self,
        documents: Sequence[tuple[str, str]],
        embedder: Embedder,
        cache: Path | None = None,
        progress: bool = False,
    ) -> None:
        import faiss

        self.chunks = make_chunks(documents)
        self.embedder = embedder
        vectors = self._vectors(cache, progress)
        self.index: Any = faiss.IndexFlatIP(embedder.dim)
        if len(vectors):
            self.index.add(vectors)

    def _vectors(self, cache: Path | None, progress: bool) -> Vectors:
        key = hashlib.sha256(self.embedder.fingerprint.encode())
        for chunk in self.chunks:
            key.update(chunk.text.encode() + b"\0")
        path = cache / f"{key.hexdigest()[:16]}.npy" if cache else None
        if path is not None and path.is_file():
            cached: Vectors = np.load(path).astype(np.float32)
            return cached
        texts = [c.text for c in self.chunks]
        raw = self.embedder.embed_documents(texts, progress=progress)
        shaped = np.asarray(raw, dtype=np.float32).reshape(len(texts), self.embedder.dim)
        norms = np.linalg.norm(shaped, axis=1, keepdims=True)
        vectors: Vectors = (shaped / np.where(norms == 0, 1, norms)).astype(np.float32)
        if path is not None:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.save(path, vectors)
        return vectors

    def search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` most similar splits, best first."""
        if k <= 0 or not self.chunks or not query.strip():
            return []
        vector = np.asarray(self.embedder.embed_query(query), dtype=np.float32).reshape(1, -1)
        scores, ids = self.index.search(vector, min(k, len(self.chunks)))
        return [
            Hit(self.chunks[i], float(s), dense_rank=r, dense_score=float(s))
            for r, (i, s) in enumerate(zip(ids[0], scores[0], strict=True), start=1)
            if i >= 0
        ]


def build_vanilla_pipeline(
    reports: Path | None = None,
    backend: Backend | None = None,
    k: int | None = None,
    embedder: Embedder | None = None,
    progress: bool = True,
) -> Pipeline:
    """A Pipeline over the vanilla retriever, the extractive backend unless one is
    given, and refusal threshold 0 (no calibrated refusal)."""
    from app.backends.extractive import ExtractiveBackend
    from app.refusal import EvidenceScorer
    from index.store import resolve_reports
    from reportqa import settings

    if embedder is None:
        from index.embedder import load_embedder

        embedder = load_embedder()
    files = report_files(resolve_reports(reports))
    documents = [(path.name, read_report(path)) for path in files]
    retriever = VanillaRetriever(
        documents, embedder, cache=settings.data_dir() / "eval-vanilla", progress=progress
    )
    return Pipeline(
        retriever=retriever,
        backend=backend or ExtractiveBackend(),
        scorer=EvidenceScorer(c.text for c in retriever.chunks),
        k=k or settings.get_int("top_k"),
        refusal_threshold=0.0,
        context_tokens=settings.get_int("context_tokens"),
        max_tokens=settings.get_int("max_tokens"),
    )
