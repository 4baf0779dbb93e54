"""Follow-up rewriting: gating, the rule, and the model path."""

from __future__ import annotations

from app.followup import needs_rewrite, rewrite
from app.prompting import load_prompts
from tests.answer_fakes import ScriptedBackend

HISTORY = [("紫竹高新區的股東結構?", "紫竹高新區由紫江集團等出資。[1]")]


def test_standalone_question_is_left_as_it_is() -> None:
    backend = ScriptedBackend("不該被呼叫")
    question = "張江高新區的面積有多大？"
    assert rewrite(question, HISTORY, backend, load_prompts()) == question
    assert backend.requests == []


def test_first_question_is_never_rewritten() -> None:
    assert not needs_rewrite("那楊浦呢？", [])


def test_model_rewrites_a_referring_follow_up() -> None:
    backend = ScriptedBackend("楊浦科技創業中心的股東結構?\n")
    out = rewrite("那楊浦呢？", HISTORY, backend, load_prompts())
    assert out == "楊浦科技創業中心的股東結構?"
    prompt = backend.requests[0].messages[0].content
    assert "紫竹高新區的股東結構?" in prompt and "那楊浦呢？" in prompt


def test_extractive_backend_uses_the_rule() -> None:
    backend = ScriptedBackend("", name="reader", generative=False)
    assert rewrite("那楊浦呢？", HISTORY, backend, load_prompts()) == "楊浦的股東結構?"
    assert rewrite("它的股東呢？", [("紫竹高新區何時成立？", "")], backend, load_prompts()) == (
        "紫竹高新區的股東呢？"
    )


def test_runaway_model_output_falls_back_to_the_rule() -> None:
    backend = ScriptedBackend("好的，" + "很長的回答" * 50)
    assert rewrite("那楊浦呢？", HISTORY, backend, load_prompts()) == "楊浦的股東結構?"
