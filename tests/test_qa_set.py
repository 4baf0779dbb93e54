"""Checks on the evaluation QA set in eval/qa.jsonl against the bundled reports.

Every item is verified against the report text itself: evidence must be a verbatim
piece of one physical line, key strings must occur in the report, section titles
must come from the report, and the set as a whole must have the required mix.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from functools import cache
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
QA_PATH = ROOT / "eval" / "qa.jsonl"
REPORTS = ROOT / "data" / "reports"

BASE_KEYS = ("id", "question", "answer", "must_include", "doc", "section", "evidence", "type")
CROSS_KEYS = (*BASE_KEYS, "doc_2", "section_2", "evidence_2")
TYPES = frozenset(
    {"fact", "number", "list", "multi_hop", "comparison", "summary", "cross_doc", "unanswerable"}
)
MIN_ITEMS = 120
MIN_UNANSWERABLE_SHARE = 0.15
MIN_PER_LANGUAGE = 15
EVIDENCE_MIN, EVIDENCE_MAX = 20, 80

# Characters that exist only in one of the two scripts (pairs taken from OpenCC t2s).
SIMPLIFIED_ONLY = frozenset(
    "万与业东个为么书买云产亿从们会关农几凤划则创务动劳区单卖厂参发员团园围国场处头奖学实对将层应"
    "开当总报据数时术机条构标气济点现电种税经网联脑节营观计设访试该说请谁费资车达运还这进长门问间"
    "阅阳阴险项领风飞马验鱼鸟龙"
)
TRADITIONAL_ONLY = frozenset(
    "個們億則創劃動務勞區參員問單國圍園團報場學實將對層幾廠後從應據數時書會東條業構標機氣濟為營獎"
    "現產當發稅種節經網總聯腦與萬處術觀計訪設試該說誰請買費資賣車農這進運達還長門開間閱關陰陽險雲"
    "電項領頭風飛馬驗魚鳥鳳麼點龍"
)
_WS = re.compile(r"\s+")
_CJK = re.compile(r"[\u3400-\u9fff]")
_ID = re.compile(r"^q\d{3,}$")


def squash(text: str) -> str:
    """Remove all whitespace (PDF line breaks fall anywhere)."""
    return _WS.sub("", text)


def load_items() -> list[dict[str, Any]]:
    items: list[dict[str, Any]] = []
    with QA_PATH.open(encoding="utf-8") as fh:
        for number, line in enumerate(fh, 1):
            if not line.strip():
                continue
            record = json.loads(line)
            assert isinstance(record, dict), f"line {number} is not a JSON object"
            items.append(record)
    return items


@cache
def report_text(name: str) -> str:
    return (REPORTS / name).read_text(encoding="utf-8")


@cache
def report_lines(name: str) -> tuple[str, ...]:
    return tuple(report_text(name).split("\n"))


@cache
def report_flat(name: str) -> str:
    return squash(report_text(name))


def language(question: str) -> str:
    """Classify a question as 'en', 'zh-Hans' or 'zh-Hant'."""
    if not _CJK.search(question):
        return "en"
    if any(ch in SIMPLIFIED_ONLY for ch in question):
        return "zh-Hans"
    return "zh-Hant"


ITEMS = load_items()


@pytest.fixture(scope="module")
def items() -> list[dict[str, Any]]:
    return ITEMS


def evidence_suffixes(item: dict[str, Any]) -> tuple[str, ...]:
    """The key suffixes of an item's sources: none when unanswerable, "" and "_2"
    for cross_doc, else "" alone."""
    if item["type"] == "unanswerable":
        return ()
    return ("", "_2") if item["type"] == "cross_doc" else ("",)


def test_file_is_utf8_jsonl_without_blank_lines() -> None:
    raw = QA_PATH.read_text(encoding="utf-8")
    lines = raw.rstrip("\n").split("\n")
    assert all(line.strip() for line in lines), "blank line in qa.jsonl"
    assert len(lines) == len(ITEMS)


def test_enough_items(items: list[dict[str, Any]]) -> None:
    assert len(items) >= MIN_ITEMS, f"only {len(items)} items"


def test_schema(items: list[dict[str, Any]]) -> None:
    problems: list[str] = []
    for item in items:
        tag = str(item.get("id"))
        expected = CROSS_KEYS if item.get("type") == "cross_doc" else BASE_KEYS
        if tuple(item) != expected:
            problems.append(f"{tag}: keys {list(item)} != {list(expected)}")
            continue
        if not isinstance(item["id"], str) or not _ID.match(item["id"]):
            problems.append(f"{tag}: bad id")
        if item["type"] not in TYPES:
            problems.append(f"{tag}: bad type {item['type']!r}")
        for key in ("question", "answer"):
            if not isinstance(item[key], str) or not item[key].strip():
                problems.append(f"{tag}: empty {key}")
        must = item["must_include"]
        if not isinstance(must, list) or not all(isinstance(m, str) and m.strip() for m in must):
            problems.append(f"{tag}: must_include must be a list of non-empty strings")
            continue
        if item["type"] == "unanswerable":
            if must or any(item[k] is not None for k in ("doc", "section", "evidence")):
                problems.append(f"{tag}: unanswerable needs [] and null doc/section/evidence")
            continue
        if not 1 <= len(must) <= 4:
            problems.append(f"{tag}: must_include has {len(must)} strings (want 1-4)")
        suffixes = ("", "_2") if item["type"] == "cross_doc" else ("",)
        for suffix in suffixes:
            for key in ("doc", "section", "evidence"):
                value = item[key + suffix]
                if not isinstance(value, str) or not value.strip():
                    problems.append(f"{tag}: {key + suffix} must be a non-empty string")
        if item["type"] == "cross_doc" and item["doc"] == item["doc_2"]:
            problems.append(f"{tag}: cross_doc needs two different docs")
    assert not problems, "\n".join(problems)


def test_ids_and_questions_unique(items: list[dict[str, Any]]) -> None:
    ids = Counter(item["id"] for item in items)
    questions = Counter(item["question"] for item in items)
    assert not [k for k, n in ids.items() if n > 1], "duplicate ids"
    assert not [k for k, n in questions.items() if n > 1], "duplicate questions"


def test_docs_exist_and_both_covered(items: list[dict[str, Any]]) -> None:
    available = {p.name for p in REPORTS.glob("*.txt")}
    named: set[str] = set()
    for item in items:
        for key in ("doc", "doc_2"):
            if item.get(key) is not None:
                named.add(item[key])
    assert named <= available, f"unknown docs: {named - available}"
    assert named == available, f"reports without questions: {available - named}"


def test_unanswerable_share(items: list[dict[str, Any]]) -> None:
    unanswerable = sum(item["type"] == "unanswerable" for item in items)
    assert unanswerable / len(items) >= MIN_UNANSWERABLE_SHARE, (
        f"{unanswerable}/{len(items)} unanswerable"
    )


def test_type_mix(items: list[dict[str, Any]]) -> None:
    counts = Counter(item["type"] for item in items)
    assert 4 <= counts["cross_doc"] <= 6, counts
    for kind in ("fact", "number", "list"):
        assert counts[kind] >= 0.08 * len(items), counts
    reasoning = counts["multi_hop"] + counts["comparison"] + counts["summary"]
    assert reasoning >= 0.08 * len(items), counts


def test_evidence_is_part_of_one_line(items: list[dict[str, Any]]) -> None:
    problems: list[str] = []
    for item in items:
        for suffix in evidence_suffixes(item):
            evidence: str = item["evidence" + suffix]
            doc: str = item["doc" + suffix]
            if not EVIDENCE_MIN <= len(evidence) <= EVIDENCE_MAX:
                problems.append(f"{item['id']}: evidence{suffix} has {len(evidence)} chars")
            if not any(evidence in line for line in report_lines(doc)):
                problems.append(f"{item['id']}: evidence{suffix} not within one line of {doc}")
    assert not problems, "\n".join(problems)


def test_must_include_occurs_in_doc(items: list[dict[str, Any]]) -> None:
    problems: list[str] = []
    for item in items:
        if item["type"] == "unanswerable":
            continue
        docs = [item["doc"]] + ([item["doc_2"]] if item["type"] == "cross_doc" else [])
        for key in item["must_include"]:
            if not any(squash(key) in report_flat(doc) for doc in docs):
                problems.append(f"{item['id']}: {key!r} not in {docs}")
    assert not problems, "\n".join(problems)


def test_section_titles_come_from_doc(items: list[dict[str, Any]]) -> None:
    problems: list[str] = []
    for item in items:
        for suffix in evidence_suffixes(item):
            section: str = item["section" + suffix]
            for title in section.split(" > "):
                if title != title.strip() or not title:
                    problems.append(f"{item['id']}: untrimmed title {title!r}")
                elif squash(title) not in report_flat(item["doc" + suffix]):
                    problems.append(f"{item['id']}: title {title!r} not in report")
    assert not problems, "\n".join(problems)


def test_unanswerable_items_are_not_copied_sentences(items: list[dict[str, Any]]) -> None:
    """An unanswerable question must not be a sentence lifted from a report."""
    flats = [report_flat(p.name) for p in REPORTS.glob("*.txt")]
    copied = [
        item["id"]
        for item in items
        if item["type"] == "unanswerable"
        and any(squash(item["question"]).rstrip("？?") in flat for flat in flats)
    ]
    assert not copied, copied


def test_questions_paraphrase_evidence(items: list[dict[str, Any]]) -> None:
    copied = [
        item["id"]
        for item in items
        if item["evidence"] is not None and squash(item["evidence"]) in squash(item["question"])
    ]
    assert not copied, f"questions that contain their evidence verbatim: {copied}"


def test_languages(items: list[dict[str, Any]]) -> None:
    counts = Counter(language(item["question"]) for item in items)
    assert counts["zh-Hans"] >= MIN_PER_LANGUAGE, counts
    assert counts["en"] >= MIN_PER_LANGUAGE, counts
    assert counts["zh-Hant"] > len(items) / 2, counts


def test_no_mixed_script_questions(items: list[dict[str, Any]]) -> None:
    mixed = [
        item["id"]
        for item in items
        if any(ch in SIMPLIFIED_ONLY for ch in item["question"])
        and any(ch in TRADITIONAL_ONLY for ch in item["question"])
    ]
    assert not mixed, f"questions mixing Simplified and Traditional characters: {mixed}"


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many parks are there?", "en"),
        ("韩国目前有多少个科技园区？", "zh-Hans"),
        ("韓國目前有多少個科技園區？", "zh-Hant"),
    ],
)
def test_language_classifier(question: str, expected: str) -> None:
    assert language(question) == expected


def test_checks_can_fail() -> None:
    """The helpers reject content that is not in the reports."""
    doc = sorted(p.name for p in REPORTS.glob("*.txt"))[0]
    assert "這句話不在報告裡面也不應該被找到" not in report_flat(doc)
    assert not any("這句話不在報告裡面也不應該被找到" in line for line in report_lines(doc))
