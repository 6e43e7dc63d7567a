"""`dyad serve`: parses its options, opens the store read-only and hands the app to uvicorn."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from dyad.cli import main


def test_cli_serve_runs_the_app_on_the_given_host_and_port(
        records_db: Path, monkeypatch: pytest.MonkeyPatch,
        capsys: pytest.CaptureFixture[str]) -> None:
    import uvicorn
    from fastapi import FastAPI

    calls: list[dict[str, Any]] = []
    monkeypatch.setattr(uvicorn, "run", lambda app, **kw: calls.append({"app": app, **kw}))
    assert main(["serve", "--db", str(records_db), "--port", "8123"]) == 0
    (call,) = calls
    assert isinstance(call["app"], FastAPI)
    assert (call["host"], call["port"]) == ("127.0.0.1", 8123)
    assert f"serving {records_db} read-only at http://127.0.0.1:8123/" in capsys.readouterr().err


def test_cli_serve_missing_store_is_a_clean_error(tmp_path: Path,
                                                  capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["serve", "--db", str(tmp_path / "none.duckdb")]) == 2
    assert "no store at" in capsys.readouterr().err


@pytest.mark.parametrize("port", ["0", "70000", "http"])
def test_cli_serve_port_must_be_a_port(port: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--db", "x.duckdb", "--port", port])
    assert "--port" in capsys.readouterr().err
