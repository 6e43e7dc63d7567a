"""Actor layer: knowledge-base matching, metonymy, persons with roles, agents, NER repair."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.types import Actor, Extraction


def _by_mention(ex: Extraction, text: str) -> Actor:
    for actor in ex.actors:
        if any(m.text == text for m in actor.mentions):
            return actor
    raise AssertionError(f"no actor has a mention {text!r}: {[(a.id, [m.text for m in a.mentions]) for a in ex.actors]}")


def test_actors_example_article_facts(example_extraction: Extraction) -> None:
    ex = example_extraction
    kuleba = _by_mention(ex, "Dmitry Kuleba")
    assert (kuleba.kind, kuleba.country, kuleba.role) == ("person", "UKR", "foreign minister")
    borrell = _by_mention(ex, "Josep Borrell")
    assert (borrell.organization, borrell.role) == ("EU", "high representative")
    blinken = _by_mention(ex, "Antony Blinken")
    assert (blinken.country, blinken.role) == ("USA", "secretary of state")
    putin, biden = _by_mention(ex, "Vladimir Putin"), _by_mention(ex, "Joe Biden")
    assert (putin.country, putin.role) == ("RUS", "president")
    assert (biden.country, biden.role) == ("USA", "president")
    assert _by_mention(ex, "Kiev").country == "UKR"
    for name in ("Moscow", "the Kremlin"):
        gov = _by_mention(ex, name)
        assert (gov.country, gov.sector, gov.cameo) == ("RUS", "GOV", "RUSGOV")
    assert _by_mention(ex, "Brussels").organization == "EU"
    assert _by_mention(ex, "NATO").organization == "NATO"
    assert _by_mention(ex, "OSCE").organization == "OSCE"
    assert _by_mention(ex, "EU").wikidata == "Q458"


def test_actors_ner_errors_are_repaired(example_extraction: Extraction) -> None:
    """The small model tags Kiev PERSON, Kuleba GPE, Twitter PERSON: knowledge wins."""
    ex = example_extraction
    assert _by_mention(ex, "Kiev").kind != "person"
    kuleba_mentions = [m.text for m in _by_mention(ex, "Dmitry Kuleba").mentions]
    assert kuleba_mentions.count("Kuleba") == 2
    assert not any(m.text == "Twitter" for a in ex.actors for m in a.mentions)
    assert all(not m.text.startswith("Decisions") for a in ex.actors for m in a.mentions)


def test_actors_offsets_match_text(example_extraction: Extraction, example_text: str) -> None:
    for actor in example_extraction.actors:
        for m in actor.mentions:
            assert example_text[m.start:m.end] == m.text


def _assert_fields(actor: Actor, expected: dict[str, object]) -> None:
    for field, value in expected.items():
        assert getattr(actor, field) == value, (field, actor)


# (sentence, mention, expected fields) — written for these tests, in news style.
CASES = [
    ("German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday.",
     "Olaf Scholz", {"kind": "person", "country": "DEU", "role": "chancellor"}),
    ("German Chancellor Olaf Scholz met French President Emmanuel Macron in Paris on Monday.",
     "Emmanuel Macron", {"country": "FRA", "role": "president"}),
    ("China's Foreign Minister Wang Yi urged Washington to stop interfering in Taiwan.",
     "Wang Yi", {"country": "CHN", "role": "foreign minister", "cameo": "CHNGOV"}),
    ("China's Foreign Minister Wang Yi urged Washington to stop interfering in Taiwan.",
     "Washington", {"country": "USA", "sector": "GOV", "kind": "organization"}),
    ("Iranian officials rejected the proposal, state media reported.",
     "officials", {"country": "IRN", "sector": "GOV"}),
    ("NATO Secretary General Jens Stoltenberg said the alliance would reinforce its eastern flank.",
     "Jens Stoltenberg", {"organization": "NATO", "role": "secretary general"}),
    ("The White House announced new sanctions against Russian banks.",
     "White House", {"country": "USA", "sector": "GOV"}),
    ("The White House announced new sanctions against Russian banks.",
     "banks", {"country": "RUS", "sector": "BUS"}),
    ("Beijing has accused the United States of provoking tensions in the region.",
     "Beijing", {"country": "CHN", "sector": "GOV"}),
    ("Israeli troops clashed with Palestinian protesters near Ramallah.",
     "troops", {"country": "ISR", "sector": "MIL"}),
    ("Israeli troops clashed with Palestinian protesters near Ramallah.",
     "protesters", {"country": "PSE", "sector": "CVL"}),
    ("Turkish President Recep Tayyip Erdogan spoke by phone with his Russian counterpart Vladimir Putin.",
     "Vladimir Putin", {"country": "RUS", "role": "president"}),
    ("The UN Security Council condemned the attack.",
     "UN Security Council", {"organization": "UN", "cameo": "IGOUNO"}),
    ("Sergei Lavrov, Russia's top diplomat, dismissed the claims as propaganda.",
     "Sergei Lavrov", {"country": "RUS", "role": "foreign minister"}),
    ("Indian Prime Minister Narendra Modi arrived in Tokyo for a summit with Japanese leaders.",
     "Narendra Modi", {"country": "IND", "role": "prime minister"}),
    ("Indian Prime Minister Narendra Modi arrived in Tokyo for a summit with Japanese leaders.",
     "leaders", {"country": "JPN", "sector": "GOV"}),
    ("The African Union suspended Mali after the coup, the bloc said in a statement.",
     "African Union", {"organization": "AU"}),
    ("Venezuelan opposition leader Juan Guaido called for new elections.",
     "Juan Guaido", {"country": "VEN", "sector": "OPP", "role": "opposition leader"}),
    ("Moscow has rejected the accusations, the Kremlin spokesman Dmitry Peskov told reporters.",
     "Dmitry Peskov", {"country": "RUS", "role": "spokesperson"}),
    ("Moscow has rejected the accusations, the Kremlin spokesman Dmitry Peskov told reporters.",
     "Moscow", {"country": "RUS", "sector": "GOV"}),
    ("South Korean and US forces began joint drills, angering Pyongyang.",
     "Pyongyang", {"country": "PRK", "sector": "GOV"}),
    ("EU foreign policy chief Josep Borrell said Brussels would not recognise the vote.",
     "Josep Borrell", {"organization": "EU", "role": "high representative"}),
    ("Western diplomats said the ceasefire in Sudan was holding.",
     "Western diplomats", {"kind": "group", "country": None, "sector": "GOV"}),
    ("The Taliban rejected the offer of talks, a spokesman said.",
     "Taliban", {"country": "AFG", "sector": "REB"}),
    ("Kyrgyz President Sadyr Japarov opened the summit.",
     "Sadyr Japarov", {"country": "KGZ", "role": "president"}),
    ("A car bomb exploded in Mosul on Sunday, police said.",
     "Mosul", {"kind": "country", "country": "IRQ"}),
]


@pytest.mark.parametrize(("sentence", "mention", "expected"), CASES)
def test_actors_news_sentences(run_text: Callable[..., Extraction], sentence: str, mention: str,
                               expected: dict[str, object]) -> None:
    actor = _by_mention(run_text(sentence), mention)
    _assert_fields(actor, expected)


@pytest.mark.parametrize("sentence", [
    "Delegations gathered for talks in Moscow on Friday.",
    "The minister flew to Beijing for a two-day visit.",
])
def test_actors_capital_as_place_is_not_a_government(run_text: Callable[..., Extraction], sentence: str) -> None:
    ex = run_text(sentence)
    assert not any(a.sector == "GOV" and a.kind == "organization" for a in ex.actors), ex.actors


def test_actors_surname_carries_role(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Polish President Andrzej Duda visited Vilnius. Duda later met Lithuanian officials.")
    duda = _by_mention(ex, "Andrzej Duda")
    assert [m.text for m in duda.mentions] == ["Andrzej Duda", "Duda"]
    assert (duda.country, duda.role) == ("POL", "president")


def test_actors_definite_role_noun_refers_to_named_holder(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Chilean Foreign Minister Alberto van Klaveren met Bolivian officials on Monday. "
                  "The minister said the talks were constructive.")
    holder = _by_mention(ex, "Alberto van Klaveren")
    assert "The minister" in [m.text for m in holder.mentions]


@pytest.mark.parametrize(("sentence", "mention", "expected"), [
    ("No deal could be reached without Cairo at the table.", "Cairo", {"country": "EGY", "sector": "GOV"}),
    ("The Sudanese army and the Rapid Support Forces began talks.", "Rapid Support Forces", {"kind": "organization"}),
    ("Serbia and Kosovo resumed talks in Brussels.", "Kosovo", {"country": "XKX"}),
])
def test_actors_context_decides(run_text: Callable[..., Extraction], sentence: str, mention: str,
                                expected: dict[str, object]) -> None:
    actor = _by_mention(run_text(sentence), mention)
    _assert_fields(actor, expected)


def test_actors_places_of_officials_are_actors(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Officials in Canada and Mexico rejected the tariffs.")
    assert _by_mention(ex, "Mexico").country == "MEX"


def test_actors_family_name_first(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("South Korean President Yoon Suk Yeol met Japanese Prime Minister Fumio Kishida. "
                  "Yoon later told reporters the talks went well.")
    yoon = _by_mention(ex, "Yoon Suk Yeol")
    assert "Yoon" in [m.text for m in yoon.mentions]
    assert yoon.country == "KOR"


@pytest.mark.parametrize(("sentence", "mention", "expected"), [
    ("On Tuesday, Nigerian junior foreign minister Dubem Oniya summoned the ambassador.",
     "Dubem Oniya", {"country": "NGA", "role": "foreign minister"}),
    ("Salaheddine Sidhoum, Algeria's leading human rights activist, staged a hunger strike.",
     "Salaheddine Sidhoum", {"country": "DZA", "role": "activist"}),
    ("Bosnian Serbs demanded a truce.", "Serbs", {"kind": "group", "country": "BIH"}),
])
def test_actors_descriptions_with_adjectives_and_peoples(run_text: Callable[..., Extraction], sentence: str,
                                                         mention: str, expected: dict[str, object]) -> None:
    actor = _by_mention(run_text(sentence), mention)
    _assert_fields(actor, expected)


@pytest.mark.parametrize(("sentence", "mention", "expected"), [
    ("Ankara's Cankaya district administration has denied the request.",
     "district administration", {"country": "TUR", "sector": "GOV"}),
    ("The Ivory Coast's Supreme Court decided to allow the candidate.",
     "Supreme Court", {"country": "CIV", "sector": "JUD"}),
    ("President Bush has threatened further action against Russia.",
     "President Bush", {"kind": "person", "country": "USA"}),
    ("Swiss doctors handed over medicine to the hospital.", "doctors", {"country": "CHE", "sector": "HLH"}),
])
def test_actors_owners_of_offices_and_organisations(run_text: Callable[..., Extraction], sentence: str,
                                                    mention: str, expected: dict[str, object]) -> None:
    actor = _by_mention(run_text(sentence), mention)
    _assert_fields(actor, expected)


# Agents the text gives no owner take one from context: their own phrase, an agent noun
# modifying them, the same noun earlier, the sentence's place, the dateline, or the one
# country named earlier in the sentence.
@pytest.mark.parametrize(("text", "mention", "expected"), [
    ("A newspaper based in Beirut criticised the cabinet's decision.", "newspaper",
     {"country": "LBN", "sector": "MED"}),
    ("Militants loyal to Somalia's former defence chief said they had seized the port.",
     "Militants", {"country": "SOM", "sector": "REB"}),
    ("The government of Sindh province has ordered more patrols.", "government",
     {"country": "PAK", "sector": "GOV"}),
    ("In Baghdad, police said they had arrested four suspects.", "police",
     {"country": "IRQ", "sector": "COP"}),
    ("Police arrested two men in the northern town of Kirkuk on Friday.", "Police",
     {"country": "IRQ", "sector": "COP"}),
    ("KABUL (Reuters) - Police said on Sunday they had detained three men.", "Police",
     {"country": "AFG", "sector": "COP"}),
    ("The Mozambique government on Friday accepted demands from rebels for talks.", "rebels",
     {"country": "MOZ", "sector": "REB"}),
    ("Government troops killed 12 rebels in northern Uganda on Tuesday.", "troops",
     {"country": "UGA", "sector": "MIL"}),
    ("Opposition leaders in Kenya called for a general strike.", "leaders",
     {"country": "KEN", "sector": "OPP"}),
])
def test_actors_ownerless_agents_take_the_country_of_their_context(
        run_text: Callable[..., Extraction], text: str, mention: str, expected: dict[str, object]) -> None:
    _assert_fields(_by_mention(run_text(text), mention), expected)


def test_actors_an_agent_noun_repeated_keeps_its_owner(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Afghan police arrested two men on Monday. The police said both were armed.")
    owners = {(a.country, a.sector) for a in ex.actors if any(m.text == "police" for m in a.mentions)}
    assert owners == {("AFG", "COP")}, ex.actors


@pytest.mark.parametrize(("text", "mention"), [
    ("Troops opened fire on protesters in Ramallah.", "Troops"),  # troops may be anyone's
    ("Israel accused Syria of shelling the border, the government said.", "government"),  # two
    ("Iranian-backed militias fired rockets at the base.", "militias"),  # the backer, no owner
    ("Egypt said it would withdraw its troops from the border.", "troops"),  # a pronoun's
])
def test_actors_agents_without_a_clear_owner_stay_countryless(
        run_text: Callable[..., Extraction], text: str, mention: str) -> None:
    assert _by_mention(run_text(text), mention).country is None


@pytest.mark.parametrize(("text", "mention", "expected"), [
    ("Saudi-led forces struck targets near the port.", "forces", {"country": "SAU", "sector": "MIL"}),
    ("Hamas militants fired rockets at the border town.", "militants", {"organization": None, "country": "PSE"}),
    ("The Popular Front for the Liberation of Palestine claimed the attack.",
     "Popular Front for the Liberation of Palestine", {"country": "PSE"}),
    ("Arab League Secretary-General Amr Moussa urged calm.", "Amr Moussa",
     {"role": "secretary general", "cameo": "IGOMEAARL"}),
    ("President Mario Soares of Portugal met the visiting delegation.", "Mario Soares",
     {"country": "PRT", "role": "president"}),
    ("Secretary-General Kofi Annan of the United Nations urged restraint.", "Kofi Annan",
     {"organization": "UN", "role": "secretary general"}),
    ("The Portuguese president, Mario Soares, arrived in Luanda.", "Mario Soares",
     {"country": "PRT", "role": "president"}),  # the name as the apposition
    ("In the Angolan capital, Mario Soares spoke to reporters.", "Mario Soares",
     {"country": None}),  # a place before the name is no title
    ("Nicaragua's Sandinista government freed 100 prisoners.", "government",
     {"country": "NIC", "sector": "GOV"}),  # a party name between owner and agent
    ("The Organization of African Unity condemned the coup.", "Organization of African Unity",
     {"organization": "OAU", "cameo": "IGOAFROAU"}),  # not the dictionary's "Organization"
    ("Kampuchean guerrillas attacked a border outpost.", "guerrillas", {"country": "KHM"}),  # a former name
])
def test_actors_owners_in_hyphens_names_and_of_phrases(
        run_text: Callable[..., Extraction], text: str, mention: str, expected: dict[str, object]) -> None:
    _assert_fields(_by_mention(run_text(text), mention), expected)


@pytest.mark.parametrize(("text", "mention", "expected"), [
    ("Ethnic Albanians in Macedonia demanded more rights.", "Albanians",
     {"kind": "group", "country": "MKD", "sector": "CVL"}),
    ("Ethnic Albanians demanded more rights.", "Albanians", {"kind": "group", "country": "ALB"}),
    ("Kurds demonstrated in Ankara against the ban.", "Kurds", {"kind": "group", "country": "TUR"}),
    ("Iraqi Kurds demanded a referendum.", "Kurds", {"kind": "group", "country": "IRQ", "name": "Iraqi Kurds"}),
    ("Sikhs marched to demand justice for the victims.", "Sikhs", {"kind": "group", "country": None}),
    ("Lebanese militiamen clashed with Druze fighters in the mountains.", "fighters",
     {"kind": "group", "name": "Druze fighters", "country": "LBN"}),
])
def test_actors_peoples_live_where_the_text_places_them(
        run_text: Callable[..., Extraction], text: str, mention: str, expected: dict[str, object]) -> None:
    _assert_fields(_by_mention(run_text(text), mention), expected)


def test_actors_members_of_a_named_organisation_are_that_organisation(
        run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Microsoft workers protested against the defence contract.")
    assert _by_mention(ex, "workers").id == _by_mention(ex, "Microsoft").id


def test_actors_owner_of_a_modifier_acts_in_events(run_text: Callable[..., Extraction]) -> None:
    """"US drone strikes killed ...": the country modifying the weapon is the attacker."""
    ex = run_text("US drone strikes killed five militants in Pakistan on Sunday.")
    by_id = {a.id: a for a in ex.actors}
    assert any(e.type == "ASSAULT" and [by_id[k].country for k in e.actor] == ["USA"] for e in ex.events), ex.events
