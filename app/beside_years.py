"""A year named by its place beside the one a chat's last question named: 「那前
一年呢？」, 隔年, "the year before", "a year later" after 「紫竹2014年的營收？」 mean
2013 or 2015, and the year check (:mod:`app.years`) can only read them written out.

General language knowledge, with its exceptions: not inside a longer word (提前一年,
延後一年, 之後一年, 最後一年, 每隔年, 隔年舉辦) nor a span (後一年內); not counted from an
event (成立前一年, "a year before they merged"); not when the question compares the
two years (比前一年多多少, "than the year before") or names a year of its own.

>>> dated("那前一年呢？", "紫竹2014年的營收？")
('那2013年呢？', '紫竹2013年的營收？')
"""

from __future__ import annotations

import re

from app.language import detect_language, fold
from app.questions import ASKING

# English: the phrase ends its clause ("the year before?", not "the year before last",
# "a year before the merger", "the previous year's budget")
_EN_GLUE = r"(?:\b(?:in|for|during|of|from)\s+)?"
_EN_END = r"(?=\s*(?:[?？.,;:!)]|$))"
BEFORE = re.compile(
    r"(?:(?<![提目之此其再前])前一年|(?<![加再第上])上一年)(?![內内])"
    f"|{_EN_GLUE}\\bthe (?:previous year|year before){_EN_END}"
    f"|\\b(?:a|one) year (?:earlier|before){_EN_END}",
    re.I,
)
AFTER = re.compile(
    r"(?:(?<![最之延落然以此其隨随前剩])[後后]一年|(?<![剩下])下一年|(?<!每)隔年|翌年)"
    r"(?![內内]|舉辦|举办|辦理|办理|一次)"
    f"|{_EN_GLUE}\\bthe (?:following|next) year{_EN_END}"
    f"|\\b(?:a|one) year later{_EN_END}",
    re.I,
)
# a question comparing with the year beside asks of both years, not of that one
_COMPARES = re.compile(
    r"比(?![例重率])|較|较|(?<!出)差(?![旅額额])|增(?!設|设|加值)|[減减](?!免)|成長|成长|變化|变化|"
    r"多了|[多高低]多少|少了|高出|相差|"
    r"\bthan\b|\bcompar|\bvs\b|\bversus\b|\bdiffer|\bhigher\b|\blower\b|\bmore\b|\bless\b|"
    r"\bfewer\b|\b(?:increas|decreas)|\bchang(?:e|es|ed|ing)\b|\b(?:rise|rises|rose|risen)\b|"
    r"\b(?:grew|grow|grows|growth|drop|dropped|fell|fall)\b",
    re.I,
)
# a year: not part of a longer number (2014.5, 12,019, 2014/15) nor a count (2019家)
_YEAR = re.compile(r"(?<![\d.,/])((?:19|20)\d\d)(?!\d|[.,/]\d|\s*[%萬万億亿元家人個个名件項项])")
# what a question asks besides "what": its kind must not change when a year moves
_EN_WH = re.compile(r"\b(?:where|when|who|whom|whose|why|which|how)\b", re.I)
_NEUTRAL = frozenset({"什么", "甚么", "吗", "呢", "是否", "有没有"})
_SAME = {"几": "多少"}  # 幾家 asks what 多少家 does


def dated(question: str, previous: str) -> tuple[str, str]:
    """``question`` with a year named beside the previous question's written
    out, and ``previous`` moved to that year; both as they were when there is not
    exactly one such phrase, when the question names a year of its own or
    compares, or the previous question names not one year (or an ROC one too).

    >>> dated("And what was it the year before?", "How much was spent in 2014?")
    ('And what was it in 2013?', 'How much was spent in 2013?')
    >>> dated("隔年呢？", "2014年與2015年的營收？")  # two years: which one?
    ('隔年呢？', '2014年與2015年的營收？')
    >>> dated("比前一年多多少？", "紫竹2014年的營收？")[0]  # compares 2014 with 2013
    '比前一年多多少？'
    >>> dated("那合併前一年呢？", "紫竹2014年的營收？")[0]  # a year before the merger
    '那合併前一年呢？'
    """
    before, after = BEFORE.findall(question), AFTER.findall(question)
    years = set(_YEAR.findall(previous))
    if (len(before) + len(after) != 1 or len(years) != 1 or _YEAR.search(question)
            or _COMPARES.search(question) or "民國" in previous or "民国" in previous):
        return question, previous
    phrase = BEFORE if before else AFTER
    found = phrase.search(question)
    if found is None or _after_event(question[: found.start()]):
        return question, previous
    year = str(int(years.pop()) + (-1 if before else 1))
    written = f"in {year}" if detect_language(question) == "en" else f"{year}年"
    return phrase.sub(written, question, count=1), _YEAR.sub(year, previous)


def _after_event(head: str) -> bool:
    """Whether the Chinese words before a year phrase end with an event it is
    counted from (a verb: 合併前一年, 成立後一年), not a subject (上海前一年).

    >>> _after_event("那合併"), _after_event("上海"), _after_event("And")
    (True, False, False)
    """
    if not re.search(r"[\u4e00-\u9fff]\s*$", head):
        return False
    import jieba.posseg

    words = [w for w in jieba.posseg.cut(fold(head)) if w.word.strip()]
    return bool(words) and words[-1].flag in ("v", "vn")


def asks(question: str) -> frozenset[str]:
    """What kind of thing a question asks, by its question words ("what" and
    other words that ask nothing in particular left out).

    >>> sorted(asks("前一年在哪裡辦？")), sorted(asks("How many firms, and where?"))
    (['哪里'], ['how', 'where'])
    >>> asks("前一年有幾家？") == asks("2014年有多少家企業？")
    True
    """
    if detect_language(question) == "en":
        return frozenset(w.lower() for w in _EN_WH.findall(question))
    found = {_SAME.get(w, w) for w in re.findall(ASKING, fold(question))}
    return frozenset(found - _NEUTRAL)
