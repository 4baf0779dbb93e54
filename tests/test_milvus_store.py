"""The index in Milvus, on the real embedded engine (milvus-lite): the store
tests of the files store again, the same ranking as the files store, only
changed reports embedded, and the errors a user can meet."""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner

import tests.test_index_store as files_tests
from index.build import build_index, open_index
from index.milvus_engine import connect as _client
from index.milvus_engine import spell
from index.milvus_store import MilvusStore
from index.retriever import HybridRetriever
from reportqa.errors import MissingExtra, ReportQAError
from tests.fakes import FakeEmbedder, fake_env

__all__ = ["fake_env"]

pytest.importorskip("pymilvus", reason="pip install 'reportqa[milvus]'")

Env = tuple[Path, FakeEmbedder]
QUERIES = ["紫竹高新区的股东结构", "張江 園區", "產學合作的做法", "孵化器"]


@pytest.fixture(scope="module")
def milvus_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real Milvus server (the C++ engine, scripts/milvus_server.py) on a free port."""
    path = Path(__file__).resolve().parent.parent / "scripts" / "milvus_server.py"
    spec = importlib.util.spec_from_file_location("milvus_server", path)
    assert spec is not None and spec.loader is not None
    server = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(server)
    port = server.free_port()
    process = server.start(port, tmp_path_factory.mktemp("milvus-server"))
    yield f"http://127.0.0.1:{port}"
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture
def server_env(fake_env: Env, milvus_server: str, monkeypatch: pytest.MonkeyPatch) -> Env:
    """The fake corpus and embedder, with the index on the Milvus server (emptied first)."""
    monkeypatch.setenv("REPORTQA_STORE", "milvus")
    monkeypatch.setenv("REPORTQA_MILVUS_URI", milvus_server)
    client = _client(milvus_server, "")
    for name in client.list_collections():
        client.drop_collection(name)
    return fake_env


@pytest.fixture
def milvus_env(fake_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Env:
    """The fake corpus and embedder, with the index in a milvus-lite 3 file."""
    monkeypatch.setenv("REPORTQA_STORE", "milvus")
    monkeypatch.setenv("REPORTQA_MILVUS_ENGINE", "python")  # the C++ one: test_milvus_cpp.py
    monkeypatch.setenv("REPORTQA_MILVUS_URI", str(tmp_path / "engine" / "lib.db"))
    return fake_env


SHARED: list[Callable[..., None]] = [
    files_tests.test_round_trip,
    files_tests.test_search_fills_k_without_overlaps,
    files_tests.test_incremental_update,
    files_tests.test_open_builds_and_updates_on_its_own,
]


@pytest.mark.parametrize("check", SHARED, ids=[c.__name__ for c in SHARED])
def test_the_store_tests_pass_on_milvus(check: Callable[[Env], None], milvus_env: Env) -> None:
    check(milvus_env)
    assert open_index(progress=False).path.suffix == ".db"  # it really was Milvus


SERVER = [files_tests.test_round_trip, files_tests.test_incremental_update]


@pytest.mark.parametrize("check", SERVER, ids=[c.__name__ for c in SERVER])
def test_the_store_tests_pass_on_a_milvus_server(check: Callable[[Env], None],
                                                 server_env: Env) -> None:
    check(server_env)
    assert str(open_index(progress=False).path).startswith("http:")


def test_a_server_ranks_as_the_files_store_does(
    fake_env: Env, milvus_server: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _ranked(QUERIES)
    monkeypatch.setenv("REPORTQA_STORE", "milvus")
    monkeypatch.setenv("REPORTQA_MILVUS_URI", milvus_server)
    _client(milvus_server, "").drop_collection("reportqa_index")
    _client(milvus_server, "").drop_collection("reportqa_index_meta")
    assert _ranked(QUERIES) == files


def test_a_new_vector_index_kind_reuses_the_stored_vectors(
    milvus_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    files_tests.test_hnsw_kind(milvus_env, monkeypatch)


def _ranked(queries: list[str]) -> list[tuple[str, set[str], list[tuple[int, float]]]]:
    """Per query: the top hit, the top four (the fake embedder ties often, and
    ties may fall either way), and the BM25 ranks and scores among them."""
    retriever = HybridRetriever(open_index(progress=False))
    out = []
    for query in queries:
        hits = retriever.search(query, 4)
        lexical = sorted((h.bm25_rank, round(h.bm25_score, 3)) for h in hits
                         if h.bm25_rank is not None and h.bm25_score is not None)
        out.append((hits[0].chunk.id, {h.chunk.id for h in hits}, lexical))
    return out


def test_milvus_ranks_as_the_files_store_does(
    fake_env: Env, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    files = _ranked(QUERIES)
    monkeypatch.setenv("REPORTQA_STORE", "milvus")
    monkeypatch.setenv("REPORTQA_MILVUS_URI", str(tmp_path / "m.db"))
    assert _ranked(QUERIES) == files  # the same chunks, BM25 ranks and scores


def test_a_question_limited_to_one_report_and_one_about_both(milvus_env: Env) -> None:
    retriever = HybridRetriever(open_index(progress=False))
    only_b = retriever.limited(["b.txt"]).search("紫竹 張江", 3)
    assert only_b and {h.chunk.doc for h in only_b} == {"b.txt"}


def test_adding_a_report_embeds_only_that_report(milvus_env: Env) -> None:
    corpus, embedder = milvus_env
    build_index(progress=False)
    embedder.embedded.clear()
    (corpus / "c.txt").write_text("# 附錄甲\n一段只在附錄裡的文字。\n", "utf-8")
    result = build_index(progress=False)
    assert result.added == ["c.txt"] and result.unchanged == ["a.txt", "b.txt"]
    assert embedder.embedded and all("附錄甲" in t for t in embedder.embedded)
    hits = HybridRetriever(open_index(progress=False)).search("附錄裡的文字", 1)
    assert hits[0].chunk.doc == "c.txt"


def test_rows_deleted_behind_its_back_are_damage(milvus_env: Env, tmp_path: Path) -> None:
    build_index(progress=False)
    home = MilvusStore.for_reports([milvus_env[0]])
    home.client.delete(home.name, filter='file == "a.txt"')
    with pytest.raises(ReportQAError, match="damaged") as caught:
        home.load(milvus_env[1])
    assert "reportqa index --rebuild" in (caught.value.hint or "")


def test_an_unreachable_server_is_one_line_naming_the_uri_and_the_fix() -> None:
    with pytest.raises(ReportQAError) as caught:
        _client("http://127.0.0.1:9", "")
    message = str(caught.value)
    assert "cannot reach Milvus at http://127.0.0.1:9" in message and "\n" not in message
    assert "REPORTQA_MILVUS_URI" in (caught.value.hint or "")


def test_without_pymilvus_the_error_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pymilvus", None)
    with pytest.raises(MissingExtra, match="pymilvus") as caught:
        _client("x.db", "")
    assert caught.value.hint == "pip install 'reportqa[milvus]'"


def test_terms_survive_the_standard_analyzer() -> None:
    from milvus_lite.analyzer.factory import create_analyzer

    terms = ["紫竹", "#紫竹", "aspa", "2023", "#ab"]
    assert create_analyzer({"tokenizer": "standard"}).tokenize(spell(terms)) == [
        t.encode().hex() for t in terms]


def test_search_and_eval_take_the_store_option(
    milvus_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.cli import cli

    monkeypatch.setenv("REPORTQA_STORE", "files")  # restored after the test
    done = CliRunner().invoke(cli, ["index", "--status"])
    assert "index" in done.output
    args: Any = ["eval", "--store", "nowhere"]
    assert CliRunner().invoke(cli, args).exit_code == 2  # click names the choices


def test_langchain_milvus_reads_the_same_collection(milvus_env: Env) -> None:
    from index.lc_adapter import milvus_vectorstore

    build_index(progress=False)
    found = milvus_vectorstore().similarity_search("張江高新區的發展", k=2)
    assert found and all(d.metadata["file"] in {"a.txt", "b.txt"} for d in found)
    assert any("張江" in d.page_content for d in found)


def test_an_embedded_file_open_in_another_process_says_so(tmp_path: Path) -> None:
    import subprocess

    path = tmp_path / "busy.db"
    holder = subprocess.Popen(
        [sys.executable, "-c", "from pymilvus import MilvusClient; import time; "
         f"MilvusClient({str(path)!r}); print('open', flush=True); time.sleep(60)"],
        stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        with pytest.raises(ReportQAError, match="open in another process") as caught:
            _client(str(path), "")
        assert "scripts/milvus_server.py" in (caught.value.hint or "")
    finally:
        holder.kill()


@pytest.mark.parametrize("name", ["files", "milvus"])
def test_fetch_gives_chunks_by_id_in_the_order_asked(
    name: str, milvus_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from index.build import store_for
    from index.store import resolve_reports

    monkeypatch.setenv("REPORTQA_STORE", name)
    chunks = open_index(progress=False).chunks
    wanted = [chunks[3].id, chunks[0].id, "no-such-id"]
    fetched = store_for(resolve_reports(None)).fetch(wanted)
    assert [c.id for c in fetched] == wanted[:2] and fetched[0] == chunks[3]


def _counts_match_rows() -> None:
    """The stored term counts are those of the chunks the index holds."""
    from collections import Counter

    from index.chunk_terms import terms_of

    handle = open_index(progress=False)
    expected: Counter[str] = Counter()
    for terms in terms_of(handle.chunks):
        expected.update(set(terms))
    assert handle.store.vocabulary and dict(expected) == {
        t: handle.store.df(t) for t in handle.store.vocabulary}


def test_a_report_with_a_chinese_name_is_updated_and_removed(milvus_env: Env) -> None:
    corpus, _ = milvus_env
    (corpus / "年報.txt").write_text("# 年度回顧\n獨角仙計畫的第一版內容。\n", "utf-8")
    build_index(progress=False)
    (corpus / "年報.txt").write_text("# 年度回顧\n鍬形蟲計畫取代了先前的內容。\n", "utf-8")
    assert build_index(progress=False).updated == ["年報.txt"]
    texts = "".join(c.text for c in open_index(progress=False).chunks)
    assert "鍬形蟲" in texts and "獨角仙" not in texts
    _counts_match_rows()
    (corpus / "年報.txt").unlink()
    assert build_index(progress=False).removed == ["年報.txt"]
    assert "鍬形蟲" not in "".join(c.text for c in open_index(progress=False).chunks)
    _counts_match_rows()


def test_a_rebuild_makes_the_collection_anew(milvus_env: Env) -> None:
    build_index(progress=False)
    home = MilvusStore.for_reports([milvus_env[0]])
    home.client.delete(home.name, filter='file == "a.txt"')  # damage behind its back
    build_index(progress=False, rebuild=True)
    _counts_match_rows()


def test_a_build_killed_half_way_is_repaired_by_the_next(
    milvus_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = milvus_env
    build_index(progress=False)
    (corpus / "b.txt").write_text("# 新章節\n螢火蟲出現在這一版。\n", "utf-8")
    real_put = MilvusStore._put

    def killed(self: MilvusStore, key: str, value: Any) -> None:
        if key == "df":
            raise KeyboardInterrupt  # stopped after the rows changed
        real_put(self, key, value)

    monkeypatch.setattr(MilvusStore, "_put", killed)
    with pytest.raises(KeyboardInterrupt):
        build_index(progress=False)
    monkeypatch.setattr(MilvusStore, "_put", real_put)
    result = build_index(progress=False)
    assert result.updated == ["b.txt"]
    assert "螢火蟲" in "".join(c.text for c in open_index(progress=False).chunks)
    _counts_match_rows()


def test_an_engine_failure_while_searching_is_one_line(milvus_env: Env) -> None:
    retriever = HybridRetriever(open_index(progress=False))
    home = MilvusStore.for_reports([milvus_env[0]])
    home.client.drop_collection(home.name)
    with pytest.raises(ReportQAError, match=r"Milvus at .* failed") as caught:
        retriever.search("張江園區", 2)
    assert "\n" not in str(caught.value)


def test_with_auto_index_off_the_index_is_opened_as_it_is(
    milvus_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = milvus_env[0]
    monkeypatch.setenv("REPORTQA_AUTO_INDEX", "false")
    with pytest.raises(ReportQAError, match="no search index"):
        open_index(progress=False)
    monkeypatch.setenv("REPORTQA_AUTO_INDEX", "true")
    before = len(open_index(progress=False).chunks)
    (corpus / "c.txt").write_text("# 附錄\n補充資料。\n", "utf-8")
    monkeypatch.setenv("REPORTQA_AUTO_INDEX", "false")
    assert len(open_index(progress=False).chunks) == before  # not updated by this process
