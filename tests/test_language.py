"""Language choice and script conversion."""

from __future__ import annotations

from app.language import detect_language, fold, simplified_only, to_traditional


def test_chinese_questions_answer_in_chinese_english_in_english() -> None:
    assert detect_language("紫竹高新区的股东结构是什么？") == "zh"
    assert detect_language("紫竹高新區的股東結構?") == "zh"
    assert detect_language("Where was SCIENCEPARK INNOFAIR 2023 held?") == "en"


def test_simplified_model_text_becomes_traditional_taiwan_phrasing() -> None:
    out = to_traditional("该园区的软件企业数量增长很快。")
    assert simplified_only(out) == []
    assert "軟體" in out


def test_quoted_report_text_and_latin_text_are_left_alone() -> None:
    text = "报告写道「创新型产业」，SCIENCEPARK INNOFAIR 于庆州举办。"
    out = to_traditional(text)
    assert "「创新型产业」" in out
    assert "SCIENCEPARK INNOFAIR" in out
    assert out.startswith("報告寫道")


def test_fold_is_script_width_and_space_insensitive() -> None:
    assert fold("紫竹 高新區 ２０１５") == fold("紫竹高新区2015")


def test_traditional_text_has_no_simplified_only_characters() -> None:
    assert simplified_only("臺灣代表團成果豐碩，後續將持續合作。") == []
    assert simplified_only("这是简体") == ["这", "简", "体"]
