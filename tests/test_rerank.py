"""The sentence reranker with a hand-written fake retriever."""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.refusal import EvidenceScorer
from app.rerank import POOL, SentenceReranker
from ingest.model import Chunk
from tests.answer_fakes import IndexFixed, chunk

INTRO = chunk(1, "上海產業技術研究院成立於 2012 年，是上海市政府設立的新型研發機構。",
              path=("(貳)上海產業技術研究院", "一、機構簡介"))
TALK = chunk(2, "座談中提到，產研院已成功轉化 50 多家初創企業，並協助其募資。",
             path=("(貳)上海產業技術研究院", "二、訪談重點紀錄"))
OTHER = chunk(3, "楊浦科技創業中心成立於1997年，為國家級孵化器。", path=("(伍)楊浦",))


def scorer(chunks: Sequence[object]) -> EvidenceScorer:
    return EvidenceScorer(c.breadcrumb + c.text for c in chunks)  # type: ignore[attr-defined]


def test_the_passage_whose_sentence_answers_moves_above_the_institution_intro() -> None:
    chunks = [INTRO, OTHER, TALK]
    reranked = SentenceReranker(IndexFixed(chunks), scorer(chunks))
    hits = reranked.search("產研院目前一共轉化了多少家初創企業？", 3)
    assert [h.chunk.id for h in hits] == ["c2", "c1", "c3"]


def test_order_is_kept_when_no_sentence_answers_better() -> None:
    chunks = [INTRO, TALK, OTHER]
    reranked = SentenceReranker(IndexFixed(chunks), scorer(chunks))
    hits = reranked.search("上海產業技術研究院何時成立？", 3)
    assert hits[0].chunk.id == "c1"


def test_hits_beyond_the_pool_keep_their_place_and_k_is_honoured() -> None:
    filler = [chunk(10 + i, f"第{i}段與問題無關的文字。") for i in range(POOL)]
    chunks = [*filler, TALK]  # the answer sits just outside the pool
    inner = IndexFixed(chunks)
    reranked = SentenceReranker(inner, scorer(chunks))
    hits = reranked.search("產研院目前一共轉化了多少家初創企業？", POOL + 1)
    assert hits[-1].chunk.id == "c2"
    assert len(reranked.search("產研院？", 2)) == 2
    assert inner.queries[-1] == "產研院？"


class NameSimilarity(IndexFixed):
    """Cosine 0.9 for a sentence holding a Latin word of the question, else 0.8."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        super().__init__(chunks)
        self.calls = 0

    def similarity(self, query: str, texts: Sequence[str]) -> list[float]:
        self.calls += 1
        words = {w.lower() for w in re.findall(r"[A-Za-z]+", query)}
        return [0.9 if words & {w.lower() for w in re.findall(r"[A-Za-z]+", t)} else 0.8
                for t in texts]


def test_english_questions_are_reranked_by_the_closest_sentence_in_one_call() -> None:
    speaker = chunk(5, "大會議程。講者 Dae-Shik Kim 談 AGI。")
    chunks = [INTRO, OTHER, speaker]
    inner = NameSimilarity(chunks)
    hits = SentenceReranker(inner, scorer(chunks)).search("Who talked about AGI?", 3)
    assert hits[0].chunk.id == "c5" and inner.calls == 1


class TwoReports(IndexFixed):
    """Hits of two reports, interleaved, as the hybrid retriever gives them (a
    question saying 兩份報告 asks about both)."""


def test_a_question_about_both_reports_is_reranked_within_each_report() -> None:
    a_intro = chunk(11, "紫竹高新區位於閔行區，面積約13平方公里。", doc="a.txt")
    b_intro = chunk(21, "大邱市人口約兩百四十萬人。", doc="b.txt")
    a_fact = chunk(12, "紫竹高新區在2001年借鑑美國矽谷進行規劃。", doc="a.txt")
    b_fact = chunk(22, "竹科以美國矽谷的發展模式作為學習標竿。", doc="b.txt")
    chunks = [a_intro, b_intro, a_fact, b_fact]
    inner = TwoReports(chunks)
    reranked = SentenceReranker(inner, scorer(chunks))
    hits = reranked.search("兩份報告中，哪個園區以美國矽谷為借鏡？", 2)
    assert [h.chunk.id for h in hits] == ["c12", "c22"]
    assert inner.queries == ["兩份報告中，哪個園區以美國矽谷為借鏡？"]
    # the same hits for a question about one report: reranked as one list
    single = TwoReports(chunks)
    SentenceReranker(single, scorer(chunks)).search("哪個園區以美國矽谷為借鏡？", 2)
    assert single.queries == ["哪個園區以美國矽谷為借鏡？"]


def test_a_question_for_a_sections_points_brings_its_other_subsections() -> None:
    topics = [("一", "科技政策"), ("二", "產學合作"), ("三", "園區模式")]
    aims = [
        chunk(10 + n, f"{mark}、蒐集{topic}：說明。", path=("貳、參訪目的", f"{mark}、蒐集{topic}"))
        for n, (mark, topic) in enumerate(topics)
    ]
    found = [aims[0], OTHER, aims[2]]  # the second aim was not retrieved
    reranked = SentenceReranker(IndexFixed(found, [*aims, OTHER]), scorer([*aims, OTHER]))
    hits = reranked.search("這趟考察訂下哪幾項參訪目的？", 3)
    assert [h.chunk.id for h in hits] == ["c10", "c11", "c12"]
    # another question over the same passages keeps the retrieved ones
    other = reranked.search("楊浦科技創業中心何時成立？", 3)
    assert "c11" not in [h.chunk.id for h in other]


# a section of findings ends by announcing recommendations that are sections of their own
FINDING = chunk(20, "(二)漁港轉型：漁港轉為觀光港。經過此次考察，提出以下兩項建議：",
                path=("陸、心得與建議", "(二)漁港轉型"))
ADVICE_1 = chunk(21, "(一)設立觀光漁市：可吸引遊客。", path=("陸、心得與建議", "(一)設立觀光漁市"))
ADVICE_1B = chunk(22, "漁市需有停車場。", path=("陸、心得與建議", "(一)設立觀光漁市"))
ADVICE_2 = chunk(23, "(二)培訓導覽人員：由漁會辦理。", path=("陸、心得與建議", "(二)培訓導覽人員"))
APPENDIX = chunk(24, "附錄：行程表。", path=("柒、附錄",))


def test_a_closing_lead_in_brings_the_passages_of_the_items_it_announces() -> None:
    everything = [OTHER, FINDING, ADVICE_1, ADVICE_1B, ADVICE_2, APPENDIX]
    found = [FINDING, OTHER, APPENDIX]  # retrieval found the lead-in, not the items
    reranked = SentenceReranker(IndexFixed(found, everything), scorer(everything))
    hits = reranked.search("漁港轉型之後提出了哪些建議？", 4)  # not about the report's end
    assert [h.chunk.id for h in hits][:3] == ["c20", "c21", "c23"]


def test_a_closing_lead_in_the_question_does_not_ask_about_brings_nothing() -> None:
    everything = [OTHER, FINDING, ADVICE_1, ADVICE_1B, ADVICE_2, APPENDIX]
    found = [FINDING, OTHER, APPENDIX]
    reranked = SentenceReranker(IndexFixed(found, everything), scorer(everything))
    assert [h.chunk.id for h in reranked.search("漁港轉為什麼港？", 3)] == ["c20", "c3", "c24"]
