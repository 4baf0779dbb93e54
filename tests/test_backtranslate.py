"""Back-translated training questions (eval/backtranslate.py), with hand-written
translators standing in for the local model, on made-up questions."""

from __future__ import annotations

from eval.backtranslate import back_translate, from_dev, group_of
from eval.generate import Generated
from eval.schema import QAItem

ASKED = Generated("", "青禾園區內有多少家企業進駐？", True, "r.txt", "dev:q1",
                  "青禾園區內目前有 300 家企業進駐", "dev", "direct")
NEAR_MISS = Generated("", "青禾園區的年度預算是多少？", False, "r.txt", "dev:q2", "", "dev",
                      "direct")
ENGLISH = Generated("", "How many firms are in the Qinghe park?", True, "r.txt", "c9",
                    "青禾園區內目前有 300 家企業進駐", "template+local-en", "english")

TO_ENGLISH = {
    ASKED.question: "How many companies have moved into the Qinghe park?",
    NEAR_MISS.question: "What is the Qinghe park's yearly budget?",
}
TO_CHINESE = {
    "How many companies have moved into the Qinghe park?": "青禾這個園區裡住進了幾家公司？",
    "What is the Qinghe park's yearly budget?": "青禾園區每年可以花的錢有多少？",
    ENGLISH.question: "青禾那個園區裡有幾家廠商？",
}


def run(sources: list[Generated], found: bool = True) -> list[Generated]:
    return back_translate(sources, TO_ENGLISH.get, TO_CHINESE.get, lambda g: found)


def test_a_question_comes_back_reworded_with_its_label_and_group() -> None:
    made = run([ASKED, NEAR_MISS])
    assert [g.question for g in made] == [
        "青禾這個園區裡住進了幾家公司？", "青禾園區每年可以花的錢有多少？"
    ]
    assert [g.answerable for g in made] == [True, False]
    assert [group_of(g) for g in made] == ["q1", "q2"]
    assert {g.style for g in made} == {"paraphrase"} and made[0].generator == "dev+back"


def test_an_english_source_is_put_into_chinese_only() -> None:
    (made,) = run([ENGLISH])
    assert made.question == "青禾那個園區裡有幾家廠商？"
    assert group_of(made) == group_of(ENGLISH) == "c9:True"


def test_an_answerable_rewording_whose_evidence_is_not_retrieved_is_dropped() -> None:
    """A drifted name makes it another question: the label would be wrong.
    An unanswerable one stays unanswerable whatever retrieval finds."""
    made = run([ASKED, NEAR_MISS], found=False)
    assert [g.answerable for g in made] == [False]


def test_copies_and_failed_translations_are_dropped() -> None:
    def echo(question: str) -> str | None:
        return question

    assert back_translate([ASKED], lambda q: None, echo, lambda g: True) == []
    # English back as the same Chinese question: not reworded
    assert back_translate([ASKED], TO_ENGLISH.get, lambda q: ASKED.question, lambda g: True) == []
    # an answer rather than a question
    assert back_translate([ASKED], TO_ENGLISH.get, lambda q: "有 300 家。", lambda g: True) == []


def test_follow_ups_are_not_sources() -> None:
    plain = QAItem("q1", "青禾園區有幾家企業？", "", (), "r.txt", "", "300 家企業", "number")
    follow = QAItem("q2", "那預算呢？", "", (), None, "", "", "unanswerable",
                    history=(("青禾園區有幾家企業？", "300 家"),))
    assert [g.chunk_id for g in from_dev([plain, follow])] == ["dev:q1"]
