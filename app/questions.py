"""What a question asks: its content bigrams, the figure it wants, and what a
count counts.

Used by the extractive reader (which sentence answers) and by the refusal
evidence (whether any passage can answer).
"""

from __future__ import annotations

import re

from app.citations import bigrams
from app.counted import AskedCount, asked_count, counted_grams
from app.language import fold, to_traditional
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
# A number in Chinese numerals; a lone 一 is not one (一個 is "a").
ZH_NUMBER = (
    r"[二兩两三四五六七八九十百千][一二兩两三四五六七八九十百千]*|一[十百千][一二兩两三四五六七八九十百千]*"
)
# A figure in digits or Chinese numerals.
_AMOUNT = rf"(?:\d[\d,.]*|{ZH_NUMBER})\s*(?:多|餘|余)?\s*"
# the measure words things are counted with (三家, 五項, 兩座); people take 名 and 位
_MEASURE = r"(?:家|間|间|所|個|个|項|项|件|種|种|座|條|条|場|场|國|国)"
_ANY_MEASURE = r"(?:家|間|间|所|個|个|項|项|件|種|种|座|條|条|場|场|國|国|名|位)"
# a year, not a name's number (Vision-2050)
YEAR = r"(?<![A-Za-z\-])(?:19|20)\d{2}(?!\d)|\d{2,3}\s*年"
# a day (6 月 13 日, 6/14) or an hour (16:10) of a date, or its year
DATE = (YEAR + r"|(?<!\d)(?:1[0-2]|0?[1-9])\s*月\s*(?:[12]\d|3[01]|0?[1-9])\s*[日號号]"
        # a month alone (「去年 12 月」), not a span of months (3 個月)
        r"|(?<![\d.])(?:1[0-2]|0?[1-9])\s*月"
        # 05/02, or 5/2 before its weekday (「5/2(四)」); not a fraction (1/2)
        r"|(?<![\d/])(?:0[1-9]|1[0-2])/(?:0[1-9]|[12]\d|3[01])(?![\d/])"
        r"|(?<![\d/])(?:1[0-2]|[1-9])/(?:[12]\d|3[01]|[1-9])(?=\s*[(（][一二三四五六日])"
        # an hour (09:30, 14：30); not a label's number (「表 3：12 項」)
        r"|(?<![\d:：])(?:[01]?\d|2[0-3])[:：][0-5]\d(?!\d)(?!\s*[項项個个家名位條条件種种所])")
PERCENT = r"\d[\d,.]*\s*(?:%|％)|百分之"  # a share stated
MONEY = (  # a sum of money stated
    _AMOUNT + r"(?:萬|万|億|亿|兆|千)?\s*(?:元|美元|美金|韓元|韩元|人民幣|人民币|台幣)|"
    r"(?:US|NT|RMB)?\$\s*\d|(?:萬|万|億|亿|兆)\s*(?:元|美元)"
)
AREA = _AMOUNT + r"(?:萬|万)?\s*(?:平方|公頃|公顷|畝|亩|坪|m2|㎡|km)"  # an area stated
_GENERAL = _AMOUNT + _MEASURE  # a count by a measure word of things
# a year of the calendar (2015 年), not a count of years
CALENDAR_YEAR = r"(?<!\d)(?:19|20)\d{2}\s*年"
# how long: a span of months, years, days (a year or a month read here too, 2015 年, 6 月:
# app.measures.spans tells a span from a point in time)
SPAN = _AMOUNT + r"(?:個|个)?\s*(?:月|年|天|週|周|小時|小时|months?|years?|days?|weeks?)"
ANY_FIGURE = r"\d|"  # how the pattern for a figure of no known unit begins
# (what the question asks for, what a sentence stating it must contain, whether a noun
# alone asks it: 面積, 預算, 員工, 比例; not a question word such as 多少家 or 哪一年)
UNITS: tuple[tuple[str, str, bool], ...] = (
    # an age is asked so and stated in years of age (65 歲), not by a count or a year
    (r"多大年[紀纪]|[幾几]\s*[歲岁]|年[齡龄]|how old|what age|\bages? of\b",
     _AMOUNT + r"(?:周|週)?\s*(?:歲|岁)|\d+\s*years? old", True),
    # how far apart two times are: worked out from their years or days (相隔幾年, "years apart")
    (r"(?:相隔|相差|[間间]隔|差了?)\s*(?:大約|大约|約|约)?\s*(?:多少|[幾几])\s*(?:個|个)?\s*年"
     r"|\byears? apart\b|\bhow many years (?:apart|between|separated?|passed|elapsed)\b",
     DATE, False),
    # a distance in a length unit; not a gap to a goal or a time (距離目標, 距離完工還要多久)
    (r"^(?![^。]*(?:目[標标]|指[標标]|[達达][標标]|[進进]度|[門门][檻槛]|\b(?:targets?|goals?|quotas?"
     r"|schedule)\b|多久|[幾几][天年]|完工|[開开]幕))[^。]*?(?:多[遠远]|how far|distance|距[離离])",
     _AMOUNT + r"(?:萬|万)?\s*(?:公里|km|英里|miles?|公尺|(?<!平方)米)", True),
    # a share: what each takes (各占多少, 占了幾成), even after a count (「最大的幾家各占多少」),
    # or of what (佔GDP多少, 占總營收的比重); not 占多少家 (a count) nor 佔地 (an area)
    (r"[佔占](?!地)[^，,？?。；;]{0,8}?(?:多少|[幾几]\s*成|比例|比重)"
     r"(?!\s*(?:家|間|间|所|個|个|名|位|人))|\bshare of\b|\bproportion\b|\bpercentage\b",
     PERCENT, False),
    # 多少國家 / 幾國 (not 多少國際企業: a kind of firm)
    (r"(?:多少|幾|几)\s*(?:個|个)?\s*(?:國|国)(?=家|[？?，,、的]|$)|how many (?:countries|nations)",
     _AMOUNT + r"(?:個|个)?\s*(?:國|国)", False),
    (
        # not a word that begins with the measure word (家當, 家產, 家族, 所得, 間隔)
        r"(?:多少|[幾几])(?:家(?![當当產产屬属庭族務务鄉乡])|所(?![得屬属])|[間间](?!隔))|"
        r"how many (?:companies|firms|start-?ups|enterprises|exhibitors|members|parks)",
        _AMOUNT + r"(?:家|間|个|個|所)",
        False,
    ),
    (
        r"多少(?:名|位|人(?!民[幣币]))|幾(?:名|位|個人)|几(?:名|位|个人)|人數|人数|"
        # staff, not their pay (員工的平均年薪, 研發人員每月薪資)
        r"(?:[员員]工|人[员員])(?![^，,？?]{0,5}(?:薪|工[資资]|待遇|收入|[報报]酬))|"
        r"how many (?:people|staff|employees|participants|attendees|researchers)|population",
        _AMOUNT + r"(?:萬|万)?\s*(?:名|位|人)",
        True,
    ),
    # how many seats a hall has: people or seats
    (r"座位|席位|\bseat(?:s|ing)\b",
     _AMOUNT + r"(?:萬|万)?\s*(?:名|位|人|席|(?:個|个)?座位)", True),
    # 個 is the general measure word of things: 「多少個建議」 is answered by 「三項建議」
    (r"(?:多少|幾|几)\s*(?:個|个)", _GENERAL, False),
    # when: a year, a day or an hour (「05/02 09:30-11:00」, 「5 月 2 日」); which year: a year
    (r"何時|何时|什[麼么]時候|什么时候|\bwhen\b|哪一?天(?!然)|[哪什][個个麼么]日子"
     r"|[幾几]月[幾几][日號号]|(?:哪[個个]|什[麼么])日期|\b(?:what|which) (?:dates?|days?)\b(?!-)"
     r"|\bthe date\b", DATE, False),
    (r"哪一?年|哪[個个]年份|何年|what year|which year", YEAR, False),
    # 幾年: how many years; not 近幾年, 這幾年 (recent years)
    (r"多長|多长|多久|how long|(?<![近這这过過前最])(?:幾|几)\s*(?:個|个)?\s*年", SPAN, False),
    # an area: 面積, how much land it takes (佔地多少), or how large a piece of land or
    # space is, 多大 ending its clause (「整塊地有多大？」, not 「有多大影響」)
    (
        r"面積|面积|[佔占]地\s*(?:有|約|约|大約|大约|共|總共|总共)?\s*(?:多少|多大|[幾几])|"
        r"(?:土地|地|空間|空间|場地|场地|腹地|廠房|厂房|園區|园区|校區|校区|特區|特区|開發區|开发区)"
        r"(?:有|大概|大約|大约|約|约|總共|总共|一共|共|加起來|加起来|全部)*多大(?=\s*(?:一?\s*[塊块片])?\s*(?:[？?，,。；;]|$))|"
        r"(?:land|floor|total|site|built) area"
        r"|(?<!per )(?<!each )(?<!the )(?<!a )square (?:met|kilomet|feet|mile)|"
        r"how (?:big|large) (?:is|was) (?:the |this |that |its |their )?"
        r"(?:(?!(?:in|of|at|for)\b)[\w'-]+ ){0,3}?"
        r"(?:land|site|campus|plot|park|zone|place|area|district)\s*(?:[?,;]|$|\b(?:in|of|at)\b)",
        AREA,
        True,
    ),
    (r"百分比|比例|比率|率|percent|\brate\b", PERCENT, True),
    (
        r"金額|金额|經費|经费|預算|预算|營收|营收|營業額|营业额|收入|稅收|税收|產值|产值|GDP|利潤|利润|"
        r"投資|投资|價格|价格|費用|费用|租金(?!優惠|优惠|補|补|減|减|條件|条件|方式)|多少錢|多少钱|多少(?:人民[幣币]|美元|美金|[韓韩]元|台[幣币]|元)|"
        # a firm's capital as a sum (註冊資本, 資本額; not 資本市場 or 人力資本), and pay
        r"(?:註冊|注册|實收|实收)[資资]本|[資资]本[額额金]|[年月]薪|薪[資资酬]|薪水|工[資资]|"
        # how large a fund or capital is: a sum (基金規模多大, "the fund's size")
        r"(?:基金(?![會会])|[資资]金|[創创]投(?:基金)?|(?<!人力)[資资]本)(?:的|之)?(?:[總总])?[規规]模|"
        r"\bfund(?:'s)? sizes?\b|\bsize of (?:the |its |that |this )?funds?\b"
        r"|\bhow (?:big|large) (?:is|was) (?:the |its |that |this )?fund\b|"
        r"budget|revenue|\bsales\b(?!\s+(?:channels?|offices?|networks?|partners?|teams?|"
        r"strateg))|\bfee\b|\bcost|spend|(?:registered|paid-in|paid-up) capital|"
        r"\bsalar(?:y|ies)\b|\bwages?\b(?!\s+earners?)|"
        r"price|value|funding|turnover|output|profit|\bcharged\b|\brents?\b(?=[^?]*\bper\b)"
        r"|\b(?:the|what|how much|monthly|annual|average)\s+rents?\b",
        MONEY,
        True,
    ),
    # a rank (排名第幾, 第幾名, "where did it rank") is stated as one: 排名 18 位, 第 3 名,
    # 名列全國第三, 18th; not a batch (首批) nor any figure beside the ranked thing. Last, so
    # that a rank describing what is counted (排名前十的園區有多少家公司) leaves the count asked
    (r"排名(?!前)|(?<!安)排第|排在第|第\s*[幾几]\s*[名位]|名列第|(?<!-)\brank(?:ed|s|ing)?\b",
     r"第\s*[\d一二三四五六七八九十百]+\s*[名位]|排名\s*(?:[為为是])?\s*[\d一二三四五六七八九十]+"
     r"|(?:排名|名列|位居|位列|(?<!安)排(?:在)?|居)[\u4e00-\u9fff]{0,4}?第\s*[\d一二三四五六七八九十百]+"
     r"|\b\d+(?:st|nd|rd|th)\b|\branked (?:[a-z]+ )?(?:first|second|third|fourth|fifth|sixth"
     r"|seventh|eighth|ninth|tenth|\d+)|\bNo\.\s*\d+", True),
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


def questioning_clauses(question: str) -> list[str]:
    """The clauses of a question that ask: those with a question word, and its
    last clause; the others set the scene (「跟甲簽約的那個單位，它是哪年成立的？」
    asks about the unit, not about 甲).

    >>> questioning_clauses("跟甲園區簽約的那個單位，它是哪一年成立的？")
    ['它是哪一年成立的']
    >>> questioning_clauses("園區有多少家企業，面積多大？")
    ['園區有多少家企業', '面積多大']
    """
    clauses = [c for c in CLAUSE_END.split(asked_part(question)) if c.strip()]
    return [
        clause for i, clause in enumerate(clauses)
        if i == len(clauses) - 1 or re.search(ASKING, fold(clause))
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
            if states == _GENERAL and counted:  # 多少個園: 「二十二園」 counts them too
                return re.compile(f"{_AMOUNT}(?:{_MEASURE}|[{counted}])")
            return re.compile(states)
    if not _QUANTITY.search(question):
        return None
    # what the question counts (幾區幾園) or, not known (an English "how many"), any measure word
    return re.compile(ANY_FIGURE + _AMOUNT + (f"[{counted}]" if counted else _ANY_MEASURE))


def asked_figures(
    question: str,
) -> list[tuple[re.Pattern[str], frozenset[str], AskedCount | None]]:
    """The figures a question asks for, one per clause that asks one: its unit
    (:func:`expected_unit`) and what it counts (:func:`counted_grams`; its noun
    phrase's heads, :func:`app.counted.asked_count`), so that
    「有幾個科技園區？預算跟員工規模多大？」 asks for parks counted and for staff,
    not for staff counted as parks; the whole question's when no one clause asks.

    >>> [sorted(c) for _, c, _ in asked_figures("有幾個科技園區？員工規模多大？")]
    [['园区', '技园', '科技'], []]
    >>> asked_figures("園區的股東有哪些？")
    []
    """
    found: list[tuple[re.Pattern[str], frozenset[str], AskedCount | None]] = []
    whole = asked_part(question)
    for text in [*questioning_clauses(question), whole]:
        if found and text is whole:
            break
        unit = expected_unit(text)
        if unit is not None:  # a share counts nothing (「最大的幾家各占多少」)
            counted = frozenset() if unit.pattern == PERCENT else frozenset(counted_grams(text))
            found.append((unit, counted, asked_count(text) if counted else None))
    return found
