"""Sentence relevance: every sentence of the context blocks scored against the question,
by the rare question bigrams it contains (and, for English questions, names and figures),
with the figure check, the answer kind (a person for "是誰", a venue for "在哪裡"), a
caption penalty and a rank prior; for a Chinese question given the embedder's similarity,
that score and the cosine are weighed by the fitted model of :mod:`app.relevance`.

Used by the extractive reader (which sentences answer), by the prompt
builder (which sentences to keep when the passages overflow the budget) and by
the pipeline (:func:`states_asked_figure`: whether the sentences the reader
would quote state the figure a question asks for).
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, replace

from app.answer_kinds import PERSON, WHO, asks_person, unasked_field
from app.backends.base import Aliases, ContextBlock, Similarity
from app.card import WHO_LINE, card_answer, is_card, shortened
from app.citations import bigrams
from app.cities import city_figure
from app.counted import AskedCount, counts_asked
from app.injection import is_instruction
from app.language import fold, without_list_numbers
from app.lines import asks, looks_like_caption, source_credit
from app.measures import (
    asked_thing,
    dated_event,
    figure_windows,
    measured,
    names_thing,
    of_any_kind,
    other_qualifier,
)
from app.ordinals import another_numbered
from app.outcomes import planned_only, then_only
from app.question import analyse, subject_names
from app.questions import asked_figures, western_years
from app.relevance import load_sentence_model
from app.spans import spans
from app.subjects import figure_clauses, figure_of_part, referred
from app.units import DATE, SPAN, YEAR
from app.years import of_asked_year, of_year_clauses
from ingest.sentences import split_sentences

CAPTION_PENALTY = 0.4  # captions, labels and questions rarely answer a question
UNIT_BOOST = 2.0  # a sentence stating a figure in the unit the question asks for
# a sentence naming a person (who?) or a venue (where?), or listing (three things joined by
# 、) for a question that asks for a list; 2.0 gained nothing more for who and where
KIND_BOOST = 1.5
# a question bigram with a digit (12月4日, 2014) selects which passage, it is not what is
# asked: it counts a quarter (0.5 gained one key fact, 0.25 and 0.1 two)
DIGIT_SHARE = 0.25
# the Chinese words of an English question (glossary, dictionary): their bigram score, scaled to
# the best sentence's, counts this much beside the cosine excess (of 0.05-0.4, 0.1 gained most)
TRANSLATION_WEIGHT = 0.1
RUN_SHARE = 3.0  # the other bigrams of one matched name count a third each
COSINE_FLOOR = 0.7  # e5 cosines of unrelated text sit above this; only the excess counts
CRUMB_SHARE = 0.25  # a question bigram in the passage's section path, not the sentence
CARD_MARGIN = 1e-3  # how far above the best sentence a card line that answers is put
FIELD_SHARE = 0.999  # a form line that answers ranks just under its passage's best sentence
HEAD_WEIGHT = 2.0  # the asked attribute: what follows the last 的 (紫竹的「股東結構」)


def enumerates(text: str) -> bool:
    """Whether a sentence lists several things (three or more joined by 、):
    what a question for a list is answered by.

    >>> enumerates("包括泰國科學園區、泰國軟體園區、食品創新城和東部創新園區。")
    True
    >>> enumerates("園區與大學、研究機構合作。")
    False
    """
    return text.count("、") >= 2


def _asking_lowered(question: str, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates`` with the score of each that asks (:func:`asks`), or is a time
    or place line the question does not ask (:func:`unasked_field`), times
    CAPTION_PENALTY, after the lexical, latent or cosine reading."""
    unasked = unasked_field(question)
    return [replace(c, score=c.score * CAPTION_PENALTY)
            if asks(c.text) or (unasked is not None and unasked.search(c.text)) else c
            for c in candidates]


def with_fields(field: re.Pattern[str] | None, candidates: list[Candidate]
                 ) -> list[Candidate]:
    """``candidates``, each form line labelled with what is asked (``field``:
    「地點：…」 for a where question, :func:`app.question.answer_field`) raised to just
    under the best score of its passage: it states the asked thing of what the
    passage is about, and is quoted right after that passage's best sentence.

    >>> found = with_fields(re.compile("^地點："), [Candidate(1, 0, "年會在會議中心舉行。", 0.9),
    ...     Candidate(1, 1, "地點：國際會議中心", 0.1), Candidate(2, 0, "地點：市府", 0.2)])
    >>> [round(c.score, 3) for c in found]
    [0.9, 0.899, 0.2]
    """
    if field is None:
        return candidates
    best: dict[int, float] = {}
    for c in candidates:
        best[c.n] = max(best.get(c.n, c.score), c.score)
    return [replace(c, score=max(c.score, best[c.n] * FIELD_SHARE)) if field.search(c.text)
            else c for c in candidates]


@dataclass(frozen=True)
class Candidate:
    """A sentence of context block ``n`` with its score and position (and the
    block's section path)."""

    n: int
    position: int
    text: str
    score: float
    section: tuple[str, ...] = ()


def _run_weight(order: list[str], weights: dict[str, float]) -> float:
    """Sum of matched bigram weights, a run of consecutive matched bigrams (one
    name, such as 紫竹高新區) counting as its best bigram plus a third of the rest.

    >>> _run_weight(["甲乙", "乙丙", "丙丁"], {"甲乙": 1.0, "乙丙": 1.0, "丙丁": 1.0})
    1.6666666666666665
    """
    total, run, seen = 0.0, [], set()
    for gram in [*order, ""]:
        if gram in weights and gram not in seen:
            run.append(weights[gram])
            seen.add(gram)
            continue
        if run:
            total += max(run) + (sum(run) - max(run)) / RUN_SHARE
            run = []
    return total


def score_sentences(
    question: str, blocks: Sequence[ContextBlock], similarity: Similarity | None = None,
    translation: str = "",
) -> list[Candidate]:
    """Every sentence of ``blocks``, scored against ``question``: by shared rare
    bigrams; given a ``similarity``, a Chinese question's bigram scores are
    weighed beside its latent overlaps by the fitted sentence model (:func:`_read`,
    :mod:`app.relevance`), and an English question (which shares no characters
    with a Chinese report) is scored by its cosine above COSINE_FLOOR (on 18
    English eval items the evidence sentence came first for 8 this way, against
    4 by names and figures), raised by the bigram score of the question's
    Chinese ``translation`` (:func:`_with_translation`).

    >>> from ingest.model import Chunk
    >>> chunk = Chunk("c1", "a.txt", ("甲",), 1, "園區有三家股東。天氣很好。", "")
    >>> [c.text for c in sorted(score_sentences("股東有幾家？", [ContextBlock(1, chunk)]),
    ...                         key=lambda c: -c.score)]
    ['園區有三家股東。', '天氣很好。']
    """
    asked = analyse(question)
    q_grams, head, order = set(asked.grams), asked.head, list(asked.order)
    unit, kind, listing = asked.unit, asked.kind, asked.listing
    sentences = [
        (block.n, rank, i, s)
        for rank, block in enumerate(blocks)
        for i, s in enumerate(split_sentences(block.chunk.text))
        if not is_instruction(s)  # report text giving orders is not quoted (app.injection)
    ]
    paths = {block.n: block.chunk.section_path for block in blocks}
    if similarity is not None and asked.english:
        found = _by_similarity(question, sentences, similarity, unit, paths)
        scored = _asking_lowered(question, _with_translation(found, translation, blocks))
        return _with_card_lines(question, scored, blocks)
    crumbs = {block.n: bigrams(" ".join(block.chunk.section_path)) & q_grams for block in blocks}
    gram_sets = [bigrams(western_years(s)) for _, _, _, s in sentences]
    doc_freq = Counter(g for grams in gram_sets for g in grams & q_grams)
    total = max(len(sentences), 1)
    candidates = []
    for (n, rank, i, text), grams in zip(sentences, gram_sets, strict=True):
        weights = {
            g: math.log(1 + total / max(doc_freq[g], 1))
            * (HEAD_WEIGHT if g in head else 1.0)
            * (1.0 if g in grams else CRUMB_SHARE)
            * (DIGIT_SHARE if any(ch.isdigit() for ch in g) else 1.0)
            for g in (grams & q_grams) | crumbs[n]
        }
        overlap = _run_weight(order, weights)
        lowered = fold(text)
        overlap += sum(2.0 for term in asked.latin_terms if term in lowered)
        if unit is not None and unit.search(text):
            overlap *= UNIT_BOOST
        elif unit is None and ((kind is not None and kind.search(text))
                               or (listing and enumerates(text))):
            overlap *= KIND_BOOST  # the kind asked: a person, a venue, a list
        length_norm = math.sqrt(max(len(grams), 8) / 8)
        prior = 1.0 / (1.0 + rank)
        score = overlap / length_norm + prior
        if looks_like_caption(text) or source_credit(text, question):
            score *= CAPTION_PENALTY
        candidates.append(Candidate(n, i, text.strip(), score, paths[n]))
    read = _read(question, candidates, [s for *_, s in sentences], similarity)
    return _with_card_lines(question, _asking_lowered(question, read), blocks)


def _with_card_lines(question: str, candidates: list[Candidate],
                     blocks: Sequence[ContextBlock]) -> list[Candidate]:
    """``candidates``, the card lines that answer a question about a trip as a
    whole (:func:`app.card.card_answer`: the trip's period for when, who went for
    who) raised just above the best score: they share no word with 「從哪天到哪天」.
    So is the card's who line for a question asking who when a passage names one
    of its people by surname and title only (「林局長」, :func:`app.card.shortened`).

    >>> from ingest.model import Chunk
    >>> cover = Chunk("c", "a", ("報告",), 1, "姓名職稱：王處長\\n出國期間：5月1日至5月8日", "")
    >>> talk = Chunk("t", "a", ("參訪",), 2, "考察團在漁港停留兩天。", "")
    >>> blocks = [ContextBlock(1, talk), ContextBlock(2, cover)]
    >>> found = score_sentences("這趟考察從哪天到哪天？", blocks)
    >>> max(found, key=lambda c: c.score).text
    '出國期間：5月1日至5月8日'
    """
    answer = card_answer(question)
    cards = {b.n for b in blocks if is_card(b.chunk.text)}
    if answer is None and cards and asks_person(question) and any(
            shortened(card.chunk.text, other.chunk.text, question)
            for card in blocks if card.n in cards for other in blocks if other.n not in cards):
        answer = WHO_LINE  # 「林局長」 quoted: the card's who line gives his full name
    if answer is None or not candidates:
        return candidates
    best = max(c.score for c in candidates) + CARD_MARGIN
    return [replace(c, score=max(c.score, best))
            if c.n in cards and answer.match(fold(c.text)) else c for c in candidates]


def _read(question: str, candidates: list[Candidate], texts: Sequence[str],
          similarity: Similarity | None) -> list[Candidate]:
    """``candidates`` rescored by the fitted model of :mod:`app.relevance` (the
    lexical score beside the latent overlap), given a ``similarity``."""
    model = load_sentence_model() if similarity is not None else None
    if model is None or similarity is None or not candidates:
        return candidates
    overlaps = similarity(question, texts)
    chances = model.probabilities([c.score for c in candidates], overlaps,
                                  [c.n for c in candidates])
    return [replace(c, score=p) for c, p in zip(candidates, chances, strict=True)]


def _with_translation(
    found: list[Candidate], translation: str, blocks: Sequence[ContextBlock]
) -> list[Candidate]:
    """``found`` (an English question's candidates) each raised by
    TRANSLATION_WEIGHT times its share of the best bigram score for the
    question's Chinese ``translation`` (unchanged when there is none)."""
    lexical = score_sentences(translation, blocks) if translation.strip() else []
    top = max((c.score for c in lexical), default=0.0)
    if top <= 0:
        return found
    return [
        Candidate(c.n, c.position, c.text, c.score + TRANSLATION_WEIGHT * x.score / top, c.section)
        for c, x in zip(found, lexical, strict=True)
    ]


def _by_similarity(
    question: str, sentences: Sequence[tuple[int, int, int, str]], similarity: Similarity,
    unit: re.Pattern[str] | None = None, paths: dict[int, tuple[str, ...]] | None = None,
) -> list[Candidate]:
    """Candidates scored by cosine above COSINE_FLOOR (captions penalised, a
    figure in the ``unit`` the question asks for boosted, as is a sentence naming
    a person, by a Latin name or a title, for a "who" question).

    >>> from ingest.model import Chunk
    >>> def sim(q, texts):
    ...     return [0.9 if "CEO" in t else 0.75 for t in texts]
    >>> chunk = Chunk("c1", "a.txt", ("甲",), 1, "執行長 CEO 金先生。天氣很好。", "")
    >>> found = score_sentences("Who serves as CEO?", [ContextBlock(1, chunk)], sim)
    >>> [(c.text, round(c.score, 2)) for c in found]
    [('執行長 CEO 金先生。', 0.4), ('天氣很好。', 0.05)]

    A where or why question raises a venue or a cause, as a Chinese one does:

    >>> chunk = Chunk("c1", "a.txt", ("甲",), 1, "晚宴很熱鬧。晚宴在國際會議中心舉行。", "")
    >>> flat = lambda q, texts: [0.8] * len(texts)
    >>> found = score_sentences("Where was the dinner?", [ContextBlock(1, chunk)], flat)
    >>> [round(c.score, 2) for c in found]
    [0.1, 0.15]
    """
    cosines = similarity(question, [s for *_, s in sentences])
    who = unit is None and bool(WHO.match(question))
    analysed = analyse(question)
    listing = analysed.listing
    # where or why: a venue or a cause, as for a Chinese question (who is boosted above)
    kind = analysed.kind if unit is None and analysed.kind is not PERSON else None
    candidates = []
    for (n, _rank, i, text), cosine in zip(sentences, cosines, strict=True):
        score = max(0.0, cosine - COSINE_FLOOR)
        asked = unit.search(text) if unit is not None else who and PERSON.search(text)
        if asked:
            score *= UNIT_BOOST
        elif (kind is not None and kind.search(text)) or (
                unit is None and listing and enumerates(text)):
            score *= KIND_BOOST
        if looks_like_caption(text) or source_credit(text, question):
            score *= CAPTION_PENALTY
        candidates.append(Candidate(n, i, text.strip(), score, (paths or {}).get(n, ())))
    return candidates


@dataclass(frozen=True)
class Source:
    """Where a quoted sentence comes from: its section path and its passage."""

    heading: str
    text: str


def states_asked_figure(
    question: str, sentences: Sequence[str], sources: Sequence[Source] | None = None,
    aliases: Aliases | None = None,
) -> bool:
    """Whether one of ``sentences`` states the figure ``question`` asks for: a figure in the
    asked unit, of the asked year (:func:`of_asked_year`, in the sentence or its heading)
    and, for a count, beside what is counted, for a year or a date, beside the event it dates
    in its clause (:func:`app.measures.dated_event`: founded, opened) (True for a question
    that asks for no figure). With ``sources`` (where each sentence comes from), it must
    also be about what the question asks about (:func:`app.question.subject_names`, or a
    name ``aliases`` gives for one; each part of a two-figure question by its own names,
    :func:`app.subjects.figure_of_part`): named in the sentence or its heading, or in its
    passage when the sentence names no other place or body (not another park's 營業額).

    >>> states_asked_figure("園區有多少家在孵企業？", ["園區內在孵企業共 120 家。"])
    True
    >>> states_asked_figure("園區有多少家在孵企業？", ["當天有 300 人參觀。"])
    False
    >>> states_asked_figure("How many companies exhibited?", ["參觀者達 5000 人。"])
    False
    >>> states_asked_figure("How many firms exhibited?", ["大會共有來自 11 個國家約 300 名與會者"])
    False
    >>> states_asked_figure("園區的股東有哪些？", ["股東為甲公司。"])
    True
    >>> states_asked_figure("泰國園區有多少家廠商？", ["有 150 家廠商。"], [Source("越南園區", "")])
    False
    >>> states_asked_figure("2023年有多少家廠商？", ["有 150 家廠商。"], [Source("112年概況", "")])
    True
    """
    asked = analyse(question)
    if asked.unit is None:
        return True
    names = subject_names(question) if sources is not None else ()
    figures = asked_figures(question)
    thing = asked_thing(question) if sources is not None else ""
    for i, sentence in enumerate(map(without_list_numbers, sentences)):
        source = sources[i] if sources is not None else Source("", "")
        if not of_asked_year(asked.dated, f"{source.heading}\n{sentence}"):
            continue
        if another_numbered(question, f"{source.heading}\n{sentence}"):
            continue  # 一號樓's figure, when 二號樓 is asked
        if thing and not names_thing(thing, fold(f"{source.heading}\n{pointed(sentence, source)}")):
            continue  # the year another thing was founded, or its sum
        stated = [f for f in figures if _stated(question, f.unit, f.counted, sentence, f.asked)]
        clauses = figure_clauses([f.unit for f in stated], sentence)
        dated = of_year_clauses(clauses, asked.dated)
        if not stated or city_figure(question, names, clauses, aliases) or planned_only(
                question, dated or clauses) or then_only(question, sentence):
            continue  # (上海市's figure, when 上海科學院 is asked; a goal, not what was reached)
        asking = [f.clause for f in stated] if len(figures) > 1 else [question]
        if not names or any(figure_of_part(question, names, part, sentence, source.heading,
                                           source.text, aliases) for part in asking):
            return True
    return False


def pointed(sentence: str, source: Source) -> str:
    """``sentence`` with what it points back to when it opens by pointing back (:func:`referred`).

    >>> pointed("其成立於 2001 年。", Source("", "北京也有。紫竹園區規模大。其成立於 2001 年。"))
    '紫竹園區規模大。其成立於 2001 年。'
    >>> pointed("成立於 2001 年。", Source("", "紫竹園區規模大。成立於 2001 年。"))
    '成立於 2001 年。'
    """
    before = referred(sentence, source.text)
    return sentence if before == source.text else f"{before}{sentence}"


def _stated(question: str, unit: re.Pattern[str], counted: frozenset[str], sentence: str,
            asked: AskedCount | None = None) -> bool:
    """Whether ``sentence`` states a figure in ``unit`` beside what it counts or the event asked."""
    if unit.pattern == SPAN and not spans(question, sentence):
        return False
    if unit.pattern in (YEAR, DATE):  # when an event was (founded, opened, took office)
        kind = dated_event(question)
    else:  # an amount of a kind (tax, budget: 多少經費) is read by its kind's words,
        # a count by its noun (多少家企業, 多少員工)
        kind = measured(question) if of_any_kind(unit) else None
        counted = frozenset() if kind is not None else counted
    if kind is None and counted:  # a count, by the noun its figure counts
        return counts_asked(unit, sentence, counted, asked)
    return any(kind is None or (kind.search(window) and not other_qualifier(question, window))
               for window in map(fold, figure_windows(unit, sentence)))
