"""`reportqa eval` and `reportqa bench` through click, on the real index."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli

TINY = Path(__file__).parent / "data" / "eval_tiny.jsonl"


def test_eval_json_on_the_real_index() -> None:
    result = CliRunner().invoke(
        cli, ["eval", "--qa", str(TINY), "--backend", "extractive", "--json", "--limit", "3"]
    )
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["n"] == 3 and summary["backend"] == "extractive"
    assert set(summary["retrieval"]) == {"hit@1", "hit@3", "hit@5", "hit@10", "mrr", "hit@2000c"}
    assert set(summary["answer"]) == {"key_fact_recall", "citation_accuracy", "refusal_recall",
                                      "false_refusal_rate", "traditional_rate", "quotes_verbatim"}
    assert summary["retrieval"]["hit@10"] == 1.0  # q001 and q003 are easy
    assert summary["answer"]["traditional_rate"] == 1.0
    assert set(summary["by_type"]) == {"fact", "unanswerable"}
    assert {"retrieve_ms", "total_ms"} <= set(summary["latency_ms"])


def test_eval_table_and_report(tmp_path: Path) -> None:
    out = tmp_path / "report"
    result = CliRunner().invoke(
        cli, ["eval", "--qa", str(TINY), "--backend", "extractive", "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    assert "hit@2000c" in result.stdout and "cross_doc" in result.stdout
    assert (out / "report.md").is_file() and (out / "results.json").is_file()
    assert list(out.glob("*.png"))


def test_eval_rejects_a_bad_qa_file(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": "x", "type": "fact"}\nnot json\n', encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--qa", str(bad)])
    assert result.exit_code == 1
    assert f"{bad}:1: `question` must be a string" in result.output
    assert f"{bad}:2: not valid JSON" in result.output


def test_update_baseline_needs_the_full_extractive_run() -> None:
    result = CliRunner().invoke(cli, ["eval", "--backend", "extractive", "--limit", "3",
                                      "--update-baseline"])
    assert result.exit_code == 1
    assert "reportqa eval --backend extractive --update-baseline" in result.output


def test_bench_answer_extractive(tmp_path: Path) -> None:
    out = tmp_path / "answer.json"
    result = CliRunner().invoke(cli, ["bench", "answer", "--backend", "extractive", "--limit", "2",
                                      "--qa", str(TINY), "--out", str(out)])
    assert result.exit_code == 0, result.output
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["questions"] == 2 and report["backend"] == "extractive"
    assert report["total_ms"]["median"] > 0
    assert "after_retrieval_ms" in result.stdout


def test_eval_gives_dev_and_test_side_by_side_labelled() -> None:
    result = CliRunner().invoke(cli, ["eval", "--backend", "extractive", "--limit", "2", "--json"])
    assert result.exit_code == 0, result.output
    both = json.loads(result.stdout)
    assert set(both) == {"dev", "test"}
    assert both["dev"]["label"].startswith("in-sample") and both["dev"]["n"] == 2
    assert both["test"]["label"].startswith("held-out") and "by_style" in both["test"]
    table = CliRunner().invoke(cli, ["eval", "--backend", "extractive", "--limit", "2"])
    assert "dev (in-sample)" in table.stdout and "test (held-out)" in table.stdout


def test_an_outside_qa_file_with_an_unknown_type_is_scored_with_a_warning(tmp_path: Path) -> None:
    row = json.loads(TINY.read_text(encoding="utf-8").splitlines()[0])
    outside = tmp_path / "outside.jsonl"
    outside.write_text(json.dumps({**row, "type": "paraphrase", "must_include": list("abcde")},
                                  ensure_ascii=False) + "\n", encoding="utf-8")
    result = CliRunner().invoke(cli, ["eval", "--qa", str(outside), "--backend", "extractive",
                                      "--json"])
    assert result.exit_code == 0, result.output
    assert "warning: `type` 'paraphrase'" in result.stderr
    assert list(json.loads(result.stdout)["by_type"]) == ["paraphrase"]


def test_fitting_on_part_of_the_dev_set_is_refused() -> None:
    result = CliRunner().invoke(cli, ["eval", "--fit-refusal", "--limit", "3"])
    assert result.exit_code == 1
    assert "without --limit" in result.output


def test_no_model_is_fitted_on_the_test_set() -> None:
    from eval.schema import TEST_QA

    for flag in ("--fit-sentences", "--fit-refusal"):
        result = CliRunner().invoke(cli, ["eval", flag, "--qa", str(TEST_QA)])
        assert result.exit_code != 0 and "never fitted on" in result.output
    result = CliRunner().invoke(cli, ["eval", "--fit-sentences", "--limit", "3"])
    assert result.exit_code != 0 and "without --limit" in result.output


def test_each_fit_reads_its_own_sets(monkeypatch: pytest.MonkeyPatch) -> None:
    import eval.schema
    from eval.schema import FIT_SETS, SENTENCE_FIT_SETS
    from reportqa.errors import ReportQAError

    asked: list[tuple[str, ...]] = []

    def record(first: object, names: tuple[str, ...] = FIT_SETS) -> object:
        asked.append(tuple(names))
        raise ReportQAError("stopped before fitting", hint="a test")

    monkeypatch.setattr(eval.schema, "fitting_sets", record)
    for flag, names in (("--fit-sentences", SENTENCE_FIT_SETS), ("--fit-fusion", FIT_SETS)):
        asked.clear()
        result = CliRunner().invoke(cli, ["eval", flag])
        assert "stopped before fitting" in result.output and asked == [names], flag
