"""Cleaning model output as it streams, so the streamed text is the final text.

Markers that point at no passage are dropped, Chinese answers are converted
to Traditional script, and a sentence the model left uncited gets the marker
of the passage that clearly supports it (bigram support of at least
``AUTO_CITE_SUPPORT``); one no passage supports stays uncited and is flagged
later. An open marker or quote is held back until it closes, a sentence end
until the next character shows whether a marker follows, and the last few
characters until more text arrives, so no marker and rarely a phrase is cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.backends.base import ContextBlock
from app.citations import clean_markers, strip_markers, support
from app.language import to_traditional

HOLD_BACK = 4  # characters kept back from the stream until more text arrives
AUTO_CITE_SUPPORT = 0.6  # support a passage must give an uncited sentence to be cited
_BOUNDARY = re.compile(r"[。！？；，、：\n!?;,:]")
_END = re.compile(r"[。！？!?；;\n][」』）)]*|\.(?=\s)")
_MARKER = re.compile(r"\[\d+\]")


class StreamCleaner:
    """Cleans streamed text piece by piece; ``text`` is all that was emitted.

    >>> from ingest.model import Chunk
    >>> passage = Chunk("c1", "r.txt", ("甲",), 1, "紫竹高新區有七家股東。", "")
    >>> blocks = [ContextBlock(1, passage), ContextBlock(2, passage)]
    >>> cleaner = StreamCleaner(blocks, language="zh")
    >>> cleaner.feed("紫竹高新区有七家股东[") + cleaner.feed("1][7]。") + cleaner.finish()
    '紫竹高新區有七家股東[1]。'
    >>> cleaner = StreamCleaner(blocks, "zh")
    >>> cleaner.feed("紫竹高新區有七家股東。好") + cleaner.finish()
    '紫竹高新區有七家股東。[1]好'
    """

    def __init__(self, blocks: Sequence[ContextBlock], language: str) -> None:
        self.blocks = list(blocks)
        self.language = language
        self.buffer = ""
        self.text = ""
        self.sentence = ""  # the emitted part of the sentence being written

    def feed(self, piece: str) -> str:
        """Take a piece of model output; return the cleaned text now safe to show."""
        self.buffer += piece
        cut = self._safe_cut()
        ready, self.buffer = self.buffer[:cut], self.buffer[cut:]
        return self._emit(ready)

    def finish(self) -> str:
        """Flush what is left (citing the last sentence if it needs it)."""
        rest, self.buffer = self.buffer, ""
        return self._emit(rest, final=True)

    def _safe_cut(self) -> int:
        buffer = self.buffer
        limit = len(buffer)
        opened = max(buffer.rfind("["), buffer.rfind("［"), buffer.rfind("【"))
        if opened > max(buffer.rfind("]"), buffer.rfind("］"), buffer.rfind("】")):
            limit = opened
        if buffer.count("「") > buffer.count("」") and len(buffer) < 300:
            limit = min(limit, buffer.rfind("「"))
        tail = buffer[:limit].rstrip().rstrip("」』）)")
        if tail and _END.match(tail[-1]):  # wait: does a marker follow this end?
            limit = len(tail) - 1
        cut = 0
        for match in _BOUNDARY.finditer(buffer, 0, limit):
            cut = match.end()
        return max(cut, min(limit, len(buffer) - HOLD_BACK))

    def _emit(self, text: str, final: bool = False) -> str:
        if not text:
            return ""
        text = clean_markers(text, len(self.blocks))
        if self.language == "zh":
            text = to_traditional(text)
        out = self._cite(text, final)
        self.text += out
        return out

    def _cite(self, text: str, final: bool) -> str:
        """Add a marker after each sentence end whose sentence has none."""
        out: list[str] = []
        pos = 0
        for match in _END.finditer(text):
            after = (text[match.end() :] + self.buffer).lstrip(" 」』）)")
            if not final and not after:
                continue  # cannot see yet what follows (only at finish)
            self.sentence += text[pos : match.end()]
            out.append(text[pos : match.end()])
            pos = match.end()
            if not after.startswith("[") and not _MARKER.search(self.sentence):
                out.append(self._marker_for(self.sentence))
            if not after.startswith("["):
                self.sentence = ""
        rest = text[pos:]
        out.append(rest)
        self.sentence += rest
        if final and self.sentence.strip() and not _MARKER.search(self.sentence):
            out.append(self._marker_for(self.sentence))
        return "".join(out)

    def _marker_for(self, sentence: str) -> str:
        """The marker of the passage that best supports ``sentence``, or ''."""
        body = strip_markers(sentence).strip()
        if len(body) < 6 or not self.blocks:
            return ""
        scored = [(support(body, [b.chunk.text]) or 0.0, -b.n) for b in self.blocks]
        best, minus_n = max(scored)  # ties go to the better-ranked passage
        n = -minus_n
        return f"[{n}]" if best >= AUTO_CITE_SUPPORT else ""
