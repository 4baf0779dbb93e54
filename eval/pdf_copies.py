"""PDF copies of text reports, printed by Chromium: the eval's PDFs.

Each page of the original (as the text report's page map places its lines)
becomes one PDF page, with a running header (the report's title) and a footer
(the page number), as office-printed reports have. The same eval questions asked
of the copies should score as they do on the text; every citation's page can be
checked against the PDF's own pages.

Needs Playwright's Python package and Debian's Chromium with a CJK font
(``apt-get install -y chromium fonts-noto-cjk``).

    python -m eval.pdf_copies OUT_DIR [REPORT.txt ...]

>>> pages_of("甲\\n\\n乙\\f丙\\n")
[['甲', '', '乙'], ['丙']]
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Sequence
from pathlib import Path

from ingest.lines import split_lines
from ingest.parse import source_pages
from ingest.readers import read

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--no-first-run"]
PAGE_MM = (210, 297)
MARGIN_MM = 22
SIDE_MM = 18
WRAP_AT = 50  # longer lines (whole paragraphs) wrap, as in the original
LINE_HEIGHT = 1.4
MAX_PT = 11.0
_CSS = """
@page {{ size: A4; margin: {m}mm {side}mm; }}
body {{ font-family: 'Noto Sans CJK TC', sans-serif; font-size: {pt:.2f}pt;
        line-height: {lh}; margin: 0; }}
.page {{ break-after: page; white-space: pre-wrap; }}
.page:last-child {{ break-after: auto; }}
"""
_HEADER = ('<div style="font-size:8pt;width:100%;text-align:center;color:#555;'
           'font-family:\'Noto Sans CJK TC\'">{title}</div>')
_FOOTER = ('<div style="font-size:8pt;width:100%;text-align:center;'
           'font-family:\'Noto Sans CJK TC\'">- <span class="pageNumber"></span> -</div>')


def pages_of(text: str) -> list[list[str]]:
    """The text's lines grouped by page, as its page map places them; blank
    lines kept (a paragraph break) except at the top of a page."""
    pm = source_pages(text)
    pages: dict[int, list[str]] = {}
    for line in split_lines(text):
        if line.kind not in ("break", "page"):
            page = pm.at(line.start)[0] or 1
            lines = pages.setdefault(page, [])
            shown = line.text.strip()
            if line.kind == "toc":  # dot leaders, as printed contents pages have
                shown = re.sub(r"\s*\t+\s*", " …… ", text[line.start:line.end].strip())
            if shown or lines:
                lines.append(shown)
    last = max(pages, default=0)
    return [pages.get(n, []) for n in range(1, last + 1)]


def page_html(title: str, pages: Sequence[Sequence[str]], shrink: float = 1.0) -> str:
    """One HTML document, one ``.page`` block per page, sized so no page overflows
    (``shrink`` < 1 makes the type smaller where long lines wrap)."""
    most = max((len(p) for p in pages), default=1)
    longest = min(WRAP_AT, max((len(x) for p in pages for x in p), default=1))
    tall = (PAGE_MM[1] - 2 * MARGIN_MM) * 72 / 25.4
    wide = (PAGE_MM[0] - 2 * SIDE_MM) * 72 / 25.4
    pt = min(MAX_PT, tall / (most * LINE_HEIGHT) * 0.97, wide / longest * 0.97) * shrink
    blocks = "".join(
        f'<div class="page">{html.escape(chr(10).join(lines))}</div>' for lines in pages
    )
    css = _CSS.format(m=MARGIN_MM, side=SIDE_MM, pt=pt, lh=LINE_HEIGHT)
    return f"<html><head><meta charset='utf-8'><title>{html.escape(title)}</title>" \
           f"<style>{css}</style></head><body>{blocks}</body></html>"


def print_pdfs(reports: Sequence[Path], out: Path) -> list[Path]:
    """Print each text report to ``out/<stem>.pdf``; the paths written."""
    from reportqa.errors import MissingExtra, ReportQAError

    try:
        from playwright.sync_api import sync_playwright
    except ImportError as error:
        raise MissingExtra("playwright", "PDF copies", "pip install -e '.[dev]'") from error
    if not CHROMIUM.exists():
        raise ReportQAError(f"printing PDF copies needs Chromium at {CHROMIUM}",
                            hint="apt-get install -y chromium fonts-noto-cjk")

    out.mkdir(parents=True, exist_ok=True)
    written = []
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        page = browser.new_page()
        for report in reports:
            text = read(report)
            title = next((x.strip() for x in text.splitlines() if x.strip()), report.stem)
            pages = pages_of(text)
            target = out / f"{report.stem}.pdf"
            shrink = 1.0
            while True:  # smaller type until every page fits on one PDF page
                page.set_content(page_html(title, pages, shrink))
                page.pdf(path=str(target), format="A4", display_header_footer=True,
                         header_template=_HEADER.format(title=html.escape(title[:40])),
                         footer_template=_FOOTER, print_background=False)
                if _page_count(target) <= len(pages) or shrink < 0.5:
                    break
                shrink *= 0.92
            written.append(target)
        browser.close()
    return written


def _page_count(path: Path) -> int:
    """How many pages the PDF at ``path`` has."""
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return len(doc)
    finally:
        doc.close()


def main(argv: Sequence[str]) -> int:
    """``python -m eval.pdf_copies OUT_DIR [REPORT ...]`` (default: the bundled reports)."""
    if not argv:
        print(__doc__.split(">>>")[0].strip(), file=sys.stderr)
        return 2
    from index.store import default_reports
    from ingest.readers import discover

    reports = discover([Path(a) for a in argv[1:]] or default_reports())
    for path in print_pdfs(reports, Path(argv[0])):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
