"""Which city: a question that asks in which city something is (「秘書處設在哪個
城市？」, "In which city is it headquartered?") is answered by a city's name, and
sentences that name only a country, a region or a province (「總部位於美國」, 「與芬蘭、
美國等地合作」), or only the city the question itself names, do not say which.

The rule leans to answering, since jieba tags many cities as no place (首爾, 台中):
it refuses only when the sentences name a country, a region or a province and
nothing that may be a city. May be a city: a place name jieba tags (``ns``) that
is no country, region or province (:data:`ABOVE_CITIES`), or another name it tags
(a person's, a body's) after 位於, 在, 來自 (位於高雄); a name before 市 / 廣域市 /
特別市; and the name or the word at a clause's end that follows a country or
province, 的首都 between or not (韓國首爾, 安徽合肥。, 韓國 Daejeon, 芬蘭的首都
赫爾辛基). Districts, states and parks count as cities (leaning to answer).
General language and geographic knowledge: the words that ask for a city, the
names of countries, regions and provinces (Simplified, as
:func:`app.language.fold` gives); a city-state (新加坡, 香港) is a city.

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

# 哪個城市 / 哪座城市 / 什麼城市 / 哪些城市 / 哪個市; not 「為什麼城市…」, nor a city's
# ring, group or plan (都市圈, 城市群, 都市計畫), nor a city among other things
# (「哪個城市或機構」, 「城市、地區」)
_ASKED_ZH = re.compile(
    r"(?:哪[一]?[个座些几]{0,2}|(?<!为)(?:什么|甚么))\s*(?:城市|都市|城(?![市区镇乡])|市(?![场值]))"
    r"(?![圈群化]|计划|规划|更新|建设|发展|[或和与及、/]|\s*[、/，,]?\s*哪)")
_ASKED_EN = re.compile(
    r"\b(?:which|what)\s+(?:[a-z-]+\s+)?cit(?:y|ies)\b"
    r"(?![\s-]+(?:or|and|&|level|government|council|hall|region)\b)", re.I)

# countries (most end in 国, read by rule: :func:`_above_city`), continents and regions,
# provinces and Korea's 道 (Simplified)
ABOVE_CITIES = frozenset([
    "日本", "越南", "印度", "印尼", "印度尼西亚", "马来西亚", "菲律宾", "澳洲", "澳大利亚",
    "加拿大", "芬兰", "瑞典", "瑞士", "挪威", "丹麦", "荷兰", "比利时", "意大利", "义大利",
    "西班牙", "葡萄牙", "俄罗斯", "以色列", "土耳其", "伊朗", "埃及", "巴西", "墨西哥",
    "阿根廷", "智利", "新西兰", "纽西兰", "乌兹别克", "乌兹别克斯坦", "哈萨克", "哈萨克斯坦",
    "蒙古", "柬埔寨", "缅甸", "老挝", "寮国", "孟加拉", "巴基斯坦", "斯里兰卡", "沙特",
    "沙乌地阿拉伯", "阿联酋", "卡塔尔", "南非", "肯尼亚", "尼日利亚", "波兰", "奥地利",
    "爱尔兰", "希腊", "捷克", "匈牙利", "乌克兰", "台湾", "朝鲜", "南韩", "北韩",
    "亚洲", "欧洲", "非洲", "美洲", "北美", "南美", "拉美", "东南亚", "东亚", "南亚",
    "中亚", "西亚", "中东", "欧美", "亚太", "朝鲜半岛",
    "河北", "山西", "辽宁", "吉林", "黑龙江", "江苏", "浙江", "安徽", "福建", "江西", "山东",
    "河南", "湖北", "湖南", "广东", "海南", "四川", "贵州", "云南", "陕西", "甘肃", "青海",
    "内蒙古", "广西", "西藏", "宁夏", "新疆", "江浙", "长三角", "珠三角", "京津冀",
    "京畿道", "庆尚北道", "庆尚南道", "庆北", "庆南", "全罗", "全罗北道", "全罗南道",
    "忠清", "忠清北道", "忠清南道", "江原", "江原道",
])
# words jieba tags as places that name no one place (上市 is a listing; 全球, 海外 are
# relative to the speaker)
_NOT_PLACES = frozenset([
    "上市", "城市", "都市", "广域", "北道", "南道", "全市", "该市", "本市", "各市", "超市",
    "股市", "门市", "全球", "世界", "海外", "国外", "国内", "境外", "两岸", "西方", "东方",
    "大陆", "内地", "当地", "本地", "各地",
])
# a city named with its suffix: 大邱廣域市, 首爾特別市, 浦項市 (the word before 市)
_CITY_WORDS = frozenset(("广域", "特别", "直辖", "广域市", "特别市", "直辖市"))
_MARKET = frozenset(("市场", "市值", "市占率", "市场化"))  # 市 as a market, not a city
_NAME_TAGS = ("ns", "nr", "nz", "nt")
# where a name that jieba takes for a person's or a body's is a place (位於高雄, 設在大田)
_LOCATIVE = frozenset((
    "在", "于", "位于", "设于", "设在", "来自", "前往", "抵达", "到", "至", "赴",
))
# after a country or province: 首都 or 的 may stand before its city
_CAPITAL = frozenset(("首都", "首府", "的首都", "的首府"))
_HAN = re.compile(r"[\u4e00-\u9fff]{2,6}")
# a city's name that begins a body's name in the question (新竹科學園區, 深圳灣)
_BODY_AFTER = re.compile(
    r"(?:高新|高科技|科学|科技|工业|产业|开发|示范|经济|创新|软件|国际)?"
    r"(?:园|区|城|湾|大学|学院|中心|公司|集团)")


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
    """What ``sentence`` names that may be a city, and the countries, regions and
    provinces it names (:data:`ABOVE_CITIES`), as (cities, above).

    >>> sorted(map(sorted, places("總部位於美國波士頓市，並在德國設有據點。")))
    [['德国', '美国'], ['波士顿']]
    >>> places("已有三家企業在科創板上市。"), places("拜訪大邱廣域市副市長")
    ((set(), set()), ({'大邱'}, set()))
    >>> places("開拓國際市場"), places("位於韓國的首都首爾")
    ((set(), set()), ({'首尔'}, {'韩国'}))
    """
    import jieba.posseg

    tokens = [(t.word, t.flag) for t in jieba.posseg.cut(fold(sentence)) if t.word.strip()]
    titled = {w.lower() for w in re.findall(r"\b[A-Z][a-z]{2,}\b", sentence)}
    cities: set[str] = set()
    above: set[str] = set()
    for i, (word, flag) in enumerate(tokens):
        after = tokens[i + 1][0] if i + 1 < len(tokens) else ""
        if after in _CITY_WORDS or (after[:1] == "市" and after not in _MARKET):
            word = word + "市"  # 浦項 市長: the name before 市
        suffixed = word.endswith("市") and len(word) > 2 and not word.endswith(("城市", "都市"))
        name = word[:-1] if suffixed else word
        if name in _NOT_PLACES or not _HAN.fullmatch(name) or name.endswith(("城市", "都市")):
            continue
        if _above_city(name) and flag.startswith("ns"):
            above.add(name)
            cities |= _city_after(tokens, i + 1, titled)
        elif suffixed or flag.startswith("ns") or (
                flag.startswith(_NAME_TAGS) and i > 0 and tokens[i - 1][0] in _LOCATIVE):
            cities.add(name)
    return cities, above


def _city_after(tokens: list[tuple[str, str]], start: int, titled: set[str]) -> set[str]:
    """The word after a country or province at ``start`` that may be its city:
    a word of two Han characters or more (single characters run together: 台 中),
    or a capitalised Latin word (``titled``), 首都 or 的 between or not.

    >>> _city_after([("首都", "d"), ("首尔", "d")], 0, set())
    {'首尔'}
    >>> _city_after([("的", "uj"), ("公司", "n")], 0, set())  # 美國的公司: no city
    set()
    >>> market, city = [("市场", "n"), ("建立", "v")], [("合肥", "n")]
    >>> _city_after(market, 0, set()), _city_after(city, 0, set())
    (set(), {'合肥'})
    >>> _city_after([("台", "q"), ("中", "f"), ("的", "uj")], 0, set())
    {'台中'}
    >>> _city_after([("和", "c"), ("德国", "ns")], 0, set()), _city_after([("it", "eng")], 0, set())
    (set(), set())
    """
    while start < len(tokens) and (tokens[start][0] in _CAPITAL or (
            tokens[start][0] == "的" and start + 1 < len(tokens)
            and tokens[start + 1][0] in _CAPITAL)):
        start += 1
    if start >= len(tokens):
        return set()
    word, flag = tokens[start]
    if flag == "eng":
        return {word} if word in titled else set()
    if len(word) == 1 and _HAN.fullmatch(word + "一"):
        run = ""
        while start < len(tokens) and len(tokens[start][0]) == 1 and "\u4e00" <= tokens[
                start][0] <= "\u9fff" and tokens[start][1] not in ("uj", "p", "c", "v"):
            run += tokens[start][0]
            start += 1
        return {run} if len(run) >= 2 else set()
    if not _HAN.fullmatch(word) or _above_city(word) or word in _NOT_PLACES:
        return set()
    # a common noun (歐洲市場, 韓國企業) is no city, unless nothing follows it (安徽合肥。)
    last = start + 1 >= len(tokens) or tokens[start + 1][1] == "x"
    if flag[:1] in ("s", "d", "j") or flag.startswith(_NAME_TAGS) or (flag[:1] == "n" and last):
        return {word.removesuffix("市") if len(word) > 2 else word}
    return set()


def _above_city(word: str) -> bool:
    """Whether a place name is a country, region or province.

    >>> _above_city("韩国"), _above_city("芬兰"), _above_city("庆州"), _above_city("中亚地区")
    (True, True, False, True)
    >>> _above_city("新加坡")  # a city-state
    False
    """
    if word.endswith(("地区", "一带", "沿海")) and len(word) > 2:
        word = word[:-2]  # 中亞地區 is 中亞
    return (word in ABOVE_CITIES or (word.endswith("国") and len(word) <= 4)
            or word.endswith("省"))


def city_missing(question: str, sentences: Sequence[str],
                 owned: Sequence[str] | None = None) -> bool:
    """Whether ``question`` asks which city (:func:`city_asked`) and the
    ``sentences`` a reader would quote name a country, region or province but
    nothing that may be a city (:func:`places`) beyond the city the question names
    on its own (not 新竹 in 新竹科學園區); ``owned``: those of them about what the
    question asks about (:func:`app.about.about_subject`; all by default), which
    alone are read; when none is, a place named in the others does not answer.

    >>> city_missing("年會在哪個城市舉行？", ["年會於韓國慶州舉行。"])
    False
    >>> city_missing("哪個城市比廣州高？", ["廣州的比例高於廣東全省。"])
    True
    >>> city_missing("Which city is it based in?", ["它設在園區內。"])  # no place named
    False
    >>> city_missing("甲園區在哪個城市？", ["乙園區位於韓國慶州。"], owned=[])
    True
    """
    if not city_asked(question):
        return False
    kept = list(sentences if owned is None else owned)
    read = kept or list(sentences)
    alone = _named_alone(asked_part(question))
    cities: set[str] = set()
    above = False
    for sentence in read:
        found, countries = places(sentence)
        cities |= {c for c in found if c not in alone}
        above = above or bool(countries or found)
    if not kept:
        return above  # sentences about others only, naming places
    return above and not cities


def _named_alone(question: str) -> set[str]:
    """The places ``question`` names on their own, not as the start of a body's
    name (新竹 in 新竹科學園區, 深圳 in 深圳灣).

    >>> sorted(_named_alone("哪個城市比廣州高？")), sorted(_named_alone("新竹科學園區在哪個城市？"))
    (['广州'], [])
    """
    import jieba.posseg

    folded = fold(question)
    alone: set[str] = set()
    for token in jieba.posseg.cut(folded):
        if not token.flag.startswith(_NAME_TAGS) or token.word in _NOT_PLACES:
            continue
        at = folded.find(token.word) + len(token.word)
        if not _BODY_AFTER.match(folded[at:]):
            alone.add(token.word)
    return alone
