r"""The passages a passage announces: a lead-in at its end (「提出以下三項建議：」),
or a numbered list that its end cuts off (「參觀了三個實驗室：」「1. 甲…」 with
「2. 乙…」 in the next passage), is continued by the passages right after it
in its report whose first sentences go on with the list's items.

General layout knowledge: a report's numbered list runs on across a page or a
passage's end, numbered in one style (see :mod:`app.lists`).

>>> trailing_lead_in("前言。方向有二：")
'方向有二：'
>>> trailing_lead_in("看了三處：\n1. 甲。說明。")
'看了三處：'
>>> trailing_lead_in("看了三處：\n1. 甲。\n(二)他處。") is None
True
"""

from __future__ import annotations

from collections.abc import Sequence

from app.lists import MAX_ITEMS, is_lead_in, item_number, list_after
from ingest.model import Chunk
from ingest.sentences import split_sentences


def _open_list(sentences: Sequence[str]) -> tuple[int, list[int]] | None:
    """The position of the last lead-in whose list runs to the end of
    ``sentences`` (no other numbered sentence after its items), with the
    positions of its items ([] when the lead-in ends them)."""
    for j in range(len(sentences) - 1, -1, -1):
        if not is_lead_in(sentences[j]):
            continue
        run = list_after(j, sentences)
        rest = range((run[-1] if run else j) + 1, len(sentences))
        if j == len(sentences) - 1 or (run and all(item_number(sentences[i]) is None
                                                  for i in rest)):
            return j, run
        return None
    return None


def trailing_lead_in(text: str) -> str | None:
    """The lead-in whose list a passage's end leaves open (it ends the passage, or
    its numbered items run to the end), or None."""
    sentences = split_sentences(text)
    found = _open_list(sentences)
    return sentences[found[0]] if found else None


def announced(position: int, chunks: Sequence[Chunk]) -> list[int]:
    r"""The passages continuing the list a passage leaves open
    (:func:`trailing_lead_in`): those right after it in its report (``chunks``
    in reading order) whose first sentences go on with the list's items, by
    index; a passage that goes on with an item (no number, the item's section)
    is passed over. [] for other passages.

    >>> def c(text, path): return Chunk(text[:3], "a", (path,), 1, text, "")
    >>> chunks = [c("心得。提出以下三項建議：", "(四)丁"), c("(一)甲：說明。", "(一)甲"),
    ...           c("甲的細節。", "(一)甲"), c("(二)乙：說明。", "(二)乙"), c("陸、附錄", "陸")]
    >>> announced(0, chunks), announced(1, chunks)
    ([1, 3], [])
    >>> cut = [c("看了兩處：\n1. 甲。", "一"), c("1. 甲。", "一"), c("2. 乙。說明。", "一"),
    ...        c("(二)他處。", "二")]
    >>> announced(0, cut)  # the second passage overlaps the first
    [2]
    """
    here = chunks[position]
    sentences = split_sentences(here.text)
    found = _open_list(sentences)
    if found is None:
        return []
    texts = [sentences[found[0]], *(sentences[i] for i in found[1])]
    own, where = len(texts), list[int]()
    for i in range(position + 1, min(len(chunks), position + 1 + 2 * MAX_ITEMS)):
        chunk = chunks[i]
        first = split_sentences(chunk.text)[:1]
        if chunk.doc != here.doc or not first:
            break
        if first[0] in texts:
            continue  # passages overlap: it repeats an item already seen
        if item_number(first[0]) is None:
            if where and chunk.section_path == chunks[where[-1]].section_path:
                continue  # the item goes on
            break
        texts.append(first[0])
        where.append(i)
    return [where[j - own] for j in list_after(0, texts) if j >= own]
