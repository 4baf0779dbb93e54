"""What kind of line a report's sentence is, whatever the question: a caption
or a label, or a line that asks rather than states. Neither answers a question,
though both may share its words; the reader scores them down
(:func:`app.sentences.score_sentences`). A form's labelled line (「主題：…」)
states what its label names (:func:`labelled_field`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.answerability import question_terms
from app.language import detect_language, to_traditional
from app.questions import asked_part

# a form's labelled line (「講者：…」, 「⚫ 地點：…」, "Venue:"), its labels in place of {}
FIELD_LINE = "^[\\s⚫•‧·\\-–]*(?:{})\\s*[：:]"


def looks_like_caption(text: str) -> bool:
    """A short line with no sentence end: a picture caption or a label.

    >>> looks_like_caption("陳次長與駱副總經理互贈禮品")
    True
    >>> looks_like_caption("紫竹高新區由七家股東共同投資組建。")
    False
    """
    body = text.strip()
    return len(body) < 30 and not re.search(r"[。！？!?；;，,：:]", body)


# a figure's or a table's source credit (「資料來源：某某網，某中心繪製」, "Source: ...")
_CREDIT = re.compile(
    r"^[\s(（*※]*(?:註|注|Note)?\s*[：:]?\s*(?:資料|资料|數據|数据|圖片|图片|圖表|图表)(?:來源|来源)"
    r"|^[\s(（*※]*(?:出處|出处)\s*[：:]|^[\s(（*※]*(?:Data\s+)?Sources?\s*[：:]", re.I)
# a question about where a figure comes from, which a credit answers
_ASKS_SOURCE = re.compile(r"來源|来源|出處|出处|\bsources?\b", re.I)


def source_credit(text: str, question: str = "") -> bool:
    """Whether ``text`` is a figure's or a table's source credit, which names the
    figure's subject but says nothing of it; not when ``question`` asks for a
    source.

    >>> source_credit("資料來源：青禾大學科技園網站，研究中心繪製")
    True
    >>> source_credit("（資料來源：經濟部）"), source_credit("Source：World Bank")
    (True, True)
    >>> source_credit("來源：外資企業占全部投資的 60%")
    False
    >>> source_credit("資料來源：經濟部", "這張圖的資料來源是什麼？")
    False
    """
    return bool(_CREDIT.match(text)) and not _ASKS_SOURCE.search(question)


# a line that asks rather than states: an interviewer's question in a report's record of a
# talk (「[問] 園區的發展方向」, 「問：」, "Q:") or a sentence ending with a question mark
_ASKING_LINE = re.compile(
    r"^\s*(?:[\[【(（]\s*(?:問|问|Q)\s*[\]】)）]|(?:問|问|Q)\s*[：:])|[？?]\s*$")


def asks(text: str) -> bool:
    """Whether a report's sentence asks rather than states: it shares the
    question's words but does not answer it.

    >>> asks("[問] 園區未來的發展方向"), asks("園區為何吸引外商？"), asks("Q: Why here?")
    (True, True, True)
    >>> asks("[答] 園區聚焦半導體。"), asks("問題在於資金不足。")
    (False, False)
    """
    return _ASKING_LINE.search(text) is not None


def labelled_field(words: Sequence[str]) -> re.Pattern[str] | None:
    """A form's line labelled with exactly one of ``words`` (a question's focus
    words, or an English question's Chinese words; folded), in either script:
    「主題：數位世代…」 states the theme asked about, though it shares no other
    word with the question; None without a Chinese word of two characters or more.

    >>> bool(labelled_field(["主题"]).search("⚫ 主題：數位世代的產業"))
    True
    >>> bool(labelled_field(["主题"]).search("大會主題演講：風險")), labelled_field(["ab"])
    (False, None)
    """
    chinese = [w for w in dict.fromkeys(words) if len(w) >= 2 and not w.isascii()]
    if not chinese:
        return None
    forms = {form for w in chinese for form in (w, to_traditional(w))}
    labels = sorted(map(re.escape, forms), key=len, reverse=True)  # the longest first
    return re.compile(FIELD_LINE.format("|".join(labels)))


def asked_labels(question: str, translation: str = "") -> list[str]:
    """The words a form line's label may name to answer ``question``: the focus
    words of what a Chinese question asks (not a follow-up's context), or an
    English question's Chinese words (``translation``). The labels of where, when
    and who are kept: left out (a meeting's 「時間：」 for when a park was founded),
    a check set lost a key fact and no answer gained one.

    >>> asked_labels("博覽會的主題是什麼？"), asked_labels("那它的主題呢？（博覽會在哪裡？）")
    (['主题'], ['主题'])
    >>> asked_labels("Under which theme was it held?", "主题")
    ['主题']
    """
    if detect_language(question) == "en":
        words = translation.split()
    else:
        words = [t.word for t in question_terms(asked_part(question)) if t.focus]
    return words


# the bracketed English rendering of the line before it, where the PDF's line broke:
# 「主題：數位世代的產業」 then "(Industry in the Digital Age)"; alone, or running on into the next
_GLOSS = re.compile(r"^\s*[(（]\s*[A-Za-z0-9“\"'‘][^\u4e00-\u9fff]*[)）]\s*[。.]?\s*$")
_GLOSS_HEAD = re.compile(r"^\s*[(（]\s*[A-Za-z0-9“\"'‘][^\u4e00-\u9fff()（）]{8,}[)）]")


def gloss(text: str) -> str:
    """The bracketed English rendering ``text`` is or opens with; "" when none.

    >>> gloss("(5+2 Industrial Plan)。"), gloss("(甲)"), gloss("(Industry Day)主辦：某會")
    ('(5+2 Industrial Plan)。', '', '(Industry Day)')
    """
    if _GLOSS.match(text):
        return text
    head = _GLOSS_HEAD.match(text)
    return head.group(0).strip() if head else ""
