"""Geometry for the server-drawn SVG charts: the actor network and the event timeline.

Functions here take store rows (dicts) and return plain dataclasses with coordinates and
colour classes; the templates turn them into SVG (escaping every label). The layout is
deterministic (same rows, same picture) so pages can be compared and tested. No HTML, no SQL.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

import numpy as np

from dyad.types import PLOVER_TYPES

# PLOVER quad classes: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict.
QUAD_NAMES = {1: "verbal cooperation", 2: "material cooperation", 3: "verbal conflict",
              4: "material conflict"}
QUAD_COLUMNS = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict",
                4: "material_conflict"}


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    kind: str
    x: float
    y: float
    r: float
    weight: int
    label_x: float = 0.0  # label offset from the node, to the side away from the centre
    anchor: str = "start"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    path: str  # SVG path data
    width: float
    tone: str  # coop | conflict | mixed | unknown
    counts: dict[str, int]
    total: int
    source_name: str
    target_name: str


@dataclass(frozen=True)
class Network:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    dropped: int = 0  # actors left out by the node limit


def edge_tone(counts: dict[int, int]) -> str:
    """coop or conflict when one side has at least two thirds of the coded events, else mixed."""
    coop = counts.get(1, 0) + counts.get(2, 0)
    conflict = counts.get(3, 0) + counts.get(4, 0)
    if coop + conflict == 0:
        return "unknown"
    if coop * 3 >= (coop + conflict) * 2:
        return "coop"
    if conflict * 3 >= (coop + conflict) * 2:
        return "conflict"
    return "mixed"


def _force_layout(n: int, links: Sequence[tuple[int, int, float]], seed_order: Sequence[int],
                  iterations: int = 300) -> np.ndarray:
    """Fruchterman-Reingold positions in the unit square, started on a circle (deterministic)."""
    if n == 1:
        return np.array([[0.5, 0.5]])
    angles = np.array([2 * math.pi * seed_order[i] / n for i in range(n)])
    pos = np.column_stack([np.cos(angles), np.sin(angles)]) * 0.4 + 0.5
    k = math.sqrt(1.0 / n)
    temp = 0.1
    src = np.array([s for s, _, _ in links], dtype=int)
    dst = np.array([t for _, t, _ in links], dtype=int)
    wts = np.array([w for _, _, w in links], dtype=float)
    for _ in range(iterations):
        delta = pos[:, None, :] - pos[None, :, :]
        dist = np.maximum(np.linalg.norm(delta, axis=2), 1e-3)
        disp = ((k * k / dist ** 2)[:, :, None] * delta).sum(axis=1)  # repulsion
        if len(links):
            d = pos[src] - pos[dst]
            length = np.maximum(np.linalg.norm(d, axis=1), 1e-3)
            pull = (length / k * (1 + np.log1p(wts)))[:, None] * d
            np.subtract.at(disp, src, pull)
            np.add.at(disp, dst, pull)
        disp += (0.5 - pos) * 0.05 * n  # gravity keeps unlinked actors in view
        norm = np.maximum(np.linalg.norm(disp, axis=1), 1e-9)
        pos += disp / norm[:, None] * np.minimum(norm, temp)[:, None]
        temp = max(temp * 0.985, 0.002)
    lo, hi = pos.min(axis=0), pos.max(axis=0)
    unit: np.ndarray = (pos - lo) / np.maximum(hi - lo, 1e-9)
    return unit


def network(dyads: Sequence[dict[str, Any]], actors: dict[str, dict[str, Any]], *,
            max_nodes: int = 60, width: int = 960, height: int = 640) -> Network:
    """Nodes (actors) and directed edges (actor → recipient) from `dyads` rows.

    Each row needs actor_id, actor, recipient_id, recipient, total and the quad-class counts
    (verbal_coop ...). Only the `max_nodes` actors with most events are drawn.
    """
    weight: dict[str, int] = defaultdict(int)
    names: dict[str, str] = {}
    for row in dyads:
        for key, name in ((row["actor_id"], row["actor"]), (row["recipient_id"], row["recipient"])):
            weight[key] += int(row["total"])
            names[key] = str(name)
    ranked = sorted(weight, key=lambda k: (-weight[k], k))
    keep = ranked[:max_nodes]
    index = {k: i for i, k in enumerate(keep)}
    rows = [r for r in dyads if r["actor_id"] in index and r["recipient_id"] in index
            and r["actor_id"] != r["recipient_id"]]
    links = [(index[r["actor_id"]], index[r["recipient_id"]], float(r["total"])) for r in rows]
    margin = 170  # room for the labels beside the outermost nodes
    if keep:
        unit = _force_layout(len(keep), links, list(range(len(keep))))
        xy = [(margin + float(u[0]) * (width - 2 * margin),
               40 + float(u[1]) * (height - 80)) for u in unit]
    else:
        xy = []
    nodes = []
    seen: dict[str, int] = defaultdict(int)  # names shared by two actors get their ids
    for key in keep:
        seen[names[key]] += 1
    for i, (key, (x, y)) in enumerate(zip(keep, xy, strict=True)):
        info = actors.get(key, {})
        # The label goes on the side away from the nearest other node.
        others = [(abs(ox - x) + abs(oy - y), ox) for j, (ox, oy) in enumerate(xy) if j != i]
        left = min(others)[1] > x if others else False
        radius = 5 + 2.5 * math.sqrt(weight[key])
        name = names[key] if seen[names[key]] == 1 else f"{names[key]} ({key})"
        nodes.append(Node(id=key, name=name, kind=str(info.get("kind") or "unknown"),
                          x=round(x, 1), y=round(y, 1), r=round(radius, 1), weight=weight[key],
                          label_x=round(-(radius + 4) if left else radius + 4, 1),
                          anchor="end" if left else "start"))
    by_id = {n.id: n for n in nodes}
    pairs = {(r["actor_id"], r["recipient_id"]) for r in rows}
    edges = []
    for r in rows:
        a, b = by_id[r["actor_id"]], by_id[r["recipient_id"]]
        counts = {q: int(r.get(col) or 0) for q, col in QUAD_COLUMNS.items()}
        total = int(r["total"])
        bend = 0.18 if (b.id, a.id) in pairs else 0.0  # two-way pairs: one arc each way
        edges.append(Edge(source=a.id, target=b.id, path=_edge_path(a, b, bend),
                          width=round(1.2 + 2.2 * math.log1p(total), 1), tone=edge_tone(counts),
                          counts={QUAD_NAMES[q]: c for q, c in counts.items()}, total=total,
                          source_name=a.name, target_name=b.name))
    return Network(width, height, nodes, edges, dropped=max(0, len(ranked) - len(keep)))


def _edge_path(a: Node, b: Node, bend: float) -> str:
    """From the rim of `a` to the rim of `b` (arrow head outside the node), bent by `bend`."""
    dx, dy = b.x - a.x, b.y - a.y
    dist = math.hypot(dx, dy) or 1.0
    ux, uy = dx / dist, dy / dist
    sx, sy = a.x + ux * a.r, a.y + uy * a.r
    tx, ty = b.x - ux * (b.r + 6), b.y - uy * (b.r + 6)
    if not bend:
        return f"M{sx:.1f},{sy:.1f} L{tx:.1f},{ty:.1f}"
    cx, cy = (sx + tx) / 2 - uy * dist * bend, (sy + ty) / 2 + ux * dist * bend
    return f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {tx:.1f},{ty:.1f}"


# ---------------------------------------------------------------- timeline


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    type: str
    colour: int  # index into the type palette (PLOVER_TYPES order)
    day: str
    label: str
    article_id: str
    event_id: str


@dataclass(frozen=True)
class Lane:
    name: str
    query: str
    y: float
    dots: list[Dot]
    count: int
    by_type: dict[str, int]


@dataclass(frozen=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True)
class Timeline:
    width: int
    height: int
    left: int
    right: int
    lanes: list[Lane]
    ticks: list[Tick]
    types: list[tuple[str, int, int]]  # (type, palette index, count) of the types shown
    undated: int = 0


LANE_HEIGHT = 70
DOT_GAP = 11


def timeline(lanes: Sequence[tuple[str, str, Sequence[dict[str, Any]]]], *,
             width: int = 960) -> Timeline:
    """One lane per selected actor; a dot per event at its day, coloured by PLOVER type.

    `lanes`: (label, the actor query, event rows with day, type, actor, recipient, evidence,
    article_id, event_id). Dots on the same day in a lane stack upwards.
    """
    days = [r["day"] for _, _, rows in lanes for r in rows if isinstance(r.get("day"), date)]
    left, right = 170, width - 50
    first = min(days) if days else date.today()
    last = max(days) if days else first
    pad = timedelta(days=max(1, round((last - first).days * 0.03)))  # dots off the edges
    first, last = first - pad, last + pad
    span = (last - first).days

    def x_of(day: date) -> float:
        return round(left + (day - first).days / span * (right - left), 1)

    palette = {t: i for i, t in enumerate(PLOVER_TYPES)}
    type_counts: dict[str, int] = defaultdict(int)
    out_lanes: list[Lane] = []
    undated = 0
    for i, (label, query, rows) in enumerate(lanes):
        base = 40 + (i + 1) * LANE_HEIGHT - 14
        stack: dict[date, int] = defaultdict(int)
        by_type: dict[str, int] = defaultdict(int)
        dots = []
        for r in rows:
            day = r.get("day")
            if not isinstance(day, date):
                undated += 1
                continue
            level = stack[day]
            stack[day] += 1
            etype = str(r["type"])
            type_counts[etype] += 1
            by_type[etype] += 1
            who = f"{r.get('actor') or '?'} → {r.get('recipient') or '—'}"
            dots.append(Dot(x=x_of(day), y=base - min(level, 4) * DOT_GAP, type=etype,
                            colour=palette.get(etype, len(PLOVER_TYPES)), day=day.isoformat(),
                            label=f"{day.isoformat()} {etype} ({r.get('status')}): {who}. "
                                  f"{r.get('evidence') or ''}",
                            article_id=str(r["article_id"]), event_id=str(r["event_id"])))
        out_lanes.append(Lane(label, query, base, dots, len(rows), dict(by_type)))
    n_ticks = min(8, span + 1)
    ticks = []
    for j in range(n_ticks):
        day = first + timedelta(days=round(j * span / max(n_ticks - 1, 1)))
        ticks.append(Tick(x_of(day), day.isoformat()))
    types = sorted(((t, palette.get(t, len(PLOVER_TYPES)), n) for t, n in type_counts.items()),
                   key=lambda t: t[1])
    height = 40 + (len(lanes) + 1) * LANE_HEIGHT
    return Timeline(width, height, left, right, out_lanes, ticks, types, undated)
