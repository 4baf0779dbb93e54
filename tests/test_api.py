"""`reportqa api` through the official `openai` client: a real HTTP server (uvicorn)
over a pipeline of fakes, then the real command over the bundled reports."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from app.api import create_app
from app.pipeline import Pipeline
from app.refusal import EvidenceScorer
from tests.answer_fakes import FixedRetriever, ScriptedBackend, chunk

ZIZHU = chunk(1, "紫竹高新區由紫江集團、上海交通大學等共同出資設立。",
              path=("肆、參訪紀要", "(參)紫竹"))
REPLY = "紫竹高新區由紫江集團等出資設立。[1]"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def url() -> Iterator[str]:
    import uvicorn

    pipeline = Pipeline(FixedRetriever([ZIZHU]), ScriptedBackend(REPLY),
                        EvidenceScorer([ZIZHU.text]), titles={"r.txt": "上海參訪報告"}, k=1)
    port = free_port()
    server = uvicorn.Server(uvicorn.Config(create_app(lambda: pipeline, "s3cret"),
                                           host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    for _ in range(100):
        if server.started:
            break
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}/v1"
    server.should_exit = True
    thread.join(5)


def client(url: str, key: str = "s3cret") -> object:
    from openai import OpenAI

    return OpenAI(base_url=url, api_key=key, max_retries=0)


def test_a_cited_answer_with_its_sources(url: str) -> None:
    reply = client(url).chat.completions.create(  # type: ignore[attr-defined]
        model="reportqa", messages=[{"role": "user", "content": "紫竹高新區的股東結構?"}])
    text = reply.choices[0].message.content
    assert text.startswith("紫竹高新區由紫江集團等出資設立。[1]")
    assert "**來源**" in text and "1. 上海參訪報告 › 肆、參訪紀要 › (參)紫竹，第 1 頁" in text
    source = reply.model_extra["sources"][0]
    assert source["n"] == 1 and source["page"] == 1 and source["section_path"][1] == "(參)紫竹"


def test_the_answer_streams_and_ends_with_sources(url: str) -> None:
    stream = client(url).chat.completions.create(  # type: ignore[attr-defined]
        model="reportqa", stream=True,
        messages=[{"role": "user", "content": "紫竹高新區的股東結構?"}])
    chunks = list(stream)
    pieces = [c.choices[0].delta.content or "" for c in chunks]
    assert len([p for p in pieces if p]) > 3  # streamed in pieces
    assert "".join(pieces).startswith("紫竹高新區由紫江集團等出資設立。[1]")
    assert chunks[-1].choices[0].finish_reason == "stop"
    assert chunks[-1].model_extra["sources"][0]["file"] == "r.txt"


def test_a_wrong_key_and_an_empty_question_are_clear_errors(url: str) -> None:
    import openai

    with pytest.raises(openai.AuthenticationError):
        client(url, "wrong").models.list()  # type: ignore[attr-defined]
    with pytest.raises(openai.BadRequestError, match="no question"):
        client(url).chat.completions.create(  # type: ignore[attr-defined]
            model="reportqa", messages=[{"role": "user", "content": "  "}])
    assert [m.id for m in client(url).models.list()] == ["reportqa"]  # type: ignore[attr-defined]


def test_the_real_command_answers_from_the_bundled_reports(tmp_path: Path) -> None:
    import openai
    from openai import OpenAI

    port = free_port()
    env = {**os.environ, "REPORTQA_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    process = subprocess.Popen(
        [sys.executable, "-c", "from app.cli import main; main()", "api", "--backend",
         "extractive", "--port", str(port)], env=env,
        stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        api = OpenAI(base_url=f"http://127.0.0.1:{port}/v1", api_key="none", max_retries=0)
        for _ in range(240):  # the first start builds the index
            try:
                api.models.list()
                break
            except openai.APIConnectionError:
                time.sleep(0.5)
        stream = api.chat.completions.create(
            model="reportqa", stream=True,
            messages=[{"role": "user", "content": "紫竹高新區的股東結構?"}])
        text = "".join(c.choices[0].delta.content or "" for c in stream)
        assert "紫江" in text and "[1]" in text and "**來源**" in text
    finally:
        process.terminate()
        process.wait(15)
