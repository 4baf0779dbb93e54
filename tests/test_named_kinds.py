"""Which named thing (app.kinds): a question asking which hotel or university,
or what an abbreviation stands for, is refused when the sentences the reader
would quote name no such thing or do not spell it out; made-up passages."""

from __future__ import annotations

from app.kinds import (
    KINDS,
    asked_kind,
    asks_firms,
    expansion_missing,
    kind_missing,
    names_any,
    names_kind,
    spells_out,
)
from app.refusal import EvidenceScorer
from app.verdict import Verdict, signals
from index.types import Hit
from ingest.model import Chunk

GENEROUS = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)  # answers nearly all


def _measure(text: str, question: str) -> dict[str, float]:
    chunk = Chunk("c1", "r.txt", ("壹、青禾參訪",), 1, text, text)
    return signals(question, [Hit(chunk, 1.0, dense_score=0.85)], EvidenceScorer([text]))


def test_which_hotel_is_refused_when_the_passage_names_none() -> None:
    stay = "青禾參訪團抵達當晚入住園區附近的飯店，隔天上午拜會青禾管委會。"
    named = "青禾參訪團抵達當晚入住青禾國際飯店，隔天上午拜會青禾管委會。"
    for question in ("青禾參訪團住在哪一家飯店？", "Which hotel did the delegation stay at?"):
        refused = _measure(stay, question)
        assert refused["kind_missing"] == 1.0 and GENEROUS.refuses(refused)
    answered = _measure(named, "青禾參訪團住在哪一家飯店？")
    assert answered["kind_missing"] == 0.0 and GENEROUS.probability(answered) > 0.9


def test_which_university_needs_a_universitys_name_beyond_the_questions_words() -> None:
    # the question's own 外國大學 and a generic 一流大學 name no university
    assert kind_missing("青禾園區引進了哪所外國大學？", ["園區計畫引進世界一流大學與外國大學。"])
    assert not kind_missing("青禾園區引進了哪所外國大學？", ["青禾園區已引進北海道大學設立分校。"])
    assert not kind_missing("Which university runs the Qinghe lab?",
                            ["The lab is run by the University of Qinghe."])
    assert not kind_missing("青禾大學與哪所大學合作？", ["雙方合作由南洋理工學院主導。"])


def test_questions_that_ask_no_named_kind_are_left_alone() -> None:
    assert asked_kind("青禾大學是哪一年成立的大學？") is None  # asks a year
    assert asked_kind("Which upcoming university anniversary is it?") is None
    assert asked_kind("大學生創業中心有幾家企業？") is None
    assert not kind_missing("青禾園區有多少員工？", ["青禾園區有三百名員工。"])


def test_a_name_is_read_across_scripts_and_beside_latin_markers() -> None:
    hotel = KINDS["hotel"]
    assert names_kind(hotel, "住哪家飯店？", ["住宿安排在首爾樂天飯店。"])  # read folded
    assert names_kind(hotel, "Which hotel?", ["入住 Grand Hyatt Hotel。"])
    assert not names_kind(hotel, "Which hotel?", ["入住 Hotel 的房間很大。"])


def test_what_an_abbreviation_stands_for_needs_it_spelled_out() -> None:
    event = "14:00 ~ 18:00 QTX 2024 秋季會議"
    spelled = "青禾科技協會(Qinghe Technology Exchange, 簡稱 QTX)成立於 2001 年。"
    refused = _measure(event, "QTX是哪個組織的縮寫？")
    assert refused["expansion_missing"] == 1.0 and GENEROUS.refuses(refused)
    answered = _measure(spelled, "What does QTX stand for?")
    assert answered["expansion_missing"] == 0.0 and GENEROUS.probability(answered) > 0.9
    assert not expansion_missing("QTX 在哪裡開會？", [event])  # asks no long form
    quoted = _measure(event, "At that meeting, what does 'QTX' stand for?")  # in quotes
    assert quoted["expansion_missing"] == 1.0


def test_what_a_number_in_a_name_means_needs_it_explained() -> None:
    """A made-up hall named by a number: asked what the number means, a passage that
    only names the hall is refused; one that says what the number stands for is not."""
    visit = "會後參觀青禾鋼鐵公司的展館 Hall 1620 與新創空間。"
    told = "展館名為 Hall 1620，1620 代表鋼鐵的熔點 1620 度。"
    asked = "In the name Hall 1620 what does the 1620 refer to?"
    refused = _measure(visit, asked)
    assert refused["expansion_missing"] == 1.0 and GENEROUS.refuses(refused)
    assert _measure(told, asked)["expansion_missing"] == 0.0
    assert _measure(visit, "Hall 1620 是哪家公司的展館？")["expansion_missing"] == 0.0


def test_an_abbreviation_is_spelled_out_in_the_ways_reports_write_it() -> None:
    assert spells_out("QTX", "QTX（青禾科技交流會）每年舉辦一次")
    assert spells_out("QTE", "the Qinghe Technology Exchange opened")
    assert spells_out("QTX", "QTX 即青禾科技交流會的簡稱")
    assert not spells_out("QTX", "QTX 相關產業快速成長")


def test_what_a_question_only_mentions_asks_no_named_kind() -> None:
    """A follow-up's bracketed context, a question for people (大學教授, 大學生) or
    for a country, and a person's full name ask no university, hotel or long form."""
    assert not kind_missing("那一次停留了幾天？（青禾參訪團住在哪一家飯店？）", ["停留三天。"])
    assert asked_kind("哪位大學教授主持青禾計畫？") is None
    assert asked_kind("哪些大學生參加了競賽？") is None
    assert asked_kind("園區與哪個國家的大學合作最多？") is None
    follow_up = "那它在哪裡開會？（QTX 是哪個組織的縮寫？）"
    assert not expansion_missing(follow_up, ["QTX 年會在首爾舉行"])
    assert not expansion_missing("QTX 理事長的全名是什麼？", ["QTX 理事長為 John Smith"])
    assert not expansion_missing("What is the full name of the QTX president?", ["QTX 理事長"])


def test_names_are_read_whole_and_in_their_usual_forms() -> None:
    university = KINDS["university"]
    assert names_kind(university, "首爾的哪所大學參與？", ["首爾大學參與了該計畫。"])
    assert names_kind(university, "哪所大學？", ["與韓國科學技術院簽約"])
    assert names_kind(university, "Which university?", ["園區與University of Ulsan簽約"])
    assert spells_out("QTX", "（ＱＴＸ）青禾科技交流會")  # full-width forms
    assert spells_out("QTX", "QTX 是青禾科技交流會的英文名稱")


def test_which_companies_asked_of_a_count_alone_is_refused() -> None:
    count = "青禾育成中心輔導的新創中，已有四家輔導企業在創業板上市。"
    named = "青禾育成中心輔導的新創中，禾光電子、青穗生技等四家已經上市。"
    for question in ("青禾育成中心輔導上市的是哪幾家公司？",
                     "What companies from the Qinghe incubator listed?"):
        refused = _measure(count, question)
        assert refused["kind_missing"] == 1.0 and GENEROUS.refuses(refused)
    answered = _measure(named, "青禾育成中心輔導上市的是哪幾家公司？")
    assert answered["kind_missing"] == 0.0 and GENEROUS.probability(answered) > 0.9


def test_any_name_answers_which_companies() -> None:
    asked = "哪些公司進駐青禾園區？"
    assert names_any(asked, ["Lumen 與 Qorvo 均已進駐。"])  # Latin names
    assert names_any(asked, ["進駐者包括青禾光電有限公司。"])  # a name before 公司
    assert not names_any(asked, ["已有十家公司進駐，該公司群以電子業為主。"])
    assert not asks_firms("青禾園區共有幾家公司？")  # a count, not which
    assert not asks_firms("那一期多大？（哪幾家公司進駐青禾園區？）")  # the context asks it


def test_which_companies_is_refused_only_where_firms_are_counted_and_none_named() -> None:
    assert not kind_missing("哪家公司員工最多？", ["禾光電子員工最多。"])  # a name, no count
    assert not kind_missing("哪幾家公司上市？", ["禾光電子等四家企業已經上市。"])
    assert not kind_missing("周邊有三家醫院，是哪三家？", ["臺大醫院新竹分院與國泰醫院。"])
    assert not kind_missing("那是哪一家？（代表團住在哪家飯店？）", ["代表團下榻華山飯店。"])
    for question in ("推動了哪些新創計畫？", "哪些企業家出席？", "What kind of companies moved in?",
                     "Which company's staff attended?"):
        assert not asks_firms(question), question


def test_the_names_that_answer_which_companies_stand_in_the_section_that_counts_them() -> None:
    asked = "青禾育成中心輔導上市的是哪幾家公司？"
    count = "青禾育成中心輔導的新創中，已有四家輔導企業在創業板上市。"
    elsewhere = "政府從開公司、種子輪到上市，建立起完整的支持管道。"  # a list, another section
    assert kind_missing(asked, [count, elsewhere], [("青禾",), ("政策",)])
    # the list goes on in the next passage of the same section
    listed = "禾光電子、青穗生技、藍海科技。"
    assert not kind_missing(asked, [count, listed], [("青禾",), ("青禾",)])
    assert not kind_missing(asked, [count, elsewhere])  # sections not given: read as one


def test_which_companies_is_asked_after_the_firms_too() -> None:
    for question in ("青禾輔導上市的那四家公司分別是哪幾家？", "青禾培育的那十多家企業分別是哪些？",
                     "What are the names of those companies?", "Give the names of the firms."):
        assert asks_firms(question), question
    assert asks_firms("Give the names of the three listed start-ups.")
    for question in ("青禾的企業家分別是哪些人？", "What are the names of the company's founders?",
                     "園區的公司有哪些優勢？", "新創有哪些資源可以用？", "企業有哪些補助？"):
        assert not asks_firms(question), question
