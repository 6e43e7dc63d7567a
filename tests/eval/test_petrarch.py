from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dyad.config import Settings
from dyad.errors import EvalError
from dyad.eval import petrarch
from dyad.eval.petrarch import (
    Coding,
    PetrarchRecord,
    codings,
    dictionaries_for,
    plover_type,
    read_records,
    render,
    score,
)
from tests.conftest import SHARED_DIR

SHARED_XML = SHARED_DIR / "corpora/petrarch/PETR.UnitTest.records.xml"


def test_petrarch_official_table_leaves_out_dyads_own_rows() -> None:
    from dyad.knowledge.cameo import plover_table

    assert plover_table().get("023") is not None  # dyad's coder maps appeals ...
    assert plover_type("023") is None  # ... but gold is mapped with the published table only


@pytest.mark.parametrize(("code", "expected"), [
    ("064", "COOPERATE"), ("1121", "ACCUSE"), ("174L", "COERCE"), ("190", "ASSAULT"),
    ("0849", "RETREAT"), ("089", "CONCEDE"), ("023", None), ("903", None), ("", None),
    (None, None), ("---", None),
])
def test_petrarch_plover_type_uses_most_specific_prefix(code: str | None, expected: str | None) -> None:
    assert plover_type(code) == expected


def test_petrarch_reads_petrarch2_layout(eval_fixtures: Path) -> None:
    parsed = read_records(eval_fixtures / "petrarch2_records.xml")
    recs = {r.id: r for r in parsed.records}
    assert list(recs) == ["FIX-01", "FIX-02", "FIX-03", "FIX-04", "FIX-05"]
    assert recs["FIX-01"].text == "The French president travelled to Germany on Monday for talks."
    assert recs["FIX-01"].date == "2003-05-12"
    assert recs["FIX-01"].codings == (Coding("FRA", "DEU", "042", "CONSULT"),)
    assert len(recs["FIX-02"].codings) == 2
    assert recs["FIX-03"].codings[0].source == "HARBOUR OFFICIALS"  # quotes stripped
    assert recs["FIX-03"].require_dyad is False and recs["FIX-04"].require_dyad is True
    assert recs["FIX-04"].expects_none and not recs["FIX-04"].codings
    assert recs["FIX-05"].error == "bad_input_parse"
    assert parsed.actor_files == ("fixture.actors.txt",)


def test_petrarch_reads_universal_petrarch_layout(eval_fixtures: Path) -> None:
    parsed = read_records(eval_fixtures / "universal_petrarch.xml")
    assert [r.id for r in parsed.records] == ["UP-01", "UP-03"]
    assert parsed.skipped == ("UP-02",)
    assert parsed.records[0].text == "Canada signed a trade agreement with Mexico."
    assert [c.plover for c in parsed.records[1].codings] == ["ACCUSE", "ACCUSE"]


def test_petrarch_bad_xml_is_an_eval_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.xml"
    path.write_text("<Sentences><Sentence id='x'><Text>a</Sentence>")
    with pytest.raises(EvalError, match="not well-formed"):
        read_records(path)


def _rec(id: str, *codes: tuple[str, str, str], none: bool = False,
         require_dyad: bool = True, error: str | None = None) -> PetrarchRecord:
    return PetrarchRecord(id=id, text="x", date=None, category="T",
                          codings=tuple(Coding(s, t, e, plover_type(e)) for s, t, e in codes),
                          expects_none=none, require_dyad=require_dyad, error=error)


@pytest.fixture
def world(make_actor: Callable[..., Any]) -> list[Any]:
    return [make_actor("ARN", country="ARN", cameo="ARN"),
            make_actor("GON", country="GON", cameo="GON"),
            make_actor("gon-army", kind="group", country="GON", cameo="GONMIL"),
            make_actor("MOR", country="MOR", cameo="MOR")]


def test_petrarch_score_perfect_is_one(make_event: Callable[..., Any], world: list[Any],
                                       make_extraction: Callable[..., Any]) -> None:
    records = [_rec("a", ("ARN", "GON", "064")), _rec("b", ("GONMIL", "MOR", "190")),
               _rec("c", none=True)]
    results = {
        "a": make_extraction("a", [make_event("COOPERATE", ["ARN"], ["GON"], cameo="064")], world),
        "b": make_extraction("b", [make_event("ASSAULT", ["gon-army"], ["MOR"], cameo="190")], world),
        "c": make_extraction("c", [], world),
    }
    report = score(records, results)
    assert all(m["f1"] == 1.0 for m in report["levels"].values())
    assert report["noevent_accuracy"] == 1.0
    assert report["records_fully_correct"] == 1.0


def test_petrarch_score_without_predictions_is_zero(make_extraction: Callable[..., Any]) -> None:
    records = [_rec("a", ("ARN", "GON", "064")), _rec("b", ("GON", "MOR", "190"))]
    report = score(records, {"a": make_extraction("a")})
    assert all(m["f1"] == 0.0 for m in report["levels"].values())
    assert report["levels"]["cameo"]["fn"] == 2
    assert report["plover_coding_recall"] == 0.0


def test_petrarch_score_partial_case(make_event: Callable[..., Any], world: list[Any],
                                     make_extraction: Callable[..., Any]) -> None:
    # Gold: a compound target; dyad finds one right coding and one with the wrong target,
    # and a CAMEO code in the right root but not the exact code.
    records = [_rec("a", ("ARN", "GON", "064"), ("ARN", "MOR", "064")),
               _rec("b", ("GON", "ARN", "0841"))]
    results = {
        "a": make_extraction("a", [make_event("COOPERATE", ["ARN"], ["GON", "ARN"],
                                              cameo="064")], world),
        "b": make_extraction("b", [make_event("RETREAT", ["GON"], ["ARN"], cameo="084")], world),
    }
    report = score(records, results)
    lv = report["levels"]
    assert (lv["cameo"]["tp"], lv["cameo"]["fp"], lv["cameo"]["fn"]) == (1, 2, 2)
    assert (lv["cameo_root"]["tp"], lv["cameo_root"]["fp"], lv["cameo_root"]["fn"]) == (2, 1, 1)
    assert lv["plover"]["tp"] == 2 and lv["plover"]["recall"] == 0.6667
    # event only: both 064 codings of record a pair up
    assert (lv["event_cameo"]["tp"], lv["event_cameo"]["fn"]) == (2, 1)
    assert report["per_category"]["T"]["cameo_recall"] == 0.3333
    assert "PLOVER type only" in render(report)


def test_petrarch_require_dyad_drops_one_sided_events(make_event: Callable[..., Any],
                                                      world: list[Any],
                                                      make_extraction: Callable[..., Any]) -> None:
    one_sided = make_extraction("a", [make_event("ACCUSE", ["ARN"], [], cameo="112")], world)
    assert codings(one_sided, require_dyad=True) == []
    assert codings(one_sided, require_dyad=False) == [Coding("ARN", "---", "112", "ACCUSE")]
    gold = [_rec("a", ("ARN", "---", "112"), require_dyad=False)]
    assert score(gold, {"a": one_sided})["levels"]["cameo"]["f1"] == 1.0


def test_petrarch_noevent_record_counts_codings_as_false_positives(
        make_event: Callable[..., Any], world: list[Any],
        make_extraction: Callable[..., Any]) -> None:
    ex = make_extraction("n", [make_event("AGREE", ["ARN"], ["GON"], cameo="036")], world)
    report = score([_rec("n", none=True)], {"n": ex})
    assert report["levels"]["plover"]["fp"] == 1
    assert report["noevent_accuracy"] == 0.0


def test_petrarch_unmapped_gold_is_left_out_at_plover_level(
        make_event: Callable[..., Any], world: list[Any],
        make_extraction: Callable[..., Any]) -> None:
    ex = make_extraction("s", [make_event("REQUEST", ["ARN"], ["GON"], cameo="102")], world)
    report = score([_rec("s", ("ARN", "GON", "023")), _rec("e", error="storydiscard")], {"s": ex})
    assert report["gold_codings_without_plover_type"] == 1
    assert report["levels"]["plover"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0,
                                          "tp": 0, "fp": 0, "fn": 0}
    assert report["levels"]["cameo"]["fp"] == 1 and report["levels"]["cameo"]["fn"] == 1
    assert report["error_records_left_out"] == 1 and report["records"] == 1


def test_petrarch_dictionaries_default_to_the_files_beside_the_xml(tmp_path: Path,
                                                                    eval_fixtures: Path) -> None:
    xml = tmp_path / "records.xml"
    xml.write_text((eval_fixtures / "petrarch2_records.xml").read_text())
    (tmp_path / "fixture.actors.txt").write_text("ARNOR [ARN]\n")
    parsed = read_records(xml)
    settings, note = dictionaries_for(parsed, Settings())
    assert settings.actor_dictionaries == (str(tmp_path / "fixture.actors.txt"),)
    assert settings.agent_dictionaries == ()
    assert note["actors"]["source"] == "found beside the XML"
    assert note["agents"]["source"] == "none given or found"
    given, note = dictionaries_for(parsed, Settings(actor_dictionaries=("mine.txt",)))
    assert given.actor_dictionaries == ("mine.txt",) and note["actors"]["source"] == "--actors"


def test_petrarch_verb_file_named_by_the_environment_is_used(tmp_path: Path,
                                                             eval_fixtures: Path) -> None:
    xml = tmp_path / "records.xml"
    xml.write_text((eval_fixtures / "petrarch2_records.xml").read_text())
    parsed = read_records(xml)
    assert parsed.verb_files == ("fixture.verbs.txt",)
    settings, note = dictionaries_for(parsed, Settings())
    assert settings.verb_dictionary is None  # not beside the XML: dyad's own lexicon
    assert note["verbs"]["files"] == []
    (tmp_path / "fixture.verbs.txt").write_text("MEET\n- * WITH  [040]\n")
    settings, note = dictionaries_for(parsed, Settings())
    assert settings.verb_dictionary == str(tmp_path / "fixture.verbs.txt")
    assert note["verbs"]["source"] == "found beside the XML"
    given, note = dictionaries_for(parsed, Settings(verb_dictionary="mine.verbs.txt"))
    assert given.verb_dictionary == "mine.verbs.txt" and note["verbs"]["source"] == "--verbs"


@pytest.mark.slow
def test_petrarch_evaluate_end_to_end_on_shared_records() -> None:
    report = petrarch.evaluate(SHARED_XML, limit=4)
    assert report["records"] == 4
    assert report["rejected"] == 0
    assert report["dictionaries"]["actors"]["source"] == "found beside the XML"
    cameo = report["levels"]["cameo"]
    assert cameo["tp"] + cameo["fn"] == report["gold_codings"]
    json.dumps(report)
    assert "PETRARCH" in render(report)


@pytest.mark.slow
def test_petrarch_evaluate_end_to_end_on_universal_fixture(eval_fixtures: Path) -> None:
    report = petrarch.evaluate(eval_fixtures / "universal_petrarch.xml")
    assert report["records"] == 2 and report["skipped_evaluate_false"] == ["UP-02"]
    assert report["gold_codings"] == 3


@pytest.mark.slow
def test_petrarch_unit_tests_reach_the_plover_target(shared_dir: Path) -> None:
    xml = shared_dir / "corpora" / "petrarch" / "PETR.UnitTest.records.xml"
    report = petrarch.evaluate(xml)
    assert report["dictionaries"]["verbs"]["source"] == "found beside the XML"
    assert report["settings"]["symmetric_co_actors"] is False
    assert report["plover_coding_recall"] >= 0.60
