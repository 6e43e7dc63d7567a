"""The server-rendered pages: articles, article, actors, actor, network, timeline, tables,
search and the API index.

Each route validates its parameters like the REST API (shared annotated types from
`dyad.web.rest`), reads the store through the app's `StoreGate`, and renders a Jinja2
template with autoescaping on, so every value from the store is shown as text. The pages
need no script to be read; `static/dyad.js` only adds marking of evidence on the article page.
"""

from __future__ import annotations

import re
from typing import Annotated, Any
from urllib.parse import quote, urlencode

from fastapi import APIRouter, HTTPException, Path, Query, Request
from fastapi.responses import HTMLResponse
from jinja2 import Environment, PackageLoader, StrictUndefined

from dyad.store import queries as store_queries
from dyad.store.store import Store
from dyad.types import EVENT_STATUSES, PLOVER_TYPES
from dyad.web import charts, queries
from dyad.web.rest import ActorKind, Limit, Offset, Since, TypeFilter, Until, read
from dyad.web.views import (
    ROLE_TITLES,
    ROLES,
    article_view,
    negotiation_anchor,
    negotiations,
    network_data,
    search_all,
)

MAX_TIMELINE_ACTORS = 8
_HTTP_URL = re.compile(r"https?://[^\s\x00-\x1f]+\Z", re.IGNORECASE)  # no javascript: links
TIMELINE_EVENTS = 2000  # per actor lane


def _query_string(params: dict[str, Any]) -> str:
    """`?a=1&b=2` of the parameters that are set (lists repeat their key)."""
    items = [(k, str(x)) for k, v in params.items() if v not in (None, "", [])
             for x in (v if isinstance(v, list) else [v])]
    return "?" + urlencode(items) if items else ""


ENV = Environment(loader=PackageLoader("dyad.web", "templates"), autoescape=True,
                  undefined=StrictUndefined, trim_blocks=True, lstrip_blocks=True)
ENV.filters["pathq"] = lambda s: quote(str(s), safe="")
ENV.filters["neg_anchor"] = negotiation_anchor
ENV.filters["http_url"] = lambda u: u if isinstance(u, str) and _HTTP_URL.match(u) else None
ENV.globals.update(qs=_query_string, PLOVER_TYPES=PLOVER_TYPES, EVENT_STATUSES=EVENT_STATUSES,
                   QUAD_NAMES=charts.QUAD_NAMES, ROLES=ROLES, ROLE_TITLES=ROLE_TITLES)

router = APIRouter(include_in_schema=False)


def page(request: Request, template: str, status: int = 200, **context: Any) -> HTMLResponse:
    html = ENV.get_template(template).render(request=request, path=request.url.path, **context)
    return HTMLResponse(html, status_code=status)


def error_page(request: Request, status: int, message: Any) -> HTMLResponse:
    return page(request, "error.html", status=status, status_code=status, message=str(message))


@router.get("/", response_class=HTMLResponse)
def home(request: Request, q: Annotated[str | None, Query(max_length=200)] = None,
         since: Since = None, until: Until = None, limit: Limit = 50,
         offset: Offset = 0) -> HTMLResponse:
    def run(s: Store) -> tuple[dict[str, int], queries.Page]:
        found = queries.paginate(lambda n, skip: queries.articles(
            s, q=q or None, since=since.isoformat() if since else None,
            until=until.isoformat() if until else None, limit=n, offset=skip), limit, offset)
        return s.counts(), found

    counts, found = read(request, run)
    return page(request, "home.html", counts=counts, found=found,
                params={"q": q, "since": since, "until": until, "limit": limit})


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: Annotated[str, Path(max_length=500)]) -> HTMLResponse:
    data = read(request, lambda s: queries.article(s, article_id))
    if data is None:
        raise HTTPException(404, f"no article with id {article_id!r}")
    return page(request, "article.html", **article_view(data))


@router.get("/actors", response_class=HTMLResponse)
def actors(request: Request, name: Annotated[str | None, Query(max_length=200)] = None,
           kind: ActorKind | None = None, limit: Limit = 50, offset: Offset = 0) -> HTMLResponse:
    found = read(request, lambda s: queries.paginate(
        lambda n, skip: store_queries.actors(s, name=name or None, kind=kind, limit=n, offset=skip), limit, offset))
    return page(request, "actors.html", found=found,
                params={"name": name, "kind": kind, "limit": limit})


@router.get("/actors/{actor_id}", response_class=HTMLResponse)
def actor(request: Request, actor_id: Annotated[str, Path(max_length=500)]) -> HTMLResponse:
    def run(s: Store) -> tuple[dict[str, Any] | None, list[dict[str, Any]], list[dict[str, Any]]]:
        return (queries.actor(s, actor_id),
                queries.actor_events(s, actor_id, limit=TIMELINE_EVENTS).records(),
                queries.actor_quotes(s, actor_id, limit=TIMELINE_EVENTS).records())

    found, events, quotes = read(request, run)
    if found is None:
        raise HTTPException(404, f"no actor with id {actor_id!r}")
    chart = charts.timeline([
        ("as actor", actor_id, [e for e in events if e["role"] == "actor"]),
        ("as recipient", actor_id, [e for e in events if e["role"] == "recipient"]),
    ])
    return page(request, "actor.html", actor=found, events=events, quotes=quotes, chart=chart)


@router.get("/network", response_class=HTMLResponse)
def network(request: Request, type: TypeFilter = None, since: Since = None, until: Until = None,
            max_nodes: Annotated[int, Query(ge=2, le=200)] = 60) -> HTMLResponse:
    net = read(request, lambda s: network_data(s, type=type, since=since, until=until,
                                               max_nodes=max_nodes))
    return page(request, "network.html", net=net,
                params={"type": type, "since": since, "until": until, "max_nodes": max_nodes})


@router.get("/timeline", response_class=HTMLResponse)
def timeline(request: Request,
             actor: Annotated[list[str] | None, Query(max_length=MAX_TIMELINE_ACTORS)] = None,
             since: Since = None, until: Until = None) -> HTMLResponse:
    chosen = list(dict.fromkeys(a.strip() for a in actor or [] if a.strip()))
    if any(len(a) > 200 for a in chosen):
        raise HTTPException(422, "an actor is at most 200 characters")

    def run(s: Store) -> tuple[list[dict[str, Any]], list[tuple[str, str, list[dict[str, Any]]]]]:
        top = store_queries.actors(s, limit=30).records()
        wanted = chosen or [a["id"] for a in top[:4]]
        known = queries.actors_by_id(s, wanted)
        lanes = [(known[a]["name"] if a in known else a, a, store_queries.timeline(
            s, a, since=since.isoformat() if since else None,
            until=until.isoformat() if until else None, limit=TIMELINE_EVENTS).records())
            for a in wanted]
        return top, lanes

    top, lanes = read(request, run)
    return page(request, "timeline.html", chart=charts.timeline(lanes), top=top,
                chosen=[q for _, q, _ in lanes],
                params={"actor": [q for _, q, _ in lanes], "since": since, "until": until})


@router.get("/tables", response_class=HTMLResponse)
def tables(request: Request, topic: Annotated[str | None, Query(max_length=200)] = None
           ) -> HTMLResponse:
    found = read(request, lambda s: negotiations(s, topic=topic or None))
    return page(request, "tables.html", negotiations=found, params={"topic": topic})


@router.get("/search", response_class=HTMLResponse)
def search(request: Request, q: Annotated[str | None, Query(max_length=200)] = None
           ) -> HTMLResponse:
    text = (q or "").strip()
    found = read(request, lambda s: search_all(s, text, limit=50)) if text else None
    return page(request, "search.html", q=text, found=found)


@router.get("/api", response_class=HTMLResponse)
def api_index(request: Request) -> HTMLResponse:
    schema = request.app.openapi()
    routes = []
    for route_path, methods in schema.get("paths", {}).items():
        for method, spec in methods.items():
            routes.append({"method": method.upper(), "path": route_path,
                           "summary": spec.get("summary", ""),
                           "parameters": spec.get("parameters", [])})
    return page(request, "api.html", routes=routes, info=schema.get("info", {}))
