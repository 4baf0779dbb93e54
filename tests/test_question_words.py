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

# in Traditional script, as analysts type them; the list itself is folded
ASKED = ["多少", "幾", "哪裡", "什麼", "甚麼", "誰", "多大", "如何", "為什麼", "何時", "何年"]
CONTENT = {"青禾", "禾园", "园区", "区的", "的预", "预算"}


@pytest.mark.parametrize("word", ASKED)
def test_a_question_word_is_no_content(word: str) -> None:
    question = f"青禾園區的預算{word}？"
    assert [t.word for t in question_terms(question)] == ["青禾", "园区", "预算"]
    assert question_grams(question) == CONTENT


@pytest.mark.parametrize("word", ASKED)
def test_what_a_follow_up_names_is_what_is_left_without_question_words(word: str) -> None:
    assert bare(f"預算{word}？")
    assert not bare(f"青禾農業科技園區的年度預算{word}？")


def test_the_list_is_folded_and_longest_first_wins() -> None:
    assert all(fold(w) == w for w in INTERROGATIVES)  # matched against folded text
    # 哪年 and 哪一年 go as one question word: the year is asked, 年 is not content
    assert "年成" not in question_grams("青禾園區是哪年成立的？")
    assert "年成" not in question_grams("青禾園區是哪一年成立的？")
