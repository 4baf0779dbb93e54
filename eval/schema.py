"""The QA set: one JSON object per line, checked against the schema.

Each line has ``id``, ``question``, ``answer``, ``must_include`` (1-4 key
strings), ``doc`` (null when unanswerable), ``section``, ``evidence`` (20-80
characters copied from one line of the report) and ``type``; ``cross_doc``
items add ``doc_2``, ``section_2`` and ``evidence_2``. Problems are reported as
one line each, ``file:line: what is wrong``.

>>> item = parse_item({"id": "q1", "question": "紫竹的股東?", "answer": "三家",
...     "must_include": ["紫江"], "doc": "a.txt", "section": "A > B",
...     "evidence": "紫竹高新區由紫江集團、上海交通大學等共同投資", "type": "fact"})
>>> item.answerable, item.evidences
(True, ('紫竹高新區由紫江集團、上海交通大學等共同投資',))
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reportqa.errors import ReportQAError

TYPES = (
    "fact", "number", "list", "multi_hop", "comparison", "summary", "cross_doc", "unanswerable",
)
DEFAULT_QA = Path(__file__).resolve().parent / "qa.jsonl"
EVIDENCE_CHARS = (20, 80)


@dataclass(frozen=True)
class QAItem:
    """One question of the QA set."""

    id: str
    question: str
    answer: str
    must_include: tuple[str, ...]
    doc: str | None
    section: str
    evidence: str
    type: str
    doc_2: str | None = None
    section_2: str = ""
    evidence_2: str = ""

    @property
    def answerable(self) -> bool:
        """Whether the reports hold the answer."""
        return self.type != "unanswerable"

    @property
    def evidences(self) -> tuple[str, ...]:
        """The evidence strings retrieval must find (none when unanswerable)."""
        if not self.answerable:
            return ()
        return (self.evidence, self.evidence_2) if self.type == "cross_doc" else (self.evidence,)


def _text(row: dict[str, Any], key: str, errors: list[str], empty_ok: bool = False) -> str:
    value = row.get(key)
    if value is None and empty_ok:
        return ""
    if not isinstance(value, str):
        errors.append(f"`{key}` must be a string, got {type(value).__name__}")
        return ""
    if not value.strip() and not empty_ok:
        errors.append(f"`{key}` is empty")
    return value


def _evidence(row: dict[str, Any], key: str, errors: list[str]) -> str:
    value = _text(row, key, errors)
    low, high = EVIDENCE_CHARS
    if value and not low <= len(value) <= high:
        errors.append(f"`{key}` has {len(value)} characters, must have {low}-{high}")
    if "\n" in value:
        errors.append(f"`{key}` spans lines; it must come from one line of the report")
    return value


def _must_include(row: dict[str, Any], answerable: bool, errors: list[str]) -> tuple[str, ...]:
    value = row.get("must_include")
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        errors.append("`must_include` must be a list of non-empty strings")
        return ()
    low = 1 if answerable else 0
    if not low <= len(value) <= 4:
        errors.append(f"`must_include` has {len(value)} strings, must have {low}-4")
    return tuple(value)


def _doc(row: dict[str, Any], key: str, answerable: bool, errors: list[str]) -> str | None:
    value = row.get(key)
    if not answerable:
        if value is not None:
            errors.append(f"`{key}` must be null for an unanswerable item")
        return None
    if not isinstance(value, str) or not value.strip():
        errors.append(f"`{key}` must name the report file")
        return None
    return value


def check_item(row: Any) -> tuple[QAItem | None, list[str]]:
    """The item of a parsed line and what is wrong with it.

    >>> check_item({"id": "x", "type": "riddle"})[1][1]
    '`question` must be a string, got NoneType'
    """
    if not isinstance(row, dict):
        return None, ["a line must be a JSON object"]
    errors: list[str] = []
    kind = row.get("type")
    if kind not in TYPES:
        errors.append(f"`type` is {kind!r}, must be one of {', '.join(TYPES)}")
    answerable = kind != "unanswerable"
    ident = row.get("id")
    if not isinstance(ident, (str, int)) or isinstance(ident, bool) or not str(ident).strip():
        errors.append("`id` must be a non-empty string")
    fields: dict[str, Any] = {
        "id": str(ident),
        "question": _text(row, "question", errors),
        "answer": _text(row, "answer", errors),
        "must_include": _must_include(row, answerable, errors),
        "doc": _doc(row, "doc", answerable, errors),
        "section": _text(row, "section", errors, empty_ok=not answerable),
        "evidence": _evidence(row, "evidence", errors) if answerable else "",
        "type": kind,
    }
    if kind == "cross_doc":
        fields["doc_2"] = _doc(row, "doc_2", True, errors)
        fields["section_2"] = _text(row, "section_2", errors)
        fields["evidence_2"] = _evidence(row, "evidence_2", errors)
    return (None if errors else QAItem(**fields)), errors


def parse_item(row: dict[str, Any]) -> QAItem:
    """A checked item; ValueError listing the problems when it breaks the schema."""
    item, errors = check_item(row)
    if item is None:
        raise ValueError("; ".join(errors))
    return item


def validate_lines(lines: list[str], name: str = "qa.jsonl") -> tuple[list[QAItem], list[str]]:
    """Items and one-line errors ``name:line: problem`` for the lines of a QA file.

    >>> items, errors = validate_lines(['{"id": 1}', "", "nope"], "t.jsonl")
    >>> errors[-1]
    't.jsonl:3: not valid JSON (Expecting value at column 1)'
    """
    items: list[QAItem] = []
    errors: list[str] = []
    seen: dict[str, int] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError as error:
            errors.append(f"{name}:{number}: not valid JSON ({error.msg} at column {error.colno})")
            continue
        item, problems = check_item(row)
        errors.extend(f"{name}:{number}: {problem}" for problem in problems)
        if item is None:
            continue
        if item.id in seen:
            errors.append(f"{name}:{number}: `id` {item.id!r} repeats line {seen[item.id]}")
            continue
        seen[item.id] = number
        items.append(item)
    return items, errors


def load_qa(path: Path | None = None) -> list[QAItem]:
    """The items of a QA file (the bundled eval/qa.jsonl by default).

    Raises ReportQAError listing every problem, one line each, when the file
    breaks the schema.
    """
    path = path or DEFAULT_QA
    if not path.is_file():
        raise ReportQAError(f"no QA file at {path}", hint="pass one with --qa FILE")
    items, errors = validate_lines(path.read_text(encoding="utf-8").splitlines(), str(path))
    if errors:
        shown = errors[:20] + ([f"... and {len(errors) - 20} more"] if len(errors) > 20 else [])
        raise ReportQAError(
            f"{path} breaks the QA schema:\n" + "\n".join(shown),
            hint="see eval/schema.py for the fields",
        )
    if not items:
        raise ReportQAError(f"{path} has no questions", hint="one JSON object per line")
    return items
