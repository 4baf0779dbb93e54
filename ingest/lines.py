"""Split report text into lines with their offsets and sort out non-prose lines.

Kinds: ``text`` (prose, headings, captions), ``blank``, ``page`` (a bare page
number), ``toc`` (a table-of-contents line) and ``break`` (a form feed: the
page markers a PDF reader inserts).

>>> [x.kind for x in split_lines("目 次\\n壹、 動機\\t1\\n\\n壹、動機\\n5\\n正文")]
['toc', 'toc', 'blank', 'text', 'page', 'text']
"""

from __future__ import annotations

import re
from dataclasses import dataclass

PAGE_BREAK = "\f"
_PAGE = re.compile(r"^(?:[-–—]\s*)?(?:第\s*)?(\d{1,3})(?:\s*頁)?(?:\s*[-–—])?$")
_TOC = re.compile(r"^(?P<title>\S.*?)\s*(?:\t+|\.{3,}|…{2,}|·{3,}|\s{2,})\s*(?P<page>\d{1,3})\s*$")
_TOC_HEADERS = {"目次", "目錄", "目录", "contents", "tableofcontents"}


@dataclass(frozen=True)
class Line:
    """One line of the source: its character range, normalised text and kind."""

    start: int
    end: int
    text: str
    kind: str
    number: int | None = None


def normalise(text: str) -> str:
    """Runs of whitespace (tabs, U+3000, NBSP…) become one space; ends are trimmed.

    >>> normalise("  一、\\u3000會議\\t地區 ")
    '一、 會議 地區'
    """
    return re.sub(r"\s+", " ", text).strip()


def split_lines(source: str) -> list[Line]:
    """All lines of ``source`` in order, classified."""
    raw = _raw_lines(source)
    lines: list[Line] = []
    last_page = 0
    for start, end, text in raw:
        line = _classify(start, end, text, last_page)
        if line.kind == "page" and line.number is not None:
            last_page = line.number
        lines.append(line)
    return _toc_headers(lines, source)


def toc_pages(lines: list[Line], source: str) -> dict[str, int]:
    """Heading title (without whitespace) -> page, from the table of contents.

    >>> toc_pages(split_lines("(壹) 上海市科委\\t4"), "(壹) 上海市科委\\t4")
    {'(壹)上海市科委': 4}
    """
    pages: dict[str, int] = {}
    for line in lines:
        if line.kind != "toc":
            continue
        found = _TOC.match(source[line.start:line.end].strip())
        if found:
            pages[squash(found.group("title"))] = int(found.group("page"))
    return pages


def squash(text: str) -> str:
    """Text without any whitespace, to compare titles.

    >>> squash("(壹) 上海 市")
    '(壹)上海市'
    """
    return re.sub(r"\s+", "", text)


def _raw_lines(source: str) -> list[tuple[int, int, str]]:
    """(start, end, text) of every line; a form feed is a line of its own."""
    out: list[tuple[int, int, str]] = []
    for found in re.finditer(r"[^\n\f]*(?:\n|\f|$)", source):
        start, end = found.span()
        if start == end:
            continue
        body = found.group(0)
        if body.endswith(PAGE_BREAK):
            out.append((start, end - 1, body[:-1]))
            out.append((end - 1, end, PAGE_BREAK))
        else:
            out.append((start, end, body.rstrip("\n")))
    return out


def _classify(start: int, end: int, raw: str, last_page: int) -> Line:
    """The kind of one raw line; a page number must exceed the last one seen."""
    if raw == PAGE_BREAK:
        return Line(start, end, "", "break")
    text = normalise(raw)
    if not text:
        return Line(start, end, "", "blank")
    page = _PAGE.match(text)
    if page and last_page < int(page.group(1)) <= last_page + 60:
        return Line(start, end, text, "page", int(page.group(1)))
    if _TOC.match(raw.strip()) and ("\t" in raw or re.search(r"\.{3}|…|·{3}", raw)):
        return Line(start, end, text, "toc")
    return Line(start, end, text, "text")


def _toc_headers(lines: list[Line], source: str) -> list[Line]:
    """Mark a 目次/目錄 line that comes right before table-of-contents lines."""
    out = list(lines)
    for i, line in enumerate(lines):
        if line.kind != "text" or squash(line.text).lower() not in _TOC_HEADERS:
            continue
        after = next((x for x in lines[i + 1:] if x.kind != "blank"), None)
        if after is not None and after.kind == "toc":
            out[i] = Line(line.start, line.end, line.text, "toc")
    return out
