"""The one boundary between spaCy and records: a processed Doc + its Article → Extraction.

Nothing else in dyad reads `doc._.dyad_*` to build output; the store, CLI, exporters, web app
and Spark job receive the records this module returns.
"""

from __future__ import annotations

from spacy.tokens import Doc

from dyad.pipeline.annotations import CharSpan
from dyad.pipeline.extensions import doc_text
from dyad.types import (
    Actor,
    Article,
    DateRef,
    Event,
    Extraction,
    Negotiation,
    Quote,
    TextSpan,
)


def _span(text: str, cs: CharSpan | None) -> TextSpan | None:
    if cs is None:
        return None
    return TextSpan(text[cs.start:cs.end], cs.start, cs.end)


def _req_span(text: str, cs: CharSpan) -> TextSpan:
    return TextSpan(text[cs.start:cs.end], cs.start, cs.end)


def doc_to_extraction(doc: Doc, article: Article) -> Extraction:
    """Records for one article from its processed Doc (doc.text must equal article.text)."""
    text = doc_text(doc)
    actors = tuple(
        Actor(
            id=a.key, name=a.name, kind=a.kind, country=a.country,
            organization=a.organization, sector=a.sector, role=a.role, cameo=a.cameo,
            wikidata=a.wikidata,
            mentions=tuple(_req_span(text, m) for m in sorted(a.mentions, key=lambda m: m.start)),
        )
        for a in (doc._.dyad_actors or {}).values()
    )
    dates = tuple(
        DateRef(id=f"t{i}", text=text[d.start:d.end], start=d.start, end=d.end,
                type=d.type, value=d.value, precision=d.precision, anchor=d.anchor)
        for i, d in enumerate(doc._.dyad_dates or [], start=1)
    )
    quotes = tuple(
        Quote(
            id=f"q{i}", text=text[q.start:q.end], start=q.start, end=q.end, kind=q.kind,
            speaker=q.speaker, speaker_mention=_span(text, q.speaker_mention),
            cue=_span(text, q.cue), channel=q.channel, date=q.date,
            date_precision=q.date_precision, date_basis=q.date_basis,
            sentence=_span(text, q.sentence),
        )
        for i, q in enumerate(doc._.dyad_quotes or [], start=1)
    )
    events = tuple(
        Event(
            id=f"e{i}", type=e.type, actor=tuple(e.actor), recipient=tuple(e.recipient),
            status=e.status, evidence=_req_span(text, e.evidence),
            trigger=_req_span(text, e.trigger), mode=e.mode, context=tuple(e.context),
            reported_by=e.reported_by, date=e.date, date_precision=e.date_precision,
            date_basis=e.date_basis, cameo=e.cameo, goldstein=e.goldstein,
            quad_class=e.quad_class, confidence=round(e.confidence, 3),
            quote=f"q{e.quote + 1}" if e.quote is not None else None,
        )
        for i, e in enumerate(doc._.dyad_events or [], start=1)
    )
    negotiations = tuple(
        Negotiation(
            id=f"n{i}", topic=n.topic, participants=tuple(n.participants),
            seeking_seat=tuple(n.seeking_seat), excluded=tuple(n.excluded),
            evidence=tuple(_req_span(text, s) for s in n.evidence),
            first_date=n.first_date, last_date=n.last_date, consulted=tuple(n.consulted),
        )
        for i, n in enumerate(doc._.dyad_negotiations or [], start=1)
    )
    return Extraction(article=article, actors=actors, events=events, quotes=quotes,
                      dates=dates, negotiations=negotiations)
