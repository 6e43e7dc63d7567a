"""Counting helpers shared by the scorers: precision/recall/F1, matching, overlap and tables.

Pure functions over numbers and spans; nothing here reads files or runs the pipeline.
"""

from __future__ import annotations

import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import Any

# The two fixed halves every gold set dyad tunes on is split into: rules may be developed
# against `tune` (its errors read); `heldout` is only ever scored.
HALVES = ("tune", "heldout")


def prf(tp: float, fp: float, fn: float) -> dict[str, float]:
    """Precision, recall and F1 from counts (0.0 where undefined)."""
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
            "tp": tp, "fp": fp, "fn": fn}


def accuracy(correct: int, total: int) -> float:
    """correct / total, 0.0 for an empty total."""
    return round(correct / total, 4) if total else 0.0


def bootstrap_intervals(units: Sequence[Sequence[float]],
                        statistics: Mapping[str, Callable[[Sequence[float]], float]],
                        resamples: int = 2000, level: float = 0.95,
                        seed: int = 0) -> dict[str, tuple[float, float]]:
    """Percentile bootstrap confidence intervals for figures computed from summed counts.

    `units` are the scored units (sentences, documents), each a vector of counts; a resample
    draws as many units with replacement and sums their vectors, and each of `statistics`
    maps the sums to a figure. Whole units are resampled because errors cluster within
    them. The seed is fixed so a report is reproducible; no units give (0.0, 0.0).
    """
    if not units:
        return {name: (0.0, 0.0) for name in statistics}
    rng = random.Random(seed)
    n, width = len(units), len(units[0])
    values: dict[str, list[float]] = {name: [] for name in statistics}
    for _ in range(resamples):
        sums = [0.0] * width
        for unit in rng.choices(units, k=n):
            for i, x in enumerate(unit):
                sums[i] += x
        for name, statistic in statistics.items():
            values[name].append(statistic(sums))
    tail = (1.0 - level) / 2
    lo_at, hi_at = int(tail * (resamples - 1)), round((1.0 - tail) * (resamples - 1))
    out = {}
    for name, vals in values.items():
        vals.sort()
        out[name] = (round(vals[lo_at], 4), round(vals[hi_at], 4))
    return out


def f1_from_counts(correct: float, predicted: float, gold: float) -> float:
    """F1 = 2·correct / (predicted + gold): the harmonic mean of P and R from their counts."""
    return 2 * correct / (predicted + gold) if predicted + gold else 0.0


def macro_f1(per_label: Mapping[str, Mapping[str, float]]) -> float:
    """Unweighted mean of the labels' F1 (0.0 when there are no labels)."""
    if not per_label:
        return 0.0
    return round(sum(m["f1"] for m in per_label.values()) / len(per_label), 4)


def max_matching(n_left: int, n_right: int,
                 compatible: Callable[[int, int], bool]) -> list[tuple[int, int]]:
    """A maximum one-to-one matching between left and right items (Kuhn's augmenting paths).

    Returns (left, right) index pairs. Used where gold and predicted items can pair in more
    than one way, so a greedy choice would undercount matches.
    """
    edges = [[j for j in range(n_right) if compatible(i, j)] for i in range(n_left)]
    owner: list[int | None] = [None] * n_right

    def augment(i: int, seen: set[int]) -> bool:
        for j in edges[i]:
            if j in seen:
                continue
            seen.add(j)
            current = owner[j]
            if current is None or augment(current, seen):
                owner[j] = i
                return True
        return False

    for i in range(n_left):
        augment(i, set())
    return sorted((i, j) for j, i in enumerate(owner) if i is not None)


def char_set(spans: Iterable[tuple[int, int]]) -> frozenset[int]:
    """The character positions covered by [start, end) spans (discontinuous spans welcome)."""
    return frozenset(pos for start, end in spans for pos in range(start, end))


def overlap(a: frozenset[int], b: frozenset[int]) -> float:
    """Shared characters / the larger span's length: 1.0 for identical spans, 0.0 if disjoint."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(len(a), len(b))


def table(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A left-aligned plain-text table."""
    cells = [[str(h) for h in headers]] + [[_fmt(c) for c in row] for row in rows]
    widths = [max(len(r[i]) for r in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)).rstrip() for r in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _fmt(value: Any) -> str:
    if isinstance(value, float):
        return f"{value:.3f}"
    if value is None:
        return "-"
    return str(value)
