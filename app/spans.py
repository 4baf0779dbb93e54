"""How long: a span of time a sentence states (3 年, 自 2018 年起), told from a
point in time (2021 年簽約 says when, not how long)."""

from __future__ import annotations

import re

from app.counted import COUNT_WINDOW
from app.language import fold
from app.measures import EVENTS, dated_event
from app.questions import western_years
from app.units import CALENDAR_YEAR, SPAN


def spans(question: str, sentence: str) -> bool:
    """Whether ``sentence`` says how long what ``question`` asks lasts: a span
    (3 年, 六個月); a date that opens or closes a range of dates (3 月 2 日至 9 日,
    2021-2025 年); or a year the sentence marks as a start (自 2018 年起, 2018 年以來)
    or that stands beside a start (founded, opened: 成立於 1998 年 for 成立幾年了 or
    運作多久了; for how long someone has held a post, the post taken,
    :func:`app.measures.dated_event`). A year alone says when, not how long: 「2021 年
    簽約」 does not give a memorandum's term. Republic-of-China years are read as
    Western ones (112 年 is 2023).

    >>> spans("備忘錄的效期是幾年？", "2021 年 3 月簽署備忘錄"), spans("效期幾年？", "效期 3 年")
    (False, True)
    >>> spans("園區成立幾年了？", "園區成立於 1998 年"), spans("會期多久？", "3 月 2 日至 9 日")
    (True, True)
    >>> spans("執行多久了？", "自 2018 年起執行"), spans("效期幾年？", "效期 2021-2025 年")
    (True, True)
    >>> spans("效期幾年？", "於 110 年 3 月簽署"), spans("效期幾年？", "增至 2021 年的 5 億")
    (False, False)
    >>> spans("他擔任院長幾年了？", "自 2018 年起推動計畫")  # a start, but not of his post
    False

    A fixed term (效期, 期限, 為期, "the term") is not told by its start:

    >>> spans("合約的期限多長？", "自 2019 年簽約後往來頻繁"), spans("期限多長？", "為期 3 年")
    (False, True)
    >>> spans("主任的任期幾年？", "自 2020 年起擔任主任")
    False
    """
    sentence = western_years(sentence)
    event = dated_event(question)
    term = _TERM.search(question) is not None
    for found in re.finditer(SPAN, sentence):
        if not _WHEN.fullmatch(found.group(0).strip()):
            return True
        before = sentence[max(0, found.start() - COUNT_WINDOW): found.start()]
        after = sentence[found.end(): found.end() + COUNT_WINDOW]
        if _RANGE_AFTER.match(after) or _RANGE_BEFORE.search(before):
            return True
        beside = fold(before + found.group(0) + after)
        if term:  # a fixed term: only a span or a range of dates tells it
            continue
        if event is not None and event.pattern == _TAKING_OFFICE:  # his post: its own start
            if event.search(beside):
                return True
        elif not term and (_SINCE_BEFORE.search(before) or _SINCE_AFTER.match(after)
                           or _ANY_START.search(beside)):
            return True
    return False


# a point in time, not a span: a calendar year (2023 年) or a month of a date (6 月)
_WHEN = re.compile(rf"{CALENDAR_YEAR}|[\d一二三四五六七八九十]+\s*月")
# a date opening a range (3 月 2 日「至 9 日」, 2021「-2025」), or closing one
_RANGE_AFTER = re.compile(
    r"\s*(?:\d{1,2}\s*[日號号])?\s*(?:至|到|~|～|–|—|－|-)\s*[\d一二三四五六七八九十]")
_RANGE_BEFORE = re.compile(r"\d\s*[年月日號号]?\s*(?:至|到|~|～|–|—|－|-)\s*$")
# a year marked as where something began: 自/從 2018 年(起), 2018 年以來, "since 2018"
_SINCE_BEFORE = re.compile(r"(?:[自從从]|\bsince)\s*$", re.I)
_SINCE_AFTER = re.compile(
    r"\s*(?:\d{1,2}\s*月\s*)?(?:\d{1,2}\s*[日號号]\s*)?(?:起|以[來来]|至今|迄今)")
# how long a body has been or run: a year beside any start (founded, opened) answers; how
# long someone has held a post, only the year the post was taken (EVENTS' last)
_ANY_START = re.compile("|".join(states for _, states in EVENTS))
_TAKING_OFFICE = EVENTS[-1][1]
# a fixed term asked (效期, 期限, 任期, 為期, 適用, "the term", "valid", "how long does it last"):
# a length set in advance, which a start year alone does not give
_TERM = re.compile(r"效期|期限|任期|[為为]期|合約期|合约期|契約期|契约期|適用|适用"
                   r"|(?<![-\w])(?<!in )terms?\b|\bvalid\b|\bvalidity\b|\bexpire"
                   # "how long does it last / will it apply" (not "how long has it run")
                   r"|\b(?:does|do|did|will)\b[^?]{0,80}\b(?:last|apply|run)\b", re.I)
