"""A follow-up's 他/她 ("he", "his") after a who-question: the person the answer named."""

from __future__ import annotations

import pytest

from app.followup import rewrite
from app.prompting import load_prompts
from app.referent import asks_who, latin_person, named_person, with_person
from tests.answer_fakes import ScriptedBackend


@pytest.mark.parametrize(
    ("answer", "person"),
    [
        ("園區管理處處長林大同。", "林大同"),  # a Han name after a post
        ("據報告，該中心主任為陳志明表示歡迎。", "陳志明"),  # cut where jieba ends the name
        ("協會會長 Maria Lopez。", "Maria Lopez"),  # a Latin name after a Chinese post
        ("Chief Executive Officer Tom Baker.", "Tom Baker"),  # after English titles
        ("Lena Park (朴麗娜), head of the incubator", "Lena Park"),  # beside a Chinese name
        ("The agency's director, Omar Haddad", "Omar Haddad"),  # after a post and a comma
        ("Omar Haddad.", "Omar Haddad"),  # the answer is the name alone
        ("趙副局長出席。", "趙副局長"),  # a surname with a post
        ("林大同。", "林大同"),  # a short answer that is a name
        ("「本中心主任吳建國指出，育成成效良好」[2]", "吳建國"),  # the reader's quote
    ],
)
def test_the_person_an_answer_names(answer: str, person: str) -> None:
    assert named_person(answer) == person


@pytest.mark.parametrize(
    "answer",
    ["報告中沒有提供此資訊。", "The Riverside Innovation Park.", "三家公司。", "園區主任未具名。"],
)
def test_answers_naming_no_person(answer: str) -> None:
    assert named_person(answer) is None


def test_a_latin_name_needs_a_sign_it_is_a_person() -> None:
    assert latin_person("Visited the Harbour Tech Centre, then left") is None
    assert latin_person("Deputy Mayor Ann Cole spoke") == "Ann Cole"


def test_who_questions() -> None:
    assert asks_who("那天是誰負責簡報？") and asks_who("At the expo, who gave the keynote?")
    assert not asks_who("園區面積多大？") and not asks_who("What did the mayor say?")


def test_a_chinese_follow_up_is_searched_with_the_name_in_brackets() -> None:
    assert with_person("他提到哪些挑戰？", "育成中心的主任是誰？", "主任吳建國。") == (
        "他提到哪些挑戰？（吳建國）"
    )


def test_an_english_follow_up_gets_the_name_in_the_pronouns_place() -> None:
    previous, answer = "Who runs the incubator?", "Its director, Omar Haddad."
    assert with_person("When did he start?", previous, answer) == "When did Omar Haddad start?"
    assert with_person("What is his budget?", previous, answer) == (
        "What is Omar Haddad's budget?"
    )
    assert with_person("What did her team build?", previous, answer) == (
        "What did Omar Haddad's team build?"
    )


@pytest.mark.parametrize(
    ("question", "previous", "answer"),
    [
        ("他說了什麼？", "園區的面積多大？", "約 13 平方公里。"),  # the last question asked no who
        ("他們說了什麼？", "誰是主任？", "主任吳建國。"),  # plural: not one person
        ("其他園區呢？", "誰是主任？", "主任吳建國。"),  # 其他 is not a pronoun
        ("他說了什麼？", "誰是主任？", "報告中沒有提供此資訊。"),  # a refusal names no one
        ("What did they sign?", "Who signed it?", "Omar Haddad."),  # plural
    ],
)
def test_left_to_the_other_rules(question: str, previous: str, answer: str) -> None:
    assert with_person(question, previous, answer) is None


def test_the_extractive_rewrite_uses_the_answer_a_model_rewrite_does_not() -> None:
    prompts = load_prompts()
    history = [("育成中心的主任是誰？", "主任吳建國。")]
    reader = ScriptedBackend("", name="reader", generative=False)
    assert rewrite("他提到哪些挑戰？", history, reader, prompts) == "他提到哪些挑戰？（吳建國）"
    model = ScriptedBackend("吳建國提到哪些挑戰？\n")
    assert rewrite("他提到哪些挑戰？", history, model, prompts) == "吳建國提到哪些挑戰？"
