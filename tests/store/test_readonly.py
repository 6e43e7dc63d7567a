"""Read-only SQL: one SELECT only; no writes, ATTACH, COPY, INSTALL/LOAD or file reading."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.errors import ReadOnlyError, StoreError
from dyad.store import Store, queries
from dyad.store.readonly import check_readonly_sql
from tests.store.sample_records import TEXT_A, make_extraction


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("ro") / "ro.duckdb"
    with Store(path) as store:
        store.ingest([make_extraction("a1", TEXT_A)])
    (path.parent / "data.csv").write_text("x\n1\n")
    return path


REFUSED = [
    "INSERT INTO errors (location, reason, kind) VALUES ('a', 'b', 'c')",
    "UPDATE articles SET text = ''",
    "DELETE FROM events",
    "DROP TABLE events",
    "CREATE TABLE x (i INTEGER)",
    "ALTER TABLE events ADD COLUMN y INTEGER",
    "ATTACH 'other.duckdb' AS other",
    "DETACH other",
    "COPY events TO 'out.csv'",
    "EXPORT DATABASE 'dump'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "PRAGMA enable_profiling",
    "CALL pragma_version()",
    "SELECT * FROM read_csv('data.csv')",
    "SELECT * FROM read_csv_auto('data.csv')",
    "SELECT * FROM READ_PARQUET('x.parquet')",
    "SELECT * FROM read_text('/etc/passwd')",
    "SELECT * FROM read_blob('/etc/passwd')",
    "SELECT * FROM read_json('x.json')",
    "SELECT * FROM parquet_scan('x.parquet')",
    "SELECT * FROM glob('*')",
    "SELECT * FROM 'data.csv'",
    "SELECT 1; SELECT 2",
    "SELECT 1; DROP TABLE events",
    "",
]


@pytest.mark.parametrize("sql", REFUSED)
def test_readonly_sql_refuses(store_path: Path, sql: str) -> None:
    with Store(store_path, read_only=True) as store:
        with pytest.raises(ReadOnlyError):
            queries.sql(store, sql)
        assert store.counts()["events"] == 1


@pytest.mark.parametrize("sql", [
    "SELECT type, count(*) AS n FROM events GROUP BY type",
    "WITH e AS (SELECT * FROM events) SELECT count(*) FROM e",
    "SELECT count(*) FROM articles WHERE text LIKE '%read_csv(%'",
    "SHOW TABLES",
])
def test_readonly_sql_allows_selects(store_path: Path, sql: str) -> None:
    with Store(store_path, read_only=True) as store:
        assert queries.sql(store, sql).rows


def test_readonly_connection_refuses_even_unchecked_queries(store_path: Path) -> None:
    # The second lock: the read-only connection itself has no file access.
    with Store(store_path, read_only=True) as store:
        for sql in ("SELECT * FROM read_text('/etc/hostname')",
                    f"COPY events TO '{store_path.parent / 'leak.csv'}'",
                    "DELETE FROM events"):
            with pytest.raises(StoreError):
                store.query(sql)
    assert not (store_path.parent / "leak.csv").exists()


def test_readonly_error_names_the_statement_kind() -> None:
    with pytest.raises(ReadOnlyError, match="DELETE statement"):
        check_readonly_sql("DELETE FROM events")
    with pytest.raises(ReadOnlyError, match=r"read_csv\(\) reads files"):
        check_readonly_sql("SELECT * FROM read_csv('a.csv')")
