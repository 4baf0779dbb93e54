"""How BM25 sees a chunk: its breadcrumb (weighted by repetition), then its text,
folded and cut into words and character pairs. One home for both stores.

>>> chunk_terms(Chunk("i", "d", ("紫竹",), None, "股東", "紫竹\\n股東"), _Words())
['紫竹', '#紫竹', '股东', '#股东']
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from index.lexical import BM25
from index.textnorm import Segmenter, full_segmenter, tokens, word_frequencies
from ingest.model import Chunk

# How BM25 sees a chunk; a change here rebuilds BM25 (not the vectors) on next open.
LEXICAL = {"k1": 1.5, "b": 0.75, "bigrams": True, "breadcrumb_weight": 1}


class _Words:
    """A whitespace 'segmenter' for the doctests."""

    def lcut(self, sentence: str, cut_all: bool = False, HMM: bool = True) -> list[str]:
        return sentence.split()


def chunk_terms(chunk: Chunk, segmenter: Segmenter, config: dict[str, Any] = LEXICAL
                ) -> list[str]:
    """BM25 terms of a chunk: its breadcrumb's, then its text's."""
    crumb = tokens(" ".join(chunk.section_path), segmenter, config["bigrams"])
    body = tokens(chunk.text, segmenter, config["bigrams"])
    return crumb * int(config["breadcrumb_weight"]) + body


def terms_of(chunks: Sequence[Chunk]) -> list[list[str]]:
    """The BM25 terms of each chunk (jieba's full dictionary, loaded once)."""
    segmenter = full_segmenter()
    return [chunk_terms(c, segmenter) for c in chunks]


def query_words(docs: Sequence[Sequence[str]]) -> dict[str, int]:
    """The word list queries are cut with: every word (not pair) of the chunks."""
    return word_frequencies({t for doc in docs for t in doc if not t.startswith("#")})


def build_lexical(chunks: Sequence[Chunk]) -> tuple[BM25, dict[str, int]]:
    """The BM25 index of the chunks and the word list queries are cut with."""
    docs = terms_of(chunks)
    return BM25.build(docs, LEXICAL["k1"], LEXICAL["b"]), query_words(docs)
