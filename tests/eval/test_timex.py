"""TimeML / MEANTIME readers and the TempEval-3-style scorer."""

from __future__ import annotations

from pathlib import Path

import pytest

from dyad.errors import EvalError
from dyad.eval.timex import (
    GoldTimex,
    SystemTimex,
    evaluate,
    read_gold,
    read_meantime,
    read_timeml,
    render,
    score_document,
)


def test_timex_read_timeml_offsets_and_dct(eval_fixtures: Path) -> None:
    doc = read_timeml(eval_fixtures / "timeml" / "wire_talks.tml")
    assert doc.dct == "2019-03-15"
    texts = [(doc.text[t.start:t.end], t.type, t.value) for t in doc.timexes]
    assert texts[0] == ("Thursday", "DATE", "2019-03-14")
    assert ("18 months", "DURATION", "P18M") in texts
    assert ("September 12, 2019", "DATE", "2019-09-12") in texts
    assert "2019-03-15" not in [t.value for t in doc.timexes]  # the DCT is not a scored TIMEX
    assert "<" not in doc.text and "met in Geneva" in doc.text  # EVENT tags dropped, text kept


def test_timex_read_meantime_spacing_dct_and_scored_region(eval_fixtures: Path) -> None:
    doc = read_meantime(eval_fixtures / "meantime" / "1_small_meantime.xml")
    assert doc.text.startswith("Port reopens\nMay 6, 2010\nThe port reopened on Tuesday after two weeks.")
    assert "next year (it's busy). It closed in 2008." in doc.text
    assert doc.dct == "2010-05-06"
    assert doc.dct_span is not None and doc.text[doc.dct_span[0]:doc.dct_span[1]] == "May 6, 2010"
    assert [doc.text[t.start:t.end] for t in doc.timexes] == ["Tuesday", "two weeks", "next year"]
    # the last sentence carries no annotation at all: it was not annotated, so not scored
    assert doc.scored_end is not None and doc.text[:doc.scored_end].endswith("(it's busy).")


def test_timex_score_document_strict_relaxed_value() -> None:
    gold = [GoldTimex(0, 8, "DATE", "2019-03-14"), GoldTimex(20, 29, "DURATION", "P18M"),
            GoldTimex(40, 44, "DATE", "2016")]
    system = [SystemTimex(0, 8, "DATE", "2019-03-14"),  # exact, right value
              SystemTimex(17, 29, "DURATION", "P1Y"),  # overlapping, wrong value
              SystemTimex(60, 64, "DATE", "2020")]  # spurious
    counts, errors = score_document(gold, system)
    rep = counts.report()
    assert (counts.strict, counts.relaxed, counts.value_ok, counts.type_ok) == (1, 2, 1, 2)
    assert rep["relaxed"]["precision"] == pytest.approx(2 / 3, abs=1e-3)
    assert rep["relaxed"]["recall"] == pytest.approx(2 / 3, abs=1e-3)
    # value F1 = relaxed F1 weighted by value correctness: P = R = 1/3
    assert rep["value_f1"] == pytest.approx(1 / 3, abs=1e-3)
    assert sorted(e["kind"] for e in errors) == ["mismatch", "missed", "spurious"]


def test_timex_score_document_ignores_dct_span_and_unannotated_tail() -> None:
    gold = [GoldTimex(30, 37, "DATE", "2010-05-04")]
    system = [SystemTimex(13, 24, "DATE", "2010-05-06"), SystemTimex(30, 37, "DATE", "2010-05-04"),
              SystemTimex(120, 124, "DATE", "2008")]
    counts, errors = score_document(gold, system, exclude=(13, 24), scored_end=100)
    assert (counts.system, counts.relaxed, counts.value_ok) == (1, 1, 1)
    assert errors == []


def test_timex_one_to_one_matching() -> None:
    gold = [GoldTimex(0, 10, "DATE", "2009")]
    system = [SystemTimex(0, 4, "DATE", "2009"), SystemTimex(5, 10, "DATE", "2009")]
    counts, _ = score_document(gold, system)
    assert (counts.relaxed, counts.system) == (1, 2)


def test_timex_read_gold_errors_name_the_problem(tmp_path: Path) -> None:
    with pytest.raises(EvalError, match="valid: timeml, meantime"):
        read_gold(tmp_path, "brat")
    with pytest.raises(EvalError, match="no \\*.tml files"):
        read_gold(tmp_path, "timeml")
    bad = tmp_path / "bad.tml"
    bad.write_text("<TimeML><TEXT>unclosed", encoding="utf-8")
    with pytest.raises(EvalError, match="bad.tml"):
        read_gold(bad, "timeml")
    notext = tmp_path / "notext.tml"
    notext.write_text("<TimeML><DOCID>x</DOCID></TimeML>", encoding="utf-8")
    with pytest.raises(EvalError, match="no <TEXT>"):
        read_timeml(notext)


@pytest.mark.slow
def test_timex_evaluate_timeml_fixtures_with_the_model(eval_fixtures: Path) -> None:
    report = evaluate(eval_fixtures / "timeml", fmt="timeml")
    assert report["documents"] == 2 and report["dct_scored"] is False
    assert report["all"]["gold"] == 13
    assert report["all"]["value_f1"] >= 0.8, render(report)
    lo, hi = report["all"]["ci95"]["value_f1"]
    assert lo <= report["all"]["value_f1"] <= hi
    assert "value F1" in render(report) and "95 % CI" in render(report)


@pytest.mark.slow
def test_timex_evaluate_one_meantime_half(eval_fixtures: Path, tmp_path: Path) -> None:
    source = (eval_fixtures / "meantime" / "1_small_meantime.xml").read_bytes()
    for name in ("a.xml", "b.xml", "c.xml"):  # sorted: a, c = tune; b = heldout
        (tmp_path / name).write_bytes(source)
    report = evaluate(tmp_path, fmt="meantime", half="heldout")
    assert (report["half"], report["documents"]) == ("heldout", 1)
    assert "tune" not in report and "heldout" not in report
    assert "heldout half only" in render(report)
    assert evaluate(tmp_path, fmt="meantime", half="tune")["documents"] == 2
    with pytest.raises(EvalError, match="--half applies to MEANTIME"):
        evaluate(eval_fixtures / "timeml", fmt="timeml", half="tune")
    with pytest.raises(EvalError, match="unknown half 'test'; use one of tune, heldout"):
        evaluate(tmp_path, fmt="meantime", half="test")


@pytest.mark.slow
def test_timex_evaluate_meantime_fixture_with_the_model(eval_fixtures: Path) -> None:
    report = evaluate(eval_fixtures / "meantime", fmt="meantime")
    # the dateline (DCT) and the unannotated last sentence's "2008" are not counted as spurious
    assert report["all"]["system"] == 3, report["errors"]
    assert report["all"]["value_f1"] == 1.0, report["errors"]
