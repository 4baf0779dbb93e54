"""The extractive reader's rules, end to end through the pipeline with hand-built
passages: both reports, section paths, lists, Republic-of-China years and a
section's points."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

import pytest

from app.backends.base import AnswerRequest, ContextBlock
from app.backends.extractive import ExtractiveBackend, score_sentences
from app.pipeline import Pipeline
from app.refusal import EvidenceScorer
from tests.answer_fakes import FixedRetriever, chunk
from tests.test_pipeline import run


def test_a_question_about_both_reports_is_answered_from_both() -> None:
    a = chunk(1, "紫竹高新區在2001年借鑑美國矽谷進行規劃。紫竹以美國矽谷為師。", doc="a.txt")
    # the other report's sentence scores under ANSWER.keep_share (0.4) of the best: only
    # a question about both reports quotes it (one scoring 0.45 of it would be quoted anyway)
    b = chunk(2, "竹科曾參訪矽谷。", doc="b.txt")
    pipeline = Pipeline(FixedRetriever([a, b]), ExtractiveBackend(),
                        EvidenceScorer([a.text, b.text]), k=2)
    _, both = run(pipeline, "兩份報告中，哪個園區以美國矽谷為借鏡？")
    assert {c.chunk_id for c in both.citations} == {"c1", "c2"}
    _, one = run(pipeline, "哪個園區以美國矽谷為借鏡？")
    assert {c.chunk_id for c in one.citations} == {"c1"}


def test_the_section_path_counts_a_little_for_each_of_its_sentences() -> None:
    lessons = chunk(1, "各國分享發展理念。", path=("九、心得與建議", "(二)各國分享"))
    other = chunk(2, "各國分享發展理念與執行方式。", path=("八、國際合作",))
    blocks = [ContextBlock(1, other), ContextBlock(2, lessons)]
    scored = {c.n: c.score for c in score_sentences("報告的心得與建議有哪些？", blocks)}
    assert scored[2] > scored[1]  # the better-ranked block loses to the named section


def test_a_lead_in_that_ends_its_passage_brings_its_subsections_openings() -> None:
    intro = chunk(1, "本次參訪心得綜整成以下兩點，分列如下：", path=("伍、參訪心得",))
    first = chunk(2, "(一)建立育成體系。細節甲。", path=("伍、參訪心得", "(一)育成"))
    second = chunk(3, "(二)強化成果轉化。細節乙。", path=("伍、參訪心得", "(二)轉化"))
    elsewhere = chunk(4, "其他章節的內容。", path=("陸、其他",))
    blocks = [intro, first, second, elsewhere]
    pipeline = Pipeline(FixedRetriever(blocks), ExtractiveBackend(),
                        EvidenceScorer([b.text for b in blocks]), k=4)
    _, answer = run(pipeline, "總結參訪心得有哪幾點？")
    assert "建立育成體系" in answer.text and "強化成果轉化" in answer.text
    assert "細節" not in answer.text and "其他章節" not in answer.text


def test_a_sentence_holding_a_lists_first_item_brings_the_next_items() -> None:
    # a list written inline, its items ended by semicolons: 「特色包含：①甲；②乙；③丙。」
    text = "這個聯盟的特色包含：①會員共享實驗設備；②定期舉辦媒合會；③協助海外參展。另有官網。"
    pipeline = Pipeline(FixedRetriever([chunk(1, text)]), ExtractiveBackend(),
                        EvidenceScorer([text]), k=1)
    _, answer = run(pipeline, "這個聯盟有哪些特色？")
    assert all(item in answer.text for item in ("共享實驗設備", "媒合會", "海外參展"))


def test_a_western_year_meets_the_same_year_in_the_roc_era() -> None:
    # Taiwan's reports date events 112 年 (民國 112 = 2023); the question says 2023年
    visits = chunk(1, "時間：111 年 6 月 14 日，大會在首爾。時間：112 年 6 月 14 日，大會在慶州。")
    scored = score_sentences("2023年6月14日的大會在哪裡？", [ContextBlock(1, visits)])
    best = max(scored, key=lambda c: c.score)
    assert "112 年" in best.text


def test_a_question_for_a_sections_points_is_answered_with_its_subsection_headings() -> None:
    # the points are the headings; the sentences under them share few words with it
    section = "九、心得與建議"
    chunks = [
        chunk(1, "大會圓滿成功，是合作的典範。", path=(section, "(二)產官學研合作促使大會成功")),
        chunk(2, "本次心得甚多。", path=("八、國際合作", "(一)拜訪副市長")),
        chunk(3, "議程包含演講與論壇。", path=(section, "(一)豐富多元的議程")),
    ]
    pipeline = Pipeline(
        retriever=FixedRetriever(chunks),
        backend=ExtractiveBackend(),
        scorer=EvidenceScorer(c.breadcrumb + c.text for c in chunks),
        titles={"r.txt": "測試報告"},
        k=3,
    )
    _, answer = run(pipeline, "這份報告最後提出了哪幾點心得與建議？")
    assert answer.text == "「(一)豐富多元的議程」[3]「(二)產官學研合作促使大會成功」[1]"
    assert [c.n for c in answer.citations] == [1, 3] and answer.flags == []
    # the same passages, asked for something no heading holds: sentences as usual
    _, other = run(pipeline, "心得與建議提到哪些活動？")
    assert "議程包含演講與論壇" in other.text


def test_a_question_naming_one_thing_from_each_report_is_answered_from_both() -> None:
    # the Korea passages share more words with the question; the Shanghai one still counts
    chunks = [
        chunk(1, "烏茲別克資訊科技園區設有育成中心。烏茲別克資訊科技園區有 40 個夥伴。", "b.txt"),
        chunk(2, "烏茲別克資訊科技園區設有企業加速器與創業基金。", "b.txt"),
        chunk(3, "烏茲別克資訊科技園區重視新創培育機制。", "b.txt"),
        chunk(4, "楊浦中心兼具苗圃、孵化器與加速器。", "a.txt"),
    ]
    pipeline = Pipeline(FixedRetriever(chunks), ExtractiveBackend(),
                        EvidenceScorer([c.text for c in chunks]), k=4)
    _, answer = run(pipeline, "楊浦中心與烏茲別克資訊科技園區在新創培育上有什麼共同的機制？")
    assert "楊浦中心兼具苗圃" in answer.text and "[4]" in answer.text


def test_a_count_the_quotes_do_not_state_is_said_not_to_be_there() -> None:
    """「多少家廠商」 with only a count of visitors: the reader says so before
    the closest quotes, in the question's language; with the count, it answers."""
    fair = chunk(1, "博覽會為期三天，吸引約 4000 名民眾參觀。會場設有三個展館。")
    pipeline = Pipeline(FixedRetriever([fair]), ExtractiveBackend(), EvidenceScorer([fair.text]),
                        k=1)
    _, zh = run(pipeline, "博覽會有多少家廠商參展？")
    assert zh.text.startswith("以下最接近的句子沒有直接寫出所問的這個數字") and "4000 名" in zh.text
    _, en = run(pipeline, "How many exhibitors came to the fair?")
    assert en.text.startswith("The closest sentences found do not give the figure asked for")
    exhibitors = chunk(2, "博覽會共有 85 家廠商參展，吸引約 4000 名民眾參觀。")
    pipeline = Pipeline(FixedRetriever([exhibitors]), ExtractiveBackend(),
                        EvidenceScorer([exhibitors.text]), k=1)
    _, stated = run(pipeline, "博覽會有多少家廠商參展？")
    assert stated.text.startswith("「博覽會共有 85 家廠商參展")


def test_the_answer_may_quote_more_than_the_answerability_signal_reads() -> None:
    from app.backends.extractive import ANSWER, SIGNAL, Quoting, chosen_sentences

    text = "園區有甲公司。園區有乙公司。園區有丙公司。園區有丁公司。園區有戊公司。"
    blocks = [ContextBlock(1, chunk(1, text))]
    question = "園區有哪些公司？"
    assert len(chosen_sentences(question, blocks, quoting=SIGNAL)) == SIGNAL.sentences == 3
    assert len(chosen_sentences(question, blocks, quoting=ANSWER)) == ANSWER.sentences == 5
    assert len(chosen_sentences(question, blocks, quoting=Quoting(sentences=1))) == 1


def test_answers_in_either_language_quote_alike() -> None:
    from app.backends.extractive import ANSWER

    text = "".join(f"園區有第{i}家公司。" for i in range(1, 8))
    blocks = [ContextBlock(1, chunk(1, text))]

    def quoted(question: str, language: str) -> int:
        request = AnswerRequest(question=question, blocks=tuple(blocks), messages=(),
                                language=language, similarity=lambda q, ts: [0.9] * len(ts))
        return "".join(ExtractiveBackend().execute(request)).count("[1]")

    assert quoted("園區有哪些公司？", "zh") == ANSWER.sentences == 5
    assert quoted("List the firms in the park.", "en") == ANSWER.sentences == 5


def test_the_answerability_signal_reads_its_own_selection_not_the_answers(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from app.backends import extractive
    from app.verdict import signals
    from index.types import Hit

    passage = chunk(1, "園區內共有企業 120 家。園區環境優美。")
    hits = [Hit(passage, 1.0, dense_score=0.9)]
    scorer = EvidenceScorer([passage.text])
    found = signals("園區有多少家企業？", hits, scorer)["quantity_found"]
    # an answer that quoted nothing would not change what the fitted signal reads
    nothing = extractive.Quoting(sentences=0)
    monkeypatch.setattr(extractive, "ANSWER", nothing)
    monkeypatch.setattr("app.verdict.ANSWER", nothing, raising=False)
    assert found == signals("園區有多少家企業？", hits, scorer)["quantity_found"] == 1.0


def test_a_sentence_that_points_back_brings_the_one_before_it() -> None:
    """「乙公司亦…」 (also) and 「這一點…」 lean on the sentence before: an answer
    quotes it too; the answerability signal reads the sentences as they are."""
    from app.backends.extractive import ANSWER, SIGNAL, Quoting, select
    from app.sentences import Candidate

    texts = ["甲、丙兩家外商在園區設有研發中心。", "乙公司亦將配方基地設於園區。", "園區交通便利。"]
    scores = [0.1, 0.9, 0.2]
    candidates = [Candidate(1, i, t, s) for i, (t, s) in enumerate(zip(texts, scores, strict=True))]
    answering = Quoting(sentences=1, answering=True)
    assert [c.text for c in select(candidates, answering)] == texts[:2]
    assert [c.text for c in select(candidates, Quoting(sentences=1))] == texts[1:2]
    assert ANSWER.answering and not SIGNAL.answering


@pytest.mark.parametrize(("opening", "points_back"), [
    ("這一點和鄰國的做法不同。", True),
    ("前者由政府出資。", True),
    ("以上海為例，園區很多。", False),  # 以上 is "above", but not in 以上海
    ("此外，園區很大。", False),  # adds, does not point back
    ("亦即園區的主管機關。", False),
])
def test_what_points_back(opening: str, points_back: bool) -> None:
    from app.lists import antecedent
    from app.sentences import Candidate

    candidates = [Candidate(1, 0, "甲國補助研究計畫。", 0.0), Candidate(1, 1, opening, 0.0)]
    assert bool(antecedent(candidates[1], candidates)) is points_back


def test_an_interviewers_question_is_not_quoted_as_an_answer() -> None:
    """A record's 「[問] …」 line shares the asker's words but states nothing."""
    from app.backends.base import ContextBlock
    from app.sentences import score_sentences
    from ingest.model import Chunk

    text = "[問] 協會未來的重點產業方向\n[答] 協會將培育無人機與電池等產業。"
    found = score_sentences("協會未來的重點產業方向是什麼？",
                            [ContextBlock(1, Chunk("c", "a.txt", ("訪談",), 1, text, ""))])
    assert max(found, key=lambda c: c.score).text.startswith("[答]")


def test_a_form_line_labelled_with_the_asked_thing_is_quoted() -> None:
    """「地點：…」 shares no word with 「在哪裡舉行？」 but states the place of its
    passage's meeting: the answer quotes it, beside its passage's best sentence.
    The answerability signal does not read it that way, and a meeting's 「時間：」
    does not say when a park opened."""
    from app.answer_kinds import answer_field
    from app.backends.base import ContextBlock
    from app.backends.extractive import ANSWER, Quoting, chosen_sentences
    from ingest.model import Chunk

    text = ("年度論壇由協會主辦，討論區域合作。\n與會者來自十國，共三百人。\n地點：海濱會議中心\n"
            "論壇分為三個場次。\n晚宴在市區舉行。")
    blocks = [ContextBlock(1, Chunk("c", "a.txt", ("年度論壇",), 1, text, ""))]
    question = "年度論壇在哪裡舉行？"
    two = Quoting(sentences=2)
    signal = chosen_sentences(question, blocks, quoting=two)
    assert "地點：海濱會議中心" not in [c.text for c in signal]
    reading = replace(two, answering=True)
    answer = [c.text for c in chosen_sentences(question, blocks, quoting=reading)]
    assert "地點：海濱會議中心" in answer and len(answer) == 2  # beside the best sentence
    assert ANSWER.answering
    assert answer_field("園區是什麼時候開始營運的？") is None


def test_a_form_line_labelled_with_the_asked_attribute_is_quoted() -> None:
    """「主題：…」 states the theme a question asks about (its focus word, or an
    English question's Chinese word), though the line shares nothing else with it:
    for the English question the embedder finds the fair's other lines closer."""
    from app.backends.base import ContextBlock
    from app.backends.extractive import Quoting, chosen_sentences
    from ingest.model import Chunk

    text = ("青禾博覽會今年第二次舉辦，青禾博覽會期許日後移師他處。\n青禾博覽會共有三百人與會。\n"
            "青禾博覽會的開幕由縣長主持。\n主題：綠色農業與未來糧食\n晚宴在市區舉行。")
    blocks = [ContextBlock(1, Chunk("c", "a.txt", ("青禾博覽會",), 1, text, ""))]
    reading = Quoting(sentences=2, answering=True)
    chinese = [c.text for c in chosen_sentences("青禾博覽會的主題是什麼？", blocks,
                                                quoting=reading)]
    assert "主題：綠色農業與未來糧食" in chinese

    def cosine(question: str, texts: Sequence[str]) -> list[float]:  # the fair's lines closest
        return [0.85 if "博覽會" in t else 0.7 for t in texts]

    english = [c.text for c in chosen_sentences(
        "Under which theme was the Qinghe fair held?", blocks, cosine,
        translation="青禾 博览会 主题", quoting=reading)]
    assert "主題：綠色農業與未來糧食" in english
    other = [c.text for c in chosen_sentences("青禾博覽會有多少人與會？", blocks, quoting=reading)]
    assert "主題：綠色農業與未來糧食" not in other


def test_a_why_question_quotes_the_sentence_that_gives_the_cause() -> None:
    """「為什麼…」 is answered by the sentence saying 原因是…, though another shares
    more of the question's words (made-up passage)."""
    from app.backends.base import ContextBlock
    from app.sentences import score_sentences
    from ingest.model import Chunk

    text = ("青禾縣失業的人很多，青禾縣的工作很難找。\n造成失業的原因是畢業生人數遠大於職缺。\n"
            "縣府提供實習機會。")
    found = score_sentences("青禾縣為什麼那麼多人找不到工作？",
                            [ContextBlock(1, Chunk("c", "a.txt", ("青禾縣",), 1, text, ""))])
    ranked = [c.text for c in sorted(found, key=lambda c: -c.score)]
    assert ranked.index("造成失業的原因是畢業生人數遠大於職缺。") <= 1


def test_a_list_whose_last_item_is_joined_by_and_is_quoted_for_a_list_question() -> None:
    """「甲、乙和丙」 lists three things with one 、: for 「哪幾個領域」 the answer
    quotes it before sentences that only share the question's words."""
    from app.backends.base import ContextBlock
    from app.backends.extractive import Quoting, chosen_sentences
    from ingest.model import Chunk

    text = ("青禾協會重視新興領域的國際交流。\n青禾協會希望新興領域的企業共同成長。\n"
            "青禾協會將培育空中移動、下一代電池和先進封裝等新興產業。")
    blocks = [ContextBlock(1, Chunk("c", "a.txt", ("青禾協會",), 1, text, ""))]
    quoted = [c.text for c in chosen_sentences("青禾協會要扶植哪幾個新興領域？", blocks,
                                                 quoting=Quoting(sentences=2, answering=True))]
    assert "青禾協會將培育空中移動、下一代電池和先進封裝等新興產業。" in quoted


def test_a_quoted_line_brings_its_english_rendering_on_the_next_line() -> None:
    """Where the PDF's line broke, 「主題：…」 is followed by its English in
    brackets, running on into the next label: an answer quoting the line quotes
    the rendering too (the bracketed head only); the answerability signal does not."""
    from app.backends.base import ContextBlock
    from app.backends.extractive import SIGNAL, Quoting, chosen_sentences
    from ingest.model import Chunk

    text = ("時間：3 月 8 日\n主題：綠色農業與未來糧食\n"
            "(Green Farming and Future Food)主辦單位：青禾縣政府\n晚宴在市區舉行。")
    blocks = [ContextBlock(1, Chunk("c", "a.txt", ("青禾博覽會",), 1, text, ""))]
    answer = [c.text for c in chosen_sentences("青禾博覽會的主題是什麼？", blocks,
                                               quoting=Quoting(sentences=1, answering=True))]
    assert answer == ["主題：綠色農業與未來糧食", "(Green Farming and Future Food)"]
    signal = [c.text for c in chosen_sentences("青禾博覽會的主題是什麼？", blocks, quoting=SIGNAL)]
    assert "(Green Farming and Future Food)" not in signal
