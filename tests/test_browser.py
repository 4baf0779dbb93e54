"""The web chat in a real headless Chromium: ask, watch the answer stream, open a citation.

Needs Debian's Chromium (``apt-get install -y chromium chromium-driver``) and
Playwright's Python package; no browser is downloaded. Saves a screenshot to
docs/screenshot.png.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from tests.test_web_server import running_server, shared_data_dir

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SCREENSHOT = Path(__file__).resolve().parent.parent / "docs" / "screenshot.png"
QUESTION = "紫竹高新區的股東結構?"

MARKS = [
    pytest.mark.browser,
    pytest.mark.skipif(
        not CHROMIUM.exists(),
        reason="needs /usr/bin/chromium: apt-get install -y chromium chromium-driver",
    ),
]
pytestmark = MARKS


@contextmanager
def open_page(url: str, **options: Any) -> Iterator[Any]:
    """A tab of a headless Chromium on ``url`` (desktop size, zh-TW unless ``options`` say)."""
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(**{"viewport": {"width": 1400, "height": 1000},
                                  "locale": "zh-TW", **options})
        tab.goto(url)
        try:
            yield tab
        finally:
            browser.close()


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with running_server(shared_data_dir(tmp_path_factory)) as url:
        yield url


@pytest.fixture
def page(server: str) -> Iterator[Any]:
    sync_api = pytest.importorskip("playwright.sync_api")
    with sync_api.sync_playwright() as p:
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        tab = browser.new_page(viewport={"width": 1400, "height": 1000}, locale="zh-TW")
        outside: list[str] = []
        tab.on("request", lambda r: outside.append(r.url)
               if not r.url.startswith(("http://127.0.0.1", "data:", "blob:")) else None)
        tab.goto(server)
        yield tab
        browser.close()
        assert outside == [], f"the page fetched from outside 127.0.0.1: {outside[:5]}"


def test_ask_stream_and_open_a_citation(page: Any, tmp_path: Path) -> None:
    page.wait_for_selector("#question textarea", timeout=60_000)
    header = page.locator(".intro").inner_text()
    assert "ReportQA" in header and "資料來源" in header and "上海" in header
    page.locator("#backend").wait_for(state="visible", timeout=30_000)  # (a loaded machine)
    assert page.locator("#backend").is_visible()

    page.fill("#question textarea", QUESTION)
    page.click("#send")
    page.wait_for_selector("#chat a.cite", timeout=120_000)  # the answer streamed in
    page.wait_for_selector("#sources details.src", timeout=120_000)  # and finished
    assert QUESTION in page.locator("#chat").inner_text()
    reply = page.locator("#chat .message.bot, #chat [data-testid='bot']").last.inner_text()
    assert len(reply.strip()) > 10

    cite = page.locator("#chat a.cite").first
    target = (cite.get_attribute("href") or "").lstrip("#")
    assert target.startswith("src-0-")
    cite.click()
    card = page.locator(f"#sources #{target}")
    card.wait_for(state="visible", timeout=10_000)
    page.wait_for_function(
        f"() => document.getElementById('{target}').classList.contains('active')", timeout=10_000)
    assert card.locator(".src-path").inner_text().strip()  # its section path
    assert "參訪報告" in card.locator(".src-title").inner_text()  # its report title
    assert card.locator(".src-text mark").count() >= 1  # the supporting sentence

    page.evaluate("window.scrollTo(0, 0)")
    page.wait_for_timeout(400)
    shot = tmp_path / "screenshot.png"
    page.screenshot(path=str(shot), full_page=True)
    SCREENSHOT.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(shot, SCREENSHOT)
    assert SCREENSHOT.stat().st_size > 10_000


def test_follow_up_new_chat_and_feedback(page: Any, tmp_path_factory: pytest.TempPathFactory
                                         ) -> None:
    page.wait_for_selector("#question textarea", timeout=60_000)
    page.fill("#question textarea", QUESTION)
    page.keyboard.press("Enter")
    page.wait_for_selector("#sources details.src", timeout=120_000)
    page.fill("#question textarea", "那張江呢？")
    page.click("#send")
    page.wait_for_selector("#chat .searched", timeout=120_000)
    assert "搜尋" in page.locator("#chat .searched").last.inner_text()

    page.get_by_text("對最後一個回答評分").click()
    page.fill("#comment textarea", "瀏覽器測試")
    page.click("#thumbs-up")
    page.wait_for_function(
        "() => document.querySelector('#feedback-status').innerText.includes('感謝')",
        timeout=10_000)
    feedback = shared_data_dir(tmp_path_factory) / "feedback.jsonl"
    assert "瀏覽器測試" in feedback.read_text("utf-8")

    page.click("#new-chat")
    page.wait_for_function("() => document.querySelectorAll('#chat a.cite').length === 0",
                           timeout=10_000)
    assert page.locator("#sources .src-empty").count() == 1
