"""Crash safety and concurrency of `dyad ingest`, end to end through the command line.

* Kill and rerun: `dyad ingest` over 2,000 short articles is killed with SIGKILL once the store
  shows some articles, then run again; the store must hold every article exactly once, each
  with all of its rows (the same rows, table by table and article by article, as a clean run
  that was never interrupted — which runs at the same time, on the other core).
* Readers during an ingest: `dyad events` gets rows or a clear "store is busy" message naming
  the store (exit 2), never a traceback, and the store reads back whole afterwards.
"""

from __future__ import annotations

import json
import os
import random
import re
import signal
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import duckdb
import pytest

from tests.reliability.helpers import cli_has

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not cli_has("ingest"), reason="`dyad ingest` not available yet")]

ROOT = Path(__file__).resolve().parents[2]
COUNTRIES = ("Kenya", "Peru", "Chile", "Norway", "Japan", "Brazil", "Egypt", "Canada", "Mexico",
             "India", "Ghana", "Poland", "Spain", "Turkey", "Sweden", "Vietnam")
VERBS = ("accused", "met", "criticised", "praised", "threatened", "condemned", "visited",
         "thanked")
DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")
ARTICLE_TABLES = ("articles", "actors", "mentions", "events", "event_actors", "quotes", "dates",
                  "negotiations", "negotiation_members", "negotiation_evidence")


def write_corpus(path: Path, n: int) -> Path:
    """n short distinct news articles as JSONL (ids a00000 ...)."""
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            a, b = COUNTRIES[i % len(COUNTRIES)], COUNTRIES[(i * 7 + 3) % len(COUNTRIES)]
            if a == b:
                b = COUNTRIES[(i + 1) % len(COUNTRIES)]
            text = (f"{a} {VERBS[i % len(VERBS)]} {b} on {DAYS[i % len(DAYS)]}, the foreign "
                    f"minister of {a} said in report {i}.")
            fh.write(json.dumps({"id": f"a{i:05d}", "text": text, "published": "2022-03-01"})
                     + "\n")
    return path


def start_ingest(corpus: Path, db: Path) -> subprocess.Popen[bytes]:
    """`dyad ingest` in its own process group; its stderr goes to `<db>.log`.

    NLP batches of 200 make the ingest pause between bursts of commits long enough to release
    the file (see dyad.store.store.IDLE_RELEASE) even on a fast machine, so a reader can see
    the store fill up; every run here uses the same settings.
    """
    config = corpus.parent / "dyad.toml"
    if not config.exists():
        config.write_text("[dyad]\nbatch_size = 200\n", encoding="utf-8")
    with Path(f"{db}.log").open("ab") as log:
        return subprocess.Popen(
            [sys.executable, "-m", "dyad", "ingest", str(corpus), "--db", str(db),
             "--processes", "1", "--config", str(config)],
            stdout=subprocess.DEVNULL, stderr=log, cwd=ROOT, start_new_session=True)


def stored_articles(db: Path) -> int | None:
    """Articles in the store now; None while a writer holds the file."""
    if not db.exists():
        return None
    try:
        with duckdb.connect(str(db), read_only=True) as con:
            return int(con.execute("SELECT count(*) FROM articles").fetchall()[0][0])
    except duckdb.Error:
        return None


def per_article_rows(db: Path) -> dict[str, dict[str, Any]]:
    """table → {article id: row count}, and the article ids with their text hash."""
    out: dict[str, dict[str, Any]] = {}
    with duckdb.connect(str(db), read_only=True) as con:
        for table in ARTICLE_TABLES:
            key = "id" if table == "articles" else "article_id"
            out[table] = {str(k): int(n) for k, n in con.execute(
                f"SELECT {key}, count(*) FROM {table} GROUP BY {key}").fetchall()}
        out["text_hash"] = {i: h for i, h in con.execute(
            "SELECT id, text_hash FROM articles").fetchall()}
        out["errors"] = {"total": int(con.execute("SELECT count(*) FROM errors").fetchall()[0][0])}
    return out


def finish(proc: subprocess.Popen[bytes], db: Path, timeout: float = 300) -> tuple[int, str]:
    """Exit code and stderr of an ingest into `db`."""
    proc.wait(timeout=timeout)
    return proc.returncode, Path(f"{db}.log").read_text("utf-8", errors="replace")


def test_reliability_ingest_killed_and_rerun_equals_clean_run(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 2000)
    crashed, clean = tmp_path / "crashed.duckdb", tmp_path / "clean.duckdb"
    clean_run = start_ingest(corpus, clean)
    first = start_ingest(corpus, crashed)
    try:
        seen, deadline = None, time.monotonic() + 240
        while time.monotonic() < deadline and first.poll() is None:
            seen = stored_articles(crashed)
            if seen is not None and seen >= 100:
                break
            time.sleep(0.2)
        assert first.poll() is None, "the ingest ended before it could be killed: " + finish(
            first, crashed)[1][-3000:]
        assert seen is not None and 100 <= seen < 2000, seen
        delay = random.uniform(0.0, 1.5)  # land the kill anywhere: NLP, a commit, a release
        time.sleep(delay)
        os.killpg(first.pid, signal.SIGKILL)
        first.wait(timeout=30)
    finally:
        if first.poll() is None:
            os.killpg(first.pid, signal.SIGKILL)
            first.wait()
    assert first.returncode == -signal.SIGKILL, f"exit {first.returncode} (kill after {delay:.2f}s)"
    killed_at = stored_articles(crashed)
    assert killed_at is not None and seen <= killed_at < 2000, (seen, killed_at, delay)

    Path(f"{crashed}.log").write_bytes(b"")
    rerun_code, rerun_err = finish(start_ingest(corpus, crashed), crashed)
    clean_code, clean_err = finish(clean_run, clean)
    assert rerun_code == 0 and "Traceback" not in rerun_err, rerun_err[-3000:]
    assert clean_code == 0 and "Traceback" not in clean_err, clean_err[-3000:]

    resumed = re.search(r"(\d+) new, (\d+) replaced, (\d+) unchanged", rerun_err)
    assert resumed, rerun_err[-2000:]  # the rerun skipped what was stored, before the NLP
    assert tuple(map(int, resumed.groups())) == (2000 - killed_at, 0, killed_at)
    print(f"crash: killed {delay:.2f}s after the store showed {seen} articles; "
          f"{killed_at} stored at the kill; rerun: {resumed.group(0)}")

    got, want = per_article_rows(crashed), per_article_rows(clean)
    assert len(got["articles"]) == 2000 and set(got["articles"].values()) == {1}  # no duplicate
    for table in (*ARTICLE_TABLES, "text_hash", "errors"):
        diff = {k for k in set(got[table]) | set(want[table])
                if got[table].get(k) != want[table].get(k)}
        assert not diff, f"{table}: articles whose rows differ from a clean run: {sorted(diff)[:10]}"


def test_reliability_readers_during_ingest_get_rows_or_busy(tmp_path: Path) -> None:
    corpus = write_corpus(tmp_path / "corpus.jsonl", 300)
    db = tmp_path / "store.duckdb"
    ingest = start_ingest(corpus, db)
    outcomes: list[str] = []
    try:
        while ingest.poll() is None and not db.exists():
            time.sleep(0.1)
        while ingest.poll() is None or not outcomes:
            reader = subprocess.run(
                [sys.executable, "-m", "dyad", "events", "--db", str(db), "--format", "json",
                 "--busy-timeout", "0.5"], capture_output=True, text=True, cwd=ROOT, timeout=120)
            assert "Traceback" not in reader.stderr, reader.stderr
            if reader.returncode == 0:
                assert isinstance(json.loads(reader.stdout), list)
                outcomes.append("rows")
            else:
                assert reader.returncode == 2, (reader.returncode, reader.stderr)
                assert "busy" in reader.stderr and str(db) in reader.stderr, reader.stderr
                outcomes.append("busy")
    finally:
        code, err = finish(ingest, db)
    assert code == 0 and "Traceback" not in err, err[-3000:]
    assert outcomes
    print(f"readers during ingest: {outcomes.count('rows')} got rows, "
          f"{outcomes.count('busy')} were told the store is busy")
    with duckdb.connect(str(db), read_only=True) as con:
        assert con.execute("SELECT count(*), count(DISTINCT id) FROM articles").fetchone() == (300, 300)
    final = subprocess.run([sys.executable, "-m", "dyad", "events", "--db", str(db), "--format",
                            "json"], capture_output=True, text=True, cwd=ROOT, timeout=120)
    assert final.returncode == 0 and json.loads(final.stdout), final.stderr


def test_reliability_reader_of_a_held_store_is_told_busy(tmp_path: Path) -> None:
    db = tmp_path / "held.duckdb"
    holder = subprocess.Popen(
        [sys.executable, "-c", "import sys, time\nfrom dyad.store import Store\n"
         "store = Store(sys.argv[1])\nstore.con\nprint('holding', flush=True)\ntime.sleep(120)\n",
         str(db)], stdout=subprocess.PIPE, text=True, cwd=ROOT)
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "holding"
        reader = subprocess.run(
            [sys.executable, "-m", "dyad", "events", "--db", str(db), "--busy-timeout", "0.5"],
            capture_output=True, text=True, cwd=ROOT, timeout=120)
    finally:
        holder.kill()
        holder.communicate()
    assert reader.returncode == 2 and "Traceback" not in reader.stderr, reader.stderr
    assert reader.stderr.startswith("dyad: error:")
    assert f"store {db} is busy" in reader.stderr, reader.stderr
