"""How long, how far from a goal, and what a relative clause counts: made-up cases."""

from __future__ import annotations

import re

from app.counted import asked_count, counted_heads
from app.questions import expected_unit
from app.sentences import states_asked_figure
from app.units import SPAN


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
    assert not re.search(SPAN, "共 30 家") and not re.search(SPAN, "面積 5 公頃")


def test_a_republic_year_is_a_point_in_time_too() -> None:
    assert not states_asked_figure("備忘錄的效期是幾年？", ["雙方於 110 年 3 月簽署備忘錄。"])


def test_only_a_date_that_opens_or_closes_a_range_is_a_span() -> None:
    assert not states_asked_figure("這項計畫為期多久？", ["研發經費增至 2021 年的 5 億元。"])
    assert not states_asked_figure("這項計畫為期多久？", ["計畫於 3 月曾至園區說明。"])
    assert states_asked_figure("這項計畫為期多久？", ["計畫期程為 2021-2025 年。"])
    assert states_asked_figure("這項計畫為期多久？", ["計畫期程為 2021 至 2025 年。"])


def test_how_long_a_body_has_run_is_answered_by_its_start() -> None:
    founded = ["1990 年 5 月，青禾育成中心正式成立。"]
    for asked in ("青禾育成中心有多久的歷史？", "青禾育成中心運作多久了？",
                  "How long has the Qinghe centre been operating?"):
        assert states_asked_figure(asked, founded), asked
    assert states_asked_figure("這項計畫執行多久了？", ["該計畫自 2018 年起執行。"])
    assert not states_asked_figure("他擔任院長幾年了？", ["自 2018 年起推動轉型計畫。"])


def test_goals_and_times_are_no_distance() -> None:
    for asked in ("園區產值距離 2030 年目標還有多遠？", "新廠距離完工還要多久？"):
        unit = expected_unit(asked)
        assert unit is None or not unit.search("相距 12 公里"), asked


def test_a_clause_before_de_tells_which_and_the_head_follows() -> None:
    asked = asked_count("園區選了多少家AI相關的新創來培育？")
    assert asked is not None and "新创" in asked.heads
    assert states_asked_figure("園區選了多少家AI相關的新創來培育？",
                               ["園區選拔了 30 個新創 AI 公司進駐培育。"])
    assert counted_heads("10 多個科技企業孵化器，初步形成") == ["孵化器"]  # unchanged
    # a verb that tells what someone did ends the count's noun: 12 countries, not plans
    assert not states_asked_figure("大會共有多少個計畫提案？", ["12 個國家提出的計畫獲得補助。"])


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


def test_the_amount_a_phrase_names_comes_before_what_it_is_for() -> None:
    """A budget for cutting emissions is a budget; revenue of prize winners is revenue."""
    assert states_asked_figure("減少碳排放的補助預算有多少？", ["節能減碳補助預算 2 億元。"])
    assert states_asked_figure("得獎新創的營收有多少？", ["獲選新創營收 2 億元。"])
    assert not states_asked_figure("園區一年用電量是多少？", ["電子產業產值 300 億元。"])
    assert not states_asked_figure("冠軍隊伍的獎金有多少？", ["政府獎勵補助 3,000 萬元。"])


def test_how_far_apart_two_times_are_is_worked_out_from_their_dates() -> None:
    card = ["出國期間：105年3月1日至3月6日"]
    assert states_asked_figure("兩次出訪相隔幾年？", card)
    assert states_asked_figure("How many years apart were the two study tours?", card)
    assert not states_asked_figure("兩次出訪相隔幾年？", ["共參訪 6 家機構。"])


def test_a_fixed_term_is_not_told_by_its_start() -> None:
    since = ["自 2017 年雙方簽署協議後，交流日益頻繁。"]
    assert not states_asked_figure("這份協議的期限是多長？", since)
    assert not states_asked_figure("How long is the term of that agreement?", since)
    assert states_asked_figure("這份協議的期限是多長？", ["協議為期 4 年。"])
    assert states_asked_figure("這份協議執行多久了？", since)  # how long so far: its start
    assert not states_asked_figure("主任的任期幾年？", ["自 2020 年起擔任主任。"])
    founded = ["該基金成立於 2018 年。"]
    assert not states_asked_figure("For how many years does the fund's tax break apply?", founded)
    assert states_asked_figure("How many years has the fund been running?", founded)
    # "long-term" names no term: how long it has been open is told by when it opened
    assert states_asked_figure("How long has the long-term care centre been open?",
                               ["長照中心於 2015 年啟用。"])


def test_how_many_years_in_english_asks_a_span() -> None:
    unit = expected_unit("How many years has the accelerator been running?")
    assert unit is not None and unit.pattern == SPAN
    assert not states_asked_figure("How many years does the pact run?", ["雙方於 2020 年簽約。"])
    assert expected_unit("How many days a week is the lab open?") != unit
