"""The store's schema and its versioned migrations.

Each migration is a numbered SQL file in `dyad/store/migrations/` plus an optional Python
backfill that fills what SQL alone cannot compute. `migrate` applies the missing ones in
order, each in its own transaction, and records it in `schema_version`; a file written by a
newer dyad is refused rather than guessed at. This module must not know about records or
queries.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files

import duckdb

from dyad.errors import StoreError
from dyad.store.derive import derive_missing


@dataclass(frozen=True)
class Migration:
    """One schema step: `sql` (a file in dyad/store/migrations) then `backfill`, if any."""

    version: int
    name: str
    sql: str
    backfill: Callable[[duckdb.DuckDBPyConnection], None] | None = None

    def script(self) -> str:
        return (files("dyad.store") / "migrations" / self.sql).read_text("utf-8")


MIGRATIONS: tuple[Migration, ...] = (
    Migration(1, "initial", "001_initial.sql"),
    Migration(2, "cross_article", "002_cross_article.sql", derive_missing),
    Migration(3, "actor_mentions", "003_actor_mentions.sql"),
    Migration(4, "deterministic_ties", "004_deterministic_ties.sql"),
)
SCHEMA_VERSION = MIGRATIONS[-1].version


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    """The schema version of the open database; 0 for an empty one."""
    tables = {r[0] for r in con.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'"
    ).fetchall()}
    if "schema_version" not in tables:
        if tables:
            raise StoreError(
                f"the database holds tables ({', '.join(sorted(tables)[:5])}) but no "
                "schema_version table, so it is not a dyad store; pass --db with a new file name")
        return 0
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection, target: int = SCHEMA_VERSION) -> list[int]:
    """Apply the missing migrations up to `target`; the versions applied, in order."""
    version = current_version(con)
    if version > SCHEMA_VERSION:
        raise StoreError(f"the store is at schema version {version}, newer than this dyad "
                         f"(version {SCHEMA_VERSION}); upgrade dyad to read it")
    applied = []
    for step in MIGRATIONS:
        if step.version <= version or step.version > target:
            continue
        con.begin()
        try:
            con.execute("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, "
                        "name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT "
                        "current_timestamp)")
            con.execute(step.script())
            if step.backfill is not None:
                step.backfill(con)
            con.execute("INSERT INTO schema_version (version, name) VALUES (?, ?)",
                        [step.version, step.name])
            con.commit()
        except duckdb.Error as err:
            con.rollback()
            raise StoreError(f"migration {step.version:03d}_{step.name} failed: {err}; the "
                             f"store is left at version {version}") from err
        version = step.version
        applied.append(step.version)
    return applied
