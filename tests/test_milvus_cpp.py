"""A local ``*.db`` file run by Milvus's C++ engine (``REPORTQA_MILVUS_ENGINE=cpp``):
the store tests on the real binary, one process per file, files of the other
engine refused with the fix, and the child process ended when released."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import tests.test_index_store as files_tests
from index import milvus_lite_cpp
from index.build import open_index
from index.milvus_engine import connect
from reportqa.errors import ReportQAError
from tests.fakes import FakeEmbedder, fake_env

__all__ = ["fake_env"]

pytest.importorskip("pymilvus", reason="pip install 'reportqa[milvus]'")

Env = tuple[Path, FakeEmbedder]


@pytest.fixture
def cpp_env(fake_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Env]:
    """The fake corpus and embedder, the index in a file of the C++ engine."""
    monkeypatch.setenv("REPORTQA_STORE", "milvus")
    monkeypatch.setenv("REPORTQA_MILVUS_ENGINE", "cpp")
    monkeypatch.setenv("REPORTQA_MILVUS_URI", str(tmp_path / "engine" / "lib.db"))
    yield fake_env
    milvus_lite_cpp.release()


def test_the_store_tests_pass_on_the_cpp_engine(cpp_env: Env, tmp_path: Path) -> None:
    files_tests.test_round_trip(cpp_env)
    files_tests.test_incremental_update(cpp_env)
    db = tmp_path / "engine" / "lib.db"
    assert milvus_lite_cpp.kind_of(db) == "cpp"  # a file, not milvus-lite 3's folder
    assert open_index(progress=False).path == db


def test_the_engine_process_ends_when_released_and_the_file_is_free(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    connect(str(db), "", "cpp").list_collections()
    running = milvus_lite_cpp._RUNNING[db.resolve()]
    milvus_lite_cpp.release(db)
    assert running.process.poll() is not None
    assert connect(str(db), "", "cpp").list_collections() == []  # opened again
    milvus_lite_cpp.release()


def test_a_file_the_cpp_engine_holds_in_another_process_says_so(tmp_path: Path) -> None:
    db = tmp_path / "busy.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", "from index.milvus_engine import connect; import time; "
         f"connect({str(db)!r}, '', 'cpp'); print('open', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True, cwd=Path(__file__).resolve().parent.parent)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(ReportQAError, match="open in another process") as caught:
            connect(str(db), "", "cpp")
        assert "REPORTQA_MILVUS_URI" in (caught.value.hint or "")
    finally:
        holder.kill()
        holder.wait()


def test_a_file_of_the_other_engine_is_refused_with_the_setting_that_opens_it(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "made-by-python.db"
    folder.mkdir()  # milvus-lite 3 keeps a folder
    with pytest.raises(ReportQAError, match="made by the python Milvus engine") as caught:
        connect(str(folder), "", "cpp")
    assert "REPORTQA_MILVUS_ENGINE=python" in (caught.value.hint or "")
    file = tmp_path / "made-by-cpp.db"
    file.write_bytes(b"")
    with pytest.raises(ReportQAError, match="made by the cpp Milvus engine") as caught:
        connect(str(file), "", "python")
    assert "REPORTQA_MILVUS_ENGINE=cpp" in (caught.value.hint or "")


def test_an_unknown_engine_is_one_line_with_the_choices(tmp_path: Path) -> None:
    with pytest.raises(ReportQAError, match="not an engine") as caught:
        connect(str(tmp_path / "x.db"), "", "java")
    assert "auto, python or cpp" in (caught.value.hint or "")


def test_auto_keeps_the_engine_that_made_a_file_and_gives_a_new_one_the_cpp_engine(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "old.db"
    folder.mkdir()
    assert milvus_lite_cpp.choose(folder, "auto") == "python"
    file = tmp_path / "made.db"
    file.write_bytes(b"")
    assert milvus_lite_cpp.choose(file, "auto") == "cpp"
    expected = "cpp" if sys.platform in milvus_lite_cpp.AUTO else "python"
    assert milvus_lite_cpp.choose(tmp_path / "new.db", "auto") == expected
    assert milvus_lite_cpp.choose(folder, "cpp") == "cpp"  # then refused: see above


def test_an_engine_that_cannot_start_is_one_line_with_its_own_words(tmp_path: Path) -> None:
    db = tmp_path / "a-folder.db"
    db.mkdir()  # the engine cannot open a folder as its file
    with pytest.raises(ReportQAError, match="exited with") as caught:
        milvus_lite_cpp.start(milvus_lite_cpp.free_port(), db)
    assert "folder writable" in (caught.value.hint or "")


def test_an_engine_that_exits_while_starting_is_started_again_on_another_port(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    tried: list[int] = []
    real = milvus_lite_cpp.start

    def first_exits(port: int, db: Path) -> subprocess.Popen[bytes]:
        tried.append(port)
        if len(tried) == 1:
            raise milvus_lite_cpp.EngineExited("the C++ Milvus engine exited with -6")
        return real(port, db)

    monkeypatch.setattr(milvus_lite_cpp, "start", first_exits)
    process, port = milvus_lite_cpp._started(tmp_path / "a.db")
    try:
        assert len(tried) == 2 and port == tried[1] and process.poll() is None
    finally:
        process.terminate()
        process.wait()
    monkeypatch.setattr(milvus_lite_cpp, "start", lambda port, db: (_ for _ in ()).throw(
        milvus_lite_cpp.EngineExited("exited with 1")))
    with pytest.raises(milvus_lite_cpp.EngineExited):
        milvus_lite_cpp._started(tmp_path / "b.db")
