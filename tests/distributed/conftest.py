"""One real SparkSession in local[2] mode for every Spark test (started once, stopped at the end)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

from dyad.distributed import job


@pytest.fixture(scope="session")
def spark() -> Iterator[Any]:
    session = job.session("local[2]", partitions=2)
    yield session
    session.stop()
