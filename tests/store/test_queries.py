"""Query filters over a small store of hand-built articles."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from dyad.store import Store, queries
from dyad.types import Actor, Event, TextSpan
from tests.store.sample_records import TEXT_A, TEXT_B, make_extraction, span

TEXT_C = "Norway accused Anna Berg of lying. Anna Berg met nobody."


@pytest.fixture(scope="module")
def store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    path = tmp_path_factory.mktemp("q") / "q.duckdb"
    c = make_extraction("c1", TEXT_C.replace("nobody", "Norway"), "2022-04-10", source="Wire C")
    accuse = Event(id="e2", type="ACCUSE", actor=("NOR",), recipient=("anna-berg",),
                   status="alleged", evidence=span(c.article.text, "Norway accused Anna Berg"),
                   trigger=span(c.article.text, "accused"), cameo="112", goldstein=-2.0,
                   quad_class=3)
    kremlin = Actor(id="RUSGOV", name="Russian government", kind="organization", country="RUS",
                    sector="GOV", cameo="RUSGOV", mentions=(TextSpan("Norway", 0, 6),))
    c = replace(c, events=c.events + (accuse,), actors=c.actors + (kremlin,))
    with Store(path) as s:
        s.ingest([make_extraction("a1", TEXT_A), make_extraction("b1", TEXT_B, "2022-03-02"), c])
    s = Store(path, read_only=True)
    yield s  # type: ignore[misc]
    s.close()


def _ids(result: queries.QueryResult) -> list[tuple[str, str]]:
    return [(r["article_id"], r["event_id"]) for r in result.records()]


@pytest.mark.parametrize("value", ["anna-berg@RUR", "Anna Berg", "berg", "RUR", "RURGOV",
                                   "anna-berg"])
def test_queries_events_actor_matches_id_code_country_and_name_word(store: Store,
                                                                    value: str) -> None:
    assert _ids(queries.events(store, actor=value)) == [("a1", "e1"), ("b1", "e1"), ("c1", "e1")]


def test_queries_events_name_word_does_not_match_inside_words(store: Store) -> None:
    assert _ids(queries.events(store, actor="ber")) == []
    assert _ids(queries.events(store, actor="Norw")) == []


def test_queries_events_filters(store: Store) -> None:
    assert _ids(queries.events(store, recipient="Anna Berg")) == [("c1", "e2")]
    assert _ids(queries.events(store, type="accuse")) == [("c1", "e2")]
    assert _ids(queries.events(store, status="alleged")) == [("c1", "e2")]
    assert _ids(queries.events(store, since="2022-03-02", until="2022-03-31")) == [("b1", "e1")]
    assert len(queries.events(store, limit=2).rows) == 2


@pytest.mark.parametrize("query", [queries.events, queries.clusters, queries.quotes,
                                   queries.actors, queries.dyads])
def test_queries_pages_join_up_to_the_whole_result(store: Store, query: object) -> None:
    run = query  # type: ignore[assignment]
    everything = run(store).rows
    assert len(everything) >= 2
    pages = [run(store, limit=1, offset=k).rows for k in range(len(everything) + 1)]
    assert [row for page in pages for row in page] == everything
    assert pages[-1] == [] and run(store, offset=1).rows == everything[1:]


def test_queries_sql_cuts_the_result_after_its_own_order(store: Store) -> None:
    query = "SELECT id FROM articles ORDER BY id DESC"
    assert queries.sql(store, query).rows == [("c1",), ("b1",), ("a1",)]
    assert queries.sql(store, query, limit=1, offset=1).rows == [("b1",)]
    assert queries.sql(store, query, offset=2).rows == [("a1",)]


def test_queries_clusters_count_mentions_articles_sources(store: Store) -> None:
    rows = queries.clusters(store, actor="RUR").records()
    assert [(r["first_day"].isoformat(), r["num_mentions"], r["num_articles"],
             r["num_sources"]) for r in rows] == [("2022-03-01", 2, 2, 1),
                                                 ("2022-04-10", 1, 1, 1)]


def test_queries_quotes_by_speaker(store: Store) -> None:
    rows = queries.quotes(store, speaker="Berg").records()
    assert [r["article_id"] for r in rows] == ["a1", "b1", "c1"]
    assert queries.quotes(store, speaker="Norway").rows == []


def test_queries_actors_and_timeline(store: Store) -> None:
    actors = queries.actors(store).records()
    assert [a["id"] for a in actors][:2] == ["NOR", "anna-berg@RUR"]
    assert queries.actors(store, name="RUS").records()[0]["id"] == "RUSGOV"
    timeline = queries.timeline(store, "NOR").records()
    assert [(t["type"], t["actor"]) for t in timeline] == [
        ("CONSULT", "Anna Berg"), ("CONSULT", "Anna Berg"), ("CONSULT", "Anna Berg"),
        ("ACCUSE", "Norway")]


def test_queries_dyads_count_by_quad_class(store: Store) -> None:
    rows = {(r["actor_id"], r["recipient_id"]): r for r in queries.dyads(store).records()}
    assert rows[("anna-berg@RUR", "NOR")]["verbal_coop"] == 3
    assert rows[("NOR", "anna-berg@RUR")]["verbal_conflict"] == 1
    assert rows[("NOR", "anna-berg@RUR")]["total"] == 1


def test_queries_negotiation_table_merges_articles(store: Store) -> None:
    rows = queries.negotiation_table(store).records()
    roles = {(r["role"], r["actor_id"]): r["num_articles"] for r in rows}
    assert roles == {("participant", "NOR"): 3, ("participant", "anna-berg@RUR"): 3,
                     ("seeking_seat", "EU"): 3, ("excluded", "EU"): 3}
    steps = queries.negotiation_timeline(store, topic="fishing").records()
    assert len({s["day"] for s in steps}) == 3
    assert queries.negotiation_table(store, topic="whaling").rows == []


def _tied_extractions() -> list:  # type: ignore[type-arg]
    """Two same-day reports that disagree, once each, on a name, a status, a code and a topic."""
    a = make_extraction("t1", TEXT_A, "2022-05-01")
    b = make_extraction("t2", TEXT_B.replace("Norway", "Kingdom of Norway"), "2022-05-01",
                        recipient_name="Kingdom of Norway")
    b = replace(b,
                actors=(b.actors[0], replace(b.actors[1], name="Kingdom of Norway")),
                events=(replace(b.events[0], status="alleged", cameo="043"),),
                negotiations=(replace(b.negotiations[0],
                                      topic="Norway–Ruritania talks on fishing quotas"),))
    return [a, b]


@pytest.mark.parametrize("order", [(0, 1), (1, 0)])
def test_queries_ties_across_articles_resolve_the_same_way_in_any_order(
        tmp_path: Path, order: tuple[int, int]) -> None:
    """A tie between two reports goes to the smallest value and the earliest (day, article),
    whichever article was ingested first: a name must not change between two reads."""
    records = _tied_extractions()
    with Store(tmp_path / "tie.duckdb") as s:
        s.ingest([records[i] for i in order])
        names = s.query("SELECT name FROM canonical_actors WHERE id = 'NOR'").rows
        cluster = s.query("SELECT status, cameo, source_url, evidence_text, num_articles "
                          "FROM event_clusters").rows
        topic = s.query("SELECT topic FROM merged_negotiations").rows
    assert names == [("Kingdom of Norway",)]
    assert cluster == [("alleged", "040", "https://news.example/t1", "Anna Berg met Norway's "
                        "prime minister in Oslo.", 2)]
    assert topic == [("Norway–Ruritania talks on fishing quotas",)]
