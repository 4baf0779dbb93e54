"""The answer pipeline: question -> (rewrite) -> retrieve -> prompt -> backend ->
verified answer. Every interface (``ask``, the web chat, the eval runner) calls it.

``Pipeline.stream`` yields text pieces as they are produced, then the final
:class:`~app.answer.Answer`, whose ``text`` is exactly the streamed text; a
:class:`~app.answer.Reading` (how many passages the backend reads) comes before
the first piece.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace

from app.answer import Answer, Citation, Reading
from app.backends.base import AnswerRequest, Backend, ContextBlock, Similarity, hits_to_blocks
from app.citations import best_quote, markers_of, verify
from app.fallback import left_out, with_fallback
from app.followup import rewrite
from app.injection import gives_orders, instruction_lines, plain_blocks
from app.language import detect_language
from app.measures import with_stated_word
from app.prompting import PromptSet, answer_messages, judge_messages, load_prompts
from app.question import analyse
from app.refusal import EvidenceScorer, is_refusal_text
from app.stream import StreamCleaner
from app.verdict import Verdict, signals
from index.own_side import with_taiwan_name
from index.types import Hit, Retriever

Event = str | Reading | Answer
CLOSEST = 3  # passages shown beside a refusal
# a question about several reports reads this many times k passages: with the reports'
# lists interleaved, k alone left the second report's third passage out (a cross-report
# question's evidence is often there; docs/evaluation.md, sixteenth session)
SEVERAL_K = 2
History = Sequence[tuple[str, str]]


@dataclass
class Pipeline:
    """Retrieve, answer and verify; settings are its fields."""

    retriever: Retriever
    backend: Backend
    scorer: EvidenceScorer
    titles: dict[str, str] = field(default_factory=dict)
    k: int = 5
    refusal_threshold: float = 0.0
    context_tokens: int = 400
    max_tokens: int = 384
    prompts: PromptSet = field(default_factory=load_prompts)
    fallback: Backend | None = None
    fallback_threshold: float = 1.0
    verdict: Verdict | None = None
    similarity: Similarity | None = None
    # the retriever over some of the reports only (by file name); None when the
    # retriever cannot be narrowed (questions then go to every report)
    narrow: Callable[[Sequence[str]], Retriever] | None = None
    translate: Callable[[str], list[str]] | None = None
    # whether a question is about several reports (index.multi); None: never
    several: Callable[[str], bool] | None = None
    # how much of a Chinese question's latent terms each sentence holds, weighed
    # beside the shared words by the sentence model (app.relevance); None: words alone
    sentence_similarity: Similarity | None = None
    # a model backend's own yes/no judgement (app.backends.judge) below which an
    # answer with evidence under fallback_threshold is a refusal; 0: not asked
    judge_threshold: float = 0.0
    # a model's answer followed by the reader's quotes of figures and names it lacks
    # (the setting quote_left_out, on by default, is passed by app.factory)
    quote_left_out: bool = False

    def reading(self, english: bool) -> Similarity | None:
        """The similarity the reader and the prompt's context cut use: the
        embedder's cosine for an English question, the latent terms' overlap
        (read by the sentence model) for a Chinese one."""
        return self.similarity if english else self.sentence_similarity

    def signal_reading(self, english: bool) -> Similarity | None:
        """The similarity the answerability signals use (and were fitted with):
        the embedder's cosine for an English question; shared words alone for a
        Chinese one, as its model was fitted and its rules written. Read by latent
        terms, the quoted sentences state tempting figures, and out-of-fold refusal
        recall with the rules fell 0.632 -> 0.610 at the same false refusals."""
        return self.similarity if english else None

    def searched(self, question: str, history: History = ()) -> str:
        """The question as searched: a follow-up rewritten to stand alone, with
        the word a report states its asked amount by when it asks in other words
        (:func:`app.measures.with_stated_word`: 「整塊地多大」 reads 面積 too), and 我國
        beside 台灣 (:func:`index.own_side.with_taiwan_name`)."""
        standalone = rewrite(question, history, self.backend, self.prompts)
        return with_taiwan_name(with_stated_word(standalone))

    def evidence(self, question: str, hits: Sequence[Hit]) -> float:
        """How surely ``hits`` answer ``question``: the answerability model's
        probability (:mod:`app.verdict`), or the lexical evidence score without one."""
        if self.verdict is None:
            return self.scorer.score(question, hits)
        found = signals(question, hits, self.scorer,
                        self.signal_reading(analyse(question).english), self.translate)
        return self.verdict.probability(found)

    def about_several(self, searched: str) -> bool:
        """Whether the retriever reads the question as about several reports."""
        return self.several is not None and self.several(searched)

    def passages(self, searched: str) -> int:
        """How many passages a question reads: ``k``, or SEVERAL_K times ``k`` for a
        question about several reports (:meth:`about_several`), whose passages the retriever
        interleaves report by report (with two reports, each report's first ``k``)."""
        return self.k * SEVERAL_K if self.about_several(searched) else self.k

    def search(self, searched: str) -> list[Hit]:
        """The top :meth:`passages` passages that give no orders to an assistant,
        then any that do (a passage holding orders takes no place from one that
        answers; see app.injection)."""
        k = self.passages(searched)
        hits = self.retriever.search(searched, k)
        orders = [bool(instruction_lines(f"{h.chunk.breadcrumb}\n{h.chunk.text}")) for h in hits]
        if not any(orders):
            return hits
        more = self.retriever.search(searched, k + sum(orders))
        flagged = [bool(instruction_lines(f"{h.chunk.breadcrumb}\n{h.chunk.text}")) for h in more]
        plain = [h for h, bad in zip(more, flagged, strict=True) if not bad][:k]
        return plain + [h for h, bad in zip(more, flagged, strict=True) if bad]

    def answer(self, question: str, history: History = ()) -> Answer:
        """The whole answer at once."""
        final: Answer | None = None
        for event in self.stream(question, history):
            if isinstance(event, Answer):
                final = event
        assert final is not None
        return final

    def stream(self, question: str, history: History = ()) -> Iterator[Event]:
        """Yield answer text pieces, then the final Answer; a :class:`Reading`
        comes before the backend's first piece (none before a refusal of the
        answerability model; one before a model's judgement, which may refuse)."""
        clock = _Clock()
        language = detect_language(question)  # the answer's language: the user's
        searched = self.searched(question, history)
        clock.lap("rewrite_ms")
        hits = self.search(searched)
        clock.lap("retrieve_ms")
        evidence = self.evidence(searched, hits)
        if evidence < self.refusal_threshold or not hits:
            text = self.prompts.refusal(language)
            yield text
            yield self._finish(
                question, searched, text, True, hits_to_blocks(hits), clock, evidence
            )
            return
        request = self.request(searched, hits, language)
        blocks = request.blocks
        cleaner = StreamCleaner(blocks, language)
        used = [self.backend.name]
        yield Reading(len(blocks), self.backend.generative)
        if self._judged_unanswered(request, evidence):
            clock.lap("judge_ms")
            text = self.prompts.refusal(language)
            yield text
            yield self._finish(question, searched, text, True, blocks, clock, evidence)
            return
        for piece in self._pieces(request, evidence, used):
            shown = cleaner.feed(piece)
            if shown:
                clock.mark_first("first_token_ms")
                yield shown
        shown = cleaner.finish()
        if shown:
            clock.mark_first("first_token_ms")
            yield shown
        text = cleaner.text.strip()
        added: list[str] = []
        if text and self._uncited(text, used):
            # the model cited, but no marker survived cleaning (all pointed
            # nowhere): the reader's quoted sentences follow, as for an answer
            # that cites nothing (see app.fallback)
            yield from self._appended(
                self._fallback_pieces(request, used), blocks, language, added
            )
        elif text and self._obeyed(text, blocks, used):
            # the answer cites a passage worded as orders to an assistant: what
            # the other passages say follows, quoted by the reader
            plain = plain_blocks(blocks)
            yield from self._appended(
                self._fallback_pieces(replace(request, blocks=plain), used), plain, language, added
            )
        elif text and self._may_leave_out(text, used):
            # the reader's quotes the model's answer does not restate, or whose figures
            # or names it lacks (app.fallback.left_out)
            assert self.fallback is not None
            missing = left_out(text, list(self.fallback.execute(replace(request, follows=True))))
            if missing:
                used.append(f"{self.fallback.name} quotes")
                heading = self.prompts.get(f"quotes_left_out_{language}").strip()
                yield from self._appended(missing, blocks, language, added, heading)
        if added:
            text = (cleaner.text + added[0]).strip()  # as streamed
        clock.lap("generate_ms")
        text = text or self.prompts.refusal(language)
        refused = is_refusal_text(text)
        yield self._finish(
            question, searched, text, refused, blocks, clock, evidence, " + ".join(used)
        )

    def _pieces(self, request: AnswerRequest, evidence: float, used: list[str]) -> Iterator[str]:
        """The backend's answer; or, when the evidence is at least
        ``fallback_threshold`` and the backend opens with a refusal, the
        fallback backend's; an answer citing no passage is followed by the
        fallback's quotes (its name is then appended to ``used``).
        """
        pieces = self.backend.execute(request)
        if self.fallback is None or not self.backend.generative:
            return pieces
        return with_fallback(
            pieces, lambda: self._fallback_pieces(request, used),
            evidence >= self.fallback_threshold,
        )

    def request(self, searched: str, hits: Sequence[Hit], language: str) -> AnswerRequest:
        """What the backend is given for the question as searched and its hits."""
        blocks = hits_to_blocks(hits)
        # latent terms read the sentences beside the shared words (a fitted model,
        # app.relevance); an English question shares no characters with a Chinese
        # report: its sentences are ranked by the embedder alone (app.sentences)
        english = language == "en"
        similarity = self.reading(english)
        translation = " ".join(self.translate(searched)) if english and self.translate else ""
        return AnswerRequest(
            question=searched,
            blocks=blocks,
            messages=answer_messages(
                self.prompts, searched, blocks, language, self.titles, self.context_tokens,
                similarity, translation,
            ),
            language=language,
            max_tokens=self.max_tokens,
            similarity=similarity,
            translation=translation,
            aliases=self.scorer.aliases,
            several=self.about_several(searched),
        )

    def judged(self, request: AnswerRequest) -> float | None:
        """The backend's probability that ``request``'s passages state the answer
        (asked as a yes/no turn after the answer prompt), or None without one."""
        return self.backend.judge(replace(
            request, messages=judge_messages(self.prompts, request.messages, request.question)))

    def _judged_unanswered(self, request: AnswerRequest, evidence: float) -> bool:
        """Whether the model, asked before answering, judges that the passages do
        not state the answer (probability of "yes" under ``judge_threshold``), for
        evidence under ``fallback_threshold`` (stronger evidence overrides a model's
        refusal anyway). Backends without a judgement are not asked."""
        if (self.judge_threshold <= 0 or not self.backend.generative
                or evidence >= self.fallback_threshold):
            return False
        judged = self.judged(request)
        return judged is not None and judged < self.judge_threshold

    def _uncited(self, text: str, used: list[str]) -> bool:
        """Whether a model answer ``text`` (cleaned) cites no passage and the
        fallback reader, not used yet, can add its quoted sentences."""
        fallback = self.fallback
        return (
            fallback is not None
            and self.backend.generative
            and len(used) == 1
            and not markers_of(text)
            and not is_refusal_text(text)
        )

    def _obeyed(self, text: str, blocks: Sequence[ContextBlock], used: list[str]) -> bool:
        """Whether a model answer cites a passage holding orders to an assistant
        while other passages remain for the reader to quote."""
        if self.fallback is None or not self.backend.generative or len(used) != 1:
            return False
        suspect = {b.n for b in blocks if gives_orders(b)}
        cited = set(markers_of(text))
        return bool(cited & suspect) and len(suspect) < len(blocks)

    def _may_leave_out(self, text: str, used: list[str]) -> bool:
        """Whether a model answer ``text`` (cleaned, citing) is checked for the
        reader's quotes it leaves out (does not restate, or lacks a figure or name of)."""
        return (
            self.quote_left_out
            and self.fallback is not None
            and self.backend.generative
            and len(used) == 1
            and not is_refusal_text(text)
        )

    def _fallback_pieces(self, request: AnswerRequest, used: list[str]) -> Iterator[str]:
        """The fallback reader's answer, its name appended to ``used``."""
        assert self.fallback is not None
        used.append(f"{self.fallback.name} fallback")
        return self.fallback.execute(replace(request, follows=True))

    @staticmethod
    def _appended(
        pieces: Iterable[str], blocks: Sequence[ContextBlock], language: str,
        added: list[str], heading: str = "",
    ) -> Iterator[str]:
        """``pieces`` (the reader's quotes) cleaned and shown after a blank line
        (and ``heading``); their text is put in ``added``."""
        quotes = StreamCleaner(blocks, language)
        opening = "\n\n" + (f"{heading}\n" if heading else "")
        yield opening
        for piece in pieces:
            shown = quotes.feed(piece)
            if shown:
                yield shown
        yield quotes.finish()
        added.append(opening + quotes.text)

    def _finish(
        self,
        question: str,
        searched: str,
        text: str,
        refused: bool,
        blocks: Sequence[ContextBlock],
        clock: _Clock,
        evidence: float,
        backend: str = "",
    ) -> Answer:
        checked = verify(text, blocks, refused=refused)
        clock.lap("verify_ms")
        cue = searched
        if refused and self.translate is not None and analyse(searched).english:
            cue = " ".join([searched, *self.translate(searched)])  # Chinese words to match
        closest = closest_passages(cue, blocks) if refused else []
        timings = dict(clock.timings)
        timings["total_ms"] = clock.total()
        return Answer(
            question=question,
            text=text,
            refused=refused,
            citations=[] if refused else checked.citations,
            flags=[] if refused else checked.flags,
            searched=searched,
            backend=backend or self.backend.name,
            timings=timings,
            evidence=round(evidence, 4),
            closest=closest,
        )


class _Clock:
    """Milliseconds per stage."""

    def __init__(self) -> None:
        self.start = self.last = time.perf_counter()
        self.timings: dict[str, float] = {}

    def lap(self, name: str) -> None:
        now = time.perf_counter()
        self.timings[name] = round((now - self.last) * 1000, 2)
        self.last = now

    def mark_first(self, name: str) -> None:
        if name not in self.timings:
            self.timings[name] = round((time.perf_counter() - self.last) * 1000, 2)

    def total(self) -> float:
        return round((time.perf_counter() - self.start) * 1000, 2)


def closest_passages(
    question: str, blocks: Sequence[ContextBlock], n: int = CLOSEST
) -> list[Citation]:
    """The first ``n`` passages, each with its sentence closest to the question
    in wording: shown beside a refusal, marked as not answering, so that an
    analyst can judge.

    >>> from ingest.model import Chunk
    >>> chunk = Chunk("c", "a.txt", ("甲",), 2, "園區成立於2001年。園區有三百家企業。", "")
    >>> blocks = hits_to_blocks([Hit(chunk, 1.0)])
    >>> [c.quote for c in closest_passages("園區的預算有多少企業？", blocks)]
    ['園區有三百家企業。']
    """
    out = []
    for b in blocks[:n]:
        quote = best_quote(b.chunk.text, question)
        out.append(Citation(b.n, b.chunk.id, b.chunk.doc, b.chunk.section_path,
                            b.chunk.page_at(b.chunk.text.find(quote)), quote, b.chunk.text))
    return out

