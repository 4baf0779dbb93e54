"""Fit the reranker's two weights (``reportqa eval --fit-rerank``; the reranker:
:mod:`app.rerank`).

The reranker orders the first POOL passages of the hybrid search by
``1 / (rank + RANK_K) + w_lexical * lexical + w_reading * read``: the lexical
score of each passage's best sentence and the sentence model's probability
of its most likely answering sentence (:mod:`app.relevance`). Every answerable,
single-turn Chinese question of the fit sets (the dev set, ``eval.schema.FIT_SETS``,
and the generated and back-translated training questions, each a set of its
own) is searched once and both scores of its pool are kept; each pair of
weights of the grid is then scored by hit@1 (the evidence in the first
passage; the pool is the same set, so hit@5 does not move). Leave one set out:
each set is scored at the pair best on the others, which gives figures no
weight was chosen on. The pair written is the one best on all the sets (the
mean of their hit@1; on a tie, the smaller weights).

>>> pool = Pool("dev", [0.0, 1.0], [0.2, 0.9], [False, True])
>>> hit_at_1(pool, (0.2, 0.0)), hit_at_1(pool, (0.0, 0.0))
(True, False)
"""

from __future__ import annotations

import datetime as dt
import itertools
import json
import os
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from app.rerank import MODEL_FILE, SentenceReranker, rerank_scores
from eval.metrics import normalize

LEXICAL_GRID = (0.0, 0.1, 0.2, 0.3)
READING_GRID = (0.0, 0.1, 0.2, 0.3, 0.5, 1.0)
COMMAND = "reportqa eval --fit-rerank"

Weights = tuple[float, float]


@dataclass(frozen=True)
class Pool:
    """One question's pool: its set, each passage's two scores, which hold the evidence."""

    part: str
    lexical: list[float]
    read: list[float]
    labels: list[bool]


def hit_at_1(pool: Pool, weights: Weights) -> bool:
    """Whether the passage the weights put first holds the evidence."""
    if not pool.labels:
        return False
    scores = rerank_scores(pool.lexical, pool.read, weights)
    return pool.labels[max(range(len(scores)), key=lambda i: scores[i])]


def measure(reranker: SentenceReranker, asked: Sequence[tuple[str, str, Sequence[str]]],
            progress: bool = True) -> list[Pool]:
    """The pools of (set, question, evidences) as the reranker reads them
    (English questions and those about several reports are left out: they are
    reranked by their own rules)."""
    from tqdm import tqdm

    from app.measures import with_stated_word
    from app.question import analyse
    from eval.runner import passage

    pools = []
    for part, question, evidences in tqdm(asked, desc="measuring", unit="q", file=sys.stderr,
                                          disable=not progress):
        question = with_stated_word(question)  # as the pipeline searches it
        if analyse(question).english or reranker.inner.several(question):
            continue
        head = reranker.inner.search(question, reranker.pool)
        texts = [normalize(passage(h.chunk.section_path, h.chunk.text)) for h in head]
        labels = [all(normalize(e) in t for e in evidences) for t in texts]
        pools.append(Pool(part, reranker.sentence_values(question, head),
                          reranker.read_values(question, head), labels))
    return pools


def best(scores: dict[Weights, list[float]], sets: Sequence[int]) -> Weights:
    """The pair whose mean score over ``sets`` (indexes into each list) is
    highest; on a tie, the smaller weights.

    >>> best({(0.0, 0.0): [0.5, 0.5], (0.1, 0.2): [0.7, 0.4]}, [0, 1])
    (0.1, 0.2)
    """
    return max(sorted(scores), key=lambda w: (sum(scores[w][i] for i in sets) / len(sets),
                                              -w[0] - w[1]))


def fit_rerank(pools: Sequence[Pool], write: bool = True) -> dict[str, Any]:
    """Score every pair of the grid on every set, choose by leave-one-set-out,
    and (``write``) record the pair best on all of them in ``app/rerank_model.json``."""
    names = list(dict.fromkeys(p.part for p in pools))
    by_set = {n: [p for p in pools if p.part == n] for n in names}
    grid = list(itertools.product(LEXICAL_GRID, READING_GRID))
    scores = {w: [sum(hit_at_1(p, w) for p in by_set[n]) / len(by_set[n]) for n in names]
              for w in grid}
    from app.rerank import READING_WEIGHT, SENTENCE_WEIGHT

    default = (SENTENCE_WEIGHT, READING_WEIGHT)
    before = [sum(hit_at_1(p, default) for p in by_set[n]) / len(by_set[n]) for n in names]
    left_out = {}
    for k, name in enumerate(names):
        chosen = best(scores, [j for j in range(len(names)) if j != k] or [k])
        left_out[name] = {"weights": list(chosen), "hit_at_1": round(scores[chosen][k], 4),
                          "lexical_alone": round(before[k], 4), "n": len(by_set[name])}
    chosen = best(scores, list(range(len(names))))
    result = {
        "sentence_weight": chosen[0],
        "reading_weight": chosen[1],
        "fitted": dt.date.today().isoformat(),
        "sets": names,
        "score": "hit@1 of the reranked pool, answerable single-turn Chinese questions",
        "lexical_alone": {"weights": list(default), "hit_at_1": [round(s, 4) for s in before]},
        "grid": {f"{w[0]} {w[1]}": [round(s, 4) for s in scores[w]] for w in grid},
        "left_out": left_out,
        "command": COMMAND,
    }
    if write:  # to a temporary name, then renamed: a reader never sees half a file
        temp = MODEL_FILE.with_name(f".{MODEL_FILE.name}.{os.getpid()}.tmp")
        temp.write_text(json.dumps(result, ensure_ascii=False, indent=1) + "\n", "utf-8")
        os.replace(temp, MODEL_FILE)
    return result


def fit_from_sets(reports: Any = None, echo: Any = print) -> dict[str, Any]:
    """Measure the fit sets and the training questions, fit, write, and report
    each set's left-out figure through ``echo`` (the command's body)."""
    from app.factory import as_asked
    from eval.backtranslate import BACKTRANSLATED
    from eval.generate import GENERATED, read
    from eval.schema import fitting_sets, load_qa
    from index import HybridRetriever, open_index
    from reportqa.errors import ReportQAError

    reranker = as_asked(HybridRetriever(open_index([reports] if reports else None)))
    if reranker.reading is None:
        raise ReportQAError("the reranker's sentence model needs the latent terms of sentences",
                            hint="set REPORTQA_LATENT_TERMS and REPORTQA_LATENT_READING to true")
    items, parts = fitting_sets(load_qa())
    asked = [(part, i.question, i.evidences) for i, part in zip(items, parts, strict=True)
             if i.answerable and not i.history]
    for path, name in ((GENERATED, "generated"), (BACKTRANSLATED, "back-translated")):
        if path.is_file():
            asked += [(name, g.question, (g.evidence,)) for g in read(path) if g.answerable]
    result = fit_rerank(measure(reranker, asked))
    echo("hit@1 of each set at the weights best on the others (left out), against the "
         f"lexical score alone (weights {result['lexical_alone']['weights']}):")
    for name, row in result["left_out"].items():
        echo(f"  {name:<16}{row['n']:>4} questions  weights {row['weights']}: "
             f"{row['lexical_alone']:.3f} -> {row['hit_at_1']:.3f}")
    echo(f"weights lexical {result['sentence_weight']}, sentence model "
         f"{result['reading_weight']} written to {MODEL_FILE}")
    return result
