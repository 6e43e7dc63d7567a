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
    (event, *_) = _events(ex, ptype) or [None]
    assert event is not None, ex.events
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
    assert {a if a in parties else a[:3] for a in events[0].actor} == parties, events


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
