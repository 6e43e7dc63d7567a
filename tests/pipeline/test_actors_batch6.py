"""Actors inside events on fresh sentences: office holders without a name, title + surname,
dictionary persons, ministries and agencies, security forces, IGOs, demonyms, capitals that
act, venues that do not, region-coded groups, possessives and coordination.

`tests/fixtures/events/actors_batch6.yaml` names, for each sentence, the event type to look at
and the actor (and recipient) codes a coder following the PLOVER/CAMEO actor conventions
would give; the test asks dyad for an event of that type whose sides hold exactly those
actors. An item dyad does not yet resolve right carries `known_gap: <why>` and runs as a
strict xfail (it fails the day it starts passing).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import permutations
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyad.types import Actor, Event, Extraction
from tests.known_gaps import known_gap_param

pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent.parent / "fixtures" / "events" / "actors_batch6.yaml"
ITEMS: list[dict[str, Any]] = yaml.safe_load(FIXTURE.read_text("utf-8"))["sentences"]


def code_fits(code: str, actor: Actor) -> bool:
    """Does an expected code ("JPNGOV", "IGOUNO", "KEN") name this actor? A country code
    alone is the country itself, not its government; a longer code compares with the
    actor's CAMEO code (its first six letters for a state's sub-codes such as INDGOVMIL)."""
    if code == actor.id or code == actor.cameo:
        return True
    cameo = actor.cameo or ""
    return len(code) == 6 and not cameo.startswith(("IGO", "NGO")) and cameo[:6] == code


def side_holds(expected: Sequence[str], ids: Sequence[str], actors: dict[str, Actor]) -> bool:
    """Every expected code ("A|B" = either) names a different predicted actor and every
    predicted actor is named: compound sides match both ways."""
    if len(expected) != len(ids) or any(i not in actors for i in ids):
        return False
    options = [code.split("|") for code in expected]
    return any(all(any(code_fits(c, actors[i]) for c in opts) for opts, i in zip(options, order, strict=True))
               for order in permutations(ids))


def judge(item: dict[str, Any], ex: Extraction) -> tuple[bool, bool | None, bool]:
    """(actor right, recipient right or None when not asked, both right on one event) for the
    events of the item's type."""
    actors = {a.id: a for a in ex.actors}
    events: list[Event] = [e for e in ex.events if e.type == item["type"]]
    actor_ok = [side_holds(item["actor"], e.actor, actors) for e in events]
    if "recipient" not in item:
        return any(actor_ok), None, any(actor_ok)
    rec_ok = [side_holds(item["recipient"], e.recipient, actors) for e in events]
    return any(actor_ok), any(rec_ok), any(a and r for a, r in zip(actor_ok, rec_ok, strict=True))


@pytest.mark.parametrize("item", [known_gap_param(i) for i in ITEMS])
def test_actors_batch6_sentence(item: dict[str, Any], run_text: Callable[..., Extraction]) -> None:
    ex = run_text(item["text"], published=item.get("published", "2021-12-24"))
    assert judge(item, ex)[2], ([e for e in ex.events if e.type == item["type"]] or ex.events,
                                [(a.id, a.cameo) for a in ex.actors])


def test_actors_batch6_covers_the_cases() -> None:
    assert len(ITEMS) >= 120
    assert sum("recipient" in i for i in ITEMS) >= 60
    assert sum(len(i["actor"]) > 1 for i in ITEMS) >= 20  # compound and symmetric sides


# ------------------------------------------------------------ the rules behind the batch
# Sentences written for these tests (not in the fixture), one rule each.

def _actor(ex: Extraction, actor_id: str) -> Actor:
    found = {a.id: a for a in ex.actors}
    assert actor_id in found, [(a.id, a.cameo) for a in ex.actors]
    return found[actor_id]


@pytest.mark.parametrize(("text", "actor_id", "cameo"), [
    ("Ghana's interior minister denied the report.", "gha-interior-minister", "GHAGOV"),
    ("The Austrian chancellor praised Slovakia's reforms.", "aut-chancellor", "AUTGOV"),
    ("Peru's trade minister met her Chilean counterpart in Lima.", "chl-trade-minister", "CHLGOV"),
    ("The US president and the Kenyan foreign minister spoke by phone.", "usa-president", "USAGOV"),
    ("The defence ministers of Estonia and Latvia met in Riga.", "LVAGOV", "LVAGOV"),
    ("The president of Malawi thanked Zambia for the aid.", "mwi-president", "MWIGOV"),
])
def test_actors_office_without_a_name_is_held_for_its_state(
        run_text: Callable[..., Extraction], text: str, actor_id: str, cameo: str) -> None:
    assert _actor(run_text(text), actor_id).cameo == cameo


@pytest.mark.parametrize("text", [
    "Ghana's President John Mahama met Togo's leader in Accra.",  # a title before a name
    "The Tibetan leader urged China to open talks.",  # a region's people: not China's leader
])
def test_actors_office_words_before_a_name_or_of_a_people_are_no_state_office(
        run_text: Callable[..., Extraction], text: str) -> None:
    ex = run_text(text)
    assert not any(a.id in ("gha-president", "chn-leader") for a in ex.actors), ex.actors


@pytest.mark.parametrize(("text", "actor_id", "country"), [
    # a meeting's venue is not where its parties belong
    ("Georgian opposition leaders held talks with government envoys in Vienna.", "GEOGOV", "GEO"),
    ("Peruvian rebels resumed talks in Quito on Monday.", "PERREB", "PER"),
    # a border named from the other side places nothing
    ("Guinean troops clashed with rebels near the Liberian border.", "GINREB", "GIN"),
    # unidentified gunmen are armed men of the place (PLOVER UAF)
    ("Gunmen kidnapped two teachers in Zamfara.", "NGAUAF", "NGA"),
    # coordinated owners of one agent noun each own one
    ("Officials from Malawi and Zambia signed a border agreement.", "ZMBGOV", "ZMB"),
    # a people's branch of a group coded elsewhere
    ("Iraqi Hezbollah fighters fired rockets at the base.", "iraqi-hezbollah", "IRQ"),
])
def test_actors_owner_comes_from_the_right_place(
        run_text: Callable[..., Extraction], text: str, actor_id: str, country: str) -> None:
    assert _actor(run_text(text), actor_id).country == country


def test_actors_backer_of_a_group_is_not_its_branch(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("The pro-Syrian Hezbollah movement rejected the plan.")
    assert not any(a.id == "syrian-hezbollah" for a in ex.actors), ex.actors


def test_actors_the_palestinian_authority_is_a_government(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("The Palestinian Authority condemned the raid.")
    assert _actor(ex, "PSEGOV").country == "PSE"


@pytest.mark.parametrize(("text", "actor_id", "cameo"), [
    ("Portugal's President Marcelo Rebelo de Sousa arrived in Luanda. Rebelo praised Angola's reforms.",
     "marcelo-rebelo-de-sousa", "PRTGOV"),  # a name inside a long name
    ("Kenya's Prime Minister Raila Amolo-Odinga arrived first. Amolo-Odinga then thanked Tanzania.",
     "raila-amolo-odinga", "KENGOV"),  # a hyphenated family name
])
def test_actors_later_part_of_a_name_is_the_same_person(
        run_text: Callable[..., Extraction], text: str, actor_id: str, cameo: str) -> None:
    ex = run_text(text)
    assert _actor(ex, actor_id).cameo == cameo
    assert len([a for a in ex.actors if a.kind == "person"]) == 1, ex.actors


@pytest.mark.parametrize(("published", "cameo"), [
    ("2007-03-01", "JPNGOV"),  # in office that day (Phoenix: SHINZO_ABE [JPNGOV 060926-070926])
    ("2003-03-01", None),  # no government code valid that day: no guess
])
def test_actors_title_and_family_name_take_the_dictionary_holder_of_the_day(
        run_text: Callable[..., Extraction], published: str, cameo: str | None) -> None:
    ex = run_text("Prime Minister Abe criticised the tariff plan.", published=published)
    assert _actor(ex, "abe").cameo == cameo


def test_actors_unheld_office_is_the_one_named_country_s(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Malawian lawmakers rejected the president's budget.")
    assert _actor(ex, "mwi-president").cameo == "MWIGOV"
    ex = run_text("Japan's ambassador met the president on Monday.")  # the host's, not Japan's
    assert not any(a.id == "jpn-president" for a in ex.actors), ex.actors


@pytest.mark.parametrize(("text", "ptype", "recipient"), [
    ("Namibia criticised Botswana at the African Union summit.", "ACCUSE", ("BWA",)),
    ("Norway praised Colombia for its progress in Havana.", "SUPPORT", ("COL",)),
])
def test_actors_venue_and_reason_are_no_recipients(
        run_text: Callable[..., Extraction], text: str, ptype: str, recipient: tuple[str, ...]) -> None:
    events = [e for e in run_text(text).events if e.type == ptype]
    assert events and events[0].recipient == recipient, events


def test_actors_surname_index_holds_dictionary_family_names() -> None:
    from dyad.knowledge import get_knowledge

    kb = get_knowledge()
    assert "narendra-modi" in kb.surname_index["Modi"]
