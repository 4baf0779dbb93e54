"""Which PDF library reads report PDFs best: pypdfium2, pdfplumber, pypdf.

On the PDF copies of the bundled reports (``python -m eval.pdf_copies DIR``),
for each library: seconds to read all pages (median of 3), CJK radical code
points returned (⼤ for 大), and the share of the original's lines found on the
right page (radicals normalised first). Writes benchmarks/pdf_readers.json.

    python scripts/compare_pdf_readers.py DIR
"""

from __future__ import annotations

import json
import statistics
import sys
import time
from collections.abc import Callable
from pathlib import Path

from eval.pdf_copies import pages_of
from index.store import default_reports
from ingest.radicals import ideographs
from ingest.readers import discover, read

OUT = Path(__file__).resolve().parent.parent / "benchmarks" / "pdf_readers.json"


def by_pypdfium2(path: Path) -> list[str]:
    import pypdfium2 as pdfium

    doc = pdfium.PdfDocument(str(path))
    try:
        return [page.get_textpage().get_text_range() for page in doc]
    finally:
        doc.close()


def by_pdfplumber(path: Path) -> list[str]:
    import pdfplumber

    with pdfplumber.open(str(path)) as pdf:
        return [page.extract_text() or "" for page in pdf.pages]


def by_pypdf(path: Path) -> list[str]:
    from pypdf import PdfReader

    return [page.extract_text() or "" for page in PdfReader(str(path)).pages]


READERS: dict[str, Callable[[Path], list[str]]] = {
    "pypdfium2": by_pypdfium2, "pdfplumber": by_pdfplumber, "pypdf": by_pypdf,
}


def squash(text: str) -> str:
    return "".join(ideographs(text).split())


def measure(name: str, reader: Callable[[Path], list[str]], texts: list[Path],
            pdfs: Path) -> dict[str, object]:
    seconds, radicals, found, lines = [], 0, 0, 0
    for text in texts:
        pdf = pdfs / f"{text.stem}.pdf"
        runs = []
        for _ in range(3):
            started = time.perf_counter()
            pages = reader(pdf)
            runs.append(time.perf_counter() - started)
        seconds.append(statistics.median(runs))
        radicals += sum(1 for page in pages for c in page if 0x2E80 <= ord(c) <= 0x2FDF)
        for original, page in zip(pages_of(read(text)), pages, strict=False):
            flat = squash(page)
            for line in filter(None, original):
                lines += 1
                found += squash(line) in flat
    return {"library": name, "seconds": round(sum(seconds), 3), "radicals": radicals,
            "lines_on_their_page": round(found / max(lines, 1), 4)}


def main() -> None:
    pdfs = Path(sys.argv[1])
    texts = discover(default_reports()[:1])
    rows = []
    for name, reader in READERS.items():
        try:
            rows.append(measure(name, reader, texts, pdfs))
        except ImportError:
            rows.append({"library": name, "skipped": f"pip install {name}"})
    OUT.write_text(json.dumps({"reports": [t.name for t in texts], "libraries": rows},
                              ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    for row in rows:
        print(row)


if __name__ == "__main__":
    main()
