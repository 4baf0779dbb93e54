"""Whom a follow-up's 他 or 她 ("he", "his") means: the person the last answer named.

After 「育成中心的主任是誰？」 answered 「主任吳建國。」, 「他提到哪些挑戰？」 asks
about 吳建國, not about the centre, and is searched with the name. A singular
person pronoun right after a question asking who stands for the person its
answer names: a name after a post's title (處長林大同, 會長 Maria Lopez,
"Director Omar Haddad"), a surname with a title (趙局長), a Latin name beside
its Chinese one or a post ("Lena Park (朴麗娜)", "Omar Haddad, head of…"), or an
answer that is only a name. General language knowledge: how Chinese and English
name a person and their post. With no such answer, or a refusal, the follow-up
is left to the other rules.

>>> named_person("創新中心主任吳建國。")
'吳建國'
>>> with_person("他提到哪些挑戰？", "那家中心的主任是誰？", "主任吳建國。")
'他提到哪些挑戰？（吳建國）'
"""

from __future__ import annotations

import re

from app.question import PERSON, answer_kind
from app.roles import ROLES, SURNAMES
from index.textnorm import _converter

# 他 or 她 alone: not 他們, 其他, 他人, 他國, 吉他, 他方, 他處 …
_PRONOUN_ZH = re.compile(r"(?<![其吉利排])[他她](?![們们人国國处處方者家乡鄉日])")
_PRONOUN_EN = re.compile(r"\b(?:(his)|he|she|him)\b", re.I)
_HER = re.compile(r"\bher\b(?=\s+[a-z])", re.I)  # "her park": whose
_WHO_EN = re.compile(r"\bwho(?:m)?\b", re.I)
_MARKERS = re.compile(r"\[\d+\]|[「」『』“”\"]")
_WORD = r"[A-Z][A-Za-z]*(?:[-'][A-Za-z]+)*"
_LATIN_RUN = re.compile(rf"{_WORD}(?:\s+{_WORD})*")
# titles before a name (Simplified, as folded) and English ones
_TITLE_ZH = re.compile(
    f"(?:{'|'.join(ROLES)}|博士|教授|先生|女士|经理|董事|讲者|主持人)(?:[：:]|为|是)?\\s*")
_TITLE_EN = re.compile(
    r"^(?:(?:Mr|Mrs|Ms|Dr|Prof|Professor|First|Second|Deputy|Vice|Executive|Acting|"
    r"Assistant|Associate|Senior|Chief|Officer|Full-time|Director(?:-General)?|General|Manager|"
    r"Chairman|Chairwoman|Chair|President|Secretary(?:-General)?|Head|Mayor|Governor|"
    r"Minister|Dean|CEO)\.?\s+)+")
_ROLE_WORDS = (r"head|director|president|chair(?:man|woman)?|professor|secretary|manager|mayor|ceo"
               r"|founder|dean|speaker|moderator")
# before a Latin name, a post that it holds ("the commission's director, Shou Ziqi")
_PERSON_BEFORE = re.compile(rf"\b(?:{_ROLE_WORDS})\s*,?\s*$", re.I)
# after a Latin name, what says it is a person's: their Chinese name or a post
_PERSON_AFTER = re.compile(
    rf"^\s*(?:[(（][\u4e00-\u9fff]{{2,4}}[)）]|,\s*(?:the\s+)?(?:[a-z-]+\s+){{0,2}}(?:{_ROLE_WORDS})\b)")
_SURNAME = re.compile(f"[{SURNAMES}]")
_SURNAME_TITLE = re.compile(f"[{SURNAMES}]副?(?:{'|'.join(ROLES)})")  # 王局長
_HAN_RUN = re.compile("[\u4e00-\u9fff]{2,6}")
_BEFORE_NAME = (*ROLES, "博士", "教授", "讲者", "主持人")  # titles written before the name
MAX_NAME = 4  # an answer of at most this many Han characters may be a name alone


def simplified(text: str) -> str:
    """``text`` in Simplified script, character for character where OpenCC allows.

    >>> simplified("總經理")
    '总经理'
    """
    return str(_converter().convert(text))


def latin_person(text: str) -> str | None:
    """The first Latin-script name in ``text`` that reads as a person's: after a
    title or a post, followed by a Chinese name in brackets or a comma and a post,
    or alone.

    >>> latin_person("First Deputy Director Tomas Varga.")
    'Tomas Varga'
    >>> latin_person("Lena Park (朴麗娜), deputy director"), latin_person("The Riverside zone.")
    ('Lena Park', None)
    """
    for found in _LATIN_RUN.finditer(text):
        run = re.sub(r"^The\s+", "", found.group(0))
        article = run != found.group(0)  # "The Riverside Park": a thing, not a person
        title = _TITLE_EN.match(run + " ")
        name = run[title.end():].strip() if title else run
        after = text[found.end():]
        if len(name.split()) < 2 and not (title and name):
            continue
        alone = not article and not text[:found.start()].strip() and not after.strip(" .。")
        if name and (title or alone or _PERSON_AFTER.match(after)
                     or _PERSON_BEFORE.search(text[:found.start()])):
            return name
    return None


def named_person(answer: str) -> str | None:
    """The person an answer names: after a Chinese title (with a Latin or a Han
    name), a Latin person's name, a surname with a title, or the answer alone.

    >>> named_person("會長 Maria Lopez。"), named_person("林大同。")
    ('Maria Lopez', '林大同')
    >>> named_person("趙局長與市長會談。"), named_person("報告中沒有提到。")
    ('趙局長', None)
    """
    text = _MARKERS.sub("", answer).strip()
    folded = simplified(text)
    same = len(folded) == len(text)  # index the original by the folded text's places
    for title in _TITLE_ZH.finditer(folded):
        rest = folded[title.end():]
        run = _LATIN_RUN.match(rest)
        if run and len(run.group(0).split()) >= 2:
            return run.group(0)
        han = _HAN_RUN.match(rest)
        if han and _SURNAME.match(rest) and title.group(0).strip("：: 为是") in _BEFORE_NAME:
            name = _name_only(han.group(0))
            return text[title.end():title.end() + len(name)] if same else name
    latin = latin_person(text)
    if latin:
        return latin
    titled = _SURNAME_TITLE.search(folded)
    if titled:
        return text[titled.start():titled.end()] if same else titled.group(0)
    bare = text.rstrip("。.！!")
    if re.fullmatch(f"[{SURNAMES}][\u4e00-\u9fff]{{1,{MAX_NAME - 1}}}", simplified(bare)):
        return bare
    return None


def _name_only(run: str) -> str:
    """The name a run of Han characters after a title begins with (Simplified):
    the run itself when it is at most three characters, else jieba's first word
    when it is two or three long, else the first three.

    >>> _name_only("林大同"), _name_only("何平表示"), _name_only("吴建国在会上")
    ('林大同', '何平', '吴建国')
    """
    if len(run) <= 3:
        return run
    import jieba

    first = next(iter(jieba.cut(run)), run)
    return first if 2 <= len(first) <= 3 else run[:3]


def asks_who(question: str) -> bool:
    """Whether a question asks who (是誰, 哪位, "who").

    >>> asks_who("對方是誰出面接待？"), asks_who("At the forum, who spoke?"), asks_who("何時？")
    (True, True, False)
    """
    return answer_kind(question) is PERSON or bool(_WHO_EN.search(question))


def with_person(question: str, previous: str, answer: str) -> str | None:
    """``question`` searched with the person ``answer`` names, when it says 他/她
    ("he", "his") and ``previous`` asked who; None otherwise. An English
    question gets the name in the pronoun's place; a Chinese one keeps its words
    and gets the name after it in brackets, the way a follow-up is searched with
    what it refers to: a name in the question's own words would be read as what
    a figure must be about (「Omar Haddad提到的計畫實施幾年？」 asks the plan's
    years, not his), and the passage stating it often names the speaker only above.

    >>> with_person("What did his park export?", "Who spoke for Uzbekistan?",
    ...             "First Deputy Director Tomas Varga.")
    "What did Tomas Varga's park export?"
    >>> with_person("他說了什麼？", "局長是誰？", "局長趙明。")
    '他說了什麼？（趙明）'
    >>> with_person("其他園區呢？", "誰是局長？", "趙明。") is None
    True
    """
    if not asks_who(previous):
        return None
    pronoun, her = _PRONOUN_EN.search(question), _HER.search(question)
    found = pronoun or her or _PRONOUN_ZH.search(question)
    person = named_person(answer) if found else None
    if found is None or not person:
        return None
    if found is not pronoun and found is not her:
        return f"{question.strip()}（{person}）"
    whose = found is her or bool(pronoun and pronoun.group(1))
    return question[: found.start()] + person + ("'s" if whose else "") + question[found.end():]
