"""The index on disk: where it lives, its manifest, loading it, swapping in a new one.

``<data_dir>/index/`` (or ``index-<hash>`` for a corpus other than the default)
holds ``manifest.json``, ``chunks.jsonl``, ``vectors.faiss``, ``bm25.npz`` and
``query_words.json``. A build writes a sibling temp folder and swaps it in with
renames, so a killed build leaves the last good index in place.

Building and opening are in :mod:`index.build`; the public API is re-exported
by :mod:`index`.

>>> hint(None)
'run `reportqa index --rebuild`'
"""

from __future__ import annotations

import contextlib
import fcntl
import hashlib
import json
import os
import shutil
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol

from index import dense
from index.faiss_search import FaissSearch
from index.latent import LatentIndex
from index.lexical import BM25
from index.textnorm import QuerySegmenter, tokens
from index.types import Embedder, ReportPart, SearchStore, Vectors
from ingest.model import Chunk
from reportqa import settings
from reportqa.errors import ReportQAError

FORMAT = 1
MANIFEST = "manifest.json"
CHUNKS = "chunks.jsonl"
VECTORS = "vectors.faiss"
LEXICAL = "bm25.npz"
QUERY_WORDS = "query_words.json"
FILES = (MANIFEST, CHUNKS, VECTORS, LEXICAL, QUERY_WORDS)


def library_dir() -> Path:
    """Where the analyst's own reports are kept (``reportqa add``)."""
    return settings.data_dir() / "library"


def default_reports() -> list[Path]:
    """The library: the ``reports`` setting, and the analyst's own reports
    folder once it exists."""
    own = library_dir()
    return [Path(settings.get_str("reports")).expanduser(), *([own] if own.is_dir() else [])]


def resolve_reports(reports: Sequence[Path] | Path | str | None) -> list[Path]:
    """Report paths, absolute; the ``reports`` setting when ``None``."""
    if reports is None:
        reports = default_reports()
    elif isinstance(reports, (str, Path)):
        reports = [Path(reports)]
    return [Path(p).expanduser().resolve() for p in reports]


def index_dir(reports: Sequence[Path] | None = None, data_dir: Path | None = None) -> Path:
    """Where the index of ``reports`` lives: ``index`` for the default corpus.

    >>> index_dir([Path("/x")], Path("/d")).name.startswith("index-")
    True
    """
    base = Path(data_dir) if data_dir is not None else settings.data_dir()
    paths = resolve_reports(reports)
    if paths == resolve_reports(None):
        return base / "index"
    key = "\n".join(sorted(str(p) for p in paths))
    return base / f"index-{hashlib.sha1(key.encode()).hexdigest()[:10]}"


def hint(reports: Sequence[Path] | None) -> str:
    """How to rebuild the index of ``reports``."""
    paths = resolve_reports(reports) if reports is not None else None
    extra = "" if paths is None or paths == resolve_reports(None) else f" {paths[0]}"
    return f"run `reportqa index --rebuild{extra}`"


def file_sha256(path: Path) -> str:
    """SHA-256 of a report's bytes (and of its sidecar's, if it has one): the
    cheap change check at start-up."""
    from ingest import sidecar_path

    digest = hashlib.sha256(path.read_bytes())
    meta = sidecar_path(path)
    if meta.is_file():
        digest.update(b"\0" + meta.read_bytes())
    return digest.hexdigest()


def chunk_to_dict(chunk: Chunk) -> dict[str, Any]:
    """A chunk as a JSON-ready dict.

    >>> c = Chunk("i", "d.txt", ("A",), 3, "t", "A\\nt")
    >>> chunk_from_dict(chunk_to_dict(c)) == c
    True
    """
    return {
        "id": chunk.id,
        "doc": chunk.doc,
        "section_path": list(chunk.section_path),
        "page": chunk.page,
        "text": chunk.text,
        "embed_text": chunk.embed_text,
        "start": chunk.start,
        "meta": chunk.meta,
    }


def chunk_from_dict(row: dict[str, Any]) -> Chunk:
    """The inverse of :func:`chunk_to_dict`."""
    return Chunk(
        id=row["id"],
        doc=row["doc"],
        section_path=tuple(row["section_path"]),
        page=row["page"],
        text=row["text"],
        embed_text=row["embed_text"],
        start=row.get("start", 0),
        meta=dict(row.get("meta") or {}),
    )


def damaged(path: Path, what: str, reports: Sequence[Path] | None = None) -> ReportQAError:
    """The error for an index file that is missing or unreadable."""
    return ReportQAError(f"the search index at {path} is damaged: {what}", hint=hint(reports))


def read_manifest(path: Path, reports: Sequence[Path] | None = None) -> dict[str, Any] | None:
    """The manifest of the index at ``path``; ``None`` when there is no index."""
    recover(path)
    if not path.exists():
        return None
    try:
        manifest = json.loads((path / MANIFEST).read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise damaged(path, f"{MANIFEST} is missing", reports) from None
    except (OSError, ValueError):
        raise damaged(path, f"{MANIFEST} cannot be read", reports) from None
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise ReportQAError(
            f"the search index at {path} has an old or unknown format", hint=hint(reports)
        )
    return manifest


def check_compatible(
    manifest: dict[str, Any],
    embedder: Embedder,
    size: int,
    overlap: int,
    reports: Sequence[Path] | None = None,
) -> None:
    """Raise when the index was built with another model or other chunker settings."""
    built = manifest["embedder"]
    if built["model_id"] != embedder.model_id or built["fingerprint"] != embedder.fingerprint:
        raise ReportQAError(
            f"the search index was built with embedder {built['model_id']} "
            f"({built['fingerprint'][:12]}), not {embedder.model_id} "
            f"({embedder.fingerprint[:12]})",
            hint=hint(reports),
        )
    chunker = manifest["chunker"]
    if (chunker["size"], chunker["overlap"]) != (size, overlap):
        raise ReportQAError(
            f"the search index was built with chunk size/overlap "
            f"{chunker['size']}/{chunker['overlap']}, not {size}/{overlap}",
            hint=hint(reports),
        )


@dataclass
class IndexHandle:
    """A loaded index: its home, manifest and chunks, where it is searched, and
    the query helpers."""

    path: Path
    manifest: dict[str, Any]
    chunks: list[Chunk]
    store: SearchStore
    query_words: dict[str, int]
    embedder: Embedder
    _segmenter: QuerySegmenter | None = field(default=None, repr=False)
    # sentence -> vector, made at index time (index.sentence_vectors)
    sentences: dict[str, Vectors] = field(default_factory=dict, repr=False)
    # the chunks' latent terms (index.latent), when made
    latent: LatentIndex | None = field(default=None, repr=False)

    def query_tokens(self, query: str) -> list[str]:
        """BM25 tokens of a query (folded and cut like the chunks)."""
        if self._segmenter is None:
            self._segmenter = QuerySegmenter(self.query_words)
        return tokens(query, self._segmenter, self.manifest["lexical"]["bigrams"])

    def embed_query(self, query: str) -> Vectors:
        """The query's vector."""
        return self.embedder.embed_query(query)


class Store(Protocol):
    """An index's home: its manifest, reports' chunks added or removed, and
    loading it to search. :class:`index.files_store.FilesStore` (FAISS + BM25
    files, the default) and :class:`index.milvus_store.MilvusStore` implement it.
    """

    @property
    def where(self) -> str:
        """Where the index lives, for messages (a folder, a Milvus URI and collection)."""
        ...

    def locked(self) -> contextlib.AbstractContextManager[None]:
        """Hold the right to write this index (one build at a time)."""
        ...

    def read_manifest(self) -> dict[str, Any] | None:
        """The manifest; ``None`` when there is no index yet."""
        ...

    def write(self, manifest: dict[str, Any], keep: Sequence[str],
              add: Sequence[ReportPart]) -> None:
        """Make the index hold the chunks of the ``keep`` reports (file names) as
        they are plus those of ``add``, every other report's removed, and record
        ``manifest`` (whose ``reports`` give the chunk order). Readers see the
        old index or the new one, never a mix, as far as the engine allows."""
        ...

    def load(self, embedder: Embedder) -> IndexHandle:
        """The index, ready to search; a ReportQAError when it is missing or damaged."""
        ...

    def fetch(self, ids: Sequence[str]) -> list[Chunk]:
        """The chunks with these ids (``Chunk.id``), in that order; unknown ids left out."""
        ...


def load_index(
    path: Path, embedder: Embedder, reports: Sequence[Path] | None = None
) -> IndexHandle:
    """Load the index at ``path``; a missing or unreadable file is a ReportQAError."""
    manifest = read_manifest(path, reports)
    if manifest is None:
        raise ReportQAError(f"there is no search index at {path}", hint="run `reportqa index`")
    for name in FILES:
        if not (path / name).is_file():
            raise damaged(path, f"{name} is missing", reports)
    try:
        with (path / CHUNKS).open(encoding="utf-8") as f:
            chunks = [chunk_from_dict(json.loads(line)) for line in f if line.strip()]
    except (OSError, ValueError, KeyError, TypeError):
        raise damaged(path, f"{CHUNKS} cannot be read", reports) from None
    try:
        vectors = dense.load(path / VECTORS)
    except RuntimeError:
        raise damaged(path, f"{VECTORS} cannot be read", reports) from None
    try:
        bm25 = BM25.load(path / LEXICAL)
        words = json.loads((path / QUERY_WORDS).read_text(encoding="utf-8"))
    except (OSError, ValueError, KeyError, EOFError):
        raise damaged(path, f"{LEXICAL} or {QUERY_WORDS} cannot be read", reports) from None
    sizes = {len(chunks), int(vectors.ntotal), bm25.n_docs, int(manifest["chunks"])}
    if len(sizes) != 1:
        raise damaged(path, f"its files disagree on the number of chunks {sorted(sizes)}", reports)
    search = FaissSearch(vectors, bm25, [c.doc for c in chunks])
    return IndexHandle(path, manifest, chunks, search, words, embedder)


def write_files(
    folder: Path,
    manifest: dict[str, Any],
    chunks: Sequence[Chunk],
    vectors: Any,
    bm25: BM25,
    query_words: dict[str, int],
) -> None:
    """Write every index file into ``folder`` (the manifest last)."""
    with (folder / CHUNKS).open("w", encoding="utf-8") as f:
        for chunk in chunks:
            f.write(json.dumps(chunk_to_dict(chunk), ensure_ascii=False) + "\n")
    dense.save(vectors, folder / VECTORS)
    bm25.save(folder / LEXICAL)
    (folder / QUERY_WORDS).write_text(json.dumps(query_words, ensure_ascii=False), "utf-8")
    text = json.dumps(manifest, ensure_ascii=False, indent=2)
    (folder / MANIFEST).write_text(text + "\n", encoding="utf-8")


def _old(path: Path) -> Path:
    return path.with_name(path.name + ".old")


def recover(path: Path) -> None:
    """Put back the previous index if a swap was cut between its two renames."""
    if not path.exists() and _old(path).is_dir():
        with contextlib.suppress(OSError):
            os.replace(_old(path), path)


def swap_in(new: Path, path: Path) -> None:
    """Replace the index at ``path`` with the folder ``new`` (two renames)."""
    old = _old(path)
    if old.exists():
        shutil.rmtree(old)
    if path.exists():
        os.replace(path, old)
    os.replace(new, path)
    shutil.rmtree(old, ignore_errors=True)


def clean_temp(path: Path) -> None:
    """Remove temp folders left by killed builds (call while holding the lock)."""
    for leftover in path.parent.glob(path.name + ".tmp-*"):
        shutil.rmtree(leftover, ignore_errors=True)


@contextlib.contextmanager
def locked(path: Path) -> Iterator[None]:
    """Hold an exclusive lock on the index at ``path`` (one build at a time)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with (path.parent / (path.name + ".lock")).open("w") as f:
        fcntl.flock(f, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(f, fcntl.LOCK_UN)


@dataclass(frozen=True)
class Skipped:
    """A report that could not be read: its file name, its bytes' hash, why, and
    what to do about it."""

    file: str
    sha256: str
    reason: str
    hint: str = ""

    def warning(self) -> str:
        """One line for stderr.

        >>> Skipped("bad.txt", "0", "bad.txt: binary, not text", "save it as text").warning()
        'warning: skipped bad.txt: binary, not text (save it as text)'
        """
        fix = f" ({self.hint})" if self.hint else ""
        return f"warning: skipped {self.reason}{fix}"


def skipped_reports(manifest: dict[str, Any]) -> list[Skipped]:
    """The reports the last build could not read (answered from without them).

    >>> skipped_reports({"skipped": [{"file": "a.pdf", "sha256": "0", "reason": "a.pdf: empty"}]})
    [Skipped(file='a.pdf', sha256='0', reason='a.pdf: empty', hint='')]
    """
    return [Skipped(**entry) for entry in manifest.get("skipped", [])]


def not_read(path: Path, sha: str, seen: dict[str, str], limit_mb: float) -> Skipped | None:
    """Why ``path`` is not read at all: a copy of a report already read in
    this build (``seen``: content hash to file name), or over the size limit.

    >>> not_read(Path("b.txt"), "x", {"x": "a.txt"}, 50.0).reason
    'b.txt: the same content as a.txt'
    """
    if sha in seen:
        return Skipped(path.name, sha, f"{path.name}: the same content as {seen[sha]}",
                       "remove one of the two copies")
    size_mb = path.stat().st_size / 1e6
    if size_mb > limit_mb:
        return Skipped(path.name, sha,
                       f"{path.name}: {size_mb:.1f} MB, over the {limit_mb:g} MB limit",
                       "split the report, or raise REPORTQA_MAX_REPORT_MB")
    return None
