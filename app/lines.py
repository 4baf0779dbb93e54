"""What kind of line a report's sentence is, whatever the question: a caption
or a label, or a line that asks rather than states. Neither answers a question,
though both may share its words; the reader scores them down
(:func:`app.sentences.score_sentences`).
"""

from __future__ import annotations

import re


def looks_like_caption(text: str) -> bool:
    """A short line with no sentence end: a picture caption or a label.

    >>> looks_like_caption("陳次長與駱副總經理互贈禮品")
    True
    >>> looks_like_caption("紫竹高新區由七家股東共同投資組建。")
    False
    """
    body = text.strip()
    return len(body) < 30 and not re.search(r"[。！？!?；;，,：:]", body)


# a line that asks rather than states: an interviewer's question in a report's record of a
# talk (「[問] 園區的發展方向」, 「問：」, "Q:") or a sentence ending with a question mark
_ASKING_LINE = re.compile(
    r"^\s*(?:[\[【(（]\s*(?:問|问|Q)\s*[\]】)）]|(?:問|问|Q)\s*[：:])|[？?]\s*$")


def asks(text: str) -> bool:
    """Whether a report's sentence asks rather than states: it shares the
    question's words but does not answer it.

    >>> asks("[問] 園區未來的發展方向"), asks("園區為何吸引外商？"), asks("Q: Why here?")
    (True, True, True)
    >>> asks("[答] 園區聚焦半導體。"), asks("問題在於資金不足。")
    (False, False)
    """
    return _ASKING_LINE.search(text) is not None
