"""A figure stated for one place does not answer a question about another:
the clause that states it must name the asked place, or name no other one."""

from __future__ import annotations

from app.cities import asked_places, other_place
from app.question import analyse
from app.sentences import Source, states_asked_figure

SAID = "2014 年杭州市研發經費投入 300 億元，僅次於廣州（5%）。"


def test_another_citys_figure_does_not_answer() -> None:
    asked = "廣州一年的研發經費是多少？"
    assert not states_asked_figure(asked, [SAID], [Source("", SAID)])
    assert states_asked_figure(asked, ["廣州市研發經費投入 500 億元。"], [Source("", "")])


def test_the_clause_naming_the_asked_place_answers() -> None:
    assert states_asked_figure("廣州的研發投入強度是多少？", [SAID], [Source("", SAID)])
    assert analyse("研發投入強度多高？").unit is not None  # an intensity is a share


def test_a_clause_naming_no_place_keeps_the_figure() -> None:
    clauses = ["全年研發經費投入 300 億元"]
    assert not other_place("廣州的研發經費多少？", ["广州"], clauses)


def test_a_place_around_the_asked_one_is_no_other_place() -> None:
    assert not other_place("杭州西湖的經費多少？", ["杭州", "西湖"], ["杭州市投入 30 億元"])


def test_english_names_are_read_by_their_chinese_names() -> None:
    chinese = {"Guangzhou": ["广州"]}.get
    assert asked_places("What did Guangzhou spend?", ["Guangzhou"], lambda n: chinese(n) or [])
    assert other_place("What did Guangzhou spend?", ["Guangzhou"], ["杭州市投入 300 億元"],
                       lambda n: chinese(n) or [])


def test_bodies_without_a_place_are_not_read_so() -> None:
    assert asked_places("甲公司的經費多少？", ["甲公司"]) == set()


def test_a_share_may_name_its_part_and_whole() -> None:
    said = "清邁市人口占 2%。"
    assert states_asked_figure("舉辦城市的人口占泰國的多少比例？", [said], [Source("泰國", said)])
    assert not states_asked_figure("舉辦城市的人口有泰國的多少人？", ["清邁市人口 130 萬人。"],
                                   [Source("泰國", "清邁市人口 130 萬人。")])


def test_a_place_as_origin_partner_or_aside_is_not_the_figures_owner() -> None:
    asked = "蘇州園區有多少家外資企業？"
    for said in ("園區累計引進來自美國、新加坡等國的外資企業5000家。",
                 "與杭州市合作引進外資企業 120 家。", "園區外資企業 120 家（約占江蘇省一成）。"):
        assert states_asked_figure(asked, [said], [Source("蘇州園區", said)]), said


def test_an_investment_intensity_is_not_a_share() -> None:
    assert analyse("園區的投資強度是多少？").unit != analyse("研發投入強度是多少？").unit
