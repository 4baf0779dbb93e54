"""Cleaning model output as it streams, so the streamed text is the final text.

Markers that point at no passage are dropped, Chinese answers are converted
to Traditional script, and a sentence the model left uncited gets the marker
of the passage that clearly supports it (bigram support of at least
``AUTO_CITE_SUPPORT``); one no passage supports stays uncited and is flagged
later. A marker whose passage hardly backs its sentence (support below
``KEEP_SUPPORT``) is moved to the passage that clearly does, when one does.
An open marker or quote is held back until it closes, a sentence end until
the next character shows whether a marker follows, and the last few
characters until more text arrives, so no marker and rarely a phrase is cut.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.backends.base import ContextBlock
from app.citations import cited_text, clean_markers, strip_markers, support
from app.language import quotes, to_traditional
from ingest.sentences import NOT_LIST

HOLD_BACK = 4  # characters kept back from the stream until more text arrives
AUTO_CITE_SUPPORT = 0.6  # support a passage must give an uncited sentence to be cited
KEEP_SUPPORT = 0.4  # a cited passage backing its sentence less than this may be replaced
_BOUNDARY = re.compile(r"[。！？；，、：\n!?;,:]")
_END = re.compile(r"[。！？!?；;\n][」』）)]*|" + NOT_LIST + r"\.(?=\s)")  # not after "1."
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
        # Chinese words are Traditional in Chinese and English answers alike (an
        # English answer may name an address or a body in Chinese); a long quote
        # may be cut across pieces: its words must stay the report's
        quoted = self.text.count("「") > self.text.count("」")
        text = to_traditional(text, quoted)
        out = self._cite(self._repoint(text), final)
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

    def _repoint(self, text: str) -> str:
        """``text`` with each marker moved to the passage that backs its sentence,
        where the cited one hardly does and another clearly does.

        >>> from ingest.model import Chunk
        >>> yes = Chunk("c1", "r.txt", ("甲",), 1, "紫竹高新區有七家股東。", "")
        >>> no = Chunk("c2", "r.txt", ("乙",), 2, "楊浦成立於1997年。", "")
        >>> cleaner = StreamCleaner([ContextBlock(1, yes), ContextBlock(2, no)], "zh")
        >>> cleaner.feed("紫竹高新區有七家股東。[2]") + cleaner.finish()
        '紫竹高新區有七家股東。[1]'
        >>> long = Chunk("c3", "r.txt", ("丙",), 3, "甲園區的股東名單很長，" * 3, "")
        >>> cleaner = StreamCleaner([ContextBlock(1, long), ContextBlock(2, no)], "zh")
        >>> cleaner.feed("「甲園區的股東名單很長」[1]「楊浦成立」[2]") + cleaner.finish()
        '「甲園區的股東名單很長」[1]「楊浦成立」[2]'
        """
        out: list[str] = []
        pos = 0
        for match in _MARKER.finditer(text):
            out.append(text[pos : match.start()])
            before = self.text + "".join(out)
            marker = self._better(int(match.group()[1:-1]), _claim(before))
            if not before.endswith(marker):  # no doubled marker after a move
                out.append(marker)
            pos = match.end()
        out.append(text[pos:])
        return "".join(out)

    def _better(self, n: int, claim: str) -> str:
        """The marker for ``claim``: [n], or that of a passage that clearly backs it."""
        body = claim.strip()
        cited = next((b for b in self.blocks if b.n == n), None)
        if cited is None or len(body) < 6:
            return f"[{n}]"
        quoted = quotes(body)
        if quoted and all(q in cited.chunk.text for q in quoted):
            return f"[{n}]"  # a quotation stands in the passage it cites
        own = support(body, [cited_text(cited)])
        if own is None or own >= KEEP_SUPPORT:
            return f"[{n}]"
        other = self._marker_for(body)
        return other or f"[{n}]"

    def _marker_for(self, sentence: str) -> str:
        """The marker of the passage that best supports ``sentence``, or ''."""
        body = strip_markers(sentence).strip()
        if len(body) < 6 or not self.blocks:
            return ""
        scored = [(support(body, [cited_text(b)]) or 0.0, -b.n) for b in self.blocks]
        best, minus_n = max(scored)  # ties go to the better-ranked passage
        n = -minus_n
        return f"[{n}]" if best >= AUTO_CITE_SUPPORT else ""


def _claim(before: str) -> str:
    """The sentence that a marker placed right after ``before`` cites: the last
    one, whether or not it has ended yet.

    >>> _claim("甲成立於2000年。[1]乙有三家。")
    '乙有三家。'
    >>> _claim("甲成立於2000年。[1]乙有三家，")
    '乙有三家，'
    >>> _claim("「甲園區的股東名單」[1]「地點：某市」")
    '「地點：某市」'
    """
    markers = list(_MARKER.finditer(before))
    body = before[markers[-1].end() :] if markers else before  # a marker ends a claim
    body = strip_markers(body).rstrip()
    ends = [m.end() for m in _END.finditer(body, 0, max(len(body) - 1, 0))]
    return body[ends[-1] :] if ends else body
