"""Building, updating and opening the index.

``build_index`` re-embeds only the reports whose bytes changed (the vectors of
the others are read back from the old FAISS index), drops removed reports and
rebuilds BM25 (cheap). ``open_index`` builds or updates on first use, so
``reportqa search`` works with no prior ``reportqa index``.

What a build records, and whether it is current: :mod:`index.manifest`.
"""

from __future__ import annotations

import datetime as dt
import sys
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from index import store
from index.chunk_terms import LEXICAL, build_lexical, terms_of
from index.latent import LatentIndex, head_fingerprint
from index.latent_files import LatentFiles
from index.manifest import is_current, make_manifest, pending
from index.report_files import prune
from index.sentence_vectors import SentenceVectors, sentence_store
from index.store import Skipped, Store, not_read, skipped_reports
from index.types import Embedder, ReportPart, Row, Vectors
from ingest.model import PARSER, Chunk
from reportqa import settings
from reportqa.errors import ReportQAError

__all__ = ["LEXICAL", "build_lexical"]  # re-exported
STORES = ("files", "milvus")


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
    sentences: int = 0  # sentence vectors made (index.sentence_vectors)
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
            + f"; {self.chunks} chunks ({self.embedded} embedded"
            + (f", {self.sentences} sentences" if self.sentences else "")
            + f") in {self.seconds:.1f} s"
        )


def default_embedder() -> Embedder:
    """The embedder named by the ``embedder`` setting."""
    from index.embedder import load_embedder

    embedder: Embedder = load_embedder()
    return embedder


def embed(embedder: Embedder, texts: list[str], progress: bool, latent: int = 0
          ) -> tuple[Vectors, list[Row]]:
    """Vectors of ``texts``, L2-normalised, and the latent terms of the first
    ``latent`` of them; the embedder draws the progress bar.

    All texts go to the embedder in one call, so it can pick its fastest way for
    that many (sentence-transformers for an index, see :mod:`index.embedder`)
    and batch them by length.
    """
    if not texts:
        return np.zeros((0, embedder.dim), dtype=np.float32), []
    raw, rows = (embedder.embed_latent(texts, latent, progress=progress) if latent
                 else (embedder.embed_documents(texts, progress=progress), []))
    out = np.asarray(raw, dtype=np.float32).reshape(len(texts), embedder.dim)
    norms = np.linalg.norm(out, axis=1, keepdims=True)
    return (out / np.where(norms == 0, 1, norms)).astype(np.float32), rows


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


def store_for(paths: Sequence[Path], data_dir: Path | None = None,
              kind: str | None = None) -> Store:
    """The home of the index of ``paths``, by the ``store`` setting: FAISS + BM25
    files in the data folder, or a Milvus collection at ``milvus_uri``.

    >>> store_for([Path("/x")], Path("/d")).where.startswith("/d/index-")
    True
    """
    name = settings.get_str("store")
    if name == "milvus":
        from index.milvus_store import MilvusStore

        return MilvusStore.for_reports(paths, data_dir)
    if name != "files":
        raise ReportQAError(f"unknown store {name!r}",
                            hint="set REPORTQA_STORE to " + " or ".join(STORES))
    from index.files_store import FilesStore

    return FilesStore(store.index_dir(paths, data_dir), paths,
                      kind or settings.get_str("index_kind"))


def _compatible(home: Store, embedder: Embedder, size: int, overlap: int,
                reports: Sequence[Path]) -> dict[str, Any] | None:
    """The old manifest, checked against the model and chunker (``None``: no index)."""
    manifest = home.read_manifest()
    if manifest is not None:
        store.check_compatible(manifest, embedder, size, overlap, reports)
    return manifest


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
    """Build or update the index of ``reports`` in its store, atomically."""
    started = time.perf_counter()
    paths = store.resolve_reports(reports)
    embedder = embedder or default_embedder()
    size, overlap = _chunker(size, overlap)
    kind = kind or settings.get_str("index_kind")
    home = store_for(paths, data_dir, kind)
    with home.locked():
        files = _discover(paths)
        old = None if rebuild else _compatible(home, embedder, size, overlap, paths)
        result, entries, fresh = _collect(files, old, size, overlap)
        result.path = Path(home.where)
        result.chunks = sum(int(e["chunks"]) for e in entries)
        if not result.chunks and result.skipped:
            first = result.skipped[0]
            raise ReportQAError(f"no report could be read; {first.reason}",
                                hint=first.hint or "pass readable TXT, MD, PDF or DOCX reports")
        chunks = [c for _, part in fresh for c in part]
        sentences = sentence_store(store.index_dir(paths, data_dir), embedder, size, overlap)
        reading = _sentence_work(sentences, entries, fresh, files, size, overlap)
        texts = [s for _, part in reading for s in part]
        latent = latent_store(store.index_dir(paths, data_dir), embedder, size, overlap)
        redo = _latent_work(latent, embedder, entries, fresh, files, size, overlap)
        again = [c for file, part in redo if file not in {f for f, _ in fresh} for c in part]
        with ThreadPoolExecutor(max_workers=1) as pool:
            # BM25 terms (jieba, one core) are cut while the model loads and embeds.
            cut = pool.submit(terms_of, chunks) if chunks else None
            # passages, their sentences and latent terms in one call: one model load
            both, rows = embed(embedder, [c.embed_text for c in chunks + again] + texts, progress,
                               len(chunks) + len(again) if redo else 0)
            vectors, sentence_vectors = both[: len(chunks)], both[len(chunks) + len(again):]
            terms = cut.result() if cut is not None else []
        result.embedded, result.sentences = len(chunks), len(texts)
        sentences.write_all(reading, sentence_vectors)
        latent.write_all(entries, redo, chunks + again, rows)
        same = old is not None and old.get("index_kind") == kind and old.get("lexical") == LEXICAL
        if old is not None and not result.changed and same:
            prune(entries, sentences, latent)
            result.seconds = time.perf_counter() - started
            return result
        manifest = make_manifest(embedder, size, overlap, kind, entries, result.chunks, paths)
        manifest["skipped"] = [vars(k) for k in result.skipped]
        added = {file for file, _ in fresh}
        home.write(manifest, [e["file"] for e in entries if e["file"] not in added],
                   _parts(fresh, vectors, terms))
        prune(entries, sentences, latent)
    result.seconds = time.perf_counter() - started
    return result


def _sentence_work(sentences: SentenceVectors, entries: list[dict[str, Any]],
                   fresh: list[tuple[str, list[Chunk]]], files: list[Path], size: int,
                   overlap: int) -> list[tuple[str, list[str]]]:
    """The sentences to embed (:meth:`SentenceVectors.to_make`), a report made
    before sentence vectors parsed again; none when the setting is off."""
    if not settings.get("sentence_vectors"):
        return []
    return sentences.to_make(entries, dict(fresh), _reparser(files, size, overlap))


def _reparser(files: list[Path], size: int, overlap: int) -> Callable[[str], list[Chunk] | None]:
    """A kept report's chunks parsed again, by file name; None when it is now
    unreadable (its last version stays indexed; its sentences are embedded when
    read, its passages are in no latent list)."""
    by_name = {path.name: path for path in files}

    def read(file: str) -> list[Chunk] | None:
        try:
            return _parse(by_name[file], size, overlap)[1] if file in by_name else None
        except ReportQAError:
            return None

    return read


def latent_store(index_dir: Path, embedder: Embedder, size: int, overlap: int) -> LatentFiles:
    """The latent-term files of the index in ``index_dir``, keyed by what they depend
    on beside a report's bytes (the embedder, the chunker, the parser, the head)."""
    return LatentFiles(index_dir, f"{embedder.fingerprint}|{size}|{overlap}|{PARSER}|"
                                  f"{head_fingerprint()}")


def _latent_work(latent: LatentFiles, embedder: Embedder, entries: list[dict[str, Any]],
                 fresh: list[tuple[str, list[Chunk]]], files: list[Path], size: int,
                 overlap: int) -> list[tuple[str, list[Chunk]]]:
    """The reports whose latent terms are to be made (:meth:`LatentFiles.to_make`),
    a kept one parsed again; none when the setting is off or the embedder has no head."""
    if not settings.get("latent_terms") or not embedder.latent:
        return []
    return latent.to_make(entries, dict(fresh), _reparser(files, size, overlap))


def load_latent(handle: store.IndexHandle, latent: LatentFiles
                ) -> tuple[LatentIndex | None, bool]:
    """The latent rows of the handle's chunks (None when the setting is off), and whether
    a report the last build read (rows can be made) lacks its file."""
    if not settings.get("latent_terms"):
        return None, False
    table, missing = latent.load(handle.manifest.get("reports", []), handle.chunks)
    return table, bool({e["file"] for e in missing} - {s.file for s in skipped_reports(
        handle.manifest)})


def _parts(fresh: list[tuple[str, list[Chunk]]], vectors: Vectors, terms: list[list[str]]
           ) -> list[ReportPart]:
    """Each new report's chunks with its rows of ``vectors`` and ``terms``."""
    parts, cursor = [], 0
    for file, chunks in fresh:
        end = cursor + len(chunks)
        parts.append(ReportPart(file, chunks, vectors[cursor:end], terms[cursor:end]))
        cursor = end
    return parts


def _collect(
    files: list[Path], old: dict[str, Any] | None, size: int, overlap: int,
) -> tuple[BuildResult, list[dict[str, Any]], list[tuple[str, list[Chunk]]]]:
    """The manifest entry of each report in the new index, and the chunks of
    those to add (new or changed); an unchanged one keeps its old entry."""
    result = BuildResult(Path())
    previous = {e["file"]: e for e in (old or {}).get("reports", [])}
    entries: list[dict[str, Any]] = []
    fresh: list[tuple[str, list[Chunk]]] = []
    seen: dict[str, str] = {}  # content hash -> the first file with it
    limit = settings.get_float("max_report_mb")
    for path in files:
        sha = store.file_sha256(path)
        entry = previous.pop(path.name, {})
        refusal = not_read(path, sha, seen, limit)
        if refusal is not None:
            result.skipped.append(refusal)
            continue
        seen.setdefault(sha, path.name)
        if old is not None and entry.get("sha256") == sha and old.get("parser") == PARSER:
            entries.append(entry)
            result.unchanged.append(path.name)
            continue
        try:
            report, chunks = _parse(path, size, overlap)
        except ReportQAError as error:
            result.skipped.append(Skipped(path.name, sha, error.message, error.hint or ""))
            if entry:  # the version indexed before stays
                entries.append(entry)
            continue
        (result.updated if entry else result.added).append(path.name)
        fresh.append((path.name, chunks))
        entries.append({"file": path.name, "doc": report.doc, "sha256": sha,
                        "content_hash": report.content_hash, "chunks": len(chunks),
                        "title": report.title, "date": report.date,
                        "pages": max((c.page for c in chunks if c.page), default=None),
                        "indexed": dt.datetime.now(dt.UTC).isoformat(timespec="seconds")})
    result.removed = sorted(previous)
    before = {(e["file"], e["sha256"]) for e in (old or {}).get("skipped", [])}
    result.skipped_changed = before != {(k.file, k.sha256) for k in result.skipped}
    return result, entries, fresh


def open_index(
    reports: Sequence[Path] | None = None,
    data_dir: Path | None = None,
    embedder: Embedder | None = None,
    progress: bool = True,
) -> store.IndexHandle:
    """Load the index of ``reports``, building or updating it first when needed."""
    paths = store.resolve_reports(reports)
    home = store_for(paths, data_dir)
    embedder = embedder or default_embedder()
    manifest = _compatible(home, embedder, *_chunker(None, None), paths)
    sentences = sentence_store(store.index_dir(paths, data_dir), embedder, *_chunker(None, None))
    if not settings.get("auto_index"):
        if manifest is None:
            raise ReportQAError(f"there is no search index in {home.where}",
                                hint="run `reportqa index` (REPORTQA_AUTO_INDEX is off)")
    elif manifest is None or not is_current(manifest, _discover(paths)):
        build_index(paths, data_dir, embedder, progress=progress)
    handle = home.load(embedder)
    latent = latent_store(store.index_dir(paths, data_dir), embedder, *_chunker(None, None))
    handle.latent, lacking = load_latent(handle, latent)
    if lacking and embedder.latent and settings.get("auto_index"):
        _add_sentences(paths, data_dir, embedder, progress, "latent terms")  # an older index
        handle.latent = load_latent(handle, latent)[0]
    if settings.get("sentence_vectors"):
        found, missing = sentences.read(handle.manifest["reports"])
        if missing and settings.get("auto_index"):
            _add_sentences(paths, data_dir, embedder, progress)
            found = sentences.load(handle.manifest["reports"])
        handle.sentences = found
    for skipped in skipped_reports(handle.manifest):
        print(skipped.warning(), file=sys.stderr)
    return handle


def _add_sentences(paths: Sequence[Path], data_dir: Path | None, embedder: Embedder,
                   progress: bool, what: str = "sentence vectors") -> None:
    """Make the missing sentence vectors (or latent terms) of a current index, if
    the data folder can be written; else say so and go on (sentences are then
    embedded when read; passages without latent terms are not in that list)."""
    try:
        build_index(paths, data_dir, embedder, progress=progress)
    except OSError as error:
        setting = "REPORTQA_" + what.upper().replace(" ", "_")
        print(f"warning: {what} not made ({error.strerror or error}); the index is used "
              f"without them. Fix: make the data folder writable, or set {setting}=false",
              file=sys.stderr)


def index_status(
    reports: Sequence[Path] | None = None,
    data_dir: Path | None = None,
    embedder: Embedder | None = None,
) -> dict[str, Any]:
    """The manifest summary and whether the index is up to date (never raises for damage)."""
    paths = store.resolve_reports(reports)
    status: dict[str, Any] = {"path": "", "exists": False, "up_to_date": False}
    try:
        home = store_for(paths, data_dir)
        status["path"] = home.where
        manifest = home.read_manifest()
        if manifest is None:
            status["problem"] = "no index yet (run `reportqa index`)"
            return status
        status.update(exists=True, manifest=manifest)
        status["changes"] = pending(manifest, _discover(paths))
        embedder = embedder or default_embedder()
        store.check_compatible(manifest, embedder, *_chunker(None, None), paths)
        home.load(embedder)
        status["up_to_date"] = is_current(manifest, _discover(paths))
    except ReportQAError as error:
        status["problem"] = str(error)
    return status
