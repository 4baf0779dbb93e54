"""The latent rows of an index's reports on disk: one file per report version
in the folder ``<index>-latent`` beside the index (:mod:`index.report_files`),
holding each passage's row and its sentences' rows (:mod:`index.latent`).

>>> import tempfile
>>> files = LatentFiles(Path(tempfile.mkdtemp()) / "index", "fp")
>>> one = Row(np.array([3], np.int32), np.array([1.0], np.float32))
>>> files.write("sha", ["c1"], [Row(one.ids, one.weights, {"甲。": one})])
>>> back = files.read("sha")
>>> list(back), list(back["c1"].sentences)
(['c1'], ['甲。'])
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise
from pathlib import Path
from typing import Any

import numpy as np

from index.latent import LatentIndex
from index.report_files import ReportFiles, gather
from index.types import LATENT_DIM as DIM
from index.types import Row
from ingest.model import Chunk


class LatentFiles(ReportFiles):
    """The latent rows of an index's reports: one file per report version in the
    folder ``<index>-latent`` beside the index (:mod:`index.report_files`)."""

    def __init__(self, index_dir: Path, fingerprint: str) -> None:
        super().__init__(index_dir, "latent", fingerprint)

    def write(self, sha256: str, chunk_ids: Sequence[str], rows: Sequence[Row]) -> None:
        """Record one report's rows, in the order of its ``chunk_ids``, and their
        sentences' rows."""
        sentences = [(n, text, row) for n, r in enumerate(rows)
                     for text, row in r.sentences.items()]
        self.save(sha256, chunks=np.array(list(chunk_ids), dtype=str),
                  owners=np.array([n for n, _, _ in sentences], dtype=np.int64),
                  sentences=np.array([t for _, t, _ in sentences], dtype=str),
                  **_packed(list(rows), ""), **_packed([r for _, _, r in sentences], "s_"))

    def read(self, sha256: str) -> dict[str, Row] | None:
        """Chunk id -> row (with its sentences' rows) of one report; None when its
        file is missing or damaged."""
        data = self.open(sha256, ("chunks", "owners", "sentences", "pointers", "ids", "weights",
                                  "s_pointers", "s_ids", "s_weights"))
        if data is None or len(data["owners"]) != len(data["sentences"]):
            return None
        chunks = _unpacked(data, "", len(data["chunks"]))
        parts = _unpacked(data, "s_", len(data["sentences"]))
        if chunks is None or parts is None:
            return None
        found: list[dict[str, Row]] = [{} for _ in chunks]
        for owner, text, row in zip(data["owners"], data["sentences"], parts, strict=True):
            if not 0 <= int(owner) < len(chunks):
                return None
            found[int(owner)][str(text)] = row
        return {str(c): Row(r.ids, r.weights, s)
                for c, r, s in zip(data["chunks"], chunks, found, strict=True)}

    def to_make(self, entries: Sequence[dict[str, Any]], fresh: dict[str, list[Chunk]],
                read: Callable[[str], list[Chunk] | None]) -> list[tuple[str, list[Chunk]]]:
        """(file name, its chunks) for every report of ``entries`` whose rows are
        to be made: its ``fresh`` chunks (new or changed), else, when its file is
        missing or damaged, ``read`` (the report parsed again; None if it cannot be)."""
        work = []
        for entry in entries:
            chunks = fresh.get(entry["file"])
            if chunks is None and self.read(str(entry["sha256"])) is None:
                chunks = read(entry["file"])
            if chunks is not None:
                work.append((str(entry["file"]), chunks))
        return work

    def write_all(self, entries: Sequence[dict[str, Any]], work: Sequence[tuple[str, list[Chunk]]],
                  chunks: Sequence[Chunk], rows: Sequence[Row]) -> None:
        """Each report of ``work`` to its file; ``rows`` follow ``chunks``."""
        if not rows:
            return
        sha = {str(e["file"]): str(e["sha256"]) for e in entries}
        by_id = {c.id: row for c, row in zip(chunks, rows, strict=True)}
        for file, part in work:
            self.write(sha[file], [c.id for c in part], [by_id[c.id] for c in part])

    def load(self, entries: Sequence[dict[str, Any]], chunks: Sequence[Chunk]
             ) -> tuple[LatentIndex | None, list[dict[str, Any]]]:
        """In one pass over the files: the rows of ``chunks`` in their order (None
        when no report has its file: an app server on a shared library without
        them searches two lists), and the entries whose file is missing or damaged."""
        found, missing = gather(entries, self.read)
        if not found:
            return None, missing
        return LatentIndex([c.doc for c in chunks], [found.get(c.id) for c in chunks]), missing


def _packed(rows: Sequence[Row], name: str) -> dict[str, np.ndarray]:
    """``rows`` as three flat arrays (``name`` + pointers, ids, weights)."""
    lengths = [len(r.ids) for r in rows]
    return {name + "pointers": np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64),
            name + "ids": (np.concatenate([r.ids for r in rows]) if rows
                           else np.zeros(0, np.int32)),
            name + "weights": (np.concatenate([r.weights for r in rows]) if rows
                               else np.zeros(0, np.float32))}


def _unpacked(data: dict[str, np.ndarray], name: str, count: int) -> list[Row] | None:
    """The ``count`` rows packed by :func:`_packed`; None when they do not add up
    or name terms outside the head (made by another one)."""
    pointers, ids, weights = (data[name + k] for k in ("pointers", "ids", "weights"))
    if len(pointers) != count + 1 or not int(pointers[-1]) == len(ids) == len(weights):
        return None
    if len(ids) and (int(ids.min()) < 0 or int(ids.max()) >= DIM):
        return None
    return [Row(ids[a:b].astype(np.int32), weights[a:b].astype(np.float32))
            for a, b in pairwise(pointers)]
