"""Every kind of bad input (tests/reliability/cases.py) through `dyad extract` and `dyad ingest`.

The whole corpus goes through each command once, as a user runs it (a subprocess, one pipeline
load); each kind is then checked on its own: every record has its defined outcome, no record
is lost (inputs = outputs + rejections), every output span is a slice of its article's text,
and nothing prints a traceback.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
import pytest

from dyad.api import process
from dyad.readers import read_path
from dyad.types import Rejected
from tests.reliability.cases import CASES, MB, Case, _big_prose
from tests.reliability.helpers import cli_has
from tests.reliability.tally import Tally

pytestmark = pytest.mark.slow

RUN_TIMEOUT = 600
_LINE = re.compile(r"^(?P<path>.*?)(?::(?P<line>\d+))?$")


def start_dyad(log: Path, *args: str) -> subprocess.Popen[bytes]:
    """`python -m dyad ARGS` with stdout to `log`.out and stderr to `log`.err."""
    with Path(f"{log}.out").open("wb") as out, Path(f"{log}.err").open("wb") as err:
        return subprocess.Popen([sys.executable, "-m", "dyad", *args], stdout=out, stderr=err,
                                cwd=Path(__file__).resolve().parents[2])


def finish_dyad(proc: subprocess.Popen[bytes], log: Path) -> tuple[int, str, str]:
    """Exit code, stdout and stderr of a `start_dyad` process."""
    try:
        proc.wait(timeout=RUN_TIMEOUT)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
    return (proc.returncode, Path(f"{log}.out").read_text("utf-8"),
            Path(f"{log}.err").read_text("utf-8", errors="replace"))


@dataclass
class Run:
    """What one command made of the corpus: results per case, in input order."""

    by_case: dict[str, list[dict[str, Any]]]
    stderr: str
    returncode: int


def _place(root: Path, location: str) -> tuple[str, tuple[tuple[str, ...], int]]:
    """(case name, sort key) of an origin/location such as '<root>/case/a.jsonl:3'."""
    m = _LINE.match(location)
    assert m, location
    rel = Path(m.group("path")).relative_to(root)
    return rel.parts[0], (rel.parts[1:], int(m.group("line") or 0))


def _group(root: Path, results: list[tuple[str, dict[str, Any]]]) -> dict[str, list[dict[str, Any]]]:
    keyed: dict[str, list[tuple[Any, dict[str, Any]]]] = {}
    for location, result in results:
        case, key = _place(root, location)
        keyed.setdefault(case, []).append((key, result))
    return {case: [r for _, r in sorted(items, key=lambda x: x[0])] for case, items in keyed.items()}


def _command_paths(root: Path) -> list[str]:
    extra = [str(root / c.name / p) for c in CASES for p in c.extra_paths]
    return [str(root), *extra]


@pytest.fixture(scope="session")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("bad_inputs")
    for case in CASES:
        case.write(root)
    return root


def span_errors(text: str, obj: Any, where: str = "") -> list[str]:
    """Every {text, start, end} inside `obj` that is not `text[start:end]`."""
    found: list[str] = []
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
            s, e = obj["start"], obj["end"]
            if not (0 <= s <= e <= len(text)) or text[s:e] != obj["text"]:
                found.append(f"{where}: [{s}:{e}] {obj['text']!r}")
        for key, value in obj.items():
            if key != "article":
                found.extend(span_errors(text, value, f"{where}.{key}"))
    elif isinstance(obj, list):
        for i, value in enumerate(obj):
            found.extend(span_errors(text, value, f"{where}[{i}]"))
    return found


def _summary(obj: dict[str, Any]) -> dict[str, Any]:
    art = obj["article"]
    return {"article": True, "id": art["id"], "text": art["text"], "published": art["published"],
            "origin": art["origin"], "n_actors": len(obj["actors"]), "n_events": len(obj["events"]),
            "n_mentions": sum(len(a["mentions"]) for a in obj["actors"]),
            "span_errors": span_errors(art["text"], obj)}


@pytest.fixture(scope="session")
def started(corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """`dyad extract` and `dyad ingest` over the corpus, started together (one per core)."""
    folder = tmp_path_factory.mktemp("runs")
    runs: dict[str, Any] = {"folder": folder}
    runs["extract"] = start_dyad(folder / "extract", "extract", *_command_paths(corpus),
                                 "--format", "jsonl", "--with-text", "--errors",
                                 str(folder / "errors.jsonl"), "--processes", "1")
    if cli_has("ingest"):
        runs["ingest"] = start_dyad(folder / "ingest", "ingest", *_command_paths(corpus),
                                    "--db", str(folder / "store.duckdb"), "--processes", "1")
    return runs


@pytest.fixture(scope="session")
def extract_run(corpus: Path, started: dict[str, Any]) -> Run:
    folder = started["folder"]
    code, stdout, stderr = finish_dyad(started["extract"], folder / "extract")
    results = []
    for line in stdout.splitlines():
        obj = json.loads(line)
        results.append((obj["article"]["origin"], _summary(obj)))
    for line in (folder / "errors.jsonl").read_text("utf-8").splitlines():
        rej = json.loads(line)
        results.append((rej["location"], rej))
    return Run(_group(corpus, results), stderr, code)


@pytest.fixture(scope="session")
def ingest_run(corpus: Path, started: dict[str, Any]) -> Run:
    if "ingest" not in started:
        pytest.skip("`dyad ingest` is not in this dyad yet (issue 7)")
    folder = started["folder"]
    db = folder / "store.duckdb"
    code, _, stderr = finish_dyad(started["ingest"], folder / "ingest")
    results = []
    with duckdb.connect(str(db), read_only=True) as con:
        for aid, origin, text, published in con.execute(
                "SELECT id, origin, text, published FROM articles").fetchall():
            n_actors, n_mentions, n_events = con.execute(
                "SELECT (SELECT count(*) FROM actors WHERE article_id = $1), "
                "(SELECT count(*) FROM mentions WHERE article_id = $1), "
                "(SELECT count(*) FROM events WHERE article_id = $1)", [aid]).fetchall()[0]
            results.append((origin, {"article": True, "id": aid, "text": text,
                                     "published": published, "origin": origin,
                                     "n_actors": n_actors, "n_events": n_events,
                                     "n_mentions": n_mentions,
                                     "span_errors": _store_span_errors(con, aid, text)}))
        for location, reason, record_id, kind, lang in con.execute(
                "SELECT location, reason, record_id, kind, language FROM errors").fetchall():
            results.append((location, {"location": location, "reason": reason,
                                       "record_id": record_id, "kind": kind, "language": lang}))
    return Run(_group(corpus, results), stderr, code)


def _store_span_errors(con: duckdb.DuckDBPyConnection, aid: str, text: str) -> list[str]:
    found = []
    for table, cols in (("mentions", "text, start_char, end_char"),
                        ("quotes", "text, start_char, end_char"),
                        ("dates", "text, start_char, end_char"),
                        ("events", "evidence_text, evidence_start, evidence_end"),
                        ("events", "trigger_text, trigger_start, trigger_end")):
        for piece, s, e in con.execute(f"SELECT {cols} FROM {table} WHERE article_id = ?",
                                       [aid]).fetchall():
            if not (0 <= s <= e <= len(text)) or text[s:e] != piece:
                found.append(f"{table}: [{s}:{e}] {piece!r}")
    return found


def _check_case(case: Case, run: Run, surface: str, tally: Tally) -> None:
    got = run.by_case.get(case.name, [])
    outputs = [r for r in got if "article" in r]
    wrong = [f"record {i + 1}: expected {exp}, got "
             + (json.dumps({k: v for k, v in r.items() if k != "text"}, default=str)[:300]
                if r is not None else "nothing")
             for i, (exp, r) in enumerate(zip(case.expect, got + [None] * len(case.expect), strict=False))
             if not exp.matches(r)]
    if len(got) > len(case.expect):
        wrong.append(f"{len(got) - len(case.expect)} record(s) more than the input holds")
    spans = [e for o in outputs for e in o["span_errors"]]
    check_error = None
    if not wrong and case.check is not None:
        try:
            case.check(outputs)
        except AssertionError as err:
            check_error = f"check failed: {err}"
    handled = not wrong and not spans and check_error is None
    tally.record(case.name, surface, inputs=len(case.expect), outputs=len(outputs),
                 rejected=len(got) - len(outputs), handled=handled)
    assert not wrong, f"{surface} {case.name}:\n" + "\n".join(wrong)
    assert not spans, f"{surface} {case.name}: spans that are not slices of the text: {spans[:5]}"
    assert check_error is None, f"{surface} {case.name}: {check_error}"


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reliability_extract_defined_outcome(case: Case, extract_run: Run, tally: Tally) -> None:
    _check_case(case, extract_run, "extract", tally)


@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_reliability_ingest_defined_outcome(case: Case, ingest_run: Run, tally: Tally) -> None:
    _check_case(case, ingest_run, "ingest", tally)


@pytest.mark.parametrize("fixture", ["extract_run", "ingest_run"])
def test_reliability_run_has_no_traceback_and_counts_add_up(fixture: str,
                                                            request: pytest.FixtureRequest) -> None:
    run: Run = request.getfixturevalue(fixture)
    assert "Traceback" not in run.stderr, run.stderr[-3000:]
    assert run.returncode == 0, run.stderr[-3000:]
    assert set(run.by_case) <= {c.name for c in CASES}
    total_in = sum(len(c.expect) for c in CASES)
    total_out = sum(len(v) for v in run.by_case.values())
    assert total_out == total_in


def test_reliability_extract_cases_cover_thirty_kinds() -> None:
    assert len(CASES) >= 30
    assert len({c.name for c in CASES}) == len(CASES)


class _NoNLP:
    """A pipeline stand-in that fails the test if any text reaches it."""

    def __getattr__(self, name: str) -> Any:
        raise AssertionError(f"the NLP was asked for {name!r}: a rejected text reached it")


@pytest.mark.parametrize("name", ["huge.txt", "huge.jsonl"])
def test_reliability_huge_article_rejected_fast_and_never_parsed(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    text = _big_prose(20 * MB)
    path.write_text(json.dumps({"id": "big", "text": text}) if name.endswith("jsonl") else text,
                    encoding="utf-8")
    start = time.monotonic()
    (item,) = process(read_path(path, max_chars=100_000), nlp=_NoNLP())  # type: ignore[arg-type]
    assert time.monotonic() - start < 5.0
    assert isinstance(item, Rejected) and "over the limit" in item.reason
    assert item.location.startswith(str(path)) and "--max-chars" in item.reason
