"""Which language to answer in, and Traditional Chinese output guaranteed.

Chinese questions (Traditional or Simplified) get Traditional Chinese answers:
an OpenCC ``s2twp`` pass converts model text but leaves quoted report text
(inside 「」 or 『』) and Latin text alone.
"""

from __future__ import annotations

import re
from functools import lru_cache
from typing import Any

from index.textnorm import fold as index_fold

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN = re.compile(r"[A-Za-z]")
# Quoted report text and runs without any CJK character are kept as they are.
# quoted runs (also one still open at the end of a streamed piece) and non-CJK runs
_KEEP = re.compile(r"「[^」]*(?:」|$)|『[^』]*(?:』|$)|[^\u3400-\u9fff\uf900-\ufaff「『]+")


def detect_language(text: str) -> str:
    """``zh`` when the question has Chinese characters, ``en`` otherwise.

    >>> detect_language("紫竹高新區的股東結構?")
    'zh'
    >>> detect_language("Who founded the Zizhu park?")
    'en'
    >>> detect_language("What is ASPA 領袖會議?")
    'en'
    """
    cjk = len(_CJK.findall(text))
    latin_words = len(re.findall(r"[A-Za-z]{2,}", text))
    if cjk == 0:
        return "en"
    starts_latin = bool(re.match(r"\W*[A-Za-z]", text))
    return "en" if starts_latin and latin_words >= 2 and cjk < 3 * latin_words else "zh"


@lru_cache(maxsize=4)
def _converter(config: str) -> Any:
    import opencc

    return opencc.OpenCC(config)


def to_traditional(text: str, quoted: bool = False) -> str:
    """Convert Simplified characters to Traditional (Taiwan phrasing, ``s2twp``),
    leaving quoted text and Latin text as they are. ``quoted``: the text is a
    streamed piece that starts inside a quote (kept up to its 」); a quote still
    open at the end is kept too.

    >>> to_traditional("紫竹高新区的股东包括「上海交通大学」和 Zizhu Corp。")
    '紫竹高新區的股東包括「上海交通大学」和 Zizhu Corp。'
    >>> to_traditional("信息技术」，信息技术「信息技术", quoted=True)
    '信息技术」，資訊科技「信息技术'
    """
    out: list[str] = []
    pos = 0
    if quoted:
        end = text.find("」")
        pos = len(text) if end < 0 else end + 1
        out.append(text[:pos])
    convert = _converter("s2twp").convert
    for match in _KEEP.finditer(text, pos):  # quoted or non-CJK runs pass unchanged
        if match.start() > pos:
            out.append(convert(text[pos : match.start()]))
        out.append(match.group())
        pos = match.end()
    if pos < len(text):
        out.append(convert(text[pos:]))
    return "".join(out)


def to_simplified(text: str) -> str:
    """Text in Simplified script (OpenCC ``t2s``), otherwise unchanged.

    >>> to_simplified("園區有多少家企業？")
    '园区有多少家企业？'
    """
    return str(_converter("t2s").convert(text))


_QUOTED = re.compile(r"「[^」]*」|『[^』]*』")


def quotes(text: str) -> list[str]:
    """The text inside 「」 (and 『』) quotation marks: report text, verbatim.

    >>> quotes("園區說「股東有七家」，又說『面積 13 平方公里』。")
    ['股東有七家', '面積 13 平方公里']
    """
    return [m.group()[1:-1] for m in _QUOTED.finditer(text)]


def own_words(text: str) -> str:
    """``text`` without its quotations: the words the answer says itself, the
    ones the Traditional guarantee applies to.

    >>> own_words("报告说「上海育成生物科技园」成立了")
    '报告说成立了'
    """
    return _QUOTED.sub("", text)


def fold(text: str) -> str:
    """Text folded for comparison: the index's folding (NFKC, Simplified script,
    lower case), without white space.

    >>> fold("紫竹高新區 ＡＢＣ")
    '紫竹高新区abc'
    """
    return re.sub(r"\s+", "", index_fold(text))


def simplified_only(text: str) -> list[str]:
    """Characters of ``text`` that exist only in Simplified script.

    A character counts when Traditional conversion changes it, unless it is
    also a valid Traditional character (such as 台, 准 or 后).

    >>> simplified_only("這是简体字")
    ['简', '体']
    """
    found: list[str] = []
    s2t = _converter("s2tw").convert
    for char in dict.fromkeys(_CJK.findall(text)):
        if char in _AMBIGUOUS:
            continue
        trad = s2t(char)
        if trad != char:
            found.append(char)
    return found


# Characters that are valid Traditional too, although s2t maps them elsewhere.
_AMBIGUOUS = frozenset(
    "台准占里干万并于范游杰着伙雇污樑划后只系面松冲云谷朴斗几咸困借才卷夸了蒙舍同向"
    "御郁征致周注表采千曲余制克吊佣吁卜丑胡累辟仆涂咽愿奸筑"
)


# an aside in brackets (「（時稱乙區）」), one level deep
BRACKETED = re.compile(r"[（(][^（()）]*[）)]")
# a name or a title in corner or book-title brackets (「育才計畫」, 《十三五規劃》)
NAMED = re.compile(r"「[^」]*」|《[^》]*》|『[^』]*』")
# a list item's number (「2. 」, 「(3)」, 「1、」) at a line's start or after a colon: no figure
LIST_NUMBER = re.compile(
    r"(?:^|(?<=[：:；;]))\s*(?:[(（]?\d{1,2}[.．)、）](?!\d)|[⑴-⒇①-⑳])\s*", re.M)


def without_list_numbers(text: str) -> str:
    """``text`` without the numbers of its list items, which state no figure.

    >>> without_list_numbers("2. 二號樓：餐廳"), without_list_numbers("共 2.5 萬人")
    ('二號樓：餐廳', '共 2.5 萬人')
    >>> without_list_numbers("２．二號樓"), without_list_numbers("⑵ 三號樓")
    ('二號樓', '三號樓')
    """
    return LIST_NUMBER.sub("", text)
