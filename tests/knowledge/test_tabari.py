"""TABARI/PETRARCH dictionary readers: entries, synonyms, dated codes, agents."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.api import build_pipeline
from dyad.config import Settings
from dyad.convert import doc_to_extraction
from dyad.errors import DictionaryError
from dyad.knowledge.kb import KnowledgeBase, build_default
from dyad.knowledge.tabari import load_actors, load_agents, parse_code, phrase_forms
from dyad.types import Article

ACTORS = """\
# test dictionary
ARNOR_  [ARN]
+ARNORIAN
GONDOR [GON]
OLENA_KOVAL_  # CountryInfo.txt
+KOVAL
\t[ARNGOV 100101-151231]
\t[GONGOV > 20160101]
ISILDUR  [+++]
BROKEN_ENTRY [ARNGOV 9008223]
"""

AGENTS = """\
!PERSON! = MAN, MEN, WOMAN, WOMEN
FOREIGN_MINISTER [~GOVFRM]
POLICE!PERSON! [~COP]
MEDIA {} [~MED]
"""


@pytest.mark.parametrize(("code", "expected"), [
    ("ISR", ("ISR", None, None)),
    ("UKRGOV > 20140607", ("UKRGOV", "2014-06-07", None)),
    ("USRUKR <910824", ("USRUKR", None, "1991-08-24")),
    ("RUSGOV 000507-080507", ("RUSGOV", "2000-05-07", "2008-05-07")),
    ("pse", ("PSE", None, None)),
])
def test_tabari_parse_code(code: str, expected: tuple[str, str | None, str | None]) -> None:
    parsed = parse_code(code, "t:1")
    assert parsed is not None
    assert (parsed.code, parsed.start, parsed.end) == expected


def test_tabari_parse_code_placeholder_is_none() -> None:
    assert parse_code("---", "t:1") is None
    assert parse_code("+++", "t:1") is None


def test_tabari_phrase_forms() -> None:
    assert phrase_forms("UNITED_NATIONS_") == ["UNITED NATIONS", "United Nations"]
    assert phrase_forms("NATO_") == ["NATO", "Nato"]
    assert phrase_forms("UN_") == ["UN"]
    assert phrase_forms("LIBERATION_TIGERS_OF_TAMIL_EELAM_(LTTE)_") == [
        "LIBERATION TIGERS OF TAMIL EELAM", "Liberation Tigers of Tamil Eelam", "LTTE"]


def test_tabari_load_actors_and_warnings(tmp_path: Path) -> None:
    path = tmp_path / "t.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    kb = build_default()
    assert load_actors(path, kb) == 3
    assert kb.entries["ARN"].kind == "country"
    koval = kb.entries["olena-koval"]
    assert koval.kind == "person" and len(koval.dated) == 2
    assert any("t.actors.txt:10" in w and "9008223" in w for w in kb.warnings)


def test_tabari_empty_file_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "empty.actors.txt"
    path.write_text("# nothing here\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match="no actor entries"):
        load_actors(path, build_default())


def test_tabari_load_agents_expands_substitutions(tmp_path: Path) -> None:
    path = tmp_path / "t.agents.txt"
    path.write_text(AGENTS, encoding="utf-8")
    kb = build_default()
    load_agents(path, kb)
    assert kb.agents["foreign minister"] == "GOVFRM"
    assert kb.agents["policewomen"] == "COP"
    assert kb.agents["media"] == "MED"


@pytest.mark.parametrize(("published", "country"), [("2012-03-01", "ARN"), ("2019-03-01", "GON")])
def test_tabari_dated_role_applies_by_publication_date(tmp_path: Path, published: str, country: str) -> None:
    path = tmp_path / "t.actors.txt"
    path.write_text(ACTORS, encoding="utf-8")
    nlp = build_pipeline(Settings(actor_dictionaries=(str(path),)))
    text = "Olena Koval visited the capital on Monday."
    doc = nlp.make_doc(text)
    doc._.dyad_published = published
    ex = doc_to_extraction(nlp(doc), Article(id="a", text=text, published=published))
    (koval,) = [a for a in ex.actors if a.id == "olena-koval"]
    assert koval.country == country
    assert koval.cameo == f"{country}GOV"


# Bundled dictionaries (override=False): a name two entries claim goes to the more specific
# code (a state's over an international type's over a region's), then to the one read first.
RIVALS = """\
ERIADOR_LIBERATION_FRONT_(EWLF)_ [{first}]
ERIADOR_LIBERATION_FRONT_ [{second}]
"""


@pytest.mark.parametrize(("first", "second", "winner"), [
    ("ARNREB", "IMGEURMUS", "ARNREB"),   # the state's code first: a later IMG entry does not take it
    ("IMGEURMUS", "ARNREB", "ARNREB"),   # the state's code later: it takes the name over
    ("SASREB", "IMGKASMUS", "IMGKASMUS"),  # an international type beats a region
    ("IMGKASMUS", "SASREB", "IMGKASMUS"),
    ("ARNREB", "GONREB", "ARNREB"),      # a tie: the entry read first keeps the name
])
def test_tabari_bundled_name_goes_to_the_more_specific_code(
        tmp_path: Path, first: str, second: str, winner: str) -> None:
    kb = _arnor(tmp_path)
    path = tmp_path / "rivals.actors.txt"
    path.write_text(RIVALS.format(first=first, second=second), encoding="utf-8")
    load_actors(path, kb, override=False)
    holders = {a.entry for a in kb.aliases if a.text == "Eriador Liberation Front"}
    assert len(holders) == 1
    assert kb.entries[holders.pop()].cameo == winner
    (elf,) = {a.entry for a in kb.aliases if a.text == "EWLF"}
    assert kb.entries[elf].cameo == first  # only the first entry lists the acronym


def _arnor(tmp_path: Path) -> KnowledgeBase:
    """A knowledge base that knows two countries, Arnor (ARN) and Gondor (GON), and nothing else."""
    path = tmp_path / "arnor.actors.txt"
    path.write_text("ARNOR_ [ARN]\nGONDOR_ [GON]\n", encoding="utf-8")
    kb = KnowledgeBase(name="test")
    load_actors(path, kb)
    return kb


def test_tabari_same_id_keeps_the_more_specific_entry(tmp_path: Path) -> None:
    kb = _arnor(tmp_path)
    path = tmp_path / "same.actors.txt"
    path.write_text("RANGERS_OF_THE_NORTH_ [INTREB]\nRANGERS_OF_THE_NORTH_ [ARNREB]\n"
                    "RANGERS_OF_THE_NORTH_ [IMGARN]\n", encoding="utf-8")
    load_actors(path, kb, override=False)
    assert kb.entries["rangers-of-the-north"].cameo == "ARNREB"


def test_tabari_text_after_the_codes_is_a_comment(tmp_path: Path) -> None:
    path = tmp_path / "mnc.actors.txt"
    path.write_text("ACME_WIDGETS_CORP_\t[MNCUSA]\tIndustrial Machinery\t$374,000,000\n", encoding="utf-8")
    kb = _arnor(tmp_path)
    load_actors(path, kb)
    entry = kb.entries["acme-widgets-corp"]
    assert (entry.kind, entry.country, entry.sector, entry.cameo) == ("organization", None, "MNC", "MNCUSA")
    assert {a.text for a in kb.aliases if a.entry == entry.key} == {"ACME WIDGETS CORP", "Acme Widgets Corp"}


@pytest.mark.parametrize(("line", "key", "sector"), [
    ("NORTHERN_HERALD_ [MED]", "northern-herald", "MED"),
    ("COUNCIL_OF_ELDERS_ [ELI]", "council-of-elders", "ELI"),
    ("GRAND_MUFTI_OF_NOWHERE_ [MOS]", "grand-mufti-of-nowhere", "MOS"),
])
def test_tabari_role_code_alone_names_no_country(tmp_path: Path, line: str, key: str, sector: str) -> None:
    path = tmp_path / "roles.actors.txt"
    path.write_text(line + "\n", encoding="utf-8")
    kb = _arnor(tmp_path)
    load_actors(path, kb)
    entry = kb.entries[key]
    assert (entry.kind, entry.country, entry.sector) == ("organization", None, sector)
    assert sector not in kb.entries


def test_tabari_built_in_organisation_lends_its_id(tmp_path: Path) -> None:
    path = tmp_path / "igo.actors.txt"
    path.write_text("NORTH_ATLANTIC_ALLIANCE_HEADQUARTERS_ [IGOWSTNAT]\nWORLD_BODY_ [IGOUNO]\n",
                    encoding="utf-8")
    kb = build_default()
    load_actors(path, kb, override=False)
    assert {a.entry for a in kb.aliases if a.text == "North Atlantic Alliance Headquarters"} == {"NATO"}
    # IGOUNO is the UN's, the Security Council's and the General Assembly's: no single owner
    assert {a.entry for a in kb.aliases if a.text == "World Body"} == {"world-body"}


def test_tabari_names_stacked_above_one_code_block_are_one_actor(tmp_path: Path) -> None:
    kb = _arnor(tmp_path)
    path = tmp_path / "stacked.actors.txt"
    path.write_text("HALBARAD_DUNADAN_  # CountryInfo.txt\nHALBARAD_OF_THE_NORTH\nHALBARAD\n"
                    "\t[ARNGOV 100101-151231]\n\t[ARNELI]\nFARAMIR_ [GONGOV]\n", encoding="utf-8")
    load_actors(path, kb)
    entry = kb.entries["halbarad-dunadan"]
    assert (entry.kind, entry.country) == ("person", "ARN")
    assert {a.text for a in kb.aliases if a.entry == entry.key} >= {"Halbarad Dunadan", "Halbarad"}
    assert kb.entries["faramir"].cameo == "GONGOV"  # a name with its own code starts a new actor


@pytest.mark.parametrize(("phrase", "spelling"), [
    ("LASHKAR-E-TAIBA_(LET)_", "Lashkar-e-Taiba"),     # a connector inside the name is lower case
    ("LASHKAR-E-TAIBA_(LET)_", "Lashkar e Taiba"),     # hyphen and space alike
    ("LASHKAR_E_TAYYABA_", "Lashkar-e-Tayyaba"),       # and space and hyphen alike
    ("JABHAT_AL_NUSRA_", "Jabhat al-Nusra"),           # an article joins the next word
    ("AL-SHABAB_", "al-Shabab"),                       # and is lower case inside a sentence
    ("HARAKAT_UL_MUJAHIDEEN_", "Harakat-ul-Mujahideen"),
])
def test_tabari_phrase_forms_hyphen_and_space_alike(phrase: str, spelling: str) -> None:
    assert spelling in phrase_forms(phrase)


def test_tabari_phrase_forms_plain_names_get_no_variants() -> None:
    assert phrase_forms("MINAS_TIRITH_GARRISON_") == ["MINAS TIRITH GARRISON", "Minas Tirith Garrison"]
    assert phrase_forms("OSGILIATH-WEST_")[-1] == "Osgiliath-West"  # the title-cased form shows it


SUPPLEMENT = """\
# a newer dictionary read after the bundled one
OLENA_KOVAL_
+KOVAL
\t[GONGOV >20200101]
\t[GON]
NORTHERN_RANGERS_
+DUNEDAIN_
\t[ARNREB]
WHITE_COMPANY_  # group
\t[GONMIL <20191231]
\t[GONREB >20200101]
"""


def test_tabari_supersede_replaces_entries_and_takes_their_names(tmp_path: Path) -> None:
    kb = _arnor(tmp_path)
    bundled = tmp_path / "bundled.actors.txt"
    bundled.write_text(ACTORS.replace("GONDOR [GON]\n", "") + "RANGERS_ [INTREB]\n+DUNEDAIN_\n",
                       encoding="utf-8")
    load_actors(bundled, kb, override=False)
    newer = tmp_path / "newer.actors.txt"
    newer.write_text(SUPPLEMENT, encoding="utf-8")
    load_actors(newer, kb, supersede=True)
    koval = kb.entries["olena-koval"]  # the same first name: the same entry, replaced
    assert (koval.dated[0].code, koval.dated[0].start, koval.dated[-1].code) == ("GONGOV", "2020-01-01", "GON")
    assert {a.entry for a in kb.aliases if a.text == "Dunedain"} == {"northern-rangers"}
    assert {a.entry for a in kb.aliases if a.text == "Arnor"} == {"ARN"}  # built-in names still win


def test_tabari_supplement_person_and_group(tmp_path: Path) -> None:
    """In the supplement, dated offices then a country alone are a person's; `# group`
    keeps an organisation with only dated codes one."""
    kb = _arnor(tmp_path)
    path = tmp_path / "newer.actors.txt"
    path.write_text(SUPPLEMENT, encoding="utf-8")
    load_actors(path, kb, supersede=True)
    koval, company = kb.entries["olena-koval"], kb.entries["white-company"]
    assert (koval.kind, koval.country, koval.sector) == ("person", "GON", None)
    assert (company.kind, company.country) == ("organization", "GON")


def test_tabari_restriction_that_applies_beats_the_default_code(tmp_path: Path) -> None:
    kb = _arnor(tmp_path)
    path = tmp_path / "default.actors.txt"
    path.write_text("HALBARAD_DUNADAN_ [ARNELI]  # CountryInfo.txt\n\t[ARNGOV 20100101-20151231]\n",
                    encoding="utf-8")
    load_actors(path, kb)
    dated = kb.entries["halbarad-dunadan"].dated
    assert [c.code for c in dated if c.valid_on("2012-06-01")][0] == "ARNGOV"
    assert [c.code for c in dated if c.valid_on("2019-06-01")] == ["ARNELI"]


def test_tabari_superseding_entry_keeps_the_earlier_history(tmp_path: Path) -> None:
    kb = _arnor(tmp_path)
    old = tmp_path / "old.actors.txt"
    old.write_text("OLENA_KOVAL_  # CountryInfo.txt\n\t[ARNGOV 20000101-20041231]\n\t[ARNGOV >20100101]\n",
                   encoding="utf-8")
    load_actors(old, kb, override=False)
    new = tmp_path / "new.actors.txt"
    new.write_text(SUPPLEMENT, encoding="utf-8")
    load_actors(new, kb, supersede=True)
    codes = {(c.code, c.start, c.end) for c in kb.entries["olena-koval"].dated}
    # the old open term ends the day before the newer record starts
    assert codes == {("GONGOV", "2020-01-01", None), ("ARNGOV", "2000-01-01", "2004-12-31"),
                     ("ARNGOV", "2010-01-01", "2019-12-31"), ("GON", None, None)}
