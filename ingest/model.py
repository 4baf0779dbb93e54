"""The data that flows out of ingest: sections of a report and their chunks."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterable
from dataclasses import dataclass, field

# Bump when the same report file would give other sections or chunks.
# 2: a heading's same-line text keeps its label ("一、目的：正文").
# 3: PDFs read by pypdfium2 (tables as rows, no running lines); chunks record
#    where later pages start (meta "pages"); radicals read as ideographs.
PARSER = 3


@dataclass(frozen=True)
class Section:
    """One section of a report: its heading, place in the tree and own text.

    ``path`` holds the titles from the top down to this section, itself last.
    ``span`` is the (start, end) character range of the section in the source file.
    ``page`` is the report page the section starts on, when known.
    ``page_estimated`` says ``page`` is an estimate (interpolated between sparse
    page numbers), not read off the report. ``pages`` maps offsets in ``text`` to
    the page from there on: (offset, page, estimated) triples, offsets rising.
    """

    doc: str
    title: str
    level: int
    path: tuple[str, ...]
    text: str
    page: int | None
    span: tuple[int, int]
    page_estimated: bool = False
    pages: tuple[tuple[int, int, bool], ...] = field(default=(), compare=False)

    @property
    def breadcrumb(self) -> str:
        """The path as one line.

        >>> Section("a.txt", "B", 2, ("A", "B"), "", None, (0, 0)).breadcrumb
        'A > B'
        """
        return " > ".join(self.path)


@dataclass(frozen=True)
class Report:
    """A parsed report: file name, title, sections in reading order.

    ``content_hash`` is the sha256 of the file's bytes; ``date`` an ISO date or
    year found in the text (``""`` when none).
    """

    doc: str
    title: str
    sections: tuple[Section, ...]
    content_hash: str = ""
    date: str = ""


@dataclass(frozen=True)
class Chunk:
    """A piece of one section, the unit that is embedded and retrieved.

    ``text`` is the report's own words; ``embed_text`` is what gets embedded
    (section breadcrumb + text). ``start`` is the offset of ``text`` in its
    section's text. ``id`` is stable: the same input gives the same id.
    """

    id: str
    doc: str
    section_path: tuple[str, ...]
    page: int | None
    text: str
    embed_text: str
    start: int = 0
    meta: dict[str, str] = field(default_factory=dict, compare=False, hash=False)

    @property
    def breadcrumb(self) -> str:
        """The section path as one line."""
        return " > ".join(self.section_path)

    def page_at(self, offset: int) -> int | None:
        """The page of ``text[offset]``: a chunk that crosses a page break
        records where each later page starts (meta ``pages``, ``"offset:page,..."``).

        >>> c = Chunk("c", "d", (), 3, "甲乙丙丁", "", meta={"pages": "2:4"})
        >>> c.page_at(0), c.page_at(2), c.page_at(-1)
        (3, 4, 3)
        """
        page = self.page
        for start, number in self.page_starts():
            if 0 <= start - self.start <= offset:
                page = number
        return page

    def page_starts(self) -> list[tuple[int, int]]:
        """(offset in the section's text, page) where each of its pages starts.

        >>> Chunk("c", "d", (), 3, "甲乙丙丁", "", start=10, meta={"pages": "2:4"}).page_starts()
        [(10, 3), (12, 4)]
        """
        out = [(self.start, self.page)] if self.page is not None else []
        for item in filter(None, self.meta.get("pages", "").split(",")):
            offset, _, number = item.partition(":")
            out.append((self.start + int(offset), int(number)))
        return out

    def span(self, start: int, text: str, starts: Iterable[tuple[int, int]] = ()) -> Chunk:
        """This chunk cut or widened to ``text`` at ``start`` of its section, its
        page and page starts taken from its own and ``starts`` (other chunks').

        >>> a = Chunk("a", "d", (), 3, "甲乙", "", start=0)
        >>> b = Chunk("b", "d", (), 3, "乙丙丁", "", start=1, meta={"pages": "1:4"})
        >>> w = b.span(0, "甲乙丙丁", a.page_starts()); w.page, w.meta["pages"], w.page_at(2)
        (3, '2:4', 4)
        >>> b.span(2, "丙丁").page
        4
        """
        known = sorted({*self.page_starts(), *starts})
        before = [p for o, p in known if o <= start]
        page = before[-1] if before else (known[0][1] if known else self.page)
        meta = {k: v for k, v in self.meta.items() if k != "pages"}
        later, last = [], page
        for offset, number in known:
            if start < offset < start + len(text) and number != last:
                later.append(f"{offset - start}:{number}")
                last = number
        if later:
            meta["pages"] = ",".join(later)
        return dataclasses.replace(self, text=text, start=start, page=page, meta=meta)
