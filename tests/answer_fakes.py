"""Hand-written fakes of the answer-side contracts (retriever, backend)."""

from __future__ import annotations

from collections.abc import Iterator, Sequence

from app.backends.base import AnswerRequest
from index.types import Hit
from ingest.model import Chunk


def chunk(
    n: int, text: str, doc: str = "r.txt", path: Sequence[str] = ("壹、甲", "一、乙")
) -> Chunk:
    """A chunk with a predictable id."""
    return Chunk(f"c{n}", doc, tuple(path), n, text, " > ".join(path) + "\n" + text)


class FixedRetriever:
    """Returns the same hits for every query, recording the queries."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        self.chunks = list(chunks)
        self.queries: list[str] = []

    def search(self, query: str, k: int) -> list[Hit]:
        self.queries.append(query)
        return [
            Hit(c, 1.0 / (i + 1), i + 1, i + 1, 0.9 - 0.01 * i, 5.0 - i)
            for i, c in enumerate(self.chunks[:k])
        ]


class IndexFixed:
    """An IndexRetriever that returns the same hits for every query (recording the
    queries): its index is ``everything`` (by default the chunks it returns), a
    question asks about several reports when it says 兩份報告, every cosine is
    ``cosine``, and nothing translates."""

    def __init__(
        self, found: Sequence[Chunk], everything: Sequence[Chunk] | None = None,
        cosine: float = 0.0,
    ) -> None:
        self.found = list(found)
        self.chunks = list(everything if everything is not None else found)
        self.cosine = cosine
        self.queries: list[str] = []

    def search(self, query: str, k: int) -> list[Hit]:
        self.queries.append(query)
        return FixedRetriever(self.found).search(query, k)

    def several(self, query: str) -> bool:
        return "兩份報告" in query

    def similarity(self, query: str, texts: Sequence[str]) -> list[float]:
        return [self.cosine] * len(texts)

    def translate(self, query: str) -> list[str]:
        return []

    def limited(self, files: Sequence[str]) -> IndexFixed:
        """Only the chunks of these report files."""
        return IndexFixed([c for c in self.found if c.doc in files],
                          [c for c in self.chunks if c.doc in files], self.cosine)


class SimilarRetriever(FixedRetriever):
    """A FixedRetriever that also offers ``similarity``: a cosine-like 0.72 plus
    a fifth of the share of a text's Latin words found in the question,
    recording each call."""

    def __init__(self, chunks: Sequence[Chunk]) -> None:
        super().__init__(chunks)
        self.compared: list[str] = []

    def similarity(self, query: str, texts: Sequence[str]) -> list[float]:
        self.compared.append(query)
        asked = set(query.lower().replace("?", "").split())
        scores = []
        for text in texts:
            words = [w.lower() for w in text.replace("。", " ").split() if w.isascii()]
            share = sum(w in asked for w in words) / len(words) if words else 0.0
            scores.append(0.72 + 0.2 * share)
        return scores


class ScriptedBackend:
    """Streams a fixed reply in small pieces and records the requests."""

    @staticmethod
    def available() -> bool:
        return True

    def __init__(
        self, reply: str, name: str = "scripted", piece: int = 3, generative: bool = True,
        judgement: float | None = None,
    ) -> None:
        self.reply = reply
        self.name = name
        self.generative = generative
        self.piece = piece
        self.judgement = judgement
        self.requests: list[AnswerRequest] = []
        self.judged: list[AnswerRequest] = []

    def judge(self, request: AnswerRequest) -> float | None:
        self.judged.append(request)
        return self.judgement

    def execute(self, request: AnswerRequest) -> Iterator[str]:
        self.requests.append(request)
        for i in range(0, len(self.reply), self.piece):
            yield self.reply[i : i + self.piece]
