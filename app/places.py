"""Which city: a question that asks in which city something is (「秘書處設在哪個
城市？」, "In which city is it headquartered?") is answered by a city's name, and
sentences that name only a country or a region (「總部位於美國」, 「與芬蘭、美國等地
合作」), or only the cities the question itself names, do not say which.

A city is a place name (jieba's ``ns`` tag, or a name before 市 / 廣域市 / 特別市)
that is not a country, a continent or region, nor a province (:data:`NOT_CITIES`).
General language and geographic knowledge: the words that ask for a city, and the
names of countries, regions and provinces (Simplified, as :func:`app.language.fold`
gives). A sentence naming no place at all is not read as an answer either way:
the rule refuses only when the sentences name places and none is a city, since
jieba tags some cities (首爾, 大田) as no place.

>>> city_missing("Acme 的總部設在哪個城市？", ["Acme 是一家總部位於美國的公司。"])
True
>>> city_missing("Acme 的總部設在哪個城市？", ["Acme 總部位於美國波士頓市。"])
False
>>> city_missing("Acme 有幾家工廠？", ["Acme 在泰國設有工廠。"])  # no city asked
False
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.language import fold
from app.questions import asked_part

# 哪個城市 / 哪座城市 / 什麼城市 / 哪些城市 (not 「哪個城市或機構」, which any name answers)
_ASKED_ZH = re.compile(r"(?:哪[一]?[个座些几]?|什么|哪几个)\s*(?:城市|都市)(?![或和与及])")
_ASKED_EN = re.compile(r"\b(?:which|what)\s+(?:[a-z-]+\s+)?cit(?:y|ies)\b(?!\s+or\b)", re.I)

# countries (most end in 国, read by rule), continents and regions, provinces (Simplified)
NOT_CITIES = frozenset([
    "日本", "新加坡", "越南", "印度", "印尼", "印度尼西亚", "马来西亚", "菲律宾", "澳洲",
    "澳大利亚", "加拿大", "芬兰", "瑞典", "瑞士", "挪威", "丹麦", "荷兰", "比利时", "意大利",
    "义大利", "西班牙", "葡萄牙", "俄罗斯", "以色列", "土耳其", "伊朗", "埃及", "巴西", "墨西哥",
    "阿根廷", "智利", "新西兰", "纽西兰", "乌兹别克", "乌兹别克斯坦", "哈萨克", "哈萨克斯坦",
    "蒙古", "柬埔寨", "缅甸", "老挝", "孟加拉", "巴基斯坦", "斯里兰卡", "沙特", "阿联酋", "卡塔尔",
    "南非", "肯尼亚", "尼日利亚", "波兰", "奥地利", "爱尔兰", "希腊", "捷克", "匈牙利", "乌克兰",
    "台湾", "朝鲜", "南韩", "北韩", "亚洲", "欧洲", "非洲", "美洲", "北美", "南美", "拉美",
    "东南亚", "东亚", "南亚", "中亚", "西亚", "中东", "欧美", "亚太", "大陆", "内地", "海外",
    "国外", "国内", "全球", "世界", "西方", "东方", "朝鲜半岛", "两岸", "河北", "山西", "辽宁",
    "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东", "河南", "湖北", "湖南",
    "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海", "内蒙古", "广西", "西藏",
    "宁夏", "新疆", "江浙", "长三角", "珠三角", "京津冀", "京畿道", "庆尚北道", "庆尚南道", "庆北",
    "庆南", "全罗", "全罗北道", "全罗南道", "忠清", "忠清北道", "忠清南道", "江原", "江原道",
    "北道", "南道",
])
# a city named with its suffix: 大邱廣域市, 首爾特別市, 浦項市 (the word before 市)
_CITY_WORDS = frozenset(("广域", "特别", "直辖", "广域市", "特别市", "直辖市"))
_MARKET = frozenset(("市场", "市值", "市占率", "市场化"))  # 市 as a market, not a city
_HAN = re.compile(r"[\u4e00-\u9fff]{2,6}")
# words jieba tags as places that name none, or no one place (上市 is a listing)
_NOT_PLACES = frozenset([
    "上市", "城市", "都市", "广域", "北道", "南道", "全市", "该市", "本市", "各市", "超市", "股市",
    "门市",
])


def city_asked(question: str) -> bool:
    """Whether ``question`` asks in which city something is or was.

    >>> city_asked("年會在哪個城市舉行？"), city_asked("Which city hosted it?")
    (True, True)
    >>> city_asked("與哪個城市或機構合作？"), city_asked("城市人口多少？")
    (False, False)
    """
    text = asked_part(question)
    return bool(_ASKED_ZH.search(fold(text)) or _ASKED_EN.search(text))


def places(sentence: str) -> tuple[set[str], set[str]]:
    """The places ``sentence`` names, as (cities, other places).

    >>> sorted(map(sorted, places("總部位於美國波士頓市，並在德國設點。")))
    [['德国', '美国'], ['波士顿']]
    >>> places("已有三家企業在科創板上市。"), places("拜訪大邱廣域市副市長")
    ((set(), set()), ({'大邱'}, set()))
    >>> places("開拓國際市場")
    (set(), set())
    """
    import jieba.posseg

    tokens = [(t.word, t.flag) for t in jieba.posseg.cut(fold(sentence))]
    cities: set[str] = set()
    others: set[str] = set()
    for i, (word, flag) in enumerate(tokens):
        after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        suffixed = word.endswith("市") and len(word) > 2 and not word.endswith(("城市", "都市"))
        name = word[:-1] if suffixed else word
        city_word = after in _CITY_WORDS or (after[:1] == "市" and after not in _MARKET)
        # a name right after a country is a place in it (芬蘭赫爾辛基, 越南河內), whatever
        # name jieba takes it for (a person's, a place word)
        in_country = i > 0 and tokens[i - 1][0] in others and (
            flag == "s" or flag[:2] in ("nr", "ns", "nz", "nt"))
        place = (flag.startswith("ns") or word != name or in_country
                 or (city_word and bool(_HAN.fullmatch(name))))
        if (not place or name in _NOT_PLACES or not _HAN.fullmatch(name)
                or name.endswith(("城市", "都市"))):
            continue
        (others if _not_city(name) else cities).add(name)
    return cities, others


def _not_city(word: str) -> bool:
    """Whether a place name is a country, region or province.

    >>> _not_city("韩国"), _not_city("芬兰"), _not_city("庆州"), _not_city("中亚地区")
    (True, True, False, True)
    """
    if word.endswith(("地区", "一带", "沿海")) and len(word) > 2:
        word = word[:-2]  # 中亞地區 is 中亞
    return word in NOT_CITIES or (word.endswith("国") and len(word) <= 4) or word.endswith("省")


def city_missing(question: str, sentences: Sequence[str],
                 owned: Sequence[str] | None = None) -> bool:
    """Whether ``question`` asks which city (:func:`city_asked`) and the
    ``sentences`` a reader would quote name places but no city beyond those the
    question names; ``owned``: those of them about what the question asks about
    (:func:`app.about.about_subject`; all by default): a city named in a sentence
    about another subject is not the asked one's.

    >>> city_missing("年會在哪個城市舉行？", ["年會於韓國慶州舉行。"])
    False
    >>> city_missing("哪個城市比上海高？", ["上海的比例高於全國。"])
    True
    >>> city_missing("Which city is it based in?", ["它設在園區內。"])  # no place named
    False
    >>> city_missing("甲園區在哪個城市？", ["乙園區位於慶州。"], owned=[])
    True
    """
    if not city_asked(question):
        return False
    kept = set(sentences if owned is None else owned)
    asked = fold(question)
    cities: set[str] = set()
    named = False  # some place is named (jieba tags some cities as no place)
    for sentence in sentences:
        found, others = places(sentence)
        if sentence in kept:
            cities |= {c for c in found if c not in asked}
        named = named or bool(found or others)
    return named and not cities
