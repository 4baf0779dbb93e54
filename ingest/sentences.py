"""Sentences of a text: one home for where a sentence ends, used by the index
(sentence vectors, :mod:`index.sentence_vectors`) and by the answer's reader,
prompt cut and citation checks.

>>> split_sentences("甲成立於2000年。乙有三家。")
['甲成立於2000年。', '乙有三家。']
"""

from __future__ import annotations

import re

# A full stop after a list number in Chinese text ("方向：1. 新能源 2. 物聯網") ends no sentence.
_H = r"\u3400-\u9fff：:\n"
NOT_LIST = rf"(?<![{_H}]\d)(?<![{_H}]\d\d)(?<![{_H}]\s\d)(?<![{_H}]\s\d\d)(?<!^\d)(?<!^\d\d)"
_SENTENCE = re.compile(
    r".+?(?:[。！？!?；;]+[」』）)]*|[」』](?=\[)|" + NOT_LIST + r"\.(?=\s|$)|\n+|$)"
    r"(?:\s*(?:\[\d+\])+)?",
    re.S,
)


def split_sentences(text: str) -> list[str]:
    """Sentences of a text, each keeping the [n] markers that follow it.

    >>> split_sentences("甲成立於2000年。[1] 乙有三家。[2][3]")
    ['甲成立於2000年。[1]', '乙有三家。[2][3]']
    >>> split_sentences("「甲。」[1]「乙」[2]")
    ['「甲。」[1]', '「乙」[2]']
    >>> split_sentences("方向：1. 新能源 2. 物聯網；It grew to 19. Then")
    ['方向：1. 新能源 2. 物聯網；', 'It grew to 19.', 'Then']
    """
    return [s.strip() for s in _SENTENCE.findall(text) if s.strip()]
