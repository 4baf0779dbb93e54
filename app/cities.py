"""A city's figure is not its body's: 「2014 年上海市研發經費投入 862 億元」 does not
say what 上海產業技術研究院 spends, though the institute's name leads with 上海.
A clause that names the leading place as a city or province on its own (上海市,
not 上海市政府 acting for a body, nor 該院) states the city's figure. An English
question names the body as a run of capitalised words ending in a body's kind
(Shanghai Industrial Technology Research Institute, :func:`english_bodies`).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.answerability import is_name, mentions
from app.backends.base import Aliases
from app.bodies import whole_names
from app.language import BRACKETED, fold
from app.places import places
from app.question import analyse
from app.units import DATE, PERCENT, YEAR

# what makes a place's name the city's, province's or county's own (上海市, 江蘇省, 大邱廣域市),
# not 市場 (a market) or 市民 (its people)
_ADMINISTRATIVE = r"(?:广域市|[市省县])(?![场民])"
# a body of a city's or province's government named as one word (上海市科委, 臺北市教育局;
# not 市政府, whose budget is the city's)
_CITY_BODY = re.compile(rf"^(\w{{2,3}}?){_ADMINISTRATIVE}\w*?(?:委|委员会|局|厅|处)$")
# the city acting for a body (市政府批准, 市財政撥款, 市委): the figure may still be the body's
_ACTING = re.compile(r"^(?:政府|委|财政|长|议会|人大)")
# a body the clause names by a pronoun (該院, 本中心, 其園區): the figure is that body's
_BODY_PRONOUN = re.compile(r"[该本其](?:院|所|会|中心|园区|园|公司|校|大学|局|基地|平台)")


def city_figure(question: str, names: Sequence[str], clauses: Sequence[str],
                aliases: Aliases | None = None) -> bool:
    """Whether every clause stating the figure (``clauses``, :func:`figure_clauses`)
    names the place leading the asked body as a city or province (海濱市 for
    海濱農業研究院, :func:`place_itself`): the figure is the city's. A clause that does
    not (「成立於 1977 年，1987 年經海濱市政府批准…」) keeps the figure the body's.

    >>> asked = "海濱農業研究院的經費是多少？"
    >>> city_figure(asked, ["海滨"], ["2019 年海濱市研發經費投入 300 億元"])
    True
    >>> city_figure("海濱市科委的預算多少？", ["海濱市科委"], ["海濱市研發經費 300 億元"])
    True
    >>> city_figure("海濱市科委何時對接？", ["海濱市科委"], ["2016 年對接海濱市的規劃"])
    False
    >>> city_figure("海濱農業研究院何時成立？", ["海滨"],
    ...             ["成立於 1977 年", "1987 年經海濱市政府批准"])
    False
    >>> city_figure("What is the budget of the Haibin Farm Institute?", ["Haibin"],
    ...             ["2019 年海濱市研發經費投入 300 億元"], {"Haibin": ["海滨"]}.get)
    True
    """
    asked = dict(whole_names(fold(question)))
    unit = analyse(question).unit
    amount = unit is not None and unit.pattern not in (YEAR, DATE)  # not a when-question
    # a share may name its part and whole (慶州 of 韓國): not read so
    if amount and unit is not None and unit.pattern != PERCENT and other_place(
            question, names, clauses, aliases):
        return True  # another place's figure (上海市's, when 北京 is asked)
    if amount and analyse(question).english and aliases is not None:
        asked = english_bodies(question, aliases)
        names = list(asked)
        clauses = [c for c in clauses if not _leads_body(names, fold(c))]
    for name in names if amount else ():  # a city's body jieba keeps as one word (上海市科委)
        place = _CITY_BODY.match(fold(name))
        if place and name not in asked and is_name(place.group(1)):
            asked[place.group(1)] = (fold(name),)
            names = [*names, place.group(1)]
    return bool(clauses) and any(
        asked.get(name) and all(place_itself(name, asked[name], fold(c)) for c in clauses)
        for name in names)


def other_place(question: str, names: Sequence[str], clauses: Sequence[str],
                aliases: Aliases | None = None) -> bool:
    """Whether every clause stating the figure (``clauses``) is about another place
    than the one asked about, and does not name it: 「2014 年上海市研發經費投入 862
    億元」 says what 上海市 spends, not 北京. The other place must be written as a city,
    province or county (上海市, 江蘇省), outside brackets (an aside) and not after a word
    that makes it an origin, a partner or a yardstick (來自, 與, 占, 僅次於), nor hold or
    lie in the asked place by name (上海 for 上海嘉定).

    >>> other_place("北京的研發經費多少？", ["北京"], ["2014 年上海市研發經費投入 862 億元"])
    True
    >>> other_place("北京的研發經費多少？", ["北京"], ["北京市研發經費 1200 億元"])
    False
    >>> other_place("北京的外資多少？", ["北京"], ["吸引來自上海市的外資 300 億元"])
    False
    >>> other_place("How much did Haibin spend?", ["Haibin"], ["上海市研發經費 862 億元"],
    ...             {"Haibin": ["北京"]}.get)
    True
    """
    asked = asked_places(question, names, aliases)
    for clause in clauses if asked else ():
        folded = BRACKETED.sub("", fold(clause))
        if any(mentions(place, folded) for place in asked):
            return False
        if not any(all(p not in a and a not in p for a in asked) for p in _places_itself(folded)):
            return False
    return bool(asked) and bool(clauses)


# what makes a place an origin, partner or yardstick, not the subject
_NOT_SUBJECT = re.compile(
    r"(?:来自|自|从|与|和|跟|及|向|赴|往|占|约|比|于|相当于|高于|低于|次于|如)$")


def _places_itself(folded: str) -> set[str]:
    """The places ``folded`` text names as a city, province or county on its own
    (上海市, not after 來自, 與, 占, 僅次於), the subject of what it says.

    >>> sorted(_places_itself("上海市研发经费 862 亿元，与杭州市合作"))
    ['上海']
    """
    cities, above = places(folded)
    return {p for p in cities | above for m in re.finditer(re.escape(p) + _ADMINISTRATIVE, folded)
            if not _NOT_SUBJECT.search(folded[max(0, m.start() - 3) : m.start()])}


def asked_places(question: str, names: Sequence[str], aliases: Aliases | None = None) -> set[str]:
    """The places among ``names`` (folded), an English name's by its Chinese names.

    >>> sorted(asked_places("北京和深圳的研發經費", ["北京", "深圳"]))
    ['北京', '深圳']
    >>> asked_places("紫竹園區的經費", ["紫竹"]), asked_places("Haibin?", ["Haibin"], lambda n: [])
    (set(), set())
    """
    if analyse(question).english:
        chinese = [fold(c) for n in names for c in (aliases(n) if aliases else ())]
        return {c for c in chinese if any(places(c))}
    cities, above = places(question)
    return {p for p in cities | above if any(p in fold(n) or fold(n) in p for n in names)}


def place_itself(name: str, bodies: Sequence[str], folded: str) -> bool:
    """Whether ``folded`` text names the place ``name`` as a city, province or
    county (海滨市) on its own, not acting for a body (海滨市政府) nor beside a
    body named by a pronoun (该院), and none of the asked ``bodies`` it leads
    (海滨农业研究院, also when written 海滨市农业研究院): a figure beside it is the city's.

    >>> bodies = ["海滨农业研究院"]
    >>> place_itself("海滨", bodies, "2019 年海滨市研发经费投入 300 亿元")
    True
    >>> place_itself("海滨", bodies, "海滨市农业研究院的经费为 3 亿元")
    False
    >>> place_itself("海滨", bodies, "该院获海滨市财政拨款 3 亿元")
    False
    >>> place_itself("海滨", bodies, "海滨市场规模 30 亿元")  # a market
    False
    >>> place_itself("海滨市", ["海滨市农业研究院"], "海滨市研发经费 300 亿元")  # the name has 市
    True
    """
    base = re.sub(_ADMINISTRATIVE + "$", "", name) if len(name) > 2 else name
    written = re.compile(re.escape(base) + _ADMINISTRATIVE)
    found = [m for m in written.finditer(folded) if not _ACTING.match(folded[m.end():])]
    if not found or _BODY_PRONOUN.search(folded):
        return False
    plain = written.sub(base, folded)
    return not any(written.sub(base, body) in plain for body in bodies)


# the noun ending an English body's name (Research Institute, science park), as
# app.bodies.KINDS ends a Chinese one
_ENGLISH_KINDS = (r"(?i:parks?|technoparks?|zones?|institutes?|academy|university|college|"
                  r"laborator(?:y|ies)|association|alliance|company|corporation|group|bank|"
                  r"foundation|bureau|commission|committee|council|cent(?:re|er)|incubator|"
                  r"accelerator)")
# words no name's run starts or goes on with: a verb's helpers, prepositions,
# articles, pronouns, question words
_NOT_IN_NAME = (r"(?i:in|on|at|of|to|for|by|with|and|or|the|a|an|its|their|his|her|is|are|was|"
                r"were|did|does|do|has|have|had|will|would|can|from|than|that|this|which|what|"
                r"how|when|where|who)")
# a place's name, then capitalised words of the body's name ("and" between two: Science and
# Technology Commission), then its kind; or, after "the", lower-case words (the Haibin farm
# research institute: a verb does not follow "the" in a noun phrase)
_CAPITALISED = r"(?:[A-Z][\w-]*|and(?=\s+[A-Z]))"
_ENGLISH_BODY = re.compile(
    rf"\b(?!{_NOT_IN_NAME}\b)([A-Z][\w-]*)(?:['’]s)?((?:\s+{_CAPITALISED}){{0,5}}?\s+{_ENGLISH_KINDS})\b"
    rf"|\bthe\s+([A-Z][\w-]*)((?:\s+(?!{_NOT_IN_NAME}\b)[a-z][\w-]*){{0,4}}?\s+{_ENGLISH_KINDS})\b")


def english_bodies(question: str, aliases: Aliases) -> dict[str, tuple[str, ...]]:
    """Each Chinese name (``aliases``) of the place that leads a body's name in
    English ``question`` (capitalised words ending in a body's kind) -> that
    name as asked; not a run the glossary names whole (it has a Chinese name of
    its own, which a passage names).

    >>> chinese = {"Haibin": ["海滨", "海滨市"]}
    >>> english_bodies("Tell me what the Haibin Farm Institute spends.", chinese.get)
    {'海滨': ('Haibin Farm Institute',), '海滨市': ('Haibin Farm Institute',)}
    >>> english_bodies("What does Haibin spend?", lambda n: chinese.get(n, []))
    {}
    >>> sorted(english_bodies("the Haibin farm research institute", lambda n: chinese.get(n, [])))
    ['海滨', '海滨市']
    >>> english_bodies("How much did Haibin spend on its parks?", lambda n: chinese.get(n, []))
    {}
    >>> english_bodies("Did Haibin give science parks much money?", chinese.get)
    {}
    >>> sorted(english_bodies("Does Haibin Farm Institute spend more?", chinese.get))
    ['海滨', '海滨市']
    >>> sorted(english_bodies("the Haibin Science and Technology Commission", chinese.get))
    ['海滨', '海滨市']
    """
    found: dict[str, tuple[str, ...]] = {}
    for match in _ENGLISH_BODY.finditer(question):
        place = match.group(1) or match.group(3)
        body = place + (match.group(2) or match.group(4))
        if aliases(body):
            continue
        for chinese in aliases(place):
            found[fold(chinese)] = (*found.get(fold(chinese), ()), body)
    return found


def _leads_body(places: Sequence[str], folded: str) -> bool:
    """Whether ``folded`` text names a body that one of ``places`` leads (上海市產業技術
    研究院): its figure may be the asked body's, whose Chinese name is not known.

    >>> _leads_body(["海滨"], "海滨市农业研究院的经费为 3 亿元")
    True
    >>> _leads_body(["海滨"], "海滨市的经费")
    False
    """
    named = whole_names(folded)
    return any(key.startswith(place) or place.startswith(key)
               for key in named for place in places)
