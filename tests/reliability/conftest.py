"""The reliability suite's tally: every bad-input kind tried, whether it was handled, and how
many input records were lost, printed as one line at the end of the run:

    reliability: tried 47 / handled 47 / lost 0

A kind is *handled* when every one of its records came out as its defined outcome (an output
or a rejection naming the record and the reason) through every surface it was run through
(`dyad extract`, `dyad ingest`). A record is *lost* when no surface accounted for it: input
count − outputs − rejections, summed over kinds and surfaces.
"""

from __future__ import annotations

import pytest

from tests.reliability.tally import TALLY, Tally


@pytest.fixture(scope="session")
def tally() -> Tally:
    """The session's reliability tally (printed by pytest_terminal_summary)."""
    return TALLY


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    if not TALLY.handled:
        return
    terminalreporter.write_sep("-", "reliability")
    terminalreporter.write_line(TALLY.line())
    failed = sorted(k for k, ok in TALLY.handled.items() if not ok)
    if failed:
        terminalreporter.write_line(f"reliability: not handled: {', '.join(failed)}")
