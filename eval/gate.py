"""The regression gate: accepted figures in eval/baseline.json and the check
that a run has not fallen below them by more than the tolerance.

Re-accept the figures on purpose with::

    reportqa eval --backend extractive --update-baseline

Both QA sets are gated: the dev set (in-sample) and the test set (held-out).

>>> base = {"tolerance": 0.02, "figures": {"retrieval": {"mrr": 0.5},
...         "answer": {"false_refusal_rate": 0.1}}}
>>> check({"retrieval": {"mrr": 0.47}, "answer": {"false_refusal_rate": 0.11}}, base)
['retrieval.mrr fell from 0.5 to 0.47 (tolerance 0.02)']
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

from eval.metrics import LOWER_IS_BETTER

BASELINE = Path(__file__).resolve().parent / "baseline.json"
TOLERANCE = 0.02
UPDATE_COMMAND = "reportqa eval --backend extractive --update-baseline"
GROUPS = ("retrieval", "answer")


def figures(summary: dict[str, Any]) -> dict[str, dict[str, Any]]:
    """The gated figures of a run summary (retrieval and answer, overall).

    >>> figures({"retrieval": {"mrr": 1.0}, "answer": {}, "n": 3})
    {'retrieval': {'mrr': 1.0}, 'answer': {}}
    """
    return {group: dict(summary[group]) for group in GROUPS}


def check(summary: dict[str, Any], baseline: dict[str, Any]) -> list[str]:
    """Every figure that dropped beyond the tolerance, one line each (empty: pass)."""
    tolerance = float(baseline.get("tolerance", TOLERANCE))
    problems: list[str] = []
    for group, accepted in baseline["figures"].items():
        for key, before in accepted.items():
            now = summary.get(group, {}).get(key)
            if before is None:
                continue
            if now is None:
                problems.append(f"{group}.{key} is missing (was {before})")
                continue
            worse = now - before if key in LOWER_IS_BETTER else before - now
            if worse > tolerance + 1e-9:
                verb = "rose" if key in LOWER_IS_BETTER else "fell"
                problems.append(
                    f"{group}.{key} {verb} from {before} to {now} (tolerance {tolerance})"
                )
    return problems


def make_baseline(summaries: dict[str, dict[str, Any]], refusal_threshold: float) -> dict[str, Any]:
    """The baseline record of a run over named QA sets (dev and test).

    >>> run = {"n": 2, "backend": "extractive", "retrieval": {}, "answer": {}}
    >>> b = make_baseline({"dev": run, "test": run}, 0.5)
    >>> b["tolerance"], b["command"], sorted(b["sets"]), b["sets"]["test"]["n"]
    (0.02, 'reportqa eval --backend extractive --update-baseline', ['dev', 'test'], 2)
    """
    first = next(iter(summaries.values()))
    return {
        "backend": first.get("backend", "extractive"),
        "refusal_threshold": refusal_threshold,
        "tolerance": TOLERANCE,
        "date": dt.date.today().isoformat(),
        "command": UPDATE_COMMAND,
        "sets": {
            name: {"n": summary["n"], "label": summary.get("label", ""),
                   "figures": figures(summary)}
            for name, summary in summaries.items()
        },
    }


def read_baseline(path: Path = BASELINE) -> dict[str, Any]:
    """The accepted figures."""
    data: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


def write_baseline(record: dict[str, Any], path: Path = BASELINE) -> Path:
    """Write the accepted figures; returns the path."""
    path.write_text(json.dumps(record, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path
