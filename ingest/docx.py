"""Read a Word (.docx) report: paragraphs and tables in document order (python-docx).

Paragraphs styled as headings ("Heading 2", "標題 2", "Title") become Markdown
headings, so the parser nests them by level; tables become one line per row,
cells labelled by their column headers (as for PDFs, ``ingest.pdf.table_lines``).
A DOCX has no fixed pages (Word lays them out when it opens the file), so its
passages are cited without page numbers.

>>> [heading_level(s) for s in ("Heading 2", "標題 3", "Title", "Normal")]
[2, 3, 1, None]
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ingest.pdf import table_lines
from reportqa.errors import ReportQAError

_HEADING = re.compile(r"^(?:heading|標題|标题)\s*(\d)$", re.IGNORECASE)
_FIX = "check the file opens in Word, or save it again as .docx or .pdf"


def heading_level(style: str) -> int | None:
    """The heading level a paragraph style stands for, or None."""
    if style.strip().lower() == "title":
        return 1
    found = _HEADING.match(style.strip())
    return int(found.group(1)) if found else None


def read_docx(path: Path) -> str:
    """The text of a DOCX: headings as ``#`` lines, paragraphs, tables row by row."""
    try:
        import docx
        from docx.table import Table
    except ImportError as error:  # pragma: no cover - a dependency
        raise ReportQAError("reading DOCX needs python-docx",
                            hint="pip install python-docx") from error
    try:
        document = docx.Document(str(path))
    except Exception as error:  # zip, XML and package errors all mean: not a readable DOCX
        reason = str(error).splitlines()[0][:80] if str(error) else type(error).__name__
        raise ReportQAError(f"{path.name}: unreadable DOCX ({reason})", hint=_FIX) from None
    lines: list[str] = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            rows = [_cells(row.cells) for row in block.rows]
            if rows:
                lines += ["", *table_lines(rows), ""]
            continue
        text = block.text.strip()
        if not text:
            continue
        level = heading_level(block.style.name if block.style is not None else "")
        lines.append(f"{'#' * level} {text}" if level else text)
        lines.append("")
    return "\n".join(lines).strip() + "\n"


def _cells(cells: Sequence[Any]) -> list[str | None]:
    """A row's cell texts, a merged cell (python-docx returns it once per grid
    column it spans, the same XML element) given once, then None."""
    out: list[str | None] = []
    for k, cell in enumerate(cells):
        merged = k > 0 and cell._tc is cells[k - 1]._tc
        out.append(None if merged else cell.text)
    return out
