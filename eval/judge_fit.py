"""Choose the judge threshold (setting ``judge_threshold``) on the dev sets.

The local model's yes/no judgement (:mod:`app.backends.judge`) is asked only
where it can change the outcome: the answerability model lets the question
through, with evidence under ``fallback_threshold``. :func:`measure` runs the
pipeline to that point for every question of the given sets and asks the model;
:func:`pick` then takes the threshold that refuses the most unanswerable
questions while the false refusals of the two gates together stay within
MAX_FALSE_REFUSALS (the answerability model's own margin), or within ADDED_FALSE
over the model's own where those are higher already; the lowest such. Run it with
``python -m eval.judge_fit`` (about 30 minutes on 2 cores; ``--again`` picks
anew from the judgements saved); the figures are written to
``benchmarks/judge_fit.json``, and the check set (eval/dev3.jsonl, never fitted
on) is reported apart.

>>> rows = [Judged("a", True, 0.3, 0.9, False), Judged("b", False, 0.3, 0.2, False),
...         Judged("c", True, 0.3, 0.5, False)]
>>> pick(rows, max_false=0.0, added=0.0)
0.22
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

from eval.verdict_fit import MAX_FALSE_REFUSALS

GRID = tuple(round(0.02 * i, 2) for i in range(1, 36))  # 0.02 ... 0.7
ADDED_FALSE = 0.015  # false refusals the judge may add to the answerability model's
OUT = Path(__file__).resolve().parents[1] / "benchmarks" / "judge_fit.json"


@dataclass(frozen=True)
class Judged:
    """One question: answerable or not, its evidence, the model's judgement
    (None where it is not asked) and whether the answerability model refused."""

    id: str
    answerable: bool
    evidence: float
    judged: float | None
    refused: bool


def measure(pipeline: Any, items: Sequence[Any], progress: bool = True) -> list[Judged]:
    """Each item up to the judge: refused by the answerability model, or judged."""
    from tqdm import tqdm

    from app.language import detect_language

    found = []
    for item in tqdm(items, desc="judging", unit="q", file=sys.stderr, disable=not progress):
        searched = pipeline.searched(item.question, item.history)
        hits = pipeline.search(searched)
        evidence = pipeline.evidence(searched, hits)
        refused = evidence < pipeline.refusal_threshold or not hits
        judged = None
        if not refused and evidence < pipeline.fallback_threshold:
            request = pipeline.request(searched, hits, detect_language(item.question))
            judged = pipeline.judged(request)
        found.append(Judged(item.id, item.answerable, round(evidence, 4), judged, refused))
    return found


def rates(rows: Sequence[Judged], threshold: float) -> tuple[float, float]:
    """(refusal recall, false-refusal rate) of both gates together."""
    def refuses(r: Judged) -> bool:
        return r.refused or (r.judged is not None and r.judged < threshold)

    no = [r for r in rows if not r.answerable]
    yes = [r for r in rows if r.answerable]
    return (sum(map(refuses, no)) / max(len(no), 1), sum(map(refuses, yes)) / max(len(yes), 1))


def pick(rows: Sequence[Judged], max_false: float = MAX_FALSE_REFUSALS,
         added: float = ADDED_FALSE) -> float:
    """The lowest threshold of GRID reaching the best refusal recall whose false
    refusals stay within ``max_false``, or within ``added`` over the answerability
    model's own when those are already higher (0 when no threshold refuses more)."""
    best, (best_recall, base) = 0.0, rates(rows, 0.0)
    limit = max(max_false, base + added)
    for threshold in GRID:
        recall, false = rates(rows, threshold)
        if false <= limit + 1e-9 and recall > best_recall:
            best, best_recall = threshold, recall
    return best


def main(again: bool = False) -> None:
    """Measure the dev sets and the check set with the local backend (``again``:
    pick from the judgements OUT holds instead); print and write the chosen
    threshold and the figures."""
    if again:
        saved = json.loads(OUT.read_text(encoding="utf-8"))["rows"]
        rows = [Judged(**r) for r in saved["fitted"]]
        check = [Judged(**r) for r in saved["check"]]
    else:
        from app.factory import build_pipeline
        from eval.schema import CHECK_QA, fitting_sets, load_qa

        pipeline = build_pipeline(None, "local", None, True)
        items, parts = fitting_sets(load_qa())
        fit = [i for i, p in zip(items, parts, strict=True) if p != "dev"]  # analysts' words
        rows = measure(pipeline, fit)
        check = measure(pipeline, load_qa(CHECK_QA)) if CHECK_QA.is_file() else []
    threshold = pick(rows)
    result: dict[str, Any] = {"threshold": threshold, "command": "python -m eval.judge_fit"}
    for name, part in (("fitted", rows), ("check", check)):
        if part:
            before, after = rates(part, 0.0), rates(part, threshold)
            result[name] = {"n": len(part), "judged": sum(r.judged is not None for r in part),
                            "refusal_recall": [round(before[0], 4), round(after[0], 4)],
                            "false_refusal_rate": [round(before[1], 4), round(after[1], 4)]}
    result["rows"] = {"fitted": [asdict(r) for r in rows], "check": [asdict(r) for r in check]}
    OUT.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    print(json.dumps({k: v for k, v in result.items() if k != "rows"}, ensure_ascii=False))


if __name__ == "__main__":
    main(again="--again" in sys.argv[1:])
