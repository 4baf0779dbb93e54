"""Chunking: hand-checked chunks of the sample, ids, and the span-coverage property."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from ingest import chunk_report, load_report, parse_text
from ingest.chunk import chunk_section, spans
from ingest.model import Report, Section
from reportqa.errors import ReportQAError
from reportqa.settings import BUNDLED_REPORTS

DATA = Path(__file__).parent / "data"
SAMPLE = DATA / "sample_report.txt"
REPORTS = [SAMPLE, *sorted(BUNDLED_REPORTS.glob("*.txt"))]

# (last title of the path, page, text) of every chunk of the sample at the default size.
SAMPLE_CHUNKS = [
    ("測試科學園區參訪報告", None, "服務單位：科技部\n出國期間：110年3月1日至3月5日"),
    ("壹、參訪目的", 1, "本次參訪旨在瞭解園區發展現況，並蒐集創新創業推動機制之作法。"),
    ("1. 成立背景", 2, "1. 成立背景：園區成立於 2001 年，結合大學園區與研發基地。"),
    ("2. 營運模式", 2, "2. 營運模式：由民營企業經營，主要股東為甲集團。"),
    ("(1)土地取得", 2, "(1)土地取得：以租代售，降低進駐成本。"),
    ("(2)人才引進", 2, "(2)人才引進：提供住宿與子女教育配套。"),
    ("(二)推動措施", 2,
     "創新創業的推動包括：\n(1)200 多個創業導師協助輔導科研成果的轉化；\n"
     "(2)小苗基金達 10 億人民幣投資新創事業。\n園區產業分布圖\n圖 1 甲科學園區產業分布"),
    ("二、訪談重點紀錄", 3, "園區表示未來將持續引進 AI Robotics 相關企業，並擴大國際合作。"),
    ("一、機構簡介", 3, "乙創新中心成立於 2010 年，提供育成、加速及投資服務。\n参观乙创新中心"),
    ("參、心得與建議", 4, "建議持續推動兩岸交流，強化產學合作。"),
]


@pytest.fixture(scope="module")
def sample() -> Report:
    return load_report(SAMPLE)


def test_sample_chunks(sample: Report) -> None:
    chunks = chunk_report(sample)
    assert [(c.section_path[-1], c.page, c.text) for c in chunks] == SAMPLE_CHUNKS
    chunk = chunks[2]
    assert chunk.doc == "sample_report.txt" and chunk.start == 0
    assert chunk.section_path == (
        "貳、參訪紀要", "(壹)甲科學園區", "一、機構簡介", "（一）發展沿革", "1. 成立背景",
    )
    assert chunk.embed_text == (
        "貳、參訪紀要 > (壹)甲科學園區 > 一、機構簡介 > （一）發展沿革 > 1. 成立背景\n"
        "1. 成立背景：園區成立於 2001 年，結合大學園區與研發基地。"
    )


def test_headings_without_text_give_no_chunk(sample: Report) -> None:
    titled = {c.section_path[-1] for c in chunk_report(sample)}
    assert "貳、參訪紀要" not in titled and "(壹)甲科學園區" not in titled


def test_small_chunks_split_at_sentence_ends_and_keep_pages(sample: Report) -> None:
    section = next(s for s in sample.sections if s.text.startswith("乙創新中心"))
    chunks = chunk_section(section, size=30, overlap=10)
    assert [c.text for c in chunks] == [
        "乙創新中心成立於 2010 年，提供育成、加速及投資服務。",
        "提供育成、加速及投資服務。\n参观乙创新中心",
    ]
    # the bare 3 sits between 加速 and 及投資: it ends page 3, so 及投資… is on page 4
    turn = section.text.index("及投資")
    assert section.pages == ((0, 3, False), (turn, 4, False))
    small = chunk_section(section, size=8, overlap=2)
    assert any(c.start >= turn for c in small)
    assert all(c.page == (4 if c.start >= turn else 3) for c in small)


def test_long_sentence_cut_at_commas() -> None:
    text = "壹、甲\n" + "，".join(["一二三四五六七八九"] * 8) + "。"
    section = parse_text(text, "x.txt").sections[0]
    chunks = chunk_section(section, size=40, overlap=10)
    assert len(chunks) > 1
    assert all(len(c.text) <= 40 for c in chunks)
    assert all(c.text.endswith(("，", "。")) for c in chunks)


def test_hard_limit_without_any_stop() -> None:
    assert spans("一" * 25, 10, 3) == [(0, 10), (8, 18), (16, 25)]


def test_ids_stable_and_unique(sample: Report) -> None:
    first = [c.id for c in chunk_report(sample)]
    again = [c.id for c in chunk_report(load_report(SAMPLE))]
    assert first == again
    assert len(set(first)) == len(first)
    assert first[1] == "b350845bd1c935b1"  # sha1(doc, path, text): the same on every machine


def test_ids_stable_across_processes() -> None:
    code = (
        "from pathlib import Path; from ingest import chunk_report, load_report; "
        f"print(chunk_report(load_report(Path({str(SAMPLE)!r})))[1].id)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                         check=True, env={"PYTHONHASHSEED": "123", "PATH": ""})
    assert out.stdout.strip() == "b350845bd1c935b1"


def test_repeated_text_gets_distinct_ids() -> None:
    report = parse_text("壹、甲\n相同。\n\n貳、乙\n相同。", "x.txt")
    twin = Report("x.txt", "x", (*report.sections, report.sections[0]))
    ids = [c.id for c in chunk_report(twin)]
    assert len(set(ids)) == len(ids)


def test_bad_sizes_rejected(sample: Report) -> None:
    with pytest.raises(ReportQAError):
        chunk_report(sample, size=100, overlap=100)


def _covered(section: Section, size: int, overlap: int) -> list[str]:
    """Spans of ``overlap`` characters (starting at a non-space) that no chunk holds whole."""
    chunks = chunk_section(section, size, overlap)
    text = section.text
    for chunk in chunks:
        assert text[chunk.start:chunk.start + len(chunk.text)] == chunk.text
        assert len(chunk.text) <= size
    missing = []
    for i in range(len(text)):
        if text[i].isspace():
            continue
        j = min(i + overlap, len(text))
        if not any(c.start <= i and j <= c.start + len(c.text) for c in chunks):
            missing.append(text[i:j])
    return missing


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name[:6])
@pytest.mark.parametrize(("size", "overlap"), [(350, 100), (120, 40), (25, 10), (40, 39)])
def test_every_short_span_inside_a_chunk(path: Path, size: int, overlap: int) -> None:
    report = load_report(path)
    for section in report.sections:
        assert _covered(section, size, overlap) == [], section.breadcrumb


def test_random_texts_property() -> None:
    rng = random.Random(7)
    alphabet = [*list("甲乙丙丁戊己庚辛壬癸"), "。", "，", "；", "\n", " ", "a", "b"]
    for _ in range(200):
        text = "".join(rng.choice(alphabet) for _ in range(rng.randint(1, 400))).strip() or "甲"
        size = rng.randint(5, 120)
        overlap = rng.randint(0, size - 1)
        section = Section("r.txt", "t", 1, ("t",), text, None, (0, 0))
        assert _covered(section, size, overlap) == []
