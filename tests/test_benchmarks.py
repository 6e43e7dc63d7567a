"""The throughput benchmark's bookkeeping (not its timings: no test asserts on wall time)."""

from __future__ import annotations

import importlib.util
from pathlib import Path
from types import ModuleType

BENCHMARKS = Path(__file__).resolve().parent.parent / "benchmarks"


def _throughput() -> ModuleType:
    spec = importlib.util.spec_from_file_location("throughput", BENCHMARKS / "throughput.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def _trial(seconds: float, peak: float) -> dict[str, float]:
    return {"articles": 100, "words": 1000, "seconds": seconds, "peak_worker_mib": peak,
            "peak_main_mib": peak / 2}


def test_benchmarks_repeated_runs_report_the_median_time_and_the_largest_peak() -> None:
    bench = _throughput()
    figures = bench.median_run([_trial(12.0, 400), _trial(10.0, 450), _trial(30.0, 420)])
    assert figures["seconds"] == 12.0 and figures["all_seconds"] == [12.0, 10.0, 30.0]
    assert figures["peak_worker_mib"] == 450 and figures["peak_main_mib"] == 225
    lines = list(bench.report({"dyad:2": figures, "spark:2": {**_trial(15.0, 500),
                                                              "session_seconds": 5.0}}))
    assert "10.0–30.0" in lines[1] and lines[1].split()[5] == "12.0"
    assert "Spark local[2] ÷ dyad 2 processes: 0.80" in lines


def test_benchmarks_one_trial_is_its_own_median() -> None:
    figures = _throughput().median_run([_trial(8.0, 300)])
    assert figures["seconds"] == 8.0 and figures["all_seconds"] == [8.0]


def test_benchmarks_interleaved_times_both_pipelines_on_every_chunk(tmp_path: Path) -> None:
    from dyad.config import Settings

    corpus = tmp_path / "corpus.jsonl"
    texts = ["Russia accused Ukraine of shelling the city on Monday.",
             "The EU and Ukraine demanded a seat at the table.",
             "Germany pledged aid to Kenya after the floods."]
    corpus.write_text("".join(f'{{"id": "a{i}", "text": "{t}", "published": "2021-12-24"}}\n'
                              for i, t in enumerate(texts)), encoding="utf-8")
    bench = _throughput()
    figures = bench.interleaved(corpus, Settings().model, 32, chunk=2)
    assert figures["articles"] == 3 and figures["chunk"] == 2
    assert figures["spacy_seconds"] > 0 and figures["dyad_seconds"] > 0
    assert figures["ratio"] == figures["spacy_seconds"] / figures["dyad_seconds"]
    low, high = figures["chunk_ratio_middle_half"]
    assert 0 < low <= high
    lines = list(bench.interleaved_report(figures))
    assert lines[0].startswith("interleaved, 1 process: 3 articles in chunks of 2")
    assert lines[1].startswith(f"dyad ÷ spaCy, 1 process, interleaved: {figures['ratio']:.2f}")
