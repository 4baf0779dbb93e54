"""The `ask` command: through click's CliRunner with a pipeline of fakes, and
through the installed console script on the real bundled reports."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from click.testing import CliRunner

import app.factory
from app.ask_cli import ask
from app.pipeline import Pipeline
from app.refusal import EvidenceScorer
from tests.answer_fakes import FixedRetriever, ScriptedBackend, chunk

ZIZHU = chunk(
    1, "紫竹高新區由紫江集團、上海交通大學等共同出資設立。", path=("肆、參訪紀要", "(參)紫竹")
)


@pytest.fixture
def fake_pipeline(monkeypatch: pytest.MonkeyPatch) -> Pipeline:
    pipeline = Pipeline(
        retriever=FixedRetriever([ZIZHU]),
        backend=ScriptedBackend("紫竹高新区由紫江集团等出资设立。[1]"),
        scorer=EvidenceScorer([ZIZHU.text]),
        titles={"r.txt": "上海參訪報告"},
        k=1,
    )
    monkeypatch.setattr(app.factory, "build_pipeline", lambda *a, **k: pipeline)
    return pipeline


def test_answer_then_numbered_sources(fake_pipeline: Pipeline) -> None:
    result = CliRunner().invoke(ask, ["紫竹高新區的股東結構?"])
    assert result.exit_code == 0, result.output
    assert result.output.startswith("紫竹高新區由紫江集團等出資設立。[1]\n")
    assert "[1] 上海參訪報告 › 肆、參訪紀要 › (參)紫竹 (p. 1)" in result.output
    assert "「紫竹高新區由紫江集團、上海交通大學等共同出資設立。」" in result.output


def test_no_sources_and_no_stream(fake_pipeline: Pipeline) -> None:
    result = CliRunner().invoke(ask, ["--no-stream", "--no-sources", "紫竹?"])
    assert result.exit_code == 0
    assert result.output == "紫竹高新區由紫江集團等出資設立。[1]\n"


def test_markdown_gives_answer_and_numbered_sources(fake_pipeline: Pipeline) -> None:
    result = CliRunner().invoke(ask, ["--markdown", "紫竹高新區的股東結構?"])
    assert result.exit_code == 0, result.output
    assert result.output.splitlines() == [
        "**問：** 紫竹高新區的股東結構?",
        "",
        "紫竹高新區由紫江集團等出資設立。[1]",
        "",
        "**來源**",
        "",
        "1. 上海參訪報告 › 肆、參訪紀要 › (參)紫竹，第 1 頁",
        "   > 紫竹高新區由紫江集團、上海交通大學等共同出資設立。",
    ]


def test_stdin_questions_as_json_lines(fake_pipeline: Pipeline) -> None:
    result = CliRunner().invoke(ask, ["--json", "-"], input="紫竹的股東?\n\n紫竹的出資者?\n")
    assert result.exit_code == 0, result.output
    rows = [json.loads(line) for line in result.output.splitlines()]
    assert [r["question"] for r in rows] == ["紫竹的股東?", "紫竹的出資者?"]
    first = rows[0]
    assert {"answer", "refused", "citations", "searched", "timings"} <= set(first)
    assert first["citations"][0]["section_path"] == ["肆、參訪紀要", "(參)紫竹"]
    assert {"doc", "page", "quote", "text"} <= set(first["citations"][0])


def test_empty_question_is_one_line_error() -> None:
    result = CliRunner().invoke(ask, ["  "])
    assert result.exit_code == 1
    assert result.output.strip().splitlines() == [
        'Error: the question is empty (ask "紫竹高新區的股東結構?" or ask - < questions.txt)'
    ]


def test_unknown_backend_is_one_line_error() -> None:
    result = CliRunner().invoke(ask, ["--backend", "nope", "紫竹?"])
    assert result.exit_code != 0
    assert len(result.output.strip().splitlines()) == 1
    assert "nope" in result.output and "Traceback" not in result.output


def test_missing_corpus_is_one_line_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(ask, ["--reports", str(tmp_path / "nowhere"), "紫竹?"])
    assert result.exit_code != 0
    assert len(result.output.strip().splitlines()) == 1, result.output
    assert "nowhere" in result.output


@pytest.mark.skipif(shutil.which("ask") is None, reason="console script not installed")
def test_installed_console_script_answers_from_the_real_reports() -> None:
    out = subprocess.run(
        ["ask", "--backend", "extractive", "--json", "紫竹高新區的股東結構?"],
        capture_output=True,
        text=True,
        timeout=600,
        check=True,
    )
    answer = json.loads(out.stdout.strip().splitlines()[-1])
    assert not answer["refused"]
    assert answer["citations"]
    assert any("紫竹" in " ".join(c["section_path"]) for c in answer["citations"])
    assert "股東" in answer["answer"] or "股份" in answer["answer"]


@pytest.mark.skipif(shutil.which("reportqa") is None, reason="console script not installed")
def test_reportqa_help_lists_every_command() -> None:
    out = subprocess.run(["reportqa", "--help"], capture_output=True, text=True, check=True)
    for name in ("outline", "index", "search", "ask", "serve", "eval", "bench"):
        assert name in out.stdout
