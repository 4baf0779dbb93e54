"""The report library through the CLI: add, remove, list (fake embedder, real files)."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from app.cli import cli
from index import store
from index.build import open_index
from tests.fakes import FakeEmbedder, fake_env

__all__ = ["fake_env"]

Env = tuple[Path, FakeEmbedder]
OWN = "# 自有報告\n示範園區今年新設三座育成中心，服務兩百家新創。\n"


def _own(folder: Path, name: str = "own.txt", text: str = OWN) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


def test_adding_a_report_embeds_only_that_report(fake_env: Env, tmp_path: Path) -> None:
    _, embedder = fake_env
    runner = CliRunner()
    assert runner.invoke(cli, ["index"]).exit_code == 0
    embedder.embedded.clear()
    added = runner.invoke(cli, ["add", str(_own(tmp_path / "mine"))])
    assert added.exit_code == 0, added.output
    assert "added: own.txt" in added.stdout and "added 1, updated 0" in added.stdout
    assert embedder.embedded and all("育成中心" in t or "自有報告" in t for t in embedder.embedded)
    assert (store.library_dir() / "own.txt").read_text("utf-8") == OWN
    assert "own.txt" in {c.doc for c in open_index(progress=False).chunks}
    listed = runner.invoke(cli, ["list"]).stdout.splitlines()
    mine = next(line for line in listed if line.startswith("own.txt"))
    assert mine.endswith("up to date") and "自有報告" not in listed[0]


def test_a_bad_file_is_refused_and_the_good_ones_added(fake_env: Env, tmp_path: Path) -> None:
    folder = tmp_path / "mixed"
    _own(folder)
    (folder / "broken.txt").write_bytes(b"\x00\x01\x02" * 100)
    done = CliRunner().invoke(cli, ["add", str(folder)])
    assert done.exit_code == 0, done.output
    assert "warning: not added broken.txt: binary content, not text" in done.stderr
    assert "added: own.txt" in done.stdout
    assert not (store.library_dir() / "broken.txt").exists()


def test_the_same_report_twice_and_a_name_clash(fake_env: Env, tmp_path: Path) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["add", str(_own(tmp_path / "one"))])
    again = runner.invoke(cli, ["add", str(_own(tmp_path / "two"))])
    assert "already in the library: own.txt" in again.stdout
    clash = runner.invoke(cli, ["add", str(_own(tmp_path / "three", text="# 別的\n不同內容。\n"))])
    assert "a different report of that name is in the library (rename the file)" in clash.stderr
    assert (store.library_dir() / "own.txt").read_text("utf-8") == OWN


def test_remove_takes_an_added_report_out_and_refuses_a_bundled_one(
    fake_env: Env, tmp_path: Path
) -> None:
    runner = CliRunner()
    runner.invoke(cli, ["add", str(_own(tmp_path / "mine"))])
    gone = runner.invoke(cli, ["remove", "own.txt"])
    assert gone.exit_code == 0 and "removed: own.txt" in gone.stdout
    assert "own.txt" not in {c.doc for c in open_index(progress=False).chunks}
    bundled = runner.invoke(cli, ["remove", "a.txt"])
    assert bundled.exit_code != 0 and "a.txt is a bundled report" in bundled.output
    unknown = runner.invoke(cli, ["remove", "nope.txt"])
    assert "no report named nope.txt" in unknown.output and "reportqa list" in unknown.output


def test_list_says_what_changed_and_what_could_not_be_read(fake_env: Env) -> None:
    corpus, _ = fake_env
    runner = CliRunner()
    runner.invoke(cli, ["index"])
    (corpus / "a.txt").write_text("# 改\n改過的內容。\n", "utf-8")
    (corpus / "c.txt").write_text("# 新\n尚未索引。\n", "utf-8")
    lines = runner.invoke(cli, ["list"]).stdout.splitlines()
    assert lines[0] == "file  title  pages  chunks  indexed  state"
    states = {line.split("  ")[0]: line.rsplit("  ", 1)[1] for line in lines[1:]}
    assert states == {"a.txt": "changed since indexed", "b.txt": "up to date",
                      "c.txt": "not indexed yet"}


def test_questions_can_be_limited_to_chosen_reports(fake_env: Env) -> None:
    import pytest

    from index.retriever import HybridRetriever
    from reportqa.errors import ReportQAError

    retriever = HybridRetriever(open_index(progress=False))
    everywhere = {h.chunk.doc for h in retriever.search("園區 股東 合作 會議", 6)}
    assert everywhere == {"a.txt", "b.txt"}
    retriever.limit_to(["b.txt"])
    assert {h.chunk.doc for h in retriever.search("紫竹高新區的股東結構", 4)} == {"b.txt"}
    retriever.limit_to([])
    assert retriever.only is None
    with pytest.raises(ReportQAError) as caught:
        retriever.limit_to(["nope.txt"])
    assert caught.value.hint == "choose among: a.txt, b.txt"


def test_ask_report_option_reaches_the_retriever(fake_env: Env) -> None:
    wrong = CliRunner().invoke(cli, ["ask", "--backend", "extractive", "--report", "zz.txt", "問?"])
    assert wrong.exit_code != 0 and "no report named zz.txt in the index" in wrong.output
