"""TABARI/PETRARCH dictionary readers: entries, synonyms, dated codes, agents."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.api import build_pipeline
from dyad.config import Settings
from dyad.convert import doc_to_extraction
from dyad.errors import DictionaryError
from dyad.knowledge.kb import build_default
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
