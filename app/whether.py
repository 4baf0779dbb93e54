"""Clauses that ask whether: yes or no, not how much.

「這家中心有沒有投資那所大學？」 and "Did the park fund the lab?" name an amount's word
(投資, fund) but ask whether something happened; a reader that takes them to ask for a
sum refuses them when the passages state none. A whether-clause still asks for a figure
when it gives one to weigh against (「營收有沒有突破千億？」, 「租金比新竹高嗎？」, "Did revenue
exceed ten billion?") or is a polite request for it (「可以告訴我營收嗎？」, "Can you tell me the
budget?": "can" and "could" open requests, so they do not mark a whether-clause).

General language knowledge: the Chinese and English ways of asking whether, of giving a
threshold or a comparison, and of asking politely.

>>> asks_only_whether("這家中心有沒有投資那所大學")
True
>>> asks_only_whether("營收有沒有突破千億"), asks_only_whether("可以告訴我營收嗎")
(False, False)
"""

from __future__ import annotations

import re

from app.language import fold

# 有沒有 / 是否 / 嗎 at the end (folded to Simplified), "whether", or an English
# clause opening with an auxiliary ("Did it...", "Is the budget public")
_WHETHER = re.compile(
    r"有没有|有无|是否|是不是|会不会|[吗嗎]\s*$|\bwhether\b"
    r"|^\s*(?:did|does|do|is|was|were|are|has|have|had)\b", re.I)
# a figure (not a year: "the 2024 budget"), a Chinese amount (千億, 一千萬, 三家), a threshold
# or a comparison (突破, 比新竹高, "more than", "exceed"), an English number word
_FIGURE = re.compile(
    r"(?<![\d.])(?!(?:19|20)\d\d(?!\d))\d"
    r"|[一二两兩三四五六七八九十][十百千万萬亿億]|[百千万萬亿億][万萬亿億元]"
    r"|(?!一\s*[个個])[一二两兩三四五六七八九十百千]\s*[个個家名人位元%％成倍]"
    r"|超过|超過|突破|破(?=[\d一二两兩三四五六七八九十百千万萬亿億])|达到|達到|多于|多於|少于|少於"
    r"|高于|高於|低于|低於|不到|比(?!例|率|重|较|較)"
    r"|\b(?:than|exceed(?:s|ed)?|reach(?:es|ed)?|ten|hundred|thousand|million|billion|dozen)\b",
    re.I)
# asking to be told (可以告訴我…嗎, 是否能提供, 你知道…嗎, "tell me", "do you know")
_REQUEST = re.compile(r"告诉|告訴|提供|知道|说明|說明|列出|透露"
                      r"|\b(?:tell|give|share|provide|know|show|list)\b", re.I)


def asks_only_whether(clause: str) -> bool:
    """Whether ``clause`` asks yes or no and gives no figure to weigh an answer
    against, nor asks to be told one.

    >>> asks_only_whether("Did the port fund it"), asks_only_whether("Was the 2024 budget approved")
    (True, True)
    >>> asks_only_whether("Is the budget over 10 million"), asks_only_whether("預算是不是一千萬")
    (False, False)
    >>> asks_only_whether("Can you tell me the budget"), asks_only_whether("租金比新竹高嗎")
    (False, False)
    >>> asks_only_whether("預算是多少")  # no whether
    False
    """
    read = f"{fold(clause)} {clause}"
    return bool(_WHETHER.search(clause) or _WHETHER.search(fold(clause))) and not (
        _FIGURE.search(read) or _REQUEST.search(read))
