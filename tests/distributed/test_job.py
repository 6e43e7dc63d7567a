"""The Spark job, run for real in local[2] mode: its Parquet output equals `dyad extract`'s records.

One SparkSession (tests/distributed/conftest.py) and one job run serve the whole module (`corpus.jsonl` beside this file:
eight short articles written for these tests, one in French, one empty, and a broken line).
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import pyarrow as pa
import pyarrow.parquet as pq
import pytest

from dyad.api import extract, process
from dyad.config import Settings
from dyad.distributed import job
from dyad.distributed.dedup import DYAD_COLUMNS
from dyad.distributed.tables import table_schema
from dyad.errors import InputError
from dyad.readers import read_paths
from dyad.store import Store
from dyad.store.parquet import import_parquet
from dyad.store.store import ARTICLE_TABLES, COLUMNS, extraction_rows
from dyad.types import Article, Extraction, Rejected

CORPUS = Path(__file__).with_name("corpus.jsonl")
CLUSTER_COLUMNS = ("cluster_id", "type", "actor_id", "recipient_id", "first_day", "last_day",
                   "num_mentions", "num_articles", "num_sources")


@pytest.fixture(scope="module")
def local_results() -> list[Extraction | Rejected]:
    return list(extract([CORPUS], settings=Settings(), processes=1))


@pytest.fixture(scope="module")
def spark_run(spark: Any, tmp_path_factory: pytest.TempPathFactory,
              local_results: list[Extraction | Rejected]) -> tuple[Path, job.SparkRunSummary]:
    # Runs after `local_results`, so that both see the same code (the tree may be edited).
    out = tmp_path_factory.mktemp("spark") / "out"
    summary = job.run(spark, str(CORPUS), str(out), settings=Settings(), partitions=2)
    return out, summary


def _parquet(out: Path, table: str, columns: tuple[str, ...] | list[str]) -> list[tuple[Any, ...]]:
    pattern = str(out / table / "**" / "*.parquet")
    rows = duckdb.execute(f"SELECT {', '.join(columns)} FROM read_parquet('{pattern}', "
                          "hive_partitioning = true)").fetchall()
    return sorted(rows, key=repr)


def test_job_records_equal_dyad_extract(spark_run: tuple[Path, job.SparkRunSummary],
                                        local_results: list[Extraction | Rejected]) -> None:
    out, _ = spark_run
    extractions = [r for r in local_results if isinstance(r, Extraction)]
    assert len(extractions) == 6
    for table in ARTICLE_TABLES:
        # origin says where each run read the record ("file:12" vs a Spark partition)
        columns = [c for c in COLUMNS[table] if c != "origin"]
        keep = [COLUMNS[table].index(c) for c in columns]
        expected = sorted((tuple(row[i] for i in keep) for ex in extractions
                           for row in extraction_rows(ex)[table]), key=repr)
        assert _parquet(out, table, columns) == expected, table


def test_job_events_equal_dyad_extract(spark_run: tuple[Path, job.SparkRunSummary],
                                       local_results: list[Extraction | Rejected]) -> None:
    out, summary = spark_run
    local = sorted((ex.article.id, e.id, e.type, list(e.actor), list(e.recipient), e.status,
                    e.date, e.evidence.text) for ex in local_results
                   if isinstance(ex, Extraction) for e in ex.events)
    spark_events = _parquet(out, "events", ["article_id", "event_id", "type", "actor", "recipient",
                                            "status", "date", "evidence_text"])
    assert sorted(spark_events) == local
    assert summary.events == len(local) and summary.articles == 6


def test_job_partitions_every_article_table_by_publication_date(
        spark_run: tuple[Path, job.SparkRunSummary]) -> None:
    out, _ = spark_run
    for table in ARTICLE_TABLES:
        assert (out / table / "_SUCCESS").exists(), table
    days = {p.name for p in (out / "articles").iterdir() if p.is_dir()}
    assert {"published_date=2022-03-01", "published_date=2022-03-02",
            "published_date=2022-03-05"} <= days
    # s6 carries no publication date: Spark's null partition
    assert any("__HIVE_DEFAULT_PARTITION__" in d for d in days)


def test_job_records_every_rejected_input_with_its_reason(
        spark_run: tuple[Path, job.SparkRunSummary]) -> None:
    out, summary = spark_run
    errors = _parquet(out, "errors", ["record_id", "kind", "reason"])
    by_id = {rid: (kind, reason) for rid, kind, reason in errors}
    assert by_id["s7"][0] == "language" and "'fr'" in by_id["s7"][1]
    assert by_id["s8"] == ("input", "empty text: the record has no words to code")
    assert "invalid JSON" in by_id[None][1]
    assert summary.rejected == 3 == len(errors)
    # the broken line is named by its file, input partition and line in that partition
    (location,) = [loc for (loc,) in _parquet(out, "errors", ["location"]) if "line 9)" in loc]
    assert location.startswith("file:") and location.endswith("corpus.jsonl (partition 0, line 9)")


def test_job_clusters_equal_the_store_after_import(
        spark_run: tuple[Path, job.SparkRunSummary], local_results: list[Extraction | Rejected],
        tmp_path: Path) -> None:
    out, summary = spark_run
    spark_clusters = _parquet(out, "event_clusters", CLUSTER_COLUMNS)
    assert len(spark_clusters) == summary.clusters > 0
    cols = ", ".join(CLUSTER_COLUMNS)
    with Store(tmp_path / "imported.duckdb") as imported:
        import_parquet(imported, out)
        from_import = sorted(imported.con.execute(f"SELECT {cols} FROM event_clusters").fetchall(),
                             key=repr)
        assert imported.con.execute("SELECT count(*) FROM errors").fetchone() == (3,)
    with Store(tmp_path / "local.duckdb") as local:
        local.ingest(local_results)
        from_local = sorted(local.con.execute(f"SELECT {cols} FROM event_clusters").fetchall(),
                            key=repr)
    assert spark_clusters == from_import == from_local


def test_job_dedup_chains_days_one_apart_into_one_cluster(spark: Any) -> None:
    def dyad(article: str, day: date | None, source: str, actor: str = "CAN") -> tuple[Any, ...]:
        values = {"article_id": article, "event_id": "e1", "type": "CONSULT", "status": "asserted",
                  "confidence": 0.5, "day": day, "published_date": day, "source_key": source,
                  "in_lead": True, "evidence_text": f"talks in {article}", "actor_id": actor,
                  "recipient_id": "MEX"}
        return tuple(values.get(c) for c, _ in DYAD_COLUMNS)

    rows = [dyad("a1", date(2022, 3, 1), "post"), dyad("a2", date(2022, 3, 2), "times"),
            dyad("a3", date(2022, 3, 3), "post"),  # chained: 1 → 2 → 3 is one cluster
            dyad("a4", date(2022, 3, 6), "post"),  # three days later: a new cluster
            dyad("a5", date(2022, 3, 2), "post", actor="USA"),  # another actor
            dyad("a6", None, "post"), dyad("a7", None, "post")]  # undated: one per article
    frame = spark.createDataFrame(rows, table_schema("event_dyads"))
    clusters = job.cluster_summary(spark, job.cluster_members(spark, frame))
    got = sorted((r["actor_id"], str(r["first_day"]), str(r["last_day"]), r["num_mentions"],
                  r["num_articles"], r["num_sources"]) for r in clusters.collect())
    assert got == [("CAN", "2022-03-01", "2022-03-03", 3, 3, 2),
                   ("CAN", "2022-03-06", "2022-03-06", 1, 1, 1),
                   ("CAN", "None", "None", 1, 1, 1), ("CAN", "None", "None", 1, 1, 1),
                   ("USA", "2022-03-02", "2022-03-02", 1, 1, 1)]


def test_job_dedup_breaks_ties_like_the_store(spark: Any) -> None:
    """Two same-day reports that disagree once each: the smallest status and code, the evidence
    of the earliest (day, article, event), whatever order the rows arrive in."""
    def dyad(article: str, status: str, cameo: str) -> tuple[Any, ...]:
        values = {"article_id": article, "event_id": "e1", "type": "CONSULT", "status": status,
                  "cameo": cameo, "quad_class": 1, "confidence": 0.5, "day": date(2022, 3, 1),
                  "published_date": date(2022, 3, 1), "source_key": article, "in_lead": True,
                  "evidence_text": f"talks in {article}", "url": f"https://x.example/{article}",
                  "actor_id": "CAN", "recipient_id": "MEX"}
        return tuple(values.get(c) for c, _ in DYAD_COLUMNS)

    rows = [dyad("b2", "alleged", "040"), dyad("a1", "asserted", "043")]
    for ordered in (rows, rows[::-1]):
        frame = spark.createDataFrame(ordered, table_schema("event_dyads")).coalesce(1)
        (got,) = job.cluster_summary(spark, job.cluster_members(spark, frame)).collect()
        assert (got["status"], got["cameo"], got["evidence_text"], got["source_url"]) == (
            "alleged", "040", "talks in a1", "https://x.example/a1")


def test_job_reads_text_directories_and_parquet_like_the_local_readers(
        spark: Any, tmp_path: Path) -> None:
    folder = tmp_path / "texts"
    (folder / "sub").mkdir(parents=True)
    (folder / "one.txt").write_text("Chile thanked Germany for its support.", "utf-8")
    (folder / "sub" / "two.txt").write_text("Japan condemned the launch.", "utf-8")
    (folder / "empty.txt").write_text("  ", "utf-8")
    (folder / "notes.pdf").write_bytes(b"%PDF-1.4")
    table = pa.table({"id": ["p1", "p2"], "text": ["Peru protested.", ""],
                      "published": [date(2022, 3, 1), None]})
    pq.write_table(table, tmp_path / "corpus.parquet")

    def summary(items: list[Article | Rejected]) -> list[tuple[Any, ...]]:
        return sorted(((x.id, x.text, x.published) if isinstance(x, Article)
                       else (x.record_id, x.reason) for x in items), key=repr)

    from_dir = job.read_items(spark, str(folder), published="2022-03-04").collect()
    local_dir = list(read_paths([folder], published="2022-03-04"))
    assert summary(from_dir) == summary(local_dir)
    assert len(from_dir) == 4 and sum(isinstance(x, Article) for x in from_dir) == 2
    from_parquet = job.read_items(spark, str(tmp_path / "corpus.parquet")).collect()
    assert summary(from_parquet) == [("p1", "Peru protested.", "2022-03-01"),
                                     ("p2", "empty text: the record has no words to code")]


@pytest.mark.parametrize("fmt", ["text", "parquet"])
def test_job_runs_text_directories_and_parquet_to_the_same_events(
        spark: Any, tmp_path: Path, fmt: str) -> None:
    texts = {"one": "Chile thanked Germany for its support on Monday.",
             "two": "Japan condemned North Korea's missile launch."}
    if fmt == "text":
        source = tmp_path / "texts"
        source.mkdir()
        for name, text in texts.items():
            (source / f"{name}.txt").write_text(text, "utf-8")
        (source / "notes.pdf").write_bytes(b"%PDF-1.4")
    else:
        source = tmp_path / "corpus.parquet"
        pq.write_table(pa.table({"id": list(texts), "text": list(texts.values()),
                                 "published": [date(2022, 3, 4)] * 2}), source)
    summary = job.run(spark, str(source), str(tmp_path / "out"), published="2022-03-04",
                      partitions=2)
    local = list(process([Article(id=k, text=v, published="2022-03-04")
                          for k, v in texts.items()], Settings()))
    expected = sorted((ex.article.id, e.type, e.evidence.text) for ex in local
                      if isinstance(ex, Extraction) for e in ex.events)
    assert expected and sorted(_parquet(tmp_path / "out", "events",
                                        ["article_id", "type", "evidence_text"])) == expected
    assert summary.articles == 2 and summary.rejected == (1 if fmt == "text" else 0)


def test_job_refuses_a_non_empty_output_without_overwrite(tmp_path: Path) -> None:
    (tmp_path / "articles").mkdir()
    with pytest.raises(InputError, match="--overwrite"):
        job.run(None, str(CORPUS), str(tmp_path))  # type: ignore[arg-type]


def test_job_format_detection(tmp_path: Path) -> None:
    assert job.detect_format("news.jsonl") == "jsonl"
    assert job.detect_format("s3a://bucket/news.parquet") == "parquet"
    (tmp_path / "a.txt").write_text("x")
    assert job.detect_format(str(tmp_path)) == "text"
    with pytest.raises(InputError, match="--format"):
        job.detect_format("s3a://bucket/news/")


def test_job_rows_fit_the_schema_the_job_no_longer_verifies(
        local_results: list[Extraction | Rejected]) -> None:
    # The job skips createDataFrame's per-row type check; this is where it still happens.
    from pyspark.sql.types import _make_type_verifier

    from dyad.distributed.tables import nested_row, nested_schema

    verify = _make_type_verifier(nested_schema())
    assert any(isinstance(r, Rejected) for r in local_results)
    for result in local_results:
        verify(nested_row(result))


def test_job_refuses_parquet_without_a_text_column(spark: Any, tmp_path: Path) -> None:
    pq.write_table(pa.table({"id": ["p1"], "body": ["Peru protested."]}), tmp_path / "x.parquet")
    with pytest.raises(InputError, match="no 'text' or 'html' column .*columns: id, body"):
        job.read_records(spark, str(tmp_path / "x.parquet"))


def test_job_local_sessions_give_the_jvm_light_options(spark: Any) -> None:
    jvm = spark.sparkContext._jvm
    args = list(jvm.java.lang.management.ManagementFactory.getRuntimeMXBean().getInputArguments())
    assert set(job.LOCAL_JAVA_OPTIONS.split()) <= set(args)


def test_job_leaves_the_users_driver_java_options_alone(tmp_path: Path,
                                                        monkeypatch: pytest.MonkeyPatch) -> None:
    for var in ("PYSPARK_SUBMIT_ARGS", "SPARK_CONF_DIR", "SPARK_HOME"):
        monkeypatch.delenv(var, raising=False)
    assert not job._driver_java_options_given()
    monkeypatch.setenv("PYSPARK_SUBMIT_ARGS", '--driver-java-options "-Xss4m" pyspark-shell')
    assert job._driver_java_options_given()
    monkeypatch.delenv("PYSPARK_SUBMIT_ARGS")
    (tmp_path / "spark-defaults.conf").write_text("spark.driver.extraJavaOptions -Xss4m\n")
    monkeypatch.setenv("SPARK_CONF_DIR", str(tmp_path))
    assert job._driver_java_options_given()
