"""dyad.parallel: worker processes give `process()`'s results, in order, with bounded input reads.

The workers here run a blank English pipeline with a tripwire component (spawned workers
import this module to find it), so these tests exercise the process machinery, not the model.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import spacy
from spacy.language import Language
from spacy.tokens import Doc

from dyad.api import process
from dyad.config import Settings
from dyad.errors import ConfigError
from dyad.parallel import process_parallel
from dyad.types import Article, Extraction, Rejected


@Language.component("test_parallel_tripwire")
def _tripwire(doc: Doc) -> Doc:
    if "TRIPWIRE-RAISE" in doc.text:
        raise ValueError("tripwire raised")
    if "TRIPWIRE-EXIT" in doc.text:
        os._exit(3)  # a worker dying outright, as on a segfault or the OOM killer
    return doc


def tripwire_pipeline(settings: Settings) -> Language:
    nlp = spacy.blank("en")
    nlp.add_pipe("test_parallel_tripwire")
    return nlp


def broken_pipeline(settings: Settings) -> Language:
    raise ConfigError("model 'no-such-model' is not installed")


def _article(i: int, extra: str = "") -> Article:
    return Article(id=f"a{i}", text=f"The minister met the ambassador on day {i}. {extra}",
                   language="en", origin=f"test:{i}")


def _ids(results: list[Extraction | Rejected]) -> list[str | None]:
    return [r.article.id if isinstance(r, Extraction) else r.record_id for r in results]


def test_parallel_preserves_input_order_across_workers() -> None:
    items: list[Article | Rejected] = [_article(i) for i in range(11)]
    items.insert(5, Rejected("test:bad", "unreadable", record_id="bad"))
    results = list(process_parallel(items, processes=2, batch_size=2,
                                    pipeline_factory=tripwire_pipeline))
    assert _ids(results) == ["a0", "a1", "a2", "a3", "a4", "bad", *[f"a{i}" for i in range(5, 11)]]
    assert isinstance(results[5], Rejected) and results[5].reason == "unreadable"
    assert all(isinstance(r, Extraction) for i, r in enumerate(results) if i != 5)


def test_parallel_failing_article_becomes_rejected_and_batch_goes_on() -> None:
    items = [_article(i, "TRIPWIRE-RAISE" if i == 3 else "") for i in range(8)]
    results = list(process_parallel(items, processes=2, batch_size=2,
                                    pipeline_factory=tripwire_pipeline))
    assert _ids(results) == [f"a{i}" for i in range(8)]
    bad = results[3]
    assert isinstance(bad, Rejected) and bad.kind == "pipeline" and "tripwire raised" in bad.reason
    assert sum(isinstance(r, Extraction) for r in results) == 7


def test_parallel_dead_worker_costs_only_its_article() -> None:
    items = [_article(i, "TRIPWIRE-EXIT" if i == 4 else "") for i in range(10)]
    results = list(process_parallel(items, processes=2, batch_size=2,
                                    pipeline_factory=tripwire_pipeline))
    assert _ids(results) == [f"a{i}" for i in range(10)]
    dead = results[4]
    assert isinstance(dead, Rejected) and "worker process died" in dead.reason
    assert dead.location == "test:4"
    assert sum(isinstance(r, Extraction) for r in results) == 9


def test_parallel_reads_input_lazily_with_bounded_batches_in_flight() -> None:
    consumed = 0

    def stream() -> Iterator[Article]:
        nonlocal consumed
        for i in range(200):
            consumed += 1
            yield _article(i)

    results = process_parallel(stream(), processes=2, batch_size=3, max_in_flight=2,
                               pipeline_factory=tripwire_pipeline)
    first = next(results)
    assert isinstance(first, Extraction) and first.article.id == "a0"
    # two batches in flight plus the one being assembled when the first result was asked for
    assert consumed <= 3 * 3
    assert len(list(results)) == 199


def test_parallel_pipeline_build_error_reaches_the_caller() -> None:
    items = [_article(i) for i in range(6)]
    with pytest.raises(ConfigError, match="not installed"):
        list(process_parallel(items, processes=2, batch_size=2, pipeline_factory=broken_pipeline))


def test_parallel_single_batch_runs_in_this_process() -> None:
    seen_pids: list[int] = []

    def recording_pipeline(settings: Settings) -> Language:
        seen_pids.append(os.getpid())
        return tripwire_pipeline(settings)

    # A closure cannot be sent to spawned workers: this passes only on the in-process path.
    results = list(process_parallel([_article(1), _article(2)], processes=2, batch_size=8,
                                    pipeline_factory=recording_pipeline))
    assert _ids(results) == ["a1", "a2"] and seen_pids == [os.getpid()]


def test_parallel_api_process_refuses_a_loaded_nlp_with_processes() -> None:
    with pytest.raises(ConfigError, match="cannot be shared"):
        list(process([_article(1)], nlp=spacy.blank("en"), processes=2))


@pytest.mark.slow
def test_parallel_real_pipeline_gives_the_same_records_as_one_process() -> None:
    from pathlib import Path

    from dyad.readers import read_paths

    corpus = Path(__file__).parent / "distributed" / "corpus.jsonl"
    settings = Settings(batch_size=2)  # several batches, so the workers really run
    one = list(process(read_paths([corpus]), settings))
    two = list(process(read_paths([corpus]), settings, processes=2))
    assert two == one
    assert sum(isinstance(r, Extraction) for r in two) == 6


@pytest.mark.slow
def test_parallel_cli_extract_prints_the_summary(capsys: pytest.CaptureFixture[str]) -> None:
    from pathlib import Path

    from dyad.cli import main

    corpus = Path(__file__).parent / "distributed" / "corpus.jsonl"
    assert main(["extract", str(corpus), "--format", "jsonl", "--processes", "1"]) == 0
    out, err = capsys.readouterr()
    assert len(out.splitlines()) == 6
    summary = err.strip().splitlines()[-1]
    assert summary.startswith("dyad: 6 articles, ") and ", 3 rejected in " in summary
