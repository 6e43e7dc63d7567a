"""Parquet datasets of the store's tables, partitioned by date.

`write_parquet(store, folder)` writes `folder/<table>/published_date=YYYY-MM-DD/*.parquet`
for every article table (articles, actors, mentions, events, event_actors, quotes, dates,
negotiations, negotiation_members, negotiation_evidence: each row under its article's
publication day), `folder/errors/errors.parquet`, and `folder/event_clusters/first_day=.../`
for analysis. `dyad.store.parquet.import_parquet` reads such a folder (this export or a
Spark run with the same table layout) back into a store. Reads the store only.
"""

from __future__ import annotations

from pathlib import Path

import duckdb

from dyad.errors import StoreError
from dyad.store.store import ARTICLE_TABLES, COLUMNS, Store

PARTITION = "published_date"


def sql_path(path: Path) -> str:
    """A path as a single-quoted SQL string literal."""
    return "'" + str(path).replace("'", "''") + "'"


def write_parquet(store: Store, folder: str | Path) -> dict[str, int]:
    """Write every table under `folder` (new or empty); the rows written per table."""
    root = Path(folder)
    if root.exists() and (not root.is_dir() or any(root.iterdir())):
        raise StoreError(f"{root} exists and is not an empty folder; give a new folder for "
                         "the Parquet export")
    root.mkdir(parents=True, exist_ok=True)
    con = store.con
    written: dict[str, int] = {}
    for table in ARTICLE_TABLES:
        cols = ", ".join(f"t.{c}" for c in COLUMNS[table])
        if table == "articles":
            select = f"SELECT {cols}, t.ingested_at FROM articles t"
        else:
            select = (f"SELECT {cols}, a.published_date AS {PARTITION} FROM {table} t "
                      "JOIN articles a ON a.id = t.article_id")
        written[table] = _copy(con, select, root / table, PARTITION)
    (root / "errors").mkdir()
    con.execute(f"COPY errors TO {sql_path(root / 'errors' / 'errors.parquet')} (FORMAT parquet)")
    written["errors"] = _count(con, "errors")
    written["event_clusters"] = _copy(con, "SELECT * FROM event_clusters",
                                      root / "event_clusters", "first_day")
    return written


def _copy(con: duckdb.DuckDBPyConnection, select: str, target: Path, partition: str) -> int:
    n = _count(con, f"({select})")
    if n:
        con.execute(f"COPY ({select}) TO {sql_path(target)} "
                    f"(FORMAT parquet, PARTITION_BY ({partition}))")
    else:
        target.mkdir()
    return n


def _count(con: duckdb.DuckDBPyConnection, source: str) -> int:
    row = con.execute(f"SELECT count(*) FROM {source}").fetchone()
    return int(row[0]) if row else 0
