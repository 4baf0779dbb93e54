"""What a question asks: its content bigrams, the figure it wants, and what a
count counts.

Used by the extractive reader (which sentence answers) and by the refusal
evidence (whether any passage can answer).
"""

from __future__ import annotations

import re
from typing import NamedTuple

from app.citations import bigrams
from app.counted import AskedCount, asked_count, counted_grams
from app.language import fold, to_traditional
from app.units import (
    AMOUNT,
    ANY_FIGURE,
    ANY_MEASURE,
    GENERAL,
    MEASURE,
    PERCENT,
    UNITS,
    YEAR,
)
from app.whether import asks_only_whether
from index.multi import ROC_OFFSET

# The question words (folded to Simplified): what asks, not what is asked about. One list,
# read three ways: a jieba word holding one asks (app.answerability), a question is cut
# into pieces at them (question_grams), and what a question names is what is left without
# them (app.followup). 哪 takes the word it forms (哪里, 哪年, 哪家): it asks with it.
INTERROGATIVES = (
    "多少", "几", "哪里", "哪些", "哪个", "哪位", "哪年", "哪家", "哪一年", "哪一个", "哪一家",
    "哪一位", "哪一", "哪", "什么", "甚么", "谁", "多大", "多长", "多久", "多高", "多远", "怎么",
    "怎样", "如何", "为何", "为什么", "是否", "何时", "何年", "何处", "何地", "何人", "何者",
    "何种", "有没有", "吗", "呢",
)
ASKING = "|".join(sorted(INTERROGATIVES, key=len, reverse=True))
# framing words that ask nothing either: 請問, 報告提到, 說明, 主要…
_FRAMING = "有哪些|有哪|请问|请|主要|说明|介绍|报告|提到|提及"
# a count's measure word goes with its question word (多少「家」)
QUESTION_WORDS = re.compile(
    f"(?:多少|几)[名家个位人项件次年种]?|{_FRAMING}|{ASKING}"
)
# A Republic-of-China year as Taiwan's reports write it (民國112年, 112 年), in
# folded text; not a span of years (近100年, 100年來) or a decade (90年代).
_ROC_YEAR = re.compile(
    r"(?:民[国國]\s*(\d{2,3})|(?<![\d近约約逾第多超过過])(?<![近约約逾第多超过過]\s)(1[0-4]\d))\s*年(?![代来來间間前后後以])"
)


def western_years(text: str) -> str:
    """``text`` with Republic-of-China years written as Western ones, so that a
    question's 2023年 meets a report's 112 年 (and 民國112年 meets 2023).

    >>> western_years("時間：112 年 6 月；民國 99 年；近 100 年；90年代")
    '時間：2023年 6 月；2010年；近 100 年；90年代'
    """
    def western(found: re.Match[str]) -> str:
        return f"{int(found.group(1) or found.group(2)) + ROC_OFFSET}年"

    return _ROC_YEAR.sub(western, text)


# 幾乎: almost; 近幾年, 這幾天: recent years, these days
_QUANTITY = re.compile(
    r"多少|(?<![近這这过過前最])[幾几](?!乎)|how many|how much|number of", re.I
)
# where a clause ends (a question's and a report sentence's alike)
CLAUSE_END = re.compile(r"[？?，,；;。!！]")
# question words that ask how, why, how two differ, which one, who or where (folded
# Chinese; English in its own spelling), and those that ask an amount. Not 如何, 為何 or
# "how did": 「…比起來如何？」, 「預算為何？」 and "How did its R&D spending change?" ask
# for the figures.
_ASKS_OTHER = re.compile(
    r"怎么|怎样|为什么|哪个|哪些|哪一[个家所座位种项]|哪[家位国所座种项]|哪里|谁|何处|何地"
    r"|什么不同|何不同|不同之处|不同在哪|不同点|差别|区别|差异|异同|差在哪"  # how two differ
    r"|\bdiffer(?:s|ed)?\b|\bdifference between\b"  # (差多少 asks an amount)
    r"|\bwhy\b|\bwhich\b|\bwho\b|\bwhere\b",
    re.I,
)
_ASKS_AMOUNT = re.compile(
    r"多少|几(?!乎)|多大(?!程度)|多长|多久|多高|多远|how (?:much|many|large|big|long|far|old)"
    r"|\bwhere (?:did|does|do|is|was) (?:[\w'-]+ ){1,6}?rank(?:ed|s)?\b",  # a rank
    re.I,
)


def asking_clauses(question: str) -> list[str]:
    """The clauses of a question that may ask for an amount by naming it (面積,
    預算, 比例): those that ask (a question word, or the question's last clause)
    and ask no other thing (how, why, which one, who, where; whether, without a
    figure to weigh against, :mod:`app.whether`) unless an amount too. A clause
    that asks which park, or how firms meet, is about an amount it names, it does
    not ask for it; a clause that asks nothing sets the scene.

    >>> asking_clauses("竹科怎麼讓大廠的投資部門跟新創搭上線？")
    []
    >>> asking_clauses("營收破千億的是哪些園區？持股比例呢？")
    ['持股比例呢']
    >>> asking_clauses("營收超過千億的園區裡，哪一個是最大的？")
    []
    >>> asking_clauses("What budget does the park get each year?")
    ['What budget does the park get each year']
    >>> asking_clauses("Which park has the most staff?"), asking_clauses("Why did it pay?")
    ([], [])
    >>> asking_clauses("園區的年度預算，大約是多少？")  # the topic alone names no amount
    ['大約是多少']
    >>> asking_clauses("該中心有沒有投資那家藥廠？"), asking_clauses("Did it fund the lab?")
    ([], [])
    >>> asking_clauses("預算是否超過一億元？")  # a figure to weigh against: it asks one
    ['預算是否超過一億元']
    """
    found: list[str] = []
    for clause in questioning_clauses(question):
        read = f"{fold(clause)} {clause}"  # English words keep their spaces
        # another thing, or yes or no (有沒有投資, "did it fund", app.whether), and no amount
        if not _ASKS_AMOUNT.search(read) and (
                _ASKS_OTHER.search(read) or asks_only_whether(clause)):
            continue
        found.append(clause)
    return found


# A follow-up carries the question it follows in brackets after its own question
# mark (app.followup): 「那2015年的呢？（2014年的營收多少？）」. What it asks is before them.
_CONTEXT = re.compile(r"(?<=[？?])\s*[（(].*[)）]\s*$", re.S)
# when a sentence is said of: a year (2014 年, 民國 103 年) or now (目前, 今年)
_WHEN_SAID = re.compile(rf"(?:{YEAR})\s*年?|目前|現在|现在|如今|今年|去年")
# a follow-up that asks a difference or a comparison asks that, not the context's question
_COMPARES = re.compile(r"何|不同|差[別别異异距]|比[較较]|相比|一樣|一样")
# 「那…呢？」, 「…呢？」: a follow-up that asks what the turn before asked
_BARE_FOLLOW_UP = re.compile(r"^\s*(?:那|那麼|那么|而|至於|至于)?.*呢\s*[？?]\s*$", re.S)


def asked_part(question: str) -> str:
    """The part of ``question`` that asks: without the context a follow-up
    carries in brackets after its question mark.

    >>> asked_part("How many staff? (ITPU)")
    'How many staff?'
    >>> asked_part("ITPU（烏茲別克資訊科技園區）有多少家公司？")
    'ITPU（烏茲別克資訊科技園區）有多少家公司？'

    A follow-up that asks nothing itself (「那疫情前呢？」) asks what its context
    asked, of what it names:

    >>> asked_part("那疫情前呢？（園區目前雇用多少人？）")
    '那疫情前呢？ 多少人？'
    >>> asked_part("那乙園區2031年的呢？（甲園區2030年的營收有多少？）")
    '那乙園區2031年的呢？ 營收有多少？'
    >>> asked_part("那跟乙園區有何不同呢？（甲園區有多少人？）")  # it asks a difference
    '那跟乙園區有何不同呢？'
    """
    asks = _CONTEXT.sub("", question)
    context = question[len(asks):].strip().strip("（()）")
    if (context and _BARE_FOLLOW_UP.match(asks) and not re.search(ASKING, fold(asks)[:-2])
            and not _COMPARES.search(asks)):
        # what the context asks, from its question word or the noun before it after a 的
        # on: its subject and time are not the follow-up's (「甲園區目前有多少名員工？」 ->
        # 「多少名員工？」, 「甲園區2030年的營收有多少？」 -> 「營收有多少？」)
        found = re.search(ASKING, fold(context))
        if found is not None:
            start = max(context.rfind(mark, 0, found.start()) for mark in "的之，,") + 1
            return f"{asks} {_WHEN_SAID.sub('', context[start or found.start():])}"
    return asks


# an English clause that opens by asking ("How old is…", "In which city…")
_EN_ASKS = re.compile(r"\s*(?:(?:in|on|at|for|from|to|by|of|with|and|but|so)\s+){0,2}"
                      r"(?:what|which|who|whom|whose|when|where|how|why)\b", re.I)


def questioning_clauses(question: str) -> list[str]:
    """The clauses of a question that ask: those with a question word, and its
    last clause; the others set the scene (「跟甲簽約的那個單位，它是哪年成立的？」
    asks about the unit, not about 甲).

    >>> questioning_clauses("跟甲園區簽約的那個單位，它是哪一年成立的？")
    ['它是哪一年成立的']
    >>> questioning_clauses("園區有多少家企業，面積多大？")
    ['園區有多少家企業', '面積多大']
    >>> questioning_clauses("How old is the host, a professor at X?")  # an English one too
    ['How old is the host', ' a professor at X']
    >>> questioning_clauses("When did A begin, and how many firms has B?")  # the last asks
    [' and how many firms has B']
    """
    clauses = [c for c in CLAUSE_END.split(asked_part(question)) if c.strip()]
    # an English question whose last clause only describes (asks no question, no
    # amount) asks in the one opening it (not in a relative clause: ", which opened…")
    described = (len(clauses) > 1 and not _EN_ASKS.match(clauses[-1])
                 and expected_unit(clauses[-1]) is None)
    return [
        clause for i, clause in enumerate(clauses)
        if i == len(clauses) - 1 or re.search(ASKING, fold(clause))
        or (described and i == 0 and _EN_ASKS.match(clause))
    ]


# words that join two things asked about (甲和乙, 營收與稅收, revenue and profit): a figure
# of either answers (app.subjects for names, app.measures for kinds of amount)
JOINING = re.compile(r"和|跟|與|与|及|、|或|還是|还是|\band\b|\bor\b|\bvs\b", re.I)
# the thing counted by 幾 / 多少 (幾區幾園): a figure in Chinese numerals before it answers too
# (after the general measure word 個: 多少個園 counts 園, and 「二十二園」 answers)
_COUNTED = re.compile(r"(?:多少|幾|几)\s*(?:個|个)?\s*([\u4e00-\u9fff])")
# 哪幾 / 哪几 ask "which ones" (a list), not "how many".
_WHICH_ONES = re.compile(r"哪\s*[幾几]")


def question_grams(question: str) -> set[str]:
    """Bigrams of the question without its question words.

    >>> sorted(question_grams("紫竹有哪些股東？"))
    ['紫竹', '股东']
    """
    pieces = QUESTION_WORDS.split(fold(question))
    return set().union(*(bigrams(piece) for piece in pieces))


def expected_unit(question: str) -> re.Pattern[str] | None:
    """What a sentence must contain to answer a quantity question (None when
    the question asks for no quantity).

    >>> bool(expected_unit("有多少名研發人員？").search("研發人員共 120 名"))
    True
    >>> bool(expected_unit("總投資金額是多少？").search("共有 120 家企業"))
    False
    >>> bool(expected_unit("輔導企業中有幾家已上市？").search("其中有三家已上市"))
    True
    >>> expected_unit("紫竹高新區的股東有哪些？") is None
    True
    >>> bool(expected_unit("這所研究院是何時成立的？").search("成立於 1977 年"))
    True
    >>> bool(expected_unit("越南科學園區是哪一年成立的？").search("長期政策 Vision-2050"))
    False
    >>> when = expected_unit("圓桌會議是什麼時候？")  # a day or an hour answers too
    >>> bool(when.search("05/02(四) 09:30-11:00")), bool(when.search("5 月 2 日")), bool(
    ...     when.search("共 30 家"))
    (True, True, False)
    >>> bool(when.search("約 1/2 的企業")), bool(when.search("表 3：12 項"))  # no day, no hour
    (False, False)
    >>> bool(when.search("去年 12 月曾來訪")), bool(when.search("為期 3 個月"))  # a month, no span
    (True, False)
    >>> bool(expected_unit("園區是哪一年成立的？").search("6 月 13 日"))  # which year: a year
    False
    >>> expected_unit("育成計畫把輔導分為哪幾個階段？") is None  # a list
    True
    >>> bool(expected_unit("ASPA共有多少個會員？").search("創造一個平台"))  # 一個 is "a"
    False
    >>> bool(expected_unit("苗圃階段時程多長？").search("以 3-6 個月的時程協助"))
    True
    >>> bool(expected_unit("最多幾年內要回去？").search("在三到五年內返回"))  # how many years
    True
    >>> expected_unit("這幾年園區有什麼變化？") is None  # recent years, no figure
    True
    >>> bool(expected_unit("發展格局是幾區幾園？").search("已成為「一區二十二園」的格局"))
    True
    >>> bool(expected_unit("報告提出多少個建議？").search("提出以下三項建議"))
    True
    >>> bool(expected_unit("How many listed firms did it help?").search("已有三家輔導企業上市"))
    True
    >>> expected_unit("Which firms in the Bangkok area are clients?") is None
    True
    >>> age = expected_unit("執行長今年多大年紀？")  # an age, not a year
    >>> bool(age.search("現年 58 歲")), bool(age.search("於 2015 年上任"))
    (True, False)
    >>> area = expected_unit("那個園區整塊地大概有多大？")  # how large a piece of land
    >>> bool(area.search("總面積約 13 平方公里")), bool(area.search("共 300 家企業"))
    (True, False)
    >>> share = expected_unit("最大的幾家股東各占多少？")  # a share, not a count
    >>> bool(share.search("甲公司占 50%")), bool(share.search("共 7 家股東"))
    (True, False)
    >>> bool(expected_unit("外資企業占多少家？").search("外資企業 120 家"))
    True
    >>> bool(expected_unit("投入多少人民幣？").search("投入 862 億元人民幣"))  # not people
    True
    >>> bool(expected_unit("園區佔地多少？").search("佔地 50 公頃"))
    True
    >>> expected_unit("占地 楼层 大楼") is None  # the words an English question translates to
    True
    >>> expected_unit("園區對地方有多大影響？") is None  # how much, not how large
    True
    >>> bool(expected_unit("各園區營收差距有多大？").search("落差 30 平方公里"))  # a gap
    False
    >>> bool(expected_unit("這輛車充一次電能跑多遠？").search("廠房 300 平方米"))
    False
    >>> expected_unit("園區怎麼讓大廠的投資部門認識新創？") is None  # how, not how much
    True
    >>> leave = expected_unit("園區鼓勵研究人員出去創業，最多幾年內可回來？")  # 人員 sets the scene
    >>> bool(leave.search("共 120 名研究人員")), bool(leave.search("2016 年起"))
    (False, True)
    """
    question = _WHICH_ONES.sub("哪", question)
    asking = asking_clauses(question)
    found = "".join(_COUNTED.findall(question))  # in both scripts: the report's may differ
    counted = "".join(sorted(set(found + to_traditional(found) + fold(found))))
    for asks, states, by_noun in UNITS:
        where = asking if by_noun else [question]
        if any(re.search(asks, clause, re.I) for clause in where):
            if states == GENERAL and counted:  # 多少個園: 「二十二園」 counts them too
                return re.compile(f"{AMOUNT}(?:{MEASURE}|[{counted}])")
            return re.compile(states)
    if not _QUANTITY.search(question):
        return None
    # what the question counts (幾區幾園) or, not known (an English "how many"), any measure word
    return re.compile(ANY_FIGURE + AMOUNT + (f"[{counted}]" if counted else ANY_MEASURE))


def asked_parts(clause: str) -> list[str]:
    """A clause split at its enumeration commas (、) when each part asks (has a
    question word): 「整塊地多大、有幾棟樓」 asks two things.

    >>> asked_parts("整塊地多大、有幾棟樓"), asked_parts("股東、員工有多少")
    (['整塊地多大', '有幾棟樓'], ['股東、員工有多少'])
    """
    parts = [p for p in re.split(r"[、]", clause) if p.strip()]
    if len(parts) > 1 and all(re.search(ASKING, fold(p)) for p in parts):
        return parts
    return [clause]


def asking_parts(question: str) -> list[str]:
    """The parts of ``question`` that ask: its asking clauses (:func:`questioning_clauses`),
    each split where each part asks (:func:`asked_parts`).

    >>> asking_parts("園區哪年成立？整塊地多大、有幾棟樓？")
    ['園區哪年成立', '整塊地多大', '有幾棟樓']
    """
    return [part for clause in questioning_clauses(question) for part in asked_parts(clause)]


class AskedFigure(NamedTuple):
    """A figure a question asks for: its unit, what it counts (bigrams; the noun
    phrase's heads) and the clause that asks it (:func:`asked_figures`)."""

    unit: re.Pattern[str]
    counted: frozenset[str]
    asked: AskedCount | None
    clause: str


def asked_figures(question: str) -> list[AskedFigure]:
    """The figures a question asks for, one per clause or part of one that asks
    one (:func:`asked_parts`: 「有多少人、多少資產」): its unit
    (:func:`expected_unit`) and what it counts (:func:`counted_grams`; its noun
    phrase's heads, :func:`app.counted.asked_count`), so that
    「有幾個科技園區？預算跟員工規模多大？」 asks for parks counted and for staff,
    not for staff counted as parks; the whole question's when no one clause asks.

    >>> [sorted(f.counted) for f in asked_figures("有幾個科技園區？員工規模多大？")]
    [['园区', '技园', '科技'], []]
    >>> [f.clause for f in asked_figures("集團有多少員工、多少家當？")]
    ['集團有多少員工', '多少家當']
    >>> asked_figures("園區的股東有哪些？")
    []
    """
    found: list[AskedFigure] = []
    whole = asked_part(question)
    for text in [*asking_parts(question), whole]:
        if found and text is whole:
            break
        unit = expected_unit(text)
        if unit is not None:  # a share counts nothing (「最大的幾家各占多少」)
            counted = frozenset() if unit.pattern == PERCENT else frozenset(counted_grams(text))
            found.append(AskedFigure(unit, counted, asked_count(text) if counted else None, text))
    return found

