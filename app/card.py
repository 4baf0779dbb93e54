"""Questions about a trip or an event as a whole, and the report's card that answers them.

"這趟考察從哪天排到哪天？", "上海參訪團有哪些成員？" and "Who led the delegation?"
ask about the trip itself, not about anything it saw. A government trip report
answers them on its cover, a block of labelled fields (出國期間：…, 姓名職稱：…,
派赴國家：…), and an event report in the event's card (時間：…, 地點：…, 主題：…).
Those blocks share no words with the question ("哪天" with 出國期間, "成員" with
姓名職稱), so retrieval ranks them low. General layout knowledge: the first block
of labelled fields in a report is its card.

:func:`asks_card` finds such a question (it names the trip, the delegation or
the event, and asks when or who), and :func:`card_of` the card: the first passage
of the report in reading order with at least CARD_FIELDS distinct field labels.
The reranker (:mod:`app.rerank`) puts the card of each report the question is
about right after the first hit.

>>> asks_card("這趟考察的出國期間是哪幾天？"), asks_card("這趟參訪了哪些機構？")
(True, False)
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from ingest.model import Chunk

CARD_FIELDS = 2  # distinct labelled fields a passage needs to be a card
# the trip, the delegation or the event as a whole
_TRIP = re.compile(
    r"出[國国]|[這这那此兩两]趟|此行|行程|[參参]訪[團团]|代表[團团]|考察[團团]|訪問[團团]|访问团"
    r"|出[訪访]|[團团]員|[團团]员|率[團团]|[兩两]次出"
    r"|\btrips?\b|\bdelegations?\b|\bstudy (?:tour|visit)\b|\bmissions?\b",
    re.I,
)
# ... asked when (its dates, its length) or who (its members, its leader)
_WHEN_OR_WHO = re.compile(
    r"哪[天年]|哪[幾几]天|何[時时]|什[麼么][時时]候|[幾几]月|[幾几]天|日期|期[間间]|多久"
    r"|[誰谁]|哪些人|哪[幾几]?位|成[員员]|[帶带][隊队]|[領领][隊队]|[團团]長|[領领]軍|率[團团]"
    r"|\bwhen\b|\bdates?\b|\bhow long\b|\byears? apart\b|\bwhich year\b|\bwhat year\b"
    r"|\bwho\b|\bmembers?\b|\bled\b|\bheaded\b",
    re.I,
)
# a labelled field: 出國期間：, 姓名職稱：, ⚫ 時間：
_FIELD = re.compile(
    r"(?:^|\s)(?:[⚫●•]\s*)?(服務(?:機關|單位|单位)|姓名職稱|姓名职称|出國人員|出国人员"
    r"|派赴國家|派赴国家|前往國家|前往国家|出國期間|出国期间|出國類別|出国类别|報告日期|报告日期"
    r"|會議(?:時間|地點)|会议(?:时间|地点)|時間|时间|日期|地點|地点|主題|主题|主辦單位|主办单位)"
    r"\s*[：:]"
)


def asks_card(question: str) -> bool:
    """Whether a question asks when a trip or event was, or who went on it.

    >>> asks_card("兩次出國分別在民國幾年幾月？"), asks_card("代表團由誰帶隊？")
    (True, True)
    >>> asks_card("How many years apart were the two trips?"), asks_card("Who spoke first?")
    (True, False)
    >>> asks_card("參訪團拜訪的園區有多大？")
    False
    """
    return _TRIP.search(question) is not None and _WHEN_OR_WHO.search(question) is not None


def fields(text: str) -> set[str]:
    """The distinct field labels of a passage.

    >>> sorted(fields("出國期間：104年11月30日至12月5日\\n姓名職稱：甲局長"))
    ['出國期間', '姓名職稱']
    >>> fields("會議期間，大家討論：")
    set()
    """
    return set(_FIELD.findall(text))


# a card's lines that answer: the trip's dates (出國期間：, 時間：) or who went (姓名職稱：)
_LINE = r"^\s*(?:[⚫●•]\s*)?(?:{})\s*[：:]"
_WHEN_LINE = re.compile(_LINE.format(r"出[國国]期[間间]|期[間间]|[時时][間间]|日期"))
_WHO_LINE = re.compile(_LINE.format(
    r"姓名[職职]稱|姓名[职職]称|出[國国]人[員员]|[團团][員员]|成[員员]|[團团]長"))
_ASKS_WHEN = re.compile(
    r"哪[天年]|哪[幾几]天|何[時时]|什[麼么][時时]候|[幾几]月|[幾几]天|日期|期[間间]|多久"
    r"|\bwhen\b|\bdates?\b|\bhow long\b|\byears? apart\b|\bwhich year\b|\bwhat year\b",
    re.I,
)


def card_lines(question: str) -> re.Pattern[str] | None:
    """For a question about a trip as a whole (:func:`asks_card`), the card lines
    that answer it: its dates for when, who went for who; None for other questions.

    >>> bool(card_lines("這趟考察從哪天到哪天？").match("出國期間：113年5月1日至5月8日"))
    True
    >>> bool(card_lines("訪問團有哪些成員？").match("姓名職稱：王處長")), card_lines("有幾家？")
    (True, None)
    """
    if not asks_card(question):
        return None
    return _WHEN_LINE if _ASKS_WHEN.search(question) else _WHO_LINE


def is_card(text: str) -> bool:
    """Whether a passage is a card: at least CARD_FIELDS distinct field labels.

    >>> is_card("時間：6月14日\\n地點：慶州"), is_card("時間：6月14日")
    (True, False)
    """
    return len(fields(text)) >= CARD_FIELDS


def card_of(chunks: Sequence[Chunk], doc: str) -> Chunk | None:
    """The card of report ``doc`` (``chunks`` in reading order): its first passage
    with at least CARD_FIELDS distinct field labels; None when it has none.

    >>> def c(i, text): return Chunk(str(i), "a", ("甲",), 1, text, "")
    >>> first, second = c(2, "時間：6月14日\\n地點：慶州"), c(3, "時間：6月15日\\n地點：大邱")
    >>> card_of([c(1, "緣起。"), first, second], "a").id
    '2'
    >>> card_of([c(1, "時間：6月14日")], "a") is None
    True
    """
    return next((c for c in chunks if c.doc == doc and is_card(c.text)), None)
