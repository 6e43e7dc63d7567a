"""Parquet export partitioned by date, and its import into a fresh store."""

from __future__ import annotations

from pathlib import Path

import duckdb
import pytest

from dyad.errors import StoreError
from dyad.export.parquet import write_parquet
from dyad.store import Store
from dyad.store.parquet import import_parquet
from dyad.store.store import ARTICLE_TABLES


def test_parquet_writes_every_table_partitioned_by_date(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    written = write_parquet(store, out)
    for table in ARTICLE_TABLES + ("errors",):
        n = store.query(f"SELECT count(*) FROM {table}").rows[0][0]
        assert written[table] == n, table
        if n:
            back = duckdb.sql(f"SELECT count(*) FROM read_parquet('{out}/{table}/**/*.parquet')")
            assert back.fetchall() == [(n,)], table
    days = sorted(p.name for p in (out / "events").iterdir())
    assert days == ["published_date=2022-03-01", "published_date=2022-03-02",
                    "published_date=2022-05-01", "published_date=__HIVE_DEFAULT_PARTITION__"]
    assert (out / "event_clusters" / "first_day=2022-03-01").is_dir()


def test_parquet_refuses_a_non_empty_folder(store: Store, tmp_path: Path) -> None:
    (tmp_path / "full").mkdir()
    (tmp_path / "full" / "x").write_text("x")
    with pytest.raises(StoreError, match="not an empty folder"):
        write_parquet(store, tmp_path / "full")


def test_parquet_import_round_trips_into_a_new_store(store: Store, tmp_path: Path) -> None:
    write_parquet(store, tmp_path / "dataset")
    with Store(tmp_path / "copy.duckdb") as copy:
        summary = import_parquet(copy, tmp_path / "dataset")
        assert (summary.added, summary.events, summary.rejected) == (4, 5, 1)
        assert copy.counts() == store.counts()
        for view in ("canonical_actors", "event_clusters", "negotiation_table"):
            assert sorted(copy.query(f"SELECT * FROM {view}").rows, key=str) == sorted(
                store.query(f"SELECT * FROM {view}").rows, key=str), view
        again = import_parquet(copy, tmp_path / "dataset")
        assert (again.added, again.unchanged, again.rejected) == (0, 4, 0)
        assert copy.counts() == store.counts()


def test_parquet_import_derives_what_a_dataset_lacks(store: Store, tmp_path: Path) -> None:
    out = tmp_path / "dataset"
    write_parquet(store, out)
    # a Spark-style dataset: no event_actors table, no canonical ids
    for part in (out / "event_actors").rglob("*.parquet"):
        part.unlink()
    for part in (out / "actors").rglob("*.parquet"):
        duckdb.sql(f"COPY (SELECT * EXCLUDE (canonical_id) FROM read_parquet('{part}')) "
                   f"TO '{part}.tmp' (FORMAT parquet)")
        Path(f"{part}.tmp").replace(part)
    with Store(tmp_path / "spark.duckdb") as copy:
        import_parquet(copy, out)
        assert copy.counts() == store.counts()
        assert copy.query("SELECT count(*) FROM event_actors").rows == store.query(
            "SELECT count(*) FROM event_actors").rows
