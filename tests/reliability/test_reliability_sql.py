"""`dyad sql` is read-only from the command line: writes, ATTACH, COPY, INSTALL/LOAD, settings
and every way of reading a file (table functions, quoted file names, replacement scans,
`query()`, comments between a function's name and its arguments) end with a one-line error
and exit code 2, the store unchanged and the file's content never printed.

Only local paths appear here: nothing may try the network.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.cli import main
from dyad.store import Store
from tests.reliability.helpers import cli_has
from tests.store.sample_records import TEXT_A, make_extraction

pytestmark = pytest.mark.skipif(not cli_has("sql"), reason="`dyad sql` not available yet")

SECRET = "TOPSECRET-4f1c"

REFUSED = [
    "INSERT INTO errors (location, reason, kind) VALUES ('a', 'b', 'c')",
    "UPDATE articles SET text = 'x'",
    "DELETE FROM events",
    "DROP TABLE articles",
    "CREATE TABLE t AS SELECT 1",
    "ATTACH '{dir}/other.duckdb' AS other",
    "COPY articles TO '{dir}/leak.csv'",
    "COPY (SELECT text FROM articles) TO '{dir}/leak.csv'",
    "EXPORT DATABASE '{dir}/dump'",
    "INSTALL httpfs",
    "LOAD httpfs",
    "SET enable_external_access = true",
    "RESET enable_external_access",
    "PRAGMA enable_profiling",
    "VACUUM",
    "CHECKPOINT",
    "BEGIN TRANSACTION",
    "SELECT 1; DELETE FROM events",
    "SELECT * FROM read_csv('{dir}/secret.csv')",
    "SELECT * FROM READ_CSV_AUTO('{dir}/secret.csv')",
    "SELECT * FROM read_csv(['{dir}/secret.csv'])",
    "SELECT * FROM read_text('{dir}/secret.csv')",
    "SELECT * FROM read_blob('{dir}/secret.csv')",
    "SELECT * FROM read_json('{dir}/secret.csv')",
    "SELECT * FROM read_parquet('{dir}/secret.csv')",
    "SELECT * FROM sniff_csv('{dir}/secret.csv')",
    "SELECT * FROM glob('{dir}/*')",
    "SELECT * FROM '{dir}/secret.csv'",
    "FROM '{dir}/secret.csv'",
    "SELECT * FROM \"{dir}/secret.csv\"",
    "SELECT * FROM events, '{dir}/secret.csv'",
    "SELECT * FROM \"read_csv\"('{dir}/secret.csv')",
    "SELECT * FROM read_csv /* a comment */ ('{dir}/secret.csv')",
    "SELECT * FROM query('SELECT * FROM read_csv(''{dir}/secret.csv'')')",
    "SELECT * FROM query_table('{dir}/secret.csv')",
    "SUMMARIZE '{dir}/secret.csv'",
    "SELECT 1 FROM events WHERE 1 IN (SELECT * FROM '{dir}/secret.csv')",
    "WITH t AS (SELECT 1) FROM '{dir}/secret.csv'",
]


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("sql")
    db = folder / "store.duckdb"
    with Store(db) as s:
        s.ingest([make_extraction("a1", TEXT_A)])
    (folder / "secret.csv").write_text(f"x\n{SECRET}\n", encoding="utf-8")
    return db


def _fingerprint(db: Path) -> tuple[bytes, bool]:
    """The store file's bytes and whether a write-ahead log sits beside it."""
    return db.read_bytes(), Path(f"{db}.wal").exists()


@pytest.mark.parametrize("query", REFUSED)
def test_reliability_sql_refuses_with_a_clear_message(query: str, store: Path,
                                                      capsys: pytest.CaptureFixture[str]) -> None:
    before = _fingerprint(store)
    code = main(["sql", query.format(dir=store.parent), "--db", str(store)])
    out, err = capsys.readouterr()
    assert code == 2
    assert err.startswith("dyad: error:") and "Traceback" not in err
    assert SECRET not in out + err
    assert _fingerprint(store) == before  # not a byte written
    assert not (store.parent / "leak.csv").exists() and not (store.parent / "dump").exists()


def test_reliability_sql_still_answers_selects(store: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sql", "SELECT count(*) AS n FROM articles", "--db", str(store), "--format",
                 "csv"]) == 0
    assert capsys.readouterr().out.split() == ["n", "1"]
    with Store(store, read_only=True) as s:
        assert s.counts()["articles"] == 1 and s.counts()["events"] == 1
