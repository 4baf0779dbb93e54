"""What a count counts (app.counted): a party's head count is stated beside the party's
word (代表團一行, 考察成員), not as a meeting's attendance. Made-up trips."""

from __future__ import annotations

import pytest

from app.sentences import Source, states_asked_figure

ALL_OF_THEM = "Counting everyone, how many people were in the delegation?"


@pytest.mark.parametrize(("question", "sentence", "stated"), [
    # a party's head count is stated beside the party (代表團一行 12 人), not as a meeting's
    ("這次出訪的代表團一共有幾個人？", "年會共有來自 9 個國家約 250 名與會者。", False),
    ("這次出訪的代表團一共有幾個人？", "我國代表團一行 12 人抵達會場。", True),
    (ALL_OF_THEM, "年會共有約 250 名與會者。", False),
    (ALL_OF_THEM, "代表團共 8 人。", True),
    # a trip report's words for its party; a count of others the party met or drew
    ("青禾考察團共有幾人？", "青禾考察團本次考察成員共 8 人，由王五帶隊。", True),
    ("At the forum held for the delegation, how many people came?", "論壇共 300 人出席。", True),
    # a team or a group of companies is no party (團隊, 集團)
    ("創業團隊有多少人？", "團隊共 20 人。", True),
    ("集團有多少人？", "集團員工 300 人。", True),
])
def test_a_partys_head_count_is_stated_beside_the_party(question: str, sentence: str,
                                                        stated: bool) -> None:
    assert states_asked_figure(question, [sentence], [Source("", sentence)]) is stated
