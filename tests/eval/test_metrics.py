from __future__ import annotations

import pytest

from dyad.eval.metrics import (
    accuracy,
    char_set,
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
