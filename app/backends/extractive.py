"""The `extractive` backend: no model; quotes the passages' best sentences.

It scores every sentence of the retrieved passages by the question's rare
character bigrams it contains (and, for English questions, by names and
figures), favours better-ranked passages, and answers with the top sentences,
each quoted in 「」 (characters in Traditional script, words unchanged) and
followed by its [n] marker; when the question asks for a figure that none of
them states (a count of visitors for "how many firms?"), the answer says so
first. A question for the points of a section
("心得與建議有哪幾點？") is answered with its subsections' headings instead
(:mod:`app.outline`). Instant, and the fallback when no local model
is installed.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import Any

from app.answerability import is_name
from app.backends.base import Aliases, AnswerRequest, ContextBlock, Similarity
from app.injection import plain_blocks
from app.language import fold
from app.lines import asked_labels, labelled_field
from app.lists import (
    antecedent,
    followers,
    gloss_after,
    is_bare_marker,
    list_mates,
    with_joined_lists,
)
from app.outline import outline
from app.prompting import load_prompts
from app.question import analyse
from app.questions import asking_parts
from app.sentences import (
    Candidate,
    Source,
    score_sentences,
    states_asked_figure,
    with_fields,
)
from app.series import series_mates
from index.multi import asks_both

SCORED_KEPT = 64  # recent scorings kept (a question's signal and its answer share one)
# a question's scored sentences, whether it asks each report for its part, and the best
# sentence of each of its asking clauses
_SCORED: OrderedDict[
    tuple[Any, ...], tuple[tuple[Candidate, ...], bool, tuple[tuple[int, int], ...]]
] = OrderedDict()
_SCORED_LOCK = threading.Lock()
LIST_CHARS = 480  # a lead-in and the items after it may run longer


@dataclass(frozen=True)
class Quoting:
    """How much the reader quotes: at most ``sentences`` sentences within
    ``chars`` characters, none scoring under ``keep_share`` of the best one (per
    report for a question about both; a lead-in brings its list items, up to
    LIST_CHARS)."""

    sentences: int = 3
    keep_share: float = 0.5
    chars: int = 320
    # what an answer adds for its reader, not what the answerability signal reads (the
    # selection its model was fitted with): a form line labelled with what is asked
    # (「地點：…」) ranks right after its passage's best sentence (app.sentences.with_fields),
    # and a quoted sentence that points back brings the one before it (app.lists.antecedent);
    # a meeting's 「時間：」 would otherwise make an unanswerable "when" look answered
    answering: bool = False


# what the answerability model's figure signal reads (the selection it was fitted with)
SIGNAL = Quoting()
# what an answer quotes, in either language: two sentences more than the signal reads,
# within 480 characters. Four within 400 (for Chinese questions) and five (for English ones,
# whose sentences the embedder ranks less well) were chosen on the fitted dev sets by key
# facts against length; five for both raised key facts and citations on the never-fitted
# check sets too (dev9 key facts 0.802 -> 0.816, citations 0.859 -> 0.887; dev10 key facts
# 0.686 -> 0.700) and lost nothing on any set, for a median Chinese answer of 404 characters
# rather than 331 (docs/evaluation.md, fourteenth session)
ANSWER = Quoting(sentences=5, keep_share=0.4, chars=480, answering=True)

__all__ = ["ANSWER", "SIGNAL", "Candidate", "ExtractiveBackend", "Quoting",
           "score_sentences", "select"]


def select(candidates: list[Candidate], quoting: Quoting = SIGNAL,
           listing: bool = False, required: Sequence[tuple[int, int]] = (), *,
           change: bool = False) -> list[Candidate]:
    """The best sentences (at most ``quoting.sentences``, within its budget), in
    reading order; a chosen lead-in ("方向有四：") brings the items after it,
    and, for a question that asks for a list (``listing``), a chosen item of a
    numbered list brings the list's other items. The sentences ``required``
    (block, position: the best for each part of a question that asks two
    things) are quoted too. In an answer to a question about how a figure changed
    (``change``), the chosen points of a series bring its other points
    (:func:`app.series.series_mates`) after the picks, within LIST_CHARS.

    >>> picked = select([Candidate(1, 0, "甲。", 5.0), Candidate(1, 1, "乙。", 0.5)])
    >>> [c.text for c in picked]
    ['甲。']
    >>> listed = [Candidate(1, 0, "方向有二：", 5.0), Candidate(1, 1, "甲；", 0.1),
    ...           Candidate(1, 2, "乙。", 0.1), Candidate(2, 0, "丙。", 4.0)]
    >>> [c.text for c in select(listed)]
    ['方向有二：', '甲；', '乙。', '丙。']
    """
    ranked = sorted(candidates, key=lambda c: -c.score)
    if not ranked:
        return []
    chosen: list[Candidate] = []
    picks = used = 0
    for candidate in ranked:
        if picks == quoting.sentences or candidate.score < quoting.keep_share * ranked[0].score:
            break
        if candidate in chosen or is_bare_marker(candidate.text):
            continue
        if chosen and used + len(candidate.text) > quoting.chars:
            continue
        picks += 1
        chosen.append(candidate)
        used += len(candidate.text)
        brought = followers(candidate, candidates)
        if quoting.answering:
            brought = antecedent(candidate, candidates) + brought
        if listing:
            brought += list_mates(candidate, candidates)
        glosses = gloss_after(candidate, candidates) if quoting.answering else []
        brought += glosses  # its English rendering, on the next line
        for item in brought:
            if is_bare_marker(item.text):
                continue  # "1." quoted alone says nothing; the quotes keep the order
            if item not in chosen and (used + len(item.text) <= LIST_CHARS or item in glosses):
                chosen.append(item)  # (a sentence's English rendering goes with it)
                used += len(item.text)
    if change and quoting.answering:
        for mate in [m for c in list(chosen) for m in series_mates(c, candidates)]:
            if mate not in chosen and used + len(mate.text) <= LIST_CHARS:
                chosen.append(mate)
                used += len(mate.text)
    if required:
        keys = {(c.n, c.position): c for c in candidates}
        chosen += [keys[k] for k in dict.fromkeys(required)
                   if k in keys and keys[k] not in chosen]
    order: dict[int, int] = {}
    for i, candidate in enumerate(ranked):
        order.setdefault(candidate.n, i)
    return sorted(chosen, key=lambda c: (order[c.n], c.position))


def select_per_report(
    candidates: list[Candidate], report_of: dict[int, str], quoting: Quoting = SIGNAL,
    listing: bool = False, required: Sequence[tuple[int, int]] = (), *, change: bool = False,
) -> list[Candidate]:
    """:func:`select` within each report's passages (``report_of``: block number ->
    report), the reports in the order of their best sentence: a question about
    both reports is answered from both.

    >>> cands = [Candidate(1, 0, "甲。", 5.0), Candidate(1, 1, "乙。", 4.0),
    ...          Candidate(2, 0, "丙。", 1.0)]
    >>> [c.text for c in select_per_report(cands, {1: "a", 2: "b"})]
    ['甲。', '乙。', '丙。']
    """
    ranked = sorted(candidates, key=lambda c: -c.score)
    reports = list(dict.fromkeys(report_of[c.n] for c in ranked))
    return [
        c for report in reports
        for c in select([x for x in candidates if report_of[x.n] == report], quoting, listing,
                        [k for k in required if report_of.get(k[0]) == report], change=change)
    ]


def names_each_report(question: str, blocks: Sequence[ContextBlock]) -> bool:
    """Whether the question names something found only in one report's passages
    and something found only in another's (上海楊浦科技創業中心 and 烏茲別克資訊科技園區
    in one question), so each report has a part of the answer.

    >>> from ingest.model import Chunk
    >>> def block(n, doc, text):
    ...     return ContextBlock(n, Chunk(f"c{n}", doc, ("甲",), 1, text, ""))
    >>> blocks = [block(1, "a.txt", "楊浦設有孵化器。"), block(2, "b.txt", "烏茲別克設有加速器。")]
    >>> names_each_report("楊浦與烏茲別克有什麼共同的機制？", blocks)
    True
    >>> names_each_report("楊浦有什麼機制？", blocks)
    False
    """
    texts: dict[str, str] = {}
    for block in blocks:
        texts[block.chunk.doc] = texts.get(block.chunk.doc, "") + fold(
            block.chunk.breadcrumb + block.chunk.text
        )
    if len(texts) < 2:
        return False
    names = [t.word for t in analyse(question).terms if is_name(t.word)]
    found = {doc: {n for n in names if n in text} for doc, text in texts.items()}
    only = [
        found[doc] - set().union(*(f for other, f in found.items() if other != doc))
        for doc in found
    ]
    return sum(1 for names_here in only if names_here) >= 2


def chosen_sentences(
    question: str, blocks: Sequence[ContextBlock], similarity: Similarity | None = None,
    translation: str = "", quoting: Quoting = SIGNAL, several: bool = False,
) -> list[Candidate]:
    """The sentences the reader quotes for ``question`` from ``blocks``, in the
    order it quotes them, as much as ``quoting`` allows (``similarity`` and
    ``translation``: for an English question, see
    :func:`app.sentences.score_sentences`); each report's best when the passages
    come from several reports and the question is about several (``several``: as the
    retriever read it; else it names both or a subject of each).

    >>> from ingest.model import Chunk
    >>> text = "園區成立於 2001 年。園區有 300 家企業。"
    >>> blocks = [ContextBlock(1, Chunk("c", "a", (), 1, text, ""))]
    >>> [c.text for c in chosen_sentences("園區有幾家企業？", blocks)]
    ['園區有 300 家企業。']
    """
    # the answerability signal and then the reader score the same sentences: scored once
    # (the signal leaves ``several`` unset, the selection its model was fitted with: read per
    # report, it changed no figure on the 25 dev and check sets; docs/evaluation.md)
    key = (question, tuple((b.n, b.chunk.id, b.chunk.text) for b in blocks), translation,
           similarity)
    found = _SCORED.get(key)
    if found is None:
        report_of = {block.n: block.chunk.doc for block in blocks}
        named_each = (len(set(report_of.values())) > 1
                      and (asks_both(question) or names_each_report(question, blocks)))
        found = (tuple(score_sentences(question, blocks, similarity, translation)), named_each,
                 clause_tops(question, blocks, similarity, translation))
        with _SCORED_LOCK:
            _SCORED[key] = found
            while len(_SCORED) > SCORED_KEPT:
                _SCORED.popitem(last=False)
    candidates, tops = list(found[0]), found[2]
    several = found[1] or (several and len({b.chunk.doc for b in blocks}) > 1)
    asked = analyse(question)
    if quoting.answering:
        candidates = with_fields(asked.field, candidates)
        # a line labelled with what is asked (「主題：…」 for the theme)
        candidates = with_fields(labelled_field(asked_labels(question, translation)), candidates)
        candidates = with_joined_lists(asked.listing and asked.unit is None, candidates)
    listing = asked.listing
    if several:
        return select_per_report(candidates, {b.n: b.chunk.doc for b in blocks}, quoting,
                                 listing, tops, change=asked.change)
    return select(candidates, quoting, listing, tops, change=asked.change)


def clause_tops(
    question: str, blocks: Sequence[ContextBlock], similarity: Similarity | None = None,
    translation: str = "",
) -> tuple[tuple[int, int], ...]:
    """For a question that asks two things or more (「哪年成立？計畫做了幾年？」),
    the best sentence for each asking clause on its own (block, position); ()
    for a question that asks one thing.

    >>> from ingest.model import Chunk
    >>> text = "園區成立於 2001 年，位於北區。園區有 300 家企業，員工眾多。"
    >>> blocks = [ContextBlock(1, Chunk("c", "a", (), 1, text, ""))]
    >>> clause_tops("園區哪年成立？有幾家企業？", blocks), clause_tops("園區哪年成立？", blocks)
    (((1, 0), (1, 1)), ())
    """
    clauses = asking_parts(question)
    if len(clauses) < 2:
        return ()
    tops = []
    for clause in clauses:
        scored = score_sentences(clause, blocks, similarity, translation)
        if scored:
            best = max(scored, key=lambda c: c.score)
            tops.append((best.n, best.position))
    return tuple(tops)


class ExtractiveBackend:
    """Answers with the passages' own best sentences, each cited."""

    name = "extractive"
    generative = False

    @staticmethod
    def available() -> bool:
        """Always installed."""
        return True

    def judge(self, request: AnswerRequest) -> float | None:
        """None: the reader quotes; the answerability model alone decides."""
        return None

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        """Yield the chosen sentences with their markers, one at a time.
        Passages that give orders to an assistant are read only when all do."""
        blocks = plain_blocks(request.blocks)
        points = outline(request.question, blocks)
        if points:
            # the section's points are its subsections' headings (see app.outline)
            for point in points:
                yield f"「{point.heading}」[{point.n}]"
            return
        chosen = chosen_sentences(
            request.question, blocks, request.similarity, request.translation,
            ANSWER, request.several,
        )
        figure_missing = chosen and not figure_stated(
            request.question, blocks, chosen, request.aliases
        )
        if figure_missing and not request.follows:  # after a model's answer, quotes only
            # "how many firms?" with only a count of visitors: said first, not hidden
            yield load_prompts().get(f"extractive_no_figure_{request.language}").strip() + " "
        elif request.language == "en" and chosen:
            yield load_prompts().get("extractive_intro_en").strip() + " "
        for candidate in chosen:
            text = candidate.text.strip().lstrip("-•‧· ").strip("「」")
            yield f"「{text}」[{candidate.n}]"


def figure_stated(
    question: str, blocks: Sequence[ContextBlock], chosen: Sequence[Candidate],
    aliases: Aliases | None = None,
) -> bool:
    """Whether the ``chosen`` sentences of ``blocks`` state the figure ``question``
    asks for, each read with its section path and passage
    (:func:`app.sentences.states_asked_figure`; ``aliases``: a name's other names).

    >>> from ingest.model import Chunk
    >>> blocks = [ContextBlock(1, Chunk("c", "a", ("越南園區",), 1, "園區有 150 家廠商。", ""))]
    >>> chosen = chosen_sentences("泰國科學園區有多少家廠商？", blocks)
    >>> figure_stated("泰國科學園區有多少家廠商？", blocks, chosen)
    False
    >>> figure_stated("越南園區有多少家廠商？", blocks, chosen)
    True
    """
    source = {b.n: Source(b.chunk.breadcrumb, b.chunk.text) for b in blocks}
    return states_asked_figure(
        question, [c.text for c in chosen], [source.get(c.n, Source("", "")) for c in chosen],
        aliases,
    )
