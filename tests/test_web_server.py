"""A real `reportqa serve` in a subprocess, for the browser and load tests.

The data directory is shared by every server of a pytest session, so the index
is built once (the first start may take minutes on a slow machine).
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from tests.servers import stop

START_TIMEOUT = float(os.environ.get("REPORTQA_TEST_SERVER_TIMEOUT", "600"))


def free_port() -> int:
    """A TCP port on 127.0.0.1 nobody listens on."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_for(url: str, process: subprocess.Popen[bytes], log: Path, timeout: float) -> None:
    """Wait until ``url`` answers; fail with the server log if it dies or takes too long."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"reportqa serve exited with {process.returncode}:\n"
                        + log.read_text("utf-8", "replace")[-3000:])
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(1)
    pytest.fail(f"reportqa serve did not answer within {timeout:.0f} s:\n"
                + log.read_text("utf-8", "replace")[-3000:])


@contextmanager
def running_server(data_dir: Path, backend: str = "extractive",
                   extra: tuple[str, ...] = ()) -> Iterator[str]:
    """Start `reportqa serve` on a free port; yield its URL; stop it."""
    port = free_port()
    data_dir.mkdir(parents=True, exist_ok=True)
    log = data_dir / f"serve-{port}.log"
    env = {**os.environ, "REPORTQA_DATA_DIR": str(data_dir), "GRADIO_ANALYTICS_ENABLED": "False",
           "NO_PROXY": "127.0.0.1,localhost", "no_proxy": "127.0.0.1,localhost"}
    command = [sys.executable, "-c", "from app.cli import main; main()",
               "serve", "--backend", backend, "--port", str(port), *extra]
    with log.open("wb") as out:
        process = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT, env=env)
    url = f"http://127.0.0.1:{port}/"
    try:
        wait_for(url, process, log, START_TIMEOUT)
        yield url
    finally:
        stop(process, 15)


def shared_data_dir(factory: pytest.TempPathFactory) -> Path:
    """The data directory every test server of this session uses (a tmp dir, or
    REPORTQA_TEST_WEB_DATA to reuse an index built before)."""
    reuse = os.environ.get("REPORTQA_TEST_WEB_DATA")
    return Path(reuse) if reuse else factory.getbasetemp() / "web-data"


def test_free_port_is_bindable() -> None:
    port = free_port()
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", port))
