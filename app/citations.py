"""Citations you can trust: [n] markers checked against the passages they name.

After generation, markers that point at no context block are removed; each
sentence with a citation is checked against its cited chunk(s) by character
bigram overlap (script- and width-insensitive); unsupported sentences and
figures found in no cited chunk are flagged.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from app.answer import Citation, Flag
from app.backends.base import ContextBlock
from app.injection import instruction_lines
from app.language import fold, quotes
from ingest.sentences import split_sentences

SUPPORT_THRESHOLD = 0.5  # share of a sentence's bigrams found in its cited chunks
MARKER = re.compile(r"[\[［【]\s*(\d+(?:\s*[,，、]\s*\d+)*)\s*[\]］】]")
_FIGURE = re.compile(r"\d+(?:[.,]\d+)*")
_WORD = re.compile(r"[A-Za-z][A-Za-z\-]+|\d+(?:[.,]\d+)*")
_COMMON_EN = frozenset(
    [
        "the",
        "a",
        "an",
        "and",
        "or",
        "of",
        "in",
        "on",
        "at",
        "to",
        "for",
        "from",
        "by",
        "with",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "they",
        "their",
        "there",
        "which",
        "who",
        "what",
        "when",
        "where",
        "how",
        "as",
        "has",
        "have",
        "had",
        "not",
        "no",
        "also",
        "reports",
        "report",
        "passage",
        "passages",
        "said",
        "says",
        "about",
        "into",
        "over",
        "under",
        "than",
        "more",
        "most",
    ]
)


def clean_markers(text: str, n_blocks: int) -> str:
    """Normalise markers to ``[n]`` and drop the ones that point at nothing.

    >>> clean_markers("甲【1】乙[2, 9]丙［3］", 3)
    '甲[1]乙[2]丙[3]'
    """

    def replace(match: re.Match[str]) -> str:
        numbers = [int(x) for x in re.split(r"[,，、]", match.group(1))]
        valid = [n for n in dict.fromkeys(numbers) if 1 <= n <= n_blocks]
        return "".join(f"[{n}]" for n in valid)

    return MARKER.sub(replace, text)


def markers_of(sentence: str) -> list[int]:
    """The block numbers a sentence cites, in order.

    >>> markers_of("甲[2]乙[1][2]")
    [2, 1]
    """
    return list(dict.fromkeys(int(n) for n in re.findall(r"\[(\d+)\]", sentence)))


def strip_markers(text: str) -> str:
    """Text without its [n] markers.

    >>> strip_markers("甲[1]乙")
    '甲乙'
    """
    return re.sub(r"\[\d+\]", "", text)


def bigrams(text: str) -> set[str]:
    """Character bigrams of folded text, punctuation removed.

    >>> sorted(bigrams("紫竹園區"))
    ['园区', '竹园', '紫竹']
    """
    letters = re.sub(r"[^\w]", "", fold(text))
    return {letters[i : i + 2] for i in range(len(letters) - 1)}


def support(sentence: str, sources: Sequence[str]) -> float | None:
    """How well ``sources`` back ``sentence``: share of its bigrams found in
    them for Chinese; for other text, share of its names and figures found.
    ``None`` when the sentence has nothing checkable.

    >>> round(support("紫竹園區成立於2001年。", ["紫竹园区于2001年成立"]), 3)  # 9 of 11
    0.818
    >>> support("The park was founded in 1999.", ["紫竹園區於2001年成立"])
    0.0
    """
    body = strip_markers(sentence)
    joined = fold("".join(sources))
    if re.search(r"[\u3400-\u9fff]", body):
        grams = bigrams(body)
        if not grams:
            return None
        source_grams = bigrams(joined)
        return len(grams & source_grams) / len(grams)
    words = [w for w in _WORD.findall(body) if w.lower() not in _COMMON_EN]
    checkable = [w for w in words if w[0].isdigit() or w[0].isupper()]
    if not checkable:
        return None
    flat = joined.replace(",", "")
    found = [w for w in checkable if fold(w).replace(",", "") in flat]
    return len(found) / len(checkable)


def missing_figures(sentence: str, sources: Sequence[str]) -> list[str]:
    """Figures in ``sentence`` that appear in none of ``sources``.

    >>> missing_figures("共有 1,200 家企業，成立於2001年[1]", ["成立於2001年，共1200家"])
    []
    >>> missing_figures("投資 35 億元[1]", ["投資 30 億元"])
    ['35']
    """
    flat = fold("".join(sources)).replace(",", "")
    missing = []
    for figure in _FIGURE.findall(strip_markers(sentence)):
        plain = figure.replace(",", "")
        if plain not in flat:
            missing.append(figure)
    return missing


def best_quote(chunk_text: str, claim: str) -> str:
    """The sentence of ``chunk_text`` that best supports ``claim``.

    >>> best_quote("甲公司成立於2001年。乙公司有三百人。", "乙有三百人")
    '乙公司有三百人。'
    """
    sentences = split_sentences(chunk_text) or [chunk_text]
    claim_grams = bigrams(strip_markers(claim))
    if not claim_grams:
        return sentences[0]

    def score(sentence: str) -> float:
        return len(bigrams(sentence) & claim_grams)

    return max(sentences, key=score)


@dataclass(frozen=True)
class Verification:
    """Citations of an answer and the flags raised while checking it."""

    citations: list[Citation]
    flags: list[Flag]


def cited_text(block: ContextBlock) -> str:
    """What a citation of ``block`` vouches for: its section headings and its text
    (an answer may quote a heading, see :mod:`app.outline`).

    >>> from ingest.model import Chunk
    >>> cited_text(ContextBlock(1, Chunk("c1", "a.txt", ("九、心得", "(一)合作"), 3, "內文。", "")))
    '九、心得 > (一)合作\\n內文。'
    """
    return f"{block.chunk.breadcrumb}\n{block.chunk.text}"


def verify(text: str, blocks: Sequence[ContextBlock], refused: bool = False) -> Verification:
    """Check every sentence of ``text`` against the blocks it cites."""
    by_n = {block.n: block for block in blocks}
    claims: dict[int, list[str]] = {}
    flags: list[Flag] = []
    for sentence in split_sentences(text):
        cited = [n for n in markers_of(sentence) if n in by_n]
        body = strip_markers(sentence).strip()
        if not cited:
            if not refused and _FIGURE.search(body) and len(body) > 4:
                flags.append(Flag("uncited", body, "states a figure without a citation"))
            continue
        sources = [cited_text(by_n[n]) for n in cited]
        quoted = quotes(body)  # a quotation is checked as quoted, without the words around it
        checked = " ".join(quoted) if quoted else sentence
        score = support(checked, sources)
        if score is not None and score < SUPPORT_THRESHOLD:
            flags.append(Flag("unsupported", body, f"support {score:.2f} from {cited}"))
        for figure in missing_figures(checked, sources):
            flags.append(Flag("figure", body, f"{figure} is in none of {cited}"))
        for n in cited:
            claims.setdefault(n, []).append(" ".join(quoted) if quoted else body)
    for n in sorted(claims):
        ordered = instruction_lines(cited_text(by_n[n]))
        if ordered:
            flags.append(Flag("injection", claims[n][0],
                              f"[{n}] holds text worded as orders to an assistant, not "
                              f"followed: {ordered[0][:40]}"))
    citations = []
    for n in sorted(claims):
        chunk = by_n[n].chunk
        quote = best_quote(chunk.text, " ".join(claims[n]))
        each = tuple(dict.fromkeys(best_quote(chunk.text, claim) for claim in claims[n]))
        citations.append(
            Citation(
                n=n,
                chunk_id=chunk.id,
                doc=chunk.doc,
                section_path=chunk.section_path,
                page=chunk.page_at(chunk.text.find(quote)),
                quote=quote,
                text=chunk.text,
                quotes=each,
            )
        )
    return Verification(citations, flags)
