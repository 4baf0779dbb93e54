"""The next edition asked, a plan's outcome asked with 了沒有, a post served,
an acronym asked at some distance, a part of a counted set, and a sum's holder
(made-up cases)."""

from __future__ import annotations

from app.kinds import asked_acronyms
from app.measures import dated_event, sized_thing
from app.outcomes import asks_outcome, outcome_unstated
from app.subsets import picked_places, subset_missing


def test_the_next_edition_needs_a_sentence_about_a_time_to_come() -> None:
    question = "下一次的博覽會會在哪個城市舉行？"
    assert outcome_unstated(question, ["⚫ 地點： 港灣展覽館", "本屆共有 80 家廠商參展。"])
    assert not outcome_unstated(question, ["下一屆博覽會將於高雄舉行。"])
    assert not outcome_unstated("博覽會在哪個城市舉行？", ["⚫ 地點： 港灣展覽館"])


def test_an_outcome_asked_with_le_meiyou_of_a_plan_explored() -> None:
    question = "那家專做綠色金融的銀行，後來成立了沒有？"
    assert asks_outcome(question)
    assert outcome_unstated(question, ["市府並探索設立「綠能銀行」，支援中小企業。"])
    assert not outcome_unstated(question, ["「綠能銀行」已於 2018 年開業。"])


def test_serving_as_asks_when_a_post_was_taken() -> None:
    event = dated_event("Since what year has Dr Lin served as the council's chair?")
    assert event is not None
    assert event.search("担任") and not event.search("签署")


def test_an_acronym_asked_a_few_words_before_its_question_word() -> None:
    assert asked_acronyms("大家常提的「QRS」究竟是哪幾個字的縮寫？") == ["QRS"]


def test_a_part_of_a_counted_set_is_picked_and_must_be_counted() -> None:
    question = "受邀的 30 家外國廠商中，日本有幾家？"
    assert picked_places(question) == [["日本"]]
    assert subset_missing(question, ["受邀的外國廠商共 30 家，來自日本、越南等地。"])
    assert not subset_missing(question, ["其中日本 8 家、越南 5 家。"])
    assert picked_places("這份調查中，日本的比例是多少？") == []  # in a survey: no set


def test_the_first_one_picked_is_asked_when_not_how_many() -> None:
    question = "其中日本第一座園區是哪一年規劃的？"
    assert not subset_missing(question, ["日本的第一座園區於 1985 年規劃。"])


def test_what_a_sum_sizes_is_a_firm_named_by_its_business() -> None:
    assert sized_thing("中心設立的融資租賃公司資本額多少？") == "融资租赁公司"
    assert sized_thing("協會剛成立的時候手上有多少錢？") == ""  # when, and on hand


def test_how_many_of_them_in_english_must_be_counted() -> None:
    question = "How many of the 30 invited firms came from Japan?"
    aliases = {"Japan": ["日本"]}.get
    assert picked_places(question, lambda name: aliases(name) or []) == [["日本"]]
    assert subset_missing(question, ["受邀的外國廠商共 30 家，來自日本、越南等地。"],
                          lambda name: aliases(name) or [])


def test_now_asked_of_a_figure_stated_as_it_was_then() -> None:
    from app.outcomes import then_only

    assert then_only("協會現在有多少會員？", "協會 1990 年成立，當時有會員 40 名。")
    assert not then_only("協會成立時有多少會員？", "協會 1990 年成立，當時有會員 40 名。")


def test_a_shareholding_asks_a_share_and_a_famous_school_a_university() -> None:
    from app.kinds import asked_kind
    from app.questions import expected_unit

    unit = expected_unit("市政府在這家公司持股多少？")
    assert unit is not None and unit.search("持股 35%") and not unit.search("投入 13 億元")
    assert asked_kind("談到哪一所海外名校要來設校？") == "university"


def test_a_rule_stays_quiet_where_the_reviewer_found_it_misfiring() -> None:
    from app.card import asks_card
    from app.kinds import asked_acronyms
    from app.outcomes import next_unstated, then_only
    from app.questions import expected_unit, questioning_clauses

    assert not asks_card("此行在大阪拜會了哪些官員？")  # whom the trip met, not who went
    assert not asks_card("Which officials did the delegation meet in Osaka?")
    unit = expected_unit("市政府持股的公司有幾家？")  # 持股 names the firms, asks a count
    assert unit is not None and unit.search("共有 12 家")
    assert not then_only("園區目前有多少家企業？", "成立之初僅 10 家，2020 年已增至 300 家。")
    assert next_unstated("Where will the next fair be held?", ["⚫ 地點： 會展中心"])
    assert not next_unstated("下一屆年會在哪裡舉行？", ["下屆年會擬於釜山舉辦。"])
    assert not next_unstated("報告如何說明年度經費的用途？", ["經費用於研發。"])
    assert not outcome_unstated("那家銀行後來有沒有成立？",
                                ["該行已於 2018 年開業，並持續探索新業務。"])
    assert picked_places("在 2 個月的展期中，台灣館吸引了多少人次？") == []
    assert asked_acronyms("IASP 年會上介紹的那座園區全名是什麼？") == []
    assert questioning_clauses("How many staff does the park, which opened in 2001, have?")[1:] == [
        " have"]
