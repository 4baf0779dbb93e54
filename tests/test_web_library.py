"""The web chat's report library without gradio: upload, duplicates, limits,
remove, the table, the page image of a cited PDF and the Markdown export."""

from __future__ import annotations

import shutil
from collections.abc import Sequence
from pathlib import Path

import pytest

from app.backends.extractive import ExtractiveBackend
from app.pipeline import Pipeline
from app.refusal import EvidenceScorer
from app.web.chat import ChatController, Turn
from app.web.library import WebLibrary, limited
from app.web.page_image import render_page
from reportqa.errors import ReportQAError
from tests.answer_fakes import FixedRetriever, ScriptedBackend, chunk

PDF = Path(__file__).parent / "data" / "pdf" / "park_report.pdf"


@pytest.fixture
def library(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[WebLibrary, list[int]]:
    reports = tmp_path / "bundled"
    reports.mkdir()
    (reports / "base.txt").write_text("基地報告\n\n壹、概況\n基地成立於二〇〇一年。\n", "utf-8")
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("REPORTQA_REPORTS", str(reports))
    reloads: list[int] = []
    return WebLibrary(None, lambda: reloads.append(1)), reloads


def test_upload_adds_readable_files_and_names_the_rest(
    library: tuple[WebLibrary, list[int]], tmp_path: Path
) -> None:
    web, reloads = library
    broken = tmp_path / "broken.docx"
    broken.write_bytes(b"PK\x03\x04 no zip")
    message = web.upload([PDF, broken])
    assert "已加入：park_report.pdf" in message
    assert "略過 broken.docx: unreadable DOCX" in message
    assert reloads == [1]  # re-indexed once, for the one report added
    assert web.own() == ["park_report.pdf"] and set(web.pdfs()) == {"park_report.pdf"}
    assert "park_report.pdf" in web.table_html() and "尚未索引" in web.table_html()


def test_an_upload_that_fails_to_index_leaves_the_library_as_it_was(
    library: tuple[WebLibrary, list[int]]
) -> None:
    web, _ = library

    def broken_index() -> None:
        raise ReportQAError("the index could not be written", hint="free some disk space")

    web.reload = broken_index
    message = web.upload([PDF])
    assert message.startswith("未加入 park_report.pdf：the index could not be written")
    assert web.own() == []


def test_the_same_content_twice_is_recognised(
    library: tuple[WebLibrary, list[int]], tmp_path: Path
) -> None:
    web, reloads = library
    web.upload([PDF])
    copy = tmp_path / "copy_of_report.pdf"
    shutil.copyfile(PDF, copy)
    message = web.upload([copy])
    assert message == "已在資料庫中：copy_of_report.pdf (the same content as park_report.pdf)"
    assert reloads == [1]


def test_a_file_over_the_size_limit_is_refused(
    library: tuple[WebLibrary, list[int]], monkeypatch: pytest.MonkeyPatch
) -> None:
    web, _ = library
    monkeypatch.setenv("REPORTQA_MAX_REPORT_MB", "0.1")
    message = web.upload([PDF])
    assert "over the 0.1 MB limit" in message and "REPORTQA_MAX_REPORT_MB" in message
    assert web.own() == []


def test_remove_takes_out_only_own_reports(library: tuple[WebLibrary, list[int]]) -> None:
    web, reloads = library
    web.upload([PDF])
    assert web.remove("base.txt").startswith("無法移除：base.txt is a bundled report")
    assert web.remove("park_report.pdf") == "已移除：park_report.pdf"
    assert web.own() == [] and reloads == [1, 1]
    assert web.remove(None) == "請先選擇要移除的報告。"


def test_no_report_selected_is_a_clear_error() -> None:
    pipeline = Pipeline(FixedRetriever([]), ScriptedBackend("x"), EvidenceScorer([]))
    with pytest.raises(ReportQAError, match="no report is selected"):
        limited(pipeline, [], ["a.txt"])
    assert limited(pipeline, ["a.txt"], ["a.txt"]) is pipeline  # all chosen: unchanged


def test_a_cited_pdf_page_is_shown_with_its_passage(
    library: tuple[WebLibrary, list[int]]
) -> None:
    web, _ = library
    web.upload([PDF])
    row = "園區：南園區，面積（公頃）：75，進駐廠商：41，年營業額（億元）：163"
    cited = chunk(2, row, doc="park_report.pdf", path=("參、各園區面積與廠商",))  # page 2
    pipeline = Pipeline(
        retriever=FixedRetriever([cited]), backend=ScriptedBackend(f"「{row}」[1]"),
        scorer=EvidenceScorer([row]), k=1,
    )
    controller = ChatController(lambda name: pipeline, ["fake"], "fake", library=web)
    *_, (_, turns, panel, _) = list(controller.respond("南園區有幾家廠商?", [], "fake"))
    assert 'class="page-view"' in panel and "data:image/jpeg;base64," in panel
    assert "第 2 頁" in panel
    markdown = controller.markdown(turns)
    assert markdown.startswith("**問：** 南園區有幾家廠商?")
    assert "1. park_report.pdf › 參、各園區面積與廠商，第 2 頁" in markdown
    assert controller.markdown([Turn("q", error="down")]) == ""


def test_rendered_page_is_a_jpeg_with_the_quote_highlighted() -> None:
    import io

    import numpy as np
    from PIL import Image

    plain = Image.open(io.BytesIO(render_page(PDF, 3)))
    marked = Image.open(io.BytesIO(render_page(PDF, 3, "管理處並設立職涯輔導窗口")))
    assert plain.format == "JPEG" and plain.size == marked.size and plain.width > 800
    def yellow(image: Image.Image) -> int:
        rgb = np.asarray(image).astype(int)
        return int(((rgb[..., 0] > 230) & (rgb[..., 1] > 200) & (rgb[..., 2] < 170)).sum())

    assert yellow(marked) > 1000 and yellow(plain) == 0


def test_chosen_reports_limit_the_passages_the_answer_reads() -> None:
    north = chunk(1, "北園區有八十六家廠商進駐。", doc="north.txt")
    south = chunk(2, "南園區有四十一家廠商進駐。", doc="south.txt")

    def narrow(files: Sequence[str]) -> FixedRetriever:
        return FixedRetriever([c for c in (north, south) if c.doc in files])

    pipeline = Pipeline(
        retriever=FixedRetriever([north, south]), backend=ExtractiveBackend(),
        scorer=EvidenceScorer([north.text, south.text]), k=2, narrow=narrow,
    )
    every = ["north.txt", "south.txt"]
    answer = limited(pipeline, ["south.txt"], every).answer("園區有幾家廠商進駐？")
    assert {c.doc for c in answer.citations} == {"south.txt"}
    assert limited(pipeline, every, every) is pipeline
    with pytest.raises(ReportQAError, match="no longer in the library"):
        limited(pipeline, ["gone.txt"], every)
