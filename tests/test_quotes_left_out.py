"""A model's answer followed by the reader's quotes it does not restate, or whose
figures or names it leaves out (app.fallback.left_out, setting quote_left_out), with
a scripted model over the made-up passages of tests/test_pipeline.py."""

from __future__ import annotations

from app.pipeline import Pipeline
from app.prompting import load_prompts
from tests.answer_fakes import ScriptedBackend
from tests.test_pipeline import run, with_fallback_pipeline


def with_quotes_pipeline(backend: ScriptedBackend, on: bool = True) -> Pipeline:
    pipeline = with_fallback_pipeline(backend, 0.99)
    pipeline.quote_left_out = on
    return pipeline


def test_an_answer_leaving_out_the_quotes_figure_is_followed_by_that_quote() -> None:
    backend = ScriptedBackend("紫竹高新區的股東包括紫江集團。[1]")
    pieces, answer = run(with_quotes_pipeline(backend), "紫竹高新區的股東結構?")
    heading = load_prompts().get("quotes_left_out_zh").strip()
    assert answer.text.startswith(f"紫竹高新區的股東包括紫江集團。[1]\n\n{heading}\n「紫竹高新區由")
    assert "50%" in answer.text and "".join(pieces) == answer.text
    assert answer.backend == "scripted + extractive quotes" and not answer.refused


def test_an_answer_restating_the_quotes_with_their_figures_stands_alone() -> None:
    text = "紫竹高新區由紫江集團、上海交通大學等出資設立，紫江集團持股 50 %。[1]"
    _, answer = run(with_quotes_pipeline(ScriptedBackend(text)), "紫竹高新區的股東結構?")
    assert answer.text == text and answer.backend == "scripted"


def test_an_answer_in_words_of_its_own_is_followed_by_the_quotes_it_sums_up() -> None:
    backend = ScriptedBackend("紫竹的大股東是紫江，持股 50 %。[1]")
    _, answer = run(with_quotes_pipeline(backend), "紫竹高新區的股東結構?")
    assert "「紫竹高新區由紫江集團、上海交通大學等共同出資設立" in answer.text
    assert answer.backend == "scripted + extractive quotes"


def test_quotes_of_left_out_figures_can_be_turned_off() -> None:
    backend = ScriptedBackend("紫竹高新區的股東包括紫江集團。[1]")
    _, answer = run(with_quotes_pipeline(backend, on=False), "紫竹高新區的股東結構?")
    assert answer.text == "紫竹高新區的股東包括紫江集團。[1]"


def test_quotes_follow_an_answer_ending_in_a_line_break_exactly_as_streamed() -> None:
    backend = ScriptedBackend("紫竹高新區的股東包括紫江集團。[1]\n")
    pieces, answer = run(with_quotes_pipeline(backend), "紫竹高新區的股東結構?")
    assert "".join(pieces).strip() == answer.text and "50%" in answer.text
    assert [c.n for c in answer.citations] == [1]


def test_an_english_answer_leaving_out_a_figure_gets_the_english_heading() -> None:
    backend = ScriptedBackend("Zizhu's shareholders include the Zijiang Group. [1]")
    _, answer = run(with_quotes_pipeline(backend), "Who are Zizhu's shareholders?")
    heading = load_prompts().get("quotes_left_out_en").strip()
    assert f"\n\n{heading}\n「" in answer.text and "50%" in answer.text


def test_a_model_refusal_gets_no_quotes_of_left_out_figures() -> None:
    backend = ScriptedBackend("報告中找不到相關資訊。")
    _, answer = run(with_quotes_pipeline(backend), "紫竹高新區的股東結構?")
    assert answer.refused and answer.text == "報告中找不到相關資訊。"
