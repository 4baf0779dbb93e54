"""Numbered lists: the items a heading announces and the items of a list a
quoted sentence belongs to (app.lists), on made-up passages and on the bundled
reports."""

from __future__ import annotations

import pytest

from app.backends.extractive import Quoting, select
from app.lists import item_number, list_after, siblings
from app.sentences import Candidate
from ingest import load_report
from ingest.sentences import split_sentences
from reportqa.settings import BUNDLED_REPORTS

# a made-up passage: a heading, two items each explained by a sentence, then the next heading
PASSAGE = [
    "(三)試辦計畫的困難",
    "1. 人力不足：承辦人員只有兩位。",
    "預計明年增聘。",
    "2. 場地太小：會議室僅容十人。",
    "(四)未來規劃",
]


@pytest.mark.parametrize(("text", "expected"), [
    ("1. 人力不足", ("arabic", 1)),
    ("12、預算", ("arabic", 12)),
    ("(3)交通", ("paren", 3)),
    ("（3）交通", ("paren", 3)),
    ("④法規", ("circled", 4)),
    ("(十二)結語", ("paren_zh", 12)),
    ("二十、附錄", ("zh", 20)),
    ("- 3. 一項以破折號開頭的項目", ("arabic", 3)),
    ("3.5 億元的經費", None),
    ("2024 年完工", None),
    ("十分重要", None),
])
def test_item_numbers_by_style(text: str, expected: tuple[str, int] | None) -> None:
    assert item_number(text) == expected


def test_a_heading_brings_its_items_first_sentences_only() -> None:
    assert [PASSAGE[i] for i in list_after(0, PASSAGE)] == [PASSAGE[1], PASSAGE[3]]


def test_an_item_finds_the_other_items_of_its_list() -> None:
    assert siblings(3, PASSAGE) == [1, 3]
    assert siblings(2, PASSAGE) == []  # an explaining sentence is no item
    assert siblings(4, PASSAGE) == []  # (四) has no (三) before it in this passage


def test_a_list_that_does_not_start_at_one_is_not_a_list() -> None:
    texts = ["甲。", "3. 丙。", "4. 丁。"]
    assert siblings(1, texts) == [] and list_after(0, texts) == []


def test_a_number_out_of_sequence_ends_the_list() -> None:
    texts = ["重點：", "1. 甲。", "2. 乙。", "5. 戊。"]
    assert list_after(0, texts) == [1, 2]


def _candidates(scores: list[float]) -> list[Candidate]:
    return [Candidate(1, i, t, s) for i, (t, s) in enumerate(zip(PASSAGE, scores, strict=True))]


def test_a_list_question_quoting_one_item_gets_the_others() -> None:
    candidates = _candidates([0.1, 0.1, 0.1, 5.0, 0.1])
    quoting = Quoting(sentences=1)
    assert [c.text for c in select(candidates, quoting)] == [PASSAGE[3]]
    assert [c.text for c in select(candidates, quoting, listing=True)] == [PASSAGE[1], PASSAGE[3]]


def test_a_chosen_heading_brings_its_items() -> None:
    chosen = select(_candidates([5.0, 0.1, 0.1, 0.1, 0.1]), Quoting(sentences=1))
    assert [c.text for c in chosen] == [PASSAGE[0], PASSAGE[1], PASSAGE[3]]


def test_lists_in_the_bundled_reports_are_numbered_from_one_in_sequence() -> None:
    lists = 0
    for path in sorted(BUNDLED_REPORTS.glob("*.txt")):
        for section in load_report(path).sections:
            texts = split_sentences(section.text)
            for i in range(len(texts)):
                items = list_after(i, texts)
                if not items:
                    continue
                lists += 1
                numbers = [item_number(texts[j]) or item_number(texts[j - 1]) for j in items]
                assert [n[1] for n in numbers if n] == list(range(1, len(items) + 1))
                assert siblings(items[-1], texts) == items  # the last item finds them all
    assert lists >= 10  # the 2015 report alone numbers its points in some twenty lists


def test_each_part_of_a_two_part_question_gets_its_best_sentence() -> None:
    from app.backends.base import ContextBlock
    from app.backends.extractive import chosen_sentences
    from ingest.model import Chunk

    text = ("博物館於 1997 年開館，館藏豐富。博物館每年舉辦講座，廣受好評。"
            "館內共有展廳 12 間，分布在三層樓。")
    blocks = [ContextBlock(1, Chunk("c", "m.txt", ("博物館",), 1, text, text))]
    quoting = Quoting(sentences=1)
    one = chosen_sentences("博物館有幾間展廳？", blocks, quoting=quoting)
    both = chosen_sentences("博物館哪年開館？有幾間展廳？", blocks, quoting=quoting)
    assert [c.position for c in one] == [2]
    assert [c.position for c in both] == [0, 2]


def test_a_list_question_prefers_the_sentence_that_lists() -> None:
    from app.backends.base import ContextBlock
    from app.sentences import score_sentences
    from ingest.model import Chunk

    text = "青禾園區重視產業發展。青禾園區的重點產業包括生技、綠能、半導體與精密機械。"
    blocks = [ContextBlock(1, Chunk("c", "p.txt", ("青禾園區",), 1, text, text))]

    def best(question: str) -> int:
        return max(score_sentences(question, blocks), key=lambda c: c.score).position

    assert best("青禾園區的重點產業有哪些？") == 1
    scores = {q: [round(c.score, 3) for c in score_sentences(q, blocks)]
              for q in ("青禾園區的重點產業有哪些？", "青禾園區的重點產業是什麼？")}
    listed, plain = scores.values()
    assert listed[1] > plain[1] and listed[0] == plain[0]  # only the listing sentence gains


def test_a_passage_ending_with_a_lead_in_announces_the_passages_after_it() -> None:
    from app.announced import announced
    from ingest.model import Chunk

    def passage(text: str, path: str, doc: str = "a.txt") -> Chunk:
        return Chunk(text[:4], doc, ("伍、心得", path), 1, text, "")

    chunks = [
        passage("(三)港區：轉型中。提出以下三項建議：", "(三)港區"),
        passage("(一)設漁市：吸引遊客。", "(一)設漁市"),
        passage("漁市的停車問題。", "(一)設漁市"),     # item 1 goes on: passed over
        passage("(二)辦導覽：由漁會辦。", "(二)辦導覽"),
        passage("(三)修步道：分兩期。", "(三)修步道"),
        passage("1. 附表：行程", "附錄"),           # another style: the list has ended
    ]
    assert announced(0, chunks) == [1, 3, 4]
    assert announced(1, chunks) == []  # no lead-in at its end
    other_report = [chunks[0], passage("(一)設漁市：吸引遊客。", "(一)設漁市", doc="b.txt")]
    assert announced(0, other_report) == []
