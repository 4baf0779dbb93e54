"""Numbered things: 二號樓, 第二期, 第一屆. A figure of 一號樓 does not answer a
question about 二號樓, and a question about 六號樓 is not answered by passages
that number their buildings one to five.

A number before a building (號樓), a phase (期) or a hall (號館) or, after 第 or
as 首, a session (屆) names one of a series: general language knowledge, read on
folded text with Chinese numerals as digits. Not 第二次 (a second round may be
written as a session) nor 第一階段 (stages are often told in order, unnumbered).
Only the part of a question that asks counts, not a follow-up's context.

>>> sorted(numbered("實訓基地的二號樓有幾層？"))
[(2, '号楼')]
>>> sorted(numbered("第二期與一期")), sorted(numbered("首屆與第 2 屆"))
([(1, '期'), (2, '期')], [(1, '届'), (2, '届')])
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language import fold
from app.questions import asked_part

_DIGITS = {"一": 1, "二": 2, "三": 3, "四": 4, "五": 5, "六": 6, "七": 7, "八": 8, "九": 9,
           "十": 10}
_NUMBER = r"(?:[一二三四五六七八九十]{1,3}|\d{1,2})"
# a number or a series (一、二期, 3 至 5 號樓), then what it numbers; 屆 only after 第 (三屆
# may count sessions); not after a digit (2023 屆), nor after a word that makes it a count
# or no one of a series (分三期, 每一期, 上一期, 共 5 期), nor 兩 (兩期: two phases)
_NUMBERED = re.compile(
    rf"(?<![\d一二两三四五六七八九十每上下这本同分共前后近])(第)?\s*"
    rf"({_NUMBER}(?:\s*[、,，至到~\-－—]\s*{_NUMBER})*)\s*(号楼|号馆|期(?!间)|届)"
)
_RANGE = re.compile(r"[至到~\-－—]")
_FIRST = re.compile(r"首(届|期)")  # 首屆 is 第一屆


def _number(text: str) -> int:
    """A number written in digits or Chinese numerals up to 99.

    >>> _number("12"), _number("二"), _number("十二"), _number("二十")
    (12, 2, 12, 20)
    """
    if text.isdigit():
        return int(text)
    if "十" not in text:
        return _DIGITS.get(text, 0)
    tens, _, ones = text.partition("十")
    return _DIGITS.get(tens, 1) * 10 + _DIGITS.get(ones, 0)


def _series(text: str) -> list[int]:
    """The numbers of a series: listed (一、二) or a range (3 至 5).

    >>> _series("一、二"), _series("3 至 5"), _series("六")
    ([1, 2], [3, 4, 5], [6])
    """
    numbers = [_number(n) for n in re.findall(_NUMBER, text)]
    if len(numbers) == 2 and _RANGE.search(text) and numbers[0] < numbers[1] <= numbers[0] + 20:
        return list(range(numbers[0], numbers[1] + 1))
    return numbers


def numbered(text: str) -> set[tuple[int, str]]:
    """The numbered things ``text`` names, as (number, what is numbered).

    >>> sorted(numbered("分三期建設，每一期 5 億")), sorted(numbered("一、二期工程"))
    ([], [(1, '期'), (2, '期')])
    """
    folded = fold(text)
    found = {(1, noun) for noun in _FIRST.findall(folded)}
    for di, series, noun in _NUMBERED.findall(folded):
        if noun != "届" or di:
            found |= {(number, noun) for number in _series(series)}
    return found


def another_numbered(question: str, text: str) -> bool:
    """Whether ``text`` (a figure's sentence) names a numbered thing of the kind
    ``question`` asks about, but not the one asked: 一號樓 for 二號樓.

    >>> another_numbered("二號樓有幾層？", "一號樓為一棟 22 層樓建築")
    True
    >>> another_numbered("二號樓有幾層？", "二號樓共 5 層")
    False
    >>> another_numbered("園區有幾層？", "一號樓 22 層")  # no numbered thing asked
    False
    """
    asked = numbered(asked_part(question))
    if not asked:
        return False
    stated = numbered(text)
    kinds = {kind for _, kind in asked}
    return bool({s for s in stated if s[1] in kinds}) and not asked & stated


def numbered_missing(question: str, passages: Sequence[str]) -> bool:
    """Whether ``question`` names numbered things none of which ``passages`` name
    (六號樓 asked of passages about 一號樓 to 五號樓); one named may be answered.

    >>> numbered_missing("六號樓做什麼用？", ["一號樓：展示", "五號樓：辦公"])
    True
    >>> numbered_missing("第五號樓做什麼用？", ["一號樓：展示", "5 號樓：辦公"])
    False
    """
    asked = numbered(asked_part(question))
    if not asked:
        return False
    stated = set().union(*(numbered(p) for p in passages)) if passages else set()
    return not asked & stated
