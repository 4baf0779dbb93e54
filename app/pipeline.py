"""The answer pipeline: question -> (rewrite) -> retrieve -> prompt -> backend ->
verified answer. Every interface (``ask``, the web chat, the eval runner) calls it.

``Pipeline.stream`` yields text pieces as they are produced, then the final
:class:`~app.answer.Answer`, whose ``text`` is exactly the streamed text.
"""

from __future__ import annotations

import re
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field

from app.answer import Answer
from app.backends.base import AnswerRequest, Backend, ContextBlock
from app.citations import clean_markers, verify
from app.followup import rewrite
from app.language import detect_language, to_traditional
from app.prompting import PromptSet, answer_messages, load_prompts
from app.refusal import EvidenceScorer, is_refusal_text
from index.types import Hit, Retriever

Event = str | Answer
History = Sequence[tuple[str, str]]
HOLD_BACK = 4  # characters kept back from the stream until more text arrives
_BOUNDARY = re.compile(r"[。！？；，、：\n!?;,:]")


class StreamCleaner:
    """Cleans streamed text piece by piece: markers that point at nothing are
    dropped and Chinese answers are converted to Traditional script. An open
    marker or quote is held back until it closes, and the last few characters
    until more text arrives, so no marker and rarely a phrase is cut in two.

    >>> cleaner = StreamCleaner(n_blocks=2, language="zh")
    >>> cleaner.feed("股东有三家[") + cleaner.feed("1][7]。") + cleaner.finish()
    '股東有三家[1]。'
    """

    def __init__(self, n_blocks: int, language: str) -> None:
        self.n_blocks = n_blocks
        self.language = language
        self.buffer = ""
        self.text = ""

    def feed(self, piece: str) -> str:
        """Take a piece of model output; return the cleaned text now safe to show."""
        self.buffer += piece
        cut = self._safe_cut()
        ready, self.buffer = self.buffer[:cut], self.buffer[cut:]
        return self._emit(ready)

    def finish(self) -> str:
        """Flush what is left."""
        rest, self.buffer = self.buffer, ""
        return self._emit(rest)

    def _safe_cut(self) -> int:
        buffer = self.buffer
        limit = len(buffer)
        open_bracket = max(buffer.rfind("["), buffer.rfind("［"), buffer.rfind("【"))
        if open_bracket > max(buffer.rfind("]"), buffer.rfind("］"), buffer.rfind("】")):
            limit = open_bracket
        if buffer.count("「") > buffer.count("」") and len(buffer) < 300:
            limit = min(limit, buffer.rfind("「"))
        cut = 0
        for match in _BOUNDARY.finditer(buffer, 0, limit):
            cut = match.end()
        # Between boundaries, show all but the last few characters, so a
        # multi-character phrase is rarely converted in two halves.
        return max(cut, min(limit, len(buffer) - HOLD_BACK))

    def _emit(self, text: str) -> str:
        if not text:
            return ""
        text = clean_markers(text, self.n_blocks)
        if self.language == "zh":
            text = to_traditional(text)
        self.text += text
        return text


@dataclass
class Pipeline:
    """Retrieve, answer and verify; settings are its fields."""

    retriever: Retriever
    backend: Backend
    scorer: EvidenceScorer
    titles: dict[str, str] = field(default_factory=dict)
    k: int = 5
    refusal_threshold: float = 0.0
    context_tokens: int = 1400
    max_tokens: int = 384
    prompts: PromptSet = field(default_factory=load_prompts)

    def answer(self, question: str, history: History = ()) -> Answer:
        """The whole answer at once."""
        final: Answer | None = None
        for event in self.stream(question, history):
            if isinstance(event, Answer):
                final = event
        assert final is not None
        return final

    def stream(self, question: str, history: History = ()) -> Iterator[Event]:
        """Yield answer text pieces, then the final Answer."""
        clock = _Clock()
        language = detect_language(question)
        searched = rewrite(question, history, self.backend, self.prompts)
        clock.lap("rewrite_ms")
        hits = self.retriever.search(searched, self.k)
        clock.lap("retrieve_ms")
        evidence = self.scorer.score(searched, hits)
        if evidence < self.refusal_threshold or not hits:
            text = self.prompts.refusal(language)
            yield text
            yield self._finish(question, searched, text, True, (), clock, evidence)
            return
        blocks = hits_to_blocks(hits)
        request = AnswerRequest(
            question=searched,
            blocks=blocks,
            messages=answer_messages(
                self.prompts, searched, blocks, language, self.titles, self.context_tokens
            ),
            language=language,
            max_tokens=self.max_tokens,
        )
        cleaner = StreamCleaner(len(blocks), language)
        for piece in self.backend.execute(request):
            shown = cleaner.feed(piece)
            if shown:
                clock.mark_first("first_token_ms")
                yield shown
        shown = cleaner.finish()
        if shown:
            clock.mark_first("first_token_ms")
            yield shown
        clock.lap("generate_ms")
        text = cleaner.text.strip() or self.prompts.refusal(language)
        refused = is_refusal_text(text)
        yield self._finish(question, searched, text, refused, blocks, clock, evidence)

    def _finish(
        self,
        question: str,
        searched: str,
        text: str,
        refused: bool,
        blocks: Sequence[ContextBlock],
        clock: _Clock,
        evidence: float,
    ) -> Answer:
        checked = verify(text, blocks, refused=refused)
        clock.lap("verify_ms")
        timings = dict(clock.timings)
        timings["total_ms"] = clock.total()
        return Answer(
            question=question,
            text=text,
            refused=refused,
            citations=[] if refused else checked.citations,
            flags=[] if refused else checked.flags,
            searched=searched,
            backend=self.backend.name,
            timings=timings,
            evidence=round(evidence, 4),
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


def hits_to_blocks(hits: Sequence[Hit]) -> tuple[ContextBlock, ...]:
    """Number hits as context blocks [1], [2], ...."""
    return tuple(ContextBlock(i + 1, hit.chunk, hit.score) for i, hit in enumerate(hits))
