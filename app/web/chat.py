"""The web chat's handlers, free of gradio: they call the pipeline and format its answers.

A :class:`ChatController` gets a function ``backend name -> Pipeline``; the real
server passes :class:`PipelineSource` (one index, one pipeline per backend),
tests pass pipelines built from fakes. Every handler returns plain values:
chat messages in gradio's "messages" format, HTML strings and :class:`Turn` lists.
"""

from __future__ import annotations

import dataclasses
import threading
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.answer import Answer, Reading
from app.language import detect_language
from app.pipeline import Pipeline
from app.web import render
from app.web.feedback import record_feedback
from app.web.library import WebLibrary, limited
from app.web.render import ReportInfo
from reportqa import settings
from reportqa.errors import ReportQAError

Message = dict[str, Any]
# chat, turns, sources panel, question box (None: leave what is typed there)
Update = tuple[list[Message], list["Turn"], str, str | None]

EXAMPLES = [
    "紫竹高新區的股東結構?",
    "張江高新區有哪些特色?",
    "ASPA 2023 科學園區創新展在哪裡舉辦?",
    "上海交通大学科技园如何孵化创业企业?",
    "What was SCIENCEPARK INNOFAIR 2023 about?",
]


@dataclass(frozen=True)
class Turn:
    """One exchange: the question and its answer (or the error that stopped it)."""

    question: str
    answer: Answer | None = None
    error: str = ""


def history(turns: Sequence[Turn]) -> list[tuple[str, str]]:
    """(question, answer text) pairs of the answered turns, for follow-up rewriting.

    >>> history([Turn("q1", Answer("q1", "a1", False)), Turn("q2", error="down")])
    [('q1', 'a1')]
    """
    return [(t.question, t.answer.text) for t in turns if t.answer is not None]


def turn_messages(turn: Turn, index: int) -> list[Message]:
    """The user and assistant messages of a finished turn.

    >>> turn_messages(Turn("q", error="oops"), 0)[1]["content"]
    '<div class="error">oops</div>'
    """
    if turn.answer is not None:
        reply = render.chat_text(turn.answer.text, index, turn.answer)
    else:
        reply = render.error_text(turn.error)
    return [{"role": "user", "content": turn.question},
            {"role": "assistant", "content": reply}]


def chat_messages(turns: Sequence[Turn]) -> list[Message]:
    """The whole chat of ``turns``."""
    return [m for i, t in enumerate(turns) for m in turn_messages(t, i)]


class ChatController:
    """The handlers behind the page; ``pipeline_for`` maps a backend name to a pipeline."""

    def __init__(
        self,
        pipeline_for: Callable[[str], Pipeline],
        backends: Sequence[str],
        default_backend: str,
        reports: Sequence[ReportInfo] = (),
        feedback_file: Path | None = None,
        library: WebLibrary | None = None,
    ) -> None:
        self.pipeline_for = pipeline_for
        self.backends = list(backends)
        self.default_backend = default_backend
        self.reports = list(reports)
        self.titles = {r.doc: r.title for r in self.reports}
        self.feedback_file = feedback_file
        self.library = library
        self.unavailable: dict[str, str] = {}  # backend -> how to make it available
        self._conversations: dict[str, list[Turn]] = {}  # session -> its turns so far
        self._locks: dict[str, threading.Lock] = {}
        self._waiting: dict[str, list[str]] = {}  # session -> questions waiting their turn
        self._guard = threading.Lock()
        self._pdfs: dict[str, Path] = library.pdfs() if library is not None else {}

    def refresh(self, reports: Sequence[ReportInfo]) -> None:
        """The reports after the library changed: titles and PDFs to show."""
        self.reports = list(reports)
        self.titles = {r.doc: r.title for r in self.reports}
        self._pdfs = self.library.pdfs() if self.library is not None else {}

    def choices(self) -> list[tuple[str, str]]:
        """(label, file name) of every report, for the selector."""
        return [(f"{r.title}（{r.doc}）" if r.title != r.doc else r.doc, r.doc)
                for r in self.reports]

    def respond(
        self, question: str, turns: list[Turn] | None, backend: str | None,
        chosen: Sequence[str] | None = None, session: str = "",
    ) -> Iterator[Update]:
        """Answer ``question`` (from the ``chosen`` reports, or all): yield the
        growing chat, then the final one with its sources. The question box is
        emptied once, when the question is taken; later updates leave it (None),
        so what is typed while the answer streams stays.

        With a ``session``, its questions are answered one after the other, each
        from the conversation as the one before left it: a question sent while
        another is answered waits for it, and is never lost."""
        if not session:
            yield from self._respond(question, turns, backend, chosen)
            return
        lock = self._lock_of(session)
        waiting = self._waiting.setdefault(session, [])
        if not lock.acquire(blocking=False):  # another answer runs: shown as queued
            waiting.append(question)
            known = self._conversations.get(session, list(turns or []))
            yield (chat_messages(known) + self._queued(session), known,
                   self.sources(known, len(known) - 1), "")
            lock.acquire()
            waiting.remove(question)
        try:
            turns = self._conversations.get(session, list(turns or []))
            for chat, new_turns, panel, box in self._respond(question, turns, backend, chosen):
                self._conversations[session] = new_turns
                yield chat + self._queued(session), new_turns, panel, box
        finally:
            lock.release()

    def _queued(self, session: str) -> list[Message]:
        """The questions of ``session`` waiting for the running answer, marked so."""
        note = '<span class="queued">排隊中：上一個回答完成後就回答</span>'
        return [m for q in self._waiting.get(session, [])
                for m in ({"role": "user", "content": q}, {"role": "assistant", "content": note})]

    def _lock_of(self, session: str) -> threading.Lock:
        """The lock that puts one session's questions in line."""
        with self._guard:
            return self._locks.setdefault(session, threading.Lock())

    def _respond(
        self, question: str, turns: list[Turn] | None, backend: str | None,
        chosen: Sequence[str] | None = None,
    ) -> Iterator[Update]:
        """One question answered from ``turns`` (see :meth:`respond`)."""
        turns = list(turns or [])
        question = (question or "").strip()
        if not question:
            yield chat_messages(turns), turns, self.sources(turns, len(turns) - 1), ""
            return
        index = len(turns)
        reading = ("Searching the reports and reading the best passages…" if question.isascii()
                   else "正在搜尋報告並閱讀最相關的段落…")
        shown = [*chat_messages(turns), {"role": "user", "content": question},
                 {"role": "assistant", "content": f'<span class="reading">{reading}</span>'}]
        pending = render.sources_html(None, self.titles, index)
        yield list(shown), turns, pending, ""
        text = ""
        try:
            pipeline = self.pipeline_for(backend or self.default_backend)
            if chosen is not None:
                pipeline = limited(pipeline, chosen, [r.doc for r in self.reports])
            for event in pipeline.stream(question, history(turns)):
                if isinstance(event, Answer):
                    turn = Turn(question, event)
                    break
                if isinstance(event, Reading):
                    if event.model:  # seconds before the first word: say what happens
                        english = detect_language(question) == "en"
                        shown[-1] = {"role": "assistant",
                                     "content": render.reading_note(event, english)}
                        yield list(shown), turns, pending, None
                    continue
                text += event
                shown[-1] = {"role": "assistant", "content": render.chat_text(text, index)}
                yield list(shown), turns, pending, None
            else:  # pragma: no cover - the pipeline always ends with an Answer
                turn = Turn(question, error="the pipeline returned no answer")
        except ReportQAError as error:
            turn = Turn(question, error=str(error))
        turns = [*turns, turn]
        yield chat_messages(turns), turns, self.sources(turns, index), None

    def sources(self, turns: Sequence[Turn], index: int) -> str:
        """The sources panel for turn ``index`` (a hint when there is none); a
        cited PDF page is shown as an image, its passage highlighted."""
        answer = turns[index].answer if 0 <= index < len(turns) else None
        images = self.page_images(answer) if answer is not None else {}
        return render.sources_html(answer, self.titles, max(index, 0), images)

    def page_images(self, answer: Answer) -> dict[int, str]:
        """Citation number -> data URL of its PDF page, the quote highlighted."""
        from app.web.page_image import data_url

        out = {}
        for c in answer.citations:
            path = self._pdfs.get(c.doc)
            if path is not None and c.page is not None:
                try:
                    out[c.n] = data_url(path, c.page, c.quote)
                except (OSError, IndexError, ValueError, RuntimeError):
                    continue  # the file changed since (pdfium's errors are RuntimeErrors)
        return out

    def markdown(self, turns: Sequence[Turn]) -> str:
        """The last answer with its numbered sources as Markdown (app.export)."""
        from app.export import to_markdown

        answered = [t.answer for t in turns if t.answer is not None]
        return to_markdown(answered[-1], self.titles) if answered else ""

    def select(self, turns: Sequence[Turn], message_index: int) -> str:
        """The sources panel for the turn of chat message ``message_index``."""
        return self.sources(turns, message_index // 2)

    def new_chat(self, session: str = "") -> tuple[list[Message], list[Turn], str, str]:
        """An empty conversation (what a follow-up is rewritten from too): messages,
        turns, sources panel, status. The question box keeps what is typed."""
        self._conversations.pop(session, None)
        return [], [], render.sources_html(None, self.titles, 0), ""

    def rate(self, turns: Sequence[Turn], rating: str, comment: str = "",
             message_index: int | None = None) -> str:
        """Record a rating of the last answer (or that of ``message_index``); a status line."""
        index = len(turns) - 1 if message_index is None else message_index // 2
        answer = turns[index].answer if 0 <= index < len(turns) else None
        if answer is None:
            return "還沒有可評分的回答。"
        record_feedback(answer, rating, comment or "", self.feedback_file)
        thanks = "感謝回饋！" if rating == "up" else "感謝回饋，我們會改進。"
        return thanks + ("（已附上意見）" if (comment or "").strip() else "")


class PipelineSource:
    """One pipeline per backend, all sharing the index opened once (thread-safe)."""

    def __init__(self, reports: Path | None = None, backend: str | None = None) -> None:
        from app.backends.registry import resolve_name
        from app.factory import build_pipeline

        self.default = resolve_name(backend)
        self.reports = reports
        base = build_pipeline(reports, self.default, progress=True)
        self._pipelines: dict[str, Pipeline] = {self.default: base}
        self._lock = threading.Lock()
        self._reloading = threading.Lock()

    def reload(self) -> None:
        """Open the index again (updating it first: only new reports are
        embedded); the pipelines are swapped once it is ready."""
        from app.factory import build_pipeline

        with self._reloading:  # one rebuild at a time: the last change wins
            base = build_pipeline(self.reports, self.default, progress=True)
            with self._lock:
                self._pipelines = {self.default: base}

    def __call__(self, backend: str) -> Pipeline:
        from app.backends.registry import get_backend

        with self._lock:
            if backend not in self._pipelines:
                base = self._pipelines[self.default]
                self._pipelines[backend] = dataclasses.replace(base, backend=get_backend(backend))
            return self._pipelines[backend]


def load_corpus(
    reports: Path | None = None, titles: dict[str, str] | None = None
) -> list[ReportInfo]:
    """The reports answered from, with title and date from ingest when it can tell.

    Falls back to the index's titles, then to file names.
    """
    folder = Path(reports or settings.get_str("reports")).expanduser()
    titles = titles or {}
    try:
        from index.store import resolve_reports
        from ingest import discover, load_report

        found: list[ReportInfo] = []
        for path in discover([p for p in resolve_reports(reports) if p.exists()]):
            try:
                report = load_report(Path(path))
            except ReportQAError:
                continue  # unreadable: the library table says why
            title = report.title or titles.get(report.doc, report.doc)
            found.append(ReportInfo(report.doc, title, report.date))
        if found:
            return found
    except (ImportError, ReportQAError, OSError, ValueError):
        pass
    files = sorted(folder.glob("*.txt")) if folder.is_dir() else [folder]
    return [ReportInfo(p.name, titles.get(p.name, p.stem)) for p in files]
