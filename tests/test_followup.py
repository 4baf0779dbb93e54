"""Follow-up rewriting: gating, the rule, and the model path."""

from __future__ import annotations

from app.beside_years import dated
from app.followup import moved, needs_rewrite, rewrite, rule_rewrite
from app.prompting import load_prompts
from tests.answer_fakes import ScriptedBackend

HISTORY = [("紫竹高新區的股東結構?", "紫竹高新區由紫江集團等出資。[1]")]


def test_standalone_question_is_left_as_it_is() -> None:
    backend = ScriptedBackend("不該被呼叫")
    question = "張江高新區的面積有多大？"
    assert rewrite(question, HISTORY, backend, load_prompts()) == question
    assert backend.requests == []


def test_first_question_is_never_rewritten() -> None:
    assert not needs_rewrite("那楊浦呢？", [])


def test_model_rewrites_a_referring_follow_up() -> None:
    backend = ScriptedBackend("楊浦科技創業中心的股東結構?\n")
    out = rewrite("那楊浦呢？", HISTORY, backend, load_prompts())
    assert out == "楊浦科技創業中心的股東結構?"
    prompt = backend.requests[0].messages[0].content
    assert "紫竹高新區的股東結構?" in prompt and "那楊浦呢？" in prompt


def test_extractive_backend_uses_the_rule() -> None:
    backend = ScriptedBackend("", name="reader", generative=False)
    assert rewrite("那楊浦呢？", HISTORY, backend, load_prompts()) == "楊浦的股東結構?"
    assert rewrite("它的股東呢？", [("紫竹高新區何時成立？", "")], backend, load_prompts()) == (
        "紫竹高新區的股東呢？"
    )


def test_runaway_model_output_falls_back_to_the_rule() -> None:
    backend = ScriptedBackend("好的，" + "很長的回答" * 50)
    assert rewrite("那楊浦呢？", HISTORY, backend, load_prompts()) == "楊浦的股東結構?"


def test_a_bare_question_in_a_chat_is_asked_of_the_previous_topic() -> None:
    backend = ScriptedBackend("", name="reader", generative=False)
    history = [("蘇州工業園區的主要產業是什麼？", "")]
    prompts = load_prompts()
    assert rewrite("員工多少？", history, backend, prompts) == "蘇州工業園區的員工多少？"
    assert rewrite("目前進駐了幾家？", history, backend, prompts) == (
        "目前進駐了幾家？（蘇州工業園區的主要產業是什麼？）"
    )
    standalone = "杭州的園區員工多少？"  # names a place: it stands alone
    assert rewrite(standalone, history, backend, prompts) == standalone


def test_english_follow_ups_carry_the_previous_subject() -> None:
    backend = ScriptedBackend("", name="reader", generative=False)
    history = [("Who runs the Maple Valley incubator?", "")]
    prompts = load_prompts()
    assert rewrite("When did it open?", history, backend, prompts) == (
        "When did Maple Valley incubator open?"
    )
    assert rewrite("And their budget?", history, backend, prompts) == (
        "And Maple Valley incubator's budget?"
    )
    assert rewrite("What about the Oak Ridge lab?", history, backend, prompts) == (
        "Who runs the Oak Ridge lab?"
    )
    assert rewrite("Staff numbers?", history, backend, prompts) == (
        "Staff numbers? (Maple Valley incubator)"
    )
    standalone = "Who founded the Birch Creek science park?"
    assert rewrite(standalone, history, backend, prompts) == standalone


def test_an_english_follow_up_to_a_chinese_question_names_its_topic() -> None:
    backend = ScriptedBackend("", name="reader", generative=False)
    history = [("某某科技園的股東有哪些？", "")]
    assert rewrite("How large is it?", history, backend, load_prompts()) == (
        "How large is 某某科技園?"
    )


def test_a_numbered_follow_up_swaps_the_number_only() -> None:
    backend = ScriptedBackend("", name="reader", generative=False)
    history = [("某某園區2019年的營收是多少？", "")]
    expected = "某某園區2020年的營收是多少？"
    assert rewrite("那2020年呢？", history, backend, load_prompts()) == expected


def test_a_follow_up_asks_its_own_year_not_the_one_it_follows() -> None:
    from app.question import analyse

    searched = rule_rewrite("那在2019年的營業額呢？還有成長嗎？", "甲園區2018年的營業額是多少？")
    assert searched == "那在2019年的營業額呢？還有成長嗎？（甲園區2018年的營業額是多少？）"
    asked = analyse(searched)
    assert asked.years == ("2019",) and asked.dated == ("2019",)
    assert "甲园区" in asked.grams or any("甲" in g for g in asked.grams)  # still searched


def test_a_year_named_beside_the_previous_one_is_written_out() -> None:
    reader = ScriptedBackend("", name="reader", generative=False)
    prompts = load_prompts()
    history = [("園區2019年的出口額是多少？", "三億美元。[1]")]
    assert rewrite("那前一年呢？", history, reader, prompts) == "園區2018年的出口額是多少？"
    assert rewrite("隔年呢？", history, reader, prompts) == "園區2020年的出口額是多少？"
    english = [("How many firms joined the park in 2019?", "Forty. [1]")]
    assert rewrite("And the year before?", english, reader, prompts) == (
        "How many firms joined the park in 2018?")
    assert rewrite("What about a year later?", english, reader, prompts) == (
        "How many firms joined the park in 2020?")


def test_a_year_phrase_is_left_alone_where_it_cannot_be_placed() -> None:
    reader = ScriptedBackend("", name="reader", generative=False)
    prompts = load_prompts()
    two = [("園區2018年與2019年的出口額？", "…")]  # which of the two?
    assert "前一年" in rewrite("那前一年呢？", two, reader, prompts)
    last = [("園區2019年的出口額是多少？", "…")]
    assert "最後一年" in rewrite("那計畫最後一年呢？", last, reader, prompts)  # not 後一年
    other = rewrite("那育成中心前一年呢？", last, reader, prompts)  # another subject: kept
    assert "育成中心" in other and "2018" in other


def test_the_model_is_asked_the_year_written_out() -> None:
    backend = ScriptedBackend("園區2018年的出口額是多少？\n")
    history = [("園區2019年的出口額是多少？", "三億美元。[1]")]
    out = rewrite("那育成中心前一年的呢？", history, backend, load_prompts())
    assert out == "園區2018年的出口額是多少？"
    assert "那育成中心2018年的呢？" in backend.requests[0].messages[0].content


def test_a_year_phrase_inside_a_longer_word_or_phrase_is_no_year() -> None:
    previous = "園區2019年的出口額是多少？"
    for question in ("延後一年呢？", "提前一年呢？", "之後一年呢？", "成立後一年內呢？",
                     "隔年舉辦嗎？", "剩下一年呢？"):
        assert dated(question, previous) == (question, previous), question
    english = "How many firms joined in 2019?"
    for question in ("And the year before last?", "And a year before the merger?",
                     "Was it a year earlier than planned?"):
        assert dated(question, english) == (question, english), question
    assert dated("What about for the next year?", english)[0] == "What about in 2020?"


def test_no_year_is_moved_where_the_question_compares_or_has_its_own() -> None:
    reader = ScriptedBackend("", name="reader", generative=False)
    prompts = load_prompts()
    history = [("紫竹2014年的營收？", "…")]
    compared = rewrite("比上一年增長多少？", history, reader, prompts)
    assert "2014" in compared and "2013" not in compared
    own = "楊浦2016年的營收比前一年多多少？"
    assert rewrite(own, history, reader, prompts) == own  # stands alone: left as asked
    both = "隔年的營收比前一年多多少？"
    assert dated(both, "紫竹2014年的營收？")[0] == both


def test_counts_and_number_ranges_are_no_year() -> None:
    for previous in ("紫竹有2019家企業？", "2014/15年度的營收？", "民國104年（2015年）的營收？"):
        assert dated("那前一年呢？", previous) == ("那前一年呢？", previous), previous


def test_a_follow_up_asking_another_kind_of_thing_is_not_the_previous_moved() -> None:
    assert moved("前一年在哪裡辦？", "2014年的論壇是什麼時候辦的？") is None
    assert moved("Where was it held the year before?", "When was the forum held in 2014?") is None
    assert moved("那前一年是多少？", "上海2014年研發投入多少？") == "上海2013年研發投入多少？"


def test_a_year_counted_from_an_event_or_twice_is_no_year_beside() -> None:
    previous = "紫竹2014年的營收？"
    for question in ("那成立後一年呢？", "那合併前一年呢？", "下下一年呢？", "前一年的前一年呢？",
                     "And a year before they merged?", "And the previous year's budget?"):
        assert dated(question, previous) == (question, previous), question


def test_a_comparison_without_a_comparing_word_keeps_both_years() -> None:
    reader = ScriptedBackend("", name="reader", generative=False)
    for question in ("前一年多多少？", "隔年多了幾家？",
                     "And how much higher was it the year before?"):
        out = rewrite(question, [("紫竹2014年的營收？", "…")], reader, load_prompts())
        assert "2014" in out and "2013" not in out and "2015" not in out, question


def test_words_that_only_look_like_comparing_leave_the_year_written_out() -> None:
    previous = "園區2019年的工業增加值是多少？"
    assert dated("那前一年的工業增加值呢？", previous)[0] == "那2018年的工業增加值呢？"
    assert dated("前一年的出差人數呢？", "2019年的出差人數？")[0] == "2018年的出差人數呢？"
    assert dated("Which enterprise set up there the year before?", "Who moved in in 2019?")[0] == (
        "Which enterprise set up there in 2018?")


def test_a_follow_up_in_traditional_moves_as_in_simplified() -> None:
    previous = "紫竹2014年的營收是多少？"
    assert moved("前一年的營收是什麼？", previous) == moved("前一年的营收是什么？", previous) == (
        "紫竹2013年的營收是多少？")
    assert moved("前一年有幾家？", "2014年有多少家企業？") == "2013年有多少家企業？"


def test_a_part_of_what_was_asked_for_is_searched_with_the_previous_question() -> None:
    """其中, 其他 and "among those" pick from the last answer's set: 其 is not the topic."""
    before = "青禾中心輔導了多少家新創？"
    assert rule_rewrite("其中幾家來自台南？", before) == f"其中幾家來自台南？（{before}）"
    assert rule_rewrite("其他的是哪些？", before).endswith(f"（{before}）")
    assert rule_rewrite("Which among those are in biotech?", "Name the startups.") == (
        "Which among those are in biotech? (Name the startups.)")
    assert rule_rewrite("其營收多少？", "青禾中心是哪一年成立的？").startswith("青禾中心")
    # "those" pointing at a noun is no pick from a set
    assert "Who" not in rule_rewrite("What does one of those kits cost?", "Who makes kits?")
