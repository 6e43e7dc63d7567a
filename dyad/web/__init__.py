"""dyad's web UI and REST API over a store: `create_app(db_path)`, served by `dyad serve`.

Needs the `web` extra (`pip install 'dyad[web]'`: FastAPI, uvicorn, Jinja2). The app reads the
store read-only and sees records only, never a spaCy Doc.
"""

from __future__ import annotations

from typing import Any

__all__ = ["create_app"]


def __getattr__(name: str) -> Any:
    # Lazy, so `dyad.web.queries` imports without the web extra installed.
    if name == "create_app":
        from dyad.web.app import create_app

        return create_app
    raise AttributeError(f"module 'dyad.web' has no attribute {name!r}")
