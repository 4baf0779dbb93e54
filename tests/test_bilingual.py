"""The English -> Chinese lexicon: hand-worked dictionary lines, romanised names,
the real CC-CEDICT copy, and English questions' BM25 terms in the retriever."""

from __future__ import annotations

from pathlib import Path

from index.bilingual import Lexicon, glosses, stem, words
from index.retriever import HybridRetriever
from index.romanized import name_runs, pinyin_table, romanize
from tests.fakes import chunk
from tests.test_index_query_features import small_handle

LINES = [
    "加速器 加速器 [jia1 su4 qi4] /accelerator (computing)/particle accelerator/",
    "重點實驗室 重点实验室 [zhong4 dian3 shi2 yan4 shi4] /key laboratory/",
    "實驗室 实验室 [shi2 yan4 shi4] /laboratory; lab/",
    "個 个 [ge4] /classifier for people or objects/",
    "居民 居民 [ju1 min2] /resident; inhabitant/",
    "公園 公园 [gong1 yuan2] /park (for public recreation)/CL:個|个[ge4]/",
]


def test_stems_and_glosses_by_hand() -> None:
    assert [stem(w) for w in ("laboratories", "centres", "class", "campus")] == [
        "laboratory", "center", "class", "campus"]
    assert words("Key Labs") == ["key", "lab"]
    assert glosses("laboratory; lab") == ["laboratory", "lab"]
    assert glosses("to set up (an office)") == ["set up"]
    assert glosses("variant of 園|园") == [] and glosses("of the") == []


def test_proper_names_past_forms_and_short_forms_are_looked_up() -> None:
    lines = ["新竹 新竹 [Xin1 zhu2] /Xinzhu or Hsinchu city in northern Taiwan/",
             "某國 某国 [Mou3 guo2] /South Fooland (Republic of Fooland)/Fooland from of old/",
             "成立 成立 [cheng2 li4] /to establish/to set up/",
             "研發 研发 [yan2 fa1] /research and development/"]
    lexicon = Lexicon.from_lines(lines, {"新竹", "某国", "成立", "研发"})
    assert lexicon.translate("Who visited Hsinchu?") == ["新竹"]
    assert lexicon.translate("When was the Foolandese park established?") == ["某国", "成立"]
    assert lexicon.translate("Which R&D labs does it run?") == ["研发"]
    assert lexicon.translate("What does it do?") == []  # "does" is no word to look up


def test_only_the_corpus_words_are_kept_and_longest_keys_win() -> None:
    lexicon = Lexicon.from_lines(LINES, {"加速器", "重点实验室", "实验室", "居民"})
    assert "park" not in lexicon.table  # 公园 is not a word of the corpus
    assert lexicon.table["lab"] == ["实验室"]
    # "key lab" is one entry: its words are not looked up again one by one
    assert lexicon.translate("How many key laboratories?") == ["重点实验室"]
    assert lexicon.translate("resident firms and labs") == ["居民", "实验室"]
    assert lexicon.translate("What is it?") == []


def test_romanised_names_find_words_and_character_pairs() -> None:
    assert romanize("紫竹") == "zizhu"
    table = pinyin_table(["紫竹", "#张江", "#侯劲", "上", "#a"])
    assert table == {"zizhu": ["紫竹"], "zhangjiang": ["张江"], "houjin": ["侯劲"]}
    assert name_runs("Who is Hou Jin?") == ["houjin", "hou", "jin"]
    assert name_runs("Shanghai is big.") == []  # the first word is capitalised anyway
    lexicon = Lexicon({"park": ["园区"]}, table)
    assert lexicon.translate("Where is the Zizhu Park?") == ["园区", "紫竹"]


def test_real_dictionary_over_real_words() -> None:
    vocabulary = {"加速器", "专业人士", "高新技术", "#侯劲", "紫竹", "上海"}
    lexicon = Lexicon.for_vocabulary(vocabulary)
    assert "加速器" in lexicon.translate("the enterprise accelerator AloqaTech")
    assert "专业人士" in lexicon.translate("Do professionals work there?")
    # Shanghai is a dictionary word; Zizhu and Hou Jin are read as pinyin
    assert lexicon.translate("the Zizhu zone in Shanghai, said Hou Jin") == [
        "上海", "紫竹", "侯劲"]
    assert all(word in vocabulary or f"#{word}" in vocabulary
               for words_ in lexicon.table.values() for word in words_)


def test_english_question_gets_the_dictionarys_chinese_terms(tmp_path: Path) -> None:
    chunks = [
        chunk("x", "園區設立企業加速器 AloqaTech。", ("烏茲別克",), doc="b.txt"),
        chunk("y", "紫竹高新區面積13平方公里。", ("紫竹",), doc="a.txt"),
        chunk("z", "上海市有68所高校。", ("上海",), doc="a.txt"),
    ]
    retriever = HybridRetriever(small_handle(tmp_path, chunks))
    terms = retriever.query_terms("Which accelerator was set up?")
    assert "加速器" in terms and "which" not in terms
    assert retriever.bm25_search("Which accelerator was set up?", 1)[0].chunk.id == "x"
    assert retriever.bm25_search("How large is the Zizhu zone?", 1)[0].chunk.id == "y"
    assert retriever.query_terms("紫竹園區") == retriever.handle.query_tokens("紫竹園區")


def test_a_hyphenated_word_is_looked_up_whole_where_the_dictionary_has_it_so() -> None:
    lines = [
        "初創 初创 [chu1 chuang4] /startup (company)/",
        "啟動 启动 [qi3 dong4] /to start (a machine)/",
        "合作 合作 [he2 zuo4] /to cooperate/cooperation/",
        "組成 组成 [zu3 cheng2] /to make up/composition/",
        "彩妝 彩妆 [cai3 zhuang1] /makeup/",
    ]
    lex = Lexicon.from_lines(lines, {"初创", "启动", "合作", "组成", "彩妆"})
    assert lex.translate("Which start-up firms moved in?") == ["初创"]
    assert lex.translate("Did they start the line?") == ["启动"]
    assert lex.translate("What co-operation was signed?") == ["合作"]
    assert lex.translate("Which up-front fees?") == []  # no whole word known: left as it is
    # the dictionary has "make up" as a phrase: the hyphen joins nothing
    assert lex.translate("What is the make-up of the board?") == ["组成"]


def test_the_genre_lines_come_first_and_count_where_the_reports_write_their_pairs() -> None:
    genre = ["科技園區 科技园区 [] /technopark/techno park/", "慶北 庆北 [] /gyeongbuk/",
             "園區 园区 [] /zone/"]
    lines = ["園區 园区 [yuan2 qu1] /park (industrial, software etc)/",
             "慶典 庆典 [qing4 dian3] /celebration/"]
    vocabulary = {"科技园区", "园区", "#庆北", "#庆典"}
    lexicon = Lexicon.from_lines(lines, vocabulary, genre)
    # 慶北 is no word the cutter keeps, but the reports write it: a genre word counts
    assert lexicon.translate("When was Gyeongbuk Technopark set up?", genre=True) == [
        "庆北", "科技园区"]
    assert lexicon.translate("How big is the zone?", genre=True) == ["园区"]
    assert lexicon.translate("the celebration", genre=True) == []  # a dictionary word: a word
    assert "gyeongbuk" not in lexicon.ordinary  # genre words are no ordinary English words
    assert lexicon.translate("the Gyeongbuk zone") == []  # without the genre's words
    assert Lexicon.from_lines(lines, vocabulary).translate("the Gyeongbuk zone", genre=True) == []


def test_the_shipped_genre_file_is_dictionary_lines() -> None:
    from importlib import resources

    from index.bilingual import _ENTRY, GENRE_FILE

    text = (resources.files("index") / GENRE_FILE).read_text("utf-8").splitlines()
    entries = [line for line in text if line and not line.startswith("#")]
    assert len(entries) >= 30 and all(_ENTRY.match(line) for line in entries)
    lexicon = Lexicon.for_vocabulary({"科技园区", "#庆北", "讲者"})
    assert lexicon.translate("Who was the speaker at Gyeongbuk Technopark?", genre=True) == [
        "讲者", "庆北", "科技园区"]


def test_only_the_search_reads_the_genre_words(tmp_path: Path) -> None:
    chunks = [
        chunk("k", "慶北科技園區成立於 1998 年。", ("慶北",), doc="b.txt"),
        chunk("z", "上海市有68所高校。", ("上海",), doc="a.txt"),
    ]
    retriever = HybridRetriever(small_handle(tmp_path, chunks))
    question = "When was Gyeongbuk Technopark founded?"
    assert "科技园区" in retriever.search_words(question)
    assert "科技园区" not in retriever.translate(question)  # what the answer check reads
    assert retriever.bm25_search(question, 1)[0].chunk.id == "k"
    assert retriever.search_words("慶北科技園區何時成立？") == []  # Chinese: its own words
