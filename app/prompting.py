"""Prompt templates: load them (bundled or overridden) and render chat messages."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from app.backends.base import ContextBlock, Message
from reportqa import settings
from reportqa.errors import ReportQAError

TEMPLATE_NAMES = (
    "answer_system_zh",
    "answer_system_en",
    "answer_user_zh",
    "answer_user_en",
    "context_block",
    "rewrite",
    "refusal_zh",
    "refusal_en",
    "extractive_intro_en",
)

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True)
class PromptSet:
    """The templates by name."""

    templates: dict[str, str]

    def get(self, name: str) -> str:
        """The template text ``name``."""
        return self.templates[name]

    def refusal(self, language: str) -> str:
        """The fixed reply used when the reports do not hold the answer."""
        return self.templates[f"refusal_{language}"].strip()


def load_prompts(override_dir: str | Path | None = None) -> PromptSet:
    """Bundled templates, each replaced by a file of the same name in ``override_dir``.

    >>> "{context}" in load_prompts().get("answer_user_zh")
    True
    """
    folder = settings.get_str("prompts_dir") if override_dir is None else str(override_dir)
    bundled = resources.files("prompts")
    templates: dict[str, str] = {}
    for name in TEMPLATE_NAMES:
        custom = Path(folder) / f"{name}.txt" if folder else None
        if custom is not None and custom.is_file():
            templates[name] = custom.read_text(encoding="utf-8")
        else:
            templates[name] = bundled.joinpath(f"{name}.txt").read_text(encoding="utf-8")
    if folder and not Path(folder).is_dir():
        raise ReportQAError(
            f"prompts folder {folder} does not exist",
            hint="set REPORTQA_PROMPTS_DIR to a folder of *.txt templates, or unset it",
        )
    return PromptSet(templates)


def estimate_tokens(text: str) -> int:
    """A rough token count for Qwen-style tokenizers: one per CJK character,
    about 1.3 per Latin word, one per other symbol run.

    >>> estimate_tokens("紫竹高新區 has 3 parks")  # 5 CJK + round(1.3 * 3)
    9
    """
    cjk = len(_CJK.findall(text))
    words = _LATIN_WORD.findall(text)
    return cjk + round(1.3 * len(words)) + len(re.findall(r"[^\w\s]", text)) // 2


def format_block(prompts: PromptSet, block: ContextBlock, title: str, text: str) -> str:
    """One numbered context block carrying report title, section path and page."""
    page = "?" if block.chunk.page is None else str(block.chunk.page)
    return (
        prompts.get("context_block")
        .format(n=block.n, title=title, section=block.chunk.breadcrumb, page=page, text=text)
        .strip()
    )


def fit_blocks(
    prompts: PromptSet,
    blocks: Sequence[ContextBlock],
    titles: dict[str, str],
    budget: int,
) -> str:
    """Render blocks in order until the token budget is spent; the last one is cut
    to fit. The first block is always included (cut if needed).
    """
    parts: list[str] = []
    used = 0
    for block in blocks:
        title = titles.get(block.chunk.doc, block.chunk.doc)
        text = block.chunk.text
        rendered = format_block(prompts, block, title, text)
        cost = estimate_tokens(rendered)
        if used + cost > budget:
            room = budget - used - estimate_tokens(format_block(prompts, block, title, ""))
            if room < 60 and parts:
                break
            text = _cut_to_tokens(text, max(room, 60))
            rendered = format_block(prompts, block, title, text + "…")
            parts.append(rendered)
            break
        parts.append(rendered)
        used += cost
    return "\n\n".join(parts)


def _cut_to_tokens(text: str, tokens: int) -> str:
    """The longest prefix of ``text`` within ``tokens`` (estimated)."""
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if estimate_tokens(text[:mid]) <= tokens:
            low = mid
        else:
            high = mid - 1
    return text[:low]


def answer_messages(
    prompts: PromptSet,
    question: str,
    blocks: Sequence[ContextBlock],
    language: str,
    titles: dict[str, str],
    budget: int,
) -> tuple[Message, ...]:
    """The system + user messages of an answer prompt. The system message is fixed
    so a backend can reuse its cached prefix across questions.
    """
    context = fit_blocks(prompts, blocks, titles, budget)
    user = prompts.get(f"answer_user_{language}").format(context=context, question=question)
    return (
        Message("system", prompts.get(f"answer_system_{language}").strip()),
        Message("user", user.strip()),
    )


def rewrite_messages(
    prompts: PromptSet, history: Sequence[tuple[str, str]], question: str
) -> tuple[Message, ...]:
    """The prompt that turns a follow-up into a standalone question.

    ``history`` holds (question, answer) pairs, oldest first.
    """
    lines = []
    for asked, answered in history[-3:]:
        lines.append(f"使用者：{asked}")
        lines.append(f"助理：{answered[:200]}")
    text = prompts.get("rewrite").format(history="\n".join(lines), question=question)
    return (Message("user", text.strip()),)
