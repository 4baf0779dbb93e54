"""Whose and which amount: a narrowed kind of spending, a city's own body, a
thing named only by its kind noun, an English clause that asks before one that
describes, and what a pronoun after 「甲的乙基金」 stands for (made-up cases)."""

from __future__ import annotations

from app.cities import city_figure
from app.followup import pronoun_topic, rule_rewrite
from app.measures import names_thing, other_qualifier, qualifiers
from app.questions import expected_unit, questioning_clauses
from app.sentences import states_asked_figure


def test_a_narrowed_kind_of_spending_is_not_another() -> None:
    question = "這次訪問團花了多少差旅經費？"
    assert qualifiers("这次访问团花了多少差旅经费") == ["差旅"]
    assert other_qualifier(question, "2020 年北濱市研发经费投入 300 亿元")
    assert not other_qualifier(question, "訪問團差旅經費共 80 萬元".replace("經費", "经费"))
    assert not states_asked_figure(question, ["2020 年北濱市研發經費投入 300 億元。"])
    assert states_asked_figure(question, ["訪問團的差旅經費共 80 萬元。"])


def test_a_qualifier_sharing_a_character_is_the_same_amount() -> None:
    assert not other_qualifier("科研經費有多少？", "科技经费 3 亿元")
    assert not other_qualifier("年度預算是多少？", "研发预算 3 亿元")  # 年度 narrows nothing


def test_a_city_body_named_as_one_word_is_not_the_city() -> None:
    clause = ["2020 年北濱市研發經費投入 300 億元"]
    assert city_figure("北濱市科委的預算有多少？", ["北濱市科委"], clause)
    assert not city_figure("北濱市科委的預算有多少？", ["北濱市科委"],
                           ["北濱市科委的預算為 3 億元"])  # the body itself: 委 acts


def test_a_thing_named_only_by_its_kind_noun_is_another() -> None:
    assert not names_thing("培训基地", "园区结合生产基地，于 2008 年启用")
    assert names_thing("培训基地", "培训中心于 2008 年启用")  # 培训 shared
    assert names_thing("基地", "生产基地于 2008 年启用")  # nothing but the kind asked


def test_an_english_clause_asks_before_a_describing_one() -> None:
    assert questioning_clauses("How old is the mayor, a former engineer?")[0] == (
        "How old is the mayor")
    unit = expected_unit("How old is the mayor, a former engineer?")
    assert unit is not None and unit.search("現年 58 歲")  # an age, from the first clause
    clauses = questioning_clauses("When did it open, and how many staff does it have?")
    assert clauses == [" and how many staff does it have"]
    clauses = questioning_clauses("How many came, and from how many towns?")  # two words before
    assert clauses == [" and from how many towns"]


def test_an_age_asked_in_a_clause_before_an_apposition_needs_an_age() -> None:
    assert not states_asked_figure("How old is the mayor, a former engineer?",
                                   ["市長於 2019 年上任。"])
    assert states_asked_figure("How old is the mayor, a former engineer?", ["市長現年 58 歲。"])


def test_a_pronoun_stands_for_the_body_named_after_the() -> None:
    assert pronoun_topic("北濱的創業基金有多少錢？") == "北濱的創業基金"
    assert pronoun_topic("北濱園區的員工有多少人？") == "北濱園區"  # 員工 names no body
    assert rule_rewrite("它是哪一年成立的？", "北濱的創業基金有多少錢？") == (
        "北濱的創業基金是哪一年成立的？")


def test_who_made_up_a_delegation_asks_the_card() -> None:
    from app.card import asks_card

    assert asks_card("Which officials made up the 2019 delegation to Osaka?")
    assert asks_card("這次出訪有哪些官員參加？")
    assert not asks_card("Which firms did the 2019 delegation visit in Osaka?")


def test_the_reviewers_cases_of_holders_and_topics() -> None:
    assert names_thing("紫竹科学园区", "园区于 2001 年成立")  # a bare kind noun refers back
    assert not other_qualifier("這趟出國考察經費多少？", "本次出国经费共 30 万元")
    assert pronoun_topic("紫竹的中心主任是誰？") == "紫竹"  # 中心 alone names no body
    assert not city_figure("北濱市政府的預算多少？", ["北濱市政府"], ["北濱市財政預算 80 億元"])
