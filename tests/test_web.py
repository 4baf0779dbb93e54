"""The web chat's handlers and formatting, driven by a pipeline built from hand-written fakes."""

from __future__ import annotations

import itertools
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from app.answer import Answer
from app.backends.base import AnswerRequest
from app.pipeline import Pipeline
from app.refusal import EvidenceScorer
from app.web import render
from app.web.chat import EXAMPLES, ChatController, Turn, history, load_corpus
from app.web.render import ReportInfo
from index.types import Hit
from ingest.model import Chunk

ZIZHU = Chunk(
    "zz-1", "shanghai.txt", ("肆、參訪紀要", "(伍) 紫竹國家高新技術產業開發區"), 37,
    "紫竹高新區成立於2002年。股東包括紫江集團、上海交通大學等單位。園區以研發為主。",
    "紫竹\n股東包括紫江集團",
)
ZHANGJIANG = Chunk(
    "zj-1", "shanghai.txt", ("肆、參訪紀要", "(陸) 張江高新區"), 41,
    "張江高新區聚集積體電路與生物醫藥產業。", "張江",
)
TITLES = {"shanghai.txt": "上海高新區與大學科技園參訪報告"}


class FakeRetriever:
    """Fixed hits for every question, none for questions about the weather."""

    def __init__(self) -> None:
        self.queries: list[str] = []

    def search(self, query: str, k: int) -> list[Hit]:
        self.queries.append(query)
        if "天氣" in query:
            return []
        return [Hit(ZIZHU, 0.9), Hit(ZHANGJIANG, 0.5)][:k]


class FakeBackend:
    """Streams a fixed answer in pieces; the second sentence is not in any passage."""

    name = "fake"
    generative = True

    @staticmethod
    def available() -> bool:
        return True

    def __init__(self, pieces: tuple[str, ...] | None = None) -> None:
        self.pieces = pieces or (
            "股東包括", "紫江集團、上海交通大學等單位[1]。", "另有九家外資銀行入股[2]。"
        )
        self.requests: list[AnswerRequest] = []

    def judge(self, request: AnswerRequest) -> float | None:
        return None

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        self.requests.append(request)
        if not request.blocks:  # the follow-up rewrite request
            yield "紫竹高新區的股東結構如何？"
            return
        yield from self.pieces


def fake_pipeline(backend: FakeBackend | None = None) -> Pipeline:
    return Pipeline(
        retriever=FakeRetriever(),
        backend=backend or FakeBackend(),
        scorer=EvidenceScorer([ZIZHU.text, ZHANGJIANG.text]),
        titles=TITLES,
        k=2,
    )


@pytest.fixture
def controller(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ChatController:
    monkeypatch.setenv("REPORTQA_DATA_DIR", str(tmp_path / "data"))
    pipeline = fake_pipeline()
    reports = [ReportInfo("shanghai.txt", TITLES["shanghai.txt"], "2015-12")]
    return ChatController(lambda name: pipeline, ["extractive", "fake"], "fake", reports)


def ask(controller: ChatController, question: str, turns: list[Turn] | None = None
        ) -> list[tuple[list[dict[str, Any]], list[Turn], str, str | None]]:
    return list(controller.respond(question, turns or [], "fake"))


def test_streaming_grows_the_assistant_message(controller: ChatController) -> None:
    updates = ask(controller, "紫竹高新區的股東結構?")
    contents = [chat[-1]["content"] for chat, *_ in updates[1:-1]]
    # the model is first said to be reading the passages, then its words grow
    assert "正在閱讀 2 段報告" in contents[0] and 'class="reading-bar"' in contents[0]
    replies = contents[1:]
    assert len(replies) >= 2
    assert all(len(a) < len(b) for a, b in itertools.pairwise(replies))
    assert updates[0][0][-2] == {"role": "user", "content": "紫竹高新區的股東結構?"}
    chat, turns, _panel, box = updates[-1]
    assert updates[0][3] == "" and box is None  # emptied once; typing while it streams stays
    assert [m["role"] for m in chat] == ["user", "assistant"]
    assert 'href="#src-0-1"' in chat[-1]["content"]
    assert turns[0].answer is not None and turns[0].answer.text.startswith("股東包括")


def test_sources_panel_highlights_the_quote(controller: ChatController) -> None:
    *_, (_, _turns, panel, _) = ask(controller, "紫竹高新區的股東結構?")
    assert 'id="src-0-1"' in panel
    assert "<mark>股東包括紫江集團、上海交通大學等單位。</mark>" in panel
    assert "上海高新區與大學科技園參訪報告" in panel
    assert "肆、參訪紀要 › (伍) 紫竹國家高新技術產業開發區" in panel
    assert "p. 37" in panel


def test_unsupported_sentence_is_flagged(controller: ChatController) -> None:
    *_, (chat, turns, panel, _) = ask(controller, "紫竹高新區的股東結構?")
    answer = turns[0].answer
    assert answer is not None and answer.flags
    assert 'class="flags"' in panel and "九家外資銀行" in panel
    assert "flag-note" in chat[-1]["content"]


def test_refusal_is_styled_apart(controller: ChatController) -> None:
    *_, (chat, turns, panel, _) = ask(controller, "明天上海的天氣如何?")
    assert turns[0].answer is not None and turns[0].answer.refused
    assert chat[-1]["content"].startswith('<div class="refusal">')
    assert "cite" not in chat[-1]["content"]
    assert "refusal-note" in panel


def test_follow_up_shows_what_was_searched(controller: ChatController) -> None:
    *_, (_, turns, _, _) = ask(controller, "紫竹高新區的股東結構?")
    *_, (chat, turns, panel, _) = ask(controller, "那它的產業呢？", turns)
    assert len(chat) == 4 and len(turns) == 2
    assert turns[1].answer is not None
    assert turns[1].answer.searched != "那它的產業呢？"
    assert chat[-1]["content"].startswith('<div class="searched">搜尋：')
    assert 'href="#src-1-1"' in chat[-1]["content"] and 'id="src-1-1"' in panel
    assert history(turns)[0][0] == "紫竹高新區的股東結構?"


def test_select_shows_that_turns_sources(controller: ChatController) -> None:
    *_, (_, turns, _, _) = ask(controller, "紫竹高新區的股東結構?")
    *_, (_, turns, _, _) = ask(controller, "張江高新區有哪些特色?", turns)
    assert 'id="src-0-1"' in controller.select(turns, 1)
    assert 'id="src-1-1"' in controller.select(turns, 3)


def test_feedback_is_appended_to_jsonl(controller: ChatController, tmp_path: Path) -> None:
    assert "還沒有" in controller.rate([], "up")
    *_, (_, turns, _, _) = ask(controller, "紫竹高新區的股東結構?")
    assert "感謝" in controller.rate(turns, "up", "很清楚")
    assert "感謝" in controller.rate(turns, "down", "", message_index=1)
    rows = [json.loads(line) for line in
            (tmp_path / "data" / "feedback.jsonl").read_text("utf-8").splitlines()]
    assert [r["rating"] for r in rows] == ["up", "down"]
    first = rows[0]
    assert first["question"] == "紫竹高新區的股東結構?"
    assert first["chunk_ids"] == ["zz-1", "zj-1"][: len(first["chunk_ids"])]
    assert "zz-1" in first["chunk_ids"]
    assert first["comment"] == "很清楚" and first["backend"] == "fake"
    assert first["answer"].startswith("股東包括") and first["timestamp"]


def test_new_chat_clears_everything(controller: ChatController) -> None:
    chat, turns, panel, status = controller.new_chat()
    assert chat == [] and turns == [] and status == ""
    assert "src-empty" in panel


def test_empty_question_changes_nothing(controller: ChatController) -> None:
    updates = ask(controller, "   ")
    assert len(updates) == 1 and updates[0][0] == [] and updates[0][1] == []


def test_backend_error_is_shown_in_the_chat(tmp_path: Path) -> None:
    from reportqa.errors import ReportQAError

    class Broken(FakeBackend):
        def judge(self, request: AnswerRequest) -> float | None:
            return None

        def execute(self, request: AnswerRequest) -> Iterator[str]:
            raise ReportQAError("cannot reach the server", hint="start it")
            yield ""

    pipeline = fake_pipeline(Broken())
    ctl = ChatController(lambda name: pipeline, ["fake"], "fake")
    *_, (chat, turns, _, _) = list(ctl.respond("紫竹?", [], "fake"))
    assert chat[-1]["content"].startswith('<div class="error">cannot reach the server')
    assert turns[0].answer is None and history(turns) == []


def test_chosen_backend_is_passed_to_the_factory() -> None:
    asked: list[str] = []
    pipeline = fake_pipeline()

    def pipeline_for(name: str) -> Pipeline:
        asked.append(name)
        return pipeline

    ctl = ChatController(pipeline_for, ["extractive", "fake"], "extractive")
    list(ctl.respond("紫竹?", [], "fake"))
    list(ctl.respond("紫竹?", [], None))
    assert asked == ["fake", "extractive"]


def test_header_lists_the_corpus_and_examples_cover_languages() -> None:
    page = render.header_html([ReportInfo("a.txt", "上海參訪報告", "2015-12-05")])
    assert "上海參訪報告" in page and "2015-12-05" in page and "[n]" in page
    assert any(q.isascii() for q in EXAMPLES)
    assert any("运" in q or "务" in q or "创" in q for q in EXAMPLES)  # one in Simplified


def test_load_corpus_reads_the_bundled_reports() -> None:
    reports = load_corpus()
    assert len(reports) == 2
    assert all(r.title for r in reports)


def test_load_corpus_falls_back_to_file_names(tmp_path: Path) -> None:
    (tmp_path / "x.txt").write_text("", "utf-8")
    reports = load_corpus(tmp_path / "x.txt", {"x.txt": "X 報告"})
    assert reports[0].doc == "x.txt" and reports[0].title


def test_build_app_wires_the_page(controller: ChatController) -> None:
    pytest.importorskip("gradio")
    from app.web.ui import build_app

    demo = build_app(controller, concurrency=4)
    config = demo.get_config_file()
    names = [d.get("api_name") for d in config["dependencies"]]
    assert "chat" in names
    assert demo._queue.default_concurrency_limit == 4


def test_missing_gradio_is_a_missing_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    import sys

    from app.web.ui import require_gradio
    from reportqa.errors import MissingExtra

    monkeypatch.setitem(sys.modules, "gradio", None)
    with pytest.raises(MissingExtra, match="web chat needs gradio"):
        require_gradio()


def test_serve_help_does_not_import_gradio() -> None:
    import subprocess
    import sys

    code = ("import sys, app.cli; from click.testing import CliRunner; "
            "r = CliRunner().invoke(app.cli.cli, ['serve', '--help']); "
            "assert '--share' in r.output and '127.0.0.1' in r.output, r.output; "
            "assert 'gradio' not in sys.modules")
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_answer_to_chat_roundtrip_keeps_text() -> None:
    answer = Answer("q", "甲[1]。", False, searched="q")
    assert render.chat_text(answer.text, 0, answer) == render.link_markers("甲[1]。", 0)


def test_a_question_sent_during_an_answer_waits_shown_as_queued() -> None:
    release = threading.Event()

    class Slow:
        name = "slow"
        generative = True

        @staticmethod
        def available() -> bool:
            return True

        def judge(self, request: AnswerRequest) -> float | None:
            return None

        def execute(self, request: AnswerRequest) -> Iterator[str]:
            release.wait(10)
            yield "股東包括紫江集團、上海交通大學等單位。[1]"

    pipeline = Pipeline(FakeRetriever(), Slow(), EvidenceScorer([ZIZHU.text]), titles=TITLES,
                        k=2)
    ctl = ChatController(lambda name: pipeline, ["slow"], "slow")
    first = ctl.respond("紫竹的股東?", [], "slow", session="tab-1")
    next(first)  # the first question holds the session's turn
    second = ctl.respond("紫竹有哪些股東單位?", [], "slow", session="tab-1")
    waiting, *_ = next(second)
    assert waiting[-2]["content"] == "紫竹有哪些股東單位?" and "排隊中" in waiting[-1]["content"]
    release.set()
    *_, (chat, turns, _, _) = list(first)
    assert "排隊中" in chat[-1]["content"]  # still shown as queued while the first ends
    *_, (chat, turns, _, _) = list(second)
    assert [t.question for t in turns] == ["紫竹的股東?", "紫竹有哪些股東單位?"]
    assert not any("排隊中" in str(m["content"]) for m in chat)
