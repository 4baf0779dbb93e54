"""Questions about how a report ends, and the section that closes it (made-up cases)."""

from __future__ import annotations

import pytest

from app.closing import asks_closing, closing_root
from app.refusal import EvidenceScorer
from app.rerank import SentenceReranker
from tests.answer_fakes import IndexFixed, chunk


@pytest.mark.parametrize(("question", "closing"), [
    ("這份考察報告的結論是什麼？", True),
    ("報告最後對縣府提了哪些建議？", True),
    ("这次考察整体归纳出哪些心得？", True),
    ("總結整趟訪問的三點心得。", True),
    ("What did the delegation's report conclude?", True),
    ("What are the key takeaways of the trip?", True),
    ("Which measures for small ports does the report recommend?", True),
    ("最後一天參觀了哪座漁港？", False),             # the last day, not the report's end
    ("雙方最後談成了什麼合作？", False),
    ("漁會在轉型上歸納出哪四個方向？", False),         # a speaker's summary
    ("What did the mayor recommend to the fishermen?", False),
])
def test_a_question_about_how_the_report_ends(question: str, closing: bool) -> None:
    assert asks_closing(question) is closing


def test_the_closing_section_is_the_last_that_concludes_not_an_appendix() -> None:
    chunks = [chunk(1, "緣起", path=("壹、緣起",)),
              chunk(2, "甲港心得", path=("貳、參訪紀要", "(一)甲港", "三、心得與建議")),
              chunk(3, "總心得", path=("參、心得與建議", "(一)轉型")),
              chunk(4, "行程表", path=("肆、附錄",))]
    assert closing_root(chunks, "r.txt") == ("參、心得與建議",)
    assert closing_root(chunks, "other.txt") is None


def test_the_closing_sections_passages_come_first() -> None:
    visit = chunk(1, "甲港心得：甲港的觀光轉型建議值得參考，漁會建議增設漁市。",
                  path=("貳、參訪紀要", "(一)甲港", "三、心得與建議"))
    closing = chunk(2, "綜上所述，建議政府推動漁港觀光轉型。", path=("參、心得與建議", "(一)轉型"))
    appendix = chunk(3, "附錄：行程表與建議名單。", path=("肆、附錄",))
    everything = [visit, closing, appendix]
    reranked = SentenceReranker(IndexFixed([visit, appendix], everything),
                                EvidenceScorer(c.breadcrumb + c.text for c in everything))
    assert [h.chunk.id for h in reranked.search("這份報告最後提出哪些建議？", 3)] == [
        "c2", "c1", "c3"]
    assert [h.chunk.id for h in reranked.search("甲港有哪些心得？", 2)] == ["c1", "c3"]
