"""All cores: the same results as `dyad.api.process`, computed by N worker processes.

The input iterator is read lazily in the calling process and cut into batches; at most
`max_in_flight` batches (default two per worker) are outstanding at any time, so memory stays
bounded whatever the size of the corpus. Each worker builds its pipeline once, runs
`dyad.api.process` on a batch and sends back records (picklable frozen dataclasses), never
Docs. Results come out in input order. An article the pipeline fails on is rejected by
`process` itself; a worker that dies outright (segfault, out of memory) costs only the
articles that kill it: its batch is retried one article at a time in a fresh pool, and an
article that kills a worker again becomes a `Rejected` with the reason.

This module must not change what a record contains: with any number of processes the output
equals `process()`'s. It does no NLP and no I/O of its own.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice

from spacy.language import Language

from dyad.api import Result, build_pipeline, get_pipeline, process
from dyad.config import Settings
from dyad.types import Article, Rejected

Item = Article | Rejected
PipelineFactory = Callable[[Settings], Language]
Batch = list[Item]

# Spawned workers: forking a parent that already runs threads (spaCy, BLAS, Spark's py4j)
# can deadlock, and a spawned worker loads exactly one pipeline, nothing else of the parent.
START_METHOD = "spawn"

_worker_nlp: Language | None = None
_worker_settings: Settings | None = None
_worker_error: BaseException | None = None


def default_processes() -> int:
    """How many worker processes `processes=None` means: the CPUs this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # not on Linux
        return max(1, os.cpu_count() or 1)


def process_parallel(
    items: Iterable[Item],
    settings: Settings | None = None,
    *,
    processes: int | None = None,
    batch_size: int | None = None,
    max_in_flight: int | None = None,
    pipeline_factory: PipelineFactory = build_pipeline,
) -> Iterator[Result]:
    """Extraction or Rejected for each item, in input order, from `processes` workers.

    `pipeline_factory(settings)` builds each worker's pipeline (a top-level, importable
    function, since workers are spawned). An input that fits in one batch is processed in
    this process: starting workers would cost more than it saves.
    """
    settings = settings or Settings()
    n_proc = processes or default_processes()
    size = batch_size or settings.batch_size
    batches = _batches(iter(items), size)
    head = list(islice(batches, 2))
    if not head:
        return
    if n_proc == 1 or len(head) == 1:
        nlp = get_pipeline(settings) if pipeline_factory is build_pipeline else pipeline_factory(settings)
        for batch in chain(head, batches):
            yield from process(batch, settings, nlp=nlp, batch_size=size)
        return
    pool = _WorkerPool(settings, pipeline_factory, n_proc)
    limit = max_in_flight or 2 * n_proc
    in_flight: deque[tuple[Batch, Future[list[Result]]]] = deque()
    try:
        for batch in chain(head, batches):
            in_flight.append((batch, pool.submit(batch)))
            if len(in_flight) >= limit:
                yield from pool.collect(in_flight)
        while in_flight:
            yield from pool.collect(in_flight)
    finally:
        pool.shutdown()


def _batches(items: Iterator[Item], size: int) -> Iterator[Batch]:
    """Batches holding `size` articles each; rejected input rides along in its place."""
    while True:
        batch: Batch = []
        n_articles = 0
        for item in items:
            batch.append(item)
            n_articles += isinstance(item, Article)
            if n_articles >= size:
                break
        if not batch:
            return
        yield batch


class _WorkerPool:
    """A process pool that is rebuilt when a worker dies, retrying the batches it held."""

    def __init__(self, settings: Settings, factory: PipelineFactory, processes: int) -> None:
        self.settings = settings
        self.factory = factory
        self.processes = processes
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(
            max_workers=self.processes,
            mp_context=multiprocessing.get_context(START_METHOD),
            initializer=_init_worker,
            initargs=(self.settings, self.factory),
        )

    def submit(self, batch: Batch) -> Future[list[Result]]:
        return self.executor.submit(_work, batch)

    def collect(self, in_flight: deque[tuple[Batch, Future[list[Result]]]]) -> list[Result]:
        """Results of the oldest batch; on a dead worker, restart and resubmit the others."""
        batch, future = in_flight.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            pass
        self._restart()
        results = [r for item in batch for r in self._one_by_one(item)]
        for i, (other, fut) in enumerate(in_flight):
            # A batch that finished before the crash keeps its results; the others run again.
            if not (fut.done() and not fut.cancelled() and fut.exception() is None):
                in_flight[i] = (other, self.submit(other))
        return results

    def _one_by_one(self, item: Item) -> list[Result]:
        if not isinstance(item, Article):
            return [item]
        try:
            return self.submit([item]).result()
        except BrokenProcessPool:
            self._restart()
            return [Rejected(item.origin or item.id, "worker process died while processing this "
                             "article (crash or out of memory); it was retried once alone",
                             record_id=item.id, kind="pipeline")]

    def _restart(self) -> None:
        self.executor.shutdown(wait=False, cancel_futures=True)
        self.executor = self._start()

    def shutdown(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def _init_worker(settings: Settings, factory: PipelineFactory) -> None:
    """Build this worker's pipeline once; keep a build error to raise on the first batch."""
    global _worker_nlp, _worker_settings, _worker_error
    # Ctrl-C goes to the whole process group: the parent stops the pool, workers just exit.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    _worker_settings = settings
    try:
        _worker_nlp = factory(settings)
    except Exception as err:  # noqa: BLE001 - re-raised in the parent by _work
        _worker_error = err


def _work(batch: Batch) -> list[Result]:
    if _worker_error is not None:
        raise _worker_error
    assert _worker_nlp is not None and _worker_settings is not None
    size = max(1, sum(isinstance(x, Article) for x in batch))
    return list(process(batch, _worker_settings, nlp=_worker_nlp, batch_size=size))


__all__ = ["START_METHOD", "default_processes", "process_parallel"]
