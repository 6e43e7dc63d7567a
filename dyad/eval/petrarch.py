"""Score dyad's event coding against PETRARCH validation records (XML).

Reads both layouts: the PETRARCH2 unit-test file (`<Sentence date= id= category=>` holding
`<EventCoding sourcecode= targetcode= eventcode=>`, `<Text>` and a Penn-treebank `<Parse>`)
and the UniversalPetrarch validation layout (the same elements, a CoNLL-U `<Parse>` and an
`evaluate=` attribute; `evaluate="false"` leaves a record out). Parses are ignored: dyad
parses the text itself. `score` is pure (records and `Extraction`s in, a JSON-ready report
out); `evaluate` runs the pipeline. It must not read the expected codings into dyad.

Protocol (also stated in every report):
- Each record's text is one dyad article dated by the record's `date`.
- dyad runs with the dictionaries the file's `<Environment>` names, found beside the XML,
  unless the user gives their own: `<Actorfile>`/`<Agentfile>` (the unit tests' fictional
  actors) and `<Verbfile>` (the unit tests' gold codes come from PETR.Validate.verbs.txt,
  the way PETRARCH runs them), and in dyadic mode (`symmetric_co_actors=False`): PETRARCH
  codes a joint action "A and B met" as A→B, not as both directions.
- dyad's events become codings the way PETRARCH writes them: one per (actor, recipient)
  pair, "---" for an empty side. While the file's `<Config option="require_dyad">` is true
  (PETRARCH's default), a dyad event without an actor or a recipient yields no coding.
- A gold coding matches a dyad coding when source and target agree on their first three
  characters (a dyad actor offers its country, `cameo[:3]` and, for an organisation without
  a country, IGO/NGO/IMG/MNC; a codeless or missing actor offers "---") and the event agrees
  at the level scored: the full CAMEO code, the CAMEO root (first two digits), or the PLOVER
  type (gold codes mapped through the published CAMEO2PLOVER-2021 table, most specific
  entry first, without the rows dyad adds for CAMEO 01/02).
  "event only" levels ignore source and target. Matching is one-to-one per record.
- Records with `<EventCoding noevents="True">` (or no coding at all) expect no event; any
  dyad coding there is a false positive. Records with `<EventCoding error=...>` test
  PETRARCH's input checks (bad parses, datelines, discards) and are left out, counted.
- CAMEO 01/02 (statements, appeals) and test-only codes have no PLOVER type: at PLOVER level
  those gold codings are left out, and unmatched dyad codings in their records are not
  counted as false positives.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from dyad.config import Settings
from dyad.errors import EvalError
from dyad.eval.metrics import accuracy, max_matching, prf, table
from dyad.eval.plover_gsr import actor_codes
from dyad.knowledge.cameo import PLOVER_SUPPLEMENT, PloverTable, plover_table
from dyad.types import Actor, Article, Extraction, Rejected

NULL = "---"
LEVELS: tuple[str, ...] = ("cameo", "cameo_root", "plover",
                           "event_cameo", "event_cameo_root", "event_plover")
LEVEL_NAMES = {
    "cameo": "source+target+CAMEO code", "cameo_root": "source+target+CAMEO root",
    "plover": "source+target+PLOVER type", "event_cameo": "CAMEO code only",
    "event_cameo_root": "CAMEO root only", "event_plover": "PLOVER type only",
}
PROTOCOL = (
    "the file's own actor, agent and verb dictionaries (unless given) and dyadic coding "
    "(symmetric_co_actors=False); one dyad coding per (actor, recipient) pair of each event ('---' for an empty side; "
    "none while require_dyad is on and a side is empty); a gold coding matches when "
    "source and target agree on 3 characters and the event agrees at the level (CAMEO "
    "code, root, or PLOVER type via CAMEO2PLOVER-2021); one-to-one per record; noevents "
    "records count dyad codings as false positives; error records are left out; gold "
    "codes without a PLOVER type are left out at PLOVER level."
)
_TRUE = {"true", "yes", "1"}


@dataclass(frozen=True, slots=True)
class Coding:
    """One expected or produced coding: source, target and event code as written."""

    source: str
    target: str
    event: str | None  # CAMEO code
    plover: str | None = None  # PLOVER type


@dataclass(frozen=True, slots=True)
class PetrarchRecord:
    """One validation sentence and what PETRARCH is expected to code from it."""

    id: str
    text: str
    date: str | None
    category: str
    codings: tuple[Coding, ...]
    expects_none: bool = False
    error: str | None = None
    require_dyad: bool = True


@dataclass(frozen=True, slots=True)
class PetrarchFile:
    """A parsed validation file: its records and the dictionaries its Environment names."""

    path: str
    records: tuple[PetrarchRecord, ...]
    skipped: tuple[str, ...]  # ids with evaluate="false"
    actor_files: tuple[str, ...]
    agent_files: tuple[str, ...]
    verb_files: tuple[str, ...] = ()


# ---------------------------------------------------------------- CAMEO → PLOVER


@lru_cache(maxsize=1)
def official_plover_table() -> PloverTable:
    """CAMEO2PLOVER-2021 as published, without dyad's own additions.

    `dyad.knowledge.cameo` adds rows for the CAMEO 01/02 codes the PLOVER manual drops (dyad
    codes appeals as REQUEST); gold must not be mapped with the coder's own choices, so the
    evaluator leaves those rows out.
    """
    table = plover_table()
    return PloverTable({code: row for code, row in table.rows.items()
                        if code not in PLOVER_SUPPLEMENT})


def plover_type(code: str | None, table: PloverTable | None = None) -> str | None:
    """PLOVER type of a CAMEO code by its most specific listed prefix; None if it has none."""
    if not code or not code[:1].isdigit():
        return None
    row = (table or official_plover_table()).get(code)
    return row.type if row else None


# ---------------------------------------------------------------- reading


def _clean_code(value: str | None) -> str:
    code = (value or "").strip().strip("'\"").strip()
    return code or NULL


def _iso_date(value: str | None) -> str | None:
    v = (value or "").strip()
    if re.fullmatch(r"\d{8}", v):
        return f"{v[:4]}-{v[4:6]}-{v[6:]}"
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", v):
        return v
    return None


def read_records(path: str | Path) -> PetrarchFile:
    """The validation records of a PETRARCH2 or UniversalPetrarch XML file, in file order."""
    p = Path(path)
    if not p.is_file():
        raise EvalError(f"{p} is not a file; give a PETRARCH validation XML file such as "
                        "PETR.UnitTest.records.xml")
    try:
        root = ET.parse(p).getroot()
    except ET.ParseError as err:
        line, col = err.position
        raise EvalError(f"{p}:{line}:{col}: not well-formed XML ({err}); PETRARCH validation "
                        "files are XML with <Sentence> records") from None
    env = root.find("Environment")

    def named(tag: str) -> tuple[str, ...]:
        return tuple(e.text.strip() for e in (env.findall(tag) if env is not None else [])
                     if e.text and e.text.strip())

    actor_files, agent_files, verb_files = named("Actorfile"), named("Agentfile"), named("Verbfile")
    records: list[PetrarchRecord] = []
    skipped: list[str] = []
    require_dyad = True
    for el in root.iter():
        if el.tag == "Config" and el.get("option", "").strip() == "require_dyad":
            require_dyad = el.get("value", "true").strip().lower() in _TRUE
        elif el.tag == "Sentence":
            record = _record(el, p, len(records) + len(skipped) + 1, require_dyad)
            if el.get("evaluate", "true").strip().lower() in _TRUE:
                records.append(record)
            else:
                skipped.append(record.id)
    if not records:
        raise EvalError(f"{p}: no <Sentence> records to evaluate (found {len(skipped)} with "
                        "evaluate=\"false\"); is this a PETRARCH validation file?")
    return PetrarchFile(str(p), tuple(records), tuple(skipped), actor_files, agent_files,
                        verb_files)


def _record(el: ET.Element, path: Path, n: int, require_dyad: bool) -> PetrarchRecord:
    rid = (el.get("id") or f"sentence-{n}").strip()
    text_el = el.find("Text")
    text = " ".join((text_el.text or "").split()) if text_el is not None else ""
    if not text:
        raise EvalError(f"{path}: sentence {rid} has no <Text>; every validation record needs one")
    codings: list[Coding] = []
    expects_none = (el.get("noevents") or "").strip().lower() in _TRUE
    error = None
    for c in el.findall("EventCoding"):
        if (c.get("noevents") or "").strip().lower() in _TRUE:
            expects_none = True
        elif c.get("error") is not None:
            error = c.get("error", "").strip() or "error"
        elif c.get("eventcode") is not None:
            code = _clean_code(c.get("eventcode"))
            codings.append(Coding(_clean_code(c.get("sourcecode")), _clean_code(c.get("targetcode")),
                                  code, plover_type(code)))
    return PetrarchRecord(
        id=rid, text=text, date=_iso_date(el.get("date")),
        category=(el.get("category") or "").strip() or "-", codings=tuple(codings),
        expects_none=expects_none or (not codings and error is None), error=error,
        require_dyad=require_dyad,
    )


# ---------------------------------------------------------------- predictions


def actor_code(actor: Actor | None) -> str:
    """The code a dyad actor is written with in a coding: its CAMEO code, else its country."""
    if actor is None:
        return NULL
    return actor.cameo or actor.country or ("IGO" if actor.kind == "organization" else NULL)


def codings(result: Extraction | Rejected | None, require_dyad: bool = True) -> list[Coding]:
    """dyad's events for one record as PETRARCH-style codings (see the protocol)."""
    return [coding for coding, _, _ in predicted_codings(result, require_dyad)]


# ---------------------------------------------------------------- scoring


def _event_key(c: Coding, level: str) -> str | None:
    if level.endswith("plover"):
        return c.plover
    if c.event is None:
        return None
    return c.event[:2] if level.endswith("root") else c.event.upper()


def predicted_codings(result: Extraction | Rejected | None, require_dyad: bool
                 ) -> list[tuple[Coding, frozenset[str], frozenset[str]]]:
    """dyad's codings with the 3-letter codes each side can match."""
    if not isinstance(result, Extraction):
        return []
    actors = {a.id: a for a in result.actors}

    def offers(key: str | None) -> frozenset[str]:
        codes = actor_codes(actors.get(key)) if key else frozenset()
        return codes or frozenset({NULL})

    out = []
    for event in result.events:
        if require_dyad and (not event.actor or not event.recipient):
            continue
        for src in event.actor or [None]:
            for tgt in event.recipient or [None]:
                coding = Coding(actor_code(actors.get(src) if src else None),
                                actor_code(actors.get(tgt) if tgt else None),
                                event.cameo, event.type)
                out.append((coding, offers(src), offers(tgt)))
    return out


def match_record(gold: Sequence[Coding], predicted: Sequence[tuple[Coding, frozenset[str], frozenset[str]]],
                 level: str) -> list[tuple[int, int]]:
    """One-to-one (gold index, predicted index) matches of a record at one level."""
    with_actors = not level.startswith("event_")

    def ok(i: int, j: int) -> bool:
        g, (p, src, tgt) = gold[i], predicted[j]
        key = _event_key(g, level)
        if key is None or key != _event_key(p, level):
            return False
        return not with_actors or (g.source[:3].upper() in src and g.target[:3].upper() in tgt)

    return max_matching(len(gold), len(predicted), ok)


def score(records: Sequence[PetrarchRecord],
          results: Mapping[str, Extraction | Rejected]) -> dict[str, Any]:
    """The report for dyad's results (keyed by record id) against the validation records."""
    counts = {level: Counter[str]() for level in LEVELS}
    categories: dict[str, Counter[str]] = {}
    items = []
    n_errors = n_rejected = n_none = n_none_ok = n_all_ok = n_scored = 0
    unmapped = 0
    for rec in records:
        if rec.error is not None:
            n_errors += 1
            continue
        n_scored += 1
        result = results.get(rec.id)
        n_rejected += isinstance(result, Rejected)
        preds = predicted_codings(result, rec.require_dyad)
        has_unmapped = any(c.plover is None for c in rec.codings)
        unmapped += sum(c.plover is None for c in rec.codings)
        matched: dict[str, list[tuple[int, int]]] = {}
        for level in LEVELS:
            if level.endswith("plover"):
                gold = [c for c in rec.codings if c.plover is not None]
            else:
                gold = list(rec.codings)
            pairs = match_record(gold, preds, level)
            matched[level] = pairs
            c = counts[level]
            c["tp"] += len(pairs)
            c["fn"] += len(gold) - len(pairs)
            if not (level.endswith("plover") and has_unmapped):
                c["fp"] += len(preds) - len(pairs)
        cat = categories.setdefault(rec.category, Counter())
        cat["records"] += 1
        cat["gold"] += len(rec.codings)
        cat["matched_cameo"] += len(matched["cameo"])
        cat["gold_plover"] += sum(c.plover is not None for c in rec.codings)
        cat["matched_plover"] += len(matched["plover"])
        if rec.expects_none:
            n_none += 1
            n_none_ok += not preds
        all_ok = len(matched["cameo"]) == len(rec.codings) == len(preds)
        n_all_ok += all_ok
        items.append({
            "id": rec.id, "category": rec.category, "expects_none": rec.expects_none,
            "gold": [_coding_str(c) for c in rec.codings],
            "predicted": [_coding_str(p) for p, _, _ in preds],
            "matched_cameo": len(matched["cameo"]), "matched_plover": len(matched["plover"]),
            "record_correct": all_ok,
            "rejected": result.reason if isinstance(result, Rejected) else None,
        })
    levels = {level: prf(c["tp"], c["fp"], c["fn"]) for level, c in counts.items()}
    return {
        "task": "events", "format": "petrarch", "protocol": PROTOCOL,
        "records": n_scored, "error_records_left_out": n_errors, "rejected": n_rejected,
        "gold_codings": sum(len(r.codings) for r in records if r.error is None),
        "gold_codings_without_plover_type": unmapped,
        "levels": levels,
        "plover_coding_recall": levels["plover"]["recall"],
        "noevent_records": n_none, "noevent_accuracy": accuracy(n_none_ok, n_none),
        "records_fully_correct": accuracy(n_all_ok, n_scored),
        "per_category": {
            cat: {"records": c["records"], "gold_codings": c["gold"],
                  "cameo_recall": accuracy(c["matched_cameo"], c["gold"]),
                  "plover_recall": accuracy(c["matched_plover"], c["gold_plover"])}
            for cat, c in sorted(categories.items())
        },
        "items": items,
    }


def _coding_str(c: Coding) -> str:
    return f"{c.source} {c.target} {c.event or '-'} ({c.plover or '-'})"


# ---------------------------------------------------------------- running


def dictionaries_for(parsed: PetrarchFile, settings: Settings) -> tuple[Settings, dict[str, Any]]:
    """Settings with the file's TABARI dictionaries unless the user gave their own.

    A file's `<Environment>` names its dictionaries (PETR.Validate.* for the unit tests);
    they are looked up beside the XML, falling back to PETR.Validate.actors.txt/agents.txt.
    The verb dictionary is the file's `<Verbfile>` (the first one, if several) when it is
    beside the XML; without one dyad codes with its own lexicon.
    """
    here = Path(parsed.path).parent
    note: dict[str, Any] = {}
    updates: dict[str, Any] = {}
    for kind, given, named, fallback in (
        ("actor", settings.actor_dictionaries, parsed.actor_files, "PETR.Validate.actors.txt"),
        ("agent", settings.agent_dictionaries, parsed.agent_files, "PETR.Validate.agents.txt"),
    ):
        if given:
            note[kind + "s"] = {"files": list(given), "source": f"--{kind}s"}
            continue
        found = tuple(str(here / n) for n in (named or (fallback,)) if (here / n).is_file())
        if found:
            updates[kind + "_dictionaries"] = found
            note[kind + "s"] = {"files": list(found), "source": "found beside the XML"}
        else:
            note[kind + "s"] = {"files": [], "source": "none given or found"}
    if settings.verb_dictionary:
        note["verbs"] = {"files": [settings.verb_dictionary], "source": "--verbs"}
    else:
        found_verbs = [str(here / n) for n in parsed.verb_files if (here / n).is_file()][:1]
        if found_verbs:
            updates["verb_dictionary"] = found_verbs[0]
        note["verbs"] = {"files": found_verbs,
                         "source": "found beside the XML" if found_verbs
                         else "none given or found (dyad's event lexicon)"}
    return settings.with_overrides(**updates), note


def evaluate(path: str | Path, settings: Settings | None = None,
             limit: int | None = None) -> dict[str, Any]:
    """Run dyad on every validation record and score it (see the module protocol)."""
    from dyad.eval.cli_support import measured_now, run_articles, settings_summary

    parsed = read_records(path)
    settings, dict_note = dictionaries_for(parsed, settings or Settings())
    settings = settings.with_overrides(symmetric_co_actors=False)  # PETRARCH codes dyads
    records = list(parsed.records[:limit] if limit is not None else parsed.records)
    articles = [Article(id=r.id, text=r.text, published=r.date, language="en",
                        origin=f"{path}#{r.id}") for r in records if r.error is None]
    report = score(records, run_articles(articles, settings))
    return {"file": str(path), "measured": measured_now(), "settings": settings_summary(settings),
            "dictionaries": dict_note, "skipped_evaluate_false": list(parsed.skipped), **report}


def render(report: Mapping[str, Any]) -> str:
    """The report as plain-text tables."""
    dicts = report.get("dictionaries") or {}
    dict_lines = [f"{kind}: {', '.join(Path(f).name for f in d['files']) or '-'} ({d['source']})"
                  for kind, d in dicts.items()]
    lines = [
        (f"PETRARCH validation events: {report.get('file', '')}  "
        f"(measured {report.get('measured', '-')})"),
        f"protocol: {report['protocol']}",
        *[f"dictionaries: {d}" for d in dict_lines],
        (f"records: {report['records']}  (error records left out: "
        f"{report['error_records_left_out']}; rejected by the pipeline: {report['rejected']})"),
        (f"gold codings: {report['gold_codings']}  (without a PLOVER type: "
        f"{report['gold_codings_without_plover_type']})"),
        "",
        table(["level", "precision", "recall", "f1", "tp", "fp", "fn"],
              [[LEVEL_NAMES[lv], m["precision"], m["recall"], m["f1"], m["tp"], m["fp"], m["fn"]]
               for lv, m in report["levels"].items()]),
        "",
        f"expected codings matched at PLOVER level: {report['plover_coding_recall']:.3f}",
        (f"no-event records left without a coding: {report['noevent_accuracy']:.3f} "
        f"of {report['noevent_records']}"),
        f"records coded exactly (CAMEO level): {report['records_fully_correct']:.3f}",
        "",
        table(["category", "records", "gold codings", "CAMEO recall", "PLOVER recall"],
              [[cat, c["records"], c["gold_codings"], c["cameo_recall"], c["plover_recall"]]
               for cat, c in report["per_category"].items()]),
    ]
    return "\n".join(lines)
