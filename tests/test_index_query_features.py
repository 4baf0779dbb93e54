"""Hand-worked tests of the query-side retrieval features: the glossary for English
questions, per-report search, section-kind expansion and joined overlapping chunks."""

from __future__ import annotations

from pathlib import Path

import pytest

from index import dense
from index.chunk_terms import build_lexical
from index.faiss_search import FaissSearch
from index.glossary import Glossary, acronyms, collapse, content_terms, is_english, mine, trim
from index.multi import (
    ReportWords,
    asks_both,
    asks_several,
    interleave,
    joins_two_reports,
    strip_both,
    years_named,
)
from index.passages import group, join, overlap, remainder, union
from index.retriever import HybridRetriever
from index.sections import SectionKinds, kind_words, names_section, with_siblings
from index.store import IndexHandle
from index.textnorm import QuerySegmenter
from index.types import Hit
from ingest.model import Chunk
from tests.fakes import FakeEmbedder, chunk


def piece(cid: str, section: str, start: int, text: str) -> Chunk:
    """A chunk cut at ``start`` of a section's text."""
    return chunk(cid, text, (section,), start=start)


# --- query segmenter ---------------------------------------------------------------


def test_query_segmenter_keeps_latin_words_whole() -> None:
    seg = QuerySegmenter({"id": 5, "it": 5, "园区": 5})
    # without the fix the small word list cut "resident" into "res" "id" "ent"
    cut = [w for w in seg.lcut("resident it园区capital", HMM=False) if w.strip()]
    assert cut == ["resident", "it", "园区", "capital"]


# --- glossary ----------------------------------------------------------------------


def test_mine_both_directions_and_trim() -> None:
    pairs = mine([
        "本次由越南國家創新中心(NIC)主辦",  # "由" starts the name
        "會見 Koredianto Usman (萬隆科技園區局長)",
        "2023年亞洲科學園區協會(ASPA)年會",  # the year is cut off
    ])
    assert pairs == {
        "nic": ["越南國家創新中心"],
        "koredianto usman": ["萬隆科技園區局長"],
        "aspa": ["亞洲科學園區協會"],
    }
    assert trim("並藉由政府開發協助專案") == "政府開發協助專案"
    assert collapse(["參訪浦項博物館", "浦項博物館"]) == ["浦項博物館"]


def test_acronym_and_whole_name_lookup() -> None:
    g = Glossary({"itpu": ["烏茲別克資訊科技園區"], "food innopolis": ["食品創新城"]})
    assert "itpu" in acronyms("Does IT Park Uzbekistan grow?")
    # the initials are added too, since the question does not spell them
    assert g.expand("How big is IT Park Uzbekistan?") == ["烏茲別克資訊科技園區", "itpu"]
    assert g.expand("Where is Food Innopolis?") == ["食品創新城"]
    assert g.expand("What is a park?") == []


def test_stopwords_and_language() -> None:
    assert content_terms(["what", "is", "it", "it", "aspa"], "What is IT in ASPA") == [
        "it", "it", "aspa"]
    assert content_terms(["what", "is", "it"], "what is it") == []
    assert is_english("Who leads HSP?") and not is_english("HSP局長是誰？")


# --- several reports ---------------------------------------------------------------


@pytest.mark.parametrize(("question", "both"), [
    ("兩份報告中，分別有哪個園區借鏡矽谷？", True),
    ("兩次出國分別在幾年幾月？", True),
    ("Which parks appear in both reports?", True),
    ("松江有哪兩個舊名？", False),
    ("「大園區」與「小園區」分別指什麼？", False),
    ("2023年報告中首次辦理的論壇在哪裡？", False),
])
def test_asks_both(question: str, both: bool) -> None:
    assert asks_both(question) is both


def test_years_of_two_reports_make_a_question_about_both() -> None:
    years = {"a.txt": 2015, "b.txt": 2023}
    assert years_named("2015年上海參訪團與民國112年的會議", years) == {"a.txt", "b.txt"}
    assert years_named("上海市2015年的預算與112家企業", years) == {"a.txt"}
    assert asks_several("2015年上海團與2023年韓國會議各由誰帶隊？", years)
    assert not asks_several("2023年報告中的創新展在哪裡？", years)
    assert not asks_several("2015年與2023年的營收差多少？", {"a.txt": 2015})


def test_report_words_are_frequent_in_one_report_and_absent_from_the_rest() -> None:
    texts = {"a": ["北港 漁會 年報", "北港 漁會", "北港 碼頭", "預算"],
             "b": ["南灣 漁會", "南灣 燈塔", "南灣 2020", "台灣 南灣"]}
    chunks = [chunk(f"{doc}{i}", t, ("X",), doc=doc) for doc, ts in texts.items()
              for i, t in enumerate(ts)]
    marks = ReportWords.mine(chunks, str.split)
    # 漁會 is in both; 預算 is in a quarter of a's passages but 0.15 is the bar, so it
    # marks a; a year and the asker's own side (台灣) never mark a report
    assert marks.marked == {"北港": "a", "碼頭": "a", "年報": "a", "預算": "a",
                            "南灣": "b", "燈塔": "b"}
    assert ReportWords.mine(chunks[:4], str.split).marked == {}  # one report: nothing to tell


@pytest.mark.parametrize(("question", "joined"), [
    ("北港的漁會和南灣的漁會各有幾艘船？", True),
    ("How does Beigang compare with Nanwan?", True),
    ("北港的碼頭有多長？南灣呢？", True),
    ("北港和碼頭的關係？", False),       # both words mark one report
    ("北港的漁會有幾艘船？", False),     # no join
    ("北港與台灣的漁會有何不同？", False),  # the other side names no report
])
def test_a_question_joining_subjects_of_two_reports(question: str, joined: bool) -> None:
    marks = {"北港": "a", "碼頭": "a", "beigang": "a", "南灣": "b", "nanwan": "b"}

    def reports_of(text: str) -> set[str]:
        return {doc for word, doc in marks.items() if word in text.lower()}

    assert joins_two_reports(question, reports_of) is joined


def test_strip_both_and_interleave() -> None:
    assert strip_both("兩次出國分別在幾月？") == "在幾月？"
    assert strip_both("In both reports, who led each trip?") == "In , who led ?"
    assert interleave([["a1", "a2", "a3"], ["b1"]], 3) == ["a1", "b1", "a2"]
    assert interleave([[], ["b1"]], 5) == ["b1"]


# --- section kinds -----------------------------------------------------------------


def test_kind_words_need_parents_and_rarity_in_text() -> None:
    titled = [("甲", "心得"), ("乙", "心得"), ("丙", "心得"), ("丙", "心得"),  # 4 chunks
              ("甲", "重點"), ("乙", "重點"), ("丙", "重點"),
              ("甲", "簡介"), ("甲", "簡介")]  # one parent only
    # "重點" also fills 2 chunks' text: 2 * 2 >= 3 headings, so not a kind word
    assert kind_words(titled, {"心得": 1, "重點": 2}) == {"心得"}
    assert names_section({"心得"}, {"心得", "建議"}, {"心得", "建議"})  # 1 of 2
    assert not names_section({"重點"}, {"訪談", "重點", "紀錄"}, {"訪談", "重點", "紀錄"})


def test_section_kinds_mined_from_chunks() -> None:
    cs = [chunk(str(i), "正文", (parent, "三、心得")) for i, parent in enumerate("甲乙丙")]
    cs.append(chunk("x", "心得很多", ("甲",)))

    def words(text: str) -> set[str]:
        return {w for w in ("甲", "乙", "丙", "心得") if w in text}

    sk = SectionKinds.mine(cs, words, lambda w: {"心得": 4}.get(w, 0))
    # 3 headings hold it, plus 1 chunk's text only: 2 * 1 < 3
    assert sk.kinds == {"心得"}
    assert sk.named({"心得"}, cs[0]) and not sk.named({"心得"}, cs[3])


def test_with_siblings_moves_lower_hit_and_adds_unshown_part() -> None:
    a = piece("a", "S", 0, "0123456789" * 4)  # 0..40
    b = piece("b", "S", 30, "0123456789" * 4)  # 30..70, overlaps a and c
    c = piece("c", "S", 60, "0123456789" * 4)  # 60..100
    other = piece("o", "T", 0, "x" * 30)
    spans = [a, b, c, other]

    def shown(hits: list[Hit]) -> list[tuple[str, int, int]]:
        return [(h.chunk.id, h.chunk.start, len(h.chunk.text)) for h in hits]

    # a is new: added whole; b adds only 40..60, which neither a nor c shows
    out = with_siblings([Hit(c, 1.0), Hit(other, 0.8)], spans, 4, extra=2)
    assert shown(out) == [("c", 60, 40), ("a", 0, 40), ("b", 40, 20), ("o", 0, 30)]
    # a is already a lower hit: it moves up instead
    out = with_siblings([Hit(c, 1.0), Hit(other, 0.8), Hit(a, 0.5)], spans, 3, extra=1)
    assert shown(out) == [("c", 60, 40), ("a", 0, 40), ("o", 0, 30)]


# --- joined passages ---------------------------------------------------------------


def test_a_hit_is_not_lost_to_a_place_a_later_merge_frees() -> None:
    text = "甲乙丙丁戊己庚辛壬癸子丑寅卯辰巳午未申酉"
    a, b = piece("a", "S", 0, text[0:5]), piece("b", "S", 4, text[4:10])  # too long together
    d = piece("d", "S", 10, text[10:12])  # follows b, shares nothing with it
    f = piece("f", "S", 15, text[15:20])  # overlaps nothing
    x = piece("x", "S", 9, text[9:11])  # overlaps b and d: they become one
    cs = [a, b, d, f, x]
    order = [0, 1, 2, 3, 4]
    # f comes while d holds the third place; x then frees it, and f keeps its rank
    assert group(order, cs, 3, max_chars=8) == [[0], [1, 4, 2], [3]]
    assert group(order, cs, 2, max_chars=8) == group(order, cs, 3, max_chars=8)[:2]


def test_group_joins_overlaps_within_the_cap() -> None:
    text = "甲乙丙丁戊己庚辛壬癸子丑"
    cs = [piece(str(i), "S", 3 * i, text[3 * i : 3 * i + 5]) for i in range(4)]  # 5 wide, step 3
    assert overlap(cs[0], cs[1]) == 2 and overlap(cs[0], cs[2]) == 0
    # 2 would make 0..11: it is a hit of its own, of the text 1+0 and 3 lack (壬, 8..9)
    assert group([1, 0, 3, 2], cs, 5, max_chars=8) == [[1, 0], [3], [2]]
    assert group([1, 0, 3, 2], cs, 5, max_chars=20) == [[1, 0, 2, 3]]  # 2 bridges 1 and 3
    assert group([0, 2, 1], cs, 1, max_chars=0) == [[0]]
    joined = join([[1, 0], [3], [2]], cs, least=1)
    assert [(c.id, c.text) for c in joined if c] == [
        ("1", text[:8]), ("3", text[9:]), ("2", text[8:9])
    ]
    assert join([[1, 0], [3], [2]], cs, least=2)[2] is None  # too short a leftover


def test_union_and_remainder() -> None:
    a = piece("a", "S", 0, "abcdef")
    b = piece("b", "S", 4, "efgh")
    assert (union([b, a]).id, union([b, a]).text, union([b, a]).start) == ("b", "abcdefgh", 0)
    left = remainder(b, [a])
    assert left is not None and (left.text, left.start) == ("gh", 6)
    assert remainder(b, [a], least=3) is None
    assert remainder(b, [piece("z", "T", 0, "abcdefgh")]) is b  # other section


# --- the retriever -----------------------------------------------------------------


def small_handle(tmp_path: Path, chunks: list[Chunk]) -> IndexHandle:
    """An in-memory index over ``chunks`` with the fake embedder."""
    embedder = FakeEmbedder()
    bm25, words = build_lexical(chunks)
    vectors = dense.build(embedder.embed_documents([c.embed_text for c in chunks]))
    manifest = {"lexical": {"bigrams": True}, "chunks": len(chunks)}
    search = FaissSearch(vectors, bm25, [c.doc for c in chunks])
    return IndexHandle(tmp_path, manifest, chunks, search, words, embedder)


def test_english_question_finds_chinese_passage_by_glossary(tmp_path: Path) -> None:
    chunks = [
        chunk("n", "烏茲別克資訊科技園區 (ITPU)介紹", ("名稱",), doc="b.txt"),
        chunk("x", "烏茲別克資訊科技園區共有1261家住戶公司。", ("園區",), doc="b.txt"),
        chunk("y", "新竹科學園區的公司與 resident 人數。", ("竹科",), doc="b.txt"),
        chunk("z", "上海市有68所高校。", ("上海",), doc="a.txt"),
    ]
    retriever = HybridRetriever(small_handle(tmp_path, chunks))
    terms = retriever.query_terms("Which resident startups does IT Park Uzbekistan host?")
    assert "which" not in terms and "resident" in terms and "itpu" in terms
    assert "乌兹别克" in terms  # folded to Simplified, like the index
    hits = retriever.bm25_search("How many companies does IT Park Uzbekistan have?", 2)
    assert {h.chunk.id for h in hits} == {"n", "x"}


def test_english_question_searches_with_its_chinese_words_too(tmp_path: Path) -> None:
    import numpy as np

    chunks = [chunk("x", "烏茲別克資訊科技園區 (ITPU)共有1261家公司。", ("園區",))]
    retriever = HybridRetriever(small_handle(tmp_path, chunks))
    english = "How many firms does ITPU have?"
    own, searched = retriever.query_vector(english), retriever.search_vector(english)
    words = retriever.query_vector(" ".join(retriever.translate(english)))
    assert np.allclose(searched, (own + words) / np.linalg.norm(own + words))
    chinese = "烏茲別克資訊科技園區有幾家公司？"  # no translation: its own vector alone
    assert np.array_equal(retriever.search_vector(chinese), retriever.query_vector(chinese))


def test_both_reports_question_interleaves_reports(tmp_path: Path) -> None:
    chunks = [chunk(f"a{i}", f"矽谷模式園區規劃第{i}項", (f"A{i}",), doc="a.txt") for i in range(4)]
    chunks.append(chunk("b0", "竹科以矽谷為標竿", ("B",), doc="b.txt"))
    retriever = HybridRetriever(small_handle(tmp_path, chunks))
    plain = HybridRetriever(small_handle(tmp_path, chunks), multi_doc=False)
    question = "兩份報告中，哪個園區以矽谷模式為借鏡？"
    assert [h.chunk.doc for h in retriever.search(question, 2)] in (
        ["a.txt", "b.txt"], ["b.txt", "a.txt"])
    assert [h.chunk.doc for h in plain.search(question, 2)] == ["a.txt", "a.txt"]


def test_two_reports_subjects_joined_are_searched_per_report(tmp_path: Path) -> None:
    chunks = [chunk(f"a{i}", f"北港漁會育成制度第{i}項", (f"A{i}",), doc="a.txt")
              for i in range(4)]
    chunks += [chunk(f"b{i}", f"南灣燈塔育成做法第{i}項", (f"B{i}",), doc="b.txt")
               for i in range(2)]
    retriever = HybridRetriever(small_handle(tmp_path, chunks))
    assert retriever.several("北港漁會的育成制度跟南灣燈塔有什麼共同點？")
    hits = retriever.search("北港漁會的育成制度跟南灣燈塔有什麼共同點？", 2)
    assert sorted(h.chunk.doc for h in hits) == ["a.txt", "b.txt"]
    assert not retriever.several("北港漁會的育成制度有哪些？")


def test_a_question_naming_a_parent_section_gets_its_subsections(tmp_path: Path) -> None:
    chunks = [
        chunk(f"{p}s", f"{p}的心得內容", ("參訪紀要", p, "三、心得與建議"))
        for p in ("甲園區", "乙園區", "丙園區")
    ]
    chunks += [
        chunk(f"總{i}", f"第{i}點：總結的內容{i}，說明這一點的做法與成果，供後續參考。",
              ("伍、心得與建議", f"({n})第{i}點標題"),
              start=100 * i)
        for i, n in enumerate("一二三四", start=1)
    ]
    retriever = HybridRetriever(small_handle(tmp_path, chunks))
    top = chunks[3]
    assert retriever.section_kinds.named_root({"心得"}, top) == ("伍、心得與建議",)
    assert retriever.section_kinds.named_root({"總結"}, top) is None
    hits = retriever.search("總結全部第1點的心得與建議？", 4)
    assert [h.chunk.id for h in hits] == ["總1", "總2", "總3", "總4"]


def test_question_naming_two_report_years_is_searched_per_report(tmp_path: Path) -> None:
    chunks = [chunk(f"a{i}", f"2015年參訪團團長第{i}項", (f"A{i}",), doc="a.txt")
              for i in range(4)]
    chunks.append(chunk("b0", "2023年會議由局長率團", ("B",), doc="b.txt"))
    handle = small_handle(tmp_path, chunks)
    handle.manifest["reports"] = [{"doc": "a.txt", "date": "2015-11-30"},
                                  {"doc": "b.txt", "date": "2023-06-14"}]
    retriever = HybridRetriever(handle)
    assert retriever.report_years == {"a.txt": 2015, "b.txt": 2023}
    hits = retriever.search("2015年參訪團與2023年會議各由誰率團？", 2)
    assert sorted(h.chunk.doc for h in hits) == ["a.txt", "b.txt"]
    assert [h.chunk.doc for h in retriever.search("2015年參訪團團長是誰？", 2)] == [
        "a.txt", "a.txt"]


def test_section_kind_question_gets_the_whole_section(tmp_path: Path) -> None:
    chunks = [
        chunk(f"{p}{i}", f"{p}第{i}點內容", ("參訪紀要", p, "三、心得與建議"), start=40 * i)
        for p in ("甲園區", "乙園區", "丙園區") for i in range(3)
    ]
    chunks += [chunk(f"{p}s", f"{p}的建議數據心得", ("參訪紀要", p, "一、機構簡介"))
               for p in ("甲園區", "乙園區")]
    retriever = HybridRetriever(small_handle(tmp_path, chunks))
    assert {"心得", "建议"} <= retriever.section_kinds.kinds
    hits = retriever.search("乙園區第1點心得與建議有哪些？", 3)
    assert [h.chunk.id for h in hits] == ["乙園區1", "乙園區0", "乙園區2"]


def test_a_group_that_adds_no_new_text_gives_its_slot_to_the_next(tmp_path: Path) -> None:
    # b overlaps a by 25 of its 30 characters: too long to join (cap 30), and the
    # 5 characters it adds are under MIN_REST, so it is no passage; d takes its place
    text = "甲乙丙丁戊己庚辛壬癸" * 4
    a, b = piece("a", "S", 0, text[:30]), piece("b", "S", 5, text[5:35])
    d = chunk("d", "別的章節的文字。", ("T",))
    retriever = HybridRetriever(small_handle(tmp_path, [a, b, d]), merge_max=30)
    hits = retriever._fuse([(0, 1.0), (1, 0.9), (2, 0.8)], [], 2)
    assert [h.chunk.id for h in hits] == ["a", "d"]
