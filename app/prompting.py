"""Prompt templates: load them (bundled or overridden) and render chat messages."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from app.backends.base import ContextBlock, Message, Similarity
from app.context import fit_blocks
from reportqa import settings
from reportqa.errors import ReportQAError

TEMPLATE_NAMES = (
    "answer_system_zh",
    "answer_system_en",
    "answer_user_zh",
    "answer_user_en",
    "context_block",
    "context_report",
    "instruction_mark",
    "rewrite",
    "refusal_zh",
    "refusal_en",
    "extractive_intro_en",
    "extractive_no_figure_zh",
    "extractive_no_figure_en",
    "judge",
    "quotes_left_out_zh",
    "quotes_left_out_en",
)


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


def judge_messages(prompts: PromptSet, answer: Sequence[Message], question: str
                   ) -> tuple[Message, ...]:
    """The answer prompt ``answer`` followed by one more turn asking whether its
    text states the answer to ``question`` (yes or no): what a model judges before
    answering (app.backends.judge).

    >>> turn = judge_messages(load_prompts(), (Message("user", "…"),), "紫竹的股東？")[-1]
    >>> "紫竹的股東？" in turn.content and "yes or no" in turn.content
    True
    """
    return (*answer, Message("user", prompts.get("judge").format(question=question).strip()))


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


def answer_messages(
    prompts: PromptSet,
    question: str,
    blocks: Sequence[ContextBlock],
    language: str,
    titles: dict[str, str],
    budget: int,
    similarity: Similarity | None = None,
    translation: str = "",
) -> tuple[Message, ...]:
    """The system + user messages of an answer prompt. The system message is fixed
    so a backend can reuse its cached prefix across questions. ``similarity``
    ranks the sentences kept when the passages overflow ``budget`` (for
    English questions, with the Chinese words of their ``translation``).
    """
    context = fit_blocks(prompts, blocks, titles, budget, question, similarity, translation)
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
