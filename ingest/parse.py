"""Parse report text into a tree of sections (see ``outline`` for the nesting rules).

>>> r = parse_text("報告\\n\\n壹、動機\\n為了提\\n升能耐。\\n(一)目的\\n蒐集。", "x.txt")
>>> [(s.title, s.level, s.text) for s in r.sections]
[('報告', 1, ''), ('壹、動機', 1, '為了提升能耐。'), ('(一)目的', 2, '蒐集。')]
>>> r.sections[2].path
('壹、動機', '(一)目的')
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field

from ingest.headings import is_plain_heading, judge, strip_bullet
from ingest.lines import Line, split_lines, squash, toc_pages
from ingest.meta import find_date, title_from
from ingest.model import Report, Section
from ingest.outline import MARKDOWN_FORM, PLAIN, Candidate, Node, build_outline
from ingest.pages import PageMap, page_map
from ingest.text import Layout, Piece, join

_OPEN, _CLOSE = "(（[［【「", ")）]］】」"
MARKDOWN = re.compile(r"^(#{1,6})\s+(\S.*?)\s*#*$")
MAX_TITLE_TAIL = 20


@dataclass
class _Doc:
    """Working state of one parse: the lines and which of them are heading lines."""

    source: str
    lines: list[Line]
    title_lines: set[int] = field(default_factory=set)


def parse_text(text: str, doc: str) -> Report:
    """Parse the text of a report named ``doc`` into sections."""
    state = _Doc(text, split_lines(text))
    cands = _candidates(state)
    nodes = build_outline(cands, _has_text(state, cands))
    starts = [n.cand.line for n in nodes]
    pm = page_map(state.lines, _toc_anchors(state, nodes), len(text))
    pieces = _pieces(state)
    layout = Layout.of([p for _, p in pieces])
    first = next((x.text for x in state.lines if x.kind == "text"), "")
    title = title_from(MARKDOWN.sub(r"\2", first), doc)
    sections = _front(state, doc, title, starts, pieces, layout, pm)
    for k, node in enumerate(nodes):
        end = starts[k + 1] if k + 1 < len(nodes) else len(state.lines)
        own = [p for i, p in pieces if node.cand.line < i < end]
        if node.cand.body:
            # the whole line, label and all ("一、蒐集…之規劃：蒐集上海…"): the
            # label often is the answer (the purposes, the phases), and quotes
            # should read as the report does
            line = state.lines[node.cand.line]
            own.insert(0, Piece(strip_bullet(line.text), line.start, 0, False))
        sections.append(_section(state, doc, nodes, k, own, layout, pm, end))
    return Report(
        doc=doc,
        title=title,
        sections=tuple(sections),
        content_hash=hashlib.sha256(text.encode("utf-8")).hexdigest(),
        date=find_date(text),
    )


def source_pages(text: str) -> PageMap:
    """Where each page of ``text`` lies: the page map ``parse_text`` cites from.

    >>> source_pages("甲\\f乙").at(2)
    (2, True)
    """
    state = _Doc(text, split_lines(text))
    nodes = build_outline(cands := _candidates(state), _has_text(state, cands))
    return page_map(state.lines, _toc_anchors(state, nodes), len(text))


def _candidates(state: _Doc) -> list[Candidate]:
    """Every line that may be a heading, with wrapped titles completed."""
    cands: list[Candidate] = []
    for i, line in enumerate(state.lines):
        if line.kind != "text" or i in state.title_lines:
            continue
        hashes = MARKDOWN.match(line.text)
        if hashes:
            form = f"{MARKDOWN_FORM}{len(hashes.group(1))}"
            count = sum(1 for c in cands if c.form == form) + 1
            cands.append(Candidate(i, form, count, hashes.group(2)))
            continue
        if is_plain_heading(line.text):
            cands.append(Candidate(i, PLAIN, 0, line.text))
            continue
        heading = judge(line.text)
        if heading is None:
            continue
        title = heading.title
        if not heading.sentence and not heading.body:
            title = _complete_title(state, i, title)
        cands.append(Candidate(i, heading.form, heading.ordinal, title, heading.body,
                               heading.sentence))
    return cands


def _complete_title(state: _Doc, i: int, title: str) -> str:
    """A title whose bracket is left open takes the next short line that closes it.

    >>> s = _Doc("", split_lines("二. 會議議程（科學園區創新展 SCIENCEPARK\\n\\nINNOFAIR 2023）"))
    >>> _complete_title(s, 0, "二. 會議議程（科學園區創新展 SCIENCEPARK"), s.title_lines
    ('二. 會議議程（科學園區創新展 SCIENCEPARK INNOFAIR 2023）', {2})
    """
    if sum(title.count(c) for c in _OPEN) <= sum(title.count(c) for c in _CLOSE):
        return title
    j = next((k for k in range(i + 1, len(state.lines)) if state.lines[k].kind == "text"), None)
    if j is None:
        return title
    tail = state.lines[j].text
    if len(tail) > MAX_TITLE_TAIL or not any(c in tail for c in _CLOSE):
        return title
    state.title_lines.add(j)
    glue = " " if title[-1].isascii() and tail[0].isascii() else ""
    return title + glue + tail.rstrip("：:")


def _has_text(state: _Doc, cands: list[Candidate]) -> list[bool]:
    """Whether prose follows each candidate before the next one."""
    out = []
    for k, cand in enumerate(cands):
        end = cands[k + 1].line if k + 1 < len(cands) else len(state.lines)
        prose = any(
            state.lines[i].kind == "text" and i not in state.title_lines
            for i in range(cand.line + 1, end)
        )
        out.append(prose or bool(cand.body))
    return out


def _pieces(state: _Doc) -> list[tuple[int, Piece]]:
    """(line index, piece) for every prose line, with the blank gap and page breaks before it."""
    out: list[tuple[int, Piece]] = []
    gap, page_break = 0, False
    for i, line in enumerate(state.lines):
        if line.kind == "blank":
            gap += 1
        elif line.kind in ("page", "break", "toc"):
            page_break = page_break or line.kind != "toc"
        elif i not in state.title_lines:
            out.append((i, Piece(line.text, line.start, gap, page_break)))
            gap, page_break = 0, False
    return out


def _toc_anchors(state: _Doc, nodes: list[Node]) -> list[tuple[int, int]]:
    """(offset, page) of headings listed in the table of contents."""
    toc = toc_pages(state.lines, state.source)
    return [
        (state.lines[n.cand.line].start, toc[squash(n.title)])
        for n in nodes
        if squash(n.title) in toc
    ]


def _front(
    state: _Doc, doc: str, title: str, starts: list[int],
    pieces: list[tuple[int, Piece]], layout: Layout, pm: PageMap,
) -> list[Section]:
    """The front-matter section (text before the first heading), if there is any."""
    end = starts[0] if starts else len(state.lines)
    own = [p for i, p in pieces if i < end]
    if not own:
        return []
    if own[0].text == title:
        own = own[1:]
    text, anchors = join(own, layout)
    span_end = state.lines[end].start if end < len(state.lines) else len(state.source)
    pages = _pages(anchors, pm, 0)
    page, estimated = (pages[0][1], pages[0][2]) if pages else (None, False)
    return [Section(doc, title, 1, (title,), text, page, (0, span_end), estimated, pages)]


def _section(
    state: _Doc, doc: str, nodes: list[Node], k: int, own: list[Piece],
    layout: Layout, pm: PageMap, end: int,
) -> Section:
    """Section ``k``: its path, text and pages."""
    node = nodes[k]
    path: list[str] = []
    walk: int | None = k
    while walk is not None:
        path.insert(0, nodes[walk].title)
        walk = nodes[walk].parent
    text, anchors = join(own, layout)
    start = state.lines[node.cand.line].start
    span_end = state.lines[end].start if end < len(state.lines) else len(state.source)
    page, exact = pm.at(start)
    return Section(doc, node.title, node.level, tuple(path), text, page, (start, span_end),
                   page is not None and not exact, _pages(anchors, pm, start))


def _pages(
    anchors: list[tuple[int, int]], pm: PageMap, heading: int
) -> tuple[tuple[int, int, bool], ...]:
    """(text offset, page, estimated) wherever the page (or its certainty) changes."""
    out: list[tuple[int, int, bool]] = []
    for text_offset, source_offset in [(0, heading), *anchors]:
        page, exact = pm.at(source_offset)
        if page is None:
            continue
        entry = (text_offset, page, not exact)
        if out and out[-1][0] == text_offset:
            out[-1] = entry
        elif not out or out[-1][1:] != entry[1:]:
            out.append(entry)
    return tuple(out)
