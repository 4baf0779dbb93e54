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
