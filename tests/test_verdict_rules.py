"""The rules that refuse whatever the fitted weights say: a Chinese question
that shares nothing with the passages (app.verdict.nothing_there), and one that
asks for a figure the passages do not state (app.verdict.figure_missing);
made-up passages."""

from __future__ import annotations

from app.refusal import EvidenceScorer
from app.verdict import Verdict, signals
from index.types import Hit
from ingest.model import Chunk

PARK = "青禾農業科技園區成立於 2005 年，園區內有 300 家企業。"


def test_a_question_about_nothing_in_the_reports_gets_probability_zero() -> None:
    chunk = Chunk("c1", "r.txt", ("壹、園區",), 1, PARK, PARK)
    hits = [Hit(chunk, 1.0, dense_score=0.85)]
    scorer = EvidenceScorer([PARK])
    generous = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)  # answers nearly all
    off_topic = signals("明天會下雨嗎？", hits, scorer)
    on_topic = signals("青禾園區有幾家企業？", hits, scorer)
    assert generous.probability(off_topic) == 0.0 and generous.refuses(off_topic)
    assert generous.probability(on_topic) > 0.9


def test_a_figure_the_passage_does_not_state_gets_probability_zero() -> None:
    """The passage is about the asked park but gives no budget and no staff count."""
    chunk = Chunk("c1", "r.txt", ("壹、園區",), 1, PARK, PARK)
    hits = [Hit(chunk, 1.0, dense_score=0.85)]
    scorer = EvidenceScorer([PARK])
    generous = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)
    budget = signals("青禾農業科技園區的年度預算是多少元？", hits, scorer)
    staff = signals("青禾農業科技園區有多少名員工？", hits, scorer)
    firms = signals("青禾農業科技園區有多少家企業？", hits, scorer)
    founded = signals("青禾農業科技園區是哪一年成立的？", hits, scorer)
    assert (budget["quantity_asked"], budget["quantity_found"]) == (1.0, 0.0)
    assert generous.refuses(budget) and generous.refuses(staff)
    assert generous.probability(firms) > 0.9 and generous.probability(founded) > 0.9
