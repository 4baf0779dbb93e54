"""What a figure is of: the event a year dates (founded, opened, took office)
and the kind of amount a figure measures (tax, revenue, budget, population...),
each with the words a report writes beside such a figure.

A question that asks 「繳了多少稅」 is not answered by a revenue figure, nor
「哪一年成立」 by the year a park's revenue grew: the figure must stand beside a
word of the kind asked. The lists are general language knowledge about how
reports word economic and organisational figures, not any one report's words;
patterns are matched against folded (Simplified) text and, for the question,
its lower-cased English too. An area asked in other words (「整塊地多大」) is
searched with the word a report states it by (面積: :func:`with_stated_word`).
How long something lasts is said by a span, not a point in time (app.spans).
"""

from __future__ import annotations

import re

from app.bodies import KINDS
from app.citations import bigrams
from app.counted import beside_figures
from app.language import BRACKETED, detect_language, fold
from app.questions import JOINING, expected_unit, questioning_clauses
from app.units import ANY_FIGURE, APART, AREA, DATE, MONEY, PERCENT, YEAR

# an English question's auxiliary before its verb's base form: "did they found", "will it open"
_DID = r"\b(?:did|does|do|will)\b[\w\s'(),&-]*?\b"
# What a year question dates (founding, opening, taking office) and the words a sentence
# dating that event uses: the year beside them answers, not any year.
EVENTS: tuple[tuple[str, str], ...] = (
    # English as asked: "when was it founded" and "when did they found it" alike
    (r"成立|设立|创立|创建|创办|建立|组建|founded|established|set up|created|launched"
     rf"|{_DID}(?:found|establish|launch)\b",
     r"成立|设立|创立|创建|创办|建立|组建|挂牌|揭牌|批准|核定|启动|起步|推出|设置|筹设|筹建|兴建"
     r"|创设|创校|开园|启用|始于|运作|营运|founded|established|since"),
    # "did it open" only where opening is the event (its doors, to the public), not a name
    # (开馆时间: opening hours, not an opening)
    (r"完工|竣工|落成|启用|开幕|开业|开张|开[园馆](?!\s*(?:时间|时段))|营运|运作"
     r"|opened|completed|began operat"
     rf"|{_DID}(?:open(?=\s*(?:its doors|to the public|for business|[?？]|$))|complete\b)",
     r"完工|竣工|落成|启用|开幕|开业|开张|开园|开馆|营运|运营|运作|启动|投入使用|完成|揭幕|剪彩"
     r"|开放|正式使用|开始使用|opened|completed"),
    # taking up a post, however said (接下這個位子, 開始當局長, 當上, "took over"), or joining
    (r"加入|入会|接任|担任|就任|就职|上任|任期|接掌|接手|接棒|接下(?![来來])|当上|开始当(?![地时天當時])|出任"
     r"|joined|appointed|became|\b(?:take|takes|took|taken|taking) (?:office|over)\b"
     r"|\bserv(?:ed|es|ing)\s+as\b"
     rf"|{_DID}join\b",
     r"加入|入会|接任|担任|就任|就职|上任|任期|出任|当选|接掌|接手|接棒|接下(?![来來])|当上|起任|任职"
     r"|进驻|入驻|到任|履新|成为|joined|appointed|became"),
)

# What kind of amount a question asks for, and the words a sentence stating an amount of
# that kind uses (broad: a report's 技工貿總收入 is revenue, its 研發經費支出 spending).
MEASURES: tuple[tuple[str, str], ...] = (
    (r"税|\btax(?:es)?\b", r"税"),
    (r"营收|营业额|营业收入|收入|产值|销售|\brevenues?\b|\bsales\b|\bturnover\b|\boutput\b|"
     r"\bincome\b|\bsold\b|\bsell", r"营收|营业|收入|产值|销售|产出|营运|业绩|总值|薪|所得"),
    # business done (做了多少生意): sales or trade, whichever a report gives
    (r"生意", r"营收|营业|收入|产值|销售|产出|营运|业绩|总值|出口|外销|贸易|交易"),
    (r"利润|获利|盈利|净利|盈余|赚|\bprofits?\b|\bearn",
     r"利润|获利|盈利|净利|盈余|收益|赚"),
    (r"预算|经费|拨款|补助|补贴|\bbudgets?\b|\bfunding\b|\bgrants?\b|\bsubsid",
     r"预算|经费|拨款|补助|补贴|资金|投入|支出|基金|出资|资助|奖励|扶持|奖补"),
    (r"花费|花了|花多少|支出|开销|成本|费用|造价|\bspen[dt]|\bspending\b|\bcosts?\b|\bexpens",
     r"经费|投入|投资|支出|费用|预算|花费|成本|资金|金额|造价|开销"),
    (r"资本|\bcapital\b", r"资本|资金|出资"),
    # to invest, not a kind of firm or who invests (外資企業, 投資人, 投資管理集團)
    (r"投资(?!企业|公司|厂商|人|者|方|机构|银行|基金|部门|管理|控股|集团|有限)|投入|注资|"
     r"(?<!-)\binvest(?:ment|ments|ed|s)?\b",
     r"投资|投入|资金|出资|注资|经费|支出"),
    (r"出口|外销|进口|贸易|\bexport(?:s|ed|ing)?\b|\bimport(?:s|ed|ing)?\b|\btrade\b",
     r"出口|外销|进口|贸易|进出口|销往"),
    (r"gdp|生产总值|生产毛额", r"gdp|生产总值|生产毛额"),
    # residents, not a resident company
    (r"人口|居民|市民|\bpopulation\b|\binhabitants?\b|\bresidents\b", r"人口|居民|市民|住民"),
    (r"薪|工资|待遇|\bsalar(?:y|ies)\b|\bwages?\b", r"薪|工资|待遇|所得"),
    (r"资产|\bassets?\b", r"资产"),
    (r"价格|售价|价钱|票价|定价|收费|报名费|门票|\bprices?\b|\bfees?\b|\btickets?\b",
     r"价|(?<!经)费|门票"),
    (r"专利|\bpatents?\b", r"专利|发明|知识产权|智慧财产|智财"),
    (r"成长率|增长率|增幅|\bgrowth\b", r"成长|增长|增幅|增加|提升|上升|增至"),
    (r"失业|\bunemploy", r"失业|就业"),
    (r"估值|市值|\bvaluation|\bvalued\b|\bmarket cap", r"估值|市值|价值"),
    (r"座位|席位|容纳|\bcapacity\b|\bseat(?:s|ing)?\b", r"座位|席|容纳|容量"),
    (r"观光客|游客|旅客|\btourists?\b", r"观光|游客|旅客|访客|人次"),
    (r"贷款|放款|融资|授信|\bloans?\b|\bfinancing\b", r"贷|放款|融资|授信|资金"),
    # last, so that the amount a phrase names comes first (租金補貼 is a subsidy, 減碳預算 a
    # budget): what a tenant pays, what a winner gets, energy and water used, emissions
    (r"租金|房租|月租|租[费价]|\brent(?:s|al)?\b", r"租"),
    (r"奖金|\bprize money\b|\bprizes?\b(?!-)", r"奖金|奖额"),
    (r"用电(?!子)|耗电|电量|电力|\belectricity\b|\bpower (?:use|consumption)\b"
     r"|\benergy (?:use|consumption)\b", r"用电|耗电|电量|电力|\d\s*[亿万]?\s*度|瓦|能耗|能源"),
    (r"用水|耗水|水量|\bwater (?:use|consumption)\b", r"用水|耗水|水量"),
    (r"碳排|排放|减排|\b(?:carbon|co2) emissions?\b|\bemissions?\b",
     r"碳|排放|减排|co2"),
)


# a clause of a sentence (a year's event is read in its own clause and beside it); a comma
# inside brackets ends none
_CLAUSE_END = re.compile(r"[，,；;。!！？?]")
# a clause before a time that only sets it after something (繼甲之後成立的, 成立後): no topic;
# nor one that brings in what someone says (局長致詞表示，自2019年…)
_AFTER = re.compile(r"[後后]|以[來来]|的第|(?:表示|指出|說明|说明|認為|认为|強調|强调|提到|說|说)$")
# what a clause of time alone holds besides its time: 於, 在, 自, 時間是, 可追溯至, 6月13日
_TIME_WORDS = re.compile(r"[\s\d月日号號旬初底末於于在自從从至到起是為为約约即的正式可]|民[國国]"
                         r"|時間|时间|追溯|直到|截至|上午|下午|\b(?:in|on|since|from|by)\b", re.I)


def figure_windows(unit: re.Pattern[str], sentence: str) -> list[str]:
    """Where the kind of a figure in ``unit`` is read: for a year or a date, its
    clause, the next one (「2001年園區成立，隔年啟用」) and the one before, its topic
    (「開幕典禮，訂於5月2日舉行」), unless that sets the time after something else
    (「繼甲之後成立的第三區，又在 2013 年推動建設乙」); for a clause of time alone, the
    two after it too (「2001年，在各界見證下，園區成立」); for other figures the text beside each
    (:func:`app.counted.beside_figures`).

    >>> figure_windows(re.compile(YEAR), "繼甲之後成立的第三個區，又在 2013 年推動建設乙。")
    ['又在 2013 年推動建設乙']
    >>> figure_windows(re.compile(YEAR), "園區正式成立，時間是2001年。")
    ['園區正式成立，時間是2001年']
    >>> figure_windows(re.compile(YEAR), "甲於2001年（時稱乙，後更名）成立。")
    ['甲於2001年（時稱乙、後更名）成立']
    """
    if unit.pattern not in (YEAR, DATE):
        return beside_figures(unit, sentence)
    kept = BRACKETED.sub(lambda m: re.sub(r"[，,]", "、", m.group()), sentence)
    clauses = [c for c in _CLAUSE_END.split(kept) if c.strip()]
    windows = []
    for i, clause in enumerate(clauses):
        if unit.search(clause):
            alone = len(_TIME_WORDS.sub("", unit.sub("", clause))) <= 1
            topic = i > 0 and not unit.search(clauses[i - 1]) and not _AFTER.search(clauses[i - 1])
            start = i - 1 if alone or topic else i
            windows.append("，".join(clauses[max(0, start) : i + (3 if alone else 2)]))
    return windows


def _asking(question: str) -> str:
    """The clauses of ``question`` that ask, folded and lower-cased English."""
    return " ".join(f"{fold(c)} {c.lower()}" for c in questioning_clauses(question))


def dated_event(question: str) -> re.Pattern[str] | None:
    """What a sentence must say beside the year a question asks for (it asks
    when something was founded, opened or taken on): None for other questions.

    >>> dated_event("這個園區是哪一年成立的？").search(fold("園區於 2001 年成立")) is not None
    True
    >>> dated_event("這個園區是哪一年成立的？").search(fold("2001 年營收成長")) is None
    True
    >>> dated_event("會議在哪一年舉辦？") is None
    True
    >>> dated_event("園區成立後哪一年開始獲利？") is None  # 成立後 only marks a time
    True
    >>> dated_event("甲成立和乙加入相隔幾年？") is None  # two events, worked out
    True
    """
    asking = _asking(question)
    if re.search(APART, asking, re.I):
        return None  # how far apart two times are: no one event's date
    for asks, states in EVENTS:
        # an event that only marks a time (成立後, 自開幕以來) is not what is dated
        if re.search(rf"(?<!自)(?:{asks})(?!\s*(?:[以之]?[后後]|以[来來]))", asking):
            return re.compile(states)
    return None


# a Chinese when-question's asking time, and the words before it that only join
_ASKED_WHEN = re.compile(
    r"(?:是在|是|于|在|大约|大概|究竟|到底)?(?:哪一?年|何时|什么时候|什么时间|哪个时候)")
# what points back rather than names (它, 這個園區, 該中心)
_POINTING = re.compile(r"^(?:这|那|该|此|它|其|他|她|本)")


def dated_thing(question: str) -> str:
    """What a Chinese when-question dates (it asks when something was founded,
    opened or taken on, :func:`dated_event`), as it names it: the words before its
    asking time, after their last 的; '' when it points back (它, 這個園區) or
    asks otherwise. A year sentence that shares no word with it dates another
    thing: 「青年基金是哪一年設立的」 is not answered by 「創投公司成立於 2003 年」.

    >>> dated_thing("甲園區的青年基金是哪一年設立的？"), dated_thing("甲中心成立於何時？")
    ('青年基金', '甲中心')
    >>> dated_thing("這個園區是哪一年成立的？"), dated_thing("會議在哪一年舉辦？")
    ('', '')
    """
    if detect_language(question) == "en" or dated_event(question) is None:
        return ""
    for clause in questioning_clauses(question):
        folded = fold(clause)
        when = _ASKED_WHEN.search(folded)
        if when is None:
            continue
        before = re.split(r"[的之，,、]", folded[: when.start()])[-1].strip()
        for asks, _states in EVENTS:
            before = re.sub(rf"(?:{asks})\s*(?:于|在)?$", "", before).strip()
        if len(before) < 2 or _POINTING.match(before):
            return ""
        return before
    return ""


# how much a thing holds asked right after it (基金規模, 基金的金額, 基金有多少錢; folded)
_ASKED_SUM = re.compile(
    r"的?\s*(?:规模|金额|总额|(?:注册|实收|实缴)?资本额?|资金|(?:有|是|共)?多少钱)")
# a demonstrative and its measure word before a noun (那支基金, 這筆貸款): the noun names it
_DEMONSTRATIVE = re.compile(r"^(?:这|那|该|此|本)(?:些|[一]?[个支笔项档只家间所座])?")
# words that say which year or part of an amount, not what holds it (年度預算, 目前規模)
_NOT_HOLDER = re.compile(r"(?:年度|年|目前|现在|当时|总|整体|实际|每年|全年|累计|平均)$"
                         r"|(?:时候|时期|期间|手上|手头|身上)$")  # when, or on hand (手上有多少錢)


def sized_thing(question: str) -> str:
    """What a Chinese question asks the size of, as it names it right before
    its amount word (「青年基金的規模有多大」, 「那支基金有多少錢」): a sum that
    names another thing does not answer (「中心實收資本 254 萬元」 is not the
    fund's size); '' when it points back with no noun (它) or asks otherwise.

    >>> sized_thing("那支基金的規模有多大？"), sized_thing("甲園區的青年基金有多少錢？")
    ('基金', '青年基金')
    >>> sized_thing("園區的年度預算是多少？"), sized_thing("它的規模多大？")
    ('', '')
    >>> sized_thing("中心剛起步的時候手上有多少錢？")  # when, and on hand: no holder
    ''
    >>> sized_thing("園區的經費總額多少？")  # the kind of amount, not what holds it
    ''
    >>> sized_thing("甲公司的註冊資本是多少？"), sized_thing("這些基金有多少錢？")
    ('甲公司', '基金')
    >>> sized_thing("中心成立的小額貸款公司註冊資本多少？")  # a firm named by its business
    '小额贷款公司'
    """
    if detect_language(question) == "en":
        return ""
    for clause in questioning_clauses(question):
        folded = fold(clause)
        found = _ASKED_SUM.search(folded)
        if found is None or unit_of(clause) != MONEY:
            continue
        before = re.split(r"[的之，,、]", folded[: found.start()])[-1].strip()
        before = _DEMONSTRATIVE.sub("", before)
        if (len(before) < 2 or _POINTING.match(before) or _NOT_HOLDER.search(before)
                or (any(re.search(asks, before) for asks, _ in MEASURES)
                    and not KINDS.search(before))):  # (a 貸款公司 is a firm, not a loan)
            return ""  # 「經費總額」: a kind of amount, which :func:`measured` reads
        return before
    return ""


def asked_thing(question: str) -> str:
    """What a figure must name to answer ``question``: the thing it dates
    (:func:`dated_thing`) or sizes (:func:`sized_thing`); '' for neither."""
    return dated_thing(question) or sized_thing(question)


def unit_of(clause: str) -> str | None:
    """The pattern of the unit ``clause`` asks for, or None."""
    unit = expected_unit(clause)
    return unit.pattern if unit is not None else None


def names_thing(thing: str, text: str) -> bool:
    """Whether ``text`` (folded) names the ``thing`` a when-question dates
    (:func:`dated_thing`): a pair of its characters, or all of them in order, a
    few apart, as an abbreviation is read (产研院 in 产业技术研究院).

    >>> names_thing("产研院", "上海产业技术研究院于 2012 年成立")
    True
    >>> names_thing("青年基金", "创投公司成立于 2003 年")
    False
    >>> names_thing("实训基地", "结合研发基地，于 2002 年启用")  # only the kind of body shared
    False
    """
    if not thing or bigrams(thing) & bigrams(_without_other_kinds(thing, text)):
        return True
    spread = "".join(f"{re.escape(ch)}.{{0,6}}?" for ch in thing[:-1]) + re.escape(thing[-1])
    return re.search(spread, text) is not None


# a kind noun (基地, 园区) and the two characters before it in a text (folded)
_KIND_NOUN = re.compile(r"([\u4e00-\u9fff]{0,2})(" + KINDS.pattern.removesuffix("$") + ")")
_DETERMINER = re.compile(r"[本该其此这那各全该]$")


def _without_other_kinds(thing: str, text: str) -> str:
    """``text`` without the kind nouns that another word makes another thing
    (研发基地 when 实训基地 is the thing); a bare one (园区于…, 本园区) stays.

    >>> _without_other_kinds("实训基地", "结合研发基地，本基地于 2002 年启用")
    '结合研发，本基地于 2002 年启用'
    """
    def kept(m: re.Match[str]) -> str:
        before = m.group(1)
        other = len(before) == 2 and not _DETERMINER.search(before) and before not in thing
        return before if other and m.group(2) in thing else m.group(0)

    return _KIND_NOUN.sub(kept, text)


def measured(question: str) -> re.Pattern[str] | None:
    """What a sentence must say beside an amount a question asks for: a word of
    the kind of amount it names (tax, revenue, budget...), any of them when it
    names several joined (營收和稅收), the first in :data:`MEASURES` (the more
    specific: tax in "tax revenue") when they are not; None when it names none.

    >>> measured("園區去年繳了多少稅？").search(fold("稅收達 30 億元")) is not None
    True
    >>> measured("園區去年繳了多少稅？").search(fold("營收達 30 億元")) is None
    True
    >>> measured("What is the park's annual budget?").search("经费 3 亿元") is not None
    True
    >>> measured("園區有多大？") is None
    True
    >>> measured("How much tax revenue did it bring in?").search("营收达 30 亿元") is None
    True
    """
    asking = _asking(question)
    states = [s for asks, s in MEASURES if re.search(asks, asking)]
    if len(states) > 1 and not JOINING.search(asking):  # tax revenue, 稅收收入: a tax
        states = states[:1]
    return re.compile("|".join(states)) if states else None


# a kind of amount that a word before it narrows (出國經費, 研發經費, 人事預算)
_QUALIFIED = re.compile(r"([\u4e00-\u9fff]{2})(?=经费|预算)")
# characters that make the two before a kind word no qualifier (园区的经费, 花了多少经费)
_NO_QUALIFIER = re.compile(r"[的之了有是在和与及或共总约花用这那该其多少几年度每全]")


def qualifiers(folded: str) -> list[str]:
    """The words narrowing a kind of amount in ``folded`` text (two characters
    right before 經費, 預算...), without function words or a year's part.

    >>> qualifiers("这趟考察花了多少出国经费"), qualifiers("园区的年度预算")
    (['出国'], [])
    """
    return [q for q in _QUALIFIED.findall(folded)
            if not _NO_QUALIFIER.search(q)]


def other_qualifier(question: str, window: str) -> bool:
    """Whether ``window`` (folded text beside a figure) states an amount of the
    asked kind narrowed otherwise than asked: 研發經費 when 出國經費 is asked
    (no character shared); not when it names the asked qualifier anywhere, nor
    when it narrows the amount by no word.

    >>> other_qualifier("考察花了多少出國經費？", "2014 年上海市研发经费投入 862 亿元")
    True
    >>> other_qualifier("考察花了多少出國經費？", "出国考察经费 30 万元")
    False
    >>> other_qualifier("研究經費有多少？", "研发经费 3 亿元")  # 研 shared: the same amount
    False
    >>> other_qualifier("園區的經費有多少？", "研发经费 3 亿元")  # nothing narrows the asked
    False
    """
    asking = _asking(question)
    asked = qualifiers(asking)
    before = [asking[max(0, asking.find(q) - 2): asking.find(q)] for q in asked]
    if not asked or any(q in window for q in [*asked, *before] if len(q) == 2):
        return False  # (出國考察經費: 出國 named too)
    stated = qualifiers(window)
    return bool(stated) and not any(set(q) & set(s) for q in asked for s in stated)


def of_any_kind(unit: re.Pattern[str]) -> bool:
    """Whether a figure in ``unit`` may measure anything (a sum of money, a
    share, a bare number), so that the kind asked must be said beside it; a
    count of people, an area or a span of time already says what it measures.

    >>> of_any_kind(re.compile(MONEY)), of_any_kind(re.compile(r"\\d+\\s*名"))
    (True, False)
    """
    return unit.pattern in (MONEY, PERCENT) or unit.pattern.startswith(ANY_FIGURE)


def with_stated_word(question: str) -> str:
    """``question`` with the word a report states its asked amount by, when it
    asks in other words: an area asked as how large a piece of land is (「整塊地
    有多大」) is written 面積 beside the figure, which the search should look for.

    >>> with_stated_word("那個園區整塊地有多大？")
    '那個園區整塊地有多大？ 面積'
    >>> with_stated_word("園區面積多大？"), with_stated_word("園區有幾家企業？")
    ('園區面積多大？', '園區有幾家企業？')
    >>> with_stated_word("What is the park's land area?")  # the dictionary's 面积 serves it
    "What is the park's land area?"
    """
    if not re.search(r"[\u4e00-\u9fff]", question):  # an English question stays English
        return question
    unit = expected_unit(question)
    if unit is not None and unit.pattern == AREA and not re.search(r"面[積积]", question):
        return f"{question} 面積"
    return question
