"""Readers and discovery: file types, PDF pages, and one-line errors for bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from ingest import READERS, discover, load_report
from reportqa.errors import ReportQAError

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample_report.txt"


def make_pdf(path: Path, pages: list[list[str]]) -> None:
    """A minimal PDF: one Helvetica text line per entry, one page per list."""
    objs = ["<< /Type /Catalog /Pages 2 0 R >>", "",
            "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>"]
    kids = []
    for lines in pages:
        body = "BT /F1 12 Tf 72 720 Td 14 TL " + " ".join(f"({x}) Tj T*" for x in lines) + " ET"
        objs.append(f"<< /Length {len(body)} >>\nstream\n{body}\nendstream")
        objs.append("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] "
                    f"/Resources << /Font << /F1 3 0 R >> >> /Contents {len(objs)} 0 R >>")
        kids.append(len(objs))
    objs[1] = f"<< /Type /Pages /Kids [{' '.join(f'{k} 0 R' for k in kids)}] /Count {len(kids)} >>"
    out = b"%PDF-1.4\n"
    offsets = []
    for i, obj in enumerate(objs, 1):
        offsets.append(len(out))
        out += f"{i} 0 obj\n{obj}\nendobj\n".encode("latin-1")
    xref = len(out)
    out += f"xref\n0 {len(objs) + 1}\n0000000000 65535 f \n".encode()
    out += "".join(f"{o:010d} 00000 n \n" for o in offsets).encode()
    out += f"trailer\n<< /Size {len(objs) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    path.write_bytes(out)


def test_readers_by_suffix() -> None:
    assert set(READERS) >= {".txt", ".md", ".pdf"}


def test_pdf_pages_known(tmp_path: Path) -> None:
    pdf = tmp_path / "field.pdf"
    make_pdf(pdf, [["Field Report", "1. Introduction", "The park grew fast."],
                   ["2. Findings", "Sales rose by 30%.", "2"]])
    report = load_report(pdf)
    got = [(s.title, s.level, s.page, s.text) for s in report.sections]
    assert got == [
        ("Field Report", 1, 1, ""),
        ("1. Introduction", 1, 1, "The park grew fast."),
        ("2. Findings", 1, 2, "Sales rose by 30%."),
    ]


def test_markdown_read(tmp_path: Path) -> None:
    md = tmp_path / "r.md"
    md.write_text("報告\n\n壹、前言\n內容。\n", encoding="utf-8")
    assert [s.title for s in load_report(md).sections] == ["報告", "壹、前言"]


def test_big5_text_read(tmp_path: Path) -> None:
    path = tmp_path / "big5.txt"
    path.write_bytes("報告\n壹、參訪動機\n為了提升。\n".encode("big5"))
    assert load_report(path).sections[1].title == "壹、參訪動機"


def test_content_hash_is_file_sha256() -> None:
    import hashlib

    report = load_report(SAMPLE)
    assert report.content_hash == hashlib.sha256(SAMPLE.read_bytes()).hexdigest()


@pytest.mark.parametrize(
    ("name", "data", "reason"),
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\n \t\n", "empty"),
        ("binary.txt", bytes(range(256)) * 8, "binary"),
        ("broken.pdf", b"%PDF-1.4 this is not a pdf", "unreadable PDF"),
        ("notes.docx", b"PK\x03\x04", "unreadable DOCX"),
        ("notes.xlsx", b"PK\x03\x04", "unsupported"),
    ],
)
def test_bad_files_one_line_error(tmp_path: Path, name: str, data: bytes, reason: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(ReportQAError) as caught:
        load_report(path)
    message = str(caught.value)
    assert name in message and reason in message and "\n" not in message


def test_discover_files_and_folders(tmp_path: Path) -> None:
    for name in ("b.txt", "a.md", "c.pdf", "skip.xlsx", ".hidden.txt"):
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "d.txt").write_text("x", encoding="utf-8")
    found = discover([tmp_path, SAMPLE])
    assert [p.name for p in found] == ["a.md", "b.txt", "c.pdf", "d.txt", "sample_report.txt"]


def test_discover_missing_path(tmp_path: Path) -> None:
    with pytest.raises(ReportQAError) as caught:
        discover([tmp_path / "nope.txt"])
    assert "nope.txt" in str(caught.value) and caught.value.hint


def test_a_sidecar_title_replaces_the_guessed_one_and_counts_as_a_change(tmp_path: Path) -> None:
    from index.store import file_sha256
    from reportqa.errors import ReportQAError

    report = tmp_path / "r.txt"
    report.write_text("前言--摘要\n\n本報告說明參訪成果。\n", encoding="utf-8")
    assert load_report(report).title == "前言--摘要"
    before = file_sha256(report)
    (tmp_path / "r.txt.meta.json").write_text('{"title": "甲園區參訪報告"}', encoding="utf-8")
    assert load_report(report).title == "甲園區參訪報告"
    assert file_sha256(report) != before  # a new title re-indexes the report
    (tmp_path / "r.txt.meta.json").write_text("{title:", encoding="utf-8")
    with pytest.raises(ReportQAError) as err:
        load_report(report)
    assert "r.txt.meta.json" in str(err.value) and len(str(err.value).splitlines()) == 1


def test_the_bundled_2023_report_has_its_title_from_its_sidecar() -> None:
    bundled = Path(__file__).resolve().parent.parent / "data" / "reports"
    assert load_report(bundled / "002_0c5635003b02826e.txt").title.startswith("ASPA 科學園區創新展")
