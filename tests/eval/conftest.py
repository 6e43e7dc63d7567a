"""Builders for hand-made dyad records, so the scorers are tested without the model."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path

import pytest

from dyad.types import Actor, Article, Event, Extraction, Quote, TextSpan

FIXTURES = Path(__file__).resolve().parent.parent / "fixtures" / "eval"


@pytest.fixture(scope="session")
def eval_fixtures() -> Path:
    """tests/fixtures/eval: the small gold files written for these tests."""
    return FIXTURES


@pytest.fixture
def make_event() -> Callable[..., Event]:
    """An Event with defaults: make_event("AGREE", actor=("a",), recipient=("b",), ...)."""
    def _make(type: str, actor: Sequence[str] = (), recipient: Sequence[str] = (),
              status: str = "asserted", confidence: float = 0.5, start: int = 0,
              cameo: str | None = None) -> Event:
        span = TextSpan("x", start, start + 1)
        return Event(id=f"e{start}", type=type, actor=tuple(actor), recipient=tuple(recipient),
                     status=status, evidence=span, trigger=span,  # type: ignore[arg-type]
                     confidence=confidence, cameo=cameo)
    return _make


@pytest.fixture
def make_actor() -> Callable[..., Actor]:
    """An Actor: make_actor("ukr", kind="country", country="UKR", mentions=[(0, 7)])."""
    def _make(id: str, kind: str = "country", country: str | None = None,
              organization: str | None = None, cameo: str | None = None,
              mentions: Sequence[tuple[int, int]] = ()) -> Actor:
        return Actor(id=id, name=id, kind=kind, country=country,  # type: ignore[arg-type]
                     organization=organization, cameo=cameo,
                     mentions=tuple(TextSpan("", s, e) for s, e in mentions))
    return _make


@pytest.fixture
def make_extraction() -> Callable[..., Extraction]:
    """An Extraction of an article `id` holding the given records."""
    def _make(id: str, events: Sequence[Event] = (), actors: Sequence[Actor] = (),
              quotes: Sequence[Quote] = (), text: str = "") -> Extraction:
        return Extraction(article=Article(id=id, text=text), actors=tuple(actors),
                          events=tuple(events), quotes=tuple(quotes))
    return _make
