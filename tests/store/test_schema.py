"""Schema versions: a populated v1 file migrates to the current version; newer files refused."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dyad.errors import StoreError
from dyad.store import SCHEMA_VERSION, Store, migrate
from dyad.store.store import COLUMNS, extraction_rows
from tests.store.sample_records import TEXT_A, TEXT_B, make_extraction

# Columns and tables that version 2 added.
V2_COLUMNS = {("actors", "canonical_id"), ("negotiation_members", "canonical_id"),
              ("negotiations", "negotiation_key")}
V2_TABLES = {"event_actors"}


def _write_v1_store(path: Path) -> None:
    """A version-1 file populated the way dyad 0.1's first store wrote it."""
    con = duckdb.connect(str(path))
    assert migrate(con, target=1) == [1]
    for ex in (make_extraction("a1", TEXT_A), make_extraction("a2", TEXT_B, "2022-03-02")):
        for table, rows in extraction_rows(ex).items():
            if table in V2_TABLES or not rows:
                continue
            keep = [i for i, c in enumerate(COLUMNS[table]) if (table, c) not in V2_COLUMNS]
            cols = ", ".join(COLUMNS[table][i] for i in keep)
            marks = ", ".join("?" for _ in keep)
            con.executemany(f"INSERT INTO {table} ({cols}) VALUES ({marks})",
                            [[row[i] for i in keep] for row in rows])
    con.execute("INSERT INTO errors (location, reason, kind) VALUES ('in.jsonl:2', 'bad', 'input')")
    con.close()


def test_schema_migrates_populated_v1_store(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    _write_v1_store(path)
    con = duckdb.connect(str(path))
    v1_counts = {t: con.execute(f"SELECT count(*) FROM {t}").fetchone()[0]  # type: ignore[index]
                 for t in ("articles", "actors", "mentions", "events", "quotes", "dates",
                           "negotiations", "negotiation_members", "errors")}
    con.close()

    with Store(path) as store:
        assert store.version == SCHEMA_VERSION == 4
        versions = store.query("SELECT version, name FROM schema_version ORDER BY version").rows
        assert versions == [(1, "initial"), (2, "cross_article"), (3, "actor_mentions"),
                            (4, "deterministic_ties")]
        for table, n in v1_counts.items():
            assert store.query(f"SELECT count(*) FROM {table}").rows == [(n,)], table
        assert store.query("SELECT count(*) FROM actors WHERE canonical_id IS NULL").rows == [(0,)]
        assert store.query("SELECT count(*) FROM event_actors").rows == [(4,)]
        assert store.query("SELECT num_mentions, num_articles FROM event_clusters").rows == [(2, 2)]
        assert store.query("SELECT DISTINCT negotiation_key FROM negotiations").rows == [
            ("NOR+anna-berg@RUR: fishing quotas",)]
        assert store.query("SELECT canonical_id, count(DISTINCT article_id) FROM actor_mentions "
                           "GROUP BY ALL ORDER BY 1").rows == [("NOR", 2), ("anna-berg@RUR", 2)]
        # the migrated store keeps working: re-ingesting the same articles adds nothing
        summary = store.ingest([make_extraction("a1", TEXT_A)])
        assert summary.unchanged == 1


def test_schema_migrates_populated_previous_version(tmp_path: Path) -> None:
    path = tmp_path / "prev.duckdb"
    con = duckdb.connect(str(path))
    migrate(con, target=SCHEMA_VERSION - 1)
    for table, rows in extraction_rows(make_extraction("a1", TEXT_A)).items():
        if rows:
            marks = ", ".join("?" for _ in COLUMNS[table])
            con.executemany(f"INSERT INTO {table} ({', '.join(COLUMNS[table])}) "
                            f"VALUES ({marks})", [list(r) for r in rows])
    con.close()
    with Store(path) as store:
        assert store.version == SCHEMA_VERSION
        assert store.query("SELECT count(*) FROM actor_mentions").rows == [(2,)]
        assert store.ingest([make_extraction("a1", TEXT_A)]).unchanged == 1


def test_schema_read_only_open_migrates_an_old_store_first(tmp_path: Path) -> None:
    path = tmp_path / "v1.duckdb"
    _write_v1_store(path)
    with Store(path, read_only=True) as store:
        assert store.version == SCHEMA_VERSION
        assert store.counts()["event_clusters"] == 1


def test_schema_refuses_a_newer_store(tmp_path: Path) -> None:
    path = tmp_path / "future.duckdb"
    Store(path).close()
    con = duckdb.connect(str(path))
    con.execute("INSERT INTO schema_version (version, name) VALUES (99, 'future')")
    con.close()
    with pytest.raises(StoreError, match="newer than this dyad"):
        Store(path)


def test_schema_refuses_a_database_that_is_not_a_store(tmp_path: Path) -> None:
    path = tmp_path / "other.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE sales (id INTEGER)")
    con.close()
    with pytest.raises(StoreError, match="not a dyad store"):
        Store(path)
