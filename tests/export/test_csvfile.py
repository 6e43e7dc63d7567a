"""CSV export of the events, and the output formats of query results."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from dyad.export import export
from dyad.export.csvfile import write_csv
from dyad.export.render import render, render_negotiations
from dyad.store import Store, queries


def test_csvfile_round_trips_every_event(store: Store) -> None:
    out = io.StringIO()
    n = write_csv(store, out)
    rows = list(csv.DictReader(io.StringIO(out.getvalue())))
    assert n == len(rows) == store.counts()["events"]
    assert {(r["article_id"], r["event_id"]) for r in rows} == set(
        store.query("SELECT article_id, event_id FROM events").rows)
    assert rows[0]["actor_ids"] == "anna-berg@RUR" and rows[0]["recipient_names"] == "Norway"


def test_csvfile_export_writes_a_file(store: Store, tmp_path: Path) -> None:
    n = export(store, "csv", tmp_path / "events.csv")
    assert n == len((tmp_path / "events.csv").read_text("utf-8").splitlines()) - 1


def test_render_formats(store: Store) -> None:
    result = queries.events(store, limit=2)
    table = render(result, "table")
    assert table.splitlines()[0].split()[:3] == ["article_id", "event_id", "day"]
    assert table.endswith("(2 rows)")
    assert len(list(csv.reader(io.StringIO(render(result, "csv"))))) == 3
    data = json.loads(render(result, "json"))
    assert data[0]["day"] == "2022-03-01" and data[0]["type"] == "CONSULT"


def test_render_negotiations_groups_roles(store: Store) -> None:
    text = render_negotiations(queries.negotiation_table(store),
                               queries.negotiation_timeline(store))
    assert text.startswith("Ruritania–Norway talks on fishing quotas")
    assert "at the table    NOR (Norway), anna-berg@RUR (Anna Berg)" in text
    assert "seeking a seat  EU" in text and "left out        EU" in text
    assert "over time:" in text
