"""Citation checking with hand-built cases: a supporting chunk, one that does
not support, a made-up figure, markers pointing at nothing."""

from __future__ import annotations

from app.backends.base import ContextBlock
from app.citations import clean_markers, verify
from tests.answer_fakes import chunk

SUPPORTS = chunk(1, "紫竹高新區由紫江集團、上海交通大學等共同出資設立，註冊資本 30 億元。")
UNRELATED = chunk(2, "楊浦科技創業中心成立於1997年，是大學科技園的孵化器。")
BLOCKS = [ContextBlock(1, SUPPORTS), ContextBlock(2, UNRELATED)]


def test_supported_sentence_is_cited_without_flags() -> None:
    result = verify("紫竹高新區由紫江集團、上海交通大學等共同出資設立。[1]", BLOCKS)
    assert [c.n for c in result.citations] == [1]
    assert result.citations[0].chunk_id == "c1"
    assert result.citations[0].quote.startswith("紫竹高新區由紫江集團")
    assert result.flags == []


def test_sentence_citing_the_wrong_chunk_is_flagged_unsupported() -> None:
    result = verify("紫竹高新區由紫江集團、上海交通大學等共同出資設立。[2]", BLOCKS)
    assert [f.kind for f in result.flags] == ["unsupported"]


def test_made_up_figure_is_flagged() -> None:
    result = verify("紫竹高新區註冊資本 35 億元。[1]", BLOCKS)
    kinds = [f.kind for f in result.flags]
    assert "figure" in kinds
    assert any("35" in f.detail for f in result.flags)


def test_figure_in_simplified_or_with_separators_still_matches() -> None:
    block = [ContextBlock(1, chunk(1, "園區共有企業 1,200 家，產值 3000 億元。"))]
    result = verify("园区共有企业1200家，产值3,000亿元。[1]", block)
    assert result.flags == []


def test_markers_pointing_at_nothing_are_removed() -> None:
    assert clean_markers("答案[1][5]。[0]", 2) == "答案[1]。"


def test_uncited_figure_is_flagged_but_refusal_is_not() -> None:
    assert [f.kind for f in verify("共有 300 家企業。", BLOCKS).flags] == ["uncited"]
    assert verify("報告中找不到相關資訊。", BLOCKS, refused=True).flags == []


def test_english_sentence_checks_names_and_figures() -> None:
    block = [ContextBlock(1, chunk(1, "ASPA 2023 年會於慶州舉行，約 300 名與會者。"))]
    assert verify("About 300 people attended ASPA 2023. [1]", block).flags == []
    flagged = verify("About 500 people attended ASPA 2019. [1]", block).flags
    assert {f.kind for f in flagged} >= {"unsupported", "figure"}


def test_a_quotation_is_checked_without_the_english_words_around_it() -> None:
    from app.backends.base import ContextBlock
    from ingest.model import Chunk

    passage = Chunk("c1", "r.txt", ("甲",), 1, "甲園區於二〇〇一年成立，現有三百家企業進駐。", "")
    answer = "The reports say (quoted in the original Chinese): 「甲園區於二〇〇一年成立」[1]"
    checked = verify(answer, [ContextBlock(1, passage)])
    assert checked.flags == []
    assert checked.citations[0].quotes == ("甲園區於二〇〇一年成立，現有三百家企業進駐。",)


def test_each_cited_sentence_is_kept_for_highlighting() -> None:
    from app.backends.base import ContextBlock
    from ingest.model import Chunk

    passage = Chunk("c1", "r.txt", ("甲",), 1, "甲園區於二〇〇一年成立。園區有三百家企業。", "")
    checked = verify("「甲園區於二〇〇一年成立。」[1]「園區有三百家企業。」[1]",
                     [ContextBlock(1, passage)])
    assert checked.citations[0].quotes == ("甲園區於二〇〇一年成立。", "園區有三百家企業。")
