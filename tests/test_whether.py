"""Clauses that ask whether ask for no figure unless they give one to weigh against
(app.whether, read by app.questions.expected_unit); rent is money; made-up questions."""

from __future__ import annotations

import pytest

from app.questions import expected_unit
from app.whether import asks_only_whether


@pytest.mark.parametrize(("question", "asks"), [
    ("這家育成中心有沒有投資那所大學的實驗室？", False),  # whether it invested: yes or no
    ("港務局是否提供租金補貼？", False),
    ("碼頭的預算有公開嗎？", False),
    ("Did the port authority fund the new lab?", False),
    ("Does the harbour zone charge an entry fee?", False),
    ("港務局的投資金額有沒有超過一億元？", True),  # a figure to weigh against: it asks one
    ("Was the harbour's budget over 10 million dollars?", True),
    ("這家育成中心投資了多少錢？", True),
    ("What rent do harbour tenants pay per square metre?", True),  # money, not an area
    # a threshold or comparison in words, or a polite request, still asks the figure
    ("港區營收有沒有突破千億？", True),
    ("港區預算是不是一千萬？", True),
    ("Did the harbour's revenue exceed ten billion yuan?", True),
    ("港區的租金比新竹高嗎？", True),
    ("Is the rent in the harbour higher than in the old town?", True),
    ("Can you tell me the harbour's annual budget?", True),
    ("可以告訴我港區去年的營收嗎？", True),
    ("你知道港區育成中心的租金嗎？", True),
    # a year or words like 以上 give no figure
    ("Was the 2024 harbour budget approved?", False),
    ("以上港區的預算是否公開？", False),
    # rent asked about, not its amount
    ("What is the rental period for harbour offices?", False),
    ("港區新創可以享受什麼租金優惠？", False),
])
def test_a_question_asking_whether_asks_no_figure_unless_it_gives_one(
    question: str, asks: bool
) -> None:
    assert (expected_unit(question) is not None) is asks


def test_rent_by_the_square_metre_is_stated_as_money() -> None:
    unit = expected_unit("What rent do harbour tenants pay per square metre?")
    assert unit is not None
    assert not unit.search("育成中心面積 3,600 平方米。") and unit.search("月租金每平方米 80 元。")
    assert expected_unit("港區育成中心的租金是多少？") is not None


def test_a_whether_clause_is_read_in_both_scripts() -> None:
    assert asks_only_whether("港務局有没有投资新创？")
    assert asks_only_whether("港務局有沒有投資新創？")
    assert not asks_only_whether("港務局投資了多少？")  # no whether
    assert not asks_only_whether("")


@pytest.mark.parametrize("question", [
    "How much floor space does the harbour incubator have?",
    "How much office space is left in the harbour tower?",
    "How much incubation floor space does it have today?",
])
def test_space_in_english_is_asked_as_an_area(question: str) -> None:
    unit = expected_unit(question)
    assert unit is not None
    assert unit.search("育成中心面積 3,600 平方米。") and not unit.search("育成中心有 30 家公司。")


@pytest.mark.parametrize("question", [
    "What is the monthly rent for office space in the harbour tower?",
    "What is the occupancy rate of the office space?",
    "How much parking space is there at the harbour?",
])
def test_space_with_its_rent_rate_or_parking_is_no_area(question: str) -> None:
    from app.units import AREA

    unit = expected_unit(question)
    assert unit is None or unit.pattern != AREA
