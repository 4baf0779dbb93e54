"""The report library in a real headless Chromium: upload a PDF and watch it being
indexed, ask a question whose answer sits in one of its tables, click the
citation and see the PDF page with the passage highlighted; then take the report
out again. Saves docs/screenshot-pdf.png for the README.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from tests.test_browser import MARKS, open_page
from tests.test_web_server import running_server

PDF = Path(__file__).parent / "data" / "pdf" / "park_report.pdf"
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshot-pdf.png"

pytestmark = MARKS


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # a data folder of its own: the upload must not reach the other browser tests
    with running_server(tmp_path_factory.mktemp("library-web")) as url:
        yield url


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    with open_page(server, viewport={"width": 1400, "height": 1100}) as tab:
        yield tab


def test_upload_ask_a_table_question_and_see_the_page(page: Any, tmp_path: Path) -> None:
    page.wait_for_selector("#question textarea", timeout=60_000)
    page.get_by_text("報告資料庫：上傳、移除").click()
    page.set_input_files("#upload input[type=file]", str(PDF))
    # the progress of reading and embedding shows while the report is added
    page.wait_for_selector(".progress-text, .eta-bar, .progress-level", timeout=60_000)
    page.wait_for_function(
        "() => document.querySelector('#upload-status').innerText.includes('已加入')",
        timeout=180_000)
    assert "park_report.pdf" in page.locator("#library-table").inner_text()
    assert "示範市產業園區年度報告" in page.locator(".intro").inner_text()

    page.fill("#question textarea", "南園區的進駐廠商有幾家？")
    page.click("#send")
    page.wait_for_selector("#sources details.src", timeout=120_000)
    assert "41" in page.locator("#chat").inner_text()
    # the citation of the table row (南園區's cells, labelled by the column headers),
    # among the quotes its card highlights
    target = page.evaluate("""() => [...document.querySelectorAll('#sources details.src')]
        .find(card => [...card.querySelectorAll('.src-text mark')]
                          .some(mark => mark.innerText.includes('園區：南園區'))).id""")
    cite = page.locator(f"#chat a.cite[href='#{target}']").first
    cite.click()
    card = page.locator(f"#sources #{target}")
    card.wait_for(state="visible", timeout=10_000)
    image = card.locator(".page-view img.page-img")
    image.wait_for(state="visible", timeout=10_000)  # the click opened the page view
    assert "第 2 頁" in card.locator(".page-view summary").inner_text()
    assert page.evaluate(
        f"() => document.querySelector('#{target} img.page-img').naturalWidth") > 500

    card.scroll_into_view_if_needed()
    page.wait_for_timeout(300)
    shot = tmp_path / "shot.png"
    page.screenshot(path=str(shot), full_page=False)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)

    page.click("#to-markdown")
    page.wait_for_function(
        "() => document.querySelector('#markdown').innerText.includes('第 2 頁')",
        timeout=10_000)

    page.locator("#remove-name input").fill("park_report.pdf")
    page.keyboard.press("Enter")
    page.click("#remove")
    page.wait_for_function(
        "() => document.querySelector('#upload-status').innerText.includes('已移除')",
        timeout=180_000)
    assert "park_report.pdf" not in page.locator("#library-table").inner_text()
