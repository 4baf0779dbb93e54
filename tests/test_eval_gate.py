"""The regression gate: the extractive backend on the whole QA set must not fall
below eval/baseline.json by more than its tolerance.

After an intended change, accept the new figures with
``reportqa eval --backend extractive --update-baseline``.
"""

from __future__ import annotations

from typing import Any

import pytest

from eval import gate
from eval.schema import DEFAULT_QA, load_qa


@pytest.fixture(scope="module")
def summary() -> dict[str, Any]:
    """One extractive run over the bundled QA set (the index is built once per session)."""
    if not DEFAULT_QA.is_file() or not gate.BASELINE.is_file():
        pytest.skip("no eval/qa.jsonl or eval/baseline.json")
    from app.factory import build_pipeline
    from eval.runner import evaluate

    pipeline = build_pipeline(None, "extractive", None, progress=False)
    run = evaluate(load_qa(), {"ours": pipeline}, progress=False)
    run.summary["refusal_threshold"] = pipeline.refusal_threshold
    return run.summary


def test_figures_hold(summary: dict[str, Any]) -> None:
    baseline = gate.read_baseline()
    again = f"re-run `{gate.UPDATE_COMMAND}` if this change is intended"
    assert summary["n"] == baseline["n"], f"the QA set changed ({baseline['n']} -> "\
        f"{summary['n']} questions); {again}"
    assert summary["refusal_threshold"] == baseline["refusal_threshold"], (
        f"the refusal threshold changed ({baseline['refusal_threshold']} -> "
        f"{summary['refusal_threshold']}); {again}"
    )
    problems = gate.check(summary, baseline)
    assert not problems, "\n".join([*problems, again])


def test_baseline_states_how_to_update() -> None:
    if not gate.BASELINE.is_file():
        pytest.skip("no eval/baseline.json")
    baseline = gate.read_baseline()
    assert baseline["command"] == gate.UPDATE_COMMAND
    assert 0 < baseline["tolerance"] <= 0.05
    assert baseline["backend"] == "extractive"
