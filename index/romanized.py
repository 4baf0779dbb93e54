"""Romanised names: a Chinese name spelled in pinyin in an English question
(Zhangjiang, Hou Jin) is found by reading the corpus' words in pinyin.

>>> name_runs("Who is Hou Jin?")
['houjin', 'hou', 'jin']
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from reportqa.errors import MissingExtra

PYPINYIN = "pip install pypinyin"
MIN_CHARS = 2  # a single character reads as (and glosses) too many things to help
HAN_ONLY = re.compile(r"^[\u4e00-\u9fff]+$")


def romanize(word: str) -> str:
    """Toneless pinyin of a Chinese word, run together (pypinyin; "" when missing).

    >>> romanize("张江")
    'zhangjiang'
    """
    try:
        from pypinyin import lazy_pinyin
    except ModuleNotFoundError:
        raise MissingExtra("pypinyin", "English question reader", PYPINYIN) from None
    return "".join(lazy_pinyin(word)).lower()


def pinyin_table(vocabulary: Iterable[str]) -> dict[str, list[str]]:
    """Toneless pinyin -> the corpus' Chinese words and character pairs that read so
    (BM25 keeps pairs as ``#张江``); words before pairs.

    >>> pinyin_table(["紫竹", "#侯劲", "#劲强", "上", "abc"])["houjin"]
    ['侯劲']
    """
    table: dict[str, list[str]] = {}
    terms = sorted(vocabulary, key=lambda t: t.startswith("#"))
    for term in terms:
        word = term.lstrip("#")
        if len(word) < MIN_CHARS or not HAN_ONLY.match(word):
            continue
        names = table.setdefault(romanize(word), [])
        if word not in names:
            names.append(word)
    table.pop("", None)
    return table


def name_runs(question: str) -> list[str]:
    """Capitalised words not at the start of the question, and each adjacent pair
    run together: the romanised names a question may hold.

    >>> name_runs("How many centres are in Zhangjiang, according to Hou Jin?")
    ['zhangjiang', 'houjin', 'hou', 'jin']
    """
    out: list[str] = []
    for run in re.findall(r"(?<!^)(?<![.?!] )\b[A-Z][a-z]+(?:[ -][A-Z][a-z]+)*", question):
        parts = [p.lower() for p in re.split(r"[ -]", run)]
        pairs = ["".join(parts[i : i + 2]) for i in range(len(parts) - 1)]
        for name in pairs + parts:
            if name not in out:
                out.append(name)
    return out
