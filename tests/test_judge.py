"""A model's own yes/no judgement before it answers (app.backends.judge), with a
hand-written fake backend, and once with the real small model."""

from __future__ import annotations

import importlib.util

import pytest

from app.backends import gguf
from app.backends.base import AnswerRequest, Message
from app.backends.judge import shared_prefix, yes_share
from app.pipeline import Pipeline
from app.prompting import load_prompts
from app.refusal import EvidenceScorer
from eval.judge_fit import Judged, pick, rates
from tests.answer_fakes import FixedRetriever, ScriptedBackend, chunk

PARK = chunk(1, "某某園區由甲公司與乙大學共同出資設立，甲公司持股 60%。")


def make(backend: ScriptedBackend, judge: float = 0.4, fallback: float = 0.5) -> Pipeline:
    return Pipeline(retriever=FixedRetriever([PARK]), backend=backend,
                    scorer=EvidenceScorer([PARK.text]), k=1, judge_threshold=judge,
                    fallback_threshold=fallback)


def final(pipeline: Pipeline, question: str):  # type: ignore[no-untyped-def]
    return list(pipeline.stream(question))[-1]


def test_a_model_judging_no_refuses_before_answering() -> None:
    backend = ScriptedBackend("不該出現", judgement=0.1)
    answer = final(make(backend), "某某園區的年度預算是多少？")
    assert answer.refused and answer.text == load_prompts().refusal("zh")
    assert backend.requests == [], "the model never answers"
    assert answer.closest, "the closest passages are still shown"
    judged = backend.judged[0].messages
    assert "某某園區的年度預算是多少？" in judged[-1].content and "yes or no" in judged[-1].content


def test_a_model_judging_yes_answers_from_the_same_prompt() -> None:
    backend = ScriptedBackend("甲公司持股 60%。[1]", judgement=0.9)
    answer = final(make(backend), "某某園區的最大股東是誰？")
    assert not answer.refused and "60%" in answer.text
    answer_prompt = backend.requests[0].messages
    assert backend.judged[0].messages[: len(answer_prompt)] == answer_prompt


@pytest.mark.parametrize(("threshold", "fallback"), [(0.0, 0.5), (0.4, 0.0)])
def test_the_judge_is_not_asked_when_off_or_when_evidence_is_strong(
        threshold: float, fallback: float) -> None:
    backend = ScriptedBackend("甲公司持股 60%。[1]", judgement=0.0)
    answer = final(make(backend, threshold, fallback), "某某園區的最大股東是誰？")
    assert not answer.refused and backend.judged == []


def test_a_backend_without_judgement_answers() -> None:
    backend = ScriptedBackend("甲公司持股 60%。[1]", judgement=None)
    assert not final(make(backend), "某某園區的最大股東是誰？").refused


def test_yes_share_hand_worked() -> None:
    # logits 2 for "yes" (two spellings) and 0 for "no": 2e^2 / (2e^2 + 1)
    assert yes_share({"yes": [0, 1], "no": [2]}, [2.0, 2.0, 0.0]) == 0.9366
    assert shared_prefix([5, 6, 7], [5, 6, 8, 9]) == 2


def test_the_threshold_is_the_best_within_the_false_refusal_margin() -> None:
    rows = [Judged(str(i), True, 0.3, 0.8, False) for i in range(20)]
    rows += [Judged("n1", False, 0.3, 0.1, False), Judged("n2", False, 0.3, 0.5, False),
             Judged("y", True, 0.3, 0.3, False)]
    assert pick(rows, max_false=0.0, added=0.0) == 0.12  # the lowest that refuses n1, keeps y
    assert rates(rows, 0.12) == (0.5, 0.0)
    assert pick(rows, max_false=0.05, added=0.0) == 0.52  # refuses both, and y (1 of 21)
    assert pick(rows, max_false=0.0, added=0.05) == 0.52  # may add 1 of 21 to none


@pytest.mark.slow
def test_the_small_model_tells_a_stated_answer_from_an_absent_one() -> None:
    if importlib.util.find_spec("llama_cpp") is None:
        pytest.skip("llama-cpp-python is not installed: pip install -e '.[local]'")
    if not gguf.parts_installed(gguf.MODELS["qwen2.5-coder-1.5b"]):
        pytest.skip(gguf.MODELS["qwen2.5-coder-1.5b"].install_hint)
    from app.backends.local import LocalBackend
    from app.prompting import judge_messages

    backend = LocalBackend(model="qwen2.5-coder-1.5b")
    text = "報告段落：\n[1] 某某園區由甲公司與乙大學共同出資設立，甲公司持股 60%，員工 300 人。"

    def judged(question: str) -> float:
        prompt = (Message("system", "只根據報告段落回答。"),
                  Message("user", f"{text}\n\n問題：{question}"))
        request = AnswerRequest(question, (), judge_messages(load_prompts(), prompt, question))
        found = backend.judge(request)
        assert found is not None
        return found

    stated, absent = judged("某某園區的員工有多少人？"), judged("某某園區的年度預算是多少？")
    assert stated > 0.5 and stated > absent + 0.1, (stated, absent)
    llama = backend.llama()
    kept = llama.n_tokens
    assert kept > 20, "the judge leaves its prompt evaluated for the answer to reuse"
