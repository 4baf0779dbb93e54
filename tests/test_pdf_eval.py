"""The eval on PDF copies of the bundled reports: the same questions score within
0.02 of the text reports' accepted figures (eval/baseline.json), and every
citation names the PDF page that holds its quote.

The copies are printed by Debian's Chromium (``eval.pdf_copies``), one PDF page
per page of the original, with a running header and a page-number footer.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from eval import gate
from eval.pdf_copies import CHROMIUM
from eval.schema import DEFAULT_QA, TEST_QA, load_qa

SETS = {"dev": DEFAULT_QA, "test": TEST_QA}

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="needs /usr/bin/chromium: apt-get install -y chromium fonts-noto-cjk",
)


@pytest.fixture(scope="module")
def copies(tmp_path_factory: pytest.TempPathFactory) -> Path:
    from eval.pdf_copies import print_pdfs
    from index.store import default_reports
    from ingest.readers import discover

    out = tmp_path_factory.mktemp("pdf-copies")
    print_pdfs(discover(default_reports()[:1]), out)
    return out


@pytest.fixture(scope="module")
def runs(copies: Path) -> dict[str, dict[str, Any]]:
    from app.factory import build_pipeline
    from eval.pages import PdfPages
    from eval.runner import evaluate

    pipeline = build_pipeline(copies, "extractive", None, progress=False)
    pages = PdfPages.read(sorted(copies.glob("*.pdf")))
    return {name: evaluate(load_qa(path), {"ours": pipeline}, False, pages=pages).summary
            for name, path in SETS.items()}


def test_copies_have_the_pages_of_the_original(copies: Path) -> None:
    from eval.pdf_copies import _page_count, pages_of
    from index.store import default_reports
    from ingest.readers import discover, read

    for text in discover(default_reports()[:1]):
        assert _page_count(copies / f"{text.stem}.pdf") == len(pages_of(read(text)))


@pytest.mark.parametrize("name", list(SETS))
def test_pdf_figures_within_tolerance_of_the_text(runs: dict[str, Any], name: str) -> None:
    accepted = gate.read_baseline()["sets"][name]
    problems = gate.check(runs[name], {"tolerance": 0.02, **accepted})
    assert not problems, "\n".join([f"{name} set on PDF copies:", *problems])


@pytest.mark.parametrize("name", list(SETS))
def test_every_citation_names_the_page_of_its_quote(runs: dict[str, Any], name: str) -> None:
    assert runs[name]["answer"]["citation_pages"] == 1.0
