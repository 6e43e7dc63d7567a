"""Tests for dyad.pipeline.negotiations: the seat at the table.

Most tests parse news-style sentences written for these tests with the spaCy model and set the
actor layer by hand (actors named by their surface strings), so they test the negotiation
rules, not the actor knowledge base. The end-to-end tests run the full pipeline.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyad.config import DEFAULT_MODEL
from dyad.errors import ConfigError
from dyad.pipeline.annotations import ActorAnn, CharSpan, DateAnn, EventAnn, MentionAnn
from dyad.pipeline.negotiations import NegotiationBuilder, load_lexicon
from dyad.types import Extraction

ActorSpec = tuple[Any, ...]  # (key, kind, country, organization, sector)


def country(code: str) -> ActorSpec:
    return (code, "country", code, None, None)


def government(code: str, country_code: str) -> ActorSpec:
    return (code, "organization", country_code, None, "GOV")


def igo(code: str) -> ActorSpec:
    return (code, "organization", None, code, "IGO")


@pytest.fixture(scope="module")
def model() -> Language:
    from dyad.api import load_model

    return load_model(DEFAULT_MODEL)


@pytest.fixture(scope="module")
def builder(model: Language) -> NegotiationBuilder:
    return NegotiationBuilder(model, "dyad_negotiation_builder")


@pytest.fixture
def annotate(model: Language) -> Callable[..., Doc]:
    """Parse `text` and mark every occurrence of each surface string as that actor."""

    def _annotate(text: str, actors: dict[str, ActorSpec], published: str | None = "2023-05-10",
                  events: list[EventAnn] | None = None, dates: list[DateAnn] | None = None) -> Doc:
        doc = model(text)
        mentions: list[MentionAnn] = []
        registry: dict[str, ActorAnn] = {}
        for surface, (key, kind, ctry, org, sector) in actors.items():
            registry.setdefault(key, ActorAnn(key=key, name=surface, kind=kind, country=ctry,
                                              organization=org, sector=sector))
            for m in re.finditer(r"\b" + re.escape(surface) + r"\b", text):
                span = doc.char_span(m.start(), m.end(), alignment_mode="expand")
                assert span is not None
                mentions.append(MentionAnn(m.start(), m.end(), span.start, span.end, surface,
                                           kind, actor=key))
                for tok in span:
                    tok._.dyad_actor = key
        doc._.dyad_mentions = mentions
        doc._.dyad_actors = registry
        doc._.dyad_published = published
        doc._.dyad_events = events or []
        doc._.dyad_dates = dates or []
        return doc

    return _annotate


def table(negotiation: Any) -> dict[str, set[str]]:
    return {role: set(getattr(negotiation, role))
            for role in ("participants", "seeking_seat", "excluded", "consulted")}


# One process per text. Expected roles are exact sets of actor keys; roles not named are empty.
CASES: list[tuple[str, dict[str, ActorSpec], dict[str, set[str]]]] = [
    ("Nothing about Ukraine without Ukraine, Zelensky said.",
     {"Ukraine": country("UKR")},
     {"seeking_seat": {"UKR"}}),
    ("Iran and the United States will hold indirect talks on the nuclear deal in Vienna next "
     "week, but Israel was not invited.",
     {"Iran": country("IRN"), "United States": country("USA"), "Israel": country("ISR")},
     {"participants": {"IRN", "USA"}, "excluded": {"ISR"}}),
    ("Taiwan must be involved in any talks on its future, the island's foreign minister said "
     "on Monday.",
     {"Taiwan": country("TWN")},
     {"seeking_seat": {"TWN"}}),
    ("Armenia and Azerbaijan resumed peace negotiations in Brussels on Friday, while Turkey "
     "demanded a seat at the negotiating table.",
     {"Armenia": country("ARM"), "Azerbaijan": country("AZE"), "Turkey": country("TUR")},
     {"participants": {"ARM", "AZE"}, "seeking_seat": {"TUR"}}),
    ("Britain was left out of the trade negotiations between the European Union and Japan.",
     {"Britain": country("GBR"), "European Union": igo("EU"), "Japan": country("JPN")},
     {"participants": {"EU", "JPN"}, "excluded": {"GBR"}}),
    ("The Sudanese army and the Rapid Support Forces began talks in Jeddah on a ceasefire, with "
     "Saudi Arabia and the United States as mediators.",
     {"Sudanese army": ("SDNMIL", "organization", "SDN", None, "MIL"),
      "Rapid Support Forces": ("rsf", "group", "SDN", None, "REB"),
      "Saudi Arabia": country("SAU"), "United States": country("USA")},
     {"participants": {"SDNMIL", "rsf", "SAU", "USA"}}),
    ("Serbia and Kosovo met in Brussels for talks on normalising relations. Montenegro was "
     "excluded from the talks.",
     {"Serbia": country("SRB"), "Kosovo": country("XKX"), "Montenegro": country("MNE")},
     {"participants": {"SRB", "XKX"}, "excluded": {"MNE"}}),
    ("Palestinian officials said no deal on Gaza should be signed without their consent.",
     {"Palestinian": country("PSE")},
     {"seeking_seat": {"PSE"}}),
    ("The talks between Ethiopia and Egypt over the dam could take place without Sudan at the "
     "table.",
     {"Ethiopia": country("ETH"), "Egypt": country("EGY"), "Sudan": country("SDN")},
     {"participants": {"ETH", "EGY"}, "excluded": {"SDN"}}),
    ("India and Pakistan were not invited to the security talks in Moscow.",
     {"India": country("IND"), "Pakistan": country("PAK")},
     {"excluded": {"IND", "PAK"}}),
    ("Washington agreed that any proposals on trade will be discussed with Ottawa.",
     {"Washington": government("USAGOV", "USA"), "Ottawa": government("CANGOV", "CAN")},
     {"consulted": {"CANGOV"}}),
    ("Beijing refused to give Taipei a seat at the table.",
     {"Beijing": government("CHNGOV", "CHN"), "Taipei": government("TWNGOV", "TWN")},
     {"excluded": {"TWNGOV"}}),
    ("The Philippines wants a say in the negotiations over the South China Sea code of conduct.",
     {"Philippines": country("PHL")},
     {"seeking_seat": {"PHL"}}),
    ("Venezuela's government and the opposition will resume negotiations in Mexico City on "
     "Saturday. Colombia and Brazil said they must have a seat at the table.",
     {"Venezuela's government": government("VENGOV", "VEN"),
      "opposition": ("ven-opposition", "group", "VEN", None, "OPP"),
      "Colombia": country("COL"), "Brazil": country("BRA")},
     {"participants": {"VENGOV", "ven-opposition"}, "seeking_seat": {"COL", "BRA"}}),
    ("North Korea rejected South Korea's demand for a seat at the table in its nuclear talks "
     "with the United States.",
     {"North Korea": country("PRK"), "South Korea": country("KOR"),
      "United States": country("USA")},
     {"participants": {"PRK", "USA"}, "seeking_seat": {"KOR"}}),
    ("Qatar hosted talks between Israel and Hamas on a ceasefire in Gaza. Egypt said the deal "
     "could not be reached without Cairo at the table.",
     {"Qatar": country("QAT"), "Israel": country("ISR"),
      "Hamas": ("hamas", "group", "PSE", None, "REB"), "Egypt": country("EGY"),
      "Cairo": government("EGYGOV", "EGY")},
     {"participants": {"QAT", "ISR", "hamas"}, "seeking_seat": {"EGY"}}),
    ("China and the EU discussed tariffs on electric vehicles with Japan. Australia was "
     "sidelined.",
     {"China": country("CHN"), "EU": igo("EU"), "Japan": country("JPN"),
      "Australia": country("AUS")},
     {"participants": {"CHN", "EU", "JPN"}, "excluded": {"AUS"}}),
    ("Mali and Niger said they were left out of the security dialogue between France and "
     "Algeria, which could go ahead without them at the table.",
     {"Mali": country("MLI"), "Niger": country("NER"), "France": country("FRA"),
      "Algeria": country("DZA")},
     {"participants": {"FRA", "DZA"}, "excluded": {"MLI", "NER"}}),
    ("Kenya and Uganda must be given a seat at the table for the peace process in South Sudan, "
     "and no agreement should be signed without their participation, the regional bloc said.",
     {"Kenya": country("KEN"), "Uganda": country("UGA")},
     {"seeking_seat": {"KEN", "UGA"}}),
    ("Sergei Lavrov met Wang Yi in Beijing to discuss the war in Ukraine.",
     {"Sergei Lavrov": ("sergei-lavrov", "person", "RUS", None, "GOV"),
      "Wang Yi": ("wang-yi", "person", "CHN", None, "GOV"), "Russia": country("RUS"),
      "China": country("CHN")},
     {"participants": {"RUS", "CHN"}}),
    ("Tehran insisted that it must be part of any regional security dialogue.",
     {"Tehran": government("IRNGOV", "IRN")},
     {"seeking_seat": {"IRNGOV"}}),
    ("Germany and France said they would not accept a deal negotiated without Europe.",
     {"Germany": country("DEU"), "France": country("FRA"), "Europe": igo("EU")},
     {"seeking_seat": {"EU"}}),
    ("Argentina demanded to take part in the negotiations on the Falklands, but Britain refused "
     "to invite Buenos Aires.",
     {"Argentina": country("ARG"), "Britain": country("GBR"),
      "Buenos Aires": government("ARGGOV", "ARG")},
     {"seeking_seat": {"ARG"}, "excluded": {"ARG"}}),
    ("Ukraine was not represented at the talks in Jeddah.",
     {"Ukraine": country("UKR")},
     {"excluded": {"UKR"}}),
    ("Iran returned to the negotiating table in Vienna on Monday.",
     {"Iran": country("IRN")},
     {"participants": {"IRN"}}),
    ("Norway brought Colombia and the FARC back to the table.",
     {"Norway": country("NOR"), "Colombia": country("COL"),
      "FARC": ("farc", "group", "COL", None, "REB")},
     {"participants": {"COL", "farc"}}),
    ("The United States promised to consult Kyiv before any deal with Moscow.",
     {"United States": country("USA"), "Kyiv": government("UKRGOV", "UKR"),
      "Moscow": government("RUSGOV", "RUS")},
     {"consulted": {"UKRGOV"}}),
    ("Pakistan said it must be at the table in any talks on Afghanistan's future.",
     {"Pakistan": country("PAK"), "Afghanistan": country("AFG")},
     {"seeking_seat": {"PAK"}}),
]


def test_negotiations_topic_names_parties_and_subject(builder: NegotiationBuilder,
                                                     annotate: Callable[..., Doc]) -> None:
    doc = builder(annotate(
        "Iran and the United States will hold indirect talks on the nuclear deal in Vienna.",
        {"Iran": country("IRN"), "United States": country("USA")}))
    assert doc._.dyad_negotiations[0].topic == "Iran–United States talks on the nuclear deal"
    doc = builder(annotate("Armenia and Azerbaijan resumed peace negotiations in Brussels.",
                           {"Armenia": country("ARM"), "Azerbaijan": country("AZE")}))
    assert doc._.dyad_negotiations[0].topic == "Armenia–Azerbaijan peace negotiations"


def test_negotiations_separate_processes_stay_apart(builder: NegotiationBuilder,
                                                   annotate: Callable[..., Doc]) -> None:
    text = ("Iran and the EU held nuclear talks in Vienna on Monday. Separately, Ukraine and "
            "Russia began grain negotiations in Istanbul. Moldova was not invited to the grain "
            "negotiations.")
    doc = builder(annotate(text, {"Iran": country("IRN"), "EU": igo("EU"),
                                  "Ukraine": country("UKR"), "Russia": country("RUS"),
                                  "Moldova": country("MDA")}))
    tables = [table(n) for n in doc._.dyad_negotiations]
    assert [t["participants"] for t in tables] == [{"IRN", "EU"}, {"UKR", "RUS"}]
    assert [t["excluded"] for t in tables] == [set(), {"MDA"}]


def test_negotiations_merge_mentions_of_one_process(builder: NegotiationBuilder,
                                                   annotate: Callable[..., Doc]) -> None:
    text = ("Greece and Turkey will discuss maritime borders with each other in Athens. The "
            "talks on maritime borders resume next month. Cyprus wants a seat at the table.")
    doc = builder(annotate(text, {"Greece": country("GRC"), "Turkey": country("TUR"),
                                  "Cyprus": country("CYP")}))
    assert len(doc._.dyad_negotiations) == 1
    neg = doc._.dyad_negotiations[0]
    assert table(neg)["participants"] == {"GRC", "TUR"}
    assert table(neg)["seeking_seat"] == {"CYP"}
    assert len(neg.evidence) == 3
    assert [doc.text[e.start:e.end][:6] for e in neg.evidence] == ["Greece", "The ta", "Cyprus"]


def test_negotiations_plural_pronoun_takes_nearest_compound(builder: NegotiationBuilder,
                                                           annotate: Callable[..., Doc]) -> None:
    text = ("Chile backed the plan. Peru and Bolivia were not invited to sign the water treaty, "
            "and the talks could take place without them at the table.")
    doc = builder(annotate(text, {"Chile": country("CHL"), "Peru": country("PER"),
                                  "Bolivia": country("BOL")}))
    assert table(doc._.dyad_negotiations[0])["excluded"] == {"PER", "BOL"}


def test_negotiations_unasserted_participation_is_not_a_seat(builder: NegotiationBuilder,
                                                            annotate: Callable[..., Doc]) -> None:
    text = ("The Kremlin said Russia would not take part in the peace talks in Switzerland, and "
            "Hungary did not say that it would join the talks.")
    doc = builder(annotate(text, {"Kremlin": government("RUSGOV", "RUS"),
                                  "Russia": country("RUS"), "Hungary": country("HUN")}))
    assert all(not n.participants and not n.seeking_seat for n in doc._.dyad_negotiations)


@pytest.mark.parametrize("text", [
    "The weather in Paris was sunny, and the minister thanked Spain for its help with the harvest.",
    "Russia denied holding secret talks with Ukraine in Turkey.",
    "No talks between Armenia and Turkey took place this year.",
    "Ukraine will not negotiate with Russia while its troops occupy Ukrainian land.",
    "Spain's president said Madrid would never sit at the same table with Russia.",
])
def test_negotiations_nothing_without_an_asserted_process(builder: NegotiationBuilder,
                                                         annotate: Callable[..., Doc],
                                                         text: str) -> None:
    actors = {"Spain": country("ESP"), "Russia": country("RUS"), "Ukraine": country("UKR"),
              "Armenia": country("ARM"), "Turkey": country("TUR"),
              "Madrid": government("ESPGOV", "ESP")}
    doc = builder(annotate(text, actors))
    assert doc._.dyad_negotiations == []


def test_negotiations_consult_event_seats_its_parties(builder: NegotiationBuilder,
                                                     annotate: Callable[..., Doc]) -> None:
    text = "Envoys from both capitals negotiated through the night in Doha."
    start = text.index("negotiated")
    event = EventAnn(type="CONSULT", actor=["AFG"], recipient=["USA"], status="asserted",
                     evidence=CharSpan(0, len(text) - 1), trigger=CharSpan(start, start + 10),
                     date="2023-05-08", date_precision="day", date_basis="explicit")
    doc = builder(annotate(text, {}, events=[event]))
    neg = doc._.dyad_negotiations[0]
    assert set(neg.participants) == {"AFG", "USA"}
    assert (neg.first_date, neg.last_date) == ("2023-05-08", "2023-05-08")


@pytest.mark.parametrize(("status", "role"), [("demanded", "seeking_seat"), ("negated", None)])
def test_negotiations_consult_event_status(builder: NegotiationBuilder,
                                          annotate: Callable[..., Doc], status: str,
                                          role: str | None) -> None:
    text = "Kosovo insists on negotiations with Serbia."
    start = text.index("negotiations")
    event = EventAnn(type="CONSULT", actor=["XKX"], recipient=["SRB"], status=status,
                     evidence=CharSpan(0, len(text)), trigger=CharSpan(start, start + 12))
    doc = builder(annotate(text, {}, events=[event]))
    negs = doc._.dyad_negotiations
    if role is None:
        assert all(not n.seeking_seat and not n.participants for n in negs)
    else:
        assert "XKX" in getattr(negs[0], role)


def test_negotiations_dates_span_the_evidence(builder: NegotiationBuilder,
                                             annotate: Callable[..., Doc]) -> None:
    text = ("Egypt and Ethiopia held talks on the dam on Monday. Sudan demanded a seat at the "
            "table on Thursday.")
    dates = [DateAnn(text.index("Monday"), text.index("Monday") + 6, "Monday", "DATE",
                     "2023-05-08", "day"),
             DateAnn(text.index("Thursday"), text.index("Thursday") + 8, "Thursday", "DATE",
                     "2023-05-11", "day")]
    doc = builder(annotate(text, {"Egypt": country("EGY"), "Ethiopia": country("ETH"),
                                  "Sudan": country("SDN")}, dates=dates))
    neg = doc._.dyad_negotiations[0]
    assert (neg.first_date, neg.last_date) == ("2023-05-08", "2023-05-11")


def test_negotiations_dates_fall_back_to_publication(builder: NegotiationBuilder,
                                                    annotate: Callable[..., Doc]) -> None:
    doc = builder(annotate("Egypt and Ethiopia held talks on the dam.",
                           {"Egypt": country("EGY"), "Ethiopia": country("ETH")},
                           published="2023-05-10T08:00:00"))
    neg = doc._.dyad_negotiations[0]
    assert (neg.first_date, neg.last_date) == ("2023-05-10", "2023-05-10")


def test_negotiations_seat_goes_to_the_state(model: Language, annotate: Callable[..., Doc]) -> None:
    text = "Armenia's foreign minister Ara Sarkis and Azerbaijan held peace talks in Prague."
    actors = {"Armenia": country("ARM"), "Azerbaijan": country("AZE"),
              "Ara Sarkis": ("ara-sarkis", "person", "ARM", None, "GOV")}
    collapsed = NegotiationBuilder(model, "n")(annotate(text, actors))
    assert set(collapsed._.dyad_negotiations[0].participants) == {"ARM", "AZE"}
    kept = NegotiationBuilder(model, "n", collapse_to_states=False)(annotate(text, actors))
    assert set(kept._.dyad_negotiations[0].participants) == {"ara-sarkis", "AZE"}


def test_negotiations_lexicon_from_path(tmp_path: Path, model: Language) -> None:
    from importlib.resources import files

    data = (files("dyad.knowledge") / "data" / "negotiations.yaml").read_text("utf-8")
    path = tmp_path / "lexicon.yaml"
    path.write_text(data.replace("  summit: {label: summit}\n", ""), encoding="utf-8")
    assert "summit" in load_lexicon("dyad.negotiations.v1").process_nouns
    assert "summit" not in load_lexicon(str(path)).process_nouns
    assert NegotiationBuilder(model, "n", lexicon=str(path)).lexicon.process_nouns


@pytest.mark.parametrize(("content", "message"), [
    (None, "neither a registered name"),
    ("- just a list\n", "not a YAML mapping"),
    ("process_nouns: {}\n", "lacks"),
])
def test_negotiations_lexicon_errors_say_what_to_do(tmp_path: Path, content: str | None,
                                                   message: str) -> None:
    path = tmp_path / "bad.yaml"
    if content is not None:
        path.write_text(content, encoding="utf-8")
    with pytest.raises(ConfigError, match=message):
        load_lexicon(str(path))


def test_negotiations_lexicon_rejects_unquoted_yaml_booleans(tmp_path: Path) -> None:
    from importlib.resources import files

    data = (files("dyad.knowledge") / "data" / "negotiations.yaml").read_text("utf-8")
    path = tmp_path / "lexicon.yaml"
    path.write_text(data.replace('topic_preps: ["on", ', "topic_preps: [on, "), encoding="utf-8")
    with pytest.raises(ConfigError, match="quote it"):
        load_lexicon(str(path))


# --------------------------------------------------------------------------- end to end


def _codes(ex: Extraction, keys: tuple[str, ...]) -> set[str]:
    actors = {a.id: a for a in ex.actors}
    return {(actors[k].organization or actors[k].country or k) if k in actors else k for k in keys}


def test_negotiations_factory_is_last_stage() -> None:
    from dyad.pipeline.factories import DYAD_STAGES

    assert DYAD_STAGES[-1] == "dyad_negotiation_builder"


def test_negotiations_example_article_table(example_extraction: Extraction) -> None:
    negs = example_extraction.negotiations
    assert len(negs) == 1
    neg = negs[0]
    assert "security" in neg.topic
    assert _codes(example_extraction, neg.participants) == {"RUS", "USA"}
    assert _codes(example_extraction, neg.seeking_seat) == {"UKR", "EU"}
    assert _codes(example_extraction, neg.excluded) == {"UKR", "EU"}
    assert neg.first_date is not None and neg.first_date.startswith("2021-12")
    assert all(e.text for e in neg.evidence)


def test_negotiations_end_to_end_own_article(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Serbia and Kosovo resumed talks on normalising relations in Brussels on "
                  "Tuesday. Montenegro and Albania said they must be given a seat at the table, "
                  "but they were not invited to the talks.", published="2023-03-01")
    assert len(ex.negotiations) == 1
    neg = ex.negotiations[0]
    assert _codes(ex, neg.participants) >= {"SRB"}
    assert _codes(ex, neg.seeking_seat) == {"MNE", "ALB"}
    assert _codes(ex, neg.excluded) == {"MNE", "ALB"}


def test_negotiations_needs_a_parse(builder: NegotiationBuilder, make_doc: Callable[[str], Doc]) -> None:
    with pytest.raises(ConfigError, match="dependency parse"):
        builder(make_doc("Iran and the United States held talks."))


def test_negotiations_repeated_mentions_stay_one_process(builder: NegotiationBuilder,
                                                        annotate: Callable[..., Doc]) -> None:
    paragraph = ("Egypt and Ethiopia held talks on the dam. Sudan was not invited to the talks "
                 "on the dam. ")
    doc = builder(annotate(paragraph * 20, {"Egypt": country("EGY"),
                                            "Ethiopia": country("ETH"), "Sudan": country("SDN")}))
    assert len(doc._.dyad_negotiations) == 1
    neg = doc._.dyad_negotiations[0]
    assert (set(neg.participants), set(neg.excluded)) == ({"EGY", "ETH"}, {"SDN"})
    assert len(neg.evidence) == 40


# --------------------------------------------------------------------------- session 6 rules
# Sentences written for these rules (not taken from tests/fixtures/negotiations).

SESSION6_CASES: list[tuple[str, dict[str, ActorSpec], dict[str, set[str]]]] = [
    ("MANILA (Wire) - Vietnam and the Philippines opened fisheries talks on Friday.",
     {"MANILA": government("PHLGOV", "PHL"), "Vietnam": country("VNM"),
      "Philippines": country("PHL")},
     {"participants": {"VNM", "PHL"}}),
    ("Chile and Argentina held water talks on Monday. Bolivia will join next month's round, and "
     "Paraguay was not invited to the session.",
     {"Chile": country("CHL"), "Argentina": country("ARG"), "Bolivia": country("BOL"),
      "Paraguay": country("PRY")},
     {"participants": {"CHL", "ARG", "BOL"}, "excluded": {"PRY"}}),
    ("Norway will host a conference on Arctic shipping in May. Canada and Denmark said they "
     "would take part, and Iceland asked to attend as an observer.",
     {"Norway": country("NOR"), "Canada": country("CAN"), "Denmark": country("DNK"),
      "Iceland": country("ISL")},
     {"participants": {"CAN", "DNK"}, "seeking_seat": {"ISL"}}),
    ("Serbia walked out of talks with Croatia on missing persons.",
     {"Serbia": country("SRB"), "Croatia": country("HRV")},
     {"participants": {"SRB", "HRV"}}),
    ("Armenia and Georgia signed a transit deal after weeks of negotiations.",
     {"Armenia": country("ARM"), "Georgia": country("GEO")},
     {"participants": {"ARM", "GEO"}}),
    ("Greek and Turkish diplomats held talks on airspace.",
     {"Greek": country("GRC"), "Turkish": country("TUR")},
     {"participants": {"GRC", "TUR"}}),
    ("Kenya and Tanzania opened trade negotiations in Arusha. Uganda will join the negotiations "
     "next week.",
     {"Kenya": country("KEN"), "Tanzania": country("TZA"), "Uganda": country("UGA")},
     {"participants": {"KEN", "TZA", "UGA"}}),
    ("Morocco pulled out of talks with Spain on fishing quotas, and a Mauritanian delegation "
     "arrived in Rabat for the talks.",
     {"Morocco": country("MAR"), "Spain": country("ESP"), "Mauritanian": country("MRT")},
     {"participants": {"MAR", "ESP", "MRT"}}),
    ("Slovak and Czech delegations held talks on gas transit.",
     {"Slovak": country("SVK"), "Czech delegations": country("CZE")},
     {"participants": {"SVK", "CZE"}}),
    ("Laos and Thailand held talks on the Mekong dams. The river commission urged both countries "
     "to return to the table next year.",
     {"Laos": country("LAO"), "Thailand": country("THA"),
      "river commission": igo("MRC")},
     {"participants": {"LAO", "THA"}}),
    ("Japan and China opened fisheries talks in Osaka. Taiwan said it had been left out of the "
     "process.",
     {"Taiwan": country("TWN"), "Japan": country("JPN"), "China": country("CHN")},
     {"participants": {"JPN", "CHN"}, "excluded": {"TWN"}}),
]


@pytest.mark.parametrize(("text", "actors", "expected"), CASES + SESSION6_CASES,
                         ids=[c[0][:40] for c in CASES + SESSION6_CASES])
def test_negotiations_table_roles(builder: NegotiationBuilder, annotate: Callable[..., Doc],
                                  text: str, actors: dict[str, ActorSpec],
                                  expected: dict[str, set[str]]) -> None:
    doc = builder(annotate(text, actors))
    assert len(doc._.dyad_negotiations) == 1
    found = table(doc._.dyad_negotiations[0])
    assert found == {role: expected.get(role, set()) for role in found}


def test_negotiations_the_two_sides_are_the_last_pair(builder: NegotiationBuilder,
                                                     annotate: Callable[..., Doc]) -> None:
    text = ("Peru and Ecuador opened border talks in Lima, Brazil's foreign ministry said. The two "
            "sides will discuss fishing rights next month.")
    doc = builder(annotate(text, {"Peru": country("PER"), "Ecuador": country("ECU"),
                                  "Brazil": country("BRA")}))
    assert any("fishing" in n.topic and table(n)["participants"] == {"PER", "ECU"}
               for n in doc._.dyad_negotiations)
    assert all(table(n)["participants"] == {"PER", "ECU"} for n in doc._.dyad_negotiations)


@pytest.mark.parametrize("text", [
    "Rebels attacked the town after the talks.",
    "Poland declined to take part.",
    "The board held a session on Monday and the chairman attended the meeting.",
    "Thousands of runners from Poland took part, and the second round of voting is on Sunday.",
    "The Rebels won the 2019 final after a meeting of the league's owners.",
])
def test_negotiations_session6_rules_seat_no_one_alone(builder: NegotiationBuilder,
                                                      annotate: Callable[..., Doc],
                                                      text: str) -> None:
    doc = builder(annotate(text, {"Poland": country("POL"), "Rebels": ("reb", "group", None,
                                                                        None, "REB")}))
    assert all(not n.participants and not n.seeking_seat for n in doc._.dyad_negotiations)


def test_negotiations_topic_skips_the_setting(builder: NegotiationBuilder,
                                              annotate: Callable[..., Doc]) -> None:
    doc = builder(annotate("Japan and Australia held talks on the sidelines of the summit on a "
                           "security pact.", {"Japan": country("JPN"),
                                              "Australia": country("AUS")}))
    assert "sidelines" not in doc._.dyad_negotiations[0].topic


def test_negotiations_dates_skip_names_and_read_weeks(builder: NegotiationBuilder,
                                                     annotate: Callable[..., Doc]) -> None:
    text = "Sudan and Chad held talks on the 2019 accord on Monday and will meet again next week."
    dates = [DateAnn(text.index("2019"), text.index("2019") + 4, "2019", "DATE", "2019", "year"),
             DateAnn(text.index("Monday"), text.index("Monday") + 6, "Monday", "DATE",
                     "2023-05-08", "day"),
             DateAnn(text.index("next week"), text.index("next week") + 9, "next week", "DATE",
                     "2023-W20", "week")]
    doc = builder(annotate(text, {"Sudan": country("SDN"), "Chad": country("TCD")}, dates=dates))
    neg = doc._.dyad_negotiations[0]
    assert (neg.first_date, neg.last_date) == ("2023-05", "2023-05-08")


def test_negotiations_claims_go_to_the_table_with_parties(builder: NegotiationBuilder,
                                                         annotate: Callable[..., Doc]) -> None:
    text = ("Peru and Chile held talks with Japan on the sidelines of the trade summit in Lima. "
            "Mexico was not invited to the meeting. Fiji demanded a voice in the talks.")
    doc = builder(annotate(text, {"Peru": country("PER"), "Chile": country("CHL"),
                                  "Japan": country("JPN"), "Mexico": country("MEX"),
                                  "Fiji": country("FJI")}))
    tables = [table(n) for n in doc._.dyad_negotiations]
    assert {"participants": {"PER", "CHL", "JPN"}, "seeking_seat": {"FJI"}, "excluded": {"MEX"},
            "consulted": set()} in tables
    assert all(not t["excluded"] and not t["seeking_seat"] for t in tables
               if not t["participants"])


def test_negotiations_lexicon_reads_later_lists_as_optional(tmp_path: Path) -> None:
    from importlib.resources import files

    data = (files("dyad.knowledge") / "data" / "negotiations.yaml").read_text("utf-8")
    kept = [line for line in data.splitlines() if not line.startswith("session_nouns:")]
    path = tmp_path / "lexicon.yaml"
    path.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert load_lexicon(str(path)).words["session_nouns"] == frozenset()
    assert "round" in load_lexicon("dyad.negotiations.v1").words["session_nouns"]
