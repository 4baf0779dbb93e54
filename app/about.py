"""About the subject: a sentence that names the asked kind of thing (which
university, which hotel) or states the asked attribute (where the headquarters
are) does not answer when it is about something else than what the question
asks about: 「Epam 是一家總部位於美國的公司」, in a section about an Uzbek park
that never names Twistcode, does not say where Twistcode is headquartered.

The question's subject is its names (:func:`app.question.subject_names`; an
English question's capitalised words, read by their Chinese names where the
glossary or the dictionary gives one). A sentence is about it when the sentence
or its section path names it, or the passage it refers to does
(:func:`app.subjects.referred`: the whole passage, or the sentence an opening
其 or 該 points back to); it is about something else only when, naming none of
them, its section path names another place or body (:func:`app.subjects.names_another`):
a report's sections say whose they are (「(肆)上海交通大學國家大學科技園」), while a
day of the trip's programme (「行程 › 第二天」) is about no one else. A question
that names nothing (「代表團住在哪家飯店？」) keeps every sentence.

>>> from app.sentences import Source
>>> park = Source("越南園區 › 合作", "越南園區位於海濱。園區與海濱大學合作。")
>>> other = Source("泰國園區 › 合作", "泰國園區位於山城。園區與山城大學合作。")
>>> about_subject("越南園區跟哪所大學合作？", ["園區與海濱大學合作。", "園區與山城大學合作。"],
...               [park, other])
[True, False]
>>> about_subject("代表團住在哪家飯店？", ["入住海濱飯店。"], [other])
[True]
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from app.backends.base import Aliases
from app.language import fold
from app.question import analyse, subject_names
from app.sentences import Source
from app.subjects import names_another, names_figure, referred


def about_subject(
    question: str, sentences: Sequence[str], sources: Sequence[Source],
    aliases: Aliases | None = None,
) -> list[bool]:
    """For each of ``sentences`` (from ``sources``), whether it is about what
    ``question`` asks about, or may be: its names in the sentence, its section
    path or the passage it refers to, or no other place or body in its section
    path (``aliases``: a name's other names, an English name's Chinese ones).

    >>> about_subject("Where is Acme headquartered?", ["Beta 總部位於美國。"],
    ...               [Source("越南園區 › 講者", "Beta 總部位於美國。")], lambda n: [n])
    [False]
    >>> about_subject("Where is Acme headquartered?", ["其總部位於美國。"],
    ...               [Source("越南園區 › 講者", "Acme 是新創。其總部位於美國。")], lambda n: [n])
    [True]
    >>> about_subject("Where is Acme headquartered?", ["Beta 總部位於美國。"],
    ...               [Source("行程 › 第二天", "Beta 總部位於美國。")], lambda n: [n])
    [True]
    """
    names = [n for n in subject_names(question) if not names_report(question, n)]
    if not names:
        return [True] * len(sentences)
    chinese = _written_names(question, names, aliases)
    return [
        names_figure(question, names, f"{source.heading}\n{sentence}", aliases)
        or names_figure(question, names, f"{source.heading}\n{referred(sentence, source.text)}",
                        aliases)
        or not names_another(chinese, source.heading, aliases)
        for sentence, source in zip(sentences, sources, strict=True)
    ]


def _written_names(question: str, names: Sequence[str], aliases: Aliases | None) -> list[str]:
    """``names`` as the reports write them: a Chinese question's own, an English
    question's Chinese (or Latin) names where ``aliases`` gives any.

    >>> _written_names("Is Haibin near Quorvik?", ["Haibin", "Quorvik"], {"Haibin": ["海濱"]}.get)
    ['海滨']
    """
    if not analyse(question).english:
        return list(names)
    if aliases is None:
        return []
    return [fold(a) for name in names for a in (aliases(name) or ())]


# what a name may stand before when it names a report or its trip, not a subject
# (韓國那份報告, 上海的考察, "the Korea report", "the Shanghai trip"), folded
_REPORT_ZH = re.compile(r"^(?:的|那|这|该)?一?(?:份|篇|次|趟)?"
                        r"(?:报告(?!厅)|考察|参访|访问(?!学者)|之行|行程|出国|行(?![政业动]))")
_REPORT_EN = re.compile(r"^(?:'s|n|ese)?\s+(?:report|trip|visit|delegation|study tour|tour)s?\b",
                        re.I)
# or after it: "the report on Korea", "the trip to Korea"
_REPORT_BEFORE_EN = re.compile(r"\b(?:report|trip|visit|delegation|tour)s?\s+(?:on|to|in)\s+"
                               r"(?:the\s+)?$", re.I)


def names_report(question: str, name: str) -> bool:
    """Whether ``name`` (folded, or an English question's word as written) only
    says which report or which trip ``question`` reads: the trip's place, not
    what is asked about.

    >>> names_report("韓國那份報告提到哪所大學？", "韩国")
    True
    >>> names_report("韓國的園區有幾所大學？", "韩国")
    False
    >>> names_report("In the Korea report, which university?", "Korea")
    True
    >>> names_report("Which university works with the Korea park?", "Korea")
    False
    >>> names_report("In the report on Korea, which university?", "Korea")
    True
    >>> names_report("韓國這一次考察看了哪？", "韩国"), names_report("韓國行看了什麼？", "韩国")
    (True, True)
    >>> names_report("韓國的訪問學者來自哪？", "韩国"), names_report("韓國銀行在哪裡？", "韩国")
    (False, False)
    """
    folded = fold(question)
    if name in folded and _REPORT_ZH.match(folded[folded.index(name) + len(name):]):
        return True
    at = question.find(name)
    return at >= 0 and name.isascii() and bool(
        _REPORT_EN.match(question[at + len(name):]) or _REPORT_BEFORE_EN.search(question[:at]))
