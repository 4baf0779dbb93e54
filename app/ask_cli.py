"""The `ask` command: a question in, a streamed answer with numbered sources out."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import click

from app.answer import Answer, Citation, Reading
from reportqa.errors import ReportQAError


def format_sources(answer: Answer, titles: dict[str, str] | None = None) -> str:
    """The numbered source list printed under an answer.

    >>> from app.answer import Citation
    >>> cited = Citation(1, "c1", "a.txt", ("壹、甲", "一、乙"), 3, "引文。", "")
    >>> a = Answer("q", "x[1]", False, [cited])
    >>> print(format_sources(a))
    Sources:
      [1] a.txt › 壹、甲 › 一、乙 (p. 3)
          「引文。」
    """
    lines = ["Sources:"]
    for c in answer.citations:
        lines += _passage_lines(c, titles, f"[{c.n}] ")
    return "\n".join(lines)


def _passage_lines(c: Citation, titles: dict[str, str] | None, mark: str = "") -> list[str]:
    """Where a passage is (report title, section path, page) and its quote."""
    title = (titles or {}).get(c.doc, c.doc)
    page = f" (p. {c.page})" if c.page is not None else ""
    return [f"  {mark}{title} › {' › '.join(c.section_path)}{page}", f"      「{c.quote.strip()}」"]


def format_closest(answer: Answer, titles: dict[str, str] | None = None) -> str:
    """The passages that came closest to a refused question, marked as not answering.

    >>> from app.answer import Citation
    >>> near = Citation(1, "c1", "a.txt", ("壹、甲",), 3, "園區有三百家企業。", "")
    >>> print(format_closest(Answer("園區預算?", "報告中找不到相關資訊。", True, closest=[near])))
    最接近的段落（並未回答這個問題）:
      a.txt › 壹、甲 (p. 3)
          「園區有三百家企業。」
    """
    from app.language import detect_language

    english = detect_language(answer.question) == "en"
    lines = ["Closest passages (they do not answer the question):" if english
             else "最接近的段落（並未回答這個問題）:"]
    for c in answer.closest:
        lines += _passage_lines(c, titles)
    return "\n".join(lines)


def format_flags(answer: Answer) -> str:
    """Warnings about sentences the sources do not back (empty when none)."""
    return "\n".join(f"⚠ {f.kind}: {f.sentence} ({f.detail})" for f in answer.flags)


def read_questions(questions: tuple[str, ...]) -> Iterator[str]:
    """The questions given, or one per line of standard input for ``-``."""
    if questions == ("-",):
        for line in sys.stdin:
            if line.strip():
                yield line.strip()
        return
    yield " ".join(questions).strip()


@click.command(context_settings={"help_option_names": ["-h", "--help"]})
@click.argument("question", nargs=-1)
@click.option(
    "--backend",
    "-b",
    default=None,
    help="Answer backend: local, openai, extractive (default: setting REPORTQA_BACKEND).",
)
@click.option(
    "-k",
    "k",
    type=click.IntRange(1, 50),
    default=None,
    help="Passages to retrieve (default: REPORTQA_TOP_K, 5).",
)
@click.option("--json", "as_json", is_flag=True, help="Print one JSON answer object per question.")
@click.option("--markdown", is_flag=True,
              help="Print the answer and its numbered sources (report, section, page, quote) "
                   "as Markdown, ready to paste into a briefing.")
@click.option("--no-stream", is_flag=True, help="Print the answer when it is complete.")
@click.option("--no-sources", is_flag=True, help="Do not print the source list.")
@click.option(
    "--reports",
    type=click.Path(path_type=Path),
    default=None,
    help="Folder or file of reports to answer from (default: the bundled reports).",
)
@click.option(
    "--report",
    "only",
    multiple=True,
    metavar="NAME",
    help="Answer only from this report (its file name, as `reportqa list` shows it); "
         "repeat for several.",
)
def ask(
    question: tuple[str, ...],
    backend: str | None,
    k: int | None,
    as_json: bool,
    markdown: bool,
    no_stream: bool,
    no_sources: bool,
    reports: Path | None,
    only: tuple[str, ...],
) -> None:
    """Answer QUESTION from the reports, citing report, section and page.

    \b
    Examples:
      ask "紫竹高新區的股東結構?"
      ask --backend extractive "What did the delegation learn in Zhangjiang?"
      printf '問題一\\n問題二\\n' | ask --json -
      ask --report annual-review.pdf "Incubators named in the annual review?"
      ask --markdown "紫竹高新區的股東結構?" > briefing.md

    Chinese questions get Traditional Chinese answers, English ones English. When
    the reports do not hold the answer, it says so.
    """
    if not question or (question != ("-",) and not " ".join(question).strip()):
        raise ReportQAError(
            "the question is empty", hint='ask "紫竹高新區的股東結構?" or ask - < questions.txt'
        )
    from app.factory import build_pipeline

    pipeline = build_pipeline(reports, backend, k, progress=not as_json or sys.stderr.isatty(),
                              only=only)
    for text in read_questions(question):
        if as_json:
            click.echo(json.dumps(pipeline.answer(text).to_dict(), ensure_ascii=False))
            continue
        if markdown:
            from app.export import to_markdown

            click.echo(to_markdown(pipeline.answer(text), pipeline.titles), nl=False)
            if question == ("-",):
                click.echo()
            continue
        answer = None
        for event in pipeline.stream(text):
            if isinstance(event, Answer):
                answer = event
            elif isinstance(event, Reading):
                if event.model and not no_stream and sys.stderr.isatty():
                    plural = "s" if event.passages != 1 else ""
                    click.echo(f"(reading {event.passages} passage{plural}…)", err=True)
            elif not no_stream:
                click.echo(event, nl=False)
        assert answer is not None
        if no_stream:
            click.echo(answer.text, nl=False)
        click.echo()
        if answer.flags:
            click.echo(format_flags(answer), err=True)
        if answer.citations and not no_sources:
            click.echo()
            click.echo(format_sources(answer, pipeline.titles))
        elif answer.closest and not no_sources:
            click.echo()
            click.echo(format_closest(answer, pipeline.titles))
        if question == ("-",):
            click.echo()
