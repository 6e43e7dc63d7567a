"""The Spark job's output layout: the store's tables, as the store's own Parquet export has them.

A Spark run writes what `dyad export --format parquet` writes — `<table>/published_date=
YYYY-MM-DD/*.parquet` for every article table of the store, `errors/`, and
`event_clusters/first_day=.../` — with the store's column names and types, so that
`dyad import-parquet` loads it with no conversion. The rows come from
`dyad.store.store.extraction_rows`, the store's own record → row mapping, and the column types
from the store's schema (an in-memory DuckDB migrated to the current version): neither is
restated here.

This module knows records, store rows and Spark types; no Doc, and pyspark is imported only
inside the functions that build Spark types.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from functools import cache
from typing import TYPE_CHECKING, Any

from dyad.distributed.dedup import DYAD_COLUMNS, event_dyads
from dyad.store.store import ARTICLE_TABLES, COLUMNS, extraction_rows
from dyad.types import Extraction, Rejected

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.sql.types import DataType, StructType

PARTITION_COLUMN = "published_date"
ERRORS_TABLE = "errors"
DYADS = "event_dyads"
# One row per input record holds, per table, the list of that record's rows.
NESTED_TABLES: tuple[str, ...] = (*ARTICLE_TABLES, ERRORS_TABLE, DYADS)


@cache
def store_columns() -> dict[str, tuple[tuple[str, str], ...]]:
    """(column, DuckDB type) of every store table in `COLUMNS` order, from the migrated schema."""
    from dyad.store import Store

    with Store(":memory:") as store:
        types = {(t, c): ty for t, c, ty in store.con.execute(
            "SELECT table_name, column_name, data_type FROM information_schema.columns").fetchall()}
    return {t: tuple((c, types[(t, c)]) for c in cols) for t, cols in COLUMNS.items()}


def nested_row(result: Extraction | Rejected) -> tuple[Any, ...]:
    """One input record as one row: its publication day, then a list of rows per NESTED_TABLES."""
    if isinstance(result, Rejected):
        error = (result.location, result.reason, result.record_id, result.kind, result.language)
        return (None, *([] for _ in ARTICLE_TABLES), [error], [])
    rows = extraction_rows(result)
    day: date | None = rows["articles"][0][COLUMNS["articles"].index(PARTITION_COLUMN)]
    return (day, *(rows[t] for t in ARTICLE_TABLES), [], list(event_dyads(result)))


def nested_schema() -> StructType:
    """The Spark schema of `nested_row`."""
    from pyspark.sql.types import ArrayType, DateType, StructField, StructType

    return StructType([StructField(PARTITION_COLUMN, DateType(), True)] + [
        StructField(t, ArrayType(table_schema(t), containsNull=False), False)
        for t in NESTED_TABLES])


@cache
def nested_arrow_schema() -> pa.Schema:
    """`nested_schema` as Arrow, the form `mapInArrow` returns rows in."""
    from pyspark.sql.pandas.types import to_arrow_schema

    return to_arrow_schema(nested_schema())


def nested_batch(rows: Sequence[tuple[Any, ...]], schema: pa.Schema) -> pa.RecordBatch:
    """`nested_row`s as one Arrow record batch of `schema` (`nested_arrow_schema()`)."""
    import pyarrow as pa

    columns = list(zip(*rows, strict=True))
    return pa.RecordBatch.from_arrays(
        [pa.array(values, type=field.type) for values, field in zip(columns, schema, strict=True)],
        schema=schema)


def table_schema(table: str) -> StructType:
    """The Spark struct of one store table's row (or of the dedup's dyad rows)."""
    from pyspark.sql.types import StructField, StructType

    columns = DYAD_COLUMNS if table == DYADS else store_columns()[table]
    return StructType([StructField(c, _spark_type(ty), True) for c, ty in columns])


def column_names(table: str) -> Sequence[str]:
    return [c for c, _ in DYAD_COLUMNS] if table == DYADS else COLUMNS[table]


def _spark_type(duck: str) -> DataType:
    from pyspark.sql import types as T

    if duck.endswith("[]"):
        return T.ArrayType(_spark_type(duck[:-2]), containsNull=True)
    simple: dict[str, DataType] = {
        "VARCHAR": T.StringType(), "INTEGER": T.IntegerType(), "BIGINT": T.LongType(),
        "DOUBLE": T.DoubleType(), "BOOLEAN": T.BooleanType(),
        "DATE": T.DateType(), "TIMESTAMP": T.TimestampType(),
    }
    if duck not in simple:
        raise TypeError(f"store column type {duck!r} has no Spark type; add it to "
                        "dyad.distributed.tables._spark_type")
    return simple[duck]


__all__ = ["DYADS", "ERRORS_TABLE", "NESTED_TABLES", "PARTITION_COLUMN", "column_names",
           "nested_arrow_schema", "nested_batch", "nested_row", "nested_schema", "store_columns", "table_schema"]
