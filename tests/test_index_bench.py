"""The retrieval benchmark end to end, on the fake corpus and embedder."""

from __future__ import annotations

import json
from pathlib import Path

from index.bench import run_retrieval_benchmark
from tests.fakes import FakeEmbedder, fake_env

__all__ = ["fake_env"]


def test_benchmark_writes_json(fake_env: tuple[Path, FakeEmbedder], tmp_path: Path) -> None:
    qa = tmp_path / "qa.jsonl"
    items = [
        {"id": "q1", "question": "紫竹高新區的股東結構", "evidence": "股東結構包括民營企業與大學",
         "doc": "a.txt", "type": "fact"},
        {"id": "q2", "question": "火星基地", "evidence": None, "doc": None, "type": "unanswerable"},
    ]
    qa.write_text("\n".join(json.dumps(i, ensure_ascii=False) for i in items), "utf-8")
    out = tmp_path / "bench.json"
    report = run_retrieval_benchmark(qa, out, cold_runs=0)
    assert json.loads(out.read_text("utf-8")) == report
    ours, vanilla = report["ours"], report["vanilla"]
    assert ours["chunks"] > 0 and vanilla["chunks"] > 0
    assert set(ours["latency_ms"]) == {"dense", "bm25", "hybrid"}
    assert ours["quality"]["hybrid"]["answerable"] == 1
    assert ours["quality"]["hybrid"]["hit@5"] == 1.0
    ratios = report["ratios_ours_over_vanilla"]
    assert {"build_seconds", "query_p50", "hit@1", "hit@5"} <= set(ratios)


class Reversed:
    """A wrapper retriever that reverses the hybrid order (so the targets must judge it)."""

    def __init__(self, inner: object) -> None:
        self.inner = inner

    def search(self, query: str, k: int) -> list[object]:
        return list(reversed(self.inner.search(query, k)))  # type: ignore[attr-defined]


def test_the_retriever_as_ask_uses_it_is_measured_and_judged(
    fake_env: tuple[Path, FakeEmbedder], tmp_path: Path
) -> None:
    qa = tmp_path / "qa.jsonl"
    item = {"id": "q1", "question": "紫竹高新區的股東結構", "doc": "a.txt", "type": "fact",
            "evidence": "股東結構包括民營企業與大學"}
    qa.write_text(json.dumps(item, ensure_ascii=False), "utf-8")
    report = run_retrieval_benchmark(qa, tmp_path / "b.json", cold_runs=0, as_asked=Reversed)
    ours = report["ours"]
    assert set(ours["latency_ms"]) == {"dense", "bm25", "hybrid", "as_asked"}
    assert ours["quality"]["hybrid"]["hit@1"] == 1.0
    assert ours["quality"]["as_asked"]["hit@1"] == 0.0  # the reversed list puts it last
    assert report["targets"]["hit@1_ge_0.85"] is False
