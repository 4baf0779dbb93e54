"""`reportqa index` and `reportqa search` through click's CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli
from tests.fakes import FakeEmbedder, fake_env

__all__ = ["fake_env"]

Env = tuple[Path, FakeEmbedder]


def test_search_builds_index_and_prints_json(fake_env: Env) -> None:
    result = CliRunner().invoke(cli, ["search", "紫竹", "股東結構", "-k", "2", "--json"])
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines() if line.startswith("{")]
    assert len(rows) == 1 and rows[0]["query"] == "紫竹 股東結構"
    hits = rows[0]["hits"]
    assert [h["rank"] for h in hits] == [1, 2]
    keys = {"rank", "chunk_id", "doc", "section_path", "page", "text", "score",
            "dense_rank", "bm25_rank"}
    assert keys <= set(hits[0])
    assert hits[0]["section_path"] == ["紫竹國家高新技術產業開發區"]


def test_search_reads_queries_from_stdin(fake_env: Env) -> None:
    runner = CliRunner()
    result = runner.invoke(cli, ["search", "-", "--json", "-k", "1"], input="張江\n\n慶州 創新展\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["query"] for r in rows] == ["張江", "慶州 創新展"]
    assert rows[1]["hits"][0]["doc"] == "b.txt"


def test_search_text_output(fake_env: Env) -> None:
    result = CliRunner().invoke(cli, ["search", "張江", "-k", "1"])
    assert result.exit_code == 0, result.output
    assert result.stdout.startswith("[1] a.txt | 張江高新技術產業開發區, p. 1")
    assert "score" in result.stdout and "bm25 #1" in result.stdout


def test_index_and_status(fake_env: Env) -> None:
    corpus, _ = fake_env
    runner = CliRunner()
    status = runner.invoke(cli, ["index", "--status"])
    assert status.exit_code == 0 and "up to date: no (no index yet" in status.stdout
    built = runner.invoke(cli, ["index"])
    assert built.exit_code == 0, built.output
    assert "added: a.txt" in built.stdout and "added 2, updated 0" in built.stdout
    status = runner.invoke(cli, ["index", "--status"])
    assert "up to date: yes" in status.stdout and "a.txt:" in status.stdout
    (corpus / "a.txt").write_text("# 改\n改過了。\n", "utf-8")
    status = runner.invoke(cli, ["index", "--status"])
    assert "up to date: no (changed: updated a.txt)" in status.stdout
    again = runner.invoke(cli, ["index"])
    assert "updated: a.txt" in again.stdout and "unchanged 1" in again.stdout


def test_mismatch_is_one_line_error(fake_env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    runner = CliRunner()
    assert runner.invoke(cli, ["index"]).exit_code == 0
    monkeypatch.setenv("REPORTQA_CHUNK_OVERLAP", "10")
    result = runner.invoke(cli, ["search", "張江"])
    assert result.exit_code == 1
    assert result.output.strip().count("\n") == 0
    assert result.output.startswith("Error: the search index was built with chunk size")
    assert "reportqa index --rebuild" in result.output
    rebuilt = runner.invoke(cli, ["index", "--rebuild"])
    assert rebuilt.exit_code == 0 and "added 2" in rebuilt.stdout


def test_search_gives_the_order_ask_uses_and_hybrid_on_request(fake_env: Env) -> None:
    from app.factory import as_asked
    from index.build import open_index
    from index.retriever import HybridRetriever

    query = "紫竹 股東結構"
    hybrid = HybridRetriever(open_index(None, progress=False))
    for flags, retriever in (([], as_asked(hybrid)), (["--hybrid"], hybrid)):
        result = CliRunner().invoke(cli, ["search", *flags, query, "-k", "3", "--json"])
        assert result.exit_code == 0, result.output
        shown = [h["chunk_id"] for h in json.loads(result.stdout.splitlines()[-1])["hits"]]
        assert shown == [h.chunk.id for h in retriever.search(query, 3)], flags


def test_index_warns_of_an_unreadable_report_and_indexes_the_rest(
    fake_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    import index.build
    from reportqa.errors import ReportQAError
    from tests.fakes import fake_parse

    def parse(path: Path, size: int, overlap: int) -> object:
        if path.name == "scan.txt":
            raise ReportQAError("scan.txt: no text layer", hint="run OCR on it first")
        return fake_parse(path, size, overlap)

    monkeypatch.setattr(index.build, "_parse", parse)
    corpus, _ = fake_env
    (corpus / "scan.txt").write_text("(an image)", "utf-8")
    built = CliRunner().invoke(cli, ["index"])
    assert built.exit_code == 0, built.output
    assert built.stderr.strip() == "warning: skipped scan.txt: no text layer (run OCR on it first)"
    assert "added 2, updated 0, removed 0, unchanged 0 reports, skipped 1 unreadable" in (
        built.stdout)
