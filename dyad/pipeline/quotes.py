"""The quote layer: who said what, in which words, through which channel.

`dyad_quote_finder` finds direct quotations (a full quotation in marks), partial ones (quoted
fragments inside reported speech) and indirect speech ("said that ...", "..., the minister
said on Thursday."), with the speaker resolved to an actor of the actor layer, the cue, the
channel and the sentence. `dyad_quote_linker` runs after the event coder and marks every event
whose trigger lies inside a quote as reported by that quote's speaker.

It works from quotation marks (a linear scan that never lets an unbalanced mark run past its
paragraph) and from cue words and their dependency parse; every cue word, channel word and
speaker noun comes from `dyad/knowledge/data/cues.yaml`. It must not name any article's
words or people, must not change the actor layer's output, and must stay linear in the
length of the document: everything per cue is bounded by its sentence or a fixed window.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import numpy
import yaml
from spacy.attrs import IDX, LEMMA, LOWER
from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyad.errors import ConfigError
from dyad.pipeline.annotations import CharSpan, EventAnn, MentionAnn, QuoteAnn
from dyad.pipeline.extensions import doc_text

CUE_SETS: dict[str, str] = {"dyad.cues.v1": "cues.yaml"}

# Opening and closing marks. A straight mark opens where it stands before a word.
DOUBLE_OPEN = frozenset("“„«‟")
DOUBLE_CLOSE = frozenset("”»")
SINGLE_OPEN = frozenset("‘‹")
SINGLE_CLOSE = frozenset("’›")
QUOTE_CHARS = DOUBLE_OPEN | DOUBLE_CLOSE | SINGLE_OPEN | SINGLE_CLOSE | {'"', "'", "`"}
# ``...'' is the quotation of PTB-tokenised text (TimeBank, MEANTIME).
_MARKS = re.compile("``|''|[\"'“”„«»‟‘’‹›\n]")
# Punctuation that may stand between a quotation and its attribution ("...,” she said).
_GAP = re.compile(r"[\s,;:\u2013\u2014-]*")
_SENTENCE_END = re.compile(r"[.!?]")
# "...,” army spokesman Brig. Gen. Nabil Abdallah said": the parser ends a sentence at an
# abbreviated title, so the speaker's own phrase starts before the cue's sentence.
_TITLE_GAP = re.compile(r"[\s,]*(?:[a-z]+\s+){0,3}(?:[A-Z][a-z]{0,4}\.\s+){1,3}")
# "MOSCOW, February 9. /TASS/." · "KYIV (Reuters) -" · "WASHINGTON —": a dateline is not content.
_DATELINE = re.compile(
    r"^\s*[A-Z][A-Z.'\-/ ]{1,40}[A-Z.](?:,\s*[A-Z][A-Za-z.]+)?"
    r"(?:,\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?\.?)?\s*"
    r"(?:\([^)\n]{1,30}\)|/[^/\n]{1,30}/\.?)?\s*(?:-{1,2}|[\u2013\u2014:]|\.)\s+"
)
Channels = dict[int, list[tuple[tuple[int, ...], int, str]]]  # see QuoteFinder.__init__
# "Pyongyang, March 12 (KCNA) --": a place in title case needs both a date and a source.
_DATELINE_TITLED = re.compile(
    r"^\s*[A-Z][a-z]+(?: [A-Z][a-z]+){0,2},\s*[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?\.?\s*"
    r"(?:\([^)\n]{1,30}\)|/[^/\n]{1,30}/\.?)\s*(?:-{1,2}|[\u2013\u2014:]|\.)?\s+"
)
SUBJECT_DEPS = ("nsubj", "nsubjpass", "csubj")
# Dependencies through which a subjectless cue ("..., adding that") borrows its head's subject.
CLIMB_DEPS = frozenset({"advcl", "xcomp", "conj", "pcomp", "prep"})
RELATIVE = frozenset({"who", "which", "that"})
CONTENT_DEPS = frozenset({"ccomp"})
# Cues in longer "sentences" (tables, lists the parser could not split) are skipped, so a
# document's cost stays linear: every cue's work is bounded by its sentence.
MAX_SENTENCE_TOKENS = 250
CHANNEL_WINDOW = 40  # tokens either side of the cue searched for a channel word
MIN_ORPHAN_WORDS = 4  # a quotation with no cue shorter than this is a scare quote
PRONOUN_WINDOW = 60  # how many mentions back a pronoun or role noun may look
SPEAKER_WINDOW = 4  # how many earlier attributions a pronoun prefers before other mentions


@dataclass(frozen=True)
class Cues:
    """The cue vocabulary: verbs, nouns, channels and speaker nouns (see cues.yaml)."""

    verbs: frozenset[str]
    clause_only: frozenset[str]
    fragment_object: frozenset[str]
    object_of: frozenset[str]
    nouns: frozenset[str]
    prepositions: tuple[tuple[str, ...], ...]
    channels: tuple[tuple[str, tuple[str, ...]], ...]
    channel_carrying: frozenset[str]
    documents: frozenset[str]
    issuing: frozenset[str]
    person_nouns: frozenset[str]
    organization_nouns: frozenset[str]
    pronouns: dict[str, frozenset[str]]

    @property
    def all_verbs(self) -> frozenset[str]:
        return self.verbs | self.fragment_object | self.object_of


@lru_cache(maxsize=8)
def load_cues(name: str = "dyad.cues.v1") -> Cues:
    """The cue set `name` (a registered name such as dyad.cues.v1, or a YAML file path)."""
    if name in CUE_SETS:
        source: Any = files("dyad.knowledge") / "data" / CUE_SETS[name]
    elif Path(name).suffix.lower() in (".yaml", ".yml") and Path(name).exists():
        source = Path(name)
    else:
        raise ConfigError(f"unknown cue set {name!r}; use one of {', '.join(sorted(CUE_SETS))} "
                          "or the path of a YAML file with the keys of dyad/knowledge/data/cues.yaml")
    try:
        data = yaml.safe_load(source.read_text("utf-8"))
    except yaml.YAMLError as err:
        raise ConfigError(f"cue file {name}: not valid YAML ({err}); fix the file") from None
    if not isinstance(data, dict):
        raise ConfigError(f"cue file {name}: expected a mapping of cue lists at the top level")
    return _cues_from(data, name)


def _cues_from(data: dict[str, Any], name: str) -> Cues:
    def words(key: str) -> frozenset[str]:
        value = data.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise ConfigError(f"cue file {name}: {key!r} must be a list of words")
        return frozenset(v.lower() for v in value)

    channels = data.get("channels", {})
    pronouns = data.get("pronouns", {})
    if not isinstance(channels, dict) or not isinstance(pronouns, dict):
        raise ConfigError(f"cue file {name}: 'channels' and 'pronouns' must be mappings")
    try:
        channel_seqs = tuple(
            (str(channel), tuple(" ".join(str(w).lower() for w in seq) for seq in seqs))
            for channel, seqs in channels.items()
        )
        preps = tuple(tuple(str(w).lower() for w in seq) for seq in data.get("prepositions", []))
    except TypeError:
        raise ConfigError(f"cue file {name}: channels and prepositions are lists of word "
                          "lists, e.g. `twitter: [[twitter], [tweet]]`") from None
    return Cues(
        verbs=words("verbs"), clause_only=words("clause_only"),
        fragment_object=words("fragment_object"), object_of=words("object_of"),
        nouns=words("nouns"), prepositions=preps, channels=channel_seqs,
        channel_carrying=words("channel_carrying"), documents=words("documents"),
        issuing=words("issuing"), person_nouns=words("person_nouns"),
        organization_nouns=words("organization_nouns"),
        pronouns={str(k).lower(): frozenset(str(v) for v in vs) for k, vs in pronouns.items()},
    )


# ---------------------------------------------------------------- quotation marks


@dataclass(frozen=True)
class Quoted:
    """Text between quotation marks: marks at `open`/`close` (close None when capped)."""

    open: int
    close: int | None
    start: int  # content, without the marks and outer white space
    end: int
    close_len: int = 1  # 2 for ''

    @property
    def outer_end(self) -> int:
        return self.close + self.close_len if self.close is not None else self.end


def _opens(text: str, i: int) -> bool:
    """A straight mark at i opens a quotation: it stands before a word, after a space."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return (before.isspace() or before in "([{—–-/" or before in QUOTE_CHARS) and not after.isspace()


def _closes_single(text: str, i: int) -> bool:
    """A single mark at i closes: after a non-space, before a non-letter (not "don't")."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not before.isspace() and not after.isalnum()


def find_quoted(text: str) -> list[Quoted]:
    """Top-level quotations of `text`, in order; a quotation never outruns its paragraph
    unless the next paragraph opens with a mark (a quotation running on)."""
    out: list[Quoted] = []
    open_at = -1
    kind = ""  # "d" double, "s" single
    for m in _MARKS.finditer(text):
        i = m.start()
        ch = m.group()
        if ch == "\n":
            if open_at >= 0 and not _continues(text, i):
                out.append(_quoted(text, open_at, None, i))
                open_at = -1
            continue
        if ch == "''":
            if open_at >= 0 and kind == "d":
                out.append(_quoted(text, open_at, i, i, close_len=2))
                open_at = -1
            continue
        if open_at < 0:
            if ch == "``" or ch in DOUBLE_OPEN or (ch == '"' and _opens(text, i)):
                open_at, kind = i, "d"
            elif (ch in SINGLE_OPEN or ch == "'") and _opens(text, i):
                open_at, kind = i, "s"
            continue
        if kind == "d" and (ch in DOUBLE_CLOSE or ch == '"'):
            if ch == '"' and _opens(text, i) and _continued_open(text, open_at, i):
                continue  # a straight mark re-opening the next paragraph of a long quotation
            out.append(_quoted(text, open_at, i, i))
            open_at = -1
        elif kind == "s" and (ch in SINGLE_CLOSE or ch == "'") and _closes_single(text, i):
            out.append(_quoted(text, open_at, i, i))
            open_at = -1
    if open_at >= 0:
        out.append(_quoted(text, open_at, None, len(text)))
    return [q for q in out if q.end > q.start]


def _continues(text: str, newline: int) -> bool:
    """An open quotation runs on when the next paragraph starts with an opening mark."""
    j = newline
    while j < len(text) and text[j].isspace():
        j += 1
    return j < len(text) and (text[j] in DOUBLE_OPEN or text[j] in SINGLE_OPEN or
                              text.startswith("``", j) or (text[j] in "\"'" and _opens(text, j)))


def _continued_open(text: str, open_at: int, i: int) -> bool:
    """The straight mark at i starts a paragraph inside the quotation opened at open_at."""
    j = i - 1
    while j > open_at and text[j] in " \t":
        j -= 1
    return j > open_at and text[j] == "\n"


def _quoted(text: str, open_at: int, close: int | None, end: int, close_len: int = 1) -> Quoted:
    start = open_at + (2 if text.startswith("``", open_at) else 1)
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return Quoted(open_at, close, start, end, close_len)


# ---------------------------------------------------------------- the finder


@dataclass
class _Found:
    """One attribution while it is being built (token-level evidence kept for resolution)."""

    start: int
    end: int
    kind: str
    cue: Token | None
    cue_span: CharSpan | None
    subject: Token | None
    quoted: Quoted | None = None
    speaker: str | None = None
    speaker_mention: CharSpan | None = None
    channel: str | None = None


class QuoteFinder:
    """Finds quotations and reported speech and resolves their speakers to actors."""

    def __init__(self, nlp: Language, name: str, *, cues: str = "dyad.cues.v1") -> None:
        self.name = name
        self.cues = load_cues(cues)
        strings = nlp.vocab.strings
        # Only tokens whose lemma or lower form is a cue word become Token objects; the
        # rest of the document is scanned as arrays of string hashes.
        words = self.cues.all_verbs | self.cues.nouns
        self.cue_hashes = frozenset({strings.add(w) for w in words}
                                     | {strings.add(w.title()) for w in words}
                                     | {strings.add(p[0]) for p in self.cues.prepositions if p})
        # first word -> (word sequence, rank, channel); the lowest rank found wins
        self.channel_index: Channels = {}
        for rank, (channel, seqs) in enumerate(self.cues.channels):
            for seq in seqs:
                hashes = tuple(strings.add(w) for w in seq.split())
                self.channel_index.setdefault(hashes[0], []).append((hashes, rank, channel))
        self.x_hash = strings.add("x")
        self.on_hash = strings.add("on")

    def __call__(self, doc: Doc) -> Doc:
        doc._.dyad_quotes = _Finder(doc, self).find()
        return doc


class _Finder:
    """The work of one document: quotation marks, cues, contents, then speakers."""

    def __init__(self, doc: Doc, finder: QuoteFinder) -> None:
        self.doc = doc
        self.text = doc_text(doc)
        self.cues = cues = finder.cues
        self.verbs = cues.all_verbs
        self.channels = finder.channel_index
        self.x_hash, self.on_hash = finder.x_hash, finder.on_hash
        arr = doc.to_array([LOWER, LEMMA, IDX]) if len(doc) else numpy.zeros((0, 3), "uint64")
        self.lower: list[int] = arr[:, 0].tolist()
        self.idx: list[int] = arr[:, 2].tolist()
        cue = finder.cue_hashes
        lemmas: list[int] = arr[:, 1].tolist()
        self.candidates = [i for i, (low, lemma) in enumerate(zip(self.lower, lemmas, strict=True))
                           if low in cue or lemma in cue]
        self.prep_heads = frozenset(p[0] for p in cues.prepositions if p)
        # A Doc without sentence boundaries (no parser) is read as one sentence.
        self.sents: list[Span] = list(doc.sents) if doc.has_annotation("SENT_START") or \
            doc.has_annotation("DEP") else ([doc[:]] if len(doc) else [])
        self.sent_starts = [s.start_char for s in self.sents]
        self.sent_no = [0] * len(doc)
        for n, sent in enumerate(self.sents):
            for i in range(sent.start, sent.end):
                self.sent_no[i] = n
        self.quoted = find_quoted(self.text)
        self.q_starts = [q.open for q in self.quoted]
        self.q_ends = [q.outer_end for q in self.quoted]
        self.used: set[int] = set()
        self.paragraph_breaks = [m.start() for m in re.finditer(r"\n", self.text)]
        dl = _DATELINE.match(self.text[:200]) or _DATELINE_TITLED.match(self.text[:200])
        self.dateline_end = dl.end() if dl else 0
        self.mentions: list[MentionAnn] = sorted(
            (m for m in (doc._.dyad_mentions or []) if m.actor), key=lambda m: m.start)
        self.mention_starts = [m.start for m in self.mentions]
        self.mention_at: dict[int, MentionAnn] = {}
        for m in self.mentions:
            for i in range(m.token_start, m.token_end):
                self.mention_at.setdefault(i, m)
        self.actors = doc._.dyad_actors or {}

    # -------------------------------------------------------- driver

    def find(self) -> list[QuoteAnn]:
        found: list[_Found] = []
        for i in self.candidates:
            sent = self.sents[self.sent_no[i]] if self.sents else None
            if sent is None or len(sent) > MAX_SENTENCE_TOKENS:
                continue
            f = self._from_cue(self.doc[i])
            if f is not None and not any(_same_content(f, g) for g in found[-3:]):
                found.append(f)
        found.extend(self._orphans(found))
        found.sort(key=lambda f: (f.start, f.end))
        self._resolve(found)
        return [self._annotation(f) for f in found]

    # -------------------------------------------------------- cues

    def _from_cue(self, tok: Token) -> _Found | None:
        if tok.lower_ in self.prep_heads:
            return self._preposition_cue(tok)
        lemma = tok.lemma_.lower()
        if tok.pos_ == "NOUN" and lemma in self.cues.nouns:
            return self._noun_cue(tok)
        if lemma not in self.verbs or tok.pos_ not in ("VERB", "AUX") \
                or tok.dep_ in ("amod", "compound", "nmod"):
            return None  # "the so-called “operation”": part of a name, not a statement
        if any(c.dep_ == "neg" for c in tok.children) or self._questioned(tok) \
                or (_passive_participle(tok) and self._that_clause(tok) is None):
            return None  # "Asked whether ..., X said": X is asked, and speaks in "said"
        q = self._quote_index_at(tok.idx)
        if q is not None and self.quoted[q].start != tok.idx:
            return None  # a cue inside someone's quotation belongs to the quotation
        subject = self._subject(tok)
        return (self._quote_starting_with(tok, q, subject)
                or self._quote_before(tok, subject)
                or self._quote_after(tok, subject)
                or self._object_of(tok, lemma, subject)
                or self._clause(tok, lemma, subject)
                or self._fragment(tok, lemma, subject))

    def _questioned(self, tok: Token) -> bool:
        last = self.doc[self._sent(tok).end - 1]
        return last.text == "?" and self._quote_index_at(last.idx) is None

    def _sent(self, tok: Token) -> Span:
        return self.sents[self.sent_no[tok.i]]

    def _subject(self, tok: Token) -> Token | None:
        subject = self._subject_of(tok)
        if subject is not None and subject.idx < self.dateline_end:
            # "GEORGETOWN (Wire) -- Guyana's President said": the parser hangs the speaker
            # on the dateline's place name, or coordinates the two ("LAGOS, May 2
            # (Wire) - Nigeria's foreign minister said").
            return next((c for c in subject.children if c.dep_ in ("appos", "conj")
                         and c.idx >= self.dateline_end), None)
        if subject is not None and self._paragraph(subject.idx) != self._paragraph(tok.idx):
            return self._paragraph_subject(tok)
        return subject

    def _paragraph_subject(self, tok: Token) -> Token | None:
        """“...,” X told APS. ¶ A source, who asked not to be named, said: the parser ran
        the sentences together across the paragraph break and gave the cue a subject from the
        paragraph before. The speaker is the first noun phrase of the cue's own paragraph
        before the cue (a word there whose head lies outside that stretch)."""
        para = self._paragraph_start(tok.idx)
        lo = max(self._sent(tok).start, tok.i - MAX_SENTENCE_TOKENS)
        while lo < tok.i and self.idx[lo] < para:
            lo += 1
        for t in self.doc[lo:tok.i]:
            if t.pos_ in ("NOUN", "PROPN", "PRON") and not lo <= t.head.i < tok.i:
                return t
        return None

    def _subject_of(self, tok: Token) -> Token | None:
        """The subject of the cue, borrowed along advcl/conj/xcomp from the verb it hangs on."""
        if tok.dep_ in ("conj", "advcl") and not any(c.dep_ in SUBJECT_DEPS for c in tok.children):
            outer = self._reporting_cue(tok.head)
            if outer is not None:
                # wrote that X had “...” and accused Y of ...: the second cue is the speaker's too
                tok = outer
        for c in tok.lefts:
            # "Peskov, asked about the remarks, said": the parser gives the subject to "asked"
            if c.dep_ in ("ccomp", "advcl", "parataxis") and c.tag_ in ("VBN", "VBD") \
                    and not any(g.dep_ in SUBJECT_DEPS for g in tok.children):
                subject = next((g for g in c.children if g.dep_ in SUBJECT_DEPS and g.i < c.i), None)
                if subject is not None:
                    return subject
        cur = tok
        for _ in range(6):
            subjects = [c for c in cur.children if c.dep_ in SUBJECT_DEPS]
            if subjects:
                # "BAMAKO (AFP) - Mali's junta ordered": not the dateline's place name
                child = next((c for c in reversed(subjects) if c.idx >= self.dateline_end),
                             subjects[0])
                if child.lower_ in RELATIVE and cur.dep_ == "relcl":
                    return cur.head  # "X, who said that": the relative stands for X
                return child
            if cur.dep_ in ("acl", "relcl") and cur.head.pos_ in ("NOUN", "PROPN", "PRON"):
                return cur.head  # "a statement saying that", "X, who said that"
            if cur.dep_ not in CLIMB_DEPS or cur.head is cur:
                return None
            cur = cur.head
        return None

    def _frame(self, tok: Token, subject: Token | None) -> tuple[int, int]:
        """Token range [a, b) of the cue with its subject (where the attribution sits)."""
        a = b = tok.i
        if subject is not None and self.sent_no[subject.i] == self.sent_no[tok.i]:
            np = _np_span(subject)  # not the subtree: the subject may head the whole sentence
            a = min(a, np.start)
            b = max(b, np.end - 1)
        while b > a and self.doc[b].is_space:
            b -= 1
        return a, b + 1

    def _quote_starting_with(self, tok: Token, q: int | None, subject: Token | None
                             ) -> _Found | None:
        """Borrell “reaffirmed the Union's support ...”: the quotation opens on the cue."""
        if q is None or subject is None or subject.i > tok.i:
            return None
        if self._quote_index_at(subject.idx) is not None:
            return None
        return self._take(q, "partial", tok, subject)

    def _quote_before(self, tok: Token, subject: Token | None) -> _Found | None:
        """“...,” Kuleba wrote. / “...,” said the minister."""
        a, _ = self._frame(tok, subject)
        frame_start = self.doc[a].idx
        k = bisect.bisect_right(self.q_ends, frame_start) - 1
        if k < 0 or k in self.used:
            return None
        q = self.quoted[k]
        gap = self.text[q.outer_end:frame_start]
        if not (_GAP.fullmatch(gap) or _TITLE_GAP.fullmatch(gap)) or "\n" in gap \
                or not self._speech_like(q):
            return None
        closed_sentence = self.text[q.start:q.end].rstrip()[-1:] in (".", "\u2026")
        if closed_sentence and not self.text[frame_start:frame_start + 1].islower() \
                and self._has_right_content(tok):
            return None  # “... .” The minister said that ...: a new sentence with its own content
        found = self._take(k, "direct", tok, subject)
        self._join_continuation(found, tok, subject)
        return found

    def _quote_after(self, tok: Token, subject: Token | None) -> _Found | None:
        """Kuleba said: “...” / she wrote on X, “...”."""
        _, b = self._frame(tok, subject)
        end = self.doc[b - 1].idx + len(self.doc[b - 1])
        k = bisect.bisect_left(self.q_starts, end)
        if k >= len(self.quoted) or k in self.used:
            return None
        q = self.quoted[k]
        gap = self.text[end:q.open]
        stripped = gap.strip()
        if len(gap) > 60 or ("\n" in gap and stripped != ":") or _SENTENCE_END.search(gap):
            return None  # "X said:" ending a paragraph introduces the quotation below it
        if stripped and not (stripped.endswith((":", ",")) or stripped.lower() == "that"):
            return None
        if stripped and not self._within(tok, end, q.open):
            return None
        if stripped.lower() in ("", "that") and not self._comp_inside(tok, q):
            return None  # said “the plan” was dead: the quotation is part of the clause
        if not self._speech_like(q):
            return None
        return self._take(k, "direct" if self._has_verb(q) else "partial", tok, subject)

    def _has_verb(self, q: Quoted) -> bool:
        """urged “calm and restraint”: a quotation without a verb is a fragment, not a sentence."""
        lo, hi = bisect.bisect_left(self.idx, q.start), bisect.bisect_left(self.idx, q.end)
        return any(self.doc[i].pos_ in ("VERB", "AUX") for i in range(lo, hi))

    def _within(self, tok: Token, start: int, end: int) -> bool:
        """Every word between start and end hangs on the cue (no other clause between); an
        account handle ("from his account @name:") may hang anywhere."""
        span = self.doc.char_span(start, end, alignment_mode="expand")
        if span is None:
            return True
        lo, hi = tok.left_edge.i, tok.right_edge.i
        return all(lo <= t.i <= hi and (t.pos_ not in ("VERB", "AUX") or t.tag_ in ("VBN", "VBG"))
                   for t in span if not t.is_punct and not t.is_space and t.text[:1] != "@")

    def _join_continuation(self, found: _Found, tok: Token, subject: Token | None) -> None:
        """“A,” she said, “and B.”: a quotation resumed in lower case after a comma is the
        same one, also across attribution words within the cue's clause (“A,” she said in a
        radio interview, “but B.”); the quote's channel is read before its end moves."""
        _, b = self._frame(tok, subject)
        end = self.doc[b - 1].idx + len(self.doc[b - 1])
        k = bisect.bisect_left(self.q_starts, end)
        if k >= len(self.quoted) or k in self.used:
            return
        q = self.quoted[k]
        gap = self.text[end:q.open]
        if "\n" in gap or not gap.rstrip().endswith(",") or len(gap) > 80 \
                or not self.text[q.start:q.start + 1].islower():
            return
        # “A,” she said in a radio interview, “and B.”: words of the attribution between
        if gap.strip() == "," or (not _SENTENCE_END.search(gap) and self._within(tok, end, q.open)):
            self.used.add(k)
            found.channel = self._channel(found)  # the interruption is about to be content
            found.end = q.end

    def _object_of(self, tok: Token, lemma: str, subject: Token | None) -> _Found | None:
        """accused Paris of “hostile” remarks: object through the of-phrase."""
        if lemma not in self.cues.object_of:
            return None
        obj = next((c for c in tok.children if c.dep_ == "dobj"), None)
        of = next((c for c in tok.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if of is None and obj is not None:
            of = next((c for c in obj.rights if c.dep_ == "prep" and c.lower_ == "of"), None)
        if obj is None or of is None:
            return None
        lo = obj.left_edge.i
        return self._region(lo, self._cut_at_cue(lo, of.right_edge.i + 1), tok, subject)

    def _clause(self, tok: Token, lemma: str, subject: Token | None) -> _Found | None:
        """said that ...; ..., the minister said."""
        comps = [c for c in tok.children if c.dep_ in CONTENT_DEPS]
        comp = next((c for c in comps if c.i > tok.i), comps[0] if comps else None)
        if comp is None:
            comp = self._that_clause(tok)
        if comp is None and tok.dep_ == "conj" and tok.head.i < tok.i:
            comp = None if self._has_right_content(tok) else tok.head
            if comp is not None and not self._content_left_ok(tok, subject):
                comp = None
        if comp is None:
            return None
        if comp.i < tok.i:
            return self._left_content(tok, subject)
        lo = comp.left_edge.i
        hi = self._continued(tok, self._clause_end(comp))
        return self._region(lo, hi, tok, subject)

    def _continued(self, tok: Token, hi: int) -> int:
        """said that A, “...,” but that B / said A and should B: a second reported clause
        the parser coordinated with the main verb rather than with the first one. It opens
        with a conjunction and then "that" or a modal with no subject of its own."""
        doc, end = self.doc, self._sent(tok).end
        i = hi
        while i < end and (doc[i].is_punct or doc[i].is_space) and doc[i].text not in ".;!?":
            i += 1
        if i + 1 >= end or doc[i].dep_ != "cc":
            return hi
        first = doc[i + 1]
        head = first.head
        if head.dep_ != "conj" or head.i == tok.i or head.i < first.i:
            return hi
        if (first.lower_ == "that" and first.dep_ == "mark") or (
                first.tag_ == "MD" and first.dep_ == "aux"
                and not any(g.dep_ in SUBJECT_DEPS for g in head.children)):
            return min(end, head.right_edge.i + 1)
        return hi

    def _that_clause(self, tok: Token) -> Token | None:
        """wrote on X, formerly Twitter, that ...: a that-clause the parser hung elsewhere."""
        for t in self.doc[tok.i + 1:min(self._sent(tok).end, tok.i + 12)]:
            if t.lower_ == "that" and t.dep_ == "mark" and t.head.i > t.i:
                return t.head
            if t.lower_ == "that" and t.head.dep_ == "relcl" and _complement_clause(t):
                return t.head
            if (t.pos_ in ("VERB", "AUX") and t.dep_ not in ("amod", "compound")) \
                    or t.text in (".", ";", "!", "?"):
                return None  # a finite verb or a sentence end before any "that"
        return None

    def _clause_end(self, comp: Token) -> int:
        """End of a reported clause, before a cue verb of its own (“and accused”, “, adding”;
        not “and would not comment”, which reports nothing), or before a past-tense verb
        coordinated with a modal clause (“would not be intimidated but ruled out ...”: the
        speaker's own act, whatever the parser hung it on)."""
        modal = any(c.dep_ == "aux" and c.tag_ == "MD" for c in comp.children)
        for c in comp.rights:
            if c.dep_ not in ("conj", "advcl") or any(g.dep_ in SUBJECT_DEPS for g in c.children):
                continue
            if (self._is_cue(c) and not any(g.dep_ == "neg" for g in c.children)) \
                    or (modal and c.dep_ == "conj" and c.tag_ == "VBD"):
                end = c.left_edge.i
                while end > comp.i + 1 and (self.doc[end - 1].dep_ == "cc"
                                            or self.doc[end - 1].is_punct):
                    end -= 1
                return end
        return comp.right_edge.i + 1

    def _reporting_cue(self, clause: Token) -> Token | None:
        """The cue that reports `clause`: its head when it is a complement clause, or the
        nearest earlier cue of the sentence when the clause opens with "that"."""
        if clause.dep_ in CONTENT_DEPS and self._is_cue(clause.head):
            return clause.head
        if not any(c.dep_ == "mark" and c.lower_ == "that" for c in clause.children):
            return None
        start = self._sent(clause).start
        for i in range(clause.left_edge.i - 1, max(start, clause.i - 30) - 1, -1):
            if self._is_cue(self.doc[i]):
                return self.doc[i]
        return None

    def _cut_at_cue(self, lo: int, hi: int) -> int:
        """End of content [lo, hi) before a subjectless cue of its own (“, describing X as”)."""
        for i in range(lo + 1, hi):
            t = self.doc[i]
            if t.dep_ in ("conj", "advcl") and self._is_cue(t) \
                    and not any(g.dep_ in SUBJECT_DEPS for g in t.children):
                end = t.left_edge.i
                while end > lo + 1 and (self.doc[end - 1].dep_ == "cc" or self.doc[end - 1].is_punct):
                    end -= 1
                return end
        return hi

    def _is_cue(self, tok: Token) -> bool:
        return tok.pos_ in ("VERB", "AUX") and tok.lemma_.lower() in self.verbs

    def _comp_inside(self, tok: Token, q: Quoted) -> bool:
        """The reported clause is the quotation (its head inside the marks), not a clause that
        merely starts with a quoted phrase."""
        comp = next((c for c in tok.children if c.dep_ in CONTENT_DEPS and c.i > tok.i), None)
        if comp is None:
            return True
        return q.start <= comp.idx < q.end

    def _has_right_content(self, tok: Token) -> bool:
        return any(c.dep_ in CONTENT_DEPS and c.i > tok.i for c in tok.children)

    def _content_left_ok(self, tok: Token, subject: Token | None) -> bool:
        """"X, the minister said": a comma closes the content just before the attribution."""
        a, _ = self._frame(tok, subject)
        return a > self._sent(tok).start and self.doc[a - 1].text in (",", "—", "–")

    def _left_content(self, tok: Token, subject: Token | None) -> _Found | None:
        a, _ = self._frame(tok, subject)
        lo = self._sent(tok).start
        para = self._paragraph_start(self.doc[a].idx)
        while lo < a and self.doc[lo].idx < para:
            lo += 1
        while lo < a and (self.doc[lo].is_space or self.doc[lo].idx < self.dateline_end):
            lo += 1
        return self._region(lo, a, tok, subject)

    def _fragment(self, tok: Token, lemma: str, subject: Token | None) -> _Found | None:
        """blasted the union bosses as “thugs”: a quoted fragment in the cue's object."""
        if lemma not in self.cues.fragment_object and lemma in self.cues.clause_only:
            return None
        start = self.doc[tok.i + 1].idx if tok.i + 1 < len(self.doc) else len(self.text)
        right = tok.right_edge
        end = right.idx + len(right)
        k = bisect.bisect_left(self.q_starts, start)
        if k >= len(self.quoted) or k in self.used or not self._ends_by(self.quoted[k], end):
            return None
        found = self._take(k, "partial", tok, subject)
        # calling him “a loser” who “could not do the job”: later fragments of the phrase too
        while k + 1 < len(self.quoted) and k + 1 not in self.used \
                and self._ends_by(self.quoted[k + 1], end) \
                and self._joined(self.quoted[k].outer_end, self.quoted[k + 1].open):
            k += 1
            self.used.add(k)
            found.end = self.quoted[k].end
        # described the junta as “illegitimate”: the content starts at the object
        obj = next((c for c in tok.rights if c.dep_ == "dobj"), None)
        if obj is not None and obj.left_edge.idx < found.start:
            found.start = obj.left_edge.idx
            found.end = max(found.end, obj.right_edge.idx + len(obj.right_edge))
        return found

    def _joined(self, start: int, end: int) -> bool:
        """Two fragments belong to one phrase: a few words and no verb between them."""
        lo, hi = bisect.bisect_left(self.idx, start), bisect.bisect_left(self.idx, end)
        return hi - lo <= 4 and not any(self.doc[i].pos_ in ("VERB", "AUX") for i in range(lo, hi))

    def _ends_by(self, q: Quoted, end: int) -> bool:
        """The quotation closes by `end` (allowing the punctuation placed inside the marks)."""
        return q.outer_end <= end + 1 or not self.text[end:q.outer_end].strip(".,;:!?\"'”’» ")

    def _preposition_cue(self, tok: Token) -> _Found | None:
        """according to X, ... / ..., according to X."""
        for seq in self.cues.prepositions:
            words = self.doc[tok.i:tok.i + len(seq)]
            if tuple(t.lower_ for t in words) != seq or len(words) < len(seq):
                continue
            last = words[-1]
            obj = next((c for c in last.children if c.dep_ == "pobj"), None)
            if obj is None or self._quote_index_at(tok.idx) is not None:
                return None
            sent = self._sent(tok)
            phrase_end = obj.right_edge.i + 1
            before = (sent.start, tok.i)
            after = (phrase_end, sent.end)
            lo, hi = after if (after[1] - after[0]) >= (before[1] - before[0]) else before
            while lo < hi and (self.doc[lo].is_space or self.doc[lo].idx < self.dateline_end):
                lo += 1
            cue_span = CharSpan(tok.idx, last.idx + len(last))
            f = self._region(lo, hi, tok, obj)
            if f is not None:
                f.cue_span = cue_span
            return f
        return None

    def _noun_cue(self, tok: Token) -> _Found | None:
        """his warning that ...; the claim that ...: a cue noun with a that-clause."""
        comp = next((c for c in tok.children if c.dep_ in ("acl", "ccomp")
                     and any(g.dep_ == "mark" and g.lower_ == "that" for g in c.children)), None)
        if comp is None or self._quote_index_at(tok.idx) is not None:
            return None
        speaker = next((c for c in tok.children if c.dep_ == "poss"), None)
        if speaker is None:
            by = next((c for c in tok.children if c.dep_ == "prep" and c.lower_ in ("by", "from")),
                      None)
            speaker = next((c for c in by.children if c.dep_ == "pobj"), None) if by else None
        if speaker is None:
            return None
        return self._region(comp.left_edge.i, comp.right_edge.i + 1, tok, speaker)

    # -------------------------------------------------------- building blocks

    def _speech_like(self, q: Quoted) -> bool:
        return len(self.text[q.start:q.end].split()) >= 2

    def _take(self, k: int, kind: str, tok: Token, subject: Token | None) -> _Found:
        self.used.add(k)
        q = self.quoted[k]
        return _Found(q.start, q.end, kind, tok, CharSpan(tok.idx, tok.idx + len(tok)), subject,
                      quoted=q)

    def _region(self, lo: int, hi: int, tok: Token, subject: Token | None) -> _Found | None:
        """Content over tokens [lo, hi): trimmed, typed direct/partial/indirect by its marks."""
        doc = self.doc
        sent = self._sent(tok)
        hi = min(hi, sent.end if lo >= sent.start else hi)
        while lo < hi and (doc[lo].is_space or (doc[lo].is_punct and not _is_mark(doc[lo]))
                           or (doc[lo].lower_ in ("that", "whether")
                               and doc[lo].pos_ in ("SCONJ", "PRON")
                               and doc[lo].dep_ in ("mark", "dobj", "nsubj"))
                           or _complementiser_as_det(doc[lo])):
            lo += 1
        while hi > lo and (doc[hi - 1].is_space or (doc[hi - 1].is_punct
                                                     and not _is_mark(doc[hi - 1]))):
            hi -= 1
        if hi - lo < 2 or lo <= tok.i < hi:
            return None
        start, end = doc[lo].idx, doc[hi - 1].idx + len(doc[hi - 1])
        ks = range(bisect.bisect_left(self.q_starts, start), bisect.bisect_right(self.q_starts, end))
        sent_end = sent.end_char
        for k in ks:  # a fragment closing just past the clause ("a “key principle.”") belongs to it
            q_end = self.quoted[k].outer_end
            if end < q_end and (q_end <= sent_end or not self.text[sent_end:q_end].strip("\"'”’»")) \
                    and not self.text[end:self.quoted[k].end].strip(".,;:!? "):
                end = self.quoted[k].outer_end
        inside = [k for k in ks if self.quoted[k].outer_end <= end + 1]
        kind = "indirect"
        if len(inside) == 1 and self.quoted[inside[0]].open <= start + 1 \
                and self.quoted[inside[0]].outer_end >= end - 1:
            q = self.quoted[inside[0]]
            start, end, kind = q.start, q.end, "direct"
        elif inside:
            kind = "partial"
        if any(k in self.used for k in inside):
            return None
        self.used.update(inside)
        return _Found(start, end, kind, tok, CharSpan(tok.idx, tok.idx + len(tok)), subject)

    def _quote_index_at(self, char: int) -> int | None:
        """Index of the quotation whose marks enclose `char`, if any."""
        k = bisect.bisect_right(self.q_starts, char) - 1
        if k >= 0 and self.quoted[k].open < char < self.quoted[k].outer_end:
            return k
        return None

    def _paragraph(self, char: int) -> int:
        return bisect.bisect_right(self.paragraph_breaks, char)

    def _orphans(self, found: list[_Found]) -> Iterable[_Found]:
        """Quotations no cue claimed: a continuation of the paragraph's last attribution, or
        unattributed speech when long enough; short ones are scare quotes and are dropped."""
        by_start = sorted(found, key=lambda f: f.start)
        starts = [f.start for f in by_start]
        out: list[_Found] = []
        for k, q in enumerate(self.quoted):
            if k in self.used or not self._sentence_like(q) \
                    or self._quote_index_inside_content(q, by_start, starts):
                continue
            prev = self._previous_attribution(q, by_start, starts, out)
            headline = self._headline(q) if prev is None else None
            if prev is None and headline is None \
                    and len(self.text[q.start:q.end].split()) < MIN_ORPHAN_WORDS:
                continue
            if prev is not None:
                out.append(_Found(q.start, q.end, "direct", prev.cue, prev.cue_span,
                                  prev.subject, quoted=q, speaker=prev.speaker,
                                  speaker_mention=prev.speaker_mention, channel=prev.channel))
            elif headline is not None:
                out.append(_Found(q.start, q.end, "direct", None, headline[2], None, quoted=q,
                                  speaker=headline[0], speaker_mention=headline[1]))
            else:
                speaker, mention = self._neighbour_speaker(q)
                out.append(_Found(q.start, q.end, "direct", None, None, None, quoted=q,
                                  speaker=speaker, speaker_mention=mention))
        return out

    def _neighbour_speaker(self, q: Quoted) -> tuple[str | None, CharSpan | None]:
        """Kuleba was defiant. “We will not give up.”: with no cue, the person the sentence
        just before (same paragraph) is about; after a colon, whoever that sentence is about."""
        i = bisect.bisect_left(self.idx, q.open) - 1
        while i >= 0 and (self.doc[i].is_space or _is_mark(self.doc[i])):
            i -= 1
        if i < 0 or self._paragraph(self.idx[i]) != self._paragraph(q.open) \
                or self.idx[i] < self.dateline_end:
            return None, None
        colon = self.doc[i].text == ":"
        subject = None
        for j in range(i, max(self._sent(self.doc[i]).start, i - 40) - 1, -1):
            verb = self.doc[j]  # the last clause before the quotation, and its subject
            if verb.pos_ in ("VERB", "AUX"):
                subject = next((c for c in verb.children if c.dep_ in ("nsubj", "nsubjpass")
                                and c.i < j), None)
                if subject is not None:
                    break
        m = self._named_in(subject) if subject is not None else None
        if m is None or m.is_place or (not colon and self._kind(m) != "person"):
            return None, None
        return m.actor, CharSpan(m.start, m.end)

    def _headline(self, q: Quoted) -> tuple[str | None, CharSpan, CharSpan | None] | None:
        """A paragraph that is nothing but a name and a quotation, in headline form:
        "Name: 'quotation'" (the name an actor the article names) or "'QUOTATION' SAYS NAME"
        (a cue verb in the present third person; any case). The speaker, the name's span and
        the cue's span."""
        para = self._paragraph_start(q.open)
        p = self._paragraph(q.open)
        para_end = self.paragraph_breaks[p] if p < len(self.paragraph_breaks) else len(self.text)
        before = self.text[para:q.open]
        after = self.text[q.outer_end:para_end]
        cue: CharSpan | None = None
        if before.rstrip().endswith(":") and not after.strip(" .!?"):
            name_start = para + len(before) - len(before.lstrip())
            name_end = para + len(before.rstrip()) - 1
        elif not before.strip():
            m = re.match(r"[\s,.!?]*(\w+)\s+", after)
            word = m.group(1).lower() if m else ""
            if not m or not (word.endswith("s") and word[:-1] in self.cues.verbs):
                return None
            cue = CharSpan(q.outer_end + m.start(1), q.outer_end + m.end(1))
            rest = after[m.end():].rstrip(" .!?\t")
            name_start, name_end = q.outer_end + m.end(), q.outer_end + m.end() + len(rest)
        else:
            return None
        name = self.text[name_start:name_end].strip()
        words = name.split()
        if not 1 <= len(words) <= 5 or not all(w[:1].isupper() for w in words):
            return None
        actor = self._actor_named(words[-1])
        if cue is None and actor is None:
            return None  # "Breaking: '...'", "Watch: '...'": a label, not a speaker
        return actor, CharSpan(name_start, name_end), cue

    def _actor_named(self, word: str) -> str | None:
        """The actor of another mention in the article ending with `word` (a person first)."""
        low = word.lower()
        same = [m.actor for m in self.mentions if self.text[m.start:m.end].lower().split()[-1:] == [low]]
        return next((a for a in same if self._actor_kind(a or "") == "person"),
                    same[0] if same else None)

    def _sentence_like(self, q: Quoted) -> bool:
        """A quotation that stands as speech: it starts a sentence, or follows a colon."""
        first = self.text[q.start]
        before = self.text[max(0, q.open - 3):q.open].strip()
        return first.isupper() or first.isdigit() or before.endswith(":") or not before

    def _quote_index_inside_content(self, q: Quoted, by_start: list[_Found],
                                    starts: list[int]) -> bool:
        i = bisect.bisect_right(starts, q.start) - 1
        return i >= 0 and by_start[i].end >= q.end

    def _previous_attribution(self, q: Quoted, by_start: list[_Found], starts: list[int],
                              extra: list[_Found]) -> _Found | None:
        i = bisect.bisect_left(starts, q.start) - 1
        prev = by_start[i] if i >= 0 else None
        if extra and (prev is None or extra[-1].start > prev.start):
            prev = extra[-1]
        if prev is None or prev.cue is None:
            return None
        para_q, para_p = self._paragraph(q.start), self._paragraph(prev.end)
        if para_q == para_p or (para_q == para_p + 1 and prev.kind == "direct"
                                and self._whole_paragraph(q)):
            return prev
        return None

    def _whole_paragraph(self, q: Quoted) -> bool:
        """The quotation is its paragraph (nothing but marks and punctuation around it)."""
        p = self._paragraph(q.open)
        end = self.paragraph_breaks[p] if p < len(self.paragraph_breaks) else len(self.text)
        outside = self.text[self._paragraph_start(q.open):q.open] + self.text[q.outer_end:end]
        return not outside.strip(" \t.,;:\"'”’»")

    def _paragraph_start(self, char: int) -> int:
        p = self._paragraph(char)
        return self.paragraph_breaks[p - 1] + 1 if p > 0 else 0

    # -------------------------------------------------------- speakers and channels

    def _resolve(self, found: list[_Found]) -> None:
        done: list[_Found] = []
        for f in found:
            if f.cue is not None and f.speaker is None and f.subject is not None:
                f.speaker, f.speaker_mention = self._speaker(f.subject, done)
            if f.channel is None and f.cue is not None:
                f.channel = self._channel(f) or self._carried_channel(f, done)
            done.append(f)

    def _speaker(self, subject: Token, done: list[_Found]) -> tuple[str | None, CharSpan | None]:
        named = self._named_in(subject)
        span = _np_span(subject)
        start = span.start_char
        while start < span.end_char and (self.text[start] in QUOTE_CHARS
                                         or self.text[start].isspace()):
            start += 1  # “...” ¶ A factory manager said: a run-on parse starts at the mark
        own = CharSpan(start, span.end_char)
        low, lemma = subject.lower_, subject.lemma_.lower()
        unlinked = self._unlinked_name(subject)  # before an "of"-phrase or modifier's actor
        if unlinked is not None:
            return unlinked
        if named is not None and not (named.label == "agent" and self._anaphoric(subject)):
            return named.actor, CharSpan(named.start, named.end)
        if low in self.cues.pronouns:
            return self._antecedent(subject, self.cues.pronouns[low], done), own
        if lemma in self.cues.documents or self._compound_document(subject):
            return self._issuer(subject, done), own
        found: str | None = None
        if lemma in self.cues.person_nouns and self._anaphoric(subject):
            found = self._antecedent(subject, frozenset({"person"}), done)
        elif lemma in self.cues.organization_nouns and self._anaphoric(subject):
            found = self._antecedent(subject, frozenset({"organization", "country"}), done)
        if found is None and named is not None:
            return named.actor, CharSpan(named.start, named.end)
        return found, own

    def _anaphoric(self, subject: Token) -> bool:
        """"the minister", "the fuming PM" point back; "a ministry official" does not."""
        return any(c.dep_ == "det" and c.lower_ in ("the", "this", "that") for c in subject.children) \
            and not any(c.dep_ in ("compound", "poss") for c in subject.children)

    def _named_in(self, subject: Token) -> MentionAnn | None:
        """The actor mention the subject phrase names: its head, an apposition, a modifier."""
        if subject.pos_ == "NOUN":
            named = self._apposed_name(subject)
            if named is not None:
                return named
        if subject.i in self.mention_at:
            return self.mention_at[subject.i]
        for child in subject.children:
            if child.dep_ == "appos":
                for t in child.subtree:
                    if t.i in self.mention_at:
                        return self.mention_at[t.i]
        # "The U.S. envoy for Sudan, Tom Perriello,": a named person anywhere in the phrase
        # (the parser may hang the apposition on a modifier) is who speaks.
        span = _np_span(subject)
        for i in range(span.start, span.end):
            m = self.mention_at.get(i)
            if m is not None and m.start >= self.dateline_end and self._kind(m) == "person":
                return m
        best: MentionAnn | None = None
        for t in reversed(list(subject.lefts)):  # nearest modifier first
            for u in t.subtree:
                m = self.mention_at.get(u.i)
                if m is None or m.start < self.dateline_end:
                    continue
                if best is None or (self._kind(m) == "person" and self._kind(best) != "person"):
                    best = m
        if best is None:
            for t in subject.rights:
                if t.dep_ in ("prep",) and t.lower_ in ("of", "for", "from", "at", "in"):
                    for u in t.subtree:
                        m = self.mention_at.get(u.i)
                        if m is not None and not m.is_place:
                            return m
        return best

    def _apposed_name(self, subject: Token) -> MentionAnn | None:
        """The actor mention among the names apposed to a role noun: a person before any
        other actor, else the last."""
        names = [self.mention_at[t.i] for t in self._apposed(subject) if t.i in self.mention_at]
        return next((m for m in names if self._kind(m) == "person"), names[-1] if names else None)

    def _apposed(self, subject: Token) -> list[Token]:
        """"the head of the farmers' union, Jan Kowalski," / "a spokeswoman for the council
        (NSC), Ana Lima,": the names set off by a comma in a role noun's phrase, wherever the
        parser hung them (not inside a relative clause)."""
        names = []
        for t in subject.subtree:
            if t.dep_ != "appos" or t.pos_ != "PROPN" or t.left_edge.i == 0 \
                    or self.doc[t.left_edge.i - 1].text != ",":
                continue
            up = t.head
            while up.i != subject.i and up.dep_ not in ("relcl", "acl"):
                up = up.head
            if up.i == subject.i:
                names.append(t)
        return names

    def _unlinked_name(self, subject: Token) -> tuple[str | None, CharSpan] | None:
        """A role noun's apposed name the actor layer did not link: its span, and the actor
        another mention of the article with that surname stands for (a person first)."""
        names = self._apposed(subject) if subject.pos_ == "NOUN" else []
        if not names or any(t.i in self.mention_at for t in names):
            return None
        name = names[-1]
        return self._actor_named(name.text), CharSpan(name.left_edge.idx, name.idx + len(name))

    def _kind(self, m: MentionAnn) -> str | None:
        actor = self.actors.get(m.actor) if m.actor else None
        return actor.kind if actor is not None else None

    def _antecedent(self, tok: Token, kinds: frozenset[str], done: list[_Found]) -> str | None:
        """The actor a pronoun or role noun points back to: the subject of the previous
        sentence when it fits (the sentence's topic), else a recent speaker, else the
        nearest earlier actor of a fitting kind."""
        topic = self._topic(tok, kinds)
        if topic is not None:
            return topic
        for f in reversed(done[-SPEAKER_WINDOW:]):
            if f.speaker and f.end <= tok.idx + 1 and self._actor_kind(f.speaker) in kinds \
                    and self._sentences_apart(f, tok) <= 2:
                return f.speaker
        i = bisect.bisect_left(self.mention_starts, tok.idx) - 1
        stop = max(-1, i - PRONOUN_WINDOW)
        while i > stop:
            m = self.mentions[i]
            if not m.is_place and m.start >= self.dateline_end and self._kind(m) in kinds \
                    and self._quote_index_at(m.start) is None:
                return m.actor
            i -= 1
        return None

    def _topic(self, tok: Token, kinds: frozenset[str]) -> str | None:
        """The nearest earlier actor of a fitting kind that is the subject of a main clause
        (the topic a pronoun continues), within the two sentences before `tok`."""
        first = max(0, self.sent_no[tok.i] - 2)
        i = bisect.bisect_left(self.mention_starts, tok.idx) - 1
        stop = max(-1, i - PRONOUN_WINDOW)
        while i > stop:
            m = self.mentions[i]
            if self.sent_no[m.token_start] < first:
                return None
            if not m.is_place and m.start >= self.dateline_end and self._kind(m) in kinds \
                    and self._quote_index_at(m.start) is None and self._main_subject(m):
                return m.actor
            i -= 1
        return None

    def _main_subject(self, m: MentionAnn) -> bool:
        root = next((self.doc[i] for i in range(m.token_start, m.token_end)
                     if not m.token_start <= self.doc[i].head.i < m.token_end), None)
        if root is None:
            return False
        if root.dep_ == "appos":
            root = root.head
        return root.dep_ in ("nsubj", "nsubjpass") and root.head.dep_ == "ROOT"

    def _actor_kind(self, key: str) -> str | None:
        actor = self.actors.get(key)
        return actor.kind if actor is not None else None

    def _sentences_apart(self, f: _Found, tok: Token) -> int:
        if f.cue is None:
            return 99
        return abs(self.sent_no[tok.i] - self.sent_no[f.cue.i])

    def _compound_document(self, tok: Token) -> bool:
        return any(c.dep_ == "compound" and c.lemma_.lower() in self.cues.documents
                   for c in tok.children)

    def _issuer(self, subject: Token, done: list[_Found]) -> str | None:
        """“...,” the statement says: the organisation that issued the latest such document."""
        owner = self._document_owner(subject)
        if owner:
            return owner
        sent = self._sent(subject)
        start = sent.start
        for _ in range(4):
            if start <= 0:
                break
            prev = self._sent(self.doc[start - 1])
            for tok in prev:
                if tok.lemma_.lower() in self.cues.documents and tok.pos_ == "NOUN":
                    owner = self._document_owner(tok)
                    if owner:
                        return owner
            start = prev.start
        return self._antecedent(subject, frozenset({"organization", "country"}), done)

    def _document_owner(self, doc_tok: Token) -> str | None:
        """Who issued this document: its possessor, "by/from X", or the issuing verb's subject."""
        for child in doc_tok.children:
            if child.dep_ == "poss" or (child.dep_ == "prep" and child.lower_ in ("by", "from", "of")):
                for t in child.subtree:
                    m = self.mention_at.get(t.i)
                    if m is not None:
                        return m.actor
        head = doc_tok.head
        for _ in range(3):
            if head.pos_ == "VERB":
                if head.lemma_.lower() in self.cues.issuing or head.lemma_.lower() in self.verbs:
                    subj = self._subject(head)
                    if subj is not None:
                        m = self._named_in(subj)
                        return m.actor if m is not None else None
                return None
            if head.head is head:
                return None
            head = head.head
        return None

    def _channel(self, f: _Found) -> str | None:
        """A channel word in the attribution frame (not in the content): "on Twitter"."""
        assert f.cue is not None
        tok = f.cue
        lo, hi = tok.left_edge.i, tok.right_edge.i + 1
        if tok.dep_ in ("advcl", "conj", "xcomp") and tok.head.i < tok.i:
            lo = min(lo, tok.head.left_edge.i)
        lo, hi = max(lo, tok.i - CHANNEL_WINDOW), min(hi, tok.i + CHANNEL_WINDOW)
        lower, idx = self.lower, self.idx
        best: tuple[int, str] | None = None
        for i in range(lo, hi):
            if f.start <= idx[i] < f.end or lower[i] not in self.channels:
                continue  # the content names no channel
            if lower[i] == self.x_hash and not (i > 0 and lower[i - 1] == self.on_hash
                                                and self.doc[i].text == "X"):
                continue  # "X" is the platform only as "on X"
            for seq, rank, channel in self.channels[lower[i]]:
                if tuple(lower[i:i + len(seq)]) == seq and (best is None or rank < best[0]):
                    best = (rank, channel)
        return best[1] if best else None

    def _carried_channel(self, f: _Found, done: list[_Found]) -> str | None:
        """“...,” she wrote: the channel of the same speaker's statement just before."""
        if f.cue is None or f.cue.lemma_.lower() not in self.cues.channel_carrying or not f.speaker:
            return None
        for g in reversed(done[-SPEAKER_WINDOW:]):
            if g.speaker == f.speaker and g.channel and g.cue is not None \
                    and self.sent_no[f.cue.i] - self.sent_no[g.cue.i] <= 2:
                return g.channel
        return None

    def _annotation(self, f: _Found) -> QuoteAnn:
        sent_start, sent_end = f.start, f.end
        anchors = [f.start, max(f.start, f.end - 1)]
        if f.cue is not None:
            anchors.append(f.cue.idx)
        sents = [self.sents[max(0, bisect.bisect_right(self.sent_starts, a) - 1)]
                 for a in anchors] if self.sents else []
        if sents:
            sent_start = min(s.start_char for s in sents)
            sent_end = max(s.end_char for s in sents)
        return QuoteAnn(start=f.start, end=f.end, kind=f.kind, speaker=f.speaker,
                        speaker_mention=f.speaker_mention, cue=f.cue_span, channel=f.channel,
                        sentence=CharSpan(sent_start, sent_end))


def _passive_participle(tok: Token) -> bool:
    """"Asked whether ..., X said" / "was told that": the subject is spoken to, not speaking."""
    if tok.tag_ != "VBN" or any(c.dep_ == "aux" and c.lemma_ == "have" for c in tok.children):
        return False
    if any(c.dep_ == "auxpass" for c in tok.children):
        return True
    # an acl/advcl participle is passive unless a that-clause shows the parser misread a
    # main verb ("Boluarte, who took office in December, acknowledged that ...")
    return tok.dep_ in ("advcl", "acl", "amod") and not any(
        c.dep_ == "ccomp" and any(g.lower_ == "that" for g in c.children) for c in tok.children)


def _complement_clause(that: Token) -> bool:
    """told a briefing that Islamabad had received the notice: "that" parsed as a relative
    pronoun, but the clause has its own subject and object, so it is a complementiser."""
    head = that.head
    others = [c for c in head.children if c.i != that.i]  # Tokens are views: compare indices
    has_subject = any(c.dep_ in SUBJECT_DEPS for c in others)
    complete = head.lemma_ == "be" or any(
        c.dep_ in ("dobj", "attr", "acomp", "auxpass", "ccomp", "xcomp", "prep") for c in others)
    return has_subject and complete


def _complementiser_as_det(tok: Token) -> bool:
    """posted that deforestation had fallen: "that" parsed as the determiner of the reported
    clause's subject opens the clause (a demonstrative there would read the same way)."""
    return tok.lower_ == "that" and tok.dep_ == "det" and tok.i > 0 \
        and tok.doc[tok.i - 1].lower_ != "that" \
        and tok.head.dep_ in ("nsubj", "nsubjpass") and tok.head.head.dep_ == "ccomp"


def _is_mark(tok: Token) -> bool:
    return any(ch in QUOTE_CHARS for ch in tok.text)


def _np_span(tok: Token) -> Span:
    """The noun phrase of a subject, without relative clauses and trailing commas."""
    doc = tok.doc
    lo = tok.left_edge.i
    hi = tok.i + 1
    for child in tok.rights:
        if child.dep_ in ("relcl", "acl", "punct") or child.text == ",":
            break
        hi = child.right_edge.i + 1
    return doc[lo:hi]


def _same_content(a: _Found, b: _Found) -> bool:
    return a.start == b.start and a.end == b.end


# ---------------------------------------------------------------- the linker


class QuoteLinker:
    """Marks events whose trigger lies in a quotation as reported by its speaker."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        link_events(doc._.dyad_events or [], doc._.dyad_quotes or [])
        return doc


def link_events(events: Sequence[EventAnn], quotes: Sequence[QuoteAnn]) -> None:
    """Set `quote` (index) and, when unset, `reported_by` of each event inside a quotation;
    the innermost quotation wins where they nest."""
    order = sorted(range(len(quotes)), key=lambda i: (quotes[i].start, -quotes[i].end))
    starts = [quotes[i].start for i in order]
    for ev in events:
        pos = ev.trigger.start
        best: int | None = None
        k = bisect.bisect_right(starts, pos) - 1
        # Quotations are few and rarely nest; walk back over those that start earlier.
        for j in range(k, max(-1, k - 8), -1):
            q = quotes[order[j]]
            if q.start <= pos and ev.trigger.end <= q.end:
                if best is None or q.end - q.start < quotes[best].end - quotes[best].start:
                    best = order[j]
        if best is None:
            continue
        ev.quote = best
        if ev.reported_by is None:
            ev.reported_by = quotes[best].speaker
