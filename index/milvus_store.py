"""The index in Milvus: the embedded milvus-lite engine for a ``*.db`` path, a
Milvus server or cluster for ``http://host:19530``, through the same pymilvus client.

One collection per library holds a row per chunk: its dense vector, the chunk
(text and section metadata, as JSON), its report's file name and report, and
its BM25 terms. Milvus scores BM25 itself (a ``BM25`` function over the terms
field); the terms are the ones the default store uses (:mod:`index.chunk_terms`:
Traditional and Simplified folded, jieba words and character pairs), hex-spelled
so that Milvus's ``standard`` analyzer keeps each one whole, which makes the two
stores rank alike. A second collection (``<name>_meta``) keeps the manifest, the
query word list and each term's chunk count, in pieces.

Adding a report inserts its rows and removing one deletes them (by file name);
nothing else is re-embedded. Milvus has no transactions: during an update a
reader may briefly see a report's old and new rows together.

A build killed half-way is repaired by the next one: the manifest is marked while
rows change, and a marked index has its term counts counted again from its rows.
"""

from __future__ import annotations

import contextlib
import json
import threading
from collections.abc import Collection, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from index import store
from index.chunk_terms import LEXICAL, query_words, terms_of
from index.milvus_engine import (
    TOP_K,
    collection_name,
    connect,
    count,
    engine_errors,
    fitted,
    groups,
    is_server,
    one_of,
    spell,
    unspell,
)
from index.store import IndexHandle, chunk_from_dict, chunk_to_dict
from index.types import Embedder, Ranked, ReportPart, Vectors
from ingest.model import Chunk
from reportqa import settings
from reportqa.errors import ReportQAError

PIECE = 16000  # characters of one meta row (VARCHAR holds 65,535 bytes)
BATCH = 500
STRONG = "Strong"  # a build's rows and manifest are read back at once, also on a cluster


@dataclass
class MilvusSearch:
    """Dense and BM25 search in a Milvus collection (a SearchStore)."""

    client: Any
    name: str
    positions: dict[str, int]  # row key -> chunk position in the handle
    counts: dict[str, int]  # term -> chunks holding it
    where: str = ""
    lock: threading.Lock = field(default_factory=threading.Lock, repr=False)

    def _search(self, data: list[Any], anns: str, metric: str, n: int,
                docs: frozenset[str] | None) -> Ranked:
        if n <= 0:
            return []
        where = "" if docs is None else one_of("doc", sorted(docs))
        with self.lock, engine_errors(self.where, "check the Milvus server, then ask again"):
            found = self.client.search(self.name, data=data, anns_field=anns,
                                       limit=min(n, TOP_K), filter=where,
                                       output_fields=["id"], search_params={"metric_type": metric})
        return [(self.positions[hit["id"]], abs(float(hit["distance"]))) for hit in found[0]
                if hit["id"] in self.positions]

    def dense_search(self, vector: Vectors, n: int,
                     docs: frozenset[str] | None = None) -> Ranked:
        """The ``n`` chunks nearest ``vector`` (inner product)."""
        return self._search([vector.astype("float32").tolist()], "vector", "IP", n, docs)

    def lexical_search(self, terms: Sequence[str], n: int,
                       docs: frozenset[str] | None = None) -> Ranked:
        """The ``n`` best chunks by Milvus's BM25 over the known terms."""
        known = [t for t in dict.fromkeys(terms) if t in self.counts]
        if not known:
            return []
        ranked = self._search([spell(known)], "sparse", "BM25", n, docs)
        return sorted((p for p in ranked if p[1] > 0), key=lambda p: -p[1])

    def df(self, term: str) -> int:
        """How many chunks hold ``term``."""
        return self.counts.get(term, 0)

    @property
    def vocabulary(self) -> Collection[str]:
        """Every BM25 term."""
        return self.counts.keys()


@dataclass
class MilvusStore:
    """The index of one library in Milvus (a Store)."""

    uri: str
    name: str
    reports: Sequence[Path] | None = None
    token: str = ""
    engine: str = "auto"  # for a *.db file: the milvus_engine setting
    _conn: Any = field(default=None, repr=False)
    _loaded: set[str] = field(default_factory=set, repr=False)

    @classmethod
    def for_reports(cls, paths: Sequence[Path], data_dir: Path | None = None) -> MilvusStore:
        """The store the settings name for the library of ``paths``."""
        base = Path(data_dir) if data_dir is not None else settings.data_dir()
        uri = settings.get_str("milvus_uri") or str(base / "milvus.db")
        if not is_server(uri):
            Path(uri).expanduser().parent.mkdir(parents=True, exist_ok=True)
            uri = str(Path(uri).expanduser())
        name = collection_name(store.index_dir(paths, data_dir))
        return cls(uri, name, paths, settings.get_str("milvus_token"),
                   settings.get_str("milvus_engine"))

    @property
    def where(self) -> str:
        """The URI and collection."""
        return f"{self.uri}#{self.name}"

    @property
    def client(self) -> Any:
        """The connection (made on first use)."""
        if self._conn is None:
            self._conn = connect(self.uri, self.token, self.engine)
        return self._conn

    def _ready(self, name: str) -> None:
        """Load a collection into memory (once per process): Milvus searches only loaded ones."""
        if name not in self._loaded:
            self.client.load_collection(name)
            self._loaded.add(name)

    @contextlib.contextmanager
    def locked(self) -> Iterator[None]:
        """A file lock for a local engine (for a server: one ingest worker per
        library, see docs/scale.md)."""
        if is_server(self.uri):
            yield
            return
        with store.locked(Path(self.uri).with_name(Path(self.uri).name + "." + self.name)):
            yield

    # --- the meta collection: manifest, query words, term counts ---------------

    def _meta(self) -> str:
        return self.name + "_meta"

    def _read(self, key: str) -> Any:
        self._ready(self._meta())
        rows = self.client.query(self._meta(), filter=f'key like "{key}:%"',
                                 output_fields=["key", "value"], limit=TOP_K)
        if not rows:
            return None
        rows.sort(key=lambda r: int(r["key"].rsplit(":", 1)[1]))
        return json.loads("".join(r["value"] for r in rows))

    def _put(self, key: str, value: Any) -> None:
        text = json.dumps(value, ensure_ascii=False)
        pieces = [text[i:i + PIECE] for i in range(0, len(text), PIECE)] or [""]
        self.client.delete(self._meta(), filter=f'key like "{key}:%"')
        rows = [{"key": f"{key}:{n}", "value": p, "pad": [0.0, 0.0]}
                for n, p in enumerate(pieces)]
        for i in range(0, len(rows), BATCH):
            self.client.insert(self._meta(), rows[i:i + BATCH])

    def _hint(self) -> str:
        return store.hint(self.reports)

    def read_manifest(self) -> dict[str, Any] | None:
        """The manifest; ``None`` when the library has no collection yet."""
        with engine_errors(self.where, self._hint()):
            if not self.client.has_collection(self._meta()):
                return None
            manifest = self._read("manifest")
        if manifest is not None and manifest.get("format") != store.FORMAT:
            raise ReportQAError(f"the index in {self.where} has an old or unknown format",
                                hint=store.hint(self.reports))
        return manifest if isinstance(manifest, dict) else None

    # --- writing ---------------------------------------------------------------

    def _create(self, dim: int, kind: str) -> None:
        from pymilvus import DataType, Function, FunctionType

        client = self.client
        for name in (self.name, self._meta()):
            if client.has_collection(name):
                client.drop_collection(name)
        self._loaded.clear()
        schema = client.create_schema(auto_id=False)
        schema.add_field("id", DataType.VARCHAR, is_primary=True, max_length=1024)
        schema.add_field("file", DataType.VARCHAR, max_length=1024)
        schema.add_field("doc", DataType.VARCHAR, max_length=1024)
        schema.add_field("pos", DataType.INT64)
        schema.add_field("chunk_id", DataType.VARCHAR, max_length=256)
        schema.add_field("text", DataType.VARCHAR, max_length=65535)  # for langchain-milvus
        schema.add_field("chunk", DataType.VARCHAR, max_length=65535)
        schema.add_field("terms", DataType.VARCHAR, max_length=65535, enable_analyzer=True,
                         analyzer_params={"tokenizer": "standard"})
        schema.add_field("sparse", DataType.SPARSE_FLOAT_VECTOR)
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=dim)
        schema.add_function(Function(name="bm25", function_type=FunctionType.BM25,
                                     input_field_names=["terms"],
                                     output_field_names=["sparse"]))
        index = client.prepare_index_params()
        index.add_index("vector", index_type="HNSW" if kind == "hnsw" else "FLAT",
                        metric_type="IP", params={"M": 32, "efConstruction": 80}
                        if kind == "hnsw" else {})
        index.add_index("sparse", index_type="SPARSE_INVERTED_INDEX", metric_type="BM25",
                        params={"bm25_k1": LEXICAL["k1"], "bm25_b": LEXICAL["b"]})
        client.create_collection(self.name, schema=schema, index_params=index,
                                 consistency_level=STRONG)
        meta = client.create_schema(auto_id=False)
        meta.add_field("key", DataType.VARCHAR, is_primary=True, max_length=256)
        meta.add_field("value", DataType.VARCHAR, max_length=65535)
        meta.add_field("pad", DataType.FLOAT_VECTOR, dim=2)  # Milvus wants a vector field
        pad = client.prepare_index_params()
        pad.add_index("pad", index_type="FLAT", metric_type="L2")
        client.create_collection(self._meta(), schema=meta, index_params=pad,
                                 consistency_level=STRONG)

    def _rows(self, reports: Sequence[dict[str, Any]], vectors: bool) -> list[dict[str, Any]]:
        """The stored rows of these reports (manifest entries; in no particular
        order), fetched in groups of at most TOP_K rows by their chunk counts."""
        fields = ["id", "file", "pos", "chunk", "terms"] + (["vector"] if vectors else [])
        out: list[dict[str, Any]] = []
        if not reports:
            return out
        self._ready(self.name)
        for group in groups(reports):
            out += self.client.query(self.name, filter=one_of("file", group),
                                     output_fields=fields, limit=TOP_K)
        return out

    def write(self, manifest: dict[str, Any], keep: Sequence[str],
              add: Sequence[ReportPart]) -> None:
        """Delete the rows of every report not kept, insert those of ``add``, and
        record the manifest, the query words and the term counts. Nothing kept
        (a rebuild), or another vector index or BM25 setup, makes the collections
        anew (kept reports' vectors reused)."""
        with engine_errors(self.where, self._hint()):
            old = self.read_manifest()
            same = (old is not None and bool(keep)
                    and old.get("index_kind") == manifest["index_kind"]
                    and old.get("lexical") == manifest["lexical"]
                    and old["embedder"]["dim"] == manifest["embedder"]["dim"])
            if old is None or not same:
                kept = [e for e in (old or {}).get("reports", []) if e["file"] in keep]
                add = [*self._reread(kept), *add]
                self._create(int(manifest["embedder"]["dim"]), manifest["index_kind"])
                counts: dict[str, int] | None = {}
            else:
                counts = self._update(old, keep, [part.file for part in add])
            for part in add:
                self._insert(part, counts)
            self.client.flush(self.name)
            if counts is None:  # the last build stopped half-way: count again
                counts = {}
                for row in self._rows(manifest["reports"], vectors=False):
                    count(counts, unspell(row["terms"]), +1)
            self._put("df", counts)
            self._put("words", query_words([list(counts)]))
            self._put("manifest", manifest)

    def _update(self, old: dict[str, Any], keep: Sequence[str], adding: Sequence[str]
                ) -> dict[str, int] | None:
        """Mark the index as changing, delete the rows of reports not kept (and of
        those about to be added), and return the term counts without them
        (``None`` when a killed build left them unknown)."""
        interrupted = bool(old.get("writing"))
        self._put("manifest", {**old, "writing": True})
        counts: dict[str, int] | None = None if interrupted else (self._read("df") or {})
        gone = [e for e in old["reports"] if e["file"] not in keep]
        if counts is not None:
            for row in self._rows(gone, vectors=False):
                count(counts, unspell(row["terms"]), -1)
        if interrupted:  # rows of a half-added report may be there under any name
            self.client.delete(self.name, filter=f"not ({one_of('file', list(keep))})")
        else:
            for file in [e["file"] for e in gone] + [f for f in adding if f not in keep]:
                self.client.delete(self.name, filter=one_of("file", [file]))
        return counts

    def _reread(self, kept: Sequence[dict[str, Any]]) -> list[ReportPart]:
        """The kept reports as parts to insert again (their vectors reused, terms cut anew)."""
        import numpy as np

        by_file: dict[str, list[dict[str, Any]]] = {}
        for row in self._rows(kept, vectors=True):
            by_file.setdefault(row["file"], []).append(row)
        parts = []
        for file, rows in by_file.items():
            rows.sort(key=lambda r: r["pos"])
            chunks = [chunk_from_dict(json.loads(r["chunk"])) for r in rows]
            vectors = np.asarray([r["vector"] for r in rows], dtype=np.float32)
            parts.append(ReportPart(file, chunks, vectors, terms_of(chunks)))
        return parts

    def _insert(self, part: ReportPart, counts: dict[str, int] | None) -> None:
        """Insert a report's rows; add its terms (those stored) to ``counts``."""
        terms = [fitted(t) for t in part.terms]
        rows = [{"id": f"{part.file}#{pos}", "file": part.file, "doc": chunk.doc, "pos": pos,
                 "chunk_id": chunk.id, "text": chunk.text,
                 "chunk": json.dumps(chunk_to_dict(chunk), ensure_ascii=False),
                 "terms": spell(words), "vector": vector.tolist()}
                for pos, (chunk, vector, words)
                in enumerate(zip(part.chunks, part.vectors, terms, strict=True))]
        for i in range(0, len(rows), BATCH):
            self.client.insert(self.name, rows[i:i + BATCH])
        if counts is not None:
            for words in terms:
                count(counts, words, +1)

    # --- reading ---------------------------------------------------------------

    def fetch(self, ids: Sequence[str]) -> list[Chunk]:
        """The chunks with these ids, queried by id (no other row is read)."""
        found: dict[str, Chunk] = {}
        with engine_errors(self.where, self._hint()):
            self._ready(self.name)
            for i in range(0, len(ids), BATCH):
                for row in self.client.query(self.name, filter=one_of("chunk_id", ids[i:i + BATCH]),
                                             output_fields=["chunk"], limit=TOP_K):
                    chunk = chunk_from_dict(json.loads(row["chunk"]))
                    found[chunk.id] = chunk
        return [found[i] for i in ids if i in found]

    def load(self, embedder: Embedder) -> IndexHandle:
        """Every chunk, in the manifest's order, and the search over the collection."""
        with engine_errors(self.where, self._hint()):
            return self._load(embedder)

    def _load(self, embedder: Embedder) -> IndexHandle:
        manifest = self.read_manifest()
        if manifest is None:
            raise ReportQAError(f"there is no search index in {self.where}",
                                hint="run `reportqa index`")
        self._ready(self.name)
        order = {e["file"]: n for n, e in enumerate(manifest["reports"])}
        rows = sorted(self._rows(manifest["reports"], vectors=False),
                      key=lambda r: (order.get(r["file"], len(order)), r["pos"]))
        if len(rows) != int(manifest["chunks"]):
            raise ReportQAError(
                f"the index in {self.where} is damaged: {len(rows)} chunks stored, "
                f"{manifest['chunks']} in its manifest", hint=store.hint(self.reports))
        chunks: list[Chunk] = [chunk_from_dict(json.loads(r["chunk"])) for r in rows]
        search = MilvusSearch(self.client, self.name, {r["id"]: n for n, r in enumerate(rows)},
                              self._read("df") or {}, self.where)
        return IndexHandle(Path(self.uri), manifest, chunks, search,
                           self._read("words") or {}, embedder)

