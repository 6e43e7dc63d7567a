"""The seat at the table: negotiation processes and who sits at, seeks, or is kept from them.

`dyad_negotiation_builder` reads the dependency parse, the actor layer (`token._.dyad_actor`,
`doc._.dyad_mentions`, `doc._.dyad_actors`), CONSULT events, quotes and dates, and writes
`doc._.dyad_negotiations`: one `NegotiationAnn` per process an article talks about, with its
participants, the actors that demand a seat, the actors left out, the actors promised
consultation, the sentences that say so and the dates they carry. Mentions of the same process
in one article are merged (shared topic words, overlapping participants, anaphoric "the talks").

Every word it keys on (talks nouns, seat and exclusion expressions, modal and refusal verbs)
comes from the lexicon `dyad.negotiations.v1` (`knowledge/data/negotiations.yaml`); the code
holds only the shape of the rules. It must not name countries, people or any article's wording,
and it never changes what other stages annotated. Work is linear in tokens: each sentence is
walked once, and every lookup around a token is bounded.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from spacy.attrs import LEMMA, LOWER, POS
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.symbols import NOUN, PROPN
from spacy.tokens import Doc, Span, Token

from dyad.errors import ConfigError
from dyad.pipeline.annotations import ActorAnn, CharSpan, EventAnn, NegotiationAnn
from dyad.pipeline.extensions import doc_text
from dyad.readers import dateline_parts

LEXICONS: dict[str, str] = {"dyad.negotiations.v1": "negotiations.yaml"}
ROLES: tuple[str, ...] = ("participants", "seeking_seat", "excluded", "consulted")
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?")
_ISO_WEEK = re.compile(r"^(\d{4})-W(\d{2})")
_MODIFIER_DEPS = ("compound", "amod", "nummod", "nmod")
_SUBJ = ("nsubj", "nsubjpass", "csubj")
_NOMINAL = ("NOUN", "PROPN", "PRON", "NUM")
_VERBAL = ("VERB", "AUX")
_PASSIVE_STATUSES = frozenset({"negated", "denied", "hypothetical"})  # events that seat no one


# --------------------------------------------------------------------------- lexicon


@dataclass(frozen=True)
class ProcessWord:
    """A word naming a negotiation process; `label` is how the process is called in a topic."""

    label: str
    plural_only: bool = False
    needs_with: bool = False
    needs_modifier: frozenset[str] = frozenset()
    needs_topic: bool = False


@dataclass(frozen=True)
class Participation:
    """A verb whose subject takes part: "hold talks", "take part in", "be at the table".

    `stative`: saying it is not so leaves the subject out ("Kyiv is not at the table"), where
    declining to act does not ("Russia will not attend the talks").
    """

    preps: frozenset[str] = frozenset()  # the preposition that carries the process, if any
    object: str | None = None  # a required object ("take *part* in")
    stative: bool = False
    bare: bool = False  # with no process after it, it still names taking part ("will attend")
    venue: bool = False  # the subject may only lend the room ("Norway hosted the meeting")


@dataclass(frozen=True)
class NegotiationLexicon:
    """The word lists of `negotiations.yaml`, as lower-case lemma sets."""

    process_nouns: dict[str, ProcessWord]
    process_verbs: dict[str, ProcessWord]
    participation_verbs: dict[str, Participation]
    exclusion_verbs: dict[str, frozenset[str]]  # lemma -> required particles (empty: none)
    seat_nouns: dict[str, str]  # lemma -> "table" | "process"
    words: dict[str, frozenset[str]]  # every plain list, by its YAML name
    # the participation verbs that seat their subject with no process named ("will take part")
    bare_participation: dict[str, Participation]

    def has(self, name: str, word: str) -> bool:
        return word in self.words[name]


_LISTS = (
    "topic_preps", "place_preps", "party_preps", "generic_modifiers", "generic_topic_words",
    "inclusion_verbs", "table_nouns", "giving_verbs", "withholding_verbs", "decision_nouns",
    "voice_nouns", "seek_verbs", "seek_nouns", "obligation_modals", "obligation_verbs",
    "restrictive_adverbs", "refusal_verbs", "negations", "reporting_verbs", "hypothetical_marks",
    "agreement_verbs", "consult_verbs", "meeting_verbs", "arrival_verbs", "bringing_verbs",
    "group_nouns", "plural_pronouns", "speaker_pronouns", "subject_pronouns", "state_sectors",
    "session_nouns", "outcome_preps", "setting_nouns", "pair_words", "pair_nouns",
)
# Lists added after the first release: a user lexicon without them reads them as empty.
_OPTIONAL = frozenset(("session_nouns", "outcome_preps", "setting_nouns", "pair_words", "pair_nouns"))


def _strings(value: Any) -> frozenset[str]:
    if value is None:
        return frozenset()
    values = [value] if isinstance(value, str) else list(value)
    odd = [v for v in values if not isinstance(v, str)]
    if odd:  # YAML reads bare on/no/yes as booleans
        raise TypeError(f"{odd!r} is not text; quote it in the YAML file")
    return frozenset(v.lower() for v in values)


def _process_words(raw: dict[str, Any]) -> dict[str, ProcessWord]:
    return {
        str(lemma).lower(): ProcessWord(
            label=str(spec.get("label", lemma)), plural_only=bool(spec.get("plural_only")),
            needs_with=bool(spec.get("needs_with")),
            needs_modifier=_strings(spec.get("needs_modifier")),
            needs_topic=bool(spec.get("needs_topic")),
        )
        for lemma, spec in raw.items()
    }


def parse_lexicon(data: Any, where: str) -> NegotiationLexicon:
    """A lexicon from the parsed YAML mapping `data` read from `where` (for messages)."""
    if not isinstance(data, dict):
        raise ConfigError(f"negotiation lexicon {where} is not a YAML mapping; see "
                          "dyad/knowledge/data/negotiations.yaml for the expected layout")
    required = (*(n for n in _LISTS if n not in _OPTIONAL), "process_nouns", "process_verbs", "participation_verbs",
                "exclusion_verbs", "seat_nouns")
    missing = [k for k in required if k not in data]
    if missing:
        raise ConfigError(f"negotiation lexicon {where} lacks {', '.join(missing)}; copy them "
                          "from dyad/knowledge/data/negotiations.yaml")
    try:
        participation = {
            str(lemma).lower(): Participation(_strings((spec or {}).get("prep")),
                                              (spec or {}).get("object"),
                                              bool((spec or {}).get("stative")),
                                              bool((spec or {}).get("bare")),
                                              bool((spec or {}).get("venue")))
            for lemma, spec in data["participation_verbs"].items()
        }
        exclusion = {str(lemma).lower(): _strings((spec or {}).get("particle"))
                     for lemma, spec in data["exclusion_verbs"].items()}
        seats = {str(lemma).lower(): str(spec["needs"]) for lemma, spec in data["seat_nouns"].items()}
        return NegotiationLexicon(
            process_nouns=_process_words(data["process_nouns"]),
            process_verbs=_process_words(data["process_verbs"]),
            participation_verbs=participation, exclusion_verbs=exclusion, seat_nouns=seats,
            words={name: _strings(data.get(name)) for name in _LISTS},
            bare_participation={k: v for k, v in participation.items() if v.bare},
        )
    except (AttributeError, KeyError, TypeError) as err:
        raise ConfigError(f"negotiation lexicon {where} has a malformed entry ({err!r}); "
                          "follow the layout of dyad/knowledge/data/negotiations.yaml") from None


@lru_cache(maxsize=8)
def load_lexicon(name: str = "dyad.negotiations.v1") -> NegotiationLexicon:
    """The lexicon registered as `name`, or read from the YAML file at path `name`."""
    if name in LEXICONS:
        text = (files("dyad.knowledge") / "data" / LEXICONS[name]).read_text(encoding="utf-8")
        return parse_lexicon(yaml.safe_load(text), name)
    path = Path(name)
    if not path.is_file():
        raise ConfigError(f"negotiation lexicon {name!r} is neither a registered name "
                          f"({', '.join(sorted(LEXICONS))}) nor an existing YAML file")
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as err:
        raise ConfigError(f"negotiation lexicon {name} is not valid YAML: {err}") from None
    return parse_lexicon(data, name)


# --------------------------------------------------------------------------- working records


@dataclass
class Mood:
    """How a predicate is put: negated, demanded, refused, or not asserted at all."""

    neg: bool = False
    seek: bool = False
    refused: bool = False
    skip: bool = False


@dataclass
class Claim:
    """Actors put in one role of a table by one expression of one sentence."""

    role: str  # one of ROLES
    keys: list[str]
    at: int  # token index of the expression
    process: int | None = None  # token index of the process word it names, if any
    strong: bool = True  # may found a record on its own (a table expression, not "talks with X")


@dataclass
class Unit:
    """One mention of a process in one sentence, with the claims attached to it."""

    sent: CharSpan
    anchor: int  # token index of the process word; -1 for claims with no process in sight
    kind: str  # noun | verb | consult | orphan
    label: str = "talks"
    topic: str | None = None  # "on X" phrase
    modifier: str | None = None  # "peace", "nuclear" in "peace talks"
    topic_words: set[str] = field(default_factory=set)
    roles: dict[str, list[str]] = field(default_factory=lambda: {r: [] for r in ROLES})
    strong: bool = False
    dates: list[str] = field(default_factory=list)
    definite: bool = False  # a bare "the talks": points back to the process just named

    def add(self, role: str, keys: Iterable[str]) -> None:
        bucket = self.roles[role]
        bucket.extend(k for k in keys if k not in bucket)

    def has_claims(self) -> bool:
        return any(self.roles[r] for r in ROLES if r != "participants") or self.strong

    def founds_record(self) -> bool:
        if self.kind == "noun":
            return bool(self.topic_words or self.modifier or self.roles["participants"]
                        or self.has_claims())
        if self.kind == "verb":
            return len(self.roles["participants"]) >= 2 or self.has_claims()
        return self.has_claims() or bool(self.roles["consulted"])


@dataclass
class Record:
    """Units merged into one process."""

    units: list[Unit] = field(default_factory=list)
    topic_words: set[str] = field(default_factory=set)
    participants: set[str] = field(default_factory=set)

    def absorb(self, unit: Unit) -> None:
        self.units.append(unit)
        self.topic_words |= unit.topic_words
        self.participants |= set(unit.roles["participants"])


# --------------------------------------------------------------------------- reading the parse


class _Reader:
    """Actor lookups and predicate analysis over one Doc."""

    def __init__(self, doc: Doc, lex: NegotiationLexicon) -> None:
        self.doc = doc
        self.lex = lex
        self.actor_at: dict[int, str] = {}
        self.place_at: dict[int, str] = {}  # "officials in Kyiv": a place that names its people
        self.country_at: set[int] = set()  # "the war in Ukraine" is a topic, "in Vienna" a venue
        # "BANGKOK (Wire) - Thailand and ...": the parser may make the dateline's place the
        # subject; it is where the story was filed, never a party.
        dateline_end = dateline_parts(doc_text(doc))[2]
        for m in doc._.dyad_mentions or []:
            if m.start < dateline_end:
                continue
            if m.label == "country":
                self.country_at.update(range(m.token_start, m.token_end))
            if m.actor:
                target = self.place_at if m.is_place else self.actor_at
                for i in range(m.token_start, m.token_end):
                    target[i] = m.actor
        if doc._.dyad_mentions is None:  # no mention list: read the token attribute instead
            for tok in doc:
                if tok._.dyad_actor:
                    self.actor_at[tok.i] = tok._.dyad_actor
        self.quotes = [(q.start, q.end, q.speaker) for q in (doc._.dyad_quotes or []) if q.speaker]

    # -- actors ---------------------------------------------------------------

    def actors(self, tok: Token, depth: int = 0, places: bool = False) -> list[str]:
        """Actor keys a noun phrase headed by `tok` stands for, coordinated members included.

        `places`: the slot can only hold an actor ("without Cairo at the table"), so a name
        the actor layer read as a place counts as the actor it names.
        """
        keys: list[str] = []
        for member in (tok, *tok.conjuncts) if tok.dep_ != "conj" else (tok,):
            if places and member.i in self.place_at and member.i not in self.actor_at:
                keys.append(self.place_at[member.i])
                continue
            for key in self._member_actors(member, depth):
                if key not in keys:
                    keys.append(key)
        return keys

    def _member_actors(self, tok: Token, depth: int) -> list[str]:
        lower = tok.lower_
        lemma = tok.lemma_.lower()
        if tok.i in self.actor_at:
            # "Russian and Ukrainian delegations": the mention may cover only the last owner
            owners = _dedupe([self.actor_at[tok.i], *(
                self.actor_at[m.i] for c in tok.children
                if c.dep_ in ("compound", "amod", "nmod") and c.conjuncts
                for m in (c, *c.conjuncts) if m.i in self.actor_at)])
            if self.lex.has("group_nouns", lemma) and depth < 2:
                return [*owners, *self.group_members(tok)]
            return owners
        if tok.pos_ == "PRON" or tok.tag_ in ("PRP", "PRP$"):
            if self.lex.has("plural_pronouns", lower):
                return self.plural_antecedent(tok)
            if self.lex.has("speaker_pronouns", lower):
                return self.speaker(tok)
            if self.lex.has("subject_pronouns", lower):
                return self.clause_subject(tok)
            return []
        if self.lex.has("pair_nouns", lemma) and tok.tag_ in ("NNS", "NNPS") and any(
                self.lex.has("pair_words", c.lower_) for c in tok.children
                if c.dep_ in ("det", "nummod", "predet")):
            return self.plural_antecedent(tok)  # "the two sides", "both countries"
        keys: list[str] = []
        if depth < 2:  # "the foreign minister, X": the named person is who acts
            for child in tok.children:
                if child.dep_ == "appos":
                    keys.extend(self.actors(child, depth + 1))
            if keys:
                return keys
        for child in tok.children:
            if child.dep_ in ("compound", "amod", "nmod") and child.i in self.actor_at:
                # "Chinese and Indian envoys": the coordinated adjectives name two owners
                keys.extend(self.actor_at[m.i] for m in (child, *child.conjuncts)
                            if m.i in self.actor_at)
            elif child.dep_ == "poss" and (self.lex.has("voice_nouns", lemma)
                                           or self.lex.has("group_nouns", lemma)):
                keys.extend(self.actors(child, depth + 1) if depth < 2 else [])
        if self.lex.has("group_nouns", lemma) and depth < 2:
            keys.extend(self.group_members(tok))
        return keys

    def group_members(self, tok: Token) -> list[str]:
        """Whom "officials in X and Y" / "representatives of X" speak for."""
        keys: list[str] = []
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ in ("in", "of", "from", "for"):
                for pobj in prep.children:
                    if pobj.dep_ != "pobj":
                        continue
                    for member in (pobj, *pobj.conjuncts):
                        key = self.actor_at.get(member.i) or self.place_at.get(member.i)
                        if key:
                            keys.append(key)
                        else:
                            keys.extend(self.actors(member, 1))
        return keys

    def plural_antecedent(self, tok: Token) -> list[str]:
        """The nearest earlier coordinated or plural actor phrase (this or the last sentence).

        Those left "without them" are not the parties of the talks ("talks between X and Y
        could go ahead without them"), so party phrases are skipped for that pronoun.
        """
        sent = tok.sent
        start = sent.start
        if start > 0:
            start = self.doc[start - 1].sent.start
        left_out = tok.head.lower_ == "without"
        for i in range(tok.i - 1, start - 1, -1):
            cand = self.doc[i]
            if cand.pos_ == "PRON" or (left_out and self.lex.has("party_preps", cand.head.lower_)):
                continue
            if cand.dep_ != "conj" and any(c.dep_ == "conj" for c in cand.children):
                keys = self.actors(cand, 0)
                if keys:  # "Ukraine and more than 60 countries ... they": whom we know of
                    return keys
            elif cand.tag_ in ("NNS", "NNPS") and cand.dep_ != "conj":
                keys = self.actors(cand, 0)
                if keys and (cand.i in self.actor_at or self.lex.has("group_nouns", cand.lemma_.lower())):
                    return keys
        return []

    def clause_subject(self, tok: Token) -> list[str]:
        """Whom 'it/its/he/his' stands for: the nearest enclosing clause subject naming an actor."""
        cur = tok
        for _ in range(8):
            if cur.head is cur:
                break
            cur = cur.head
            if cur.pos_ in _VERBAL:
                for subj in cur.children:
                    if subj.dep_ in _SUBJ and not (subj.left_edge.i <= tok.i <= subj.right_edge.i):
                        keys = [k for m in (subj, *subj.conjuncts) if m.i in self.actor_at
                                for k in [self.actor_at[m.i]]]
                        if keys:
                            return keys
        return []

    def speaker(self, tok: Token) -> list[str]:
        """Who 'we/us/our' is: the quote's speaker, else the subject of a reporting verb."""
        for start, end, speaker in self.quotes:
            if start <= tok.idx < end and speaker:
                return [speaker]
        for cand in tok.sent:
            if cand.pos_ in _VERBAL and self.lex.has("reporting_verbs", cand.lemma_.lower()):
                for subj in self.subjects(cand):
                    keys = self.actors(subj)
                    if keys:
                        return keys
        return []

    # -- predicates -----------------------------------------------------------

    def subjects(self, verb: Token) -> list[Token]:
        """The subject heads of `verb`, following control (xcomp) and shared subjects (conj)."""
        cur = verb
        for _ in range(4):
            subj = [c for c in cur.children if c.dep_ in _SUBJ]
            if subj:
                return subj
            if cur.dep_ == "relcl" and cur.head.pos_ in _NOMINAL:
                return [cur.head]
            if cur.dep_ == "xcomp":  # "urged Kyiv to join": the object does the joining
                objs = [c for c in cur.head.children if c.dep_ == "dobj"]
                if objs:
                    return objs
            if cur.dep_ in ("xcomp", "conj", "advcl") and cur.head is not cur:
                cur = cur.head
                continue
            break
        return []

    def agent(self, verb: Token) -> list[Token]:
        return [p for c in verb.children if c.dep_ == "agent" for p in c.children if p.dep_ == "pobj"]

    @staticmethod
    def is_passive(verb: Token) -> bool:
        return any(c.dep_ in ("auxpass", "nsubjpass") for c in verb.children)

    def receivers(self, verb: Token) -> list[Token]:
        """Who undergoes `verb`: the object, or the subject of a passive."""
        if self.is_passive(verb) or (verb.tag_ == "VBN" and verb.dep_ in ("xcomp", "ccomp")):
            subj = self.subjects(verb)
            if subj:
                return subj
        return [c for c in verb.children if c.dep_ in ("dobj", "dative")]

    def negated(self, tok: Token) -> bool:
        return any(c.dep_ == "neg" or (c.dep_ == "advmod" and self.lex.has("negations", c.lower_))
                   for c in tok.children)

    def clause_negated(self, verb: Token) -> bool:
        """Negation on the verb or on its core arguments ("no decisions", "nothing")."""
        if self.negated(verb) or self.lex.has("negations", verb.lemma_.lower()):
            return True
        for arg in verb.children:
            if arg.dep_ in (*_SUBJ, "dobj", "attr"):
                if self.lex.has("negations", arg.lemma_.lower()):
                    return True
                if any(d.dep_ == "det" and self.lex.has("negations", d.lower_) for d in arg.children):
                    return True
        return False

    def mood(self, verb: Token) -> Mood:
        """Negation, obligation/desire, refusal and non-assertion around a predicate."""
        lex = self.lex
        mood = Mood(neg=self.negated(verb))
        auxes = [c.lower_ for c in verb.children if c.dep_ in ("aux", "auxpass")]
        if any(lex.has("obligation_modals", a) for a in auxes):
            mood.seek = True
        if any(lex.has("restrictive_adverbs", c.lower_) for c in verb.children) and auxes:
            mood.seek = True
        cur = verb
        for _ in range(5):
            if any(c.dep_ == "mark" and lex.has("hypothetical_marks", c.lower_) for c in cur.children):
                mood.skip = True
            if cur.dep_ not in ("xcomp", "ccomp") or cur.head is cur:
                break
            head = cur.head
            lemma = head.lemma_.lower()
            if lex.has("seek_verbs", lemma):
                if self.negated(head) or (cur.dep_ == "xcomp" and any(
                        c.dep_ == "dobj" for c in head.children)):
                    mood.skip = True  # "urged both sides to return": a demand on others
                mood.seek = True
            elif lex.has("refusal_verbs", lemma):
                mood.refused = not self.negated(head)
            elif lex.has("obligation_verbs", lemma) and cur.dep_ == "xcomp":
                mood.seek = True
            elif lex.has("reporting_verbs", lemma) and self.negated(head):
                mood.skip = True
            cur = head
        return mood

    def governor(self, tok: Token) -> tuple[Token | None, list[str]]:
        """The nearest verb above a noun, with the prepositions passed on the way."""
        preps: list[str] = []
        cur = tok
        for _ in range(5):
            if cur.dep_ == "ROOT" or cur.head is cur:
                return None, preps
            if cur.dep_ == "conj":
                cur = cur.head
                continue
            head = cur.head
            if head.pos_ in _VERBAL:
                return head, preps
            if head.dep_ in ("prep", "prt", "advmod") or head.pos_ == "ADP":
                preps.append(head.lower_)
                cur = head
                continue
            if cur.dep_ in ("pobj", "prep"):
                cur = head
                continue
            return None, preps
        return None, preps

    # -- processes ------------------------------------------------------------

    def process_word(self, tok: Token) -> ProcessWord | None:
        """The lexicon entry when `tok` names a negotiation process here."""
        lemma = tok.lemma_.lower()
        if tok.pos_ in ("NOUN", "PROPN"):
            word = self.lex.process_nouns.get(lemma)
            if word is None:
                return None
            if word.plural_only and tok.tag_ not in ("NNS", "NNPS") and not tok.lower_.endswith("s"):
                return None
            if word.needs_modifier and not any(
                    c.lemma_.lower() in word.needs_modifier for c in tok.lefts):
                return None
            if word.needs_topic and not self.has_topic(tok):
                return None
            return word
        if tok.pos_ == "VERB":
            word = self.lex.process_verbs.get(lemma)
            if word is None:
                return None
            if word.needs_with and not any(c.lower_ == "with" for c in tok.children):
                return None
            return word
        return None

    def has_topic(self, noun: Token) -> bool:
        """Does "on/about X" (X neither a date nor an actor) hang on `noun`?"""
        return any(prep.dep_ == "prep" and self.lex.has("topic_preps", prep.lower_)
                   and not self.is_setting_phrase(prep)
                   and any(p.dep_ == "pobj" and p.i not in self.actor_at for p in prep.children)
                   for prep in noun.children)

    def party_objects(self, tok: Token) -> list[str]:
        """Actors in "with/between/among X" attached to `tok` (or to its direct object)."""
        keys: list[str] = []
        heads = [tok, *(c for c in tok.children if c.dep_ in ("dobj", "nsubjpass"))]
        for head in heads:
            for prep in head.children:
                if prep.dep_ == "prep" and self.lex.has("party_preps", prep.lower_):
                    for pobj in prep.children:
                        if pobj.dep_ == "pobj":
                            keys.extend(k for k in self.actors(pobj) if k not in keys)
        return keys

    def topic(self, head: Token) -> tuple[str | None, set[str]]:
        """The phrase headed by `head` (party phrases cut off) and its content lemmas."""
        cut: set[int] = set()
        for child in head.subtree:
            if child.dep_ == "prep" and child is not head and self.is_setting_phrase(child):
                cut.update(t.i for t in child.subtree)
            elif (child.dep_ == "prep" and self.lex.has("party_preps", child.lower_)
                    and any(self.actors(p) for p in child.children if p.dep_ == "pobj")):
                cut.update(t.i for t in child.subtree)
            elif child is not head and child.dep_ in ("relcl", "acl", "appos", "punct"):
                cut.update(t.i for t in child.subtree)
        lo = hi = head.i
        while lo - 1 >= head.left_edge.i and lo - 1 not in cut:
            lo -= 1
        while hi + 1 <= head.right_edge.i and hi + 1 not in cut and hi - lo < 11:
            hi += 1
        toks = [t for t in self.doc[lo:hi + 1]]
        while toks and (toks[0].dep_ in ("det", "predet", "punct") and toks[0].lower_ != "the"
                        or toks[0].is_punct):
            toks = toks[1:]
        while toks and (toks[-1].is_punct or toks[-1].dep_ in ("cc", "case")):
            toks = toks[:-1]
        if not toks:
            return None, set()
        text = self.doc[toks[0].i:toks[-1].i + 1].text
        return text, self.content_words(toks)

    def is_setting_phrase(self, prep: Token) -> bool:
        """Is this "in Vienna" / "on Monday": where or when, not what about?

        A country keeps its phrase ("the war in Ukraine"); talks are held in cities.
        """
        for pobj in prep.children:
            if pobj.dep_ == "pobj":
                if pobj.ent_type_ in ("DATE", "TIME") or self.lex.has("setting_nouns", pobj.lemma_.lower()):
                    return True
                if self.lex.has("place_preps", prep.lower_) and pobj.i not in self.country_at and (
                        pobj.ent_type_ in ("GPE", "LOC", "FAC") or pobj.i in self.place_at):
                    return True
        return False

    @staticmethod
    def is_time(tok: Token) -> bool:
        return tok.ent_type_ in ("DATE", "TIME")

    def content_words(self, toks: Iterable[Token]) -> set[str]:
        return {
            t.lemma_.lower() for t in toks
            if t.pos_ in ("NOUN", "PROPN", "ADJ") and t.i not in self.actor_at
            and not self.lex.has("generic_topic_words", t.lemma_.lower())
            and not self.lex.has("generic_modifiers", t.lemma_.lower())
        }


# --------------------------------------------------------------------------- the rules


def _roles_voluntary(mood: Mood, *, neg_excludes: bool = False) -> str | None:
    """The role of someone who takes part by their own act ("join the talks")."""
    if mood.skip or mood.refused:
        return None
    if mood.neg:
        return "excluded" if neg_excludes else None
    return "seeking_seat" if mood.seek else "participants"


def _roles_receiving(mood: Mood) -> str | None:
    """The role of someone let in by others ("invited to the talks", "given a seat")."""
    if mood.skip:
        return None
    if mood.neg or mood.refused:
        return "excluded"
    return "seeking_seat" if mood.seek else "participants"


def _roles_kept_out(mood: Mood) -> str | None:
    """The role of someone kept out by others ("excluded from", "left out of")."""
    if mood.skip or mood.refused:
        return None
    if mood.neg:
        return "seeking_seat" if mood.seek else None
    return "excluded"


class _SentenceRules:
    """Finds process mentions and table claims in one sentence."""

    def __init__(self, reader: _Reader, sent: Span) -> None:
        self.r = reader
        self.lex = reader.lex
        self.sent = sent
        self.claims: list[Claim] = []
        self.units: dict[int, Unit] = {}
        self.used: set[int] = set()  # tokens whose claims are made (prepositions, verbs)
        last = sent.end - 1
        while last > sent.start and sent.doc[last].is_space:
            last -= 1
        self.span = CharSpan(sent.start_char, sent.doc[last].idx + len(sent.doc[last].text))

    def run(self, toks: list[Token]) -> tuple[dict[int, Unit], list[Claim]]:
        """Apply the rules to the trigger tokens `toks` of the sentence, in text order."""
        for tok in toks:  # agreements first: they claim the consult verbs they govern
            if tok.pos_ in _VERBAL and self.lex.has("agreement_verbs", tok.lemma_.lower()):
                self.agreement(tok)
        for tok in toks:
            lemma = tok.lemma_.lower()
            word = self.r.process_word(tok) if tok.i not in self.units else None
            if word is not None and tok.pos_ == "VERB":
                self.process_verb(tok, word)
            elif word is not None:
                self.process_noun(tok, word)
            elif tok.pos_ == "NOUN" and self.lex.has("session_nouns", lemma) and tok.i not in self.units:
                self.session(tok)
            if tok.pos_ == "NOUN" and lemma in self.lex.seat_nouns:
                self.seat(tok)
        for tok in toks:
            lemma = tok.lemma_.lower()
            if tok.pos_ == "NOUN" and self.lex.has("table_nouns", lemma) and tok.i not in self.used:
                self.table(tok)
            elif tok.pos_ == "VERB" and tok.i not in self.used:
                if self.lex.has("inclusion_verbs", lemma) or lemma in self.lex.exclusion_verbs:
                    self.bare_inclusion(tok)
                elif lemma in self.lex.bare_participation:
                    self.bare_participation(tok, self.lex.bare_participation[lemma])
        for tok in toks:
            if tok.lower_ == "without" and tok.dep_ == "prep" and tok.i not in self.used:
                self.without(tok)
        return self.units, self.claims

    def claim(self, role: str | None, heads: Iterable[Token], at: Token, process: int | None,
              strong: bool = True, places: bool = False) -> None:
        """Put the actors of the phrases `heads` in `role` (no role: nothing is said)."""
        if role is None:
            return
        keys: list[str] = []
        for head in heads:
            keys.extend(k for k in self.r.actors(head, places=places) if k not in keys)
        if keys:
            self.claims.append(Claim(role, keys, at.i, process, strong))

    def claim_keys(self, role: str, keys: list[str], at: Token, process: int | None) -> None:
        """The parties a process word names itself ("talks with X"): no record on their own."""
        if keys:
            self.claims.append(Claim(role, keys, at.i, process, strong=False))

    def new_unit(self, tok: Token, kind: str, label: str) -> Unit:
        unit = Unit(sent=self.span, anchor=tok.i, kind=kind, label=label)
        self.units[tok.i] = unit
        return unit

    # -- process words --------------------------------------------------------

    def process_noun(self, noun: Token, word: ProcessWord) -> None:
        """"peace talks", "talks between X and Y on Z", and who the verb above seats."""
        r, lex = self.r, self.lex
        unit = self.new_unit(noun, "noun", word.label)
        mods = [c for c in noun.lefts if c.dep_ in ("compound", "amod", "nmod")]
        mod_words = [c for c in mods if c.i not in r.actor_at
                     and not lex.has("generic_modifiers", c.lemma_.lower())
                     and c.lemma_.lower() not in word.needs_modifier]
        if mod_words:
            unit.modifier = " ".join(c.text for c in mod_words)
            unit.topic_words |= r.content_words(mod_words)
        for prep in noun.children:
            if prep.dep_ == "prep" and lex.has("topic_preps", prep.lower_) \
                    and not r.is_setting_phrase(prep):
                for pobj in prep.children:
                    if pobj.dep_ in ("pobj", "pcomp") and pobj.i not in r.actor_at and not r.is_time(pobj):
                        unit.topic, words = r.topic(pobj)
                        unit.topic_words |= words
                        break
                if unit.topic:
                    break
        unit.definite = not (mod_words or unit.topic) and any(
            c.dep_ == "det" and c.lower_ == "the" for c in noun.children) and not any(
            c.dep_ == "prep" and lex.has("party_preps", c.lower_) for c in noun.children)
        asserted = self.governing_verb(noun)
        if asserted and not any(d.dep_ == "det" and lex.has("negations", d.lower_)
                                for d in noun.children):
            parties = [c for c in mods if c.i in r.actor_at]
            parties += [c for c in noun.children if c.dep_ == "poss"]
            self.claim("participants", parties, noun, noun.i, strong=False)
            self.claim_keys("participants", r.party_objects(noun), noun, noun.i)

    def governing_verb(self, noun: Token) -> bool:
        """Who the verb above a process noun seats: "hold talks", "excluded from the talks".

        False when that verb denies the process itself ("denied holding talks with X").
        """
        r, lex = self.r, self.lex
        verb, preps = r.governor(noun)
        if verb is None or verb.i in self.used:
            return True
        lemma = verb.lemma_.lower()
        spec = lex.participation_verbs.get(lemma)
        if spec is not None and self._fits(verb, noun, spec, preps):
            self.used.add(verb.i)
            mood = r.mood(verb)
            role = _roles_voluntary(mood, neg_excludes=spec.stative)
            if spec.venue and lex.has("session_nouns", noun.lemma_.lower()):
                role = None  # "Malta will host a meeting on X": the host may only lend the room
            self.claim(role, r.subjects(verb), verb, noun.i, strong=role != "participants")
            if role == "participants":
                self.claim(role, [p for c in verb.children if c.dep_ == "prep"
                                  and lex.has("party_preps", c.lower_)
                                  for p in c.children if p.dep_ == "pobj"], verb, noun.i,
                           strong=False)
            return not (mood.skip or mood.refused or (mood.neg and not spec.stative))
        if preps and lex.has("outcome_preps", preps[-1]):
            self.outcome(verb, noun)
            return True
        if lex.has("inclusion_verbs", lemma):
            self.used.add(verb.i)
            self.claim(_roles_receiving(r.mood(verb)), r.receivers(verb), verb, noun.i)
        elif lemma in lex.exclusion_verbs and self._particle(verb, lex.exclusion_verbs[lemma]):
            self.used.add(verb.i)
            self.claim(_roles_kept_out(r.mood(verb)), r.receivers(verb), verb, noun.i)
        return True

    def outcome(self, verb: Token, noun: Token) -> None:
        """"X and Y swapped prisoners after talks": a pair that acts on the talks sat at them."""
        r = self.r
        mood = r.mood(verb)
        if mood.skip or mood.neg or mood.refused or mood.seek:
            return
        subjects = r.subjects(verb)
        if len({k for subj in subjects for k in r.actors(subj)}) >= 2:
            self.claim("participants", subjects, verb, noun.i, strong=False)

    def session(self, noun: Token) -> None:
        """"join next week's round", "not invited to the meeting", "shut out of the process".

        A sitting names no process of its own: its claims go to the process of the sentence,
        else to the one the story was last about.
        """
        r, lex = self.r, self.lex
        verb, preps = r.governor(noun)
        if verb is None or verb.i in self.used:
            return
        lemma = verb.lemma_.lower()
        spec = lex.participation_verbs.get(lemma)
        if spec is not None and self._fits(verb, noun, spec, preps):
            if spec.venue:
                return  # who hosts a sitting may only lend the room
            role = _roles_voluntary(r.mood(verb), neg_excludes=spec.stative)
            heads = r.subjects(verb)
        elif lex.has("inclusion_verbs", lemma):
            role, heads = _roles_receiving(r.mood(verb)), r.receivers(verb)
        elif lemma in lex.exclusion_verbs and self._particle(verb, lex.exclusion_verbs[lemma]):
            role, heads = _roles_kept_out(r.mood(verb)), r.receivers(verb)
        else:
            return
        self.used.add(verb.i)
        self.claim(role, heads, verb, None, strong=False)

    def bare_participation(self, verb: Token, spec: Participation) -> None:
        """"they will take part", "asked to attend as an observer": no process named."""
        r = self.r
        objects = [c for c in verb.children if c.dep_ == "dobj"]
        if spec.object is not None:
            if not any(c.lemma_.lower() == spec.object for c in objects):
                return
        elif objects:
            return
        if any(c.dep_ == "prep" and c.lower_ in spec.preps for c in verb.children):
            return
        role = _roles_voluntary(r.mood(verb), neg_excludes=spec.stative)
        self.used.add(verb.i)
        self.claim(role, r.subjects(verb), verb, None, strong=role != "participants")

    @staticmethod
    def _fits(verb: Token, noun: Token, spec: Participation, preps: list[str]) -> bool:
        if spec.object is not None and not any(c.dep_ == "dobj" and c.lemma_.lower() == spec.object
                                               for c in verb.children):
            return False
        if spec.preps:
            return bool(preps) and preps[-1] in spec.preps
        return not preps and noun.dep_ in ("dobj", "nsubjpass", "attr", "conj")

    @staticmethod
    def _particle(verb: Token, particles: frozenset[str]) -> bool:
        return not particles or any(c.lower_ in particles for c in verb.children)

    def process_verb(self, verb: Token, word: ProcessWord) -> None:
        """"X discussed Z with Y", "X met Y to discuss Z", "Z will be negotiated by X and Y"."""
        r = self.r
        unit = self.new_unit(verb, "verb", word.label)
        self.used.add(verb.i)
        topic_head = None
        for child in verb.children:
            if child.dep_ in ("dobj", "nsubjpass"):  # what is discussed, even "discuss Ukraine"
                topic_head = child
                break
            if child.dep_ == "prep" and self.lex.has("topic_preps", child.lower_):
                topic_head = next((p for p in child.children if p.dep_ == "pobj"), None)
                if topic_head is not None:
                    break
        if topic_head is not None:
            unit.topic, unit.topic_words = r.topic(topic_head)
        mood = r.mood(verb)
        if mood.skip or mood.neg or mood.refused:
            return
        subjects = r.agent(verb) if r.is_passive(verb) else r.subjects(verb)
        self.claim("participants", subjects, verb, verb.i, strong=False)
        self.claim_keys("participants", r.party_objects(verb), verb, verb.i)
        host = verb.head
        if verb.dep_ in ("xcomp", "advcl") and self.lex.has("meeting_verbs", host.lemma_.lower()):
            # "X met Y to discuss Z": whom X met sits at the same table
            self.claim("participants", [c for c in host.children if c.dep_ == "dobj"], verb, verb.i,
                       strong=False)
            self.claim_keys("participants", r.party_objects(host), verb, verb.i)

    def agreement(self, verb: Token) -> None:
        """"X agreed that the proposals will be discussed with Z": Z is promised consultation."""
        r = self.r
        if r.mood(verb).skip or r.negated(verb):
            return
        for comp in verb.children:
            if comp.dep_ not in ("ccomp", "xcomp"):
                continue
            for c in (comp, *comp.conjuncts):
                if not self.lex.has("consult_verbs", c.lemma_.lower()) or r.negated(c):
                    continue
                consulted = r.party_objects(c)
                if not self.lex.process_verbs.get(c.lemma_.lower()):
                    consulted += [k for d in c.children if d.dep_ == "dobj" for k in r.actors(d)]
                if not consulted:
                    continue
                unit = self.new_unit(c, "consult", "talks")
                self.used.add(c.i)
                for child in c.children:
                    if child.dep_ in ("dobj", "nsubjpass") and not r.actors(child):
                        unit.topic, unit.topic_words = r.topic(child)
                        break
                unit.add("consulted", consulted)

    # -- seats and tables -----------------------------------------------------

    def _table_in(self, tok: Token) -> Token | None:
        for prep in tok.children:
            if prep.dep_ == "prep" and prep.lower_ == "at":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and self.lex.has("table_nouns", pobj.lemma_.lower()):
                        return pobj
        return None

    def _process_in(self, tok: Token) -> Token | None:
        for prep in tok.children:
            if prep.dep_ == "prep":
                for pobj in prep.children:
                    if pobj.dep_ == "pobj" and self.r.process_word(pobj) is not None:
                        return pobj
        return None

    def seat(self, seat: Token) -> None:
        """"want / be given / be denied a seat at the table", "a say in the talks"."""
        r, lex = self.r, self.lex
        head = seat.head if seat.dep_ != "conj" else seat.head.head
        table = self._table_in(seat) or (self._table_in(head) if head.pos_ in _VERBAL else None)
        process = self._process_in(seat)
        if lex.seat_nouns[seat.lemma_.lower()] == "table" and table is None:
            return
        if lex.seat_nouns[seat.lemma_.lower()] == "process" and process is None:
            return
        if table is not None:
            self.used.add(table.i)
        if process is None and head.pos_ in _VERBAL:
            process = self._process_in(head)
        pid = process.i if process is not None else None
        anchor = seat if seat.dep_ != "conj" else seat.head
        if anchor.dep_ == "pobj" and head.lower_ == "for" and lex.has("seek_nouns", head.head.lemma_.lower()):
            demand = head.head
            owners = [c for c in demand.children if c.dep_ == "poss"]
            if not owners:
                verb, _ = r.governor(demand)
                owners = r.subjects(verb) if verb is not None else []
            self.claim("seeking_seat", owners, seat, pid)
            return
        if anchor.dep_ == "pobj" and head.lower_ == "without":
            verb, _ = r.governor(head)
            if verb is not None and not r.mood(verb).skip:
                self.claim("excluded", r.subjects(verb), seat, pid)
            return
        if head.pos_ not in _VERBAL:
            return
        verb = head
        self.used.add(verb.i)
        lemma = verb.lemma_.lower()
        mood = r.mood(verb)
        if lex.has("giving_verbs", lemma):
            if r.is_passive(verb):
                holders = r.subjects(verb)
            else:
                holders = [c for c in verb.children if c.dep_ == "dative"]
                holders += [p for c in verb.children if c.dep_ == "prep" and c.lower_ == "to"
                            for p in c.children if p.dep_ == "pobj"]
            if lex.has("withholding_verbs", lemma):
                role = None if mood.skip or mood.neg else "excluded"
            else:
                role = _roles_receiving(mood)
            self.claim(role, holders, seat, pid)
            return
        if lex.has("withholding_verbs", lemma):
            self.claim(None if mood.skip or mood.neg else "excluded", r.subjects(verb), seat, pid)
            return
        if lex.has("seek_verbs", lemma):
            mood.skip = mood.skip or mood.neg
            mood.neg = False
            mood.seek = True
        self.claim(_roles_voluntary(mood, neg_excludes=True), r.subjects(verb), seat, pid)

    def table(self, table: Token) -> None:
        """"with X at the table", "without them at the table", "X is at the table"."""
        r, lex = self.r, self.lex
        prep = table.head
        if prep.lower_ not in ("at", "to") or prep.dep_ != "prep":
            return
        host = prep.head
        if host.dep_ in ("advmod", "prt") and host.head.pos_ in _VERBAL:  # "back to the table"
            host = host.head
        if host.dep_ == "conj" and host.head.dep_ == "prep":  # "with X at ... and with Y at ..."
            host = host.head.head
        if prep.lower_ == "to":
            lemma = host.lemma_.lower()
            bringing = lex.has("bringing_verbs", lemma)
            if host.pos_ == "VERB" and (bringing or lex.has("arrival_verbs", lemma)):
                mood = r.mood(host)  # "Iran must return to the table" is a demand on Iran
                if not (mood.skip or mood.neg or mood.seek or mood.refused):
                    heads = r.receivers(host) if bringing else r.subjects(host)
                    self.claim("participants", heads, host, self._process_near(host))
            return
        if host.pos_ in _NOMINAL and host.head.lower_ in ("with", "without"):
            preps = [host.head]
            host = host.head.head
        else:
            preps = []
            for child in host.children:
                if child.dep_ == "prep":
                    for c in (child, *child.conjuncts):
                        if c.lower_ in ("with", "without") and c not in preps:
                            preps.append(c)
        if host.pos_ not in _VERBAL:
            return
        mood = r.mood(host)
        if mood.skip:
            return
        pid = self._process_near(host)
        if not preps:
            spec = lex.participation_verbs.get(host.lemma_.lower())
            if spec is not None:
                self.claim(_roles_voluntary(mood, neg_excludes=spec.stative), r.subjects(host),
                           host, pid)
            return
        negated = r.clause_negated(host)
        for p in preps:
            self.used.add(p.i)
            objs = [c for c in p.children if c.dep_ == "pobj"]
            if p.lower_ == "without":
                role = "seeking_seat" if negated else "excluded"
            else:
                role = "seeking_seat" if (mood.seek or negated) else "participants"
            self.claim(role, objs, p, pid, places=True)

    def _process_near(self, verb: Token) -> int | None:
        """A process noun among the arguments of `verb` ("future talks could take place ...")."""
        for child in verb.children:
            if child.pos_ != "VERB" and self.r.process_word(child) is not None:
                return child.i
            if child.dep_ == "prep":
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and self.r.process_word(pobj) is not None:
                        return pobj.i
        return None

    def bare_inclusion(self, verb: Token) -> None:
        """"X must be involved", "X and Y were not invited to sign a treaty", "X was sidelined"."""
        r, lex = self.r, self.lex
        lemma = verb.lemma_.lower()
        excluding = lemma in lex.exclusion_verbs
        if excluding and not self._particle(verb, lex.exclusion_verbs[lemma]):
            return
        complements = [c for c in verb.children if c.dep_ in ("prep", "xcomp", "ccomp")
                       or (c.dep_ == "dobj" and not r.actors(c))]
        process = None
        anchored = False
        for comp in complements:
            for t in comp.subtree:
                if r.process_word(t) is not None and t.pos_ != "VERB":
                    process = t
                lemma_t = t.lemma_.lower()
                if lex.has("decision_nouns", lemma_t) or lex.has("table_nouns", lemma_t):
                    anchored = True
        mood = r.mood(verb)
        if process is not None:
            return  # the process word's own rule reads this verb
        if complements and not anchored:
            return
        role = _roles_kept_out(mood) if excluding else _roles_receiving(mood)
        if role == "participants":
            return  # "X was invited" alone says too little to seat anyone
        self.used.add(verb.i)
        self.claim(role, r.receivers(verb), verb, None, strong=False)

    def without(self, prep: Token) -> None:
        """"no decisions without us", "nothing about X without X", "a deal signed without X"."""
        r, lex = self.r, self.lex
        objs = [c for c in prep.children if c.dep_ == "pobj"]
        if not objs or not any(r.actors(o) for o in objs):
            return
        path = []
        cur = prep.head
        for _ in range(6):
            path.append(cur)
            if cur.pos_ in _VERBAL or cur.dep_ == "ROOT" or cur.head is cur:
                break
            cur = cur.head
        around = list(path)
        if cur.pos_ in _VERBAL:
            around += [c for c in cur.children if c.dep_ in (*_SUBJ, "dobj", "attr")]
        decisive = any(lex.has("decision_nouns", t.lemma_.lower()) or r.process_word(t) is not None
                       for t in around)
        voice = any(lex.has("voice_nouns", o.lemma_.lower()) for o in objs)
        if not (decisive or voice):
            return
        if cur.pos_ in _VERBAL and r.mood(cur).skip:
            return
        negated = any(lex.has("negations", t.lemma_.lower()) for t in path) or (
            cur.pos_ in _VERBAL and r.clause_negated(cur))
        outer = cur.head.head if cur.dep_ in ("acl", "relcl") else None
        if outer is not None and outer.pos_ in _VERBAL:  # "would not accept a deal made without X"
            negated = negated or r.clause_negated(outer) or r.mood(outer).refused \
                or lex.has("refusal_verbs", outer.lemma_.lower())
        pid = next((t.i for t in around if r.process_word(t) is not None and t.pos_ != "VERB"), None)
        self.claim("seeking_seat" if negated else "excluded", objs, prep, pid)


# --------------------------------------------------------------------------- the component


class NegotiationBuilder:
    """spaCy component: writes `doc._.dyad_negotiations` (list[NegotiationAnn])."""

    def __init__(self, nlp: Language, name: str, lexicon: str = "dyad.negotiations.v1",
                 collapse_to_states: bool = True) -> None:
        self.name = name
        self.lexicon = load_lexicon(lexicon)
        self.collapse_to_states = collapse_to_states
        lex = self.lexicon
        nouns = {*lex.process_nouns, *lex.seat_nouns, *lex.words["table_nouns"],
                 *lex.words["session_nouns"]}
        verbs = {*lex.process_verbs, *lex.words["inclusion_verbs"], *lex.exclusion_verbs,
                 *lex.words["agreement_verbs"],
                 *lex.bare_participation}
        # Trigger words as string hashes, so a sentence without any costs one vector lookup.
        self._noun_ids = _ids(nouns)
        self._verb_ids = _ids(verbs)
        self._word_ids = _ids({"without"})

    def __call__(self, doc: Doc) -> Doc:
        doc._.dyad_negotiations = self.build(doc)
        return doc

    def build(self, doc: Doc) -> list[NegotiationAnn]:
        """Find the process mentions and table claims, then merge them per process."""
        if len(doc) and not doc.has_annotation("DEP"):
            raise ConfigError(f"{self.name} needs a dependency parse, and this Doc has none: "
                              "add it after a parser (dyad.api.build_pipeline does)")
        triggers = self._triggers(doc)
        events = _consult_events(doc)
        if not triggers and not events:
            return []
        reader = _Reader(doc, self.lexicon)
        dates = _calendar_dates(doc, self.lexicon)
        units: list[Unit] = []
        for start in sorted(set(triggers) | set(events)):
            toks = triggers.get(start, [])
            sent = (toks[0] if toks else doc[start]).sent
            units.extend(self._sentence_units(reader, sent, toks, events, dates))
        records = _merge(units)
        return [self._annotation(doc, rec) for rec in records]

    def _triggers(self, doc: Doc) -> dict[int, list[Token]]:
        """Tokens that may start a rule (process, seat, table, inclusion words), by sentence."""
        if not len(doc):
            return {}
        nouns, verbs, words = self._noun_ids, self._verb_ids, self._word_ids
        rows = doc.to_array([LEMMA, LOWER, POS]).tolist()
        out: dict[int, list[Token]] = {}
        for i, (lemma, lower, pos) in enumerate(rows):
            if (lemma in nouns and pos in _NOUN_POS) or (lemma in verbs and pos not in _NOUN_POS) \
                    or lower in words:
                tok = doc[i]
                out.setdefault(tok.sent.start, []).append(tok)
        return out

    def _sentence_units(self, reader: _Reader, sent: Span, toks: list[Token],
                        events: dict[int, list[tuple[Token, EventAnn]]],
                        dates: list[tuple[int, str]]) -> list[Unit]:
        rules = _SentenceRules(reader, sent)
        found, claims = rules.run(toks)
        orphan: Unit | None = None
        for claim in claims:
            unit = found.get(claim.process) if claim.process is not None else None
            if unit is None and found:
                unit = min(found.values(), key=lambda u: abs(u.anchor - claim.at))
            if unit is None:
                if orphan is None:
                    orphan = Unit(sent=rules.span, anchor=-1, kind="orphan")
                unit = orphan
            unit.add(claim.role, claim.keys)
            unit.strong = unit.strong or claim.strong
        sent_events = events.get(sent.start, [])
        for trigger, event in sent_events:  # after the parse's claims: events fill only gaps
            _event_unit(reader, rules, trigger, event)
        day = [v for _, e in sent_events if e.status not in _PASSIVE_STATUSES
               for v in [_calendar_value(e.date)] if v]
        day += _dates_within(dates, sent.start_char, sent.end_char)
        out = sorted(found.values(), key=lambda u: u.anchor)
        if orphan is not None:
            out.append(orphan)
        for unit in out:
            unit.dates.extend(day)
        return out

    def _annotation(self, doc: Doc, rec: Record) -> NegotiationAnn:
        actors: dict[str, ActorAnn] = doc._.dyad_actors or {}
        roles = {r: _dedupe(self._seat_key(actors, k) for u in rec.units for k in u.roles[r])
                 for r in ROLES}
        evidence: list[CharSpan] = []
        for unit in rec.units:
            if all((e.start, e.end) != (unit.sent.start, unit.sent.end) for e in evidence):
                evidence.append(unit.sent)
        evidence.sort(key=lambda e: e.start)
        days = sorted({d for u in rec.units for d in u.dates})
        published = _calendar_value(doc._.dyad_published)
        if not days and published:
            days = [published]
        return NegotiationAnn(
            topic=_topic(rec, roles["participants"], actors),
            participants=roles["participants"], seeking_seat=roles["seeking_seat"],
            excluded=roles["excluded"], consulted=roles["consulted"], evidence=evidence,
            first_date=days[0] if days else None, last_date=days[-1] if days else None,
        )

    def _seat_key(self, actors: dict[str, ActorAnn], key: str) -> str:
        """The actor whose seat `key` takes: a minister's or capital's seat is their state's."""
        if not self.collapse_to_states:
            return key
        actor = actors.get(key)
        if actor is None or actor.kind == "country":
            return key
        if actor.organization:
            for other in actors.values():
                if (other.key != key and other.kind == "organization" and other.role is None
                        and other.organization == actor.organization and other.country is None):
                    return other.key
            return key
        if actor.country and actor.sector and self.lexicon.has("state_sectors", actor.sector.lower()):
            for other in actors.values():
                if other.kind == "country" and other.country == actor.country:
                    return other.key
        return key


_NOUN_POS = frozenset((NOUN, PROPN))


def _ids(words: Iterable[str]) -> set[int]:
    """String-store hashes of the words as lemmas may spell them (talk, Talk, TALK)."""
    return {get_string_id(form) for w in words for form in (w, w.capitalize(), w.upper())}


def _dedupe(keys: Iterable[str]) -> list[str]:
    out: list[str] = []
    for key in keys:
        if key not in out:
            out.append(key)
    return out


def _consult_events(doc: Doc) -> dict[int, list[tuple[Token, EventAnn]]]:
    """CONSULT events with their trigger token, by the start token of its sentence."""
    out: dict[int, list[tuple[Token, EventAnn]]] = {}
    for event in doc._.dyad_events or []:
        if event.type != "CONSULT":
            continue
        span = doc.char_span(event.trigger.start, event.trigger.end, alignment_mode="expand")
        if span is None or not len(span):
            continue
        out.setdefault(span.root.sent.start, []).append((span.root, event))
    return out


def _dates_within(dates: list[tuple[int, str]], start: int, end: int) -> list[str]:
    out = []
    for at, value in dates[bisect_left(dates, (start, "")):]:
        if at >= end:
            break
        out.append(value)
    return out


def _calendar_value(value: str | None) -> str | None:
    """The ISO day, month or year of a TIMEX3 value; a week stands for the month it starts in."""
    if not value:
        return None
    week = _ISO_WEEK.match(value)
    if week:
        try:
            return date.fromisocalendar(int(week[1]), int(week[2]), 1).isoformat()[:7]
        except ValueError:
            return None
    match = _ISO_DATE.match(value)
    return match.group(0) if match else None


def _calendar_dates(doc: Doc, lex: NegotiationLexicon) -> list[tuple[int, str]]:
    """(start char, ISO day/month/year) of every calendar date, in text order.

    A date that only names something else ("the 2015 accord", "the 1960 treaty") is not a
    date of the talks; "last week's talks" is.
    """
    out = []
    for found in doc._.dyad_dates or []:
        value = _calendar_value(found.value) if found.type == "DATE" else None
        if not value:
            continue
        span = doc.char_span(found.start, found.end, alignment_mode="expand")
        if span is not None and len(span):
            root = span.root
            if root.dep_ in _MODIFIER_DEPS and root.head.pos_ in ("NOUN", "PROPN") \
                    and root.head.lemma_.lower() not in lex.process_nouns:
                continue
        out.append((found.start, value))
    return sorted(out)


def _event_unit(reader: _Reader, rules: _SentenceRules, trigger: Token, event: EventAnn) -> None:
    """Seat a CONSULT event's parties on the process its trigger names."""
    if event.status in _PASSIVE_STATUSES:
        return
    unit = rules.units.get(trigger.i)
    if unit is None:
        word = reader.process_word(trigger)
        if word is None or trigger.i in rules.used:
            return
        unit = rules.new_unit(trigger, "verb" if trigger.pos_ == "VERB" else "noun", word.label)
        head = next((c for c in trigger.children if c.dep_ in ("dobj", "nsubjpass")
                     and not reader.actors(c)), None)
        if head is not None:
            unit.topic, unit.topic_words = reader.topic(head)
    if unit.kind == "consult":
        return
    if event.status == "demanded":
        unit.add("seeking_seat", event.actor)
        unit.strong = True
    elif len(unit.roles["participants"]) < 2:
        unit.add("participants", [*event.actor, *event.recipient])


def _merge(units: list[Unit]) -> list[Record]:
    """Group units into processes: shared topic words, shared parties, or anaphora."""
    records: list[Record] = []
    pending: list[Unit] = []
    for unit in units:
        if unit.kind == "orphan":
            if records:  # a claim with no process in its sentence: the last table with parties
                next((r for r in reversed(records) if r.participants), records[-1]).absorb(unit)
            else:
                pending.append(unit)
            continue
        target = None
        if unit.topic_words:
            target = next((r for r in reversed(records) if r.topic_words & unit.topic_words), None)
        parties = set(unit.roles["participants"])
        if target is None and parties:
            target = next((r for r in reversed(records) if r.participants & parties
                           and not (r.topic_words and unit.topic_words)), None)
        if target is None and unit.definite and records:
            # "X will join the talks next week": the talks just named, by that name if any
            target = next((r for r in reversed(records) if any(
                u.label == unit.label and u.kind != "orphan" for u in r.units)), records[-1])
        if target is None and not unit.topic_words and not unit.modifier and not parties:
            if not unit.has_claims() and not unit.roles["consulted"]:
                continue  # a bare "the talks" adds nothing to the record it points back to
            target = records[-1] if records else None
        if target is None:
            if not unit.founds_record():
                continue
            target = Record()
            records.append(target)
            for waiting in pending:
                target.absorb(waiting)
            pending.clear()
        target.absorb(unit)
    if pending and any(u.strong for u in pending):
        record = Record()
        for waiting in pending:
            record.absorb(waiting)
        records.append(record)
    return records


def _topic(rec: Record, participants: list[str], actors: dict[str, ActorAnn]) -> str:
    """"Russia–United States talks on security guarantees"; built from parties and topic."""
    named = [u for u in rec.units if u.topic or u.modifier]
    nouns = [u for u in rec.units if u.kind == "noun"]
    label = next((u.label for group in (named, nouns, rec.units) for u in group
                  if u.kind != "orphan"), "talks")
    modifier = next((u.modifier for u in rec.units if u.modifier), None)
    phrase = next((u.topic for u in rec.units if u.topic), None)
    names = "–".join(actors[k].name if k in actors else k for k in participants)
    parts = [p for p in (names, modifier, label) if p]
    text = " ".join(parts)
    return f"{text} on {phrase}" if phrase else text


__all__ = ["NegotiationBuilder", "NegotiationLexicon", "Participation", "ProcessWord",
           "load_lexicon", "parse_lexicon"]
