"""Fit the refusal threshold: the evidence score below which the pipeline refuses.

Every item is retrieved and scored (``pipeline.scorer.score``); the threshold
chosen maximises refusal recall (unanswerable items refused) while at most 4%
of answerable items are refused (a margin under the 5% target, for questions
the fit has not seen); ties go to the lower threshold. Candidates
lie halfway between neighbouring scores, so the choice keeps a margin.

>>> fit([(0.9, True), (0.8, True), (0.3, False), (0.5, False)])
{'threshold': 0.65, 'refusal_recall': 1.0, 'false_refusal_rate': 0.0, 'n': 4}
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.pipeline import Pipeline
from eval.schema import QAItem

MAX_FALSE_REFUSALS = 0.04
FIT_FILE = Path(__file__).resolve().parent / "refusal_threshold.json"


def candidates(scores: Sequence[float]) -> list[float]:
    """0, the midpoints between distinct scores, and just above the highest.

    >>> candidates([0.2, 0.4, 0.4])
    [0.0, 0.3, 0.41]
    """
    distinct = sorted(set(scores))
    mids = [round((a + b) / 2, 4) for a, b in itertools.pairwise(distinct)]
    top = [round(distinct[-1] + 0.01, 4)] if distinct else []
    return sorted({0.0, *mids, *top})


def rates(scored: Sequence[tuple[float, bool]], threshold: float) -> tuple[float, float]:
    """(refusal recall, false-refusal rate) when scores below ``threshold`` are refused.

    >>> rates([(0.1, False), (0.5, True), (0.2, True)], 0.3)
    (1.0, 0.5)
    """
    unanswerable = [s for s, answerable in scored if not answerable]
    answerable = [s for s, ok in scored if ok]
    recall = sum(s < threshold for s in unanswerable) / len(unanswerable) if unanswerable else 0.0
    false = sum(s < threshold for s in answerable) / len(answerable) if answerable else 0.0
    return recall, false


def fit(
    scored: Sequence[tuple[float, bool]], max_false: float = MAX_FALSE_REFUSALS
) -> dict[str, Any]:
    """The best threshold for (evidence score, answerable) pairs."""
    best: tuple[float, float, float] = (0.0, *rates(scored, 0.0))
    for threshold in candidates([s for s, _ in scored]):
        recall, false = rates(scored, threshold)
        if false <= max_false and recall > best[1]:
            best = (threshold, recall, false)
    return {
        "threshold": best[0],
        "refusal_recall": round(best[1], 4),
        "false_refusal_rate": round(best[2], 4),
        "n": len(scored),
    }


def score_items(
    pipeline: Pipeline, items: Sequence[QAItem], progress: bool = True
) -> list[tuple[float, bool]]:
    """(evidence score, answerable) of every item, retrieving as the pipeline does."""
    from tqdm import tqdm

    scored: list[tuple[float, bool]] = []
    for item in tqdm(items, desc="scoring", unit="q", file=sys.stderr, disable=not progress):
        hits = pipeline.retriever.search(item.question, pipeline.k)
        scored.append((float(pipeline.scorer.score(item.question, hits)), item.answerable))
    return scored


def command(threshold: float) -> str:
    """The shell line that makes ``threshold`` the setting.

    >>> command(0.4)
    'export REPORTQA_REFUSAL_THRESHOLD=0.4'
    """
    return f"export REPORTQA_REFUSAL_THRESHOLD={threshold:g}"


def fit_refusal(
    pipeline: Pipeline, items: Sequence[QAItem], out: Path | None = FIT_FILE,
    progress: bool = True,
) -> dict[str, Any]:
    """Fit the threshold on ``items``; write it to ``out`` (eval/refusal_threshold.json)."""
    result = fit(score_items(pipeline, items, progress))
    result["command"] = command(result["threshold"])
    if out is not None:
        out.write_text(json.dumps(result, indent=2) + "\n", encoding="utf-8")
    return result
