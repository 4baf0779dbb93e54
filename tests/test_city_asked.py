"""A question asking which city is answered by a city's name, not by a country's,
a region's or a province's (app.places); the rule leans to answering where jieba
tags a city as no place; made-up sentences and names."""

from __future__ import annotations

from app.places import city_asked, city_missing, places
from app.refusal import EvidenceScorer
from app.verdict import refused_by_rule, signals
from index.types import Hit
from ingest.model import Chunk


def test_which_city_is_asked_in_chinese_simplified_and_english() -> None:
    assert city_asked("該聯盟的辦公室設在哪個城市？")
    assert city_asked("这个论坛是在哪座城市举办的？")
    assert city_asked("What city does the fund have its office in?")
    assert city_asked("Which cities host its branches?")
    # a city among other things, or a city's figure, asks no city's name
    assert not city_asked("它跟哪個城市或機構合作？")
    assert not city_asked("該城市的人口有多少？")
    assert not city_asked("Roughly what population does the city have?")


def test_a_country_does_not_say_which_city() -> None:
    asked = "Orbix 的總部設在哪個城市？"
    assert city_missing(asked, ["Orbix 是一家總部位於芬蘭的軟體公司。"])
    assert city_missing(asked, ["Orbix 在東南亞與歐洲設有據點。"])  # regions only
    assert not city_missing(asked, ["Orbix 總部位於芬蘭赫爾辛基。"])
    assert not city_missing(asked, ["Orbix 的總部設在釜山廣域市。"])  # a name before 廣域市


def test_the_questions_own_city_is_no_answer_unless_it_begins_a_body_name() -> None:
    asked = "哪個城市的研發投入比廣州高？"
    assert city_missing(asked, ["廣州的研發投入高於廣東全省平均。"])
    assert not city_missing(asked, ["杭州的研發投入比廣州高一個百分點。"])
    # 蘇州 in 蘇州科學園區 begins the park's name: the sentence naming the city answers
    assert not city_missing("蘇州科學園區位於哪個城市？", ["園區位於江蘇蘇州。"])


def test_cities_jieba_does_not_tag_as_places_are_read_after_their_country() -> None:
    asked = "Orbix 的總部設在哪個城市？"
    for sentence in ["地點：韓國首爾", "總部位於韓國首都首爾。", "位於韓國 Daejeon。",
                     "位於台灣台中。", "位於安徽合肥。", "位於芬蘭的首都赫爾辛基。"]:
        assert not city_missing(asked, [sentence]), sentence
    assert not city_missing(asked, ["總部位於高雄。", "高雄在台灣南部。"])  # 位於 + a name
    assert not city_missing(asked, ["辦公室設在新加坡。"])  # a city-state


def test_questions_that_do_not_ask_a_city() -> None:
    for question in ["為什麼城市更新對越南很重要？", "該園區屬於哪個都市圈？",
                     "與哪些城市、地區合作？", "In what city and country is it?",
                     "What city-level body runs it?"]:
        assert not city_asked(question), question
    assert city_asked("該園區在甚麼城市？") and city_asked("辦公室設在哪個市？")


def test_sentences_naming_no_place_leave_it_to_the_model() -> None:
    # jieba tags some cities as no place: a sentence naming none is not read as a refusal
    assert not city_missing("Which city is the office in?", ["辦公室設在園區第三棟。"])


def test_a_city_named_for_another_subject_is_not_the_asked_ones() -> None:
    sentences = ["乙聯盟的秘書處位於杭州。"]
    assert city_missing("甲聯盟的秘書處在哪個城市？", sentences, owned=[])
    assert not city_missing("甲聯盟的秘書處在哪個城市？", sentences, owned=sentences)


def test_places_tells_cities_from_countries_and_reads_no_listing_as_a_place() -> None:
    # 河內, by the country before it
    cities, above = places("該公司在越南河內與日本大阪設點，並在科創板上市。")
    assert {"河内", "大阪"} <= cities
    assert {"越南", "日本"} <= above
    assert "上市" not in cities | above
    assert places("公司積極開拓國際市場。") == (set(), set())


def test_the_rule_refuses_through_the_answerability_signals() -> None:
    text = "Orbix 是一家總部位於芬蘭的軟體公司，在全球有 40 個據點。"
    hits = [Hit(Chunk("c", "a.txt", ("講者",), 1, text, text), 1.0, dense_score=0.9)]
    scorer = EvidenceScorer([text])
    found = signals("Orbix 的總部在哪個城市？", hits, scorer)
    assert found["city_missing"] == 1.0 and refused_by_rule(found)
    assert signals("Orbix 的總部在哪個國家？", hits, scorer)["city_missing"] == 0.0
