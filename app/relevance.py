"""Which sentences answer a Chinese question: a fitted model over what the
lexical scorer counts and what the latent terms read.

The bigram score of :func:`app.sentences.score_sentences` finds the sentence
that shares the question's rare words; a question in other words (「這次到中國
的主觀是什麼？」 for the visit's purpose) shares few, and the score falls back on
the passage's rank. The latent terms (:mod:`index.latent`) read past the wording:
the share of the question's latent weight a sentence holds, its row made from
its passage's token states at index time (:class:`index.latent.LatentReading`).
A logistic regression weighs both, per candidate sentence, within the
candidates of one question:

- the lexical score as a share of the question's best, and its logarithm;
- the latent overlap, and its gap to the question's best;
- the candidate's place by overlap and by lexical score (1 / (1 + place));
- its passage's retrieval rank (1 / block number).

``reportqa eval --fit-sentences`` fits the weights on the dev, generated and
back-translated questions (grouped cross-validation; :mod:`eval.sentence_fit`)
and writes :data:`MODEL_FILE`. An English question keeps its own scoring (the
embedder's cosine with the translation's bigrams, :mod:`app.sentences`).

>>> model = SentenceModel(weights=(1.0, 0, 0, 0, 0, 0, 0), intercept=0.0)
>>> [round(p, 3) for p in model.probabilities([2.0, 1.0], [0.8, 0.8], [1, 1])]
[0.731, 0.622]
"""

from __future__ import annotations

import json
import math
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

MODEL_FILE = Path(__file__).resolve().parent / "sentence_model.json"
FEATURES = (
    "lexical_share", "lexical_log", "overlap", "overlap_gap", "overlap_place", "lexical_place",
    "passage_rank",
)


def features(lexical: Sequence[float], overlaps: Sequence[float], blocks: Sequence[int]
             ) -> list[list[float]]:
    """The rows the model weighs: one per candidate, relative to the question's others.

    >>> [[round(x, 2) for x in row] for row in features([4.0, 1.0], [0.8, 0.9], [1, 2])]
    [[1.0, 1.61, 0.8, -0.1, 0.5, 1.0, 1.0], [0.25, 0.69, 0.9, 0.0, 1.0, 0.5, 0.5]]
    """
    top = max(lexical, default=0.0) or 1.0
    best = max(overlaps, default=0.0)
    by_overlap = _places(overlaps)
    by_lexical = _places(lexical)
    return [
        [lex / top, math.log1p(max(lex, 0.0)), sim, sim - best, 1 / (1 + by_overlap[i]),
         1 / (1 + by_lexical[i]), 1 / max(n, 1)]
        for i, (lex, sim, n) in enumerate(zip(lexical, overlaps, blocks, strict=True))
    ]


def _places(values: Sequence[float]) -> list[int]:
    """Each value's place when sorted from the highest (0 for the highest).

    >>> _places([0.2, 0.9, 0.5])
    [2, 0, 1]
    """
    order = sorted(range(len(values)), key=lambda i: -values[i])
    places = [0] * len(values)
    for place, i in enumerate(order):
        places[i] = place
    return places


@dataclass(frozen=True)
class SentenceModel:
    """Logistic weights over :data:`FEATURES` (in that order)."""

    weights: tuple[float, ...]
    intercept: float

    def __post_init__(self) -> None:
        if len(self.weights) != len(FEATURES):
            raise ValueError(f"{len(self.weights)} weights for {len(FEATURES)} features")

    def probabilities(self, lexical: Sequence[float], overlaps: Sequence[float],
                      blocks: Sequence[int]) -> list[float]:
        """How likely each candidate is to answer, from its scores."""
        rows = features(lexical, overlaps, blocks)
        return [_sigmoid(self.intercept + sum(w * x for w, x in zip(self.weights, row,
                                                                   strict=True)))
                for row in rows]

    def to_dict(self) -> dict[str, object]:
        """The JSON form written to :data:`MODEL_FILE`."""
        return {"features": list(FEATURES), "weights": list(self.weights),
                "intercept": self.intercept, "command": "reportqa eval --fit-sentences"}


def _sigmoid(x: float) -> float:
    """The logistic function, safe for large ``x``."""
    return 1 / (1 + math.exp(-x)) if x >= 0 else math.exp(x) / (1 + math.exp(x))


@lru_cache(maxsize=1)
def load_sentence_model(path: Path = MODEL_FILE) -> SentenceModel | None:
    """The shipped model, or ``None`` when there is none (the lexical score alone
    then ranks Chinese questions' sentences); a damaged file is an error."""
    from reportqa.errors import ReportQAError

    if not path.exists():
        return None
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        if tuple(data["features"]) != FEATURES:
            raise ValueError(f"features {data['features']} are not {list(FEATURES)}")
        return SentenceModel(tuple(float(w) for w in data["weights"]), float(data["intercept"]))
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ReportQAError(f"cannot read the sentence model {path}: {error}",
                            hint="refit it with `reportqa eval --fit-sentences`") from error
