"""A question asking two figures asks each in its own part: 「有多少員工、多少資產」
is two parts (app.questions.asked_figures), and 「泰國有幾座園區？越南又有幾座？」
asks Vietnam's count about Vietnam (app.subjects.figure_of_part); made-up
sentences and names."""

from __future__ import annotations

from app.questions import asked_figures, asked_parts
from app.sentences import Source, states_asked_figure


def test_a_clause_asking_two_figures_is_two_parts() -> None:
    assert asked_parts("集團有多少員工、多少資產") == ["集團有多少員工", "多少資產"]
    assert asked_parts("股東、員工有多少") == ["股東、員工有多少"]  # one asks
    clauses = [f.clause for f in asked_figures("海濱集團大概有多少員工、多少家當？")]
    assert clauses == ["海濱集團大概有多少員工", "多少家當"]


def test_the_staff_count_answers_though_the_other_part_reads_as_a_count() -> None:
    # 家當 (property) reads as a count of 家: the staff count of the same sentence answers
    question = "海濱集團大概有多少員工、多少家當？"
    sentence = "海濱集團目前員工約 3200 人，資產已達 80 億元。"
    assert states_asked_figure(question, [sentence], [Source("海濱集團 › 概況", "")])


def test_each_part_of_a_two_figure_question_is_about_its_own_names() -> None:
    question = "泰國有幾座科學園區？越南又有幾座？"
    vietnam = "越南目前有 3 座科學園區。"
    assert states_asked_figure(question, [vietnam], [Source("東南亞 › 越南", "")])
    # a figure of a place neither part names is no answer
    laos = "寮國目前有 2 座科學園區。"
    assert not states_asked_figure(question, [laos], [Source("東南亞 › 寮國", "")])


def test_a_one_figure_question_keeps_reading_all_its_names() -> None:
    question = "泰國的科學園區有幾座？"
    assert not states_asked_figure(question, ["越南目前有 3 座科學園區。"],
                                   [Source("東南亞 › 越南", "")])
