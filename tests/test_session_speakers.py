"""Whose session (app.sessions): asked who spoke at one session of a programme, a
line naming the speaker of another session does not answer. Made-up programmes."""

from __future__ import annotations

import pytest

from app.refusal import EvidenceScorer
from app.sessions import asked_session, of_session, speaker_elsewhere
from app.verdict import Verdict, signals
from index.types import Hit
from ingest.model import Chunk

GENEROUS = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)  # answers nearly all
KEYNOTE = ("壹、年會", "(一)主題演講：海洋科技的未來"), "講者：河口大學海洋系教授 Min-Jun Park"
CLASS_TWO = ("壹、年會", "(二)大師課程(二)：智慧港口"), "講者：青禾港務公司技術長 Ji-Ho Lee"


def _signals(question: str, *passages: tuple[tuple[str, ...], str]) -> dict[str, float]:
    hits = [Hit(Chunk(f"c{i}", "r.txt", path, 1, text, text), 1.0, dense_score=0.85)
            for i, (path, text) in enumerate(passages)]
    return signals(question, hits, EvidenceScorer([text for _, text in passages]))


@pytest.mark.parametrize(("question", "number"), [
    ("大師課程(二)由誰主講？", 2),
    ("大师课程2是谁主讲的？", 2),
    ("第二堂大師課程由誰主講？", 2),
    ("Who gave the second master class?", 2),
    ("Who taught master class 2?", 2),
    ("Who delivered the keynote address?", None),
])
def test_the_session_asked_and_its_number(question: str, number: int | None) -> None:
    found = asked_session(question)
    assert found is not None and found[1] == number


def test_a_question_not_asking_a_speaker_names_no_session() -> None:
    assert asked_session("大師課程有哪幾個主題？") is None
    assert asked_session("Which topics did the master classes cover?") is None


def test_another_sessions_speaker_is_refused_and_the_asked_ones_answers() -> None:
    asked = "大師課程(一)由誰主講？"
    refused = _signals(asked, KEYNOTE, CLASS_TWO)
    assert refused["holder_missing"] == 1.0 and GENEROUS.refuses(refused)
    answered = _signals("大師課程(二)由誰主講？", KEYNOTE, CLASS_TWO)
    assert answered["holder_missing"] == 0.0
    keynote = _signals("主題演講是誰主講的？", KEYNOTE)
    assert keynote["holder_missing"] == 0.0


def test_a_session_is_read_by_its_kind_and_number() -> None:
    kind = ("大师课程", "讲堂")
    assert of_session(kind, 2, "大師課程 2 講者：王五")
    assert not of_session(kind, 2, "大師課程(一)：講者：王五")
    assert of_session(kind, None, "大師課程集錦")
    no_one = [("會議有 300 人參加", "主題演講")]
    assert not speaker_elsewhere("Who delivered the keynote address?", no_one)
