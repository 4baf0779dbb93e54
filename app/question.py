"""One analysis of a question, made once and read by every stage.

:func:`analyse` turns the text of a question into a :class:`Question`: its
language, its content words and which of them are asked about (focus), the
bigrams the reader and the evidence score look for, the figure and unit it asks
for, whether it asks for a person or a place, the years, days and Latin names it
names, and what a list question lists. The retriever's reranker, the
answerability signals, the extractive reader and the prompt's context cut all
read this one object; it is built on the first call for a text and kept (an LRU
cache), so a request analyses its question once, whichever stage asks first.

>>> q = analyse("示範園區2019年的營業總額是多少？")
>>> q.language, q.years, [t.word for t in q.terms if t.focus], q.unit is not None
('zh', ('2019',), ['营业', '总额'], True)
>>> analyse("Who chairs ASPA?").names, analyse("Who chairs ASPA?").kind is not None
(('ASPA',), True)
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from app.answer_kinds import answer_field, answer_kind
from app.answerability import Term, is_name, question_terms
from app.bodies import whole_names
from app.change_asked import asks_change
from app.citations import bigrams
from app.counted import counted_grams
from app.kinds import asked_kind
from app.language import detect_language, fold
from app.questions import (
    asked_part,
    expected_unit,
    question_grams,
    questioning_clauses,
    western_years,
)
from index.glossary import STOPWORDS

ANALYSED = 512  # questions kept analysed (a chat turn asks one or two)

_HEAD = re.compile(r"的([^的，,。？?！!；;]+)[？?。！!]?\s*$")
_EN_WORD = re.compile(r"[A-Za-z][A-Za-z\-]{2,}|\d+(?:[.,]\d+)*")
_EN_STOP = frozenset([
    "the", "and", "what", "which", "who", "when", "where", "how", "does", "did", "are",
    "was", "were", "for", "with", "from", "that", "this", "report", "reports", "about",
    "into", "their", "its", "there", "have", "has", "many", "much",
])
YEARS = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)|(?<!\d)1[01]\d(?=\s*年)")
DAYS = re.compile(r"(?<!\d)(1[0-2]|0?[1-9])\s*月\s*([12]\d|3[01]|0?[1-9])\s*日")
# a capitalised word (not a preposition) right before a year makes the year part of a name
_NAMED_BY = re.compile(
    r"\b(?!(?:In|On|At|By|Of|For|From|Since|Until|During|Before|After|Between|To|And|IN|ON"
    r"|FY|Year|Fiscal|Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Sept|Oct|Nov|Dec"
    r"|January|February|March|April|June|July|August|September|October|November"
    r"|December)\b)[A-Z][A-Za-z\-]*\s*$"
)
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z0-9\-]{2,}\b")
# A question for a list of points: 哪些, 哪幾點, 有幾項 ...
LIST = re.compile(
    r"有?(?:哪些|哪[幾几])(?:點|点|項|项|個|个|種|种|類|类|大)?|[幾几](?:點|点|項|项|大)"
)


@dataclass(frozen=True)
class Question:
    """What a question asks, analysed once (see :func:`analyse`)."""

    text: str
    language: str  # "zh" or "en" (:func:`app.language.detect_language`)
    terms: tuple[Term, ...]  # content words, focus marked
    grams: frozenset[str]  # bigrams without question words (ROC years made Western)
    order: tuple[str, ...]  # the folded bigrams in reading order, repeats kept
    head: frozenset[str]  # bigrams of the noun asked about (after the last 的)
    latin_terms: frozenset[str]  # Latin words and numbers, lower-cased, not stop-words
    unit: re.Pattern[str] | None  # what a sentence stating the asked figure contains
    kind: re.Pattern[str] | None  # a person (who?), a place (where?) or a cause (why?)
    field: re.Pattern[str] | None  # a form's line that answers it (「地點：…」 for where?)
    counted: frozenset[str]  # bigrams of what a count counts (多少家「在孵企業」)
    years: tuple[str, ...]  # years named (Western, as in the text or ROC-converted)
    dated: tuple[str, ...]  # those of its asking clauses that date it (not INNOFAIR 2023)
    days: tuple[str, ...]  # days named, as "12月5日"
    names: tuple[str, ...]  # capitalised Latin words that may name something
    asked: tuple[str, ...]  # what a list question lists (「哪幾項參訪目的」: 参访, 目的)
    listing: bool  # it asks for several things (哪些, 哪幾項, "which four")
    beyond_figure: bool  # one part asks a figure, another who, which or what
    change: bool  # it asks how a figure changed (怎麼變, 增加到多少, "how did … change")

    @property
    def english(self) -> bool:
        """Whether the question is in English."""
        return self.language == "en"


@functools.lru_cache(maxsize=ANALYSED)
def analyse(text: str) -> Question:
    """The :class:`Question` of ``text`` (kept: the same object for the same text).

    >>> analyse("考察團3月8日參觀了哪些工廠？").days
    ('3月8日',)
    >>> analyse("這份計畫列出哪幾項工作重點？").asked
    ('工作', '重点')
    >>> analyse("這份計畫列出哪幾項工作重點？").listing, analyse("計畫何時開始？").listing
    (True, False)
    """
    language = detect_language(text)
    western = western_years(text)
    asks = asked_part(text)  # a follow-up's context names, but does not ask
    terms = tuple(question_terms(text))
    grams = frozenset(question_grams(western))
    folded = fold(western)
    return Question(
        text=text,
        language=language,
        terms=terms,
        grams=grams,
        order=tuple(folded[i : i + 2] for i in range(len(folded) - 1)),
        head=frozenset(head_grams(text)) & grams,
        latin_terms=frozenset(
            w.lower() for w in _EN_WORD.findall(text) if w.lower() not in _EN_STOP
        ),
        unit=expected_unit(asks),
        kind=answer_kind(asks),
        field=answer_field(asks),
        counted=frozenset(counted_grams(asks)),
        years=tuple(YEARS.findall(western_years(asks))),
        dated=tuple(dating_years(western)),
        days=tuple(f"{int(m)}月{int(d)}日" for m, d in DAYS.findall(asks)),
        names=tuple(latin_names(text)),
        asked=tuple(asked_words(asks)),
        listing=asks_list(asks),
        beyond_figure=asks_beyond_figure(asks),
        change=asks_change(asks),
    )


# the parts of a question: its clauses, and in English the clauses "and" joins to a
# question word ("Who chaired it, and what did sales reach?")
_PART = re.compile(
    r"[？?，,；;。!！]|\band\s+(?=(?:what|which|who|whom|whose|when|where|how|why)\b)", re.I
)
# a question word that asks for a thing, a person or a place, not whether (嗎, 是否),
# nor 如何 or 為何, which ask for the figures too (「與前一年相比如何？」)
_WH = re.compile(r"谁|哪|什么|甚么|怎么|怎样|为什么|何处|何地|何人|何者|何种"
                 r"|\b(?:what|which|who|whom|whose|when|where|how|why)\b", re.I)
# an English relative clause (", which opened in 2005") describes, it does not ask
_RELATIVE = re.compile(r",\s*(?:which|who|whom|whose|where)\b[^,?]*", re.I)


def asks_beyond_figure(question: str) -> bool:
    """Whether one part of ``question`` asks for a figure (:func:`expected_unit`)
    and another for something else: who, which one, what, where, why. Such a question is
    answered in part when its figure is not there, so a missing figure alone does
    not make it a refusal (app.verdict).

    >>> asks_beyond_figure("誰出資成立這家公司？最大股東占多少？")
    True
    >>> asks_beyond_figure("Which park is it, and when was it founded?")
    True
    >>> asks_beyond_figure("園區有多少家企業，面積多大？"), asks_beyond_figure("股東是誰？")
    (False, False)
    >>> asks_beyond_figure("營收多少？與前一年相比如何？")
    False
    >>> asks_beyond_figure("What revenue did the park report, which opened in 2005?")
    False
    """
    parts = [(p, expected_unit(p) is not None) for p in _PART.split(_RELATIVE.sub("", question))
             if p]
    return any(figure for _, figure in parts) and any(
        not figure and _WH.search(f"{fold(p)} {p}") for p, figure in parts)


def dating_years(text: str) -> list[str]:
    """The years of ``text``'s clauses that ask (:func:`app.questions.questioning_clauses`)
    that date what it asks about: not a year in a clause that sets the scene
    (「根據 2023 年的報告，…有多少家？」), nor one that numbers a name (INNOFAIR
    2023, Vision 2050: a capitalised word before it that is not a preposition or
    a month, and no 年 after it).

    >>> dating_years("How many attended SCIENCEPARK INNOFAIR 2023 in 2022?")
    ['2022']
    >>> dating_years("What was the budget in December 2021?"), dating_years("2014年的營收是多少？")
    (['2021'], ['2014'])
    >>> dating_years("2023年參訪的園區，有多少家企業？"), dating_years("ITPU 2023年的營收是多少？")
    ([], ['2023'])
    """
    found: list[str] = []
    for clause in questioning_clauses(text):
        for year in YEARS.finditer(clause):
            named = _NAMED_BY.search(clause[: year.start()])
            if not named or re.match(r"\s*年", clause[year.end() :]):
                found.append(year.group(0))
    return found


# places named relative to the speaker (外國公司, 本地廠商, 全國): jieba tags them as
# places, but they name no one place a passage must mention
RELATIVE_PLACES = frozenset([
    "外国", "国外", "海外", "境外", "本地", "当地", "国内", "境内", "全国", "全球", "世界", "各国",
    "本国",
])
# words jieba tags as names that are common words or abbreviations (研發, GDP), naming no one
# park, body or place a passage must mention
COMMON_NAMES = frozenset(["研发", "城市", "gdp", "ceo", "cpi"])


def names_no_one(word: str) -> bool:
    """Whether a word jieba tags as a name names no one thing: a place named
    relative to the speaker (外國, or a word led by one: 外國投資) or a common word.

    >>> names_no_one("外国投资"), names_no_one("研发"), names_no_one("泰国")
    (True, True, False)
    """
    return word in COMMON_NAMES or word.startswith(tuple(RELATIVE_PLACES))


# a question word up to four characters before a name makes the name what is asked
# (哪個城市, 哪些泰國城市), not whose
_ASKED_BEFORE = re.compile(r"(?:哪|什么|甚么|何)\S{0,4}$")


@functools.lru_cache(maxsize=ANALYSED)
def subject_names(text: str) -> tuple[str, ...]:
    """The names a Chinese question asks about: its words that are names
    (:func:`app.answerability.is_name`) in a clause that asks, not the thing a
    question word asks for (哪個城市). A figure stated in a passage that names
    none of them is another's figure. An English question's are its capitalised
    words (app.subjects reads them by their Chinese names).

    >>> subject_names("泰國科學園區的營業額是多少？")
    ('泰国',)
    >>> subject_names("張江高科技園區的預算是多少？")  # the words cut it 張江高|科技|園區
    ('张江',)
    >>> subject_names("跟泰國簽約的那個單位，它有多少員工？"), subject_names("哪些城市有多少台商？")
    ((), ())
    >>> subject_names("外國公司在泰國開了多少家工廠？")  # 外國 names no one place
    ('泰国',)
    """
    asked = analyse(text)
    if asked.english:  # its capitalised words, checked by their Chinese names
        return tuple(latin_names(asked_part(text)))
    clauses = [fold(c) for c in questioning_clauses(text)]
    found: list[str] = []
    # its words, and the names jieba finds in a body's whole name (张江 in 张江高科技园区,
    # which the question's words cut as 张江高; 苏州 in 苏州工业园区, one word to jieba,
    # which a passage naming any 工业园区 would half match)
    for word in dict.fromkeys([*(t.word for t in asked.terms), *whole_names(fold(text))]):
        if len(word) < 2 or not is_name(word) or names_no_one(word):
            continue
        if any(word in c and not _ASKED_BEFORE.search(c[: c.index(word)]) for c in clauses):
            found.append(word)
    return tuple(found)


# an English question for several things: "which four parks", "what are the aims"
_EN_LIST = re.compile(
    r"\bwhich (?:two|three|four|five|six|seven|eight|nine|ten|\d+)\b|\bwhat (?:are|were) the\b"
    r"|\b(?:list|name) (?:the|all)\b|\bwhat kinds? of\b|\bwho (?:are|were) the\b"
    # which or what + a plural noun ("which science parks does", "what incentives")
    r"|\b(?:which|what)\s+(?:[a-z-]+\s+){0,3}?(?!(?:does|has|was|this|its|his|less|news)\b)"
    r"[a-z-]{2,}(?<![su'i])s\b(?=\s+(?:are|were|do|did|does|have|has|had|will|would|can|could)\b)",
    re.I)


def asks_list(asks: str) -> bool:
    """Whether a question's asking part ``asks`` asks for several things (哪些,
    哪幾項, "which four"); read once, as :attr:`Question.listing`.

    >>> asks_list("紫竹園區的瓶頸有哪些？"), asks_list("Which four parks does it run?")
    (True, True)
    >>> asks_list("園區成立於哪一年？"), asks_list("Who runs the park?")
    (False, False)
    >>> asks_list("Which science parks does it run?"), asks_list("So what does the park do?")
    (True, False)
    >>> asks_list("Which universities are near it?")  # a kind's names: app.kinds
    False
    >>> asks_list("Which city hosts the fair?")  # a verb, not a plural noun
    False
    """
    if LIST.search(asks):
        return True
    # "which universities": names of a kind are asked (app.kinds), not any enumeration
    return bool(_EN_LIST.search(asks)) and asked_kind(asks) is None


def head_grams(question: str) -> set[str]:
    """Bigrams of the noun a Chinese question asks about: the words after its
    last 的 ("A 的 B": B is what is asked of A).

    >>> sorted(head_grams("這個園區的股東結構?"))
    ['东结', '结构', '股东']
    >>> head_grams("誰是主任？")
    set()
    """
    found = _HEAD.search(fold(question).strip())
    return bigrams(found.group(1)) if found else set()


def latin_names(question: str) -> list[str]:
    """Capitalised words of an English question that may name something (not
    its question and function words).

    >>> latin_names("How many firms does IT Park Uzbekistan have?")
    ['Park', 'Uzbekistan']
    """
    return [n for n in _LATIN_NAME.findall(question) if n.lower() not in STOPWORDS]


def asked_words(question: str) -> list[str]:
    """What a list question asks for: the content words after its question word
    (「設定了哪幾項參訪目的」), or, when none follow, its focus words before it
    (「心得與建議有哪幾點」); [] for a question that asks for no list.

    >>> asked_words("這趟考察訂下哪幾項參訪目的？"), asked_words("結論與建議有哪幾點？")
    (['参访', '目的'], ['建议'])
    >>> asked_words("這個園區成立於哪一年？"), asked_words("發展格局是幾區幾園？")
    ([], [])
    """
    found = LIST.search(question)
    if found is None:
        return []
    after = [t.word for t in question_terms(question[found.end() :]) if len(t.word) > 1]
    return after or [t.word for t in question_terms(question) if t.focus and len(t.word) > 1]
