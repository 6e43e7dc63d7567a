"""Build the throughput corpus: real news articles as JSONL, repeated to the size asked for.

    python benchmarks/corpus.py bench.jsonl --n 2000

The texts are the 120 MEANTIME English Wikinews articles (`shared/corpora/time/meantime-en`,
text rebuilt from the tokens by `dyad.eval.timex.read_meantime`, publication date = the
annotated document creation time, language as the corpus declares it) plus dyad's bundled
example article. Real corpora of 2,000 distinct articles are not on this machine, so the 121
texts are repeated in rounds until `--n` records exist: round k (k = 0, 1, ...) gives every
text the id `<name>~k`, so each record is a distinct article to dyad, as when several outlets
run the same wire story. The publication date stays the original's: a corpus of 2,000 news
articles spans weeks or months, not 2,000 days, and the Spark job writes one Parquet folder
per day, so the days' spread is part of what is measured. The text repeats; neither spaCy
nor dyad caches results across documents, so a repeat costs what the first reading did. The
first round is in corpus order, so `--n 121` or less takes distinct texts.

Must not: run any NLP; it only reads the corpus files and writes the JSONL.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections.abc import Iterator
from datetime import date
from importlib.resources import files
from pathlib import Path
from typing import Any

from dyad.eval.timex import read_meantime

EXAMPLE_PUBLISHED = "2021-12-24"


def default_meantime_dir() -> Path:
    """`shared/corpora/time/meantime-en/intra-doc_annotation` beside the repository (or $DYAD_MEANTIME)."""
    env = os.environ.get("DYAD_MEANTIME")
    if env:
        return Path(env)
    repo = Path(__file__).resolve().parent.parent
    for base in (repo.parent / "shared", repo / "shared", Path("/work/shared")):
        folder = base / "corpora" / "time" / "meantime-en" / "intra-doc_annotation"
        if folder.is_dir():
            return folder
    raise SystemExit("MEANTIME not found: set DYAD_MEANTIME to its intra-doc_annotation folder")


def base_articles(meantime: Path) -> list[dict[str, Any]]:
    """The distinct articles: every MEANTIME document (sorted by path), then the example."""
    articles = []
    for path in sorted(meantime.glob("*/*.xml")):
        doc = read_meantime(path)
        # One MEANTIME creation time is written 03-02-2009 (day or month first?): left out.
        published = doc.dct if doc.dct and _is_iso_day(doc.dct[:10]) else None
        articles.append({"id": doc.name, "text": doc.text, "published": published,
                         "language": "en", "source": "Wikinews"})
    example = files("dyad") / "data" / "examples" / "000_18667010c95db324.txt"
    articles.append({"id": "000_18667010c95db324", "text": example.read_text("utf-8"),
                     "published": EXAMPLE_PUBLISHED, "language": "en"})
    return articles


def _is_iso_day(text: str) -> bool:
    try:
        date.fromisoformat(text)
    except ValueError:
        return False
    return True


def corpus(n: int, meantime: Path | None = None) -> Iterator[dict[str, Any]]:
    """`n` records in rounds over the base articles (see the module docstring)."""
    base = base_articles(meantime or default_meantime_dir())
    for i in range(n):
        k, art = divmod(i, len(base))
        yield {**base[art], "id": f"{base[art]['id']}~{k}"}


def write_corpus(path: str | Path, n: int, meantime: Path | None = None) -> dict[str, int]:
    """Write `n` records to `path` (JSONL); the number of records and words written."""
    words = 0
    with open(path, "w", encoding="utf-8") as fh:
        for record in corpus(n, meantime):
            words += len(record["text"].split())
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")
    return {"articles": n, "words": words}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("out", help="JSONL file to write")
    parser.add_argument("--n", type=int, default=2000, help="number of records (default 2000)")
    parser.add_argument("--meantime", type=Path, help="MEANTIME intra-doc_annotation folder")
    args = parser.parse_args(argv)
    stats = write_corpus(args.out, args.n, args.meantime)
    print(f"{args.out}: {stats['articles']:,} articles, {stats['words']:,} words", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
