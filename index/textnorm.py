"""Text folding and tokenising for the lexical (BM25) index.

Text is folded (NFKC, lower case, Traditional -> Simplified with OpenCC t2s),
so Traditional, Simplified and full-width input meet on the same tokens. Tokens
are jieba words (punctuation and spaces dropped) plus CJK character bigrams.

Documents are cut with jieba's full dictionary (about 1 s to load); queries are
cut with a small :class:`QuerySegmenter` holding only the corpus' own words, which
loads in milliseconds and gives the same words wherever they can matter (a word
the corpus lacks scores nothing in BM25 anyway).

>>> fold("ＡＢＣ 臺灣")
'abc 台湾'
>>> bigrams("紫竹高新")
['紫竹', '竹高', '高新']
"""

from __future__ import annotations

import functools
import logging
import re
import unicodedata
from collections.abc import Iterable, Mapping
from typing import Any, Protocol

_CJK_RUN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]+")
_LATIN_RUN = re.compile(r"([a-z]+)")


class Segmenter(Protocol):
    """Anything that cuts folded text into words (jieba's Tokenizer does)."""

    def lcut(self, sentence: str, cut_all: bool = False, HMM: bool = True) -> list[str]:
        """Words of ``sentence`` in order."""
        ...


@functools.lru_cache(maxsize=1)
def _converter() -> Any:
    import opencc

    return opencc.OpenCC("t2s")


def fold(text: str) -> str:
    """NFKC, lower case and Simplified script.

    >>> fold("股東結構") == fold("股东结构")
    True
    """
    return str(_converter().convert(unicodedata.normalize("NFKC", text).lower()))


def bigrams(text: str) -> list[str]:
    """Character bigrams of each run of CJK characters (a lone character stays).

    >>> bigrams("上海 ab 市")
    ['上海', '市']
    """
    grams: list[str] = []
    for run in _CJK_RUN.findall(text):
        if len(run) == 1:
            grams.append(run)
        grams.extend(run[i : i + 2] for i in range(len(run) - 1))
    return grams


def is_word(token: str) -> bool:
    """Whether a token carries meaning (not punctuation or space).

    >>> [is_word(t) for t in ["上海", "，", " ", "2016"]]
    [True, False, False, True]
    """
    return any(ch.isalnum() for ch in token)


def words(folded: str, segmenter: Segmenter) -> list[str]:
    """jieba words of already folded text, without punctuation or spaces."""
    return [w for w in segmenter.lcut(folded, HMM=False) if is_word(w)]


def tokens(text: str, segmenter: Segmenter, use_bigrams: bool = True) -> list[str]:
    """BM25 tokens of raw text: words, then bigrams (prefixed ``#`` to keep them apart).

    >>> tokens("臺灣，上海", QuerySegmenter({"台湾": 5, "上海": 5}))
    ['台湾', '上海', '#台湾', '#上海']
    """
    folded = fold(text)
    out = words(folded, segmenter)
    if use_bigrams:
        out.extend("#" + g for g in bigrams(folded))
    return out


@functools.lru_cache(maxsize=1)
def full_segmenter() -> Segmenter:
    """jieba's default tokenizer, initialised once (about 1 s)."""
    import jieba

    jieba.setLogLevel(logging.WARNING)
    jieba.initialize()
    return jieba.dt  # type: ignore[no-any-return]


def word_frequencies(vocabulary: Iterable[str]) -> dict[str, int]:
    """jieba's dictionary frequency of each word (1 when absent), for a QuerySegmenter."""
    freq = full_segmenter().FREQ  # type: ignore[attr-defined]
    return {w: int(freq.get(w) or 1) for w in vocabulary if w and not w.isspace()}


DEFAULT_TOTAL = 60_101_967  # sum of frequencies in jieba's default dictionary


class QuerySegmenter:
    """A jieba tokenizer over a small word list, loaded in milliseconds.

    >>> QuerySegmenter({"紫竹": 10, "高新区": 10}).lcut("紫竹高新区")
    ['紫竹', '高新区']
    """

    def __init__(self, frequencies: Mapping[str, int], total: int = DEFAULT_TOTAL) -> None:
        import jieba

        jieba.setLogLevel(logging.WARNING)
        self._tokenizer: Any = jieba.Tokenizer()
        prefix: dict[str, int] = {}
        for word, count in frequencies.items():
            prefix[word] = count
            for end in range(1, len(word)):
                prefix.setdefault(word[:end], 0)
        self._tokenizer.FREQ = prefix
        self._tokenizer.total = max(total, sum(frequencies.values()) + 1)
        self._tokenizer.initialized = True

    def lcut(self, sentence: str, cut_all: bool = False, HMM: bool = True) -> list[str]:
        """Words of ``sentence`` in order; a run of Latin letters stays one word, as
        full jieba keeps it (the small word list would cut "resident" into "res id ent").

        >>> QuerySegmenter({"id": 5, "上海": 5}).lcut("resident上海")
        ['resident', '上海']
        """
        out: list[str] = []
        for n, piece in enumerate(_LATIN_RUN.split(sentence)):
            if n % 2:
                out.append(piece)
            elif piece:
                out.extend(self._tokenizer.lcut(piece, cut_all=cut_all, HMM=HMM))
        return out
