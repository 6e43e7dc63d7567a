"""A populated store on a real DuckDB file for the export tests."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest

from dyad.store import Store
from dyad.types import Event, Rejected
from tests.store.sample_records import TEXT_A, TEXT_B, make_extraction, span


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Four articles (one undated, one with a tab in its source), five events, one error."""
    path = tmp_path_factory.mktemp("export") / "export.duckdb"
    c = make_extraction("c1", TEXT_B, "2022-05-01", source="Wire\tC")
    reject = Event(id="e2", type="REJECT", actor=("NOR",), recipient=(), status="asserted",
                   evidence=span(TEXT_B, "The EU was not invited."), trigger=span(TEXT_B, "not"))
    c = replace(c, events=c.events + (reject,))
    with Store(path) as store:
        store.ingest([make_extraction("a1", TEXT_A), make_extraction("b1", TEXT_B, "2022-03-02"),
                      c, make_extraction("u1", TEXT_A, None),
                      Rejected("in.jsonl:7", "invalid JSON", kind="input")])
    return path


@pytest.fixture
def store(store_path: Path) -> Iterator[Store]:
    with Store(store_path, read_only=True, external_access=True) as s:
        yield s
