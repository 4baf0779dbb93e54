"""Whether the sentences an answer would quote state the figure a question asks
for (app.sentences.states_asked_figure), and the answerability signal built on
it; made-up reports and questions."""

from __future__ import annotations

import pytest

from app.questions import counted_grams, expected_unit
from app.refusal import EvidenceScorer
from app.sentences import states_asked_figure
from app.verdict import signals
from index.types import Hit
from ingest.model import Chunk

FAIR = "本屆博覽會共有來自 12 個國家約 450 名與會者，展期三天。"
EXHIBITORS = "參展廠商共 85 家，分布於三個展館。"


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        ("博覽會有多少家廠商參展？", EXHIBITORS, True),
        ("博覽會有多少家廠商參展？", FAIR, False),  # a count of people and of countries
        ("How many exhibitors took part in the fair?", EXHIBITORS, True),
        ("How many exhibitors took part in the fair?", FAIR, False),
        ("How many countries took part in the fair?", FAIR, True),
        ("Roughly how many people attended the fair?", FAIR, True),
        ("博覽會的年度預算是多少？", FAIR, False),  # an amount of money, none given
        ("博覽會提出幾個主題？", "大會訂出五項主題。", True),  # 個 is answered by 項
        ("園區有多少國際企業進駐？", "園區有 300 家國際企業進駐。", True),  # firms, not countries
        ("How many countries took part in the fair?", "來自 20 國的代表", True),
        ("博覽會有幾個人參加？", "共 300 人參加。", True),
        ("博覽會在哪裡舉行？", FAIR, True),  # no figure asked
    ],
)
def test_a_figure_is_stated_only_in_the_asked_unit_beside_what_is_counted(
    question: str, sentence: str, stated: bool
) -> None:
    assert states_asked_figure(question, [sentence]) is stated


def test_an_english_count_is_read_in_the_reports_words() -> None:
    assert counted_grams("Roughly how many start-ups joined?") >= {"新创"}
    assert counted_grams("How many visitors came?") >= {"参观", "访客"}
    assert counted_grams("How many member countries joined?") >= {"国家"}  # the head noun
    assert counted_grams("How many were confirmed?") == set()  # no firm inside a word
    assert counted_grams("How many were there?") == set()


def test_a_region_called_an_area_asks_for_no_area() -> None:
    assert expected_unit("Which firms in the Bangkok area joined?") is None
    assert expected_unit("What did the park do in the area of biotech?") is None
    unit = expected_unit("What is the land area of the park?")
    assert unit is not None and unit.search("佔地 12 平方公里")


def test_the_answerability_signal_is_what_the_reader_would_quote() -> None:
    chunk = Chunk("c1", "fair.txt", ("一、博覽會",), 1, FAIR + EXHIBITORS, FAIR + EXHIBITORS)
    hits = [Hit(chunk, 1.0, dense_score=0.9)]
    scorer = EvidenceScorer([chunk.text])
    exhibitors = signals("博覽會有多少家廠商參展？", hits, scorer)
    budget = signals("博覽會的年度預算是多少？", hits, scorer)
    assert exhibitors["quantity_asked"] == budget["quantity_asked"] == 1.0
    assert exhibitors["quantity_found"] == 1.0 and budget["quantity_found"] == 0.0
