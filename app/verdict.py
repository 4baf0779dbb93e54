"""Do the reports answer this question? A calibrated logistic model over
retrieval signals that survive rewording.

No single signal separates answerable from unanswerable questions: a tempting
unanswerable question is close in topic by construction, and a paraphrase shares
few words with its passage. :func:`signals` measures several things about the
retrieved passages (:data:`FEATURES`):

- ``evidence``: the lexical evidence score (:class:`app.refusal.EvidenceScorer`:
  the question's rare words in the best sentence, a figure in the asked unit next
  to the asked attribute, the question's names and years present);
- ``coverage``: the share of the question's rare character pairs found anywhere
  in the passages (for an English question, those of its Chinese words, which
  the retriever's ``translate`` gives);
- ``focus``: the share of what a Chinese question asks about (its focus words:
  年度預算 in 「園區的年度預算是多少」) found in the passages;
- ``sentence``: the best single sentence's score on its own;
- ``dense_top`` / ``dense_gap``: the embedder's best cosine of the question with a
  retrieved passage, and how far it stands above the lowest one retrieved;
- ``english_cosine``: for an English question, the embedder's best cosine of
  the question with one sentence of the first passages (works across languages;
  the reranker has embedded those sentences already, so it costs nothing more;
  0 for a Chinese question, whose sentences are not embedded: about 25 ms a
  sentence on 2 cores would break the 100 ms budget of an extractive answer);
- ``quantity_asked`` / ``quantity_found``: the question asks for a figure, and
  the sentences the extractive reader would quote state one in the asked unit,
  beside what a count counts, dated the asked year, in a passage naming what is
  asked about (:func:`app.sentences.states_asked_figure`: 「11 個國家約 300 名
  與會者」 does not say how many firms exhibited);
- ``unknown_name`` / ``missing_year``: the question names a place, body or
  person, or a year or day, that no passage of the reports holds;
- ``english``: the question is in English (no characters in common);
- ``holder_missing``: not weighed but a rule (:func:`refused_by_rule`): the
  sentences the reader would quote name the post asked about only as a deputy's or
  an assistant's (副總經理 is not the 總經理), or name no one when the question
  asks a person's name (:func:`app.roles.holder_missing`), or name the post whose holder
  is asked only in sentences about another place or body (:func:`app.roles.post_elsewhere`);
- ``beyond_figure``: not weighed: a question one part of which asks who, which
  or what besides a figure (:func:`app.question.asks_beyond_figure`) is not
  refused by the figure rule alone (:func:`figure_missing`);
- ``outcome_unstated``: a rule too: the question asks whether a plan later came
  true (「後來到底有沒有開起來？」) and those sentences state a plan or a goal
  (:func:`app.outcomes.outcome_unstated`);
- ``numbered_missing``: a rule too: the question names numbered things (六號樓,
  第二期) none of which a passage names (:func:`app.ordinals.numbered_missing`);
- ``kind_missing``: a rule too: the question asks which hotel or university and
  those sentences name none, or which companies and they count firms but name
  nothing (:func:`app.kinds.kind_missing`); only the sentences about what the question
  asks about count (:func:`app.about.about_subject`): another park's university is not
  the asked park's;
- ``expansion_missing``: a rule too: the question asks what an abbreviation
  stands for and those sentences do not spell it out
  (:func:`app.kinds.expansion_missing`);
- ``subset_missing``: a rule too: the question picks a part of a set by place
  (「其中台灣的有幾家」) and those sentences do not name it, or give no figure
  beside it (:func:`app.subsets.subset_missing`);
- ``attribute_missing``: a rule too: the question asks where a firm is
  headquartered, an address, a phone number, an e-mail or a website, and those
  sentences about the asked firm state none (:func:`app.attributes.attribute_missing`);
- ``city_missing``: a rule too: the question asks which city, and those sentences
  name places but no city beyond the question's own (:func:`app.places.city_missing`).

:class:`Verdict` turns them into the probability that the reports answer,
``1 / (1 + exp(-(b + sum w_i (x_i - mean_i) / scale_i)))``; the weights, the
standardisation and the refusal threshold live in one shipped file,
``app/verdict_model.json``, written by ``reportqa eval --fit-refusal`` (fitted on
the dev set with cross-validation, see :mod:`eval.verdict_fit`).

>>> model = Verdict(("a",), (0.0,), (1.0,), (2.0,), 0.0, 0.5)
>>> round(model.probability({"a": 1.0}), 3), model.refuses({"a": -1.0})
(0.881, True)
"""

from __future__ import annotations

import json
import math
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from app.about import about_subject
from app.answer_kinds import answer_field
from app.attributes import attribute_asked, attribute_missing
from app.backends.base import ContextBlock, Similarity, hits_to_blocks
from app.backends.extractive import SIGNAL, chosen_sentences, figure_stated
from app.card import card_answer
from app.injection import plain_blocks
from app.kinds import asked_kind, expansion_missing, kind_missing
from app.language import fold
from app.ordinals import numbered_missing
from app.outcomes import outcome_unstated
from app.places import city_asked, city_missing
from app.question import analyse
from app.refusal import EvidenceScorer, missing_years
from app.roles import asks_holder, holder_missing, post_elsewhere
from app.sentences import Source
from app.sessions import speaker_elsewhere
from app.subsets import subset_missing
from index.types import Hit
from ingest.sentences import split_sentences

Translate = Callable[[str], list[str]]
MODEL_FILE = Path(__file__).resolve().parent / "verdict_model.json"
FEATURES = (
    "evidence", "coverage", "focus", "sentence", "dense_top", "dense_gap", "english_cosine",
    "quantity_asked", "quantity_found", "unknown_name", "missing_year", "english",
)
# Which way each signal may push, by what it means (the fit keeps each weight on its
# side): more evidence never makes an answer less likely, a name or year no passage
# holds never more likely; 0 leaves the sign to the data.
SIGNS = {
    "evidence": 1, "coverage": 1, "focus": 1, "sentence": 1, "dense_top": 1, "dense_gap": 1,
    "english_cosine": 1, "quantity_asked": 0, "quantity_found": 1, "unknown_name": -1,
    "missing_year": -1, "english": 0,
}
# signals that refuse on their own (see refused_by_rule)
RULES = ("holder_missing", "outcome_unstated", "numbered_missing", "kind_missing",
         "expansion_missing", "subset_missing", "attribute_missing", "city_missing")
COSINE_PASSAGES = 5  # the passages whose sentences the reranker compared by cosine


def nothing_there(values: Mapping[str, float]) -> bool:
    """Whether a Chinese question shares not one rare character pair with the
    retrieved passages (``coverage`` and ``evidence`` both 0: 「今天天氣如何？」).
    No answerable question of the dev, generated or back-translated sets is in
    this region, so the fitted weights say nothing about it; the reports plainly
    do not hold such a question's subject. Not when the question asks who went or
    when (:func:`app.card.card_answer`) and a quoted line of the trip's card answers
    it, however the question words it (「哪位官員帶隊」 shares no word with 「姓名職稱：…」).

    >>> nothing_there({"english": 0.0, "coverage": 0.0, "evidence": 0.0})
    True
    >>> nothing_there({"english": 1.0, "coverage": 0.0, "evidence": 0.0})
    False
    >>> nothing_there({"a": 1.0})
    False
    >>> nothing_there({"english": 0.0, "coverage": 0.0, "evidence": 0.0, "card_line": 1.0})
    False
    """
    return (all(values.get(name, 1.0) == 0.0 for name in ("english", "coverage", "evidence"))
            and values.get("card_line") != 1.0)


def figure_missing(values: Mapping[str, float]) -> bool:
    """Whether the question asks for a figure (how many, how much, which year,
    how large) and none of the sentences the reader would quote states one in
    the asked unit beside what it counts (``quantity_asked`` without
    ``quantity_found``). A passage about the right park that does not give its
    budget does not answer "what is its budget?", however closely it matches: the
    answer is a refusal that shows those passages. A linear model cannot make
    this a gate (it weighs the two signals against the rest, and a passage that
    names the subject outweighs them). Measured when it was added, on the dev
    sets and the check sets, in docs/evaluation.md. Not when another part of the
    question asks who, which or what (``beyond_figure``, :func:`app.question.asks_beyond_figure`):
    that part may be answered; the fitted model decides.

    >>> figure_missing({"quantity_asked": 1.0, "quantity_found": 0.0})
    True
    >>> figure_missing({"quantity_asked": 1.0, "quantity_found": 0.0, "beyond_figure": 1.0})
    False
    >>> figure_missing({"quantity_asked": 1.0, "quantity_found": 1.0})
    False
    >>> figure_missing({"quantity_asked": 0.0, "quantity_found": 0.0})
    False
    """
    return (values.get("quantity_asked") == 1.0 and values.get("quantity_found") == 0.0
            and values.get("beyond_figure") != 1.0)


def refused_by_rule(values: Mapping[str, float]) -> bool:
    """Whether a rule refuses whatever the fitted model says (:func:`nothing_there`,
    :func:`figure_missing`; ``holder_missing``: the sentences the reader would
    quote name the asked post only as a deputy's, or name no one when a person's
    name is asked, :func:`app.roles.holder_missing`; ``outcome_unstated``: the
    question asks whether a plan came true and they state the plan,
    :func:`app.outcomes.outcome_unstated`; ``numbered_missing``: it names
    numbered things, 六號樓 or 第二期, none of which a passage names,
    :func:`app.ordinals.numbered_missing`; ``kind_missing``: it asks which hotel
    or university and those sentences name none, or which companies and they only
    count them, :func:`app.kinds.kind_missing`;
    ``expansion_missing``: it asks what an abbreviation stands for and they do
    not spell it out, :func:`app.kinds.expansion_missing`; ``subset_missing``: it
    picks a part of a set they do not name, :func:`app.subsets.subset_missing`;
    ``attribute_missing``: it asks a headquarters, where a body is based, an
    address, a phone, an e-mail or a website and they state none,
    :func:`app.attributes.attribute_missing`;
    ``city_missing``: it asks which city and they name a country or a region but
    nothing that may be a city, :func:`app.places.city_missing`).

    >>> refused_by_rule({"quantity_asked": 1.0, "quantity_found": 0.0, "english": 1.0})
    True
    >>> refused_by_rule({"holder_missing": 1.0}), refused_by_rule({"holder_missing": 0.0})
    (True, False)
    """
    return (nothing_there(values) or figure_missing(values)
            or any(values.get(rule) == 1.0 for rule in RULES))


@dataclass(frozen=True)
class Verdict:
    """A fitted logistic model: feature names, standardisation, weights, bias
    and the probability below which the answer is a refusal."""

    features: tuple[str, ...]
    mean: tuple[float, ...]
    scale: tuple[float, ...]
    weights: tuple[float, ...]
    bias: float
    threshold: float

    def probability(self, values: Mapping[str, float]) -> float:
        """The probability that the reports answer (0 to 1); a missing signal
        counts at its mean; 0 when nothing the question asks about is there
        (:func:`nothing_there`) or the asked figure is not (:func:`figure_missing`)."""
        if refused_by_rule(values):
            return 0.0
        z = self.bias
        for name, mean, scale, weight in zip(
            self.features, self.mean, self.scale, self.weights, strict=True
        ):
            z += weight * (values.get(name, mean) - mean) / (scale or 1.0)
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))

    def refuses(self, values: Mapping[str, float], threshold: float | None = None) -> bool:
        """Whether the probability falls below ``threshold`` (the fitted one by default)."""
        cut = self.threshold if threshold is None else threshold
        return self.probability(values) < cut

    def to_dict(self) -> dict[str, Any]:
        """The JSON-ready parameters.

        >>> Verdict(("a",), (0.0,), (1.0,), (2.0,), 0.5, 0.3).to_dict()["weights"]
        {'a': 2.0}
        """
        return {
            "features": list(self.features),
            "mean": dict(zip(self.features, self.mean, strict=True)),
            "scale": dict(zip(self.features, self.scale, strict=True)),
            "weights": dict(zip(self.features, self.weights, strict=True)),
            "bias": self.bias,
            "threshold": self.threshold,
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Verdict:
        """The model of :meth:`to_dict`'s output (a round trip).

        >>> v = Verdict(("a", "b"), (0.1, 0.2), (1.0, 2.0), (0.5, -1.0), 0.25, 0.4)
        >>> Verdict.from_dict(v.to_dict()) == v
        True
        """
        names = tuple(data["features"])
        return cls(
            names,
            tuple(float(data["mean"][n]) for n in names),
            tuple(float(data["scale"][n]) for n in names),
            tuple(float(data["weights"][n]) for n in names),
            float(data["bias"]),
            float(data["threshold"]),
        )


def load_verdict(path: Path = MODEL_FILE) -> Verdict:
    """The shipped model (``reportqa eval --fit-refusal`` rewrites it)."""
    from reportqa.errors import ReportQAError

    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        verdict = Verdict.from_dict(data)
    except (OSError, ValueError, KeyError, TypeError) as error:
        raise ReportQAError(
            f"cannot read the answerability model {path}: {error}",
            hint="refit it with `reportqa eval --fit-refusal`",
        ) from error
    if verdict.features != FEATURES:
        raise ReportQAError(
            f"the answerability model {path} weighs other signals than this version measures",
            hint="refit it with `reportqa eval --fit-refusal`",
        )
    return verdict


def signals(
    question: str, hits: Sequence[Hit], scorer: EvidenceScorer,
    similarity: Similarity | None = None, translate: Translate | None = None,
) -> dict[str, float]:
    """The measurements :class:`Verdict` weighs, for retrieved ``hits``.

    >>> from ingest.model import Chunk
    >>> text = "紫竹高新區的股東有紫江集團等，註冊資本二十億元。"
    >>> hits = [Hit(Chunk("c", "a.txt", ("A",), 1, text, text), 1.0, dense_score=0.9)]
    >>> found = signals("紫竹高新區的股東是誰？", hits, EvidenceScorer([text]))
    >>> found["coverage"], found["unknown_name"], found["quantity_asked"], found["english"]
    (1.0, 0.0, 0.0, 0.0)
    """
    asked = analyse(question)
    english = asked.english
    passages = [h.chunk.breadcrumb + h.chunk.text for h in hits]
    chinese = " ".join(translate(question)) if english and translate is not None else ""
    # passages found by BM25 alone (or brought in as a section's siblings) have no cosine
    dense = sorted((h.dense_score for h in hits if h.dense_score is not None), reverse=True)
    unit = asked.unit
    blocks = plain_blocks(hits_to_blocks(hits))
    quoted = chosen_sentences(question, blocks, similarity, chinese, SIGNAL)
    # with a form's line that states what is asked (「講者：…」, 「地點：…」), which the
    # answer quotes but the signal's selection leaves out (app.answer_kinds.answer_field)
    headed = field_lines(question, blocks)
    fields = [line for line, _ in headed]
    said = [c.text for c in quoted] + fields
    # those about what the question asks about (not another park's university), read
    # only where a rule asks
    owned = [c.text for c in quoted]
    if (asked_kind(question) is not None or attribute_asked(question) or asks_holder(question)
            or city_asked(question)):
        source = {b.n: Source(b.chunk.breadcrumb, b.chunk.text) for b in blocks}
        about = about_subject(question, owned, [source[c.n] for c in quoted], scorer.aliases)
        owned = [text for text, ok in zip(owned, about, strict=True) if ok]
    values = {
        "evidence": scorer.score(question, hits) if hits else 0.0,
        "coverage": scorer.coverage(chinese or question, passages) if chinese or not english
        else 0.0,
        "focus": 0.0 if english else scorer.focus_found(question, hits),
        "sentence": scorer.best_sentence(question, hits) if hits else 0.0,
        "dense_top": dense[0] if dense else 0.0,
        "dense_gap": dense[0] - dense[-1] if dense else 0.0,
        "english_cosine": _sentence_cosine(question, hits, similarity) if english else 0.0,
        "quantity_asked": float(unit is not None),
        "quantity_found": float(unit is not None and figure_stated(
            question, blocks, quoted, scorer.aliases)),
        "unknown_name": float(not english and scorer.names_unknown(question)),
        "missing_year": float(missing_years(question, passages)),
        "english": float(english),
        # rules, not weighed by the model (not in FEATURES): see refused_by_rule
        "holder_missing": float(
            holder_missing(question, said) or post_elsewhere(question, said, owned + fields)
            or speaker_elsewhere(question, [(c.text, " > ".join(c.section)) for c in quoted]
                                 + headed)),
        "outcome_unstated": float(outcome_unstated(question, [c.text for c in quoted])),
        "numbered_missing": float(numbered_missing(question, passages)),
        "kind_missing": float(kind_missing(question, [c.text for c in quoted],
                                           [c.section for c in quoted], owned)),
        "expansion_missing": float(expansion_missing(question, [c.text for c in quoted])),
        "subset_missing": float(subset_missing(question, [c.text for c in quoted],
                                               scorer.aliases)),
        "attribute_missing": float(attribute_missing(question, said, owned + fields)),
        "city_missing": float(city_missing(question, said, owned + fields)),
        "card_line": float(_card_line(question, said)),
        # a part asks who, which or what: a missing figure leaves it to the model
        "beyond_figure": float(asked.beyond_figure),
    }
    return values


def _card_line(question: str, said: Sequence[str]) -> bool:
    """Whether one of the ``said`` sentences is the card line that answers a
    question about the trip itself (:func:`app.card.card_answer`)."""
    line = card_answer(question)
    return line is not None and any(line.match(fold(text)) for text in said)


def field_lines(question: str, blocks: Sequence[ContextBlock]) -> list[tuple[str, str]]:
    """The lines of ``blocks`` labelled with what ``question`` asks (a talk's
    speaker, a place: :func:`app.answer_kinds.answer_field`), each with its
    passage's section path.

    >>> from ingest.model import Chunk
    >>> card = Chunk("c", "a", ("議程",), 1, "主題：智慧製造\\n講者：Min-Jun Park 教授", "")
    >>> field_lines("智慧製造那一場是誰主講的？", [ContextBlock(1, card)])
    [('講者：Min-Jun Park 教授', '議程')]
    """
    label = answer_field(question)
    if label is None:
        return []
    return [(line.strip(), b.chunk.breadcrumb) for b in blocks
            for line in b.chunk.text.splitlines() if label.match(line)]


def _sentence_cosine(question: str, hits: Sequence[Hit], similarity: Similarity | None) -> float:
    """The best cosine of ``question`` with a sentence of the first
    COSINE_PASSAGES hits (0 without an embedder)."""
    if similarity is None or not hits:
        return 0.0
    sentences = [s for h in hits[:COSINE_PASSAGES] for s in split_sentences(h.chunk.text)]
    return max(similarity(question, sentences), default=0.0)
