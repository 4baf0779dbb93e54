"""Whose role: a question that asks about the holder of a post (總經理, "the
mayor") is not answered by sentences that name only a deputy of that post or an
assistant to it (副總經理, 總經理助理, "vice mayor"); one that asks a person's
name (「那位博士叫什麼名字」) is not answered by sentences that name no one;
one that asks a person's schooling (學歷, "educational background") is not
answered by sentences that say nothing of a degree or a school.

General language knowledge: the titles of posts in Chinese (folded to
Simplified), the English ones with the Chinese titles they translate to, the
words that make a title someone else's (副 before it, 助理 after it), and the
common Chinese surnames (王局長 names a person).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from app.language import fold
from app.questions import CLAUSE_END, asked_part

# posts (Simplified, longest first so 副总经理 is read as one)
ROLES = (
    "总经理", "董事长", "理事长", "执行长", "秘书长", "总干事", "总裁", "总监", "会长", "局长",
    "市长", "主任", "院长", "校长", "主席", "所长", "处长", "部长", "署长", "主委", "馆长",
    "社长", "行长", "区长", "县长", "省长", "厅长", "司长",
)
EN_ROLES = {
    "general manager": ("总经理",), "chairman": ("董事长", "理事长", "主席", "会长"),
    "chairwoman": ("董事长", "理事长", "主席", "会长"), "chair": ("董事长", "理事长", "主席"),
    "president": ("总裁", "会长", "理事长", "校长", "院长"), "ceo": ("执行长", "总裁"),
    "director general": ("局长", "署长", "司长"), "director": ("主任", "局长", "所长", "院长",
                                                               "处长", "总监"),
    "mayor": ("市长",), "governor": ("省长",), "secretary general": ("秘书长",),
    "dean": ("院长",), "minister": ("部长",),
}
_ROLE = re.compile("|".join(ROLES))
_EN_ROLE = re.compile(r"\b(" + "|".join(sorted(EN_ROLES, key=len, reverse=True)) + r")\b", re.I)
_DEPUTY_BEFORE = re.compile(r"(?:副|代理|助理)\s*$")
_DEPUTY_AFTER = re.compile(r"^\s*(?:助理|特助|秘书|室)")
_EN_DEPUTY = re.compile(r"\b(?:deputy|vice|assistant|acting|associate)[\s-]*$", re.I)
# the most common Chinese surnames (Simplified): one before a post or 博士 names a person
SURNAMES = (
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾萧田董袁潘于蒋蔡余杜叶"
    "程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺"
    "顾毛郝龚邵万钱严覃武戴莫孔向汤骆寿洪柯庄涂施"
)
_TITLED = re.compile(f"[{SURNAMES}]副?(?:{'|'.join(ROLES)}|博士|教授|先生|女士|老师|经理|董事)")
# the post named as a party met, visited or signed with (與大邱市長, 拜會該局局長)
_COUNTERPART = re.compile(r"(?:与|和|跟|同|向|拜会|拜访|会见|会晤)[^与和跟同向]{0,8}$")
_WHO = re.compile(r"是谁|谁是|由谁|哪位|\bwho\b|\bwhom\b", re.I)
_LATIN_NAME = re.compile(r"\b[A-Z][a-z]+(?:[- ][A-Z][a-z]+)+\b")
# a question asking for a person's name: a name word and a word for a person
# 全名 only of a person (那位局長的全名), not of a body (實訓基地的全名)
_NAME_ZH = re.compile(r"名字|姓名|叫什[么麽]|(?:位|[他她]|长|人|士|授|理|任)[，,]?的?全名")
_PERSON_ZH = re.compile(f"他|她|人|者|博士|教授|先生|女士|官员|代表|{'|'.join(ROLES)}")
# who gave a talk (誰主講, 講者是誰, "who spoke"): a person is asked, not a body
_SPEAKER_ZH = re.compile(
    r"(?<![与和跟同向对])谁(?:来|负责)?(?:主讲|讲|演讲|致词|发表|分享|报告)|由谁(?:主讲|讲|演讲|致词)|"
    r"(?:讲者|主讲人|演讲者|讲师|主讲者)(?:是|为)?(?:谁|哪位|哪一位)")
_SPEAKER_EN = re.compile(
    r"\bwho\s+(?:spoke|lectured|talked|taught|presented|(?:gave|delivered|presented)\s+(?:the|a|an|"
    r"this|that|his|her|its|their)?\s*(?:[a-z-]+\s+){0,3}?(?:talk|speech|keynote|presentation|lecture|"
    r"address|session|class|course)s?)\b|\bwho\s+(?:was|were|is|are)\s+the\s+(?:speaker|lecturer|"
    r"presenter|keynote speaker)s?\b", re.I)
_NAME_EN = re.compile(r"\bfull name\b|\b(?:his|her)\s+name\b|\bname of the (?:person|"
                      r"official|speaker|professor|doctor|man|woman|head|chair|director|"
                      r"president|mayor|manager)\b", re.I)
# a question for someone's schooling, and what a sentence stating it says (Simplified)
_SCHOOLING_ASKED = re.compile(
    r"学历(?!结构|分布|比例|层次|水平|构成)|毕业于|毕业自|哪[所间个].{0,6}毕业|"
    r"(?:取得|拿到|获得).{0,8}学位")
_SCHOOLING_ASKED_EN = re.compile(
    r"\beducation(?:al)? background\b|\balma mater\b"
    r"|(?<!to )\bwhat (?:academic )?degrees? (?:does|did|do|has|have|had) (?!the\b)\w+"
    r"|\b(?:his|her) (?:education|degrees?|studies)\b"
    r"|\bwhere did \w+(?: \w+)? (?:study|graduate)\b|\bdid (?:he|she) graduate\b", re.I)
_SCHOOLING_STATED = re.compile(
    r"毕业|学位|硕士|学士|出身|(?:获|取得|拿到).{0,8}博士|(?:大学|学院|系|所).{0,12}博士|"
    r"留学|就读|修读|肄业|(?<![a-z])ph\.?d(?![a-z])")
_SCHOOLING_STATED_EN = re.compile(
    r"\bmaster'?s\b|\bbachelor|\bdegree|\bgraduat|\balumn|\bstudied\b", re.I)
# a person the question asks about: a post, a pronoun, a title (王主任, 林博士)
_A_PERSON = re.compile(f"他|她|{'|'.join(ROLES)}|博士|教授|先生|女士|经理|董事|主管|讲者")


# a post's holder before the present one, or its first (前任院長, 首任理事長, 在他之前的院長,
# "the former director", "his predecessor"), and what a sentence about such a holder says
_FORMER_ASKED = re.compile(
    rf"(?:(?<!目)前一?任|首任|第一任|上一任|原任|(?:在|[他她其])[^，,？?。]{{0,8}}[之以]前的)[^，,？?。]{{0,4}}?"
    rf"(?:{'|'.join(ROLES)})")
_FORMER_ASKED_EN = re.compile(
    r"\bpredecessor\b|\b(?:former|previous|first|founding|original)\s+(?:"
    + "|".join(sorted(EN_ROLES, key=len, reverse=True)) + r")\b", re.I)
_FORMER_STATED = re.compile(
    r"(?<!目)前一?任|首任|第一任|上一任|原任|曾任|时任|卸任|创办|创始|创会|首位|首届|第一届|接替|接任"
    r"|交棒|继任|历任"
    r"|前(?:[院局校所处会]?长|主任|主委|董事长|总经理)"
    r"|\bfounder|\bformer\b|\bfirst\b|\bfounding\b|\bprevious\b|\bpredecessor", re.I)


def former_missing(question: str, sentences: Sequence[str]) -> bool:
    """Whether ``question`` asks who held a post before or first (前任, 首任, 在他
    之前的, "former", "predecessor") and none of the ``sentences`` a reader would
    quote has a word marking a holder as such (前任, 首任, 前院長, 接替, 創會, "former";
    anywhere in the sentence, not tied to the post): a sentence naming the present
    holder does not say who came before.

    >>> former_missing("在他之前的院長是誰？", ["院長王五介紹該院概況"])
    True
    >>> former_missing("首任理事長是誰？", ["聯盟首任理事長為李四"])
    False
    >>> former_missing("那前一任處長呢？", ["處長王五介紹該處業務"])
    True
    >>> former_missing("Who was the park's former director?", ["主任王五介紹園區"])
    True
    >>> former_missing("院長是誰？", ["院長王五介紹該院概況"])  # the present holder asked
    False
    >>> former_missing("新院長上任後提拔的主任是誰？", ["李四獲院長提拔為主任"])  # took office
    False
    >>> former_missing("前任院長是誰？", ["王五接替李四出任院長"])
    False
    """
    text = asked_part(question)
    if not sentences or not (_FORMER_ASKED.search(fold(text)) or _FORMER_ASKED_EN.search(text)):
        return False
    return not any(_FORMER_STATED.search(fold(s)) for s in sentences)


def schooling_missing(question: str, sentences: Sequence[str]) -> bool:
    """Whether ``question`` asks someone's schooling and none of the ``sentences``
    a reader would quote states a degree, a graduation or a course of study
    (「他強調過去太重視學歷」 names the word, not his).

    >>> schooling_missing("王主任的學歷背景為何？", ["王主任強調過去太過重視學歷。"])
    True
    >>> schooling_missing("What is Dr Lin's educational background?", ["林博士畢業於臺灣大學。"])
    False
    >>> schooling_missing("王主任負責什麼？", ["王主任負責招商。"])
    False
    >>> schooling_missing("園區員工的學歷結構如何？", ["員工中具大專以上學歷者佔 85%。"])
    False
    >>> schooling_missing("林主任的學歷為何？", ["林主任為美國史丹佛大學電機博士。"])
    False
    """
    text = asked_part(question)
    folded = fold(text)
    asked = (_SCHOOLING_ASKED.search(folded) and (_A_PERSON.search(folded)
                                                  or names_someone([text])))
    if not sentences or not (asked or _SCHOOLING_ASKED_EN.search(text)):
        return False
    return not any(_SCHOOLING_STATED.search(fold(s)) or _SCHOOLING_STATED_EN.search(s)
                   for s in sentences)


def roles_asked(question: str) -> set[str]:
    """The posts (Chinese, Simplified) whose holder ``question`` asks about; a
    deputy's post asks for no holder of the post itself.

    >>> sorted(roles_asked("那個中心的總經理是誰？")), roles_asked("副市長是誰？")
    (['总经理'], set())
    >>> sorted(roles_asked("Who is the general manager of the zone?"))
    ['总经理']
    >>> roles_asked("Who is the deputy mayor?"), roles_asked("園區有幾家公司？")
    (set(), set())
    """
    text = asked_part(question)
    folded = fold(text)
    found = {m.group(0) for m in _ROLE.finditer(folded)
             if not _DEPUTY_BEFORE.search(folded[: m.start()])}
    for m in _EN_ROLE.finditer(text):
        if not _EN_DEPUTY.search(text[: m.start()]):
            found.update(EN_ROLES[m.group(1).lower()])
    return found


def deputy_only(question: str, sentences: Sequence[str]) -> bool:
    """Whether the ``sentences`` a reader would quote name a post ``question``
    asks about only as a deputy's or an assistant's (副總經理, 總經理助理), never
    the post itself: they name someone else, so they do not answer.

    >>> deputy_only("中心的總經理是誰？", ["接待人：王五／總經理助理", "副總經理李四"])
    True
    >>> deputy_only("中心的總經理是誰？", ["副總經理李四與總經理張三"])
    False
    >>> deputy_only("中心的總經理是誰？", ["中心成立於 2000 年"])  # the post not named
    False
    >>> deputy_only("Who is the mayor?", ["副市長 Lee 出席"])
    True

    Asked who holds it, a clause naming the post only as a party met or signed
    with (「與市長簽署備忘錄」), with no one named, does not say who either, when
    another names a deputy:

    >>> deputy_only("那位市長叫什麼名字？", ["協會與市長簽署備忘錄", "拜訪副市長 Chong-Hwa Lee"])
    True
    >>> deputy_only("那位市長叫什麼名字？", ["協會與市長簽署備忘錄"])  # no deputy named
    False
    >>> deputy_only("市長是哪一年上任的？", ["市長於 2015 年上任", "副市長王五陪同"])
    False
    """
    roles = roles_asked(question)
    if not roles:
        return False
    who = asks_name(question) or bool(_WHO.search(fold(asked_part(question))))
    seen = False
    for clause in (c for s in sentences for c in CLAUSE_END.split(s)):
        folded = fold(clause)
        for m in _ROLE.finditer(folded):
            if m.group(0) not in roles:
                continue
            before, after = folded[: m.start()], folded[m.end():]
            if not (_DEPUTY_BEFORE.search(before) or _DEPUTY_AFTER.match(after)):
                if who and _COUNTERPART.search(before) and not names_someone([clause], question):
                    continue  # 「與某市長簽署」: the post as a party, its holder unnamed
                return False
            seen = True
    return seen


def asks_name(question: str) -> bool:
    """Whether ``question`` asks for a person's name.

    >>> asks_name("那位博士叫什麼名字？"), asks_name("Give his full name.")
    (True, True)
    >>> asks_name("這座城市古時候叫什麼名字？"), asks_name("And the museum's name?")
    (False, False)
    >>> asks_name("那一場是誰主講的？"), asks_name("Who gave the talk?")  # a speaker
    (True, True)
    >>> asks_name("這項計畫由誰出資？"), asks_name("代表團與誰分享經驗？")  # a body may answer
    (False, False)
    >>> asks_name("Who gave funding to the park?"), asks_name("實訓基地的全名是什麼？")
    (False, False)
    """
    text = asked_part(question)
    folded = fold(text)
    return bool(_NAME_ZH.search(folded) and _PERSON_ZH.search(folded)) or bool(
        _NAME_EN.search(text) or asks_speaker(text))


def asks_speaker(question: str) -> bool:
    """Whether ``question`` asks who gave a talk (誰主講, 講者是誰, "who spoke").

    >>> asks_speaker("那一場是誰主講的？"), asks_speaker("Who delivered the keynote address?")
    (True, True)
    >>> asks_speaker("講題是什麼？")
    False
    """
    return bool(_SPEAKER_ZH.search(fold(question)) or _SPEAKER_EN.search(question))


def names_someone(sentences: Sequence[str], question: str = "") -> bool:
    """Whether one of ``sentences`` names a person that ``question`` does not:
    a name in Latin letters (Dae-Shik Kim), one jieba reads as a person's, or a
    surname before a post (林局長, 王博士).

    >>> names_someone(["講者：Dae-Shik Kim 教授"]), names_someone(["南科林局長提出心得"])
    (True, True)
    >>> names_someone(["特別聘請留學歸國的生物醫學博士來主持"])
    False
    >>> names_someone(["協會與大邱市長簽署備忘錄"])  # 邱 ends a place's name: no surname
    False
    """
    import jieba.posseg as posseg

    asked = fold(question)
    for sentence in sentences:
        folded = fold(sentence)
        found = [m.group(0) for m in _LATIN_NAME.finditer(sentence)]
        tagged = list(posseg.cut(folded))
        ends = _place_ends(tagged)
        found += [m.group(0) for m in _TITLED.finditer(folded) if m.start() + 1 not in ends]
        found += [w.word for w in tagged if w.flag == "nr" and len(w.word) >= 2]
        if any(fold(name) not in asked for name in found):
            return True
    return False


def _place_ends(tagged: Sequence[Any]) -> set[int]:
    """Where the places in a jieba-tagged text end (大邱 of 大邱市長).

    >>> import jieba.posseg as posseg
    >>> sorted(_place_ends(list(posseg.cut("大邱市长"))))
    [2]
    """
    ends, at = set(), 0
    for word in tagged:
        at += len(word.word)
        if word.flag == "ns":
            ends.add(at)
    return ends


def holder_missing(question: str, sentences: Sequence[str]) -> bool:
    """Whether the ``sentences`` a reader would quote leave out the person
    ``question`` asks about: they name the asked post only as a deputy's
    (:func:`deputy_only`), the question asks a person's name and they name
    no one (:func:`asks_name`, :func:`names_someone`), it asks someone's
    schooling and they state none (:func:`schooling_missing`), or it asks a
    former or first holder and they name none as such (:func:`former_missing`).

    >>> holder_missing("那位博士叫什麼名字？", ["特別聘請留學歸國的博士來主持"])
    True
    >>> holder_missing("那位博士叫什麼名字？", ["特別聘請王博士來主持"])
    False
    """
    if (deputy_only(question, sentences) or schooling_missing(question, sentences)
            or former_missing(question, sentences)):
        return True
    return asks_name(question) and bool(sentences) and not names_someone(sentences, question)


def post_elsewhere(question: str, sentences: Sequence[str], owned: Sequence[str]) -> bool:
    """Whether ``question`` asks who holds a post (:func:`asks_holder`) and the
    ``sentences`` a reader would quote name that post only where they are not
    about what the question asks about (``owned``: those that are,
    :func:`app.about.about_subject`): another city's mayor is not the asked one.

    >>> post_elsewhere("Who is the mayor of Haibin?", ["山城市長王五出席"], [])
    True
    >>> post_elsewhere("Who is the mayor of Haibin?", ["市長王五出席"], ["市長王五出席"])
    False
    >>> post_elsewhere("Who is the mayor of Haibin?", ["會議在山城舉行"], [])  # no post named
    False
    >>> post_elsewhere("Whom did the mayor of Haibin meet?", ["山城市長王五出席"], [])
    False
    """
    roles = asks_holder(question)

    def naming(texts: Sequence[str]) -> bool:
        return any(role in fold(text) for text in texts for role in roles)

    return bool(roles) and naming(sentences) and not naming(owned)


# who holds it: 「理事長是誰」, 「理事長或召集單位是誰」, 「誰是院長」, 「誰擔任院長」;
# not 「市長為誰頒獎」 (for whom), 「市長是誰接待的」, 「誰是市長的秘書」
_HOLDER_ZH = (r"(?:{roles})(?:或\w{{1,6}}?)?(?:现在|目前|现任)?是(?:谁|哪位|哪一位)"
              r"(?![\u4e00-\u9fff])"
              r"|(?:谁|哪位)(?:是|担任|出任)\w{{0,8}}?(?:{roles})(?!的|之|助理|秘书|特助)")
# "who is the mayor of…", "who is ASPA's president?", "the name of the director"; not "who was
# the mayor meeting?", "who is the mayor's deputy?", "the director's assistant"
_EN_ROLE_WORDS = "|".join(sorted(EN_ROLES, key=len, reverse=True))
_HOLDER_EN = re.compile(
    r"\b(?:who(?:\s+(?:is|was|are|were)|['’]s)|names?\s+of)\s+(?:the\s+)?"
    r"(?:(?:current|new|former|present|first)\s+)?(?:[A-Z][\w-]*(?:['’]s)?\s+){0,4}?"
    rf"(?:{_EN_ROLE_WORDS})\b(?=\s+(?:of|at|in|for)\b|\s*[?,.]|\s*$)", re.I)


def asks_holder(question: str) -> set[str]:
    """The posts (:func:`roles_asked`) whose holder ``question`` asks for by
    name, not those it names for another end (whom the mayor met).

    >>> sorted(asks_holder("協會的理事長是誰？")), sorted(asks_holder("Who is the mayor?"))
    (['理事长'], ['市长'])
    >>> asks_holder("市長拜會了誰？"), asks_holder("Whom did the mayor meet?")
    (set(), set())
    >>> asks_holder("林局長是哪一個管理局的？"), asks_holder("市長為誰頒獎？")
    (set(), set())
    >>> asks_holder("Who was the mayor meeting?"), asks_holder("Who is the mayor's deputy?")
    (set(), set())
    >>> sorted(asks_holder("協會的理事長或召集單位是誰？"))
    ['理事长']
    """
    roles = roles_asked(question)
    if not roles:
        return set()
    text = asked_part(question)
    pattern = _HOLDER_ZH.format(roles="|".join(sorted(roles, key=len, reverse=True)))
    if re.search(pattern, fold(text)) or _HOLDER_EN.search(text):
        return roles
    return set()
