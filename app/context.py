"""The context of an answer prompt: retrieved blocks fitted to a token budget.

Blocks that fit go in whole. When they overflow the budget (setting
``context_tokens``), the first block keeps an unbroken stretch around its best
sentence (up to half the budget), and the others keep only their sentences most
relevant to the question (:func:`compress_blocks`), so a lean prompt still
carries the facts. Blocks
are grouped by report, whose title is written once; each block keeps its
number [n], so citations still point at its chunk.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Protocol

from app.backends.base import ContextBlock, Similarity
from app.injection import mark_instructions
from app.lists import followers
from app.sentences import score_sentences
from ingest.sentences import split_sentences

_CJK = re.compile(r"[\u3400-\u9fff\uf900-\ufaff]")
_LATIN_WORD = re.compile(r"[A-Za-z0-9]+")
LEAD_SHARE = 0.5  # the most of the budget the first block takes before the others
MIN_CUT = 60  # fewest tokens of a block worth sending when cutting in order

Kept = list[tuple[ContextBlock, str]]


class Templates(Protocol):
    """Where the block templates come from (a :class:`app.prompting.PromptSet`)."""

    def get(self, name: str) -> str:
        """The template text ``name``."""
        ...


def estimate_tokens(text: str) -> int:
    """A rough token count for Qwen-style tokenizers: one per CJK character,
    about 1.3 per Latin word, one per other symbol run.

    >>> estimate_tokens("紫竹高新區 has 3 parks")  # 5 CJK + round(1.3 * 3)
    9
    """
    cjk = len(_CJK.findall(text))
    words = _LATIN_WORD.findall(text)
    return cjk + round(1.3 * len(words)) + len(re.findall(r"[^\w\s]", text)) // 2


def format_block(prompts: Templates, block: ContextBlock, text: str) -> str:
    """One numbered context block carrying its section path and page, its text
    fenced as report text and any line worded as an order marked (see
    :mod:`app.injection`)."""
    page = "?" if block.chunk.page is None else str(block.chunk.page)
    label = prompts.get("instruction_mark")
    marked = mark_instructions(fenced(text), label)
    section = mark_instructions(fenced(block.chunk.breadcrumb), label)
    return (
        prompts.get("context_block")
        .format(n=block.n, section=section, page=page, text=marked)
        .strip()
    )


def fenced(text: str) -> str:
    """``text`` that cannot close or open the passage fence.

    >>> fenced("甲</report_text>乙< report_text >")
    '甲[/report_text]乙[report_text]'
    """
    return re.sub(r"<\s*(/?)\s*report_text\s*>", r"[\1report_text]", text, flags=re.IGNORECASE)


def format_report(prompts: Templates, title: str) -> str:
    """The line that opens a report's blocks."""
    return prompts.get("context_report").format(title=title).strip()


def render_context(prompts: Templates, kept: Kept, titles: dict[str, str]) -> str:
    """The blocks grouped by report (reports in order of their first block),
    each report's title written once.
    """
    docs: dict[str, list[str]] = {}
    for block, text in kept:
        docs.setdefault(block.chunk.doc, []).append(format_block(prompts, block, text))
    parts = []
    for doc, rendered in docs.items():
        parts.append("\n\n".join([format_report(prompts, titles.get(doc, doc)), *rendered]))
    return "\n\n".join(parts)


def fit_blocks(
    prompts: Templates,
    blocks: Sequence[ContextBlock],
    titles: dict[str, str],
    budget: int,
    question: str = "",
    similarity: Similarity | None = None,
    translation: str = "",
) -> str:
    """The rendered context of ``blocks`` within ``budget`` tokens (estimated).

    Given the ``question``, overflowing blocks are cut down to their relevant
    sentences; without one, blocks go in order and the last is cut.
    """
    whole = [(b, b.chunk.text) for b in blocks]
    if estimate_tokens(render_context(prompts, whole, titles)) <= budget:
        kept = whole
    elif question:
        kept = compress_blocks(
            prompts, blocks, titles, budget, question, similarity, translation
        )
    else:
        kept = _in_order(prompts, blocks, titles, budget)
    return render_context(prompts, kept, titles)


def compress_blocks(
    prompts: Templates,
    blocks: Sequence[ContextBlock],
    titles: dict[str, str],
    budget: int,
    question: str,
    similarity: Similarity | None = None,
    translation: str = "",
) -> Kept:
    """The blocks cut down to their sentences most relevant to ``question``.

    The first block, the likeliest answer, gets up to half the budget for a
    stretch of reading-order text around its best sentence (:func:`lead_window`),
    so a list keeps its items and a figure its subject. Then
    sentences are taken best first (:func:`app.sentences.score_sentences`, by
    ``similarity`` and the question's ``translation`` when given)
    while the budget lasts (a list's lead-in with the items after it),
    headers counted once; then the sentence before
    each chosen one is added where it fits, so a figure keeps its subject.
    A block with nothing chosen is left out. Sentences stay in reading order,
    with "…" where text was skipped.

    >>> from app.prompting import load_prompts
    >>> from ingest.model import Chunk
    >>> chunk = Chunk("c1", "a.txt", ("甲",), 1, "天氣很好。園區有三家股東。股東出資一億元。", "")
    >>> other = Chunk("c2", "a.txt", ("乙",), 2, "今年有雨。明年有風。後年有雪。" * 9, "")
    >>> blocks = [ContextBlock(1, other), ContextBlock(2, chunk)]
    >>> [(b.n, t) for b, t in compress_blocks(load_prompts(), blocks, {}, 28, "股東有幾家？")]
    [(2, '…園區有三家股東。…')]
    """
    sentences = {b.n: split_sentences(b.chunk.text) for b in blocks}
    chosen: dict[int, set[int]] = {}
    docs: set[str] = set()
    used = 0

    def cost(block: ContextBlock, positions: Sequence[int]) -> int:
        fresh = [p for p in positions if p not in chosen.get(block.n, set())]
        # +1 a sentence: its end mark and any "…" (the estimate of a lone sentence drops them)
        extra = sum(estimate_tokens(sentences[block.n][p]) + 1 for p in fresh)
        if block.n not in chosen:
            extra += estimate_tokens(format_block(prompts, block, ""))
        if block.chunk.doc not in docs:
            extra += estimate_tokens(
                format_report(prompts, titles.get(block.chunk.doc, block.chunk.doc))
            )
        return extra

    def take(block: ContextBlock, positions: Sequence[int], room: float) -> bool:
        nonlocal used
        price = cost(block, positions)
        if used + price > room:
            return False
        chosen.setdefault(block.n, set()).update(positions)
        docs.add(block.chunk.doc)
        used += price
        return True

    by_n = {b.n: b for b in blocks}
    scored = score_sentences(question, blocks, similarity, translation)
    ranked = sorted(scored, key=lambda c: -c.score)
    if blocks:
        lead = blocks[0]
        best = next((c.position for c in ranked if c.n == lead.n), 0)
        for position in lead_window(len(sentences[lead.n]), best):
            if not take(lead, [position], LEAD_SHARE * budget):
                break  # keep the stretch unbroken
    for candidate in ranked:
        # a list's lead-in ("方向有四：") goes in with its items in its own passage,
        # or alone (the openings of other passages compete on their own scores)
        items = [candidate.position] + [
            f.position for f in followers(candidate, ranked) if f.n == candidate.n
        ]
        if not take(by_n[candidate.n], items, budget):
            take(by_n[candidate.n], [candidate.position], budget)
    for candidate in ranked:
        if candidate.position in chosen.get(candidate.n, set()) and candidate.position > 0:
            take(by_n[candidate.n], [candidate.position - 1], budget)
    return [(b, join_sentences(sentences[b.n], chosen[b.n])) for b in blocks if b.n in chosen]


def lead_window(count: int, best: int) -> list[int]:
    """Sentence positions of the first block in the order they are taken: the
    one before the best, the best, then onward to the end, then back to the start.

    >>> lead_window(6, 3)
    [2, 3, 4, 5, 1, 0]
    """
    start = max(best - 1, 0)
    return [*range(start, count), *range(start - 1, -1, -1)]


def join_sentences(sentences: Sequence[str], positions: set[int]) -> str:
    """The chosen sentences in order, "…" marking skipped text.

    >>> join_sentences(["甲。", "乙。", "丙。"], {0, 2})
    '甲。…丙。'
    >>> join_sentences(["甲。", "乙。"], {0, 1})
    '甲。乙。'
    """
    parts: list[str] = []
    last = -1
    for i in sorted(positions):
        if i != last + 1:
            parts.append("…")
        parts.append(sentences[i].strip())
        last = i
    if last != len(sentences) - 1:
        parts.append("…")
    return "".join(parts)


def _in_order(
    prompts: Templates, blocks: Sequence[ContextBlock], titles: dict[str, str], budget: int
) -> Kept:
    """Blocks in order until the budget is spent; the last one is cut to fit.
    The first block is always included (cut if needed)."""
    kept: Kept = []
    for block in blocks:
        room = budget - estimate_tokens(render_context(prompts, [*kept, (block, "")], titles))
        if estimate_tokens(block.chunk.text) <= room:
            kept.append((block, block.chunk.text))
            continue
        if room >= MIN_CUT or not kept:
            kept.append((block, cut_to_tokens(block.chunk.text, max(room, MIN_CUT)) + "…"))
        break
    return kept


def cut_to_tokens(text: str, tokens: int) -> str:
    """The longest prefix of ``text`` within ``tokens`` (estimated).

    >>> cut_to_tokens("紫竹高新區", 2)
    '紫竹'
    """
    low, high = 0, len(text)
    while low < high:
        mid = (low + high + 1) // 2
        if estimate_tokens(text[:mid]) <= tokens:
            low = mid
        else:
            high = mid - 1
    return text[:low]
