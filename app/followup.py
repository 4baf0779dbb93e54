"""Follow-ups: a question that refers back is rewritten into a standalone one.

``needs_rewrite`` gates it: a question that points back (那…呢, 它, "its", "what
about") or names nothing of its own (:func:`bare`: 「面積多大？」, "How many
staff?", 「最後有幾成團隊進到下一階段？」) is rewritten; one that names its own
subject stands alone and is left as it is.
``rewrite`` asks the backend with the rewrite prompt, and falls back to a rule
(:func:`rule_rewrite`) when the backend is not a model (``generative`` false).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.answerability import is_name
from app.backends.base import AnswerRequest, Backend
from app.beside_years import AFTER, BEFORE, asks, dated
from app.bodies import KINDS
from app.language import detect_language, fold
from app.prompting import PromptSet, rewrite_messages
from app.questions import ASKING, QUESTION_WORDS
from index.glossary import STOPWORDS

SHORT = 3  # a question this short (besides question words) is asked of the previous topic
SWAPPED = 8  # longest X of 「那X呢」 put in the previous topic's place (characters)

_REFERS_BACK = re.compile(
    r"^(?:那|那麼|那么|而|又|還有|还有|另外|至於|至于)|呢[？?]?\s*$|"
    r"它|他們|他们|她們|(?<![其吉利排])[他她](?![國国山人方處处鄉乡])|其|該|该|此|上述|前者|後者|后者"
    r"|這個|这个|這些|这些|那個|"
    r"那个|另一|"
    r"\b(?:it|its|they|them|their|this|that|these|those|there|one|ones|former|latter)\b"
    r"|^(?:what|how) about\b|^and\b",
    re.I,
)
# a pronoun standing for the previous topic; not 其中, 其他, 其餘 (among them, the others, the
# rest: a part of what the last answer listed), 其實, 其次
_PRONOUN = re.compile(
    r"它們|它们|它|他們|他们|其(?![中他它余餘實实次])|該單位|该单位|該機構|该机构|\b(?:it|they)\b",
    re.I,
)
_EN_PRONOUN = re.compile(r"\b(?:(its|their)|it|they|(?<!of )(?<!among )them|this one|that one)\b",
                         re.I)
# a part of what the last answer listed: 其中, "of them", "among those" (not "one of those
# hands": there "those" points at a noun, which the pronoun rule reads)
_AMONG = re.compile(
    r"其中|其[他它余餘]|\b(?:of|among|between) (?:them\b|(?:those|these)(?=\s*(?:[?,.!]|$|\s"
    r"(?:is|are|was|were|has|have|had|do|does|did|came|come|can|could|will|would)\b)))", re.I)
# question words and punctuation: what is left of a (folded) question without them is
# what it names
_ASKING = re.compile(f"{ASKING}|[？?，,。！!、\\s]")
_EN_TOKEN = re.compile(r"[A-Za-z][A-Za-z\-]*|\d[\d,.]*")
_EN_BREAK = re.compile(r"[?!.,;:()]")
_EN_SWAP = re.compile(r"^(?:and\s+)?(?:what|how)\s+about\s+(.+?)\s*[?？]?$", re.I)
_LEAD = re.compile(r"^(?:那麼|那么|那|而|又|還有|还有|另外|至於|至于)\s*")
_TAIL = re.compile(r"\s*呢?\s*[？?]?\s*$")


# words that stand for what the previous question asked ("that figure", 這個數字)
_BACK = frozenset({"figure", "figures", "number", "numbers", "amount", "total", "value", "count",
                   "数字", "数据", "数目", "金额", "这个", "那个", "情况"})


def moved(question: str, previous: str) -> str | None:
    """The previous question moved a year (:func:`dated`) when that is all a
    follow-up asks: besides the year phrase it names only what the previous
    question names or words that stand for it (:data:`_BACK`), and it asks
    no other kind of thing (:func:`asks`); None otherwise.

    >>> moved("And what was that figure the year before?", "How much was spent in 2014?")
    'How much was spent in 2013?'
    >>> moved("上海前一年的研發投入呢？", "上海2014年研發投入多少？")
    '上海2013年研發投入多少？'
    >>> moved("那楊浦前一年呢？", "上海2014年研發投入多少？") is None  # another subject
    True
    >>> moved("Where was it held the year before?", "When was the forum held in 2014?") is None
    True
    """
    resolved, shifted = dated(question, previous)
    if resolved == question or not asks(question) <= asks(previous):
        return None
    rest = AFTER.sub("", BEFORE.sub("", question))
    if detect_language(rest) == "en":
        named = [t.lower() for t in _EN_TOKEN.findall(rest) if t.lower() not in STOPWORDS]
        told = previous.lower()
    else:
        asked = QUESTION_WORDS.sub("", fold(_TAIL.sub("", _LEAD.sub("", rest))))  # 幾家 whole
        named = [w for w in jieba_words(_ASKING.sub("", asked)) if len(w) >= 2]
        told = fold(previous)
    return shifted if all(w in told or w in _BACK for w in named) else None


def needs_rewrite(question: str, history: Sequence[tuple[str, str]]) -> bool:
    """Whether ``question`` refers back to the conversation.

    >>> needs_rewrite("那楊浦呢？", [("紫竹高新區的股東結構?", "...")])
    True
    >>> needs_rewrite("張江高新區的面積有多大？", [("紫竹高新區的股東結構?", "...")])
    False
    >>> needs_rewrite("那楊浦呢？", [])
    False
    """
    question = question.strip()
    return bool(history) and (bool(_REFERS_BACK.search(question)) or bare(question))


def bare(question: str) -> bool:
    """Whether a question names nothing of its own (no name, place or number):
    in a conversation it asks about what the previous question was about, however
    long it is (「這個階段的團隊最後有幾成進到下一階段？」).

    >>> bare("面積多大？"), bare("後來搬進去幾家？"), bare("張江高新區的面積有多大？")
    (True, True, False)
    >>> bare("慶州在哪？")  # it names a place
    False
    >>> bare("How many staff?"), bare("Who chairs ASPA?"), bare("Which firms moved in last year?")
    (True, False, True)
    >>> bare("Which firms moved into the Daegu park in 2021?")
    False
    """
    if detect_language(question) == "en":
        tokens = _EN_TOKEN.findall(question)
        names = [t for t in tokens[1:] if t[0].isupper() or t[0].isdigit()]
        content = [t for t in tokens if t.lower() not in STOPWORDS]
        return not names and bool(content)
    rest = _ASKING.sub("", fold(question))
    return not any(
        is_name(word) or word.isdigit() for word in jieba_words(rest) if len(word) >= 2)


def jieba_words(text: str) -> list[str]:
    """``text`` folded and cut into words (jieba).

    >>> jieba_words("慶州在")
    ['庆州', '在']
    """
    import jieba

    return list(jieba.cut(fold(text)))


def english_subject(previous: str) -> str:
    """What an English question is about: its phrases (runs of content words)
    that hold a name or a number, and its last phrase, in order.

    >>> english_subject("Who owns the Zizhu high-tech zone?")
    'Zizhu high-tech zone'
    >>> english_subject("Which conference did the 2023 delegation attend in Korea?")
    '2023 delegation attend Korea'
    >>> english_subject("What is the main industry of the park?")
    'park'
    """
    phrases: list[list[str]] = []
    run: list[str] = []
    for piece in _EN_BREAK.split(previous):
        for token in [*_EN_TOKEN.findall(piece), ""]:
            if token and token.lower() not in STOPWORDS:
                run.append(token)
            elif run:
                phrases.append(run)
                run = []
    if not phrases:
        return ""
    first = _EN_TOKEN.findall(previous)[:1]
    kept = [p for p in phrases[:-1]
            if any((w[0].isupper() and [w] != first) or w[0].isdigit() for w in p)]
    return " ".join(" ".join(p) for p in [*kept, phrases[-1]])


def subject_of(previous: str) -> str:
    """What the previous question was about: a Chinese one's topic (before its
    first 的 or verb, :func:`topic_of`), an English one's :func:`english_subject`.

    >>> subject_of("紫竹高新區的股東結構?"), subject_of("Who owns the Zizhu zone?")
    ('紫竹高新區', 'Zizhu zone')
    """
    if detect_language(previous) == "en":
        return english_subject(previous)
    return topic_of(previous)[0].strip(" ？?")


# where a question's topic ends: 的, a verb (有, 是, 在), a question word (什麼, 哪, 多少, 多大,
# 多久), a time word (現在, 目前, 當時, 後來) or a final 嗎; not 在 of 正在 or 存在, 多 of 許多
_TOPIC_END = re.compile(
    r"的|之|有|是|(?<![現现正實实存所自])在|如何|怎[麼么]|何|[為为]何|什[麼么]|哪|多少|[幾几]"
    r"|[現现正]在|目前|[當当][時时]|[後后][來来]|最近"
    r"|(?<![許许很眾众諸诸頗颇好太較较更最大])多[大長长久高遠远寬宽重快早晚](?![學学型])"
    r"|[嗎吗][？?]?$|\s"
)


def topic_of(question: str) -> tuple[str, str]:
    """Split a question into its topic and the rest, where the topic ends
    (:data:`_TOPIC_END`: at the first 的, verb, question word or time word).

    >>> topic_of("紫竹高新區的股東結構?"), topic_of("张江示范区什么时候获批？")[0]
    (('紫竹高新區', '的股東結構?'), '张江示范区')
    >>> topic_of("育成基金規模多大？")[0], topic_of("交大園區現在最缺什麼？")[0]  # 現在: now
    ('育成基金規模', '交大園區')
    """
    match = _TOPIC_END.search(question)
    if not match or match.start() == 0:
        return question, ""
    return question[: match.start()], question[match.start() :]


def pronoun_topic(question: str) -> str:
    """What a pronoun after ``question`` stands for: its topic (:func:`topic_of`),
    carried through 的 to a body named after it (紫竹的小苗基金: the fund, not 紫竹),
    since what was asked about is the last body named before the asked attribute.

    >>> pronoun_topic("紫竹的青年基金規模有多大？"), pronoun_topic("紫竹高新區的股東結構?")
    ('紫竹的青年基金', '紫竹高新區')
    >>> pronoun_topic("紫竹的中心主任是誰？"), pronoun_topic("紫竹的大學生有多少？")  # no name
    ('紫竹', '紫竹')
    """
    topic, rest = topic_of(question)
    if not rest.startswith("的"):
        return topic
    after = re.split(r"的|之|有|是|在|如何|怎[麼么]|何|什[麼么]|哪|多少|[幾几]|\s|[？?，,]",
                     rest[1:])[0]
    folded = fold(after)
    if len(folded) != len(after):
        return topic
    import jieba

    end = 0
    for word in jieba.cut(folded):  # a named body: a name, then its kind noun ending a word
        end += len(word)
        kind = KINDS.search(word)
        if kind and end - len(kind.group(0)) >= 2:  # (中心主任, 公司數量: no name before)
            return f"{topic}的{after[:end]}"
    return topic


_NUMBERED = re.compile(r"^(第?[0-9０-９一二三四五六七八九十百]+)(\S{1,3})$")
_NUMERAL = "第0-9０-９一二三四五六七八九十百"


def swap_numbered(asked: str, previous: str) -> str | None:
    """「那2013年呢」 after 「紫竹2014年的營收？」: a numbered X (a year, a phase, a
    day, a building) takes the place of the previous question's number with the
    same ending; None when X is not numbered or the previous question has none.

    >>> swap_numbered("2013年", "紫竹2014年的營收是多少？")
    '紫竹2013年的營收是多少？'
    >>> swap_numbered("第二期", "育成園一期有多大？"), swap_numbered("楊浦", "紫竹的股東？")
    ('育成園第二期有多大？', None)
    """
    found = _NUMBERED.match(asked)
    if not found:
        return None
    ending = re.escape(found.group(2))
    other = re.search(f"[{_NUMERAL}]+{ending}", previous)
    if not other:
        return None
    return previous[: other.start()] + asked + previous[other.end():]


def rule_rewrite(question: str, previous: str) -> str:
    """Rewrite by rule. In Chinese after a Chinese question, a pronoun is
    replaced by the previous question's topic, 「那X呢」 puts X in that topic's
    place, a question of at most SHORT characters (「面積多大？」) is asked of that
    topic, and any other follows the previous question (both are searched). An English
    question's pronoun is replaced by what the previous question was about
    (:func:`subject_of`), "what about X" puts X in its place, and with neither
    it is added after the question.

    >>> rule_rewrite("那楊浦呢？", "紫竹高新區的股東結構?")
    '楊浦的股東結構?'
    >>> rule_rewrite("它的股東呢？", "紫竹高新區是什麼時候成立的？")
    '紫竹高新區的股東呢？'
    >>> rule_rewrite("面積多大？", "紫竹高新區的股東有哪些？")
    '紫竹高新區的面積多大？'
    >>> rule_rewrite("那一次在哪裡辦？", "創新展第一屆是哪年辦的？")
    '那一次在哪裡辦？（創新展第一屆是哪年辦的？）'
    >>> rule_rewrite("When was it founded?", "Who owns the Zizhu high-tech zone?")
    'When was Zizhu high-tech zone founded?'
    >>> rule_rewrite("What about its budget?", "紫竹高新區的股東結構?")
    "What about 紫竹高新區's budget?"
    >>> rule_rewrite("What about the Yangpu centre?", "Who owns the Zizhu zone?")
    'Who owns the Yangpu centre?'
    >>> rule_rewrite("How many staff?", "Who runs the Yangpu centre?")
    'How many staff? (Yangpu centre)'

    A question picking a part of what was asked for (其中, "of them") is searched with
    the previous question, whose topic is not what 其 stands for:

    >>> rule_rewrite("其中有幾家來自日本？", "大會邀請了多少家海外買家？")
    '其中有幾家來自日本？（大會邀請了多少家海外買家？）'
    >>> rule_rewrite("Which of them came from Japan?", "How many buyers were invited?")
    'Which of them came from Japan? (How many buyers were invited?)'
    """
    question = question.strip()
    subject = subject_of(previous)
    if _AMONG.search(question):  # what the last question asked for is the set it picks from
        before = previous.strip()
        if detect_language(question) == "en":
            return f"{question} ({before})"
        return f"{question}（{before}）"
    if detect_language(question) == "en" or detect_language(previous) == "en":
        if not subject:
            return f"{question} ({previous})"
        swap = _EN_SWAP.match(question)
        if swap and subject in previous and not _EN_PRONOUN.search(swap.group(1)):
            other = re.sub(r"^(?:the|a|an|in)\s+", "", swap.group(1), flags=re.I)
            return previous.replace(subject, other, 1)
        found = _EN_PRONOUN.search(question) or _PRONOUN.search(question)
        if found:
            owner = "'s" if found.groups() and found.group(1) else ""
            return question[: found.start()] + subject + owner + question[found.end():]
        return f"{question} ({subject})"
    rest = topic_of(previous)[1]
    if _PRONOUN.search(question):
        return _PRONOUN.sub(pronoun_topic(previous), question, count=1)
    asked = _TAIL.sub("", _LEAD.sub("", question))
    if rest.startswith("的"):
        asked = asked.rstrip("的之")  # 「那楊浦的呢」 + 「的面積」: one 的
    if question.rstrip("？? ").endswith("呢") and asked and rest and len(asked) <= SWAPPED:
        return swap_numbered(asked, previous) or asked + rest
    if len(_ASKING.sub("", fold(question))) <= SHORT and subject and subject not in question:
        return f"{subject}的{question}"
    return f"{question}（{previous.strip()}）"  # searched with it; what is asked is before it


def rewrite(
    question: str,
    history: Sequence[tuple[str, str]],
    backend: Backend,
    prompts: PromptSet,
) -> str:
    """The standalone form of ``question`` (itself when it needs none); a year
    named beside the previous question's is written out first (:func:`dated`)."""
    if not history:
        return question
    whole = moved(question, history[-1][0])
    if whole is not None:
        return whole
    if not needs_rewrite(question, history):
        return question
    question, previous = dated(question, history[-1][0])
    if not backend.generative:
        return rule_rewrite(question, previous)
    request = AnswerRequest(
        question=question,
        blocks=(),
        messages=rewrite_messages(prompts, history, question),
        max_tokens=80,
    )
    text = "".join(backend.execute(request)).strip().splitlines()
    candidate = text[0].strip(" 「」\"'") if text else ""
    if not candidate or len(candidate) > 3 * len(question) + 80:
        return rule_rewrite(question, previous)
    return candidate
