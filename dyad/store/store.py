"""The dyad store: a DuckDB file of articles and the records extracted from them.

`Store` opens (and migrates) the file, writes `Extraction`s all-or-nothing per article (a
batch of articles commits as one transaction and is retried article by article if it fails;
same id and text → nothing new; changed text → the article's rows replaced), records every
`Rejected` in the errors table, and runs read queries. It sees records only, never a Doc.

DuckDB lets one process write a file and no other process open it meanwhile. Readers
therefore retry for a short while and then raise `StoreBusyError`; a writer fed by a slow
iterator (the NLP) releases the file whenever it waits for the next result, so queries run
between batches of an ingest.
"""

from __future__ import annotations

import hashlib
import queue
import re
import threading
import time
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

import duckdb

from dyad.errors import StoreBusyError, StoreError
from dyad.store.derive import canonical_actor_id, negotiation_key
from dyad.store.schema import SCHEMA_VERSION, current_version, migrate
from dyad.types import Extraction, Rejected

READ_TIMEOUT = 10.0  # seconds a reader waits for a writer to release the file
WRITE_TIMEOUT = 60.0  # seconds a writer waits for readers (or another writer)
IDLE_RELEASE = 0.2  # seconds an ingest waits for the next result before releasing the file

# Base tables keyed by article: the write order (and reverse delete order) of one article.
ARTICLE_TABLES: tuple[str, ...] = (
    "articles", "actors", "mentions", "events", "event_actors", "quotes", "dates",
    "negotiations", "negotiation_members", "negotiation_evidence",
)
COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": ("id", "text_hash", "text", "published", "published_date", "title", "url",
                 "source", "language", "dateline_place", "dateline_source", "origin", "is_html"),
    "actors": ("article_id", "actor_id", "name", "kind", "country", "organization", "sector",
               "role", "cameo", "wikidata", "canonical_id"),
    "mentions": ("article_id", "actor_id", "start_char", "end_char", "text"),
    "events": ("article_id", "event_id", "type", "actor", "recipient", "status", "mode",
               "context", "reported_by", "date", "date_precision", "date_basis", "cameo",
               "goldstein", "quad_class", "confidence", "quote_id", "evidence_text",
               "evidence_start", "evidence_end", "trigger_text", "trigger_start", "trigger_end"),
    "event_actors": ("article_id", "event_id", "role", "position", "actor_id", "canonical_id"),
    "quotes": ("article_id", "quote_id", "text", "start_char", "end_char", "kind", "speaker",
               "speaker_text", "speaker_start", "speaker_end", "cue_text", "cue_start", "cue_end",
               "channel", "date", "date_precision", "date_basis", "sentence_start",
               "sentence_end"),
    "dates": ("article_id", "date_id", "text", "start_char", "end_char", "type", "value",
              "precision", "anchor"),
    "negotiations": ("article_id", "negotiation_id", "topic", "first_date", "last_date",
                     "negotiation_key"),
    "negotiation_members": ("article_id", "negotiation_id", "actor_id", "role", "canonical_id"),
    "negotiation_evidence": ("article_id", "negotiation_id", "text", "start_char", "end_char"),
    "errors": ("location", "reason", "record_id", "kind", "language"),
}

Result = Extraction | Rejected
Row = tuple[Any, ...]
_PID = re.compile(r"PID (\d+)")


def text_hash(text: str) -> str:
    """sha256 of the article text: an article is unchanged when its id and this agree."""
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()


def _day(value: str | None) -> date | None:
    try:
        return date.fromisoformat(value[:10]) if value else None
    except ValueError:
        return None


def _is_lock_error(err: duckdb.Error) -> bool:
    text = str(err)
    return "Could not set lock" in text or "Conflicting lock" in text


@dataclass(frozen=True)
class QueryResult:
    """Rows of a query with their column names."""

    columns: tuple[str, ...]
    rows: list[Row]

    def records(self) -> list[dict[str, Any]]:
        return [dict(zip(self.columns, row, strict=True)) for row in self.rows]


@dataclass
class IngestSummary:
    """What an ingest did: articles added, replaced, left unchanged; records written."""

    added: int = 0
    replaced: int = 0
    unchanged: int = 0
    events: int = 0
    quotes: int = 0
    rejected: int = 0
    elapsed: float = 0.0

    @property
    def articles(self) -> int:
        return self.added + self.replaced + self.unchanged

    def line(self) -> str:
        return (f"{self.articles} article(s) ({self.added} new, {self.replaced} replaced, "
                f"{self.unchanged} unchanged), {self.events} event(s), {self.quotes} quote(s), "
                f"{self.rejected} rejected, {self.elapsed:.1f}s")


def extraction_rows(ex: Extraction, digest: str | None = None) -> dict[str, list[Row]]:
    """The rows of every article table for one Extraction, in `COLUMNS` order."""
    art = ex.article
    aid = art.id
    canonical = {a.id: canonical_actor_id(a.id, a.name, a.kind, a.country, a.organization,
                                          a.wikidata) for a in ex.actors}
    rows: dict[str, list[Row]] = {t: [] for t in ARTICLE_TABLES}
    rows["articles"].append((
        aid, digest or text_hash(art.text), art.text, art.published, _day(art.published),
        art.title, art.url, art.source, art.language, art.dateline_place, art.dateline_source,
        art.origin, art.is_html))
    for a in ex.actors:
        rows["actors"].append((aid, a.id, a.name, a.kind, a.country, a.organization, a.sector,
                               a.role, a.cameo, a.wikidata, canonical[a.id]))
        rows["mentions"].extend((aid, a.id, m.start, m.end, m.text) for m in a.mentions)
    for e in ex.events:
        rows["events"].append((
            aid, e.id, e.type, list(e.actor), list(e.recipient), e.status, e.mode,
            list(e.context), e.reported_by, e.date, e.date_precision, e.date_basis, e.cameo,
            e.goldstein, e.quad_class, e.confidence, e.quote, e.evidence.text, e.evidence.start,
            e.evidence.end, e.trigger.text, e.trigger.start, e.trigger.end))
        for role, keys in (("actor", e.actor), ("recipient", e.recipient)):
            rows["event_actors"].extend((aid, e.id, role, i, k, canonical.get(k, k))
                                        for i, k in enumerate(keys))
    for q in ex.quotes:
        sm, cue, sent = q.speaker_mention, q.cue, q.sentence
        rows["quotes"].append((
            aid, q.id, q.text, q.start, q.end, q.kind, q.speaker,
            sm.text if sm else None, sm.start if sm else None, sm.end if sm else None,
            cue.text if cue else None, cue.start if cue else None, cue.end if cue else None,
            q.channel, q.date, q.date_precision, q.date_basis,
            sent.start if sent else None, sent.end if sent else None))
    for d in ex.dates:
        rows["dates"].append((aid, d.id, d.text, d.start, d.end, d.type, d.value, d.precision,
                              d.anchor))
    for n in ex.negotiations:
        key = negotiation_key(n.topic, (canonical.get(k, k) for k in n.participants))
        rows["negotiations"].append((aid, n.id, n.topic, n.first_date, n.last_date, key))
        for role, keys in (("participant", n.participants), ("seeking_seat", n.seeking_seat),
                           ("excluded", n.excluded)):
            rows["negotiation_members"].extend((aid, n.id, k, role, canonical.get(k, k))
                                               for k in keys)
        rows["negotiation_evidence"].extend((aid, n.id, s.text, s.start, s.end)
                                            for s in n.evidence)
    return rows


class Store:
    """A dyad DuckDB file. Open for writing (migrates it) or read-only (no file access).

        >>> with Store("dyad.duckdb") as store:
        ...     summary = store.ingest(dyad.process(articles))
        >>> Store("dyad.duckdb", read_only=True).query("SELECT count(*) FROM events")

    A read-only store cannot reach the file system (no COPY, ATTACH, read_csv ...) unless
    opened with `external_access=True`, which `dyad export` uses to write its files.
    """

    def __init__(self, path: str | Path, *, read_only: bool = False,
                 busy_timeout: float | None = None, external_access: bool = False) -> None:
        self.path = str(path)
        self.read_only = read_only
        self.external_access = external_access or not read_only
        self.busy_timeout = busy_timeout if busy_timeout is not None else (
            READ_TIMEOUT if read_only else WRITE_TIMEOUT)
        self._con: duckdb.DuckDBPyConnection | None = None
        if read_only:
            if self.path != ":memory:" and not Path(self.path).exists():
                raise StoreError(f"no store at {self.path}; create one with `dyad ingest PATH "
                                 f"--db {self.path}` or pass --db with an existing file")
            self._connect()
            if self.version < SCHEMA_VERSION:  # migrate once with a writer, then read
                self.release()
                self.read_only = False
                self._connect()
                self.release()
                self.read_only = True
                self._connect()
        else:
            self._connect()

    # ------------------------------------------------------------ connection

    def _connect(self) -> duckdb.DuckDBPyConnection:
        if self._con is not None:
            return self._con
        config: dict[str, Any] = {}
        if not self.external_access:
            config = {"enable_external_access": False, "lock_configuration": True}
        deadline = time.monotonic() + self.busy_timeout
        while True:
            try:
                con = duckdb.connect(self.path, read_only=self.read_only, config=config)
                break
            except duckdb.Error as err:
                if not _is_lock_error(err):
                    raise StoreError(f"cannot open store {self.path}: {err}") from err
                if time.monotonic() >= deadline:
                    pid = _PID.search(str(err))
                    who = f"process {pid.group(1)}" if pid else "another process"
                    raise StoreBusyError(
                        f"store {self.path} is busy: {who} is writing to it (e.g. `dyad ingest`)"
                        f" and did not release it within {self.busy_timeout:g}s; try again when "
                        "it finishes, or query a copy of the file") from None
                time.sleep(0.05)
        if not self.read_only:
            try:
                migrate(con)
            except BaseException:
                con.close()
                raise
        self._con = con
        return con

    @property
    def con(self) -> duckdb.DuckDBPyConnection:
        """The open DuckDB connection (reopened after `release`)."""
        return self._connect()

    def release(self) -> None:
        """Close the file so other processes can open it; the next use reopens it."""
        if self._con is not None:
            self._con.close()
            self._con = None

    close = release

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    @property
    def version(self) -> int:
        return current_version(self.con)

    # ------------------------------------------------------------ reading

    def query(self, sql: str, params: Sequence[Any] | None = None) -> QueryResult:
        """Run one SELECT and return its rows (no statement checks: for dyad's own SQL)."""
        try:
            cur = self.con.execute(sql, list(params or []))
            columns = tuple(d[0] for d in cur.description or ())
            return QueryResult(columns, cur.fetchall())
        except duckdb.Error as err:
            raise StoreError(f"query on {self.path} failed: {err}") from err

    def counts(self) -> dict[str, int]:
        """Row counts of the main tables and views."""
        names = ("articles", "canonical_actors", "mentions", "events", "event_clusters",
                 "quotes", "dates", "negotiations", "errors")
        sql = " UNION ALL ".join(f"SELECT '{n}', count(*) FROM {n}" for n in names)
        return {name: int(n) for name, n in self.query(sql).rows}

    def article_hashes(self) -> dict[str, str]:
        """id → text hash of every stored article (to skip them before running the NLP)."""
        return {str(i): str(h) for i, h in self.query("SELECT id, text_hash FROM articles").rows}

    # ------------------------------------------------------------ writing

    def _require_writable(self) -> duckdb.DuckDBPyConnection:
        if self.read_only:
            raise StoreError(f"store {self.path} is open read-only; open it without "
                             "read_only=True to write")
        return self.con

    def write_extraction(self, ex: Extraction) -> str:
        """Write one article's records in one transaction: 'added', 'replaced' or 'unchanged'."""
        return self.write_batch([ex])[0]

    def write_batch(self, batch: Sequence[Extraction]) -> list[str]:
        """Write articles (distinct ids) in one transaction; each outcome, in order.

        Raises StoreError, with nothing written, when any article cannot be written.
        """
        con = self._require_writable()
        digests = [text_hash(ex.article.text) for ex in batch]
        ids = [ex.article.id for ex in batch]
        if len(set(ids)) != len(ids):
            raise StoreError("write_batch() needs distinct article ids; write repeats separately")
        stored = dict(con.execute("SELECT id, text_hash FROM articles WHERE id IN "
                                  "(SELECT unnest(?))", [ids]).fetchall())
        outcomes = ["unchanged" if stored.get(i) == d else "replaced" if i in stored else "added"
                    for i, d in zip(ids, digests, strict=True)]
        todo = [(ex, d) for ex, d, o in zip(batch, digests, outcomes, strict=True)
                if o != "unchanged"]
        if not todo:
            return outcomes
        rows: dict[str, list[Row]] = {t: [] for t in ARTICLE_TABLES}
        for ex, digest in todo:
            for table, new in extraction_rows(ex, digest).items():
                rows[table].extend(new)
        written = [ex.article.id for ex, _ in todo]
        con.begin()
        try:
            replaced = [i for i, o in zip(ids, outcomes, strict=True) if o == "replaced"]
            if replaced:
                for table in reversed(ARTICLE_TABLES):
                    key = "id" if table == "articles" else "article_id"
                    con.execute(f"DELETE FROM {table} WHERE {key} IN (SELECT unnest(?))",
                                [replaced])
            for table in ARTICLE_TABLES:
                if rows[table]:
                    _insert_rows(con, table, rows[table])
            # Only the errors of these same input records (id and location): a rejected
            # duplicate elsewhere with the same id must stay in the errors table.
            con.execute("DELETE FROM errors e USING (SELECT unnest(?) AS id, unnest(?) AS loc) w "
                        "WHERE e.record_id = w.id AND e.location = w.loc",
                        [written, [ex.article.origin or ex.article.id for ex, _ in todo]])
            con.commit()
        except duckdb.Error as err:
            con.rollback()
            which = written[0] if len(written) == 1 else f"{len(written)} articles"
            raise StoreError(f"article {which!r} could not be written: {err}") from err
        return outcomes

    def write_rejected(self, rej: Rejected) -> bool:
        """Record a rejected input once; False when the same rejection is already there."""
        con = self._require_writable()
        seen = con.execute(
            "SELECT 1 FROM errors WHERE location = ? AND reason = ? AND kind = ? "
            "AND record_id IS NOT DISTINCT FROM ? LIMIT 1",
            [rej.location, rej.reason, rej.kind, rej.record_id]).fetchone()
        if seen:
            return False
        _insert_rows(con, "errors", [(rej.location, rej.reason, rej.record_id, rej.kind,
                                      rej.language)])
        return True

    def ingest(self, results: Iterable[Result], *, release_when_idle: bool = False,
               batch_size: int = 64,
               on_result: Callable[[Result, str], None] | None = None) -> IngestSummary:
        """Write every result; each article is all or nothing, a failed one becomes a rejection.

        Articles are committed in batches of up to `batch_size` (a batch that fails is retried
        article by article). With `release_when_idle`, the results are produced in a
        background thread; whenever the next one takes longer than IDLE_RELEASE seconds the
        pending batch is committed and the file released, so readers get in between.
        """
        self._require_writable()
        summary = IngestSummary()
        start = time.monotonic()
        pending: dict[str, Extraction] = {}

        def note(result: Result, outcome: str) -> None:
            if outcome == "rejected":
                self.write_rejected(result)  # type: ignore[arg-type]
                summary.rejected += 1
            else:
                setattr(summary, outcome, getattr(summary, outcome) + 1)
                if outcome != "unchanged" and isinstance(result, Extraction):
                    summary.events += len(result.events)
                    summary.quotes += len(result.quotes)
            if on_result:
                on_result(result, outcome)

        def flush() -> None:
            batch = list(pending.values())
            pending.clear()
            if batch:
                for result, outcome in self._write_or_reject(batch):
                    note(result, outcome)

        def idle() -> None:
            flush()
            self.release()

        stream = _prefetch(results, idle) if release_when_idle else iter(results)
        try:
            for result in stream:
                if isinstance(result, Rejected):
                    note(result, "rejected")
                    continue
                if result.article.id in pending:
                    flush()
                pending[result.article.id] = result
                if len(pending) >= batch_size:
                    flush()
        finally:  # what arrived before a failing producer is kept
            flush()
        summary.elapsed = time.monotonic() - start
        return summary

    def _write_or_reject(self, batch: list[Extraction]) -> Iterator[tuple[Result, str]]:
        try:
            outcomes = self.write_batch(batch)
        except StoreError as err:
            if len(batch) > 1:  # find the article that fails; write the others
                for ex in batch:
                    yield from self._write_or_reject([ex])
                return
            ex = batch[0]
            yield Rejected(ex.article.origin or ex.article.id, str(err),
                           record_id=ex.article.id, kind="store"), "rejected"
            return
        yield from zip(batch, outcomes, strict=True)


def _insert_rows(con: duckdb.DuckDBPyConnection, table: str, rows: list[Row]) -> None:
    """One INSERT for many rows: each column passed as a list and unnested."""
    cols = COLUMNS[table]
    con.execute(f"INSERT INTO {table} ({', '.join(cols)}) "
                f"SELECT {', '.join('unnest(?)' for _ in cols)}",
                [[row[i] for row in rows] for i in range(len(cols))])


class _Failure:
    def __init__(self, error: BaseException) -> None:
        self.error = error


_DONE = object()


def _prefetch(results: Iterable[Result], on_idle: Callable[[], None],
              size: int = 256) -> Iterator[Result]:
    """Results produced by a background thread; `on_idle` runs before a long wait."""
    q: queue.Queue[Any] = queue.Queue(maxsize=size)
    stop = threading.Event()

    def produce() -> None:
        try:
            for item in results:
                while not stop.is_set():
                    try:
                        q.put(item, timeout=0.5)
                        break
                    except queue.Full:
                        continue
                if stop.is_set():
                    return
            q.put(_DONE)
        except BaseException as err:  # noqa: BLE001 - handed to the consuming thread
            q.put(_Failure(err))

    worker = threading.Thread(target=produce, name="dyad-ingest-producer", daemon=True)
    worker.start()
    try:
        while True:
            try:
                item = q.get(timeout=IDLE_RELEASE)
            except queue.Empty:
                on_idle()
                item = q.get()
            if item is _DONE:
                return
            if isinstance(item, _Failure):
                raise item.error
            yield item
    finally:
        stop.set()
