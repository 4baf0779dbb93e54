"""The data that flows out of ingest: sections of a report and their chunks."""

from __future__ import annotations

from dataclasses import dataclass, field

# Bump when the same report file would give other sections or chunks.
# 2: a heading's same-line text keeps its label ("一、目的：正文").
PARSER = 2


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
