"""`reportqa outline`: text and JSON output, bad files, the default reports folder."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from app.cli import cli

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample_report.txt"


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["outline", *args], env=env)
    return result.exit_code, result.stdout, result.stderr


def test_outline_text() -> None:
    code, out, err = run(str(SAMPLE))
    assert code == 0 and err == ""
    lines = out.splitlines()
    assert lines[0] == "sample_report.txt: 測試科學園區參訪報告 (2021-03-01)"
    assert "  壹、參訪目的  p.1  30 chars" in lines
    assert "        （一）發展沿革  p.2  0 chars" in lines
    assert "            (1)土地取得  p.2  20 chars" in lines  # the label line, as written


def test_outline_json() -> None:
    code, out, _ = run(str(SAMPLE), "--json")
    assert code == 0
    sections = json.loads(out)
    assert len(sections) == 15
    first = sections[1]
    assert {"doc", "title", "level", "path", "page", "text", "span"} <= set(first)
    assert first["doc"] == "sample_report.txt"
    assert first["path"] == ["壹、參訪目的"] and first["page"] == 1


def test_bad_file_and_good_file(tmp_path: Path) -> None:
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    code, out, err = run(str(bad), str(SAMPLE))
    assert code == 1
    assert len(err.strip().splitlines()) == 1 and "empty.txt" in err
    assert "sample_report.txt: 測試科學園區參訪報告" in out


def test_missing_path_says_how_to_fix(tmp_path: Path) -> None:
    code, out, err = run(str(tmp_path / "missing.txt"))
    assert code == 1 and out == ""
    assert len(err.strip().splitlines()) == 1
    assert "missing.txt" in err and "REPORTQA_REPORTS" in err


def test_default_uses_reports_setting(tmp_path: Path) -> None:
    (tmp_path / "r.txt").write_text(SAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    code, out, _ = run(env={"REPORTQA_REPORTS": str(tmp_path)})
    assert code == 0 and out.startswith("r.txt: 測試科學園區參訪報告")


@pytest.mark.parametrize("name", ["000_cae0dda2e9633b21.txt", "002_0c5635003b02826e.txt"])
def test_bundled_reports_outline(name: str) -> None:
    code, out, _ = run()
    assert code == 0 and f"{name}: " in out


def test_console_entry_point_exit_status(tmp_path: Path) -> None:
    """Through app.cli.main (standalone_mode=False) a failure still exits 1."""
    import subprocess
    import sys

    bad = tmp_path / "binary.txt"
    bad.write_bytes(bytes(range(256)) * 4)
    code = (
        "import sys; from app.cli import main; "
        f"sys.argv = ['reportqa', 'outline', {str(bad)!r}, {str(SAMPLE)!r}]; main()"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 1
    assert done.stderr.strip() == "Error: binary.txt: binary content, not text " \
        "(give a UTF-8 text, Markdown, PDF or DOCX report)"
    assert "sample_report.txt:" in done.stdout
