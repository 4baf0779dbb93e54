"""PDFs as PDFs: the PDF's own pages, tables row by row, no running lines, radicals read right.

Fixtures (tests/data/pdf, see its README): ``park_report.pdf``, made up here and
printed by Chromium (scripts/make_test_pdfs.py); ``zhlipsum.pdf`` and
``TeX-Word-Diff.pdf``, real Chinese PDFs from TeX Live that nobody here wrote.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from eval.pages import PdfPages
from ingest import load_report
from ingest.chunk import chunk_section
from ingest.pdf import drop_running, pdf_pages, table_lines
from ingest.readers import read
from reportqa.errors import ReportQAError
from tests.test_ingest_readers import make_pdf

PDFS = Path(__file__).parent / "data" / "pdf"
PARK = PDFS / "park_report.pdf"


def test_sections_on_their_own_pages() -> None:
    report = load_report(PARK)
    pages = {s.title: (s.page, s.page_estimated) for s in report.sections}
    assert pages["壹、園區概況"] == (1, False)
    assert pages["參、各園區面積與廠商"] == (2, False)
    assert pages["伍、未來規劃"] == (3, False)


def test_running_header_and_footer_are_dropped() -> None:
    text = read(PARK)
    assert text.count("示範市產業園區年度報告") == 1  # the title line stays, once
    assert "第 2 頁" not in text and "第 3 頁" not in text


def test_ruled_table_is_kept_row_by_row_with_its_headers() -> None:
    text = read(PARK)
    assert "園區：南園區，面積（公頃）：75，進駐廠商：41，年營業額（億元）：163" in text
    section = next(s for s in load_report(PARK).sections if s.title.startswith("參、"))
    assert "園區：東園區" in section.text


def test_a_paragraph_across_a_page_break_cites_the_page_of_each_sentence() -> None:
    section = next(s for s in load_report(PARK).sections if s.title == "肆、人才培育")
    chunk = next(c for c in chunk_section(section, size=2000, overlap=0))
    first = chunk.text.index("園區與鄰近三所大學")
    later = chunk.text.index("管理處並設立職涯輔導窗口")
    assert (chunk.page_at(first), chunk.page_at(later)) == (2, 3)
    book = PdfPages.read([PARK])
    assert book.held(PARK.name, 3, "管理處並設立職涯輔導窗口，協助實習學生媒合職缺。")
    assert not book.held(PARK.name, 2, "管理處並設立職涯輔導窗口，協助實習學生媒合職缺。")


def test_real_pdf_headings_pages_and_no_running_headers() -> None:
    report = load_report(PDFS / "zhlipsum.pdf")
    pages = {s.title: s.page for s in report.sections}
    assert pages["第3节编程接口"] == 3 and pages["第5节已知问题"] == 4
    # the running header "第 3 节 编程接口 3" names the section and the page: gone
    body = "\n".join(s.text for s in report.sections)
    assert "编程接口 3" not in body and "简介 2" not in body


def test_real_pdf_table_keeps_labels() -> None:
    text = read(PDFS / "TeX-Word-Diff.pdf")
    assert "排版规模 | 短文 | 文章 | 长文 | 书籍 | 复杂的书籍" in text
    assert "复杂的书籍：在书本的基础上：程序代码着色、条件式排版等" in text


def test_radicals_read_as_ideographs(tmp_path: Path) -> None:
    note = tmp_path / "note.txt"
    note.write_text("⼈⺠政府⼤樓於今年落成。\n", encoding="utf-8")
    assert read(note) == "人民政府大樓於今年落成。\n"


def test_every_page_number_style_is_dropped_at_the_edges() -> None:
    pages = [["Annual Report", f"Body {n}.", f"Page {n} of 4"] for n in range(1, 5)]
    kept = drop_running(pages)
    assert kept[0] == ["Annual Report", "Body 1."] and kept[3] == ["Body 4."]


def test_table_labels_cells_by_the_first_full_row_and_skips_empty_cells() -> None:
    assert table_lines([["項目", "數值"], ["員工", None]]) == ["項目 | 數值", "項目：員工"]


def test_header_numbered_with_the_page_is_dropped() -> None:
    pages = [[f"年度報告 第{n}頁", f"正文第{n}段。"] for n in range(1, 5)]
    assert drop_running(pages)[1:] == [["正文第2段。"], ["正文第3段。"], ["正文第4段。"]]


def test_pdf_without_text_layer_is_refused_with_the_fix(tmp_path: Path) -> None:
    scan = tmp_path / "scan.pdf"
    make_pdf(scan, [[], []])
    with pytest.raises(ReportQAError) as caught:
        pdf_pages(scan)
    assert "no text layer" in caught.value.message and "OCR" in str(caught.value)
