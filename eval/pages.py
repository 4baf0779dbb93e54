"""Whether each citation of a PDF report names the page that holds its quote.

The PDF's own pages are read again (text only, as ``ingest.pdf`` reads them) and
a quote counts as held by page n when it starts on page n: it lies in page n, or
begins there and runs on into page n + 1. Text reports have no pages to check.

>>> book = PdfPages({"r.pdf": ["甲園區成立。乙", "園區擴建。"]})
>>> book.held("r.pdf", 1, "甲園區成立。"), book.held("r.pdf", 1, "乙園區擴建。")
(True, True)
>>> book.held("r.pdf", 2, "甲園區成立。"), book.held("r.txt", 1, "甲") is None
(False, True)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

from eval.metrics import normalize


class PdfPages:
    """The normalised text of every page of some PDF reports, by file name."""

    def __init__(self, pages: Mapping[str, Sequence[str]]) -> None:
        self._pages = {doc: [normalize(p) for p in texts] for doc, texts in pages.items()}

    @classmethod
    def read(cls, files: Iterable[Path]) -> PdfPages:
        """The pages of each readable PDF among ``files``."""
        from ingest.pdf import pdf_pages
        from ingest.radicals import ideographs
        from reportqa.errors import ReportQAError

        found: dict[str, list[str]] = {}
        for path in files:
            if path.suffix.lower() != ".pdf":
                continue
            try:
                pages = pdf_pages(path)
            except ReportQAError:
                continue
            found[path.name] = [ideographs("".join(lines)) for lines in pages]
        return cls(found)

    def held(self, doc: str, page: int | None, quote: str) -> bool | None:
        """Whether ``quote`` starts on ``page`` of ``doc`` (None: not a PDF read here)."""
        pages = self._pages.get(doc)
        if pages is None:
            return None
        if page is None or not 1 <= page <= len(pages):
            return False
        here = pages[page - 1]
        wanted = normalize(quote)
        if wanted in here:
            return True
        after = pages[page] if page < len(pages) else ""
        at = (here + after).find(wanted)
        return 0 <= at < len(here)

    def __bool__(self) -> bool:
        return bool(self._pages)
