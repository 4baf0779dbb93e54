"""Whose figure: the names a figure's passage must mention for the figure to
answer a question (「泰國科學園區的營業額」 is not answered by a figure in a
passage about another park).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.answerability import mentions_any
from app.backends.base import Aliases
from app.language import fold

# words that join the things a question asks about (甲和乙, 甲跟乙比): a figure of either answers
_JOINED = re.compile(r"和|跟|與|与|及|、|或|還是|还是|\band\b|\bor\b|\bvs\b", re.I)


def names_figure(
    question: str, names: Sequence[str], text: str, aliases: Aliases | None = None
) -> bool:
    """Whether ``text`` (a figure's passage) names what ``question`` asks
    about: every one of its ``names`` (「韓國大德特區有多少家公司」 is not answered
    by a passage about Korea that never names 大德), or one of them when the
    question joins them (「大陸和韓國各有多少園區」).

    >>> names_figure("韓國大德特區有多少家公司？", ["韩国", "大德"], "韓國有600家公司")
    False
    >>> names_figure("韓國和越南各有幾個園區？", ["韩国", "越南"], "韓國有19個園區")
    True
    """
    folded = fold(text)
    if _JOINED.search(question):
        return mentions_any(names, folded, aliases)
    return all(mentions_any([name], folded, aliases) for name in names)
