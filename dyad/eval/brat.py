"""Score dyad's quotes against attribution annotated in brat standoff (`.txt` + `.ann`).

Gold: `T` lines of kinds Source, Cue and Content (discontinuous spans joined with `;`) and
`E` lines `Attribution:Tn Cue:Tn Source:Tn Content:Tn` tying them into one attribution.
A `.ann` file sits beside its `.txt` and may carry an annotator suffix (`story_anna.ann`
for `story.txt`); each `.ann` is scored as its own gold document, so a text annotated twice
counts twice. A Content span no `E` line refers to is an attribution without source or cue.
`score` is pure (gold documents and `Extraction`s in, a JSON-ready report out); `evaluate`
runs the pipeline once per text. It never edits the annotation.

Protocol (also stated in every report):
- Content overlap between a gold content (all its fragments) and a dyad quote's
  `start..end` = shared characters / the larger of the two lengths.
- At each threshold (0.3 and 0.8) gold and dyad quotes are paired one-to-one (maximum
  matching) where the overlap reaches the threshold; paired = true positive.
- Speaker: a pair is right when dyad's `speaker_mention` shares a character with the gold
  Source, or the speaker actor has a mention that does. Cue: dyad's `cue` shares a character
  with the gold Cue. Accuracy is given over paired quotes whose gold has a Source (Cue) and
  over every gold attribution with a Source (Cue), where an unpaired one counts as wrong.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from dyad.config import Settings
from dyad.errors import EvalError
from dyad.eval.metrics import accuracy, char_set, max_matching, overlap, prf, table
from dyad.types import Actor, Article, Extraction, Quote, Rejected

THRESHOLDS: tuple[float, ...] = (0.3, 0.8)
ROLES = ("source", "cue", "content")
PROTOCOL = (
    "content overlap = shared characters / max(len gold, len dyad); one-to-one maximum "
    "matching at each threshold; speaker right when dyad's speaker mention (or any mention of "
    "its speaker actor) shares a character with the gold Source; cue right when dyad's cue "
    "shares a character with the gold Cue."
)
Span = tuple[int, int]


@dataclass(frozen=True, slots=True)
class GoldAttribution:
    """One annotated attribution: content, source and cue as character spans."""

    id: str
    content: tuple[Span, ...]
    source: tuple[Span, ...] = ()
    cue: tuple[Span, ...] = ()


@dataclass(frozen=True, slots=True)
class BratDocument:
    """An annotated text: the `.txt`, one `.ann` and the attributions it holds."""

    id: str
    text_path: str
    ann_path: str
    text: str
    attributions: tuple[GoldAttribution, ...]
    offset_mismatches: tuple[str, ...] = ()  # T ids whose text differs from the .txt


# ---------------------------------------------------------------- reading


def _spans(field: str, where: str) -> tuple[Span, ...]:
    spans = []
    for frag in field.split(";"):
        parts = frag.split()
        if len(parts) != 2 or not all(p.isdigit() for p in parts):
            raise EvalError(f"{where}: bad brat span {frag.strip()!r}; expected 'start end' "
                            "fragments joined by ';'")
        start, end = int(parts[0]), int(parts[1])
        if end < start:
            raise EvalError(f"{where}: span {start} {end} ends before it starts")
        spans.append((start, end))
    return tuple(spans)


def parse_ann(ann: str, text: str, ann_path: str = "<ann>") -> tuple[list[GoldAttribution], list[str]]:
    """The attributions of a `.ann` file's content, and the T ids whose text mismatches."""
    kinds: dict[str, str] = {}
    spans: dict[str, tuple[Span, ...]] = {}
    events: list[tuple[str, list[tuple[str, str]]]] = []
    mismatches: list[str] = []
    for n, line in enumerate(ann.splitlines(), start=1):
        where = f"{ann_path}:{n}"
        if line.startswith("T"):
            cols = line.split("\t")
            if len(cols) < 2 or not cols[1].strip():
                raise EvalError(f"{where}: a T line needs 'Tn<TAB>Kind start end<TAB>text'")
            kind, _, span_field = cols[1].partition(" ")
            tid = cols[0].strip()
            kinds[tid] = kind
            spans[tid] = _spans(span_field, where)
            if len(cols) > 2:
                expected = " ".join(text[s:e] for s, e in spans[tid])
                if " ".join(expected.split()) != " ".join(cols[2].split()):
                    mismatches.append(tid)
        elif line.startswith("E"):
            cols = line.split("\t")
            if len(cols) < 2:
                raise EvalError(f"{where}: an E line needs 'En<TAB>Type:Tn Role:Tn ...'")
            args = []
            for arg in cols[1].split():
                role, sep, ref = arg.partition(":")
                if not sep:
                    raise EvalError(f"{where}: bad E argument {arg!r}; expected Role:Tn")
                args.append((role, ref))
            events.append((cols[0].strip(), args))
    attributions = []
    used: set[str] = set()
    for eid, args in events:
        by_role: dict[str, list[str]] = {r: [] for r in ROLES}
        for i, (role, ref) in enumerate(args):
            if ref not in kinds:
                raise EvalError(f"{ann_path}: {eid} refers to {ref}, which has no T line")
            # The first argument is the event's trigger: its role is the kind of its T line.
            name = kinds[ref] if i == 0 else re.sub(r"\d+$", "", role)
            if name.lower() in by_role:
                by_role[name.lower()].append(ref)
                used.add(ref)
        if not by_role["content"]:
            continue
        attributions.append(GoldAttribution(
            id=eid, content=_merge(spans, by_role["content"]),
            source=_merge(spans, by_role["source"]), cue=_merge(spans, by_role["cue"])))
    for tid, kind in kinds.items():
        if kind.lower() == "content" and tid not in used:
            attributions.append(GoldAttribution(id=tid, content=spans[tid]))
    return attributions, mismatches


def _merge(spans: Mapping[str, tuple[Span, ...]], refs: Sequence[str]) -> tuple[Span, ...]:
    return tuple(sorted(s for ref in refs for s in spans[ref]))


def _text_for(ann: Path) -> Path | None:
    """The `.txt` an `.ann` annotates: same stem, or the stem without `_<annotator>` parts."""
    stem = ann.stem
    while True:
        candidate = ann.with_name(stem + ".txt")
        if candidate.is_file():
            return candidate
        if "_" not in stem:
            return None
        stem = stem.rsplit("_", 1)[0]


def read_corpus(path: str | Path) -> list[BratDocument]:
    """Every annotated document under a directory (or one `.ann` file), sorted by path."""
    p = Path(path)
    if p.is_dir():
        anns = sorted(p.rglob("*.ann"))
    elif p.suffix == ".ann" and p.is_file():
        anns = [p]
    else:
        raise EvalError(f"{p} is not a directory of brat files or an .ann file; give the folder "
                        "holding the .txt and .ann files")
    if not anns:
        raise EvalError(f"{p}: no .ann files found; brat gold needs a .ann beside each .txt")
    docs = []
    for ann in anns:
        txt = _text_for(ann)
        if txt is None:
            raise EvalError(f"{ann}: no text file for it (looked for {ann.stem}.txt and the stem "
                            "without _<annotator> suffixes); put the .txt beside the .ann")
        # newline="" keeps \r\n as two characters, as brat counts offsets.
        with open(txt, encoding="utf-8", newline="") as fh:
            text = fh.read()
        attributions, mismatches = parse_ann(ann.read_text(encoding="utf-8"), text, str(ann))
        rel = ann.relative_to(p) if p.is_dir() else ann.name
        docs.append(BratDocument(id=str(Path(rel).with_suffix("")), text_path=str(txt),
                                 ann_path=str(ann), text=text,
                                 attributions=tuple(attributions),
                                 offset_mismatches=tuple(mismatches)))
    return docs


# ---------------------------------------------------------------- scoring


def _speaker_spans(quote: Quote, actors: Sequence[Actor]) -> frozenset[int]:
    spans: list[Span] = []
    if quote.speaker_mention is not None:
        spans.append((quote.speaker_mention.start, quote.speaker_mention.end))
    if quote.speaker:
        for actor in actors:
            if actor.id == quote.speaker:
                spans.extend((m.start, m.end) for m in actor.mentions)
    return char_set(spans)


def _pairs_at(overlaps: Sequence[Sequence[float]], n_pred: int, t: float) -> list[tuple[int, int]]:
    return max_matching(len(overlaps), n_pred, lambda i, j: overlaps[i][j] >= t)


def score(docs: Sequence[BratDocument],
          results: Mapping[str, Extraction | Rejected]) -> dict[str, Any]:
    """The report for dyad's results (keyed by text path) against the gold documents."""
    counts = {t: Counter[str]() for t in THRESHOLDS}
    items = []
    n_rejected = n_gold = n_pred = n_source = n_cue = 0
    for doc in docs:
        result = results.get(doc.text_path)
        n_rejected += isinstance(result, Rejected)
        quotes = list(result.quotes) if isinstance(result, Extraction) else []
        actors = result.actors if isinstance(result, Extraction) else ()
        gold = doc.attributions
        n_gold += len(gold)
        n_pred += len(quotes)
        n_source += sum(bool(g.source) for g in gold)
        n_cue += sum(bool(g.cue) for g in gold)
        p_chars = [char_set([(q.start, q.end)]) for q in quotes]
        overlaps = [[overlap(char_set(g.content), p) for p in p_chars] for g in gold]
        row: dict[str, Any] = {"id": doc.id, "gold": len(gold), "predicted": len(quotes),
                               "offset_mismatches": list(doc.offset_mismatches)}
        for t in THRESHOLDS:
            pairs = _pairs_at(overlaps, len(quotes), t)
            c = counts[t]
            c["tp"] += len(pairs)
            c["fp"] += len(quotes) - len(pairs)
            c["fn"] += len(gold) - len(pairs)
            for i, j in pairs:
                g, q = gold[i], quotes[j]
                if g.source:
                    c["with_source"] += 1
                    c["speaker_ok"] += bool(char_set(g.source) & _speaker_spans(q, actors))
                if g.cue:
                    c["with_cue"] += 1
                    c["cue_ok"] += bool(q.cue is not None and
                                        char_set(g.cue) & char_set([(q.cue.start, q.cue.end)]))
            row[f"matched@{t}"] = len(pairs)
        items.append(row)
    by_threshold = {}
    for t, c in counts.items():
        by_threshold[str(t)] = {
            "content": prf(c["tp"], c["fp"], c["fn"]),
            "speaker_accuracy": accuracy(c["speaker_ok"], c["with_source"]),
            "speaker_accuracy_all": accuracy(c["speaker_ok"], n_source),
            "cue_accuracy": accuracy(c["cue_ok"], c["with_cue"]),
            "cue_accuracy_all": accuracy(c["cue_ok"], n_cue),
            "matched_with_source": c["with_source"], "matched_with_cue": c["with_cue"],
        }
    return {
        "task": "quotes", "format": "brat", "protocol": PROTOCOL,
        "documents": len(docs), "rejected": n_rejected, "gold_attributions": n_gold,
        "gold_with_source": n_source, "gold_with_cue": n_cue, "predicted_quotes": n_pred,
        "thresholds": by_threshold,
        "offset_mismatches": sum(len(d.offset_mismatches) for d in docs),
        "items": items,
    }


# ---------------------------------------------------------------- running


def evaluate(path: str | Path, settings: Settings | None = None, limit: int | None = None,
             published: str | None = None) -> dict[str, Any]:
    """Run dyad once per annotated text and score its quotes (see the module protocol)."""
    from dyad.eval.cli_support import measured_now, run_articles, settings_summary

    docs = read_corpus(path)
    if limit is not None:
        docs = docs[:limit]
    texts = {d.text_path: d.text for d in docs}
    articles = [Article(id=tp, text=text, published=published, language="en", origin=tp)
                for tp, text in texts.items()]
    report = score(docs, run_articles(articles, settings))
    return {"path": str(path), "measured": measured_now(), "settings": settings_summary(settings),
            "texts": len(texts), **report}


def render(report: Mapping[str, Any]) -> str:
    """The report as plain-text tables."""
    rows = []
    for t, m in report["thresholds"].items():
        c = m["content"]
        rows.append([t, c["precision"], c["recall"], c["f1"], m["speaker_accuracy"],
                     m["speaker_accuracy_all"], m["cue_accuracy"], m["cue_accuracy_all"]])
    lines = [
        (f"brat attribution quotes: {report.get('path', '')}  "
        f"(measured {report.get('measured', '-')})"),
        f"protocol: {report['protocol']}",
        (f"documents: {report['documents']}  gold attributions: {report['gold_attributions']} "
        f"(with source {report['gold_with_source']}, with cue {report['gold_with_cue']})  "
        f"dyad quotes: {report['predicted_quotes']}  rejected: {report['rejected']}"),
        "",
        table(["overlap", "precision", "recall", "f1", "speaker (matched)", "speaker (all)",
               "cue (matched)", "cue (all)"], rows),
    ]
    if report.get("offset_mismatches"):
        lines += ["", (f"warning: {report['offset_mismatches']} T line(s) whose text does not "
                      "match the .txt at their offsets (see items[].offset_mismatches in --json)")]
    return "\n".join(lines)
