"""The web app: `create_app(db_path)` builds a read-only FastAPI app over one dyad store.

It serves the REST API (`dyad.web.rest`, schema at /openapi.json, a local endpoint list at
/api), the server-rendered pages (`dyad.web.pages`) and its own CSS/JS, which are read from
the package once at start-up and served from memory by name: no request path ever reaches
the file system, and nothing is loaded from another host. Swagger UI is not served because it
needs assets from a CDN. Responses carry a Content-Security-Policy that allows only this
app's own scripts and styles, so text from an article can never run as code.
"""

from __future__ import annotations

import threading
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from importlib.resources import files
from pathlib import Path
from typing import Any, TypeVar

from fastapi import FastAPI, HTTPException, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse, Response
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Receive, Scope, Send

from dyad.errors import StoreBusyError, StoreError
from dyad.store.store import Store

T = TypeVar("T")

IDLE_RELEASE = 2.0  # seconds without a request after which the store file is released
ASSETS = {"dyad.css": "text/css; charset=utf-8", "dyad.js": "text/javascript; charset=utf-8",
          "favicon.svg": "image/svg+xml"}
SECURITY_HEADERS = {
    "Content-Security-Policy": "default-src 'none'; script-src 'self'; style-src 'self'; "
                               "img-src 'self'; connect-src 'self'; base-uri 'none'; "
                               "form-action 'self'; frame-ancestors 'none'",
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


class StoreGate:
    """One read-only `Store` shared by all requests, one query at a time.

    DuckDB lets a writer (`dyad ingest`) in only while no process has the file open, so the
    file is released after IDLE_RELEASE seconds without requests and reopened on the next.
    """

    def __init__(self, path: str | Path, idle_release: float = IDLE_RELEASE,
                 busy_timeout: float | None = None) -> None:
        self.store = Store(path, read_only=True, busy_timeout=busy_timeout)
        self.idle_release = idle_release
        self._lock = threading.Lock()
        self._timer: threading.Timer | None = None
        self._last_used = time.monotonic()

    def read(self, fn: Callable[[Store], T]) -> T:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            try:
                return fn(self.store)
            finally:
                self._last_used = time.monotonic()
                self._timer = threading.Timer(self.idle_release, self._release_if_idle)
                self._timer.daemon = True
                self._timer.start()

    def _release_if_idle(self) -> None:
        with self._lock:
            if time.monotonic() - self._last_used >= self.idle_release:
                self.store.release()

    def close(self) -> None:
        with self._lock:
            if self._timer is not None:
                self._timer.cancel()
            self.store.release()


class DropEmptyParameters:
    """ASGI middleware: `?since=&type=X` means `?type=X`. HTML forms send every field, empty or
    not; an empty value then means "no filter" instead of failing date or type validation."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        query = scope.get("query_string", b"") if scope["type"] == "http" else b""
        if query:
            parts = [p for p in query.split(b"&") if p and not (b"=" in p and p.endswith(b"=")
                                                               and p.count(b"=") == 1)]
            scope = {**scope, "query_string": b"&".join(parts)}
        await self.app(scope, receive, send)


def _load_assets() -> dict[str, bytes]:
    folder = files("dyad.web") / "static"
    return {name: (folder / name).read_bytes() for name in ASSETS}


def create_app(db_path: str | Path, *, idle_release: float = IDLE_RELEASE,
               busy_timeout: float | None = None) -> FastAPI:
    """The dyad web app over the store at `db_path` (opened read-only; StoreError if absent).

    `busy_timeout`: seconds a request waits for a running ingest to release the file.
    """
    from dyad import __version__
    from dyad.web import pages, rest

    gate = StoreGate(db_path, idle_release, busy_timeout)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        gate.close()

    app = FastAPI(lifespan=lifespan, title="dyad", version=__version__, docs_url=None, redoc_url=None,
                  openapi_url="/openapi.json",
                  description="Read-only access to a dyad store: articles, actors, events, "
                              "event clusters, quotes, negotiations, timelines and dyads.")
    app.state.gate = gate
    app.add_middleware(DropEmptyParameters)
    app.state.db_path = str(db_path)
    assets = _load_assets()

    @app.middleware("http")
    async def security_headers(request: Request,
                               call_next: Callable[[Request], Awaitable[Response]]) -> Response:
        response = await call_next(request)
        for name, value in SECURITY_HEADERS.items():
            response.headers.setdefault(name, value)
        return response

    @app.get("/static/{name}", include_in_schema=False)
    def static(name: str) -> Response:
        if name not in assets:  # a fixed set served from memory: names never reach the disk
            raise HTTPException(404, "no such asset")
        return Response(assets[name], media_type=ASSETS[name],
                        headers={"Cache-Control": "public, max-age=3600"})

    @app.get("/favicon.ico", include_in_schema=False)
    def favicon() -> Response:
        return Response(assets["favicon.svg"], media_type=ASSETS["favicon.svg"])

    app.include_router(rest.router)
    app.include_router(pages.router)

    def error(request: Request, status: int, message: Any) -> Response:
        if request.url.path.startswith("/api") or request.url.path == "/openapi.json":
            return JSONResponse({"detail": message}, status_code=status)
        return pages.error_page(request, status, message)

    @app.exception_handler(StarletteHTTPException)  # FastAPI's and the router's 404/405
    async def http_error(request: Request, exc: StarletteHTTPException) -> Response:
        return error(request, exc.status_code, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> Response:
        details = [{k: e[k] for k in ("loc", "msg", "type") if k in e} for e in exc.errors()]
        if request.url.path.startswith("/api"):
            return JSONResponse({"detail": details}, status_code=422)
        text = "; ".join(f"{'.'.join(str(x) for x in d['loc'][1:])}: {d['msg']}"
                         for d in details)
        return pages.error_page(request, 422, f"invalid parameters: {text}")

    @app.exception_handler(StoreBusyError)
    async def busy(request: Request, exc: StoreBusyError) -> Response:
        return error(request, 503, str(exc))

    @app.exception_handler(StoreError)
    async def store_failed(request: Request, exc: StoreError) -> Response:
        return error(request, 500, str(exc))

    return app


__all__ = ["StoreGate", "create_app"]
