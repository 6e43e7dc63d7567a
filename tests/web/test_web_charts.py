"""Chart geometry: edge tone from quad classes, network layout bounds, timeline lanes."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from dyad.web.charts import edge_tone, network, timeline


@pytest.mark.parametrize(("counts", "tone"), [
    ({1: 2}, "coop"), ({2: 1, 4: 0}, "coop"), ({3: 1, 4: 2}, "conflict"),
    ({1: 1, 3: 1}, "mixed"), ({1: 2, 4: 1}, "coop"), ({}, "unknown"),
])
def test_charts_edge_tone_needs_two_thirds_of_the_events(counts: dict[int, int],
                                                         tone: str) -> None:
    assert edge_tone(counts) == tone


def _dyad(a: str, b: str, coop: int = 0, conflict: int = 0) -> dict[str, Any]:
    return {"actor_id": a, "actor": a.title(), "recipient_id": b, "recipient": b.title(),
            "verbal_coop": coop, "material_coop": 0, "verbal_conflict": conflict,
            "material_conflict": 0, "total": coop + conflict}


ROWS = [_dyad("aa", "bb", coop=3), _dyad("bb", "aa", conflict=1), _dyad("aa", "cc", conflict=2),
        _dyad("dd", "ee", coop=1), _dyad("cc", "ff", coop=1, conflict=1)]


def test_charts_network_nodes_stay_in_view_and_edges_follow_rows() -> None:
    net = network(ROWS, {"aa": {"kind": "country"}}, width=800, height=500)
    assert {n.id for n in net.nodes} == {"aa", "bb", "cc", "dd", "ee", "ff"}
    for n in net.nodes:
        assert 0 < n.x - n.r and n.x + n.r < 800 and 0 < n.y - n.r and n.y + n.r < 500
    tones = {(e.source, e.target): e.tone for e in net.edges}
    assert tones == {("aa", "bb"): "coop", ("bb", "aa"): "conflict", ("aa", "cc"): "conflict",
                     ("dd", "ee"): "coop", ("cc", "ff"): "mixed"}
    two_way = [e.path for e in net.edges if {e.source, e.target} == {"aa", "bb"}]
    assert all(" Q" in p for p in two_way)  # each direction its own arc
    assert next(n for n in net.nodes if n.id == "aa").kind == "country"


def test_charts_network_is_deterministic_and_keeps_the_most_reported_actors() -> None:
    assert network(ROWS, {}) == network(ROWS, {})
    small = network(ROWS, {}, max_nodes=3)
    assert {n.id for n in small.nodes} == {"aa", "bb", "cc"} and small.dropped == 3
    assert {(e.source, e.target) for e in small.edges} == {("aa", "bb"), ("bb", "aa"),
                                                          ("aa", "cc")}
    assert network([], {}).nodes == []


def test_charts_timeline_has_a_lane_per_actor_and_skips_undated_events() -> None:
    def ev(day: date | None, etype: str) -> dict[str, Any]:
        return {"day": day, "type": etype, "status": "asserted", "actor": "A",
                "recipient": "B", "evidence": "A did it.", "article_id": "x", "event_id": "e1"}

    chart = timeline([("Aland", "AAA", [ev(date(2022, 1, 1), "CONSULT"),
                                        ev(date(2022, 1, 1), "AGREE"),
                                        ev(date(2022, 1, 31), "ASSAULT")]),
                      ("Bland", "BBB", [ev(None, "CONSULT")])], width=900)
    first, second = chart.lanes
    assert (first.count, second.count, chart.undated) == (3, 1, 1)
    assert first.dots[0].y != first.dots[1].y  # same day: stacked
    assert chart.left < first.dots[0].x < first.dots[2].x < chart.right
    assert [t for t, _, _ in chart.types] == ["AGREE", "CONSULT", "ASSAULT"]  # codebook order
    assert first.by_type == {"CONSULT": 1, "AGREE": 1, "ASSAULT": 1}
