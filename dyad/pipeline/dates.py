"""The time layer: tag and normalise time expressions, then date every event and quote.

`DateTagger` (`dyad_date_tagger`) runs the rules of `dyad.pipeline.timex` over the text,
reading tense off the dependency parse (a weekday in a past clause is the last one, in a
future clause the next one; in a headline, off headline grammar), checks year-only finds against the model's entities (a "2000"
the NER calls CARDINAL or MONEY is a count, not a year), resolves everything against
`doc._.dyad_published` or, when that is missing, the article's dateline, and writes
`doc._.dyad_dates`.

`EventDater` (`dyad_event_dater`) gives each event and quote a date, a precision and the
basis it rests on: `explicit` (a date expression in the trigger's own clause), `relative`
("a week after Russia published ..." = the main clause's date minus a week), `reported` (the
date of the speech act that reports it), `dateline`, or `publication`.

Must not: change the text, other stages' annotations beyond the date fields, or name any
article's words; knowledge (time words) lives in time_words.yaml.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

import numpy
from spacy.language import Language
from spacy.tokens import Doc, Token

from dyad.pipeline.annotations import CharSpan, DateAnn
from dyad.pipeline.extensions import doc_text
from dyad.pipeline.timex import (
    FUTURE,
    FUTURE_IN_PAST,
    PAST,
    PRESENT,
    Tense,
    Timex,
    add_months,
    find_timexes,
    grammar,
    normalise_entity,
    parse_reference,
    time_words,
)

_NON_DATE_ENTS = frozenset({"CARDINAL", "MONEY", "QUANTITY", "PERCENT", "PRODUCT", "ORDINAL", "LAW",
                            "WORK_OF_ART", "FAC", "ORG"})
_FUTURE_AUX = frozenset({"will", "'ll", "shall", "wo"})
_FUTURE_IN_PAST_AUX = frozenset({"would", "'d"})
_MODAL_AUX = frozenset({"could", "can", "may", "might", "should", "must", "ca"})
_FUTURE_HEADS = frozenset({"plan", "schedule", "expect", "set", "due", "intend", "hope", "aim",
                           "prepare", "agree", "be", "go", "forecast", "predict", "project"})
# a headline's "Union votes to strike Friday": the verbs whose "to" clause lies ahead
_HEADLINE_PLAN_HEADS = _FUTURE_HEADS | frozenset({"vote", "decide", "promise", "pledge", "vow",
                                                  "threaten", "seek", "want", "move", "look", "need"})
_DATELINE_LEAD = re.compile(r"(?:^|\n)[ \t]*(?:[A-Z][\w.'’ -]{0,40}(?:,|\s[-–—])[ \t]*)?$")
_DATELINE_TAIL = re.compile(r"^[ \t]*(?:$|\n|[.(/–—-]|\s*\(|\s*/)")


# ------------------------------------------------------------------ tense from the parse


def clause_verb(tok: Token) -> Token:
    """The verb (or the root) a token belongs to: its first verbal ancestor-or-self."""
    t = tok
    for _ in range(40):
        if t.pos_ in ("VERB", "AUX") or t.head is t:
            return t
        t = t.head
    return t


def verb_tense(verb: Token) -> Tense:
    """past / future / None for a clause's verb, from its auxiliaries, tag and governor."""
    auxes = [c for c in verb.children if c.dep_ in ("aux", "auxpass")]
    if any(a.lower_ in _FUTURE_AUX for a in auxes):
        return FUTURE
    if any(a.lower_ in _FUTURE_IN_PAST_AUX for a in auxes):
        # "would have met": a past seen from later; "would meet": ahead of a past speech act
        return PAST if any(a.lemma_ == "have" for a in auxes) else FUTURE_IN_PAST
    if any(a.lower_ in _MODAL_AUX for a in auxes) and not any(a.lemma_ == "have" for a in auxes):
        return FUTURE  # "could take place in January": modals look ahead unless perfect
    if any(a.tag_ == "TO" for a in auxes) and (verb.dep_ == "ROOT" or (
            verb.head.dep_ == "ROOT" and verb.head.pos_ in ("NOUN", "PROPN"))):
        return FUTURE  # a headline's "Ministers to meet on Friday" (no finite verb): a plan, ahead
    if verb.head.lemma_ in _FUTURE_HEADS and (verb.dep_ == "xcomp" or (
            verb.dep_ == "ccomp" and any(a.tag_ == "TO" for a in auxes))):
        # "expected to reach", "expect it to make landfall on Saturday": what is looked for, ahead
        return FUTURE if verb.head.tag_ != "VBD" or verb.head.lemma_ != "be" else PAST
    if verb.tag_ == "VBG" and any(a.lemma_ == "be" and a.tag_ in ("VBZ", "VBP") for a in auxes):
        return FUTURE
    if verb.lemma_ in ("schedule", "plan", "set", "expect") and any(a.tag_ in ("VBZ", "VBP") for a in auxes):
        return FUTURE  # "results are expected by Friday": ahead
    if verb.tag_ == "VBD" or any(a.tag_ == "VBD" for a in auxes):
        return PAST
    if verb.tag_ == "VBN" and any(a.lemma_ == "have" for a in auxes):
        return PAST
    if verb.tag_ in ("VBZ", "VBP") and not auxes:
        return PRESENT  # "the talks open on Monday": neither tense decides the direction
    if verb.tag_ == "VB" and not auxes and any(c.dep_ == "nsubj" for c in verb.children):
        return PRESENT  # "voters go to the polls on Sunday": a base form with a subject is finite
    return None


def _token_at(doc: Doc, start: int, end: int) -> Token | None:
    span = doc.char_span(start, end, alignment_mode="expand")
    return span.root if span is not None and len(span) else None


def headline_tense(doc: Doc) -> tuple[int, Tense] | None:
    """The end and tense of a headline standing on the first line (no full stop at its end).

    Headlines have a grammar of their own: the simple present reports what has happened
    ("Stocks fall Friday"), "to" + verb or a modal announces what will ("Apple to open store
    Friday"). The parser, reading the headline into the dateline below it, misses both."""
    text = doc_text(doc)
    nl = text.find("\n")
    head = text[:nl].rstrip() if 0 < nl <= _HEADLINE_MAX else ""
    if not head or head[-1] in ".!?;:":
        return None
    span = doc.char_span(0, len(head), alignment_mode="contract")
    if span is None or not len(span):
        return None
    finite: Token | None = None  # the headline's verb before a "to", if any
    for t in span:
        if t.tag_ == "MD" or (t.tag_ == "TO" and t.i + 1 < span.end and doc[t.i + 1].tag_ == "VB"
                              and (finite is None or finite.lemma_ in _HEADLINE_PLAN_HEADS)):
            # "Apple to open store", "Ministers agree to meet": ahead; but "Firm returns to
            # profit" reports what has happened (the "to" after a verb of motion is no plan)
            return nl, FUTURE
        if t.tag_ in ("VBZ", "VBP", "VBD") and finite is None:
            finite = t
    if any(t.tag_ in ("VBZ", "VBP", "VBD") for t in span):
        return nl, PAST
    return None


_HEADLINE_MAX = 200
_TIME_UNIT_NOUNS = frozenset({"day", "week", "weekend", "month", "quarter", "season", "term", "session",
                              "semester", "holiday", "break", "vacation", "recess"})
_GERUND_DEPS = frozenset({"advcl", "xcomp", "acl", "pcomp"})


def parse_tense(doc: Doc):  # type: ignore[no-untyped-def]
    """A tense_of(start, end) callback reading the dependency parse of `doc` (and, inside a
    headline, the headline's own grammar)."""
    headline = headline_tense(doc)

    def tense_of(start: int, end: int) -> Tense:
        if headline is not None and end <= headline[0]:
            return headline[1]
        tok = _token_at(doc, start, end)
        if tok is None:
            return None
        verb = clause_verb(tok)
        tense = verb_tense(verb)
        if tense is None and verb.tag_ == "VBG" and verb.dep_ in _GERUND_DEPS and verb.head.i != verb.i:
            # "will strike for 48 hours starting on Friday": a gerund clause has no tense of
            # its own; under a future clause it looks ahead too (under a past one it may still
            # look ahead: "has announced cuts, resulting in closures in the fourth quarter")
            governing = verb_tense(clause_verb(verb.head))
            tense = governing if governing in (FUTURE, FUTURE_IN_PAST) else None
            if tense == FUTURE and verb.dep_ == "pcomp" and verb.head.lower_ == "after":
                # "will miss six weeks after tearing a hamstring on Saturday": what comes
                # before a future event may lie ahead or behind — neither tense decides
                tense = PRESENT
        return tense

    return tense_of


# ------------------------------------------------------------------ the tagger


def find_dateline(text: str, found: Sequence[Timex]) -> Timex | None:
    """The dateline date: a calendar date opening one of the first two lines (after at most a
    place name), standing alone on its line or followed by a full stop, bracket or dash."""
    head_end = min(len(text), 400)
    lines_seen = text[:head_end].count("\n", 0, head_end)
    for t in found:
        if t.start >= head_end:
            break
        if t.precision != "day" or t.type != "DATE" or t.rule not in ("mdy", "dmy", "iso", "slash"):
            continue
        if text.count("\n", 0, t.start) > min(2, lines_seen):
            break
        if _DATELINE_LEAD.search(text[:t.start]) and _DATELINE_TAIL.match(text[t.end:]):
            return t
    return None


class DateTagger:
    """`dyad_date_tagger`: every time expression, normalised to TIMEX3, in doc._.dyad_dates."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        grammar()  # read the word lists and compile the rules now, not on the first document

    def __call__(self, doc: Doc) -> Doc:
        doc._.dyad_dates = [DateAnn(t.start, t.end, t.text, t.type, t.value, t.precision, t.anchor)
                            for t in self.find(doc)]
        return doc

    def find(self, doc: Doc) -> list[Timex]:
        text = doc_text(doc)
        tense_of = parse_tense(doc) if doc.has_annotation("DEP") else None
        reference: str | None = doc._.dyad_published
        found = find_timexes(text, reference, tense_of=tense_of)
        dateline = find_dateline(text, found)
        if parse_reference(reference) is None and dateline is not None:
            ref = parse_reference(dateline.value)
            if ref is not None:
                found = find_timexes(text, ref, tense_of=tense_of, reference_anchor="dateline")
        gaps = self._entity_gaps(doc, text, found)
        found = [t for t in found if not self._is_count(doc, t) and not self._is_not_modifier(doc, t)
                 and not self._is_kind_of_thing(doc, t)] + gaps
        found.sort(key=lambda t: t.start)
        if dateline is not None:
            found = [_as_dateline(t) if (t.start, t.end) == (dateline.start, dateline.end) else t
                     for t in found]
        return found

    @staticmethod
    def _entity_gaps(doc: Doc, text: str, found: list[Timex]) -> list[Timex]:
        """The model's DATE/TIME entities no rule touched, where their form has a value."""
        if not doc.has_annotation("ENT_IOB"):
            return []
        out = []
        labels = {doc.vocab.strings["DATE"], doc.vocab.strings["TIME"]}
        # to_array, not doc.ents: one C-level pass instead of building every entity Span
        iob, ent_type = doc.to_array(["ENT_IOB", "ENT_TYPE"]).T
        for i in numpy.flatnonzero((iob == 3) & numpy.isin(ent_type, list(labels))):
            j = int(i) + 1
            while j < len(doc) and iob[j] == 1:
                j += 1
            start, end = doc[int(i)].idx, doc[j - 1].idx + len(doc[j - 1])
            if any(t.start < end and start < t.end for t in found):
                continue
            t = normalise_entity(text, start, end)
            if t is not None:
                out.append(t)
        return out

    @staticmethod
    def _is_not_modifier(doc: Doc, t: Timex) -> bool:
        """A time adjective the tagger reads as something else ("the current" of a river)."""
        if t.rule != "fuzzy_adj" or not doc.has_annotation("POS"):
            return False
        tok = _token_at(doc, t.start, t.end)
        return tok is not None and tok.pos_ != "ADJ"

    @staticmethod
    def _is_kind_of_thing(doc: Doc, t: Timex) -> bool:
        """A bare season word naming a kind of thing, not a time: "a winter storm", a
        headline's "Winter storm hits coast" (a/an or the start of a line, then the season
        as a compound of the noun after it; "sales rose in summer trading" keeps its date)."""
        if t.rule != "season" or " " in t.text.strip() or not doc.has_annotation("DEP"):
            return False
        tok = _token_at(doc, t.start, t.end)
        if tok is None or tok.dep_ != "compound" or tok.head.i != tok.i + 1:
            return False  # (a compound's head is a noun, even where the tagger says otherwise)
        if tok.head.lower_.rstrip("s") in _TIME_UNIT_NOUNS:
            return False  # "the summer months" is a time
        prev = doc[tok.i - 1] if tok.i > 0 else None
        return prev is None or prev.lower_ in ("a", "an") or "\n" in prev.text

    @staticmethod
    def _is_count(doc: Doc, t: Timex) -> bool:
        """A bare year the NER reads as a number, sum or product ("2000 troops", "Boeing 2707")."""
        if t.rule not in ("year", "duration") or not doc.has_annotation("ENT_IOB"):
            return False
        span = doc.char_span(t.start, t.end, alignment_mode="expand")
        if span is None:
            return False
        labels = {tok.ent_type_ for tok in span if tok.ent_type_}
        if t.rule == "year":
            return bool(labels) and labels <= _NON_DATE_ENTS and "DATE" not in labels
        # "a day" inside a longer DATE entity is fine; a duration the NER calls MONEY is not
        return bool(labels) and labels <= {"MONEY", "PERCENT"}


def _as_dateline(t: Timex) -> Timex:
    return Timex(t.start, t.end, t.text, t.type, t.value, t.precision, "dateline", t.rule)


# ------------------------------------------------------------------ the event dater


@dataclass(frozen=True)
class Dating:
    """A date for an event or quote: value, precision, basis."""

    date: str | None
    precision: str | None
    basis: str | None


_RANGE_UNIT = re.compile(r"\b(day|week|month|year|decade)s?\b", re.IGNORECASE)
_RANGE_LENGTH = {"day": 7, "week": 28, "month": 91, "year": 3 * 365, "decade": 3650}


def range_of(d: DateAnn, ref: date | None) -> str | None:
    """An ISO interval for a fuzzy PAST_REF/FUTURE_REF expression ("in recent weeks" → the
    four weeks before the reference, "the upcoming months" → the three months after)."""
    if ref is None or d.value not in ("PAST_REF", "FUTURE_REF"):
        return None
    m = _RANGE_UNIT.search(d.text)
    days = _RANGE_LENGTH[m.group(1).lower()] if m else 28
    if d.value == "PAST_REF":
        return f"{(ref - timedelta(days=days)).isoformat()}/{ref.isoformat()}"
    return f"{ref.isoformat()}/{(ref + timedelta(days=days)).isoformat()}"


def dating_of(d: DateAnn, ref: date | None, basis: str) -> Dating | None:
    """The event date a time expression gives (None for durations, sets and PRESENT_REF)."""
    if d.type in ("DURATION", "SET") or d.value == "PRESENT_REF":
        return None
    if d.value in ("PAST_REF", "FUTURE_REF"):
        interval = range_of(d, ref)
        return Dating(interval, "range", basis) if interval else None
    value = d.value.split("T")[0] if d.type == "TIME" else d.value
    if "X" in value:
        return None
    return Dating(value, d.precision or "day", basis)


def shift_value(value: str, precision: str | None, duration: str, sign: int) -> str | None:
    """A day value moved by a TIMEX duration (P1W, P3D, P2M, P1Y); None if not computable."""
    ref = parse_reference(value)
    m = re.fullmatch(r"P(\d+(?:\.\d+)?)([DWMY])", duration)
    if ref is None or m is None or precision != "day":
        return None
    n, unit = float(m.group(1)), m.group(2)
    if unit in "DW":
        return (ref + timedelta(days=sign * round(n * (7 if unit == "W" else 1)))).isoformat()
    months = round(n * (12 if unit == "Y" else 1))
    return add_months(ref, sign * months).isoformat()


class EventDater:
    """`dyad_event_dater`: date, date_precision and date_basis for every event and quote."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        w = time_words()
        self.reporting = w.reporting_verbs

    def __call__(self, doc: Doc) -> Doc:
        ctx = _DocDates(doc, self.reporting)
        quotes = doc._.dyad_quotes or []
        quote_dates = [ctx.date_quote(q.cue or CharSpan(q.start, q.end), q.sentence) for q in quotes]
        for q, dating in zip(quotes, quote_dates, strict=True):
            q.date, q.date_precision, q.date_basis = dating.date, dating.precision, dating.basis
        for e in doc._.dyad_events or []:
            quote = quote_dates[e.quote] if e.quote is not None and 0 <= e.quote < len(quote_dates) else None
            dating = ctx.date_event(e.trigger, quote, e.reported_by is not None)
            e.date, e.date_precision, e.date_basis = dating.date, dating.precision, dating.basis
        return doc


class _DocDates:
    """Per-document index: each date expression's clause verb, the fallbacks."""

    def __init__(self, doc: Doc, reporting: frozenset[str]) -> None:
        self.doc = doc
        self.reporting = reporting
        self.dates: list[DateAnn] = list(doc._.dyad_dates or [])
        self.parsed = doc.has_annotation("DEP")
        self.ref = parse_reference(doc._.dyad_published)
        # the first token of each token's sentence (Token.sent walks the sentence per call)
        self.sent_start: list[int] = [0] * len(doc)
        if self.parsed:
            for sent in doc.sents:
                self.sent_start[sent.start:sent.end] = [sent.start] * len(sent)
        self.date_roots: list[Token | None] = [_token_at(doc, d.start, d.end) for d in self.dates]
        self.date_verbs: list[Token | None] = [clause_verb(t) if t is not None and self.parsed else None
                                               for t in self.date_roots]
        dateline = next((d for d in self.dates if d.anchor == "dateline"), None)
        self._regions: list[tuple[int, int, DateAnn, int, Token | None]] | None = None
        self.fallback = self._fallback(dateline)

    def _fallback(self, dateline: DateAnn | None) -> Dating:
        if dateline is not None:  # "XXXX-12-09" when the dateline has no year: honest TIMEX
            return Dating(dateline.value, "day", "dateline")
        if self.ref is not None:
            return Dating(self.ref.isoformat(), "day", "publication")
        return Dating(None, None, None)

    # -- explicit dates --------------------------------------------------

    def explicit(self, verb: Token, trigger: Token | None = None,
                 within: tuple[int, int] | None = None) -> Dating | None:
        """A date expression in the clause of `verb` (or modifying the nominal `trigger`),
        inside the token range `within` when the trigger sits in a relative phrase."""
        best: tuple[int, Dating] | None = None
        for d, root, v in zip(self.dates, self.date_roots, self.date_verbs, strict=True):
            if root is None or v is None or self.sent_start[root.i] != self.sent_start[verb.i]:
                continue
            if within is not None and not within[0] < root.i < within[1]:
                continue
            if within is None and self.region_of(root) is not None:
                continue  # a date inside "<duration> after ..." belongs to that phrase
            attached = v == verb or (trigger is not None and trigger != verb and _governs(trigger, root))
            if not attached:
                continue
            dating = dating_of(d, self.ref, "explicit")
            if dating is None:
                continue
            distance = abs(root.i - (trigger or verb).i)
            if best is None or distance < best[0]:
                best = (distance, dating)
        return best[1] if best else None

    def _relative_regions(self) -> list[tuple[int, int, DateAnn, int, Token | None]]:
        """Every "<duration> after|before <clause or event>" phrase: (first token, end token,
        duration, sign, anchor verb). The phrase runs from the marker to the end of the
        sentence, or to the first comma when it opens the sentence ("Two days after the
        vote, the president resigned"); the anchor is the main clause's verb."""
        regions = []
        doc = self.doc
        for d, root in zip(self.dates, self.date_roots, strict=True):
            if d.type != "DURATION" or root is None:
                continue
            span = doc.char_span(d.start, d.end, alignment_mode="expand")
            if span is None or span.end >= len(doc):
                continue
            marker = doc[span.end]
            if marker.lower_ not in ("after", "before"):
                continue
            sent = marker.sent
            fronted = not any(t.is_alpha for t in doc[sent.start:span.start]
                              if t.lower_ not in ("just", "only", "about", "some", "nearly", "almost"))
            end = sent.end
            if fronted:
                end = next((t.i for t in doc[marker.i:sent.end] if t.text == ","), sent.end)
            anchor_pool = doc[end:sent.end] if fronted else doc[sent.start:span.start]
            verbs = [t for t in anchor_pool if t.pos_ == "VERB"] or [
                t for t in anchor_pool if t.pos_ == "AUX" and t.dep_ not in ("aux", "auxpass")]
            anchor = (verbs[0] if fronted else verbs[-1]) if verbs else None
            sign = 1 if marker.lower_ == "before" else -1
            regions.append((marker.i, end, d, sign, anchor))
        return regions

    def region_of(self, tok: Token) -> tuple[int, int, DateAnn, int, Token | None] | None:
        """The relative phrase holding `tok`, if any."""
        if self._regions is None:
            self._regions = self._relative_regions()
        return next((r for r in self._regions if r[0] < tok.i < r[1]), None)

    def relative(self, tok: Token) -> Dating | None:
        """The date of an event inside a "<duration> after|before ..." phrase: the main
        clause's date moved by the duration ("come a week after Russia published ...")."""
        region = self.region_of(tok)
        if region is not None:
            first, end, d, sign, anchor = region
            base = self.date_clause(anchor) if anchor is not None else self.fallback
            if base.date is None:
                return None
            shifted = shift_value(base.date, base.precision, d.value, sign)
            if shifted is not None:
                return Dating(shifted, "day", "relative")
        return None

    def own_date(self, tok: Token) -> Dating | None:
        """An explicit or relative date for a trigger/cue token: inside a relative phrase only
        a date expression in that phrase counts as its own."""
        verb = clause_verb(tok)
        region = self.region_of(tok)
        if region is not None:
            return self.explicit(verb, tok, within=(region[0], region[1])) or self.relative(tok)
        return self.explicit(verb, tok)

    def reported(self, verb: Token) -> Dating | None:
        """The date of a reporting clause above `verb` ("X said on Thursday that ...")."""
        t = verb
        for _ in range(6):
            if t.dep_ not in ("ccomp", "xcomp", "parataxis", "conj", "advcl") or t.head is t:
                return None
            t = t.head
            if t.pos_ in ("VERB", "AUX") and t.lemma_.lower() in self.reporting:
                dating = self.explicit(t)
                if dating is not None:
                    return Dating(dating.date, dating.precision, "reported")
        return None

    def date_clause(self, verb: Token) -> Dating:
        """The date of a clause that is not itself in a relative phrase."""
        return self.explicit(verb) or self.reported(verb) or self.fallback

    # -- events and quotes -------------------------------------------------

    def date_quote(self, cue: CharSpan, sentence: CharSpan | None) -> Dating:
        tok = _token_at(self.doc, cue.start, cue.end) if self.parsed else None
        if tok is None:
            return self.fallback
        return self.own_date(tok) or self.fallback

    def date_event(self, trigger: CharSpan, quote: Dating | None, is_reported: bool) -> Dating:
        tok = _token_at(self.doc, trigger.start, trigger.end) if self.parsed else None
        if tok is None:
            return self.fallback
        found = self.own_date(tok)
        if found is not None:
            return found
        if quote is not None and quote.basis in ("explicit", "relative", "reported"):
            return Dating(quote.date, quote.precision, "reported")
        return self.reported(clause_verb(tok)) or self.fallback


def _governs(head: Token, tok: Token) -> bool:
    """Is `head` an ancestor of `tok` (or tok itself), below tok's clause verb?"""
    t = tok
    for _ in range(40):
        if t == head:
            return True
        if t.head is t or (t is not tok and t.pos_ in ("VERB", "AUX")):
            return False
        t = t.head
    return False

