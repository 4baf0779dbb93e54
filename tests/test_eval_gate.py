"""The regression gate: the extractive backend on the whole dev set (in-sample)
and test set (held-out) must not fall below eval/baseline.json by more than its
tolerance.

After an intended change, accept the new figures with
``reportqa eval --backend extractive --update-baseline``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from app.pipeline import Pipeline
from eval import gate
from eval.schema import DEFAULT_QA, TEST_QA, load_qa

SETS = {"dev": DEFAULT_QA, "test": TEST_QA}


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    """The extractive pipeline over the bundled reports (index built once per session)."""
    from app.factory import build_pipeline

    return build_pipeline(None, "extractive", None, progress=False)


def _summary(pipeline: Pipeline, path: Path) -> dict[str, Any]:
    from eval.runner import evaluate

    run = evaluate(load_qa(path), {"ours": pipeline}, progress=False)
    return run.summary


@pytest.mark.parametrize("name", list(SETS))
def test_figures_hold(pipeline: Pipeline, name: str) -> None:
    if not SETS[name].is_file() or not gate.BASELINE.is_file():
        pytest.skip(f"no {SETS[name].name} or eval/baseline.json")
    baseline = gate.read_baseline()
    accepted = baseline["sets"][name]
    summary = _summary(pipeline, SETS[name])
    again = f"re-run `{gate.UPDATE_COMMAND}` if this change is intended"
    assert summary["n"] == accepted["n"], (
        f"the {name} set changed ({accepted['n']} -> {summary['n']} questions); {again}"
    )
    assert pipeline.refusal_threshold == baseline["refusal_threshold"], (
        f"the refusal threshold changed ({baseline['refusal_threshold']} -> "
        f"{pipeline.refusal_threshold}); {again}"
    )
    problems = gate.check(summary, {"tolerance": baseline["tolerance"], **accepted})
    assert not problems, "\n".join([f"{name} set:", *problems, again])
    # quotation marks mean verbatim: every quote of every answer, character for character
    assert summary["answer"]["quotes_verbatim"] == 1.0, f"{name} set: a quotation was altered"


def test_baseline_states_how_to_update() -> None:
    if not gate.BASELINE.is_file():
        pytest.skip("no eval/baseline.json")
    baseline = gate.read_baseline()
    assert baseline["command"] == gate.UPDATE_COMMAND
    assert 0 < baseline["tolerance"] <= 0.05
    assert baseline["backend"] == "extractive"
    assert set(baseline["sets"]) == set(SETS)
