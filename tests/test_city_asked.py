"""A question asking which city is answered by a city's name, not a country's
(app.places); a kind of body alone (高新區, 管委會) names no one subject
(app.question.names_no_one); made-up sentences and names."""

from __future__ import annotations

from app.places import city_asked, city_missing, places
from app.question import subject_names
from app.refusal import EvidenceScorer
from app.sentences import states_asked_figure
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
    assert not city_asked("How many people live in the city?")


def test_a_country_does_not_say_which_city() -> None:
    asked = "Orbix 的總部設在哪個城市？"
    assert city_missing(asked, ["Orbix 是一家總部位於芬蘭的軟體公司。"])
    assert city_missing(asked, ["Orbix 在東南亞與歐洲設有據點。"])  # regions only
    assert not city_missing(asked, ["Orbix 總部位於芬蘭赫爾辛基。"])
    assert not city_missing(asked, ["Orbix 的總部設在釜山廣域市。"])  # a name before 廣域市


def test_the_questions_own_city_is_no_answer() -> None:
    asked = "哪個城市的研發投入比廣州高？"
    assert city_missing(asked, ["廣州的研發投入高於全省平均。"])
    assert not city_missing(asked, ["杭州的研發投入比廣州高一個百分點。"])


def test_sentences_naming_no_place_leave_it_to_the_model() -> None:
    # jieba tags some cities as no place: a sentence naming none is not read as a refusal
    assert not city_missing("Which city is the office in?", ["辦公室設在園區第三棟。"])


def test_a_city_named_for_another_subject_is_not_the_asked_ones() -> None:
    sentences = ["乙聯盟的秘書處位於杭州。"]
    assert city_missing("甲聯盟的秘書處在哪個城市？", sentences, owned=[])
    assert not city_missing("甲聯盟的秘書處在哪個城市？", sentences, owned=sentences)


def test_places_tells_cities_from_countries_and_reads_no_listing_as_a_place() -> None:
    # 河內, by the country before it
    cities, others = places("該公司在越南河內與日本大阪設點，並在科創板上市。")
    assert {"河内", "大阪"} <= cities
    assert {"越南", "日本"} <= others
    assert "上市" not in cities | others
    assert places("公司積極開拓國際市場。") == (set(), set())


def test_the_rule_refuses_through_the_answerability_signals() -> None:
    text = "Orbix 是一家總部位於芬蘭的軟體公司，在全球有 40 個據點。"
    hits = [Hit(Chunk("c", "a.txt", ("講者",), 1, text, text), 1.0, dense_score=0.9)]
    scorer = EvidenceScorer([text])
    found = signals("Orbix 的總部在哪個城市？", hits, scorer)
    assert found["city_missing"] == 1.0 and refused_by_rule(found)
    assert signals("Orbix 的總部在哪個國家？", hits, scorer)["city_missing"] == 0.0


def test_a_kind_of_body_alone_names_no_subject() -> None:
    # 高新區 is whichever zone a passage is about: the name before it says which
    assert subject_names("海濱高新區的註冊資本是多少？") == ("海滨",)
    asked = "海濱高新區是哪一年成立的？"
    from app.sentences import Source
    other = Source("山城高新區 › 簡介", "山城高新區成立於 1998 年。")
    assert not states_asked_figure(asked, ["山城高新區成立於 1998 年。"], [other])
    own = Source("海濱高新區 › 簡介", "海濱高新區成立於 2003 年。")
    assert states_asked_figure(asked, ["海濱高新區成立於 2003 年。"], [own])
