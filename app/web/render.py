"""How an :class:`~app.answer.Answer` looks in the web chat: chat text and HTML.

Pure functions, no gradio: the chat message of an answer (``[n]`` markers as
links to the sources panel, the rewritten search line, refusals styled apart),
the sources panel (each cited passage with its supporting sentence marked) and
the page header describing the corpus.

>>> from app.answer import Answer, Citation
>>> cited = Citation(1, "c1", "a.txt", ("紀要", "紫竹"), 12, "股東有三家。", "前言。股東有三家。")
>>> answer = Answer("紫竹?", "股東有三家[1]。", False, [cited])
>>> "<mark>股東有三家。</mark>" in sources_html(answer, {"a.txt": "上海參訪報告"}, turn=0)
True
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from app.answer import Answer, Citation, Reading

_MARKER = re.compile(r"\[(\d+)\]")


@dataclass(frozen=True)
class ReportInfo:
    """A report of the corpus as the page lists it."""

    doc: str
    title: str
    date: str = ""


def source_id(turn: int, n: int) -> str:
    """The HTML id of source ``n`` of answer ``turn`` in the sources panel.

    >>> source_id(2, 1)
    'src-2-1'
    """
    return f"src-{turn}-{n}"


def link_markers(text: str, turn: int) -> str:
    """Turn each ``[n]`` into a link to its passage in the sources panel.

    >>> link_markers("甲[1]乙", 0)
    '甲<a class="cite" href="#src-0-1" data-src="src-0-1">[1]</a>乙'
    """

    def replace(match: re.Match[str]) -> str:
        target = source_id(turn, int(match.group(1)))
        return f'<a class="cite" href="#{target}" data-src="{target}">[{match.group(1)}]</a>'

    return _MARKER.sub(replace, text)


def searched_line(answer: Answer) -> str:
    """The "searched for" line shown above a follow-up whose question was rewritten.

    >>> searched_line(Answer("它的股東?", "x", False, searched="紫竹高新區的股東?"))
    '搜尋：紫竹高新區的股東?'
    >>> searched_line(Answer("q", "x", False, searched="q"))
    ''
    """
    searched = answer.searched.strip()
    if not searched or searched == answer.question.strip():
        return ""
    if _is_english(answer.question):
        return f"Searched: {searched}"
    return f"搜尋：{searched}"


def chat_text(text: str, turn: int, answer: Answer | None = None) -> str:
    """The assistant message: streamed ``text`` so far, or the final ``answer``.

    >>> chat_text("股東有三家[1]", 0).endswith('[1]</a>')
    True
    >>> print(chat_text("", 0, Answer("q", "報告中沒有相關資訊。", True)))
    <div class="refusal">報告中沒有相關資訊。</div>
    """
    if answer is None:
        return link_markers(html.escape(text, quote=False), turn)
    parts = []
    line = searched_line(answer)
    if line:
        parts.append(f'<div class="searched">{html.escape(line)}</div>')
    if answer.refused:
        parts.append(f'<div class="refusal">{html.escape(answer.text)}</div>')
        return "\n".join(parts)
    parts.append(link_markers(html.escape(answer.text, quote=False), turn))
    if answer.flags:
        count = len(answer.flags)
        note = (f"{count} sentence(s) not backed by the sources — see the warnings"
                if _is_english(answer.question) else f"{count} 句未獲來源支持，請見右側警示")
        parts.append(f'<div class="flag-note">{note}</div>')
    return "\n\n".join(parts)


def error_text(message: str) -> str:
    """An error shown in the chat instead of an answer.

    >>> error_text("cannot reach <server>")
    '<div class="error">cannot reach &lt;server&gt;</div>'
    """
    return f'<div class="error">{html.escape(message)}</div>'


def highlight(passage: str, quote: str, more: Sequence[str] = ()) -> str:
    """The passage as HTML with ``quote`` (and each of ``more``) wrapped in ``<mark>``.

    >>> highlight("甲。乙<b>。丙。", "乙<b>。")
    '甲。<mark>乙&lt;b&gt;。</mark>丙。'
    >>> highlight("甲。乙。丙。", "甲。", ["丙。", "甲。"])
    '<mark>甲。</mark>乙。<mark>丙。</mark>'
    >>> highlight("甲。", "不在文中")
    '<mark class="quote-only">不在文中</mark><br>甲。'
    """
    spans: list[tuple[int, int]] = []
    for text in dict.fromkeys(q.strip() for q in (quote, *more)):
        at = passage.find(text) if text else -1
        if at >= 0 and not any(a < at + len(text) and at < b for a, b in spans):
            spans.append((at, at + len(text)))
    if not spans:
        quote = quote.strip()
        if not quote:
            return html.escape(passage)
        return f'<mark class="quote-only">{html.escape(quote)}</mark><br>{html.escape(passage)}'
    out, pos = [], 0
    for start, end in sorted(spans):
        out += [html.escape(passage[pos:start]), "<mark>", html.escape(passage[start:end]),
                "</mark>"]
        pos = end
    return "".join(out) + html.escape(passage[pos:])


def _place(citation: Citation, titles: Mapping[str, str]) -> str:
    """The card's heading: report title and page ("page unknown" said, not left out).

    >>> _place(Citation(1, "c", "a.docx", ("甲",), None, "q", "t"), {"a.docx": "年報"})
    '<div class="src-title" title="a.docx">年報 · 頁碼不明</div>'
    """
    title = titles.get(citation.doc, citation.doc)
    page = f" · p. {citation.page}" if citation.page is not None else " · 頁碼不明"
    return (f'<div class="src-title" title="{html.escape(citation.doc)}">'
            f"{html.escape(title)}{page}</div>")


def source_card(citation: Citation, titles: Mapping[str, str], turn: int,
                image: str = "") -> str:
    """One cited passage: report title, page, section path, highlighted text, and
    for a PDF the page itself (``image``, a URL), shown when [n] is clicked.

    >>> c = Citation(2, "c", "a.pdf", ("甲",), 4, "乙。", "乙。")
    >>> 'class="page-view"' in source_card(c, {}, 0, "data:x")
    True
    """
    path = " › ".join(citation.section_path)
    page = ""
    if image:
        label = f"原頁（第 {citation.page} 頁）" if citation.page is not None else "原頁"
        page = (f'<details class="page-view"><summary>{label}</summary>'
                f'<img class="page-img" alt="{html.escape(label)}" src="{html.escape(image)}">'
                "</details>")
    return (
        f'<details class="src" id="{source_id(turn, citation.n)}" open>'
        f'<summary><span class="src-n">[{citation.n}]</span>{_place(citation, titles)}</summary>'
        f'<div class="src-path">{html.escape(path)}</div>'
        f'<div class="src-text">{highlight(citation.text, citation.quote, citation.quotes)}</div>'
        f"{page}</details>"
    )


def closest_card(citation: Citation, titles: Mapping[str, str]) -> str:
    """A passage shown beside a refusal: like a source card, with no [n] and
    marked as not answering.

    >>> c = Citation(1, "c", "a.txt", ("甲",), 2, "園區有三百家企業。", "園區有三百家企業。")
    >>> 'class="src closest"' in closest_card(c, {})
    True
    """
    path = " › ".join(citation.section_path)
    return (
        f'<details class="src closest"><summary>{_place(citation, titles)}</summary>'
        f'<div class="src-path">{html.escape(path)}</div>'
        f'<div class="src-text">{highlight(citation.text, citation.quote)}</div>'
        "</details>"
    )


_FLAG_WORDS = {
    "zh": {"unsupported": "所引段落中找不到這句話", "figure": "這個數字不在所引段落中",
           "uncited": "提到數字卻沒有註明出處",
           "injection": "所引段落含有對助理下指令的文字（未予照做）",
           "title": "請核實以下句子"},
    "en": {"unsupported": "this sentence is not found in the cited passage",
           "figure": "this figure is not in the cited passage",
           "uncited": "states a figure without saying where it comes from",
           "injection": "the cited passage contains orders to an assistant (not followed)",
           "title": "Please check these sentences"},
}


def flags_html(answer: Answer) -> str:
    """The warnings about an answer's sentences, in the question's language and in
    words an analyst reads ("" when none); the checker's numbers on hover.

    >>> from app.answer import Flag
    >>> html_ = flags_html(Answer("How many?", "x", False, flags=[Flag("figure", "9.", "9")]))
    >>> "this figure is not in the cited passage" in html_ and "Please check" in html_
    True
    """
    if not answer.flags:
        return ""
    words = _FLAG_WORDS["en" if _is_english(answer.question) else "zh"]
    items = "".join(
        f'<li title="{html.escape(f.detail)}"><span class="flag-kind">'
        f"{html.escape(words.get(f.kind, f.kind))}</span> {html.escape(f.sentence)}</li>"
        for f in answer.flags
    )
    title = f'<div class="flags-title">{words["title"]}</div>'
    return f'<div class="flags">{title}<ul>{items}</ul></div>'


def sources_html(answer: Answer | None, titles: Mapping[str, str], turn: int,
                 images: Mapping[int, str] | None = None) -> str:
    """The sources panel for one answer (a hint when there is none yet);
    ``images``: citation number -> URL of its PDF page."""
    return f'<div class="src-panel">{_sources_body(answer, titles, turn, images or {})}</div>'


def _sources_body(answer: Answer | None, titles: Mapping[str, str], turn: int,
                  images: Mapping[int, str]) -> str:
    if answer is None:
        return ('<div class="src-empty">回答中的 <b>[n]</b> 標記會在這裡列出對應的報告段落、'
                "章節與頁碼，支持該句的原文以<mark>螢光</mark>標示。</div>")
    if answer.refused:
        english = _is_english(answer.question)
        note = ("The reports hold no passage that answers this, so nothing is cited."
                if english else "報告中找不到足以回答的段落，因此沒有引用來源。")
        body = f'<div class="src-empty refusal-note">{note}</div>'
        if answer.closest:
            near = ("Closest passages (they do not answer the question):" if english
                    else "最接近的段落（並未回答這個問題）：")
            body += f'<div class="src-head closest-head">{near}</div>'
            body += "".join(closest_card(c, titles) for c in answer.closest)
        return body
    head = f'<div class="src-head">來源 · 第 {turn + 1} 輪 · {html.escape(answer.backend)}</div>'
    cards = "".join(source_card(c, titles, turn, images.get(c.n, "")) for c in answer.citations)
    if not cards:
        cards = '<div class="src-empty">這個回答沒有引用任何段落。</div>'
    return head + flags_html(answer) + cards


def header_html(reports: Sequence[ReportInfo]) -> str:
    """The page header: what this is, which reports it answers from, what to ask."""
    items = "".join(  # titles and dates; the file name only on hover
        f'<li title="{html.escape(r.doc)}"><b>{html.escape(r.title)}</b>'
        + (f' <span class="date">{html.escape(r.date)}</span>' if r.date else "")
        + "</li>"
        for r in reports
    )
    return (
        '<div class="intro"><h1>ReportQA · 政府報告問答</h1>'
        "<p>針對下列報告提問（中文或英文皆可）。每個回答都以 <b>[n]</b> 標註出處，"
        "點擊即可在右側查看原文段落、章節與頁碼；報告中沒有的資訊會直接告知無法回答。</p>"
        f'<div class="corpus"><div class="corpus-title">資料來源（{len(reports)} 份報告）</div>'
        f"<ul>{items}</ul></div></div>"
    )


def _is_english(text: str) -> bool:
    return not re.search(r"[\u3400-\u9fff]", text)


def reading_note(reading: Reading, english: bool) -> str:
    """What the chat shows while a model reads the passages, before its first
    word (a moving bar: the wait is seconds to a minute on 2 cores).

    >>> from app.answer import Reading
    >>> "5" in reading_note(Reading(5, True), english=False)
    True
    """
    plural = "" if reading.passages == 1 else "s"
    text = (f"Reading {reading.passages} passage{plural}; the model writes once it has read them…"
            if english else f"正在閱讀 {reading.passages} 段報告，讀完就開始回答…")
    return f'<span class="reading">{text}</span><span class="reading-bar"></span>'
