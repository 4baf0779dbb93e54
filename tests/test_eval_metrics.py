"""Eval metrics on hand-worked cases."""

from __future__ import annotations

import pytest

from eval.metrics import (
    ItemResult,
    cites_evidence,
    contains,
    hit_rank,
    is_traditional,
    key_facts,
    normalize,
    ratios,
    retrieval_metrics,
    summarize,
    within_budget,
)


@pytest.mark.parametrize(
    ("haystack", "needle"),
    [
        # Simplified text, Traditional key
        ("紫竹高新区的股东结构包括民营企业", "紫竹高新區的股東結構"),
        ("紫竹高新區的股東結構", "紫竹高新区的股东结构"),  # and the other way round
        ("註冊資本 1,200,000 元", "1200000元"),  # thousands separators
        ("註冊資本1200000元", "1,200,000 元"),
        ("營收１，２００億元", "1200億元"),  # full-width digits and comma
        ("出國期間：104年 11月\n30日", "出國期間:104年11月30日"),  # whitespace, full-width colon
        ("ASPA Innofair", "aspa innofair"),
    ],
)
def test_folding_matches(haystack: str, needle: str) -> None:
    assert contains(haystack, needle)


def test_folding_keeps_real_differences() -> None:
    assert not contains("營收1200億元", "1300億元")
    assert not contains("2019，2020年", "20192020")  # a list of years is not a number
    assert normalize("12,34") == "12,34"  # not a thousands group


def test_hit_rank_single_and_cross_doc() -> None:
    texts = ["甲乙", "丙丁戊", "己庚"]
    assert hit_rank(["丙丁"], texts) == 2
    assert hit_rank(["甲乙", "己庚"], texts) == 3  # both must be found: rank of the later one
    assert hit_rank(["甲乙", "辛"], texts) is None
    assert hit_rank(["乙丙"], texts) is None  # across a chunk boundary does not count


def test_within_budget_cuts_the_last_chunk() -> None:
    texts = ["a" * 1500, "b" * 400, "c" * 400]
    kept = within_budget(texts)
    assert [len(t) for t in kept] == [1500, 400, 100]
    assert hit_rank(["c" * 50], kept) == 3
    assert hit_rank(["c" * 150], kept) is None


def _retrieved(*ranks: int | None) -> list[ItemResult]:
    return [ItemResult(f"q{i}", "fact", "?", True, rank=r) for i, r in enumerate(ranks)]


def test_hit_at_k_and_mrr() -> None:
    results = _retrieved(1, 2, 4, 7, None)
    figures = retrieval_metrics(results)
    assert figures["hit@1"] == 0.2
    assert figures["hit@3"] == 0.4
    assert figures["hit@5"] == 0.6
    assert figures["hit@10"] == 0.8
    assert figures["mrr"] == pytest.approx((1 + 1 / 2 + 1 / 4 + 1 / 7) / 5, abs=1e-4)


def test_unanswerable_items_do_not_count_for_retrieval() -> None:
    results = [*_retrieved(1), ItemResult("u", "unanswerable", "?", False)]
    assert retrieval_metrics(results)["hit@1"] == 1.0


def test_refusal_metrics() -> None:
    results = [
        ItemResult("a1", "fact", "?", True, refused=True),
        ItemResult("a2", "fact", "?", True, cited_evidence=True),
        ItemResult("a3", "fact", "?", True, cited_evidence=False),
        ItemResult("a4", "fact", "?", True, cited_evidence=True),
        ItemResult("u1", "unanswerable", "?", False, refused=True),
        ItemResult("u2", "unanswerable", "?", False, refused=False),
    ]
    answers = summarize(results)["answer"]
    assert answers["refusal_recall"] == 0.5
    assert answers["false_refusal_rate"] == 0.25
    assert answers["citation_accuracy"] == 0.6667  # of the 3 answered answerable items


def test_key_facts_and_citations() -> None:
    answer = "股东为紫江集团，资本20亿元。"
    found, missing = key_facts(["紫江集團", "20億元", "上海交通大學"], answer)
    assert found == ["紫江集團", "20億元"]
    assert missing == ["上海交通大學"]
    assert cites_evidence(["紫江集團出資"], ["……由紫江集团出资设立"])
    assert not cites_evidence(["紫江集團出資", "別的證據"], ["紫江集團出資"])


def test_traditional_rate() -> None:
    assert is_traditional("紫竹的股東?", "股東為紫江集團") is True
    assert is_traditional("紫竹的股東?", "股东为紫江集团") is False
    assert is_traditional("Who are the shareholders?", "股东") is None
    results = [
        ItemResult("a", "fact", "?", True, traditional=True),
        ItemResult("b", "fact", "?", True, traditional=False),
        ItemResult("c", "fact", "?", True, traditional=None),
    ]
    assert summarize(results)["answer"]["traditional_rate"] == 0.5


def test_per_type_breakdown() -> None:
    results = [
        ItemResult("f1", "fact", "?", True, rank=1, facts_found=["x"]),
        ItemResult("f2", "fact", "?", True, rank=None, facts_missing=["y"]),
        ItemResult("n1", "number", "?", True, rank=2, facts_found=["1"], facts_missing=["2"]),
        ItemResult("u1", "unanswerable", "?", False, refused=True),
    ]
    summary = summarize(results)
    by_type = summary["by_type"]
    assert sorted(by_type) == ["fact", "number", "unanswerable"]
    assert by_type["fact"]["n"] == 2
    assert by_type["fact"]["retrieval"]["hit@1"] == 0.5
    assert by_type["number"]["retrieval"]["mrr"] == 0.5
    assert by_type["number"]["answer"]["key_fact_recall"] == 0.5
    assert by_type["unanswerable"]["answer"]["refusal_recall"] == 1.0
    assert by_type["unanswerable"]["retrieval"]["hit@1"] is None
    assert summary["answer"]["key_fact_recall"] == pytest.approx((1 + 0 + 0.5) / 3, abs=1e-4)


def test_latency_and_ratios() -> None:
    results = [ItemResult(str(i), "fact", "?", True, rank=1, timings={"total_ms": float(i)})
               for i in range(1, 21)]
    summary = summarize(results)
    assert summary["latency_ms"]["total_ms"] == {"p50": 10.5, "p95": 19.05}
    other = summarize(_retrieved(1, None))
    assert ratios(summary, other)["hit@1"] == 2.0


def test_failures_explain_each_kind() -> None:
    item = ItemResult("a", "fact", "?", True, rank=None, answer="x", facts_missing=["y"],
                      cited_evidence=False)
    reasons = " | ".join(item.failures())
    assert "not in the top 10" in reasons
    assert "missing key facts: y" in reasons
    assert "wrong citation" in reasons
    assert ItemResult("u", "unanswerable", "?", False, refused=False).failures() == [
        "wrong refusal: answered an unanswerable question"
    ]
    good = ItemResult("ok", "fact", "?", True, rank=1, answer="x", cited_evidence=True)
    assert good.failures() == []
