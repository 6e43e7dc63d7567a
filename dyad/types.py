"""Plain records: what dyad produces and what every consumer (store, CLI, web, Spark) sees.

Records are small frozen dataclasses with JSON-ready fields. They never hold a spaCy object;
`dyad.convert` is the only place that turns a Doc into records. Offsets are character
offsets into `Article.text` as read (for HTML, the extracted text).
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass
from typing import Any, Literal

ActorKind = Literal["person", "country", "organization", "group"]
EventStatus = Literal[
    "asserted", "alleged", "denied", "negated", "planned", "hypothetical", "demanded"
]
QuoteKind = Literal["direct", "partial", "indirect"]
DatePrecision = Literal["day", "week", "month", "quarter", "season", "year", "decade", "range"]
DateBasis = Literal["explicit", "reported", "dateline", "publication", "relative"]

PLOVER_TYPES: tuple[str, ...] = (
    "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
    "ACCUSE", "REJECT", "THREATEN", "PROTEST", "MOBILIZE", "SANCTION", "COERCE", "ASSAULT",
)
EVENT_STATUSES: tuple[str, ...] = (
    "asserted", "alleged", "denied", "negated", "planned", "hypothetical", "demanded",
)


@dataclass(frozen=True, slots=True)
class TextSpan:
    """A piece of the article text: `text == article.text[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Article:
    """One input document and its metadata, as read."""

    id: str
    text: str
    published: str | None = None  # ISO date or datetime
    title: str | None = None
    url: str | None = None
    source: str | None = None
    language: str | None = None
    dateline_place: str | None = None
    dateline_source: str | None = None
    origin: str | None = None  # where it was read: "file.jsonl:12", "dir/a.txt"
    is_html: bool = False


@dataclass(frozen=True, slots=True)
class Actor:
    """Someone who acts or is acted upon, resolved to country / organisation / role."""

    id: str
    name: str
    kind: ActorKind
    country: str | None = None  # ISO 3166 alpha-3
    organization: str | None = None  # e.g. "EU", "NATO"
    sector: str | None = None  # CAMEO/PLOVER sector: GOV, MIL, MED, ...
    role: str | None = None  # e.g. "foreign minister"
    cameo: str | None = None  # e.g. "UKRGOV"
    wikidata: str | None = None
    mentions: tuple[TextSpan, ...] = ()


@dataclass(frozen=True, slots=True)
class DateRef:
    """A time expression normalised to TIMEX3 against the publication date."""

    id: str
    text: str
    start: int
    end: int
    type: Literal["DATE", "TIME", "DURATION", "SET"]
    value: str
    precision: str | None = None
    anchor: str | None = None  # what the value was computed from: publication, dateline, ...


@dataclass(frozen=True, slots=True)
class Quote:
    """A quotation or reported statement with its speaker."""

    id: str
    text: str
    start: int
    end: int
    kind: QuoteKind
    speaker: str | None = None
    speaker_mention: TextSpan | None = None
    cue: TextSpan | None = None
    channel: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None
    sentence: TextSpan | None = None


@dataclass(frozen=True, slots=True)
class Event:
    """Who did what to whom, coded in PLOVER with a CAMEO code alongside."""

    id: str
    type: str
    actor: tuple[str, ...]
    recipient: tuple[str, ...]
    status: EventStatus
    evidence: TextSpan
    trigger: TextSpan
    mode: str | None = None
    context: tuple[str, ...] = ()
    reported_by: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    confidence: float = 0.5
    quote: str | None = None  # id of the quote whose content holds the event


@dataclass(frozen=True, slots=True)
class Negotiation:
    """A negotiation process and who sits at its table, seeks a seat, or is left out."""

    id: str
    topic: str
    participants: tuple[str, ...]
    seeking_seat: tuple[str, ...]
    excluded: tuple[str, ...]
    evidence: tuple[TextSpan, ...]
    first_date: str | None = None
    last_date: str | None = None
    consulted: tuple[str, ...] = ()  # promised consultation ("will be discussed with X"), no seat


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything dyad found in one article."""

    article: Article
    actors: tuple[Actor, ...] = ()
    events: tuple[Event, ...] = ()
    quotes: tuple[Quote, ...] = ()
    dates: tuple[DateRef, ...] = ()
    negotiations: tuple[Negotiation, ...] = ()


@dataclass(frozen=True, slots=True)
class Rejected:
    """An input record dyad could not process, and why."""

    location: str  # "file.jsonl:12", "dir/a.txt", an article id
    reason: str
    record_id: str | None = None
    kind: str = "input"  # input | language | pipeline
    language: str | None = None


def to_dict(record: Any) -> Any:
    """JSON-ready form of a record (tuples become lists, nested records dicts)."""
    if dataclasses.is_dataclass(record) and not isinstance(record, type):
        return {f.name: to_dict(getattr(record, f.name)) for f in dataclasses.fields(record)}
    if isinstance(record, (list, tuple)):
        return [to_dict(x) for x in record]
    return record


def extraction_to_json(ex: Extraction, include_text: bool | None = None) -> dict[str, Any]:
    """The output contract for one article (see README and dyad/schema/extraction.schema.json).

    `article.text` is included for HTML input (offsets refer to the extracted text) or on request.
    """
    art = to_dict(ex.article)
    keep_text = ex.article.is_html if include_text is None else include_text
    if not keep_text:
        art.pop("text", None)
    art.pop("is_html", None)
    return {
        "article": art,
        "actors": to_dict(ex.actors),
        "events": to_dict(ex.events),
        "quotes": to_dict(ex.quotes),
        "dates": to_dict(ex.dates),
        "negotiations": to_dict(ex.negotiations),
    }
