"""The store commands of the CLI: thin wrappers, clean messages, exit codes."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

import pytest

from dyad.cli import main
from dyad.store import Store
from tests.store.sample_records import TEXT_A, TEXT_B, make_extraction


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = tmp_path_factory.mktemp("cli") / "cli.duckdb"
    with Store(path) as store:
        store.ingest([make_extraction("a1", TEXT_A), make_extraction("b1", TEXT_B, "2022-03-02")])
    return str(path)


def _run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_cli_events_as_json_csv_and_table(db: str, capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "events", "--db", db, "--actor", "Berg", "--format", "json")
    assert code == 0 and [e["article_id"] for e in json.loads(out)] == ["a1", "b1"]
    code, out, _ = _run(capsys, "events", "--db", db, "--clusters", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0 and rows[0]["num_mentions"] == "2" and rows[0]["num_articles"] == "2"
    code, out, _ = _run(capsys, "events", "--db", db, "--type", "ACCUSE")
    assert code == 0 and out.strip().endswith("(0 rows)")


@pytest.mark.parametrize("argv,expect", [
    (("quotes", "--speaker", "Anna Berg"), "Anna Berg"),
    (("actors", "--kind", "person"), "anna-berg@RUR"),
    (("timeline", "--actor", "NOR"), "CONSULT"),
    (("dyads",), "verbal_coop"),
    (("table",), "seeking a seat  EU"),
    (("sql", "SELECT count(*) AS n FROM articles"), "2"),
])
def test_cli_query_commands(db: str, capsys: pytest.CaptureFixture[str],
                            argv: tuple[str, ...], expect: str) -> None:
    code, out, _ = _run(capsys, *argv, "--db", db)
    assert code == 0 and expect in out


def test_cli_limit_and_offset_page_through_rows(db: str,
                                               capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _run(capsys, "sql", "--db", db, "SELECT id FROM articles ORDER BY id",
                        "--format", "json", "--limit", "1", "--offset", "1")
    assert code == 0 and json.loads(out) == [{"id": "b1"}]
    _, out, _ = _run(capsys, "events", "--db", db, "--format", "json")
    every = [e["article_id"] for e in json.loads(out)]
    _, out, _ = _run(capsys, "events", "--db", db, "--format", "json", "--offset", "1")
    assert [e["article_id"] for e in json.loads(out)] == every[1:]
    with pytest.raises(SystemExit):
        main(["events", "--db", db, "--offset", "-1"])
    assert "must be 0 or more, got -1" in capsys.readouterr().err


def test_cli_sql_refuses_writes_with_a_clear_message(db: str,
                                                     capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "sql", "--db", db, "DROP TABLE events")
    assert code == 2 and "only SELECT queries" in err and "DROP" in err
    code, _, err = _run(capsys, "sql", "--db", db, "SELECT * FROM read_text('/etc/passwd')")
    assert code == 2 and "read_text() reads files" in err


def test_cli_missing_store_is_a_clean_error(tmp_path: Path,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, _, err = _run(capsys, "events", "--db", str(tmp_path / "none.duckdb"))
    assert code == 2 and "no store at" in err


@pytest.mark.parametrize("fmt,out_name,lines", [
    ("plover-json", "events.jsonl", 2), ("gdelt-tsv", "events.tsv", 1), ("csv", "events.csv", 3),
])
def test_cli_export_formats(db: str, tmp_path: Path, capsys: pytest.CaptureFixture[str],
                            fmt: str, out_name: str, lines: int) -> None:
    out = tmp_path / out_name
    code, _, err = _run(capsys, "export", "--db", db, "--format", fmt, "--out", str(out))
    assert code == 0 and "exported" in err
    assert len(out.read_text("utf-8").splitlines()) == lines


def test_cli_export_parquet_and_import(db: str, tmp_path: Path,
                                       capsys: pytest.CaptureFixture[str]) -> None:
    code, _, _ = _run(capsys, "export", "--db", db, "--format", "parquet", "--out",
                      str(tmp_path / "ds"))
    assert code == 0
    copy = str(tmp_path / "copy.duckdb")
    code, _, err = _run(capsys, "import-parquet", str(tmp_path / "ds"), "--db", copy)
    assert code == 0 and "2 new" in err
    with Store(copy, read_only=True) as a, Store(db, read_only=True) as b:
        assert a.counts() == b.counts()


@pytest.mark.slow
def test_cli_ingest_twice_adds_nothing_the_second_time(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "talks.txt").write_text("Norway's foreign minister met the Danish prime minister in "
                                   "Oslo on Monday.", encoding="utf-8")
    (src / "empty.txt").write_text("  ", encoding="utf-8")
    db = str(tmp_path / "ing.duckdb")
    argv = ["ingest", str(src), "--db", db, "--processes", "1", "--published", "2022-03-01"]
    code, _, err = _run(capsys, *argv)
    assert code == 0 and "1 new" in err and "1 rejected" in err
    with Store(db, read_only=True) as store:
        counts = store.counts()
    code, _, err = _run(capsys, *argv)
    assert code == 0 and "1 unchanged" in err
    with Store(db, read_only=True) as store:
        assert store.counts() == counts and counts["errors"] == 1
