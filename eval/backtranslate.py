"""Reworded training questions by back-translation, for fitting (never for reporting).

The answerability model must not learn that an answerable question shares the
report's words: an analyst's own wording rarely does. The local model rewords
poorly when asked to (most rewordings copy the question or answer it), but it
translates well enough, and a question put into English and back into Chinese
comes back in other words: the classic way to make paraphrases.

:func:`back_translate` does this to the dev set's questions (Chinese ones go
Chinese -> English -> Chinese, English ones English -> Chinese; follow-ups,
which lean on their history, are left out) and to the English copies of the
generated questions (English -> Chinese). A result is kept when it is one
Chinese question, reworded (:func:`eval.generate.acceptable`), and, for an
answerable source, when retrieval still finds its evidence among the passages
``ask`` reads and every place, body, person and year it names is in the
reports (a drifted name, 楊浦 back as 洋浦, makes the question another one,
which the label would no longer describe: :func:`still_answerable`). Unanswerable sources stay
unanswerable: drift does not put an answer in the reports.

A kept question carries its source's group (``chunk_id``: ``dev:<id>`` for a
dev question), so cross-validation keeps it in its source's fold. The output,
``eval/backtranslated.jsonl``, is rebuilt by ``reportqa eval --back-translate``
and read by ``reportqa eval --fit-refusal`` beside ``eval/generated.jsonl``.

>>> item = Generated("", "園區有幾家企業？", True, "d", "dev:q1", "園區有 300 家企業",
...                  "dev", "direct")
>>> [g.question for g in back_translate([item], lambda q: "How many firms?",
...                                     lambda q: "這個園區裡進駐了幾家公司？", lambda g: True)]
['這個園區裡進駐了幾家公司？']
"""

from __future__ import annotations

import re
import sys
from collections.abc import Callable, Sequence
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from eval.generate import Generated, Rewriter, acceptable
from eval.schema import QAItem

if TYPE_CHECKING:
    from app.pipeline import Pipeline

BACKTRANSLATED = Path(__file__).resolve().parent / "backtranslated.jsonl"
DEV_GROUP = "dev:"  # a chunk_id prefix: the dev question a copy came from
_CHINESE = re.compile(r"[\u4e00-\u9fff]")


def from_dev(items: Sequence[QAItem]) -> list[Generated]:
    """The dev questions that can be back-translated (not follow-ups), as sources.

    >>> from eval.schema import QAItem
    >>> q = QAItem("q1", "園區有幾家企業？", "", (), "a.txt", "", "園區有 300 家企業", "number")
    >>> from_dev([q])[0].chunk_id
    'dev:q1'
    """
    return [
        Generated("", i.question, i.answerable, i.doc or "", f"{DEV_GROUP}{i.id}", i.evidence,
                  "dev", i.style or "direct")
        for i in items
        if not i.history
    ]


def group_of(item: Generated) -> str:
    """The cross-validation group of a training question: its dev question's id,
    or its chunk and label for a generated one.

    >>> group_of(Generated("", "q", True, "d", "dev:q7", "", "dev+back", "paraphrase"))
    'q7'
    >>> group_of(Generated("", "q", False, "d", "c12", "", "template", "direct"))
    'c12:False'
    """
    if item.chunk_id.startswith(DEV_GROUP):
        return item.chunk_id[len(DEV_GROUP):]
    return f"{item.chunk_id}:{item.answerable}"


def still_answerable(pipeline: Pipeline) -> Callable[[Generated], bool]:
    """Whether an answerable rewording still asks what its source asked: the
    pipeline retrieves its evidence among the passages ``ask`` reads, and no
    name or year it gives is missing from the reports."""
    from app.refusal import missing_years
    from eval.metrics import hit_rank
    from eval.runner import passage

    def found(item: Generated) -> bool:
        question = pipeline.searched(item.question, ())
        hits = pipeline.retriever.search(question, pipeline.k)
        texts = [passage(h.chunk.section_path, h.chunk.text) for h in hits]
        if hit_rank([item.evidence], texts) is None:
            return False
        corpus = pipeline.scorer.weights.texts
        return not pipeline.scorer.names_unknown(question) and not missing_years(
            question, corpus
        )

    return found


def back_translate(
    sources: Sequence[Generated], to_english: Rewriter, to_chinese: Rewriter,
    found: Callable[[Generated], bool], progress: bool = False,
) -> list[Generated]:
    """Chinese rewordings of ``sources`` by way of English (see the module doc);
    ``found`` says whether retrieval finds an answerable rewording's evidence."""
    from tqdm import tqdm

    kept = []
    for source in tqdm(sources, desc="back-translating", unit="q", file=sys.stderr,
                       disable=not progress):
        english = source.question
        if _CHINESE.search(source.question):
            english = to_english(source.question) or ""
        if not english or _CHINESE.search(english):
            continue
        chinese = (to_chinese(english) or "").strip().strip("「」\"'")
        # an English source has no Chinese wording to differ from: its evidence stands in
        original = source.question if _CHINESE.search(source.question) else source.evidence
        if not acceptable(original, chinese, source.evidence):
            continue
        made = replace(source, question=chinese, generator=f"{source.generator}+back",
                       style="paraphrase")
        if source.answerable and not found(made):
            continue
        kept.append(made)
    return [replace(g, id=f"b{i:04d}") for i, g in enumerate(kept, 1)]
