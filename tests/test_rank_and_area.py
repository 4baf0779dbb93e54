"""A rank and an area, asked and stated (app.questions.UNITS): 排名第幾 is answered
by 排名 9 位, not by any figure beside the ranked thing; how big a park is asks its
area. Made-up questions and sentences."""

from __future__ import annotations

import pytest

from app.questions import expected_unit
from app.sentences import states_asked_figure


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        ("青禾園區在全國高新區裡排第幾？", "在全國 120 家高新區中排名 9 位。", True),
        ("青禾園區在全國高新區裡排第幾？", "青禾園區是首批國家高新區之一，2010 年獲評。", False),
        ("Where did the Qinghe zone rank among national zones?", "青禾園區名列第 9。", True),
        ("Where did the Qinghe zone rank among national zones?", "青禾園區成立於 2001 年。", False),
    ],
)
def test_a_rank_is_stated_as_one_not_by_any_figure(
    question: str, sentence: str, stated: bool
) -> None:
    """A rank is asked so (排第幾, "where did it rank") and stated so (排名 9 位,
    名列第 9): a first batch (首批) or a founding year is no rank."""
    assert states_asked_figure(question, [sentence]) is stated


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        # a rank describing what is counted or measured leaves the count or the sum asked
        ("排名前十的園區有多少家公司？", "十大園區共有 300 家公司。", True),
        ("排名第一的公司營收多少？", "該公司營收達 50 億元。", True),
        # 安排第一批 arranges a first batch: the year is asked
        ("園區安排第一批企業進駐是哪一年？", "園區於 2005 年迎來首批企業進駐。", True),
        # ranks stated with words between (名列全國第三, 位居亞洲第二)
        ("青禾園區在全國排第幾？", "青禾園區名列全國第三。", True),
        ("Where did the Qinghe zone rank?", "青禾園區位居亞洲第二。", True),
    ],
)
def test_a_rank_asked_or_stated_in_other_words(question: str, sentence: str, stated: bool) -> None:
    assert states_asked_figure(question, [sentence]) is stated


def test_a_rank_word_in_a_which_question_asks_no_rank() -> None:
    assert expected_unit("排名前三的公司是哪些？") is None
    assert expected_unit("Which high-ranking officials attended?") is None


@pytest.mark.parametrize("question", ["How big is the Qinghe park?", "How large is the zone?"])
def test_how_big_a_park_is_asks_its_area(question: str) -> None:
    area = expected_unit(question)
    assert area is not None and area.search("佔地 13 平方公里")
    assert not area.search("共有 300 家企業")


@pytest.mark.parametrize("question", [
    "How big was the science park's budget?", "How big is the science park team?",
    "How big is the market in the area?",
])
def test_how_big_something_else_is_asks_no_area(question: str) -> None:
    unit = expected_unit(question)
    assert unit is None or not unit.search("佔地 13 平方公里")
