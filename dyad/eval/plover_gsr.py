"""Score dyad's event coding against the PLOVER gold-standard records (GSR, JSON).

The GSR files hold one coded event per sentence, built from CAMEO manual examples, with
labels from PLOVER v0.5b1. This module reads them, maps the labels to PLOVER 2.0
(DEMAND→REQUEST, DISAPPROVE→ACCUSE with mode disapprove, INVESTIGATE→ACCUSE with mode
investigate, FIGHT→ASSAULT), runs each sentence through dyad as its own article and scores
the result with the sentence-level protocol below. `score` is pure (gold records and
`Extraction`s in, a JSON-ready report out), so tests feed it hand-made predictions; only
`evaluate` runs the pipeline. It must not tune anything: it reads gold, never writes it.

Protocol (sentence level; also stated in every report):
- Gold: one event per sentence (the file's DOCUMENT records are skipped).
- Prediction: dyad's top event of the sentence — an `asserted` event before any other
  status, then the highest `confidence`, then the earliest trigger. A sentence where dyad
  finds no event is a miss (a false negative for the gold type, no false positive).
- Types: per-type precision/recall/F1 over sentences; micro F1 pools the counts (with one
  gold event per sentence, micro precision = correct / sentences with a prediction and
  micro recall = correct / sentences); macro F1 is the mean F1 over the types that occur in
  gold or predictions. The confusion matrix has gold types as rows, predictions as columns.
- Actors: gold CAMEO codes are compared by their first three letters with each predicted
  actor's codes: its `country` (ISO 3166 alpha-3), the first three letters of its `cameo`
  code, and — for an organisation without a country — the international codes
  IGO, NGO, IMG and MNC (so `IGO` matches any international organisation). The actor (or
  recipient) side is correct when every gold code is matched by a predicted actor and every
  predicted actor matches a gold code (compound actors both ways; an empty gold side needs
  an empty prediction); "any" accuracy only asks for one shared code. Accuracy is reported
  over all gold sentences (a sentence without a predicted event counts as wrong) and over
  the sentences whose type matched. "participants" compares actor and recipient together
  regardless of direction (the GSR codes "A and B agreed" as a compound actor, where dyad
  may code the symmetric event as A → B).
- Gold codes that are neither ISO 3166 alpha-3 nor international (e.g. JAP for JPN) are
  listed in the report's notes; they are scored as written.
- Halves: besides all sentences, the report scores two fixed halves by the CRC-32 of the
  record id — even = "tune", the half dyad's rules were developed on, odd = "heldout", never
  inspected. The held-out figures are the ones that say how the rules generalise.
- Intervals: micro F1 and actor accuracy carry a 95 % percentile bootstrap interval
  (sentences resampled, 2,000 draws, fixed seed): a half of the dev file is about a hundred
  sentences, so a figure moves by several points with the sample alone.
"""

from __future__ import annotations

import json
import re
import zlib
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.config import Settings
from dyad.errors import EvalError
from dyad.eval.metrics import HALVES, accuracy, bootstrap_intervals, f1_from_counts, macro_f1, prf, table
from dyad.types import PLOVER_TYPES, Actor, Article, Event, Extraction, Rejected

# PLOVER v0.5b1 labels that changed in PLOVER 2.0: old label → (new type, mode).
V05_LABELS: dict[str, tuple[str, str | None]] = {
    "DEMAND": ("REQUEST", None),
    "DISAPPROVE": ("ACCUSE", "disapprove"),
    "INVESTIGATE": ("ACCUSE", "investigate"),
    "FIGHT": ("ASSAULT", None),
}
# CAMEO actor codes for actors that belong to no one country.
INTERNATIONAL_CODES: frozenset[str] = frozenset({"IGO", "NGO", "IMG", "MNC"})
DUMMY_PUBLISHED = "2000-01-01"
NONE_LABEL = "(none)"
PROTOCOL = (
    "sentence level: one gold event per sentence; dyad's top event per sentence is the "
    "asserted one first, then highest confidence, then earliest trigger; no event = a miss. "
    "Actors by country/organisation: first 3 letters of gold CAMEO codes vs predicted "
    "country, cameo[:3], and IGO/NGO/IMG/MNC for organisations without a country; a side "
    "is correct when gold and predicted code sets match both ways."
)
_CODE = re.compile(r"^[A-Z][A-Z-]{2}")


@dataclass(frozen=True, slots=True)
class GoldSentence:
    """One GSR record: a sentence and its single coded event, in PLOVER 2.0 terms."""

    id: str
    text: str
    type: str
    label: str  # the label as written in the file (PLOVER v0.5b1)
    mode: str | None
    actor: tuple[str, ...]  # 3-letter CAMEO codes
    recipient: tuple[str, ...]
    date: str = DUMMY_PUBLISHED


@dataclass(frozen=True, slots=True)
class Predicted:
    """dyad's top event for a sentence, with each side's actors reduced to match codes."""

    type: str | None
    status: str | None
    actor: tuple[frozenset[str], ...]
    recipient: tuple[frozenset[str], ...]
    types_found: tuple[str, ...]  # types of every event dyad found in the sentence


# ---------------------------------------------------------------- reading


def _load_json_records(path: Path) -> list[Any]:
    text = path.read_text(encoding="utf-8")
    try:
        data = json.loads(text)
    except json.JSONDecodeError:
        data = []
        for n, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                data.append(json.loads(line))
            except json.JSONDecodeError as err:
                raise EvalError(f"{path}:{n}: not PLOVER GSR JSON (a JSON list or JSON lines "
                                f"of records): {err.msg}") from None
    if isinstance(data, dict):
        data = [data]
    if not isinstance(data, list):
        raise EvalError(f"{path}: expected a JSON list of PLOVER records, got "
                        f"{type(data).__name__}")
    return data


def _codes(value: Any, where: str, malformed: list[str]) -> tuple[str, ...]:
    """3-letter codes from a GSR source/target field (a list of {code: ...} or a string)."""
    items = value if isinstance(value, list) else [value]
    codes = []
    for item in items:
        raw = item.get("code") if isinstance(item, dict) else item
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            continue
        code = str(raw).strip().strip("'\"")
        if not _CODE.match(code):
            malformed.append(f"{where}: {raw!r}")
            continue
        codes.append(code[:3])
    return tuple(codes)


def map_label(label: str, mode: str | None = None) -> tuple[str, str | None]:
    """(PLOVER 2.0 type, mode) for a GSR label; raises EvalError for an unknown label."""
    upper = label.strip().upper()
    if upper in V05_LABELS:
        new, new_mode = V05_LABELS[upper]
        return new, new_mode or mode
    if upper in PLOVER_TYPES:
        return upper, mode
    raise EvalError(f"unknown PLOVER label {label!r}; valid: {', '.join(PLOVER_TYPES)} and the "
                    f"v0.5b1 labels {', '.join(V05_LABELS)}")


def read_gold(path: str | Path) -> tuple[list[GoldSentence], dict[str, Any]]:
    """The gold sentences of a GSR file and reading notes (skipped records, malformed codes)."""
    p = Path(path)
    if not p.is_file():
        raise EvalError(f"{p} is not a file; give a PLOVER GSR JSON file such as "
                        "PLOVER_GSR_dev.json")
    gold: list[GoldSentence] = []
    skipped: list[str] = []
    malformed: list[str] = []
    for n, rec in enumerate(_load_json_records(p), start=1):
        if not isinstance(rec, dict):
            raise EvalError(f"{p}: record {n} is a {type(rec).__name__}, not a JSON object")
        rid = str(rec.get("id") or f"record-{n}")
        label = str(rec.get("event") or "")
        if label.upper() == "DOCUMENT":
            skipped.append(rid)
            continue
        text = rec.get("text")
        if not label or not isinstance(text, str) or not text.strip():
            raise EvalError(f"{p}: record {rid} lacks an 'event' label or a 'text'; every "
                            "non-DOCUMENT GSR record needs both")
        try:
            type_, mode = map_label(label, rec.get("mode") or None)
        except EvalError as err:
            raise EvalError(f"{p}: record {rid}: {err}") from None
        gold.append(GoldSentence(
            id=rid, text=text, type=type_, label=label, mode=mode,
            actor=_codes(rec.get("source"), f"{rid} source", malformed),
            recipient=_codes(rec.get("target"), f"{rid} target", malformed),
            date=str(rec.get("date") or DUMMY_PUBLISHED),
        ))
    if not gold:
        raise EvalError(f"{p}: no gold event records (only {len(skipped)} DOCUMENT records)")
    return gold, {"skipped_records": skipped, "malformed_codes": malformed,
                  "non_iso_codes": non_iso_codes(gold)}


def non_iso_codes(gold: Sequence[GoldSentence]) -> list[str]:
    """Gold country codes that are not ISO 3166 alpha-3 (a predicted ISO code cannot match)."""
    import pycountry

    codes = {c for g in gold for c in g.actor + g.recipient} - INTERNATIONAL_CODES
    return sorted(c for c in codes if pycountry.countries.get(alpha_3=c) is None)


# ---------------------------------------------------------------- predictions


def actor_codes(actor: Actor | None) -> frozenset[str]:
    """The 3-letter codes a predicted actor matches at country/organisation level."""
    if actor is None:
        return frozenset()
    codes = set()
    if actor.country:
        codes.add(actor.country.upper()[:3])
    if actor.cameo and not actor.cameo.startswith("---"):
        codes.add(actor.cameo.upper()[:3])
    if not actor.country and actor.kind == "organization":
        codes |= INTERNATIONAL_CODES
    return frozenset(codes)


def select_event(events: Sequence[Event]) -> Event | None:
    """The sentence's top event: asserted first, then highest confidence, then earliest."""
    if not events:
        return None
    return min(events, key=lambda e: (e.status != "asserted", -e.confidence,
                                      e.trigger.start, e.evidence.start))


def predict(result: Extraction | Rejected | None) -> Predicted:
    """The prediction the protocol scores for one sentence's dyad result."""
    if not isinstance(result, Extraction):
        return Predicted(None, None, (), (), ())
    event = select_event(result.events)
    found = tuple(e.type for e in result.events)
    if event is None:
        return Predicted(None, None, (), (), found)
    actors = {a.id: a for a in result.actors}
    return Predicted(
        type=event.type, status=event.status,
        actor=tuple(actor_codes(actors.get(k)) for k in event.actor),
        recipient=tuple(actor_codes(actors.get(k)) for k in event.recipient),
        types_found=found,
    )


# ---------------------------------------------------------------- scoring


def side_match(gold: Sequence[str], predicted: Sequence[frozenset[str]]) -> tuple[bool, bool]:
    """(exact, any) agreement of one side: gold codes vs predicted actors' code sets."""
    if not gold and not predicted:
        return True, True
    every_gold = all(any(g in p for p in predicted) for g in gold)
    every_pred = all(any(g in p for g in gold) for p in predicted)
    shared = any(g in p for g in gold for p in predicted)
    return (every_gold and every_pred), shared


def score(gold: Sequence[GoldSentence],
          results: Mapping[str, Extraction | Rejected]) -> dict[str, Any]:
    """The report for dyad's results (keyed by gold sentence id) against the gold sentences."""
    counts: dict[str, Counter[str]] = {}
    confusion: dict[str, Counter[str]] = {}
    side_counts: Counter[str] = Counter()
    statuses: Counter[str] = Counter()
    items = []
    n_any_type = n_predicted = n_rejected = 0
    for g in gold:
        result = results.get(g.id)
        n_rejected += isinstance(result, Rejected)
        pred = predict(result)
        counts.setdefault(g.type, Counter())
        type_ok = pred.type == g.type
        if pred.type is not None:
            n_predicted += 1
            counts.setdefault(pred.type, Counter())
        if type_ok:
            counts[g.type]["tp"] += 1
        else:
            counts[g.type]["fn"] += 1
            if pred.type is not None:
                counts[pred.type]["fp"] += 1
        confusion.setdefault(g.type, Counter())[pred.type or NONE_LABEL] += 1
        n_any_type += g.type in pred.types_found
        statuses[pred.status or NONE_LABEL] += 1
        has_event = pred.type is not None
        sides = {
            "actor": (g.actor, pred.actor),
            "recipient": (g.recipient, pred.recipient),
            "participants": (g.actor + g.recipient, pred.actor + pred.recipient),
        }
        ok: dict[str, bool] = {}
        for side, (gold_codes, pred_codes) in sides.items():
            exact, shared = side_match(gold_codes, pred_codes) if has_event else (False, False)
            ok[side], ok[side + "_any"] = exact, shared
        for name, right in ok.items():
            side_counts[name] += right
            side_counts[name + "_type_matched"] += right and type_ok
        actor_exact, rec_exact = ok["actor"], ok["recipient"]
        items.append({
            "id": g.id, "gold": g.type, "label": g.label, "predicted": pred.type,
            "status": pred.status, "type_correct": type_ok,
            "gold_actor": list(g.actor), "predicted_actor": [sorted(c) for c in pred.actor],
            "actor_correct": actor_exact,
            "gold_recipient": list(g.recipient),
            "predicted_recipient": [sorted(c) for c in pred.recipient],
            "recipient_correct": rec_exact,
            "events_found": list(pred.types_found),
            "rejected": result.reason if isinstance(result, Rejected) else None,
        })
    order = [t for t in PLOVER_TYPES if t in counts] + sorted(set(counts) - set(PLOVER_TYPES))
    per_type = {t: prf(counts[t]["tp"], counts[t]["fp"], counts[t]["fn"]) | {
        "support": counts[t]["tp"] + counts[t]["fn"]} for t in order}
    total = Counter[str]()
    for t in order:
        total.update(counts[t])
    n = len(gold)
    n_matched = total["tp"]
    columns = order + [NONE_LABEL]
    return {
        "task": "events", "format": "plover-gsr", "protocol": PROTOCOL,
        "sentences": n, "sentences_with_event": n_predicted, "rejected": n_rejected,
        "per_type": per_type,
        "micro": prf(total["tp"], total["fp"], total["fn"]),
        "macro_f1": macro_f1(per_type),
        "any_event_type_recall": accuracy(n_any_type, n),
        "top_event_status": dict(statuses.most_common()),
        "actor": _side_report(side_counts, "actor", n, n_matched),
        "recipient": _side_report(side_counts, "recipient", n, n_matched),
        "participants": _side_report(side_counts, "participants", n, n_matched),
        "ci95": confidence_intervals(items),
        "confusion": {"labels": columns,
                      "rows": {gt: {p: confusion[gt][p] for p in columns if confusion[gt][p]}
                               for gt in order if gt in confusion}},
        "items": items,
    }


def confidence_intervals(items: Sequence[Mapping[str, Any]]) -> dict[str, tuple[float, float]]:
    """95 % bootstrap intervals (sentences resampled) of micro F1 and actor accuracy (all):
    with one gold event per sentence, micro F1 = 2·correct / (sentences with a prediction +
    sentences)."""
    units = [(float(i["type_correct"]), float(i["predicted"] is not None), 1.0,
              float(i["actor_correct"])) for i in items]
    return bootstrap_intervals(units, {
        "micro_f1": lambda s: f1_from_counts(s[0], s[1], s[2]),
        "actor_accuracy_all": lambda s: s[3] / s[2] if s[2] else 0.0,
    })


def _side_report(counts: Counter[str], side: str, n: int, n_matched: int) -> dict[str, Any]:
    return {
        "accuracy_all": accuracy(counts[side], n),
        "accuracy_type_matched": accuracy(counts[side + "_type_matched"], n_matched),
        "any_all": accuracy(counts[side + "_any"], n),
        "any_type_matched": accuracy(counts[side + "_any_type_matched"], n_matched),
        "correct_all": counts[side], "correct_type_matched": counts[side + "_type_matched"],
        "sentences": n, "type_matched_sentences": n_matched,
    }


# ---------------------------------------------------------------- running


def evaluate(path: str | Path, settings: Settings | None = None,
             limit: int | None = None, half: str | None = None) -> dict[str, Any]:
    """Run dyad on every gold sentence of a GSR file and score it (see the module protocol);
    `half` ("tune"/"heldout") runs and scores that half only."""
    from dyad.eval.cli_support import measured_now, run_articles, settings_summary

    gold, notes = read_gold(path)
    if half is not None:
        if half not in HALVES:
            raise EvalError(f"unknown half {half!r}; use one of {', '.join(HALVES)}")
        gold = [g for g in gold if half_of(g.id) == half]
    if limit is not None:
        gold = gold[:limit]
    articles = [Article(id=g.id, text=g.text, published=_iso(g.date), language="en",
                        origin=f"{path}#{g.id}") for g in gold]
    results = run_articles(articles, settings)
    report = score(gold, results)
    halves = {} if half else {
        name: _half_summary(score([g for g in gold if half_of(g.id) == name], results))
        for name in HALVES}
    return {"file": str(path), "measured": measured_now(), "settings": settings_summary(settings),
            "half": half, **report, "halves": halves, "notes": notes}


def half_of(record_id: str) -> str:
    """The fixed half a gold record belongs to: "tune" or "heldout" (CRC-32 of its id)."""
    return HALVES[zlib.crc32(record_id.encode("utf-8")) % 2]


def _half_summary(report: Mapping[str, Any]) -> dict[str, Any]:
    return {"sentences": report["sentences"], "micro_f1": report["micro"]["f1"],
            "macro_f1": report["macro_f1"],
            "actor_accuracy_all": report["actor"]["accuracy_all"],
            "actor_accuracy_type_matched": report["actor"]["accuracy_type_matched"],
            "ci95": report["ci95"]}


def _interval(bounds: Sequence[float]) -> str:
    return f"{bounds[0]:.3f}–{bounds[1]:.3f}"


def _iso(value: str) -> str:
    return value[:10] if re.match(r"^\d{4}-\d{2}-\d{2}", value) else DUMMY_PUBLISHED


def render(report: Mapping[str, Any]) -> str:
    """The report as plain-text tables."""
    lines = [
        f"PLOVER GSR events: {report.get('file', '')}  (measured {report.get('measured', '-')})"
        + (f"  — {report['half']} half only" if report.get("half") else ""),
        f"protocol: {report['protocol']}",
        (f"sentences: {report['sentences']}  with a dyad event: {report['sentences_with_event']}"
        f"  rejected by the pipeline: {report['rejected']}"),
        "",
        table(["type", "support", "precision", "recall", "f1"],
              [[t, m["support"], m["precision"], m["recall"], m["f1"]]
               for t, m in report["per_type"].items()]),
        "",
        (f"micro  P {report['micro']['precision']:.3f}  R {report['micro']['recall']:.3f}"
         f"  F1 {report['micro']['f1']:.3f}    macro F1 {report['macro_f1']:.3f}"
         f"    gold type among any dyad event: {report['any_event_type_recall']:.3f}"),
        "status of the scored event: " + ", ".join(
            f"{k} {v}" for k, v in report.get("top_event_status", {}).items()),
        "",
        table(["side", "acc (all)", "acc (type matched)", "any (all)", "any (type matched)"],
              [[side, report[side]["accuracy_all"], report[side]["accuracy_type_matched"],
                report[side]["any_all"], report[side]["any_type_matched"]]
               for side in ("actor", "recipient", "participants")]),
        "",
    ]
    ci = report.get("ci95")
    if ci:
        lines += [f"95 % bootstrap intervals (sentences resampled): micro F1 {_interval(ci['micro_f1'])}"
                  f"  actor acc (all) {_interval(ci['actor_accuracy_all'])}", ""]
    if report.get("halves"):
        lines += [table(["half", "sentences", "micro F1", "95 % CI", "macro F1", "actor acc (all)",
                         "95 % CI", "actor acc (type matched)"],
                        [[name, h["sentences"], h["micro_f1"], _interval(h["ci95"]["micro_f1"]),
                          h["macro_f1"], h["actor_accuracy_all"],
                          _interval(h["ci95"]["actor_accuracy_all"]),
                          h["actor_accuracy_type_matched"]]
                         for name, h in report["halves"].items()]),
                  "tune = the half (CRC-32 of the id even) the rules were developed on; "
                  "heldout = the other half, never inspected", ""]
    lines.append("confusion (rows gold, columns dyad's top event):")
    labels = report["confusion"]["labels"]
    short = [lab[:4] if lab != NONE_LABEL else "none" for lab in labels]
    rows = [[gt[:4]] + [report["confusion"]["rows"][gt].get(p, "") or "." for p in labels]
            for gt in report["confusion"]["rows"]]
    lines.append(table(["gold"] + short, rows))
    notes = report.get("notes") or {}
    if notes.get("malformed_codes"):
        lines += ["", f"malformed gold actor codes ignored: {'; '.join(notes['malformed_codes'])}"]
    if notes.get("non_iso_codes"):
        lines += [f"gold codes that are not ISO 3166 alpha-3 (scored as written): "
                  f"{', '.join(notes['non_iso_codes'])}"]
    return "\n".join(lines)
