"""A fund's size is a sum, a park's opening is dated by its opening, and a word that
begins with a measure word counts nothing (app.questions.UNITS, app.measures.EVENTS).
Made-up questions and sentences."""

from __future__ import annotations

import pytest

from app.measures import dated_event
from app.questions import expected_unit
from app.sentences import states_asked_figure
from app.units import MONEY


@pytest.mark.parametrize("question", [
    "青禾的天使基金規模有多大？", "青禾的天使基金规模多大？", "那筆創投資金的規模是多少？",
    "What is the fund size of the Qinghe angel fund?", "How big is the fund?",
])
def test_a_funds_size_asks_for_a_sum(question: str) -> None:
    unit = expected_unit(question)
    assert unit is not None and unit.pattern == MONEY
    assert unit.search("基金規模達 5 億元") and not unit.search("基金投資了 30 家企業")


def test_a_funds_size_is_not_stated_by_its_founding_year() -> None:
    assert not states_asked_figure("青禾的天使基金規模有多大？", ["青禾於 2010 年設立天使基金。"])
    assert states_asked_figure("青禾的天使基金規模有多大？", ["青禾天使基金規模為 3 億元。"])


@pytest.mark.parametrize("question", [
    "研發團隊規模多大？", "創投公司的團隊規模多大？", "園區的人力資本規模如何？",
    "那個基金會的規模多大？",
    "What is the size of the fundamental research team?",
])
def test_other_sizes_ask_no_sum(question: str) -> None:
    unit = expected_unit(question)
    assert unit is None or unit.pattern != MONEY


def test_opening_hours_are_no_opening() -> None:
    assert dated_event("展示館的開館時間是幾點？") is None


@pytest.mark.parametrize("question", ["青禾園區是哪一年開園的？", "那座展示館哪一年开馆？"])
def test_an_opening_is_dated_by_the_opening(question: str) -> None:
    event = dated_event(question)
    assert event is not None
    assert states_asked_figure(question, ["青禾園區於 2008 年正式開園，展示館同年開館。"])
    assert not states_asked_figure(question, ["1990 年內閣批准了青禾園區的概念研究。"])


@pytest.mark.parametrize(("question", "counts_firms"), [
    ("青禾集團有多少家子公司？", True),
    ("青禾集團大概有多少家當？", False),  # 家當: belongings, not firms
    ("青禾家族有多少家產？", False),  # 家產: property
    ("園區有幾所大學？", True),
    ("員工有多少所得？", False),  # 所得: income
    # the next word begins with a character a compound would (人, 電, 在, 有): still a count
    ("園區有多少家人工智慧公司？", True),
    ("園區有多少家在孵企業？", True),
    ("園區有幾家電子公司？", True),
    ("其中有幾家有獲得投資？", True),
    ("廠區有幾间廠房？", True),
])
def test_a_word_that_begins_with_a_measure_word_counts_nothing(
    question: str, counts_firms: bool
) -> None:
    unit = expected_unit(question)
    firms = unit is not None and bool(unit.search("共 12 家")) and not unit.search("共 12 人")
    assert firms is counts_firms
