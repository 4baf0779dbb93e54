"""Fit the answerability model (:mod:`app.verdict`) on a QA set, with cross-validation.

Every item is retrieved as the pipeline does (a follow-up after its rewrite)
and measured (:func:`app.verdict.signals`). A logistic regression over the
standardised signals is fitted (balanced class weights, L2 penalty), each weight
kept on the side its signal's meaning allows (:data:`app.verdict.SIGNS`: more
evidence never lowers the probability), so that signals that move together do not
get weights of opposite signs that fit this data and nothing else. Its
regularisation is the one of :data:`C_GRID` with the best cross-validated
log-loss (stratified folds that keep a question and its copies together,
repeated). The refusal threshold is then chosen on the out-of-fold
probabilities: the highest refusal recall at a false-refusal rate of at most
MAX_FALSE_REFUSALS, a margin under the 5% target for questions the fit has not
seen (ties: the lower threshold). The figures printed are those out-of-fold
ones, never the in-sample fit; beside them, the same with the two rules of
:mod:`app.verdict` that refuse whatever the model says (nothing the question
asks about is there; the asked figure is not). The threshold is chosen on the
model alone: with the rules, the generated questions' answerable quantity
questions whose figure the reader misses (machine-written, often garbled) took
the whole false-refusal budget when this was tried (docs/evaluation.md).

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
from app.question import analyse
from app.verdict import FEATURES, MODEL_FILE, SIGNS, Verdict, refused_by_rule, signals
from eval.backtranslate import group_of
from eval.generate import Generated
from eval.schema import QAItem
from reportqa.errors import ReportQAError

MAX_FALSE_REFUSALS = 0.04  # a margin under the 5% target, for questions not seen
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
        hits = pipeline.search(question)  # as answering does (app.pipeline.Pipeline.passages)
        reading = pipeline.signal_reading(analyse(question).english)
        rows.append(signals(question, hits, pipeline.scorer, reading, pipeline.translate))
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


class SignedLogistic:
    """Logistic regression on standardised inputs whose weights keep given signs.

    >>> import numpy as np
    >>> x = np.array([[0.0, 1.0], [1.0, 0.0], [0.2, 0.9], [0.9, 0.1]])
    >>> model = SignedLogistic(c=10.0, signs=(1, 0)).fit(x, np.array([0, 1, 0, 1]))
    >>> bool(model.coef[0] >= 0), bool(model.predict_proba(x)[1] > 0.5)
    (True, True)
    """

    def __init__(self, c: float, signs: Sequence[int]) -> None:
        self.c = c
        self.signs = tuple(signs)
        self.mean: Any = None
        self.scale: Any = None
        self.coef: Any = None
        self.bias = 0.0

    def fit(self, x: Any, y: Any) -> SignedLogistic:
        """Fit to inputs ``x`` (rows) and 0/1 labels ``y``."""
        import numpy as np
        from scipy.optimize import minimize

        self.mean = x.mean(axis=0)
        self.scale = np.where(x.std(axis=0) > 0, x.std(axis=0), 1.0)
        z = (x - self.mean) / self.scale
        counts = np.bincount(y, minlength=2).astype(float)
        balanced = len(y) / (2 * np.maximum(counts, 1.0))  # each class weighs half
        weight = np.where(y == 1, balanced[1], balanced[0])

        def loss(params: Any) -> tuple[float, Any]:
            w, b = params[:-1], params[-1]
            margin = z @ w + b
            p = 1.0 / (1.0 + np.exp(-margin))
            nll = np.sum(weight * (np.logaddexp(0.0, margin) - y * margin))
            grad = (weight * (p - y)) @ np.column_stack([z, np.ones(len(y))])
            grad[:-1] += w / self.c
            return float(nll + 0.5 * (w @ w) / self.c), grad

        bounds = [(0.0, None) if s > 0 else (None, 0.0) if s < 0 else (None, None)
                  for s in self.signs] + [(None, None)]
        found = minimize(loss, np.zeros(z.shape[1] + 1), jac=True, method="L-BFGS-B",
                         bounds=bounds)
        self.coef, self.bias = found.x[:-1], float(found.x[-1])
        return self

    def predict_proba(self, x: Any) -> Any:
        """The probability of label 1 for each row of ``x``."""
        import numpy as np

        margin = ((x - self.mean) / self.scale) @ self.coef + self.bias
        return 1.0 / (1.0 + np.exp(-margin))


def _signs() -> list[int]:
    return [SIGNS.get(name, 0) for name in FEATURES]


def out_of_fold(x: Any, y: Any, c: float, seed: int, groups: Any) -> Any:
    """Out-of-fold probabilities of one stratified split that keeps each group
    (a question and its copies: Simplified, reworded, English) in one fold."""
    import numpy as np
    from sklearn.model_selection import StratifiedGroupKFold

    probs = np.zeros(len(y))
    folds = StratifiedGroupKFold(FOLDS, shuffle=True, random_state=seed)
    for train, test in folds.split(x, y, groups):
        model = SignedLogistic(c, _signs()).fit(x[train], y[train])
        probs[test] = model.predict_proba(x[test])
    return probs


def fit_verdict(
    rows: Sequence[dict[str, float]], answerable: Sequence[bool],
    parts: Sequence[str] | None = None, groups: Sequence[str] | None = None,
) -> dict[str, Any]:
    """The fitted model's parameters and its cross-validated figures, overall and
    for each named part of the rows (``parts``: dev, generated). Rows of one of
    ``groups`` (copies of one question) never sit on both sides of a fold."""
    import numpy as np
    from sklearn.metrics import log_loss, roc_auc_score

    x = np.array(_matrix(rows), dtype=float)
    y = np.array(answerable, dtype=int)
    group = np.array(groups if groups is not None else [str(i) for i in range(len(y))])
    if min(len(set(group[y == label])) for label in (0, 1)) < FOLDS:
        raise ReportQAError(
            f"{len(y)} questions are too few to cross-validate: answerable and unanswerable "
            f"ones each need at least {FOLDS} distinct questions",
            hint="fit on the whole dev set (no --limit), or a QA file with more of each",
        )
    losses = {}
    for c in C_GRID:
        folds = [out_of_fold(x, y, c, seed, group) for seed in range(REPEATS)]
        losses[c] = float(np.mean([log_loss(y, p) for p in folds]))
    best_c = min(C_GRID, key=lambda c: losses[c])
    oof = np.mean([out_of_fold(x, y, best_c, seed, group) for seed in range(REPEATS)], axis=0)
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
    # what ships: the rules of app.verdict refuse whatever the model says
    ruled = [(0.0 if refused_by_rule(row) else p, ok)
             for row, (p, ok) in zip(rows, scored, strict=True)]
    shipped_recall, shipped_false = rates(ruled, threshold)
    model = SignedLogistic(best_c, _signs()).fit(x, y)
    verdict = Verdict(
        FEATURES,
        tuple(round(float(v), 6) for v in model.mean),
        tuple(round(float(v), 6) for v in model.scale),
        tuple(round(float(v), 6) for v in model.coef),
        round(model.bias, 6),
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
            "with_rules": {"refusal_recall": round(shipped_recall, 4),
                           "false_refusal_rate": round(shipped_false, 4)},
            "n": len(y), "unanswerable": int((y == 0).sum()),
            "parts": by_part,
        },
        "command": COMMAND,
    }


def fit_refusal(
    pipeline: Pipeline, items: Sequence[QAItem], out: Path | None = MODEL_FILE,
    progress: bool = True, generated: Sequence[Generated] = (),
    item_parts: Sequence[str] | None = None,
) -> dict[str, Any]:
    """Measure ``items`` (the dev sets; ``item_parts`` names each one's set, dev
    by default) and ``generated`` training questions, fit the model, write it to
    ``out`` (app/verdict_model.json)."""
    asked = [(i.question, i.history) for i in items] + [(g.question, ()) for g in generated]
    labels = [i.answerable for i in items] + [g.answerable for g in generated]
    parts = list(item_parts or ["dev"] * len(items)) + [
        "back-translated" if g.generator.endswith("+back") else "generated" for g in generated
    ]
    # a generated question's copies come from one chunk with one label; a
    # back-translated dev question sits with its source
    groups = [i.id for i in items] + [group_of(g) for g in generated]
    result = fit_verdict(measure(pipeline, asked, progress), labels, parts, groups)
    result["k"] = pipeline.k
    result["fitted_on"] = (
        f"{len(items)} dev questions ({', '.join(sorted(set(parts[:len(items)])))}) and "
        f"{len(generated)} generated or back-translated ones"
    )
    if out is not None:
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result
