"""The eval runner end to end on a tiny QA file, with hand-written fakes."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from app.backends.base import AnswerRequest
from app.pipeline import Pipeline
from app.refusal import EvidenceScorer
from app.verdict import FEATURES, Verdict
from eval import gate, verdict_fit
from eval.report import table, write_report
from eval.runner import evaluate
from eval.schema import load_qa
from eval.vanilla import VanillaRetriever, make_chunks
from index.types import Hit
from ingest.model import Chunk
from reportqa.errors import ReportQAError
from tests.fakes import FakeEmbedder

ZIZHU = "紫竹高新區由紫江集團、上海交通大學等共同投資，註冊資本二十億元，股東包括民營企業與大學。"
ZHANGJIANG = "張江是國家自主創新示範區，聚集積體電路、生物醫藥與軟體產業，管理委員會負責規劃。"
ASPA = "ASPA科學園區創新展於2023年在韓國慶州舉行，主題為數位世代的產業，各國園區代表與會。"
CHUNKS = [
    Chunk("z", "a.txt", ("參、紫竹",), 20, ZIZHU, ZIZHU),
    Chunk("j", "a.txt", ("柒、張江",), 49, ZHANGJIANG, ZHANGJIANG),
    Chunk("s", "b.txt", ("創新展",), 3, ASPA, ASPA),
]
ROWS = [
    {"id": "t1", "question": "紫竹高新區的股東有哪些？", "answer": "紫江集團等",
     "must_include": ["紫江集團", "二十億元"], "doc": "a.txt", "section": "參、紫竹",
     "evidence": "紫竹高新區由紫江集團、上海交通大學等共同投資", "type": "fact"},
    {"id": "t2", "question": "張江聚集哪些產業？", "answer": "積體電路等",
     "must_include": ["積體電路", "生物醫藥"], "doc": "a.txt", "section": "柒、張江",
     "evidence": "聚集積體電路、生物醫藥與軟體產業，管理委員會負責規劃", "type": "list"},
    {"id": "t3", "question": "紫竹與ASPA創新展各在哪裡？", "answer": "上海；慶州",
     "must_include": ["慶州"], "doc": "a.txt", "section": "參、紫竹",
     "evidence": "紫竹高新區由紫江集團、上海交通大學等共同投資", "type": "cross_doc",
     "doc_2": "b.txt", "section_2": "創新展",
     "evidence_2": "ASPA科學園區創新展於2023年在韓國慶州舉行"},
    {"id": "t4", "question": "火星基地的預算是多少？", "answer": "無", "must_include": [],
     "doc": None, "section": None, "evidence": None, "type": "unanswerable"},
]


class KeywordRetriever:
    """Ranks the fixed chunks by how many of the query's characters they hold."""

    def search(self, query: str, k: int) -> list[Hit]:
        scored = sorted(CHUNKS, key=lambda c: -sum(ch in c.text for ch in set(query)))
        return [Hit(c, 1.0 / (i + 1)) for i, c in enumerate(scored[:k])]


class QuotingBackend:
    """Answers with the first block in Simplified script, or a refusal for 火星."""

    name = "quoting"
    generative = True

    @staticmethod
    def available() -> bool:
        return True

    def judge(self, request: AnswerRequest) -> float | None:
        return None

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        if "火星" in request.question:
            yield "報告中找不到相關資訊。"
            return
        yield "紫江集团等共同投资。[1]" if "紫竹" in request.question else "积体电路。[1]"


def _pipeline() -> Pipeline:
    return Pipeline(KeywordRetriever(), QuotingBackend(), EvidenceScorer(c.text for c in CHUNKS),
                    k=2)


def _qa(tmp_path: Path) -> Path:
    path = tmp_path / "tiny.jsonl"
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in ROWS), encoding="utf-8")
    return path


def test_runner_end_to_end(tmp_path: Path) -> None:
    run = evaluate(load_qa(_qa(tmp_path)), {"ours": _pipeline()}, progress=False)
    summary = run.summary
    by_id = {r.id: r for r in run.results["ours"]}
    assert summary["n"] == 4 and summary["backend"] == "quoting"
    assert by_id["t1"].rank == 1 and by_id["t2"].rank == 1
    assert by_id["t3"].rank == 2  # both evidences needed: the later one is at rank 2
    assert summary["retrieval"]["hit@1"] == 0.6667
    assert summary["retrieval"]["hit@3"] == 1.0 and summary["retrieval"]["mrr"] == 0.8333
    assert by_id["t1"].facts_found == ["紫江集團"] and by_id["t1"].facts_missing == ["二十億元"]
    assert by_id["t4"].refused and not by_id["t1"].refused
    assert by_id["t1"].traditional is True  # the pipeline converted the Simplified reply
    answers = summary["answer"]
    assert answers["refusal_recall"] == 1.0 and answers["false_refusal_rate"] == 0.0
    assert answers["citation_accuracy"] == 0.6667  # t3 cites only the Zizhu chunk
    assert answers["key_fact_recall"] == round((0.5 + 0.5 + 0.0) / 3, 4)
    assert set(summary["by_type"]) == {"fact", "list", "cross_doc", "unanswerable"}
    assert "total_ms" in summary["latency_ms"]
    assert "hit@1" in table(summary)


def test_both_pipelines_and_report(tmp_path: Path) -> None:
    vanilla = Pipeline(KeywordRetriever(), QuotingBackend(), EvidenceScorer([]), k=1)
    pipelines = {"ours": _pipeline(), "vanilla": vanilla}
    run = evaluate(load_qa(_qa(tmp_path)), pipelines, progress=False)
    assert run.summary["vanilla"]["n"] == 4
    assert run.summary["ratios"]["hit@1"] == 1.0
    report = write_report(run.summary, run.results, tmp_path / "out", run.k)
    text = report.read_text(encoding="utf-8")
    assert "| retrieval.hit@1 |" in text
    assert "### t3 (cross_doc)" in text and "wrong citation" in text
    assert "1. a.txt › 參、紫竹: 紫竹高新區由紫江集團" in text
    assert (tmp_path / "out" / "hit_at_5.png").stat().st_size > 1000
    saved = json.loads((tmp_path / "out" / "results.json").read_text(encoding="utf-8"))
    assert len(saved["items"]["vanilla"]) == 4


def test_fit_refusal_writes_a_model_with_out_of_fold_figures(tmp_path: Path) -> None:
    out = tmp_path / "model.json"
    # 20 distinct questions, 5 unanswerable: enough for 5 folds
    items = [replace(i, id=f"{i.id}-{n}") for n in range(5) for i in load_qa(_qa(tmp_path))]
    result = verdict_fit.fit_refusal(_pipeline(), items, out, progress=False)
    assert set(result["weights"]) == set(FEATURES)
    assert result["cv"]["n"] == 20 and result["cv"]["unanswerable"] == 5
    model = Verdict.from_dict(json.loads(out.read_text(encoding="utf-8")))
    assert model.threshold == result["threshold"]


def test_fit_refusal_reports_each_dev_set_apart(tmp_path: Path) -> None:
    items = [replace(i, id=f"{i.id}-{n}") for n in range(5) for i in load_qa(_qa(tmp_path))]
    parts = ["dev"] * 12 + ["dev2"] * 8
    result = verdict_fit.fit_refusal(_pipeline(), items, None, progress=False, item_parts=parts)
    assert {p: f["n"] for p, f in result["cv"]["parts"].items()} == {"dev": 12, "dev2": 8}
    assert "(dev, dev2)" in result["fitted_on"]


def test_fit_separates_by_a_signal_that_does() -> None:
    """A made-up case: only `coverage` tells the answerable rows apart."""
    rows = [{**dict.fromkeys(FEATURES, 0.0), "coverage": 0.9 + 0.001 * i} for i in range(30)]
    rows += [{**dict.fromkeys(FEATURES, 0.0), "coverage": 0.1 + 0.001 * i} for i in range(10)]
    result = verdict_fit.fit_verdict(rows, [True] * 30 + [False] * 10)
    assert result["weights"]["coverage"] > 0
    assert result["cv"]["auc"] == 1.0 and result["cv"]["refusal_recall"] == 1.0
    model = Verdict.from_dict(result)
    assert not model.refuses(rows[0]) and model.refuses(rows[-1])


def test_fit_reports_its_figures_with_the_rules_too() -> None:
    """Made up: coverage alone separates the rows; one answerable row asks for a
    figure its passages do not state. The model answers it, the rule refuses it."""
    base = dict.fromkeys(FEATURES, 0.0)
    rows = [{**base, "coverage": 0.9 + 0.001 * i} for i in range(30)]
    rows += [{**base, "coverage": 0.1 + 0.001 * i} for i in range(10)]
    rows[0] = {**rows[0], "quantity_asked": 1.0}
    result = verdict_fit.fit_verdict(rows, [True] * 30 + [False] * 10)
    assert result["cv"]["false_refusal_rate"] == 0.0
    assert result["cv"]["with_rules"] == {"refusal_recall": 1.0,
                                          "false_refusal_rate": round(1 / 30, 4)}


def test_a_signal_is_never_weighted_against_its_meaning() -> None:
    """Made up: answerable rows here happen to have the lower passage cosine;
    the fit may not learn that a closer passage makes an answer less likely."""
    rows = [{**dict.fromkeys(FEATURES, 0.0), "coverage": 0.8 + 0.01 * (i % 5),
             "dense_top": 0.80 + 0.001 * i} for i in range(20)]
    rows += [{**dict.fromkeys(FEATURES, 0.0), "coverage": 0.2 + 0.01 * (i % 5),
              "dense_top": 0.90 + 0.001 * i} for i in range(10)]
    weights = verdict_fit.fit_verdict(rows, [True] * 20 + [False] * 10)["weights"]
    assert weights["dense_top"] == 0.0 and weights["coverage"] > 0


def test_too_few_questions_to_cross_validate_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ReportQAError, match="too few to cross-validate"):
        verdict_fit.fit_refusal(_pipeline(), load_qa(_qa(tmp_path)), None, progress=False)


def test_threshold_prefers_the_lower_and_respects_false_refusals() -> None:
    scored = [(0.2, False), (0.6, True), (0.7, True), (0.9, True)]
    assert verdict_fit.pick_threshold(scored)[0] == 0.4  # not 0.65, which also refuses 0.6
    crowded = [(0.1, False), (0.3, False), (0.2, True), *[(0.8, True)] * 10]
    assert verdict_fit.pick_threshold(crowded) == (0.15, 0.5, 0.0)


def test_vanilla_retriever_caches_vectors(tmp_path: Path) -> None:
    documents = [("a.txt", ZIZHU * 12), ("b.txt", ASPA * 3)]
    embedder = FakeEmbedder()
    first = VanillaRetriever(documents, embedder, cache=tmp_path)
    assert [len(c.text) <= 500 for c in first.chunks] == [True] * len(first.chunks)
    assert embedder.calls == len(make_chunks(documents))
    again = VanillaRetriever(documents, embedder, cache=tmp_path)
    assert embedder.calls == len(first.chunks)  # read back from the cache
    hit = again.search("ASPA創新展在哪裡", 1)[0]
    assert (hit.chunk.doc, hit.chunk.section_path, hit.chunk.page) == ("b.txt", (), None)


def test_gate_flags_drops_beyond_tolerance() -> None:
    summary = {"n": 4, "backend": "extractive",
               "retrieval": {"hit@5": 0.9, "mrr": 0.7}, "answer": {"false_refusal_rate": 0.01}}
    baseline = gate.make_baseline({"dev": summary}, 0.0)["sets"]["dev"]
    assert gate.check(summary, baseline) == []
    worse = {**summary, "retrieval": {"hit@5": 0.87, "mrr": 0.69},
             "answer": {"false_refusal_rate": 0.04}}
    assert gate.check(worse, baseline) == [
        "retrieval.hit@5 fell from 0.9 to 0.87 (tolerance 0.02)",
        "answer.false_refusal_rate rose from 0.01 to 0.04 (tolerance 0.02)",
    ]
