"""The default store: FAISS and BM25 files in a folder (see :mod:`index.store`).

A write builds every file in a sibling temp folder and swaps it in with two
renames, so a killed build leaves the last good index in place. The vectors of
kept reports are read back from the old FAISS index, never re-embedded.

>>> FilesStore(Path("/d/index")).where
'/d/index'
"""

from __future__ import annotations

import contextlib
import tempfile
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np

from index import dense, store
from index.chunk_terms import LEXICAL, query_words, terms_of
from index.faiss_search import FaissSearch
from index.lexical import BM25
from index.types import Embedder, ReportPart, Row, Vectors
from ingest.model import Chunk


@dataclass
class FilesStore:
    """The index in ``path``; ``reports`` only shape the hints of its errors."""

    path: Path
    reports: Sequence[Path] | None = None
    kind: str = "flat"  # the FAISS index type (the index_kind setting)

    @property
    def where(self) -> str:
        """The folder."""
        return str(self.path)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """The folder's lock; temp folders of killed builds are removed under it."""
        with store.locked(self.path):
            store.clean_temp(self.path)
            yield

    def read_manifest(self) -> dict[str, Any] | None:
        """``manifest.json``; ``None`` when there is no index."""
        return store.read_manifest(self.path, self.reports)

    def load(self, embedder: Embedder) -> store.IndexHandle:
        """Every file of the index, checked against the others."""
        return store.load_index(self.path, embedder, self.reports)

    def fetch(self, ids: Sequence[str]) -> list[Chunk]:
        """The chunks with these ids, read from ``chunks.jsonl``."""
        by_id = {c.id: c for c in self.load(_Unused()).chunks}
        return [by_id[i] for i in ids if i in by_id]

    def _kept(self, keep: Sequence[str]) -> dict[str, tuple[list[Chunk], Vectors]]:
        """The chunks and vectors of each kept report, from the index on disk."""
        if not keep:
            return {}
        old = self.load(_Unused())
        assert isinstance(old.store, FaissSearch)
        vectors = old.store.vectors()
        out, offset = {}, 0
        for entry in old.manifest["reports"]:
            count = int(entry["chunks"])
            if entry["file"] in keep:
                out[entry["file"]] = (old.chunks[offset:offset + count],
                                      vectors[offset:offset + count])
            offset += count
        return out

    def write(self, manifest: dict[str, Any], keep: Sequence[str],
              add: Sequence[ReportPart]) -> None:
        """Write the whole index anew in a temp folder and swap it in."""
        kept = self._kept(keep)
        added = {part.file: part for part in add}
        chunks: list[Chunk] = []
        blocks: list[Vectors] = []
        terms: list[list[str]] = []
        for entry in manifest["reports"]:
            part = added.get(entry["file"])
            if part is not None:
                chunks += part.chunks
                blocks.append(part.vectors)
                terms += part.terms
            elif entry["file"] in kept:
                old_chunks, old_vectors = kept[entry["file"]]
                chunks += old_chunks
                blocks.append(old_vectors)
                terms += terms_of(old_chunks)
        dim = int(manifest["embedder"]["dim"])
        vectors = np.vstack(blocks).astype(np.float32) if blocks else np.zeros((0, dim), np.float32)
        bm25 = BM25.build(terms, LEXICAL["k1"], LEXICAL["b"])
        tmp = Path(tempfile.mkdtemp(prefix=self.path.name + ".tmp-", dir=self.path.parent))
        store.write_files(tmp, manifest, chunks, dense.build(vectors, self.kind), bm25,
                          query_words(terms))
        store.swap_in(tmp, self.path)


class _Unused:
    """The embedder of a handle loaded only to read its chunks and vectors back."""

    model_id = fingerprint = ""
    dim = 0
    latent = False

    def embed_query(self, text: str) -> Vectors:
        raise AssertionError("not used")

    def embed_documents(self, texts: list[str], progress: bool = False) -> Vectors:
        raise AssertionError("not used")

    def embed_few(self, texts: list[str]) -> Vectors:
        raise AssertionError("not used")

    def embed_latent(self, texts: list[str], latent: int, progress: bool = False
                     ) -> tuple[Vectors, list[Row]]:
        raise AssertionError("not used")

    def latent_query(self, text: str) -> Row | None:
        raise AssertionError("not used")
