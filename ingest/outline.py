"""Place heading candidates in a tree, the way outline numbering nests.

A heading that continues an open heading of the same form (next ordinal) is its
sibling; any other heading starts a new list under the innermost open heading,
so levels follow the order in which forms appear, not a fixed list. Unnumbered
headings (``前言``) are top level. A *list* (one run of ordinals under one parent)
whose items read as sentences, or mostly have no text of their own, is not
structure: its items stay prose ("phantoms"), and so does everything under them.

>>> cands = [Candidate(0, "heaven", 1, "壹、A"), Candidate(1, "(cn)", 1, "(一)B"),
...          Candidate(2, "(cn)", 2, "(二)C"), Candidate(3, "heaven", 2, "貳、D")]
>>> [(n.title, n.level, n.parent) for n in build_outline(cands, [True] * 4)]
[('壹、A', 1, None), ('(一)B', 2, 0), ('(二)C', 2, 0), ('貳、D', 1, None)]
"""

from __future__ import annotations

from dataclasses import dataclass

PLAIN = "plain"
MARKDOWN_FORM = "md"  # ``#`` headings: form md1, md2 …; always real headings


@dataclass(frozen=True)
class Candidate:
    """A line that may be a heading: line index, form, ordinal, title, same-line body."""

    line: int
    form: str
    ordinal: int
    title: str
    body: str = ""
    sentence: bool = False


@dataclass(frozen=True)
class Node:
    """A real heading: its candidate, level (1 = top) and parent (index into the result)."""

    cand: Candidate
    level: int
    parent: int | None

    @property
    def title(self) -> str:
        """The heading title."""
        return self.cand.title


def build_outline(cands: list[Candidate], has_text: list[bool]) -> list[Node]:
    """The real headings among ``cands``, with levels and parents.

    ``has_text[i]`` says whether candidate ``i`` is followed by prose (or a same-line
    body) before the next candidate.
    """
    parents = _place(cands)
    phantom = _phantoms(cands, parents, has_text)
    nodes: list[Node] = []
    index: dict[int, int] = {}
    for i, cand in enumerate(cands):
        if phantom[i]:
            continue
        parent = parents[i]
        while parent is not None and phantom[parent]:
            parent = parents[parent]
        level = 1 if parent is None else nodes[index[parent]].level + 1
        index[i] = len(nodes)
        nodes.append(Node(cand, level, None if parent is None else index[parent]))
    return nodes


def _place(cands: list[Candidate]) -> list[int | None]:
    """The parent (candidate index) of each candidate, by outline nesting."""
    stack: list[int] = []
    parents: list[int | None] = []
    for i, cand in enumerate(cands):
        if cand.form == PLAIN:
            stack.clear()
        else:
            _open(stack, cands, cand)
        parents.append(stack[-1] if stack else None)
        stack.append(i)
    return parents


def _open(stack: list[int], cands: list[Candidate], cand: Candidate) -> None:
    """Pop ``stack`` down to where ``cand`` belongs."""
    for depth in range(len(stack) - 1, -1, -1):
        open_cand = cands[stack[depth]]
        if open_cand.form == cand.form:
            if cand.ordinal > open_cand.ordinal:
                del stack[depth:]
                return
            break
    while stack and cands[stack[-1]].form in (cand.form, PLAIN):
        stack.pop()


def _phantoms(
    cands: list[Candidate], parents: list[int | None], has_text: list[bool]
) -> list[bool]:
    """Which candidates are list items of prose rather than headings."""
    phantom = [False] * len(cands)
    for items in _lists(cands, parents):
        empty = sum(1 for i in items if not has_text[i] and not _has_child(i, parents))
        if cands[items[0]].form.startswith(MARKDOWN_FORM):
            continue
        if any(cands[i].sentence for i in items) or (len(items) > 1 and 2 * empty > len(items)):
            for i in items:
                phantom[i] = True
    for i, parent in enumerate(parents):
        if parent is not None and phantom[parent]:
            phantom[i] = True
    return phantom


def _lists(cands: list[Candidate], parents: list[int | None]) -> list[list[int]]:
    """Runs of siblings of one form with rising ordinals (a restart begins a new run)."""
    runs: dict[tuple[int | None, str], list[list[int]]] = {}
    for i, cand in enumerate(cands):
        key = (parents[i], cand.form)
        groups = runs.setdefault(key, [])
        if groups and cands[groups[-1][-1]].ordinal < cand.ordinal:
            groups[-1].append(i)
        else:
            groups.append([i])
    return [group for groups in runs.values() for group in groups]


def _has_child(i: int, parents: list[int | None]) -> bool:
    """Whether the next candidate nests under candidate ``i``."""
    return i + 1 < len(parents) and parents[i + 1] == i
