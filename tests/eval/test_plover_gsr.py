from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import EvalError
from dyad.eval import plover_gsr
from dyad.eval.plover_gsr import (
    GoldSentence,
    actor_codes,
    map_label,
    read_gold,
    render,
    score,
    select_event,
    side_match,
)
from dyad.types import Rejected
from tests.conftest import SHARED_DIR

SHARED_GSR = SHARED_DIR / "corpora/plover/PLOVER_GSR_dev.json"


def _gold(id: str, type: str, actor: tuple[str, ...] = ("RUS",),
          recipient: tuple[str, ...] = ("UKR",)) -> GoldSentence:
    return GoldSentence(id=id, text="x", type=type, label=type, mode=None, actor=actor,
                        recipient=recipient)


@pytest.fixture
def gsr_file(tmp_path: Path) -> Path:
    records: list[dict[str, Any]] = [
        {"id": "DOC-1", "event": "DOCUMENT", "eventText": "documentation"},
        {"id": "R1", "event": "DEMAND", "text": "Estmark demanded that Norland free the crew.",
         "date": "2001-02-03", "source": [{"actorText": "Estmark", "code": "XEM"}],
         "target": [{"actorText": "Norland", "code": "NORGOV"}]},
        {"id": "R2", "event": "DISAPPROVE", "text": "The UN criticised both sides.",
         "source": [{"code": "IGO"}], "target": "", "mode": ""},
        {"id": "R3", "event": "AGREE", "text": "Two officials agreed on a plan.",
         "source": [{"code": "HUN"}, {"code": "ROU"}], "target": "diplomatic"},
        {"id": "R4", "event": "FIGHT", "text": "Troops clashed.", "source": [{"code": "SRB"}],
         "target": None},
    ]
    path = tmp_path / "gsr.json"
    path.write_text(json.dumps(records), encoding="utf-8")
    return path


def test_plover_gsr_reads_maps_labels_and_skips_document(gsr_file: Path) -> None:
    gold, notes = read_gold(gsr_file)
    assert [g.id for g in gold] == ["R1", "R2", "R3", "R4"]
    assert notes["skipped_records"] == ["DOC-1"]
    assert [g.type for g in gold] == ["REQUEST", "ACCUSE", "AGREE", "ASSAULT"]
    assert gold[1].mode == "disapprove"
    assert gold[0].actor == ("XEM",) and gold[0].recipient == ("NOR",)
    assert gold[2].actor == ("HUN", "ROU") and gold[2].recipient == ()
    assert gold[0].date == "2001-02-03"
    assert notes["malformed_codes"] == ["R3 target: 'diplomatic'"]
    assert notes["non_iso_codes"] == ["XEM"]  # NOR(way) and HUN, ROU, SRB are ISO codes


def test_plover_gsr_reads_json_lines(tmp_path: Path) -> None:
    path = tmp_path / "gsr.jsonl"
    path.write_text('{"id": "A", "event": "AID", "text": "Aid was sent."}\n\n'
                    '{"id": "B", "event": "COERCE", "text": "He was arrested."}\n')
    assert [g.type for g in read_gold(path)[0]] == ["AID", "COERCE"]


@pytest.mark.parametrize(("label", "expected"), [
    ("DEMAND", ("REQUEST", None)), ("INVESTIGATE", ("ACCUSE", "investigate")),
    ("FIGHT", ("ASSAULT", None)), ("consult", ("CONSULT", None)),
])
def test_plover_gsr_map_label(label: str, expected: tuple[str, str | None]) -> None:
    assert map_label(label) == expected


def test_plover_gsr_unknown_label_is_an_eval_error(tmp_path: Path) -> None:
    path = tmp_path / "bad.json"
    path.write_text(json.dumps([{"id": "X", "event": "PRAISE", "text": "Nice."}]))
    with pytest.raises(EvalError, match="X.*PRAISE.*valid"):
        read_gold(path)


def test_plover_gsr_missing_file_is_an_eval_error(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="not a file"):
        read_gold(tmp_path / "nope.json")


def test_plover_gsr_select_event_prefers_asserted_then_confidence_then_earliest(
        make_event: Callable[..., Any]) -> None:
    planned = make_event("CONSULT", status="planned", confidence=0.9, start=0)
    low = make_event("AGREE", confidence=0.4, start=1)
    high_late = make_event("ACCUSE", confidence=0.8, start=9)
    high_early = make_event("REJECT", confidence=0.8, start=5)
    assert select_event([planned, low, high_late, high_early]) is high_early
    assert select_event([planned]) is planned
    assert select_event([]) is None


def test_plover_gsr_actor_codes(make_actor: Callable[..., Any]) -> None:
    assert actor_codes(make_actor("ukr", country="UKR", cameo="UKRGOV")) == {"UKR"}
    un = actor_codes(make_actor("UN", kind="organization", organization="UN", cameo="IGOUNO"))
    assert "IGO" in un and "NGO" in un
    person = make_actor("jane-doe", kind="person", country="FRA")
    assert actor_codes(person) == {"FRA"}
    assert actor_codes(make_actor("someone", kind="person")) == frozenset()
    assert actor_codes(None) == frozenset()


def test_plover_gsr_side_match_needs_both_directions() -> None:
    hun, rou, srb = frozenset({"HUN"}), frozenset({"ROU"}), frozenset({"SRB"})
    assert side_match(("HUN", "ROU"), (hun, rou)) == (True, True)
    assert side_match(("HUN", "ROU"), (hun,)) == (False, True)
    assert side_match(("HUN",), (hun, srb)) == (False, True)
    assert side_match((), ()) == (True, True)
    assert side_match((), (hun,)) == (False, False)


def _world(make_actor: Callable[..., Any]) -> list[Any]:
    return [make_actor("RUS", country="RUS", cameo="RUS"),
            make_actor("UKR", country="UKR", cameo="UKR")]


def test_plover_gsr_score_perfect_is_one(make_event: Callable[..., Any],
                                         make_actor: Callable[..., Any],
                                         make_extraction: Callable[..., Any]) -> None:
    gold = [_gold("a", "AGREE"), _gold("b", "ASSAULT")]
    results = {g.id: make_extraction(g.id, [make_event(g.type, ["RUS"], ["UKR"])],
                                     _world(make_actor)) for g in gold}
    report = score(gold, results)
    assert report["micro"]["f1"] == 1.0
    assert report["macro_f1"] == 1.0
    assert report["actor"]["accuracy_all"] == 1.0
    assert report["recipient"]["accuracy_type_matched"] == 1.0
    assert report["confusion"]["rows"] == {"AGREE": {"AGREE": 1}, "ASSAULT": {"ASSAULT": 1}}


def test_plover_gsr_score_without_predictions_is_zero(make_extraction: Callable[..., Any]) -> None:
    gold = [_gold("a", "AGREE"), _gold("b", "ASSAULT")]
    report = score(gold, {"a": make_extraction("a"),
                          "b": Rejected("b", "pipeline error", kind="pipeline")})
    assert report["micro"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "tp": 0, "fp": 0, "fn": 2}
    assert report["macro_f1"] == 0.0
    assert report["actor"]["accuracy_all"] == 0.0
    assert report["rejected"] == 1
    assert report["confusion"]["rows"]["AGREE"] == {"(none)": 1}


def test_plover_gsr_score_partial_case(make_event: Callable[..., Any],
                                       make_actor: Callable[..., Any],
                                       make_extraction: Callable[..., Any]) -> None:
    world = _world(make_actor)
    gold = [_gold("a", "AGREE"), _gold("b", "AGREE"), _gold("c", "ASSAULT"), _gold("d", "REJECT")]
    results = {
        "a": make_extraction("a", [make_event("AGREE", ["RUS"], ["UKR"])], world),
        # right type, actor and recipient swapped
        "b": make_extraction("b", [make_event("AGREE", ["UKR"], ["RUS"])], world),
        # wrong type (ASSAULT gold → THREATEN), right actors
        "c": make_extraction("c", [make_event("THREATEN", ["RUS"], ["UKR"]),
                                   make_event("ASSAULT", ["RUS"], ["UKR"], status="planned")],
                             world),
        "d": make_extraction("d", [], world),
    }
    report = score(gold, results)
    micro = report["micro"]
    # 2 correct of 3 predicted sentences, of 4 gold sentences
    assert (micro["tp"], micro["fp"], micro["fn"]) == (2, 1, 2)
    assert micro["precision"] == 0.6667 and micro["recall"] == 0.5 and micro["f1"] == 0.5714
    assert report["per_type"]["AGREE"]["f1"] == 1.0
    assert report["per_type"]["THREATEN"]["precision"] == 0.0
    assert report["per_type"]["REJECT"]["support"] == 1
    # AGREE 1.0, ASSAULT 0, REJECT 0, THREATEN 0
    assert report["macro_f1"] == 0.25
    # actor right in a and c, of 4 sentences; of the 2 type-matched sentences only a
    assert report["actor"]["accuracy_all"] == 0.5
    assert report["actor"]["accuracy_type_matched"] == 0.5
    assert report["any_event_type_recall"] == 0.75
    assert report["top_event_status"] == {"asserted": 3, "(none)": 1}  # c: asserted THREATEN
    # direction ignored: a, b and c have the right pair of countries
    assert report["participants"]["accuracy_all"] == 0.75
    assert report["participants"]["accuracy_type_matched"] == 1.0
    assert report["confusion"]["rows"]["ASSAULT"] == {"THREATEN": 1}
    lo, hi = report["ci95"]["micro_f1"]
    assert 0.0 <= lo < micro["f1"] < hi <= 1.0
    lo, hi = report["ci95"]["actor_accuracy_all"]
    assert 0.0 <= lo < 0.5 < hi <= 1.0
    text = render(report)
    assert "micro" in text and "THRE" in text and "bootstrap" in text


def test_plover_gsr_igo_gold_matches_any_international_organisation(
        make_event: Callable[..., Any], make_actor: Callable[..., Any],
        make_extraction: Callable[..., Any]) -> None:
    nato = make_actor("NATO", kind="organization", organization="NATO", cameo="IGOWSTNAT")
    srb = make_actor("SRB", country="SRB")
    gold = [_gold("a", "ACCUSE", actor=("IGO",), recipient=("SRB",))]
    ex = make_extraction("a", [make_event("ACCUSE", ["NATO"], ["SRB"])], [nato, srb])
    assert score(gold, {"a": ex})["actor"]["accuracy_all"] == 1.0


@pytest.mark.slow
def test_plover_gsr_evaluate_end_to_end_on_shared_records() -> None:
    report = plover_gsr.evaluate(SHARED_GSR, limit=4)
    assert report["sentences"] == 4
    assert report["rejected"] == 0
    assert len(report["items"]) == 4
    assert report["micro"]["tp"] + report["micro"]["fn"] == 4
    assert report["micro"]["tp"] + report["micro"]["fp"] == report["sentences_with_event"]
    json.dumps(report)
    assert "PLOVER GSR" in render(report)
    halves = report["halves"]
    assert sum(h["sentences"] for h in halves.values()) == 4
    assert "heldout" in render(report)


@pytest.mark.slow
def test_plover_gsr_evaluate_one_half_never_runs_the_other() -> None:
    report = plover_gsr.evaluate(SHARED_GSR, half="tune", limit=3)
    assert report["half"] == "tune" and report["halves"] == {}
    assert [plover_gsr.half_of(i["id"]) for i in report["items"]] == ["tune"] * 3
    assert "tune half only" in render(report)
    with pytest.raises(EvalError, match="unknown half 'test'"):
        plover_gsr.evaluate(SHARED_GSR, half="test")


def test_plover_gsr_halves_are_fixed_and_split_the_file(gsr_file: Path) -> None:
    gold, _ = plover_gsr.read_gold(SHARED_GSR)
    halves = [plover_gsr.half_of(g.id) for g in gold]
    assert set(halves) == {"tune", "heldout"}
    assert 0.4 < halves.count("heldout") / len(halves) < 0.6
    assert plover_gsr.half_of("PLOVER-GSR01-AGREE-0008") == plover_gsr.half_of(
        "PLOVER-GSR01-AGREE-0008")
