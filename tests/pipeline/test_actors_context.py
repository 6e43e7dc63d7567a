"""Actor layer in context: one actor per mention, owners across coordinated adjectives,
places after owned agents, "-led" coalitions and "-backed" backers.

Every sentence here was written for these tests, in news style; none comes from an
evaluation set.
"""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.types import Actor, Extraction

pytestmark = pytest.mark.slow


def _actor(ex: Extraction, mention: str) -> Actor:
    for actor in ex.actors:
        if any(m.text == mention for m in actor.mentions):
            return actor
    raise AssertionError(f"no actor has a mention {mention!r}: {ex.actors}")


def test_actors_capital_after_an_owned_agent_is_a_place(
        run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Hackers targeted the Indian embassy in Washington.")
    assert _actor(ex, "Washington").kind == "country"  # not the US government
    assert _actor(ex, "embassy").country == "IND"


# A mention stands for one actor: "US" in "the US government" is not also the country.
@pytest.mark.parametrize(("text", "mention", "owner"), [
    ("The US government condemned the attack.", "US", "USAGOV"),
    ("Ukrainian officials said the talks had failed.", "Ukrainian", "UKRGOV"),
    ("Serb forces shelled the town overnight.", "Serb", "SRBMIL"),
    ("Kenyan police arrested two suspects.", "Kenyan", "KENCOP"),
])
def test_actors_a_mention_has_one_actor(
        run_text: Callable[..., Extraction], text: str, mention: str, owner: str) -> None:
    ex = run_text(text)
    holders = [a.id for a in ex.actors if any(m.text == mention for m in a.mentions)]
    assert holders == [owner], ex.actors
    assert all(a.mentions for a in ex.actors)


# "X's Y": coordinated adjectives between the owner and its agent keep the owner.
@pytest.mark.parametrize(("text", "mention", "cameo"), [
    ("Iran's powerful and secretive intelligence agency arrested a British national.",
     "intelligence agency", "IRNSPY"),
    ("Kenya's tough, outspoken police chief arrested the suspects.", "police", "KENCOP"),
    ("Mexico's new and untested police force detained the suspects.", "police", "MEXCOP"),
])
def test_actors_owner_across_coordinated_adjectives(
        run_text: Callable[..., Extraction], text: str, mention: str, cameo: str) -> None:
    assert _actor(run_text(text), mention).cameo == cameo


@pytest.mark.parametrize(("text", "mention", "country"), [
    ("The Saudi-led coalition bombed rebel positions near the port.", "coalition", "SAU"),
    ("The US-led coalition launched air strikes against the militants.", "coalition", "USA"),
    ("A French-led coalition of European navies patrolled the strait.", "coalition", "FRA"),
])
def test_actors_led_coalition_belongs_to_its_leader(
        run_text: Callable[..., Extraction], text: str, mention: str, country: str) -> None:
    assert _actor(run_text(text), mention).country == country


@pytest.mark.parametrize(("text", "mention"), [
    ("The Russian-backed separatists shelled government positions.", "government"),
    ("Turkish-funded militias attacked government buildings overnight.", "government"),
])
def test_actors_a_backer_is_no_owner_of_other_agents(
        run_text: Callable[..., Extraction], text: str, mention: str) -> None:
    assert _actor(run_text(text), mention).country is None


# An office holder the text gives no country holds the office where the story is: the
# dateline's country, or the one country the sentence names, named as a place.
@pytest.mark.parametrize(("text", "mention", "country"), [
    ("President Omar Wadi on Thursday lifted the curfew imposed in Sudan.", "Omar Wadi", "SDN"),
    ("Prime Minister Abdul Rahman dissolved parliament in Kuwait on Monday.", "Abdul Rahman", "KWT"),
    ("NAIROBI (Reuters) - President Daniel Mwangi sacked three ministers on Friday.",
     "Daniel Mwangi", "KEN"),
    ("President Joseph Mbala met Rwandan refugees in Goma.", "Joseph Mbala", None),  # two countries
    ("President Joseph Mbala met refugees in Rwanda and Uganda.", "Joseph Mbala", None),
    ("Interior Minister Ahmed Saleh ordered the arrest of opposition leaders.", "Ahmed Saleh", None),
])
def test_actors_office_holder_without_country_holds_it_where_the_story_is(
        run_text: Callable[..., Extraction], text: str, mention: str, country: str | None) -> None:
    assert _actor(run_text(text), mention).country == country


# An agent coordinated after an owned agent shares its owner's country.
@pytest.mark.parametrize(("text", "mention", "cameo"), [
    ("Afghan police and soldiers raided the village.", "soldiers", "AFGMIL"),
    ("The government of Sindh province has ordered patrols by police and paramilitary soldiers.",
     "soldiers", "PAKMIL"),
    ("Syrian soldiers and militiamen shelled the town.", "militiamen", "SYRREB"),
    ("Police and soldiers raided the village.", "soldiers", "MIL"),  # no owner to share
])
def test_actors_coordinated_agent_shares_its_owner(
        run_text: Callable[..., Extraction], text: str, mention: str, cameo: str) -> None:
    assert _actor(run_text(text), mention).cameo == cameo


# Two demonyms before an agent: the place, then the people (the agent is the place's),
# except demonyms listed as naming the place when they come second ("Greek Cypriot").
@pytest.mark.parametrize(("text", "mention", "cameo"), [
    ("Bosnian Serb forces shelled the town overnight.", "forces", "BIHMIL"),
    ("Kosovo Albanian leaders demanded independence.", "leaders", "XKXGOV"),
    ("Iraqi Kurdish fighters captured the town.", "fighters", "IRQREB"),
    ("Greek Cypriot leaders rejected the plan.", "leaders", "CYPGOV"),
    ("Turkish Cypriot police detained two fishermen.", "police", "CYPCOP"),
])
def test_actors_stacked_demonyms_place_then_people(
        run_text: Callable[..., Extraction], text: str, mention: str, cameo: str) -> None:
    ex = run_text(text)
    agent = _actor(ex, mention)
    assert agent.cameo == cameo
    event_actors = {k for e in ex.events for k in e.actor}
    assert event_actors <= {agent.id}, ex.events


# International organisations, NGOs, companies and militant groups from the bundled Phoenix
# dictionaries resolve with their CAMEO codes; a state's code beats a later IMG entry.
@pytest.mark.parametrize(("text", "mention", "cameo"), [
    ("Greenpeace activists protested outside the ministry on Tuesday.", "Greenpeace", "NGOENV"),
    ("Oxfam delivered water and blankets to the flooded villages.", "Oxfam", "NGO"),
    ("Toyota agreed to build a new assembly plant near the port.", "Toyota", "MNCJPN"),
    ("Lockheed Martin signed a contract to supply jets to the air force.", "Lockheed Martin", "MNCUSA"),
    ("The Moro Islamic Liberation Front attacked an army post on Sunday.",
     "Moro Islamic Liberation Front", "PHLREB"),
    ("Nato warned that the build-up threatened its eastern members.", "Nato", "IGOWSTNAT"),
])
def test_actors_bundled_international_organisations(
        run_text: Callable[..., Extraction], text: str, mention: str, cameo: str) -> None:
    assert (_actor(run_text(text), mention).cameo or "").startswith(cameo)


def test_actors_company_officer_belongs_to_the_company(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Toyota's chief executive Kenji Morimoto met the trade minister on Monday.")
    officer = _actor(ex, "Kenji Morimoto")
    assert (officer.organization, officer.country) == ("toyota", None)


def test_actors_an_agency_in_the_dateline_names_no_office_country(
        run_text: Callable[..., Extraction]) -> None:
    ex = run_text("WASHINGTON (Reuters) - The president said on Tuesday he would veto the spending bill.")
    holder = next(a for a in ex.actors if any(m.text == "The president" for m in a.mentions))
    assert (holder.country, holder.cameo) == ("USA", "USAGOV")
