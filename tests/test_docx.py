"""Word reports: headings nest by style, tables keep their labelled rows, broken files say so."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import load_report
from ingest.readers import read
from reportqa.errors import ReportQAError


def make_docx(path: Path) -> None:
    """A made-up two-chapter Word report with a table."""
    import docx

    document = docx.Document()
    document.add_heading("示範園區年報", level=0)
    document.add_heading("壹、概況", level=1)
    document.add_paragraph("示範園區成立於二〇一〇年，位於河港旁。")
    document.add_heading("一、廠商", level=2)
    table = document.add_table(rows=3, cols=2)
    for row, cells in zip(table.rows, [("類別", "家數"), ("精密機械", "42"), ("生物科技", "17")],
                          strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    document.add_heading("貳、展望", level=1)
    document.add_paragraph("明年將擴建第二期用地。")
    document.save(str(path))


def test_headings_nest_and_tables_keep_labels(tmp_path: Path) -> None:
    path = tmp_path / "annual.docx"
    make_docx(path)
    report = load_report(path)
    paths = [s.path for s in report.sections]
    assert ("壹、概況", "一、廠商") in [p[-2:] for p in paths]
    body = next(s for s in report.sections if s.title == "一、廠商").text
    assert "類別：精密機械，家數：42" in body and "類別：生物科技，家數：17" in body
    assert all(s.page is None for s in report.sections)  # a DOCX has no fixed pages


@pytest.mark.parametrize("data", [b"PK\x03\x04 not really a zip", b""])
def test_broken_docx_is_one_clear_line(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "broken.docx"
    path.write_bytes(data)
    with pytest.raises(ReportQAError) as caught:
        read(path)
    assert "broken.docx" in caught.value.message and "\n" not in str(caught.value)


def test_equal_neighbouring_cells_are_both_kept_and_a_merged_cell_once(tmp_path: Path) -> None:
    import docx

    document = docx.Document()
    table = document.add_table(rows=3, cols=3)
    for row, cells in zip(table.rows, [("園區", "2022年", "2023年"), ("甲園", "10", "10"),
                                       ("乙園", "7", "9")], strict=True):
        for cell, text in zip(row.cells, cells, strict=True):
            cell.text = text
    title = document.tables[0].add_row().cells  # type: ignore[no-untyped-call]
    title[0].merge(title[2]).text = "單位：家"
    path = tmp_path / "t.docx"
    document.save(str(path))
    text = read(path)
    assert "園區：甲園，2022年：10，2023年：10" in text
    assert "園區：單位：家" in text and "單位：家，" not in text
