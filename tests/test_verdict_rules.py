"""The rules that refuse whatever the fitted weights say: a Chinese question
that shares nothing with the passages (app.verdict.nothing_there), one that
asks for a figure the passages do not state (app.verdict.figure_missing), a
post, a name or a schooling they leave out (app.roles), or an outcome of which they state
only the plan (app.outcomes); made-up passages."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from app.refusal import EvidenceScorer
from app.verdict import Verdict, signals
from index.types import Hit
from ingest.model import Chunk

PARK = "青禾農業科技園區成立於 2005 年，園區內有 300 家企業。"


def test_a_question_about_nothing_in_the_reports_gets_probability_zero() -> None:
    chunk = Chunk("c1", "r.txt", ("壹、園區",), 1, PARK, PARK)
    hits = [Hit(chunk, 1.0, dense_score=0.85)]
    scorer = EvidenceScorer([PARK])
    generous = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)  # answers nearly all
    off_topic = signals("明天會下雨嗎？", hits, scorer)
    on_topic = signals("青禾園區有幾家企業？", hits, scorer)
    assert generous.probability(off_topic) == 0.0 and generous.refuses(off_topic)
    assert generous.probability(on_topic) > 0.9


def test_a_figure_the_passage_does_not_state_gets_probability_zero() -> None:
    """The passage is about the asked park but gives no budget and no staff count."""
    chunk = Chunk("c1", "r.txt", ("壹、園區",), 1, PARK, PARK)
    hits = [Hit(chunk, 1.0, dense_score=0.85)]
    scorer = EvidenceScorer([PARK])
    generous = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)
    budget = signals("青禾農業科技園區的年度預算是多少元？", hits, scorer)
    staff = signals("青禾農業科技園區有多少名員工？", hits, scorer)
    firms = signals("青禾農業科技園區有多少家企業？", hits, scorer)
    founded = signals("青禾農業科技園區是哪一年成立的？", hits, scorer)
    assert (budget["quantity_asked"], budget["quantity_found"]) == (1.0, 0.0)
    assert generous.refuses(budget) and generous.refuses(staff)
    assert generous.probability(firms) > 0.9 and generous.probability(founded) > 0.9


VIETNAM = "越南峴港軟體園區 2022 年營業額達 50 億元，園區內有 300 家企業。"


def _park_signals(question: str) -> dict[str, float]:
    chunk = Chunk("c1", "r.txt", ("壹、越南峴港軟體園區",), 1, VIETNAM, VIETNAM)
    return signals(question, [Hit(chunk, 1.0, dense_score=0.85)], EvidenceScorer([VIETNAM]))


def test_a_figure_of_another_year_or_of_another_park_is_not_the_asked_one() -> None:
    """A 2022 revenue does not answer for 2023; a Vietnamese park's revenue does
    not answer for a park in the Philippines; a name that only sets the scene
    (in a clause that asks nothing) need not be in the passage."""
    generous = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)
    asked = _park_signals("越南峴港軟體園區 2022 年營業額是多少？")
    other_year = _park_signals("越南峴港軟體園區 2023 年營業額是多少？")
    other_park = _park_signals("菲律賓的軟體園區 2022 年營業額是多少？")
    scene = _park_signals("跟菲律賓簽約的那個園區，有多少家企業？")
    assert generous.probability(asked) > 0.9 and generous.probability(scene) > 0.9
    assert (other_year["quantity_found"], other_park["quantity_found"]) == (0.0, 0.0)
    assert generous.refuses(other_year) and generous.refuses(other_park)


CENTRE = "青禾育成中心接待人：副總經理林一、總經理助理陳二。中心成立於 2005 年。"
GENEROUS = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)  # answers nearly all


def _over(text: str, heading: str, names: dict[str, list[str]] | None = None
          ) -> Callable[..., dict[str, float]]:
    """The signals of a question over one made-up passage (``names``: the Chinese
    names of Latin ones, as the index's glossary and dictionary give them)."""
    chunk = Chunk("c1", "r.txt", (heading,), 1, text, text)
    found = names or {}
    scorer = EvidenceScorer([text], aliases=lambda name: found.get(name, []))

    def measure(question: str, **extra: Any) -> dict[str, float]:
        return signals(question, [Hit(chunk, 1.0, dense_score=0.85)], scorer, **extra)

    return measure


def test_a_post_named_only_as_a_deputys_is_not_the_asked_one() -> None:
    """Asked who the general manager is, a passage naming only the deputy general
    manager and the manager's assistant is refused; asked who the deputy is, it
    answers (made-up passage)."""
    measure = _over(CENTRE, "壹、青禾育成中心")
    head = measure("青禾育成中心的總經理是誰？")
    deputy = measure("青禾育成中心的副總經理是誰？")
    english = measure("Who is the general manager of the Qinghe incubation centre?",
                      translate=lambda q: ["青禾", "育成中心", "总经理"])
    assert head["holder_missing"] == 1.0 and GENEROUS.refuses(head)
    assert deputy["holder_missing"] == 0.0 and GENEROUS.probability(deputy) > 0.9
    assert english["holder_missing"] == 1.0


def test_a_post_named_without_its_holder_beside_a_deputy_is_not_answered() -> None:
    """The passage names the mayor only as a party to an agreement, and names
    the deputy mayor: asked the mayor's name, it is refused; a person named in
    another clause of the sentence (張局長) is not the mayor (made-up passage)."""
    text = "張局長表示，協會與青州市長簽署合作備忘錄。局長拜訪青州市副市長 Wen-Li Chao，促進交流。"
    measure = _over(text, "壹、青州市")
    mayor = measure("跟協會簽備忘錄的青州市長叫什麼名字？")
    deputy = measure("局長拜訪的青州市副市長叫什麼名字？")
    assert mayor["holder_missing"] == 1.0 and GENEROUS.refuses(mayor)
    assert deputy["holder_missing"] == 0.0


def test_a_post_named_as_its_holders_subject_answers_beside_a_deputy() -> None:
    """The mayor took office, a deputy came along: asked when the mayor took
    office, or who the general manager is where one holds both posts, the
    passage answers (made-up passages)."""
    took_office = _over("青州市長於 2015 年上任。副市長王五陪同出席。", "壹、青州市")
    assert took_office("青州市長是哪一年上任的？")["holder_missing"] == 0.0
    both = _over("總經理由董事長兼任。副總經理李四負責營運。", "壹、青禾公司")
    assert both("青禾公司的總經理是誰？")["holder_missing"] == 0.0


def test_a_persons_name_asked_of_a_passage_that_names_no_one_is_refused() -> None:
    """The passage says a doctor was hired but not who (made up); asked the
    doctor's name it is refused, asked what the doctor does it answers."""
    measure = _over("青禾育成中心特別聘請一位留學歸國的醫學博士來主持研發。", "壹、青禾育成中心")
    name = measure("青禾育成中心請來的那位博士叫什麼名字？")
    task = measure("青禾育成中心請來的博士負責什麼？")
    assert name["holder_missing"] == 1.0 and GENEROUS.refuses(name)
    assert task["holder_missing"] == 0.0 and GENEROUS.probability(task) > 0.9


def test_an_english_questions_place_must_be_named_by_its_chinese_name() -> None:
    """A count of another park's firms does not answer for a park in Mongolia; the
    names are read by their Chinese names (the scorer's aliases); a capitalised
    word with no Chinese name (Park) cannot be checked and is let be."""
    measure = _over(PARK, "壹、青禾園區", {"Qinghe": ["青禾"], "Mongolia": ["蒙古"]})
    here = measure("How many firms does the Qinghe Park have?")
    elsewhere = measure("How many firms does the Mongolia Park have?")
    assert (here["quantity_asked"], here["quantity_found"]) == (1.0, 1.0)
    assert (elsewhere["quantity_asked"], elsewhere["quantity_found"]) == (1.0, 0.0)


def test_a_place_that_locates_an_event_need_not_be_named() -> None:
    """「the Qinghe fair」 says where the fair was; the count asked is of Mongolian
    firms, whose name must be there (made-up passage)."""
    names = {"Qinghe": ["青禾"], "Mongolian": ["蒙古"], "Thai": ["泰国"]}
    measure = _over("展會共有 61 家蒙古廠商參展。", "壹、展會", names)
    mongolian = measure("How many Mongolian firms exhibited at the Qinghe fair?")
    thai = measure("How many Thai firms exhibited at the Qinghe fair?")
    assert mongolian["quantity_found"] == 1.0 and thai["quantity_found"] == 0.0


def test_a_plan_does_not_say_whether_it_came_true() -> None:
    """Asked whether a planned bridge was later built, a passage that states the
    plan is refused; one that states the opening answers, as does a question
    about the plan itself (made-up passages)."""
    planned = _over("青禾大橋預計 2030 年完工，屆時可縮短通勤時間。", "壹、青禾大橋")
    opened = _over("青禾大橋已於 2020 年通車，縮短了通勤時間。", "壹、青禾大橋")
    later = "青禾大橋後來到底有沒有蓋好？"
    assert planned(later)["outcome_unstated"] == 1.0 and GENEROUS.refuses(planned(later))
    assert opened(later)["outcome_unstated"] == 0.0 and GENEROUS.probability(opened(later)) > 0.9
    plan = planned("青禾大橋預計哪一年完工？")
    assert plan["outcome_unstated"] == 0.0 and GENEROUS.probability(plan) > 0.9
    english = planned("Was the Qinghe bridge actually finished?",
                      translate=lambda q: ["青禾", "大桥", "完工"])
    assert english["outcome_unstated"] == 1.0


TWO_PARKS = "青禾集團旗下有青禾農業科技園區與青禾軟體園區。青禾農業科技園區內有 300 家企業。"


def _two_parks(question: str) -> dict[str, float]:
    chunk = Chunk("c1", "r.txt", ("壹、青禾集團",), 1, TWO_PARKS, TWO_PARKS)
    return signals(question, [Hit(chunk, 1.0, dense_score=0.85)], EvidenceScorer([TWO_PARKS]))


def test_a_figure_of_another_body_with_the_same_name_is_not_the_asked_one() -> None:
    """The passage names both parks, but the count is the farm park's: a
    question about the software park is refused (app.subjects.another_body)."""
    generous = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)
    farm = _two_parks("青禾農業科技園區有多少家企業？")
    software = _two_parks("青禾軟體園區有多少家企業？")
    assert farm["quantity_found"] == 1.0 and not generous.refuses(farm)
    assert software["quantity_found"] == 0.0 and generous.refuses(software)


def test_a_question_that_also_asks_who_is_not_refused_for_its_missing_figure() -> None:
    """「誰…？…多少？」 is answered in part without the figure: the figure rule
    leaves it to the fitted model (here a generous one); the figure alone asked
    is still refused."""
    generous = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)
    both = signals("青禾農業科技園區由誰成立？年度預算是多少元？", *_park())
    alone = signals("青禾農業科技園區的年度預算是多少元？", *_park())
    assert (both["quantity_found"], both["beyond_figure"]) == (0.0, 1.0)
    assert not generous.refuses(both) and generous.refuses(alone)


def _park() -> tuple[list[Hit], EvidenceScorer]:
    chunk = Chunk("c1", "r.txt", ("壹、園區",), 1, PARK, PARK)
    return [Hit(chunk, 1.0, dense_score=0.85)], EvidenceScorer([PARK])


BUILDINGS = ("青禾基地共有四棟樓。1. 一號樓：展示大廳。2. 二號樓：餐廳。3. 三號樓：辦公室。"
             "4. 四號樓：創業示範園。")


def test_a_numbered_thing_no_passage_names_is_refused() -> None:
    """Passages that number buildings one to four do not say what a sixth one
    is for (app.ordinals.numbered_missing); the third, written 3 號樓, they do."""
    generous = Verdict(("dense_top",), (0.5,), (0.1,), (5.0,), 3.0, 0.1)
    sixth, third = _buildings("青禾基地六號樓做什麼用？"), _buildings("青禾基地 3 號樓做什麼用？")
    assert sixth["numbered_missing"] == 1.0 and generous.refuses(sixth)
    assert third["numbered_missing"] == 0.0 and not generous.refuses(third)


def _buildings(question: str) -> dict[str, float]:
    chunk = Chunk("c1", "r.txt", ("壹、青禾基地",), 1, BUILDINGS, BUILDINGS)
    return signals(question, [Hit(chunk, 1.0, dense_score=0.85)], EvidenceScorer([BUILDINGS]))


def test_someones_schooling_asked_of_sentences_stating_none_is_refused() -> None:
    """The passage uses the word 學歷 but states no one's degree (made up); asked
    his schooling it is refused, in Chinese and English; a passage stating his
    degree answers, and a firm that 'graduated' from an incubator asks no schooling."""
    words = _over("青禾中心林主任強調，過去招人太過重視學歷。", "壹、青禾育成中心")
    chinese = words("青禾中心林主任的學歷背景為何？")
    english = words("What is Director Lin's educational background?")
    assert chinese["holder_missing"] == 1.0 and GENEROUS.refuses(chinese)
    assert english["holder_missing"] == 1.0
    stated = _over("青禾中心林主任畢業於臺灣大學，取得博士學位。", "壹、青禾育成中心")
    assert stated("青禾中心林主任的學歷背景為何？")["holder_missing"] == 0.0
    firms = _over("青禾中心已有 30 家企業畢業。", "壹、青禾育成中心")
    assert firms("How many firms have graduated from the Qinghe centre?")["holder_missing"] == 0.0


def test_questions_that_only_look_like_asking_someones_schooling() -> None:
    """A workforce's 學歷結構, "to what degree" and "their studies" ask no one's schooling."""
    from app.roles import schooling_missing

    assert not schooling_missing("園區員工的學歷結構如何？", ["員工中具大專以上學歷者佔 85%。"])
    assert not schooling_missing("To what degree has the park automated?", ["園區自動化。"])
    assert not schooling_missing("What did the researchers find in their studies?", ["研究發現"])
    assert not schooling_missing("林主任的學歷為何？", ["林主任為美國史丹佛大學電機博士。"])


def test_a_former_or_first_holder_asked_of_the_present_ones_passage_is_refused() -> None:
    """The passage names today's director (made up): asked who came before him,
    or who was the first, it is refused, in Chinese and English; a passage that
    names the first director as such answers, and so does the present one asked."""
    today = _over("青禾育成中心主任王五介紹中心的營運概況。", "壹、青禾育成中心")
    before = today("青禾育成中心在王五之前的主任是誰？")
    first = today("Who was the first director of the Qinghe incubation centre?")
    assert before["holder_missing"] == 1.0 and GENEROUS.refuses(before)
    assert first["holder_missing"] == 1.0
    assert today("青禾育成中心的主任是誰？")["holder_missing"] == 0.0
    founding = _over("青禾育成中心首任主任為李四，任期六年。", "壹、青禾育成中心")
    assert founding("青禾育成中心的首任主任是誰？")["holder_missing"] == 0.0


def test_a_former_holder_named_as_such_answers_and_taking_office_asks_no_former() -> None:
    """前院長 and 接替 mark a former holder; 上任 (took office) asks about no former one."""
    from app.roles import former_missing

    assert not former_missing("前任院長是誰？", ["前院長李四於 2010 年退休。"])
    assert not former_missing("前任院長是誰？", ["王五接替李四出任院長。"])
    assert not former_missing("新院長上任後提拔的主任是誰？", ["李四獲院長提拔為主任。"])
    assert not former_missing("What was the first project the director launched?", ["主任推動計畫"])
    assert former_missing("那前一任處長呢？", ["處長王五介紹該處業務。"])
    assert not former_missing("前一任處長是誰？", ["前一任處長李四於 2010 年退休。"])


def test_what_talks_came_to_is_refused_when_the_passage_only_says_they_were_held() -> None:
    """A made-up passage says two directors held talks: asked what the talks came to,
    it is refused; asked what they discussed, or over a passage saying they signed an
    agreement, it is not."""
    held = _over("青禾育成中心王主任與河口科技園區李局長洽談兩園區的人才交流。", "壹、交流")
    signed = _over("青禾育成中心王主任與河口科技園區李局長簽署合作備忘錄。", "壹、交流")
    came_to = "王主任跟李局長最後談成了什麼合作？"
    assert held(came_to)["outcome_unstated"] == 1.0 and GENEROUS.refuses(held(came_to))
    assert held("王主任跟李局長洽談了什麼？")["outcome_unstated"] == 0.0
    assert signed(came_to)["outcome_unstated"] == 0.0
