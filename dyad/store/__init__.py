"""dyad's store: a DuckDB file with versioned schema, per-article ingest and read queries."""

from dyad.store.schema import SCHEMA_VERSION, migrate
from dyad.store.store import IngestSummary, QueryResult, Store, text_hash

__all__ = ["IngestSummary", "QueryResult", "SCHEMA_VERSION", "Store", "migrate", "text_hash"]
