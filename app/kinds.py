"""Which named thing: a question that asks which hotel, university or stock
exchange is answered by such a name, and in Chinese (and in the Latin names
reports keep) such a name carries its kind's word: 「華山飯店」, 「浦項科技大學」,
「上海證券交易所」, 「科創板」, "Hilton Hotel", "Bandung Institute of Technology". Sentences
that hold no such name beyond the question's own words (「引進世界一流大學」,
「代表團下榻的飯店」) do not say which.

A question asking which companies (「哪幾家公司」, "which firms") is answered by
any name, since a firm's seldom carries a kind's word (台積電, POSCO); sentences that
count firms and name none (「已有三家輔導企業上市」) do not say which.

Likewise a question asking what an abbreviation stands for (「IIC 是哪個組織的
縮寫？」) is answered by a sentence that spells it out: 「亞洲科學園區協會(Asian
Science Park Association, 簡稱 ASPA)」 (:func:`expansion_missing`).

General language knowledge: the kinds whose names end with the kind's word
(:data:`KINDS`; a company, an agency or a city often does not: 台積電, 國科會,
慶州), and the words before a kind's word that make it no name (該, 這家,
一流, 當地: :data:`_GENERIC`).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Hashable, Sequence
from dataclasses import dataclass

from app.language import fold
from app.name_numbers import meaning_missing
from app.questions import asked_part


@dataclass(frozen=True)
class Kind:
    """A kind of named thing: how a question asks for one (Chinese, folded to
    Simplified, and English) and how a sentence names one (the Chinese word
    that ends such a name, and the Latin words that mark one)."""

    asked_zh: str
    asked_en: str
    named_zh: str
    named_latin: str


KINDS = {
    "hotel": Kind("饭店|酒店|旅馆|宾馆", r"hotels?", "饭店|酒店|旅馆|宾馆",
                  r"(?<![A-Za-z])(?:Hotel|Resort|Inn)(?![A-Za-z])"),
    # 科學技術院 and 科大 (浦項科大) are universities too
    "university": Kind("大学|高校|名校", r"universit(?:y|ies)", "大学|学院|科学技术院|技术院|科大",
                       r"(?<![A-Za-z])(?:Universit(?:y|as|é|ät)|College|Institute?|Institut)"
                       r"(?![A-Za-z])"),
    # where a firm lists: a stock exchange, or one of its boards (科創板, 新三板)
    "exchange": Kind("交易所|证交所", r"stock\s+exchanges?|stock\s+markets?",
                     "交易所|交所|科创板|创业板|新三板|主板|中小板",
                     r"(?<![A-Za-z])(?:Exchange|NASDAQ|Nasdaq|KOSDAQ|KOSPI|NYSE)(?![A-Za-z])"),
}
# 哪 + a measure word + at most four characters of modifier + the kind's word, which
# ends the noun (not 「哪一年成立的大學」 or 「哪個國家的大學」, which ask a year or a country,
# nor 哪位大學教授 or 哪些大學生, which ask for people)
_ASKED_ZH = ("哪(?:一)?[家间所座个些几]?(?:(?!国家)[^\\s，,。？?、年月天里边种类]){{0,4}}?(?:{})"
             "(?!生|教授|老师|校长|部|城|院长|毕业)")
# which/what + at most two words + the kind's word, which must end the noun phrase
_ASKED_EN = (r"\b(?:which|what)\s+(?:[a-z-]+\s+){{0,2}}?(?:{})(?=\s+(?:is|was|are|were|did|"
             r"does|do|has|have|had|will|would|can|in|on|at|of|that|with)\b|\s*[?,.]|\s*$)")
# what may stand before a kind's word without naming one (Simplified)
_GENERIC = re.compile(
    r"(?:该|这|此|其|各|每|一流|知名|顶尖|著名|外国|国外|海外|当地|本地|相关|合作|附近|周边|"
    r"邻近|周围|[一二三四五六七八九十几数两多]\s*[所家间座个]|的|与|和|等|及|或|、|，|,|（|\()\s*$")
_NAME_CHARS = re.compile(r"[\u4e00-\u9fffA-Za-z]{2}")


def asked_kind(question: str) -> str | None:
    """The kind of named thing ``question`` asks which of (a key of :data:`KINDS`),
    or None.

    >>> asked_kind("代表團住在哪一家飯店？"), asked_kind("Which university is it part of?")
    ('hotel', 'university')
    >>> asked_kind("園區與哪兩所大學相連？"), asked_kind("哪些大學的學生來實習？")
    ('university', 'university')
    >>> asked_kind("已經談到哪一所國外名校要進駐？")
    'university'
    >>> asked_kind("Which upcoming university anniversary was named?") is None
    True
    >>> asked_kind("大學生創業中心有多少家企業？") is None
    True
    >>> asked_kind("哪位大學教授主持？"), asked_kind("與哪個國家的大學合作？")
    (None, None)
    >>> asked_kind("它們在哪個交易所上市？"), asked_kind("On which stock exchange is it listed?")
    ('exchange', 'exchange')
    >>> asked_kind("What exchanges did the two mayors have?") is None  # talks, not a market
    True
    """
    text = asked_part(question)  # a follow-up's context asks nothing
    folded = fold(text)
    for name, kind in KINDS.items():
        if re.search(_ASKED_ZH.format(kind.asked_zh), folded):
            return name
        if re.search(_ASKED_EN.format(kind.asked_en), text, re.I):
            return name
    return None


def names_kind(kind: Kind, question: str, sentences: Sequence[str]) -> bool:
    """Whether ``sentences`` name a thing of ``kind`` that ``question`` does not:
    the kind's word after two letters of a name that are not the question's, or
    a Latin word marking one.

    >>> hotel = KINDS["hotel"]
    >>> names_kind(hotel, "住在哪家飯店？", ["代表團下榻華山飯店。"])
    True
    >>> names_kind(hotel, "住在哪家飯店？", ["代表團下榻的飯店離會場很近。", "該飯店有餐廳。"])
    False
    >>> names_kind(hotel, "Which hotel?", ["入住 Lotte Hotel。"])
    True
    >>> names_kind(KINDS["university"], "首爾的哪所大學參與？", ["首爾大學參與了該計畫。"])
    True
    >>> names_kind(KINDS["exchange"], "在哪個交易所上市？", ["已有三家輔導企業上市。"])
    False
    """
    asked = fold(question)
    for raw in sentences:
        sentence = fold(raw)  # Simplified and lower-cased
        for found in re.finditer(kind.named_zh, sentence):
            before = sentence[max(0, found.start() - 2): found.start()]
            if (_NAME_CHARS.fullmatch(before) and before + found.group(0) not in asked
                    and not _GENERIC.search(sentence[: found.start()])):
                return True
        if any(_latin_name(raw, m, question) for m in re.finditer(kind.named_latin, raw)):
            return True
    return False


def _latin_name(text: str, marker: re.Match[str], question: str) -> bool:
    """Whether a capitalised word the question lacks stands next to a Latin
    ``marker`` (Lotte Hotel, University of Ulsan, Institut Teknologi Bandung).

    >>> text = "入住 Lotte Hotel。"
    >>> m = re.search("Hotel", text)
    >>> _latin_name(text, m, "Which hotel?"), _latin_name(text, m, "Is Lotte Hotel nice?")
    (True, False)
    """
    before = re.search(r"([A-Z][A-Za-z&'.-]*)\s*$", text[: marker.start()])
    after = re.match(r"\s*(?:of\s+|de\s+)?([A-Z][A-Za-z&'.-]*)", text[marker.end():])
    asked = _words(question)
    return any(m is not None and m.group(1).lower() not in asked for m in (before, after))


def _words(text: str) -> set[str]:
    """The Latin words of ``text``, lower-cased."""
    return {w.lower() for w in re.findall(r"[A-Za-z][A-Za-z&'.-]*", text)}


def kind_missing(question: str, sentences: Sequence[str],
                 sections: Sequence[Hashable] | None = None,
                 owned: Sequence[str] | None = None) -> bool:
    """Whether ``question`` asks which hotel or university (:func:`asked_kind`)
    and the ``sentences`` a reader would quote name none (:func:`names_kind`),
    or asks which companies and they name nothing at all (:func:`names_any`):
    nothing in the sections that count the firms (``sections``: one per sentence,
    its section; a list in another section names other things, while a list may go
    on in the next passage of the same one). Without ``sections``, all are one.
    ``owned``: those of the sentences about what the question asks about
    (:func:`app.about.about_subject`; all by default): a hotel or university named
    in a passage about another place is not the one asked (not read for which
    companies: their names carry no kind's word to tell whose they are).

    >>> kind_missing("考察團住在哪家飯店？", ["考察團入住園區附近的飯店。"])
    True
    >>> kind_missing("園區與哪所大學合作？", ["園區與清華大學合作。"])
    False
    >>> kind_missing("園區有多少員工？", ["園區有三百名員工。"])
    False
    >>> kind_missing("上市的是哪幾家公司？", ["已有三家輔導企業上市。"])
    True
    >>> kind_missing("哪家公司員工最多？", ["台積電員工最多。"])  # no count: a name
    False
    >>> kind_missing("上市的是哪幾家公司？", ["已有三家企業上市。", "從開公司、募資到上市"], "AB")
    True
    >>> kind_missing("甲園區與哪所大學合作？", ["乙園區與清華大學合作。"], owned=[])
    True
    """
    name = asked_kind(question)
    if name is not None:
        kept = sentences if owned is None else owned
        return bool(sentences) and not names_kind(KINDS[name], question, kept)
    if not asks_firms(question):
        return False
    where = list(sections) if sections is not None else [0] * len(sentences)
    counting = {p for s, p in zip(sentences, where, strict=True) if _FIRM_COUNT.search(fold(s))}
    # the names that answer stand near the count, in its section (「已有三家…：甲、乙、丙」)
    near = [s for s, p in zip(sentences, where, strict=True) if p in counting]
    return bool(counting) and not names_any(question, near)


# Asked which companies: 哪幾家公司 / 哪三家？ / 哪些企業, "which firms", refused only where the
# quotes count firms (「已有三家輔導企業上市」) and name none (:func:`names_any`; a firm's
# name seldom carries a kind's word: 台積電, POSCO, so any name answers).
_FIRM = "公司|企业|厂商|业者|新创"
# not 哪些企業家 / 企業服務 / 新創計畫 (people, services, programmes)
_NOT_FIRMS = "(?!家|主|界|代表|服务|辅导|资源|计划|政策|措施|方案|补助|治理|规模|文化|类型|种类)"
# 哪幾家 with a firm's noun or none after it; not 哪三間實驗室 (rooms) nor 哪幾家研究單位
_FIRMS_ZH = re.compile(f"哪(?:几|些|[一二三四五六七八九十两]|\\d+)家"
                       f"(?=(?:{_FIRM}){_NOT_FIRMS}|[？?，,。]|$)"
                       f"|哪(?:一)?[家间]?(?:{_FIRM}){_NOT_FIRMS}|哪些(?:{_FIRM}){_NOT_FIRMS}"
                       # the firms first, then which: 上市的那三家公司分別是哪幾家
                       f"|(?:{_FIRM})(?:分别|各)?(?:是|为|有)哪(?:些|几家)(?=[？?，,。]|$)")
# which / what firms; not "what kind of companies", "which company's", "which firms' owners"
_FIRMS_EN = re.compile(r"\bnames?\s+of\s+(?:the\s+|those\s+|these\s+|its\s+|their\s+)?"
                       r"(?:[a-z0-9-]+\s+){0,3}?(?:compan(?:y|ies)|firms?|businesses|enterprises|"
                       r"start-?ups?|manufacturers)\b(?!['’])"
                       r"|\b(?:which|what)\s+(?:(?!kinds?|types?|sorts?|sizes?|categor)[a-z-]+\s+)"
                       r"{0,2}?(?:compan(?:y|ies)|firms?|businesses|enterprises|start-?ups|"
                       r"manufacturers)\b(?!['’]|\s+(?:size|type|kind|culture|polic|service|"
                       r"program|owner|founder|head|leader|representative|executive|staff))", re.I)
# a count of firms: 三家輔導企業, 11 家獨角獸
_FIRM_COUNT = re.compile(f"(?:\\d+|[一二三四五六七八九十百两几数多]+)[家间个個]"
                         f"[\\u4e00-\\u9fff]{{0,4}}?(?:{_FIRM}|独角兽|厂)")
# a list (甲、乙), or names before 等 and a count (禾光電子等四家)
_ENUMERATION = re.compile(r"[\u4e00-\u9fffA-Za-z]{2,}、[\u4e00-\u9fffA-Za-z]{2,}"
                          r"|[\u4e00-\u9fff]{2,}等(?:\d+|[一二三四五六七八九十两几数多]+)[家间]")
_TITLED = re.compile(r"[「『《]([^」』》]{2,})[」』》]")
_FIRM_WORD = re.compile(r"公司|集团|银行")


def asks_firms(question: str) -> bool:
    """Whether ``question`` asks which companies (not which hotel or university).

    >>> asks_firms("那三家是哪幾家公司？"), asks_firms("Which firms moved in?")
    (True, True)
    >>> asks_firms("共有幾家公司進駐？"), asks_firms("在哪家飯店？")
    (False, False)
    >>> asks_firms("看了哪三間實驗室？"), asks_firms("監管哪幾家研究單位？")
    (False, False)
    >>> asks_firms("哪些企業家出席？"), asks_firms("What kind of companies moved in?")
    (False, False)
    """
    text = asked_part(question)
    if asked_kind(question) is not None:
        return False
    return bool(_FIRMS_ZH.search(fold(text)) or _FIRMS_EN.search(text))


def names_any(question: str, sentences: Sequence[str]) -> bool:
    """Whether ``sentences`` name anything the question does not: a capitalised
    Latin word, a list (甲、乙, 甲等四家), a title in 「」, or a name before 公司,
    集團 or 銀行.

    >>> names_any("哪幾家公司？", ["其中有英特爾、微軟等。"])
    True
    >>> names_any("哪幾家？", ["已有三家上市。"])
    False
    >>> names_any("哪些公司？", ["POSCO 設有博物館。"]), names_any("哪些公司？", ["該公司已上市。"])
    (True, False)
    """
    asked, words = fold(question), _words(question)
    for raw in sentences:
        sentence = fold(raw)
        if any(w.lower() not in words for w in re.findall(r"[A-Z][A-Za-z&.-]+", raw)):
            return True
        if _ENUMERATION.search(sentence) or any(t not in asked for t in _TITLED.findall(sentence)):
            return True
        for found in _FIRM_WORD.finditer(sentence):
            before = sentence[max(0, found.start() - 2): found.start()]
            if (_NAME_CHARS.fullmatch(before) and before not in asked
                    and not _GENERIC.search(sentence[: found.start()])):
                return True
    return False


_ACRONYM = re.compile(r"(?<![A-Za-z0-9])[A-Z][A-Z0-9&-]{1,7}(?![A-Za-z0-9])")
# the asking words just after an acronym (「IIC 是哪個組織的縮寫」, "ASPA stands for") or
# just before it ("the full name of ASPA")
_ASKED_AFTER = re.compile(
    r"\s*[^，,。；;？?]{0,8}?(?:縮寫|缩写|全名|全稱|全称|簡稱|简称)"
    r"|[^，,。；;？?]{0,6}?哪[幾几][個个]字的?(?:縮寫|缩写)"
    r"|[\"'’”」』)]?\s+(?:stands?|stood)\s+for|[\"'’”」』)]?\s+(?:is\s+)?short\s+for", re.I)
_ASKED_BEFORE = re.compile(r"(?:full name|abbreviation|acronym)\s+(?:of\s+|for\s+)?(?:the\s+)?$",
                           re.I)
# a post or a person between: 「IASP 理事長的全名」 asks a person's name, not the acronym's
_SOMEONE = re.compile(
    r"长|長|主任|主席|先生|女士|教授|博士|代表|讲者|講者|負責人|负责人|"
    r"\b(?:president|chair\w*|director|ceo|head|speaker|secretary|manager|person)\b", re.I)
_SPELLED_OUT = re.compile(
    r"簡稱|简称|全名|全稱|全称|縮寫|缩写|(?<![A-Za-z])(?:stands? for|short for)(?![A-Za-z])", re.I)


def asked_acronyms(question: str) -> list[str]:
    """The abbreviations ``question`` asks the long form of.

    >>> asked_acronyms("IIC是哪個組織的縮寫？"), asked_acronyms("What does ASPA stand for?")
    (['IIC'], ['ASPA'])
    >>> asked_acronyms("常說的「XYZ」到底是哪幾個字的縮寫？")
    ['XYZ']
    >>> asked_acronyms("What is the full name of ASPA?")
    ['ASPA']
    >>> asked_acronyms("IASP 理事長的全名是什麼？"), asked_acronyms("ASPA 在哪裡開會？")
    ([], [])
    >>> asked_acronyms("In that talk, what does 'XYZ' stand for?")
    ['XYZ']
    """
    text = asked_part(question)  # a follow-up's context asks nothing
    found = []
    for m in _ACRONYM.finditer(text):
        if m.group(0).replace("-", "").isdigit():
            continue
        after = _ASKED_AFTER.match(text, m.end())
        tied_after = after is not None and not _SOMEONE.search(after.group(0))
        tied_before = bool(_ASKED_BEFORE.search(text[: m.start()])) and not _SOMEONE.match(
            text[m.end():].strip())
        if tied_after or tied_before:
            found.append(m.group(0))
    return found


def spells_out(acronym: str, sentence: str) -> bool:
    """Whether ``sentence`` spells out ``acronym``: it stands in parentheses after
    its long form, or its long form follows in parentheses or after 即 or 是, or
    the sentence says 簡稱 or "stands for", or the initials of consecutive Latin
    words make it.

    >>> spells_out("ASPA", "亞洲科學園區協會(Asian Science Park Association, 簡稱 ASPA)成立")
    True
    >>> spells_out("KTP", "KTP（韓國科技園區）成立於 1998 年")
    True
    >>> spells_out("ITP", "Incheon Techno Park"), spells_out("QTX", "QTX 即青禾科技交流會")
    (True, True)
    >>> spells_out("IIC", "14:00 ~ 18:00 IIC 2023 夏季會議")
    False
    """
    sentence = unicodedata.normalize("NFKC", sentence)  # （ＩＡＳＰ） as (IASP)
    for found in re.finditer(re.escape(acronym), sentence):
        before, after = sentence[: found.start()], sentence[found.end():]
        if re.search(r"[(][^()]*$", before) and re.match(r"[^()]*[)]", after):
            return True
        if re.match(r"\s*(?:[(]|(?:即|是|為|为|指|係|系)\s*[\u4e00-\u9fff]{4,})", after):
            return True
    if acronym in sentence and _SPELLED_OUT.search(sentence):
        return True
    initials = "".join(w[0] for w in re.findall(r"[A-Z][a-z]+", sentence))
    return acronym.replace("-", "").replace("&", "") in initials


def expansion_missing(question: str, sentences: Sequence[str]) -> bool:
    """Whether ``question`` asks what an abbreviation stands for
    (:func:`asked_acronyms`) and none of the ``sentences`` a reader would quote
    spells it out (:func:`spells_out`); or what a number in a name means and
    none explains it (:func:`meaning_missing`).

    >>> expansion_missing("IIC是哪個組織的縮寫？", ["14:00 IIC 夏季會議"])
    True
    >>> expansion_missing("What does ASPA stand for?", ["亞洲科學園區協會(ASPA)成立於 1997 年"])
    False
    >>> expansion_missing("ASPA 在哪裡開會？", ["ASPA 年會在慶州舉行"])
    False
    """
    if meaning_missing(question, sentences):
        return True
    acronyms = asked_acronyms(question) if sentences else []
    return bool(acronyms) and not any(spells_out(a, s) for a in acronyms for s in sentences)
