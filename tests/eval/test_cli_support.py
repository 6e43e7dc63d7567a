from __future__ import annotations

import json
from pathlib import Path

import pytest

from dyad.cli import main
from dyad.errors import EvalError
from dyad.eval import cli_support
from dyad.eval.cli_support import formats_for, run_evaluation


def test_cli_support_formats_per_task() -> None:
    assert formats_for("events") == ["plover-gsr", "petrarch"]
    assert formats_for("quotes") == ["brat"]
    assert set(formats_for("dates")) == {"timeml", "meantime"}


def test_cli_support_wrong_format_for_task_lists_valid_ones() -> None:
    with pytest.raises(EvalError, match="valid formats for events: plover-gsr, petrarch"):
        run_evaluation("events", "brat", "x")


def test_cli_support_missing_scorer_module_is_a_clear_error(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(cli_support.EVALUATORS, ("dates", "timeml"),
                        ("dyad.eval.not_written_yet", {"fmt": "timeml"}))
    with pytest.raises(EvalError, match="not part of this build"):
        run_evaluation("dates", "timeml", "x")


def test_cli_support_eval_command_reports_errors_with_exit_code_2(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "events", "--format", "brat", str(tmp_path)]) == 2
    assert "valid formats for events" in capsys.readouterr().err
    assert main(["eval", "quotes", "--format", "brat", str(tmp_path)]) == 2
    assert "no .ann files" in capsys.readouterr().err


def test_cli_support_half_only_where_the_scorer_has_halves(
        tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(EvalError, match="--half is not supported by the quotes scorer"):
        run_evaluation("quotes", "brat", str(tmp_path), half="tune")
    assert main(["eval", "events", "--format", "petrarch", str(tmp_path), "--half", "tune"]) == 2
    assert "--half is not supported by the events scorer" in capsys.readouterr().err


def test_cli_support_eval_help_has_examples(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["eval", "--help"])
    out = capsys.readouterr().out
    assert "dyad eval events --format plover-gsr" in out and "--json" in out


@pytest.mark.slow
def test_cli_support_eval_command_prints_json(eval_fixtures: Path,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["eval", "quotes", "--format", "brat", str(eval_fixtures / "brat"), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["task"] == "quotes" and report["gold_attributions"] == 4
