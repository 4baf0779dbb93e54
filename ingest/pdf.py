"""Read a PDF as its pages: text by pypdfium2, ruled tables row by row, no running lines.

Why pypdfium2 (measured, docs/pdf.md): on Chromium-printed copies of the bundled
reports it reads 100% of each page's lines on the right page, 16x faster than
pdfplumber or pypdf, which both return CJK radicals (⼤ for 大) for 1 in 30
characters and miss a fifth of the lines. pdfplumber is used for one thing
pypdfium2 lacks: finding ruled tables, on pages that draw lines.

A table becomes one line per row, each cell labelled with its column header
(``表頭：值，…``: one sentence, as the readers split them), so a figure keeps
its labels. Lines that repeat at the top or bottom of most pages (running
headers and footers) and bare page numbers are dropped. Pages are separated
by form feeds, so cited pages are the PDF's own.

>>> table_lines([["園區", "面積"], ["甲園", "13 km²"], ["乙園", None]])
['園區 | 面積', '園區：甲園，面積：13 km²', '園區：乙園']
>>> drop_running([["第一章 3", "正文"], ["第二章 4", "正文二"], ["第二章 5", "正文三"]])
[['第一章 3', '正文'], ['正文二'], ['正文三']]
>>> drop_running([["報告", "正文一", "- 1 -"], ["報告", "正文二", "- 2 -"],
...               ["報告", "正文三", "3"]])
[['報告', '正文一'], ['正文二'], ['正文三']]
"""

from __future__ import annotations

import logging
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from reportqa.errors import ReportQAError

Box = tuple[float, float, float, float]  # left, top, right, bottom (top-down, points)
EDGE_LINES = 2  # lines at each end of a page that may be running headers or footers
RUNNING_SHARE = 0.5  # a line repeated on this share of pages is a running line
WRAP_SLACK = 1.5  # a line ending this many characters from the margin is full
HEADER_ROWS = 3  # a table's column labels are within its first rows
MIN_PATHS = 4  # a page draws at least this many lines before tables are looked for
PAGE_NUMBER = re.compile(
    r"^[\s\-–—]*(?:第\s*)?(?:page\s*)?\d{1,4}(?:\s*(?:頁|页|/\s*\d{1,4}|of\s*\d{1,4}))?[\s\-–—]*$",
    re.IGNORECASE,
)
_FIX = "check the file opens in a PDF viewer, or give its text as .txt"
_SCANNED = "run OCR on it (for example ocrmypdf) or give its text as .txt"


def read_pdf(path: Path) -> str:
    """The text of a PDF, pages separated by form feeds."""
    return "\f".join("\n".join(lines) + "\n" for lines in pdf_pages(path))


@dataclass(frozen=True)
class Row:
    """A line of a page where it is printed: top, bottom and right edge in points."""

    text: str
    top: float
    bottom: float
    right: float = 0.0


def pdf_pages(path: Path) -> list[list[str]]:
    """Each page's lines, tables as labelled rows (pypdfium2, pdfplumber imported on use).
    Lines that run to the right margin are joined with the line they wrap into."""
    try:
        import pypdfium2 as pdfium
    except ImportError as error:  # pragma: no cover - a dependency
        raise ReportQAError("reading PDF needs pypdfium2", hint="pip install pypdfium2") from error
    try:
        doc = pdfium.PdfDocument(str(path))
    except pdfium.PdfiumError as error:
        reason = str(error).split("(PDFium: ")[-1].rstrip(").")
        reason = "no pages" if reason.lower() == "success" else reason
        if "password" in reason.lower():
            raise ReportQAError(f"{path.name}: password-protected PDF",
                                hint="save an unlocked copy and add that") from None
        raise ReportQAError(f"{path.name}: unreadable PDF ({reason})", hint=_FIX) from None
    finder = TableFinder(path)
    try:
        rows = [_page_rows(doc, i, finder) for i in range(len(doc))]
    finally:
        doc.close()
        finder.close()
    if not any(any(row.text.strip() for row in page) for page in rows):
        raise ReportQAError(f"{path.name}: PDF has no text layer (scanned?)", hint=_SCANNED)
    dropped = running_lines([[r.text for r in page] for page in rows])
    rows = [[r for i, r in enumerate(page) if i not in gone]
            for page, gone in zip(rows, dropped, strict=True)]
    rights = sorted(r.right for page in rows for r in page if r.right)
    margin = rights[int(0.9 * (len(rights) - 1))] if rights else 0.0
    heights = sorted(r.bottom - r.top for page in rows for r in page if r.right)
    em = heights[len(heights) // 2] if heights else 0.0
    full = margin - WRAP_SLACK * em if margin else 0.0
    return [_trim(paragraphs(page, full)) for page in rows]


def _page_rows(doc: object, index: int, finder: TableFinder) -> list[Row]:
    """One page's rows, ruled tables replaced by their labelled rows."""
    import pypdfium2.raw as raw

    page = doc[index]  # type: ignore[index]
    text = page.get_textpage()
    full = text.get_text_range()
    if len(full) != text.count_chars():  # characters beyond the BMP: no positions
        return [Row(x, 0.0, 0.0) for x in _split(full)]
    paths = sum(1 for _ in page.get_objects(filter=(raw.FPDF_PAGEOBJ_PATH,), max_depth=2))
    tables = finder.tables(index) if paths >= MIN_PATHS else []
    height = page.get_height()
    rows: list[Row] = []
    line: list[str] = []
    top, bottom, edge = height, 0.0, 0.0
    placed: set[int] = set()
    for i, char in enumerate(full):
        if char in "\r\n":
            if char == "\n" and "".join(line).strip():
                rows.append(Row("".join(line).rstrip(), top, bottom, edge))
            if char == "\n":
                line, top, bottom, edge = [], height, 0.0, 0.0
            continue
        left, low, right, high = text.get_charbox(i)
        y_top, y_bottom = height - high, height - low
        inside = next((k for k, (box, _) in enumerate(tables)
                       if right > left and _within((left + right) / 2, (y_top + y_bottom) / 2,
                                                   box)), None)
        if inside is not None:
            if inside not in placed:
                placed.add(inside)
                box, labelled = tables[inside]
                step = (box[3] - box[1]) / max(len(labelled), 1)
                rows += [Row(row, box[1] + j * step, box[1] + (j + 1) * step)
                         for j, row in enumerate(labelled)]
            continue
        line.append(char)
        if right > left:
            top, bottom, edge = min(top, y_top), max(bottom, y_bottom), max(edge, right)
    if "".join(line).strip():
        rows.append(Row("".join(line).rstrip(), top, bottom, edge))
    return rows


def paragraphs(rows: Sequence[Row], full: float = 0.0) -> list[str]:
    """Lines with empty lines where the page leaves room for them (the space from
    one line's top to the next, in usual line pitches, less one); a line reaching
    ``full`` (the right margin) runs on into the next (a sentence ending at the
    margin mostly goes on in the same paragraph), unless a sentence ends there
    and a numbered item or heading begins.

    >>> rows = [Row("甲", 0, 10, 50), Row("乙", 14, 24, 90), Row("丙", 28, 38, 20),
    ...         Row("丁", 56, 66, 20), Row("戊", 98, 108, 20)]
    >>> paragraphs(rows, full=88)
    ['甲', '乙丙', '', '丁', '', '', '戊']
    """
    from ingest.text import ends_sentence, starts_block

    pitches = sorted(b.top - a.top for a, b in pairwise(rows)
                     if b.top > a.top and a.right and b.right)  # table rows aside
    pitch = pitches[len(pitches) // 4] if pitches else 0.0
    out: list[str] = []
    for k, row in enumerate(rows):
        gap = max(0, round((row.top - rows[k - 1].top) / pitch) - 1) if k and pitch else 0
        before = rows[k - 1] if k else None
        wraps = (before is not None and full and before.right >= full and not gap
                 and not (ends_sentence(before.text) and starts_block(row.text)))
        if wraps and out:
            wide = ord(out[-1][-1:] or "a") > 0x2E7F and ord(row.text[0]) > 0x2E7F
            out[-1] += row.text if wide else " " + row.text.lstrip()
            continue
        out += [""] * gap + [row.text]
    return out


class TableFinder:
    """Ruled tables of a PDF's pages (pdfplumber, the file opened once, on first use).

    pdfminer cannot parse some PDFs that pdfium reads; tables are then not looked
    for (the text is still read), never an error.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self._pdf: Any = None
        self._failed = False

    def tables(self, index: int) -> list[tuple[Box, list[str]]]:
        """(box, labelled rows) of each ruled table on page ``index``."""
        from ingest.radicals import ideographs

        out: list[tuple[Box, list[str]]] = []
        try:
            page = self._open().pages[index] if not self._failed else None
            for table in page.find_tables() if page is not None else []:
                rows = [[ideographs(c) if c else c for c in row] for row in table.extract()]
                if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                    lines = table_lines(rows)
                    if lines:
                        out.append((tuple(table.bbox), lines))
        except Exception as error:  # pdfminer's many errors: tables are optional
            logging.getLogger(__name__).info("%s p.%d: no table search (%s)",
                                             self.path.name, index + 1, error)
            return []
        return out

    def _open(self) -> Any:
        if self._pdf is None:
            import pdfplumber

            logging.getLogger("pdfminer").setLevel(logging.ERROR)  # one warning per glyph run
            try:
                self._pdf = pdfplumber.open(str(self.path))
            except Exception:
                self._failed = True
                raise
        return self._pdf

    def close(self) -> None:
        """Close the file if it was opened."""
        if self._pdf is not None:
            self._pdf.close()


def _within(x: float, y: float, box: Box) -> bool:
    """Whether (x, y) lies in ``box`` (left, top, right, bottom)."""
    return box[0] <= x <= box[2] and box[1] <= y <= box[3]


def _split(text: str) -> list[str]:
    """Non-empty lines of pdfium text (CRLF line ends), right-stripped."""
    return [line.rstrip() for line in re.split(r"\r\n|\r|\n", text) if line.strip()]


def table_lines(rows: Sequence[Sequence[str | None]]) -> list[str]:
    """A table as text: its header line, then each row with cells labelled by header.

    The header is the first of the top rows with at most one empty cell, and that
    one first (the corner above a column of row labels); rows above it (spanning
    group titles) stay plain lines.

    >>> table_lines([["組別", None, None], ["園區", "面積", "廠商"], ["甲", "13", "40"]])
    ['組別', '園區 | 面積 | 廠商', '園區：甲，面積：13，廠商：40']
    >>> table_lines([["", "2022年", "2023年"], ["營收", "10", "12"]])
    ['2022年 | 2023年', '營收，2022年：10，2023年：12']
    """
    clean = [[_unwrap(cell or "") for cell in row] for row in rows]
    full = [k for k, row in enumerate(clean[:HEADER_ROWS])
            if all(row[1:]) and (row[0] or len(row) > 2)]
    top = full[0] if full else 0
    header = clean[top]
    lines = [" | ".join(c for c in row if c) for row in clean[:top + 1]]
    for row in clean[top + 1:]:
        cells = [f"{header[j]}：{cell}" if j < len(header) and header[j] else cell
                 for j, cell in enumerate(row) if cell]
        if cells:
            lines.append("，".join(cells))
    return [x for x in lines if x]


def _unwrap(cell: str) -> str:
    """A cell's wrapped lines joined: nothing between CJK characters, else a space.

    >>> _unwrap("標題、字\\n體 and\\nmore")
    '標題、字體 and more'
    """
    out = ""
    for part in cell.split():
        wide = out and ord(out[-1]) > 0x2E7F and ord(part[0]) > 0x2E7F
        out += part if not out or wide else " " + part
    return out


def drop_running(pages: list[list[str]]) -> list[list[str]]:
    """Pages without their running lines (see ``running_lines``), trimmed."""
    gone = running_lines(pages)
    return [_trim([x for i, x in enumerate(lines) if i not in out])
            for lines, out in zip(pages, gone, strict=True)]


def running_lines(pages: Sequence[Sequence[str]]) -> list[set[int]]:
    """Per page, the indexes of its running headers/footers: edge lines repeated on
    most pages (a page number at either end aside), or ending in a number in step
    with the pages, and bare page numbers. The document's first line stays: a
    running header often repeats the title."""
    def key(line: str) -> str:  # a page number at either end is any number
        return re.sub(r"^\d{1,4}(?!\d)|(?<!\d)\d{1,4}$", "#", "".join(line.split()))

    def edges(lines: Sequence[str], first: bool) -> set[int]:
        filled = [i for i, x in enumerate(lines) if x.strip()]
        found = set(filled[:EDGE_LINES]) | set(filled[-EDGE_LINES:])
        return found - set(filled[:1]) if first else found

    counts: Counter[str] = Counter()
    offsets: Counter[int] = Counter()
    for n, lines in enumerate(pages):
        counts.update({key(lines[i]) for i in edges(lines, False)})
        offsets.update({k - n for i in edges(lines, False) for k in _end_numbers(lines[i])})
    least = max(2, RUNNING_SHARE * len(pages))
    numbered = {k for k, c in offsets.items() if c >= max(3, least)}

    def running(line: str, n: int) -> bool:
        return (counts[key(line)] >= least or bool(PAGE_NUMBER.match(line))
                or any(k - n in numbered for k in _end_numbers(line)))

    return [{i for i in edges(lines, n == 0) if running(lines[i], n)}
            for n, lines in enumerate(pages)]


def _trim(lines: list[str]) -> list[str]:
    """Without the empty lines at either end (the room a page leaves at its edges)."""
    filled = [i for i, x in enumerate(lines) if x]
    return lines[filled[0]:filled[-1] + 1] if filled else []


def _end_numbers(line: str) -> set[int]:
    """The number a line ends with (where a running header puts the page).

    >>> _end_numbers("第 2 节 使用说明 5"), _end_numbers("年報 第3頁"), _end_numbers("1. 前言")
    ({5}, {3}, set())
    """
    found = re.findall(r"(?<!\d)(\d{1,4})\s*(?:頁|页)?\s*$", line)
    return {int(n) for n in found}
