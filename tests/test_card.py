"""Questions about a trip as a whole, and the report's card that answers them (made-up cases)."""

from __future__ import annotations

import pytest

from app.card import asks_card, card_of, fields
from app.refusal import EvidenceScorer
from app.rerank import SentenceReranker
from tests.answer_fakes import IndexFixed, chunk


@pytest.mark.parametrize(("question", "card"), [
    ("這趟漁港考察從哪天排到哪天？", True),
    ("訪問團有哪些成員？", True),
    ("兩次出國分別在幾月？", True),
    ("这趟出访由谁带队？", True),
    ("Who led the delegation to Norway?", True),
    ("When did the study tour start?", True),
    ("這趟參訪了哪些漁港？", False),          # what it saw, not when or who
    ("漁會理事長是誰？", False),              # no trip named
    ("Which ports did the delegation see?", False),
])
def test_a_question_about_when_or_who_of_a_trip(question: str, card: bool) -> None:
    assert asks_card(question) is card


def test_a_card_needs_two_distinct_labelled_fields() -> None:
    assert fields("⚫ 時間： 2024 年 5 月 2 日\n⚫ 地點： 基隆") == {"時間", "地點"}
    assert fields("姓名職稱：王處長、李科長\n派赴國家：挪威") == {"姓名職稱", "派赴國家"}
    assert fields("會議期間，雙方討論：漁獲配額。") == set()


def test_the_card_is_the_first_passage_with_labelled_fields() -> None:
    chunks = [chunk(1, "緣起：為了解漁港轉型。"),
              chunk(2, "姓名職稱：王處長\n出國期間：113年5月1日至5月8日"),
              chunk(3, "時間：5月2日\n地點：卑爾根"),
              chunk(4, "時間：5月3日\n地點：奧斯陸", doc="other.txt")]
    assert card_of(chunks, "r.txt") is chunks[1]
    assert card_of(chunks, "other.txt") is chunks[3]
    assert card_of(chunks, "none.txt") is None


def test_the_card_follows_the_first_hit_for_a_question_about_the_trip() -> None:
    cover = chunk(1, "姓名職稱：王處長、李科長\n出國期間：113年5月1日至5月8日",
                  path=("漁港考察報告",))
    visit = chunk(2, "卑爾根漁港的轉型以觀光漁市為主。", path=("貳、參訪紀要", "(一)卑爾根"))
    advice = chunk(3, "建議推動漁港觀光轉型。", path=("參、心得與建議",))
    everything = [cover, visit, advice]
    found = [visit, advice]  # retrieval missed the cover: it shares no word with 哪天
    reranked = SentenceReranker(IndexFixed(found, everything),
                                EvidenceScorer(c.breadcrumb + c.text for c in everything))
    assert [h.chunk.id for h in reranked.search("這趟考察從哪天到哪天？", 3)] == ["c2", "c1", "c3"]
    # a question about what the trip saw keeps retrieval's order
    assert [h.chunk.id for h in reranked.search("這趟考察看了哪些漁港？", 3)] == ["c2", "c3"]


def test_a_card_already_among_the_first_hits_stays_where_it_is() -> None:
    cover = chunk(1, "姓名職稱：王處長\n出國期間：113年5月1日至5月8日", path=("漁港考察報告",))
    visit = chunk(2, "卑爾根漁港的轉型以觀光漁市為主。", path=("貳、參訪紀要", "(一)卑爾根"))
    advice = chunk(3, "建議推動漁港觀光轉型。", path=("參、心得與建議",))
    found = [visit, advice, cover]
    reranked = SentenceReranker(IndexFixed(found), EvidenceScorer(
        c.breadcrumb + c.text for c in found))
    ids = [h.chunk.id for h in reranked.search("這趟考察由誰帶隊？", 3)]
    assert sorted(ids) == ["c1", "c2", "c3"]  # not brought a second time


def test_the_reader_quotes_the_card_line_that_answers_first() -> None:
    from app.backends.base import ContextBlock
    from app.backends.extractive import ANSWER, chosen_sentences

    visit = chunk(1, "卑爾根漁港的轉型以觀光漁市為主，考察團在漁市停留兩小時。",
                  path=("貳、參訪紀要", "(一)卑爾根"))
    cover = chunk(2, "姓名職稱：王處長、李科長\n出國期間：113年5月1日至5月8日",
                  path=("漁港考察報告",))
    blocks = [ContextBlock(1, visit), ContextBlock(2, cover)]
    when = [c.text for c in chosen_sentences("這趟考察從哪天排到哪天？", blocks, quoting=ANSWER)]
    assert "出國期間：113年5月1日至5月8日" in when
    who = [c.text for c in chosen_sentences("這趟考察由誰帶隊？", blocks, quoting=ANSWER)]
    assert "姓名職稱：王處長、李科長" in who
    # a question about what the trip saw reads the passages as before
    saw = [c.text for c in chosen_sentences("考察團在卑爾根漁港看到什麼轉型？", blocks,
                                            quoting=ANSWER)]
    assert saw[0].startswith("卑爾根漁港") and "出國期間：113年5月1日至5月8日" not in saw


def test_a_labelled_line_outside_a_card_is_not_raised() -> None:
    from app.backends.base import ContextBlock
    from app.sentences import Candidate, _with_card_lines

    talk = chunk(1, "漁會理事長說明轉型。時間：下午兩點。", path=("貳、參訪紀要", "(一)卑爾根"))
    cover = chunk(2, "姓名職稱：王處長\n出國期間：113年5月1日至5月8日", path=("漁港考察報告",))
    found = [Candidate(1, 0, "漁會理事長說明轉型。", 2.0),
             Candidate(1, 1, "時間：下午兩點。", 0.5),
             Candidate(2, 1, "出國期間：113年5月1日至5月8日", 0.1)]
    blocks = [ContextBlock(1, talk), ContextBlock(2, cover)]
    raised = _with_card_lines("這趟考察是哪天？", found, blocks)
    assert [c.score for c in raised] == [2.0, 0.5, 2.001]  # only the card's line, just above
