"""dyad.progress: counting, the terminal bar, the summary line and the ETA's record count."""

from __future__ import annotations

import io
from pathlib import Path

from dyad.progress import Progress, count_records, format_duration, track
from dyad.types import Article, Event, Extraction, Quote, Rejected, TextSpan


def _extraction(n_events: int, n_quotes: int) -> Extraction:
    span = TextSpan("met", 0, 3)
    events = tuple(Event(id=f"e{i}", type="CONSULT", actor=("USA",), recipient=("RUS",),
                         status="asserted", evidence=span, trigger=span) for i in range(n_events))
    quotes = tuple(Quote(id=f"q{i}", text="met", start=0, end=3, kind="direct")
                   for i in range(n_quotes))
    return Extraction(article=Article(id="a", text="met"), events=events, quotes=quotes)


def test_progress_counts_results_and_passes_them_through_unchanged() -> None:
    results = [_extraction(2, 1), Rejected("x.jsonl:2", "empty text"), _extraction(1, 0)]
    progress = Progress(total=3, stream=io.StringIO())
    assert list(track(results, progress)) == results
    summary = progress.close()
    assert (summary.articles, summary.events, summary.quotes, summary.rejected) == (2, 3, 1, 1)
    assert summary.line().startswith("2 articles, 3 events, 1 quotes, 1 rejected in ")


def test_progress_draws_nothing_when_the_stream_is_not_a_terminal() -> None:
    out = io.StringIO()
    progress = Progress(total=2, stream=out)
    for _ in track([_extraction(1, 0), _extraction(0, 0)], progress):
        pass
    progress.close()
    assert out.getvalue() == ""


def test_progress_bar_shows_rate_and_eta_when_the_total_is_known() -> None:
    out = io.StringIO()
    progress = Progress(total=10, stream=out, enabled=True)
    progress.started -= 4.0  # pretend 4 s have passed
    progress.update(_extraction(3, 0))
    progress.update(_extraction(0, 0))
    bar = progress.bar(now=progress.started + 4.0)
    assert "2/10" in bar and "0.5 articles/s" in bar and "ETA 16.0s" in bar and "3 events" in bar
    assert out.getvalue().startswith("\rdyad: ")
    progress.write("dyad: rejected x: reason")
    assert "\ndyad: rejected x: reason\n" in out.getvalue().replace("\r", "\n")


def test_progress_bar_without_total_has_no_eta() -> None:
    progress = Progress(total=None, stream=io.StringIO())
    progress.update(_extraction(0, 0))
    assert "ETA" not in progress.bar() and "1 articles" in progress.bar()


def test_progress_count_records_reads_jsonl_lines_and_directories(tmp_path: Path) -> None:
    (tmp_path / "a.jsonl").write_text('{"id": 1, "text": "x"}\n\n{"id": 2, "text": "y"}\n')
    sub = tmp_path / "dir"
    sub.mkdir()
    (sub / "one.txt").write_text("one")
    (sub / "two.html").write_text("<html></html>")
    (sub / "skip.pdf").write_bytes(b"%PDF")
    assert count_records([tmp_path / "a.jsonl", sub]) == 4
    assert count_records([tmp_path / "missing.txt"]) == 1
    (tmp_path / "c.csv").write_text("id,text\n1,x\n")
    assert count_records([tmp_path / "c.csv"]) is None
    assert count_records(["-"]) is None


def test_progress_format_duration() -> None:
    assert format_duration(1.23) == "1.2s"
    assert format_duration(185) == "3m 05s"
    assert format_duration(7380) == "2h 03m"
