"""Checks that a user's SQL only reads the store: one SELECT, no file or network access.

`check_readonly_sql` refuses, with a `ReadOnlyError` naming what it found, anything but a
single SELECT (INSERT, UPDATE, DELETE, CREATE, ATTACH, COPY, INSTALL/LOAD, SET, PRAGMA, CALL,
EXPORT ...) and any call of a table function that reads files (read_csv, read_parquet,
read_text, glob, ...) or a quoted file name in FROM. It is the first of two locks: the
connection that runs the query is also opened read-only with external access disabled.
"""

from __future__ import annotations

import re

import duckdb

from dyad.errors import ReadOnlyError

# Table functions that read the file system or the network, by name or prefix.
_FILE_FUNCTIONS = re.compile(
    r"""\b(read_\w+|\w+_scan|\w+_metadata|parquet_schema|parquet_\w+|glob|sniff_csv|
         iceberg_\w+|delta_\w+|sqlite_\w+|postgres_\w+|mysql_\w+|duckdb_secrets|
         load_\w+|install_\w+)\s*\(""",
    re.IGNORECASE | re.VERBOSE)
# FROM 'file.csv' / JOIN "s3://..." : DuckDB reads a quoted path as a file.
_QUOTED_FROM = re.compile(r"\b(from|join)\s+'[^']*'", re.IGNORECASE)
_STRING = re.compile(r"'(?:[^']|'')*'")


def check_readonly_sql(sql: str) -> str:
    """The single SELECT statement in `sql`, or ReadOnlyError saying why it is refused."""
    try:
        statements = duckdb.extract_statements(sql)
    except duckdb.Error as err:
        raise ReadOnlyError(f"the query cannot be parsed: {err}") from None
    if len(statements) != 1:
        raise ReadOnlyError(f"give exactly one SELECT statement, got {len(statements)}")
    stmt = statements[0]
    if stmt.type != duckdb.StatementType.SELECT:
        kind = stmt.type.name
        raise ReadOnlyError(
            f"only SELECT queries may run on the store; this is a {kind} statement. dyad sql "
            "is read-only: it refuses writes, ATTACH, COPY, INSTALL/LOAD, SET and PRAGMA "
            "(use `dyad export` to write files)")
    query = stmt.query
    found = _FILE_FUNCTIONS.search(_STRING.sub("''", query))
    if found:
        raise ReadOnlyError(
            f"{found.group(1)}() reads files or the network; dyad sql only reads the store's "
            "tables (list them with: SELECT table_name FROM information_schema.tables)")
    if _QUOTED_FROM.search(query):
        raise ReadOnlyError("FROM 'path' reads a file; dyad sql only reads the store's tables")
    return query
