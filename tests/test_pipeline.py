"""The answer pipeline with hand-written fakes of retriever and backend."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import pytest

from app import sentences
from app.answer import Answer
from app.answer_kinds import answer_kind
from app.backends.base import AnswerRequest, ContextBlock
from app.backends.extractive import ExtractiveBackend, score_sentences
from app.pipeline import Pipeline
from app.prompting import load_prompts
from app.refusal import EvidenceScorer
from app.stream import StreamCleaner
from tests.answer_fakes import FixedRetriever, ScriptedBackend, SimilarRetriever, chunk

ZIZHU = chunk(1, "紫竹高新區由紫江集團、上海交通大學等共同出資設立，其中紫江集團持股 50%。")
YANGPU = chunk(
    2, "楊浦科技創業中心成立於1997年，為國家級孵化器。", path=("肆、參訪紀要", "(伍)楊浦")
)


def make(backend: ScriptedBackend | ExtractiveBackend, threshold: float = 0.0) -> Pipeline:
    chunks = [ZIZHU, YANGPU]
    return Pipeline(
        retriever=FixedRetriever(chunks),
        backend=backend,
        scorer=EvidenceScorer(c.text for c in chunks),
        titles={"r.txt": "測試報告"},
        k=2,
        refusal_threshold=threshold,
    )


def run(
    pipeline: Pipeline, question: str, history: list[tuple[str, str]] | None = None
) -> tuple[list[str], Answer]:
    events = list(pipeline.stream(question, history or []))
    final = events[-1]
    assert isinstance(final, Answer)
    return [e for e in events[:-1] if isinstance(e, str)], final


def test_streamed_text_equals_final_text_and_is_traditional() -> None:
    backend = ScriptedBackend("紫竹高新区由紫江集团等出资设立[1]，紫江集团持股 50%。[1][9]")
    pieces, answer = run(make(backend), "紫竹高新區的股東結構?")
    assert len(pieces) > 1
    assert "".join(pieces) == answer.text
    assert answer.text == "紫竹高新區由紫江集團等出資設立[1]，紫江集團持股 50%。[1]"
    assert [c.n for c in answer.citations] == [1]
    assert answer.citations[0].doc == "r.txt" and answer.citations[0].page == 1
    assert not answer.refused and answer.flags == []
    assert {"retrieve_ms", "generate_ms", "first_token_ms", "total_ms"} <= set(answer.timings)


def test_prompt_carries_numbered_blocks_with_title_section_and_page() -> None:
    backend = ScriptedBackend("好。[1]")
    run(make(backend), "紫竹高新區的股東結構?")
    system, user = backend.requests[0].messages
    assert "[n]" not in system.content
    assert user.content.count("《測試報告》") == 1  # the title once, before its blocks
    assert "《測試報告》\n\n[1] 壹、甲 > 一、乙（第 1 頁）" in user.content
    assert "[2] 肆、參訪紀要 > (伍)楊浦（第 2 頁）" in user.content


def test_english_question_gets_english_prompt_and_no_conversion() -> None:
    backend = ScriptedBackend("Zizhu was set up by Zizhu Group. [1]")
    _, answer = run(make(backend), "Who are the shareholders of Zizhu?")
    assert backend.requests[0].language == "en"
    assert answer.text == "Zizhu was set up by Zizhu Group. [1]"


def test_weak_evidence_refuses_without_calling_the_backend() -> None:
    backend = ScriptedBackend("不該出現")
    _, answer = run(make(backend, threshold=0.6), "蘇州工業園區的招商策略為何？")
    assert answer.refused and answer.text == load_prompts().refusal("zh")
    assert backend.requests == [] and answer.citations == []


def test_question_naming_an_absent_year_is_refused() -> None:
    backend = ScriptedBackend("不該出現")
    _, answer = run(make(backend, threshold=0.1), "楊浦科技創業中心2019年的營收是多少？")
    assert answer.refused and backend.requests == []


def test_model_refusal_is_recognised() -> None:
    _, answer = run(make(ScriptedBackend("報告中找不到相關資訊。")), "紫竹高新區的員工人數？")
    assert answer.refused and answer.citations == []


def test_follow_up_is_rewritten_before_retrieval() -> None:
    backend = ScriptedBackend("楊浦科技創業中心成立於1997年。[2]", generative=False)
    pipeline = make(backend)
    _, answer = run(pipeline, "那楊浦呢？", [("紫竹高新區何時成立？", "…")])
    assert answer.searched == "楊浦何時成立？"
    assert answer.question == "那楊浦呢？"
    assert isinstance(pipeline.retriever, FixedRetriever)
    assert pipeline.retriever.queries == ["楊浦何時成立？"]


def test_extractive_backend_quotes_and_cites_the_answering_sentence() -> None:
    _, answer = run(make(ExtractiveBackend()), "楊浦科技創業中心何時成立？")
    assert "1997" in answer.text
    assert answer.citations and answer.citations[0].chunk_id == "c2"
    assert answer.flags == []


def test_prompt_override_folder(tmp_path: Path) -> None:
    (tmp_path / "refusal_zh.txt").write_text("查無資料。", encoding="utf-8")
    assert load_prompts(tmp_path).refusal("zh") == "查無資料。"
    assert "{context}" in load_prompts(tmp_path).get("answer_user_zh")


def test_stream_shows_text_before_a_sentence_ends_but_never_half_a_marker() -> None:
    cleaner = StreamCleaner([ContextBlock(n, YANGPU) for n in (1, 2, 3)], language="zh")
    first = cleaner.feed("紫竹高新区由紫江集团等七家股东")
    assert first.startswith("紫竹高新區由紫江集團")
    second = cleaner.feed("共同投资[")
    assert second == "七家股東共"  # the last characters and the open marker wait
    rest = cleaner.feed("2]。") + cleaner.finish()
    assert cleaner.text == "紫竹高新區由紫江集團等七家股東共同投資[2]。"
    assert first + second + rest == cleaner.text


def test_uncited_sentence_gets_the_marker_of_the_passage_that_supports_it() -> None:
    backend = ScriptedBackend("楊浦科技創業中心成立於1997年。紫竹高新區由紫江集團等共同出資設立。")
    pieces, answer = run(make(backend), "楊浦和紫竹的概況？")
    assert answer.text == "楊浦科技創業中心成立於1997年。[2]紫竹高新區由紫江集團等共同出資設立。[1]"
    assert "".join(pieces) == answer.text
    assert [c.n for c in answer.citations] == [1, 2]


def test_unsupported_uncited_sentence_stays_uncited_and_is_flagged() -> None:
    _, answer = run(make(ScriptedBackend("該中心共有 999 名員工。")), "楊浦有多少員工？")
    assert answer.text == "該中心共有 999 名員工。"
    assert [f.kind for f in answer.flags] == ["uncited"]


def test_quoted_sentence_with_its_marker_after_the_quote_is_not_cited_twice() -> None:
    cleaner = StreamCleaner([ContextBlock(1, YANGPU)], language="zh")
    out = "".join(cleaner.feed(p) for p in ["「楊浦科技創業中心成立", "於1997年。」", "[1]"])
    assert out + cleaner.finish() == "「楊浦科技創業中心成立於1997年。」[1]"


def test_extractive_prefers_the_sentence_with_the_figure_the_question_asks_for() -> None:
    talk = chunk(1, "中心重視研發人員的培育。")
    staff = chunk(2, "中心現有研發人員 120 名。")
    request = AnswerRequest(
        "嘉定育成中心有多少名研發人員？", (ContextBlock(1, talk), ContextBlock(2, staff)), ()
    )
    best = max(score_sentences(request.question, request.blocks), key=lambda c: c.score)
    assert best.text == "中心現有研發人員 120 名。"


def with_fallback_pipeline(backend: ScriptedBackend, fallback_threshold: float) -> Pipeline:
    pipeline = make(backend)
    pipeline.fallback = ExtractiveBackend()
    pipeline.fallback_threshold = fallback_threshold
    return pipeline


def test_model_refusal_with_strong_evidence_falls_back_to_quoted_sentences() -> None:
    backend = ScriptedBackend("報告中找不到相關資訊。")
    pieces, answer = run(with_fallback_pipeline(backend, 0.2), "紫竹高新區的股東結構?")
    assert "找不到" not in "".join(pieces)  # the refusal was held back, never shown
    assert answer.text.startswith("「紫竹高新區由紫江集團") and answer.text.endswith("[1]")
    assert not answer.refused and [c.n for c in answer.citations] == [1]
    assert answer.backend == "scripted + extractive fallback"


def test_model_refusal_with_weak_evidence_stands() -> None:
    backend = ScriptedBackend("報告中找不到相關資訊。")
    _, answer = run(with_fallback_pipeline(backend, 0.99), "紫竹高新區的股東結構?")
    assert answer.refused and answer.text == "報告中找不到相關資訊。"
    assert answer.backend == "scripted"


def test_a_real_answer_streams_unchanged_when_fallback_is_armed() -> None:
    backend = ScriptedBackend("報告指出紫江集團持股 50%。[1]")
    pieces, answer = run(with_fallback_pipeline(backend, 0.0), "紫竹高新區的股東結構?")
    assert "".join(pieces) == answer.text == "報告指出紫江集團持股 50%。[1]"
    assert answer.backend == "scripted"


def test_an_answer_citing_nothing_is_followed_by_the_quoted_sentences() -> None:
    backend = ScriptedBackend("紫竹高新區的股東包括紫江集團。")
    _, answer = run(with_fallback_pipeline(backend, 0.99), "紫竹高新區的股東結構?")
    assert answer.text.startswith("紫竹高新區的股東包括紫江集團。\n\n「紫竹高新區由紫江集團")
    assert [c.n for c in answer.citations] == [1] and not answer.refused
    assert answer.backend == "scripted + extractive fallback"


def test_an_answer_whose_markers_all_point_nowhere_is_followed_by_quoted_sentences() -> None:
    # [9] names no passage: cleaning drops it, and the answer would cite nothing
    backend = ScriptedBackend("報告顯示該區設有十座工廠。[9]")
    pieces, answer = run(with_fallback_pipeline(backend, 0.99), "紫竹高新區的股東結構?")
    assert answer.text.startswith("報告顯示該區設有十座工廠。\n\n「紫竹高新區由紫江集團")
    assert "".join(pieces) == answer.text
    assert [c.n for c in answer.citations] == [1] and not answer.refused
    assert answer.backend == "scripted + extractive fallback"


def test_a_marker_on_the_wrong_passage_moves_to_the_one_that_backs_the_sentence() -> None:
    backend = ScriptedBackend("紫竹高新區由紫江集團、上海交通大學等共同出資設立。[2]")
    pieces, answer = run(make(backend), "紫竹高新區的股東結構?")
    assert answer.text == "紫竹高新區由紫江集團、上海交通大學等共同出資設立。[1]"
    assert "".join(pieces) == answer.text and [c.n for c in answer.citations] == [1]
    assert answer.flags == []


def test_a_marker_is_kept_when_no_passage_clearly_backs_the_sentence() -> None:
    backend = ScriptedBackend("園區的發展前景十分看好。[2]")
    _, answer = run(make(backend), "紫竹高新區的股東結構?")
    assert answer.text == "園區的發展前景十分看好。[2]"
    assert answer.flags  # unsupported: flagged, not hidden by a moved marker


def test_english_question_sentences_are_ranked_by_the_retrievers_similarity() -> None:
    talk = chunk(3, "大會於慶州舉行。講者 Dae-Shik Kim 談 AGI 的風險。", path=("二、議程",))
    retriever = SimilarRetriever([ZIZHU, talk])
    scorer = EvidenceScorer([ZIZHU.text, talk.text])
    pipeline = Pipeline(retriever, ExtractiveBackend(), scorer, k=2,
                        similarity=retriever.similarity)
    _, answer = run(pipeline, "Who spoke on AGI risks?")
    assert retriever.compared == ["Who spoke on AGI risks?"]
    assert "Dae-Shik Kim" in answer.text and "慶州" not in answer.text
    assert [c.chunk_id for c in answer.citations] == ["c3"]


def test_english_quantity_question_prefers_the_sentence_with_the_figure() -> None:
    # both sentences are equally close by the fake cosine; only one states a count
    park = chunk(3, "ITPU Tashkent 園區位於首都。 ITPU 有 1261 家公司。", path=("三、ITPU",))
    question = "How many companies does ITPU have?"
    scored = score_sentences(question, [ContextBlock(1, park)], SimilarRetriever([]).similarity)
    best = max(scored, key=lambda c: c.score)
    assert best.text == "ITPU 有 1261 家公司。" and best.score == 2 * min(c.score for c in scored)


def test_chinese_who_and_where_questions_prefer_a_person_and_a_venue() -> None:
    # each pair shares the same question characters; one names a person (總經理)
    # or a venue (會議中心): its overlap counts KIND_BOOST times
    who = chunk(1, "上海交大科技園公司負責園區開發。上海交大科技園公司總經理杜松寧致詞。")
    where = chunk(2, "創新展吸引 300 名與會者。創新展會場設於慶州會議中心。")
    for question, block, answer in [
        ("上海交大科技園公司的總經理是誰？", who, "杜松寧"),
        ("創新展在哪裡舉行？", where, "會議中心"),
    ]:
        scored = score_sentences(question, [ContextBlock(1, block)])
        best = max(scored, key=lambda c: c.score)
        assert answer in best.text, question
    assert answer_kind("紫竹高新區的股東有哪些？") is None


def test_a_date_in_the_question_counts_a_quarter(monkeypatch: pytest.MonkeyPatch) -> None:
    # the label shares only the date's bigrams (12, 2月, 月4, 4日) with the question
    label = chunk(1, "時間：12 月 4 日")

    def overlap() -> float:
        found = score_sentences("12月4日做了什麼？", [ContextBlock(1, label)])
        return found[0].score - 1.0  # minus the rank prior of the first block

    shared = overlap()
    monkeypatch.setattr(sentences, "DIGIT_SHARE", 1.0)
    full = overlap()
    monkeypatch.setattr(sentences, "DIGIT_SHARE", 0.0)
    without = overlap()
    assert without < shared < full
    assert shared == pytest.approx(without + 0.25 * (full - without))


def test_english_who_question_prefers_the_sentence_naming_a_person() -> None:
    # equally close by the fake cosine; only one names someone
    forum = chunk(3, "Forum 2 談 AI 產業。 Forum 2 主持 DeokSoon Yim。", path=("四、論壇",))
    scored = score_sentences("Who chaired Forum 2?", [ContextBlock(1, forum)],
                             SimilarRetriever([]).similarity)
    best = max(scored, key=lambda c: c.score)
    assert "DeokSoon Yim" in best.text and best.score > min(c.score for c in scored)


def test_english_question_sentences_are_raised_by_its_chinese_translation() -> None:
    # equally close by the fake cosine; only the second names 萬隆科技園區
    parks = chunk(3, "大邱科技園區局長 GunWoo Do。萬隆科技園區局長 Koredianto Usman。")
    question = "Who leads the Bandung park?"
    similarity = SimilarRetriever([]).similarity
    plain = score_sentences(question, [ContextBlock(1, parks)], similarity)
    assert plain[0].score == plain[1].score
    raised = score_sentences(question, [ContextBlock(1, parks)], similarity, "萬隆 科技園區")
    best = max(raised, key=lambda c: c.score)
    assert "Koredianto" in best.text
    assert best.score == pytest.approx(plain[1].score + sentences.TRANSLATION_WEIGHT)


def test_pipeline_hands_an_english_question_its_translation() -> None:
    class Translating(SimilarRetriever):
        def translate(self, query: str) -> list[str]:
            return ["紫竹", "股東"] if query.isascii() else []

    backend = ScriptedBackend("Zizhu has several shareholders. [1]")
    retriever = Translating([ZIZHU])
    pipeline = Pipeline(retriever, backend, EvidenceScorer([ZIZHU.text]), k=1,
                        similarity=retriever.similarity, translate=retriever.translate)
    run(pipeline, "Who are the shareholders of Zizhu?")
    assert backend.requests[0].translation == "紫竹 股東"


def test_chinese_question_sentences_are_read_by_the_sentence_similarity_too() -> None:
    retriever = SimilarRetriever([ZIZHU, YANGPU])
    read: list[str] = []

    def overlap(question: str, texts: Sequence[str]) -> list[float]:
        read.append(question)
        return [0.0] * len(texts)

    pipeline = Pipeline(retriever, ExtractiveBackend(), EvidenceScorer([ZIZHU.text]), k=2,
                        similarity=retriever.similarity, sentence_similarity=overlap)
    _, answer = run(pipeline, "楊浦科技創業中心何時成立？")
    assert "楊浦科技創業中心何時成立？" in read and "1997" in answer.text
    assert retriever.compared == []  # the embedder's cosine is for English questions


def test_without_a_sentence_similarity_chinese_sentences_go_by_shared_characters() -> None:
    retriever = SimilarRetriever([ZIZHU, YANGPU])
    pipeline = Pipeline(retriever, ExtractiveBackend(), EvidenceScorer([ZIZHU.text]), k=2,
                        similarity=retriever.similarity)
    _, answer = run(pipeline, "楊浦科技創業中心何時成立？")
    assert retriever.compared == [] and "1997" in answer.text


def test_extractive_quotes_a_lead_in_with_its_list_items_not_their_bare_numbers() -> None:
    listed = chunk(3, "經討論，主要推動方向有三：\n1. 「給權益」，下放使用權；\n"
                      "2. 「給方便」，實施政府採購；\n3. 「給身份」，健全評價體系。")
    pipeline = Pipeline(FixedRetriever([listed]), ExtractiveBackend(),
                        EvidenceScorer([listed.text]), k=1)
    _, answer = run(pipeline, "主要推動方向有哪些？")
    for item in ("給權益", "給方便", "給身份"):
        assert item in answer.text, item
    assert "「1.」" not in answer.text
    assert answer.flags == []


def test_a_long_quote_streamed_in_pieces_keeps_the_reports_own_words() -> None:
    words = "共設有信息技術試製平台，其設備品質高。"  # s2twp would reword 信息技術, 設備
    quote = "「" + "園區持續推動各項建設與服務工作，" * 30 + words + "」[1]"
    block = ContextBlock(1, chunk(1, quote[1:-4]))
    cleaner = StreamCleaner((block,), "zh")
    shown = "".join(cleaner.feed(quote[i : i + 7]) for i in range(0, len(quote), 7))
    shown += cleaner.finish()
    assert "信息技術試製平台" in shown and "其設備品質高" in shown
    assert "资讯" not in shown and "資訊科技" not in shown
