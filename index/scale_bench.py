"""Store cost against library size: `reportqa bench scale`.

A synthetic library is the bundled reports' chunks and ``copies - 1``
perturbed copies of them: each copy's text has a share of its characters
swapped, its vector moved by Gaussian noise and renormalised (so copies are
near but not equal to the original, like similar reports), and it keeps a
random nine tenths of the original's BM25 terms. Vectors are not re-embedded:
the model's cost does not depend on the library's size, the store's does.

For each store and size a fresh process writes the library, loads it and times
the dev questions through the hybrid retriever (query embedding included, as a
user waits for it) and through the store alone (dense + lexical search with the
query vector ready). Peak memory is the process's. Medians and p95 are in ms.

>>> import random; perturb("甲乙丙丁", random.Random(0), 0.5) != "甲乙丙丁"
True
"""

from __future__ import annotations

import json
import os
import random
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index.bench import FIXED_QUERIES, load_qa, percentiles
from index.types import ReportPart, Vectors
from ingest.model import Chunk

SIZES = (1, 10, 100)
STORES = ("files", "milvus", "milvus-cpp")
SWAP = 0.05  # share of characters swapped in a copy
NOISE = 0.02  # standard deviation of the noise added to each vector component
KEEP_TERMS = 0.9
QUERIES = 60


def perturb(text: str, rng: random.Random, share: float = SWAP) -> str:
    """``text`` with ``share`` of its characters swapped with random others of it."""
    chars = list(text)
    for _ in range(max(1, int(len(chars) * share))):
        i, j = rng.randrange(len(chars)), rng.randrange(len(chars))
        chars[i], chars[j] = chars[j], chars[i]
    return "".join(chars)


def _copy(chunk: Chunk, n: int, rng: random.Random) -> Chunk:
    text = perturb(chunk.text, rng)
    return Chunk(f"{n}-{chunk.id}", f"copy{n:03d}-{chunk.doc}", chunk.section_path, chunk.page,
                 text, chunk.embed_text.replace(chunk.text, text), chunk.start, dict(chunk.meta))


def synthetic(base: Any, copies: int, seed: int = 0
              ) -> tuple[list[dict[str, Any]], list[ReportPart]]:
    """Manifest entries and parts of a library ``copies`` times the index ``base``."""
    from index.chunk_terms import terms_of
    from index.faiss_search import FaissSearch

    assert isinstance(base.store, FaissSearch)
    vectors, terms = base.store.vectors(), terms_of(base.chunks)
    rng, noise = random.Random(seed), np.random.default_rng(seed)
    entries, parts, offset = [], [], 0
    spans = []
    for entry in base.manifest["reports"]:
        spans.append((entry, offset, offset + int(entry["chunks"])))
        offset += int(entry["chunks"])
    for n in range(copies):
        for entry, start, end in spans:
            chunks = base.chunks[start:end]
            vecs: Vectors = vectors[start:end]
            words = terms[start:end]
            if n:
                chunks = [_copy(c, n, rng) for c in chunks]
                vecs = vecs + noise.normal(0, NOISE, vecs.shape).astype(np.float32)
                vecs = (vecs / np.linalg.norm(vecs, axis=1, keepdims=True)).astype(np.float32)
                words = [[t for t in doc if rng.random() < KEEP_TERMS] for doc in words]
            file = entry["file"] if not n else f"copy{n:03d}-{entry['file']}"
            entries.append({**entry, "file": file, "doc": chunks[0].doc if chunks else file})
            parts.append(ReportPart(file, list(chunks), vecs, words))
    return entries, parts


def measure(store_name: str, copies: int, folder: Path, uri: str = "") -> dict[str, Any]:
    """Write, load and query one synthetic library (run in its own process):
    ``files``, ``milvus`` (embedded milvus-lite 3 in ``folder``), ``milvus-cpp``
    (a ``*.db`` file in ``folder`` run by the C++ engine) or ``milvus-server``
    (the Milvus at ``uri``; its collection is dropped afterwards)."""
    from index.build import open_index
    from index.files_store import FilesStore
    from index.milvus_store import MilvusStore
    from index.retriever import HybridRetriever
    from index.store import Store
    from reportqa import settings

    settings.override("store", "files")
    base = open_index(progress=False)
    entries, parts = synthetic(base, copies)
    manifest = {**base.manifest, "reports": entries,
                "chunks": sum(len(p.chunks) for p in parts)}
    home: Store = (FilesStore(folder / "index") if store_name == "files"
                   else MilvusStore(uri or str(folder / "milvus.db"), "reportqa_scale",
                                    engine="cpp" if store_name == "milvus-cpp" else "python"))
    started = time.perf_counter()
    home.write(manifest, [], parts)
    written = time.perf_counter() - started
    started = time.perf_counter()
    handle = home.load(base.embedder)
    loaded = time.perf_counter() - started
    retriever = HybridRetriever(handle)
    for query in FIXED_QUERIES[:3]:
        retriever.search(query, 5)
    questions = [it["question"] for it in load_qa(None)][:QUERIES] or FIXED_QUERIES
    whole, dense_times, lexical_times = [], [], []
    for query in questions:
        started = time.perf_counter()
        retriever.search(query, 5)
        whole.append(time.perf_counter() - started)
        vector, terms = handle.embed_query(query), retriever.query_terms(query)
        started = time.perf_counter()
        handle.store.dense_search(vector, retriever.depth)
        middle = time.perf_counter()
        handle.store.lexical_search(terms, retriever.depth)
        dense_times.append(middle - started)
        lexical_times.append(time.perf_counter() - middle)
    alone = [a + b for a, b in zip(dense_times, lexical_times, strict=True)]
    if isinstance(home, MilvusStore) and uri:
        for name in (home.name, home.name + "_meta"):
            home.client.drop_collection(name)
    return {"store": store_name, "copies": copies, "chunks": manifest["chunks"],
            "write_seconds": round(written, 2), "load_seconds": round(loaded, 2),
            "search_ms": percentiles(whole), "store_only_ms": percentiles(alone),
            "dense_only_ms": percentiles(dense_times),
            "lexical_only_ms": percentiles(lexical_times),
            "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
            "queries": len(questions)}


def run_scale_benchmark(sizes: Sequence[int] = SIZES, stores: Sequence[str] = STORES,
                        progress: bool = True, server: str = "") -> dict[str, Any]:
    """Every (store, size) in a fresh process, stores interleaved per size; with
    ``server`` (a Milvus URI) that server too, as ``milvus-server``; the report."""
    rows = []
    names = [*stores, *(["milvus-server"] if server else [])]
    for copies in sizes:
        for name in names:
            with tempfile.TemporaryDirectory(prefix="reportqa-scale-") as tmp:
                code = ("import json, sys; from pathlib import Path; "
                        "from index.scale_bench import measure; "
                        f"print(json.dumps(measure({name!r}, {copies}, Path({tmp!r}), "
                        f"{server if name == 'milvus-server' else ''!r})))")
                done = subprocess.run([sys.executable, "-c", code], capture_output=True,
                                      text=True, check=False, env=dict(os.environ))
                if done.returncode != 0:
                    raise RuntimeError(f"{name} x{copies}: {done.stderr.strip()[-400:]}")
                rows.append(json.loads(done.stdout.strip().splitlines()[-1]))
                if progress:
                    row = rows[-1]
                    print(f"{name} x{copies}: {row['chunks']} chunks, search p50 "
                          f"{row['search_ms']['p50']} ms", file=sys.stderr)
    return {"cpus": os.cpu_count(), "sizes": list(sizes), "rows": rows,
            "ratios": _ratios(rows, sizes), "method": __doc__.split("\n\n>>>")[0]}


def _ratios(rows: list[dict[str, Any]], sizes: Sequence[int]) -> dict[str, Any]:
    """Each store's p50 at the largest size over its p50 at the smallest, and the
    target (milvus: search p50 at most 1.3x)."""
    out: dict[str, Any] = {}
    for name in {r["store"] for r in rows}:
        by = {r["copies"]: r for r in rows if r["store"] == name}
        small, big = by.get(min(sizes)), by.get(max(sizes))
        if small is None or big is None:
            continue
        out[name] = {
            key: round(big[key]["p50"] / max(small[key]["p50"], 1e-9), 2)
            for key in ("search_ms", "store_only_ms")
        }
        if name.startswith("milvus"):
            out[name]["target_search_p50_le_1.3x"] = out[name]["search_ms"] <= 1.3
    return out
