"""Registers dyad's spaCy extension attributes, once and guarded, all with a `dyad_` prefix."""

from __future__ import annotations

from spacy.tokens import Doc, Token

DOC_EXTENSIONS: dict[str, object] = {
    "dyad_published": None,  # ISO date/datetime string of the article, or None
    "dyad_article_id": None,
    "dyad_dateline": None,  # (place, source) or None
    "dyad_mentions": None,  # list[MentionAnn]
    "dyad_actors": None,  # dict[str, ActorAnn]
    "dyad_dates": None,  # list[DateAnn]
    "dyad_quotes": None,  # list[QuoteAnn]
    "dyad_events": None,  # list[EventAnn]
    "dyad_negotiations": None,  # list[NegotiationAnn]
}
TOKEN_EXTENSIONS: dict[str, object] = {
    "dyad_actor": None,  # key of the actor this token's mention resolved to
}


def set_extensions() -> None:
    """Register every dyad extension that is not registered yet (safe to call repeatedly)."""
    for name, default in DOC_EXTENSIONS.items():
        if not Doc.has_extension(name):
            Doc.set_extension(name, default=default)
    for name, default in TOKEN_EXTENSIONS.items():
        if not Token.has_extension(name):
            Token.set_extension(name, default=default)


set_extensions()
