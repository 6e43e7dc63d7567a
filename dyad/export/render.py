"""Print query results as an aligned text table, CSV or JSON, and the negotiation table.

Presentation only: rows come from `dyad.store.queries`, nothing here touches the store.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from datetime import date, datetime
from typing import Any

from dyad.store.store import QueryResult

OUTPUT_FORMATS = ("table", "csv", "json")
ROLE_LABELS = {"participant": "at the table", "seeking_seat": "seeking a seat",
               "excluded": "left out"}


def _plain(value: Any) -> Any:
    if isinstance(value, (date, datetime)):
        return value.isoformat()
    if isinstance(value, (list, tuple)):
        return [_plain(v) for v in value]
    return value


def _cell(value: Any, width: int) -> str:
    if value is None:
        return ""
    text = ", ".join(map(str, value)) if isinstance(value, (list, tuple)) else str(_plain(value))
    text = " ".join(text.split())
    return text if len(text) <= width else text[: width - 1] + "…"


def render(result: QueryResult, fmt: str = "table", *, max_width: int = 60) -> str:
    """The rows as text in `fmt` (table, csv or json)."""
    if fmt == "json":
        return json.dumps([{k: _plain(v) for k, v in r.items()} for r in result.records()],
                          ensure_ascii=False, indent=2, default=str)
    if fmt == "csv":
        out = io.StringIO()
        writer = csv.writer(out, lineterminator="\n")
        writer.writerow(result.columns)
        for row in result.rows:
            writer.writerow(["" if v is None else json.dumps(_plain(v), ensure_ascii=False)
                             if isinstance(v, (list, tuple, dict)) else _plain(v) for v in row])
        return out.getvalue().rstrip("\n")
    if fmt != "table":
        raise ValueError(f"unknown output format {fmt!r}; use one of {', '.join(OUTPUT_FORMATS)}")
    cells = [[_cell(v, max_width) for v in row] for row in result.rows]
    widths = [max([len(c)] + [len(r[i]) for r in cells]) for i, c in enumerate(result.columns)]
    def line(values: Sequence[str]) -> str:
        return "  ".join(c.ljust(w) for c, w in zip(values, widths, strict=True)).rstrip()

    lines = [line(result.columns), "  ".join("-" * w for w in widths)]
    lines += [line(r) for r in cells]
    lines.append(f"({len(result.rows)} row{'s' if len(result.rows) != 1 else ''})")
    return "\n".join(lines)


def render_negotiations(table: QueryResult, timeline: QueryResult | None = None) -> str:
    """Per negotiation: who is at the table, who seeks a seat, who is left out (and when)."""
    if not table.rows:
        return "no negotiations in the store"
    blocks: list[str] = []
    by_key: dict[str, list[dict[str, Any]]] = {}
    for rec in table.records():
        by_key.setdefault(rec["negotiation_key"], []).append(rec)
    steps: dict[str, list[dict[str, Any]]] = {}
    for rec in (timeline.records() if timeline else []):
        steps.setdefault(rec["negotiation_key"], []).append(rec)
    for key, recs in by_key.items():
        first = min((r["first_seen"] for r in recs if r["first_seen"]), default=None)
        last = max((r["last_seen"] for r in recs if r["last_seen"]), default=None)
        span = f"{_plain(first)} – {_plain(last)}" if first and last and first != last else \
            str(_plain(first) or "undated")
        lines = [f"{recs[0]['topic']}  ({span})"]
        for role, label in ROLE_LABELS.items():
            names = [_actor_label(r) for r in recs if r["role"] == role]
            if names:
                lines.append(f"  {label:<15} {', '.join(names)}")
        days: dict[Any, list[str]] = {}
        for step in steps.get(key, []):
            label = ROLE_LABELS.get(step["role"], step["role"])
            days.setdefault(step["day"], []).append(f"{label}: {step['actors']}")
        if len(days) > 1:
            lines.append("  over time:")
            lines += [f"    {_plain(day) or 'undated':<10}  {'; '.join(parts)}"
                      for day, parts in days.items()]
        blocks.append("\n".join(lines))
    return "\n\n".join(blocks)


def _actor_label(rec: dict[str, Any]) -> str:
    name, code = rec.get("actor_name"), rec["actor_id"]
    return f"{code} ({name})" if name and name != code else str(code)


def render_counts(counts: dict[str, int], order: Sequence[str] | None = None) -> str:
    """'articles 1 · events 12 · ...' on one line."""
    keys = order or list(counts)
    return " · ".join(f"{k.replace('_', ' ')} {counts[k]:,}" for k in keys if k in counts)
