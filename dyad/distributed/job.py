"""The Spark job: dyad over a corpus on a cluster, writing the store's tables as Parquet.

    dyad spark corpus.jsonl out/                                  # local[*]
    spark-submit --master yarn .../dyad/distributed/job.py s3a://bucket/news/ s3a://bucket/dyad/
    dyad import-parquet out/ --db news.duckdb                     # browse it with dyad

Reads JSONL, Parquet (columns `text` or `html`, optional `id`, `published`, `title`, `url`,
`source`, `language`) or a directory of text/HTML files, through the same validation as
`dyad.readers`. Spark reads the raw records and spreads them over the partitions; one Python
pass per partition (`mapInArrow`) validates them and runs `dyad.api.process` with one pipeline
per executor Python worker, built lazily on first use and kept for the worker's life, and
returns the results as Arrow batches of one nested row per record. The results are cached once
and written in the layout of `dyad.distributed.tables` (the store's Parquet export: every
article table partitioned by `published_date`, `errors/`, `event_clusters/`), then the
cross-article dedup runs as a Spark stage (`dyad.distributed.dedup`). The driver never sees a
Doc or an article: everything runs on the executors. Needs the `spark` extra (pyspark);
nothing else in dyad imports this module.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from dyad.config import Settings
from dyad.distributed.dedup import CLUSTERS_SQL, MEMBERS_SQL
from dyad.distributed.tables import (
    DYADS,
    ERRORS_TABLE,
    PARTITION_COLUMN,
    column_names,
    nested_arrow_schema,
    nested_batch,
    nested_row,
    nested_schema,
)
from dyad.errors import ConfigError, InputError
from dyad.readers import METADATA_FIELDS
from dyad.store.store import ARTICLE_TABLES
from dyad.types import Article, Rejected

if TYPE_CHECKING:
    import pyarrow as pa
    from pyspark.rdd import RDD
    from pyspark.sql import DataFrame, SparkSession

INPUT_FORMATS = ("auto", "jsonl", "parquet", "text")
# The JVM of a local session: in local mode it only moves rows between Python workers and
# Parquet files, on the cores the workers need. The quick compiler alone (no C2) and one GC
# thread halve its CPU time (400 articles on 2 cores: 62 → 34 CPU-s, the run 56 → 49 s).
LOCAL_JAVA_OPTIONS = "-XX:TieredStopAtLevel=1 -XX:+UseSerialGC"
# Table writes submitted to Spark at once (see `write_all`).
CONCURRENT_WRITES = 6

# One pipeline per executor Python worker, for the settings it was built with.
_worker_pipeline: tuple[Settings, Any] | None = None


@dataclass(frozen=True, slots=True)
class SparkRunSummary:
    """What a Spark run wrote."""

    articles: int
    events: int
    quotes: int
    rejected: int
    clusters: int
    output: str

    def line(self) -> str:
        return (f"{self.articles:,} articles, {self.events:,} events, {self.quotes:,} quotes, "
                f"{self.rejected:,} rejected, {self.clusters:,} event clusters → {self.output}")


# ---------------------------------------------------------------- entry points


def run(spark: SparkSession, input_path: str, output: str, *, settings: Settings | None = None,
        published: str | None = None, input_format: str = "auto", partitions: int | None = None,
        overwrite: bool = False) -> SparkRunSummary:
    """Process `input_path` and write every table under `output`; returns the counts."""
    from pyspark import StorageLevel
    from pyspark.sql import functions as F

    settings = settings or Settings()
    _check_output(output, overwrite)
    fmt, records = read_records(spark, input_path, input_format)
    n_parts = partitions or 2 * spark.sparkContext.defaultParallelism
    max_chars = settings.max_chars
    # One Python pass per record: validation and the pipeline, Arrow batches back to the JVM.
    # Cached so that every table below reads the results of one pipeline run.
    schema = nested_arrow_schema()
    nested = records.repartition(n_parts).mapInArrow(
        lambda batches: extract_batches(batches, fmt, settings, published, max_chars, schema),
        nested_schema()).persist(StorageLevel.MEMORY_AND_DISK)
    mode = "overwrite" if overwrite else "errorifexists"
    clusters: DataFrame | None = None
    try:
        # The counts run the pipeline once and fill the cache; every table is then written
        # from it by concurrent Spark jobs.
        counts = nested.select(
            F.coalesce(F.sum(F.size("articles")), F.lit(0)).alias("articles"),
            F.coalesce(F.sum(F.size("events")), F.lit(0)).alias("events"),
            F.coalesce(F.sum(F.size("quotes")), F.lit(0)).alias("quotes"),
            F.coalesce(F.sum(F.size(ERRORS_TABLE)), F.lit(0)).alias("rejected"),
        ).first()
        # Clusters are small: summed once into the cache, counted, and written with the rest.
        members = cluster_members(spark, table_frame(nested, DYADS))
        clusters = cluster_summary(spark, members).persist(StorageLevel.MEMORY_AND_DISK)
        n_clusters = clusters.count()
        writes: list[tuple[DataFrame, str, str | None]] = [
            (table_frame(nested, t), f"{output}/{t}", PARTITION_COLUMN) for t in ARTICLE_TABLES]
        writes += [(table_frame(nested, ERRORS_TABLE), f"{output}/{ERRORS_TABLE}", None),
                   (members, f"{output}/event_cluster_members", None),
                   (clusters, f"{output}/event_clusters", "first_day")]
        write_all(writes, mode)
    finally:
        nested.unpersist()
        if clusters is not None:
            clusters.unpersist()
    assert counts is not None
    return SparkRunSummary(int(counts["articles"]), int(counts["events"]), int(counts["quotes"]),
                           int(counts["rejected"]), int(n_clusters), output)


def main(argv: Sequence[str] | None = None) -> int:
    """The spark-submit entry point: `job.py INPUT OUTPUT [options]` is `dyad spark ...`."""
    from dyad.cli import main as cli_main

    return cli_main(["spark", *(sys.argv[1:] if argv is None else argv)])


def session(master: str | None = None, *, app_name: str = "dyad",
            partitions: int | None = None) -> SparkSession:
    """A SparkSession; local runs use this Python for the workers and quiet logs."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        raise ConfigError("Apache Spark support needs pyspark: pip install 'dyad[spark]' "
                          "(and Java 17 or newer on the PATH)") from None
    builder = SparkSession.builder.appName(app_name)
    under_submit = "PYSPARK_GATEWAY_PORT" in os.environ  # spark-submit started this Python
    if master or not under_submit:
        master = master or "local[*]"
        builder = builder.master(master)
        if master.startswith("local"):
            # Local workers must run this very interpreter (the one with dyad installed).
            os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
            from dyad.distributed.localfs import local_fs_conf

            for key, value in local_fs_conf().items():  # no `chmod` process per file written
                builder = builder.config(key, value)
            if not _driver_java_options_given():
                builder = builder.config("spark.driver.extraJavaOptions", LOCAL_JAVA_OPTIONS)
    if partitions:
        builder = builder.config("spark.sql.shuffle.partitions", str(partitions))
    builder = builder.config("spark.ui.showConsoleProgress", str(sys.stderr.isatty()).lower())
    # Task output is moved into place once, not twice: thousands of small day files commit faster.
    builder = builder.config("spark.hadoop.mapreduce.fileoutputcommitter.algorithm.version", "2")
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("WARN")
    return spark


def _driver_java_options_given() -> bool:
    """Whether the user set the driver JVM's options (then dyad leaves them alone)."""
    submit_args = os.environ.get("PYSPARK_SUBMIT_ARGS", "")
    if "extraJavaOptions" in submit_args or "--driver-java-options" in submit_args:
        return True
    conf_dir = os.environ.get("SPARK_CONF_DIR") or (
        os.path.join(os.environ["SPARK_HOME"], "conf") if "SPARK_HOME" in os.environ else None)
    defaults = Path(conf_dir or "/nonexistent") / "spark-defaults.conf"
    try:
        return "spark.driver.extraJavaOptions" in defaults.read_text("utf-8", errors="replace")
    except OSError:
        return False


# ---------------------------------------------------------------- reading

# Location of a row read by Spark: its file, input partition and place in that partition
# (`monotonically_increasing_id` holds the partition in its upper 31 bits).
_ROW_BITS = 33
# Parquet columns a record may use (`dyad.readers.record_item`); others are not read.
PARQUET_FIELDS = tuple(dict.fromkeys(("id", "text", "html", "published", "date", *METADATA_FIELDS)))


def read_items(spark: SparkSession, path: str, *, input_format: str = "auto",
               published: str | None = None, max_chars: int = 1_000_000) -> RDD[Article | Rejected]:
    """Articles (or Rejected) from the input, validated like `dyad.readers` does."""
    fmt, frame = read_records(spark, path, input_format)
    return frame.rdd.mapPartitions(
        lambda rows: record_items(fmt, (r.asDict() for r in rows), published, max_chars))


def read_records(spark: SparkSession, path: str,
                 input_format: str = "auto") -> tuple[str, DataFrame]:
    """The input's format and its raw records, not yet validated: for JSONL `location` and
    `value` (a line), for Parquet `location` and the record's columns, for a directory of files
    `path` and `content`. `record_items` turns the rows into articles."""
    fmt = input_format if input_format != "auto" else detect_format(path)
    if fmt == "jsonl":
        lines = spark.read.text(path)
        return fmt, lines.select(_location(" line "), "value")
    if fmt == "parquet":
        rows = spark.read.parquet(path)
        fields = [c for c in PARQUET_FIELDS if c in rows.columns]
        if "text" not in fields and "html" not in fields:
            raise InputError(f"{path}: the Parquet input has no 'text' or 'html' column "
                             f"(columns: {', '.join(rows.columns[:12])})")
        return fmt, rows.select(_location(" row "), *fields)
    files = (spark.read.format("binaryFile").option("recursiveFileLookup", "true").load(path)
             .select("path", "content"))
    return "text", files


def _location(unit: str) -> Any:
    """'<file> (partition P, line N)' for each row, computed where Spark reads it."""
    from pyspark.sql import functions as F

    row_id = F.monotonically_increasing_id()
    partition = F.shiftright(row_id, _ROW_BITS)
    number = row_id.bitwiseAND((1 << _ROW_BITS) - 1) + 1
    return F.concat(F.input_file_name(), F.lit(" (partition "), partition.cast("string"),
                    F.lit(f",{unit}"), number.cast("string"), F.lit(")")).alias("location")


def record_items(fmt: str, rows: Iterable[dict[str, Any]], published: str | None,
                 max_chars: int) -> Iterator[Article | Rejected]:
    """Articles (or Rejected) from `read_records` rows, as `dyad.readers` reads them.

    A repeated id is rejected when the earlier record came through the same call (one Spark
    task): ids are not compared across tasks."""
    from dyad.readers import jsonl_item, record_item

    seen: set[str] = set()
    for row in rows:
        if fmt == "jsonl":
            yield from jsonl_item(row["value"], row["location"], seen, published, max_chars)
        elif fmt == "parquet":
            location = row.pop("location")
            for key in ("published", "date"):
                if hasattr(row.get(key), "isoformat"):  # a Parquet date or timestamp column
                    row[key] = row[key].isoformat()
            yield from record_item({k: v for k, v in row.items() if v is not None},
                                   location, seen, published, max_chars)
        else:
            yield from _file_items(row["path"], bytes(row["content"]), published, max_chars)


def _file_items(path: str, data: bytes, published: str | None,
                max_chars: int) -> Iterator[Article | Rejected]:
    """One file of a directory as `dyad.readers.read_path` reads it, from its bytes."""
    import io

    from dyad.readers import read_file, shown_path

    location = shown_path(path.removeprefix("file:"))
    if Path(location).name.startswith("."):
        return
    yield from read_file(lambda mode: io.BytesIO(data), location, published=published,
                         max_chars=max_chars, in_directory=True)


def detect_format(path: str) -> str:
    """jsonl / parquet / text from a path's suffix or a local directory's files."""
    from dyad.readers import JSONL_SUFFIXES

    suffix = Path(path.rstrip("/")).suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return "jsonl"
    if suffix == ".parquet":
        return "parquet"
    local = Path(path.removeprefix("file://"))
    if local.is_dir():
        suffixes = {p.suffix.lower() for p in local.rglob("*") if p.is_file()
                    and not p.name.startswith((".", "_"))}
        if suffixes and suffixes <= {".parquet"}:
            return "parquet"
        if suffixes and suffixes <= set(JSONL_SUFFIXES):
            return "jsonl"
        return "text"
    if "://" in path:
        raise InputError(f"{path}: cannot tell the input format of a remote path; "
                         f"pass --format ({', '.join(INPUT_FORMATS[1:])})")
    raise InputError(f"{path}: no such file or directory")


# ---------------------------------------------------------------- processing

# Records turned into Python objects at once, and results per Arrow batch sent back to Spark:
# a worker holds few at a time.
RESULTS_PER_BATCH = 32


def extract_batches(batches: Iterable[pa.RecordBatch], fmt: str, settings: Settings,
                    published: str | None, max_chars: int,
                    schema: pa.Schema) -> Iterator[pa.RecordBatch]:
    """`mapInArrow` body: raw records in, one `tables.nested_row` per record out, as Arrow
    batches of `schema` (`tables.nested_arrow_schema()`, made on the driver: it is read from
    the store's DuckDB schema, which a worker need not open)."""
    from dyad.api import process

    rows = (row for batch in batches for start in range(0, batch.num_rows, RESULTS_PER_BATCH)
            for row in batch.slice(start, RESULTS_PER_BATCH).to_pylist())
    items = record_items(fmt, rows, published, max_chars)
    buffer: list[tuple[Any, ...]] = []
    for result in process(items, settings, nlp=worker_pipeline(settings)):
        buffer.append(nested_row(result))
        if len(buffer) >= RESULTS_PER_BATCH:
            yield nested_batch(buffer, schema)
            buffer = []
    if buffer:
        yield nested_batch(buffer, schema)


def worker_pipeline(settings: Settings) -> Any:
    """This Python worker's pipeline, built on first use (Spark reuses workers across tasks)."""
    global _worker_pipeline
    if _worker_pipeline is None or _worker_pipeline[0] != settings:
        from dyad.api import build_pipeline

        _worker_pipeline = (settings, build_pipeline(settings))
    return _worker_pipeline[1]


def cluster_members(spark: SparkSession, dyads: DataFrame) -> DataFrame:
    """Every dyad row (dedup.DYAD_COLUMNS) with its cluster key and id."""
    dyads.createOrReplaceTempView("event_dyads")
    return spark.sql(MEMBERS_SQL)


def cluster_summary(spark: SparkSession, members: DataFrame) -> DataFrame:
    """One row per cluster (the store's `event_clusters` columns) from `cluster_members`."""
    members.createOrReplaceTempView("event_cluster_members")
    return spark.sql(CLUSTERS_SQL)


# ---------------------------------------------------------------- writing


def table_frame(nested: DataFrame, table: str) -> DataFrame:
    """One table's rows (its columns, plus `published_date` for the other article tables)."""
    from pyspark.sql import functions as F

    rows = nested.select(PARTITION_COLUMN, F.explode(table).alias("r"))
    columns = [F.col(f"r.{c}").alias(c) for c in column_names(table)]
    if table in ARTICLE_TABLES and table != "articles":
        columns.append(F.col(PARTITION_COLUMN))
    return rows.select(*columns)


def write_all(writes: Sequence[tuple[DataFrame, str, str | None]], mode: str,
              concurrent: int = CONCURRENT_WRITES) -> None:
    """Write each (frame, path, partition column) as its own Spark job, `concurrent` at a time.

    A partitioned write of small tables spends its time per file and folder (file-system
    calls, the Parquet footer, the commit's renames) and in the driver's job commit, with the
    executors' cores partly idle; jobs submitted together keep them busy. The first failure is
    raised once all have ended."""
    from concurrent.futures import ThreadPoolExecutor

    with ThreadPoolExecutor(max_workers=max(1, concurrent), thread_name_prefix="dyad-write") as pool:
        futures = [pool.submit(_write, frame, path, mode, partition)
                   for frame, path, partition in writes]
    for future in futures:
        future.result()


def _write(frame: DataFrame, path: str, mode: str, partition: str | None) -> None:
    # Each file costs time whatever its size: gathering each day's rows in one task writes one
    # file per day, not one per (task, day).
    if partition:
        frame.repartition(partition).write.mode(mode).partitionBy(partition).parquet(path)
    else:
        frame.coalesce(1).write.mode(mode).parquet(path)


def _check_output(output: str, overwrite: bool) -> None:
    local = Path(output.removeprefix("file://"))
    if "://" not in output.removeprefix("file://") and local.exists() and any(local.iterdir()) \
            and not overwrite:
        raise InputError(f"{output}: output directory exists and is not empty; "
                         "pass --overwrite to replace its tables or choose a new directory")


if __name__ == "__main__":
    # Run through the importable module, so Spark ships functions by reference, not by value.
    from dyad.distributed.job import main as _main

    sys.exit(_main())
