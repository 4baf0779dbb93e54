"""What a count counts: the words after its measure word (多少家「在孵企業」),
an English count's noun in the words a Chinese report uses, kin words that
count the same thing, and the text beside a figure where that noun is written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from app.citations import bigrams
from app.language import fold

# what a count counts: the words after its measure word (多少家「在孵企業」)
_COUNTED_NOUN = re.compile(
    r"(?:多少|幾|几)\s*[家個个所間间名位項项件種种]\s*([^\s，,？?。、；！!]{2,})"
)
COUNTED_CHARS = 6
# 多少 straight before the noun (多少員工, 多少研究人員): a count, unless what follows is a
# unit, money or people in general (多少錢, 多少平方公尺, 多少人參加)
_BARE_COUNT = re.compile(r"多少\s*([^\s，,？?。、；！!]{2,})")
_NOT_COUNTED = re.compile(
    r"^(?:人|钱|錢|元|[人台新韩韓日美港澳]?[币幣]|人民|美元|韩元|韓元|[亿億万萬千百]|年|天|月|日|"
    r"小时|小時|分钟|分鐘|次|倍|平方|公[里尺顷頃斤吨噸]|坪|[亩畝]|比例|比率|百分|成|个|個|%)"
)
_LEADING = re.compile(r"^(?:已經|已经|已|共|有|的|了)+")  # 幾家「已」上市: 上市 is counted


# what an English count counts, in the words a Chinese report uses for it
EN_COUNTED: tuple[tuple[str, str], ...] = (
    (r"compan|firm|enterprise|business", "企业 公司 厂商"),
    (r"start-?up", "新创 企业 公司"),
    (r"exhibitor", "参展 厂商 企业"),
    (r"member", "会员 成员"),
    (r"park", "园区"),
    (r"countr|nation", "国家 国"),
    (r"universit", "大学"),
    (r"participant|attendee|delegate", "与会 参加 参与 代表 人"),
    (r"visitor", "参观 访客 人"),
    (r"employee|staff|worker", "员工 人员 职工 人"),
    # how many people work there: its staff, by the last word of "people work"
    (r"work(?:s|ing)?$", "员工 人员 职工 从业 就业 工作"),
    (r"researcher|scientist", "研究 研发 科学 人"),
)
_EN_COUNT = re.compile(r"(?:how many|number of) ([a-z\-]+(?: [a-z\-]+)?)", re.I)
# words a report uses for the same counted thing (folded): a question's 公司 are its 企業,
# its 研究單位 its 研發機構, its 掛牌 a listing (上市)
COUNTED_KIN: tuple[frozenset[str], ...] = tuple(frozenset(g.split()) for g in (
    "企业 公司 厂商 业者 新创",
    "机构 单位 组织",
    "大学 高校 院校 学校",
    "员工 人员 职工 职员",
    "上市 挂牌",
))


# a party of people (代表團, 參訪團, "delegation"; folded; not 團隊, 團體, 集團, 社團, 財團) and a
# count of people asked of it: stated beside the party's word (代表團一行 12 人)
_PARTY = re.compile(r"(?<![社集财])团(?![队体])|\b(?:in|on|of) (?:[\w'-]+ ){0,3}delegations?\b",
                    re.I)
# people counted as such (幾個人, 多少位成員, "how many people"), not 幾位企業家
_PEOPLE_COUNT = re.compile(
    r"(?:多少|[几幾])\s*(?:个|個|位|名)?\s*(?:人(?!民)|成员|团员|人员)(?!\w)|(?:多少|[几幾])\s*(?:位|名)"
    r"(?=\s*(?:[？?，,]|$|呢|啊))|\bhow many (?:people|persons|members)\b", re.I)
# what a trip report calls its party (代表團一行, 考察成員, 出訪人員, 團員)
PARTY_WORDS = frozenset({"团", "一行", "成员", "出访", "出国", "随行", "考察", "参访"})


def counted_grams(question: str) -> set[str]:
    """The bigrams of what a count question counts: the words after 多少家 /
    幾個 / 多少名..., up to COUNTED_CHARS characters; for an English "how many
    X", the words a Chinese report uses for X (:data:`EN_COUNTED`). None for
    other questions.

    >>> sorted(counted_grams("ASPA目前共有多少個會員？"))
    ['会员']
    >>> sorted(counted_grams("How many companies exhibited?"))
    ['企业', '公司', '厂商']
    >>> counted_grams("紫竹高新區的股東有哪些？")
    set()
    >>> sorted(counted_grams("中心編制有多少職員？")), counted_grams("花了多少錢？")
    (['人员', '员工', '职员', '职工'], set())
    >>> sorted(counted_grams("已有幾家在股市掛牌？"))  # a listing is 上市 too (COUNTED_KIN)
    ['上市', '在股', '市挂', '挂牌', '股市']
    >>> sorted(counted_grams("參訪團一共有幾個人？"))  # a party's people: beside its word
    ['一行', '出国', '出访', '参访', '团', '成员', '考察', '随行']
    """
    read = f"{fold(question)} {question}"  # (folding drops the spaces English words need)
    count = _PEOPLE_COUNT.search(read)
    party = _PARTY.search(read)
    if count and party and (party.start() < count.start()) is not count.group(0).isascii():
        return set(PARTY_WORDS)  # the party, then its count (English: the count, then in it)
    english = _EN_COUNT.search(question)
    if english:
        for word in reversed(english.group(1).lower().split()):  # the head noun is last
            for noun, chinese in EN_COUNTED:
                if re.match(rf"(?:{noun})", word):
                    return set(chinese.split())
        return set()
    found = _COUNTED_NOUN.search(question)
    noun = found.group(1) if found else bare_noun(question)
    if not noun:
        return set()
    grams = bigrams(_LEADING.sub("", noun)[:COUNTED_CHARS])
    return grams.union(*(kin for kin in COUNTED_KIN if kin & grams))


def bare_noun(question: str) -> str:
    """The noun 多少 stands straight before (多少員工, 多少研究人員): the nouns jieba
    reads right after it; "" when a unit, money or people in general follow
    (多少錢, 多少平方公尺, 多少人), or a word that is no noun (從多少長到多少).

    >>> bare_noun("中心編制有多少職員？"), bare_noun("上海產研院養了多少研究人員？")
    ('职员', '研究人员')
    >>> bare_noun("花了多少錢？"), bare_noun("從多少長到多少？"), bare_noun("有多少家企業？")
    ('', '', '')
    """
    import jieba.posseg as posseg

    found = _BARE_COUNT.search(question)
    if found is None or _NOT_COUNTED.match(found.group(1)):
        return ""
    nouns = []
    for word in posseg.cut(fold(found.group(1))):
        if not (word.flag.startswith("n") or word.flag == "vn"):
            break
        nouns.append(word.word)
    return "".join(nouns)


def kin_groups(counted: set[str] | frozenset[str]) -> list[set[str]]:
    """``counted`` (bigrams) in groups that stand in for each other: each kin
    group of :data:`COUNTED_KIN` it holds, then every other bigram alone.

    >>> sorted(map(sorted, kin_groups({"研发", "人员", "员工", "职工"})))
    [['人员', '员工', '职工'], ['研发']]
    """
    rest = set(counted)
    groups: list[set[str]] = []
    for kin in COUNTED_KIN:
        if kin & rest:
            groups.append(set(kin & rest))
            rest -= kin
    return groups + [{g} for g in sorted(rest)]


COUNT_WINDOW = 20  # characters either side of a figure (1300 家資訊科技…領域企業)


def beside_figures(unit: re.Pattern[str], sentence: str) -> list[str]:
    r"""The text within COUNT_WINDOW characters of each figure in ``unit``:
    where a count's noun is written (「在孵企業共 120 家」, 「120 家在孵企業」).

    >>> beside_figures(re.compile(r"\d+家"), "園區內在孵企業共120家。")
    ['園區內在孵企業共120家。']
    """
    return [
        sentence[max(0, m.start() - COUNT_WINDOW) : m.end() + COUNT_WINDOW]
        for m in unit.finditer(sentence)
    ]


# what a figure's noun phrase is read from: its number, then on to a space (a table's next
# cell) or a clause's punctuation; a comma between digits (1,300) is the number's
_FIGURE_PHRASE = re.compile(r"[\d,.\s]*[^\d\s，,。；;：:！!？?（）()「」『』]+")
# nouns that head a phrase whose kind the words before them say (會員企業, 外商企業, 新創團隊)
GENERIC_HEADS = frozenset(["企业", "公司", "厂商", "业者", "单位", "机构", "组织", "团队"])
# ... and the nouns of a kind of place or body a verb before may name (育成中心, 參展廠商; not
# 獲得「投資」, a verb and its object: what the counted did)
KIND_HEADS = GENERIC_HEADS | {"中心", "基地", "平台", "园区", "学校", "实验室", "研究所"}


@dataclass(frozen=True)
class AskedCount:
    """What a count question counts: the bigrams of its noun phrase's heads (kin
    words with them) and of the whole phrase (:func:`asked_count`)."""

    heads: frozenset[str]
    phrase: frozenset[str]


# verbs that, with 的, only say which of a kind (AI 相關的新創), not what someone did
_WHICH_VERBS = frozenset({"相关", "有关", "相应", "对应", "为主", "类似", "相近"})


def counted_heads(figure: str) -> list[str]:
    """The nouns that may head what a ``figure`` (a sentence from its figure on,
    or what a question counts) counts, read after its number and measure word:
    the last noun before each 的, 及 or 、 and the last noun of the run. Chinese
    puts the head last (科技企業孵化器 is an incubator, not a firm). Any other
    word once a noun was read ends the run (except 相關, 有關 before 的, which say
    which: AI 相關的「新創」); a verb that ends it may be the head too, since jieba
    reads some nouns as verbs (創業服務「組織」). Empty, so not
    read, when a verb comes first with no 的 after it (40 家「獲得」政府補助: the
    counted noun is left out) or the first noun is a preposition's object
    (「在股市掛牌」).

    >>> counted_heads("10 多個科技企業孵化器，初步形成")
    ['孵化器']
    >>> counted_heads("300 家具有研發能力的企業入駐"), counted_heads("40 家獲得政府補助")
    (['能力', '企业', '入驻'], [])
    >>> counted_heads("20 國的代表"), counted_heads("120 家 員工 50 人")
    (['国', '代表'], [])
    >>> counted_heads("在股市掛牌")
    []
    >>> counted_heads("在孵企業"), counted_heads("200 名博士及碩士研究人員")
    (['企业'], ['博士', '人员'])
    >>> counted_heads("30 家AI相關的新創")[-1]
    '新创'

    A verb (a word, not a measure word jieba tags as one: 位) followed by nouns
    alone, to the phrase's end, names a kind when its last noun is a kind's
    (:data:`KIND_HEADS`; jieba reads 育成 of 育成中心 as a verb); a verb and its
    object (獲得投資) stay unread.

    >>> counted_heads("5 家育成中心：例如"), counted_heads("20 家參展廠商")
    (['中心'], ['厂商'])
    >>> counted_heads("12 家獲得投資"), counted_heads("20 位企業家座談")
    ([], [])
    """
    import jieba.posseg as posseg

    words = list(posseg.cut(figure_phrase(figure)))
    start = next((i for i, w in enumerate(words) if w.flag not in ("m", "q", "x")), len(words))
    heads: list[str] = []
    last = ""
    after_preposition = verb_first = False
    rest = words[start:]
    for n, word in enumerate(rest):
        noun = _is_noun(word.flag)
        if noun and after_preposition:
            return []  # the preposition's object: 在「股市」掛牌 (在孵企業: 孵 is no noun)
        verb_first = verb_first or (word.flag == "v" and not (heads or last or after_preposition))
        after_preposition = word.flag == "p" and not heads and not last
        if noun:
            last = word.word
        elif word.word in ("的", "及", "与", "和", "、"):
            verb_first = verb_first and word.word != "的"
            heads += [last] if last else []
            last = ""
        elif last and word.word in _WHICH_VERBS and n + 1 < len(rest) and rest[n + 1].word == "的":
            heads.append(last)  # 「AI 相關的」新創: 相關的 says which; the head follows
            last = ""
        elif last:
            heads += [last, *([word.word] if word.flag.startswith("v") else [])]
            break
    else:
        heads += [last] if last else []
    if (verb_first and len(rest) > 1 and len(rest[0].word) > 1
            and all(_is_noun(w.flag) for w in rest[1:]) and rest[-1].word in KIND_HEADS):
        return [rest[-1].word]  # a verb before a kind's noun names the kind: 「育成」中心
    return [] if verb_first else heads


def _is_noun(flag: str) -> bool:
    """Whether a jieba part-of-speech ``flag`` is read as a noun here.

    >>> _is_noun("nz"), _is_noun("vn"), _is_noun("v")
    (True, True, False)
    """
    return flag.startswith("n") or flag in ("vn", "j", "eng", "l")


def figure_phrase(figure: str) -> str:
    """A ``figure`` (a sentence from its figure on) up to a space (a table's next
    cell) or a clause's punctuation, folded, without spaces.

    >>> figure_phrase("1,300 家資訊科技企業，其中"), figure_phrase("120 家 員工 50 人")
    ('1,300家资讯科技企业', '120家')
    """
    found = _FIGURE_PHRASE.match(figure)
    return fold(found.group(0)).replace(" ", "") if found else ""


def counted_phrase(question: str) -> str:
    """What a count question counts, whole (folded): the words after its
    measure word up to the clause's end (多少家「具採購潛力的海外買家」), whose
    head comes last and may lie beyond :func:`counted_grams`' first characters.

    >>> counted_phrase("邀請了多少家具採購潛力的海外買家？"), counted_phrase("花了多少錢？")
    ('具采购潜力的海外买家', '')
    """
    found = _COUNTED_NOUN.search(question)
    return _CLAUSE_END.split(fold(found.group(1)), maxsplit=1)[0] if found else ""


# where what a question counts ends: a clause's punctuation
_CLAUSE_END = re.compile(r"[，,。；;：:！!？?（）()「」『』、]")
# an English auxiliary or past form after "how many X" ends the noun (companies「does」)
_EN_VERB = re.compile(r"^(?:do|does|did|are|were|is|was|have|has|had|will|would|can|could|\w+ed)$")


def asked_count(clause: str) -> AskedCount | None:
    """What a count question's asking ``clause`` counts (:class:`AskedCount`), or
    None when it cannot be told: an English count whose noun, once auxiliaries
    and past forms are dropped, is none known in Chinese ("startup-support
    groups"), a phrase heading no noun (幾家「在股市掛牌」).

    >>> sorted(asked_count("園區有多少家在孵企業？").heads)
    ['业者', '企业', '公司', '厂商', '新创']
    >>> asked_count("已有幾家在股市掛牌？"), asked_count("Number of startup-support groups?")
    (None, None)
    >>> sorted(asked_count("How many companies exhibited?").heads)
    ['业者', '企业', '公司', '厂商', '新创']
    """
    english = _EN_COUNT.search(clause)
    if english:
        words = [w for w in english.group(1).lower().split() if not _EN_VERB.match(w)]
        found = next((set(chinese.split()) for noun, chinese in EN_COUNTED
                      if words and re.match(rf"(?:{noun})", words[-1])), None)
        return AskedCount(frozenset(_with_kin(found)), frozenset(found)) if found else None
    phrase = counted_phrase(clause) or bare_noun(clause)
    heads = [h for h in counted_heads(phrase) if len(h) > 1] if phrase else []
    if not heads:
        return None
    return AskedCount(frozenset(_with_kin(set().union(*map(bigrams, heads)))),
                      frozenset(bigrams(phrase)))


def counts_asked(unit: re.Pattern[str], sentence: str, counted: set[str] | frozenset[str],
                 asked: AskedCount | None = None) -> bool:
    r"""Whether a figure in ``unit`` in ``sentence`` counts what a question counts
    (``counted``: the bigrams of its noun, :func:`counted_grams`): the noun is
    written beside the figure (COUNT_WINDOW) and, when nouns follow the figure's
    measure word, they count what is ``asked`` (:func:`asked_count`; None: not
    read, :func:`heads_agree`). 「10 多個科技企業孵化器」 counts incubators: it does
    not say how many firms.

    >>> firms = AskedCount(frozenset({"企业", "公司"}), frozenset({"企业"}))
    >>> counts_asked(re.compile(r"\d+\s*多?個"), "建了 10 多個科技企業孵化器。", {"企业"}, firms)
    False
    >>> counts_asked(re.compile(r"\d+\s*家"), "已有 13 家公司入駐。", {"企业"}, firms)
    True
    >>> counts_asked(re.compile(r"\d+\s*家"), "在孵企業共 120 家。", {"企业"}, firms)
    True
    """
    wanted = _with_kin(counted) | (asked.heads if asked else set())
    for found in unit.finditer(sentence):
        window = fold(sentence[max(0, found.start() - COUNT_WINDOW) : found.end() + COUNT_WINDOW])
        if not any(g in window for g in wanted):
            continue
        figure = sentence[found.start():]
        if asked is None or heads_agree(counted_heads(figure), figure_phrase(figure), asked):
            return True
    return False


def heads_agree(heads: list[str], phrase: str, asked: AskedCount) -> bool:
    """Whether a figure's noun ``phrase``, by its ``heads``, counts what is
    ``asked``: a head shares a bigram with an asked head; or its head is generic
    (:data:`GENERIC_HEADS`: 會員企業 are 會員) and the phrase shares a bigram with
    the asked phrase; or the asked head is generic (會員企業 asked) and a head
    shares a bigram with the asked phrase (會員); or no head of two characters
    or more was read (国, 人 may be the measure word itself).

    >>> members = AskedCount(frozenset({"会员"}), frozenset({"会员"}))
    >>> heads_agree(["企业"], "120家会员企业", members), heads_agree([], "120家", members)
    (True, True)
    >>> firms = AskedCount(frozenset({"企业", "公司"}), frozenset({"企业"}))
    >>> heads_agree(["孵化器"], "10多个科技企业孵化器", firms)
    False
    """
    if all(len(h) < 2 for h in heads):
        return True
    if any(h in asked.heads or bigrams(h) & asked.heads for h in heads):
        return True
    if any(h in GENERIC_HEADS for h in heads) and bigrams(phrase) & asked.phrase:
        return True
    return bool(asked.heads & GENERIC_HEADS) and any(bigrams(h) & asked.phrase for h in heads)


def _with_kin(grams: set[str] | frozenset[str]) -> set[str]:
    """``grams`` and the kin words (:data:`COUNTED_KIN`) of those among them."""
    return set(grams).union(*(kin for kin in COUNTED_KIN if kin & grams))
