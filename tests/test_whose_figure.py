"""Whose figure a quoted sentence states (app.sentences.states_asked_figure): a
numbered thing's, a park's named by its place, a city's rather than its
institute's; made-up reports and questions."""

from __future__ import annotations

import pytest

from app.sentences import Source, states_asked_figure


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        ("三號樓有幾層？", "1. 一號樓：為 18 層大樓。", False),  # another building's floors
        ("三號樓有幾層？", "3. 三號樓：共 7 層。", True),
        ("三號樓有幾層？", "2. 二號樓：作為餐廳。", False),  # a list's number states no figure
        ("第二期面積多大？", "一期面積約 2,000 平方公尺。", False),
        ("第二期面積多大？", "二期面積約 4,000 平方公尺。", True),
    ],
)
def test_a_numbered_thing_figure_is_not_another_numbers(
    question: str, sentence: str, stated: bool
) -> None:
    assert states_asked_figure(question, [sentence]) is stated


def test_a_park_jieba_keeps_as_one_word_is_asked_by_the_place_leading_it() -> None:
    """天津經濟技術開發區 is one word to jieba; a passage naming another 開發區 half
    matches it, so the passage must name 天津 (app.bodies.whole_names)."""
    question = "天津經濟技術開發區有多少名員工？"
    other = "青禾經濟技術開發區位於江邊。開發區共有員工 3,000 名。"
    own = "天津經濟技術開發區位於濱海。開發區共有員工 3,000 名。"
    sentence = "開發區共有員工 3,000 名。"
    assert not states_asked_figure(question, [sentence], [Source("概況", other)])
    assert states_asked_figure(question, [sentence], [Source("概況", own)])


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        # the city's money, not the institute's it leads by name (app.cities.place_itself)
        ("杭州農業研究院的年度經費有多少？", "2019 年杭州市研發經費投入 300 億元。", False),
        ("杭州農業研究院的年度經費有多少？", "杭州農業研究院年度經費 3 億元。", True),
        ("杭州農業研究院的年度經費有多少？", "杭州市農業研究院年度經費 3 億元。", True),
        # the city in another clause than the figure's leaves the figure the institute's
        ("杭州農業研究院是哪一年成立的？", "成立於 1977 年，1987 年經杭州市政府批准獨立。", True),
        # the city acting for the institute, or the institute named by a pronoun
        ("杭州農業研究院是哪一年成立的？", "該院於 1987 年經杭州市政府批准成立。", True),
        ("杭州農業研究院每年獲得多少經費？", "該院 2019 年獲杭州市財政撥款 3 億元。", True),
    ],
)
def test_a_citys_figure_is_not_its_institutes(question: str, sentence: str, stated: bool) -> None:
    passage = f"概況。{sentence}"
    assert states_asked_figure(question, [sentence], [Source("概況", passage)]) is stated


def test_a_sentence_pointing_back_is_about_the_sentence_before() -> None:
    """「其研發投入…」 is the figure of what the sentence before names (青禾園區),
    though the passage names the asked city elsewhere; a sentence naming no one
    and pointing nowhere is read with its whole passage, as before."""
    passage = ("天津也設有多處園區。青禾園區在全國排名第 18 位。"
               "其研發投入 2014 年達 26 億元。研發投入 2014 年達 26 億元。")
    source = Source("概況", passage)
    pointing, plain = "其研發投入 2014 年達 26 億元。", "研發投入 2014 年達 26 億元。"
    assert not states_asked_figure("天津的研發投入有多少？", [pointing], [source])
    assert states_asked_figure("青禾園區的研發投入有多少？", [pointing], [source])
    assert states_asked_figure("天津的研發投入有多少？", [plain], [source])


def test_pointing_back_reaches_the_nearest_sentence_that_names_something() -> None:
    """A sentence between them that names no one (「園區成立於…」) is skipped: 其 still
    points to 青禾園區, named two sentences before."""
    passage = ("青禾園區位於江邊。園區成立於 2000 年，佔地 10 平方公里。"
               "其研發投入 2014 年達 26 億元。")
    sentence = "其研發投入 2014 年達 26 億元。"
    assert states_asked_figure("青禾園區的研發投入有多少？", [sentence], [Source("概況", passage)])


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        ("青禾中心實際進駐了多少家企業？", "中心面積 3,000 平方米，可容納 40 家企業。", False),
        ("青禾中心實際進駐了多少家企業？", "中心目前已有 25 家企業進駐。", True),
        ("青禾中心可以容納多少家企業？", "中心面積 3,000 平方米，可容納 40 家企業。", True),
        # the asked year's figure is a goal; the year before's was reached
        ("How much did the park actually export in 2030?",
         "2029 年出口達到了 1.4 億美元，2030 年的目標是 3 億美元。", False),
        ("How much did the park actually export in 2029?",
         "2029 年出口達到了 1.4 億美元，2030 年的目標是 3 億美元。", True),
        # the goal and what was reached, in one sentence; a capacity asked as one
        ("2029年實際出口額是多少美元？", "2029 年出口目標 3 億美元，實際達 3.2 億美元。", True),
        ("那棟樓實際能容納幾家公司？", "大樓可容納 50 家公司。", True),
        # plan words inside other words: 虛擬 (virtual), 未來 in a park's name
        ("園區實際進駐了幾家公司？", "園區有 35 家虛擬實境公司。", True),
        ("園區實際進駐了幾家公司？", "未來科技園區有 35 家公司。", True),
        # reached by now (至今, 已經, "so far"): a capacity or a goal does not say it
        ("青禾基金至今投資了幾家公司？", "青禾中心可容納 40 家企業。", False),
        ("青禾中心已經進駐多少家企業？", "中心的目標是引進 60 家企業。", False),
        ("How many firms has the Qinghe fund backed so far?", "基金目標投資 30 家新創企業。",
         False),
        ("青禾基金至今投資了幾家公司？", "青禾基金至今已投資 12 家公司。", True),
        # a plan's name in brackets is a name (「博士培育計畫」); a goal asked is a goal
        ("青禾大學已經培育了多少名博士？", "青禾大學「博士培育計畫」培育 300 名博士。", True),
        ("青禾市已經訂出的出口目標是多少？", "2030 年出口目標為 50 億美元。", True),
    ],
)
def test_an_actual_figure_is_not_a_goal_or_a_capacity(
    question: str, sentence: str, stated: bool
) -> None:
    assert states_asked_figure(question, [sentence]) is stated

