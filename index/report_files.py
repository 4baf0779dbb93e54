"""Arrays kept per report version beside an index: the home of what sentence
vectors (:mod:`index.sentence_vectors`) and latent terms (:mod:`index.latent`)
share.

One ``<key>.npz`` per report in the folder ``<index>-<kind>`` beside the index
(not in it: a files index is swapped whole on every build). The key hashes the
report's sha256 with a fingerprint of what the arrays depend on beside its
bytes (the embedder, the chunker, the parser...), so a change of any makes them
again. A file is written to a temporary name (starting with ".") and renamed; a
missing or damaged file reads as None.

>>> import tempfile
>>> files = ReportFiles(Path(tempfile.mkdtemp()) / "index", "demo", "fp")
>>> files.save("abc", numbers=np.arange(3))
>>> files.open("abc", ("numbers",))["numbers"].tolist(), files.open("zzz", ("numbers",))
([0, 1, 2], None)
"""

from __future__ import annotations

import hashlib
import os
import zipfile
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

V = TypeVar("V")


class ReportFiles:
    """The ``<index>-<kind>`` folder of one index, for one fingerprint."""

    def __init__(self, index_dir: Path, kind: str, fingerprint: str) -> None:
        self.folder = Path(index_dir).with_name(f"{Path(index_dir).name}-{kind}")
        self.fingerprint = fingerprint

    def path(self, sha256: str) -> Path:
        """The file of the report whose bytes hash to ``sha256``."""
        key = hashlib.sha1(f"{sha256}|{self.fingerprint}".encode()).hexdigest()[:20]
        return self.folder / f"{key}.npz"

    def save(self, sha256: str, **arrays: np.ndarray) -> None:
        """Write one report's arrays (atomically)."""
        self.folder.mkdir(parents=True, exist_ok=True)
        target = self.path(sha256)
        temp = target.with_name(f".{target.stem}.{os.getpid()}.tmp.npz")
        np.savez(temp, **arrays)  # type: ignore[arg-type]
        os.replace(temp, target)

    def open(self, sha256: str, names: Sequence[str]) -> dict[str, np.ndarray] | None:
        """The arrays ``names`` of one report; None when its file is missing or
        damaged or lacks one of them."""
        try:
            with np.load(self.path(sha256), allow_pickle=False) as data:
                return {name: data[name] for name in names}
        except (OSError, ValueError, KeyError, EOFError, zipfile.BadZipFile):
            return None

    def keep_only(self, shas: Iterable[str]) -> None:
        """Delete the files of reports no longer in the index (never one being written)."""
        wanted = {self.path(sha).name for sha in shas}
        for path in self.folder.glob("*.npz") if self.folder.is_dir() else ():
            if path.name not in wanted and not path.name.startswith("."):
                path.unlink(missing_ok=True)


def prune(entries: Sequence[dict[str, Any]], *kept: ReportFiles) -> None:
    """Delete the files of ``kept`` whose reports are not among ``entries``."""
    shas = [str(e["sha256"]) for e in entries]
    for files in kept:
        files.keep_only(shas)


def gather(entries: Sequence[dict[str, Any]], read: Callable[[str], dict[str, V] | None]
           ) -> tuple[dict[str, V], list[dict[str, Any]]]:
    """In one pass over the files: what ``read`` finds for the reports of
    ``entries`` (by sha256), merged, and the entries whose file is missing or damaged.

    >>> gather([{"sha256": "a"}, {"sha256": "b"}], lambda sha: {"x": 1} if sha == "a" else None)
    ({'x': 1}, [{'sha256': 'b'}])
    """
    found: dict[str, V] = {}
    missing = []
    for entry in entries:
        part = read(str(entry["sha256"]))
        if part is None:
            missing.append(entry)
        else:
            found.update(part)
    return found, missing
