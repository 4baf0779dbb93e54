"""The backend contract: one method, ``execute``, that streams answer text.

A backend gets an :class:`AnswerRequest` (the question, numbered context blocks,
and the rendered chat messages) and yields text pieces as they are produced.
Adding a backend is one class with ``name``, ``generative`` (a language model, or a
reader that only quotes) and ``execute``, plus one line in
``app.backends.registry.BACKENDS``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Protocol

from ingest.model import Chunk

if TYPE_CHECKING:
    from index.types import Hit


@dataclass(frozen=True)
class ContextBlock:
    """Context block [n] of a prompt: a retrieved chunk and its number."""

    n: int
    chunk: Chunk
    score: float = 0.0


@dataclass(frozen=True)
class Message:
    """One chat message (role is system, user or assistant)."""

    role: str
    content: str


# (question, texts) -> one cosine per text
Similarity = Callable[[str, Sequence[str]], list[float]]
# a name -> its other names (the index glossary's Chinese name for a Latin one)
Aliases = Callable[[str], Sequence[str]]


@dataclass(frozen=True)
class AnswerRequest:
    """Everything a backend may use to answer."""

    question: str
    blocks: tuple[ContextBlock, ...]
    messages: tuple[Message, ...]
    language: str = "zh"  # "zh" (answer in Traditional Chinese) or "en"
    max_tokens: int = 384
    options: dict[str, str] = field(default_factory=dict)
    # Cosine of the question with each text, by the index's embedder (when the
    # retriever offers one): how the extractive reader ranks the sentences of a
    # Chinese report for an English question.
    similarity: Similarity | None = None
    # The Chinese names and words the index's glossary gives for an English
    # question's (how the reader finds 萬隆科技園區 for "Bandung Techno Park").
    translation: str = ""
    # The other names of a name (the glossary's 烏茲別克資訊科技園區 for ITPU): a
    # passage naming one names what the question asks about.
    aliases: Aliases | None = None
    # The answer follows another backend's (the extractive reader as fallback):
    # quotes only, no lead-in of its own.
    follows: bool = False
    # The retriever read the question as one about several reports (index.multi) and
    # searched each: the reader quotes each report's best sentences too.
    several: bool = False


class Backend(Protocol):
    """A way to turn a request into answer text, streamed."""

    name: str
    # True for a language model: it can rewrite a follow-up and may refuse on its own
    # (the extractive reader is then its fallback); False for a reader that only quotes.
    generative: bool

    @staticmethod
    def available() -> bool:
        """Whether the backend is installed and configured, found without loading
        anything heavy (the registry asks before choosing it)."""
        ...

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        """Yield pieces of the answer text in order."""
        ...

    def judge(self, request: AnswerRequest) -> float | None:
        """How likely the reply to ``request.messages`` begins "yes" rather than
        "no" (the pipeline asks whether the passages state the answer), or None
        for a backend that cannot tell (it is then not asked)."""
        ...


def hits_to_blocks(hits: Sequence[Hit]) -> tuple[ContextBlock, ...]:
    """Number hits as context blocks [1], [2], ...."""
    return tuple(ContextBlock(i + 1, hit.chunk, hit.score) for i, hit in enumerate(hits))
