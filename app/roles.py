"""Whose role: a question that asks about the holder of a post (總經理, "the
mayor") is not answered by sentences that name only a deputy of that post or an
assistant to it (副總經理, 總經理助理, "vice mayor").

General language knowledge: the titles of posts in Chinese (folded to
Simplified), the English ones with the Chinese titles they translate to, and the
words that make a title someone else's (副 before it, 助理 after it).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language import fold
from app.questions import asked_part

# posts (Simplified, longest first so 副总经理 is read as one)
ROLES = (
    "总经理", "董事长", "理事长", "执行长", "秘书长", "总干事", "总裁", "总监", "会长", "局长",
    "市长", "主任", "院长", "校长", "主席", "所长", "处长", "部长", "署长", "主委", "馆长",
    "社长", "行长", "区长", "县长", "省长", "厅长", "司长",
)
EN_ROLES = {
    "general manager": ("总经理",), "chairman": ("董事长", "理事长", "主席", "会长"),
    "chairwoman": ("董事长", "理事长", "主席", "会长"), "chair": ("董事长", "理事长", "主席"),
    "president": ("总裁", "会长", "理事长", "校长", "院长"), "ceo": ("执行长", "总裁"),
    "director general": ("局长", "署长", "司长"), "director": ("主任", "局长", "所长", "院长",
                                                               "处长", "总监"),
    "mayor": ("市长",), "governor": ("省长",), "secretary general": ("秘书长",),
    "dean": ("院长",), "minister": ("部长",),
}
_ROLE = re.compile("|".join(ROLES))
_EN_ROLE = re.compile(r"\b(" + "|".join(sorted(EN_ROLES, key=len, reverse=True)) + r")\b", re.I)
_DEPUTY_BEFORE = re.compile(r"(?:副|代理|助理)\s*$")
_DEPUTY_AFTER = re.compile(r"^\s*(?:助理|特助|秘书|室)")
_EN_DEPUTY = re.compile(r"\b(?:deputy|vice|assistant|acting|associate)[\s-]*$", re.I)


def roles_asked(question: str) -> set[str]:
    """The posts (Chinese, Simplified) whose holder ``question`` asks about; a
    deputy's post asks for no holder of the post itself.

    >>> sorted(roles_asked("那個中心的總經理是誰？")), roles_asked("副市長是誰？")
    (['总经理'], set())
    >>> sorted(roles_asked("Who is the general manager of the zone?"))
    ['总经理']
    >>> roles_asked("Who is the deputy mayor?"), roles_asked("園區有幾家公司？")
    (set(), set())
    """
    text = asked_part(question)
    folded = fold(text)
    found = {m.group(0) for m in _ROLE.finditer(folded)
             if not _DEPUTY_BEFORE.search(folded[: m.start()])}
    for m in _EN_ROLE.finditer(text):
        if not _EN_DEPUTY.search(text[: m.start()]):
            found.update(EN_ROLES[m.group(1).lower()])
    return found


def deputy_only(question: str, sentences: Sequence[str]) -> bool:
    """Whether the ``sentences`` a reader would quote name a post ``question``
    asks about only as a deputy's or an assistant's (副總經理, 總經理助理), never
    the post itself: they name someone else, so they do not answer.

    >>> deputy_only("中心的總經理是誰？", ["接待人：王五／總經理助理", "副總經理李四"])
    True
    >>> deputy_only("中心的總經理是誰？", ["副總經理李四與總經理張三"])
    False
    >>> deputy_only("中心的總經理是誰？", ["中心成立於 2000 年"])  # the post not named
    False
    >>> deputy_only("Who is the mayor?", ["副市長 Lee 出席"])
    True
    """
    roles = roles_asked(question)
    if not roles:
        return False
    seen = False
    for sentence in map(fold, sentences):
        for m in _ROLE.finditer(sentence):
            if m.group(0) not in roles:
                continue
            seen = True
            before, after = sentence[: m.start()], sentence[m.end():]
            if not (_DEPUTY_BEFORE.search(before) or _DEPUTY_AFTER.match(after)):
                return False
    return seen
