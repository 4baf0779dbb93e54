"""How long, how far from a goal, and what a relative clause counts: made-up cases."""

from __future__ import annotations

import re

from app.counted import asked_count, counted_heads
from app.questions import SPAN, expected_unit
from app.sentences import states_asked_figure


def test_a_gap_to_a_goal_is_no_distance() -> None:
    distance = expected_unit("兩座園區相距多遠？")
    assert distance is not None and distance.search("相距 12 公里")
    for asked in ("園區去年的營收距離今年目標還差多少？",
                  "How far is the park's output from its 2030 target?"):
        unit = expected_unit(asked)
        assert unit is None or not unit.search("相距 12 公里"), asked


def test_a_year_alone_says_when_not_how_long() -> None:
    assert not states_asked_figure("合作備忘錄的效期是幾年？", ["雙方於 2021 年簽署合作備忘錄。"])
    assert states_asked_figure("合作備忘錄的效期是幾年？", ["合作備忘錄效期 5 年。"])


def test_a_date_is_no_span_unless_it_ends_a_range() -> None:
    assert not states_asked_figure("這項培訓課程為期多久？", ["培訓課程於 9 月開課。"])
    assert states_asked_figure("這項培訓課程為期多久？", ["培訓課程自 9 月 1 日至 10 月 30 日。"])


def test_the_year_an_event_began_answers_how_long_since() -> None:
    assert states_asked_figure("這家育成中心成立幾年了？", ["育成中心成立於 2009 年。"])
    # the year of something else says nothing of how long he has held the post
    assert not states_asked_figure("那位董事長擔任這個職務幾年了？", ["公司於 2009 年擴建廠房。"])
    assert states_asked_figure("那位董事長擔任這個職務幾年了？", ["他自 2009 年起擔任董事長。"])


def test_the_span_pattern_reads_counts_of_time() -> None:
    assert re.search(SPAN, "為期六個月") and re.search(SPAN, "3 years")
    assert re.search(SPAN, "2019 年")  # a calendar year: read, then judged by what is beside it


def test_a_clause_before_de_tells_which_and_the_head_follows() -> None:
    asked = asked_count("園區選了多少家AI相關的新創來培育？")
    assert asked is not None and "新创" in asked.heads
    assert states_asked_figure("園區選了多少家AI相關的新創來培育？",
                               ["園區選拔了 30 個新創 AI 公司進駐培育。"])
    assert counted_heads("10 多個科技企業孵化器，初步形成") == ["孵化器"]  # unchanged


def test_rent_and_prize_money_are_read_by_their_own_words() -> None:
    """A budget or a sales figure does not say what a tenant pays or what a winner gets."""
    budget = ["中心年度預算 3,000 萬元。"]
    assert not states_asked_figure("育成中心每月租金多少錢？", budget)
    assert not states_asked_figure("What rent do tenants pay per square metre?", budget)
    assert states_asked_figure("育成中心每月租金多少錢？", ["進駐廠商每月租金 2 萬元。"])
    assert not states_asked_figure("冠軍隊伍的獎金有多少？", budget)
    assert states_asked_figure("冠軍隊伍的獎金有多少？", ["冠軍可獲獎金 50 萬元。"])


def test_energy_and_emissions_are_read_by_their_own_words() -> None:
    """Revenue is no electricity used, and a firm count no emissions."""
    assert not states_asked_figure("園區一年用電量是多少？", ["園區年營收 300 億元。"])
    assert states_asked_figure("園區一年用電量是多少？", ["園區年用電量約 3 億度。"])
    assert not states_asked_figure("園區每年碳排放量多少噸？", ["園區運輸量每年 5 萬噸。"])
    assert states_asked_figure("園區每年碳排放量多少噸？", ["年碳排放量約 5 萬噸。"])
