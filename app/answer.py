"""The answer object every interface shows: text, citations, flags, timings."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Citation:
    """A [n] marker of an answer and the passage it points at."""

    n: int
    chunk_id: str
    doc: str
    section_path: tuple[str, ...]
    page: int | None
    quote: str
    text: str
    # every sentence of the passage that a sentence of the answer rests on
    # (``quote`` is the best of them); the sources panel highlights them all
    quotes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Reading:
    """The passages went to the backend, which reads them before its first
    word: a model takes seconds to a minute for that on 2 cores, so the
    interfaces say what is happening (「正在閱讀 5 段報告…」)."""

    passages: int
    model: bool  # a model reads them (seconds), not the instant extractive reader


@dataclass(frozen=True)
class Flag:
    """Something in the answer a reader should doubt.

    ``kind`` is ``unsupported`` (a sentence its citations do not back),
    ``figure`` (a number found in no cited passage), ``uncited``, or
    ``injection`` (it cites a passage worded as orders to an assistant).
    """

    kind: str
    sentence: str
    detail: str = ""


@dataclass
class Answer:
    """What the pipeline returns for one question."""

    question: str
    text: str
    refused: bool
    citations: list[Citation] = field(default_factory=list)
    flags: list[Flag] = field(default_factory=list)
    searched: str = ""
    backend: str = ""
    evidence: float = 0.0
    timings: dict[str, float] = field(default_factory=dict)
    # on a refusal: the passages that came closest, which do not answer (never citations)
    closest: list[Citation] = field(default_factory=list)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict; ``answer`` is the text.

        >>> Answer("q", "a", False).to_dict()["answer"]
        'a'
        """
        data = asdict(self)
        data["answer"] = data.pop("text")
        for citation in [*data["citations"], *data["closest"]]:
            citation["section_path"] = list(citation["section_path"])
        return data
