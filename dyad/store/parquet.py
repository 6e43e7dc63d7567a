"""Import a Parquet dataset (from `dyad export --format parquet` or a Spark run) into a store.

The folder holds one sub-folder per table (`articles/`, `events/`, ...), hive-partitioned or
not, with the store's column names. Articles already stored with the same text are skipped;
changed ones are replaced; the whole import is one transaction. Columns the dataset lacks
(such as canonical ids from a Spark job) are derived as after a migration.
"""

from __future__ import annotations

import time
from pathlib import Path

import duckdb

from dyad.errors import StoreError
from dyad.store.derive import derive_missing
from dyad.store.store import ARTICLE_TABLES, COLUMNS, IngestSummary, Store

_DERIVED_EXPR = {("articles", "published_date"): "try_cast(substr(published, 1, 10) AS DATE)"}


def _source(root: Path, table: str) -> str | None:
    folder = root / table
    if not folder.is_dir() or not any(folder.rglob("*.parquet")):
        return None
    pattern = str(folder / "**" / "*.parquet").replace("'", "''")
    return f"read_parquet('{pattern}', hive_partitioning = true, union_by_name = true)"


def _columns(con: duckdb.DuckDBPyConnection, source: str) -> set[str]:
    return {r[0] for r in con.execute(f"DESCRIBE SELECT * FROM {source}").fetchall()}


def import_parquet(store: Store, folder: str | Path) -> IngestSummary:
    """Load every table of the dataset at `folder` into `store`; what was added or replaced."""
    root = Path(folder)
    start = time.monotonic()
    if not root.is_dir():
        raise StoreError(f"{root} is not a folder; give the folder a Parquet export wrote")
    articles = _source(root, "articles")
    if articles is None:
        raise StoreError(f"{root}/articles holds no Parquet files; is this a dyad Parquet "
                         "dataset (folders articles/, events/, ...)?")
    con = store.con
    summary = IngestSummary()
    con.begin()
    try:
        con.execute(f"CREATE OR REPLACE TEMP TABLE _import AS SELECT DISTINCT i.id, "
                    f"s.id IS NOT NULL AS replaced FROM {articles} i "
                    "LEFT JOIN articles s ON s.id = i.id WHERE s.id IS NULL "
                    "OR s.text_hash <> i.text_hash")
        row = con.execute("SELECT count(*) FILTER (WHERE NOT replaced), "
                          "count(*) FILTER (WHERE replaced) FROM _import").fetchone()
        summary.added, summary.replaced = (int(row[0]), int(row[1])) if row else (0, 0)
        total = con.execute(f"SELECT count(DISTINCT id) FROM {articles}").fetchone()
        summary.unchanged = int(total[0] if total else 0) - summary.added - summary.replaced
        for table in reversed(ARTICLE_TABLES):
            key = "id" if table == "articles" else "article_id"
            con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT id FROM _import)")
        for table in ARTICLE_TABLES:
            source = _source(root, table)
            if source is None:
                continue
            have = _columns(con, source)
            cols = [c for c in COLUMNS[table]
                    if c in have or (table, c) in _DERIVED_EXPR]
            if table == "articles" and "ingested_at" in have:
                cols.append("ingested_at")
            key = "id" if table == "articles" else "article_id"
            # A hive partition value comes back as text when some are NULL: recompute it.
            exprs = [_DERIVED_EXPR.get((table, c), c) for c in cols]
            con.execute(f"INSERT INTO {table} ({', '.join(cols)}) SELECT {', '.join(exprs)} "
                        f"FROM {source} WHERE {key} IN (SELECT id FROM _import)")
        errors = _source(root, "errors")
        if errors is not None:
            cols = [c for c in COLUMNS["errors"] if c in _columns(con, errors)]
            inserted = con.execute(
                f"INSERT INTO errors ({', '.join(cols)}) SELECT DISTINCT {', '.join(cols)} "
                f"FROM {errors} i WHERE NOT EXISTS (SELECT 1 FROM errors e WHERE "
                + " AND ".join(f"e.{c} IS NOT DISTINCT FROM i.{c}" for c in cols) + ")"
            ).fetchone()
            summary.rejected = int(inserted[0]) if inserted else 0
        derive_missing(con)
        counts = con.execute("SELECT (SELECT count(*) FROM events WHERE article_id IN "
                             "(SELECT id FROM _import)), (SELECT count(*) FROM quotes WHERE "
                             "article_id IN (SELECT id FROM _import))").fetchone()
        summary.events, summary.quotes = (int(counts[0]), int(counts[1])) if counts else (0, 0)
        con.execute("DROP TABLE _import")
        con.commit()
    except duckdb.Error as err:
        con.rollback()
        raise StoreError(f"import of {root} failed, nothing was written: {err}") from err
    summary.elapsed = time.monotonic() - start
    return summary
