"""20 concurrent chats through the Gradio API of a real server (extractive backend) all complete."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.test_web_server import running_server, shared_data_dir

SCRIPT = Path(__file__).resolve().parent.parent / "scripts" / "load_test.py"


def test_twenty_concurrent_chats_complete(tmp_path: Path,
                                          tmp_path_factory: pytest.TempPathFactory) -> None:
    pytest.importorskip("gradio_client")
    out = tmp_path / "load.json"
    with running_server(shared_data_dir(tmp_path_factory)) as url:
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--url", url, "--chats", "20", "--out", str(out)],
            capture_output=True, text=True, timeout=600,
        )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(out.read_text("utf-8"))
    assert report["completed"] == 20 and report["failures"] == []
    assert report["throughput_chats_per_s"] > 0
    assert 0 < report["latency_p50_s"] <= report["latency_p95_s"] <= report["latency_max_s"]


def test_twenty_chats_complete_while_a_report_is_added(tmp_path: Path) -> None:
    pytest.importorskip("gradio_client")
    out = tmp_path / "load.json"
    pdf = Path(__file__).parent / "data" / "pdf" / "park_report.pdf"
    with running_server(tmp_path / "data") as url:  # its own library: the upload stays here
        done = subprocess.run(
            [sys.executable, str(SCRIPT), "--url", url, "--chats", "20", "--add", str(pdf),
             "--out", str(out)],
            capture_output=True, text=True, timeout=900,
        )
    assert done.returncode == 0, done.stdout[-2000:] + done.stderr[-2000:]
    report = json.loads(out.read_text("utf-8"))
    assert report["completed"] == 20 and report["failures"] == []
    assert "已加入：park_report.pdf" in report["added"]["status"]


def test_against_gives_medians_and_ratios_over_alternating_rounds(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """A hand-written stand-in for one load run: this server twice as fast."""
    import importlib.util

    spec = importlib.util.spec_from_file_location("load_test", SCRIPT)
    assert spec is not None and spec.loader is not None
    load_test = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(load_test)
    order = []

    def fake_run(url: str, chats: int, backend: str | None, timeout: float) -> dict[str, float]:
        order.append(url)
        fast = url.endswith(":1/")
        return {"completed": chats, "throughput_chats_per_s": 8.0 if fast else 4.0,
                "latency_p50_s": 1.0 if fast else 2.0, "latency_p95_s": 1.5 if fast else 3.0}

    monkeypatch.setattr(load_test, "run", fake_run)
    report = load_test.compare("http://127.0.0.1:1/", "http://127.0.0.1:2/", 2, 5, None, 9.0)
    assert order == ["http://127.0.0.1:1/", "http://127.0.0.1:2/"] * 2  # alternating
    assert report["completed"] == report["reference_completed"] == 10
    assert report["ratio"] == {"throughput_chats_per_s": 2.0, "latency_p50_s": 0.5,
                               "latency_p95_s": 0.5}


def test_against_refuses_a_remote_reference() -> None:
    done = subprocess.run(
        [sys.executable, str(SCRIPT), "--against", "http://example.com:7860/"],
        capture_output=True, text=True, timeout=60,
    )
    assert done.returncode == 2 and "only a local server" in done.stderr
