"""An answer as Markdown, ready to paste into a briefing: the question, the answer
with its [n] markers, and the numbered sources (report, section path, page, quote).
A refusal lists the closest passages, marked as not answering. ``ask --markdown``
and the chat's "Markdown" button both use this.

>>> from app.answer import Answer, Citation
>>> cited = Citation(1, "c1", "a.pdf", ("壹、概況", "一、股東"), 3, "股東有七家。", "")
>>> print(to_markdown(Answer("股東有幾家?", "「股東有七家。」[1]", False, [cited]),
...                   {"a.pdf": "園區年報"}), end="")
**問：** 股東有幾家?
<BLANKLINE>
「股東有七家。」[1]
<BLANKLINE>
**來源**
<BLANKLINE>
1. 園區年報 › 壹、概況 › 一、股東，第 3 頁
   > 股東有七家。
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from app.answer import Answer, Citation
from app.language import detect_language

_WORDS = {
    "zh": {"q": "問：", "sources": "來源", "closest": "最接近的段落（並未回答這個問題）",
           "page": "，第 {} 頁"},
    "en": {"q": "Q:", "sources": "Sources", "closest":
           "Closest passages (they do not answer the question)", "page": ", p. {}"},
}


def to_markdown(answer: Answer, titles: Mapping[str, str] | None = None) -> str:
    """The answer and its numbered sources as Markdown."""
    words = _WORDS["en" if detect_language(answer.question) == "en" else "zh"]
    lines = [f"**{words['q']}** {answer.question}", "", answer.text.strip()]
    sources = sources_markdown(answer, titles)
    return "\n".join(lines) + ("\n\n" + sources if sources else "\n")


def sources_markdown(answer: Answer, titles: Mapping[str, str] | None = None) -> str:
    """The numbered sources of an answer (or the closest passages of a refusal)
    as Markdown; "" when there are none.

    >>> sources_markdown(Answer("q?", "x", False))
    ''
    """
    words = _WORDS["en" if detect_language(answer.question) == "en" else "zh"]
    if answer.citations:
        lines = [f"**{words['sources']}**", "", *_sources(answer.citations, titles, words)]
    elif answer.closest:
        lines = [f"**{words['closest']}**", "",
                 *_sources(answer.closest, titles, words, numbered=False)]
    else:
        return ""
    return "\n".join(lines) + "\n"


def _sources(citations: Sequence[Citation], titles: Mapping[str, str] | None,
             words: Mapping[str, str], numbered: bool = True) -> list[str]:
    """One list item per citation: where it is, then its quote as a block quote."""
    out = []
    for c in citations:
        title = (titles or {}).get(c.doc, c.doc)
        page = words["page"].format(c.page) if c.page is not None else ""
        mark = f"{c.n}." if numbered else "-"
        out.append(f"{mark} {' › '.join([title, *c.section_path])}{page}")
        quote = " ".join(c.quote.split()).lstrip("-•‧· ")
        if quote:
            out.append(f"{' ' * (len(mark) + 1)}> {quote}")
    return out
