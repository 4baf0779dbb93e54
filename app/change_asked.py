"""Whether a question asks how a figure changed over time (怎麼變, 增加到多少, 翻了幾倍,
從 2019 年到現在, "how did … change"): read once into :attr:`app.question.Question.change`;
the reader then quotes a change's whole series (:mod:`app.series`).

General language knowledge: Chinese and English words of change, and the phrases that
only look like them (如何增加, 成長型, 從事, "climate change", "high-rise").
"""

from __future__ import annotations

import re

# a question about how a figure moved: 怎麼變, 增加到多少, 翻了幾倍, 從 2019 年到現在,
# "how did … change", "from 2019 to 2023"; not a way to raise one (如何增加, 增加哪些), a
# kind (成長型企業, 成長率, 氣候變化), 從事 or 達到, a name changed, "long-term", "high-rise"
CHANGE = re.compile(
    r"(?<!氣候)(?<!气候)變化|(?<!气候)变化|[怎如][麼么何]?[變变](?!更)|[變变](?:成|為|为|了)"
    r"|(?<![如怎何])(?:增加|增長|增长|增至|增[為为幅]|提[高升][到至]|擴[大增]到|扩[大增]到)"
    r"(?![^，,。？?]{0,4}(?:哪些|措施|方法|辦法|办法|策略))"
    r"|成[長长](?![型率基])|翻[了倍番]|(?<![如怎何])(?:減少|减少|縮減|缩减)(?![^，,。？?]{0,4}(?:哪些|措施))"
    r"|下降|上升|下滑|逐年|[歷历]年來|[歷历]年来"
    r"|前[後后](?![共總总一])(?=[^，,。？?]{0,8}(?:[變变]|差|比|多少|[幾几]|如何|怎))"
    r"|[從从](?![事业業中而])[^，,。？?]{1,12}(?<![達达受得])到"
    r"|(?<!climate )\bchang(?:e|ed|es|ing)\b(?! (?:its |their |the )?names?\b)(?! to\b)"
    r"|\bgr[eo]w(?:n|s|ing)?\b|\bgrowth\b(?! (?:strateg|fund|plan|model|stage|sector|engine))"
    r"|\bincreas|\bdecreas|\bdeclin|\bevolv|\bdoubl|\b(?:went|gone|go) up\b"
    r"|(?<!-)\b(?:rise|rose|risen)\b|\b(?:fell|fallen|dropped)\b|\bbefore and after\b"
    r"|\bfrom (?:about |around |roughly )?"
    r"(?:\d|before|the (?:start|beginning|founding|opening|launch))[^?]{0,40}\bto\b",
    re.I,
)


def asks_change(question: str) -> bool:
    """Whether a question asks how something changed over time.

    >>> asks_change("How did the number of firms change after 2019?")
    True
    >>> asks_change("从成立到现在增加了多少家？"), asks_change("園區前後任主任是誰？")
    (True, False)
    >>> asks_change("後來搬到哪裡？"), asks_change("Who chairs the board?")
    (False, False)
    >>> asks_change("如何增加外資投資？"), asks_change("從事研發的人員達到多少？")
    (False, False)
    >>> asks_change("成長型企業有幾家？"), asks_change("Which firms from Japan want to visit?")
    (False, False)
    """
    return CHANGE.search(question) is not None
