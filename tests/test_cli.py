"""The `dyad extract` command: the JSON contract, order, rejected records, exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from dyad.cli import main

SCHEMA = json.loads((Path(__file__).parents[1] / "dyad" / "schema" / "extraction.schema.json").read_text())


def test_cli_extract_example_validates_against_schema(capsys: pytest.CaptureFixture[str]) -> None:
    example = Path(__file__).parents[1] / "dyad" / "data" / "examples" / "000_18667010c95db324.txt"
    assert main(["extract", str(example), "--published", "2021-12-24"]) == 0
    out = json.loads(capsys.readouterr().out)
    jsonschema.validate(out, SCHEMA)
    assert out["article"]["published"] == "2021-12-24"
    assert any(a["role"] == "foreign minister" for a in out["actors"])


def test_cli_extract_thousand_records_in_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    countries = ["Chile", "Kenya", "Norway", "Vietnam", "Egypt", "Canada", "Poland", "Brazil"]
    path = tmp_path / "many.jsonl"
    with path.open("w", encoding="utf-8") as fh:
        for i in range(1000):
            a, b = countries[i % 8], countries[(i + 3) % 8]
            fh.write(json.dumps({"id": f"doc-{i:04d}", "published": "2022-03-01",
                                 "text": f"{a} criticised {b} over trade on Tuesday, officials said."}) + "\n")
    assert main(["extract", str(path), "--format", "jsonl", "--processes", "1"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1000
    assert [json.loads(x)["article"]["id"] for x in lines] == [f"doc-{i:04d}" for i in range(1000)]


def test_cli_extract_bad_records_reported_and_batch_goes_on(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "mixed.jsonl"
    path.write_text(
        json.dumps({"id": "ok1", "text": "Japan protested to China."}) + "\n"
        + "{broken\n"
        + json.dumps({"id": "empty", "text": ""}) + "\n"
        + json.dumps({"id": "fr", "text": "Le gouvernement français a annoncé mardi de nouvelles mesures contre la pollution de l'air dans les grandes villes."}) + "\n"
        + json.dumps({"id": "ok2", "text": "Peru recalled its ambassador from Mexico."}) + "\n",
        encoding="utf-8")
    errors = tmp_path / "errors.jsonl"
    assert main(["extract", str(path), "--format", "jsonl", "--errors", str(errors), "--processes", "1"]) == 0
    captured = capsys.readouterr()
    ids = [json.loads(x)["article"]["id"] for x in captured.out.splitlines()]
    assert ids == ["ok1", "ok2"]
    rejected = [json.loads(x) for x in errors.read_text().splitlines()]
    assert [r["location"] for r in rejected] == [f"{path}:2", f"{path}:3", f"{path}:4"]
    assert rejected[2]["kind"] == "language" and rejected[2]["language"] == "fr"
    assert f"{path}:2" in captured.err and "invalid JSON" in captured.err


def test_cli_unknown_model_is_a_clean_error(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Chile protested.", encoding="utf-8")
    assert main(["extract", str(path), "--model", "no_such_model_xyz"]) == 2
    assert "not installed" in capsys.readouterr().err
