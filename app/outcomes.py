"""Whether a plan came true: a report cannot say what happened after it was
written.

A report states plans (「預計 2016 年 1 月發布」, "the goal is $300 million"),
and an analyst asks whether they came true (「後來到底有沒有開起來？」, "Did it
actually reach its goal?"). Sentences that state only the plan do not answer
that: the answer is that the reports do not say.

General language knowledge: the words that ask about a later outcome (後來,
最後 or 到底 with 有沒有, 是否, 實際; "actually", "eventually") and the words that
state a plan or an expectation (預計, 可望, 目標, 規劃; "goal", "plan", "expect").
Likewise a question asking an actual figure (實際, 真正; "actual") is not
answered by a figure stated as a goal or a capacity (「目標是 3 億美元」,
「可容納 50 家」): :func:`planned_only`.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language import NAMED, fold
from app.questions import asked_part

# later, finally, in the end ... whether, actually, on time (folded to Simplified)
_LATER_ZH = re.compile(
    r"(?:后来|最后|最终|到底|后续)[^，,。？?]*?(?:有没有|是否|实际|真正|真的|如期|达标|成功"
    r"|了没有?|了吗)")
_LATER_EN = re.compile(
    r"\b(?:actually|eventually|ultimately|in the end|later on|end(?:ed)? up)\b", re.I)
# a plan, a goal or an expectation, not an outcome
_PLAN = re.compile(
    r"预计|预期|可望|计划|规划|目标|希望|未来|将于|即将|拟|争取|期许|期望|预定|探索|筹[设建备]"
    r"|\bgoals?\b|\btargets?\b|\bplans?\b|\bplanned\b|\bexpect|\baims?\b", re.I)
# what says a thing came about, after a plan or a delay (才於, 終於, 延至, 已於; folded)
_HAPPENED = re.compile(r"才(?:于|在|\s*\d)|终于|延后|延至|延到|改于|改在|已于|如期")
_CLAUSE = re.compile(r"[，,。；;！!？?]")
# what says a thing has come about, whatever else the sentence plans (已於 2018 年開業)
_DONE = re.compile(r"已于|已在\s*\d|终于|如期|正式(?:成立|启用|开业|开幕|营运)")
_SET = re.compile(r"原定|原订|原本|原先|本来")  # what was first set (folded)
# what a figure may be stated as instead of what was reached: a goal or a plan (not 未來, which
# names things: 未來科技園區), or what something can hold
_GOAL = re.compile(
    r"目标|预计|预期|预定|计划|规划|规画|(?<![虚模])拟|争取(?!到)|期望|期许"
    r"|\bgoals?\b|\btargets?\b|\bplan(?:s|ned)?\b|\baim(?:s|ed)?\b|\bexpect", re.I)
_CAPACITY = re.compile(
    r"容纳|可容|可供|最多可|上限|\bcapacity\b|\b(?:can|could|able to) (?:hold|host|accommodate)"
    r"|\broom for\b", re.I)
# ... and what says it was reached (实际达, 已进驻, 超越目标)
_REACHED = re.compile(r"实际|已|达到|达成|完成|超越|超过|突破|迄今|至今|累计|截至|争取到"
                      r"|\bactual|\breached\b|\bachieved\b|\bso far\b|\bto date\b", re.I)
# asks what actually is or was (实际进驻, 真正到位, "actual exports"), or what has been
# reached by now (至今投資了, 已經有, "so far", "to date"), not what was planned
_ACTUAL = re.compile(
    r"实际|真正|实有|至今|迄今|(?:到|截至|截止)?目前为止|截[至止]目前|累计|已经"
    r"|\bactual(?:ly)?\b|\breal(?:ly)?\b(?! estate)|\bso far\b|\bto date\b|\bthus far\b"
    r"|\balready\b", re.I)


def asks_outcome(question: str) -> bool:
    """Whether ``question`` asks if, or when, something later came about.

    >>> asks_outcome("那座橋後來到底有沒有蓋好？"), asks_outcome("Did the fund actually open?")
    (True, True)
    >>> asks_outcome("那條路後來是哪一年真正通車的？"), asks_outcome("那家銀行後來開張了沒有？")
    (True, True)
    >>> asks_outcome("第一屆原定何時辦理？後來在哪裡舉行？"), asks_outcome("報告最後的建議是什麼？")
    (False, False)
    """
    asks = asked_part(question)
    return bool(_LATER_ZH.search(fold(asks)) or _LATER_EN.search(asks))


# what talks came to, asked (談成了什麼, 簽了什麼協議, "what came out of", "what agreements";
# folded), and what a sentence says they came to (簽署, 達成, 協議, 備忘錄, "signed")
_TALKS = r"(?:talks?|negotiations?|discussions?|meetings?)"
_RESULT_ASKED = re.compile(
    r"谈成|(?<![要需得必])签(?:署|订|下)?了?(?:什么|哪些|哪份|何种|甚么)"
    r"|(?:洽谈|会谈|会晤|协商|谈判)的?(?:成果|结果|结论)"
    rf"|\bwhat (?:came|has come|resulted) (?:out )?of (?:[\w'-]+ ){{0,8}}?{_TALKS}\b"
    r"|\bwhat (?:agreements?|deals?|contracts?|mous?) (?:did|were|have|had|was)\b[^?]*"
    r"\b(?:sign|reach|conclud|strik|struck|made|make)"
    rf"|\b(?:outcomes?|results?) of (?:the |their |these |those )?{_TALKS}\b",
    re.I)
_RESULT_STATED = re.compile(
    r"签署|签订|签约|签下|签了|达成|协议|协定|备忘录|\bmou\b|共识|同意|决定|决议|敲定|合约|缔结"
    r"|促成|建立|成立|订单|\bsigned\b|\bagreed\b|\bagreements?\b|memorand|consensus"
    r"|\bconcluded\b|\breached\b", re.I)


def result_unstated(question: str, sentences: Sequence[str]) -> bool:
    """Whether ``question`` asks what talks came to (談成了什麼, 簽了什麼協議,
    "what came out of") and none of the ``sentences`` says they came to
    anything (簽署, 達成, 協議, 備忘錄, "signed"): 「雙方洽談合作」 says talks were
    held, not what they agreed.

    >>> result_unstated("兩位局長最後談成了什麼合作？", ["兩位局長洽談園區合作。"])
    True
    >>> result_unstated("兩位局長最後談成了什麼合作？", ["雙方簽署合作備忘錄。"])
    False
    >>> result_unstated("What came out of the mayor's talks with the park?", ["市長與園區洽談"])
    True
    >>> result_unstated("兩位局長洽談了什麼？", ["兩位局長洽談園區合作。"])  # what was discussed
    False
    >>> result_unstated("代表團簽署了哪些協議？", ["代表團與園區洽談合作。"])
    True
    >>> result_unstated("園區達成了哪些目標？", ["園區營收成長。"])  # goals met, not talks
    False
    """
    asks = asked_part(question)
    if not sentences or not (_RESULT_ASKED.search(fold(asks)) or _RESULT_ASKED.search(asks)):
        return False
    return not any(_RESULT_STATED.search(f"{fold(s)} {s}") for s in sentences)


def outcome_unstated(question: str, sentences: Sequence[str]) -> bool:
    """Whether ``question`` asks whether a plan came true and the ``sentences``
    a reader would quote state a plan or an expectation: they say what was
    intended, not what happened. Or it asks about the next time an event is held
    and they speak of no time to come (:func:`next_unstated`), or what talks came
    to and they say only that talks were held (:func:`result_unstated`).

    >>> outcome_unstated("那座橋後來到底有沒有蓋好？", ["大橋預計 2030 年完工。"])
    True
    >>> outcome_unstated("那座橋後來到底有沒有蓋好？", ["大橋已於 2020 年通車。"])
    False
    >>> outcome_unstated("大橋預計哪年完工？", ["大橋預計 2030 年完工。"])
    False
    >>> outcome_unstated("那座橋後來實際在哪年通車？",  # a clause says what happened
    ...     ["大橋原定 2020 年完工，因故延至 2022 年才通車。", "未來可望再延伸。"])
    False
    """
    if next_unstated(question, sentences):
        return True  # the next edition asked, of sentences about this one
    if result_unstated(question, sentences):
        return True  # what talks came to, of sentences saying only that they were held
    if not asks_outcome(question):
        return False
    folded = [fold(s) for s in sentences]
    if any(_plan_then_outcome(s) for s in folded):
        return False
    return any(_PLAN.search(s) and not _DONE.search(s) for s in folded)


# the next time an event is held, asked (下一屆, 下次, 明年, "the next fair"; folded)
_NEXT = re.compile(r"(?<![以之如底])下一?[次届场期回](?!间)|(?<![说证声表])明年(?!度)"
                   r"|\bnext (?:edition|year|fair|meeting|event|time|one)\b", re.I)
# ... and what a sentence about a coming time says (將於, 預計, 下屆, "will")
_FUTURE = re.compile(r"下一?[次届场期回]|明年|将|预计|预定|拟|规划|计划|未来|\bnext\b|\bwill\b"
                     r"|\bupcoming\b|\bplann?ed\b", re.I)


def next_unstated(question: str, sentences: Sequence[str]) -> bool:
    """Whether ``question`` asks about the next time an event is held and none of
    the ``sentences`` speaks of a time to come: this edition's venue does not say
    where the next one will be.

    >>> next_unstated("下一屆年會會在哪裡辦？", ["⚫ 地點： 國際會議中心"])
    True
    >>> next_unstated("下一屆年會會在哪裡辦？", ["下屆年會將於釜山舉行。"])
    False
    >>> next_unstated("年會在哪裡辦？", ["⚫ 地點： 國際會議中心"])
    False
    >>> next_unstated("Where will the next fair be held?", ["⚫ 地點： 國際會議中心"])
    True
    >>> next_unstated("下一屆年會在哪裡舉行？", ["第 41 屆年會擬於 2024 年在釜山舉辦。"])
    False
    >>> next_unstated("報告如何說明年度經費的用途？", ["經費用於研發。"])  # 說明 + 年度
    False
    """
    asks = asked_part(question)
    return bool(_NEXT.search(f"{fold(asks)} {asks}")) and not any(
        _FUTURE.search(f"{fold(s)} {s}") for s in sentences)


def _plan_then_outcome(sentence: str) -> bool:
    """Whether a (folded) sentence states a plan and, in a later clause, what came
    of it (「原定 2020 年辦理，卻延後至 2021 年才舉行」).

    >>> _plan_then_outcome("原定 2020 年办理，因故延至 2021 年才举行。")
    True
    >>> _plan_then_outcome("预计 2030 年完工。"), _plan_then_outcome("定位已经超越产业基地。")
    (False, False)
    """
    clauses = _CLAUSE.split(sentence)
    planned = [i for i, c in enumerate(clauses) if _PLAN.search(c) or _SET.search(c)]
    return bool(planned) and any(
        _HAPPENED.search(c) and not _PLAN.search(c) for c in clauses[planned[0] + 1:])


# now asked (目前, 現在, "today"), and a figure stated as it was at a past time (folded)
_NOW = re.compile(
    r"目前|现在|如今|现今|今天|至今|\b(?:now|today|currently|at present|these days)\b", re.I)
_THEN = re.compile(r"当时|成立之初|起步时|创立之初|最初|起初|\bat the time\b", re.I)
# ... and what says a sentence goes on to how it is now (現已, 已增至, 累計)
_SINCE = re.compile(r"现已|现有|已增|增至|增加到|扩增|累计|已达|已有|迄今|\bso far\b|\bhas grown\b",
                    re.I)


def then_only(question: str, sentence: str) -> bool:
    """Whether ``question`` asks what is so now (目前, today) and ``sentence``
    says how it was then (當時, 成立之初) and not now: its figure is a past one.

    >>> then_only("中心現在的廠房有多大？", "1990 年成立，當時廠房約 800 平方公尺。")
    True
    >>> then_only("中心現在的廠房有多大？", "當時 800 平方公尺，目前已達 5 萬平方公尺。")
    False
    >>> then_only("中心成立時廠房有多大？", "1990 年成立，當時廠房約 800 平方公尺。")
    False
    >>> then_only("園區目前有多少家企業？", "成立之初僅 10 家，至 2020 年已增至 300 家。")
    False
    """
    asks = asked_part(question)
    said = f"{fold(sentence)} {sentence}"
    return bool(_NOW.search(f"{fold(asks)} {asks}") and _THEN.search(said)
                and not _NOW.search(said) and not _SINCE.search(said))


def planned_only(question: str, clauses: Sequence[str]) -> bool:
    """Whether ``question`` asks an actual figure (實際, 真正, "actual") and every
    one of the ``clauses`` stating a figure in the asked unit states it as a
    plan, a goal or a capacity: 「2023 年的目標是 3 億美元」 and 「可容納 50 家」 do
    not say what was reached or how many are there. False when no clause is given.

    >>> planned_only("那棟樓實際進駐了幾家公司？", ["可容納 50 家公司"])
    True
    >>> planned_only("那棟樓實際進駐了幾家公司？", ["目前已進駐 30 家公司", "可容納 50 家"])
    False
    >>> planned_only("那棟樓可以容納幾家公司？", ["可容納 50 家公司"])
    False
    >>> planned_only("What were the actual sales in 2030?", ["2030 年的目標是 3 億美元"])
    True
    >>> planned_only("實際出口多少？", ["出口目標 3 億美元", "實際達 3.2 億美元"])
    False
    >>> planned_only("那棟樓實際能容納幾家公司？", ["可容納 50 家公司"])
    False
    >>> planned_only("基金至今投資了幾家公司？", ["可容納 50 家公司"])
    True
    >>> planned_only("How many firms has the fund backed so far?", ["目標投資 30 家"])
    True
    >>> planned_only("青禾計畫至今補助了幾家企業？", ["青禾計畫迄今補助 45 家企業"])
    False
    >>> planned_only("園區已經訂出的出口目標是多少？", ["2030 年出口目標為 50 億美元"])
    False
    """
    asks = asked_part(question)
    read = f"{fold(asks)} {asks}"
    if not clauses or not _ACTUAL.search(read) or _GOAL.search(read):
        return False  # (「已經訂出的目標是多少」 asks the goal itself)
    stated = [NAMED.sub("", f"{fold(c)} {c}") for c in clauses]  # 「育才計畫」 names, plans not
    if any(_REACHED.search(c) for c in stated):
        return False  # 「目標 3 億，實際達 3.2 億」, 「已進駐 35 家，超越目標」
    capacity = _CAPACITY.search(read) is None  # "how many can it really hold?" asks one
    return all(_GOAL.search(c) or (capacity and _CAPACITY.search(c)) for c in stated)
