"""QA schema validation: one-line errors ``file:line: problem``."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from eval.schema import DEFAULT_QA, load_qa, validate_lines
from reportqa.errors import ReportQAError

GOOD: dict[str, Any] = {
    "id": "q1", "question": "紫竹高新區的股東有哪些？", "answer": "紫江集團等。",
    "must_include": ["紫江集團"], "doc": "a.txt", "section": "肆、參訪紀要 > (參)紫竹",
    "evidence": "紫竹高新區由紫江集團、上海交通大學等共同投資", "type": "fact",
}
UNANSWERABLE: dict[str, Any] = {
    "id": "q2", "question": "紫竹2014年的稅收是多少？", "answer": "報告未提供。",
    "must_include": [], "doc": None, "section": None, "evidence": None, "type": "unanswerable",
}
CROSS: dict[str, Any] = {
    **GOOD, "id": "q3", "type": "cross_doc", "doc_2": "b.txt", "section_2": "領袖會議",
    "evidence_2": "各國園區代表討論區域合作、人才交流與新創企業",
}


def _errors(*rows: Any) -> list[str]:
    lines = [r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in rows]
    return validate_lines(lines, "t.jsonl")[1]


def test_valid_items_pass() -> None:
    items, errors = validate_lines(
        [json.dumps(r, ensure_ascii=False) for r in (GOOD, UNANSWERABLE, CROSS)], "t.jsonl"
    )
    assert errors == []
    assert [i.evidences for i in items][1:] == [(), (GOOD["evidence"], CROSS["evidence_2"])]


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": 7}, "t.jsonl:1: `type` must be a non-empty string"),
        ({"must_include": []}, "t.jsonl:1: `must_include` is empty; an answerable item needs"),
        ({"history": "紫竹呢？"}, "t.jsonl:1: `history` must be a list of"),
        ({"must_include": "紫江"}, "t.jsonl:1: `must_include` must be a list of non-empty strings"),
        ({"doc": None}, "t.jsonl:1: `doc` must name the report file"),
        ({"question": ""}, "t.jsonl:1: `question` is empty"),
        ({"section": 3}, "t.jsonl:1: `section` must be a string, got int"),
    ],
)
def test_schema_errors(change: dict[str, Any], message: str) -> None:
    errors = _errors({**GOOD, **change})
    assert any(e.startswith(message) for e in errors), errors
    assert all("\n" not in e for e in errors)


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"type": "paraphrase"}, "t.jsonl:1: warning: `type` 'paraphrase' is not one of the known"),
        ({"evidence": "太短"}, "t.jsonl:1: warning: `evidence` has 2 characters, 20-80 advised"),
        ({"evidence": "長" * 81}, "t.jsonl:1: warning: `evidence` has 81 characters"),
        ({"must_include": list("abcde")}, "t.jsonl:1: warning: `must_include` has 5 strings"),
    ],
)
def test_advised_limits_warn_and_keep_the_item(change: dict[str, Any], message: str) -> None:
    line = json.dumps({**GOOD, **change}, ensure_ascii=False)
    items, problems = validate_lines([line], "t.jsonl")
    assert [p for p in problems if p.startswith(message)], problems
    assert [i.id for i in items] == ["q1"]


def test_history_and_style_are_read() -> None:
    row = {**GOOD, "style": "followup",
           "history": [{"question": "上海有幾所高校？", "answer": "68所。"},
                       {"question": "那北京？"}]}
    items, problems = validate_lines([json.dumps(row, ensure_ascii=False)], "t.jsonl")
    assert problems == []
    assert items[0].style == "followup"
    assert items[0].history == (("上海有幾所高校？", "68所。"), ("那北京？", ""))


def test_load_qa_keeps_items_with_warnings(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "outside.jsonl"
    path.write_text(json.dumps({**GOOD, "type": "paraphrase"}, ensure_ascii=False) + "\n",
                    encoding="utf-8")
    assert [i.type for i in load_qa(path)] == ["paraphrase"]
    assert "warning: `type` 'paraphrase'" in capsys.readouterr().err


def test_errors_name_the_line() -> None:
    errors = _errors(GOOD, "", "{oops", [1, 2], {**UNANSWERABLE, "doc": "a.txt"}, GOOD)
    assert errors == [
        "t.jsonl:3: not valid JSON (Expecting property name enclosed in double quotes at column 2)",
        "t.jsonl:4: a line must be a JSON object",
        "t.jsonl:5: `doc` must be null for an unanswerable item",
        "t.jsonl:6: `id` 'q1' repeats line 1",
    ]


def test_cross_doc_needs_its_second_evidence() -> None:
    row = {k: v for k, v in CROSS.items() if k != "evidence_2"}
    assert _errors(row) == ["t.jsonl:1: `evidence_2` must be a string, got NoneType"]


def test_load_qa_raises_one_error_listing_all(tmp_path: Path) -> None:
    path = tmp_path / "bad.jsonl"
    path.write_text(json.dumps({**GOOD, "type": 3}) + "\n{\n", encoding="utf-8")
    with pytest.raises(ReportQAError) as caught:
        load_qa(path)
    text = str(caught.value)
    assert f"{path}:1: `type`" in text and f"{path}:2: not valid JSON" in text
    with pytest.raises(ReportQAError, match="no QA file"):
        load_qa(tmp_path / "missing.jsonl")


def test_bundled_and_tiny_sets_are_valid() -> None:
    tiny = Path(__file__).parent / "data" / "eval_tiny.jsonl"
    assert len(load_qa(tiny)) == 5
    if DEFAULT_QA.is_file():
        assert len(load_qa(DEFAULT_QA)) > 0


def test_fitted_sets_exist_and_leave_the_check_sets_and_test_alone() -> None:
    from eval.schema import CHECK_QA, CHECK_SETS, FIT_SETS, SENTENCE_FIT_SETS, TEST_QA

    assert set(FIT_SETS) <= set(SENTENCE_FIT_SETS)
    for name in (*SENTENCE_FIT_SETS, *CHECK_SETS):
        assert DEFAULT_QA.with_name(f"{name}.jsonl").is_file(), name
    assert CHECK_QA.stem in CHECK_SETS
    assert {*CHECK_SETS, TEST_QA.stem}.isdisjoint(SENTENCE_FIT_SETS)
    # every set written beside them is either fitted on, read, or a check set
    written = {p.stem for p in DEFAULT_QA.parent.glob("dev*.jsonl")}
    assert written == {*SENTENCE_FIT_SETS, *CHECK_SETS} - {"dev"}
