"""Whose figure: the names a figure's passage must mention for the figure to
answer a question (「泰國科學園區的營業額」 is not answered by a figure in a
passage about another park). A city's figure that is not its institute's:
:mod:`app.cities`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from app.answerability import mentions, mentions_any
from app.backends.base import Aliases
from app.bodies import KINDS, whole_names
from app.language import fold
from app.question import analyse, subject_names
from app.questions import CLAUSE_END, JOINING
from ingest.sentences import split_sentences

_PLACE_OR_BODY = frozenset(["ns", "nt"])  # jieba's tags of a place's and a body's name
_NAMED = _PLACE_OR_BODY | {"nz", "nr"}  # ... and of other proper names and people


def names_another(names: Sequence[str], sentence: str, aliases: Aliases | None = None) -> bool:
    """Whether ``sentence`` names a place or body (jieba's ns and nt tags) that is
    none of the question's ``names`` (folded), nor part of one, nor named by one.
    Read anywhere in the sentence: limited to the words before its last figure (so
    that 80 家日本企業 would not count), it lost two refusals of the check sets.

    >>> names_another(["张江"], "2014 年上海市研發經費投入 862 億元")
    True
    >>> names_another(["张江"], "張江示範區研發經費 100 億元"), names_another(["张江"], "經費 9 億")
    (False, False)
    >>> names_another([], "2014 年上海市研發經費投入 862 億元")  # no names to tell another from
    False
    """
    import jieba.posseg

    if not names:
        return False
    for tagged in jieba.posseg.cut(fold(sentence)):
        word = tagged.word
        if tagged.flag not in _PLACE_OR_BODY or len(word) < 2:
            continue
        if not any(word in name or name in word for name in names) and not mentions_any(
                names, word, aliases):
            return True
    return False


def figure_of_subject(
    question: str, names: Sequence[str], sentence: str, heading: str, passage: str,
    aliases: Aliases | None = None,
) -> bool:
    """Whether a figure ``sentence`` is about what ``question`` asks about
    (its ``names``): not when the sentence names another body led by the same
    name (:func:`another_body`); yes when the sentence or its ``heading`` names
    it (:func:`names_figure`); else when the sentence names no other place or
    body (:func:`names_another`, by the Chinese names of an English question's
    names) and its ``passage`` names it, since a passage about a park goes on
    about it unnamed. 「2014 年上海市研發經費投入 862 億元」 in a passage that names
    張江 elsewhere is Shanghai's figure, not 張江's.

    >>> passage = "張江示範區位於上海。2014 年上海市研發經費投入 862 億元。"
    >>> asked = "張江示範區的研發經費是多少？"
    >>> figure_of_subject(asked, ["张江"], passage[10:], "概況", passage)
    False
    >>> figure_of_subject(asked, ["张江"], "研發經費 86 億元。", "概況", passage)
    True
    """
    if another_body(question, names, sentence):
        return False
    if names_figure(question, names, f"{heading}\n{sentence}", aliases):
        return True
    if names_another(_chinese_names(question, names, aliases), sentence, aliases):
        return False
    return names_figure(question, names, f"{heading}\n{referred(sentence, passage)}", aliases)


def figure_of_part(
    question: str, names: Sequence[str], part: str, sentence: str, heading: str, passage: str,
    aliases: Aliases | None = None,
) -> bool:
    """:func:`figure_of_subject` for the ``part`` of ``question`` that asks the
    figure, by the part's own names when it has some (「紫竹有幾家？韓國又有幾家？」:
    Korea's count is about 韓國), else by the question's ``names``.

    >>> asked, names = "泰國有幾座園區？越南又有幾座？", ["泰国", "越南"]
    >>> figure_of_part(asked, names, "越南又有幾座", "越南有 3 座園區。", "概況", "")
    True
    >>> figure_of_part(asked, names, "泰國有幾座園區", "越南有 3 座園區。", "概況", "")
    False
    """
    own = subject_names(part) if part != question else ()
    if own:
        return figure_of_subject(part, own, sentence, heading, passage, aliases)
    return figure_of_subject(question, names, sentence, heading, passage, aliases)


# a sentence opening by pointing back to what the text before it is about (其, 該園區, 它);
# not 其他, 其次 (secondly), 其實, 該年 (that year), 此外 (besides), 此次 (this time)
_POINTS_BACK = re.compile(
    r"^\s*(?:[(（]?[一二三四五六七八九十\d]+[)）.、]\s*)?"
    r"(?:其(?!他|它|余|餘|實|实|次|間|间)|[該该](?!年|月|日|次|期|項|项)"
    r"|此(?!外|次|時|时|前|後|后)|它)")


def referred(sentence: str, passage: str) -> str:
    """What in ``passage`` a figure ``sentence`` may be about when it names no
    one: the whole passage; or, when it opens by pointing back (其, 該, 它), the
    nearest sentence before it that names something (:func:`names_place_or_body`), which
    is what it points to: 「其在研發投入成長快速」 after a sentence naming 紫竹 is
    紫竹's figure, whatever else the passage names. With no such sentence before
    it, the whole passage.

    >>> passage = "北京也有園區。紫竹園區排名第 18 位。其研發投入 26 億元。"
    >>> referred("其研發投入 26 億元。", passage)
    '紫竹園區排名第 18 位。'
    >>> referred("研發投入 26 億元。", passage) == passage
    True
    >>> referred("其研發投入 26 億元。", "園區佔地 10 公頃。其研發投入 26 億元。")[:4]
    '園區佔地'
    """
    if not _POINTS_BACK.match(sentence):
        return passage
    sentences = split_sentences(passage)
    for i, text in enumerate(sentences):
        if sentence.strip() and sentence.strip() in text:
            return next((s for s in reversed(sentences[:i]) if names_place_or_body(s)), passage)
    return passage


def names_place_or_body(text: str) -> bool:
    """Whether ``text`` names a place, a body or anyone (jieba's ns, nt, nz or nr
    tag, two characters or more: jieba often tags a park's short name, 紫竹園, as
    a person's).

    >>> names_place_or_body("紫竹園區位於上海"), names_place_or_body("佔地 10 公頃")
    (True, False)
    """
    import jieba.posseg

    return any(t.flag in _NAMED and len(t.word) >= 2 for t in jieba.posseg.cut(fold(text)))


def _chinese_names(question: str, names: Sequence[str], aliases: Aliases | None
                   ) -> list[str]:
    """``names`` as a Chinese sentence writes them: a Chinese question's own; an
    English question's Chinese names (``aliases``: Shanghai -> 上海; a run of
    capitalised words by its own, :func:`_with_whole_names`), none when one of
    them has none (the sentence may then name it in a way not known).

    >>> _chinese_names("How big is Shanghai?", ["Shanghai"], lambda n: ["上海"])
    ['上海']
    >>> _chinese_names("Is Hsinchu Park in Taiwan?", ["Hsinchu", "Park", "Taiwan"],
    ...                lambda n: ["台灣"] if n == "Taiwan" else [])
    []
    """
    if not analyse(question).english:
        return list(names)
    if aliases is None:
        return []
    chinese = [[fold(a) for a in aliases(n)] for n in _with_whole_names(question, names, aliases)]
    if not chinese or not all(chinese):
        return []
    return [a for found in chinese for a in found]


def another_body(question: str, names: Sequence[str], sentence: str) -> bool:
    """Whether ``sentence`` names another body by one of the question's ``names``
    and not the asked one (:func:`app.bodies.whole_names`): 「泰國科學園區」 when
    「泰國軟體園區」 is asked. A figure beside it is that body's, however the
    sentence names 泰國.

    >>> another_body("泰國軟體園區有幾家廠商？", ["泰国"], "泰國科學園區有150家廠商")
    True
    >>> another_body("泰國軟體園區有幾家廠商？", ["泰国"], "泰國軟體園區有150家廠商")
    False
    >>> another_body("泰國有幾家廠商？", ["泰国"], "泰國科學園區有150家廠商")  # no body asked
    False
    >>> both = "泰國科學園區與泰國軟體園區各有多少家廠商？"  # either asked one answers
    >>> another_body(both, ["泰国"], "泰國軟體園區有 50 家廠商")
    False
    """
    asked = whole_names(fold(question))
    folded = fold(sentence)
    if not any(name in folded for name in names if name in asked):
        return False  # (jieba's tagging of the sentence is the slow part: only when needed)
    stated = whole_names(folded)
    for name in names:
        mine, theirs = asked.get(name, ()), stated.get(name, ())
        if mine and theirs and not any(
                mentions(m, t) or mentions(t, m) for m in mine for t in theirs):
            return True
    return False


def figure_clauses(units: Sequence[re.Pattern[str]], sentence: str) -> list[str]:
    r"""The clauses of ``sentence`` that hold a figure in one of ``units``.

    >>> figure_clauses([re.compile(r"\d+\s*億元")], "上海市經費 862 億元，僅次於北京。")
    ['上海市經費 862 億元']
    """
    return [c for c in CLAUSE_END.split(sentence) if any(unit.search(c) for unit in units)]




def names_figure(
    question: str, names: Sequence[str], text: str, aliases: Aliases | None = None
) -> bool:
    """Whether ``text`` (a figure's passage) names what ``question`` asks
    about: every one of its ``names`` (「韓國大德特區有多少家公司」 is not answered
    by a passage about Korea that never names 大德), or one of them when the
    question joins them (「大陸和韓國各有多少園區」); a place written just before
    another (韓國 in 韓國大德, 上海 in 上海紫竹) encloses it and may go unsaid.

    >>> names_figure("韓國大德特區有多少家公司？", ["韩国", "大德"], "韓國有600家公司")
    False
    >>> names_figure("韓國大德特區有多少家公司？", ["韩国", "大德"], "大德特區有600家公司")
    True
    >>> names_figure("韓國和越南各有幾個園區？", ["韩国", "越南"], "韓國有19個園區")
    True
    """
    folded = fold(text)
    if analyse(question).english:
        return _names_in_english(question, names, folded, aliases)
    if joined(question, names):
        return mentions_any(names, folded, aliases)
    return all(mentions_any([name], folded, aliases) for name in specific(question, names))


def _names_in_english(
    question: str, names: Sequence[str], folded: str, aliases: Aliases | None
) -> bool:
    """:func:`names_figure` for an English question's capitalised ``names``: those
    with a Chinese name (``aliases``: the glossary's or the dictionary's) must be
    named in ``folded`` text, one of them when "and"/"or" joins them, and not
    a place before another's name (Korea's Daegu) nor one that names an event
    (the Gyeongju fair: where it was held sets the scene); the others cannot be
    checked.

    >>> chinese = {"Daegu": ["大邱"], "Korea": ["韩国"]}.get
    >>> _names_in_english("How many firms in Korea's Daegu?", ["Korea", "Daegu"], "大邱有5家",
    ...                   lambda n: chinese(n) or [])
    True
    >>> _names_in_english("How many firms in Daegu?", ["Daegu", "Park"], "庆州有5家",
    ...                   lambda n: chinese(n) or [])
    False
    """
    if aliases is not None:
        names = _with_whole_names(question, names, aliases)
    found = {name: [fold(a) for a in aliases(name)] for name in names} if aliases else {}
    checked = [name for name, chinese in found.items()
               if chinese and not re.search(rf"\b{re.escape(name)}\s+{_EVENT}", question)]
    if not checked:
        return True
    said = [any(_named(c, folded) for c in found[name]) for name in checked]
    lowered = question.lower()
    spots = sorted((lowered.find(n.lower()), n) for n in checked)
    between = [lowered[a + len(x): b] for (a, x), (b, _) in pairwise(spots)]
    if any(JOINING.search(gap) for gap in between):
        return any(said)
    enclosing = {x for (_, x), gap in zip(spots, between, strict=False) if gap in ("'s ", " ")}
    return all(ok or name in enclosing for name, ok in zip(checked, said, strict=True))


def _named(alias: str, folded: str) -> bool:
    """Whether ``folded`` text names ``alias``: a Latin one (a name the reports spell
    so) as whole words, a Chinese one as :func:`mentions` reads it.

    >>> _named("vela", "vela 園區"), _named("vela", "velaro 園區"), _named("维拉", "维拉园区")
    (True, False, True)
    """
    if alias.isascii():
        return re.search(rf"(?<![a-z0-9]){re.escape(alias)}(?![a-z0-9])", folded) is not None
    return mentions(alias, folded)


_RUN = re.compile(r"\b[A-Z][\w\-]*(?:\s+[A-Z][\w\-]*)+")  # capitalised words in a row


def _with_whole_names(question: str, names: Sequence[str], aliases: Aliases) -> list[str]:
    """``names`` with the words of a run of capitalised words that has a Chinese name
    of its own (Software Park Thailand: 泰國軟體園區) replaced by the run, so the
    passage must name that body, not only the country.

    >>> _with_whole_names("When was Software Park Thailand set up?", ["Software", "Park",
    ...     "Thailand"], lambda n: ["泰國軟體園區"] if n == "Software Park Thailand" else [])
    ['Software Park Thailand']
    """
    kept = list(names)
    for run in _RUN.findall(question):
        if aliases(run):
            words = set(run.split())
            kept = [n for n in kept if n not in words] + [run]
    return kept


def joined(question: str, names: Sequence[str]) -> bool:
    """Whether a joining word (和, 與, 、, or...) stands between two of ``names``
    in ``question`` (「甲和乙各有多少」), not elsewhere (「甲與大學合作」).

    >>> joined("泰國和越南各有幾個園區？", ["泰国", "越南"])
    True
    >>> joined("泰國與大學合作的企業有幾家？", ["泰国"])
    False
    """
    spots = _spots(question, names)
    return any(
        JOINING.search(fold(question)[end:start])
        for (_, end), (start, _) in pairwise(spots)
    )


# an event a place's name may stand before (the Gyeongju fair), which it only locates
_EVENT = (r"(?:fair|event|conference|forum|meeting|summit|trip|visit|delegation|exhibition|"
          r"expo|session|tour|show)s?\b")
# what may stand between an enclosing place and the place it holds (上海市紫竹): nothing or
# an administrative unit; not 的 (創新工場的上海據點: the 據點 is the firm's, in 上海)
_ENCLOSING = re.compile(r"(?:市|省|县|州|区|道)?")


def specific(question: str, names: Sequence[str]) -> list[str]:
    """``names`` without those written just before another (a country or city
    before the place it holds: 韓國大德, 上海市紫竹), which a passage about the
    place may leave unsaid.

    >>> specific("韓國大德特區有多少家公司？", ["韩国", "大德"])
    ['大德']
    >>> specific("海濱東湖高新區有幾家？", ["海滨", "东湖", "高新区"])  # 高新區: 東湖's kind
    ['东湖', '高新区']
    >>> specific("韓國的園區和越南的園區", ["韩国", "越南"])
    ['韩国', '越南']
    >>> specific("甲公司的上海據點有幾家？", ["甲公司", "上海"])  # 的: the firm's, not a place's
    ['甲公司', '上海']
    """
    folded = fold(question)
    found = sorted((folded.find(n), n) for n in names if n in folded)
    kept = [
        name for i, (at, name) in enumerate(found)
        if i + 1 == len(found) or found[i + 1][0] < at + len(name)  # leads the next (苏州工业园区)
        or KINDS.fullmatch(found[i + 1][1])  # names the kind after it (东湖 of 东湖高新区)
        or not _ENCLOSING.fullmatch(folded[at + len(name) : found[i + 1][0]])
    ]
    return kept + [n for n in names if n not in folded]


def _spots(question: str, names: Sequence[str]) -> list[tuple[int, int]]:
    """Where each of ``names`` found in folded ``question`` starts and ends, in order."""
    folded = fold(question)
    return sorted((folded.find(n), folded.find(n) + len(n)) for n in names if n in folded)
