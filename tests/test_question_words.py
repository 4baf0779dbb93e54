"""One list of question words (app.questions.INTERROGATIVES), read three ways:
a jieba word holding one asks (app.answerability), a question's content
bigrams leave it out (app.questions.question_grams), and a follow-up without
them is judged by what is left (app.followup.bare). Made-up questions."""

from __future__ import annotations

import pytest

from app.answerability import question_terms
from app.followup import bare
from app.language import fold
from app.questions import INTERROGATIVES, question_grams

ASKED = ["多少", "幾", "哪裡", "什麼", "誰", "多大", "如何", "為什麼", "何時"]


@pytest.mark.parametrize("word", ASKED)
def test_a_question_word_is_no_content(word: str) -> None:
    question = f"青禾園區的預算{word}？"
    words = [t.word for t in question_terms(question)]
    assert not {"多少", "几", "什么", "谁", "多大", "如何"} & set(words)
    grams = question_grams(question)
    assert {"青禾", "园区", "预算"} <= grams
    assert not any(g in grams for g in ("多少", "哪里", "什么", "多大", "如何", "何时"))


def test_traditional_and_simplified_questions_read_alike() -> None:
    assert question_grams("青禾園區的員工有多少？") == question_grams("青禾园区的员工有多少？")
    assert bare("面積多大？") and bare("面积多大？")
    assert not bare("青禾農業科技園區的面積多大？")


def test_the_list_is_folded_and_longest_first_wins() -> None:
    assert all(fold(w) == w for w in INTERROGATIVES)  # matched against folded text
    # 哪年 goes as one question word: the year is asked, 年 is not content
    assert "年成" not in question_grams("青禾園區是哪年成立的？")
