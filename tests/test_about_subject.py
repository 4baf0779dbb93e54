"""A sentence that names the asked kind of thing or states the asked attribute
answers only when it is about what the question asks about (app.about); a
city's figure is not the figure of a body the city's name leads, asked in
English too (app.cities); made-up passages and names."""

from __future__ import annotations

from app.about import about_subject
from app.attributes import attribute_missing
from app.cities import city_figure, english_bodies
from app.kinds import kind_missing
from app.refusal import EvidenceScorer
from app.sentences import Source, states_asked_figure
from app.verdict import signals
from index.types import Hit
from ingest.model import Chunk

CHINESE = {"Vietnam": ["越南"], "Haibin": ["海滨", "海滨市"], "Orbix": ["Orbix"],
           "Velto": ["Velto"]}


def _aliases(name: str) -> list[str]:
    return CHINESE.get(name, [])


def test_a_sentence_in_a_passage_about_another_park_is_not_about_the_asked_one() -> None:
    vietnam = Source("越南園區 › 合作", "越南園區位於海濱。園區與海濱大學合作。")
    thailand = Source("泰國園區 › 合作", "泰國園區位於山城。園區與山城大學合作。")
    sentences = ["園區與海濱大學合作。", "園區與山城大學合作。"]
    both = [vietnam, thailand]
    assert about_subject("越南園區跟哪所大學合作？", sentences, both) == [True, False]
    assert about_subject("泰國園區跟哪所大學合作？", sentences, both) == [False, True]
    # in English, by the name's Chinese name
    english = about_subject("Which university does the Vietnam park work with?", sentences,
                            [vietnam, thailand], _aliases)
    assert english == [True, False]


def test_a_question_that_names_nothing_keeps_every_sentence() -> None:
    other = Source("泰國園區", "泰國園區位於山城。代表團入住山城飯店。")
    assert about_subject("代表團住在哪家飯店？", ["代表團入住山城飯店。"], [other]) == [True]


def test_a_sentence_pointing_back_is_about_what_it_points_to() -> None:
    passage = "Orbix 是一家新創。其總部位於新加坡。"
    assert about_subject("Where is Orbix headquartered?", ["其總部位於新加坡。"],
                         [Source("越南園區 › 講者", passage)], _aliases) == [True]
    assert about_subject("Where is Velto headquartered?", ["其總部位於新加坡。"],
                         [Source("越南園區 › 講者", passage)], _aliases) == [False]


def test_the_kind_and_attribute_rules_read_only_the_sentences_about_the_subject() -> None:
    said = ["園區與山城大學合作。"]
    assert not kind_missing("越南園區跟哪所大學合作？", said)
    assert kind_missing("越南園區跟哪所大學合作？", said, owned=[])
    other = ["Velto 是一家總部位於美國的公司。"]
    assert not attribute_missing("Where is Orbix headquartered?", other)
    assert attribute_missing("Where is Orbix headquartered?", other, owned=[])


def _signals(question: str, heading: str, text: str) -> dict[str, float]:
    chunk = Chunk("c1", "r.txt", (heading,), 1, text, text)
    scorer = EvidenceScorer([text], aliases=_aliases)
    return signals(question, [Hit(chunk, 1.0, dense_score=0.85)], scorer)


def test_another_firms_headquarters_do_not_answer_where_the_asked_firm_has_its_own() -> None:
    text = "Velto 是一家總部位於美國的公司，在各地設有分支。"
    assert _signals("Where is Orbix headquartered?", "越南園區", text)["attribute_missing"] == 1.0
    assert _signals("Where is Velto headquartered?", "越南園區", text)["attribute_missing"] == 0.0


def test_a_section_that_names_no_one_else_keeps_its_sentences() -> None:
    """A day of the trip's programme is about no other place: its hotel answers a
    question naming the country visited, which the section never repeats."""
    day = _signals("代表團在越南住哪家飯店？", "行程 › 第二天", "代表團入住海濱飯店。")
    assert day["kind_missing"] == 0.0
    other = _signals("代表團在越南住哪家飯店？", "泰國園區 › 行程", "代表團入住海濱飯店。")
    assert other["kind_missing"] == 1.0


def test_a_university_named_under_another_park_does_not_answer_for_the_asked_park() -> None:
    text = "拜訪機構名稱：泰國清邁大學科技園。"
    asked = "Which university is the Vietnam park affiliated with?"
    assert _signals(asked, "泰國清邁大學科技園", text)["kind_missing"] == 1.0
    assert _signals(asked, "越南園區", "越南園區與河內大學合作。")["kind_missing"] == 0.0


def test_an_english_question_about_a_body_is_not_answered_by_its_citys_figure() -> None:
    asked = "Give the yearly budget of the Haibin Farm Research Institute."
    assert english_bodies(asked, _aliases) == {
        "海滨": ("Haibin Farm Research Institute",), "海滨市": ("Haibin Farm Research Institute",)}
    city = "2019 年海濱市研發經費投入 300 億元。"
    own = "海濱市農業研究院的年度經費為 3 億元。"
    assert city_figure(asked, ["Haibin"], [city], _aliases)
    assert not city_figure(asked, ["Haibin"], [own], _aliases)
    assert not city_figure("What is Haibin's R&D spending?", ["Haibin"], [city], _aliases)
    budget = "Give the yearly budget of the Haibin Farm Research Institute."
    source = Source("海濱市科委 › 訪談", city)
    assert not states_asked_figure(budget, [city], [source], _aliases)
    assert states_asked_figure("What is Haibin's R&D spending?", [city], [source], _aliases)


def test_a_place_that_only_says_which_report_is_no_subject() -> None:
    """「韓國那份報告」 names the report, not what is asked about: a sentence of
    that report that never says 韓國 may still answer."""
    space = Source("泰國 › 新創空間", "育成中心由海濱大學規劃。")
    asked = "韓國那份報告裡有大學規劃的育成空間嗎？是哪所大學？"
    said = ["育成中心由海濱大學規劃。"]
    assert about_subject(asked, said, [space]) == [True]
    assert about_subject("韓國的園區跟哪所大學合作？", said, [space]) == [False]


def test_another_citys_mayor_does_not_say_who_the_asked_one_is() -> None:
    text = "代表團拜會山城市長王五。"
    asked = _signals("Who is the mayor of Haibin?", "山城 › 拜會行程", text)
    assert asked["holder_missing"] == 1.0
    # the post named for another end: whom the mayor met is not who holds it
    met = _signals("Whom did the mayor of Haibin meet?", "山城 › 拜會行程", text)
    assert met["holder_missing"] == 0.0
    assert _signals("Who is the mayor of Haibin?", "海濱市 › 拜會",
                    "代表團拜會市長王五。")["holder_missing"] == 0.0
