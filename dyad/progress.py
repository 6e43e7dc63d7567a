"""Progress of a run: a one-line bar on a terminal (articles/s, ETA) and a final summary.

`track(results, progress)` passes results through unchanged while counting them; the bar is
drawn on stderr only when stderr is a terminal, at most a few times a second, and is erased
before any other message (`Progress.write`). The summary line (articles, events, quotes,
rejected, elapsed) is for every run. This module only counts and prints: it never changes,
drops or reorders a result.
"""

from __future__ import annotations

import os
import sys
import time
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import TextIO

from dyad.readers import CSV_SUFFIXES, JSONL_SUFFIXES, KNOWN_SUFFIXES
from dyad.types import Extraction, Rejected

REDRAW_SECONDS = 0.2


@dataclass(frozen=True, slots=True)
class RunSummary:
    """What a run produced and how long it took."""

    articles: int
    events: int
    quotes: int
    rejected: int
    elapsed: float

    @property
    def rate(self) -> float:
        """Input records (articles and rejected) per second."""
        return (self.articles + self.rejected) / self.elapsed if self.elapsed > 0 else 0.0

    def line(self) -> str:
        return (f"{self.articles:,} articles, {self.events:,} events, {self.quotes:,} quotes, "
                f"{self.rejected:,} rejected in {format_duration(self.elapsed)} "
                f"({self.rate:,.1f} articles/s)")


class Progress:
    """Counts results; draws a bar on `stream` when it is a terminal (or `enabled=True`)."""

    def __init__(self, total: int | None = None, stream: TextIO | None = None,
                 enabled: bool | None = None) -> None:
        self.total = total
        self.stream = stream if stream is not None else sys.stderr
        self.enabled = _is_tty(self.stream) if enabled is None else enabled
        self.articles = self.events = self.quotes = self.rejected = 0
        self.started = time.monotonic()
        self._drawn_at = 0.0
        self._width = 0

    @property
    def done(self) -> int:
        return self.articles + self.rejected

    def update(self, result: Extraction | Rejected) -> None:
        if isinstance(result, Extraction):
            self.articles += 1
            self.events += len(result.events)
            self.quotes += len(result.quotes)
        else:
            self.rejected += 1
        now = time.monotonic()
        if self.enabled and now - self._drawn_at >= REDRAW_SECONDS:
            self._drawn_at = now
            self._draw(now)

    def bar(self, now: float | None = None) -> str:
        """The progress line: done (of total), articles/s, ETA when the total is known."""
        elapsed = (now if now is not None else time.monotonic()) - self.started
        rate = self.done / elapsed if elapsed > 0 else 0.0
        parts = []
        if self.total:
            pct = min(1.0, self.done / self.total)
            filled = int(pct * 20)
            parts.append(f"[{'#' * filled}{'.' * (20 - filled)}] {self.done:,}/{self.total:,}")
        else:
            parts.append(f"{self.done:,} articles")
        parts.append(f"{rate:,.1f} articles/s")
        if self.total and rate > 0 and self.done < self.total:
            parts.append(f"ETA {format_duration((self.total - self.done) / rate)}")
        parts.append(f"{self.events:,} events, {self.rejected:,} rejected")
        return "dyad: " + "  ".join(parts)

    def write(self, message: str) -> None:
        """Print a message line without garbling the bar."""
        self._clear()
        print(message, file=self.stream)
        if self.enabled and self.done:
            self._draw(time.monotonic())

    def summary(self) -> RunSummary:
        return RunSummary(self.articles, self.events, self.quotes, self.rejected,
                          time.monotonic() - self.started)

    def close(self) -> RunSummary:
        """Erase the bar and return the summary."""
        self._clear()
        return self.summary()

    def _draw(self, now: float) -> None:
        line = self.bar(now)
        pad = max(0, self._width - len(line))
        self.stream.write("\r" + line + " " * pad)
        self.stream.flush()
        self._width = len(line)

    def _clear(self) -> None:
        if self._width:
            self.stream.write("\r" + " " * self._width + "\r")
            self.stream.flush()
            self._width = 0


def track(results: Iterable[Extraction | Rejected],
          progress: Progress) -> Iterator[Extraction | Rejected]:
    """The same results, counted by `progress` as they pass."""
    for result in results:
        progress.update(result)
        yield result


def format_duration(seconds: float) -> str:
    """1.2s · 3m 05s · 2h 03m."""
    if seconds < 60:
        return f"{seconds:.1f}s"
    minutes, secs = divmod(round(seconds), 60)
    if minutes < 60:
        return f"{minutes}m {secs:02d}s"
    hours, minutes = divmod(minutes, 60)
    return f"{hours}h {minutes:02d}m"


def count_records(paths: Iterable[str | Path]) -> int | None:
    """How many input records the paths hold, for the ETA; None when it cannot be told cheaply.

    Counts text/HTML files as one record and non-blank JSONL lines as one each; CSV (quoted
    fields may span lines) and stdin make the count unknown.
    """
    total = 0
    for path in paths:
        if str(path) == "-":
            return None
        p = Path(path)
        if p.is_dir():
            files = sorted(x for x in p.rglob("*") if x.is_file() and not x.name.startswith(".")
                           and x.suffix.lower() in KNOWN_SUFFIXES)
        elif p.is_file():
            files = [p]
        else:
            total += 1  # a missing path is one rejected record
            continue
        for f in files:
            suffix = f.suffix.lower()
            if suffix in CSV_SUFFIXES:
                return None
            total += _count_lines(f) if suffix in JSONL_SUFFIXES else 1
    return total


def _count_lines(path: Path) -> int:
    n = 0
    with path.open("rb") as fh:
        for line in fh:
            n += bool(line.strip())
    return n


def _is_tty(stream: TextIO) -> bool:
    try:
        return stream.isatty() and os.environ.get("TERM") != "dumb"
    except (AttributeError, ValueError):
        return False


__all__ = ["Progress", "RunSummary", "count_records", "format_duration", "track"]
