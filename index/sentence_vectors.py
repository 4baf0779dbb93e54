"""Sentence vectors made at index time, so that reading a Chinese question's
passages costs a dot product, not a pass of the embedder (about 25 ms a
sentence on 2 cores).

One file per report version (``<key>.npz`` in the folder ``<index>-sentences``
beside the index, keyed by the report's sha256, the embedder, the chunker and the parser): adding a
report embeds only its sentences, removing one deletes its file, and files are
written to a temporary name and renamed. A library whose folder lacks them (an
app server reading a shared Milvus library) still works: the sentences are then
embedded when first read.

>>> from ingest.model import Chunk
>>> sentences_of([Chunk("c", "a.txt", (), 1, "甲有三家。乙有兩家。甲有三家。", "")])
['甲有三家。', '乙有兩家。']
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.report_files import ReportFiles, gather
from index.types import Embedder, Vectors
from ingest.model import PARSER, Chunk
from ingest.sentences import split_sentences

FOLDER = "sentences"


def sentences_of(chunks: Iterable[Chunk]) -> list[str]:
    """The distinct sentences of ``chunks``, in order (as the reader splits them)."""
    return list(dict.fromkeys(s for chunk in chunks for s in split_sentences(chunk.text)))


def sentence_store(index_dir: Path, embedder: Embedder, size: int, overlap: int
                   ) -> SentenceVectors:
    """The sentence vectors of the index in ``index_dir``, keyed by what they
    depend on beside a report's bytes: the embedder, the chunker and the parser."""
    return SentenceVectors(index_dir, f"{embedder.fingerprint}|{size}|{overlap}|{PARSER}")


class SentenceVectors(ReportFiles):
    """The ``<index>-sentences`` folder of one index, for one embedder
    (:mod:`index.report_files`)."""

    def __init__(self, index_dir: Path, fingerprint: str) -> None:
        """``fingerprint``: what the vectors depend on beside the report's bytes (the
        embedder, the chunker and the parser; see :func:`sentence_store`)."""
        super().__init__(index_dir, FOLDER, fingerprint)

    def read(self, entries: Sequence[dict[str, Any]]
             ) -> tuple[dict[str, Vectors], list[dict[str, Any]]]:
        """In one pass over the files: sentence -> vector for the reports of
        ``entries`` that have theirs, and the entries whose vectors are not made
        yet or whose file is damaged (the next build makes them again)."""
        return gather(entries, self._part)

    def _part(self, sha256: str) -> dict[str, Vectors] | None:
        """One report's sentence -> vector, or None when missing or damaged."""
        data = self.open(sha256, ("texts", "vectors"))
        if data is None or len(data["texts"]) != len(data["vectors"]):
            return None
        return {str(t): v for t, v in zip(data["texts"], data["vectors"], strict=True)}

    def missing(self, entries: Sequence[dict[str, Any]]) -> list[dict[str, Any]]:
        """The entries whose sentence vectors are missing or damaged (see :meth:`read`)."""
        return self.read(entries)[1]

    def to_make(self, entries: Sequence[dict[str, Any]], fresh: dict[str, list[Chunk]],
                read: Callable[[str], list[Chunk] | None]) -> list[tuple[str, list[str]]]:
        """(report sha256, its sentences) for every report of ``entries`` whose
        vectors are missing: from its ``fresh`` chunks (new or changed reports),
        else from ``read`` (its file parsed again; None when it cannot be)."""
        work = []
        for entry in self.missing(entries):
            chunks = fresh.get(entry["file"])
            chunks = chunks if chunks is not None else read(entry["file"])
            if chunks is not None:
                work.append((str(entry["sha256"]), sentences_of(chunks)))
        return work

    def write_all(self, work: Sequence[tuple[str, list[str]]], vectors: Vectors) -> None:
        """Each report's rows of ``vectors`` (in the order of ``work``) to its file."""
        cursor = 0
        for sha, texts in work:
            self.write(sha, texts, vectors[cursor : cursor + len(texts)])
            cursor += len(texts)

    def write(self, sha256: str, sentences: Sequence[str], vectors: Vectors) -> None:
        """Record one report's sentences and their vectors (atomically)."""
        self.save(sha256, texts=np.array(list(sentences), dtype=str),
                  vectors=np.asarray(vectors, dtype=np.float32))

    def load(self, entries: Sequence[dict[str, Any]]) -> dict[str, Vectors]:
        """Sentence -> vector for the reports of ``entries`` that have theirs (a
        damaged file is left out: those sentences are embedded when read)."""
        return self.read(entries)[0]
