from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import EvalError
from dyad.eval import brat
from dyad.eval.brat import BratDocument, GoldAttribution, parse_ann, read_corpus, render, score
from dyad.types import Quote, TextSpan


def test_brat_reads_fixture_with_annotator_suffix_and_discontinuous_span(
        eval_fixtures: Path) -> None:
    docs = {d.id: d for d in read_corpus(eval_fixtures / "brat")}
    assert sorted(docs) == ["state_02", "wire_01_ann1"]
    wire = docs["wire_01_ann1"]
    assert wire.text_path.endswith("wire_01.txt")
    assert wire.offset_mismatches == ()
    assert len(wire.attributions) == 3
    quoted = wire.attributions[1]
    assert len(quoted.content) == 2  # "We are ready," ... "to meet them halfway."
    assert [wire.text[s:e] for s, e in quoted.content] == ["We are ready,", "to meet them halfway."]
    assert [wire.text[s:e] for s, e in quoted.source] == ["Lindqvist"]
    # the trigger of E1 is a Cue T line, so it is the cue
    assert [wire.text[s:e] for s, e in wire.attributions[0].cue] == ["said"]
    state = docs["state_02"]
    (attr,) = state.attributions
    assert [state.text[s:e] for s, e in attr.cue] == ["wrote"]
    assert [state.text[s:e] for s, e in attr.source] == ["Prime Minister Ola Berg"]


def test_brat_parse_ann_unreferenced_content_and_mismatch() -> None:
    text = "He said it. Others claimed more."
    ann = ("T1\tContent 8 10\tit\n"
           "T2\tContent 20 32\tWRONG TEXT\n"
           "T3\tSource 0 2\tHe\n"
           "E1\tAttribution:T1 Source:T3 Content:T1\n")
    attrs, mismatches = parse_ann(ann, text)
    assert [a.id for a in attrs] == ["E1", "T2"]
    assert attrs[1].source == () and attrs[1].content == ((20, 32),)
    assert mismatches == ["T2"]


@pytest.mark.parametrize("line", ["T1\tContent 5\tx", "T1\tContent 9 3\tx", "T1\tContent a b\tx"])
def test_brat_bad_span_is_an_eval_error(line: str) -> None:
    with pytest.raises(EvalError, match="<ann>:1"):
        parse_ann(line + "\n", "0123456789")


def test_brat_event_referring_to_missing_t_is_an_eval_error() -> None:
    with pytest.raises(EvalError, match="T9"):
        parse_ann("E1\tAttribution:T9 Content:T9\n", "abc")


def test_brat_ann_without_text_is_an_eval_error(tmp_path: Path) -> None:
    (tmp_path / "lonely_bob.ann").write_text("T1\tContent 0 1\tx\n")
    with pytest.raises(EvalError, match="no text file"):
        read_corpus(tmp_path)


TEXT = 'Officials said talks would resume. "We are ready," Ola Berg wrote.'
# content 1: "talks would resume" 15..33; source "Officials" 0..9; cue "said" 10..14
# content 2: "We are ready," 36..49;    source "Ola Berg" 51..59; cue "wrote" 60..65


def _doc() -> BratDocument:
    return BratDocument(
        id="d", text_path="d.txt", ann_path="d.ann", text=TEXT,
        attributions=(
            GoldAttribution("E1", ((15, 33),), ((0, 9),), ((10, 14),)),
            GoldAttribution("E2", ((36, 49),), ((51, 59),), ((60, 65),)),
        ))


def _quote(start: int, end: int, speaker: str | None = None,
           mention: tuple[int, int] | None = None, cue: tuple[int, int] | None = None) -> Quote:
    return Quote(id=f"q{start}", text=TEXT[start:end], start=start, end=end, kind="indirect",
                 speaker=speaker,
                 speaker_mention=TextSpan(TEXT[mention[0]:mention[1]], *mention) if mention else None,
                 cue=TextSpan(TEXT[cue[0]:cue[1]], *cue) if cue else None)


def test_brat_score_perfect_is_one(make_extraction: Callable[..., Any]) -> None:
    ex = make_extraction("d.txt", quotes=[_quote(15, 33, mention=(0, 9), cue=(10, 14)),
                                          _quote(36, 49, mention=(51, 59), cue=(60, 65))])
    report = score([_doc()], {"d.txt": ex})
    for t in ("0.3", "0.8"):
        m = report["thresholds"][t]
        assert m["content"]["f1"] == 1.0
        assert m["speaker_accuracy"] == 1.0 and m["speaker_accuracy_all"] == 1.0
        assert m["cue_accuracy"] == 1.0


def test_brat_score_without_quotes_is_zero(make_extraction: Callable[..., Any]) -> None:
    report = score([_doc()], {"d.txt": make_extraction("d.txt")})
    m = report["thresholds"]["0.3"]
    assert m["content"]["f1"] == 0.0 and m["content"]["fn"] == 2
    assert m["speaker_accuracy"] == 0.0 and m["speaker_accuracy_all"] == 0.0


def test_brat_score_partial_case(make_extraction: Callable[..., Any],
                                 make_actor: Callable[..., Any]) -> None:
    berg = make_actor("ola-berg", kind="person", mentions=[(51, 59)])
    quotes = [
        # "would resume" 21..33: overlap 12/18 = 0.67 → matched at 0.3, not at 0.8; wrong cue
        _quote(21, 33, mention=(0, 9), cue=(60, 65)),
        # exact content; speaker only through the actor's mention; no cue
        _quote(36, 49, speaker="ola-berg"),
        # a quote the gold does not have
        _quote(0, 9),
    ]
    report = score([_doc()], {"d.txt": make_extraction("d.txt", quotes=quotes, actors=[berg])})
    low, high = report["thresholds"]["0.3"], report["thresholds"]["0.8"]
    assert (low["content"]["tp"], low["content"]["fp"], low["content"]["fn"]) == (2, 1, 0)
    assert (high["content"]["tp"], high["content"]["fp"], high["content"]["fn"]) == (1, 2, 1)
    assert low["speaker_accuracy"] == 1.0
    assert low["cue_accuracy"] == 0.0
    assert high["speaker_accuracy"] == 1.0 and high["speaker_accuracy_all"] == 0.5
    assert "overlap" in render(report)


@pytest.mark.slow
def test_brat_evaluate_end_to_end_on_fixture(eval_fixtures: Path) -> None:
    report = brat.evaluate(eval_fixtures / "brat")
    assert report["documents"] == 2 and report["texts"] == 2
    assert report["gold_attributions"] == 4
    assert report["rejected"] == 0
    content = report["thresholds"]["0.3"]["content"]
    assert content["tp"] + content["fp"] == report["predicted_quotes"]
    assert content["tp"] + content["fn"] == 4
    json.dumps(report)
