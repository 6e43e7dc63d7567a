"""End to end: the bundled example through the real pipeline into a store, and `dyad demo`."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.cli import main
from dyad.pipeline.factories import DYAD_STAGES
from dyad.store import Store, queries
from dyad.store.ingest import example_articles, ingest_paths
from dyad.types import Article


def test_ingest_example_manifest_gives_the_publication_date() -> None:
    items = example_articles()
    assert items and all(isinstance(a, Article) for a in items)
    assert items[0].published == "2021-12-24" and items[0].id == "000_18667010c95db324"


def test_ingest_paths_records_unreadable_inputs(tmp_path: Path) -> None:
    inputs = tmp_path / "in"
    inputs.mkdir()
    (inputs / "empty.txt").write_text("   ")
    (inputs / "bad.jsonl").write_text('{"id": 1, "text": 5}\nnot json\n')
    summary = ingest_paths([inputs, inputs / "missing.txt"], tmp_path / "s.duckdb",
                           processor=lambda items, settings: iter(items))
    assert summary.rejected == 4 and summary.articles == 0
    with Store(tmp_path / "s.duckdb", read_only=True) as store:
        rows = store.query("SELECT location FROM errors ORDER BY location").rows
    assert [Path(r[0]).name for r in rows] == ["bad.jsonl:1", "bad.jsonl:2", "empty.txt",
                                               "missing.txt"]


@pytest.mark.slow
def test_ingest_demo_ingests_the_example_once(tmp_path: Path,
                                             capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.duckdb")
    assert main(["demo", "--db", db]) == 0
    out = capsys.readouterr().out
    assert "1 new" in out and "articles 1" in out
    with Store(db, read_only=True) as store:
        counts = store.counts()
        ids = {r[0] for r in queries.actors(store).rows}
        assert {"UKR", "RUS", "USA", "EU"} <= ids
        assert counts["quotes"] > 0
    assert main(["demo", "--db", db]) == 0
    assert "1 unchanged" in capsys.readouterr().out
    with Store(db, read_only=True) as store:
        assert store.counts() == counts


@pytest.mark.slow
@pytest.mark.skipif("dyad_negotiation_builder" not in DYAD_STAGES,
                    reason="the negotiation stage is not in the pipeline yet")
def test_ingest_example_negotiation_table(tmp_path: Path,
                                          capsys: pytest.CaptureFixture[str]) -> None:
    db = str(tmp_path / "demo.duckdb")
    assert main(["demo", "--db", db]) == 0
    capsys.readouterr()
    with Store(db, read_only=True) as store:
        rows = store.query("SELECT t.role, t.actor_id, a.country FROM negotiation_table t "
                           "LEFT JOIN canonical_actors a ON a.id = t.actor_id").rows
    roles: dict[str, set[str]] = {}
    for role, actor, country in rows:  # a head of state sits at the table for the country
        roles.setdefault(role, set()).update(x for x in (actor, country) if x)
    assert {"RUS", "USA"} <= roles.get("participant", set())
    assert {"UKR", "EU"} <= roles.get("seeking_seat", set())
    assert {"UKR", "EU"} <= roles.get("excluded", set())
