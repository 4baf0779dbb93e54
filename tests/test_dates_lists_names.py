"""A day or a month asked and stated, an outcome a clause states, and a
numbered list cut by a passage's end (made-up cases)."""

from __future__ import annotations

from app.announced import announced, trailing_lead_in
from app.answer_kinds import PLACE, answer_field, answer_kind
from app.lists import continued, followers
from app.outcomes import outcome_unstated
from app.questions import expected_unit
from app.sentences import Candidate
from ingest.model import Chunk


def test_which_day_asks_a_date() -> None:
    for question in ("那場簽約是哪一天？", "簽約是幾月幾號？", "On which day was the deal signed?",
                     "What date was the signing ceremony?"):
        unit = expected_unit(question)
        assert unit is not None and unit.search("3 月 8 日簽約"), question
        field = answer_field(question)
        assert field is not None and field.search("時間：3/08"), question


def test_a_month_alone_answers_when() -> None:
    unit = expected_unit("他們是什麼時候來訪的？")
    assert unit is not None
    assert unit.search("去年 11 月曾來訪")
    assert not unit.search("為期 6 個月的課程")  # a span of months is no time


def test_what_place_asks_a_place() -> None:
    assert answer_kind("簽約儀式在什麼地方舉行？") is PLACE
    assert answer_kind("簽約儀式在哪個地方？") is PLACE
    assert answer_kind("簽約儀式有什麼特色？") is None


def test_an_outcome_stated_beside_a_plan() -> None:
    question = "那座展館後來實際在哪年開幕？"
    assert outcome_unstated(question, ["展館預計 2030 年開幕。"])
    assert not outcome_unstated(question, ["展館原定 2028 年開幕，因故延至 2030 年才啟用。",
                                           "未來可望擴建。"])
    # 人才 holds 才 but says nothing happened
    assert outcome_unstated(question, ["展館預計延攬人才，2030 年開幕。"])


def _chunk(n: int, text: str, path: str = "一、紀要") -> Chunk:
    return Chunk(f"c{n}", "r.txt", ("參訪", path), 1, text, "")


def test_a_list_cut_by_a_passage_end_goes_on_in_the_next() -> None:
    chunks = [
        _chunk(0, "前言。\n參觀了三座工廠：\n1. 甲廠：生產零件。"),
        _chunk(1, "1. 甲廠：生產零件。"),  # an overlapping window repeats the item
        _chunk(2, "2. 乙廠：組裝。\n說明。\n3. 丙廠：測試。"),
        _chunk(3, "結語。", "二、心得"),
    ]
    assert trailing_lead_in(chunks[0].text) == "參觀了三座工廠："
    assert announced(0, chunks) == [2]
    assert announced(2, chunks) == []
    # a passage whose list ends inside it announces nothing
    assert trailing_lead_in("參觀了兩座工廠：\n1. 甲廠。\n2. 乙廠。\n(二)座談。") is None


def test_the_reader_follows_a_cut_list_into_the_next_block() -> None:
    lead = Candidate(1, 0, "參觀了三座工廠：", 1.0)
    first = Candidate(1, 1, "1. 甲廠：生產零件。", 0.2)
    rest = [Candidate(2, 0, "2. 乙廠：組裝。", 0.1), Candidate(2, 1, "說明。", 0.1),
            Candidate(2, 2, "3. 丙廠：測試。", 0.1), Candidate(3, 0, "1. 他處。", 0.1)]
    cands = [lead, first, *rest]
    assert [c.text for c in followers(lead, cands)] == [
        "1. 甲廠：生產零件。", "2. 乙廠：組裝。", "3. 丙廠：測試。"]
    # a list that ends inside its block is not continued
    closed = [lead, first, Candidate(1, 2, "(二)座談。", 0.1)]
    assert continued(closed[:3], [1], closed + rest) == []


def test_taiwan_is_searched_by_its_other_name() -> None:
    from index.own_side import other_name, with_other_name, with_taiwan_name

    assert with_taiwan_name("那項制度和台灣有何不同？").endswith(" 我國")
    assert with_taiwan_name("那項制度和我國有何不同？") == "那項制度和我國有何不同？"
    assert other_name("首爾的制度") is None
    assert with_other_name(["台湾", "制度"]) == ["台湾", "制度", "我国"]
    assert with_other_name(["制度"]) == ["制度"]


def test_a_time_or_place_line_is_lowered_unless_asked() -> None:
    from app.answer_kinds import unasked_field

    line = "⚫ 時間： 2030 年 5 月 2 日"
    unasked = unasked_field("簽約的兩個單位是誰？")
    assert unasked is not None and unasked.search(line)
    assert not unasked.search("雙方於會中簽署合作備忘錄。")
    for asked in ("簽約在什麼地方？", "簽約是什麼時候？", "Where was the deal signed?"):
        assert unasked_field(asked) is None, asked


def test_a_pronoun_for_a_person_refers_back() -> None:
    from app.followup import needs_rewrite

    before = [("那場演講的講者是誰？", "一位局長。")]
    assert needs_rewrite("他認為最大的挑戰是什麼？", before)
    assert not needs_rewrite("首爾的吉他工廠有幾家？", before)  # 吉他 is a guitar


def test_a_sum_must_name_the_thing_it_sizes() -> None:
    from app.sentences import Source, states_asked_figure

    question = "甲中心的青年基金規模有多大？"
    heading = Source("甲中心 > 概況", "")
    assert not states_asked_figure(question, ["中心成立時實收資本 254 萬元。"], [heading])
    assert states_asked_figure(question, ["青年基金規模達 5 億元。"], [heading])
    # a question without a sized thing is read as before
    assert states_asked_figure("它有多少錢？", ["中心實收資本 254 萬元。"], [heading])


def test_a_bare_follow_up_asks_what_its_context_asked() -> None:
    from app.followup import rule_rewrite
    from app.question import analyse
    from app.questions import asked_part

    asked = analyse("那疫情爆發前呢？（甲園區目前有多少名員工？）")
    assert asked.unit is not None and asked.unit.search("500 名員工")
    assert not asked.unit.search("120 家公司")
    # the context's own year is not the follow-up's
    assert "2030" not in asked_part("那2031年的呢？（2030年的營收多少？）")
    # a follow-up that asks something itself keeps its own question
    assert asked_part("它在哪裡？（甲園區有多少名員工？）") == "它在哪裡？"
    assert rule_rewrite("那乙園區的呢？", "甲園區的面積有多大？") == "乙園區的面積有多大？"


def test_two_things_joined_by_or_can_belong_to_two_reports() -> None:
    from index.multi import joins_two_reports

    marks = {"北港": "a.txt", "南灣": "b.txt"}

    def of(text: str) -> set[str]:
        return {doc for word, doc in marks.items() if word in text}

    assert joins_two_reports("Which is older, the 北港 centre or the 南灣 park?", of)
    assert not joins_two_reports("Was the 北港 centre opened in May or June?", of)


def test_a_central_asian_country_is_read_without_its_stan() -> None:
    from index.bilingual import Lexicon

    line = "哈薩克斯坦 哈萨克斯坦 [Ha1 sa4 ke4 si1 tan3] /Kazakhstan/"
    lexicon = Lexicon.from_lines([line], {"哈萨克"})
    assert lexicon.proper("Kazakhstan") == ["哈萨克"]


def test_a_list_is_not_continued_by_another_section() -> None:
    lead = Candidate(1, 0, "措施包括：", 1.0, ("甲園區", "措施"))
    first = Candidate(1, 1, "1. 設立基金。", 0.2, ("甲園區", "措施"))
    foreign = [Candidate(2, 0, "2. 簽署備忘錄。", 0.1, ("乙展會", "交流"))]
    assert continued([lead, first], [1], [lead, first, *foreign]) == []


def test_other_ways_to_ask_a_time_or_place_keep_its_line() -> None:
    from app.answer_kinds import unasked_field

    for question in ("那個單位位於何地？", "會議在哪個城市舉行？", "Which city hosted it?",
                     "講座幾點開始？", "整個行程怎麼安排？"):
        assert unasked_field(question) is None, question


def test_a_plan_with_something_done_is_no_outcome() -> None:
    question = "那座展館後來實際有沒有開幕？"
    assert outcome_unstated(question, ["展館預計 2030 年開幕，目前已經動工。"])
    assert outcome_unstated(question, ["展館預計明年開幕，完工後才可開放。"])


def test_words_that_hold_a_pronoun_character_do_not_refer_back() -> None:
    from app.followup import needs_rewrite

    before = [("甲園區有多少家廠商？", "120 家。")]
    assert not needs_rewrite("韓國的園區政策與他國相比有何特色？", before)
    assert not needs_rewrite("What day-to-day support do firms in Busan get?", [])
    assert expected_unit("What day-to-day support do firms in Busan get?") is None
