"""Which quotes follow a model's answer: those it does not restate, or whose figures
(in Chinese numerals too) it does not give."""

from __future__ import annotations

from app.fallback import facts_of, left_out


def test_a_span_in_chinese_numerals_the_answer_shortened_brings_its_quote() -> None:
    quote = "「研究人員離崗創業，三到五年內可回原單位。」[1]"
    assert left_out("最多五年內還能回原單位。[1]", [quote]) == [quote]
    assert left_out("研究人員離崗創業，三到五年內可以回原單位。[1]", [quote]) == []


def test_ordinals_count_and_a_bare_one_before_a_measure_word_does_not() -> None:
    quote = "「新藥研發已到第二期者，可合作進行第三期。」[2]"
    assert left_out("可合作進行第三期的實驗。[2]", [quote]) == [quote]
    assert left_out("新藥研發到第二期的，可合作進行第三期。[2]", [quote]) == []
    assert facts_of("建立一個平台，設一項基金") == set()
    assert facts_of("十一家企業、兩輪驅動") == {"十一家", "两轮"}


def test_a_magnitude_after_digits_is_not_a_count_of_its_own() -> None:
    assert facts_of("投入 862 億人民幣，約數百萬名旅客") == {"862"}
    assert left_out("投入 862 億人民幣。[1]", ["「投入 862 億人民幣」[1]"]) == []


def test_a_restated_quote_whose_figure_the_answer_changed_or_dropped_follows() -> None:
    quote = "「國家級研究機構 105 個，省部級研究機構 40 個。」[1]"
    assert left_out("國家級研究機構 147 個，省部級研究機構 40 個。[1]", [quote]) == [quote]
    assert left_out("國家級研究機構 105 個，省部級研究機構若干。[1]", [quote]) == [quote]
    assert left_out("國家級研究機構 105 個，省部級研究機構 40 個。[1]", [quote]) == []
    spelled = "「研究人員離崗創業，三到五年內可回原單位。」[1]"
    assert left_out("研究人員離崗創業，五年內可回原單位。[1]", [spelled]) == [spelled]


def test_citation_markers_join_no_characters() -> None:
    quote = "「資金不足與交通不便」[3]"
    assert left_out("資金不足[3]與交通不便。[3]", [quote]) == []


def test_a_quote_summed_up_in_other_words_follows_and_one_copied_does_not() -> None:
    quote = "「園區的主要困難是交通不便與資金不足。」[3]"
    assert left_out("園區面臨一些挑戰。[3]", [quote]) == [quote]  # no figure, but not restated
    assert left_out("園區的主要困難是交通不便與資金不足。[3]", [quote]) == []
    assert left_out("主要困難：交通不便、資金不足。[3]", [quote]) == []  # most of its words kept
