"""Fit the weight of the latent-terms list in the fused ranking
(``reportqa eval --fit-fusion``; the list: :mod:`index.latent`).

Every answerable, single-turn question of the fit sets (the dev set and
``eval.schema.FIT_SETS``) is searched at each weight of ``GRID``; a weight
scores the mean of hit@1 and hit@5 (the evidence in the first one or five
passages of ``reportqa search``). Leave one set out: each set is scored at the
weight best on the others, which gives figures no weight was chosen on. The
weight written to ``index/fusion.json`` is the one best on all the sets.

>>> best({0.0: [0.5, 0.5], 0.4: [0.7, 0.4]}, [0, 1])
0.4
"""

from __future__ import annotations

import datetime as dt
import json
import os
from collections.abc import Sequence
from typing import Any

from eval.metrics import hit_rank
from eval.schema import QAItem
from index.fusion import WEIGHTS_FILE

GRID = (0.0, 0.2, 0.4, 0.6, 0.8, 1.0)


def best(scores: dict[float, list[float]], sets: Sequence[int]) -> float:
    """The weight whose mean score over ``sets`` (indexes into each score list)
    is highest; the smaller weight on a tie."""
    return max(sorted(scores), key=lambda w: (sum(scores[w][i] for i in sets) / len(sets), -w))


def _score(retriever: Any, items: Sequence[QAItem]) -> float:
    """Mean of hit@1 and hit@5 of ``items`` under ``retriever``."""
    hits1 = hits5 = 0
    for item in items:
        rank = hit_rank(item.evidences, [h.chunk.text for h in retriever.search(item.question, 5)])
        hits1 += rank == 1
        hits5 += rank is not None and rank <= 5
    return (hits1 + hits5) / (2 * len(items)) if items else 0.0


def fit_fusion(handle: Any, sets: dict[str, list[QAItem]], write: bool = True) -> dict[str, Any]:
    """Score every weight of GRID on every set, choose by leave-one-set-out,
    and (``write``) record the weight best on all of them."""
    from index.retriever import WEIGHTS, HybridRetriever

    names = list(sets)
    usable = {n: [i for i in sets[n] if i.answerable and not i.history] for n in names}
    scores = {w: [_score(HybridRetriever(handle, weights=(*WEIGHTS[:2], w)), usable[n])
                  for n in names] for w in GRID}
    held_out = {}
    for k, name in enumerate(names):
        others = [j for j in range(len(names)) if j != k] or [k]
        weight = best(scores, others)
        held_out[name] = {"weight": weight, "score": round(scores[weight][k], 4),
                          "without": round(scores[0.0][k], 4), "n": len(usable[name])}
    chosen = best(scores, list(range(len(names))))
    result = {
        "latent_weight": chosen,
        "fitted": dt.date.today().isoformat(),
        "sets": names,
        "score": "mean of hit@1 and hit@5 of reportqa search, answerable single-turn questions",
        "grid": {str(w): [round(s, 4) for s in scores[w]] for w in GRID},
        "left_out": held_out,
    }
    if write:  # to a temporary name, then renamed: a reader never sees half a file
        temp = WEIGHTS_FILE.with_name(f".{WEIGHTS_FILE.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
        os.replace(temp, WEIGHTS_FILE)
    return result
