"""The ingest loop: read inputs, skip articles already stored, run the NLP, write the store.

`ingest_paths` is what `dyad ingest` and `dyad demo` call. Articles whose id and text are
already in the store are skipped before the NLP runs, so an interrupted ingest resumes where
it stopped; everything else goes through `dyad.api.process` and `Store.ingest`, which writes
each article in its own transaction. This module holds no SQL and no NLP.
"""

from __future__ import annotations

import itertools
import json
from collections.abc import Callable, Iterable, Iterator
from importlib.resources import files
from pathlib import Path

from dyad.config import Settings
from dyad.errors import InputError
from dyad.readers import make_article, read_paths
from dyad.store.store import IngestSummary, Result, Store, text_hash
from dyad.types import Article, Rejected

Item = Article | Rejected
Processor = Callable[[Iterable[Item], Settings], Iterable[Result]]


def ingest_items(store: Store, items: Iterable[Item], settings: Settings | None = None, *,
                 processes: int | None = 1, processor: Processor | None = None,
                 on_result: Callable[[Result, str], None] | None = None) -> IngestSummary:
    """Process and store `items`, skipping those whose id and text are already stored.

    `processor` replaces `dyad.api.process` (tests, or a caller with its own pipeline);
    `processes` is passed to `dyad.api.process` (None: one worker per CPU).
    """
    settings = settings or Settings()
    known = store.article_hashes()
    skipped = 0

    def todo() -> Iterator[Item]:
        nonlocal skipped
        for item in items:
            if isinstance(item, Article) and known.get(item.id) == text_hash(item.text):
                skipped += 1
                continue
            yield item

    def results() -> Iterator[Result]:
        # The pipeline is loaded only once an article needs it (a resumed run may need none).
        pending = iter(todo())
        for item in pending:
            if isinstance(item, Rejected):
                yield item
                continue
            rest = itertools.chain([item], pending)
            if processor is None:
                from dyad.api import process

                yield from process(rest, settings, processes=processes)
            else:
                yield from processor(rest, settings)
            return

    summary = store.ingest(results(), release_when_idle=True, on_result=on_result)
    summary.unchanged += skipped
    return summary


def ingest_paths(paths: Iterable[str | Path], db: str | Path | None = None,
                 settings: Settings | None = None, *, published: str | None = None,
                 processes: int | None = 1, processor: Processor | None = None,
                 on_result: Callable[[Result, str], None] | None = None) -> IngestSummary:
    """Read every path (files, directories, '-'), process and store the articles."""
    settings = settings or Settings()
    items = read_paths(paths, published=published, max_chars=settings.max_chars)
    with Store(db or settings.db) as store:
        return ingest_items(store, items, settings, processes=processes, processor=processor,
                            on_result=on_result)


def example_articles() -> list[Item]:
    """The bundled example articles, with the metadata of `data/examples/manifest.jsonl`."""
    folder = files("dyad") / "data" / "examples"
    items: list[Item] = []
    lines = (folder / "manifest.jsonl").read_text("utf-8").splitlines()
    for lineno, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        entry = json.loads(line)
        name = entry.pop("file")
        location = f"dyad/data/examples/{name}"
        if not (folder / name).is_file():
            raise InputError(f"manifest.jsonl:{lineno}: {location} does not exist")
        text = (folder / name).read_text("utf-8")
        items.append(make_article(id=entry.pop("id", Path(name).stem), text=text,
                                  location=location, **entry))
    return items
