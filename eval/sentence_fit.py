"""Fit the sentence model (:mod:`app.relevance`) with grouped cross-validation.

Every answerable Chinese question of the dev set and of the training files
(generated and back-translated) is retrieved as ``ask`` retrieves it; each
sentence of its passages is a candidate, labelled by whether it holds the
item's evidence (:func:`holds`). A logistic regression (balanced classes, L2)
over :data:`app.relevance.FEATURES` is fitted for each C of :data:`C_GRID` on
folds that keep a question and its copies together; the C whose out-of-fold
choices quote the evidence most often wins. The figures printed and written
are out-of-fold: how often the evidence sentence comes first, and how often the
reader's quotes (:func:`app.backends.extractive.select`, three sentences as the
answerability signal reads them, ``SIGNAL``; an answer quotes one more) include it, for the
lexical score alone and for the model, per part (dev, generated,
back-translated). English questions keep their own scoring and are left out.

>>> holds("紫竹高新區由七家股東共同投資組建。", "由七家股東共同投資組建")
True
>>> holds("天氣很好。", "由七家股東共同投資組建")
False
"""

from __future__ import annotations

import json
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from app.pipeline import Pipeline
from app.relevance import FEATURES, MODEL_FILE, SentenceModel, features
from eval.backtranslate import group_of
from eval.generate import Generated
from eval.metrics import normalize
from eval.schema import QAItem
from reportqa.errors import ReportQAError

C_GRID = (0.1, 1.0, 10.0)
FOLDS = 5
SHARED = 12  # characters a sentence shares with the evidence, in one run, to hold it
COMMAND = "reportqa eval --fit-sentences"


def holds(sentence: str, evidence: str) -> bool:
    """Whether ``sentence`` holds (part of) ``evidence``: one contains the other,
    or they share a run of SHARED characters (all of a shorter evidence)."""
    s, e = normalize(sentence), normalize(evidence)
    if not s or not e:
        return False
    if e in s or (len(s) >= 6 and s in e):
        return True
    match = SequenceMatcher(None, s, e, autojunk=False).find_longest_match(0, len(s), 0, len(e))
    return match.size >= min(SHARED, len(e))


@dataclass
class Asked:
    """One question's candidates: lexical scores, cosines, passage numbers, labels."""

    part: str
    group: str
    lexical: list[float]
    cosines: list[float]
    blocks: list[int]
    positions: list[int]
    texts: list[str]
    labels: list[bool]


def measure(pipeline: Pipeline, questions: Sequence[tuple[str, tuple[tuple[str, str], ...],
                                                             str, str, str]],
            progress: bool = True) -> list[Asked]:
    """The candidates of each (question, history, evidence, part, group) as ``ask`` reads them."""
    from tqdm import tqdm

    from app.backends.base import hits_to_blocks
    from app.injection import plain_blocks
    from app.question import analyse
    from app.sentences import score_sentences

    reading = pipeline.sentence_similarity
    if reading is None:
        raise ReportQAError("the sentence model needs the index's latent terms of sentences",
                            hint="set REPORTQA_LATENT_TERMS and REPORTQA_LATENT_READING to true")
    found = []
    for text, history, evidence, part, group in tqdm(
            questions, desc="measuring", unit="q", file=sys.stderr, disable=not progress):
        searched = pipeline.searched(text, history)
        if analyse(searched).english:
            continue
        blocks = plain_blocks(hits_to_blocks(pipeline.search(searched)))
        lexical = score_sentences(searched, blocks)
        if not lexical:
            continue
        texts = [c.text for c in lexical]
        cosines = reading(searched, texts)
        found.append(Asked(part, group, [c.score for c in lexical], [float(x) for x in cosines],
                           [c.n for c in lexical], [c.position for c in lexical], texts,
                           [holds(t, evidence) for t in texts]))
    return [a for a in found if any(a.labels)]


def quoted(asked: Asked, scores: Sequence[float]) -> tuple[bool, bool]:
    """(the best-scored candidate holds the evidence, the reader's quotes include it)."""
    from app.backends.extractive import select
    from app.sentences import Candidate

    best = max(range(len(scores)), key=lambda i: scores[i])
    chosen = select([Candidate(n, p, t, float(s)) for n, p, t, s in zip(
        asked.blocks, asked.positions, asked.texts, scores, strict=True)])
    label = dict(zip(zip(asked.blocks, asked.positions, strict=True), asked.labels, strict=True))
    return asked.labels[best], any(label[(c.n, c.position)] for c in chosen)


def _rows(asked: Asked) -> list[list[float]]:
    return features(asked.lexical, asked.cosines, asked.blocks)


def _fit(data: Sequence[Asked], c: float) -> Any:
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    x = np.array([row for a in data for row in _rows(a)])
    y = np.array([label for a in data for label in a.labels], dtype=int)
    return LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(x, y)


def out_of_fold(data: Sequence[Asked], c: float) -> list[list[float]]:
    """Each question's candidate probabilities from a model fitted without its group."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    scores: list[list[float]] = [[] for _ in data]
    groups = [a.group for a in data]
    for train, test in GroupKFold(FOLDS).split(np.zeros(len(data)), groups=groups):
        model = _fit([data[i] for i in train], c)
        for i in test:
            scores[i] = model.predict_proba(np.array(_rows(data[i])))[:, 1].tolist()
    return scores


def _figures(data: Sequence[Asked], scores: Sequence[Sequence[float]]) -> dict[str, Any]:
    """First-place and quoted rates, overall and per part."""
    parts: dict[str, list[tuple[bool, bool]]] = {}
    for asked, s in zip(data, scores, strict=True):
        parts.setdefault("all", []).append(quoted(asked, s))
        parts.setdefault(asked.part, []).append(quoted(asked, s))
    return {part: {"n": len(v), "first": round(sum(a for a, _ in v) / len(v), 4),
                   "quoted": round(sum(b for _, b in v) / len(v), 4)}
            for part, v in parts.items()}


def fit_sentences(pipeline: Pipeline, items: Sequence[QAItem], generated: Sequence[Generated],
                  out: Path | None = MODEL_FILE, progress: bool = True) -> dict[str, Any]:
    """Measure, cross-validate, fit on everything, write ``out``; the figures."""
    questions = [(i.question, i.history, i.evidence, "dev", i.id)
                 for i in items if i.answerable and i.evidence]
    questions += [(g.question, (), g.evidence,
                   "back-translated" if g.generator.endswith("+back") else "generated",
                   group_of(g)) for g in generated if g.answerable and g.evidence]
    data = measure(pipeline, questions, progress)
    if len({a.group for a in data}) < 2 * FOLDS:
        raise ReportQAError(f"{len(data)} questions are too few to cross-validate",
                            hint="fit on the whole dev set and the training files")
    lexical = _figures(data, [a.lexical for a in data])
    tried = {c: _figures(data, out_of_fold(data, c)) for c in C_GRID}
    best = max(C_GRID, key=lambda c: (tried[c]["all"]["quoted"], tried[c]["all"]["first"]))
    model = _fit(data, best)
    fitted = SentenceModel(tuple(round(float(w), 6) for w in model.coef_[0]),
                           round(float(model.intercept_[0]), 6))
    result = {**fitted.to_dict(), "cv": {"folds": FOLDS, "C": best, "model": tried[best],
                                         "lexical": lexical, "questions": len(data)},
              "command": COMMAND}
    if out is not None:
        out.write_text(json.dumps(result, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return result


__all__ = ["FEATURES", "fit_sentences", "holds"]
