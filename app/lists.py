"""What a quoted sentence brings with it: the items of a list it announces or
belongs to.

A lead-in (「主要推動方向有四：」) only announces; the sentences after it say
what it announces (:func:`followers`). A report lists points as numbered
items ("1. 交通不便：…", "(2)…", "②…", "(三)…", "四、…"), and an item often
runs over several sentences. What a list
says is in the first sentence of each item; the sentences after it explain it.
:func:`siblings` finds the items of the list a sentence belongs to, and
:func:`list_after` those of the list that starts right after it (a heading or
a lead-in such as 「(六)目前發展的瓶頸」).

General layout knowledge: the numbering styles of Chinese official documents.
Items are numbered from 1 in one style; a number out of sequence or an item of
another style ends the list.

>>> texts = ["瓶頸如下", "1. 交通不便。", "地鐵將完工。", "2. 資金不足。", "(七)其他"]
>>> [texts[i] for i in list_after(0, texts)]
['1. 交通不便。', '2. 資金不足。']
>>> [texts[i] for i in siblings(3, texts)]
['1. 交通不便。', '2. 資金不足。']
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace

from app.lines import gloss
from app.sentences import KIND_BOOST, Candidate, enumerates

_ZH_DIGITS = "一二三四五六七八九十"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
# (style, pattern): the number is the pattern's first group
_STYLES = (
    ("paren", re.compile(r"^\s*[-•‧·]?\s*[(（](\d{1,2})[)）]")),
    ("arabic", re.compile(r"^\s*[-•‧·]?\s*(\d{1,2})(?:[.．、)）](?!\d)|\s*$)")),
    ("circled", re.compile(f"^\\s*([{_CIRCLED}])")),
    ("paren_zh", re.compile(f"^\\s*[-•‧·]?\\s*[(（]([{_ZH_DIGITS}]{{1,3}})[)）]")),
    ("zh", re.compile(f"^\\s*([{_ZH_DIGITS}]{{1,3}})、")),
)
MAX_ITEMS = 8  # items a list brings at most
LEAD_IN_FOLLOW = 4  # sentences kept after one that ends with a colon (a list's lead-in)
_LEAD_IN = re.compile(r"[:：]\s*(?:\(?\d{1,2}[.)、]\)?)?\s*$")  # may end with the first "1."
# or hold a list's first item up to the semicolon that ends it (「特點包含：①甲；」)
_FIRST_ITEM = re.compile(r"[:：]\s*(?:①|[(（]1[)）]|1[.)、）])[^:：；;。]*[；;]\s*$")
# a list item's number or bullet split off as a sentence of its own ("1.")
_BARE_MARKER = re.compile(r"^\s*(?:\(?\d{1,2}[.)、]?\)?|[-•‧·⚫])\s*$")


def _number(token: str) -> int:
    """The value of an item's number.

    >>> _number("3"), _number("③"), _number("六"), _number("十二")
    (3, 3, 6, 12)
    """
    if token.isdigit() and token.isascii():
        return int(token)
    if token in _CIRCLED:
        return _CIRCLED.index(token) + 1
    if token.startswith("十"):
        return 10 + (_ZH_DIGITS.index(token[1]) + 1 if len(token) > 1 else 0)
    if token.endswith("十"):
        return 10 * (_ZH_DIGITS.index(token[0]) + 1)
    if "十" in token:
        return 10 * (_ZH_DIGITS.index(token[0]) + 1) + _ZH_DIGITS.index(token[2]) + 1
    return _ZH_DIGITS.index(token) + 1


def item_number(text: str) -> tuple[str, int] | None:
    """The numbering style and number of an item's first sentence, or None.

    >>> item_number("1. 交通不便"), item_number("(2)聯合研發"), item_number("②法規")
    (('arabic', 1), ('paren', 2), ('circled', 2))
    >>> item_number("(六)目前發展的瓶頸"), item_number("三、心得與建議")
    (('paren_zh', 6), ('zh', 3))
    >>> item_number("2.48 億千瓦"), item_number("2023 年"), item_number("園區有 3 家")
    (None, None, None)
    """
    for style, pattern in _STYLES:
        found = pattern.match(text)
        if found:
            return style, _number(found.group(1))
    return None


def _items(texts: Sequence[str]) -> list[tuple[str, int] | None]:
    """Each sentence's item number; a bare marker ("1.") numbers the sentence after it.

    >>> _items(["1.", "交通不便。", "說明。"])
    [None, ('arabic', 1), None]
    """
    numbers: list[tuple[str, int] | None] = [item_number(t) for t in texts]
    for i, text in enumerate(texts[:-1]):
        if numbers[i] is not None and not re.search(r"[^\s\d.．、)）(（①-⑳-]", text):
            numbers[i + 1], numbers[i] = numbers[i], None
    return numbers


def _run(start: int, numbers: Sequence[tuple[str, int] | None]) -> list[int]:
    """The item sentences of the list whose item numbered 1 is at ``start``."""
    first = numbers[start]
    if first is None:
        return []
    style, expected = first[0], first[1]
    found: list[int] = []
    for i in range(start, len(numbers)):
        number = numbers[i]
        if number is None:
            continue
        if number != (style, expected) or len(found) == MAX_ITEMS:
            break
        found.append(i)
        expected += 1
    return found


def list_after(position: int, texts: Sequence[str]) -> list[int]:
    """The item sentences of a list that starts right after ``texts[position]``
    (its next numbered sentence is item 1 and nothing unnumbered comes between),
    by index; [] when none does.

    >>> list_after(0, ["方向有三：", "1. 甲；", "2. 乙。", "丙。"])
    [1, 2]
    >>> list_after(0, ["方向有三：", "甲。", "1. 乙。"]), list_after(0, ["甲。", "2. 乙。"])
    ([], [])
    """
    numbers = _items(texts)
    following = position + 1
    while following < len(texts) and numbers[following] is None and not texts[following].strip(
            " \t\n1234567890.．、)）(（"):
        following += 1
    opening = numbers[following] if following < len(texts) else None
    if opening is None or opening[1] != 1:
        return []
    return _run(following, numbers)


def siblings(position: int, texts: Sequence[str]) -> list[int]:
    """The item sentences of the list ``texts[position]`` is an item of (itself
    included), by index; [] for a sentence that is no item.

    >>> siblings(2, ["甲：", "1. 乙。", "2. 丙。", "說明。", "3. 丁。"])
    [1, 2, 4]
    >>> siblings(0, ["乙。", "2. 丙。"])
    []
    """
    numbers = _items(texts)
    own = numbers[position] if position < len(numbers) else None
    if own is None:
        return []
    style, number = own
    start = position
    for i in range(position - 1, -1, -1):
        if numbers[i] is None:
            continue
        if numbers[i] != (style, number - 1):
            break
        start, number = i, number - 1
    if numbers[start] != (style, 1):
        return []
    run = _run(start, numbers)
    return run if position in run else []


def is_lead_in(text: str) -> bool:
    """A sentence that announces what follows (ends with a colon).

    >>> is_lead_in("主要推動方向有四："), is_lead_in("方向有四：1."), is_lead_in("方向有四。")
    (True, True, False)

    A sentence that holds a list's first item, ended by a semicolon, announces
    the items after it too:

    >>> is_lead_in("特點包含：①政府管理；"), is_lead_in("措施包括：(1)導師；")
    (True, True)
    >>> is_lead_in("甲：乙；")
    False
    """
    body = text.strip()
    return bool(_LEAD_IN.search(body) or _FIRST_ITEM.search(body))


def followers(candidate: Candidate, candidates: Sequence[Candidate]) -> list[Candidate]:
    """What a sentence announces, in its own block: the first sentence of each
    item of a numbered list that starts right after it (a lead-in or a heading
    such as 「(六)目前發展的瓶頸」, :func:`app.lists.list_after`), or else, after
    a lead-in, the sentences that follow (up to LEAD_IN_FOLLOW, not counting
    bare item numbers such as "1."), since a list's items say what its lead-in
    only announces; none for other sentences.

    >>> texts = ["方向有二：", "1.", "甲；", "說明。", "2.", "乙。", "丙。"]
    >>> cands = [Candidate(1, i, t, 0.0) for i, t in enumerate(texts)]
    >>> [c.text for c in followers(cands[0], cands)], followers(cands[2], cands)
    (['甲；', '乙。'], [])
    >>> cands = [Candidate(1, i, t, 0.0) for i, t in enumerate(["方向有二：", "甲；", "乙。"])]
    >>> [c.text for c in followers(cands[0], cands)]
    ['甲；', '乙。']
    """
    block = sorted((c for c in candidates if c.n == candidate.n), key=lambda c: c.position)
    here = block.index(candidate) if candidate in block else -1
    items = list_after(here, [c.text for c in block]) if here >= 0 else []
    if items:  # a numbered list starts right after it: its items' first sentences
        return [block[i] for i in items] + continued(block, items, candidates)
    if not is_lead_in(candidate.text):
        return []
    same = [c for c in block if c.position > candidate.position]
    if all(is_bare_marker(c.text) for c in same):
        same = (_subsection_openings(candidate, candidates)
                or _announced_openings(candidate, candidates))
    found: list[Candidate] = []
    counted = 0
    for c in same:
        if counted == LEAD_IN_FOLLOW:
            break
        found.append(c)
        counted += not is_bare_marker(c.text)
    return found


# a sentence that opens by pointing back (這些, 這一點, 其中, 上述, 前者, 「甲公司亦」: also, as the
# one before said) is read with the sentence before it, which names what it points to
_POINTS_BACK = re.compile(
    r"^[-•‧·\s]*(?:[這这]一?[些點点項项種种樣样]|此[等一舉举點点項项]|其中|上述|前述|以上(?!海)"
    r"|該等|该等|它們|它们|他們|他们|同樣|同样|前者|後者|后者)"
    r"|^[^，。；,;:：]{2,12}?亦(?![即稱称])")


def antecedent(candidate: Candidate, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The sentence right before ``candidate`` in its block when ``candidate``
    opens by pointing back to it (:data:`_POINTS_BACK`); none otherwise.

    >>> cands = [Candidate(1, 0, "甲、乙兩家公司設有研發中心。", 0.0),
    ...          Candidate(1, 1, "丙公司亦將基地設在園區。", 0.0),
    ...          Candidate(1, 2, "園區很大。", 0.0)]
    >>> [c.text for c in antecedent(cands[1], cands)], antecedent(cands[2], cands)
    (['甲、乙兩家公司設有研發中心。'], [])
    >>> antecedent(Candidate(1, 0, "其中三家已上市。", 0.0), cands[:1])
    []
    >>> [c.text for c in antecedent(Candidate(1, 1, "這一點和乙國不同。", 0.0), cands)]
    ['甲、乙兩家公司設有研發中心。']
    """
    if not _POINTS_BACK.search(candidate.text):
        return []
    return [c for c in candidates if c.n == candidate.n and c.position == candidate.position - 1]


def gloss_after(candidate: Candidate, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The sentence right after ``candidate`` in its block, or its head, when it
    is the bracketed English rendering of it (:func:`app.lines.gloss`); none otherwise.

    >>> cands = [Candidate(1, 0, "主題：數位世代的產業", 0.0),
    ...          Candidate(1, 1, "(Industry in the Digital Age)主辦單位：某協會", 0.0)]
    >>> [c.text for c in gloss_after(cands[0], cands)], gloss_after(cands[1], cands)
    (['(Industry in the Digital Age)'], [])
    """
    return [replace(c, text=rendering) for c in candidates
            if c.n == candidate.n and c.position == candidate.position + 1
            and (rendering := gloss(c.text))]


def list_mates(candidate: Candidate, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The other items of the numbered list ``candidate`` is an item of, in its
    own block (their first sentences, :func:`app.lists.siblings`): a question
    that asks for a list is not answered by one of its items.

    >>> cands = [Candidate(1, i, t, 0.0) for i, t in enumerate(["1. 甲。", "說明。", "2. 乙。"])]
    >>> [c.text for c in list_mates(cands[2], cands)], list_mates(cands[1], cands)
    (['1. 甲。'], [])
    """
    block = sorted((c for c in candidates if c.n == candidate.n), key=lambda c: c.position)
    if candidate not in block:
        return []
    here = block.index(candidate)
    return [block[i] for i in siblings(here, [c.text for c in block]) if i != here]


def continued(block: Sequence[Candidate], items: Sequence[int],
              candidates: Sequence[Candidate]) -> list[Candidate]:
    """When the list whose items are ``items`` (positions in ``block``) runs to the
    block's end, the items that go on with its numbering in the blocks right
    after it, in its section (a list cut by a passage's end: 「1. 甲」 | 「2. 乙」「3. 丙」).

    >>> block = [Candidate(1, 0, "看了三處：", 1.0), Candidate(1, 1, "1. 甲。", 0.1)]
    >>> more = [Candidate(2, 0, "2. 乙。", 0.1), Candidate(2, 1, "說明。", 0.1),
    ...         Candidate(2, 2, "3. 丙。", 0.1), Candidate(3, 0, "(一)他處。", 0.1)]
    >>> [c.text for c in continued(block, [1], [*block, *more])]
    ['2. 乙。', '3. 丙。']
    """
    numbers = _items([c.text for c in block])
    last = numbers[items[-1]]
    if last is None or any(n is not None for n in numbers[items[-1] + 1:]):
        return []
    style, expected = last[0], last[1] + 1
    found: list[Candidate] = []
    n = block[0].n + 1
    while len(items) + len(found) < MAX_ITEMS:
        after = sorted((c for c in candidates if c.n == n), key=lambda c: c.position)
        marks = _items([c.text for c in after])
        opening = next((i for i, m in enumerate(marks) if m is not None), None)
        if (opening is None or opening > 1 or marks[opening] != (style, expected)
                or after[0].section != block[0].section):
            break  # not the list's next item, or another section's (another report's) list
        for i in range(opening, len(after)):
            if marks[i] is None:
                continue
            if marks[i] != (style, expected) or len(items) + len(found) == MAX_ITEMS:
                return found  # the list ends inside this block
            found.append(after[i])
            expected += 1
        n += 1
    return found


def _subsection_openings(candidate: Candidate, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The first sentence of each other block in a subsection of ``candidate``'s
    section (block order): what a lead-in that ends its passage announces
    (「綜整成以下四點心得…：」 and the passages of (一), (二)…).

    >>> lead = Candidate(1, 3, "分列如下：", 1.0, ("伍、心得",))
    >>> subs = [Candidate(2, 0, "(一)甲。", 0.1, ("伍、心得", "(一)甲")),
    ...         Candidate(2, 1, "甲的細節。", 0.1, ("伍、心得", "(一)甲")),
    ...         Candidate(3, 0, "他處。", 0.1, ("陸、其他",))]
    >>> [c.text for c in _subsection_openings(lead, [lead, *subs])]
    ['(一)甲。']
    """
    path = candidate.section
    if not path:
        return []
    firsts: dict[int, Candidate] = {}
    for c in sorted(candidates, key=lambda c: (c.n, c.position)):
        if c.n != candidate.n and len(c.section) > len(path) and c.section[: len(path)] == path:
            firsts.setdefault(c.n, c)
    return list(firsts.values())


def _announced_openings(candidate: Candidate, candidates: Sequence[Candidate]
                        ) -> list[Candidate]:
    """The first sentences of the blocks right after ``candidate``'s that open the
    items of a list numbered from 1 (the retriever puts the passages a closing
    lead-in announces after it, :func:`announced`).

    >>> lead = Candidate(1, 5, "提出以下兩項建議：", 1.0)
    >>> items = [Candidate(2, 0, "(一)甲：說明。", 0.1), Candidate(2, 1, "細節。", 0.1),
    ...          Candidate(3, 0, "(二)乙：說明。", 0.1), Candidate(4, 0, "1. 他處。", 0.1)]
    >>> [c.text for c in _announced_openings(lead, [lead, *items])]
    ['(一)甲：說明。', '(二)乙：說明。']
    """
    firsts: dict[int, Candidate] = {}
    for c in sorted(candidates, key=lambda c: (c.n, c.position)):
        if c.n > candidate.n and c.section[:1] == candidate.section[:1]:  # its own part
            firsts.setdefault(c.n, c)
    opening: list[Candidate] = []
    for n in range(candidate.n + 1, candidate.n + 1 + MAX_ITEMS):
        if n not in firsts or item_number(firsts[n].text) is None:
            break
        opening.append(firsts[n])
    run = list_after(0, [candidate.text, *(c.text for c in opening)])
    return [opening[i - 1] for i in run]


def is_bare_marker(text: str) -> bool:
    """A list item's number or bullet on its own.

    >>> is_bare_marker("1."), is_bare_marker("(2)"), is_bare_marker("1. 給權益")
    (True, True, False)
    """
    return bool(_BARE_MARKER.match(text))


# the last of three things after one 、: 「甲、乙和丙」 (和, 及, 與 or 以及 before it)
# (not a list number's 、, 「二、推動…」, nor the 及 of 涉及 or the 與 of 參與)
_LAST_JOINED = re.compile(
    r"(?<![一二三四五六七八九十\d])、[^、，,。；;]{1,24}?(?:以及|和|(?<![涉普])及|(?<![參参给給])[與与])"
    r"[^、，,。；;]")


def with_joined_lists(listing: bool, candidates: list[Candidate]) -> list[Candidate]:
    """``candidates``, for a question that asks for a list (``listing``), each
    sentence listing three things with one 、 and the last joined by 和 or 及
    (「甲、乙和丙」, which :func:`enumerates` misses) scored up by KIND_BOOST, as
    :func:`score_sentences` scores a sentence that enumerates. What an answer
    quotes, not what the answerability signal reads (with it, it lost a check-set
    refusal).

    >>> found = with_joined_lists(True, [Candidate(1, 0, "協會成立多年。", 0.5),
    ...     Candidate(1, 1, "聚焦空中移動、下一代電池和先進封裝等產業。", 0.4)])
    >>> [c.score for c in found]
    [0.5, 0.6000000000000001]
    >>> with_joined_lists(True, [Candidate(1, 0, "二、推動產學合作及人才培育。", 0.5)])[0].score
    0.5
    """
    if not listing:
        return candidates
    return [replace(c, score=c.score * KIND_BOOST)
            if not enumerates(c.text) and _LAST_JOINED.search(c.text) else c for c in candidates]
