"""Join the hard-wrapped lines of a section into paragraphs.

Lines are joined with nothing between CJK characters and a space between Latin
words. A paragraph ends after a sentence end or a ``key：value`` line, before a
numbered item, bullet or ``[問]``-style line, and where the gap of blank lines is
wider than the report's usual gap inside a paragraph. A page break never ends a
paragraph by itself.

>>> p = [Piece("研發機構約", 0, 0, False), Piece("350 家。", 9, 0, True)]
>>> join(p, Layout(0, 40))
('研發機構約350 家。', [(0, 0), (5, 9)])
>>> words = [Piece("SCIENCEPARK", 0, 0, False), Piece("INNOFAIR 2023）", 20, 1, False)]
>>> join(words, Layout(1, 40))[0]
'SCIENCEPARK INNOFAIR 2023）'
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise

from ingest.headings import BULLET, is_plain_heading, match_marker

TERMINAL = "。！？!?；;：:"
_CLOSERS = "」』”’\"')）"
_FIELD = re.compile(r"^[^\s，。；：:、]{1,10}[：:]\s*\S")
_OPENERS = re.compile(r"^(?:\[[^\]]{1,4}\]|【[^】]{1,6}】|圖\s*\d|表\s*\d)")


@dataclass(frozen=True)
class Piece:
    """A prose line: text, source offset, blank lines before it, page break before it."""

    text: str
    start: int
    gap: int
    page_break: bool


@dataclass(frozen=True)
class Layout:
    """How a report wraps: the usual blank gap inside a paragraph, the usual full line length."""

    gap: int
    width: int

    @classmethod
    def of(cls, pieces: Sequence[Piece]) -> Layout:
        """The layout of a whole report."""
        lengths = sorted(len(p.text) for p in pieces) or [0]
        return cls(usual_gap(pieces), lengths[int(0.9 * (len(lengths) - 1))])


def join(pieces: Sequence[Piece], layout: Layout) -> tuple[str, list[tuple[int, int]]]:
    """The section text and, for each line, (offset in the text, offset in the source)."""
    text = ""
    anchors: list[tuple[int, int]] = []
    for i, piece in enumerate(pieces):
        sep = "" if i == 0 else _separator(pieces[i - 1], piece, layout)
        anchors.append((len(text) + len(sep), piece.start))
        text += sep + piece.text
    return text, anchors


def usual_gap(pieces: Sequence[Piece]) -> int:
    """The most common number of blank lines between two lines of one paragraph.

    >>> usual_gap([Piece("甲乙", 0, 0, False), Piece("丙", 3, 1, False), Piece("丁", 5, 1, False)])
    1
    """
    gaps = Counter(
        b.gap
        for a, b in pairwise(pieces)
        if not b.page_break and not ends_sentence(a.text) and not starts_block(b.text)
    )
    return min(gaps.most_common(1)[0][0], 3) if gaps else 0


def ends_sentence(text: str) -> bool:
    """Whether a line ends a sentence (quotes and brackets after the stop allowed).

    >>> ends_sentence("「上海眾創空間聯盟」。"), ends_sentence("主要推動")
    (True, False)
    """
    stripped = text.rstrip(_CLOSERS)
    return bool(stripped) and stripped[-1] in TERMINAL


def starts_block(text: str) -> bool:
    """Whether a line begins a new block: numbered item, bullet, ``[問]``, ``圖 1``.

    >>> starts_block("(1)200 多個"), starts_block("⚫ 時間：2023"), starts_block("方向有四：")
    (True, True, False)
    """
    return bool(
        match_marker(text) or BULLET.match(text) or _OPENERS.match(text)
        or is_plain_heading(text)
    )


def is_field(text: str) -> bool:
    """A ``key：value`` line such as ``時間：104 年 12 月 1 日``.

    >>> is_field("時間：104 年"), is_field("方向有四：")
    (True, False)
    """
    return bool(_FIELD.match(text))


def _separator(before: Piece, after: Piece, layout: Layout) -> str:
    """``"\\n"`` between paragraphs, else ``" "`` between Latin words, else ``""``.

    A ``key：value`` line starts a paragraph unless the line before is full (wrapped).
    """
    full = len(before.text) >= 0.85 * layout.width
    if starts_block(after.text) or is_field(before.text) or (is_field(after.text) and not full):
        return "\n"
    if ends_sentence(before.text) or _item_title(before.text):
        return "\n"
    if not after.page_break and after.gap > layout.gap:
        return "\n"
    return " " if _latin(before.text[-1]) and _latin(after.text[0], opening=True) else ""


def _item_title(text: str) -> bool:
    """A numbered or bulleted line that reads as a whole title (``(捌)上海嘉定…``)."""
    return starts_block(text) and len(text) <= 40 and not any(c in text for c in "，,；;")


def _latin(char: str, opening: bool = False) -> bool:
    """An ASCII letter or digit, or punctuation that sits next to Latin words."""
    if char.isascii() and char.isalnum():
        return True
    return char in ("(\"'" if opening else ",.;:!?)%\"'")
