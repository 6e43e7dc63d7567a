"""Actors as event participants, and the event codes that depend on what an actor does to a
meeting: owners of hyphen-owned things, "they" after a meeting, cancelled meetings, "left
... without", standoffs.

Every sentence here was written for these tests, in news style; none comes from an
evaluation set.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.types import Event, Extraction

pytestmark = pytest.mark.slow


def _events(ex: Extraction, ptype: str) -> list[Event]:
    return [e for e in ex.events if e.type == ptype]


def _first(ex: Extraction, ptype: str) -> Event:
    """The first event of type `ptype`; fails the test, listing the events, when there is none."""
    events = _events(ex, ptype)
    assert events, ex.events
    return events[0]


# "a Chinese-owned mine": the thing a hyphenated owner owns stands for the owner.
@pytest.mark.parametrize(("text", "ptype", "side", "owner"), [
    ("Gunmen attacked a Chinese-owned mine in the north on Sunday.", "ASSAULT", "recipient", "CHN"),
    ("Militants bombed a Turkish-owned hotel in the capital.", "ASSAULT", "recipient", "TUR"),
    ("Protesters stormed a French-owned bank in the city centre.", "PROTEST", "recipient", "FRA"),
    ("Saudi-owned television channels praised the agreement.", "SUPPORT", "actor", "SAU"),
    ("The Kremlin-run news agency denied the report.", "REJECT", "actor", "RUSGOV"),
    ("Iran's state-run media accused Israel of sabotage.", "ACCUSE", "actor", "IRNMED"),
    ("Chinese state-run media accused Washington of hypocrisy.", "ACCUSE", "actor", "CHNMED"),
])
def test_actors_hyphen_owner_takes_part_for_what_it_owns(
        run_text: Callable[..., Extraction], text: str, ptype: str, side: str, owner: str) -> None:
    ex = run_text(text)
    event = _first(ex, ptype)
    assert owner in getattr(event, side), event


def test_actors_backer_still_owns_nothing(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Rebels attacked a Russian-backed militia near the airport.")
    assert all("RUS" not in e.recipient for e in ex.events), ex.events


# "A met B. They agreed ...": right after a meeting, "they" are its parties.
@pytest.mark.parametrize(("text", "ptype", "parties"), [
    ("The Indian prime minister met Japan's foreign minister in Tokyo on Monday. "
     "They agreed to expand naval cooperation.", "AGREE", {"IND", "JPN"}),
    ("Germany held talks with Poland on Tuesday. They pledged to coordinate their response.",
     "AGREE", {"DEU", "POL"}),
    ("Chile's president met his Peruvian counterpart in Lima. They signed a fisheries accord.",
     "SUPPORT", {"CHL", "PER"}),
    ("Norway held talks with Sweden on energy. They rejected the proposal from Brussels.",
     "REJECT", {"NOR", "SWE"}),
    ("Kenya's president met his Ugandan counterpart on Friday. The two sides signed a trade deal.",
     "SUPPORT", {"KEN", "UGA"}),
    ("Iran's foreign minister met the IAEA chief in Vienna on Monday. The two sides agreed on a "
     "roadmap.", "AGREE", {"IRN", "IAEA"}),  # not the place named last
    ("Ghana's trade minister held talks with Nigerian officials in Lome. Both sides pledged to "
     "cut tariffs.", "AGREE", {"GHA", "NGA"}),
])
def test_actors_they_after_a_meeting_are_both_parties(
        run_text: Callable[..., Extraction], text: str, ptype: str, parties: set[str]) -> None:
    ex = run_text(text)
    events = _events(ex, ptype)
    assert events, ex.events
    # a party is a country, its government, an IGO, or an office holder of a country
    # ("The Indian prime minister": ind-prime-minister, IND)
    country = {a.id: a.country for a in ex.actors}
    assert {a if a in parties else country.get(a) or a[:3] for a in events[0].actor} == parties, events


def test_actors_they_two_sentences_after_a_meeting_is_not_forced(
        run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Germany held talks with Poland on Tuesday. The weather was cold. "
                  "France said they would also attend.")
    assert all(set(e.actor) != {"DEU", "POL"} for e in ex.events if e.type != "CONSULT"), ex.events


# The codebook: cancellation of meetings is REJECT; no meeting is asserted.
@pytest.mark.parametrize(("text", "actor"), [
    ("Serbia and Kosovo have postponed their meeting in Brussels.", "SRB"),
    ("Pakistan cancelled talks with India after the attack.", "PAK"),
    ("Japan called off a summit with South Korea on Monday.", "JPN"),
    ("Egypt put off negotiations with Ethiopia over the dam.", "EGY"),
    ("The Brazilian government delayed its planned meeting with Argentine officials.", "BRA"),
])
def test_actors_cancelled_meeting_is_a_rejection(
        run_text: Callable[..., Extraction], text: str, actor: str) -> None:
    ex = run_text(text)
    assert not _events(ex, "CONSULT"), ex.events
    rejects = _events(ex, "REJECT")
    assert rejects and any(a[:3] == actor for a in rejects[0].actor), ex.events


def test_actors_halted_negotiations_stay_a_sanction(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Israel suspended talks with the Palestinians.")
    assert _events(ex, "SANCTION") and not _events(ex, "CONSULT"), ex.events


# "left millions without heat" is no visit; "left for Moscow" still is one.
@pytest.mark.parametrize("text", [
    "The energy crisis left millions without heat in Ukraine.",
    "The blackout left thousands of households in Pakistan without power.",
    "The storm left three villages in Peru without water.",
    "The flooding left tens of thousands of people in Bangladesh homeless.",
])
def test_actors_leaving_someone_without_is_no_event(run_text: Callable[..., Extraction], text: str) -> None:
    assert not _events(run_text(text), "CONSULT")


def test_actors_leaving_for_a_capital_is_a_visit(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("The Indian foreign minister left for Moscow on Sunday.")
    assert _events(ex, "CONSULT"), ex.events


# A standoff is posturing short of the use of force: MOBILIZE or nothing, never ASSAULT.
@pytest.mark.parametrize(("text", "mobilize"), [
    ("Indian and Chinese troops engaged in a standoff along the border.", True),
    ("The army engaged in a standoff with rebels near the airport.", True),
    ("Police and protesters were locked in a standoff outside parliament.", False),
    ("Greek and Turkish warships have been in a stand-off near the island since Monday.", False),
])
def test_actors_standoff_is_no_assault(run_text: Callable[..., Extraction], text: str, mobilize: bool) -> None:
    ex = run_text(text)
    assert not _events(ex, "ASSAULT"), ex.events
    if mobilize:
        assert _events(ex, "MOBILIZE"), ex.events


def test_actors_fighting_is_still_an_assault(run_text: Callable[..., Extraction]) -> None:
    assert _events(run_text("Serbian troops engaged in fierce fighting with the rebels."), "ASSAULT")


# A state that no longer exists codes as the present-day state continuing it (its CAMEO code
# keeps the dated one): "the Soviet Union" is RUS, Belgrade in 1995 is Serbia's government.
@pytest.mark.parametrize(("text", "ptype", "country"), [
    ("The Soviet Union expelled two British diplomats for spying.", "SANCTION", "RUS"),
    ("Belgrade accused Zagreb of massing troops along the border.", "ACCUSE", "SRB"),
    ("Czechoslovakia protested to Hungary over the dam on the Danube.", "ACCUSE", "CZE"),
    ("Yugoslav President Zoran Lilic met the Greek foreign minister in Athens.", "CONSULT", "SRB"),
    ("East Germany agreed to open its border with Austria.", "AGREE", "DEU"),
    ("Soviet troops attacked Lithuanian protesters in Vilnius.", "ASSAULT", "RUS"),
])
def test_actors_former_state_is_the_continuing_state(
        run_text: Callable[..., Extraction], text: str, ptype: str, country: str) -> None:
    ex = run_text(text, published="1991-06-01")
    countries = {a.id: a.country for a in ex.actors}
    event = _first(ex, ptype)
    assert countries[event.actor[0]] == country, (event, countries)


# An accord, a ceasefire or talks "in Oslo" only happen there: the host city is no party
# (unlike "a trip in X" or "asylum in X", where the place's state takes part).
@pytest.mark.parametrize(("text", "ptype", "place"), [
    ("Peru and Ecuador signed a border treaty in Brasilia on Monday.", "SUPPORT", "BRA"),
    ("Guatemalan guerrillas signed a ceasefire in Oslo.", "SUPPORT", "NOR"),
    ("Bolivia and Chile held talks in Lima on access to the sea.", "CONSULT", "PER"),
    ("The two sides signed the agreement in Geneva.", "SUPPORT", "CHE"),
])
def test_actors_place_of_an_accord_takes_no_part(
        run_text: Callable[..., Extraction], text: str, ptype: str, place: str) -> None:
    ex = run_text(text)
    event = _first(ex, ptype)
    assert place not in event.actor + event.recipient, event


# A region's people code as the state the region belongs to (Phoenix puts Chechnya in Russia,
# Tibet in China); exiles and dissidents are that state's opposition (Phoenix agents).
@pytest.mark.parametrize(("text", "ptype", "actor"), [
    ("Chechen rebels attacked a Russian army post near Grozny.", "ASSAULT", "RUSREB"),
    ("Tibetan exiles protested outside the Chinese embassy in New Delhi.", "PROTEST", "CHNOPP"),
    ("Iranian dissidents demonstrated in Paris against the new press law.", "PROTEST", "IRNOPP"),
    ("The Chechen leader rejected Moscow's offer of talks.", "REJECT", "RUS"),
])
def test_actors_regional_people_and_exiles(
        run_text: Callable[..., Extraction], text: str, ptype: str, actor: str) -> None:
    ex = run_text(text)
    event = _first(ex, ptype)
    assert event.actor == (actor,), event


# A refusal of a meeting or negotiation is its subject's own, aimed at the partner: "would not
# negotiate with X" is a REJECT of X, not a joint REJECT by both.
@pytest.mark.parametrize(("text", "actor", "recipient"), [
    ("The Nepali government said it would not negotiate with the Maoist rebels.", "NPLGOV", "NPLREB"),
    ("Mali will not hold talks with the rebels.", "MLI", "MLIREB"),
    ("Azerbaijan will not meet with Armenian negotiators this month.", "AZE", "ARMGOV"),
])
def test_actors_refusal_to_meet_targets_the_partner(
        run_text: Callable[..., Extraction], text: str, actor: str, recipient: str) -> None:
    ex = run_text(text)
    rejects = _events(ex, "REJECT")
    assert rejects, ex.events
    assert (rejects[0].actor, rejects[0].recipient) == ((actor,), (recipient,)), rejects


def test_actors_dictionary_variant_codes_read_as_iso(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("UNITA rebels shelled the city of Kuito on Sunday.")
    event = _first(ex, "ASSAULT")
    assert {a.id: a.country for a in ex.actors}[event.actor[0]] == "AGO"


# The subject "his country", "its troops", "their government" is the possessor's: the speaker
# named before it, even when only the speaker's country is an actor ("Venezuela's minister").
@pytest.mark.parametrize(("text", "ptype", "actor"), [
    ("Venezuela's foreign minister said his country would sever ties with Peru.", "SANCTION", "VEN"),
    ("The Chadian president said his troops had repelled a Libyan attack.", "ASSAULT", "TCD"),
    ("Ecuador's defence minister said his government would expel the Colombian envoy.",
     "SANCTION", "ECU"),
    ("Laos said its soldiers had shot down a Thai helicopter.", "ASSAULT", "LAO"),
])
def test_actors_possessed_subject_is_the_possessors(
        run_text: Callable[..., Extraction], text: str, ptype: str, actor: str) -> None:
    ex = run_text(text)
    countries = {a.id: a.country for a in ex.actors}
    event = _first(ex, ptype)
    assert [countries.get(k) for k in event.actor] == [actor], (event, countries)


def test_actors_possessed_object_is_not_the_subjects(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Ghana accused Togo of sending its troops across the border.")
    assert all("GHA" not in e.actor for e in ex.events if e.type == "MOBILIZE"), ex.events


# Radicals, terrorists, rioters and strikers are agents like militants and protesters: with no
# owner in the text they belong to the country their sentence is set in.
@pytest.mark.parametrize(("text", "ptype", "actor"), [
    ("Hindu extremists demolished a mosque in Ayodhya.", "ASSAULT", "INDRAD"),
    ("Islamic fundamentalists attacked a tourist bus in Cairo.", "ASSAULT", "EGYRAD"),
    ("Terrorists bombed a police station in Karachi.", "ASSAULT", "PAKREB"),
    ("Striking workers blocked roads in La Paz.", "PROTEST", "BOLLAB"),
    ("A police spokesman said officers had arrested 12 people in Durban.", "COERCE", "ZAFCOP"),
])
def test_actors_more_agents_take_their_place(
        run_text: Callable[..., Extraction], text: str, ptype: str, actor: str) -> None:
    ex = run_text(text)
    event = _first(ex, ptype)
    assert event.actor == (actor,), event


# "the army", "the navy" with no owner: the one country named before it in its sentence, not
# the place it acts in ("troops" and "forces" stay anyone's).
@pytest.mark.parametrize(("text", "ptype", "actor"), [
    ("Syria's foreign minister said the army had shelled Lebanese villages.", "ASSAULT", "SYRMIL"),
    ("Peru said the navy had seized a Chilean trawler.", "ASSAULT", "PERMIL"),
    ("The Ugandan president said the army would pull out of Congo.", "RETREAT", "UGAMIL"),
    ("Nigeria's defence ministry said the air force had bombed rebel camps.", "ASSAULT", "NGAMIL"),
])
def test_actors_national_body_is_the_sentences_country(
        run_text: Callable[..., Extraction], text: str, ptype: str, actor: str) -> None:
    ex = run_text(text)
    event = _first(ex, ptype)
    assert event.actor == (actor,), event


def test_actors_national_body_is_not_the_place_it_acts_in(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("The army shelled rebel positions in Chechnya.")
    assert all("RUSMIL" not in e.actor for e in ex.events), ex.events


# Troops with no owner in what a spokesman reports are the speaker's: "An Israeli army
# spokesman said troops had fired ..." (the subject of the report's content clause only).
@pytest.mark.parametrize(("text", "actor"), [
    ("A Thai army spokesman said troops had clashed with Cambodian soldiers near the temple.",
     "THAMIL"),
    ("The Indian defence ministry said soldiers had shot dead three infiltrators in Kashmir.",
     "INDMIL"),
    ("A military spokesman in Manila said soldiers had killed five rebels.", "PHLMIL"),
    ("An Israeli army spokesman said troops had fired at stone-throwing youths.", "ISRMIL"),
])
def test_actors_reported_troops_are_the_speakers(
        run_text: Callable[..., Extraction], text: str, actor: str) -> None:
    ex = run_text(text)
    event = _first(ex, "ASSAULT")
    assert event.actor == (actor,), event


def test_actors_troops_outside_a_report_stay_anyones(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Troops fired on protesters after the Egyptian minister's speech.")
    assert all("EGYMIL" not in e.actor for e in ex.events), ex.events


# A protest or complaint voices a grievance: what it says the other side did is alleged by the
# complainant (who ACCUSEs), never asserted as fact, wherever the speech verb stands.
@pytest.mark.parametrize(("text", "ptype", "accuser"), [
    ("Zimbabwe's farmers union complained that police had evicted hundreds of families.",
     "COERCE", "ZWEAGR"),
    ("The Kenyan government has failed to honour its pledges, opposition leaders complained.",
     "REJECT", "KENOPP"),
    ("Chile complained that Argentine jets had violated its airspace.", "MOBILIZE", "CHL"),
])
def test_actors_complaint_content_is_alleged(
        run_text: Callable[..., Extraction], text: str, ptype: str, accuser: str) -> None:
    ex = run_text(text)
    assert any(e.actor == (accuser,) and e.status == "asserted" for e in _events(ex, "ACCUSE")), ex.events
    content = _events(ex, ptype)
    assert content and all(e.status == "alleged" for e in content), ex.events


# Forces a state mobilises are its own, named by its army or its nationality: no recipient.
@pytest.mark.parametrize("text", [
    "Britain mobilized army reservists for a possible war.",
    "Chad deployed Chadian troops along the border with Sudan.",
    "Peru put its navy on alert after the incident.",
])
def test_actors_mobilised_own_forces_are_no_recipient(
        run_text: Callable[..., Extraction], text: str) -> None:
    ex = run_text(text)
    mobilised = _events(ex, "MOBILIZE")
    assert mobilised and all(e.recipient == () for e in mobilised), ex.events
