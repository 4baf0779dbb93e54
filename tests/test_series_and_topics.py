"""A figure's series quoted whole for a question about a change, and nothing else
beside it; a follow-up's topic cut before 多大 or a time word; a follow-up naming
nothing of its own read with the question before it."""

from __future__ import annotations

from app.backends.base import ContextBlock
from app.backends.extractive import ANSWER, chosen_sentences
from app.change_asked import asks_change
from app.followup import needs_rewrite, rule_rewrite, topic_of
from app.question import analyse
from app.sentences import Candidate
from app.series import series_mates, stated_measures
from ingest.model import Chunk

# the later points name neither the park nor its tenants: alone they score low
GROWTH = ("進駐廠商以半導體為主。2016 年開園時進駐廠商數目為 80 家。三年後達到 145 家。"
          "如今為 310 家。進駐廠商可申請租金補貼。進駐廠商每年須提交營運報告。"
          "進駐廠商多來自新竹一帶。進駐廠商的數目由管理處統計。")


def _block() -> list[ContextBlock]:
    return [ContextBlock(1, Chunk("g", "r.txt", ("示範園區",), 3, GROWTH, ""))]


def test_a_question_about_a_change_is_told_from_one_about_a_figure() -> None:
    assert asks_change("進駐廠商這幾年怎麼變？")
    assert asks_change("廠商從開園到現在增加了多少？")
    assert asks_change("How has the number of tenants grown since opening?")
    assert not asks_change("現在有多少家廠商進駐？")
    assert not asks_change("前後任園區主任各是誰？")  # former and later holders, no change
    assert analyse("進駐廠商前後有什麼變化？").change
    assert not analyse("進駐廠商有幾家？").change


def test_words_of_change_that_ask_no_change_over_time() -> None:
    for asked in ("如何增加外資投資？", "園區打算增加哪些設施？", "成長型企業有幾家？",
                  "營收成長率是多少？", "氣候變化的因應措施？", "從事研發的人員達到多少？",
                  "前後共參訪了幾家？", "What is its growth strategy?", "How does climate change "
                  "affect the park?", "When the park changed its name, who chaired it?",
                  "Which firms from Japan want to visit?", "How tall is the high-rise?"):
        assert not asks_change(asked), asked


def test_a_measure_is_read_after_its_figure_and_a_year_is_none() -> None:
    assert stated_measures("2016 年開園時進駐 80 家廠商") == frozenset({"家"})
    assert stated_measures("營收 3.5 億元，年增 12%") == frozenset({"元", "%"})
    assert stated_measures("2019 年開園") == frozenset()


def test_a_series_is_followed_both_ways_while_it_goes_on() -> None:
    texts = ["開園時 80 家。", "研發人員約 900 名。", "2019 年增至 145 家。", "如今 310 家。",
             "另設 2 座工廠。"]
    cands = [Candidate(1, i, t, 0.0) for i, t in enumerate(texts)]
    assert [c.text for c in series_mates(cands[3], cands)] == ["2019 年增至 145 家。"]
    assert [c.text for c in series_mates(cands[2], cands)] == ["如今 310 家。"]
    other = Candidate(2, 3, "他處 5 家。", 0.0)  # another passage's sentence is no mate
    assert series_mates(other, cands) == []


def test_other_parks_a_breakdown_and_plain_counts_are_no_points() -> None:
    texts = ["甲園區 2023 年有 150 家廠商。", "鄰近的乙園區則有 90 家。", "丙園區有 60 家。"]
    cands = [Candidate(1, i, t, 0.0) for i, t in enumerate(texts)]
    assert series_mates(cands[0], cands) == []  # no time, no change: another park's count
    texts = ["員工 2023 年增至 12,000 名。", "其中博士 600 名。", "外籍人士 800 名。"]
    cands = [Candidate(1, i, t, 0.0) for i, t in enumerate(texts)]
    assert series_mates(cands[0], cands) == []  # 其中: a part, not the next point
    texts = ["區內有 30 家銀行。", "另有 45 家生技公司。", "2023 年廠商增至 120 家。"]
    cands = [Candidate(1, i, t, 0.0) for i, t in enumerate(texts)]
    assert series_mates(cands[2], cands) == []


def test_an_answer_about_a_change_quotes_every_point_of_the_series() -> None:
    asked = "開園以後，進駐廠商的數目有什麼變化？"
    quoted = " ".join(c.text for c in chosen_sentences(asked, _block(), quoting=ANSWER))
    assert "80 家" in quoted and "145 家" in quoted and "310 家" in quoted
    plain = " ".join(c.text for c in chosen_sentences("進駐廠商的數目有多少？", _block(),
                                                      quoting=ANSWER))
    assert "145 家" not in plain  # a question about the figure alone: its best sentences


def test_a_topic_ends_before_how_big_or_long() -> None:
    assert topic_of("育成基金規模多大？") == ("育成基金規模", "多大？")
    assert topic_of("許多大學的合作成果？")[0] == "許多大學"  # 許多 is "many", not 多大
    assert rule_rewrite("它投了幾家公司？", "育成基金規模多大？") == "育成基金規模投了幾家公司？"


def test_a_follow_up_naming_nothing_of_its_own_is_read_with_the_one_before() -> None:
    history = [("楓林育成中心的孵化期多長？", "約一年。")]
    assert needs_rewrite("最後有幾成團隊能順利畢業並拿到下一輪投資？", history)
    assert not needs_rewrite("松山園區最後有幾成團隊能順利畢業？", history)  # names its own
    english = [("How long is the Maple incubator's programme?", "About a year.")]
    assert needs_rewrite("What share of the teams go on to raise a second round?", english)
    assert not needs_rewrite("What share of Birch Lab's teams raise a second round?", english)
