from __future__ import annotations

import pytest

from dyad.eval.metrics import (
    accuracy,
    bootstrap_intervals,
    char_set,
    f1_from_counts,
    macro_f1,
    max_matching,
    overlap,
    prf,
    table,
)


def test_metrics_prf_perfect_empty_and_partial() -> None:
    assert prf(5, 0, 0)["f1"] == 1.0
    assert prf(0, 0, 0) == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 0}
    m = prf(2, 1, 3)
    assert (m["precision"], m["recall"], m["f1"]) == (0.6667, 0.4, 0.5)


def test_metrics_accuracy_of_empty_total_is_zero() -> None:
    assert accuracy(0, 0) == 0.0
    assert accuracy(1, 3) == 0.3333


def test_metrics_macro_f1_is_unweighted_mean() -> None:
    assert macro_f1({"A": prf(1, 0, 0), "B": prf(0, 1, 1)}) == 0.5
    assert macro_f1({}) == 0.0


def test_metrics_max_matching_beats_greedy_choice() -> None:
    # Left 0 fits right 0 and 1, left 1 fits only right 0: greedy 0→0 would leave 1 unmatched.
    fits = {(0, 0), (0, 1), (1, 0)}
    pairs = max_matching(2, 2, lambda i, j: (i, j) in fits)
    assert sorted(pairs) == [(0, 1), (1, 0)]


def test_metrics_max_matching_is_one_to_one() -> None:
    pairs = max_matching(3, 1, lambda i, j: True)
    assert len(pairs) == 1


@pytest.mark.parametrize(("a", "b", "expected"), [
    ([(0, 10)], [(0, 10)], 1.0),
    ([(0, 10)], [(20, 30)], 0.0),
    ([(0, 10)], [(5, 10)], 0.5),
    ([(0, 4), (8, 12)], [(0, 12)], 8 / 12),  # discontinuous gold
    ([], [(0, 3)], 0.0),
])
def test_metrics_overlap_is_shared_over_longer(a: list[tuple[int, int]],
                                                b: list[tuple[int, int]], expected: float) -> None:
    assert overlap(char_set(a), char_set(b)) == pytest.approx(expected)


def test_metrics_table_aligns_and_formats() -> None:
    out = table(["name", "f1"], [["AGREE", 0.5], ["AID", None]])
    lines = out.splitlines()
    assert lines[0].split() == ["name", "f1"]
    assert lines[2].split() == ["AGREE", "0.500"]
    assert lines[3].split() == ["AID", "-"]


def test_metrics_bootstrap_interval_brackets_the_figure_and_narrows_with_more_units() -> None:
    def accuracy_of(sums: list[float]) -> float:
        return sums[0] / sums[1]

    small = [(1.0, 1.0)] * 7 + [(0.0, 1.0)] * 3
    large = small * 20
    lo, hi = bootstrap_intervals(small, {"acc": accuracy_of})["acc"]
    big_lo, big_hi = bootstrap_intervals(large, {"acc": accuracy_of})["acc"]
    assert lo < 0.7 < hi and big_lo < 0.7 < big_hi
    assert big_hi - big_lo < (hi - lo) / 2  # ~1/sqrt(20) as wide
    assert bootstrap_intervals(small, {"acc": accuracy_of}) == \
        bootstrap_intervals(small, {"acc": accuracy_of})  # fixed seed: reproducible


def test_metrics_bootstrap_interval_of_constant_units_is_a_point_and_of_none_zero() -> None:
    assert bootstrap_intervals([(1.0, 1.0)] * 5, {"acc": lambda s: s[0] / s[1]}) == \
        {"acc": (1.0, 1.0)}
    assert bootstrap_intervals([], {"acc": lambda s: s[0]}) == {"acc": (0.0, 0.0)}


def test_metrics_f1_from_counts_matches_prf() -> None:
    assert round(f1_from_counts(2, 3, 4), 4) == prf(2, 1, 2)["f1"]
    assert f1_from_counts(0, 0, 0) == 0.0
