"""The real embedder on the real bundled reports (one index build, shared by the module)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from index.build import open_index
from index.lc_adapter import LangChainRetriever
from index.retriever import HybridRetriever
from index.store import IndexHandle

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def data_dir(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    folder = tmp_path_factory.mktemp("data")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("REPORTQA_DATA_DIR", str(folder))
        for name in ("REPORTS", "CHUNK_SIZE", "CHUNK_OVERLAP", "INDEX_KIND", "EMBEDDER"):
            patch.delenv(f"REPORTQA_{name}", raising=False)
        yield folder


@pytest.fixture(scope="module")
def handle(data_dir: Path) -> IndexHandle:
    return open_index(progress=False)


def test_zizhu_question_finds_zizhu_section(handle: IndexHandle) -> None:
    retriever = HybridRetriever(handle)
    for query in ("紫竹高新區的股東結構是什麼？", "紫竹高新区的股东结构是什么？"):
        hits = retriever.search(query, 3)
        assert any("紫竹" in " ".join(h.chunk.section_path) for h in hits), query
        assert hits[0].dense_rank is not None and hits[0].bm25_rank is not None
    docs = LangChainRetriever(retriever=retriever, k=2).invoke("紫竹高新區的股東結構")
    assert len(docs) == 2 and "紫竹" in " ".join(docs[0].metadata["section_path"])
    assert {"chunk_id", "doc", "section_path", "page", "score", "ranks"} <= set(docs[0].metadata)
    one = LangChainRetriever(retriever=retriever, k=2).invoke("紫竹高新區的股東結構", k=1)
    assert [d.metadata["chunk_id"] for d in one] == [docs[0].metadata["chunk_id"]]


def test_the_langchain_retriever_gives_the_order_ask_uses(handle: IndexHandle) -> None:
    from app.factory import as_asked, langchain_retriever

    query = "上海交大科技園的總經理是誰？"
    expected = [h.chunk.id for h in as_asked(HybridRetriever(handle)).search(query, 4)]
    docs = langchain_retriever(k=4).invoke(query)
    assert [d.metadata["chunk_id"] for d in docs] == expected
    hybrid = [h.chunk.id for h in HybridRetriever(handle).search(query, 4)]
    assert [d.metadata["chunk_id"] for d in langchain_retriever(hybrid=True).invoke(query, k=4)] \
        == hybrid


def test_the_top_five_are_the_first_five_of_the_top_ten(handle: IndexHandle) -> None:
    retriever = HybridRetriever(handle)
    for query in ("紫竹高新區佔地多大？", "Who runs the Zizhu zone?", "誰是協會的秘書長？"):
        five = [(h.chunk.id, h.chunk.text) for h in retriever.search(query, 5)]
        assert five == [(h.chunk.id, h.chunk.text) for h in retriever.search(query, 10)[:5]]


def test_search_process_needs_no_torch(handle: IndexHandle, data_dir: Path) -> None:
    code = (
        "import sys, json\n"
        "from index import open_index, HybridRetriever\n"
        "retriever = HybridRetriever(open_index(progress=False))\n"
        "hits = retriever.search('張江高新區', 1)\n"
        "retriever.similarity('Who?', ['甲乙丙。'] * 40)  # many sentences, still no torch\n"
        "print(json.dumps({'torch': 'torch' in sys.modules, 'doc': hits[0].chunk.doc}))\n"
    )
    env = dict(os.environ, REPORTQA_DATA_DIR=str(data_dir))
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True,
                          text=True, check=True)
    result = json.loads(done.stdout.strip().splitlines()[-1])
    assert result == {"torch": False, "doc": "000_cae0dda2e9633b21.txt"}


def test_similarity_ranks_the_chinese_sentence_that_answers_an_english_question(
    handle: IndexHandle,
) -> None:
    retriever = HybridRetriever(handle)
    sentences = [
        "慶州通常被稱為「沒有圍牆的博物館」擁有大量遺址和文化財產。",
        "亞洲科學園區協會秘書處(ASPA Secretariat)秘書長 Sunkook Kwon",
        "2014 年上海市研發經費投入 862 億元人民幣。",
    ]
    cosines = retriever.similarity("Who is the secretary general of ASPA?", sentences)
    assert len(cosines) == 3 and max(cosines) == cosines[1]
    assert retriever.similarity("anything", []) == []
