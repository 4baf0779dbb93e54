"""Unit tests of the index parts: BM25, folding, fusion, dedupe."""

from __future__ import annotations

import math

import pytest

from index.fusion import dedupe, fuse
from index.lexical import BM25
from index.retriever import overlap
from index.textnorm import QuerySegmenter, fold, full_segmenter, tokens
from tests.fakes import chunk


def test_bm25_hand_worked() -> None:
    # N=3, avgdl=2; idf(b)=ln(1+1.5/2.5)=ln 1.6, idf(c)=ln(1+2.5/1.5)
    bm25 = BM25.build([["a", "b"], ["b", "c", "c"], ["d"]], k1=1.5, b=0.75)
    idf_b, idf_c = math.log(1.6), math.log(1 + 2.5 / 1.5)
    d0 = idf_b * 1 * 2.5 / (1 + 1.5 * (0.25 + 0.75 * 2 / 2))
    norm1 = 1.5 * (0.25 + 0.75 * 3 / 2)
    d1 = idf_b * 2.5 / (1 + norm1) + idf_c * 2 * 2.5 / (2 + norm1)
    assert d0 == pytest.approx(0.470004, abs=1e-6)
    assert d1 == pytest.approx(1.590851, abs=1e-6)
    hits = bm25.search(["b", "c", "unknown"], 3)
    assert [i for i, _ in hits] == [1, 0]  # d2 scores 0 and is left out
    assert [s for _, s in hits] == pytest.approx([d1, d0], rel=1e-6)


def test_bm25_empty() -> None:
    assert BM25.build([["a"]]).search([], 5) == []
    assert BM25.build([]).search(["a"], 5) == []


def test_fold_scripts_and_width() -> None:
    assert fold("股東結構") == fold("股东结构") == "股东结构"
    assert fold("ＡＳＰＡ　２０２３") == "aspa 2023"
    assert fold("臺灣") == "台湾"


def test_tokens_drop_punctuation() -> None:
    toks = tokens("紫竹高新區，股東結構！ ", full_segmenter())
    assert "，" not in toks and "！" not in toks and " " not in toks
    assert {"紫竹", "股东", "结构", "#紫竹", "#股东"} <= set(toks)


def test_traditional_simplified_fullwidth_match() -> None:
    seg = full_segmenter()
    docs = ["紫竹高新區的股東結構", "張江積體電路產業", "ASPA Science Park 創新展"]
    bm25 = BM25.build([tokens(d, seg) for d in docs])
    query_seg = QuerySegmenter({"股东": 10, "结构": 10, "张江": 10, "science": 1})
    for query, want in [("股东结构", 0), ("股東結構", 0), ("张江", 1), ("ＳＣＩＥＮＣＥ", 2)]:
        assert bm25.search(tokens(query, query_seg), 1)[0][0] == want, query


def test_query_segmenter_matches_full_jieba_on_corpus_words() -> None:
    words = {"紫竹": 100, "高新区": 100, "股东": 100, "结构": 100}
    seg = QuerySegmenter(words)
    assert seg.lcut("紫竹高新区股东结构", HMM=False) == ["紫竹", "高新区", "股东", "结构"]


def test_rrf_hand_made() -> None:
    fused = fuse([["A", "B", "C"], ["C", "A"]], k=60)
    assert [i for i, _ in fused] == ["A", "C", "B"]
    scores = dict(fused)
    assert scores["A"] == pytest.approx(1 / 61 + 1 / 62)
    assert scores["C"] == pytest.approx(1 / 63 + 1 / 61)
    assert scores["B"] == pytest.approx(1 / 62)
    weighted = dict(fuse([["A"], ["B"]], k=60, weights=[2.0, 1.0]))
    assert weighted["A"] == pytest.approx(2 / 61)


def test_overlap_and_dedupe() -> None:
    a = chunk("a", "甲乙丙丁戊己", ("S",), start=0)
    b = chunk("b", "丁戊己庚辛", ("S",), start=3)
    c = chunk("c", "丁戊己庚辛", ("T",), start=3)
    d = chunk("d", "庚辛壬癸", ("S",), start=6)
    assert overlap(a, b) == 3 and overlap(b, a) == 3
    assert overlap(a, c) == 0 and overlap(a, d) == 0
    chunks = [a, b, c, d]
    assert dedupe([1, 0, 2, 3], chunks, 3) == [1, 2]  # a and d both overlap b
    assert dedupe([0, 1, 2, 3], chunks, 3) == [0, 2, 3]


def test_the_langchain_retriever_honours_k_sync_and_async() -> None:
    import asyncio

    from index.lc_adapter import LangChainRetriever
    from index.types import Hit
    from tests.fakes import chunk

    class Three:
        def search(self, query: str, k: int) -> list[Hit]:
            return [Hit(chunk(f"c{i}", query), 1.0 / (i + 1)) for i in range(3)][:k]

    retriever = LangChainRetriever(retriever=Three(), k=3)
    assert len(retriever.invoke("問題")) == 3
    assert [d.metadata["chunk_id"] for d in retriever.invoke("問題", k=1)] == ["c0"]
    assert len(asyncio.run(retriever.ainvoke("問題", k=2))) == 2
