"""Where: a question that asks where something is or took place (「晚宴在哪裡
舉行」, "Which hotel did they stay at?") is not answered by sentences that name no
place at all (「18:30 晚宴」 gives the hour, not the venue).

General language knowledge: the words that ask for a place, in Chinese (folded
to Simplified) and English; the words that name one in a report (a venue word:
飯店, 中心, 大樓, 館; a place label: 地點, 位於, 舉行), a place name jieba tags
(``ns``) that the question does not hold, or a capitalised Latin word. A
question that asks where from (「錢從哪裡來」: a source) or in what respect
(「差在哪裡」) asks for no place.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language import fold
from app.question import PLACE
from app.questions import asked_part

# Chinese words that ask for a place (folded): where, which city / hotel / venue
_WHERE_ZH = re.compile(
    r"哪[里裡儿](?!来|不同|一样|相同|好|差)|何处|在哪(?![里裡]?来|一?(?:年|天|月|日|季|届|次|期|个月))"
    r"|哪一?(?:个|座|家|间|所)?(?:城市|饭店|酒店|旅馆|旅店|餐厅|场地|会场|地方|国家)|地点")
# ... but not where from, nor in what respect (差在哪, 不同在哪, 难在哪, 好在哪)
_NOT_PLACE_ZH = re.compile(r"从哪|[差异同难好强弱处题]在哪|(?<!地)点在哪|哪[里裡]?来")
_WHERE_EN = re.compile(
    r"^\s*where\b|\bwhich (?:hotel|city|venue|country|restaurant|place|town)\b"
    r"|\bwhat (?:hotel|city|venue|country|restaurant|place|town)\b|\bvenue\b", re.I)
_NOT_PLACE_EN = re.compile(r"\bwhere\b.*\bcome from\b|\bfrom where\b", re.I)
# what names a place in a report sentence: a venue word (folded) or a capitalised word
_VENUE = re.compile(r"饭店|酒店|旅馆|宾馆|中心|会馆|大楼|大厦|厅|馆|园区|大学|餐厅|广场|楼")
_CAPITALISED = re.compile(r"\b[A-Z][a-z]{2,}")


def asks_place(question: str) -> bool:
    """Whether ``question`` asks where something is or took place.

    >>> asks_place("歡迎晚宴在哪裡舉行？"), asks_place("Which hotel did they stay at?")
    (True, True)
    >>> asks_place("中心的錢從哪裡來？"), asks_place("兩者的做法差在哪？")
    (False, False)
    >>> asks_place("Where does the money come from?"), asks_place("園區有多大？")
    (False, False)
    >>> asks_place("會場的地點在哪？"), asks_place("這個計畫的重點在哪？")
    (True, False)
    >>> asks_place("兩市在哪一年合併？")  # which year, not where
    False
    """
    asking = asked_part(question)
    folded = fold(asking)
    if _WHERE_ZH.search(folded):
        return not _NOT_PLACE_ZH.search(folded)
    return bool(_WHERE_EN.search(asking)) and not _NOT_PLACE_EN.search(asking)


def names_place(sentences: Sequence[str], question: str = "") -> bool:
    """Whether one of ``sentences`` names a place: a venue word or place label,
    a capitalised Latin word, or a place name jieba tags that ``question`` does
    not hold.

    >>> names_place(["晚宴於慶州希爾頓飯店舉行"]), names_place(["18:30 ~ 20:00 歡迎晚宴"])
    (True, False)
    >>> names_place(["代表團前往韓國"], "代表團在韓國住哪裡？")  # the question's own place
    False
    """
    import jieba.posseg as posseg

    asked = fold(question)
    for sentence in sentences:
        folded = fold(sentence)
        if PLACE.search(folded) or _VENUE.search(folded) or _CAPITALISED.search(sentence):
            return True
        if any(w.flag == "ns" and len(w.word) >= 2 and w.word not in asked
               for w in posseg.cut(folded)):
            return True
    return False


def place_missing(question: str, sentences: Sequence[str]) -> bool:
    """Whether ``question`` asks where and the ``sentences`` a reader would
    quote name no place.

    >>> place_missing("晚宴在哪裡舉行？", ["18:30 ~ 20:00 歡迎晚宴"])
    True
    >>> place_missing("晚宴在哪裡舉行？", ["晚宴在國際會議中心舉行"])
    False
    >>> place_missing("晚宴幾點開始？", ["18:30 ~ 20:00 歡迎晚宴"])
    False
    """
    return asks_place(question) and bool(sentences) and not names_place(sentences, question)
