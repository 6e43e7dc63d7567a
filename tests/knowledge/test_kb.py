"""Knowledge base: countries from data packages, demonyms, IGOs, user dictionaries."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.errors import DictionaryError
from dyad.knowledge import get_knowledge
from dyad.knowledge.kb import KnowledgeBase, build_default, load_user_dictionary


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return get_knowledge()


def _entries_for(kb: KnowledgeBase, text: str, label: str) -> set[str]:
    return {a.entry for a in kb.aliases if a.text == text and a.label == label}


def test_kb_countries_have_iso_names_and_demonyms(kb: KnowledgeBase) -> None:
    assert _entries_for(kb, "Ukraine", "country") == {"UKR"}
    assert _entries_for(kb, "Ukrainian", "demonym") == {"UKR"}
    assert _entries_for(kb, "Americans", "demonym") == {"USA"}
    assert _entries_for(kb, "Moscow", "capital") == {"RUS"}
    assert len([e for e in kb.entries.values() if e.kind == "country"]) >= 240


def test_kb_demonym_claimed_by_one_country(kb: KnowledgeBase) -> None:
    assert _entries_for(kb, "French", "demonym") == {"FRA"}


def test_kb_igos_have_wikidata_and_cameo(kb: KnowledgeBase) -> None:
    for key in ("EU", "NATO", "OSCE", "UN", "AU", "ASEAN", "G7", "G20", "IMF", "WB", "WHO"):
        entry = kb.entries[key]
        assert entry.wikidata and entry.wikidata.startswith("Q")
        assert entry.cameo


def test_kb_seats_of_power_are_governments(kb: KnowledgeBase) -> None:
    (key,) = _entries_for(kb, "Kremlin", "seat")
    assert kb.entries[key].cameo == "RUSGOV"


def test_kb_user_yaml_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "extra.yaml"
    path.write_text(
        "- name: Wagner Group\n  aliases: [Wagner, PMC Wagner]\n  kind: group\n"
        "  country: RUS\n  sector: MIL\n  cameo: RUSMIL\n", encoding="utf-8")
    kb = build_default()
    load_user_dictionary(path, kb)
    assert _entries_for(kb, "PMC Wagner", "dict") == {"wagner-group"}
    assert kb.entries["wagner-group"].country == "RUS"


@pytest.mark.parametrize(("content", "message"), [
    ("- aliases: [X]\n", "needs a non-empty 'name'"),
    ("- name: X\n  kind: planet\n", "kind 'planet' is not one of"),
    ("- name: X\n  country: Russia\n", "must be an ISO alpha-3 code"),
    ("- name: X\n  aliases: Y\n", "'aliases' must be a list"),
    ("[unclosed\n", "not valid YAML"),
])
def test_kb_user_dictionary_errors_name_the_entry(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.yaml"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(DictionaryError, match=message):
        load_user_dictionary(path, build_default())


@pytest.mark.parametrize(("name", "cameo"), [
    ("Greenpeace", "NGOENV"),
    ("Oxfam", "NGO"),
    ("Toyota", "MNCJPN"),
    ("Lockheed Martin", "MNCUSA"),
    ("Moro Islamic Liberation Front", "PHLREB"),  # not the later IMG entry of the same name
    ("MILF", "PHLREB"),
])
def test_kb_bundled_international_actors(kb: KnowledgeBase, name: str, cameo: str) -> None:
    (key,) = _entries_for(kb, name, "dict")
    assert (kb.entries[key].cameo or "").startswith(cameo)


def test_kb_bundled_names_have_one_entry(kb: KnowledgeBase) -> None:
    holders: dict[str, set[str]] = {}
    for a in kb.aliases:
        if a.label == "dict":
            holders.setdefault(a.text, set()).add(a.entry)
    assert not {t: e for t, e in holders.items() if len(e) > 1}


def test_kb_role_codes_are_no_countries(kb: KnowledgeBase) -> None:
    assert not {c for c in ("MED", "ELI", "BAH", "MOS") if c in kb.entries and kb.entries[c].kind == "country"}


def test_kb_former_states_take_the_continuing_state(kb: KnowledgeBase) -> None:
    # the country is present-day ISO; the CAMEO code stays as the dictionaries date it
    assert (kb.entries["SUN"].country, kb.entries["SUN"].cameo) == ("RUS", "SUN")
    assert kb.entries["CSK"].country == "CZE"
    assert kb.entries["DDR"].country == "DEU"
    assert all(kb.entries[e].country == "SRB" for e in _entries_for(kb, "Belgrade", "capital"))
    assert kb.government("SCG").country == "SRB"
    assert not [k for k, e in kb.entries.items() if e.country in kb.former_states]


def test_kb_present_country_of_dated_codes(kb: KnowledgeBase) -> None:
    assert kb.present_country("SCGSRB") == "SRB"  # a member named after its federation
    assert kb.present_country("SCGMNE") == "MNE"
    assert kb.present_country("SUNGOV") == "RUS"  # a sector of the former state
    assert kb.present_country("YUG") == "SRB"
    assert kb.present_country("UKRGOV") == "UKR"  # a present-day code is its own


def test_kb_dictionary_code_variants_read_as_dyad_codes(kb: KnowledgeBase) -> None:
    assert kb.present_country("ANGREB") == "AGO"  # Phoenix's UNITA
    assert kb.present_country("YUGKSV") == "XKX"
    assert not [k for k, e in kb.entries.items() if e.country in ("ANG", "KSV")]


def test_kb_regional_group_takes_the_country_its_full_name_names(kb: KnowledgeBase) -> None:
    # Phoenix places these in a region (WEU, AFR) and shows them by an acronym
    assert kb.entries["irish-republican-army-ira"].country == "IRL"
    assert kb.entries["movement-for-democracy-and-justice-in-chad-mdjt"].country == "TCD"
    assert kb.entries["irish-republican-army-ira"].cameo == "IRLREB"


@pytest.mark.parametrize(("name", "cameo"), [
    ("Houthis", "YEMREB"),
    ("Ansar Allah", "YEMREB"),  # not Phoenix's Lebanese group of that name
    ("Wagner Group", "RUSUAF"),
    ("M23", "CODREB"),
    ("JNIM", "MLIREB"),
    ("ISWAP", "NGAREB"),
    ("ELN", "COLREB"),
    ("al-Shabaab", "SOMREB"),
    ("Lashkar-e-Taiba", "PAKREB"),
])
def test_kb_current_armed_groups(kb: KnowledgeBase, name: str, cameo: str) -> None:
    (key,) = _entries_for(kb, name, "dict")
    assert kb.entries[key].cameo == cameo


@pytest.mark.parametrize(("name", "day", "cameo"), [
    ("Volodymyr Zelensky", "2023-03-06", "UKRGOV"),
    ("Volodymyr Zelensky", "2018-02-12", "UKR"),
    ("Rishi Sunak", "2023-06-01", "GBRGOV"),
    ("Rishi Sunak", "2024-09-01", "GBROPP"),
    ("Ursula von der Leyen", "2022-01-10", "IGOEUREEC"),
    ("Ursula von der Leyen", "2016-01-10", "DEUGOV"),
    ("Joseph Kabila", "2021-01-10", "COD"),  # Phoenix left his term open
])
def test_kb_current_office_holders_by_date(kb: KnowledgeBase, name: str, day: str, cameo: str) -> None:
    (key,) = _entries_for(kb, name, "person")
    valid = [c.code for c in kb.entries[key].dated if c.valid_on(day)]
    assert valid[0] == cameo


def test_kb_current_supplement_reads_cleanly(kb: KnowledgeBase) -> None:
    assert not [w for w in kb.warnings if "actors_current" in w]
    persons = [e for e in kb.entries.values() if e.kind == "person" and e.dated
               and any(c.code.startswith(("UKRGOV", "IGOWSTNAT")) for c in e.dated)]
    assert all(c.start is None or c.end is None or c.start <= c.end for e in persons for c in e.dated)
