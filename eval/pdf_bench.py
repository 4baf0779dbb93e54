"""Adding a report to a library: its PDF against its text, measured in one run;
and rendering a cited PDF page with its passage highlighted.

For each bundled report and its PDF copy (``eval.pdf_copies``): index the other
reports as a library, then time adding the report (the incremental build: read,
chunk, embed only the new report, rebuild BM25, write atomically). The target:
the PDF takes at most 1.2x the text, and nothing else is embedded again.
"""

from __future__ import annotations

import shutil
import statistics
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import Any

TARGET_RATIO = 1.2
TARGET_RENDER_MS = 300.0


def add_seconds(library: Sequence[Path], added: Path, embedder: Any) -> dict[str, Any]:
    """Index ``library`` in a fresh folder, then time adding ``added`` to it."""
    from index.build import build_index

    with tempfile.TemporaryDirectory(prefix="reportqa-bench-") as tmp:
        folder, data = Path(tmp) / "library", Path(tmp) / "data"
        folder.mkdir()
        for path in library:
            shutil.copy2(path, folder / path.name)
        build_index([folder], data, embedder, progress=False)
        shutil.copy2(added, folder / added.name)
        result = build_index([folder], data, embedder, progress=False)
        return {"seconds": round(result.seconds, 3), "embedded": result.embedded,
                "chunks": result.chunks}


def pdf_benchmark(texts: Sequence[Path], pdfs: Sequence[Path], runs: int = 3) -> dict[str, Any]:
    """Median seconds to add each report as text and as PDF, alternating, and the ratio."""
    from index.build import default_embedder

    embedder = default_embedder()
    embedder.embed_documents(["預熱 warm-up"])
    rows = []
    for text, pdf in zip(texts, pdfs, strict=True):
        rest = [p for p in texts if p != text]
        timed: dict[str, list[dict[str, Any]]] = {"text": [], "pdf": []}
        for _ in range(runs):
            timed["text"].append(add_seconds(rest, text, embedder))
            timed["pdf"].append(add_seconds(rest, pdf, embedder))
        text_s = statistics.median(r["seconds"] for r in timed["text"])
        pdf_s = statistics.median(r["seconds"] for r in timed["pdf"])
        rows.append({
            "report": text.stem, "runs": runs,
            "text_add_s": round(text_s, 3), "pdf_add_s": round(pdf_s, 3),
            "ratio": round(pdf_s / text_s, 3),
            "embedded_text": timed["text"][0]["embedded"],
            "embedded_pdf": timed["pdf"][0]["embedded"],
            "library_chunks_after_pdf": timed["pdf"][0]["chunks"],
        })
    worst = max((r["ratio"] for r in rows), default=0.0)
    return {"reports": rows, "worst_ratio": worst, "target_ratio": TARGET_RATIO,
            "meets_target": worst <= TARGET_RATIO}


def render_benchmark(pdfs: Sequence[Path]) -> dict[str, Any]:
    """Milliseconds to render a cited page with its quote highlighted: every page
    of ``pdfs``, the quote being the page's longest line (median and p95)."""
    import time

    from app.web.page_image import render_page
    from eval.metrics import percentile
    from ingest.pdf import pdf_pages

    times = []
    for pdf in pdfs:
        for number, lines in enumerate(pdf_pages(pdf), start=1):
            quote = max(lines, key=len, default="")
            started = time.perf_counter()
            render_page(pdf, number, quote)
            times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times) if times else 0.0
    return {"pages": len(times), "median_ms": round(median, 1),
            "p95_ms": round(percentile(times, 0.95), 1) if times else 0.0,
            "target_ms": TARGET_RENDER_MS, "meets_target": median <= TARGET_RENDER_MS}
