"""Questions that ask for a section's points, answered by its subsections' headings.

"心得與建議有哪幾點？" asks for what the report lists under its 心得與建議
section, and the report says it in the headings of the subsections: "(一)產官學研合作
促使大會辦理成功", "(二)各國分享科學園區之發展理念…". The sentences under each
heading only elaborate, so a reader picking sentences by shared words misses most
points. :func:`outline` finds such a question and the retrieved passages that sit
in different subsections of the section it names; the extractive reader then
quotes each subsection's heading, cited to its passage.

It applies only when every word the question asks for (:attr:`app.question.Question.asked`: the
content words after its list word, else the focus words before it, see
:func:`app.answerability.question_terms`) is in the section's own title:
"紫竹國家高新技術產業開發區有哪些股東？" names the park's section, but asks for 股東,
which no heading of it holds. :func:`outline_root` finds the same section above a
top passage, so the retriever can bring its other subsections (:mod:`app.rerank`).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from app.backends.base import ContextBlock
from app.language import fold
from app.question import analyse
from ingest.headings import match_marker
from ingest.model import Chunk
from ingest.sentences import split_sentences

MIN_POINTS = 2  # subsections among the passages for a list of headings


@dataclass(frozen=True)
class Point:
    """One subsection heading that answers, and the passage [n] under it."""

    n: int
    heading: str
    ordinal: int


def heading_ordinal(title: str) -> int:
    """The number a heading starts with (0 when it has none).

    >>> heading_ordinal("(三)豐富的議程"), heading_ordinal("九、心得"), heading_ordinal("前言")
    (3, 9, 0)
    """
    marker = match_marker(title)
    return marker.ordinal if marker is not None else 0


def heading_text(title: str) -> str:
    """A heading without its number.

    >>> heading_text("九、心得與建議"), heading_text("(一) 產官學研合作")
    ('心得與建議', '產官學研合作')
    """
    marker = match_marker(title)
    return marker.rest if marker is not None else title.strip()


def _stated(heading: str, block: ContextBlock) -> str:
    """The heading, or the opening sentence of its passage when that restates it
    with the same number ("(一)建立育成體系。" under the heading "(一)育成").

    >>> from ingest.model import Chunk
    >>> chunk = Chunk("c1", "a.txt", ("伍", "(一)育成"), 1, "(一)建立育成體系。細節。", "")
    >>> _stated("(一)育成", ContextBlock(1, chunk)), _stated("(二)轉化", ContextBlock(1, chunk))
    ('(一)建立育成體系。', '(二)轉化')
    """
    opening = next(iter(split_sentences(block.chunk.text)), "").strip()
    said, own = match_marker(opening), match_marker(heading)
    restated = said is not None and own is not None and (said.form, said.ordinal) == (
        own.form, own.ordinal
    )
    return opening if restated and block.chunk.start == 0 else heading.strip()


def _holds(heading: str, words: Sequence[str]) -> bool:
    """Whether the title of ``heading`` (folded, without its number) holds every one
    of ``words``.

    >>> _holds("九、心得與建議", ["建议"]), _holds("九、心得與建議", ["股东"])
    (True, False)
    """
    title = fold(heading_text(heading))
    return all(word in title for word in words)


def outline_root(question: str, chunk: Chunk) -> tuple[str, ...] | None:
    """The section above ``chunk`` whose title holds every word a list question
    asks for (:attr:`app.question.Question.asked`), when ``chunk`` sits in one of its
    subsections: the section whose points the question asks for.

    >>> from ingest.model import Chunk
    >>> chunk = Chunk("c1", "a.txt", ("貳、參訪目的", "一、蒐集政策"), 2, "內文。", "")
    >>> outline_root("這趟考察訂下哪幾項參訪目的？", chunk), outline_root("哪一年成立？", chunk)
    (('貳、參訪目的',), None)
    """
    asked = analyse(question).asked
    path = chunk.section_path
    if not asked:
        return None
    for depth in range(1, len(path)):
        if _holds(path[depth - 1], asked):
            return path[:depth]
    return None


def outline(question: str, blocks: Sequence[ContextBlock]) -> list[Point]:
    """The headings of the subsections of the section a list question names,
    one per subsection among ``blocks`` (the first passage of each), in their
    numbered order; [] when the question is not such a question.

    >>> from ingest.model import Chunk
    >>> def block(n, *path):
    ...     return ContextBlock(n, Chunk(f"c{n}", "a.txt", path, 1, "內文。", ""))
    >>> blocks = [block(1, "九、心得與建議", "(二)分享經驗"), block(2, "八、交流"),
    ...           block(3, "九、心得與建議", "(一)合作成功")]
    >>> [(p.n, p.heading) for p in outline("本次出國的心得與建議有哪幾點？", blocks)]
    [(3, '(一)合作成功'), (1, '(二)分享經驗')]
    >>> outline("心得與建議中提到哪些園區？", blocks)
    []
    """
    focus = list(analyse(question).asked)
    if not focus:
        return []
    children: dict[tuple[str, tuple[str, ...]], dict[str, Point]] = {}
    for block in blocks:
        path = block.chunk.section_path
        for depth in range(1, len(path)):
            parent = path[:depth]
            if not _holds(parent[-1], focus):
                continue
            child = path[depth]
            points = children.setdefault((block.chunk.doc, parent), {})
            if child not in points:
                points[child] = Point(block.n, _stated(child, block), heading_ordinal(child))
    found = [points for points in children.values() if len(points) >= MIN_POINTS]
    if not found:
        return []
    best = max(found, key=len)
    return sorted(best.values(), key=lambda p: p.ordinal)
