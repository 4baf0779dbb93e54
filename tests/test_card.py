"""Questions about a trip as a whole, and the report's card that answers them (made-up cases)."""

from __future__ import annotations

import pytest

from app.backends.base import ContextBlock
from app.backends.extractive import ANSWER, chosen_sentences
from app.card import asks_card, card_answer, card_of, fields
from app.language import fold
from app.refusal import EvidenceScorer
from app.rerank import SentenceReranker
from app.sentences import Candidate, _with_card_lines, score_sentences
from tests.answer_fakes import IndexFixed, chunk

COVER = chunk(1, "姓名職稱：王處長、李科長\n出國期間：113年5月1日至5月8日", path=("封面",))
VISIT = chunk(2, "卑爾根漁港的轉型以觀光漁市為主。", path=("貳、參訪紀要", "(一)卑爾根"))
ADVICE = chunk(3, "建議推動漁港觀光轉型。", path=("參、心得與建議",))


@pytest.mark.parametrize(("question", "card"), [
    ("這趟漁港考察從哪天排到哪天？", True),
    ("訪問團有哪些成員？", True),
    ("兩趟出國各在幾月？", True),
    ("这趟出访由谁带队？", True),
    ("参访团有哪些成员？", True),                   # Simplified
    ("参访团什么时候出发？", True),
    ("Who led the delegation to Norway?", True),
    ("When did the study tour start?", True),
    ("兩次出訪各是民國哪一年？", True),              # which year of each trip
    ("How many years apart were the two study tours?", True),
    ("兩次出國相隔幾年？", True),
    ("代表團拜會的漁會是哪一年成立的？", False),      # the year something else began
    ("代表團參訪的公司營運幾年了？", False),          # the years of what it saw
    ("出訪期間拜會的機構近幾年營收成長多少？", False),
    ("How many years of experience does the delegation's leader have?", False),
    ("這趟參訪了哪些漁港？", False),                # what it saw, not when or who
    ("漁會理事長是誰？", False),                    # no trip named
    ("代表團拜會了誰？", False),                    # whom it met, not who went
    ("Who did the delegation meet?", False),
    ("出國期間參訪了哪些漁港？", False),            # 期間 sets the scene
    ("此行參訪的漁會何時成立？", False),            # when something else began
    ("When was the port the delegation visited built?", False),
    ("這份出國報告提到的漁港有幾座？", False),      # 出國報告 names the document
    ("市長率團參訪了哪些漁港？", False),
    ("What led to the trip?", False),
    ("Which ports did the delegation see?", False),
])
def test_a_question_about_when_or_who_of_a_trip(question: str, card: bool) -> None:
    assert asks_card(question) is card


def test_a_card_needs_two_distinct_labelled_fields() -> None:
    assert fields("⚫ 時間： 2024 年 5 月 2 日\n⚫ 地點： 基隆") == {"时间", "地点"}
    assert fields("姓名職稱：王處長、李科長\n派赴國家：挪威") == {"姓名职称", "派赴国家"}
    assert fields("會議期間，雙方討論：漁獲配額。") == set()


def test_the_card_is_the_first_passage_with_labelled_fields() -> None:
    chunks = [chunk(1, "緣起：為了解漁港轉型。"),
              chunk(2, "姓名職稱：王處長\n出國期間：113年5月1日至5月8日"),
              chunk(3, "時間：5月2日\n地點：卑爾根"),
              chunk(4, "時間：5月3日\n地點：奧斯陸", doc="other.txt")]
    assert card_of(chunks, "r.txt") is chunks[1]
    assert card_of(chunks, "other.txt") is chunks[3]
    assert card_of(chunks, "none.txt") is None


def reranker(found: list, everything: list) -> SentenceReranker:  # type: ignore[type-arg]
    return SentenceReranker(IndexFixed(found, everything),
                            EvidenceScorer(c.breadcrumb + c.text for c in everything))


def test_the_card_follows_the_first_hit_for_a_question_about_the_trip() -> None:
    # retrieval missed the cover: it shares no word with 哪天
    search = reranker([VISIT, ADVICE], [COVER, VISIT, ADVICE]).search
    assert [h.chunk.id for h in search("這趟考察從哪天到哪天？", 3)] == ["c2", "c1", "c3"]
    # a question about what the trip saw keeps retrieval's order
    assert [h.chunk.id for h in search("這趟考察看了哪些漁港？", 3)] == ["c2", "c3"]


def test_a_card_already_among_the_first_hits_stays_where_it_is() -> None:
    other = chunk(4, "奧斯陸漁港以冷鏈物流為主。", path=("貳、參訪紀要", "(二)奧斯陸"))
    found = [VISIT, ADVICE, other, COVER]
    ids = [h.chunk.id for h in reranker(found, found).search("這趟考察從哪天到哪天？", 4)]
    assert ids == ["c2", "c3", "c4", "c1"]  # not moved up, not brought twice


def test_each_reports_card_follows_that_reports_first_hit() -> None:
    other_cover = chunk(5, "時間：113年9月2日至9月6日\n地點：釜山", doc="b.txt", path=("年會報告",))
    other_talk = chunk(6, "釜山港的轉型以郵輪為主。", doc="b.txt", path=("一、會議",))
    found = [VISIT, other_talk, ADVICE]
    search = reranker(found, [COVER, VISIT, ADVICE, other_cover, other_talk]).search
    ids = [h.chunk.id for h in search("兩份報告中，兩趟考察各在哪天？", 5)]
    assert ids == ["c2", "c1", "c6", "c5", "c3"]


def test_the_reader_raises_the_card_line_that_answers() -> None:
    talk = chunk(4, "考察團這趟在卑爾根漁港停留，從漁市走到碼頭。",
                 path=("貳、參訪紀要", "(一)卑爾根"))
    blocks = [ContextBlock(1, talk), ContextBlock(2, COVER)]
    top = max(score_sentences("這趟考察從哪天到哪天？", blocks), key=lambda c: c.score)
    assert top.text == "出國期間：113年5月1日至5月8日"
    who = [c.text for c in chosen_sentences("這趟考察由誰帶隊？", blocks, quoting=ANSWER)]
    assert "姓名職稱：王處長、李科長" in who
    # a question about what the trip saw reads the passages as before
    saw = [c.text for c in chosen_sentences("考察團在卑爾根漁港停留時走到哪裡？", blocks,
                                            quoting=ANSWER)]
    assert saw[0] == talk.text


def test_one_visits_hour_is_no_answer_to_when_the_trip_was() -> None:
    when = card_answer("這趟考察從哪天到哪天？")
    assert when is not None
    assert when.match(fold("出國期間：113年5月1日至5月8日"))
    assert when.match(fold("时间：113年9月2日至9月6日"))  # Simplified, a span of days
    assert not when.match(fold("⚫ 時間： 2024 年 5 月 2 日 14：30"))
    assert card_answer("這趟考察看了什麼？") is None


def test_a_line_outside_a_card_is_not_raised() -> None:
    talk = chunk(1, "漁會理事長說明轉型。時間：5月1日至5月2日。",
                 path=("貳、參訪紀要", "(一)卑爾根"))
    found = [Candidate(1, 0, "漁會理事長說明轉型。", 2.0),
             Candidate(1, 1, "時間：5月1日至5月2日。", 0.5),
             Candidate(2, 1, "出國期間：113年5月1日至5月8日", 0.1)]
    blocks = [ContextBlock(1, talk), ContextBlock(2, COVER)]
    raised = _with_card_lines("這趟考察是哪天？", found, blocks)
    assert [c.score for c in raised] == [2.0, 0.5, 2.001]  # only the card's line, just above
