"""Whether the sentences an answer would quote state the figure a question asks
for (app.sentences.states_asked_figure), and the answerability signal built on
it; made-up reports and questions."""

from __future__ import annotations

import pytest

from app.counted import counted_grams
from app.measures import with_stated_word
from app.questions import expected_unit
from app.refusal import EvidenceScorer
from app.sentences import Source, states_asked_figure
from app.verdict import signals
from index.types import Hit
from ingest.model import Chunk

FAIR = "本屆博覽會共有來自 12 個國家約 450 名與會者，展期三天。"
EXHIBITORS = "參展廠商共 85 家，分布於三個展館。"


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        ("博覽會有多少家廠商參展？", EXHIBITORS, True),
        ("博覽會有多少家廠商參展？", FAIR, False),  # a count of people and of countries
        ("How many exhibitors took part in the fair?", EXHIBITORS, True),
        ("How many exhibitors took part in the fair?", FAIR, False),
        ("How many countries took part in the fair?", FAIR, True),
        ("Roughly how many people attended the fair?", FAIR, True),
        ("博覽會的年度預算是多少？", FAIR, False),  # an amount of money, none given
        ("博覽會提出幾個主題？", "大會訂出五項主題。", True),  # 個 is answered by 項
        ("園區有多少國際企業進駐？", "園區有 300 家國際企業進駐。", True),  # firms, not countries
        ("How many countries took part in the fair?", "來自 20 國的代表", True),
        ("博覽會有幾個人參加？", "共 300 人參加。", True),
        ("博覽會在哪裡舉行？", FAIR, True),  # no figure asked
    ],
)
def test_a_figure_is_stated_only_in_the_asked_unit_beside_what_is_counted(
    question: str, sentence: str, stated: bool
) -> None:
    assert states_asked_figure(question, [sentence]) is stated


def test_an_english_count_is_read_in_the_reports_words() -> None:
    assert counted_grams("Roughly how many start-ups joined?") >= {"新创"}
    assert counted_grams("How many visitors came?") >= {"参观", "访客"}
    assert counted_grams("How many member countries joined?") >= {"国家"}  # the head noun
    assert counted_grams("How many were confirmed?") == set()  # no firm inside a word
    assert counted_grams("How many were there?") == set()


def test_a_region_called_an_area_asks_for_no_area() -> None:
    assert expected_unit("Which firms in the Bangkok area joined?") is None
    assert expected_unit("What did the park do in the area of biotech?") is None
    unit = expected_unit("What is the land area of the park?")
    assert unit is not None and unit.search("佔地 12 平方公里")


def test_the_answerability_signal_is_what_the_reader_would_quote() -> None:
    chunk = Chunk("c1", "fair.txt", ("一、博覽會",), 1, FAIR + EXHIBITORS, FAIR + EXHIBITORS)
    hits = [Hit(chunk, 1.0, dense_score=0.9)]
    scorer = EvidenceScorer([chunk.text])
    exhibitors = signals("博覽會有多少家廠商參展？", hits, scorer)
    budget = signals("博覽會的年度預算是多少？", hits, scorer)
    assert exhibitors["quantity_asked"] == budget["quantity_asked"] == 1.0
    assert exhibitors["quantity_found"] == 1.0 and budget["quantity_found"] == 0.0


VIETNAM_PARK = "越南峴港軟體園區"
HIGH_TECH = "越南峴港高科技園區"
ALIAS = {"dsp": ["峴港軟體園區"], "software park vietnam": ["越南軟體園區"], "vietnam": ["越南"]}


@pytest.mark.parametrize(
    ("question", "sentence", "heading", "stated"),
    [
        # the year: in the sentence, in its heading, ROC-written, or before 以來
        ("園區2023年的營業額是多少？", "營業額達 1.3 兆元。", "2023年營運概況", True),
        ("園區2023年的營業額是多少？", "營業額達 1,300 億元（2022 年）。", "營運概況", False),
        ("園區2023年以來新增多少家企業？", "112年以來新增 50 家企業。", "概況", True),
        ("根據2023年的報告，園區有多少家企業？", "園區有 50 家企業。", "概況", True),  # scene
        ("How many firms joined INNOFAIR 2023?", "共 50 家企業參加。", "概況", True),  # a name
        # whose figure: the passage names the park asked about, or an alias of it
        ("峴港軟體園區有多少家企業？", "園區有 50 家企業。", VIETNAM_PARK, True),
        ("泰國的軟體園區有多少家企業？", "園區有 50 家企業。", VIETNAM_PARK, False),
        ("DSP有多少家企業？", "園區有 50 家企業。", VIETNAM_PARK, True),
        ("哪些城市有園區，共有多少家企業？", "園區有 50 家企業。", VIETNAM_PARK, True),
        # an English name with a Chinese name of its own: that body, not only its country
        ("How many firms does Software Park Vietnam host?", "園區有 50 家企業。", HIGH_TECH,
         False),
        ("How many firms does Software Park Vietnam host?", "園區有 50 家企業。", "越南軟體園區",
         True),
        ("How many firms does Vietnam host?", "園區有 50 家企業。", HIGH_TECH, True),
    ],
)
def test_a_figure_is_of_the_asked_year_and_of_what_is_asked_about(
    question: str, sentence: str, heading: str, stated: bool
) -> None:
    source = Source(heading, sentence)
    aliases = lambda name: ALIAS.get(name.lower(), [])  # noqa: E731
    assert states_asked_figure(question, [sentence], [source], aliases) is stated


@pytest.mark.parametrize(("sentence", "stated"), [
    ("園區去年研發經費達 12 億元。", True),          # the passage's park, unnamed
    ("去年曼谷市研發經費達 300 億元。", False),      # another place's figure
    ("去年泰國科學園區研發經費達 12 億元。", True),  # named in the sentence itself
])
def test_a_figure_sentence_naming_another_place_is_not_the_asked_ones(
    sentence: str, stated: bool
) -> None:
    passage = f"泰國科學園區位於曼谷北方，以生技為主。{sentence}"
    question = "泰國科學園區去年的研發經費是多少？"
    assert states_asked_figure(question, [sentence], [Source("概況", passage)]) is stated


@pytest.mark.parametrize("question", ["這座博物館是哪年開館的？", "協會是哪個年份成立的？"])
def test_which_year_without_one_asks_a_year(question: str) -> None:
    unit = expected_unit(question)
    assert unit is not None and unit.search("於 1997 年開館")


def test_a_count_by_the_general_measure_word_is_also_stated_by_its_noun() -> None:
    """多少个园 counts 園: 「一區十二園」 states it, in either script (made up)."""
    unit = expected_unit("这个示范区包括多少个园？")
    assert unit is not None and unit.search("形成一區十二園的格局") and unit.search("共 12 個")
    assert not unit.search("成立於 2011 年")


def test_recent_years_ask_no_duration() -> None:
    assert expected_unit("這幾年園區有什麼變化？") is None
    how_long = expected_unit("最多幾年內要回原單位？")
    assert how_long is not None and how_long.search("三到五年內")


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        ("這個協會是哪一年成立的？", "協會於 1997 年在台北成立。", True),
        ("這個協會是哪一年成立的？", "協會 2019 年與市政府簽署備忘錄。", False),  # another event
        ("When was the association founded?", "協會成立於 1997 年。", True),
        ("王局長是哪一年接任理事長的？", "王局長 2021 年起擔任理事長。", True),  # one event
        ("王局長是哪一年接任理事長的？", "王局長 2019 年簽署合作備忘錄。", False),
        # taking up a post said in other words (開始當, 接下這個位子, "took over")
        ("他是哪一年開始當園區局長的？", "王局長 2015 年率團參訪。", False),
        ("他是哪一年開始當園區局長的？", "王局長自 2015 年上任以來推動多項計畫。", True),
        ("她哪一年接下總經理這個位子？", "該公司成立於 2003 年。", False),
        ("Which year did he take over as director?", "王局長 2015 年率團參訪。", False),
        ("他是哪一年接下局長這個位子的？", "他於 2015 年接下局長一職。", True),
        # 接下來 is "next", 當地 "local": no post taken up
        ("園區接下來哪一年要擴建？", "園區預計 2030 年擴建。", True),
        ("年會是哪一年舉辦的？", "年會 2019 年在首爾。", True),  # no event named: any year
        # English asks in any tense: "did they found", "did it open", "did she join"
        ("What year did they found the harbour institute?", "研究所 2019 年簽署備忘錄。", False),
        ("What year did they found the harbour institute?", "研究所成立於 1997 年。", True),
        ("In which year did the harbour park open its doors?", "1980 年內閣批准概念研究。", False),
        ("In which year did the harbour park open its doors?", "園區 1986 年正式開幕。", True),
        ("Which year did she join the harbour board?", "她 2015 年率團參訪。", False),
        ("When did they complete the harbour museum?", "博物館 2012 年落成啟用。", True),
        ("What year was the complete harbour plan released?", "計畫 2012 年發布。", True),
        ("What year was the museum opened to the public?", "博物館 2012 年發布年報。", False),
        ("Which year did the Open Harbour Centre sign the MOU?", "中心 2018 年簽署備忘錄。", True),
        ("Which year did the park create the most jobs?", "2018 年園區就業人數最多。", True),
        ("Which year did the chipmaker join the harbour park?", "該公司 2015 年進駐園區。", True),
        ("What year did the firm complete its Series B?", "公司 2019 年完成 B 輪融資。", True),
    ],
)
def test_a_year_answers_only_beside_the_event_it_dates(
    question: str, sentence: str, stated: bool
) -> None:
    assert states_asked_figure(question, [sentence]) is stated


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        ("甲園區那塊地大概有多大？", "甲園區總面積約 13 平方公里。", True),
        ("甲園區那塊地大概有多大？", "甲園區進駐 300 家企業。", False),  # not an area
        ("乙基地佔地多少？", "乙基地佔地 11.48 萬平方公尺。", True),
        ("乙基地佔地多少？", "乙基地有五棟大樓。", False),
    ],
)
def test_how_large_a_piece_of_land_is_an_area(question: str, sentence: str, stated: bool) -> None:
    assert states_asked_figure(question, [sentence]) is stated


def test_how_much_an_effect_is_no_area() -> None:
    assert expected_unit("園區對地方經濟有多大影響？") is None


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        # two clauses, two figures: the staff are not counted as parks
        ("這國家有幾個科技園區？員工規模多大？", "全國 12 個科技園區，總計擁有 900 名員工。", True),
        ("這國家有幾個科技園區？", "去年有 900 名遊客參觀。", False),
        # 多少人民幣 asks for money, not for people (多少人)
        ("這座城市投進研發的錢有多少人民幣？", "研發經費投入 500 億元人民幣。", True),
        ("這座城市投進研發的錢有多少人民幣？", "研發人員共 500 人。", False),
        # a count asked in other words than the report's: 公司 / 企業, 掛牌 / 上市
        ("育成中心最多可收幾家新公司？", "育成中心可容納 40 家新創企業。", True),
        ("輔導過的廠商已有幾家在股市掛牌？", "其輔導企業已有五家上市。", True),
        ("輔導過的廠商已有幾家在股市掛牌？", "其輔導企業已有五家獲獎。", False),
    ],
)
def test_each_clause_asks_its_own_figure(question: str, sentence: str, stated: bool) -> None:
    assert states_asked_figure(question, [sentence]) is stated


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        ("誰出資成立這家公司？最大的幾家各占多少？", "股東為甲集團占 60%，乙公司占 25%。", True),
        ("誰出資成立這家公司？最大的幾家各占多少？", "公司共有 7 家股東。", False),
        ("這所大學在中心占了幾成股份？", "大學持有中心 30% 股份。", True),
    ],
)
def test_what_each_takes_is_a_share(question: str, sentence: str, stated: bool) -> None:
    assert states_asked_figure(question, [sentence]) is stated


@pytest.mark.parametrize(
    ("question", "passage", "stated"),
    [
        # every name asked about: a figure about Korea does not answer for 大田
        ("韓國大田特區有多少家公司？", "韓國共有 600 家公司。", False),
        ("韓國大田特區有多少家公司？", "韓國大田特區有 600 家公司。", True),
        # names joined by 和: a figure of either answers (in part)
        ("韓國和越南各有幾個園區？", "韓國有 19 個園區。", True),
        # 外國 names no one place: the passage need not say it
        ("外國廠商在越南設了多少家工廠？", "越南有 30 家外資工廠。", True),
    ],
)
def test_a_figure_names_every_name_asked_about(question: str, passage: str, stated: bool) -> None:
    assert states_asked_figure(question, [passage], [Source("", passage)]) is stated


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        # an amount of the kind asked: tax is not revenue, nor revenue a budget
        ("這個園區一年繳多少稅？", "園區稅收 12 億元。", True),
        ("這個園區一年繳多少稅？", "園區營業收入 12 億元。", False),
        ("What is the park's annual budget?", "園區年度經費 3 億元。", True),
        ("What is the park's annual budget?", "園區有 300 家企業。", False),
        # the report's own word for the kind: 技工貿總收入 is revenue
        ("園區的營收有多少？", "技工貿總收入 500 億元。", True),
        # a count's noun says what it is; a question naming no kind takes any amount
        ("園區的專利收入來自多少家企業？", "有 40 家企業。", True),
        ("這座大樓有多高？", "大樓高 120 公尺。", True),
        # a count of people says what it counts, whatever else the clause names
        ("管投資的那個集團有多少人？", "集團員工 800 人。", True),
        # English words of a kind only as whole words: a trademark is no trade, and
        # foreign-invested names a kind of firm, not an investment asked for
        ("How many years after its founding did it get a trademark?",
         "2001 年成立，2011 年獲商標。", True),
        ("So how many foreign-invested centres are there?", "外資研發中心有 200 家。", True),
        # how many people work there asks for staff, not for any people
        ("And how many people work for the bureau?", "管理局員工共 180 人。", True),
        ("And how many people work for the bureau?", "論壇共有 180 人參加。", False),
    ],
)
def test_an_amount_is_of_the_kind_asked(question: str, sentence: str, stated: bool) -> None:
    assert states_asked_figure(question, [sentence]) is stated


@pytest.mark.parametrize(
    ("question", "searched"),
    [
        ("這塊園區的土地大概多大一塊？", "這塊園區的土地大概多大一塊？ 面積"),
        ("這個基地佔地多少？", "這個基地佔地多少？ 面積"),
        ("這個基地的面積有多大？", "這個基地的面積有多大？"),  # it says 面積 already
        ("這個園區對地方有多大影響？", "這個園區對地方有多大影響？"),  # not an area
        ("How large is the site's land area?", "How large is the site's land area?"),
    ],
)
def test_an_area_asked_in_other_words_is_searched_as_an_area(question: str, searched: str) -> None:
    assert with_stated_word(question) == searched


@pytest.mark.parametrize(
    ("question", "passage", "stated"),
    [
        # a share of what: 佔GDP多少 asks a percentage, not a sum of money
        ("園區研發投入佔GDP多少？", "研發經費投入強度約 3.66%。", True),
        ("What share of revenue goes to R&D?", "研發投入占營業收入 7%。", True),
        # who invests is no investment asked for
        ("外國投資人持股比例上限是多少？", "外資持股比例上限為 49%。", True),
        # 成立後 only marks a time: any year of the event asked (獲利) answers
        ("園區成立後哪一年開始獲利？", "園區於 2008 年首度轉虧為盈。", True),
        # workshops are not workers
        ("How many workshops were held?", "大會共舉辦 12 場研討會。", True),
        # names jieba tags that name no one thing (研發, 外國投資) need not be named
        ("外國投資人在泰國設了多少家工廠？", "泰國有 30 家外資工廠。", True),
        # two kinds side by side ask the first (a tax), joined they ask either
        ("How much tax revenue did the park bring in?", "園區營業收入 50 億元。", False),
        ("How much tax revenue did the park bring in?", "園區稅收 5 億元。", True),
        ("園區的營收和稅收各多少？", "園區營業收入 50 億元。", True),
        # a resident company is no resident; "the number of" counts what follows
        ("How did the number of resident companies change?", "園區公司的數量為 369 家。", True),
        # 與 joining no two names does not let one name do for all
        ("韓國大田特區與大學合作的企業有多少家？", "韓國有 600 家企業與大學合作。", False),
        # a country written before the place it holds may go unsaid
        ("韓國大田特區有多少家公司？", "大田特區有 600 家公司。", True),
    ],
)
def test_what_the_review_found(question: str, passage: str, stated: bool) -> None:
    assert states_asked_figure(question, [passage], [Source("", passage)]) is stated


@pytest.mark.parametrize(("question", "sentence", "stated"), [
    ("How many seats does the new concert hall have?", "音樂廳共有 1,200 個座位。", True),
    ("What is the seating capacity of the town hall?", "市政廳位於市中心。", False),
    ("禮堂有多少座位？", "禮堂可容納 300 人。", True),
])
def test_seats_are_counted_in_people_or_seats(question: str, sentence: str, stated: bool
                                              ) -> None:
    unit = expected_unit(question)
    assert unit is not None and bool(unit.search(sentence)) is stated


@pytest.mark.parametrize(("question", "asks"), [
    ("兩國處理專利收入的方式有什麼不同？", False),  # how they differ, not an amount
    ("How do the two cities' tax regimes differ?", False),
    ("兩國的專利收入差多少？", True),               # how much they differ: an amount
    ("兩國的專利收入各是多少？", True),
])
def test_a_question_about_how_two_differ_asks_no_figure(question: str, asks: bool) -> None:
    assert (expected_unit(question) is not None) is asks


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        # capital and pay are sums of money: a founding year or a count does not answer them
        ("What is the registered capital of the fund?", "基金成立於 2003 年。", False),
        ("What is the registered capital of the fund?", "基金註冊資本 7,000 萬元。", True),
        ("這家公司的註冊資本為何？", "公司成立於 2003 年。", False),
        ("員工的平均年薪是多少？", "員工平均年薪 50 萬元。", True),
        ("員工的平均年薪是多少？", "公司共有 50 名員工。", False),  # pay, not a headcount
        ("What were the park's sales in 2022?", "2022 年園區營業額 500 億元。", True),
        ("What were the park's sales in 2022?", "2022 年園區有 500 家企業。", False),
        # who holds the capital, or how to reach capital markets, asks for no sum
        ("這家公司的資本結構為何？", "股東為甲公司與乙公司。", True),
        ("園區如何協助企業進入資本市場？", "園區舉辦上市輔導講座。", True),
    ],
)
def test_capital_pay_and_sales_are_money(question: str, sentence: str, stated: bool
                                                ) -> None:
    assert states_asked_figure(question, [sentence]) is stated


@pytest.mark.parametrize(("sentence", "stated"), [
    ("去年曼谷市研發經費達 300 億元。", False),  # another place named: its figure
    ("園區去年研發經費達 12 億元。", True),      # the passage's park, unnamed
])
def test_an_english_question_reads_the_chinese_names_of_its_subject(
    sentence: str, stated: bool
) -> None:
    """The sentence-level check of another place runs for an English question
    too, by its names' Chinese names (the glossary's aliases)."""
    passage = f"泰國科學園區位於曼谷北方，以生技為主。{sentence}"
    question = "What did Thailand Science Park spend on R&D last year?"
    aliases = {"thailand science park": ["泰國科學園區"], "thailand": ["泰國"]}
    assert states_asked_figure(
        question, [sentence], [Source("概況", passage)],
        lambda name: aliases.get(name.lower(), []),
    ) is stated


@pytest.mark.parametrize(
    ("question", "sentence", "stated"),
    [
        # Chinese puts a noun phrase's head last: these incubators are not firms
        ("青禾園區有多少家企業？", "青禾園區建了 12 個科技企業孵化器。", False),
        ("青禾園區有多少家企業？", "青禾園區已有 40 家科技企業進駐。", True),
        ("青禾園區有多少家企業？", "青禾園區內企業共 40 家。", True),  # the noun before it
        ("How many companies does the park host?", "園區設有 8 個企業服務中心。", False),
        ("How many companies does the park host?", "園區有 200 家公司進駐。", True),
        # the head may lie past the question's first characters (買家)
        ("邀請了多少家具國際知名度的海外買家？", "大會邀請 15 家海外買家與會。", True),
        # a verb phrase counts no noun: read by the words beside the figure
        ("已有幾家在股市掛牌？", "已有三家輔導企業上市。", True),
        # a head jieba reads as a verb (組織) and a kin word for it (單位)
        ("由多少家單位共同發起？", "由 25 家服務組織共同發起。", True),
    ],
)
def test_a_count_counts_the_head_of_its_noun_phrase(
    question: str, sentence: str, stated: bool
) -> None:
    assert states_asked_figure(question, [sentence]) is stated
