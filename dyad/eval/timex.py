"""Score dyad's time expressions against TimeML (`.tml`) or MEANTIME gold, TempEval-3 style.

Readers turn each gold file into a `GoldDoc` (text, creation time, gold TIMEX3 spans as
character offsets). The scorer runs the model's parser/NER plus `dyad_date_tagger` only
(no actors, events or quotes, so a bug elsewhere cannot move the time figures) with the
creation time as `doc._.dyad_published`, and reports:

* strict and relaxed span precision/recall/F1 (relaxed = any character overlap; gold and
  system spans are paired one-to-one, longest overlap first);
* type and value accuracy over the relaxed matches;
* value F1 as in TempEval-3: relaxed-match F1 weighted by value correctness
  (value P = relaxed matches with the right value / system spans, R likewise over gold),
  with a 95 % percentile bootstrap interval (documents resampled, 2,000 draws, fixed seed).

The document creation time (DCT) is **not scored**, as in TempEval-3: it is metadata, not a
finding. In MEANTIME the DCT is also anchored to the dateline tokens inside the text, so a
system expression overlapping the DCT span is dropped too. MEANTIME annotates only the first six sentences of each article
(title, dateline, four body sentences): system expressions after the last annotated sentence
are not scored. MEANTIME TIMEX3s without token
anchors (empty begin/end points of durations) have no text and are not scored either.

MEANTIME text is rebuilt from its tokens: tokens are joined by one space, except no space
before closing punctuation (. , ; : ! ? % ) ] } and the clitics 's n't 're 've 'll 'd 'm) and
none after opening brackets; sentences are joined by a space, or by a newline when the previous
sentence does not end in . ! ? or a closing quote (the title and the dateline stand on lines
of their own, as in the article). MEANTIME is a development set: the report carries the whole
corpus and its two halves (documents sorted by name; even positions = "tune", the half the
rules were developed against; odd positions = "heldout", looked at only for the final figure).

Must not: import the full dyad pipeline or write anywhere; it reads the gold and scores.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from dyad.config import Settings
from dyad.errors import ConfigError, EvalError
from dyad.eval.metrics import HALVES, accuracy, bootstrap_intervals, f1_from_counts, prf, table

FORMATS = ("timeml", "meantime")
_NO_SPACE_BEFORE = re.compile(r"^(?:[.,;:!?%)\]}]+|'s|'S|n't|'re|'ve|'ll|'d|'m)$")
_NO_SPACE_AFTER = {"(", "[", "{", "$"}
_SENTENCE_END = (".", "!", "?", '"', "'", "”", "’")


@dataclass(frozen=True)
class GoldTimex:
    """One gold TIMEX3 with character offsets into `GoldDoc.text`."""

    start: int
    end: int
    type: str
    value: str


@dataclass
class GoldDoc:
    """One gold document: text, creation time, and its scored time expressions."""

    name: str
    text: str
    dct: str | None
    timexes: list[GoldTimex] = field(default_factory=list)
    dct_span: tuple[int, int] | None = None  # where the DCT is anchored in the text, if it is
    scored_end: int | None = None  # text after this offset was not annotated: not scored


# ------------------------------------------------------------------ readers


def _xml_root(path: str | Path, what: str, hint: str) -> ET.Element:
    """The root element of the XML file `path`, or an EvalError naming the file and `hint`."""
    try:
        return ET.parse(path).getroot()
    except (ET.ParseError, OSError) as err:
        raise EvalError(f"{path}: not a readable {what} file ({err}); {hint}") from None


def read_meantime(path: str | Path) -> GoldDoc:
    """A MEANTIME token-level XML file as a GoldDoc (see the module docstring for the spacing)."""
    root = _xml_root(path, "MEANTIME XML", "pass MEANTIME intra-doc_annotation XML or use "
                     "--format timeml")
    tokens = root.findall("token")
    if not tokens:
        raise EvalError(f"{path}: no <token> elements; this is not MEANTIME XML")
    parts: list[str] = []
    offsets: dict[str, tuple[int, int]] = {}
    pos = 0
    prev_sentence: str | None = None
    prev_text = ""
    for tok in tokens:
        text = tok.text or ""
        sentence = tok.get("sentence")
        if parts:
            if sentence != prev_sentence:
                sep = " " if prev_text.endswith(_SENTENCE_END) else "\n"
            elif _NO_SPACE_BEFORE.match(text) or prev_text in _NO_SPACE_AFTER:
                sep = ""
            else:
                sep = " "
            parts.append(sep)
            pos += len(sep)
        offsets[tok.get("t_id", "")] = (pos, pos + len(text))
        parts.append(text)
        pos += len(text)
        prev_sentence, prev_text = sentence, text
    doc = GoldDoc(name=Path(path).stem, text="".join(parts), dct=None)
    # MEANTIME annotates only the first sentences of each article (title, dateline and the
    # first four body sentences); system expressions after the last annotated sentence are
    # not scored, or every correct find there would count as spurious.
    sentence_of = {t.get("t_id", ""): t.get("sentence", "") for t in tokens}
    annotated = {sentence_of.get(a.get("t_id", ""), "") for a in root.iter("token_anchor")}
    last = max((int(x) for x in annotated if x.isdigit()), default=None)
    if last is not None:
        doc.scored_end = max(offsets[t.get("t_id", "")][1] for t in tokens
                             if int(t.get("sentence", "0")) <= last)
    for tx in root.iter("TIMEX3"):
        anchors = [offsets[a.get("t_id", "")] for a in tx.findall("token_anchor")
                   if a.get("t_id", "") in offsets]
        span = (min(a[0] for a in anchors), max(a[1] for a in anchors)) if anchors else None
        if tx.get("functionInDocument") == "CREATION_TIME":
            doc.dct = tx.get("value")
            doc.dct_span = span
        elif span is not None:
            doc.timexes.append(GoldTimex(span[0], span[1], tx.get("type", ""), tx.get("value", "")))
    return doc


def read_timeml(path: str | Path) -> GoldDoc:
    """A TimeML `.tml` file as a GoldDoc: the text of <TEXT> and its inline TIMEX3 tags."""
    root = _xml_root(path, "TimeML", "TimeML is XML with a <TEXT> element holding inline "
                     "<TIMEX3> tags")
    dct = None
    for tx in root.iter("TIMEX3"):
        if tx.get("functionInDocument") == "CREATION_TIME":
            dct = tx.get("value")
            break
    text_el = root.find(".//TEXT")
    if text_el is None:
        raise EvalError(f"{path}: no <TEXT> element; TimeML documents keep their text in <TEXT>")
    parts: list[str] = []
    timexes: list[GoldTimex] = []

    def walk(el: ET.Element, pos: int) -> int:
        if el.text:
            parts.append(el.text)
            pos += len(el.text)
        for child in el:
            start = pos
            pos = walk(child, pos)
            if child.tag == "TIMEX3" and child.get("functionInDocument") != "CREATION_TIME":
                timexes.append(GoldTimex(start, pos, child.get("type", ""), child.get("value", "")))
            if child.tail:
                parts.append(child.tail)
                pos += len(child.tail)
        return pos

    walk(text_el, 0)
    return GoldDoc(name=Path(path).stem, text="".join(parts), dct=dct, timexes=timexes)


def read_gold(path: str | Path, fmt: str = "timeml") -> list[GoldDoc]:
    """Every gold document under `path` (a file or a directory searched recursively)."""
    if fmt not in FORMATS:
        raise EvalError(f"unknown time gold format {fmt!r}; valid: {', '.join(FORMATS)}")
    p = Path(path)
    if not p.exists():
        raise EvalError(f"{p} does not exist; pass a {fmt} file or a directory of them")
    pattern = "*.tml" if fmt == "timeml" else "*.xml"
    files = [p] if p.is_file() else sorted(p.rglob(pattern))
    if fmt == "meantime":
        # the MEANTIME release holds the same articles twice (intra-doc and cross-doc); score one
        intra = [f for f in files if "intra-doc_annotation" in f.parts]
        files = intra or files
    if not files:
        raise EvalError(f"no {pattern} files under {p}; is this the {fmt} format?")
    reader = read_timeml if fmt == "timeml" else read_meantime
    return [reader(f) for f in files]


# ------------------------------------------------------------------ scoring


@dataclass
class Counts:
    """Match counts over a set of documents."""

    gold: int = 0
    system: int = 0
    strict: int = 0
    relaxed: int = 0
    type_ok: int = 0
    value_ok: int = 0

    def add(self, other: Counts) -> None:
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def report(self) -> dict[str, Any]:
        strict = prf(self.strict, self.system - self.strict, self.gold - self.strict)
        relaxed = prf(self.relaxed, self.system - self.relaxed, self.gold - self.relaxed)
        value = prf(self.value_ok, self.system - self.value_ok, self.gold - self.value_ok)
        return {
            "gold": self.gold, "system": self.system,
            "strict": strict, "relaxed": relaxed,
            "type_accuracy": accuracy(self.type_ok, self.relaxed),
            "value_accuracy": accuracy(self.value_ok, self.relaxed),
            "value_f1": value["f1"], "value": value,
        }


@dataclass(frozen=True)
class SystemTimex:
    start: int
    end: int
    type: str
    value: str


def _overlap(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, min(a[1], b[1]) - max(a[0], b[0]))


def score_document(gold: Sequence[GoldTimex], system: Sequence[SystemTimex],
                   exclude: tuple[int, int] | None = None, scored_end: int | None = None
                   ) -> tuple[Counts, list[dict[str, Any]]]:
    """Counts for one document and its errors (missed, spurious, wrong type/value)."""
    if exclude is not None:
        system = [s for s in system if not _overlap((s.start, s.end), exclude)]
    if scored_end is not None:
        system = [s for s in system if s.start < scored_end]
    pairs = sorted(
        ((_overlap((g.start, g.end), (s.start, s.end)), gi, si)
         for gi, g in enumerate(gold) for si, s in enumerate(system)),
        reverse=True)
    used_g: set[int] = set()
    used_s: set[int] = set()
    counts = Counts(gold=len(gold), system=len(system))
    errors: list[dict[str, Any]] = []
    for ov, gi, si in pairs:
        if ov <= 0 or gi in used_g or si in used_s:
            continue
        used_g.add(gi)
        used_s.add(si)
        g, s = gold[gi], system[si]
        counts.relaxed += 1
        counts.strict += (g.start, g.end) == (s.start, s.end)
        counts.type_ok += g.type == s.type
        counts.value_ok += g.value == s.value
        if g.value != s.value or g.type != s.type or (g.start, g.end) != (s.start, s.end):
            errors.append({"kind": "mismatch", "gold": g, "system": s})
    errors += [{"kind": "missed", "gold": g} for i, g in enumerate(gold) if i not in used_g]
    errors += [{"kind": "spurious", "system": s} for i, s in enumerate(system) if i not in used_s]
    return counts, errors


def _date_pipeline(settings: Settings) -> Any:
    import dyad.pipeline  # noqa: F401  (registers the dyad_* factories)
    from dyad.api import load_model
    from dyad.pipeline.factories import LINE_BREAKS

    nlp = load_model(settings.model)
    if "parser" not in nlp.pipe_names:
        raise ConfigError(f"model {settings.model!r} lacks a parser; dyad's date tagger reads the "
                          "dependency parse: use a pipeline such as en_core_web_sm")
    nlp.add_pipe(LINE_BREAKS, before="parser")  # as in the full pipeline
    nlp.add_pipe("dyad_date_tagger")
    return nlp


def tag_documents(docs: Sequence[GoldDoc], settings: Settings | None = None,
                  nlp: Any = None) -> list[list[SystemTimex]]:
    """dyad's time expressions for each gold document, its DCT as the publication date."""
    nlp = nlp or _date_pipeline(settings or Settings())
    spacy_docs = []
    for gd in docs:
        doc = nlp.make_doc(gd.text)
        doc._.dyad_published = gd.dct
        spacy_docs.append(doc)
    out = []
    for doc in nlp.pipe(spacy_docs, batch_size=16):
        out.append([SystemTimex(d.start, d.end, d.type, d.value) for d in doc._.dyad_dates or []])
    return out


def score(docs: Sequence[GoldDoc], system: Sequence[Sequence[SystemTimex]]
          ) -> tuple[list[Counts], list[dict[str, Any]]]:
    """Each document's counts and all documents' errors."""
    per_doc: list[Counts] = []
    errors: list[dict[str, Any]] = []
    for gd, sys_tx in zip(docs, system, strict=True):
        counts, errs = score_document(gd.timexes, sys_tx, exclude=gd.dct_span,
                                      scored_end=gd.scored_end)
        per_doc.append(counts)
        for e in errs:
            e["doc"] = gd.name
            e["text"] = {k: gd.text[e[k].start:e[k].end] for k in ("gold", "system") if k in e}
        errors.extend(errs)
    return per_doc, errors


def summarise(per_doc: Sequence[Counts]) -> dict[str, Any]:
    """The report of summed document counts, with a 95 % bootstrap interval of value F1
    (documents resampled)."""
    total = Counts()
    for counts in per_doc:
        total.add(counts)
    ci = bootstrap_intervals([(c.value_ok, c.system, c.gold) for c in per_doc],
                             {"value_f1": lambda s: f1_from_counts(s[0], s[1], s[2])})
    return total.report() | {"documents": len(per_doc), "ci95": ci}


def _halves(docs: Sequence[GoldDoc]) -> dict[str, list[int]]:
    order = sorted(range(len(docs)), key=lambda i: docs[i].name)
    return {"tune": order[0::2], "heldout": order[1::2]}


def evaluate(path: str | Path, settings: Settings | None = None, fmt: str = "timeml",
             nlp: Any = None, limit: int | None = None, half: str | None = None) -> dict[str, Any]:
    """TempEval-3-style report for the gold under `path` (a JSON-ready dict); `limit` scores
    only the first N documents (sorted by file name); `half` ("tune"/"heldout", MEANTIME
    only) tags and scores that half only — its errors included, the other half's never."""
    docs = read_gold(path, fmt)
    if half is not None:
        if fmt != "meantime":
            raise EvalError(f"--half applies to MEANTIME, whose halves dyad fixes by document "
                            f"name; {fmt} gold is scored whole")
        if half not in HALVES:
            raise EvalError(f"unknown half {half!r}; use one of {', '.join(HALVES)}")
        docs = [docs[i] for i in _halves(docs)[half]]
    if limit is not None:
        docs = docs[:limit]
    system = tag_documents(docs, settings, nlp=nlp)
    per_doc, errors = score(docs, system)
    report: dict[str, Any] = {"format": fmt, "path": str(path), "documents": len(docs),
                              "dct_scored": False, "half": half, "all": summarise(per_doc)}
    if fmt == "meantime" and len(docs) > 1 and half is None:
        for name, idx in _halves(docs).items():
            report[name] = summarise([per_doc[i] for i in idx])
    report["errors"] = [_error_json(e) for e in errors]
    return report


def _error_json(e: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {"doc": e["doc"], "kind": e["kind"]}
    for key in ("gold", "system"):
        if key in e:
            t = e[key]
            out[key] = {"text": e["text"][key], "start": t.start, "end": t.end,
                        "type": t.type, "value": t.value}
    return out


def render(report: dict[str, Any]) -> str:
    """The report as a plain-text table (one row per document set)."""
    rows = []
    for name in ("all", *HALVES):
        if name not in report:
            continue
        r = report[name]
        rows.append([report.get("half") or name if name == "all" else name,
                     r.get("documents", report["documents"]), r["gold"], r["system"],
                     r["strict"]["f1"], r["relaxed"]["precision"], r["relaxed"]["recall"],
                     r["relaxed"]["f1"], r["type_accuracy"], r["value_accuracy"], r["value_f1"],
                     "{:.3f}–{:.3f}".format(*r["ci95"]["value_f1"]) if "ci95" in r else "-"])
    head = (f"TIMEX3 evaluation ({report['format']}, {report['path']}): TempEval-3 scoring, "
            "document creation time not scored"
            + (f"; the {report['half']} half only" if report.get("half") else ""))
    note = "95 % CI: bootstrap interval of value F1, documents resampled"
    if "tune" in report:
        note += ("\ntune = half the MEANTIME documents the rules were developed on; "
                 "heldout = the other half")
    body = table(["set", "docs", "gold", "system", "strict F1", "relaxed P", "relaxed R",
                  "relaxed F1", "type acc", "value acc", "value F1", "95 % CI"], rows)
    return "\n".join(x for x in (head, body, note) if x)


def iter_errors(report: dict[str, Any], kinds: Iterable[str] = ("mismatch", "missed", "spurious")
                ) -> Iterable[str]:
    """One line per error, for reading what went wrong."""
    for e in report.get("errors", []):
        if e["kind"] in kinds:
            g, s = e.get("gold"), e.get("system")
            yield (f"{e['doc'][:30]:30} {e['kind']:9} "
                   f"gold={g and (g['text'], g['type'], g['value'])} "
                   f"sys={s and (s['text'], s['type'], s['value'])}")
