"""Registers dyad's spaCy extension attributes (once, guarded, all with a `dyad_` prefix), and
the per-Doc views the stages share (the text and the token forms, built once per Doc)."""

from __future__ import annotations

from spacy.attrs import LOWER, ORTH
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


# ---------------------------------------------------------------- per-Doc views, built once
# spaCy builds `doc.text` by joining every token's text on each access, and `for t in doc`
# makes a Token object per word: the stages ask for these views many times per Doc, so they
# are made once and kept in `doc.user_data` (a Doc's words never change once it exists).

_TEXT = "dyad.text"
_WORDS = "dyad.words"
_LOWERS = "dyad.lowers"


def doc_text(doc: Doc) -> str:
    """`doc.text`, joined once per Doc."""
    text = doc.user_data.get(_TEXT)
    if text is None:
        text = doc.user_data[_TEXT] = doc.text
    return text


def _forms(doc: Doc, key: str, attr: int) -> list[str]:
    forms = doc.user_data.get(key)
    if forms is None:
        strings = doc.vocab.strings
        forms = doc.user_data[key] = [strings[h] for h in doc.to_array(attr).tolist()] if len(doc) else []
    return forms


def token_texts(doc: Doc) -> list[str]:
    """Each token's verbatim text (`t.text for t in doc`), made once per Doc."""
    return _forms(doc, _WORDS, ORTH)


def token_lowers(doc: Doc) -> list[str]:
    """Each token's lower-case form (`t.lower_ for t in doc`), made once per Doc."""
    return _forms(doc, _LOWERS, LOWER)
