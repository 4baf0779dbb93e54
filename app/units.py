"""The figures a question can ask for, and how a sentence states each: a count by
a measure word (三家, 五項), a year or a day, a share, a sum of money, an area, a
span of time, an age... (:data:`UNITS`, read by :func:`app.questions.expected_unit`).

General language knowledge of Chinese and English figures; Chinese in both scripts.

>>> import re
>>> bool(re.search(MONEY, "投資 3 億元")), bool(re.search(AREA, "約 13 平方公里"))
(True, True)
"""

from __future__ import annotations

# A number in Chinese numerals; a lone 一 is not one (一個 is "a").
ZH_NUMBER = (
    r"[二兩两三四五六七八九十百千][一二兩两三四五六七八九十百千]*|一[十百千][一二兩两三四五六七八九十百千]*"
)
# A figure in digits or Chinese numerals.
AMOUNT = rf"(?:\d[\d,.]*|{ZH_NUMBER})\s*(?:多|餘|余)?\s*"
# the measure words things are counted with (三家, 五項, 兩座); people take 名 and 位
MEASURE = r"(?:家|間|间|所|個|个|項|项|件|種|种|座|條|条|場|场|國|国)"
ANY_MEASURE = r"(?:家|間|间|所|個|个|項|项|件|種|种|座|條|条|場|场|國|国|名|位)"
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
    AMOUNT + r"(?:萬|万|億|亿|兆|千)?\s*(?:元|美元|美金|韓元|韩元|人民幣|人民币|台幣)|"
    r"(?:US|NT|RMB)?\$\s*\d|(?:萬|万|億|亿|兆)\s*(?:元|美元)"
)
AREA = AMOUNT + r"(?:萬|万)?\s*(?:平方|公頃|公顷|畝|亩|坪|m2|㎡|km)"  # an area stated
GENERAL = AMOUNT + MEASURE  # a count by a measure word of things
# a year of the calendar (2015 年), not a count of years
CALENDAR_YEAR = r"(?<!\d)(?:19|20)\d{2}\s*年"
# how long: a span of months, years, days (a year or a month read here too, 2015 年, 6 月:
# app.measures.spans tells a span from a point in time)
# how far apart two times are (相隔幾年, "years apart"): asked as a date, worked out
APART = (r"(?:相隔|相差|[間间]隔|差了?)\s*(?:大約|大约|約|约)?\s*(?:多少|[幾几])\s*(?:個|个)?\s*年"
         r"|\byears? apart\b|\bhow many years (?:apart|between|separated?|passed|elapsed)\b")
SPAN = AMOUNT + r"(?:個|个)?\s*(?:月|年|天|週|周|小時|小时|months?|years?|days?|weeks?)"
ANY_FIGURE = r"\d|"  # how the pattern for a figure of no known unit begins
# (what the question asks for, what a sentence stating it must contain, whether a noun
# alone asks it: 面積, 預算, 員工, 比例; not a question word such as 多少家 or 哪一年)
UNITS: tuple[tuple[str, str, bool], ...] = (
    # an age is asked so and stated in years of age (65 歲), not by a count or a year
    (r"多大年[紀纪]|[幾几]\s*[歲岁]|年[齡龄]|how old|what age|\bages? of\b",
     AMOUNT + r"(?:周|週)?\s*(?:歲|岁)|\d+\s*years? old", True),
    # a shareholding (持股多少, 股權比例, "what stake"): a share
    (r"持股(?:比[例率重]|多少|[幾几]成|是多少|为何|為何)|股[权權份]比|\bstakes?\b|\bshareholding\b",
     PERCENT, True),
    # how far apart two times are: worked out from their years or days (相隔幾年, "years apart")
    (APART, DATE, False),
    # a distance in a length unit; not a gap to a goal or a time (距離目標, 距離完工還要多久)
    (r"^(?![^。]*(?:目[標标]|指[標标]|[達达][標标]|[進进]度|[門门][檻槛]|\b(?:targets?|goals?|quotas?"
     r"|schedule)\b|多久|[幾几][天年]|完工|[開开]幕))[^。]*?(?:多[遠远]|how far|distance|距[離离])",
     AMOUNT + r"(?:萬|万)?\s*(?:公里|km|英里|miles?|公尺|(?<!平方)米)", True),
    # a share: what each takes (各占多少, 占了幾成), even after a count (「最大的幾家各占多少」),
    # or of what (佔GDP多少, 占總營收的比重); not 占多少家 (a count) nor 佔地 (an area)
    (r"[佔占](?!地)[^，,？?。；;]{0,8}?(?:多少|[幾几]\s*成|比例|比重)"
     r"(?!\s*(?:家|間|间|所|個|个|名|位|人))|\bshare of\b|\bproportion\b|\bpercentage\b",
     PERCENT, False),
    # 多少國家 / 幾國 (not 多少國際企業: a kind of firm)
    (r"(?:多少|幾|几)\s*(?:個|个)?\s*(?:國|国)(?=家|[？?，,、的]|$)|how many (?:countries|nations)",
     AMOUNT + r"(?:個|个)?\s*(?:國|国)", False),
    (
        # not a word that begins with the measure word (家當, 家產, 家族, 所得, 間隔)
        r"(?:多少|[幾几])(?:家(?![當当產产屬属庭族務务鄉乡])|所(?![得屬属])|[間间](?!隔))|"
        r"how many (?:companies|firms|start-?ups|enterprises|exhibitors|members|parks)",
        AMOUNT + r"(?:家|間|个|個|所)",
        False,
    ),
    (
        r"多少(?:名|位|人(?!民[幣币]))|幾(?:名|位|個人)|几(?:名|位|个人)|人數|人数|"
        # staff, not their pay (員工的平均年薪, 研發人員每月薪資)
        r"(?:[员員]工|人[员員])(?![^，,？?]{0,5}(?:薪|工[資资]|待遇|收入|[報报]酬))|"
        r"how many (?:people|staff|employees|participants|attendees|researchers)|population",
        AMOUNT + r"(?:萬|万)?\s*(?:名|位|人)",
        True,
    ),
    # how many seats a hall has: people or seats
    (r"座位|席位|\bseat(?:s|ing)\b",
     AMOUNT + r"(?:萬|万)?\s*(?:名|位|人|席|(?:個|个)?座位)", True),
    # 個 is the general measure word of things: 「多少個建議」 is answered by 「三項建議」
    (r"(?:多少|幾|几)\s*(?:個|个)", GENERAL, False),
    # when: a year, a day or an hour (「05/02 09:30-11:00」, 「5 月 2 日」); which year: a year
    (r"何時|何时|什[麼么]時候|什么时候|\bwhen\b|哪一?天(?!然)|[哪什][個个麼么]日子"
     r"|[幾几]月[幾几][日號号]|(?:哪[個个]|什[麼么])日期|\b(?:what|which) (?:dates?|days?)\b(?!-)"
     r"|\bthe date\b", DATE, False),
    (r"哪一?年|哪[個个]年份|何年|what year|which year", YEAR, False),
    # 幾年: how many years; not 近幾年, 這幾年 (recent years)
    (r"多長|多长|多久|how long|(?<![近這这过過前最])(?:幾|几)\s*(?:個|个)?\s*年"
     r"|\bhow many (?:more )?(?:years|months|weeks|days)\b(?! (?:a|per|each) (?:week|month|year))",
     SPAN, False),
    # an area: 面積, how much land it takes (佔地多少), or how large a piece of land or
    # space is, 多大 ending its clause (「整塊地有多大？」, not 「有多大影響」)
    (
        r"面積|面积|[佔占]地\s*(?:有|約|约|大約|大约|共|總共|总共)?\s*(?:多少|多大|[幾几])|"
        r"(?:土地|地|空間|空间|場地|场地|腹地|廠房|厂房|園區|园区|校區|校区|特區|特区|開發區|开发区)"
        r"(?:有|大概|大約|大约|約|约|總共|总共|一共|共|加起來|加起来|全部)*多大(?=\s*(?:一?\s*[塊块片])?\s*(?:[？?，,。；;]|$))|"
        r"(?:land|floor|total|site|built) area|\bfloor space\b"
        # how much space, not its rent or rate, nor parking or storage
        r"|^(?![^?]*\b(?:rents?|rates?|prices?|costs?|fees?)\b)[^?]*\bhow much (?:more |(?!parking"
        r"|storage|disk|memory|shelf)[\w-]+ ){0,2}space\b"
        r"|(?<!per )(?<!each )(?<!the )(?<!a )square (?:met|kilomet|feet|mile)|"
        r"how (?:big|large) (?:is|was) (?:the |this |that |its |their )?"
        r"(?:(?!(?:in|of|at|for)\b)[\w'-]+ ){0,3}?"
        r"(?:land|site|campus|plot|park|zone|place|area|district)\s*(?:[?,;]|$|\b(?:in|of|at)\b)",
        AREA,
        True,
    ),
    # a share, a rate, R&D intensity (研發投入強度: spending as a share of GDP; not 投資強度 per 畝)
    (r"百分比|比例|比率|率|(?:研[發发]|[經经][費费]|投入)\s*[強强]度|percent|\brate\b"
     r"|\bR&D intensity\b", PERCENT, True),
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
