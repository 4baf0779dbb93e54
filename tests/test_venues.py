"""Where: a question asking where something took place is not answered by
sentences that name no place (app.venues), as a rule of the answerability model
(app.verdict); made-up passages."""

from __future__ import annotations

import pytest

from app.venues import asks_place, names_place, place_missing
from tests.test_verdict_rules import GENEROUS, _over

DINNER = "青禾論壇第一天議程：18:30 ~ 20:00 歡迎晚宴。"


@pytest.mark.parametrize("question", [
    "青禾論壇的歡迎晚宴在哪裡舉行？", "青禾论坛的欢迎晚宴在哪里举行？", "晚宴辦在何處？",
    "代表團住哪一家飯店？", "Where was the welcome dinner held?",
    "Which hotel did the delegation stay at?", "What was the venue of the forum?",
])
def test_questions_asking_for_a_place(question: str) -> None:
    assert asks_place(question)


@pytest.mark.parametrize("question", [
    "晚宴幾點開始？", "中心的經費從哪裡來？", "兩個縣在哪一年合併？", "論壇在哪天舉行？",
    "兩地的做法差在哪裡？", "這項政策的難點在哪？",
    "Where does the centre's money come from?", "When was the dinner?",
])
def test_questions_asking_no_place(question: str) -> None:
    assert not asks_place(question)


def test_a_place_is_a_venue_word_a_place_label_a_place_name_or_a_latin_name() -> None:
    assert names_place(["晚宴於青禾大飯店舉行"]) and names_place(["地點：第三會議室"])
    assert names_place(["晚宴辦在杭州"]) and names_place(["Dinner at Riverside Hall"])
    assert not names_place(["晚宴由主辦單位招待全體與會者"])
    assert not names_place(["代表團抵達杭州"], "代表團在杭州住哪裡？")  # the asked city itself


def test_a_where_question_over_a_passage_naming_no_place_is_refused() -> None:
    measure = _over(DINNER, "貳、青禾論壇")
    where = measure("青禾論壇的歡迎晚宴在哪裡舉行？")
    when = measure("青禾論壇的歡迎晚宴是幾點？")
    assert where["place_missing"] == 1.0 and GENEROUS.refuses(where)
    assert when["place_missing"] == 0.0 and not GENEROUS.refuses(when)


def test_a_where_question_over_a_passage_naming_the_venue_answers() -> None:
    measure = _over("青禾論壇的歡迎晚宴於湖濱國際會議中心舉行。", "貳、青禾論壇")
    found = measure("青禾論壇的歡迎晚宴在哪裡舉行？")
    assert found["place_missing"] == 0.0 and not GENEROUS.refuses(found)


def test_place_missing_needs_sentences() -> None:
    assert not place_missing("晚宴在哪裡舉行？", [])
