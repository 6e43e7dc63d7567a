"""PLOVER JSON Lines: one record per event with the codebook's fields."""

from __future__ import annotations

import io
import json

from dyad.export.plover import write_plover
from dyad.store import Store

REQUIRED = ("id", "date", "actor", "event")
CODEBOOK_FIELDS = ("has_event", "recipient", "event_text", "quad_code", "event_scale", "mode",
                   "context", "link", "text_info", "cite_info", "coder", "coded_date")
ENTITY_FIELDS = {"code", "sector", "entity_text", "identifier_id", "identifier_text", "office"}


def test_plover_round_trips_every_event(store: Store) -> None:
    out = io.StringIO()
    n = write_plover(store, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    stored = store.query("SELECT article_id, event_id FROM events").rows
    assert n == len(records) == len(stored) == 5
    assert {(r["article_id"], r["event_id"]) for r in records} == set(stored)
    assert len({r["id"] for r in records}) == n


def test_plover_records_have_the_codebook_fields(store: Store) -> None:
    out = io.StringIO()
    write_plover(store, out)
    records = [json.loads(line) for line in out.getvalue().splitlines()]
    for rec in records:
        for field in REQUIRED + CODEBOOK_FIELDS:
            assert field in rec, field
        assert isinstance(rec["event"], list) and rec["event"][0] in {"CONSULT", "REJECT"}
        for ent in rec["actor"] + rec["recipient"]:
            assert set(ent) == ENTITY_FIELDS
    first = records[0]
    assert first["date"] == "2022-03-01"
    assert first["actor"][0]["code"] == "RUR" and first["actor"][0]["office"] == "foreign minister"
    assert first["recipient"][0]["identifier_id"] == "NOR"
    assert first["quad_code"] == 1 and first["mode"] == ["visit"]
    assert first["cite_info"]["url"] == "https://news.example/a1"
    assert records[-1]["date"] is None  # the undated article comes last
    # two reports of the same meeting a day apart share a link (their cluster)
    links = [r["link"] for r in records if r["date"] in ("2022-03-01", "2022-03-02")]
    assert len(links) == 2 and links[0] == links[1]
