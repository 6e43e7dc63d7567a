"""Who takes part in an event: agentless passives, state strikes, light-verb passives,
owners against places, offices one state holds, pronouns and counted groups.

Every sentence here was written for these tests, in news style; none comes from an
evaluation set.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.types import Actor, Event, Extraction

pytestmark = pytest.mark.slow


def _countries(ex: Extraction, keys: tuple[str, ...]) -> list[str | None]:
    by_id = {a.id: a for a in ex.actors}
    return [by_id[k].country if k in by_id else None for k in keys]


def _event(ex: Extraction, ptype: str) -> Event:
    found = [e for e in ex.events if e.type == ptype]
    assert found, (ptype, [(e.type, e.actor, e.recipient) for e in ex.events])
    return found[0]


def _actor(ex: Extraction, mention: str) -> Actor:
    for actor in ex.actors:
        if any(m.text == mention for m in actor.mentions):
            return actor
    raise AssertionError(f"no actor has a mention {mention!r}: {ex.actors}")


# An agentless passive of an act only a state's authorities perform: the country it
# happens in acts.
@pytest.mark.parametrize(("text", "ptype", "actor", "recipient"), [
    ("Two French aid workers were detained in Mali on Sunday.", "COERCE", "MLI", "FRA"),
    ("An opposition leader was jailed in Belarus for organising protests.", "COERCE", "BLR", "BLR"),
    ("Dozens of migrants were deported from Libya last month.", "COERCE", "LBY", None),
    ("Three activists were arrested in Istanbul during the march.", "COERCE", "TUR", "TUR"),
    ("A Russian diplomat was expelled from Estonia after the spying scandal.", "SANCTION", "EST", "RUS"),
    ("Two Iranian banks were blacklisted in the United States.", "SANCTION", "USA", "IRN"),
])
def test_events_participants_agentless_state_act_belongs_to_its_country(
        run_text: Callable[..., Extraction], text: str, ptype: str, actor: str,
        recipient: str | None) -> None:
    ex = run_text(text)
    ev = _event(ex, ptype)
    assert _countries(ex, ev.actor) == [actor], ev
    if recipient is not None:
        assert _countries(ex, ev.recipient) == [recipient], ev


@pytest.mark.parametrize("text", [
    "A soldier was killed in Iraq on Tuesday.",  # anyone may kill: the place is no actor
    "A convoy was attacked in Kabul.",
])
def test_events_participants_place_is_no_actor_of_other_passives(
        run_text: Callable[..., Extraction], text: str) -> None:
    assert _event(run_text(text), "ASSAULT").actor == ()


# "strike": an attack when a state (or its forces) strikes, a walkout otherwise.
@pytest.mark.parametrize(("text", "ptype"), [
    ("Israeli strikes against Gaza continued on Monday.", "ASSAULT"),
    ("Israel launched strikes on Hamas positions in Gaza.", "ASSAULT"),
    ("Turkish warplanes carried out strikes against Kurdish militants in northern Iraq.", "ASSAULT"),
    ("Russia's strikes on Ukrainian power plants left millions without heat.", "ASSAULT"),
    ("The army's strikes on rebel positions in the north continued.", "ASSAULT"),
    ("Teachers in Kenya began a strike over pay.", "PROTEST"),
    ("Dock workers went on strike in Antwerp.", "PROTEST"),
    ("French rail workers staged a strike against the pension reform.", "PROTEST"),
    ("Prisoners in Turkey went on a hunger strike.", "PROTEST"),
])
def test_events_participants_strikes_by_states_are_attacks(
        run_text: Callable[..., Extraction], text: str, ptype: str) -> None:
    ex = run_text(text)
    strikes = [e for e in ex.events if text[e.trigger.start:e.trigger.end].lower().startswith("strike")]
    assert strikes and strikes[0].type == ptype, [(e.type, e.actor) for e in ex.events]


# "X were engaged in Y": the passive light verb describes what its subject does.
@pytest.mark.parametrize(("text", "ptype", "actor"), [
    ("Serb forces were engaged in ethnic cleansing in Montenegro.", "ASSAULT", "SRB"),
    ("Rebels are engaged in talks with the government of Colombia.", "CONSULT", "COL"),
    ("Sudanese troops were engaged in heavy fighting with rebels near the border.", "ASSAULT", "SDN"),
])
def test_events_participants_light_verb_passive_subject_acts(
        run_text: Callable[..., Extraction], text: str, ptype: str, actor: str) -> None:
    ex = run_text(text)
    assert actor in _countries(ex, _event(ex, ptype).actor)


# A noun's owner ("a US base", "the British embassy") is the party, not the place it is in.
@pytest.mark.parametrize(("text", "ptype", "recipient"), [
    ("The Iranian-backed militia attacked a US base in Syria.", "ASSAULT", "USA"),
    ("Protesters stormed the British embassy in Tehran.", "PROTEST", "GBR"),
    ("Militants fired rockets at an Indian army post in Kashmir.", "ASSAULT", "IND"),
    ("Protesters attacked the Russian consulate in Istanbul.", "PROTEST", "RUS"),
    ("A US drone strike killed a senior al-Shabaab commander in Somalia.", "ASSAULT", "SOM"),
    ("Gunmen attacked the Pakistani consulate in Jalalabad.", "ASSAULT", "PAK"),
])
def test_events_participants_owner_beats_place(
        run_text: Callable[..., Extraction], text: str, ptype: str, recipient: str) -> None:
    ex = run_text(text)
    ev = max((e for e in ex.events if e.type == ptype and e.recipient), key=lambda e: e.confidence)
    assert _countries(ex, ev.recipient) == [recipient], ev


def test_events_participants_owner_nearest_the_noun_names_it(
        run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Osama bin Laden's al-Qaeda network threatened to attack the United States.")
    ev = _event(ex, "THREATEN")
    assert [a.cameo for a in ex.actors if a.id in ev.actor] == ["IMGMUSALQ"], ev  # al-Qaeda


# An office only one state has gives its holder that state.
@pytest.mark.parametrize(("text", "mention", "ptype"), [
    ("Pope Francis urged Russia to end the war.", "Francis", "REQUEST"),
    ("The pope called for peace in Ukraine.", "The pope", "REQUEST"),
    ("Pope Benedict XVI met Israeli President Shimon Peres in Jerusalem.", "Benedict XVI", "CONSULT"),
    ("The Pope will visit Iraq in March.", "The Pope", "CONSULT"),
])
def test_events_participants_pope_is_the_holy_see(
        run_text: Callable[..., Extraction], text: str, mention: str, ptype: str) -> None:
    ex = run_text(text)
    pope = _actor(ex, mention)
    assert (pope.kind, pope.country, pope.role) == ("person", "VAT", "pope")
    assert pope.id in _event(ex, ptype).actor


# "They" after coordinated actors are all of them; a number on a plural noun picks the
# last actors named only when the noun names parties ("the two countries", not "two missiles").
@pytest.mark.parametrize(("text", "ptype", "actors"), [
    ("Russia and China signed a trade deal. They also agreed to hold joint exercises.",
     "AGREE", {"RUS", "CHN"}),
    ("French and German officials met in Berlin. They pledged to cooperate.", "AGREE", {"FRA", "DEU"}),
    ("India and Pakistan exchanged fire. Both sides blamed each other.", "ACCUSE", {"IND", "PAK"}),
    ("Rwanda and Uganda signed an accord. The two countries agreed to reopen the border.",
     "AGREE", {"RWA", "UGA"}),
    ("Kenya recalled its ambassador from Tanzania. It accused Dar es Salaam of meddling.",
     "ACCUSE", {"KEN"}),
])
def test_events_participants_pronouns_and_counted_groups(
        run_text: Callable[..., Extraction], text: str, ptype: str, actors: set[str]) -> None:
    ex = run_text(text)
    assert set(_countries(ex, _event(ex, ptype).actor)) == actors


@pytest.mark.parametrize("text", [
    "Officials in Seoul said North Korea had fired two missiles.",
    "Witnesses said the army had fired three rockets.",
])
def test_events_participants_counted_things_are_no_parties(
        run_text: Callable[..., Extraction], text: str) -> None:
    ex = run_text(text)
    ev = _event(ex, "ASSAULT")
    assert ev.recipient == (), ev


# "Iraq's neighbours": a relation to the possessor names other parties, not the possessor.
@pytest.mark.parametrize(("text", "ptype", "not_actor"), [
    ("Iraq's neighbours pledged aid to the new government in Baghdad.", "AGREE", "IRQ"),
    ("Russia's allies condemned the sanctions.", "ACCUSE", "RUS"),
    ("Turkey's partners criticised the offensive.", "ACCUSE", "TUR"),
])
def test_events_participants_relational_nouns_are_not_their_possessor(
        run_text: Callable[..., Extraction], text: str, ptype: str, not_actor: str) -> None:
    ex = run_text(text)
    assert not_actor not in _countries(ex, _event(ex, ptype).actor)


# Troops a state sends are its own, not the recipient of the deployment.
@pytest.mark.parametrize(("text", "recipient"), [
    ("A spokesman said Germany would send 500 troops to Lithuania.", "LTU"),
    ("France deployed troops to Mali.", "MLI"),
    ("Kenya dispatched soldiers to Somalia on Friday.", "SOM"),
])
def test_events_participants_sent_troops_are_no_recipient(
        run_text: Callable[..., Extraction], text: str, recipient: str) -> None:
    ex = run_text(text)
    assert _countries(ex, _event(ex, "MOBILIZE").recipient) == [recipient]
