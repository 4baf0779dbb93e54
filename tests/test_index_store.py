"""The index on disk: round trip, atomic swap, mismatch and damage messages, updates."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

import index.build
import index.lexical
from index import store
from index.build import build_index, index_status, open_index
from index.retriever import HybridRetriever, overlap
from ingest.model import PARSER
from reportqa.errors import ReportQAError
from tests.fakes import FakeEmbedder, fake_env, fake_parse

__all__ = ["fake_env"]

Env = tuple[Path, FakeEmbedder]


def test_round_trip(fake_env: Env) -> None:
    embedder = fake_env[1]
    result = build_index(progress=False)
    assert sorted(result.added) == ["a.txt", "b.txt"] and result.embedded == result.chunks
    handle = open_index(progress=False)
    manifest = handle.manifest
    assert manifest["embedder"]["model_id"] == "fake-bigram"
    assert manifest["chunker"] == {"size": 60, "overlap": 20}
    assert [r["file"] for r in manifest["reports"]] == ["a.txt", "b.txt"]
    assert sum(r["chunks"] for r in manifest["reports"]) == len(handle.chunks)
    assert {"faiss-cpu", "numpy", "jieba"} <= set(manifest["versions"])
    hits = HybridRetriever(handle).search("紫竹高新区的股东结构", 3)
    assert hits[0].chunk.section_path == ("紫竹國家高新技術產業開發區",)
    assert hits[0].dense_rank is not None and hits[0].bm25_rank is not None
    assert embedder.calls == result.chunks  # opening again embedded nothing


def test_search_fills_k_without_overlaps(fake_env: Env) -> None:
    build_index(progress=False)
    handle = open_index(progress=False)
    retriever = HybridRetriever(handle, depth=2)
    hits = retriever.search("紫竹高新區 股東 產學合作", 4)
    assert len(hits) == 4
    for i, a in enumerate(hits):
        assert all(overlap(a.chunk, b.chunk) == 0 for b in hits[i + 1 :])
    raw = HybridRetriever(handle, dedupe=False).search("紫竹高新區 股東 產學合作", 4)
    assert any(overlap(a.chunk, b.chunk) for a in raw for b in raw if a is not b)
    assert [h.dense_rank for h in retriever.dense_search("張江", 3)] == [1, 2, 3]
    assert retriever.bm25_search("張江", 1)[0].chunk.section_path[0].startswith("張江")


def test_hnsw_kind(fake_env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(progress=False)
    monkeypatch.setenv("REPORTQA_INDEX_KIND", "hnsw")
    embedder = fake_env[1]
    before = embedder.calls
    handle = open_index(progress=False)  # kind changed: rebuilt from stored vectors
    assert handle.manifest["index_kind"] == "hnsw" and embedder.calls == before
    assert HybridRetriever(handle).search("張江", 1)[0].chunk.section_path[0].startswith("張江")


def test_an_index_from_another_parser_version_is_read_again(
    fake_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = fake_env[1]
    first = build_index(progress=False)
    assert open_index(progress=False).manifest["parser"] == PARSER
    import index.manifest

    for module in (index.build, index.manifest):  # where a build reads the parser version
        monkeypatch.setattr(module, "PARSER", PARSER + 1)
    handle = open_index(progress=False)  # the reports would now parse otherwise
    assert handle.manifest["parser"] == PARSER + 1
    assert embedder.calls == 2 * first.chunks  # every report re-read and embedded


def test_incremental_update(fake_env: Env) -> None:
    corpus, embedder = fake_env
    first = build_index(progress=False)
    embedder.embedded.clear()
    (corpus / "b.txt").write_text("# 新章節\n全新的內容，只有這一段。\n", "utf-8")
    second = build_index(progress=False)
    assert second.updated == ["b.txt"] and second.unchanged == ["a.txt"]
    assert embedder.embedded and all("新章節" in t for t in embedder.embedded)
    (corpus / "a.txt").unlink()
    third = build_index(progress=False)
    assert third.removed == ["a.txt"] and third.embedded == 0
    handle = open_index(progress=False)
    assert {c.doc for c in handle.chunks} == {"b.txt"}
    assert first.chunks > third.chunks == len(handle.chunks)
    unchanged = build_index(progress=False)
    assert not unchanged.changed and unchanged.unchanged == ["b.txt"]


def test_open_builds_and_updates_on_its_own(fake_env: Env) -> None:
    corpus, embedder = fake_env
    handle = open_index(progress=False)
    assert len(handle.chunks) == embedder.calls
    (corpus / "c.txt").write_text("# 附錄\n補充資料。\n", "utf-8")
    handle = open_index(progress=False)
    assert "c.txt" in {c.doc for c in handle.chunks}
    assert index_status()["up_to_date"] is True


def test_failed_build_keeps_old_index(fake_env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus, _ = fake_env
    build_index(progress=False)
    (corpus / "b.txt").write_text("# 變更\n內容變了。\n", "utf-8")

    def boom(*args: object) -> None:
        raise KeyboardInterrupt  # killed mid-write

    with monkeypatch.context() as patch, pytest.raises(KeyboardInterrupt):
        patch.setattr(index.lexical.BM25, "save", boom)
        build_index(progress=False)
    path = store.index_dir()
    old = store.load_index(path, FakeEmbedder())
    assert "內容變了" not in "".join(c.text for c in old.chunks)
    assert any(p.name.startswith("index.tmp-") for p in path.parent.iterdir())
    assert build_index(progress=False).updated == ["b.txt"]
    assert not any(p.name.startswith("index.tmp-") for p in path.parent.iterdir())


def test_swap_cut_between_renames_recovers(fake_env: Env) -> None:
    build_index(progress=False)
    path = store.index_dir()
    path.rename(path.with_name("index.old"))
    assert store.load_index(path, FakeEmbedder()).chunks


def test_manifest_mismatch_message(fake_env: Env, monkeypatch: pytest.MonkeyPatch) -> None:
    build_index(progress=False)
    with pytest.raises(ReportQAError, match=r"embedder fake-bigram .* not other-model") as err:
        open_index(embedder=FakeEmbedder(model_id="other-model"), progress=False)
    assert "reportqa index --rebuild" in str(err.value) and "\n" not in str(err.value)
    monkeypatch.setenv("REPORTQA_CHUNK_SIZE", "80")
    with pytest.raises(ReportQAError, match=r"chunk size/overlap 60/20, not 80/20"):
        open_index(progress=False)
    assert "80/20" in index_status()["problem"]
    result = build_index(rebuild=True, progress=False)
    assert result.added and open_index(progress=False).manifest["chunker"]["size"] == 80


@pytest.mark.parametrize("name", list(store.FILES))
def test_damaged_file_message(fake_env: Env, name: str) -> None:
    build_index(progress=False)
    path = store.index_dir() / name
    path.write_bytes(b"\x00garbage" if name != store.CHUNKS else b"{not json\n")
    with pytest.raises(ReportQAError, match=r"damaged|format") as err:
        open_index(progress=False)
    assert "reportqa index --rebuild" in str(err.value)
    path.unlink()
    with pytest.raises(ReportQAError, match="missing"):
        open_index(progress=False)
    build_index(rebuild=True, progress=False)
    assert open_index(progress=False).chunks


def test_other_corpus_gets_own_index(fake_env: Env, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "x.txt").write_text("# 其他\n另一份報告。\n", "utf-8")
    handle = open_index([other], progress=False)
    assert handle.path.name.startswith("index-") and {c.doc for c in handle.chunks} == {"x.txt"}
    assert json.loads((handle.path / store.MANIFEST).read_text())["reports_path"] == [str(other)]


def _real_parse_for_bad(monkeypatch: pytest.MonkeyPatch) -> None:
    """Files named bad*.txt go through the real reader (which refuses binary
    content); the rest through the fake one."""
    from ingest import chunk_report, load_report
    from tests.fakes import fake_parse

    def parse(path: Path, size: int, overlap: int) -> object:
        if path.name.startswith("bad"):
            report = load_report(path)
            return report, list(chunk_report(report, size, overlap))
        return fake_parse(path, size, overlap)

    monkeypatch.setattr(index.build, "_parse", parse)


BINARY = b"\x00\x01\x02PK\x03\x04" * 50


def test_an_unreadable_report_is_skipped_and_the_rest_indexed(
    fake_env: Env, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus, _ = fake_env
    _real_parse_for_bad(monkeypatch)
    (corpus / "bad.txt").write_bytes(BINARY)
    result = build_index(progress=False)
    assert sorted(result.added) == ["a.txt", "b.txt"]
    assert [s.file for s in result.skipped] == ["bad.txt"]
    assert "binary content" in result.skipped[0].reason and "skipped 1 unreadable" in (
        result.summary())
    handle = open_index(progress=False)
    assert {c.doc for c in handle.chunks} == {"a.txt", "b.txt"}
    warning = capsys.readouterr().err.strip().splitlines()
    assert len(warning) == 1 and warning[0].startswith("warning: skipped bad.txt: binary content")
    again = build_index(progress=False)
    assert not again.changed and index_status()["up_to_date"] is True
    (corpus / "bad.txt").unlink()
    assert build_index(progress=False).changed  # no longer skipped: the manifest says so
    assert store.read_manifest(store.index_dir())["skipped"] == []  # type: ignore[index]


def test_a_broken_copy_keeps_the_version_indexed_before(
    fake_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = fake_env
    _real_parse_for_bad(monkeypatch)
    (corpus / "bad-b.txt").write_text("# 乙\n好好的一段內容，可以讀。\n", "utf-8")
    monkeypatch.setattr(index.build, "_parse", fake_parse)
    build_index(progress=False)
    _real_parse_for_bad(monkeypatch)
    (corpus / "bad-b.txt").write_bytes(BINARY)
    result = build_index(progress=False)
    assert [s.file for s in result.skipped] == ["bad-b.txt"] and not result.updated
    handle = open_index(progress=False)
    assert "好好的一段內容" in "".join(c.text for c in handle.chunks if c.doc == "bad-b.txt")


def test_no_readable_report_is_one_clear_error(
    fake_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = fake_env
    _real_parse_for_bad(monkeypatch)
    for path in corpus.iterdir():
        path.unlink()
    (corpus / "bad.txt").write_bytes(BINARY)
    with pytest.raises(ReportQAError) as caught:
        build_index(progress=False)
    assert caught.value.message.startswith("no report could be read; bad.txt: binary content")


def test_a_copy_and_an_oversized_report_are_skipped_with_their_reason(
    fake_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, _ = fake_env
    (corpus / "c-copy.txt").write_bytes((corpus / "a.txt").read_bytes())
    (corpus / "d-big.txt").write_text("# 大\n" + "很長的報告。" * 400, "utf-8")
    monkeypatch.setenv("REPORTQA_MAX_REPORT_MB", "0.005")
    result = build_index(progress=False)
    reasons = {s.file: s.reason for s in result.skipped}
    assert reasons == {"c-copy.txt": "c-copy.txt: the same content as a.txt",
                       "d-big.txt": "d-big.txt: 0.0 MB, over the 0.005 MB limit"}
    assert sorted(result.added) == ["a.txt", "b.txt"]
