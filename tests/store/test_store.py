"""Store writes on real DuckDB files: idempotent, replacing, all-or-nothing, errors table."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dyad.errors import StoreError
from dyad.store import Store
from dyad.store.ingest import ingest_items
from dyad.types import Article, Event, Rejected, TextSpan
from tests.store.sample_records import TEXT_A, TEXT_B, fake_processor, make_extraction


@pytest.fixture
def db(tmp_path: Path) -> Path:
    return tmp_path / "test.duckdb"


def _counts(db: Path) -> dict[str, int]:
    with Store(db, read_only=True) as store:
        return store.counts()


def test_store_reingest_same_input_changes_no_counts(db: Path) -> None:
    batch = [make_extraction("a1", TEXT_A), make_extraction("a2", TEXT_B, "2022-03-02"),
             Rejected("in.jsonl:3", "invalid JSON", kind="input")]
    with Store(db) as store:
        first = store.ingest(batch)
    before = _counts(db)
    with Store(db) as store:
        second = store.ingest(batch)
    assert (first.added, first.rejected) == (2, 1)
    assert (second.added, second.replaced, second.unchanged) == (0, 0, 2)
    assert _counts(db) == before
    assert before["articles"] == 2 and before["events"] == 2 and before["errors"] == 1


def test_store_changed_article_replaces_its_records(db: Path) -> None:
    with Store(db) as store:
        store.ingest([make_extraction("a1", TEXT_A), make_extraction("a2", TEXT_B)])
        changed = make_extraction("a1", TEXT_A + " Anna Berg met Norway again.")
        extra = Event(id="e2", type="AGREE", actor=("NOR",), recipient=("anna-berg",),
                      status="asserted", evidence=TextSpan("again", 0, 5),
                      trigger=TextSpan("again", 0, 5))
        summary = store.ingest([replace(changed, events=changed.events + (extra,))])
        assert summary.replaced == 1
        rows = store.query("SELECT event_id, type FROM events WHERE article_id = 'a1' "
                           "ORDER BY event_id").rows
        assert rows == [("e1", "CONSULT"), ("e2", "AGREE")]
        assert store.query("SELECT count(*) FROM articles").rows == [(2,)]
        text = store.query("SELECT text FROM articles WHERE id = 'a1'").rows[0][0]
        assert text.endswith("again.")
        # the other article is untouched, and no row of the old a1 survives
        assert store.query("SELECT count(*) FROM mentions WHERE article_id = 'a1'").rows == [(2,)]
        assert store.query("SELECT count(*) FROM event_actors WHERE article_id = 'a1'"
                           ).rows == [(4,)]
        assert store.query("SELECT count(*) FROM events WHERE article_id = 'a2'").rows == [(1,)]


def test_store_failed_article_is_all_or_nothing(db: Path) -> None:
    good = make_extraction("a1", TEXT_A)
    bad = make_extraction("a2", TEXT_B)
    bad = replace(bad, events=bad.events + bad.events)  # duplicate event id: the write fails
    with Store(db) as store:
        summary = store.ingest([bad, good])
        assert (summary.added, summary.rejected) == (1, 1)
        for table in ("articles", "actors", "mentions", "events", "quotes", "negotiations"):
            key = "id" if table == "articles" else "article_id"
            assert store.query(f"SELECT count(*) FROM {table} WHERE {key} = 'a2'").rows == [(0,)]
        err = store.query("SELECT location, record_id, kind, reason FROM errors").rows
        assert err[0][:3] == ("a2.txt", "a2", "store") and "a2" in err[0][3]


def test_store_successful_retry_clears_the_articles_old_error(db: Path) -> None:
    with Store(db) as store:
        store.ingest([Rejected("a1.txt", "pipeline error ValueError", record_id="a1",
                               kind="pipeline")])
        assert store.counts()["errors"] == 1
        store.ingest([make_extraction("a1", TEXT_A)])
        assert store.counts()["errors"] == 0


def test_store_read_only_refuses_writes_and_missing_file(db: Path) -> None:
    with pytest.raises(StoreError, match="no store at"):
        Store(db, read_only=True)
    Store(db).close()
    with Store(db, read_only=True) as store:
        with pytest.raises(StoreError, match="read-only"):
            store.write_extraction(make_extraction("a1", TEXT_A))
        with pytest.raises(StoreError):
            store.query("INSERT INTO errors (location, reason, kind) VALUES ('x', 'y', 'z')")


def test_store_canonical_actor_spans_articles(db: Path) -> None:
    with Store(db) as store:
        store.ingest([make_extraction("a1", TEXT_A), make_extraction("a2", TEXT_B)])
        rows = store.query("SELECT id, name, num_articles, num_mentions FROM canonical_actors "
                           "ORDER BY id").rows
    assert rows == [("NOR", "Norway", 2, 2), ("anna-berg@RUR", "Anna Berg", 2, 2)]


@pytest.mark.parametrize("days,clusters", [
    (("2022-03-01", "2022-03-02"), 1),
    (("2022-03-01", "2022-03-01"), 1),
    (("2022-03-01", "2022-03-03"), 2),
    (("2022-03-01", "2022-03-02", "2022-03-03"), 1),  # chained within a day of each other
])
def test_store_events_cluster_within_one_day(db: Path, days: tuple[str, ...],
                                             clusters: int) -> None:
    with Store(db) as store:
        store.ingest([make_extraction(f"a{i}", TEXT_A if i % 2 else TEXT_B, day,
                                      source=f"Wire {i % 2}")
                      for i, day in enumerate(days)])
        rows = store.query("SELECT num_mentions, num_articles, num_sources FROM event_clusters "
                           "ORDER BY first_day").rows
    assert len(rows) == clusters
    assert sum(r[0] for r in rows) == len(days)
    if clusters == 1:
        assert rows[0] == (len(days), len(days), min(2, len(days)))


def test_store_undated_events_cluster_only_within_their_article(db: Path) -> None:
    with Store(db) as store:
        store.ingest([make_extraction("a1", TEXT_A, None), make_extraction("a2", TEXT_B, None)])
        assert store.counts()["event_clusters"] == 2


def test_store_ingest_skips_known_articles_before_processing(db: Path) -> None:
    seen: list[str] = []

    def counting(items, settings):  # type: ignore[no-untyped-def]
        for item in fake_processor(items, settings):
            seen.append(item.article.id)
            yield item

    arts = [Article(id="a1", text=TEXT_A, published="2022-03-01"),
            Article(id="a2", text=TEXT_B, published="2022-03-02")]
    with Store(db) as store:
        first = ingest_items(store, arts, processor=counting)
        second = ingest_items(store, arts + [Article(id="a3", text=TEXT_A)], processor=counting)
    assert first.added == 2 and second.unchanged == 2 and second.added == 1
    assert seen == ["a1", "a2", "a3"]


def test_store_ingest_passes_on_a_producer_error(db: Path) -> None:
    def failing(items, settings):  # type: ignore[no-untyped-def]
        yield from fake_processor(list(items)[:1], settings)
        raise RuntimeError("worker died")

    arts = [Article(id="a1", text=TEXT_A), Article(id="a2", text=TEXT_B)]
    with Store(db) as store:
        with pytest.raises(RuntimeError, match="worker died"):
            ingest_items(store, arts, processor=failing)
        assert store.counts()["articles"] == 1
