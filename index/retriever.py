"""Hybrid search: dense and BM25 lists fused by reciprocal rank, overlaps joined.

Each list is searched ``depth`` deep; a chunk's fused score is
``sum(w / (RRF_K + rank))`` over the lists it appears in. The BM25 weight is
scaled by the share of query words the corpus has at all (an English question
over Chinese reports leans on the dense list). A chunk of one section whose
text overlaps a better one is joined to it, up to ``MERGE_MAX`` characters, or
else dropped (:mod:`index.passages`); the lists are searched deeper until ``k``
distinct hits are found (or the index is exhausted).

On top of that: an English question's BM25 terms lose English function words
and gain the Chinese names the reports give for its English names
(:mod:`index.glossary`); a question about both reports is searched per report
and interleaved (:mod:`index.multi`); a question naming the kind of section of
its top hit ("心得", "簡介") gets the rest of that section next
(:mod:`index.sections`).

A third list, when the index has them, ranks chunks by latent terms
(:mod:`index.latent`): a learned sparse vector that finds passages worded
unlike the question.
"""

from __future__ import annotations

import copy
from collections import OrderedDict
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np

from index import multi
from index.bilingual import Lexicon
from index.fusion import RRF_K, fuse, latent_weight
from index.fusion import coverage as coverage  # re-exported
from index.fusion import dedupe as dedupe  # re-exported
from index.glossary import Glossary, content_terms, is_english
from index.latent import LatentReading
from index.own_side import with_other_name
from index.passages import MERGE_MAX, group, join
from index.passages import overlap as overlap  # re-exported: used by dedupe and callers
from index.sections import SectionKinds, with_siblings
from index.store import IndexHandle
from index.types import Hit, Ranked, Row, Vectors
from ingest.model import Chunk
from reportqa.errors import ReportQAError

# Tuned on eval/qa.jsonl (general knobs only; see index.bench): RRF k 60 -> 10
# (index.fusion) and a heavier BM25 list each gained ~1 point of hit@1/hit@5.
DEPTH = 40
WEIGHTS = (1.0, 1.5, latent_weight())  # dense, BM25, latent terms (fitted: index/fusion.json)
SECTION_LOOK = 3  # hits searched for one in a section the question names by kind
SIMILARITY_CACHE = 2048  # sentence vectors kept, so the refusal check and the reader embed once
KEPT_QUERIES = 4  # query vectors kept (the question, its Chinese words, the last ones asked)
_BESIDE = ThreadPoolExecutor(max_workers=2, thread_name_prefix="latent")  # latent passes


class HybridRetriever:
    """Dense + BM25 search over an :class:`~index.store.IndexHandle` (a Retriever)."""

    def __init__(
        self,
        handle: IndexHandle,
        depth: int = DEPTH,
        rrf_k: int = RRF_K,
        weights: Sequence[float] = WEIGHTS,
        dedupe: bool = True,
        multi_doc: bool = True,
        sections: bool = True,
        merge_max: int = MERGE_MAX,
    ) -> None:
        self.handle = handle
        self.depth = depth
        self.rrf_k = rrf_k
        self.weights = tuple(weights)
        self.dedupe = dedupe
        self.multi_doc = multi_doc
        self.sections = sections
        self.merge_max = merge_max
        self._kinds: SectionKinds | None = None
        self._glossary: Glossary | None = None
        self._lexicon: Lexicon | None = None
        self._years: dict[str, int] | None = None
        self._report_words: multi.ReportWords | None = None
        self._sentences: OrderedDict[str, Vectors] = OrderedDict()
        self._queries: dict[str, Vectors] = {}
        self.only: frozenset[str] | None = None  # the reports (docs) questions are limited to

    def limit_to(self, files: Sequence[str]) -> None:
        """Answer only from the reports of these file names (as `reportqa list`
        shows them); raises with the known names for one the index lacks."""
        docs = {e["file"]: str(e["doc"]) for e in self.handle.manifest.get("reports", [])}
        unknown = [f for f in files if f not in docs]
        if unknown:
            raise ReportQAError(
                f"no report named {unknown[0]} in the index",
                hint="choose among: " + ", ".join(sorted(docs)),
            )
        self.only = frozenset(docs[f] for f in files) if files else None

    def limited(self, files: Sequence[str]) -> HybridRetriever:
        """A copy of this retriever answering only from ``files`` (see ``limit_to``);
        its caches are shared, its choice of reports is its own."""
        narrow = copy.copy(self)
        narrow.limit_to(files)
        return narrow


    @property
    def chunks(self) -> list[Chunk]:
        """Every chunk of the index."""
        return self.handle.chunks

    @property
    def glossary(self) -> Glossary:
        """English -> Chinese names mined from the chunks (on first use)."""
        if self._glossary is None:
            self._glossary = Glossary.from_texts(
                c.breadcrumb + "\n" + c.text for c in self.handle.chunks
            )
        return self._glossary

    def aliases(self, name: str) -> list[str]:
        """The Chinese names of a Latin ``name``: the glossary's (mined from the
        reports), then the dictionary's for a proper name; else the name itself
        where the reports write it so (:meth:`Glossary.own_spelling`); [] for other names."""
        if not name.isascii():
            return []
        found = self.glossary.expand(name) + self.lexicon.proper(name)
        return found or self.glossary.own_spelling(name, self.lexicon.renders(name))

    def several(self, query: str) -> bool:
        """Whether ``query`` is about more than one report (see :mod:`index.multi`)."""
        return multi.asks_several(query, self.report_years) or multi.joins_two_reports(
            query, lambda text: self.report_words.reports(
                t for t in self.query_terms(text) if not t.startswith("#")))

    def _plain_words(self, text: str) -> set[str]:
        """The BM25 words of a passage (no character pairs)."""
        return {t for t in self.handle.query_tokens(text) if not t.startswith("#")}

    @property
    def report_words(self) -> multi.ReportWords:
        """The words that mark each report (mined on first use)."""
        if self._report_words is None:
            self._report_words = multi.ReportWords.mine(self.handle.chunks, self._plain_words)
        return self._report_words

    @property
    def report_years(self) -> dict[str, int]:
        """Report -> the year of its date (reports without a date left out; read once)."""
        if self._years is None:
            self._years = multi.report_years(self.handle.manifest)
        return self._years

    @property
    def lexicon(self) -> Lexicon:
        """English words and romanised names -> the corpus' Chinese words (on first use)."""
        if self._lexicon is None:
            self._lexicon = Lexicon.for_vocabulary(self.handle.store.vocabulary)
        return self._lexicon

    def query_terms(self, query: str) -> list[str]:
        """BM25 terms of a query: its own (English function words dropped) and, for
        an English question, those of its Chinese words (:meth:`search_words`)."""
        terms = content_terms(self.handle.query_tokens(query), query)
        names = self.search_words(query)
        if names:
            terms += self.handle.query_tokens(" ".join(names))
        return terms

    def translate(self, query: str) -> list[str]:
        """Chinese words for an English question: the glossary's names for its English
        names, then the dictionary's words (none for other questions): what the reranker
        and the answer checks look for in sentences (the search: :meth:`search_words`)."""
        if not is_english(query):
            return []
        return with_other_name(self.glossary.expand(query) + self.lexicon.translate(query))

    def search_words(self, query: str) -> list[str]:
        """Chinese words an English question's BM25 terms and dense vector are made
        of: :meth:`translate`'s with the genre's words first (technopark: 科技園區,
        keynote: 主題演講). Only the search reads them (not the reranker): read by the
        answer checks too, they made near misses look answered."""
        if not is_english(query):
            return []
        return with_other_name(self.glossary.expand(query)
                               + self.lexicon.translate(query, genre=True))

    def similarity(self, query: str, texts: Sequence[str]) -> list[float]:
        """Cosine of ``query`` with each of ``texts`` by the index's embedder
        (the C engine for the bundled model, so no torch is loaded).

        Used to pick the sentences that answer an English question, which
        shares no characters with a Chinese report.
        """
        if not texts:
            return []
        vectors = self._sentence_vectors(texts)
        return [float(x) for x in vectors @ self.query_vector(query)]

    def query_vector(self, query: str) -> Vectors:
        """The query's vector, kept for the last few queries (search, then the
        reader's sentence cosines, embed it once)."""
        kept = self._queries  # read once: another thread may replace it meanwhile
        if query not in kept:
            vector = self.handle.embed_query(query)
            kept = {**dict(list(kept.items())[-KEPT_QUERIES + 1 :]), query: vector}
            self._queries = kept
        return kept[query]

    def search_vector(self, query: str) -> Vectors:
        """The vector the dense search uses: the query's own, and for an English
        question the normalised sum with the vector of its Chinese words
        (:meth:`search_words`), which lies nearer the Chinese passages (hit@5 of the
        dev sets' English questions by vector alone 0.57 -> 0.76, measured before the
        genre's words)."""
        vector = self.query_vector(query)
        names = self.search_words(query)
        if not names:
            return vector
        mixed = vector + self.query_vector(" ".join(names))
        return mixed / float(np.linalg.norm(mixed))

    def _sentence_vectors(self, texts: Sequence[str]) -> Vectors:
        """Vectors of ``texts``: made at index time, or embedded now (and kept a while)."""
        stored, cache = self.handle.sentences, self._sentences
        if all(t in stored for t in texts):
            return np.stack([stored[t] for t in texts])
        fresh = list(dict.fromkeys(t for t in texts if t not in cache and t not in stored))
        if fresh:
            for text, vector in zip(fresh, self.handle.embedder.embed_few(fresh), strict=True):
                cache[text] = vector
        rows = []
        for text in texts:
            if text in stored:
                rows.append(stored[text])
                continue
            cache.move_to_end(text)
            rows.append(cache[text])
        while len(cache) > SIMILARITY_CACHE:
            cache.popitem(last=False)
        return np.stack(rows)

    def latent_row(self, query: str) -> Row | None:
        """The question's latent terms (:mod:`index.latent`); None when the index
        has no latent rows or their weight is 0 (the list is then left out)."""
        if self.handle.latent is None or len(self.weights) < 3 or not self.weights[2]:
            return None
        reading = self.latent_reading  # made once for the search and the reader
        return self.handle.embedder.latent_query(query) if reading is None else reading.asked(query)

    @property
    def latent_reading(self) -> LatentReading | None:
        """The reader's latent similarity; None without sentences' latent rows."""
        table, make = self.handle.latent, self.handle.embedder.latent_query
        return table.reading(make) if table is not None and table.sentences else None

    def _latent(self, scores: np.ndarray | None, n: int, docs: frozenset[str] | None) -> Ranked:
        """The ``n`` best chunks by latent terms; none without scores."""
        table = self.handle.latent
        return table.top(scores, n, docs) if scores is not None and table is not None else []

    def _dense(self, query: str, n: int) -> Ranked:
        return self.handle.store.dense_search(self.search_vector(query), n, self.only)

    def _bm25(self, query: str, n: int) -> Ranked:
        return self.handle.store.lexical_search(self.query_terms(query), n, self.only)

    def dense_search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` nearest chunks by vector alone."""
        chunks = self.handle.chunks
        return [
            Hit(chunks[i], s, dense_rank=r, dense_score=s)
            for r, (i, s) in enumerate(self._dense(query, k), start=1)
        ]

    def bm25_search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` best chunks by BM25 alone."""
        chunks = self.handle.chunks
        return [
            Hit(chunks[i], s, bm25_rank=r, bm25_score=s)
            for r, (i, s) in enumerate(self._bm25(query, k), start=1)
        ]

    def search(self, query: str, k: int) -> list[Hit]:
        """The ``k`` best distinct chunks by fused rank, best first (interleaved
        per report when the question asks about several, see :mod:`index.multi`)."""
        n_total = len(self.handle.chunks)
        if k <= 0 or not n_total or not query.strip():
            return []
        # the question's latent pass runs on the other core while its vector is made
        latent = _BESIDE.submit(self.latent_row, query)
        vector = self.search_vector(query)
        terms = self.query_terms(query)
        share = coverage(terms, self.handle.store.vocabulary)
        row, table = latent.result(), self.handle.latent  # latent scores: once per search
        scores = table.scores(row) if row is not None and table is not None else None
        if self.multi_doc and self.several(query):
            terms = self.query_terms(multi.strip_both(query))
            return self._per_doc(scores, vector, terms, k, share)
        depth = max(self.depth, 2 * k)
        store = self.handle.store
        while True:
            found = store.dense_search(vector, depth, self.only)
            matched = store.lexical_search(terms, depth, self.only)
            hits = self._fuse(found, matched, k, share, self._latent(scores, depth, self.only))
            if len(hits) >= k or depth >= n_total:
                return self._sections(hits, terms, k)
            depth *= 4

    def _sections(self, hits: list[Hit], terms: Sequence[str], k: int) -> list[Hit]:
        """``hits``, the best of the first SECTION_LOOK whose section's kind the
        question names first, followed by the rest of that section (see
        :mod:`index.sections`)."""
        if not hits or not self.sections:
            return hits
        wanted = set(terms)
        for n, hit in enumerate(hits[:SECTION_LOOK]):
            root = self.section_kinds.named_root(wanted, hit.chunk)
            if root is not None:
                first = [hit, *hits[:n], *hits[n + 1 :]]
                return with_siblings(first, self.handle.chunks, k, root=root)
        return hits

    @property
    def section_kinds(self) -> SectionKinds:
        """Kind words of the index's headings (mined on first use)."""
        if self._kinds is None:
            self._kinds = SectionKinds.mine(self.handle.chunks, self._plain_words,
                                            self.handle.store.df)
        return self._kinds

    def _per_doc(self, scores: np.ndarray | None, vector: Vectors, terms: Sequence[str], k: int,
                 share: float) -> list[Hit]:
        """Fused hits of each report, interleaved (the report of the best hit
        first); each report is searched on its own, so none is crowded out."""
        store, chunks = self.handle.store, self.handle.chunks
        depth = max(self.depth, 4 * k)
        found = store.dense_search(vector, depth, self.only)
        matched = store.lexical_search(terms, depth, self.only)
        overall = self._fused(found, matched, share, self._latent(scores, depth, self.only))
        named = [str(e["doc"]) for e in self.handle.manifest.get("reports", []) if "doc" in e]
        ranked = list(dict.fromkeys(chunks[i].doc for i, _ in overall))
        docs = (ranked + [d for d in named if d not in ranked
                          and (self.only is None or d in self.only)])[:k]  # k hits: k reports
        lists = [
            self._fuse(store.dense_search(vector, depth, frozenset({doc})),
                       store.lexical_search(terms, depth, frozenset({doc})), k, share,
                       self._latent(scores, depth, frozenset({doc})))
            for doc in docs
        ]
        return multi.interleave([hits for hits in lists if hits], k)

    def _fused(self, found: Ranked, matched: Ranked, share: float,
               latent: Sequence[tuple[int, float]]
               ) -> list[tuple[int, float]]:
        """The lists fused by rank: BM25's weight scaled by the share of the query's
        words the index knows (:func:`coverage`)."""
        weights = (self.weights[0], self.weights[1] * share, *self.weights[2:3])
        lists = [[i for i, _ in found], [i for i, _ in matched], [i for i, _ in latent]]
        return fuse(lists[: len(weights)], self.rrf_k, weights)

    def _fuse(
        self, found: Ranked, matched: Ranked, k: int,
        share: float = 1.0, latent: Sequence[tuple[int, float]] = (),
    ) -> list[Hit]:
        dense_at = {i: (r, s) for r, (i, s) in enumerate(found, start=1)}
        bm25_at = {i: (r, s) for r, (i, s) in enumerate(matched, start=1)}
        latent_at = {i: (r, s) for r, (i, s) in enumerate(latent, start=1)}
        fused = self._fused(found, matched, share, latent)
        chunks = self.handle.chunks
        order = [i for i, _ in fused]
        if self.dedupe:
            groups, passages = self._passages(order)
        else:
            groups = [[i] for i in order[:k]]
            passages = [chunks[i] for i in order[:k]]
        score = dict(fused)
        return [
            Hit(
                passage,
                score[g[0]],
                dense_rank=dense_at.get(g[0], (None, None))[0],
                bm25_rank=bm25_at.get(g[0], (None, None))[0],
                dense_score=max((dense_at[i][1] for i in g if i in dense_at), default=None),
                bm25_score=bm25_at.get(g[0], (None, None))[1],
                latent_rank=latent_at.get(g[0], (None, None))[0],
                latent_score=latent_at.get(g[0], (None, None))[1],
            )
            for g, passage in zip(groups, passages, strict=True)
            if passage is not None
        ][:k]

    def _passages(self, order: Sequence[int]) -> tuple[list[list[int]], list[Chunk | None]]:
        """Every group of ``order`` joined into passages (see :mod:`index.passages`;
        a group whose text better ones hold is None); the caller keeps the first
        ``k`` that are not, so the top ``k`` never depend on ``k``."""
        groups = group(order, self.handle.chunks, len(order), self.merge_max)
        return groups, join(groups, self.handle.chunks)
