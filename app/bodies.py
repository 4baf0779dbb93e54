"""A body's whole name: a name and the words after it up to the noun that says
what kind of body it is (泰國 + 軟體 + 園區, 上海 + 科學院).

A question about 「泰國軟體園區」 is not answered by a figure of 「泰國科學園區」;
read by its name alone (泰國), it would be. Chinese writes a body as its name, then what it
does, then its kind (園區, 研究院, 協會, 公司...): :data:`KINDS` is that last noun,
general language knowledge, not a list of the reports' bodies.

>>> dict(whole_names("泰国软体园区有多少家厂商"))
{'泰国': ('泰国软体园区',)}
>>> dict(whole_names("韩国大德特区的公司"))  # a place before a name encloses it
{'大德': ('大德特区',)}
>>> dict(whole_names("上海的研发经费"))  # no kind of body follows
{}
"""

from __future__ import annotations

import functools
import re
from collections.abc import Mapping

from app.answerability import is_name

# the noun ending a body's name: a park or zone, an institute, a school, an
# association, a firm, a fund, an office of government, a centre, a platform
# (not 局, 署 or 園 alone: 合署 is a verb, 花園 a garden)
KINDS = re.compile(
    r"(?:园区|科技园|产业园|工业园|软件园|高新区|示范区|开发区|特区|新区|科学城|科学院|研究院|"
    r"研究所|实验室|大学|学院|协会|学会|联盟|公司|集团|银行|基金会?|管理局|委员会|科委|政府|"
    r"中心|孵化器|加速器|基地|平台)$"
)
# what may stand between a name and its kind: nouns, adjectives, verbs used as
# nouns (软体, 高, 建设), other names (大德 in 韩国大德特区), abbreviations; not a
# verb (泰国成立公司 names no body)
_BETWEEN = re.compile(r"^(?:n\w*|a|b|vn|j|eng)$")
# the kinds of a park or zone, whose name leads with its place (苏州工业园区)
_ZONES = re.compile(r"(?:园区|科技园|产业园|工业园|软件园|高新区|示范区|开发区|特区|新区|科学城)$")
# kinds that right after a place name say where, not which body (泰国公司: Thai
# firms; 曼谷市中心: the city centre)
_LOOSE = frozenset(["公司", "中心"])
LONGEST = 4  # words after the name, the kind included


@functools.lru_cache(maxsize=1024)
def whole_names(folded: str) -> Mapping[str, tuple[str, ...]]:
    """Each name of ``folded`` text (jieba's name tags, :func:`is_name`) that
    some words and a kind of body (:data:`KINDS`) follow at once -> every whole
    name it leads, in order, each from the last name before its kind.

    >>> dict(whole_names("上海产业技术研究院的年度预算"))
    {'上海': ('上海产业技术研究院',)}
    >>> dict(whole_names("泰国科学园区与泰国软体园区"))
    {'泰国': ('泰国科学园区', '泰国软体园区')}
    >>> dict(whole_names("泰国的园区")), dict(whole_names("有 50 家泰国公司"))  # no body
    ({}, {})
    >>> dict(whole_names("苏州工业园区的面积"))  # one word in jieba's dictionary
    {'苏州': ('苏州工业园区',)}
    """
    import jieba.posseg

    words = [(w.word, w.flag) for w in jieba.posseg.cut(folded)]
    found: dict[str, tuple[str, ...]] = {}
    for i, (word, _) in enumerate(words):
        if len(word) < 2 or not is_name(word):
            continue
        head = _head(word)
        if head:
            found[head] = tuple(dict.fromkeys([*found.get(head, ()), word]))
        for j in range(i + 1, min(len(words), i + 1 + LONGEST)):
            after, flag = words[j]
            if not _BETWEEN.match(flag):
                break
            if KINDS.search(after):
                if j > i + 1 or after not in _LOOSE:
                    whole = "".join(w for w, _ in words[i : j + 1])
                    found[word] = tuple(dict.fromkeys([*found.get(word, ()), whole]))
                break
            if is_name(after) and len(after) >= 2:
                break  # the later name starts the whole name
    return found


def _head(word: str) -> str:
    """The place leading a park's or zone's whole name that jieba keeps as one
    word (苏州 in 苏州工业园区), or "": the place is what a passage about that
    park must say, since 工业园区 alone names any park. Only parks and zones
    (:data:`_ZONES`): in a bank's or a school's name the leading words are often
    no place (中国人民银行, 华东师范大学).

    >>> _head("苏州工业园区"), _head("苏州"), _head("上海交通大学"), _head("中国人民银行")
    ('苏州', '', '', '')
    """
    kind = _ZONES.search(word)
    if kind is None:
        return ""
    heads = (word[:end] for end in range(kind.start(), 1, -1))
    return next((head for head in heads if is_name(head)), "")
