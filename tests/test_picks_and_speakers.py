"""A pick from a set by place, a speaker asked, the thing a year dates and which
exchange: made-up cases."""

from __future__ import annotations

from app.kinds import kind_missing
from app.measures import dated_event, dated_thing
from app.roles import holder_missing
from app.sentences import Source, states_asked_figure
from app.subsets import picked_places, subset_missing


def _aliases(name: str) -> list[str]:
    return {"Busan": ["釜山"], "Vietnam": ["越南"]}.get(name, [])


def test_a_pick_by_place_needs_the_place_named() -> None:
    listed = ["本次共有 30 家海外廠商參展，分別來自越南(4 家)、印尼(6 家)等國。"]
    assert not subset_missing("當中越南的廠商有幾家？", listed)
    assert subset_missing("當中菲律賓的廠商有幾家？", listed)
    assert not subset_missing("How many of them came from Vietnam?", listed, _aliases)
    assert subset_missing("Which of those firms are based in Busan?", listed, _aliases)


def test_a_count_of_the_part_needs_a_figure_beside_the_place() -> None:
    among = ["園區邀請 15 家創投與會（包括新加坡的創投），並安排媒合。"]
    assert subset_missing("其中新加坡的創投有幾家？", among)
    assert not subset_missing("其中新加坡的創投有幾家？", ["新加坡創投共 3 家參與媒合。"])


def test_no_pick_no_check() -> None:
    assert picked_places("越南有幾家廠商參展？") == []
    assert picked_places("其中之一在釜山嗎？") == []
    assert not subset_missing("越南有幾家廠商參展？", ["園區有 30 家廠商。"])


def test_a_speaker_asked_is_a_person_named() -> None:
    agenda = ["10:00 ~ 11:00 專題講座 2", "講座針對產業前景發表見解。"]
    assert holder_missing("第二場專題講座是誰主講的？", agenda)
    assert holder_missing("Who gave the second lecture?", agenda)
    named = ["講者：首爾大學教授 Min-Jun Park"]
    assert not holder_missing("第二場專題講座是誰主講的？", named)
    assert not holder_missing("這項計畫由誰出資？", agenda)  # a body may fund it


def test_the_year_must_be_of_the_thing_dated() -> None:
    assert dated_thing("甲育成基金是哪一年設立的？") == "甲育成基金"
    assert dated_thing("它是哪一年設立的？") == ""
    assert dated_event("乙園區是在哪一年開幕的？") is not None
    other = [Source("創投公司", "甲育成基金規模 5 億元。乙創投公司成立於 2008 年。")]
    assert not states_asked_figure("甲育成基金是哪一年設立的？", ["乙創投公司成立於 2008 年。"],
                                   other)
    own = [Source("甲育成基金", "甲育成基金成立於 2008 年。")]
    assert states_asked_figure("甲育成基金是哪一年設立的？", ["甲育成基金成立於 2008 年。"], own)


def test_an_english_opening_asked_through_brackets() -> None:
    assert dated_event("When did the Busan (South Korea) design centre open?") is not None


def test_which_exchange_needs_an_exchange_named() -> None:
    assert kind_missing("那幾家公司在哪個交易所掛牌？", ["已有四家培育企業掛牌上市。"])
    assert not kind_missing("那幾家公司在哪個交易所掛牌？", ["四家企業在深圳證券交易所掛牌。"])


def test_a_quality_noun_reads_its_adjective() -> None:
    from index.bilingual import Lexicon

    lexicon = Lexicon({"difficult": ["困难"], "park": ["园区"]})
    assert lexicon.translate("What difficulty does the park face?") == ["困难", "园区"]


def test_a_things_name_asked_raises_a_sentence_naming_one() -> None:
    from app.answer_kinds import NAMED, answer_kind

    assert answer_kind("Tell me the name of the incubator they opened.") is NAMED
    assert answer_kind("那座展示館叫什麼？") is NAMED
    assert answer_kind("那位教授叫什麼名字？") is not NAMED  # a person's name
    assert NAMED.search("園區設立了育成中心 BrightHub。")
    assert NAMED.search("該市被稱為「沒有屋頂的美術館」。")
    assert not NAMED.search("園區設立了育成中心。")


def test_an_english_plural_asks_a_list() -> None:
    from app.question import asks_list

    assert asks_list("And which industrial parks does the agency manage?")
    assert asks_list("Who are the shareholders of the zone?")
    assert not asks_list("So what does the agency manage?")
    assert not asks_list("Which hotels are near the venue?")  # a kind's names (app.kinds)


def test_a_surname_and_title_read_with_the_card_who_line() -> None:
    from app.backends.base import ContextBlock
    from app.backends.extractive import ANSWER, chosen_sentences
    from ingest.model import Chunk

    cover = "出國期間：113年5月1日至5月8日\n姓名職稱：周大同處長、吳美玲科長"
    talk = "座談中，周處長說明港區轉型的經驗，並與對方交流。"
    blocks = [ContextBlock(1, Chunk("t", "a.txt", ("座談紀要",), 3, talk, "")),
              ContextBlock(2, Chunk("c", "a.txt", ("封面",), 1, cover, ""))]
    quoted = [c.text for c in chosen_sentences(
        "說明港區轉型經驗的那位處長，全名是什麼？", blocks, quoting=ANSWER)]
    assert quoted[0] == "姓名職稱：周大同處長、吳美玲科長"
    # a question asking no one leaves the card line where it is
    assert "姓名職稱" not in chosen_sentences("港區轉型的經驗是什麼？", blocks)[0].text


def test_an_attribute_asked_is_stated_in_its_own_words() -> None:
    from app.attributes import attribute_missing

    works = ["Brightline 公司在越南與泰國設有研發據點。"]
    assert attribute_missing("Where is Brightline headquartered?", works)
    assert attribute_missing("Brightline 的總部設在哪個城市？", works)
    assert not attribute_missing("Brightline 的總部設在哪個城市？",
                                 ["Brightline 是一家總部位於河內的公司。"])
    assert attribute_missing("這個中心的聯絡電話是多少？", ["中心位於園區北側。"])
    assert not attribute_missing("這個中心的地址是什麼？", ["地址：中山路 12 號"])
    assert not attribute_missing("Brightline 在哪些國家設點？", works)  # no attribute asked
    # where a body is based: a venue's line does not say it, 設於 or 位於 does
    venue = ["執行單位：港區聯盟秘書處", "地點：河口國際會議中心"]
    assert attribute_missing("港區聯盟的秘書處設在哪個城市？", venue)
    assert attribute_missing("Where is the harbour alliance's secretariat based?", venue)
    assert not attribute_missing("港區聯盟的秘書處設在哪個城市？", ["聯盟秘書處設於河口市。"])
    assert not attribute_missing("創新工場的據點設在哪一棟樓？", ["三號樓：創新工場據點"])


def test_what_the_review_found_misfiring_stays_answered() -> None:
    from app.answer_kinds import NAMED
    from app.attributes import attribute_missing
    from app.card import shortened
    from app.kinds import asked_kind
    from app.measures import names_thing
    from app.question import asks_list
    from app.roles import asks_name
    from index.bilingual import forms

    assert not asks_name("代表團與誰分享了港口管理的經驗？")  # whom they shared with: a body
    assert not asks_name("Who gave funding to the new lab?")
    assert not attribute_missing("How did the city address the lack of engineers?", ["培訓工程師"])
    assert attribute_missing("這個中心的電話是多少？", ["計畫期間為 2021-2025 年。"])
    assert asked_kind("What exchanges did the two mayors have?") is None
    assert picked_places("其中甲科技園區的廠商有幾家？") == []  # a park, not a place
    card = "姓名職稱：周大同處長、吳美玲科長"
    assert not shortened(card, "周處長與園區經理互贈禮品。", "園區的經理是誰？")
    assert not asks_list("Which city hosts the fair?")
    assert names_thing("港研院", "港口技術研究院於 2010 年成立")
    assert forms("county") == ["county"]
    assert not NAMED.search("東亞的半島國家，簡稱「韓國」。")


def test_a_speaker_is_read_from_a_form_line() -> None:
    from app.backends.base import ContextBlock
    from app.verdict import field_lines
    from ingest.model import Chunk

    agenda = Chunk("a", "a.txt", ("議程",), 2, "主題：港口自動化\n講者：Ji-Ho Lee 博士", "")
    lines = [line for line, _ in field_lines("港口自動化那一場是誰主講的？",
                                             [ContextBlock(1, agenda)])]
    assert lines == ["講者：Ji-Ho Lee 博士"]
    assert not holder_missing("港口自動化那一場是誰主講的？", ["10:00 港口自動化", *lines])
