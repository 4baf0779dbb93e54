"""Training questions the project makes itself, for fitting (never for reporting).

:func:`generate` reads the reports' chunks and writes two kinds of question:

- **answerable**: a clause of a report that states a figure with its measure
  word (「園區內有 300 家企業」) becomes a question for that figure
  (「園區內有多少家企業？」), led by the organisation its section is about
  when the clause does not name it; the clause's sentence is the evidence, so the
  answer is checked to lie in the chunk by construction;
- **near-miss unanswerable**: the same organisation asked about an attribute
  organisations commonly have (:data:`ATTRIBUTES`: staff, patents, budget...)
  that no sentence of the whole corpus states about it: close in topic, with no
  answer anywhere.

A share of both is also given in Simplified script (OpenCC ``t2s``), and, with
the ``local`` model installed, the local model rewords each question in everyday
words (``prompts/paraphrase.txt``) and puts it in English
(``prompts/translate_en.txt``); a rewording survives only if it is one question,
keeps no figure of the evidence and shares at most REWORDED_SHARE of its
character pairs with the template (ATTEMPTS rewordings are tried); repeated
questions are kept once. Every item records its generator, so the share surviving
each filter can be reported. The output (``eval/generated.jsonl``) is rebuilt
by ``reportqa eval --generate``.

>>> figure_question("園區內有 300 家企業進駐")
('園區內有多少家企業進駐？', '300')
>>> figure_question("園區位於上海") is None
True
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

from app.citations import bigrams
from app.language import fold
from ingest.model import Chunk
from ingest.sentences import split_sentences

GENERATED = Path(__file__).resolve().parent / "generated.jsonl"
SEED = 7
ATTEMPTS = 3  # rewordings tried (each with its own seed) until one passes the filters
SIMPLIFIED_SHARE = 0.25
MAX_PER_CHUNK = 3
REWORDED_SHARE = 0.6  # most character pairs a rewording may share with its template
# A figure and the measure word or unit after it (general Chinese counting words).
_FIGURE = re.compile(
    r"(\d[\d,.]*|[一二兩三四五六七八九十百千萬]+)\s*"
    r"(億元|萬元|億|萬|家|名|個|所|位|項|件|座|%|％|平方公里|公頃|人|倍|年)"
)
_CLAUSE = re.compile(r"[^，,；;：:。！？!?\n]+")
# A heading that ends with an organisation's kind (a parenthesised short name may follow).
_ORG = re.compile(
    r"(園區|中心|研究院|科學院|大學|協會|委員會|公司|集團|開發區|基地|科技園|局|Park)"
    r"\s*(?:[(（][^)）]{1,20}[)）])?$"
)
_NUMBERING = re.compile(r"^[\s(（]*[一二三四五六七八九十壹貳參肆伍陸柒捌玖拾\d]+[)）、.．\s]*")
# Attributes analysts commonly ask of an organisation, with the measure word asked.
ATTRIBUTES = (
    ("員工", "名"), ("研發人員", "名"), ("專利", "件"), ("年度預算", "元"), ("營業額", "元"),
    ("土地面積", "平方公里"), ("上市公司", "家"), ("外籍員工", "名"), ("博士", "名"),
    ("創投基金", "元"), ("畢業生", "名"), ("實驗室", "間"), ("分支機構", "個"), ("獎項", "項"),
)


@dataclass(frozen=True)
class Generated:
    """One generated question and how it was made."""

    id: str
    question: str
    answerable: bool
    doc: str
    chunk_id: str
    evidence: str
    generator: str
    style: str


def figure_question(clause: str) -> tuple[str, str] | None:
    """The question asking for the first figure of ``clause``, and the figure
    (None when the clause states none, or too little around it)."""
    figures = list(_FIGURE.finditer(clause))
    if len(figures) != 1 or figures[0].group(2) == "年" or figures[0].group(1) == "一":
        return None  # none, several, a year, or 一 as "a" (一個非常年輕的組織)
    match = figures[0]
    before, after = clause[: match.start()].strip(), clause[match.end() :].strip()
    if len(re.findall(r"[\u4e00-\u9fff]", before + after)) < 4 or not _starts_word(before):
        return None
    return f"{before}多少{match.group(2)}{after}？", match.group(1)


def _starts_word(text: str) -> bool:
    """Whether ``text`` starts with a Chinese character or a Latin letter (not a
    digit, list mark or bracket).

    >>> _starts_word("園區內有"), _starts_word("000 平方米"), _starts_word("3）食品")
    (True, False, False)
    """
    return bool(re.match(r"[\u4e00-\u9fffA-Za-z]", text))


def _join(name: str, question: str) -> str:
    """``name`` leading ``question``: directly before a verb, with 的 before a noun.

    >>> _join("紫竹高新區", "可容納多少家企業？"), _join("紫竹高新區", "員工有多少名？")
    ('紫竹高新區可容納多少家企業？', '紫竹高新區的員工有多少名？')
    """
    import jieba.posseg

    first = next(iter(jieba.posseg.cut(question)), None)
    verb = first is not None and (first.flag.startswith(("v", "d", "p")) or first.word == "有")
    return f"{name}{'' if verb else '的'}{question}"


def subject(chunk: Chunk) -> str:
    """The organisation a chunk's section is about: the deepest heading of its
    path that names one, without its numbering ("" when none does).

    >>> from ingest.model import Chunk
    >>> path = ("肆、紀要", "(參)紫竹高新技術產業開發區", "一、簡介")
    >>> subject(Chunk("c", "a.txt", path, 1, "", ""))
    '紫竹高新技術產業開發區'
    """
    for heading in reversed(chunk.section_path):
        title = _NUMBERING.sub("", heading).strip()
        if _ORG.search(title) and 4 <= len(title) <= 30:
            return title
    return ""


def _answerable(chunk: Chunk, rng: random.Random) -> list[tuple[str, str]]:
    """(question, evidence sentence) for up to MAX_PER_CHUNK figure clauses."""
    name = subject(chunk)
    found = []
    for sentence in split_sentences(chunk.text):
        for clause in _CLAUSE.findall(sentence):
            made = figure_question(clause.strip())
            if made is None or not 8 <= len(clause) <= 50:
                continue
            question = made[0]
            if name and fold(name[:2]) not in fold(question):
                question = _join(name, question)
            found.append((question, sentence.strip()))
    rng.shuffle(found)
    return found[:MAX_PER_CHUNK]


def _near_misses(
    name: str, corpus: Sequence[str], rng: random.Random, n: int = 1
) -> list[str]:
    """Questions about ``name`` for attributes no sentence of ``corpus`` states
    about it (no sentence holds both the attribute and the name's first two
    characters: a broad test, so that a free attribute is surely free)."""
    key = fold(name[:2])
    about = [s for s in corpus if key in s]
    free = [(a, u) for a, u in ATTRIBUTES if not any(fold(a) in s for s in about)]
    rng.shuffle(free)
    forms = ("{n}有多少{u}{a}？", "{n}的{a}是多少？", "{n}目前{a}有多少{u}？")
    return [rng.choice(forms).format(n=name, a=a, u=u) for a, u in free[:n]]


Rewriter = Callable[[str], str | None]


def generate(
    chunks: Sequence[Chunk], paraphrase: Rewriter | None = None,
    translate: Rewriter | None = None, seed: int = SEED,
) -> list[Generated]:
    """Answerable and near-miss questions over ``chunks`` (see the module doc)."""
    rng = random.Random(seed)
    corpus = [fold(s) for c in chunks for s in split_sentences(c.breadcrumb + "。" + c.text)]
    items: list[Generated] = []
    asked_about: set[str] = set()
    for chunk in chunks:
        for question, evidence in _answerable(chunk, rng):
            items.append(Generated("", question, True, chunk.doc, chunk.id, evidence,
                                   "template", "direct"))
        name = subject(chunk)
        if name and name not in asked_about:
            asked_about.add(name)
            for question in _near_misses(name, corpus, rng, n=4):
                items.append(Generated("", question, False, chunk.doc, chunk.id, "",
                                       "template", "direct"))
    items = _variants(_unique(items), rng, paraphrase, translate)
    unique = _unique(items)
    return [Generated(f"g{i:04d}", *list(asdict(g).values())[1:]) for i, g in enumerate(unique, 1)]


def _unique(items: list[Generated]) -> list[Generated]:
    """The first item of each question (overlapping chunks repeat a clause).

    >>> a, b = (Generated("", q, True, "d", "c", "", "template", "direct") for q in "ab")
    >>> [g.question for g in _unique([a, b, a])]
    ['a', 'b']
    """
    unique = list({g.question: g for g in reversed(items)}.values())
    unique.sort(key=items.index)
    return unique


def _variants(
    items: list[Generated], rng: random.Random, paraphrase: Rewriter | None,
    translate: Rewriter | None,
) -> list[Generated]:
    """The items, a Simplified copy of a share of them, a reworded copy of each
    that the paraphraser rewords acceptably (:func:`acceptable`) and an English
    copy of each that the translator puts acceptably (:func:`acceptable_english`)."""
    import sys

    from tqdm import tqdm

    from app.language import to_simplified

    out = list(items)
    quiet = paraphrase is None and translate is None
    for item in tqdm(items, desc="rewording", unit="q", file=sys.stderr, disable=quiet):
        if rng.random() < SIMPLIFIED_SHARE:
            out.append(_copy(item, to_simplified(item.question), "template+opencc", "simplified"))
        if paraphrase is not None:
            for _ in range(ATTEMPTS):
                reworded = paraphrase(item.question)
                if reworded is not None and acceptable(item.question, reworded, item.evidence):
                    out.append(_copy(item, reworded.strip().strip("「」"), "template+local",
                                     "paraphrase"))
                    break
        if translate is not None:
            english = translate(item.question)
            if english is not None and acceptable_english(english, item.evidence):
                out.append(_copy(item, english.strip(), "template+local-en", "english"))
    return out


def _copy(item: Generated, question: str, generator: str, style: str) -> Generated:
    data = asdict(item)
    data.update(question=question, generator=generator, style=style)
    return Generated(**data)


def acceptable(template: str, reworded: str, evidence: str) -> bool:
    """Whether a rewording is kept: one question of 6-60 characters, in Chinese,
    no figure of the evidence in it, at least one and at most REWORDED_SHARE of
    its character pairs shared with the template (still about the same thing,
    yet reworded; quotes around it are dropped), and no trace of the prompt (an
    arrow, a second quoted question).

    >>> acceptable("園區內有多少家企業？", "這個園區裡進駐了幾家公司？", "園區內有 300 家企業")
    True
    >>> acceptable("園區內有多少家企業？", "股東結構為何？」→「誰出資成立的？", "")
    False
    >>> acceptable("園區內有多少家企業？", "園區內有多少家企業？", "")
    False
    >>> acceptable("園區內有多少家企業？", "有300家。", "園區內有 300 家企業")
    False
    """
    text = reworded.strip().strip("「」\"'")
    if re.search(r"→|->|」.*「", text):
        return False
    if not 6 <= len(text) <= 60 or "\n" in text or not text.endswith(("？", "?")):
        return False
    if not re.search(r"[\u4e00-\u9fff]", text):
        return False
    if any(f in text for f in re.findall(r"\d+", evidence)):
        return False
    pairs = bigrams(fold(text))
    shared = len(pairs & bigrams(fold(template)))
    return bool(pairs) and 1 <= shared <= REWORDED_SHARE * len(pairs)


def acceptable_english(text: str, evidence: str) -> bool:
    """Whether a translation is kept: one English question of 4-30 words, with no
    Chinese left and no figure of the evidence.

    >>> acceptable_english("How many firms are in the park?", "園區有 300 家企業")
    True
    >>> acceptable_english("園區有幾家企業？", "")
    False
    >>> acceptable_english("It has 300 firms?", "300 家")
    False
    """
    text = text.strip()
    words = text.split()
    if not 4 <= len(words) <= 30 or not text.endswith("?") or "\n" in text:
        return False
    if re.search(r"[\u3400-\u9fff]", text):
        return False
    return not any(f in text for f in re.findall(r"\d+", evidence))


def write(items: Iterable[Generated], path: Path = GENERATED) -> Path:
    """One JSON object per line."""
    lines = [json.dumps(asdict(item), ensure_ascii=False) for item in items]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def read(path: Path = GENERATED) -> list[Generated]:
    """The items :func:`write` wrote (a round trip)."""
    rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]
    return [Generated(**row) for row in rows]


def local_rewriter(prompt: str, max_tokens: int = 48) -> Rewriter | None:
    """A function rewriting a question with the local model and the prompt file
    ``prompts/<prompt>.txt`` (its first line out), or None when the model is not
    installed."""
    from importlib.resources import files

    from app.backends import gguf
    from app.backends.local import llama_cpp_installed, load_llama
    from reportqa import settings

    name = settings.get_str("local_model")
    if not llama_cpp_installed() or not gguf.model_installed(name):
        return None
    llama = load_llama(gguf.model_path(name), n_ctx=1024)
    template = files("prompts").joinpath(f"{prompt}.txt").read_text(encoding="utf-8")

    seeds = iter(range(SEED, SEED + 1_000_000))  # a new seed for every call

    def rewrite(question: str) -> str | None:
        messages = [{"role": "user", "content": template.format(question=question)}]
        out = llama.create_chat_completion(
            messages=messages, max_tokens=max_tokens, temperature=0.7, seed=next(seeds)
        )
        text = str(out["choices"][0]["message"]["content"]).strip()
        return text.splitlines()[0].strip() if text else None

    return rewrite
