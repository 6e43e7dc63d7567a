"""The REST API: read-only JSON over the store, described by the OpenAPI schema at /openapi.json.

Every parameter is validated by type and bounds before it reaches a query (event types and
statuses against the PLOVER lists, dates as ISO dates, strings and lists capped in length,
`limit` 1–500, `offset` 0–100,000), and reaches the store only as a query parameter: no
request value names a file, and no SQL is run that dyad did not write. Only GET routes exist.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Annotated, Any, Literal, TypeVar

from fastapi import APIRouter, HTTPException, Path, Query, Request

from dyad.store import queries as store_queries
from dyad.store.store import Store
from dyad.types import EVENT_STATUSES, PLOVER_TYPES
from dyad.web import queries
from dyad.web.queries import MAX_LIMIT, MAX_OFFSET, paginate
from dyad.web.views import negotiations, network_data, search_all

T = TypeVar("T")

# typing.Literal accepts a tuple at run time; pydantic then checks values and lists them in
# the schema. mypy cannot follow a Literal built from a variable, hence the ignores.
EventType = Literal[PLOVER_TYPES]  # type: ignore[valid-type]
EventStatus = Literal[EVENT_STATUSES]  # type: ignore[valid-type]
ActorKind = Literal["person", "country", "organization", "group"]

Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description="rows per page (1–500)")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET, description="rows to skip (0–100000)")]
Since = Annotated[date | None, Query(description="on or after this ISO date (YYYY-MM-DD)")]
Until = Annotated[date | None, Query(description="on or before this ISO date (YYYY-MM-DD)")]
ActorFilter = Annotated[str | None, Query(
    min_length=1, max_length=200,
    description="actor code (UKR, RUSGOV, EU), canonical id or a word of the name; a country "
                "or organisation code also matches its people")]
TypeFilter = Annotated[EventType | None, Query(description="PLOVER event type")]
StatusFilter = Annotated[EventStatus | None, Query(description="event status")]
Text = Annotated[str, Query(min_length=1, max_length=200, description="text to look for")]


def read(request: Request, fn: Callable[[Store], T]) -> T:
    """Run `fn` on the app's store (one request at a time; see `dyad.web.app.StoreGate`)."""
    return request.app.state.gate.read(fn)  # type: ignore[no-any-return]


def _iso(day: date | None) -> str | None:
    return day.isoformat() if day else None


router = APIRouter(prefix="/api", tags=["dyad"])


@router.get("/articles", summary="Articles, newest first")
def list_articles(request: Request, q: Annotated[str | None, Query(
                      min_length=1, max_length=200, description="text in title or body")] = None,
                  since: Since = None, until: Until = None, limit: Limit = 50,
                  offset: Offset = 0) -> dict[str, Any]:
    return read(request, lambda s: paginate(
        lambda n, skip: queries.articles(s, q=q, since=_iso(since), until=_iso(until), limit=n, offset=skip),
        limit, offset)).as_json()


@router.get("/articles/{article_id}", summary="One article: text, actors, events, quotes, "
            "dates and negotiations with character offsets")
def get_article(request: Request, article_id: Annotated[str, Path(max_length=500)]
                ) -> dict[str, Any]:
    found = read(request, lambda s: queries.article(s, article_id))
    if found is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return found


@router.get("/actors", summary="Canonical actors across articles, most reported first")
def list_actors(request: Request, name: ActorFilter = None, kind: ActorKind | None = None,
                limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return read(request, lambda s: paginate(
        lambda n, skip: store_queries.actors(s, name=name, kind=kind, limit=n, offset=skip), limit, offset)).as_json()


@router.get("/actors/{actor_id}", summary="One canonical actor with its events (as actor and "
            "as recipient) and its quotes")
def get_actor(request: Request, actor_id: Annotated[str, Path(max_length=500)],
              limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    def run(s: Store) -> dict[str, Any] | None:
        found = queries.actor(s, actor_id)
        if found is None:
            return None
        found["events"] = paginate(lambda n, skip: queries.actor_events(s, actor_id, limit=n, offset=skip),
                                   limit, offset).as_json()
        found["quotes"] = paginate(lambda n, skip: queries.actor_quotes(s, actor_id, limit=n, offset=skip),
                                   limit, offset).as_json()
        return found

    found = read(request, run)
    if found is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    return found


@router.get("/events", summary="Raw events (one per article mention), in date order")
def list_events(request: Request, actor: ActorFilter = None, recipient: ActorFilter = None,
                type: TypeFilter = None, status: StatusFilter = None, since: Since = None,
                until: Until = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return read(request, lambda s: paginate(lambda n, skip: store_queries.events(
        s, actor=actor, recipient=recipient, type=type, status=status, since=_iso(since),
        until=_iso(until), limit=n, offset=skip), limit, offset)).as_json()


@router.get("/clusters", summary="Event clusters across articles with num_mentions, "
            "num_articles and num_sources (GDELT style)")
def list_clusters(request: Request, actor: ActorFilter = None, recipient: ActorFilter = None,
                  type: TypeFilter = None, status: StatusFilter = None, since: Since = None,
                  until: Until = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return read(request, lambda s: paginate(lambda n, skip: store_queries.clusters(
        s, actor=actor, recipient=recipient, type=type, status=status, since=_iso(since),
        until=_iso(until), limit=n, offset=skip), limit, offset)).as_json()


@router.get("/quotes", summary="Quotes with their speakers, in date order")
def list_quotes(request: Request, speaker: ActorFilter = None, since: Since = None,
                until: Until = None, limit: Limit = 50, offset: Offset = 0) -> dict[str, Any]:
    return read(request, lambda s: paginate(lambda n, skip: store_queries.quotes(
        s, speaker=speaker, since=_iso(since), until=_iso(until), limit=n, offset=skip),
        limit, offset)).as_json()


@router.get("/negotiations", summary="Each negotiation: who is at the table, who seeks a "
            "seat, who is left out, over time, with evidence")
def list_negotiations(request: Request, topic: Annotated[str | None, Query(
                          min_length=1, max_length=200,
                          description="only negotiations whose topic has this word")] = None
                      ) -> dict[str, Any]:
    return {"items": read(request, lambda s: negotiations(s, topic=topic))}


@router.get("/timeline", summary="Everything an actor did or had done to it, by date")
def get_timeline(request: Request, actor: Annotated[str, Query(
                     min_length=1, max_length=200, description="actor, matched like /api/events")],
                 since: Since = None, until: Until = None, limit: Limit = 100,
                 offset: Offset = 0) -> dict[str, Any]:
    return read(request, lambda s: paginate(lambda n, skip: store_queries.timeline(
        s, actor, since=_iso(since), until=_iso(until), limit=n, offset=skip), limit, offset)).as_json()


@router.get("/dyads", summary="Event counts per actor → recipient pair by PLOVER quad class")
def list_dyads(request: Request, type: TypeFilter = None, since: Since = None,
               until: Until = None, limit: Limit = 100, offset: Offset = 0) -> dict[str, Any]:
    return read(request, lambda s: paginate(lambda n, skip: store_queries.dyads(
        s, type=type, since=_iso(since), until=_iso(until), limit=n, offset=skip), limit, offset)).as_json()


@router.get("/network", summary="The actor network: nodes and directed edges weighted by "
            "event counts, toned by cooperation or conflict")
def get_network(request: Request, type: TypeFilter = None, since: Since = None,
                until: Until = None, max_nodes: Annotated[int, Query(
                    ge=2, le=200, description="draw at most this many actors")] = 60
                ) -> dict[str, Any]:
    net = read(request, lambda s: network_data(s, type=type, since=since, until=until,
                                               max_nodes=max_nodes))
    return {
        "nodes": [{"id": n.id, "name": n.name, "kind": n.kind, "weight": n.weight}
                  for n in net.nodes],
        "edges": [{"source": e.source, "target": e.target, "total": e.total, "tone": e.tone,
                   "counts": e.counts} for e in net.edges],
        "dropped": net.dropped,
    }


@router.get("/search", summary="Articles, actors and quotes containing a text")
def search(request: Request, q: Text, limit: Annotated[int, Query(ge=1, le=100)] = 20
           ) -> dict[str, Any]:
    return read(request, lambda s: search_all(s, q, limit=limit))
