"""Another process writing: readers get results or StoreBusyError; a killed ingest resumes."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
from pathlib import Path

import pytest

from dyad.errors import StoreBusyError
from dyad.store import Store

ROOT = Path(__file__).resolve().parents[2]

SCRIPT = textwrap.dedent("""
    import sys, time
    sys.path.insert(0, {root!r})
    from dyad.store import Store
    from dyad.store.ingest import ingest_items
    from dyad.types import Article
    from tests.store.sample_records import TEXT_A, fake_processor

    def slow(items, settings):
        for result in fake_processor(items, settings):
            time.sleep({delay})
            yield result

    arts = [Article(id=f"a{{i:04d}}", text=TEXT_A, published="2022-03-01") for i in range({n})]
    with Store({db!r}) as store:
        print("ready", flush=True)
        {hold}
        print(ingest_items(store, arts, processor=slow).line(), flush=True)
""")


def _start(db: Path, n: int, delay: float, hold: str = "") -> subprocess.Popen[str]:
    code = SCRIPT.format(root=str(ROOT), db=str(db), n=n, delay=delay, hold=hold or "pass")
    proc = subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True,
                            cwd=ROOT)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    return proc


def _finish(proc: subprocess.Popen[str], *, kill: bool = False) -> str:
    """Wait for (or kill) the process; what it printed after 'ready'."""
    assert proc.stdout is not None
    if kill:
        proc.kill()
    out = proc.stdout.read()
    proc.stdout.close()
    proc.wait()
    return out


@pytest.mark.slow
def test_concurrency_reader_gets_busy_error_while_a_writer_holds_the_store(
        tmp_path: Path) -> None:
    db = tmp_path / "busy.duckdb"
    proc = _start(db, 0, 0, hold="time.sleep(30)")
    try:
        with pytest.raises(StoreBusyError, match="is busy"):
            Store(db, read_only=True, busy_timeout=0.3)
    finally:
        _finish(proc, kill=True)


@pytest.mark.slow
def test_concurrency_reader_gets_results_during_a_slow_ingest(tmp_path: Path) -> None:
    db = tmp_path / "slow.duckdb"
    proc = _start(db, 12, 0.4)  # the NLP stand-in takes 0.4 s per article
    results: list[int] = []
    busy = 0
    try:
        while proc.poll() is None:
            try:
                with Store(db, read_only=True, busy_timeout=1.0) as store:
                    results.append(store.counts()["articles"])
            except StoreBusyError:
                busy += 1
            time.sleep(0.1)
    finally:
        _finish(proc, kill=True)
    assert results, f"no read succeeded during the ingest ({busy} busy)"
    assert results == sorted(results)


@pytest.mark.slow
def test_concurrency_killed_ingest_reruns_to_the_clean_result(tmp_path: Path) -> None:
    clean, crashed = tmp_path / "clean.duckdb", tmp_path / "crashed.duckdb"
    n = 400
    _finish(_start(clean, n, 0))
    proc = _start(crashed, n, 0.01)
    time.sleep(2.0)
    os.kill(proc.pid, signal.SIGKILL)
    _finish(proc)
    with Store(crashed, read_only=True) as store:
        partial = store.counts()["articles"]
    summary = _finish(_start(crashed, n, 0))
    assert f"{partial} unchanged" in summary
    with Store(clean, read_only=True) as a, Store(crashed, read_only=True) as b:
        assert a.counts() == b.counts()
        # every article complete: its own actors, mentions, events and quotes, no more
        per_article = ("SELECT count(*) FROM (SELECT article_id FROM mentions GROUP BY "
                       "article_id HAVING count(*) <> 2)")
        assert b.query(per_article).rows == [(0,)]
        assert b.query("SELECT count(*), count(DISTINCT article_id) FROM events").rows == [
            (n, n)]
    assert 0 <= partial <= n
