"""Calibrated refusal: decide from retrieval evidence whether the reports hold
the answer, and recognise a model's own refusal.

The evidence score of a question is the lower of two IDF-weighted shares of the
character bigrams inside its content words (jieba words without question and
function words, see :mod:`app.answerability`): found anywhere in the retrieved
passages, and found in the single best sentence (with its section path).
Bigrams the corpus never contains weigh most, so a question about another park
or another year scores low. A question that asks for a quantity (how many
people, what amount, which year, what area, what share) counts a sentence
without a figure in a fitting unit at a tenth, and a sentence with one by how
many of the question's focus words (the attribute asked about, e.g.
稅收總額, 員工, 成立) it holds itself: a figure of another attribute does not
answer (a year, which a report gives for many events, keeps less without
them). A count (多少家在孵企業, 多少個會員) also needs what it counts within
COUNT_WINDOW characters of the figure, else it counts at COUNT_FLOOR: 「來自 11
個國家」 does not say how many members. Nor does a figure in a passage that
does not name the question's most distinctive name (泰國 in "泰國科學園區的
營業額"; an abbreviation counts where the passage spells it out): it counts at
NAME_FLOOR. A question naming a year or a
day no passage mentions, or a place, person or organisation no passage of the
reports names (蘇州), scores 0. For English questions, which share no characters with Chinese
reports, the score is the best sentence's cosine with the question (by the
index's embedder, among the sentences that pass the same figure check),
scaled from EN_COSINE_LOW up and halved when the question's Latin names are
missing from the passages (the best passage's dense score stands in when no
embedder is given). This score is one of the signals of the answerability
model (:mod:`app.verdict`), whose probability decides a refusal.
"""

from __future__ import annotations

import re
from collections import OrderedDict
from collections.abc import Callable, Iterable, Sequence

from app.answerability import (
    Term,
    TermWeights,
    abbreviated,
    content_grams,
    focus_share,
    named_share,
    unknown_names,
)
from app.backends.base import Similarity
from app.citations import bigrams
from app.counted import beside_figures, kin_groups
from app.language import fold
from app.question import DAYS, analyse
from app.questions import question_grams, western_years
from app.units import YEAR
from index.types import Hit
from ingest.sentences import split_sentences

_REFUSAL = re.compile(
    r"找不到|查無|未提及|沒有提及|没有提及|未提到|沒有提到|没有提到|無相關|无相关|沒有相關|没有相关|"
    r"未包含|沒有包含|无法回答|無法回答|不包含|未說明|未说明|"
    r"do(?:es)? not (?:contain|mention|include|provide|state)|not (?:found|mentioned|stated)|"
    r"no information|cannot (?:find|answer)",
    re.I,
)
UNIT_PENALTY = 0.1  # a sentence without the figure a quantity question asks for
YEAR_FOCUS_FLOOR = 0.15  # years abound in a report: one of another event (創建, not 成立) says less
FOCUS_FLOOR = 0.3  # what a figure sentence without any of the question's focus words keeps
NAME_FLOOR = 0.1  # what it keeps in a passage that does not name the question's subject
COUNT_FLOOR = 0.1  # a count whose figure does not sit by what is counted (11 個國家 for 會員)
VALUE_CACHE = 256  # passage values remembered (per question and passage)
# English questions: the best sentence's cosine maps to 0..1 over this range
EN_COSINE_LOW = 0.76
EN_COSINE_SPAN = 0.1


def is_refusal_text(text: str) -> bool:
    """Whether a model's answer says the reports do not hold the answer (its
    first sentence is a refusal).

    >>> is_refusal_text("報告中找不到相關資訊。")
    True
    >>> is_refusal_text("紫竹高新區的股東有三家。[1]")
    False
    >>> is_refusal_text("股東有三家。[1] 其持股比例報告中找不到。")  # an answer, with a gap
    False
    """
    sentences = split_sentences(text.strip())
    return bool(sentences) and bool(_REFUSAL.search(sentences[0][:80]))


class EvidenceScorer:
    """Scores how well retrieved passages cover a question (0 to 1)."""

    def __init__(
        self, corpus_texts: Iterable[str], similarity: Similarity | None = None,
        aliases: Callable[[str], Sequence[str]] | None = None,
    ) -> None:
        self.similarity = similarity
        self.aliases = aliases
        self._values: OrderedDict[tuple[str, str, str, bool], float] = OrderedDict()
        self.weights = TermWeights(fold(text) for text in corpus_texts)

    def idf(self, gram: str) -> float:
        """Inverse document frequency (:meth:`TermWeights.pair_idf`, the corpus
        IDF); highest for bigrams the corpus lacks."""
        return self.weights.pair_idf(gram)

    def grams(self, question: str, terms: Sequence[Term] | None = None) -> set[str]:
        """The bigrams of the question's content words (all its bigrams without
        question words when it has none, as for English)."""
        terms = analyse(question).terms if terms is None else terms
        return content_grams(terms) or question_grams(question)

    def coverage(self, question: str, passages: Sequence[str]) -> float:
        """IDF-weighted share of the question's bigrams found in ``passages``."""
        grams = self.grams(question)
        if not grams:
            return 0.0
        found = bigrams("".join(passages))
        total = sum(self.idf(g) for g in grams)
        return sum(self.idf(g) for g in grams if g in found) / total if total else 0.0

    def best_sentence(
        self, question: str, hits: Sequence[Hit], abbreviations: bool = False
    ) -> float:
        """The best single sentence's coverage (with its section path), a
        sentence lacking the figure a quantity question asks for, or stating a
        figure without the question's focus words, counting less. For English
        questions only the figure check applies. With ``abbreviations`` (for
        ranking, not for the refusal check) a question bigram the section path
        spells out in full counts as found there (:func:`abbreviated`).

        Each passage's value is remembered per question and mode (the
        reranker asks per passage, the English proxy and the refusal check
        then for all of them).
        """
        best = 0.0
        for hit in hits:
            key = (question, hit.chunk.breadcrumb, hit.chunk.text, abbreviations)
            if key not in self._values:
                self._values[key] = self._passage_value(question, hit, abbreviations)
                if len(self._values) > VALUE_CACHE:
                    self._values.popitem(last=False)
            best = max(best, self._values[key])
        return best

    def _passage_value(self, question: str, hit: Hit, abbreviations: bool = False) -> float:
        """The best sentence score within one passage (see :meth:`best_sentence`)."""
        asked = analyse(question)
        english, unit = asked.english, asked.unit
        terms = [] if english else list(asked.terms)
        weights = {g: self.idf(g) for g in self.grams(question, terms)}
        total = sum(weights.values())
        crumb = bigrams(hit.chunk.breadcrumb)
        if abbreviations:
            crumb |= abbreviated(set(weights) - crumb, fold(hit.chunk.breadcrumb))
        context = fold(hit.chunk.breadcrumb + "\n" + hit.chunk.text)
        counted = set(asked.counted)
        named = 1.0
        if unit is not None and terms:
            named = NAME_FLOOR + (1.0 - NAME_FLOOR) * named_share(
                terms, self.weights, context, self.aliases
            )
        best = 0.0
        for sentence in split_sentences(hit.chunk.text):
            if english or not total:
                value = 1.0
            else:
                found = bigrams(western_years(sentence)) | crumb
                value = sum(w for g, w in weights.items() if g in found) / total
            if unit is not None and not unit.search(sentence):
                value *= UNIT_PENALTY
            elif unit is not None and terms:
                share = focus_share(terms, self.weights, fold(sentence), context)
                floor = YEAR_FOCUS_FLOOR if unit.pattern == YEAR else FOCUS_FLOOR
                value *= floor + (1.0 - floor) * share
                value *= named
                if counted:
                    near = self._counted_share(counted, unit, sentence)
                    value *= COUNT_FLOOR + (1.0 - COUNT_FLOOR) * near
            best = max(best, value)
        return best

    def _counted_share(self, counted: set[str], unit: re.Pattern[str], sentence: str) -> float:
        """IDF-weighted share of ``counted`` (the bigrams of what a count question
        counts) found within COUNT_WINDOW characters of a figure (app.counted) in ``unit``, the
        best figure's; kin words (公司 for 企業) stand in for each other, not beside each other."""
        groups = kin_groups(counted)
        weight = [max(self.idf(g) for g in group) for group in groups]
        total = sum(weight)
        best = 0.0
        for window in beside_figures(unit, sentence):
            near = bigrams(window)
            found = sum(w for w, group in zip(weight, groups, strict=True) if group & near)
            best = max(best, found / total)
        return best

    def score(self, question: str, hits: Sequence[Hit]) -> float:
        """The evidence score of ``hits`` for ``question``."""
        if not hits:
            return 0.0
        passages = [h.chunk.breadcrumb + h.chunk.text for h in hits]
        asked = analyse(question)
        if missing_years(question, passages):
            return 0.0
        if not asked.english and self.names_unknown(question):
            return 0.0
        sentence = self.best_sentence(question, hits)
        if asked.english:
            names = asked.names
            joined = fold("".join(passages))
            share = sum(1 for n in names if fold(n) in joined) / len(names) if names else 1.0
            if self.similarity is not None:
                cosine = self.best_cosine(question, hits)
                return _clip((cosine - EN_COSINE_LOW) / EN_COSINE_SPAN) * (0.5 + 0.5 * share)
            dense = max((h.dense_score or 0.0) for h in hits)
            return _clip((dense - 0.75) / 0.15) * (0.5 + 0.5 * share) * sentence
        return min(self.coverage(question, passages), sentence)

    def focus_found(self, question: str, hits: Sequence[Hit]) -> float:
        """IDF-weighted share of a Chinese question's focus words (what it asks
        about: 年度預算 in 「園區的年度預算是多少」) found in the passages of
        ``hits`` or their section paths (1 when it has none).

        >>> scorer = EvidenceScorer(["園區的營業額為三億元", "園區介紹"])
        >>> from index.types import Hit
        >>> from ingest.model import Chunk
        >>> intro = [Hit(Chunk("c", "a.txt", ("甲",), 1, "園區介紹。", ""), 1.0)]
        >>> scorer.focus_found("園區的營業額是多少？", intro)
        0.0
        """
        text = fold("".join(h.chunk.breadcrumb + h.chunk.text for h in hits))
        return focus_share(analyse(question).terms, self.weights, text, text)

    def names_unknown(self, question: str) -> bool:
        """Whether a Chinese question names a place, body or person that no
        passage of the reports mentions (:func:`unknown_names`)."""
        return bool(unknown_names(analyse(question).terms, self.weights.texts))

    def best_cosine(self, question: str, hits: Sequence[Hit]) -> float:
        """The highest cosine (by ``similarity``) of an English question with a
        sentence of ``hits`` that states a figure in the unit the question asks
        for (any sentence when it asks for none); 0 when there is none."""
        assert self.similarity is not None
        unit = analyse(question).unit
        sentences = [s for h in hits for s in split_sentences(h.chunk.text)]
        fitting = [s for s in sentences if unit is None or unit.search(s)]
        return max(self.similarity(question, fitting), default=0.0)


def _clip(value: float) -> float:
    """``value`` bounded to 0..1.

    >>> _clip(1.7), _clip(-0.2), _clip(0.5)
    (1.0, 0.0, 0.5)
    """
    return max(0.0, min(1.0, value))


def missing_years(question: str, passages: Sequence[str]) -> bool:
    """True when the question names a year, or a day (12月5日), that no passage
    mentions.

    >>> missing_years("2019年的 ASPA 年會在哪裡？", ["2023 年 ASPA 在慶州"])
    True
    >>> missing_years("12月5日拜訪了哪裡？", ["時間：104 年 12 月 2 日"])
    True
    >>> missing_years("12月2日拜訪了哪裡？", ["時間：104 年 12 月 2 日 下午"])
    False
    >>> missing_years("2015年12月2日拜訪了哪裡？", ["時間：104 年 12 月 2 日 下午"])
    False
    """
    joined = western_years("".join(passages))
    asked = analyse(question)
    if any(year not in joined for year in asked.years):
        return True
    spoken = {f"{int(m)}月{int(d)}日" for m, d in DAYS.findall(joined)}
    return bool(set(asked.days) - spoken)
