"""A folder of good reports and every kind of bad file, asked from the terminal as a
user would (real models, real index): every good report is answered from, every
bad file is named with its reason, and nothing prints a traceback.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from tests.test_ingest_readers import make_pdf

DATA = Path(__file__).parent / "data"


def test_every_bad_file_is_named_and_every_good_report_answers(tmp_path: Path) -> None:
    folder = tmp_path / "reports"
    folder.mkdir()
    shutil.copy2(DATA / "pdf" / "park_report.pdf", folder / "park_report.pdf")
    shutil.copy2(DATA / "sample_report.txt", folder / "sample_report.txt")
    bad = {
        "binary.txt": "binary content",
        "empty.md": "empty",
        "scan.pdf": "no text layer",
        "broken.pdf": "unreadable PDF",
        "locked.pdf": "password-protected",
        "broken.docx": "unreadable DOCX",
    }
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 8)
    (folder / "empty.md").write_bytes(b"")
    make_pdf(folder / "scan.pdf", [[], []])
    (folder / "broken.pdf").write_bytes(b"%PDF-1.4 cut short")
    shutil.copy2(DATA / "pdf" / "locked.pdf", folder / "locked.pdf")
    (folder / "broken.docx").write_bytes(b"PK\x03\x04 not a zip")
    env = {**os.environ, "REPORTQA_DATA_DIR": str(tmp_path / "data"), "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", "from app.cli import ask_main; ask_main()", "--backend",
         "extractive", "--reports", str(folder), "--json", "北園區的面積是多少公頃？"],
        env=env, capture_output=True, text=True, timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr + done.stdout
    warnings = [x for x in done.stderr.splitlines() if x.startswith("warning: skipped")]
    for name, reason in bad.items():
        line = next((w for w in warnings if f"skipped {name}:" in w), "")
        assert reason in line, f"{name}: {warnings}"
    assert len(warnings) == len(bad)
    assert "北園區" in done.stdout and "120" in done.stdout  # from the PDF's table
