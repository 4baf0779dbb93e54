"""A pick from a set by place: 「其中台灣的買家有幾家？」, "Which of them are
based in Daegu?". Such a question takes a set the reports name (twenty buyers,
eleven unicorns) and asks about the part of it from one place. Sentences that
name the set without that place do not answer it; nor, for a count, does a
sentence that names the place away from any figure: 「20 家海外買家（其中包含
台灣）」 says that Taiwan is among them, not how many. A figure beside the place
does: 「馬來西亞(3 家)、蒙古(2 家)」.

General language knowledge: the words that pick from a set (其中, 當中, 之中;
"which of them", "how many of those", "among them").

>>> subset_missing("其中台灣的買家有幾家？", ["20 家海外買家（其中包含台灣）"])
True
>>> subset_missing("其中馬來西亞的有幾家？", ["分別來自馬來西亞(3 家)、蒙古(2 家)"])
False
>>> subset_missing("園區有幾家台灣廠商？", ["20 家海外買家"])  # no pick from a set
False
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from app.language import fold
from app.question import analyse, latin_names, names_no_one
from app.questions import asked_part

Aliases = Callable[[str], Sequence[str]]
# the words that pick a part of a set named before: 其中 (not 其中之一: one of them)
_PICK = re.compile(
    r"其中(?!之一)|[当當之]中"
    r"|\b(?:which|how many|who|what)\s+of\s+(?:them|these|those|the)\b"
    r"|\bamong\s+(?:them|these|those)\b", re.I)
# ... or 中 closing a counted set (「20 家買家中，」), not 「調查中，」 (in a survey)
_COUNTED_SET = re.compile(
    r"[\d一二三四五六七八九十百千兩两]\s*[家位名所間间][^，,？?]{0,12}?中(?=\s*[，,])")
# what parts a place from a figure: a clause's or a list's mark, or a word that goes on
# to name members (「15 家創投（包括新加坡的）」)
_CLAUSE_MARK = re.compile(r"[，,；;。：:、]|包括|包含|其中|例如")
# how many of the part (幾家, 多少, "how many"), not when or how large the picked one is
_HOW_MANY = re.compile(r"多少\s*(?:家|个|位|名|人|所|间)|几|\bhow many\b", re.I)
PLACE_WINDOW = 12  # characters between a place and a figure that counts its part


def picked_places(question: str, aliases: Aliases | None = None) -> list[list[str]]:
    """The places a question picks its part of a set by, each as the Chinese
    names a sentence may write it by (an English name's from ``aliases``; none
    known, it is left out): the place names after the picking word
    (:func:`is_place`; 「其中紫竹高新區…」 picks a park, not a place).

    >>> picked_places("其中台灣的買家有幾家？")
    [['台湾']]
    >>> picked_places("Which of them are based in Daegu?", lambda n: ["大邱"])
    [['大邱']]
    >>> picked_places("台灣的買家有幾家？"), picked_places("其中之一在哪？")
    ([], [])
    >>> picked_places("來訪的 20 家買家中，台灣有幾家？"), picked_places("調查中，台灣的比例？")
    ([['台湾']], [])
    """
    asked = asked_part(question)
    pick = _PICK.search(asked) or _COUNTED_SET.search(asked)
    if pick is None:
        return []
    after = asked[pick.end():]
    if analyse(asked).english:
        if aliases is None:
            return []
        found = [[fold(a) for a in aliases(name)] for name in latin_names(after)]
        return [names for names in found if names]
    folded = fold(after)
    words = [t.word for t in analyse(asked).terms]
    return [[w] for w in dict.fromkeys(words)
            if len(w) >= 2 and w in folded and is_place(w) and not names_no_one(w)]


def is_place(word: str) -> bool:
    """Whether jieba tags ``word`` (folded) as one place name (ns): a country or a
    city, not a park or a body (紫竹, 高新區).

    >>> is_place("泰国"), is_place("紫竹"), is_place("高新区")
    (True, False, False)
    """
    import jieba.posseg

    tagged = list(jieba.posseg.cut(word))
    return len(tagged) == 1 and tagged[0].flag == "ns"


def subset_missing(question: str, sentences: Sequence[str],
                   aliases: Aliases | None = None) -> bool:
    """Whether ``sentences`` (those a reader would quote; a heading naming the
    place is about a whole section, not the part picked) leave out the place a
    question picks its part of a set by (:func:`picked_places`): none names it,
    or, when it asks how many, none states a figure in the asked unit within
    PLACE_WINDOW characters of it.

    >>> subset_missing("其中台灣的買家有幾家？", ["買家有 20 家，包含台灣"])
    True
    >>> subset_missing("其中台灣的第一座園區何時規劃？", ["台灣的園區於 1980 年規劃"])
    False
    """
    places = picked_places(question, aliases)
    if not places:
        return False
    folded = [fold(s) for s in sentences]
    asked = asked_part(question)
    unit = analyse(asked).unit if _HOW_MANY.search(f"{fold(asked)} {asked}") else None
    for names in places:
        if not any(name in text for name in names for text in folded):
            return True
        if unit is not None and not any(
                _beside(name, unit, text) for name in names for text in folded):
            return True
    return False


def _beside(name: str, unit: re.Pattern[str], text: str) -> bool:
    """Whether ``text`` states a figure in ``unit`` within PLACE_WINDOW
    characters of ``name``, in its clause (no comma, list mark or 包括 between).

    >>> unit = re.compile(r"\\d+\\s*家")
    >>> _beside("泰国", unit, "泰国(1 家)"), _beside("泰国", unit, "20 家买家来访，包含泰国")
    (True, False)
    """
    for place in re.finditer(re.escape(name), text):
        for figure in unit.finditer(text):
            start, end = sorted((place.end(), figure.start()) if place.end() <= figure.start()
                                else (figure.end(), place.start()))
            if end - start <= PLACE_WINDOW and not _CLAUSE_MARK.search(text[start:end]):
                return True
    return False
