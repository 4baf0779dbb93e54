"""Fit the answerability model (:mod:`app.verdict`) on a QA set, with cross-validation.

Every item is retrieved as the pipeline does (a follow-up after its rewrite)
and measured (:func:`app.verdict.signals`). A logistic regression (scikit-learn,
balanced class weights) is fitted; its regularisation is the one of
:data:`C_GRID` with the best cross-validated log-loss (stratified folds,
repeated). The refusal threshold is then chosen on the out-of-fold
probabilities: the highest refusal recall at a false-refusal rate of at most
MAX_FALSE_REFUSALS, a margin under the 5% target for questions the fit has not
seen (ties: the lower threshold). The figures printed are those out-of-fold
ones, never the in-sample fit.

>>> pick_threshold([(0.9, True), (0.8, True), (0.3, False), (0.5, False)], 0.0)
(0.65, 1.0, 0.0)
"""

from __future__ import annotations

import itertools
import json
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from app.pipeline import Pipeline
from app.verdict import FEATURES, MODEL_FILE, Verdict, signals
from eval.generate import Generated
from eval.schema import QAItem

MAX_FALSE_REFUSALS = 0.04
C_GRID = (0.03, 0.1, 0.3, 1.0, 3.0)
FOLDS = 5
REPEATS = 4
COMMAND = "reportqa eval --fit-refusal"


Asked = tuple[str, tuple[tuple[str, str], ...]]  # a question and the turns before it


def measure(
    pipeline: Pipeline, asked: Sequence[Asked], progress: bool = True
) -> list[dict[str, float]]:
    """The signals of every question, retrieving as the pipeline does."""
    from tqdm import tqdm

    rows = []
    for text, history in tqdm(asked, desc="measuring", unit="q", file=sys.stderr,
                              disable=not progress):
        question = pipeline.searched(text, history)
        hits = pipeline.retriever.search(question, pipeline.k)
        rows.append(
            signals(question, hits, pipeline.scorer, pipeline.similarity, pipeline.translate)
        )
    return rows


def rates(scored: Sequence[tuple[float, bool]], threshold: float) -> tuple[float, float]:
    """(refusal recall, false-refusal rate) when probabilities below
    ``threshold`` are refused.

    >>> rates([(0.1, False), (0.5, True), (0.2, True)], 0.3)
    (1.0, 0.5)
    """
    unanswerable = [p for p, ok in scored if not ok]
    answerable = [p for p, ok in scored if ok]
    recall = sum(p < threshold for p in unanswerable) / len(unanswerable) if unanswerable else 0.0
    false = sum(p < threshold for p in answerable) / len(answerable) if answerable else 0.0
    return recall, false


def pick_threshold(
    scored: Sequence[tuple[float, bool]], max_false: float = MAX_FALSE_REFUSALS
) -> tuple[float, float, float]:
    """(threshold, refusal recall, false-refusal rate): the best threshold
    halfway between neighbouring probabilities."""
    distinct = sorted({p for p, _ in scored})
    candidates = [0.0, *(round((a + b) / 2, 4) for a, b in itertools.pairwise(distinct))]
    best = (0.0, *rates(scored, 0.0))
    for threshold in candidates:
        recall, false = rates(scored, threshold)
        if false <= max_false and recall > best[1]:
            best = (threshold, recall, false)
    return best


def _matrix(rows: Sequence[dict[str, float]]) -> list[list[float]]:
    return [[row[name] for name in FEATURES] for row in rows]


def out_of_fold(x: Any, y: Any, c: float, seed: int) -> Any:
    """Out-of-fold probabilities of one stratified split."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import StratifiedKFold
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    probs = np.zeros(len(y))
    for train, test in StratifiedKFold(FOLDS, shuffle=True, random_state=seed).split(x, y):
        model = make_pipeline(
            StandardScaler(), LogisticRegression(C=c, class_weight="balanced", max_iter=2000)
        )
        model.fit(x[train], y[train])
        probs[test] = model.predict_proba(x[test])[:, 1]
    return probs


def fit_verdict(
    rows: Sequence[dict[str, float]], answerable: Sequence[bool],
    parts: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The fitted model's parameters and its cross-validated figures, overall and
    for each named part of the rows (``parts``: dev, generated)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import log_loss, roc_auc_score
    from sklearn.preprocessing import StandardScaler

    x = np.array(_matrix(rows), dtype=float)
    y = np.array(answerable, dtype=int)
    losses = {}
    for c in C_GRID:
        folds = [out_of_fold(x, y, c, seed) for seed in range(REPEATS)]
        losses[c] = float(np.mean([log_loss(y, p) for p in folds]))
    best_c = min(C_GRID, key=lambda c: losses[c])
    oof = np.mean([out_of_fold(x, y, best_c, seed) for seed in range(REPEATS)], axis=0)
    scored = list(zip(oof.tolist(), y.astype(bool).tolist(), strict=True))
    threshold, recall, false = pick_threshold(scored)
    by_part: dict[str, Any] = {}
    for part in sorted(set(parts or [])):
        mine = [pair for pair, name in zip(scored, parts or [], strict=True) if name == part]
        part_recall, part_false = rates(mine, threshold)
        ys = [ok for _, ok in mine]
        auc = roc_auc_score(ys, [p for p, _ in mine]) if 0 < sum(ys) < len(ys) else None
        by_part[part] = {
            "n": len(mine), "auc": None if auc is None else round(float(auc), 4),
            "refusal_recall": round(part_recall, 4), "false_refusal_rate": round(part_false, 4),
        }
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=best_c, class_weight="balanced", max_iter=2000)
    model.fit(scaler.transform(x), y)
    verdict = Verdict(
        FEATURES,
        tuple(round(float(v), 6) for v in scaler.mean_),
        tuple(round(float(v), 6) for v in scaler.scale_),
        tuple(round(float(v), 6) for v in model.coef_[0]),
        round(float(model.intercept_[0]), 6),
        threshold,
    )
    return {
        **verdict.to_dict(),
        "cv": {
            "folds": FOLDS, "repeats": REPEATS, "C": best_c,
            "log_loss": {str(c): round(v, 4) for c, v in losses.items()},
            "auc": round(float(roc_auc_score(y, oof)), 4),
            "refusal_recall": round(recall, 4),
            "false_refusal_rate": round(false, 4),
            "n": len(y), "unanswerable": int((y == 0).sum()),
            "parts": by_part,
        },
        "command": COMMAND,
    }


def fit_refusal(
    pipeline: Pipeline, items: Sequence[QAItem], out: Path | None = MODEL_FILE,
    progress: bool = True, generated: Sequence[Generated] = (),
) -> dict[str, Any]:
    """Measure ``items`` (the dev set) and ``generated`` training questions, fit
    the model, write it to ``out`` (app/verdict_model.json)."""
    asked = [(i.question, i.history) for i in items] + [(g.question, ()) for g in generated]
    labels = [i.answerable for i in items] + [g.answerable for g in generated]
    parts = ["dev"] * len(items) + ["generated"] * len(generated)
    result = fit_verdict(measure(pipeline, asked, progress), labels, parts)
    result["fitted_on"] = f"{len(items)} dev questions and {len(generated)} generated ones"
    if out is not None:
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result
