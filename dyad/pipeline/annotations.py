"""Doc-side annotations the dyad components write into `doc._.dyad_*` and read from each other.

These are mutable working objects with *character* offsets into `doc.text`, so a later stage
can refine an earlier one (the date stage fills an event's date, the quote linker sets
`reported_by`). They live only on the spaCy side: `dyad.convert` turns them into the frozen
records of `dyad.types`, and nothing outside `dyad.pipeline` and `dyad.convert` imports them.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class CharSpan:
    """A [start, end) character range of doc.text."""

    start: int
    end: int


@dataclass
class MentionAnn:
    """One textual mention of an actor (or a candidate the linker may drop).

    `entry` is the knowledge-base key that matched, if any; `source` tells where the
    candidate came from ("kb", "ner", "coref", "role").
    """

    start: int  # char offsets
    end: int
    token_start: int
    token_end: int
    text: str
    label: str  # country | capital | seat | igo | agent | person | org | demonym | media | platform
    entry: str | None = None
    source: str = "kb"
    actor: str | None = None  # key of the ActorAnn it resolved to, set by the linker
    is_place: bool = False  # a place reading (talks *in Moscow*), not an acting entity


@dataclass
class ActorAnn:
    """An actor resolved in one article; `key` is its id in the article's output."""

    key: str
    name: str
    kind: str  # person | country | organization | group
    country: str | None = None
    organization: str | None = None
    sector: str | None = None
    role: str | None = None
    cameo: str | None = None
    wikidata: str | None = None
    mentions: list[CharSpan] = field(default_factory=list)


@dataclass
class DateAnn:
    """A TIMEX3 time expression."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    precision: str | None = None
    anchor: str | None = None


@dataclass
class QuoteAnn:
    """A quotation or reported statement."""

    start: int
    end: int
    kind: str  # direct | partial | indirect
    speaker: str | None = None  # actor key
    speaker_mention: CharSpan | None = None
    cue: CharSpan | None = None
    channel: str | None = None
    sentence: CharSpan | None = None
    date: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None


@dataclass
class EventAnn:
    """A coded event."""

    type: str
    actor: list[str]
    recipient: list[str]
    status: str
    evidence: CharSpan
    trigger: CharSpan
    mode: str | None = None
    context: list[str] = field(default_factory=list)
    reported_by: str | None = None
    date: str | None = None
    date_precision: str | None = None
    date_basis: str | None = None
    cameo: str | None = None
    goldstein: float | None = None
    quad_class: int | None = None
    confidence: float = 0.5
    quote: int | None = None  # index into doc._.dyad_quotes


@dataclass
class NegotiationAnn:
    """A negotiation process and its table."""

    topic: str
    participants: list[str] = field(default_factory=list)
    seeking_seat: list[str] = field(default_factory=list)
    excluded: list[str] = field(default_factory=list)
    evidence: list[CharSpan] = field(default_factory=list)
    first_date: str | None = None
    last_date: str | None = None
    consulted: list[str] = field(default_factory=list)  # promised consultation, not a seat
