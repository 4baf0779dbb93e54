"""Rerank retrieved passages by the sentence in each that best answers the question.

Hybrid retrieval scores whole passages, so the section that names an
institution (its 機構簡介) often outranks the one holding the asked fact (its
訪談重點紀錄). :class:`SentenceReranker` wraps a retriever: it takes the top
POOL hits, scores each by its best sentence for the question (the refusal
evidence's sentence score: the question's rare content bigrams in the sentence
and its section path, a figure in the asked unit, the asked attribute's words;
see :meth:`app.refusal.EvidenceScorer.best_sentence`), and orders them by

    1 / (rank + RANK_K) + SENTENCE_WEIGHT * sentence score

so a clearly better sentence moves a passage up a few places, never from the
bottom of the pool to the top on a small difference. On the project's eval set
this lifted hit@1 from 0.748 to 0.792 (Chinese questions 143 -> 152 of 181).

An English question shares no characters with a Chinese report: its passages
are scored instead by their sentence closest to it by the embedder's cosine
(``similarity`` of the inner retriever, whose sentence vectors the refusal
check and the reader then reuse), weighted COSINE_WEIGHT, plus the sentence
score of the Chinese words the inner retriever's ``translate`` gives for it
(English questions' hit@1 8 -> 11 -> 16 of 21). A question about several
reports is reranked within each report's hits.

>>> from ingest.model import Chunk
>>> intro = Chunk("c1", "a.txt", ("一、機構簡介",), 1, "上海產業技術研究院成立於 2012 年。", "")
>>> talk = Chunk("c2", "a.txt", ("二、訪談",), 2, "產研院已成功轉化 50 多家初創企業。", "")
>>> class Both:  # an IndexRetriever over two chunks
...     chunks = [intro, talk]
...     def search(self, query, k):
...         return [Hit(intro, 1.0), Hit(talk, 0.5)][:k]
...     def several(self, query):
...         return False
...     def similarity(self, query, texts):
...         return [0.0] * len(texts)
...     def translate(self, query):
...         return []
...     def limited(self, files):
...         return self
>>> scorer = EvidenceScorer([intro.text, talk.text])
>>> reranked = SentenceReranker(Both(), scorer)
>>> [h.chunk.id for h in reranked.search("產研院轉化了多少家初創企業？", 2)]
['c2', 'c1']
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field, replace

from app.announced import announced, trailing_lead_in
from app.answer_kinds import asks_person
from app.backends.base import Similarity
from app.card import asks_card, card_of, shortened
from app.closing import asks_closing, closing_root
from app.measures import with_stated_word
from app.outline import outline_root
from app.question import analyse
from app.refusal import EvidenceScorer
from index.multi import interleave, strip_both
from index.own_side import with_taiwan_name
from index.passages import overlap
from index.sections import with_siblings
from index.types import Hit, IndexRetriever
from ingest.model import Chunk
from ingest.sentences import split_sentences

POOL = 5  # hits reordered (the rest keep their place after them): the same set
# the refusal evidence sees without reranking; a pool of 7 lifted hit@5 by 0.005
# but brought in sentences that made two unanswerable questions look answered
RANK_K = 10  # damping of the rank term, as in reciprocal-rank fusion
SENTENCE_WEIGHT = 0.2
COSINE_WEIGHT = 2.0
CLOSING_TAKE = 3  # passages of a report's closing section put first, for a question about it
CARD_SEEN = 5  # a report's card already among this many first hits stays where it is
ANNOUNCING = 2  # of the first hits, one whose passage ends with a lead-in brings its items


@dataclass
class SentenceReranker:
    """A Retriever that reorders another's top hits by their best sentence."""

    inner: IndexRetriever
    scorer: EvidenceScorer
    pool: int = POOL
    _order: dict[str, int] = field(default_factory=dict, init=False, repr=False)
    _cards: dict[tuple[str, int], Chunk | None] = field(default_factory=dict, init=False,
                                                         repr=False)

    def limited(self, files: Sequence[str]) -> SentenceReranker:
        """This reranker over its inner retriever limited to ``files`` (a copy)."""
        return replace(self, inner=self.inner.limited(files))

    def search(self, query: str, k: int) -> list[Hit]:
        """The top ``k`` hits of ``inner`` for ``query``, the first POOL reordered
        (for a question about several reports, the first POOL of each report); a
        question about a trip as a whole gets each report's card after that
        report's first hit (:mod:`app.card`)."""
        if self.inner.several(query):
            hits = self._per_report(query, k)
            return self._with_cards(query, hits, list(dict.fromkeys(h.chunk.doc for h in hits)), k)
        wide = with_taiwan_name(with_stated_word(query))  # 「整塊地多大」 looks for 面積 too
        hits = self._rerank(query, self.inner.search(wide, max(k, self.pool)))[:k]
        if asks_closing(query):
            hits = self._closing_first(query, hits, k)
        hits = self._with_cards(query, hits, [hits[0].chunk.doc] if hits else [], k)
        return self._with_announced(query, self._with_points(query, hits, k), k)

    def _with_cards(self, query: str, hits: list[Hit], docs: list[str], k: int) -> list[Hit]:
        """For a question about a trip or an event as a whole (:mod:`app.card`),
        the card of each of ``docs`` right after that report's first hit, unless a
        passage of the first CARD_SEEN hits already holds it; for a question asking
        who, the card of a report whose first hits name one of its people by
        surname and title only (:meth:`_names_short`)."""
        if not hits:
            return hits
        if not asks_card(query):
            # who: a passage names one of the card's people by surname and title only
            docs = [doc for doc in dict.fromkeys(h.chunk.doc for h in hits[:CARD_SEEN])
                    if self._names_short(query, hits, doc)]
        cards = {doc: card for doc in docs if (card := self._card(doc)) is not None
                 and not any(overlap(h.chunk, card) for h in hits[:CARD_SEEN])}
        if not cards:
            return hits
        out: list[Hit] = []
        for hit in hits:
            if any(overlap(hit.chunk, card) for card in cards.values()):
                continue  # the card comes at its new place
            out.append(hit)
            card = cards.pop(hit.chunk.doc, None)
            if card is not None:
                out.append(Hit(card, hit.score))
        return out[:k]

    def _names_short(self, query: str, hits: list[Hit], doc: str) -> bool:
        """Whether ``query`` asks who and one of the first CARD_SEEN ``hits`` of
        report ``doc`` names someone of its card by surname and title only
        (「林局長」, :func:`app.card.shortened`): the card gives the full name."""
        card = self._card(doc) if asks_person(query) else None
        return card is not None and any(
            shortened(card.text, h.chunk.text, query)
            for h in hits[:CARD_SEEN] if h.chunk.doc == doc)

    def _card(self, doc: str) -> Chunk | None:
        """Report ``doc``'s card (:func:`app.card.card_of`), found once per index."""
        key = (doc, len(self.inner.chunks))
        if key not in self._cards:
            self._cards[key] = card_of(self.inner.chunks, doc)
        return self._cards[key]

    def _closing_first(self, query: str, hits: list[Hit], k: int) -> list[Hit]:
        """For a question about how a report ends (:mod:`app.closing`), the best
        CLOSING_TAKE passages (by best sentence) of the top hit's report's closing
        section first, then the other hits."""
        root = closing_root(self.inner.chunks, hits[0].chunk.doc) if hits else None
        if root is None:
            return hits
        closing = [Hit(c, hits[0].score) for c in self.inner.chunks
                   if c.doc == hits[0].chunk.doc and c.section_path[:1] == root]
        values = self._sentence_values(query, closing)
        best = [closing[i] for i in sorted(range(len(closing)), key=lambda i: -values[i])]
        best = best[:CLOSING_TAKE]
        rest = [h for h in hits if not any(overlap(h.chunk, c.chunk) for c in best)]
        return [*best, *rest][:k]

    def _with_announced(self, query: str, hits: list[Hit], k: int) -> list[Hit]:
        """For one of the first ANNOUNCING hits whose passage ends with a lead-in
        that shares words with the question (「提出以下三項建議：」 for 「報告提出
        哪些建議？」), the passages that open the items it announces
        (:func:`app.announced.announced`) follow it, cut to ``k``."""
        chunks = self.inner.chunks
        if len(self._order) != len(chunks):
            self._order = {c.id: i for i, c in enumerate(chunks)}
        for n, hit in enumerate(hits[:ANNOUNCING]):
            position = self._order.get(hit.chunk.id)
            items = [chunks[i] for i in announced(position, chunks)] if position is not None else []
            lead = trailing_lead_in(hit.chunk.text) if items else None
            if lead is not None and self._speaks_to(query, lead):
                above = {h.chunk.id for h in hits[: n + 1]}
                ids = {c.id for c in items}
                shown = {h.chunk.id: h for h in hits}
                moved = [shown.get(c.id) or Hit(c, hit.score) for c in items if c.id not in above]
                rest = [h for h in hits[n + 1:] if h.chunk.id not in ids]
                return [*hits[: n + 1], *moved, *rest][:k]
        return hits

    def _with_points(self, query: str, hits: list[Hit], k: int) -> list[Hit]:
        """For a question asking for a section's points (「參訪目的有哪些？」, see
        :mod:`app.outline`) whose top hit sits in one of its subsections, the
        other subsections' first passages follow the top hit."""
        root = outline_root(query, hits[0].chunk) if hits else None
        if root is None:
            return hits
        return with_siblings(hits, self.inner.chunks, k, root=root)

    def _speaks_to(self, query: str, sentence: str) -> bool:
        """Whether ``sentence`` alone holds some of the question's words (for an
        English question, of the Chinese words the inner retriever gives for it)."""
        bare = Hit(Chunk("", "", (), None, sentence, ""), 0.0)
        if analyse(query).english:
            query = " ".join(self.inner.translate(query))
        return bool(query) and self.scorer.best_sentence(query, [bare]) > 0

    def _per_report(self, query: str, k: int) -> list[Hit]:
        """Each report's hits reranked on their own, then interleaved again."""
        hits = self.inner.search(query, max(k, 2 * self.pool))
        docs = list(dict.fromkeys(hit.chunk.doc for hit in hits))
        plain = strip_both(query)
        lists = [self._rerank(plain, [h for h in hits if h.chunk.doc == doc]) for doc in docs]
        by_id = {id(h): h for h in hits}
        return [by_id[i] for i in interleave([[id(h) for h in x] for x in lists], k)]

    def _rerank(self, query: str, hits: list[Hit]) -> list[Hit]:
        """``hits`` with the first POOL reordered by their best sentence."""
        head = hits[: self.pool]
        boost = [SENTENCE_WEIGHT * v for v in self._sentence_values(query, head)]
        fused = [1.0 / (rank + RANK_K) + b for rank, b in enumerate(boost)]
        order = sorted(range(len(head)), key=lambda i: -fused[i])
        return [head[i] for i in order] + hits[self.pool :]

    def _sentence_values(self, query: str, head: list[Hit]) -> list[float]:
        """Each hit's best-sentence score for ``query``: the evidence scorer's
        for a Chinese question; for an English one, the closest sentence's
        cosine (times COSINE_WEIGHT / SENTENCE_WEIGHT) plus the scorer's score
        for the question's Chinese words (the inner retriever's ``translate``)."""
        if not analyse(query).english:
            return [self.scorer.best_sentence(query, [hit], abbreviations=True) for hit in head]
        scale = COSINE_WEIGHT / SENTENCE_WEIGHT
        values = [scale * c for c in _best_cosines(query, head, self.inner.similarity)]
        proxy = " ".join(self.inner.translate(query))
        if proxy:
            lexical = [self.scorer.best_sentence(proxy, [hit]) for hit in head]
            values = [v + x for v, x in zip(values, lexical, strict=True)]
        return values


def _best_cosines(query: str, hits: list[Hit], similarity: Similarity) -> list[float]:
    """Each hit's highest sentence cosine with ``query`` (one similarity call)."""
    sentences = [split_sentences(hit.chunk.text) for hit in hits]
    cosines = similarity(query, [s for group in sentences for s in group])
    best, start = [], 0
    for group in sentences:
        best.append(max(cosines[start : start + len(group)], default=0.0))
        start += len(group)
    return best
