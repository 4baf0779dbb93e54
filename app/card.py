"""Questions about a trip or an event as a whole, and the report's card that answers them.

"這趟考察從哪天排到哪天？", "上海參訪團有哪些成員？" and "Who led the delegation?"
ask about the trip itself, not about anything it saw. A government trip report
answers them on its cover, a block of labelled fields (出國期間：…, 姓名職稱：…,
派赴國家：…), and an event report in the event's card (時間：…, 地點：…, 主題：…).
Those lines share no word with the question ("哪天" with 出國期間, "成員" with
姓名職稱), so retrieval ranks them low. General layout knowledge: the first block
of labelled fields in a report is its card.

:func:`asks_card` finds such a question (it names the trip, the delegation or
the event and asks when it was or who went), :func:`card_of` the card, and
:func:`card_answer` the card line that answers: the trip's period (a span of days,
not one visit's hour) for when, who went for who. The reranker
(:mod:`app.rerank`) puts each report's card after that report's first hit; the
reader (:mod:`app.sentences`) quotes the answering line.

Chinese is matched folded to Simplified (:func:`app.language.fold`), so both
scripts are read by one pattern.

>>> asks_card("這趟漁港考察的出國期間是哪幾天？"), asks_card("这趟参访了哪些机构？")
(True, False)
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from app.language import fold
from app.roles import EN_ROLES
from ingest.model import Chunk

CARD_FIELDS = 2  # distinct labelled fields a passage needs to be a card
CARDS_KEPT = 64  # cards whose people are remembered (one per report)

# The labels of a card's fields, folded (Simplified, no spaces), by what they state.
PERIOD_LABELS = ("出国期间", "期间", "时间", "日期")  # when: its period
WHO_LABELS = ("姓名职称", "出国人员", "团长", "团员", "成员")  # who went
OTHER_LABELS = ("服务机关", "服务单位", "派赴国家", "前往国家", "出国类别", "报告日期",
                "地点", "主题", "主办单位")
_LABEL = r"^(?:[⚫●•\-]|[一二三四五六七八九十]+、|\d+[.、])?({})[:]"
_FIELD = re.compile(_LABEL.format("|".join(PERIOD_LABELS + WHO_LABELS + OTHER_LABELS)), re.M)
WHO_LINE = re.compile(_LABEL.format("|".join(WHO_LABELS)))
# a period of days (104年11月30日至12月5日), not one visit's day and hour
_PERIOD_ANSWER = re.compile(_LABEL.format("|".join(PERIOD_LABELS))
                            + r".*?日(?:至|到|~|-|–|—)(?:(?:\d{2,4}年)?\d{1,2}月|\d{1,2}日)")

# the trip, the delegation or the event as a whole (出國報告 names the document)
_TRIP = re.compile(r"出国(?!报告)|[这那此两]趟|此行|行程|[参访考察问]+团|代表团|出访|团员|率团")
_TRIP_EN = re.compile(r"\btrips?\b(?! report)|\bdelegations?\b|\bstudy (?:tour|visit)s?\b", re.I)
# ... asked when it was (its dates, its length) ...
_WHEN = re.compile(r"哪天|哪[几]天|何时|什么时候|[几]月|[几]天|日期|多久")
_WHEN_EN = re.compile(r"\bwhen\b|\bwhat dates?\b|\bhow long\b|\bwhich year\b|\bwhat year\b"
                      r"|\byears? apart\b", re.I)
# ... or which year it was, or how many years apart two trips were: the year asked of the
# trip itself, soon after it and with no 的 between (not 參訪的公司營運幾年, 近幾年)
_YEAR_OF_TRIP = re.compile(
    r"(?:出国(?!报告)|出访|考察|参访|访问|行程|此行)[^的？?。]{0,24}?"
    r"(?:哪一?年|何年|(?:相隔|相差|间隔|差)(?:了|大约|约)?\s*[几]\s*年)")
# ... or who went on it (not whom it met: 「拜會了誰」)
_WHO = re.compile(r"由谁|由哪[位几]|谁带|谁领|带队|领队|团长|领军|率领|成员|团员|哪些人")
_WHO_EN = re.compile(
    r"\bwho (?:led|headed|went|travell?ed|was on|were on|made up)\b|\bled by\b|\bheaded by\b"
    r"|\bmembers?\b", re.I)
# which officials went, unless the question is about whom the trip met or visited
_OFFICIALS = re.compile(r"哪些官员|哪几位官员|\bofficials\b", re.I)
_MET = re.compile(r"拜会|拜访|会见|会晤|接见|见面|\b(?:met|meet|meets|meeting|visit|visited|"
                  r"hosted|received)\b", re.I)


def _asks_who(question: str) -> bool:
    """Whether ``question`` asks who went on the trip (not whom it met).

    >>> _asks_who("這次出訪有哪些官員參加？"), _asks_who("此行拜會了哪些官員？")
    (True, False)
    """
    read = f"{fold(question)} {question}"
    return bool(_WHO.search(read) or _WHO_EN.search(question)
                or (_OFFICIALS.search(read) and not _MET.search(read)))
# the time of something else than the trip: a body founded, a building opened
_OTHER_EVENT = re.compile(r"成立|创立|设立|建成|兴建|落成|开幕|启用|开业")
_OTHER_EVENT_EN = re.compile(r"\b(?:founded|established|built|opened|set up|launched)\b", re.I)


def asks_card(question: str) -> bool:
    """Whether a question asks when a trip or event was, or who went on it.

    >>> asks_card("兩趟出國各在幾月？"), asks_card("代表團由誰帶隊？")
    (True, True)
    >>> asks_card("How long was the trip?"), asks_card("Who led the delegation?")
    (True, True)
    >>> asks_card("代表團拜會了誰？"), asks_card("出國期間參訪了哪些機構？")  # whom it met, what
    (False, False)
    >>> asks_card("此行參訪的研究所何時成立？"), asks_card("這份出國報告何時發布？")
    (False, False)
    """
    folded = fold(question)
    trip = bool(_TRIP.search(folded) or _TRIP_EN.search(question))
    asked = bool(_WHEN.search(folded) or _WHEN_EN.search(question) or _YEAR_OF_TRIP.search(folded)
                 or _asks_who(question))
    other = bool(_OTHER_EVENT.search(folded) or _OTHER_EVENT_EN.search(question))
    return trip and asked and not other


def fields(text: str) -> set[str]:
    """The distinct field labels of a passage (folded), one per line.

    >>> sorted(fields("出國期間：104年11月30日至12月5日\\n姓名職稱：甲局長"))
    ['出国期间', '姓名职称']
    >>> fields("會議期間，大家討論：")
    set()
    """
    return {found for line in text.splitlines() for found in _FIELD.findall(fold(line))}


def is_card(text: str) -> bool:
    """Whether a passage is a card: at least CARD_FIELDS distinct field labels.

    >>> is_card("時間：5月2日\\n地點：卑爾根"), is_card("時間：5月2日")
    (True, False)
    """
    return len(fields(text)) >= CARD_FIELDS


def card_of(chunks: Sequence[Chunk], doc: str) -> Chunk | None:
    """The card of report ``doc`` (``chunks`` in reading order): its first passage
    with at least CARD_FIELDS distinct field labels; None when it has none.

    >>> def c(i, text): return Chunk(str(i), "a", ("甲",), 1, text, "")
    >>> first, second = c(2, "時間：5月2日\\n地點：卑爾根"), c(3, "時間：5月3日\\n地點：奧斯陸")
    >>> card_of([c(1, "緣起。"), first, second], "a").id
    '2'
    >>> card_of([c(1, "時間：5月2日")], "a") is None
    True
    """
    return next((c for c in chunks if c.doc == doc and is_card(c.text)), None)


def card_answer(question: str) -> re.Pattern[str] | None:
    """For a question about the trip as a whole (:func:`asks_card`), the card
    line that answers it, folded (:func:`app.language.fold`): for when, a period
    label with a span of days (「出國期間：5月1日至5月8日」, not one visit's
    「時間：5月2日 上午」); for who, who went (「姓名職稱：王處長」). None for
    other questions.

    >>> when = card_answer("這趟考察從哪天到哪天？")
    >>> bool(when.match(fold("出國期間：113年5月1日至5月8日")))
    True
    >>> bool(when.match(fold("⚫ 時間： 2024 年 5 月 2 日 14：30")))
    False
    >>> bool(card_answer("訪問團有哪些成員？").match(fold("姓名職稱：王處長")))
    True
    >>> card_answer("園區有幾家？") is None
    True
    """
    if not asks_card(question):
        return None
    if _asks_who(question):
        return WHO_LINE
    return _PERIOD_ANSWER


# a title after a person's name on a card's who line (folded): 林威呈局長, 陳德新常務次長
_TITLE = re.compile(r"(?:常务|政务)?(?:副)?(?:次长|局长|组长|科长|处长|部长|主任|院长|署长|司长|"
                    r"秘书|专员|技正|主委|参事|研究员|教授|博士)$")


def card_people(card: str) -> dict[str, str]:
    """The people a card's who line names, by the short form a report uses
    for each after it (surname and title, 林局長), folded: short form -> full
    form (林威呈局长). A short form two people share is left out. Read once per
    card (:func:`_people`): the reranker and the reader ask for every passage.

    >>> card_people("姓名職稱：陳德新常務次長、林威呈局長、林明徹科長")
    {'陈常务次长': '陈德新常务次长', '陈次长': '陈德新常务次长', '林局长': '林威呈局长', \
'林科长': '林明彻科长'}
    >>> card_people("出國期間：5月1日至5月8日")
    {}
    """
    return dict(_people(card))


@functools.lru_cache(maxsize=CARDS_KEPT)
def _people(card: str) -> tuple[tuple[str, str], ...]:
    """:func:`card_people`'s pairs, remembered per card text."""
    found: dict[str, str] = {}
    shared: set[str] = set()
    for line in card.splitlines():
        folded = fold(line).replace(" ", "")
        if not WHO_LINE.match(folded):
            continue
        for person in re.split(r"[、，,；;]", folded.split("：", 1)[-1].split(":", 1)[-1]):
            title = _TITLE.search(person)
            name = person[: title.start()] if title else ""
            if title is None or not 2 <= len(name) <= 4:
                continue
            plain = re.sub(r"^(?:常务|政务)", "", title.group(0))
            for short in dict.fromkeys([name[0] + title.group(0), name[0] + plain]):
                if short in found and found[short] != person:
                    shared.add(short)
                found[short] = person
    return tuple((short, full) for short, full in found.items() if short not in shared)


def shortened(card: str, text: str, question: str = "") -> bool:
    """Whether ``text`` names someone of ``card`` (:func:`card_people`) only by
    surname and title (「南科管理局林局長提出心得」, not 「林威呈局長」), a title
    ``question`` asks about (局長, "director general") or of whom it asks the
    full name; with no ``question``, any.

    >>> card = "姓名職稱：陳德新常務次長、林威呈局長"
    >>> shortened(card, "南科管理局林局長提出心得"), shortened(card, "林威呈局長致詞")
    (True, False)
    >>> shortened(card, "陳次長與駱副總經理互贈禮品", "紫竹的副總經理是誰？")
    False
    >>> shortened(card, "陳次長與駱副總經理互贈禮品", "互贈禮品的那位次長，全名是什麼？")
    True
    """
    folded = fold(text)
    return any(short in folded and full not in folded and _asks_title(question, short[1:])
               for short, full in card_people(card).items())


def _asks_title(question: str, title: str) -> bool:
    """Whether ``question`` asks about a holder of ``title`` (folded), or a full
    name (every title, when no question is given).

    >>> _asks_title("Who is the director general?", "局长"), _asks_title("Who spoke?", "局长")
    (True, False)
    """
    if not question:
        return True
    folded, lowered = fold(question), question.lower()
    plain = re.sub(r"^(?:常务|政务)", "", title)
    if plain in folded or "全名" in folded or "full name" in lowered:
        return True
    return any(re.search(rf"\b{re.escape(en)}\b", lowered) and plain in zh
               for en, zh in EN_ROLES.items())
