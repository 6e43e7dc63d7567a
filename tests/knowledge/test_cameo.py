"""The CAMEO readers: verb dictionary, CAMEO→PLOVER table, Goldstein scale, quad classes."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.errors import DictionaryError
from dyad.knowledge.cameo import (
    goldstein,
    plover_table,
    quad_class,
    read_goldstein,
    read_plover_table,
    read_verb_dictionary,
    verb_dictionary,
)
from dyad.types import PLOVER_TYPES


def test_cameo_verb_dictionary_is_indexed_by_lemma() -> None:
    verbs = verb_dictionary()
    assert len(verbs) > 2000
    assert "accuse" in verbs and "zzzz" not in verbs
    assert verbs.match("accuse", [], [], []).code == "112"  # type: ignore[union-attr]
    assert verbs.match("zzzz", [], [], []) is None


def test_cameo_phrasal_verb_needs_its_particle() -> None:
    verbs = verb_dictionary()
    with_particle = verbs.match("call", ["off"], [], [])
    without = verbs.match("call", ["the"], [], [])
    assert with_particle is not None and with_particle.code == "160"
    assert without is not None and without.code == "041"


def test_cameo_longest_pattern_wins() -> None:
    verbs = verb_dictionary()
    denial = verbs.match("deny", [], [], [{"all"}, {"accusations", "accusation"}])
    assert denial is not None and denial.code == "016" and denial.pattern is not None
    refusal = verbs.match("reject", [], [], [{"the"}, {"proposal"}])
    assert refusal is not None and refusal.code == "120"
    assert verbs.match("deny", [], [], [{"weather"}]) is None  # the REFUSE block has no default


def test_cameo_reads_a_small_dictionary(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(
        "&ARMY\n+TROOPS\n+SOLDIERS\n\n####### VERB PATTERNS #######\n"
        "---  SEND   [070]  ---\nSEND {SENT SENDING}\nDISPATCH [072]\n"
        "- * &ARMY (TO +)   [154]   # SEND\n- * $ [---]\n", encoding="utf-8")
    verbs = read_verb_dictionary(path)
    assert verbs.match("send", [], [], [{"aid"}]).code == "070"  # type: ignore[union-attr]
    assert verbs.match("send", [], [], [{"soldiers"}, {"to"}]).code == "154"  # type: ignore[union-attr]
    assert verbs.match("dispatch", [], [], []).code == "072"  # type: ignore[union-attr]
    assert verbs.match("sent", [], [], []).code == "070"  # type: ignore[union-attr]


def test_cameo_compound_marker_and_synset_words(tmp_path: Path) -> None:
    path = tmp_path / "verbs.txt"
    path.write_text(
        "&TIES\n+MILITARY\n+ECONOMIC\n+CEASE_FIRE\n\n"
        "---  AGREE   [081]  ---\nAGREE\n- % *   [030]\n- * &TIES_MEMOS   [912]\n",
        encoding="utf-8")
    verbs = read_verb_dictionary(path)
    assert verbs.synsets["&TIES"] == {"military", "economic"}  # multi-word members dropped
    assert verbs.match("agree", [], [{"%"}], []).code == "030"  # type: ignore[union-attr]
    assert verbs.match("agree", [], [{"one"}], []).code == "081"  # type: ignore[union-attr]
    assert verbs.match("agree", [], [], [{"economic"}, {"memos"}]).code == "912"  # type: ignore[union-attr]
    assert verbs.could_match("agree", {"memos", "economic"})
    assert not verbs.could_match("agree", {"weather"})


def test_cameo_pattern_without_code_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.txt"
    path.write_text("---  SEND   [070]  ---\nSEND\n- * TROOPS\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"bad.txt:3"):
        read_verb_dictionary(path)


def test_cameo_plover_table_covers_every_root_and_falls_back() -> None:
    table = plover_table()
    for root in ["03", "04", "05", "06", "07", "08", "09", "10", "11", "12", "13", "14", "15",
                 "16", "17", "18", "19", "20"]:
        coding = table.get(root)
        assert coding is not None and coding.type in PLOVER_TYPES
    assert table.get("0874").type == "RETREAT"  # type: ignore[union-attr]
    assert table.get("0874").mode == "disarm"  # type: ignore[union-attr]
    assert table.get("1123").context == ("military",)  # type: ignore[union-attr]
    assert table.get("1919") == table.get("191")  # unknown sub-code → its parent
    assert table.get("010") is None  # statements are not PLOVER events
    assert table.get("016").type == "REJECT"  # type: ignore[union-attr]
    assert table.get("0234").type == "REQUEST"  # type: ignore[union-attr]


def test_cameo_plover_table_rejects_bad_lines(tmp_path: Path) -> None:
    path = tmp_path / "c2p.txt"
    path.write_text("03: AGREE, , diplomatic\nxx: AGREE\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"c2p.txt:2"):
        read_plover_table(path)


def test_cameo_goldstein_scale() -> None:
    assert goldstein("0874") == 10.0
    assert goldstein("190") == -10.0
    assert goldstein("040") == 1.0
    assert goldstein("1999") == goldstein("19")  # parent fallback
    assert goldstein(None) is None
    scores = read_goldstein()
    assert all(-10.0 <= v <= 10.0 for v in scores.values())


def test_cameo_goldstein_bad_line_is_an_error(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("cameo\tgoldstein\n010\tzero\n", encoding="utf-8")
    with pytest.raises(DictionaryError, match=r"g.tsv:2"):
        read_goldstein(path)


@pytest.mark.parametrize("ptype,quad", [("AGREE", 1), ("AID", 2), ("ACCUSE", 3), ("ASSAULT", 4)])
def test_cameo_quad_class(ptype: str, quad: int) -> None:
    assert quad_class(ptype) == quad


def test_cameo_quad_class_covers_all_types() -> None:
    assert all(quad_class(t) in {1, 2, 3, 4} for t in PLOVER_TYPES)
