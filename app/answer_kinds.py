"""What kind of thing answers a question: a person for who, a place for where,
a cause for why, a name (in Latin letters or in quotes) for "what is it called";
and the label of a form's line (「講者：…」, 「地點：…」) that states it. The
reader raises sentences of the asked kind (:func:`app.sentences.score_sentences`);
:func:`app.question.analyse` reads both once, as ``Question.kind`` and
``Question.field``.

>>> bool(answer_kind("Who chairs ASPA?").search("理事長 Dae-Shik Kim"))
True
"""

from __future__ import annotations

import re

from app.lines import FIELD_LINE
from app.measures import dated_event
from app.questions import expected_unit
from app.roles import asks_name
from app.units import DATE, YEAR

# a person named in a Latin-script report line ("DeokSoon Yim", "Dae-Shik Kim") or by title
PERSON = re.compile(
    r"\b[A-Z][a-z]+[A-Za-z]*(?:[- ][A-Z][a-z]+[A-Za-z]*)+\b"
    r"|(?:局長|局长|主任|院長|院长|教授|執行長|执行长|總經理|总经理|秘書長|秘书长|市長|市长|會長|会长"
    r"|理事長|理事长|署長|署长|所長|所长|董事長|董事长|主持人|講者|讲者)"
)
PLACE = re.compile(
    r"地[點点]|位[於于]|[會会]議中心|[場场]館|[會会][場场]|展[覽览]館|[舉举]行|[舉举]辦"
)
# what a sentence answering a why question says (原因是, 由於, because)
CAUSE = re.compile(r"原因|因為|因为|由於|由于|導致|导致|造成|之所以|\bbecause\b|\bdue to\b", re.I)
# 為何 ending a clause asks "what is" (「研究方向為何？」), elsewhere why (「為何選在台南？」)
_WHY = re.compile(
    r"為什麼|为什么|為甚麼|为甚么|原因|怎麼會|怎么会|[為为]何(?!\s*(?:[？?。，,；;]|$))|\bwhy\b",
    re.I)
WHO = re.compile(r"\s*(?:who|whom|whose)\b", re.I)
# a thing's name asked (not a person's): a sentence naming one writes it in Latin letters
# run together (AloqaTech) or quotes it after a naming word (被稱為「沒有圍牆的博物館」;
# not 簡稱「韓國」, an abbreviation)
_NAME_ASKED = re.compile(
    r"\bname of (?:the|its|their|this|that)\b|\bcalled\b|\bnicknamed?\b|\bknown as\b"
    r"|叫什[么麽麼]|叫做什|名[称稱]是|什[么麽麼]名[称稱字]|[暱昵]稱|[别別]稱|[綽绰]號", re.I)
_A_PERSON = re.compile(r"[他她]|[人者士]|博士|教授|[长長]|主任|[经經]理|\b(?:person|official|"
                       r"speaker|professor|director|chair\w*|head|mayor|manager|his|her)\b", re.I)
NAMED = re.compile(r"[A-Z][a-z]+[A-Z][A-Za-z]+"
                   r"|(?:稱為|称为|叫做|名為|名为|又稱|又称|號稱|号称|譽為|誉为|暱稱|昵称|別稱|别称)"
                   r"\s*[「『“][^」』”]{2,20}[」』”]")
_WHO_ZH = re.compile(r"是[誰谁]|[誰谁]是|由[誰谁]|哪位"
                     r"|(?<![與与和跟同向對对])[誰谁](?:來|来)?(?:主[講讲]|演[講讲]|[講讲]|致[詞词]|主持)")
_WHERE = re.compile(r"哪[裡里]|何[處处]|在哪|[什甚][麼么]地方|哪[個个]地方"
                    r"|[場场]館|[場场]地|地[點点]|地址|\bwhere\b|\bvenue\b"
                    r"|\b(?:the|its|street|postal|mailing)\s+address\b", re.I)


def answer_kind(question: str) -> re.Pattern[str] | None:
    """What a sentence answering a who, where or why question names: a person (a
    title or a Latin name), a place (a venue label) or a cause (原因, 由於);
    None for other questions.

    >>> bool(answer_kind("這家公司的總經理是誰？").search("總經理王小明"))
    True
    >>> bool(answer_kind("年會在哪裡舉行？").search("地點：國際會議中心"))
    True
    >>> answer_kind("這個園區的股東有哪些？") is None
    True
    >>> bool(answer_kind("為什麼失業率高？").search("原因是畢業生人數多"))
    True
    >>> answer_kind("園區設立的原因為何？") is CAUSE, answer_kind("研究方向為何？")
    (True, None)
    >>> answer_kind("Give the name of the accelerator.").search("設立了加速器 AloqaTech")
    <re.Match object; span=(7, 16), match='AloqaTech'>
    """
    if _WHO_ZH.search(question) or WHO.match(question):
        return PERSON
    if _WHERE.search(question):
        return PLACE
    if _WHY.search(question):
        return CAUSE
    if _NAME_ASKED.search(question) and not _A_PERSON.search(question):
        return NAMED
    return None


# a form's labelled line (「講者：…」, 「⚫ 地點：…」, "Venue:") by the label's kind
_WHO_FIELDS = re.compile(FIELD_LINE.format(
    "講者|讲者|主講人|主讲人|演講者|演讲者|主持人|與談人|与谈人|報告人|报告人|speakers?|moderator"),
    re.I)
_WHERE_FIELDS = re.compile(
    FIELD_LINE.format("地點|地点|地址|場地|场地|會場|会场|venue|location"), re.I)
_WHEN_FIELDS = re.compile(FIELD_LINE.format("時間|时间|日期|期間|期间|date|time"), re.I)
_WHERE_OR_WHEN = re.compile(f"{_WHERE_FIELDS.pattern}|{_WHEN_FIELDS.pattern}", re.I)
# a question about a talk, a panel or a session, whose speaker a form line names
_TALK = re.compile(r"[講讲演]|主持|[發发]言|[報报]告|座談|座谈|論壇|论坛|課程|课程|speak|talk|"
                   r"present|moderat|chair|keynote|lecture|panel|session|forum|class", re.I)


def answer_field(question: str) -> re.Pattern[str] | None:
    """The label of a form's line (「地點：國際會議中心」) that answers a who,
    where or when question: the line shares no word with the question, but its
    label says it states the asked thing of its passage's subject; None for
    other questions, and for when a thing was founded, opened or finished
    (:func:`app.measures.dated_event`), which a meeting's time does not say.

    >>> bool(answer_field("年會在哪裡舉行？").search("⚫ 地點： 國際會議中心"))
    True
    >>> bool(answer_field("When was the keynote?").search("時間：3/08(五) 09:00-10:30"))
    True
    >>> bool(answer_field("論壇由誰主持？").search("主持人：王教授")), answer_field("股東有哪些？")
    (True, None)
    >>> answer_field("園區的董事長是誰？") is None  # a post's holder: no talk's speaker
    True
    >>> answer_field("園區是什麼時候開始營運的？") is None  # an event's date, not a meeting's
    True
    >>> both = answer_field("拜會是哪一天、在什麼地方？")
    >>> bool(both.search("時間：6 月 13 日")), bool(both.search("地點：市政府"))
    (True, True)
    """
    kind = answer_kind(question)
    if kind is PERSON:  # a talk's speaker or chair, not any post's holder
        return _WHO_FIELDS if _TALK.search(question) else None
    unit = expected_unit(question)
    if kind is PLACE:  # and the day, when that is asked too (「哪一天、在什麼地方」)
        return _WHERE_OR_WHEN if unit is not None and unit.pattern == DATE else _WHERE_FIELDS
    if unit is None or unit.pattern != DATE or dated_event(question) is not None:
        return None  # when a park opened is no meeting's 「時間：」
    return _WHEN_FIELDS


_TIME_PLACE_FIELDS = re.compile(
    FIELD_LINE.format("時間|时间|日期|地點|地点|場地|场地|會場|会场|venue|location|date|time"),
    re.I)


# other ways to ask a time or a place: which city, what time, which month, the agenda
_TIME_OR_PLACE = re.compile(
    r"何地|哪[個个一]?(?:城市|國家|国家|縣市|县市|地區|地区|場地|场地|飯店|饭店|酒店|月)"
    r"|[幾几]點|[幾几]月|日期|期間|期间|議程|议程|行程|時程|时程|時間|时间|地點|地点"
    r"|\b(?:which|what) (?:city|country|town|venue|hotel|month|time)\b|\bagenda\b"
    r"|\bschedule\b|\bitinerary\b", re.I)


def unasked_field(question: str) -> re.Pattern[str] | None:
    """The labels of a form's time and place lines (「⚫ 時間：…」, 「地點：…」) when
    ``question`` asks neither a time nor a place: such a line only labels a
    meeting, and answers nothing else; None when either is asked.

    >>> bool(unasked_field("協會有幾個會員？").search("⚫ 地點： 會議中心"))
    True
    >>> unasked_field("年會在哪裡舉行？"), unasked_field("年會是哪一天？")
    (None, None)
    >>> unasked_field("那個單位位於何地？"), unasked_field("What time did the talk start?")
    (None, None)
    """
    unit = expected_unit(question)
    if (answer_kind(question) is PLACE or (unit is not None and unit.pattern in (DATE, YEAR))
            or _TIME_OR_PLACE.search(question)):
        return None
    return _TIME_PLACE_FIELDS


def asks_person(question: str) -> bool:
    """Whether ``question`` asks who (:func:`answer_kind`) or a person's name
    (:func:`app.roles.asks_name`).

    >>> asks_person("分享經驗的那位局長全名是什麼？"), asks_person("園區在哪裡？")
    (True, False)
    """
    return answer_kind(question) is PERSON or asks_name(question)
