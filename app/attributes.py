"""Attributes a sentence states in their own words: where a firm has its
headquarters (總部位於…) or a body is based (設於, 位於), a street address, a
telephone number, an e-mail or a website. A question asking one of them
(「Twistcode 的總部在哪裡？」, "Where is it headquartered?") is not answered by
sentences that only name the firm or the place: a report that says where a
firm works has not said where it is headquartered. General language knowledge:
the words that ask each attribute and the words or forms that state it
(:data:`ATTRIBUTES`, Simplified, as :func:`app.language.fold` gives).

>>> attribute_missing("In which country is Acme headquartered?", ["Acme 在泰國設有工廠。"])
True
>>> attribute_missing("Acme 的總部在哪裡？", ["Acme 是一家總部位於美國的公司。"])
False
>>> attribute_missing("Acme 有幾家工廠？", ["Acme 在泰國設有工廠。"])  # no attribute asked
False
>>> attribute_missing("How does Acme address the shortage of talent?", ["Acme 培訓人才。"])
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language import fold
from app.questions import asked_part

# (what asks it, what states it), folded; English as asked and as a report may quote it
ATTRIBUTES: tuple[tuple[str, str], ...] = (
    (r"总部|总公司|\bheadquarter(?:s|ed)?\b|\bhq\b|\bhead office\b",
     r"总部|总公司|headquarter|head office"),
    # an address as a noun (not "how does it address…"); a street's number states one
    (r"地址|\baddress(?:es)?\s+of\b|\b(?:the|its|their|street|postal|mailing)\s+address\b",
     r"地址|地点|[路街道][\d一二三四五六七八九十]+[号號]|\d+\s*[号號]|address"),
    # a number of seven digits or more, not a range of years (2021-2025)
    (r"电话|\bphone\b|\btelephone\b",
     r"电话|\btel\b|\bphone\b|(?<!\d)(?:\+?\d{1,3}[\s-])?\(?\d{2,4}\)?[\s-]?\d{3,4}[\s-]?\d{4}(?!\d)"),
    (r"邮箱|电子邮件|\be-?mail\b", r"@"),
    # where a body is set up or based (秘書處設在哪個城市, "where is it based"), not which floor
    (r"[设設](?:在|于|於)(?:哪里|哪裡|哪个城市|哪個城市|哪座城市|哪个国家|哪個國家|何处|何地)"
     r"|\bwhere (?:is|are|was|were) [\w .'-]+ based\b|\bbased in (?:which|what)\b",
     r"[设設](?:在|于|於|有|立|置)|位[于於]|坐落|总部|\bbased\b|\blocated\b|headquarter"),
    # a web address (a site named 「…網」 answers "which site", not "its URL")
    (r"网址|\burl\b|\bweb\s*address\b", r"https?://|www\.|\.(?:com|org|net|gov|edu)\b"),
)


def attribute_missing(question: str, sentences: Sequence[str],
                      owned: Sequence[str] | None = None) -> bool:
    """Whether ``question`` asks an attribute of :data:`ATTRIBUTES` and none of
    ``sentences`` (those a reader would quote) states one; ``owned``: those of
    them about what the question asks about (:func:`app.about.about_subject`; all
    by default): another firm's headquarters do not say where the asked one's are.

    >>> attribute_missing("Where is Acme headquartered?", ["Beta 總部位於美國。"], owned=[])
    True
    """
    kept = sentences if owned is None else owned
    said = " ".join(f"{fold(s)} {s.lower()}" for s in kept)
    return any(not re.search(states, said) for states in _asked(question))


def attribute_asked(question: str) -> bool:
    """Whether ``question`` asks an attribute of :data:`ATTRIBUTES`.

    >>> attribute_asked("Acme 的總部在哪裡？"), attribute_asked("Acme 有幾家工廠？")
    (True, False)
    >>> attribute_asked("協會秘書處設在哪個城市？")
    True
    >>> attribute_asked("Where is the secretariat based?")
    True
    >>> attribute_asked("據點設在哪一棟樓？")  # a floor or a building, not where a body is based
    False
    """
    return bool(_asked(question))


def _asked(question: str) -> list[str]:
    """The patterns that state each attribute ``question`` asks."""
    text = asked_part(question)
    asked = f"{fold(text)} {text.lower()}"  # folded (no spaces) for Chinese, as asked for English
    return [states for asks, states in ATTRIBUTES if re.search(asks, asked)]
