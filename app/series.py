"""A figure's series: how a count or an amount moved over time is told in
consecutive sentences (「2019 年有 369 家」「到 2021 年增至 523 家」「如今有 1261 家」).
A question about the change (:func:`app.change_asked.asks_change`) needs every point of
it, not only the one that scored best; the reader quotes the rest after its picks
(:func:`app.backends.extractive.select`).

A point of a series states a figure in a measure (家, 名, %, 元…) and marks when: a
year, a time word (如今, 目前, 至今, 當時, 後來…) or a change (增至, 降至, 成長…). A
sentence that adds something else (其中, 另有, 此外) ends the series, as does one
without a time or a change: 「鄰近的乙園區則有 90 家」 is another park, not a point.

General language knowledge: Chinese measure words, time words and verbs of change.

>>> cands = [Candidate(1, i, t, 0.0) for i, t in enumerate(
...     ["園區很大。", "2019 年有 369 家公司。", "到 2021 年增至 523 家。", "如今有 1261 家。",
...      "員工 18,000 名。"])]
>>> [c.text for c in series_mates(cands[1], cands)]
['到 2021 年增至 523 家。', '如今有 1261 家。']
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.sentences import Candidate
from app.units import ANY_MEASURE

SERIES_REACH = 3  # sentences on either side a series is followed into, at most

# a figure and the measure it is stated in (369 家, 1 萬餘名, 600 萬美元, 12 倍, 45%); a
# year's 年 is no measure, nor an ordinal's (第 5 條), nor 個 of 個百分點 (a share's points)
_FIGURE = re.compile(
    r"(?<![\d.,第])(?<!第 )\d[\d,.]*\s*(?:多|餘|余)?\s*(?:萬|万|億|亿|千)?\s*(?:多|餘|余)?\s*"
    rf"((?!個百分|个百分){ANY_MEASURE}|人|%|％|倍|美元|美金|元|平方公[里尺]|公頃|公顷)"
)
# when a point is: a year (2019, 112 年), a time word, or a verb of change
_WHEN = re.compile(
    r"(?<!\d)(?:19|20)\d\d(?!\d)|(?<!\d)\d{2,3}\s*年|如今|目前|至今|迄今|現在|现在|當時|当时"
    r"|[後后]來|[後后]来|隨後|随后|之[前後后]|以[前後后]|初期|成立時|成立时|開園時|开园时|去年|今年"
    r"|[增降減减][至到為为]|增[加長长]|成[長长]|減少|减少|下降|上升|翻[了倍番]|達到|达到"
)
# a sentence that adds another thing to what was said (其中, 另有, 此外): no next point
_ADDS = re.compile(r"^\s*(?:其中|另外|另有|另|此外|同時|同时|而|並|并)")


def stated_measures(text: str) -> frozenset[str]:
    """The measures ``text`` states a figure in.

    >>> sorted(stated_measures("2019 年有 369 家，年增 12%，投資 600 萬美元，員工 1 萬餘名"))
    ['%', '名', '家', '美元']
    >>> stated_measures("第 5 條規定，成長 3 個百分點")
    frozenset()
    """
    return frozenset(m.group(1) for m in _FIGURE.finditer(text))


def is_point(text: str) -> bool:
    """Whether a sentence may be a point of a series: it marks a time or a change.

    >>> is_point("到 2021 年增至 523 家。"), is_point("鄰近的乙園區則有 90 家。")
    (True, False)
    """
    return _WHEN.search(text) is not None


def series_mates(candidate: Candidate, candidates: Sequence[Candidate]) -> list[Candidate]:
    """The sentences next to ``candidate`` in its block that go on with its series:
    each a point (:func:`is_point`) stating a figure in one of its measures, not
    adding something else (其中, 另有), followed both ways while each does (at most
    SERIES_REACH on a side), in reading order; none when ``candidate`` is no point.

    >>> cands = [Candidate(1, i, t, 0.0) for i, t in enumerate(
    ...     ["開園時 5 家。", "說明。", "後來 9 家。", "2020 年 12 家。", "其中 3 家上市。"])]
    >>> series_mates(cands[0], cands), [c.text for c in series_mates(cands[2], cands)]
    ([], ['2020 年 12 家。'])
    """
    units = stated_measures(candidate.text)
    if not units or not is_point(candidate.text):
        return []
    block = {c.position: c for c in candidates if c.n == candidate.n}
    found: list[Candidate] = []
    for step in (-1, 1):
        for distance in range(1, SERIES_REACH + 1):
            other = block.get(candidate.position + step * distance)
            if (other is None or not stated_measures(other.text) & units
                    or not is_point(other.text) or _ADDS.match(other.text)):
                break
            found.append(other)
    return sorted(found, key=lambda c: c.position)
