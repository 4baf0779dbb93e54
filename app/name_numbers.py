"""What a number in a name means: asked what the 1538 of 「Park 1538」 refers to, a
report answers only with a sentence that explains the number (代表, 紀念, 得名,
取名, 因為; "named after", "because"); one that only names the place does not.

General language knowledge: the words that ask a meaning and the words that
explain one, in Chinese (both scripts) and English.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.questions import asked_part

EXPLAIN_CHARS = 12  # how near a number the words explaining it are written
# a number written in a name: after a capitalised word (Park 1538) that numbers no article,
# section or room (Article 12); what asks what it means; the words that explain one beside it
# (代表, 紀念, 得名; "named after", "because")
_NAMED_NUMBER = re.compile(
    r"(?<![A-Za-z])(?!(?:Article|Section|Chapter|Clause|Rule|No|Number|Phase|Room|Floor|Level)\b)"
    r"[A-Z][A-Za-z]*\s?(\d{2,})(?![\d.,%])")
_NUMBER_MEANING = re.compile(
    r"\brefers?\s+to\b|\bmeans?\b(?!\s+to\b)|\bstands?\s+for\b|\bsignif(?:y|ies)\b|代表什[麼么]"
    r"|什[麼么]意思|有什[麼么](?:意義|意义|含義|含义|由來|由来)|指的是什[麼么]|的由[來来]", re.I)
_EXPLAINS = re.compile(
    r"代表(?![團团處处人性])|即(?![將将使可時时])|指(?![標标出導导])|象徵|象征|紀念|纪念|得名|命名"
    r"|取名|源自|取自|意思|意義|意义|由來|由来|因為|因为|諧音|谐音|寓意"
    r"|\brefers?\b|\bmeans?\b|\bnamed\b|\bcalled\b|\bbecause\b|\bstands?\b|\bsymbol",
    re.I)


def meaning_missing(question: str, sentences: Sequence[str]) -> bool:
    """Whether ``question`` asks what a number in a name means (「Park 1538」's
    1538) and no sentence explains it (代表, 紀念, 得名... within EXPLAIN_CHARS of it).

    >>> meaning_missing("For Hall 1538 what does 1538 refer to?", ["參觀 Hall 1538 展館"])
    True
    >>> meaning_missing("For Hall 1538 what does 1538 refer to?",
    ...                 ["Hall 1538 的 1538 代表鐵水的溫度 1538 度"])
    False
    >>> meaning_missing("2030 年的目標代表什麼？", ["2030 年"])  # no name's number
    False
    >>> meaning_missing("What does Article 12 of the Act refer to?", ["第 12 條規定"])
    False
    """
    asks = asked_part(question)
    named = _NAMED_NUMBER.search(asks)
    if named is None or not sentences or not _NUMBER_MEANING.search(asks):
        return False
    number = named.group(1)
    for sentence in sentences:
        for at in re.finditer(re.escape(number), sentence):
            near = sentence[max(0, at.start() - EXPLAIN_CHARS): at.end() + EXPLAIN_CHARS]
            if _EXPLAINS.search(near.replace(number, "")):
                return False
    return True

