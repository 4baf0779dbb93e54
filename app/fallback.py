"""Fallback for a model that refuses although the evidence is strong.

Small local models sometimes answer 「報告中找不到相關資訊」 when the retrieved
passages plainly hold the answer. When the answerability model's probability
(:mod:`app.verdict`) is at least the setting ``fallback_threshold``, the
model's opening is held back while it could still be a refusal; if its first
sentence is one, the model is stopped and the extractive reader's quoted
sentences (each cited) are streamed instead. Any other answer streams on
unchanged, after at most a few held-back characters; if it ends without citing
any passage, the quoted sentences follow it, so that what it says can be
checked against the reports. (The pipeline does the same for an answer whose
markers all pointed at no passage and were dropped when its text was cleaned.)

A model answer that does cite is followed by the reader's quoted sentences that
it does not restate, or whose figures or Latin-script names it does not give
(:func:`left_out`, setting ``quote_left_out``): a 1.5B model drops figures, adds
them up wrongly or sums a list up in a few words of its own, and the reports' own
sentences beside its answer let an analyst see which.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence

from app.citations import bigrams
from app.language import fold, without_list_numbers
from app.refusal import is_refusal_text
from app.units import ZH_NUMBER

# a quote is restated by an answer holding this share of its character pairs: on the
# local backend's answers to the first 40 questions of eval/dev4.jsonl, quotes so chosen
# held 0.792 of the key facts, against 0.742 with figures and names alone
RESTATED_SHARE = 0.5
HOLD_CHARS = 20  # decide once this much of a possible Chinese refusal has arrived
HOLD_CHARS_LATIN = 40  # ... or of an English one
_MARKER = re.compile(r"\[\d+\]")  # a citation
_ENDED = re.compile(r"[。！？!?；;]|\.\s")  # a first sentence that ended without refusing
# How model refusals open ("報告中找不到…", "段落中沒有…", "The reports do not…").
_OPENING = re.compile(
    r"^\s*(?:報|报|段|根|很|抱|對|对|本|這|这|在|未|沒|没|無|无|Th|T$|I\b|Sorry|Un|No\b)"
)


def could_be_refusal(text: str) -> bool:
    """Whether an answer opening like ``text`` may turn out to be a refusal.

    >>> could_be_refusal("報告中"), could_be_refusal("紫竹高新區"), could_be_refusal("The")
    (True, False, True)
    """
    return bool(_OPENING.match(text))


def with_fallback(
    pieces: Iterator[str], fallback: Callable[[], Iterator[str]], replace_refusal: bool = True
) -> Iterator[str]:
    """``pieces``, or ``fallback()`` when their first sentence is a refusal (and
    ``replace_refusal``); an answer that cites no passage at all (so no
    sentence of it can be checked) is followed by ``fallback()``'s quotes after
    a blank line.

    >>> list(with_fallback(iter(["報告中找", "不到相關資訊。"]), lambda: iter(["「甲」[1]"])))
    ['「甲」[1]']
    >>> list(with_fallback(iter(["紫竹", "由七家股東組建。[1]"]), lambda: iter(["x"])))
    ['紫竹', '由七家股東組建。[1]']
    >>> list(with_fallback(iter(["紫竹由七家", "股東組建。"]), lambda: iter(["「甲」[1]"])))
    ['紫竹由七家', '股東組建。', '\\n\\n', '「甲」[1]']
    >>> list(with_fallback(iter(["報告中找不到相關資訊。"]), lambda: iter(["x"]), False))
    ['報告中找不到相關資訊。']
    """
    held = ""
    for piece in pieces:
        held += piece
        if not replace_refusal:
            break
        if is_refusal_text(held):
            close = getattr(pieces, "close", None)
            if close is not None:
                close()
            yield from fallback()
            return
        limit = HOLD_CHARS_LATIN if held.lstrip()[:1].isascii() else HOLD_CHARS
        if not could_be_refusal(held[:8]) or len(held) >= limit or _ENDED.search(held):
            break
    yield held
    text = held
    for piece in pieces:
        text += piece
        yield piece
    if text.strip() and not _MARKER.search(text) and not is_refusal_text(text):
        yield "\n\n"
        yield from fallback()


# a figure, or a Latin-script name or acronym (capitalised: not "the" of an English answer)
_FACT = re.compile(r"\d[\d,.]*%?|[A-Z][A-Za-z\-]{2,}")
# a figure in Chinese numerals (app.units.ZH_NUMBER, perhaps with a magnitude: 三萬) before
# what it counts (三到五年, 兩輪, 四大), or an ordinal (第一期). It has a digit of its own: 百萬名
# of 「數百萬名」 is no count, nor is 億人 of 「5 億人民幣」 (a magnitude, and 人 of 人民幣)
_ZH = rf"(?:{ZH_NUMBER})[萬万億亿]?"
_COUNTED = "年期家個个項项名人倍成次屆届所座棟栋層层月天週周輪轮大類类種种點点位間间條条批階阶"
_ZH_FIGURE = re.compile(
    rf"第(?:{ZH_NUMBER}|一)[{_COUNTED}]"
    rf"|(?<![\d一二兩两三四五六七八九十百千萬万億亿第])(?=[百千萬万億亿]*[一二兩两三四五六七八九十])"
    rf"{_ZH}(?:[到至~～-]{_ZH})?[{_COUNTED}]"
)
_QUOTE = re.compile(r"「(.*)」\s*\[\d+\]\s*$", re.S)  # the reader's quote piece: 「…」[n]


def facts_of(text: str) -> set[str]:
    """The figures and Latin-script names of ``text``, compared loosely: commas,
    a closing point and a percent sign dropped, letters lower-cased, Chinese
    folded to Simplified (an item's own number "1." or "(2)" and citation
    markers "[1]" are not facts). A figure in Chinese numerals counts with what
    it counts (三到五年, 第二期). The same figure written otherwise (三百 as 300,
    52 億 as 5.2 billion) counts as another.

    >>> sorted(facts_of("1. 面積約 5,540 平方公尺，至 2015 年已招商 90%，由 Epam 營運。[2]"))
    ['2015', '5540', '90', 'epam']
    >>> sorted(facts_of("3.5 億元；(2) 新能源\\n2. 12.5% 的企業 in the park"))
    ['12.5', '3.5']
    >>> sorted(facts_of("離崗創業三到五年內可回原單位，建一個平台，推第二期。"))
    ['三到五年', '第二期']
    """
    body = _MARKER.sub("", without_list_numbers(text))
    found = {f.replace(",", "").rstrip(".%").casefold() for f in _FACT.findall(body)}
    return found | {fold(f) for f in _ZH_FIGURE.findall(body)}


def restates(answer: str, quote: str, share: float = RESTATED_SHARE) -> bool:
    """Whether ``answer`` restates ``quote``: at least ``share`` of the quote's
    character pairs (folded to Simplified) are in the answer (citation markers
    aside). A model answer that copies a sentence, or keeps most of its words,
    restates it; one that sums it up in other words does not, nor does an
    English answer a Chinese quote.

    >>> restates("園區面積約 13 平方公里，由民營企業經營。[1]", "總面積約 13 平方公里")
    True
    >>> restates("園區很大。[1]", "總面積約 13 平方公里")
    False
    """
    pairs = bigrams(fold(quote))
    given = bigrams(fold(_MARKER.sub(" ", answer)))  # 「[3]」 joins no characters
    return bool(pairs) and len(pairs & given) / len(pairs) >= share


def left_out(answer: str, quotes: Sequence[str]) -> list[str]:
    """The quote pieces (「…」[n]) that ``answer`` does not restate, or whose
    figures or names it does not give: what a small model dropped, changed (its
    147 for the report's 105 and 40) or put in words of its own.

    >>> left_out("共有 147 個。[1]", ["「國家級 105 個，省部級 40 個」[1]", "「環境優美」[2]"])
    ['「國家級 105 個，省部級 40 個」[1]', '「環境優美」[2]']
    >>> left_out("面積 5540 平方公尺，招商 90 %。[1]", ["「面積約 5,540 平方公尺，招商 90%」[1]"])
    []
    """
    given = facts_of(answer)
    found = []
    for piece in quotes:
        quoted = _QUOTE.search(piece)
        if quoted and (facts_of(quoted.group(1)) - given or not restates(answer, quoted.group(1))):
            found.append(piece)
    return found
