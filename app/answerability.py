"""Whether one retrieved sentence can answer a Chinese question.

A question is cut into jieba words; question words (多少, 哪一年, 什麼...) and
function words are dropped. The *focus* words are the content words next to
the question word, in its clause: what is asked about (稅收總額 in
"紫竹高新區的稅收總額是多少", 員工 in "光州科技園區有多少名員工"). The other content
words name the subject (紫竹, 高新區).

The refusal evidence (:mod:`app.refusal`) uses the character pairs inside the
content words (so pairs straddling two words, like 額是 or 年的, no longer
count), and for a quantity question asks that the sentence stating the figure
also holds the focus words (:func:`focus_share`): a sentence giving 研發投入 in
億元 does not answer a question about 稅收總額.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from typing import Any

from app.citations import bigrams
from app.language import fold
from app.questions import ASKING

# A (folded) jieba word that is or holds a question word.
_ASKS = re.compile(ASKING)
# Function and framing words that say nothing about the subject.
_STOP = frozenset(
    [
        "的", "地", "得", "是", "有", "在", "了", "着", "过", "和",
        "与", "及", "或", "并", "而", "共", "共有", "一共", "总共",
        "目前", "现在", "到", "为", "于", "由", "被", "把", "对",
        "从", "以", "之", "中", "其", "该", "这", "那", "这次",
        "本次", "此次", "本届", "这趟", "各", "各自", "都", "也", "又",
        "还", "可", "可以", "将", "会", "能", "要", "所", "就",
        "约", "大约", "大概", "左右", "报告", "提到", "提及", "说",
        "说明", "介绍", "举例", "举例说明", "例如", "请", "请问", "主要", "分别", "当时", "当天",
        "已", "已经", "年", "月", "日", "个", "名", "位", "家",
        "项", "座", "种", "次", "件", "人", "年度", "每年", "一年",
        "上", "下", "里", "内", "后", "前", "时",
    ]
)
_HOW = frozenset(["大", "长", "久", "高", "远", "宽", "重"])  # 多大, 多长...: question words
_PUNCT = re.compile(r"^[\W_]+$")
_NUMBER = re.compile(r"^[\d.,%]+$")
FOCUS_SPAN = 2  # content words on the left of a question word that are its focus
CONTEXT_CREDIT = 0.5  # a focus word found in the passage or section path, not the sentence
ABBREVIATION_GAP = 4  # characters a text may hold between the two of an abbreviation's pair
# jieba part-of-speech tags of names: person, place, organisation, other proper
# noun, abbreviation, Latin word
NAME_TAGS = frozenset(["nr", "nrfg", "nrt", "ns", "nt", "nz", "j", "eng"])
# a language or script (英文, 韓語, 西班牙文, 英文名): jieba tags it as a name, but a report
# giving an English name never says 英文, so it is not a name the reports must mention
LANGUAGE = re.compile(
    r"^(?:英|中|华|汉|国|台|粤|韩|日|泰|法|德|俄|越南|印尼|马来|阿拉伯|西班牙|葡萄牙|意大利"
    r"|义大利|拉丁|希腊|蒙古|乌兹别克)(?:文|语)(?:名|名称|全名|简称|缩写)?$"
)


@dataclass(frozen=True)
class Term:
    """One content word of a question; ``focus`` when it is what is asked."""

    word: str
    focus: bool


@functools.lru_cache(maxsize=1)
def _segmenter() -> Any:
    from index.textnorm import full_segmenter

    return full_segmenter()


@functools.lru_cache(maxsize=1024)
def _cut(folded: str) -> tuple[str, ...]:
    """jieba words of folded text (with jieba's guesses for unknown names), a
    question word jieba splits (多 + 大) joined again.

    >>> _cut("孵化面积有多大")[-1]
    '多大'
    """
    words = _segmenter().lcut(folded, HMM=True)
    joined: list[str] = []
    for word in words:
        if joined and joined[-1] == "多" and word in _HOW:
            joined[-1] += word
        else:
            joined.append(word)
    return tuple(joined)


@functools.lru_cache(maxsize=1024)
def is_name(word: str) -> bool:
    """Whether jieba tags ``word`` (folded) as one name: of a person, place,
    organisation, or an abbreviation or Latin word (:data:`NAME_TAGS`).

    >>> is_name("泰国"), is_name("慧谷"), is_name("营业额"), is_name("张江高")
    (True, True, False, False)
    >>> is_name("英文"), is_name("韩语")  # languages (:data:`LANGUAGE`)
    (False, False)
    """
    import jieba.posseg

    if LANGUAGE.match(word):
        return False

    tagged = list(jieba.posseg.cut(word))
    return len(tagged) == 1 and tagged[0].flag in NAME_TAGS


def _kind(word: str) -> str:
    """``ask``, ``stop``, ``break`` (punctuation) or ``word``.

    >>> [_kind(w) for w in ["多少", "的", "，", "员工", "2014"]]
    ['ask', 'stop', 'break', 'word', 'stop']
    """
    if not word.strip() or _PUNCT.match(word):
        return "break"
    if _ASKS.search(word):
        return "ask"
    if word in _STOP or _NUMBER.match(word):
        return "stop"
    return "word"


def question_terms(question: str) -> list[Term]:
    """The content words of a question, those next to its question word marked
    focus: up to FOCUS_SPAN words on its left (past linking words such as 是, 有,
    於, not past 的) and the words on its right in the same clause.

    >>> [(t.word, t.focus) for t in question_terms("紫竹高新區的稅收總額是多少？")]
    [('紫竹', False), ('高新区', False), ('税收', True), ('总额', True)]
    >>> [(t.word, t.focus) for t in question_terms("光州科技園區有多少名員工？")]
    [('光州', True), ('科技园区', True), ('员工', True)]
    >>> [(t.word, t.focus) for t in question_terms("越南科學園區是哪一年成立的？")]
    [('越南', True), ('科学园区', True), ('成立', True)]
    >>> [t.word for t in question_terms("請舉例說明各園區的營收。")]  # framing words
    ['园区', '营收']
    """
    words = [w for w in _cut(fold(question)) if w.strip()]
    kinds = [_kind(w) for w in words]
    focus: set[int] = set()
    for i, kind in enumerate(kinds):
        if kind == "ask":
            # What is asked precedes the question word ("稅收總額是多少",
            # "成立於哪一年") or follows it ("有多少名員工", where the owner
            # before 有 is part of what the figure must be about).
            focus.update(_left_focus(words, kinds, i))
            focus.update(_right_focus(kinds, i))
    seen: set[str] = set()
    terms: list[Term] = []
    for i, (word, kind) in enumerate(zip(words, kinds, strict=True)):
        if kind == "word" and word not in seen:
            seen.add(word)
            terms.append(Term(word, i in focus))
    return terms


def _left_focus(words: Sequence[str], kinds: Sequence[str], at: int) -> list[int]:
    """Up to FOCUS_SPAN content words just left of ``at``, after linking words
    (是, 有, 于), stopping at 的, punctuation or another question word."""
    found: list[int] = []
    i = at - 1
    while i >= 0 and kinds[i] == "stop" and words[i] != "的":
        i -= 1
    while i >= 0 and kinds[i] == "word" and len(found) < FOCUS_SPAN:
        found.append(i)
        i -= 1
    return found


def _right_focus(kinds: Sequence[str], at: int) -> list[int]:
    """The content words right of ``at`` up to the clause's end."""
    found: list[int] = []
    for i in range(at + 1, len(kinds)):
        if kinds[i] in ("break", "ask"):
            break
        if kinds[i] == "word":
            found.append(i)
    return found


def presence(word: str, text: str) -> float:
    """1 when ``word`` is in folded ``text``; for a longer word, the share of its
    character pairs found; else 0.

    >>> presence("员工", "拥有3200名员工"), presence("高新区", "高新技术开发区")
    (1.0, 0.5)
    """
    if word in text:
        return 1.0
    if len(word) < 3:
        return 0.0
    pairs = [word[i : i + 2] for i in range(len(word) - 1)]
    return sum(p in text for p in pairs) / len(pairs)


def spelled(word: str, text: str) -> float:
    """:func:`presence`, or 1 for a two-character word that ``text`` spells out
    in full (:func:`abbreviated`: 营收 in 营业收入).

    >>> spelled("营收", "营业收入超过5,000亿元"), spelled("营收", "收入营运")
    (1.0, 0.0)
    """
    found = presence(word, text)
    if found < 1.0 and len(word) == 2 and abbreviated({word}, text):
        return 1.0
    return found


class TermWeights:
    """The corpus IDF of question scoring, ``log((N + 1) / (df + 0.5))`` over the
    passages: of a word (:meth:`idf`, counted in the folded passages, so it
    never matches across punctuation) or of a character pair (:meth:`pair_idf`,
    counted in their letters, as :func:`app.citations.bigrams` makes pairs).
    ``texts`` keeps the folded passages for the presence checks.
    """

    def __init__(self, folded_texts: Iterable[str]) -> None:
        self.texts = list(folded_texts)
        self._letters = [re.sub(r"[^\w]", "", t) for t in self.texts]
        self._cache: dict[tuple[str, bool], float] = {}

    def idf(self, word: str) -> float:
        """Highest for a word no passage contains.

        >>> w = TermWeights(["紫竹高新区", "上海紫竹"])
        >>> w.idf("紫竹") < w.idf("高新区") < w.idf("大邱")
        True
        """
        return self._idf(word, False)

    def pair_idf(self, pair: str) -> float:
        """The same for a character pair, which may span punctuation.

        >>> w = TermWeights(["高新，区", "上海"])
        >>> w.pair_idf("新区") < w.idf("新区")
        True
        """
        return self._idf(pair, True)

    def _idf(self, term: str, letters: bool) -> float:
        key = (term, letters)
        if key not in self._cache:
            df = sum(term in t for t in (self._letters if letters else self.texts))
            self._cache[key] = math.log((len(self.texts) + 1) / (df + 0.5))
        return self._cache[key]


def content_grams(terms: Sequence[Term]) -> set[str]:
    """Character pairs inside the content words (none across two words).

    >>> sorted(content_grams(question_terms("紫竹高新區的稅收總額是多少？")))
    ['总额', '新区', '税收', '紫竹', '高新']
    """
    return set().union(*(bigrams(t.word) for t in terms)) if terms else set()


def focus_share(terms: Sequence[Term], weights: TermWeights, sentence: str, context: str) -> float:
    """IDF-weighted share of the focus words in a folded sentence (a
    two-character word also where spelled out, :func:`spelled`); a focus word
    found only in its folded passage or section path ``context`` counts half.
    1 when the question has no focus words.

    >>> w = TermWeights(["紫竹高新区 税收", "研发投入", "总额", "员工"])
    >>> terms = question_terms("紫竹高新區的稅收總額是多少？")
    >>> focus_share(terms, w, "2014年税收总额为30亿元", "紫竹高新区")
    1.0
    >>> focus_share(terms, w, "2014年研发投入为26亿元", "紫竹高新区")
    0.0
    >>> round(focus_share(terms, w, "总额为30亿元", "紫竹 税收"), 3)
    0.75
    """
    focus = [t for t in terms if t.focus]
    total = sum(weights.idf(t.word) for t in focus)
    if not total:
        return 1.0
    found = sum(
        weights.idf(t.word)
        * max(spelled(t.word, sentence), CONTEXT_CREDIT * spelled(t.word, context))
        for t in focus
    )
    return found / total


def abbreviated(grams: set[str], text: str, gap: int = ABBREVIATION_GAP) -> set[str]:
    """The bigrams of ``grams`` that ``text`` (a section path, folded) spells out
    in full: both characters in order within one run of Chinese, at most ``gap``
    characters apart, as 科委 in 科学技术委员会 and 产研 in 产业技术研究院.

    >>> path = "上海市科学技术委员会 > 产业技术研究院"
    >>> sorted(abbreviated({"科委", "产研", "交大", "南科"}, path))
    ['产研', '科委']
    """
    runs = re.findall(r"[\u4e00-\u9fff]+", text)
    found = set()
    for gram in grams:
        between = f"[\u4e00-\u9fff]{{0,{gap}}}"
        pattern = re.compile(re.escape(gram[0]) + between + re.escape(gram[1]))
        if any(pattern.search(run) for run in runs):
            found.add(gram)
    return found


def mentions(word: str, text: str) -> bool:
    """Whether folded ``text`` names ``word``: at least half its character
    pairs found (:func:`presence`), or all of them spelled out
    (:func:`abbreviated`), as 上海交大 in 上海交通大学.

    >>> mentions("上海交大", "上海交通大学的园区"), mentions("南科", "竹科、中科")
    (True, False)
    """
    if presence(word, text) >= 0.5:
        return True
    pairs = bigrams(word)
    return bool(pairs) and abbreviated(pairs, text) == pairs


def named_share(
    terms: Sequence[Term], weights: TermWeights, text: str,
    aliases: Callable[[str], Sequence[str]] | None = None,
) -> float:
    """1 when folded ``text`` (a passage with its section path) names the
    question's most distinctive name (the rarest of its words that are names,
    :func:`is_name`), or when it has none; else 0. A figure in a passage about
    another park does not answer. ``aliases`` gives a name's other names (the
    glossary's Chinese name for ITPU), any of which counts.

    >>> w = TermWeights(["泰国科学园区", "竹科营业额", "科学园区"])
    >>> terms = question_terms("泰國科學園區的營業額是多少？")
    >>> named_share(terms, w, "竹科营业额成长"), named_share(terms, w, "泰国园区营业额")
    (0.0, 1.0)
    >>> itpu = question_terms("ITPU的公司有多少家？")
    >>> named_share(itpu, w, "乌兹别克资讯科技园区有300家公司", lambda n: ["烏茲別克資訊科技園區"])
    1.0
    """
    names = [t.word for t in terms if len(t.word) >= 2 and is_name(t.word)]
    if not names:
        return 1.0
    return 1.0 if mentions_any([max(names, key=weights.idf)], text, aliases) else 0.0


def mentions_any(
    names: Sequence[str], text: str, aliases: Callable[[str], Sequence[str]] | None = None,
) -> bool:
    """Whether folded ``text`` names one of ``names`` (:func:`mentions`), or one of
    the other names ``aliases`` gives for it (the glossary's Chinese name for a
    Latin one).

    >>> mentions_any(["itpu"], "乌兹别克资讯科技园区", lambda n: ["烏茲別克資訊科技園區"])
    True
    >>> mentions_any(["泰国", "越南"], "越南园区"), mentions_any(["泰国"], "越南园区")
    (True, False)
    """
    for name in names:
        others = [fold(a) for a in aliases(name)] if aliases is not None else []
        if any(mentions(n, text) for n in [name, *others]):
            return True
    return False


def unknown_names(terms: Sequence[Term], texts: Sequence[str]) -> list[str]:
    """The names inside the question's words (a word and jieba's parts of it,
    such as 苏州 in 苏州工业园区) that no folded text of ``texts`` mentions
    (:func:`mentions`, with enumeration commas dropped so that 江、浙 spells
    out 江浙): a question about a place the reports never name.

    >>> unknown_names(question_terms("蘇州工業園區有哪些單位？"), ["上海工业园区", "江、浙"])
    ['苏州']
    """
    found: list[str] = []
    for term in terms:
        parts = {term.word, *_segmenter().cut_for_search(term.word)}
        for part in sorted(parts):
            if len(part) < 2 or part in found:
                continue
            # the tagger loads in about 0.3 s: ask it only about unmentioned words
            if not any(mentions(part, text.replace("、", "")) for text in texts) and is_name(part):
                found.append(part)
    return found
