"""Refusal evidence on hand-built cases: a passage that answers, one about the
right subject that lacks the asked figure, and one about another subject."""

from __future__ import annotations

import pytest

from app import refusal
from app.answerability import abbreviated
from app.refusal import EvidenceScorer, is_refusal_text
from index.types import Hit
from ingest.model import Chunk
from tests.answer_fakes import chunk

STAFF = chunk(
    1, "嘉定育成中心現有研發人員 120 名，進駐企業 35 家。", path=("(捌)嘉定", "一、機構簡介")
)
NO_FIGURE = chunk(
    2, "嘉定育成中心重視研發人員培育，並提供創業輔導。", path=("(捌)嘉定", "二、訪談")
)
OTHER = chunk(
    3, "楊浦科技創業中心成立於1997年，為國家級孵化器。", path=("(伍)楊浦", "一、機構簡介")
)
SCORER = EvidenceScorer(c.breadcrumb + c.text for c in (STAFF, NO_FIGURE, OTHER))


def hits(*chunks: object) -> list[Hit]:
    return [Hit(c, 1.0, i + 1, i + 1, 0.9, 1.0) for i, c in enumerate(chunks)]  # type: ignore[arg-type]


def test_passage_stating_the_figure_scores_higher_than_one_without_it() -> None:
    question = "嘉定育成中心有多少名研發人員？"
    with_figure = SCORER.score(question, hits(STAFF))
    without = SCORER.score(question, hits(NO_FIGURE))
    assert with_figure > 0.5
    assert without < 0.5 * with_figure


def test_question_about_an_absent_subject_scores_low() -> None:
    assert SCORER.score("蘇州工業園區有多少名研發人員？", hits(OTHER)) < 0.3


def test_absent_year_scores_zero() -> None:
    assert SCORER.score("嘉定育成中心2019年有多少名研發人員？", hits(STAFF)) == 0.0


def test_model_refusals_in_both_languages_are_recognised() -> None:
    assert is_refusal_text("報告中沒有提及相關數字。")
    assert is_refusal_text("The reports do not contain this information.")
    assert not is_refusal_text("研發人員共 120 名。[1]")


BUDGET = chunk(
    4, "紫竹高新區2014年研發投入為26.73億人民幣。", path=("(參)紫竹", "二、訪談重點紀錄")
)
TAX = chunk(
    5, "紫竹高新區2014年稅收總額為30億人民幣。", path=("(參)紫竹", "二、訪談重點紀錄")
)
CITY = chunk(
    6, "2014年上海市研發經費投入862億元人民幣。", path=("(壹)上海市科委", "二、訪談重點紀錄")
)
PARK = chunk(
    7, "臨港園區2014年研發經費投入300億元人民幣。", path=("(柒)臨港", "一、機構簡介")
)
WIDE = EvidenceScorer(
    c.breadcrumb + c.text for c in (STAFF, NO_FIGURE, OTHER, BUDGET, TAX, CITY, PARK)
)


@pytest.mark.parametrize(
    ("question", "asked", "other", "ratio"),
    [  # a figure of another attribute; a figure about another entity
        ("紫竹高新區2014年的稅收總額是多少？", TAX, BUDGET, 0.4),
        ("臨港園區2014年投入研發的經費有多少？", PARK, CITY, 0.8),
    ],
)
def test_a_figure_not_about_what_is_asked_scores_lower(
    question: str, asked: Chunk, other: Chunk, ratio: float
) -> None:
    right = WIDE.score(question, hits(asked))
    wrong = WIDE.score(question, hits(other))
    assert right > 0.8
    assert wrong < ratio * right


def test_year_question_needs_the_asked_event_in_the_sentence() -> None:
    question = "楊浦科技創業中心是哪一年成立的？"
    founded = WIDE.score(question, hits(OTHER))
    assert founded > 0.5
    other_year = chunk(8, "楊浦科技創業中心2010年獲得國家級殊榮。", path=("(伍)楊浦", "二、訪談"))
    assert WIDE.score(question, hits(other_year)) < 0.6 * founded


def test_a_year_of_another_event_keeps_less_than_another_figure_would(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # the sentence lacks 成立 (the asked event): its year's share of the focus
    # words is lifted from YEAR_FOCUS_FLOOR (0.15), another figure's from FOCUS_FLOOR (0.3)
    year = chunk(9, "嘉定育成中心於2010年獲得國家級殊榮。", path=("(捌)嘉定",))
    scorer = EvidenceScorer(c.breadcrumb + c.text for c in (year, STAFF, OTHER))
    question = "嘉定育成中心是哪一年成立的？"
    kept = scorer.score(question, hits(year))
    monkeypatch.setattr(refusal, "YEAR_FOCUS_FLOOR", refusal.FOCUS_FLOOR)
    as_other = EvidenceScorer(c.breadcrumb + c.text for c in (year, STAFF, OTHER))
    assert 0 < kept < 0.9 * as_other.score(question, hits(year))


def _cosines(question: str, texts: object) -> list[float]:
    """A stand-in similarity: 0.9 for a sentence naming 120 researchers, else 0.7."""
    return [0.9 if "120" in str(t) else 0.7 for t in texts]  # type: ignore[attr-defined]


def test_english_evidence_is_the_best_sentence_cosine_when_a_similarity_is_given() -> None:
    seen: list[list[str]] = []

    def similarity(question: str, texts: object) -> list[float]:
        seen.append(list(texts))  # type: ignore[call-overload]
        return _cosines(question, texts)

    scorer = EvidenceScorer((c.text for c in (STAFF, OTHER)), similarity=similarity)
    question = "How many researchers does the centre have?"
    assert scorer.score(question, hits(STAFF)) == pytest.approx(1.0)
    named = "How many researchers does the Jiading centre have?"  # Jiading is not written
    assert scorer.score(named, hits(STAFF)) == pytest.approx(0.5)
    assert scorer.score(question, hits(OTHER)) == 0.0  # no sentence with a headcount
    assert seen[0] == ["嘉定育成中心現有研發人員 120 名，進駐企業 35 家。"]
    unrelated = "What did the Jiading centre say about training?"  # asks for no figure
    assert scorer.score(unrelated, hits(OTHER)) == 0.0  # cosine 0.7 is below the floor


def test_for_ranking_an_abbreviated_name_counts_where_the_section_path_spells_it_out() -> None:
    other = chunk(1, "產研院提供研發服務與技術轉移。", path=("(貳)其他機構", "一、簡介"))
    head = chunk(2, "院長為鈕曉鳴，副院長二人。", path=("(貳)上海產業技術研究院", "一、簡介"))
    scorer = EvidenceScorer(c.breadcrumb + c.text for c in (other, head))
    question = "上海產研院的院長是誰？"
    assert scorer.best_sentence(question, [Hit(head, 1.0)], abbreviations=True) > (
        scorer.best_sentence(question, [Hit(other, 1.0)], abbreviations=True))
    # the refusal check does not stretch the question's words this way
    assert scorer.best_sentence(question, [Hit(head, 1.0)]) == scorer.best_sentence(
        question, [Hit(other, 1.0)])
    assert abbreviated({"科委"}, "上海市科学技术委员会") == {"科委"}
    assert abbreviated({"科委"}, "科学技术、人才委员会") == set()  # not across punctuation


PARKS = [
    chunk(20, "竹科2022年營業額達美金528億元，成長近30%。", path=("(5)新竹科學園區", "(一)營業額")),
    chunk(21, "泰國科學園區以多元發展為目標，推動產學合作。", path=("(2)泰國科學園區",)),
    chunk(22, "上海交通大學國家大學科技園園區總面積超過30萬平方公尺。", path=("(肆)交大",)),
    chunk(23, "時間：104 年 12 月 2 日 下午，拜訪紫竹高新區。", path=("(參)紫竹",)),
]
PARK_SCORER = EvidenceScorer(c.breadcrumb + c.text for c in PARKS)


def test_a_figure_in_a_passage_about_another_park_scores_low() -> None:
    # 竹科's turnover does not answer a question about the Thai park's turnover.
    about_hsp = PARK_SCORER.score("竹科2022年的營業額是多少？", hits(PARKS[0]))
    about_thai = PARK_SCORER.score("泰國園區2022年的營業額有多高？", hits(PARKS[0], PARKS[1]))
    assert about_hsp > 0.8
    assert about_thai < 0.2 * about_hsp


def test_an_abbreviated_name_counts_as_named_where_the_passage_spells_it_out() -> None:
    assert PARK_SCORER.score("上海交大科技園的總面積有多大？", hits(PARKS[2])) > 0.5


def test_a_day_no_passage_mentions_scores_zero() -> None:
    assert PARK_SCORER.score("參訪團12月5日拜訪了哪個機構？", hits(PARKS[3])) == 0.0
    assert PARK_SCORER.score("參訪團12月2日拜訪了哪個機構？", hits(PARKS[3])) > 0.1


def test_a_place_the_reports_never_name_scores_zero() -> None:
    assert PARK_SCORER.score("參訪團在蘇州拜訪了哪些園區？", hits(*PARKS)) == 0.0


def test_a_count_needs_what_it_counts_next_to_the_figure() -> None:
    # 「11 個國家」 and 「300 名」 are counts, but not of members; 「35 個會員」 is
    fair = chunk(4, "ASPA 年會共有來自 11 個國家約 300 名與會者，並強化 ASPA 的會員網絡。")
    members = chunk(5, "ASPA 年會宣布協會現有 35 個會員，並強化合作網絡。")
    scorer = EvidenceScorer(c.breadcrumb + c.text for c in (fair, members, STAFF))
    question = "ASPA現有多少個會員？"
    answered = scorer.score(question, hits(members))
    assert answered > 0.5
    assert scorer.score(question, hits(fair)) <= 0.1 * answered + 1e-9  # COUNT_FLOOR


def test_a_western_year_is_found_where_the_passage_writes_the_roc_year() -> None:
    visit = chunk(4, "拜訪機構名稱：上海市科委。時間：104 年 12 月 3 日 上午。", path=("(壹)科委",))
    scorer = EvidenceScorer([visit.breadcrumb + visit.text])
    assert scorer.score("2015年12月3日拜訪了哪個機構？", hits(visit)) > 0.1
    assert scorer.score("2016年12月3日拜訪了哪個機構？", hits(visit)) == 0.0
