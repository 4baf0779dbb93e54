"""Questions that name a kind of section: "團隊提出了哪些心得？", "參訪目的有哪些？".

Reports repeat a few headings under many parents (``三、心得與建議`` after every
visit, ``一、機構簡介``, ``二、訪談重點紀錄``). The words of such headings are
*kind words*: found in the last heading of sections under at least
:data:`MIN_PARENTS` different parents, and much more often in headings than in
body text. When a question names most of the kind words of its top hit's
heading, it asks for that section as a whole, so the section's other chunks (in
reading order) follow the top hit.

>>> kinds = kind_words([("甲", "心得"), ("乙", "心得"), ("丙", "心得"), ("丙", "簡介")], {})
>>> sorted(kinds)
['心得']
>>> names_section({"心得", "楊浦"}, {"心得", "與", "建議"}, {"心得", "建議"})
True
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from index.passages import overlap, remainder
from index.types import Hit
from ingest.model import Chunk

MIN_PARENTS = 3
EXTRA = 3  # siblings placed after a top hit whose section the question names
MIN_PIECE = 20  # characters: shorter leftovers of a sibling are not worth a hit


def kind_words(
    titled: Iterable[tuple[str, str]], body_only: Mapping[str, int], min_parents: int = MIN_PARENTS
) -> set[str]:
    """Words (2+ characters) in the last heading of sections under ``min_parents``
    or more parents, and in no more body-only chunks than half their heading count.

    ``titled`` gives (parent key, last-heading word) once per chunk; ``body_only``
    the number of chunks holding a word in their text but not their headings.

    >>> sorted(kind_words([("a", "目的"), ("b", "目的"), ("c", "目的")], {"目的": 5}))
    []
    """
    parents: dict[str, set[str]] = {}
    count: dict[str, int] = {}
    for parent, word in titled:
        parents.setdefault(word, set()).add(parent)
        count[word] = count.get(word, 0) + 1
    return {
        w for w, ps in parents.items()
        if len(w) >= 2 and len(ps) >= min_parents and 2 * body_only.get(w, 0) < count[w]
    }


def names_section(terms: Collection[str], title: Collection[str], kinds: Collection[str]) -> bool:
    """Whether the query terms hold at least half (and one) of a heading's kind words.

    >>> names_section({"重点"}, {"访谈", "重点", "纪录"}, {"访谈", "重点", "纪录"})
    False
    """
    wanted = [w for w in title if w in kinds]
    have = sum(1 for w in wanted if w in terms)
    return have >= 1 and 2 * have >= len(wanted)


Key = tuple[str, tuple[str, ...]]  # (doc, section path)


@dataclass
class SectionKinds:
    """Kind words and the words of each section's last heading.

    >>> cs = [Chunk(str(i), "d", (p, "心得"), None, "正文", "") for i, p in enumerate("甲乙丙")]
    >>> sk = SectionKinds.mine(cs, lambda t: set(t.split()) if " " in t else {t}, lambda w: 0)
    >>> sorted(sk.kinds), sk.named({"心得", "上海"}, cs[0]), sk.named({"上海"}, cs[0])
    (['心得'], True, False)
    """

    kinds: set[str] = field(default_factory=set)
    titles: dict[Key, set[str]] = field(default_factory=dict)

    @classmethod
    def mine(
        cls, chunks: Sequence[Chunk], words: Callable[[str], set[str]], df: Callable[[str], int]
    ) -> SectionKinds:
        """From the chunks, a word cutter, and the number of chunks holding a word
        (headings or text, as the BM25 index counts it)."""
        titles: dict[Key, set[str]] = {}
        in_crumb: dict[str, int] = {}
        titled: list[tuple[str, str]] = []
        leaves: set[Key] = set()
        for c in chunks:
            key = (c.doc, c.section_path)
            if key not in leaves:
                leaves.add(key)
                for n in range(1, len(c.section_path) + 1):
                    titles.setdefault((c.doc, c.section_path[:n]), words(c.section_path[n - 1]))
                titles.setdefault(key, set())
            for word in words(" ".join(c.section_path)):
                in_crumb[word] = in_crumb.get(word, 0) + 1
            parent = c.doc + "/" + " > ".join(c.section_path[:-1])
            titled += [(parent, word) for word in titles[key]]
        body_only = {w: max(df(w) - n, 0) for w, n in in_crumb.items()}
        return cls(kind_words(titled, body_only), titles)

    def named(self, terms: Collection[str], chunk: Chunk) -> bool:
        """Whether query ``terms`` name the kind of ``chunk``'s section."""
        title = self.titles.get((chunk.doc, chunk.section_path), set())
        return names_section(terms, title, self.kinds)

    def named_root(self, terms: Collection[str], chunk: Chunk) -> tuple[str, ...] | None:
        """The outermost section on ``chunk``'s path whose kind the query names
        ("四點心得" and a hit in ``九、心得與建議 > (一)…`` -> ``九、心得與建議``).

        >>> cs = [Chunk(str(i), "d", (p, "心得"), None, "正文", "") for i, p in enumerate("甲乙丙")]
        >>> x = Chunk("x", "d", ("心得", "(一)某"), None, "文", "")
        >>> sk = SectionKinds.mine([*cs, x], lambda t: {t}, lambda w: 0)
        >>> sk.named_root({"心得"}, x), sk.named_root({"上海"}, x)
        (('心得',), None)
        """
        path = chunk.section_path
        for n in range(1, len(path) + 1):
            title = self.titles.get((chunk.doc, path[:n]), set())
            if names_section(terms, title, self.kinds):
                return path[:n]
        return None


def reading_order(chunks: Iterable[Chunk]) -> list[Chunk]:
    """The first chunk of each section (in reading order), then the other chunks:
    an overview of a section's subsections before the rest of any one of them.

    >>> cs = [Chunk(f"{p}{i}", "d", ("S", p), None, "t", "", start=s)
    ...       for p, i, s in (("甲", 0, 0), ("甲", 1, 10), ("乙", 0, 20))]
    >>> [c.id for c in reading_order(cs)]
    ['甲0', '乙0', '甲1']
    """
    ordered = sorted(chunks, key=lambda c: c.start)
    firsts: dict[tuple[str, ...], Chunk] = {}
    for c in ordered:
        firsts.setdefault(c.section_path, c)
    heads = list(firsts.values())
    return heads + [c for c in ordered if all(c is not h for h in heads)]


def with_siblings(
    hits: Sequence[Hit], chunks: Sequence[Chunk], k: int, extra: int = EXTRA,
    root: tuple[str, ...] | None = None,
) -> list[Hit]:
    """``hits`` with the first ``extra`` other pieces of the top hit's section moved
    right after it, cut to ``k``: those of section ``root`` (an ancestor of the top
    hit's; by default its own) and its subsections, first chunk of each first
    (:func:`reading_order`). A chunk inside a lower hit moves that hit up;
    otherwise the part of it not already shown is added.

    >>> cs = [Chunk(str(i), "d", ("S",), None, str(i) * 30, "", start=30 * i) for i in range(3)]
    >>> other = Chunk("y", "d", ("T",), None, "u", "")
    >>> [h.chunk.id for h in with_siblings([Hit(cs[2], 1.0), Hit(other, 0.5)], cs, 3)]
    ['2', '0', '1']
    """
    if not hits:
        return []
    top = hits[0]
    path = top.chunk.section_path if root is None else root
    same = reading_order(
        c for c in chunks
        if c.doc == top.chunk.doc and c.section_path[: len(path)] == path
        and (root is not None or c.section_path == path)
    )
    moved: list[Hit] = []
    for c in same:
        if len(moved) == extra:
            break
        owner = next((h for h in hits[1:] if overlap(c, h.chunk)), None)
        if owner is not None:
            if all(owner is not m for m in moved):
                moved.append(owner)
            continue
        piece = remainder(c, [top.chunk, *(m.chunk for m in moved)], MIN_PIECE)
        if piece is not None:
            moved.append(Hit(piece, top.score))
    rest = [h for h in hits[1:] if all(h is not m for m in moved)]
    return [top, *moved, *rest][:k]
