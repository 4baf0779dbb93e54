"""Sentence vectors made at index time (index.sentence_vectors) and the fitted
sentence model that reads them (app.relevance)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import numpy as np
import pytest

from app.backends.base import ContextBlock
from app.relevance import SentenceModel, features
from app.sentences import score_sentences
from index import store
from index.build import build_index, open_index
from index.retriever import HybridRetriever
from index.sentence_vectors import SentenceVectors, sentences_of
from tests.fakes import FakeEmbedder, chunk, fake_env

__all__ = ["fake_env"]

Env = tuple[Path, FakeEmbedder]


@pytest.fixture
def with_sentences(fake_env: Env, monkeypatch: pytest.MonkeyPatch) -> Env:
    monkeypatch.setenv("REPORTQA_SENTENCE_VECTORS", "true")
    return fake_env


def _folder() -> SentenceVectors:
    from index.build import _chunker
    from index.sentence_vectors import sentence_store

    return sentence_store(store.index_dir(), FakeEmbedder(), *_chunker(None, None))


def _key_folder() -> Path:
    return _folder().folder


def test_a_build_embeds_every_sentence_once_and_a_question_reads_them(with_sentences: Env) -> None:
    embedder = with_sentences[1]
    result = build_index(progress=False)
    handle = open_index(progress=False)
    expected = set(sentences_of(handle.chunks))
    assert result.sentences == len(expected) and set(handle.sentences) == expected
    assert embedder.calls == result.chunks + result.sentences
    before = embedder.calls
    retriever = HybridRetriever(handle)
    texts = sorted(expected)[:3]
    cosines = retriever.similarity("紫竹的股東", texts)
    assert embedder.calls == before  # read from the index, not embedded again
    direct = [float(embedder._vector(t) @ embedder._vector("紫竹的股東")) for t in texts]
    assert cosines == pytest.approx(direct, abs=1e-5)


def test_adding_a_report_embeds_only_its_sentences_and_removing_it_deletes_them(
    with_sentences: Env,
) -> None:
    corpus, embedder = with_sentences
    build_index(progress=False)
    files = set(_folder().folder.glob("*.npz"))
    (corpus / "c.txt").write_text("# 新園區\n\n新園區有五家企業。園區成立於二〇二〇年。\n", "utf-8")
    embedder.embedded.clear()
    result = build_index(progress=False)
    assert result.added == ["c.txt"] and result.sentences >= 2
    assert all("新園區" in t or "二〇二〇" in t or "五家" in t for t in embedder.embedded)
    assert len(set(_folder().folder.glob("*.npz")) - files) == 1
    (corpus / "c.txt").unlink()
    build_index(progress=False)
    assert set(_folder().folder.glob("*.npz")) == files


def test_an_index_made_without_them_gets_them_on_next_open(
    fake_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = fake_env[1]
    first = build_index(progress=False)
    assert not _folder().folder.exists()
    monkeypatch.setenv("REPORTQA_SENTENCE_VECTORS", "true")
    embedder.embedded.clear()
    handle = open_index(progress=False)
    assert handle.sentences and len(embedder.embedded) == len(handle.sentences)
    assert first.chunks == len(handle.chunks)  # no passage was embedded again


def test_a_damaged_file_is_left_out_and_its_sentences_embedded_when_read(
    with_sentences: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    embedder = with_sentences[1]
    build_index(progress=False)
    for path in _folder().folder.glob("*.npz"):
        path.write_bytes(b"not a numpy file")
    monkeypatch.setenv("REPORTQA_AUTO_INDEX", "false")  # opened as it is: not repaired
    handle = open_index(progress=False)
    assert handle.sentences == {}
    before = embedder.calls
    HybridRetriever(handle).similarity("股東", ["紫竹高新區有七家股東。"])
    assert embedder.calls == before + 1


def test_the_model_prefers_the_sentence_the_embedder_reads_as_the_answer() -> None:
    # a question in other words: both sentences share one word with it; only the
    # embedder sees that the second answers it
    model = SentenceModel(weights=(1.0, 0.0, 4.0, 4.0, 1.0, 0.0, 0.0), intercept=-3.0)
    lexical, cosines = [2.0, 2.0], [0.80, 0.90]
    first, second = model.probabilities(lexical, cosines, [1, 1])
    assert second > first


def test_features_are_relative_to_the_question_s_other_sentences() -> None:
    rows = features([3.0, 0.0], [0.85, 0.75], [1, 3])
    assert rows[0][0] == 1.0 and rows[1][0] == 0.0  # lexical share of the best
    assert rows[0][3] == 0.0 and rows[1][3] == pytest.approx(-0.10)  # gap to the best cosine
    assert rows[1][6] == pytest.approx(1 / 3)  # passage rank


def test_score_sentences_uses_the_shipped_model_for_a_chinese_question() -> None:
    block = ContextBlock(1, chunk("c1", "園區有三家股東。天氣很好。"))

    def similarity(question: str, texts: Sequence[str]) -> list[float]:
        return [0.9 if "股東" in t else 0.7 for t in texts]

    read = score_sentences("股東有幾家？", [block], similarity)
    assert all(0.0 < c.score < 1.0 for c in read)  # probabilities, not bigram scores
    assert max(read, key=lambda c: c.score).text == "園區有三家股東。"
    plain = score_sentences("股東有幾家？", [block])
    assert max(c.score for c in plain) > 1.0


def test_sentence_files_round_trip(tmp_path: Path) -> None:
    folder = SentenceVectors(tmp_path, "fp")
    vectors = np.eye(2, dtype=np.float32)
    folder.write("abc", ["甲。", "乙。"], vectors)
    loaded = folder.load([{"sha256": "abc"}])
    assert list(loaded) == ["甲。", "乙。"] and np.allclose(loaded["乙。"], [0, 1])
    assert folder.missing([{"sha256": "abc"}, {"sha256": "zzz"}]) == [{"sha256": "zzz"}]
    folder.keep_only([])
    assert folder.load([{"sha256": "abc"}]) == {}


def test_a_damaged_file_is_made_again_on_the_next_build(with_sentences: Env) -> None:
    build_index(progress=False)
    files = sorted(_key_folder().glob("*.npz"))
    files[0].write_bytes(b"")  # empty: np.load raises EOFError
    files[1].write_bytes(b"PK\x03\x04 not a zip")  # BadZipFile
    handle = open_index(progress=False)
    assert set(handle.sentences) == set(sentences_of(handle.chunks))


def test_a_report_changed_to_an_unreadable_file_does_not_stop_the_index(
    fake_env: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    corpus = fake_env[0]
    build_index(progress=False)  # without sentence vectors
    (corpus / "b.txt").write_text("# 新版\n讀不出來的版本。\n", "utf-8")
    import index.build
    from reportqa.errors import ReportQAError

    parse = index.build._parse

    def refuse_b(path: Path, size: int, overlap: int) -> object:
        if path.name == "b.txt":  # as the real reader does for a damaged file
            raise ReportQAError("b.txt: cannot read it", hint="save it again")
        return parse(path, size, overlap)

    monkeypatch.setattr(index.build, "_parse", refuse_b)
    monkeypatch.setenv("REPORTQA_SENTENCE_VECTORS", "true")
    handle = open_index(progress=False)  # b.txt's last version stays indexed
    assert handle.chunks and handle.sentences


def test_an_unwritable_data_folder_still_opens_with_a_warning(
    fake_env: Env, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    build_index(progress=False)  # without sentence vectors
    monkeypatch.setenv("REPORTQA_SENTENCE_VECTORS", "true")
    import index.build

    def refuse(*args: object, **kwargs: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(index.build, "build_index", refuse)
    handle = open_index(progress=False)
    assert handle.chunks and handle.sentences == {}
    assert "sentence vectors not made" in capsys.readouterr().err


def test_a_new_chunk_size_makes_them_again(
    with_sentences: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    build_index(progress=False)
    before = set(_key_folder().glob("*.npz"))
    monkeypatch.setenv("REPORTQA_CHUNK_SIZE", "80")
    build_index(progress=False, rebuild=True)
    handle = open_index(progress=False)
    assert set(handle.sentences) == set(sentences_of(handle.chunks))
    assert not before & set(_key_folder().glob("*.npz"))  # the old chunking's files went


def test_the_pipeline_reads_chinese_sentences_by_latent_terms_when_set(
    with_sentences: Env, monkeypatch: pytest.MonkeyPatch
) -> None:
    from app.factory import build_pipeline

    monkeypatch.setenv("REPORTQA_LATENT_READING", "false")
    assert build_pipeline(backend="extractive", progress=False).sentence_similarity is None


def test_search_and_the_reader_embed_the_question_once(with_sentences: Env) -> None:
    handle = open_index(progress=False)
    retriever = HybridRetriever(handle)
    asked: list[str] = []
    embed = handle.embedder.embed_query

    def counted(text: str) -> np.ndarray:
        asked.append(text)
        return embed(text)

    handle.embedder.embed_query = counted  # type: ignore[method-assign]
    retriever.search("紫竹的股東", 2)
    retriever.similarity("紫竹的股東", sorted(handle.sentences)[:2])
    assert asked == ["紫竹的股東"]


def test_the_fit_learns_a_made_up_signal_out_of_fold() -> None:
    from eval.sentence_fit import Asked, _figures, out_of_fold

    def asked(i: int) -> Asked:
        # the answer is the sentence the embedder reads closest; the shared words mislead
        return Asked(part="made-up", group=f"g{i}", lexical=[3.0, 1.0, 0.5],
                     cosines=[0.80, 0.90 + i / 1000, 0.78], blocks=[1, 1, 2],
                     positions=[0, 1, 0], texts=["甲。", "乙。", "丙。"],
                     labels=[False, True, False])

    data = [asked(i) for i in range(20)]
    lexical = _figures(data, [a.lexical for a in data])
    fitted = _figures(data, out_of_fold(data, 1.0))
    assert lexical["all"]["first"] == 0.0 and fitted["all"]["first"] == 1.0
    assert fitted["made-up"]["n"] == 20
