"""A name the reports write only in Latin letters is checked by that spelling
(index.glossary.Glossary.own_spelling, through HybridRetriever.aliases): a figure in
a passage that never names it is another's. Made-up reports and questions."""

from __future__ import annotations

from pathlib import Path

import pytest

from app.sentences import Source, states_asked_figure
from index.bilingual import Lexicon
from index.retriever import HybridRetriever
from tests.fakes import chunk
from tests.test_index_query_features import small_handle

TEXTS = [
    "青禾集團設立新創空間 Quorvik Hall，可容納 20 個團隊。",
    "資訊園區目前有 300 家公司進駐，ICT 產業為主；Secretariat 設於園區。",
    "維拉園區 (Vela Park) 有 40 家公司，由 Tavrosk 總裁領導。",
]
QUESTION = "How many companies are housed at Quorvik Hall?"


@pytest.fixture
def retriever(tmp_path: Path) -> HybridRetriever:
    found = HybridRetriever(small_handle(
        tmp_path, [chunk(f"c{i}", t, (f"S{i}",)) for i, t in enumerate(TEXTS)]))
    # the dictionary as the index would read it: "hall" and "secretariat" are ordinary words
    found._lexicon = Lexicon(ordinary=frozenset({"hall", "secretariat"}))
    return found


def test_a_latin_name_of_the_reports_is_its_own_alias(retriever: HybridRetriever) -> None:
    assert retriever.aliases("Quorvik Hall") == ["Quorvik Hall"]
    assert retriever.aliases("Tavrosk") == ["Tavrosk"]
    assert retriever.aliases("ICT") == []  # an acronym names a field
    assert retriever.aliases("Secretariat") == []  # an ordinary English word
    assert retriever.aliases("Hall Quorvik") == []  # not written so
    assert retriever.aliases("Nowhere") == []  # not in the reports: nothing to check it by
    assert retriever.aliases("Vela Park") == ["維拉園區"]  # the glossary's Chinese name
    assert retriever.aliases("Vela") == []  # part of a glossary name: not checked alone


def test_a_figure_of_another_body_does_not_answer(retriever: HybridRetriever) -> None:
    other = "資訊園區目前有 300 家公司進駐。"
    assert not states_asked_figure(QUESTION, [other], [Source("資訊園區", other)],
                                   retriever.aliases)
    named = "Quorvik Hall 目前有 12 家公司進駐。"
    assert states_asked_figure(QUESTION, [named], [Source("青禾集團", named)], retriever.aliases)


def test_the_spelling_is_matched_as_whole_words(retriever: HybridRetriever) -> None:
    near = "Quorvikland Hall 有 300 家公司。"
    assert not states_asked_figure(QUESTION, [near], [Source("別處", near)], retriever.aliases)


def test_without_the_spelling_the_name_cannot_be_checked() -> None:
    other = "資訊園區目前有 300 家公司進駐。"
    assert states_asked_figure(QUESTION, [other], [Source("資訊園區", other)], lambda n: [])
