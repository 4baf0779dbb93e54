"""Parsing: the hand-made sample report's tree, and the two bundled reports."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from ingest import load_report, parse_text
from ingest.model import Report, Section
from reportqa.settings import BUNDLED_REPORTS

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample_report.txt"
R2015 = BUNDLED_REPORTS / "000_cae0dda2e9633b21.txt"
R2023 = BUNDLED_REPORTS / "002_0c5635003b02826e.txt"

# The sample's tree, checked by hand: (level, title, page, text).
SAMPLE_TREE = [
    (1, "測試科學園區參訪報告", None, "服務單位：科技部\n出國期間：110年3月1日至3月5日"),
    (1, "壹、參訪目的", 1, "本次參訪旨在瞭解園區發展現況，並蒐集創新創業推動機制之作法。"),
    (1, "貳、參訪紀要", 2, ""),
    (2, "(壹)甲科學園區", 2, ""),
    (3, "一、機構簡介", 2, ""),
    (4, "（一）發展沿革", 2, ""),
    (5, "1. 成立背景", 2, "1. 成立背景：園區成立於 2001 年，結合大學園區與研發基地。"),
    (5, "2. 營運模式", 2, "2. 營運模式：由民營企業經營，主要股東為甲集團。"),
    (6, "(1)土地取得", 2, "(1)土地取得：以租代售，降低進駐成本。"),
    (6, "(2)人才引進", 2, "(2)人才引進：提供住宿與子女教育配套。"),
    (4, "(二)推動措施", 2,
     "創新創業的推動包括：\n(1)200 多個創業導師協助輔導科研成果的轉化；\n"
     "(2)小苗基金達 10 億人民幣投資新創事業。\n園區產業分布圖\n圖 1 甲科學園區產業分布"),
    (3, "二、訪談重點紀錄", 3, "園區表示未來將持續引進 AI Robotics 相關企業，並擴大國際合作。"),
    (2, "(貳)乙創新中心", 3, ""),
    (3, "一、機構簡介", 3, "乙創新中心成立於 2010 年，提供育成、加速及投資服務。\n参观乙创新中心"),
    (1, "參、心得與建議", 4, "建議持續推動兩岸交流，強化產學合作。"),
]


@pytest.fixture(scope="module")
def sample() -> Report:
    return load_report(SAMPLE)


@pytest.fixture(scope="module")
def r2015() -> Report:
    return load_report(R2015)


@pytest.fixture(scope="module")
def r2023() -> Report:
    return load_report(R2023)


def children(report: Report, parent: Section) -> list[Section]:
    """The sections one level below ``parent``."""
    return [
        s for s in report.sections
        if s.level == parent.level + 1 and s.path[:-1] == parent.path
    ]


def find(report: Report, title: str) -> Section:
    return next(s for s in report.sections if s.title == title)


def test_sample_tree(sample: Report) -> None:
    got = [(s.level, s.title, s.page, s.text) for s in sample.sections]
    assert got == SAMPLE_TREE


def test_sample_paths_and_metadata(sample: Report) -> None:
    section = find(sample, "(1)土地取得")
    assert section.path == (
        "貳、參訪紀要", "(壹)甲科學園區", "一、機構簡介", "（一）發展沿革",
        "2. 營運模式", "(1)土地取得",
    )
    assert section.doc == "sample_report.txt"
    assert sample.title == "測試科學園區參訪報告"
    assert sample.date == "2021-03-01"
    assert re.fullmatch(r"[0-9a-f]{64}", sample.content_hash)


def test_run_on_item_and_caption_are_not_headings(sample: Report) -> None:
    titles = [s.title for s in sample.sections]
    assert not any(t.startswith("(1)200") or t.startswith("(2)小苗") for t in titles)
    assert not any("分布" in t or "参观" in t for t in titles)


def test_spans_cover_the_sections(sample: Report) -> None:
    source = SAMPLE.read_text(encoding="utf-8")
    for section in sample.sections[1:]:
        start, end = section.span
        assert source[start:end].lstrip().startswith(section.title[:2])
    ends = [s.span[1] for s in sample.sections[:-1]]
    assert ends == [s.span[0] for s in sample.sections[1:]]
    assert sample.sections[-1].span[1] == len(source)


def test_toc_page_numbers_and_markers_dropped(sample: Report) -> None:
    text = "\n".join(s.text for s in sample.sections)
    assert "\t" not in text and "目 次" not in text
    assert not any(re.fullmatch(r"\d+", line) for line in text.splitlines())


INSTITUTIONS = [
    "(壹)上海市科學技術委員會",
    "(貳)上海科學院/上海產業技術研究院",
    "(參)紫竹國家高新技術產業開發區",
    "(肆)上海交通大學國家大學科技園",
    "(伍)上海楊浦科技創業中心",
    "(陸)中國(上海)創業者公共實訓基地",
    "(柒)上海市張江高新技術產業開發區管理委員會",
    "(捌)上海嘉定先進技術創新與育成中心及上海育成生物科技园",
]
PARTS = ["一、機構簡介", "二、訪談重點紀錄", "三、心得與建議"]


def test_2015_institutions_under_visits(r2015: Report) -> None:
    visits = find(r2015, "肆、參訪紀要")
    assert visits.level == 1
    kids = children(r2015, visits)
    assert [s.title for s in kids] == INSTITUTIONS
    for institution in kids:
        assert [s.title for s in children(r2015, institution)] == PARTS


def test_2015_top_level_and_front_matter(r2015: Report) -> None:
    top = [s.title for s in r2015.sections if s.level == 1]
    assert top == [
        "中國大陸上海地區 高新區與大學科技園參訪報告", "壹、參訪動機", "貳、參訪目的",
        "參、主要訪談機構", "肆、參訪紀要", "伍、參訪心得與建議",
    ]
    front = r2015.sections[0]
    assert "出國期間：104年11月30日至12月5日" in front.text
    assert r2015.title == "中國大陸上海地區 高新區與大學科技園參訪報告"
    assert r2015.date == "2015-11-30"


def test_2015_pages_follow_the_toc(r2015: Report) -> None:
    assert find(r2015, "(壹)上海市科學技術委員會").page == 4
    assert find(r2015, "(肆)上海交通大學國家大學科技園").page == 28
    assert find(r2015, "伍、參訪心得與建議").page == 63
    interview = (*find(r2015, INSTITUTIONS[0]).path, "二、訪談重點紀錄")
    section = next(s for s in r2015.sections if s.path == interview)
    assert section.page is not None and 4 <= section.page < 13 and section.page_estimated


def test_2015_example_path(r2015: Report) -> None:
    paths = {s.path for s in r2015.sections}
    assert ("肆、參訪紀要", "(參)紫竹國家高新技術產業開發區", "二、訪談重點紀錄") in paths


def test_2015_list_in_toc_section_is_text(r2015: Report) -> None:
    """The list of institutions under 參 is prose, not eight empty headings."""
    section = find(r2015, "參、主要訪談機構")
    assert children(r2015, section) == []
    assert "(捌)上海嘉定" in section.text and "此參訪行程" in section.text


def test_2023_numbered_parts(r2023: Report) -> None:
    top = [s.title for s in r2023.sections if s.level == 1]
    assert top[0] == "前言--摘要與目的"
    assert [t[0] for t in top[1:]] == list("一二三四五六七八九")
    assert top[2] == "二. 會議議程與主題演講（科學園區創新展 SCIENCEPARK INNOFAIR 2023）"
    assert top[-1] == "九、心得與建議"
    assert r2023.date == "2023-06-14"


def test_2023_nested_speakers(r2023: Report) -> None:
    summary = find(r2023, "(三)領袖會議發言概要")
    assert summary.path[0] == "三. 領袖圓桌會議"
    speakers = [s.title for s in children(r2023, summary)]
    assert [t[:3] for t in speakers] == ["(1)", "(2)", "(3)", "(4)", "(5)"]
    assert "王永壯局長" in find(r2023, "(5)新竹科學園區管理局 (HSP)").text


def test_2023_pages_from_bare_numbers(r2023: Report) -> None:
    """The bare 6 ends page 6; the bare 35 ends page 35."""
    assert find(r2023, "(一)會議場地及議程").page is None
    opening = find(r2023, "(二)開幕典禮與致詞")
    assert opening.page == 7
    talks = find(r2023, "(三)竹科與烏茲別克資訊科技園區洽談")
    assert talks.page == 36


def _prose_chars(source: str) -> str:
    """Every non-whitespace character of prose lines: no page numbers, no TOC lines."""
    lines = [
        line for line in source.splitlines()
        if line.strip()
        and not re.fullmatch(r"\s*\d{1,3}\s*", line)
        and not re.search(r"\t\s*\d+\s*$", line)
        and re.sub(r"\s", "", line) != "目次"
    ]
    return _squash("".join(lines))


def _squash(text: str) -> str:
    """Without whitespace, and without the colons and bullets dropped from headings."""
    return re.sub(r"[\s\-:：]", "", text)


@pytest.mark.parametrize("path", [SAMPLE, R2015, R2023], ids=lambda p: p.name[:3])
def test_no_text_lost(path: Path) -> None:
    """Every prose character is in exactly one section (title or text), in order;
    a title whose line goes on with text is that text's start (its label)."""
    report = load_report(path)
    got = "".join(
        _squash(s.text) if _squash(s.text).startswith(_squash(s.title))
        else _squash(s.title + s.text)
        for s in report.sections
    )
    assert got == _prose_chars(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", [R2015, R2023], ids=["2015", "2023"])
def test_text_is_normalised_not_converted(path: Path) -> None:
    report = load_report(path)
    for section in report.sections:
        assert "  " not in section.text and "\t" not in section.text
        assert section.text == section.text.strip()
    simplified = find(report, INSTITUTIONS[7]) if path == R2015 else None
    if simplified is not None:
        assert simplified.title.endswith("科技园")


def test_hard_wraps_joined() -> None:
    text = "壹、動機\n\n為了提升國家整\n體的創新能耐。\n\n貳、目的\n\nthe science\npark 是重點。"
    report = parse_text(text, "w.txt")
    assert [s.text for s in report.sections] == [
        "為了提升國家整體的創新能耐。", "the science park 是重點。",
    ]


def test_levels_follow_first_form() -> None:
    """A report that starts with 一、 makes that level 1."""
    text = "一、背景\n說明。\n(一)現況\n現況說明。\n二、結論\n結論。"
    report = parse_text(text, "x.txt")
    assert [(s.title, s.level) for s in report.sections] == [
        ("一、背景", 1), ("(一)現況", 2), ("二、結論", 1),
    ]


def test_front_matter_and_page_breaks() -> None:
    report = parse_text("報告\n說明文字\n\f壹、動機\n內容\f下一頁內容。", "p.pdf")
    front, first = report.sections
    assert (front.title, front.text, front.page) == ("報告", "說明文字", 1)
    assert (first.page, first.text) == (2, "內容下一頁內容。")
    assert first.pages == ((0, 2, False), (2, 3, False))


def test_markdown_headings() -> None:
    report = parse_text("# 報告\n\n## 甲\n## 乙\n內容。\n### 細節\n更多。\n## 丙\n", "a.md")
    assert report.title == "報告"
    assert [(s.level, s.path, s.text) for s in report.sections] == [
        (1, ("報告",), ""),
        (2, ("報告", "甲"), ""),
        (2, ("報告", "乙"), "內容。"),
        (3, ("報告", "乙", "細節"), "更多。"),
        (2, ("報告", "丙"), ""),
    ]


def test_a_headings_same_line_text_keeps_its_label() -> None:
    text = "報告\n\n貳、目的\n- 一、蒐集政策之規劃：蒐集上海的策略。\n二、研析作法：研析產學合作。"
    first, second = parse_text(text, "t.txt").sections[-2:]
    assert first.title == "一、蒐集政策之規劃"
    assert first.text == "一、蒐集政策之規劃：蒐集上海的策略。"
    assert second.path == ("貳、目的", "二、研析作法") and second.text.startswith("二、研析作法：")
