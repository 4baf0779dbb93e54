"""Whose session: a question asking who spoke at one session of a programme (a
master class, the keynote, a forum, a panel) is not answered by a line naming the
speaker of another session.

A report's agenda names every session, and its write-up names the speakers of
some. Asked who gave master class 1, a reader finds 「講者：…」 under the keynote:
the speaker of another session. A person-naming line answers only when its
section path or the line itself names the asked kind of session (a master
class is a 大師課程 or a 講堂, the keynote a 主題演講 or 專題演講) and, when the
question numbers the session (大師課程1, 第二堂, "the first master class"), by
that number.

General language knowledge: the Chinese and English words for the kinds of
sessions of a conference, and ordinal numbers.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language import fold
from app.questions import asked_part
from app.roles import asks_speaker, names_someone

# kinds of sessions: the (folded) Chinese words a report writes, and the English ones
KINDS: tuple[tuple[tuple[str, ...], str], ...] = (
    (("大师课程", "大师讲堂", "专家讲堂", "讲堂", "课程"),
     r"master ?class(?:es)?|lectures?|courses?"),
    (("专题演讲", "主题演讲", "开幕演讲"), r"keynotes?"),
    (("论坛",), r"forums?"),
    (("座谈", "圆桌", "领袖会议"), r"panels?|round ?tables?|leaders'? (?:meeting|summit)"),
    (("工作坊",), r"workshops?"),
)
_ZH_DIGITS = "一二三四五六七八九十"
_EN_ORDINALS = ("first", "second", "third", "fourth", "fifth", "sixth", "seventh", "eighth",
                "ninth", "tenth")
_NUMBER = rf"\s*[(（]?\s*(\d{{1,2}}|[{_ZH_DIGITS}])\s*[)）]?"


def _number(text: str) -> int:
    """A session number written in digits or one Chinese numeral.

    >>> _number("3"), _number("三")
    (3, 3)
    """
    return int(text) if text.isdigit() else _ZH_DIGITS.index(text) + 1


def asked_session(question: str) -> tuple[tuple[str, ...], int | None] | None:
    """The kind of session (its Chinese words) and its number, when ``question``
    asks who spoke at one; None otherwise.

    >>> asked_session("大師課程(二)由誰主講？")
    (('大师课程', '大师讲堂', '专家讲堂', '讲堂', '课程'), 2)
    >>> asked_session("Who gave the third master class?")[1]
    3
    >>> asked_session("大師課程有哪些主題？"), asked_session("Who founded the forum?")
    (None, None)
    """
    asks = asked_part(question)
    if not asks_speaker(asks):
        return None
    folded = fold(asks)
    for words, english in KINDS:
        zh = next((w for w in words if w in folded), None)
        en = re.search(rf"\b(?:{english})\b", asks, re.I)
        if zh is None and en is None:
            continue
        return words, _asked_number(folded, asks, zh, en)
    return None


def _asked_number(folded: str, asks: str, zh: str | None, en: re.Match[str] | None
                  ) -> int | None:
    """The number a question gives the session it names (大師課程1, 第二堂,
    "master class 2", "the second keynote")."""
    if zh is not None:
        found = re.search(re.escape(zh) + _NUMBER, folded) or re.search(
            rf"第\s*(\d{{1,2}}|[{_ZH_DIGITS}])\s*[堂场]", folded)
        return _number(found.group(1)) if found else None
    if en is not None:
        after = re.match(r"\s*(\d{1,2})\b", asks[en.end():])
        if after:
            return int(after.group(1))
        before = re.search(r"\b(" + "|".join(_EN_ORDINALS) + r")\s+$", asks[: en.start()], re.I)
        if before:
            return _EN_ORDINALS.index(before.group(1).lower()) + 1
    return None


def of_session(words: tuple[str, ...], number: int | None, text: str) -> bool:
    """Whether ``text`` (a line with its section path) names a session of the
    kind ``words`` and, when ``number`` is given, by that number.

    >>> kind = asked_session("大師課程1由誰主講？")[0]
    >>> of_session(kind, 1, "大師課程 1 講者：王五"), of_session(kind, 1, "大師課程(三) 講者：王五")
    (True, False)
    >>> of_session(kind, 1, "主題演講 講者：王五"), of_session(kind, 1, "大師課程共有四堂")
    (False, False)
    >>> of_session(kind, None, "大師課程共有四堂")
    True
    """
    folded = fold(text)
    for word in words:
        for found in re.finditer(re.escape(word), folded):
            numbered = re.match(_NUMBER, folded[found.end():])
            if number is None or (numbered is not None and _number(numbered.group(1)) == number):
                return True
    return False


def speaker_elsewhere(question: str, lines: Sequence[tuple[str, str]]) -> bool:
    """Whether ``question`` asks who spoke at a session (:func:`asked_session`)
    and every one of the ``lines`` (a quoted line and its section path) that
    names someone is about another session (:func:`of_session`).

    >>> asked = "Who gave the first master class?"
    >>> speaker_elsewhere(asked, [("講者：Min-Jun Park 教授", "主題演講")])
    True
    >>> speaker_elsewhere(asked, [("講者：Min-Jun Park 教授", "大師課程(一)：智慧製造")])
    False
    >>> speaker_elsewhere(asked, [("大會共有 300 人參加", "大會概況")])  # no one named
    False
    """
    session = asked_session(question)
    if session is None:
        return False
    naming = [(line, heading) for line, heading in lines if names_someone([line], question)]
    return bool(naming) and not any(
        of_session(*session, f"{heading}\n{line}") for line, heading in naming)
