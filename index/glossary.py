"""English -> Chinese names mined from the corpus, for English questions.

The reports write many names twice, as ``中文(English)`` or ``English(中文)``:
``慶州和白國際會議中心(Gyeongju Hwabaek International Convention Center)``,
``烏茲別克資訊科技園區 (ITPU)``. :func:`mine` collects these pairs from the
chunks when an index is opened; :meth:`Glossary.expand` finds the English names
an English question uses (whole, or as the initials of a capitalised phrase:
"IT Park Uzbekistan" -> ``ITPU``) and returns the Chinese names, which the
retriever adds to the question's BM25 terms. English function words
(:data:`STOPWORDS`) are dropped from the question's terms, since the few
English passages of a Chinese report make them look rare.

>>> g = Glossary.from_texts(["烏茲別克資訊科技園區 (ITPU)的新創"])
>>> g.expand("How many firms does IT Park Uzbekistan have?")
['烏茲別克資訊科技園區', 'itpu']
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

# Chinese name, then an English one in brackets: 中文(English) / 中文（English）.
_ZH_EN = re.compile(
    r"((?:\d+年)?[\u4e00-\u9fff]{2,})\s*[(（]\s*([A-Za-z][A-Za-z0-9 .&'\-]*?)\s*[,)）]"
)
# English name, then a Chinese one in brackets: English (中文).
_EN_ZH = re.compile(r"([A-Za-z][A-Za-z0-9.&'\-]*(?: [A-Za-z0-9][A-Za-z0-9.&'\-]*)*)\s*"
                    r"[(（]\s*([\u4e00-\u9fff]{2,})[)）]")
# a run of Latin words in a text (a name the reports write in Latin letters)
_LATIN_RUN = re.compile(r"[A-Za-z][A-Za-z0-9&'\-]*(?: [A-Za-z0-9][A-Za-z0-9&'\-]*)*")
# Characters that start a new phrase inside a run of Chinese (particles, links).
_BREAK = re.compile(r"^\d+年|.*[的及並并由對对在將将於于為为即或、了過过]")
MAX_NAME = 16
# a Latin name the texts write that is checked by its own spelling: this many letters
# at least (Jin, Kim alone may be a pinyin syllable or a common surname's part)
SPELLED_NAME = 5
_HAN = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
STOPWORDS = frozenset({
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or",
    "but", "as", "is", "are", "was", "were", "be", "been", "do", "does", "did", "done", "has",
    "have", "had", "it", "its", "this", "that", "these", "those", "there", "their", "his",
    "her", "he", "she", "they", "we", "you", "i", "what", "which", "who", "whom", "whose",
    "when", "where", "why", "how", "many", "much", "according", "mentioned", "report",
    "reports", "say", "says", "said", "about", "into", "than", "then", "also", "s", "t", "not",
    "no", "any", "all", "each", "both", "per", "via",
})


def trim(name: str) -> str:
    """A Chinese run cut to the name before a bracket: after its last particle,
    at most :data:`MAX_NAME` characters.

    >>> trim("泰國新創企業培育策略及泰國國家科技發展局")
    '泰國國家科技發展局'
    >>> trim("2023年亞洲科學園區協會"), trim("慶州和白國際會議中心")
    ('亞洲科學園區協會', '慶州和白國際會議中心')
    """
    name = _BREAK.sub("", name)
    return name[-MAX_NAME:]


def collapse(names: list[str]) -> list[str]:
    """Names with each one that ends in another (shorter, 4+ characters) name dropped:
    the same name caught with some words before it.

    >>> collapse(["參訪浦項博物館", "浦項博物館", "合作協會"])
    ['浦項博物館', '合作協會']
    """
    def longer(name: str) -> bool:
        return any(o != name and len(o) >= 4 and name.endswith(o) for o in names)

    return [n for n in names if not longer(n)]


def key(english: str) -> str:
    """An English name folded for lookup: lower case, single spaces.

    >>> key("  Food  Innopolis ")
    'food innopolis'
    """
    return " ".join(re.findall(r"[a-z0-9]+", english.lower()))


def acronyms(question: str) -> list[str]:
    """Initials (lower case) of each run of 2+ capitalised words, and of its sub-runs.

    >>> acronyms("so IT Park Uzbekistan helps")
    ['itpu', 'itp', 'pu']
    >>> acronyms("what is it")
    []
    """
    out: list[str] = []
    for run in re.findall(r"(?:\b[A-Z][A-Za-z]*\b\s*){2,}", question):
        parts = run.split()
        for size in range(len(parts), 1, -1):
            for start in range(len(parts) - size + 1):
                sub = parts[start : start + size]
                initials = "".join(p if p.isupper() else p[0] for p in sub).lower()
                if initials not in out:
                    out.append(initials)
    return out


def mine(texts: Iterable[str]) -> dict[str, list[str]]:
    """English key -> the Chinese names written beside it (first-seen order).

    >>> mine(["在浦項鋼鐵公司博物館(POSCO)", "Kim (韓國科學技術院教授)"])
    {'posco': ['浦項鋼鐵公司博物館'], 'kim': ['韓國科學技術院教授']}
    """
    pairs: dict[str, list[str]] = {}
    for text in texts:
        found = [(m.group(2), trim(m.group(1))) for m in _ZH_EN.finditer(text)]
        found += [(m.group(1), trim(m.group(2))) for m in _EN_ZH.finditer(text)]
        for english, chinese in found:
            folded = key(english)
            names = pairs.setdefault(folded, []) if folded and len(chinese) >= 2 else []
            if len(chinese) >= 2 and chinese not in names:
                names.append(chinese)
    return {k: collapse(names) for k, names in pairs.items()}


@dataclass
class Glossary:
    """English name -> Chinese names, with lookup of the names a question uses."""

    pairs: dict[str, list[str]] = field(default_factory=dict)
    spelled: str = ""  # the texts' runs of Latin words, lower case, one per line

    @classmethod
    def from_texts(cls, texts: Iterable[str]) -> Glossary:
        """Mine the pairs of ``texts`` (chunk texts and headings) and their Latin words."""
        texts = list(texts)
        runs = (r.lower() for t in texts for r in _LATIN_RUN.findall(t))
        return cls(mine(texts), "\n".join(dict.fromkeys(runs)))

    def writes(self, name: str) -> bool:
        """Whether the texts write ``name`` whole, as one run of Latin words.

        >>> glossary = Glossary(spelled="quorvik ground\\nlab")
        >>> glossary.writes("Quorvik Ground"), glossary.writes("Ground Lab")
        (True, False)
        """
        return re.search(rf"(?<![a-z0-9]){re.escape(name.lower())}(?![a-z0-9])",
                         self.spelled) is not None

    def own_spelling(self, name: str, rendered: bool) -> list[str]:
        """``[name]`` when the texts write it whole in Latin letters, it reads as a
        name (``rendered`` False: no Chinese word renders it, and it is not all ordinary
        English words), its words are letters only, SPELLED_NAME or more in all, none an
        acronym (ICT, R&D name a field, not a body), and no glossary name holds one of them (a
        name the glossary gives Chinese for, Chinese names it better); else []. A
        figure's passage must then name it so.

        >>> glossary = Glossary({"vela park": ["維拉園區"]}, "quorvik ground\\nict\\nvela park")
        >>> glossary.own_spelling("Quorvik Ground", False), glossary.own_spelling("ICT", False)
        (['Quorvik Ground'], [])
        >>> glossary.own_spelling("Quorvik Ground", True), glossary.own_spelling("Vela", False)
        ([], [])
        """
        words = name.split()
        if rendered or len("".join(words)) < SPELLED_NAME or not self.writes(name) or not all(
                w.isalpha() and not w.isupper() for w in words):
            return []
        keyed = {w for k in self.pairs for w in k.split()}
        return [] if any(w.lower() in keyed for w in words) else [name]

    def matches(self, question: str) -> list[str]:
        """The glossary keys a question names, whole or by initials.

        >>> Glossary({"hsp": ["新竹科學園區"], "ai": ["人工智慧"]}).matches("HSP's plan")
        ['hsp']
        """
        folded = " " + key(question) + " "
        found = [k for k in self.pairs if len(k) >= 3 and f" {k} " in folded]
        found += [a for a in acronyms(question) if a in self.pairs and a not in found]
        return found

    def expand(self, question: str) -> list[str]:
        """Chinese names (then the keys matched by initials) to add to the question.

        >>> Glossary({"nstda": ["泰國國家科技發展局"]}).expand("What does NSTDA do?")
        ['泰國國家科技發展局']
        """
        matched = self.matches(question)
        folded = " " + key(question) + " "
        names = [n for k in matched for n in self.pairs[k]]
        return names + [k for k in matched if f" {k} " not in folded]


def is_english(question: str) -> bool:
    """Whether a question has Latin letters and no Chinese characters.

    >>> is_english("Who leads ITPU?"), is_english("ITPU的局長是誰？"), is_english("2023?")
    (True, False, False)
    """
    return bool(re.search(r"[A-Za-z]", question)) and not _HAN.search(question)


def content_terms(terms: Iterable[str], question: str = "") -> list[str]:
    """Query terms without English function words (kept when written in capitals,
    as an acronym: "IT").

    >>> content_terms(["how", "many", "it", "park", "上海"], "How many IT park 上海")
    ['it', 'park', '上海']
    """
    capitals = {w.lower() for w in re.findall(r"\b[A-Z]{2,}\b", question)}
    return [t for t in terms if t not in STOPWORDS or t in capitals]
