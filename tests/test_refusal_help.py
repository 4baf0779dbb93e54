"""A refusal that still helps (the closest passages, marked as not answering),
the answerability model inside the pipeline, and Traditional Chinese words in
English answers. Made-up reports and questions throughout."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from app.answer import Answer
from app.ask_cli import format_closest
from app.backends.base import ContextBlock
from app.pipeline import Pipeline
from app.refusal import EvidenceScorer
from app.stream import StreamCleaner
from app.verdict import FEATURES, Verdict
from app.web.render import sources_html
from tests.answer_fakes import FixedRetriever, ScriptedBackend, chunk

FARM = chunk(1, "青禾農業園區成立於2009年，園區內有三百家企業進駐。", path=("貳、園區", "一、青禾"))
PORT = chunk(2, "港灣創新中心設有共同實驗室與育成空間。", path=("貳、園區", "二、港灣"))


def pipeline(verdict: Verdict | None = None, threshold: float = 0.5) -> Pipeline:
    chunks = [FARM, PORT]
    return Pipeline(
        retriever=FixedRetriever(chunks), backend=ScriptedBackend("青禾農業園區有三百家企業。[1]"),
        scorer=EvidenceScorer(c.text for c in chunks), k=2, refusal_threshold=threshold,
        verdict=verdict,
    )


def only(name: str, weight: float) -> Verdict:
    """A model that weighs one signal (all others at weight 0)."""
    weights = tuple(weight if f == name else 0.0 for f in FEATURES)
    return Verdict(FEATURES, (0.0,) * len(FEATURES), (1.0,) * len(FEATURES), weights, 0.0, 0.5)


def test_a_refusal_lists_the_closest_passages_apart_from_citations() -> None:
    # a question naming a year no passage holds: the model's probability is low
    answer = pipeline(only("missing_year", -10.0)).answer("青禾園區2031年的預算是多少？")
    assert answer.refused and answer.citations == []
    assert [c.chunk_id for c in answer.closest] == ["c1", "c2"]
    assert answer.closest[0].quote == "青禾農業園區成立於2009年，園區內有三百家企業進駐。"
    data = json.loads(json.dumps(answer.to_dict(), ensure_ascii=False))
    assert data["refused"] is True and data["citations"] == []
    assert data["closest"][0]["section_path"] == ["貳、園區", "一、青禾"]


def test_the_model_answers_when_its_probability_clears_the_threshold() -> None:
    answer = pipeline(only("missing_year", -10.0)).answer("青禾園區有多少家企業？")
    assert not answer.refused and answer.closest == []
    assert 0.49 < answer.evidence < 0.51  # no year asked: the signal is 0, z = 0


def test_closest_passages_are_shown_in_the_terminal_and_the_web_panel() -> None:
    answer = pipeline(only("missing_year", -10.0)).answer("What was Qinghe's budget in 2031?")
    assert answer.refused
    text = format_closest(answer, {"r.txt": "示範報告"})
    assert text.startswith("Closest passages (they do not answer the question):")
    assert "示範報告 › 貳、園區 › 一、青禾 (p. 1)" in text
    panel = sources_html(answer, {}, 0)
    assert "they do not answer" in panel and panel.count('class="src closest"') == 2


def test_an_answer_is_not_given_closest_passages() -> None:
    answer = pipeline().answer("青禾園區有多少家企業？")
    assert not answer.refused and answer.closest == []
    assert format_closest(Answer("園區?", "x", True)) == "最接近的段落（並未回答這個問題）:"


def test_chinese_words_in_an_english_answer_are_traditional() -> None:
    cleaner = StreamCleaner([ContextBlock(1, FARM)], language="en")
    out = cleaner.feed("The office is at 上海市浦东新区 No. 8 [1].") + cleaner.finish()
    assert "上海市浦東新區" in out and out.startswith("The office is at")


def test_the_shipped_model_weighs_what_this_version_measures_each_way_it_may() -> None:
    from app.verdict import MODEL_FILE, SIGNS, load_verdict

    model = load_verdict()
    assert model.features == FEATURES
    for name, weight in zip(model.features, model.weights, strict=True):
        assert weight * SIGNS[name] >= 0, f"{name} is weighted against its meaning"
    assert 0.0 < model.threshold < 1.0
    assert json.loads(MODEL_FILE.read_text(encoding="utf-8"))["cv"]["n"] > 0


def test_a_model_of_other_signals_is_a_clear_error(tmp_path: Path) -> None:
    from app.verdict import load_verdict
    from reportqa.errors import ReportQAError

    path = tmp_path / "old.json"
    old = Verdict(("sentence_cosine",), (0.0,), (1.0,), (1.0,), 0.0, 0.5)
    path.write_text(json.dumps(old.to_dict()), encoding="utf-8")
    with pytest.raises(ReportQAError, match="refit it with `reportqa eval --fit-refusal`"):
        load_verdict(path)
