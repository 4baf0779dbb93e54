"""Follow-ups: a question that refers back is rewritten into a standalone one.

``needs_rewrite`` gates it (a question that stands alone is left as it is);
``rewrite`` asks the backend with the rewrite prompt, and falls back to a rule
(swap the previous question's topic) when the backend is not a model
(``generative`` false).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.backends.base import AnswerRequest, Backend
from app.prompting import PromptSet, rewrite_messages

_REFERS_BACK = re.compile(
    r"^(?:那|那麼|那么|而|又|還有|还有|另外|至於|至于)|呢[？?]?\s*$|"
    r"它|他們|他们|她們|其|該|该|此|上述|前者|後者|后者|這個|这个|這些|这些|那個|那个|"
    r"\b(?:it|its|they|them|their|this|that|these|those|there)\b|^(?:what|how) about\b|^and\b",
    re.I,
)
_PRONOUN = re.compile(
    r"它們|它们|它|他們|他们|其|該單位|该单位|該機構|该机构|\b(?:it|they)\b", re.I
)
_LEAD = re.compile(r"^(?:那麼|那么|那|而|又|還有|还有|另外|至於|至于)\s*")
_TAIL = re.compile(r"\s*呢?\s*[？?]?\s*$")


def needs_rewrite(question: str, history: Sequence[tuple[str, str]]) -> bool:
    """Whether ``question`` refers back to the conversation.

    >>> needs_rewrite("那楊浦呢？", [("紫竹高新區的股東結構?", "...")])
    True
    >>> needs_rewrite("張江高新區的面積有多大？", [("紫竹高新區的股東結構?", "...")])
    False
    >>> needs_rewrite("那楊浦呢？", [])
    False
    """
    return bool(history) and bool(_REFERS_BACK.search(question.strip()))


def topic_of(question: str) -> tuple[str, str]:
    """Split a question into its topic and the rest, at the first 的 / 's / of.

    >>> topic_of("紫竹高新區的股東結構?")
    ('紫竹高新區', '的股東結構?')
    """
    match = re.search(r"的|之|有|是|在|如何|怎麼|何時|何|為何|什麼|哪|多少|幾|\s", question)
    if not match or match.start() == 0:
        return question, ""
    return question[: match.start()], question[match.start() :]


def rule_rewrite(question: str, previous: str) -> str:
    """Rewrite by rule: 「那X呢」 puts X in the previous question's topic; a
    pronoun is replaced by that topic.

    >>> rule_rewrite("那楊浦呢？", "紫竹高新區的股東結構?")
    '楊浦的股東結構?'
    >>> rule_rewrite("它的股東呢？", "紫竹高新區是什麼時候成立的？")
    '紫竹高新區的股東呢？'
    """
    topic, rest = topic_of(previous)
    if _PRONOUN.search(question):
        return _PRONOUN.sub(topic, question, count=1)
    subject = _TAIL.sub("", _LEAD.sub("", question.strip()))
    if subject and rest:
        return subject + rest
    return f"{previous} {question}"


def rewrite(
    question: str,
    history: Sequence[tuple[str, str]],
    backend: Backend,
    prompts: PromptSet,
) -> str:
    """The standalone form of ``question`` (itself when it needs none)."""
    if not needs_rewrite(question, history):
        return question
    if not backend.generative:
        return rule_rewrite(question, history[-1][0])
    request = AnswerRequest(
        question=question,
        blocks=(),
        messages=rewrite_messages(prompts, history, question),
        max_tokens=80,
    )
    text = "".join(backend.execute(request)).strip().splitlines()
    candidate = text[0].strip(" 「」\"'") if text else ""
    if not candidate or len(candidate) > 3 * len(question) + 80:
        return rule_rewrite(question, history[-1][0])
    return candidate
