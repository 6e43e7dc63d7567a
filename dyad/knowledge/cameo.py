"""CAMEO knowledge: the verb-pattern dictionary, the CAMEO→PLOVER table, Goldstein scores.

Readers for three data files under `dyad/knowledge/data/`:

* `CAMEO.2.0.txt` — the PETRARCH/TABARI verb dictionary (synsets `&NAME`, verb blocks
  `--- NAME [code] ---`, verb lines `VERB {FORMS} [code]`, patterns `- words * words [code]`),
  read into a `VerbDictionary` indexed by verb lemma so a coder looks a verb up in O(1) and
  only tries the patterns of that verb's block;
* `CAMEO2PLOVER-2021.txt` — CAMEO code → PLOVER type, mode, context (`PloverTable`), with
  dyad's supplement for the statement/appeal codes (01, 02) the table leaves out;
* `goldstein.tsv` — CAMEO code → Goldstein score.

This module only reads and looks up; it never decides which event a sentence holds
(that is `dyad.pipeline.events`).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path

from dyad.errors import DictionaryError

DATA = files("dyad") / "knowledge" / "data"
VERB_FILE = "CAMEO.2.0.txt"
PLOVER_FILE = "CAMEO2PLOVER-2021.txt"
GOLDSTEIN_FILE = "goldstein.tsv"

# Quad categories of the PLOVER manual (VERBAL/MATERIAL × COOPERATION/CONFLICT), numbered as
# GDELT's QuadClass: 1 verbal cooperation, 2 material cooperation, 3 verbal conflict,
# 4 material conflict.
QUAD_CLASS: dict[str, int] = {
    "AGREE": 1, "CONSULT": 1, "SUPPORT": 1, "CONCEDE": 1,
    "COOPERATE": 2, "AID": 2, "RETREAT": 2,
    "REQUEST": 3, "ACCUSE": 3, "REJECT": 3, "THREATEN": 3,
    "PROTEST": 4, "MOBILIZE": 4, "SANCTION": 4, "COERCE": 4, "ASSAULT": 4,
}

# CAMEO codes the 2021 table does not map. PLOVER folded CAMEO's APPEAL (02) into REQUEST
# (its modes follow the 10x DEMAND codes) and dropped public statements (01), except
# denials of responsibility, which the codebook codes as REJECT.
PLOVER_SUPPLEMENT: dict[str, tuple[str, str | None, tuple[str, ...]]] = {
    "016": ("REJECT", None, ()),
    "02": ("REQUEST", None, ()),
    "020": ("REQUEST", None, ()),
    "021": ("REQUEST", "assist", ()),
    "0211": ("REQUEST", "assist", ("economic",)),
    "0212": ("REQUEST", "assist", ("military",)),
    "0213": ("REQUEST", "assist", ("legal",)),
    "0214": ("REQUEST", "assist", ("intelligence",)),
    "022": ("REQUEST", "assist", ("diplomatic",)),
    "023": ("REQUEST", "assist", ()),
    "0231": ("REQUEST", "assist", ("economic",)),
    "0232": ("REQUEST", "assist", ("military",)),
    "0233": ("REQUEST", "assist", ("humanitarian",)),
    "0234": ("REQUEST", "assist", ("peacekeeping",)),
    "024": ("REQUEST", "change", ("political_institutions",)),
    "0241": ("REQUEST", "change", ("executive",)),
    "0242": ("REQUEST", "change", ("executive",)),
    "0243": ("REQUEST", "change", ("rights_freedoms",)),
    "0244": ("REQUEST", "change", ("political_institutions",)),
    "025": ("REQUEST", "yield", ()),
    "0251": ("REQUEST", "yield", ("legal",)),
    "0252": ("REQUEST", "yield", ("legal",)),
    "0253": ("REQUEST", "yield", ("legal",)),
    "0254": ("REQUEST", "yield", ("economic",)),
    "0255": ("REQUEST", "yield", ("diplomatic",)),
    "0256": ("REQUEST", "yield", ("military",)),
    "026": ("REQUEST", "meet", ("diplomatic",)),
    "027": ("REQUEST", "meet", ("diplomatic",)),
    "028": ("REQUEST", "meet", ("diplomatic",)),
}


# --------------------------------------------------------------------------- verb dictionary

@dataclass(frozen=True, slots=True)
class VerbPattern:
    """One `- before * after [code]` line: each element is a set of alternative words."""

    before: tuple[frozenset[str], ...]
    after: tuple[frozenset[str], ...]
    code: str
    line: int

    @property
    def size(self) -> int:
        return len(self.before) + len(self.after)


@dataclass(frozen=True, slots=True)
class VerbEntry:
    """A verb (or phrasal verb such as "ask for") of the dictionary with its block's patterns."""

    head: str  # lower-case lemma of the verb word: "ask"
    particles: tuple[str, ...]  # words that must follow it: ("for",)
    code: str | None  # the verb's own code, else its block's; None when "[---]"
    block: str
    patterns: tuple[VerbPattern, ...]


@dataclass(frozen=True, slots=True)
class VerbMatch:
    """The CAMEO code a verb occurrence gets, and how it got it."""

    code: str
    entry: VerbEntry
    pattern: VerbPattern | None  # None: the verb's (block's) default code


_CODE = re.compile(r"\[([^\]]*)\]")
# The form a coder adds to a token heading a coordinated noun phrase, so that a pattern's
# `%` ("the actor/target is compound") can match it.
COMPOUND_FORM = "%"
_BLOCK = re.compile(r"^---\s+(.+?)\s+\[([^\]]*)\]")
_FORMS = re.compile(r"\{[^}]*\}")


def _source_code(raw: str) -> str | None:
    """The code for the verb's subject from "[042:043]", "[190]", "[:173]", "[---]"."""
    code = raw.strip().split(":")[0].strip()
    if not code or code.startswith("-"):
        return None
    if not code.isdigit():
        return None
    return code


class VerbDictionary:
    """CAMEO verb patterns indexed by verb lemma (lower case)."""

    def __init__(self, entries: Iterable[VerbEntry], synsets: dict[str, frozenset[str]]):
        self.synsets = synsets
        self._index: dict[str, list[VerbEntry]] = {}
        # per block of patterns: every word that can start a pattern match; a sentence with
        # none of them cannot match any of the block's patterns
        self._anchors: dict[int, frozenset[str]] = {}
        # per block: word -> the positions of the patterns that word can start (a block of
        # "set"/"launch"/"open" has 188 patterns; a clause's words reach a handful)
        self._starts: dict[int, dict[str, tuple[int, ...]]] = {}
        for e in entries:
            self._index.setdefault(e.head, []).append(e)
            if id(e.patterns) not in self._anchors:
                starts: dict[str, list[int]] = {}
                for n, p in enumerate(e.patterns):
                    for word in (p.after or p.before)[0]:
                        starts.setdefault(word, []).append(n)
                self._anchors[id(e.patterns)] = frozenset(starts)
                self._starts[id(e.patterns)] = {w: tuple(ns) for w, ns in starts.items()}
        for lst in self._index.values():  # phrasal verbs first: "ask for" before "ask"
            lst.sort(key=lambda e: -len(e.particles))

    def __contains__(self, lemma: str) -> bool:
        return lemma in self._index

    def __len__(self) -> int:
        return sum(len(v) for v in self._index.values())

    def entries(self, lemma: str) -> list[VerbEntry]:
        return self._index.get(lemma, [])

    def could_match(self, lemma: str, words: set[str] | frozenset[str]) -> bool:
        """Can any pattern of this verb match a sentence with these word forms?"""
        return any(not self._anchors.get(id(e.patterns), frozenset()).isdisjoint(words)
                   for e in self._index.get(lemma, ()))

    def match(self, lemma: str, following: Sequence[str], before: Sequence[set[str]],
              after: Sequence[set[str]]) -> VerbMatch | None:
        """Code a verb occurrence.

        `following` are the lower-case words right after the verb (for phrasal verbs);
        `before`/`after` are, per token of the verb's clause before/after the verb, the set of
        forms (text, lemma) it can match. The longest matching pattern wins; else the verb's
        default code; None when the verb has no code here.
        """
        for entry in self._index.get(lemma, ()):
            if entry.particles and tuple(following[:len(entry.particles)]) != entry.particles:
                continue
            best: VerbPattern | None = None
            seen: set[str] = set().union(*before, *after) if (before or after) else set()
            starts = self._starts.get(id(entry.patterns), {})
            # only the patterns whose first word is in the clause, in their written order
            reachable = sorted({n for word in seen for n in starts.get(word, ())})
            for pat in (entry.patterns[n] for n in reachable):
                if best is not None and pat.size <= best.size:
                    continue
                if any(e.isdisjoint(seen) for e in pat.after) or \
                        any(e.isdisjoint(seen) for e in pat.before):
                    continue  # a word of the pattern is nowhere in the clause
                if _subsequence(pat.after, after) and _subsequence(pat.before, before):
                    best = pat
            if best is not None:
                return VerbMatch(best.code, entry, best)
            if entry.code is not None:
                return VerbMatch(entry.code, entry, None)
            return None
        return None


def _subsequence(elements: Sequence[frozenset[str]], tokens: Sequence[set[str]]) -> bool:
    if not elements:
        return True
    i = 0
    for forms in tokens:
        if not elements[i].isdisjoint(forms):
            i += 1
            if i == len(elements):
                return True
    return False


def _words(word: str) -> list[str]:
    """"ARMED_FORCES" → ["armed", "forces"]; "KRONE_" → ["krone"]."""
    return [w for w in word.lower().strip("_").split("_") if w]


def _pattern_elements(text: str, synsets: dict[str, frozenset[str]]) -> list[frozenset[str]]:
    out: list[frozenset[str]] = []
    for tok in text.replace("(", " ").replace(")", " ").replace("{", " ").replace("}", " ").split():
        if tok == "%":  # a compound (coordinated) noun phrase; see COMPOUND_FORM
            out.append(frozenset({COMPOUND_FORM}))
            continue
        if tok in {"$", "+", "^", "*"} or tok.startswith("#"):
            continue
        for piece in tok.strip("$+^%").split("_"):  # "&TIETYPES_MEMOS", "MEMOS_ON_&TIETYPES"
            if piece.startswith("&"):
                members = synsets.get(piece.upper().rstrip("_"))
                out.append(members if members else frozenset({piece.lower()}))
            elif piece:
                out.append(frozenset({piece.lower()}))
    return out


_COMMENT = re.compile(r"\s#(?![^\[]*\])|^#")


def _strip_comment(line: str) -> str:
    """The line without its "# comment" ("[###]" codes are not comments)."""
    m = _COMMENT.search(line)
    return line[:m.start()] if m else line


def _parse_verb_line(line: str) -> tuple[list[str], list[str], str | None, bool]:
    """(words of the verb, irregular forms, raw code, has_code) of a verb line."""
    body = _strip_comment(line)
    m = _CODE.search(body)
    raw = m.group(1) if m else None
    forms_m = _FORMS.search(body)
    forms = []
    if forms_m:
        forms = [f.strip(",").lstrip("+") for f in forms_m.group(0)[1:-1].split()]
        forms = [f for f in forms if f and f != ","]
    name = _FORMS.sub(" ", _CODE.sub(" ", body)).split()
    words = _words(name[0].lstrip("+")) if name else []
    return words, forms, raw, m is not None


_BE = {"is", "are", "am", "was", "were", "be", "been", "being"}
_HAVE = {"has", "have", "had", "having"}


def _head_lemma(word: str) -> str:
    if word in _BE:
        return "be"
    if word in _HAVE:
        return "have"
    return word


def read_verb_dictionary(path: str | Path | None = None) -> VerbDictionary:
    """Parse a PETRARCH-format verb dictionary (default: the shipped CAMEO.2.0.txt)."""
    src = Path(path) if path is not None else None
    text = src.read_text("utf-8", errors="replace") if src else (DATA / VERB_FILE).read_text("utf-8")
    where = str(src) if src else VERB_FILE
    synsets: dict[str, set[str]] = {}
    blocks: list[tuple[str, str | None, list[tuple[list[str], list[str], str | None, bool]],
                       list[tuple[str, int]]]] = []
    current_syn: str | None = None
    for no, raw_line in enumerate(text.splitlines(), start=1):
        line = raw_line.rstrip()
        stripped = line.strip()
        if not stripped or stripped.startswith("#") or stripped.startswith("<!--"):
            if not stripped:
                current_syn = None
            continue
        if stripped.startswith("&"):
            current_syn = stripped.split()[0].upper().rstrip("_")  # "&PREPOSIT1_" = "&PREPOSIT1"
            synsets.setdefault(current_syn, set())
            continue
        if stripped.startswith("---"):
            m = _BLOCK.match(stripped)
            if not m:
                raise DictionaryError(f"{where}:{no}: cannot read verb block header {stripped!r}; "
                                      "expected '---  NAME   [code]  ---'")
            current_syn = None
            blocks.append((m.group(1), _source_code(m.group(2)), [], []))
            continue
        if current_syn is not None and stripped.startswith("+"):
            member = _words(stripped[1:].split("#", 1)[0].strip().replace(" ", "_"))
            if len(member) == 1:  # multi-word members ("CEASE_FIRE") are not single tokens
                synsets[current_syn].add(member[0])
            continue
        if not blocks:
            continue  # text before the verb section that is not a synset
        if stripped.startswith("-"):
            blocks[-1][3].append((stripped[1:], no))
        else:
            blocks[-1][2].append(_parse_verb_line(stripped))
    frozen = {k: frozenset(v) for k, v in synsets.items()}
    entries: list[VerbEntry] = []
    for name, block_code, verbs, pattern_lines in blocks:
        patterns = []
        for body, no in pattern_lines:
            m = _CODE.search(_strip_comment(body))
            if not m:
                raise DictionaryError(f"{where}:{no}: pattern has no [code]: {body.strip()!r}")
            code = _source_code(m.group(1))
            if code is None:
                continue
            pat_text = body[:m.start()]
            if "*" not in pat_text:
                continue
            pre, post = pat_text.split("*", 1)
            if not _pattern_elements(pre + post, frozen):
                continue  # "- * [code]" restates the default; it must not outrank it
            patterns.append(VerbPattern(tuple(_pattern_elements(pre, frozen)),
                                        tuple(_pattern_elements(post, frozen)), code, no))
        pats = tuple(patterns)
        for verb_words, forms, raw, has_code in verbs:
            if not verb_words:
                continue
            code = _source_code(raw) if has_code and raw is not None else block_code
            head = _head_lemma(verb_words[0])
            entries.append(VerbEntry(head, tuple(verb_words[1:]), code, name, pats))
            for form in forms:  # irregular forms the lemmatiser may leave alone
                fw = _words(form)
                if fw and fw[0] != head and len(fw) == len(verb_words):
                    entries.append(VerbEntry(fw[0], tuple(fw[1:]), code, name, pats))
    return VerbDictionary(entries, frozen)


# --------------------------------------------------------------------------- CAMEO → PLOVER

@dataclass(frozen=True, slots=True)
class PloverCoding:
    """PLOVER type, mode and context lists for one CAMEO code."""

    type: str
    mode: str | None
    context: tuple[str, ...]


class PloverTable:
    """CAMEO code → PLOVER coding; a code missing from the table falls back to its parent."""

    def __init__(self, rows: dict[str, PloverCoding]):
        self.rows = rows

    def get(self, code: str | None) -> PloverCoding | None:
        c = code or ""
        while c:
            if c in self.rows:
                return self.rows[c]
            c = c[:-1]
        return None


def read_plover_table(path: str | Path | None = None) -> PloverTable:
    """Parse CAMEO2PLOVER (`code: TYPE, mode, context # comment`) plus dyad's supplement."""
    src = Path(path) if path is not None else None
    text = src.read_text("utf-8") if src else (DATA / PLOVER_FILE).read_text("utf-8")
    where = str(src) if src else PLOVER_FILE
    rows: dict[str, PloverCoding] = {
        k: PloverCoding(t, m, c) for k, (t, m, c) in PLOVER_SUPPLEMENT.items()
    }
    for no, line in enumerate(text.splitlines(), start=1):
        body = line.split("#", 1)[0].strip()
        if not body or body.startswith("~") or ":" not in body:
            continue
        code, rest = body.split(":", 1)
        code = code.strip()
        if not code.isdigit():
            raise DictionaryError(f"{where}:{no}: {code!r} is not a CAMEO code; "
                                  "expected 'code: TYPE, mode, context'")
        parts = [p.strip() for p in rest.split(",")]
        if not parts[0]:
            raise DictionaryError(f"{where}:{no}: no PLOVER type after {code!r}")
        mode = parts[1] if len(parts) > 1 and parts[1] else None
        ctx = tuple(c.strip() for c in parts[2].split(";") if c.strip()) if len(parts) > 2 else ()
        rows.setdefault(code, PloverCoding(parts[0].upper(), mode, ctx))  # first line wins
    return PloverTable(rows)


# --------------------------------------------------------------------------- Goldstein

def read_goldstein(path: str | Path | None = None) -> dict[str, float]:
    """CAMEO code → Goldstein score from a two-column TSV with a header line."""
    src = Path(path) if path is not None else None
    text = src.read_text("utf-8") if src else (DATA / GOLDSTEIN_FILE).read_text("utf-8")
    where = str(src) if src else GOLDSTEIN_FILE
    out: dict[str, float] = {}
    for no, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.startswith("#") or line.startswith("cameo"):
            continue
        parts = line.split("\t")
        try:
            out[parts[0].strip()] = float(parts[1])
        except (IndexError, ValueError):
            raise DictionaryError(f"{where}:{no}: expected 'CODE<TAB>score', got {line!r}") from None
    return out


def goldstein(code: str | None, table: dict[str, float] | None = None) -> float | None:
    """Goldstein score of a CAMEO code, falling back to its parent code."""
    scores = table if table is not None else _goldstein()
    c = code or ""
    while c:
        if c in scores:
            return scores[c]
        c = c[:-1]
    return None


def quad_class(plover_type: str) -> int | None:
    """PLOVER quad category as GDELT's QuadClass number (1-4)."""
    return QUAD_CLASS.get(plover_type)


@lru_cache(maxsize=1)
def verb_dictionary() -> VerbDictionary:
    """The shipped CAMEO.2.0 verb dictionary, parsed once per process."""
    return read_verb_dictionary()


@lru_cache(maxsize=1)
def plover_table() -> PloverTable:
    """The shipped CAMEO→PLOVER table with dyad's supplement, parsed once per process."""
    return read_plover_table()


@lru_cache(maxsize=1)
def _goldstein() -> dict[str, float]:
    return read_goldstein()


__all__ = [
    "QUAD_CLASS",
    "PloverCoding",
    "PloverTable",
    "VerbDictionary",
    "VerbEntry",
    "VerbMatch",
    "VerbPattern",
    "goldstein",
    "plover_table",
    "quad_class",
    "read_goldstein",
    "read_plover_table",
    "read_verb_dictionary",
    "verb_dictionary",
]
