"""A year or a date asked of an event (founded, opened, took office) is read
beside that event in its own clause, not in a clause that dates something else;
a gap between two times dates no one event."""

from __future__ import annotations

import re

from app.measures import dated_event, figure_windows
from app.sentences import states_asked_figure
from app.units import DATE, YEAR


def test_a_year_of_another_clause_does_not_date_the_event() -> None:
    said = ["繼甲區與海濱農場之後成立的第三個區，又在 2013 年推動建設新港。"]
    assert not states_asked_figure("海濱農場是哪一年成立的？", said)


def test_a_clause_of_time_alone_reads_on_into_the_next() -> None:
    assert states_asked_figure("海濱農場是哪一年成立的？", ["2001年，海濱農場正式成立。"])
    said = "2001年，海濱農場正式成立。"
    assert figure_windows(re.compile(YEAR), said) == ["2001年，海濱農場正式成立"]


def test_a_when_question_reads_its_event_too() -> None:
    asked = "海濱農場是什麼時候成立的？"
    assert states_asked_figure(asked, ["海濱農場成立於 2001 年 3 月。"])
    other = "繼甲區之後成立的第三個區，又在 2013 年 5 月推動建設新港。"
    assert not states_asked_figure(asked, [other])
    # a meeting's time dates no event of its own: any date beside it answers
    assert states_asked_figure("這場論壇是什麼時候舉辦的？", ["論壇於 2013 年 5 月登場。"])


def test_a_gap_between_two_times_dates_no_one_event() -> None:
    assert dated_event("How many years passed between its founding and its listing?") is None
    assert dated_event("兩家公司成立相隔幾年？") is None
    assert dated_event("When was the farm founded?") is not None


def test_other_figures_are_read_beside_them() -> None:
    windows = figure_windows(re.compile(r"\d+\s*家"), "甲園區內，在孵企業共 120 家，另有 30 家。")
    assert len(windows) == 2 and all("家" in w for w in windows)
    said = "會議訂於 5 月 2 日，在台北。"
    assert figure_windows(re.compile(DATE), said) == ["會議訂於 5 月 2 日，在台北"]


def test_the_clause_before_is_the_topic_unless_it_sets_the_time_after_something() -> None:
    assert states_asked_figure("這座館是什麼時候開幕的？", ["館的開幕典禮，訂於12月5日舉行。"])
    assert states_asked_figure("這座館是什麼時候開幕的？", ["館正式開幕，時間是2015年6月。"])
    assert states_asked_figure("這座館是哪一年開幕的？",
                               ["2015年6月13日，在市長及各界貴賓見證下，館正式開幕。"])


def test_a_comma_in_brackets_ends_no_clause() -> None:
    said = "甲園區於2001年9月（當時稱為乙區，後更名）正式成立。"
    assert states_asked_figure("這座甲園區是什麼時候成立的？", [said])


def test_the_event_may_be_said_in_other_words() -> None:
    assert states_asked_figure("這所學校是什麼時候創立的？", ["學校創校於1971年。"])
    assert states_asked_figure("這位局長是何時上任的？", ["局長於2019年7月到任。"])


def test_a_clause_bringing_in_what_someone_says_is_no_topic() -> None:
    said = "理事長在成立大會致詞表示，自2019年兩會簽署合作備忘錄後，交流日增。"
    assert not states_asked_figure("兩會是哪一年成立的？", [said])
