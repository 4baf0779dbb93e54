"""Cut sections into overlapping chunks for embedding and retrieval.

Chunks never cross a section. They end at sentence ends (。！？；) or paragraph
ends, close to ``size`` characters; a sentence longer than that is cut at a
comma, or at ``size`` as a last resort. Neighbouring chunks share at least
``overlap`` characters, so any stretch of up to ``overlap`` characters of a
section lies whole inside some chunk.

>>> from ingest.model import Section
>>> s = Section("r.txt", "壹、動機", 1, ("壹、動機",), "甲乙丙。丁戊己。庚辛壬。", 3, (0, 9))
>>> [(c.text, c.start, c.page) for c in chunk_section(s, size=8, overlap=4)]
[('甲乙丙。丁戊己。', 0, 3), ('丁戊己。庚辛壬。', 4, 3)]
"""

from __future__ import annotations

import hashlib
from bisect import bisect_right
from collections.abc import Iterable

from ingest.model import Chunk, Report, Section
from reportqa.errors import ReportQAError

SENTENCE_END = "。！？；!?;"
COMMA = "，、,：:"
_CLOSERS = "」』”’\"')）"


def chunk_report(report: Report, size: int = 350, overlap: int = 100) -> list[Chunk]:
    """All chunks of a report, section by section, in reading order."""
    if size < 2 or not 0 <= overlap < size:
        raise ReportQAError(
            f"bad chunk size {size} / overlap {overlap}",
            hint="set REPORTQA_CHUNK_SIZE > REPORTQA_CHUNK_OVERLAP >= 0",
        )
    chunks: list[Chunk] = []
    seen: dict[str, int] = {}
    for section in report.sections:
        for chunk in chunk_section(section, size, overlap):
            count = seen.get(chunk.id, 0)
            seen[chunk.id] = count + 1
            if count:
                chunk = _with_id(chunk, f"{chunk.id}-{count}")
            chunks.append(chunk)
    return chunks


def chunk_section(section: Section, size: int = 350, overlap: int = 100) -> list[Chunk]:
    """The chunks of one section; none when it has no text."""
    return [_make(section, s, e) for s, e in spans(section.text, size, overlap)]


def spans(text: str, size: int, overlap: int) -> list[tuple[int, int]]:
    """(start, end) of each chunk of ``text``.

    >>> spans("一二三四五六七八九十", 4, 2)
    [(0, 4), (3, 7), (6, 10)]
    """
    n = len(text.rstrip())
    if n == 0:
        return []
    strong_ends, weak_ends = _ends(text, SENTENCE_END), _ends(text, COMMA)
    starts = sorted({_skip_space(text, b) for b in strong_ends} - {n})
    weak_starts = sorted({_skip_space(text, b) for b in weak_ends} - {n})
    word_starts = [i for i in range(1, n) if text[i - 1].isspace() and not text[i].isspace()]
    out: list[tuple[int, int]] = []
    start = _skip_space(text, 0)
    while True:
        # at least ``overlap`` long, so the next chunk can start inside this one
        low = max(out[-1][1] if out else start, start + overlap - 1)
        end = _pick(strong_ends, low, start + size)
        if end is None:
            end = _pick(weak_ends, low, start + size)
        end = min(end if end is not None else start + size, n)
        out.append((start, end))
        if end >= n:
            return out
        # a span starting before the next chunk must end inside this one: one char of slack
        limit = end - overlap + 1
        nxt = next((b for b in (_pick(starts, start, limit), _pick(weak_starts, start, limit),
                                _pick(word_starts, start, limit)) if b is not None), None)
        start = nxt if nxt is not None else _skip_space(text, max(limit, start + 1))


def chunk_id(doc: str, path: Iterable[str], text: str) -> str:
    """A stable id: sha1 of document, section path and text, shortened.

    >>> chunk_id("a.txt", ["壹、動機"], "甲乙丙")
    '3b0ba30a136cf7f7'
    """
    key = "\x1f".join([doc, "\x1e".join(path), text])
    return hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


def _ends(text: str, stops: str) -> list[int]:
    """Offsets just after a stop (and any closing quotes) or just before a newline."""
    out = set()
    for i, char in enumerate(text):
        if char == "\n":
            out.add(i)
        elif char in stops:
            j = i + 1
            while j < len(text) and text[j] in _CLOSERS:
                j += 1
            out.add(j)
    out.add(len(text.rstrip()))
    return sorted(x for x in out if x > 0)


def _skip_space(text: str, i: int) -> int:
    """The first non-space offset at or after ``i``."""
    while i < len(text) and text[i].isspace():
        i += 1
    return i


def _pick(bounds: list[int], low: int, high: int) -> int | None:
    """The largest bound in (low, high], if any."""
    i = bisect_right(bounds, high) - 1
    return bounds[i] if i >= 0 and bounds[i] > low else None


def _make(section: Section, start: int, end: int) -> Chunk:
    """The chunk of ``section.text[start:end]``."""
    text = section.text[start:end]
    page, estimated = _page(section, start)
    meta = {"level": str(section.level)}
    if estimated:
        meta["page_estimated"] = "true"
    later = [f"{o - start}:{p}" for o, p, _ in section.pages if start < o < end and p != page]
    if later:
        meta["pages"] = ",".join(later)
    return Chunk(
        id=chunk_id(section.doc, section.path, text),
        doc=section.doc,
        section_path=section.path,
        page=page,
        text=text,
        embed_text=f"{section.breadcrumb}\n{text}",
        start=start,
        meta=meta,
    )


def _page(section: Section, offset: int) -> tuple[int | None, bool]:
    """(page, estimated) at ``offset`` of the section's text."""
    if not section.pages:
        return section.page, section.page_estimated
    i = bisect_right([o for o, _, _ in section.pages], offset) - 1
    _, page, estimated = section.pages[max(i, 0)]
    return page, estimated


def _with_id(chunk: Chunk, new_id: str) -> Chunk:
    """``chunk`` with another id (a repeated text in one section)."""
    return Chunk(new_id, chunk.doc, chunk.section_path, chunk.page, chunk.text,
                 chunk.embed_text, chunk.start, dict(chunk.meta))
