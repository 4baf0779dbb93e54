"""Which page a source offset is on.

Three sources, best first: form feeds (a PDF reader's page markers: exact);
bare page numbers (a number N alone on a line ends page N, so what follows is on
page N+1); table-of-contents pages of headings. Between two anchors that
disagree the page is estimated in proportion to the offset; before the first
anchor it is unknown.

>>> pages = PageMap.from_anchors([(10, 1), (20, 1), (21, 2)])
>>> pages.at(5), pages.at(12), pages.at(25)
((None, False), (1, True), (2, False))
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass

from ingest.lines import Line


@dataclass(frozen=True)
class PageMap:
    """Sorted anchors (offset, page at that offset)."""

    offsets: tuple[int, ...]
    pages: tuple[int, ...]

    @classmethod
    def from_anchors(cls, anchors: Sequence[tuple[int, int]]) -> PageMap:
        """Keep anchors whose pages never go down as the offset grows."""
        kept: list[tuple[int, int]] = []
        for offset, page in sorted(anchors):
            if not kept or page >= kept[-1][1]:
                kept.append((offset, page))
        return cls(tuple(o for o, _ in kept), tuple(p for _, p in kept))

    def at(self, offset: int) -> tuple[int | None, bool]:
        """(page, exact) at ``offset``; exact is False for an estimate.

        >>> PageMap.from_anchors([(0, 4), (100, 13)]).at(50)
        (8, False)
        """
        i = bisect_right(self.offsets, offset) - 1
        if i < 0:
            return None, False
        page = self.pages[i]
        if offset == self.offsets[i]:
            return page, True
        if i + 1 >= len(self.offsets):
            return page, False
        if self.pages[i + 1] == page:
            return page, True
        span = self.offsets[i + 1] - self.offsets[i]
        share = (offset - self.offsets[i]) / span if span else 0.0
        return page + int(share * (self.pages[i + 1] - page)), False


def page_map(
    lines: Sequence[Line], heading_pages: Sequence[tuple[int, int]], size: int
) -> PageMap:
    """The page map of a report from its lines and (offset, page) of TOC-listed headings.

    >>> from ingest.lines import split_lines
    >>> pm = page_map(split_lines("甲\\f乙\\f丙"), [], 5)
    >>> [pm.at(i) for i in (0, 2, 4)]
    [(1, True), (2, True), (3, True)]
    """
    breaks = [line.end for line in lines if line.kind == "break"]
    if breaks:
        anchors = [(0, 1)]
        for i, end in enumerate(breaks):
            anchors += [(end - 1, i + 1), (end, i + 2)]
        return PageMap.from_anchors([*anchors, (size, len(breaks) + 1)])
    anchors = list(heading_pages)
    for line in lines:
        if line.kind == "page" and line.number is not None:
            anchors += [(line.start, line.number), (line.end, line.number + 1)]
    return PageMap.from_anchors(anchors)
