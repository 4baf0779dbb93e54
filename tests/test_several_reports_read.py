"""A question about several reports reads SEVERAL_K times k passages (app.pipeline):
the retriever interleaves the reports' lists, so k alone would leave the second
report's later passages out. Made-up reports."""

from __future__ import annotations

from app.backends.base import ContextBlock
from app.backends.extractive import _SCORED, ANSWER, ExtractiveBackend, chosen_sentences
from app.pipeline import SEVERAL_K, Pipeline
from app.refusal import EvidenceScorer
from tests.answer_fakes import FixedRetriever, chunk

CHUNKS = [
    chunk(1, "北港漁會成立於 1950 年。", doc="a.txt"),
    chunk(2, "南灣燈塔建於 1890 年。", doc="b.txt"),
    chunk(3, "北港漁會有 300 名會員。", doc="a.txt"),
    chunk(4, "南灣燈塔高 20 公尺。", doc="b.txt"),
    chunk(5, "北港碼頭長 500 公尺。", doc="a.txt"),
    chunk(6, "南灣的漁會有 120 名會員。", doc="b.txt"),
]


def pipeline(several: bool | None) -> Pipeline:
    return Pipeline(FixedRetriever(CHUNKS), ExtractiveBackend(), EvidenceScorer(
        c.text for c in CHUNKS), k=2,
        several=None if several is None else (lambda question: several))


def test_a_question_about_several_reports_reads_more_passages() -> None:
    assert pipeline(several=True).passages("兩份報告的漁會各有幾名會員？") == 2 * SEVERAL_K
    assert len(pipeline(several=True).search("兩份報告的漁會各有幾名會員？")) == 2 * SEVERAL_K


def test_other_questions_read_k() -> None:
    assert pipeline(several=False).passages("北港漁會有幾名會員？") == 2
    assert pipeline(several=None).passages("兩份報告的漁會各有幾名會員？") == 2
    assert len(pipeline(several=False).search("北港漁會有幾名會員？")) == 2


def test_the_request_says_whether_the_retriever_read_several_reports() -> None:
    question = "漁會各有幾名會員？"
    reader = pipeline(several=True)
    assert reader.request(question, reader.search(question), "zh").several
    assert not pipeline(several=False).request(question, [], "zh").several


def test_the_reader_quotes_each_report_when_told_the_question_is_about_several() -> None:
    # nothing in the question names either report's subject: only the retriever's
    # reading (its report words, an English question's translation) tells
    blocks = [
        ContextBlock(1, chunk(1, "北港漁會有 300 名會員，會員多為漁民。北港漁會成立於 1950 年。",
                              doc="a.txt")),
        ContextBlock(2, chunk(2, "南灣燈塔建於 1890 年，高 20 公尺。", doc="b.txt")),
    ]
    for several, reports in ((False, {1}), (True, {1, 2})):
        _SCORED.clear()  # a cold cache: the flag must not depend on an earlier call
        chosen = chosen_sentences("漁會有幾名會員？", blocks, quoting=ANSWER, several=several)
        assert {c.n for c in chosen} == reports
