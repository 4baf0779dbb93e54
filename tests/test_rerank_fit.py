"""The reranker's fit on made-up pools: hit@1 by hand, the grid's choice, left-out figures."""

from __future__ import annotations

from eval.rerank_fit import Pool, best, fit_rerank, hit_at_1


def test_hit_at_1_follows_the_weights_by_hand() -> None:
    # scores: 1/10 + 0.1*2 = 0.3 and 1/11 + 0.1*0 + 0.5*0.9 = 0.541: the second is first
    pool = Pool("a", [2.0, 0.0], [0.0, 0.9], [False, True])
    assert hit_at_1(pool, (0.1, 0.5)) and not hit_at_1(pool, (0.1, 0.0))
    assert not hit_at_1(Pool("a", [], [], []), (0.1, 0.5))


def test_the_fit_chooses_a_reading_weight_when_it_helps_on_every_set() -> None:
    helped = [Pool(name, [0.0, 0.0], [0.1, 0.9], [False, True]) for name in ("a", "b")] * 3
    plain = [Pool(name, [1.0, 0.0], [0.5, 0.5], [True, False]) for name in ("a", "b")]
    result = fit_rerank(helped + plain, write=False)
    assert result["reading_weight"] > 0
    assert result["sets"] == ["a", "b"]
    assert result["left_out"]["a"]["n"] == 4
    assert result["left_out"]["a"]["hit_at_1"] == 1.0  # chosen on b alone, it serves a too
    assert result["lexical_alone"]["hit_at_1"] == [0.25, 0.25]


def test_best_breaks_ties_toward_smaller_weights() -> None:
    assert best({(0.0, 0.0): [1.0], (0.1, 0.2): [1.0]}, [0]) == (0.0, 0.0)
