"""The event coder: who did what to whom, in PLOVER with a CAMEO code, status and reporter.

`dyad_event_coder` reads the dependency parse and the actor layer (`token._.dyad_actor`,
`doc._.dyad_actors`, optionally `doc._.dyad_quotes`) and writes `doc._.dyad_events`, a list of
`EventAnn`. Triggers are verbs coded through the CAMEO.2.0 verb dictionary (indexed by
lemma, only the verb's own block of patterns is tried), event nouns and light verbs from
dyad's lexicon (`dyad/knowledge/data/event_lexicon.yaml`), which also holds verb + object
rules ("eased the curfew" is CONCEDE, "sent inspectors" an investigation), phrasal verbs
("pulled out") and verbs whose sense changes with a clause ("protested that ..."); a
speaker's "X must ..." is a demand of X even when the content names no event. Each trigger
gets its actor from the subject (or a passive's agent, a controlling verb's subject, a
possessor), its recipient from objects and prepositional objects, and a status from
negation, modality and the frame it sits in: the content of an accusation is `alleged`, of a denial `denied`, of a demand
`demanded`, of a plan `planned`, with `reported_by` the frame's actor. Following the PLOVER
codebook, a future cooperative action also yields an asserted AGREE (a future retreat a
CONCEDE, a future use of force a THREATEN), and the participants of a meeting, agreement or
joint action are all actors (config `symmetric_co_actors=False` gives CAMEO-style dyadic
events instead, one per direction).

It must not resolve actors itself beyond reading the actor layer (pronouns and "the two
diplomats" fall back to the nearest actors named before), must not name any article's words
in code, and must not date events beyond the publication date (the dater refines dates).
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from importlib.resources import files
from pathlib import Path
from typing import Any

import yaml
from spacy.attrs import LEMMA, LOWER, ORTH, POS, SPACY
from spacy.language import Language
from spacy.parts_of_speech import AUX as _AUX
from spacy.parts_of_speech import NOUN as _NOUN
from spacy.parts_of_speech import PROPN as _PROPN
from spacy.parts_of_speech import VERB as _VERB
from spacy.tokens import Doc, Span, Token

from dyad.errors import ConfigError
from dyad.knowledge.cameo import (
    COMPOUND_FORM,
    PloverCoding,
    PloverTable,
    VerbDictionary,
    goldstein,
    plover_table,
    quad_class,
    read_verb_dictionary,
    verb_dictionary,
)
from dyad.pipeline.annotations import CharSpan, EventAnn
from dyad.pipeline.extensions import doc_text

LEXICONS = {"dyad.events.v1": "event_lexicon.yaml"}

_SUBJ = {"nsubj", "csubj"}
_PASS_SUBJ = {"nsubjpass", "csubjpass"}
_OBJ = {"dobj", "dative", "attr", "oprd"}
_RECIPIENT_PREPS = frozenset({"to", "with", "against", "on", "from", "at", "toward", "towards",
                              "into", "upon", "for", "between", "among", "of"})
_CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "pcomp"}
_PATTERN_DEPTH = 3
_CLIMB_DEPS = {"ccomp", "xcomp", "conj", "parataxis", "advcl", "pcomp", "pobj", "prep", "dobj",
               "acl"}


@dataclass(frozen=True)
class EventLexicon:
    """dyad's trigger lexicon (see the YAML file for what each part means)."""

    verb_codes: dict[str, str | None]
    non_event_verbs: frozenset[str]
    nominal_events: dict[str, tuple[str, frozenset[str]]]
    nominal_modifiers: dict[str, dict[str, str]]
    light_verbs: dict[str, str | None]
    light_preps: dict[str, frozenset[str]]
    want_verbs: frozenset[str]
    want_object_codes: dict[str, str]
    frames: dict[str, str]
    frame_nouns: dict[str, str]
    frame_status: dict[str, str]
    commit_codes: dict[str, dict[str, str]]
    negation: frozenset[str]
    future_aux: frozenset[str]
    hypothetical_aux: frozenset[str]
    deontic_aux: frozenset[str]
    conditional_marks: frozenset[str]
    allegation_adverbs: frozenset[str]
    group_numbers: dict[str, int]
    symmetric_types: frozenset[str]
    intent_types: dict[str, str]
    terminate_verbs: frozenset[str]
    terminate_codes: dict[str, str]
    refusal_types: frozenset[str]
    object_codes: dict[str, tuple[tuple[frozenset[str], str], ...]] = field(default_factory=dict)
    directed_codes: frozenset[str] = frozenset()
    symmetric_codes: frozenset[str] = frozenset()  # "signed a pact with X": both sign it
    grievance_types: frozenset[str] = frozenset()  # "complained to X over Y": aimed at Y
    grievance_topic_preps: frozenset[str] = frozenset()
    transfer_types: frozenset[str] = frozenset()  # "handed X over to Y": Y receives, not X
    speaker_pronoun_frames: frozenset[str] = frozenset()  # "X said Y shelled its town": X
    protest_adjunct_types: frozenset[str] = frozenset()  # "... in protest against X": X
    protest_adjunct_nouns: frozenset[str] = frozenset()
    protest_adjunct_preps: frozenset[str] = frozenset()
    clausal_codes: dict[str, str | None] = field(default_factory=dict)
    cancel_verbs: frozenset[str] = frozenset()  # "cancelled the summit": no meeting took place
    cancel_codes: dict[str, str] = field(default_factory=dict)
    own_terminate_types: frozenset[str] = frozenset()  # "ended its strike", not "ended the protest"
    plover_overrides: dict[str, PloverCoding] = field(default_factory=dict)
    nominal_light: dict[str, dict[str, str]] = field(default_factory=dict)
    measure_nouns: frozenset[str] = frozenset()
    non_event_entities: frozenset[str] = frozenset()
    willing_frames: frozenset[str] = frozenset()
    mandative_frames: frozenset[str] = frozenset()  # "insisted that X leave": a demand
    demand_object_verbs: frozenset[str] = frozenset()  # "demanded the release of": demanded
    demand_for_verbs: frozenset[str] = frozenset()  # "called for the release of": demanded
    deny_claim_verbs: frozenset[str] = frozenset()  # "rejected claims that ...": denied
    receive_verbs: frozenset[str] = frozenset()  # "faced criticism from X": X is the doer
    protester_nouns: frozenset[str] = frozenset()
    riot_types: frozenset[str] = frozenset()
    riot_code: str = "145"
    riot_nominal_codes: dict[str, str] = field(default_factory=dict)  # blockade → obstruct
    security_sectors: frozenset[str] = frozenset()
    dispatch_verbs: frozenset[str] = frozenset()
    subject_codes: dict[str, tuple[tuple[frozenset[str], frozenset[str], str], ...]] = \
        field(default_factory=dict)
    dispatch_types: frozenset[str] = frozenset()
    willing_types: frozenset[str] = frozenset()
    place_agent_types: frozenset[str] = frozenset()
    state_doer_codes: dict[str, str] = field(default_factory=dict)
    group_nouns: frozenset[str] = frozenset()
    relational_nouns: frozenset[str] = frozenset()
    own_object_types: frozenset[str] = frozenset()
    addressee_clause_types: frozenset[str] = frozenset()  # "demanded that X leave": X
    permit_clause_types: frozenset[str] = frozenset()  # "allowed X to run": X (infinitival only)
    foreign_recipient_codes: dict[str, tuple[str, str]] = field(default_factory=dict)  # train → 072
    stative_light_verbs: frozenset[str] = frozenset()  # "were engaged in": subject is the doer
    ergative_verbs: frozenset[str] = frozenset()  # "trade resumed": the subject is undergoer
    quantity_nouns: frozenset[str] = frozenset()  # "thousands of teachers": the "of" noun
    enacted_purpose_types: frozenset[str] = frozenset()  # "drove tractors in to protest"
    aspectual_verbs: frozenset[str] = frozenset()  # "began pulling back": the main event
    pending_adverbs: frozenset[str] = frozenset()  # "has yet to deploy": not done
    backshift_aux: frozenset[str] = frozenset()  # "said it would": a reported future
    adjunct_codes: dict[str, tuple[tuple[str, frozenset[str], str], ...]] = \
        field(default_factory=dict)  # verb → ((preposition, nouns, code), ...): "in absentia"

    @classmethod
    def load(cls, name_or_path: str) -> EventLexicon:
        if name_or_path in LEXICONS:
            text = (files("dyad") / "knowledge" / "data" / LEXICONS[name_or_path]).read_text("utf-8")
            where = LEXICONS[name_or_path]
        else:
            path = Path(name_or_path)
            if not path.is_file():
                raise ConfigError(f"event lexicon {name_or_path!r} is neither a registered name "
                                  f"({', '.join(sorted(LEXICONS))}) nor a YAML file")
            text, where = path.read_text("utf-8"), str(path)
        raw: dict[str, Any] = yaml.safe_load(text) or {}
        for k, v in (raw.get("nominal_events") or {}).items():
            if any(not isinstance(p, str) for p in (v or {}).get("with", [])):
                raise ConfigError(f"event lexicon {where}: nominal_events.{k}.with holds a "
                                  "non-string (YAML reads a bare on/no/yes as a boolean); "
                                  "quote it: \"on\"")
        try:
            return cls(
                verb_codes={str(k): (None if v is None else str(v))
                            for k, v in raw["verb_codes"].items()},
                non_event_verbs=frozenset(raw["non_event_verbs"]),
                nominal_events={str(k): (str(v["code"] or ""), frozenset(v.get("with", [])))
                                for k, v in raw["nominal_events"].items()},
                nominal_modifiers={str(k): {str(a): str(b) for a, b in (v.get("modifiers") or {}).items()}
                                   for k, v in raw["nominal_events"].items()},
                light_verbs={str(k): (v or {}).get("status") for k, v in raw["light_verbs"].items()},
                light_preps={str(k): frozenset(v) for k, v in raw["light_preps"].items()},
                want_verbs=frozenset(raw["want_verbs"]),
                want_object_codes={str(k): str(v) for k, v in raw["want_object_codes"].items()},
                frames={str(k): str(v["kind"]) for k, v in raw["frames"].items()},
                frame_nouns={str(k): str(v) for k, v in raw["frame_nouns"].items()},
                frame_status={str(k): str(v) for k, v in raw["frame_status"].items()},
                commit_codes={str(k): {str(a): str(b) for a, b in v.items()}
                              for k, v in raw["commit_codes"].items()},
                negation=frozenset(raw["negation"]),
                future_aux=frozenset(raw["future_aux"]),
                hypothetical_aux=frozenset(raw["hypothetical_aux"]),
                deontic_aux=frozenset(raw["deontic_aux"]),
                conditional_marks=frozenset(raw["conditional_marks"]),
                allegation_adverbs=frozenset(raw["allegation_adverbs"]),
                group_numbers={str(k): int(v) for k, v in raw["group_numbers"].items()},
                symmetric_types=frozenset(raw["symmetric_types"]),
                intent_types={str(k): str(v) for k, v in raw["intent_types"].items()},
                terminate_verbs=frozenset(raw["terminate_verbs"]),
                terminate_codes={str(k): str(v) for k, v in raw["terminate_codes"].items()},
                cancel_verbs=frozenset(raw.get("cancel_verbs") or []),
                cancel_codes={str(k): str(v) for k, v in (raw.get("cancel_codes") or {}).items()},
                own_terminate_types=frozenset(raw.get("own_terminate_types") or ()),
                refusal_types=frozenset(raw["refusal_types"]),
                object_codes=_object_codes(raw.get("object_codes") or []),
                directed_codes=frozenset(str(c) for c in raw.get("directed_codes") or []),
                symmetric_codes=frozenset(str(c) for c in raw.get("symmetric_codes") or []),
                grievance_types=frozenset((raw.get("grievance") or {}).get("types") or ()),
                transfer_types=frozenset(raw.get("transfer_types") or ()),
                speaker_pronoun_frames=frozenset(raw.get("speaker_pronoun_frames") or ()),
                protest_adjunct_types=frozenset((raw.get("protest_adjunct") or {}).get("types") or ()),
                protest_adjunct_nouns=frozenset((raw.get("protest_adjunct") or {}).get("nouns") or ()),
                protest_adjunct_preps=frozenset((raw.get("protest_adjunct") or {}).get("preps") or ()),
                grievance_topic_preps=frozenset(
                    (raw.get("grievance") or {}).get("topic_preps") or ()),
                clausal_codes={str(k): (None if v is None else str(v))
                               for k, v in (raw.get("clausal_codes") or {}).items()},
                measure_nouns=frozenset(raw.get("measure_nouns") or ()),
                non_event_entities=frozenset(raw.get("non_event_entities") or ()),
                willing_frames=frozenset(raw.get("willing_frames") or ()),
                mandative_frames=frozenset(raw.get("mandative_frames") or ()),
                demand_object_verbs=frozenset(raw.get("demand_object_verbs") or ()),
                demand_for_verbs=frozenset(raw.get("demand_for_verbs") or ()),
                deny_claim_verbs=frozenset(raw.get("deny_claim_verbs") or ()),
                receive_verbs=frozenset(raw.get("receive_verbs") or ()),
                protester_nouns=frozenset((raw.get("riot") or {}).get("protesters") or ()),
                riot_types=frozenset((raw.get("riot") or {}).get("types") or ()),
                riot_code=str((raw.get("riot") or {}).get("code") or "145"),
                riot_nominal_codes={str(k): str(v) for k, v in
                                    ((raw.get("riot") or {}).get("nominal_codes") or {}).items()},
                security_sectors=frozenset((raw.get("riot") or {}).get("security_sectors") or ()),
                dispatch_verbs=frozenset((raw.get("dispatch") or {}).get("verbs") or ()),
                subject_codes=_subject_codes(raw.get("subject_codes") or []),
                dispatch_types=frozenset((raw.get("dispatch") or {}).get("types") or ()),
                willing_types=frozenset(raw.get("willing_types") or ()),
                place_agent_types=frozenset(raw.get("place_agent_types") or ()),
                group_nouns=frozenset(str(w) for w in raw.get("group_nouns") or ()),
                relational_nouns=frozenset(str(w) for w in raw.get("relational_nouns") or ()),
                own_object_types=frozenset(str(w) for w in raw.get("own_object_types") or ()),
                addressee_clause_types=frozenset(
                    str(w) for w in raw.get("addressee_clause_types") or ()),
                permit_clause_types=frozenset(str(w) for w in raw.get("permit_clause_types") or ()),
                foreign_recipient_codes=_code_pairs(raw.get("foreign_recipient_codes") or {}),
                stative_light_verbs=frozenset(str(w) for w in raw.get("stative_light_verbs") or ()),
                ergative_verbs=frozenset(str(w) for w in raw.get("ergative_verbs") or ()),
                quantity_nouns=frozenset(str(w) for w in raw.get("quantity_nouns") or ()),
                enacted_purpose_types=frozenset(str(w) for w in raw.get("enacted_purpose_types") or ()),
                aspectual_verbs=frozenset(str(w) for w in raw.get("aspectual_verbs") or ()),
                pending_adverbs=frozenset(str(w) for w in raw.get("pending_adverbs") or ()),
                backshift_aux=frozenset(str(w) for w in raw.get("backshift_aux") or ()),
                adjunct_codes=_adjunct_codes(raw.get("adjunct_codes") or []),
                state_doer_codes={str(k): str(v)
                                  for k, v in (raw.get("state_doer_codes") or {}).items()},
                nominal_light={str(k): {str(a): str(b) for a, b in (v.get("light") or {}).items()}
                               for k, v in raw["nominal_events"].items() if v.get("light")},
                plover_overrides={str(k): PloverCoding(str(v["type"]), v.get("mode"),
                                                       tuple(v.get("context") or ()))
                                  for k, v in (raw.get("plover_overrides") or {}).items()},
            )
        except (KeyError, TypeError, AttributeError) as err:
            raise ConfigError(f"event lexicon {where}: missing or malformed section {err}; "
                              "compare with dyad/knowledge/data/event_lexicon.yaml") from None


def _object_codes(rules: list[dict[str, Any]]) -> dict[str, tuple[tuple[frozenset[str], str], ...]]:
    """verb → ((object words, code), ...) in file order, from the `object_codes` rules."""
    out: dict[str, list[tuple[frozenset[str], str]]] = {}
    for rule in rules:
        objects = frozenset(str(o).lower() for o in rule["objects"])
        for verb in rule["verbs"]:
            out.setdefault(str(verb), []).append((objects, str(rule["code"])))
    return {verb: tuple(pairs) for verb, pairs in out.items()}


def _subject_codes(rules: list[dict[str, Any]]
                   ) -> dict[str, tuple[tuple[frozenset[str], frozenset[str], str], ...]]:
    """verb → ((subject nouns, subject actor sectors, code), ...) from `subject_codes`."""
    out: dict[str, list[tuple[frozenset[str], frozenset[str], str]]] = {}
    for rule in rules:
        nouns = frozenset(str(n).lower() for n in rule.get("subjects") or ())
        sectors = frozenset(str(n) for n in rule.get("sectors") or ())
        for verb in rule["verbs"]:
            out.setdefault(str(verb), []).append((nouns, sectors, str(rule["code"])))
    return {verb: tuple(rules_) for verb, rules_ in out.items()}


def _code_pairs(raw: dict[str, Any]) -> dict[str, tuple[str, str]]:
    """verb → (code it has, code it takes), from `foreign_recipient_codes`."""
    out = {}
    for verb, pair in raw.items():
        if not (isinstance(pair, list) and len(pair) == 2):
            raise ConfigError(f"event lexicon: foreign_recipient_codes.{verb} must be a list of two "
                              f"CAMEO codes [from, to], got {pair!r}")
        out[str(verb)] = (str(pair[0]), str(pair[1]))
    return out


def _adjunct_codes(rules: list[dict[str, Any]]) -> dict[str, tuple[tuple[str, frozenset[str], str], ...]]:
    """verb → ((preposition, nouns, code), ...) in file order, from `adjunct_codes`."""
    out: dict[str, list[tuple[str, frozenset[str], str]]] = {}
    for rule in rules:
        nouns = frozenset(str(o).lower() for o in rule["objects"])
        for verb in rule["verbs"]:
            out.setdefault(str(verb), []).append((str(rule["prep"]), nouns, str(rule["code"])))
    return {verb: tuple(pairs) for verb, pairs in out.items()}


@lru_cache(maxsize=4)
def load_lexicon(name_or_path: str = "dyad.events.v1") -> EventLexicon:
    return EventLexicon.load(name_or_path)


@dataclass
class _Trigger:
    """A candidate event while a sentence is being coded."""

    token: Token
    code: str
    kind: str  # verb | nominal | want | deontic (a "must" clause with no event of its own)
    pattern: bool = False
    clause: Token | None = None  # the verb whose clause holds the event (light verb for nouns)
    actor_tok: list[Token] = field(default_factory=list)
    actor: list[str] = field(default_factory=list)
    recipient: list[str] = field(default_factory=list)
    status: str = "asserted"
    reported_by: str | None = None
    frame_kind: str | None = None
    suppressed: bool = False
    passive: bool = False
    local_neg: bool = False  # negated in its own clause ("will not accept")
    future: bool = False  # a future/modal auxiliary ("will", "would") on the event's clause
    main: bool = False  # the sentence's main clause (or the content of a report)
    with_partner: bool = False  # the recipient came from "with"/"between": a co-participant
    by_object: bool = False  # coded by an `object_codes` rule: the object noun is folded in
    key: str = ""  # a nominal trigger's entry in `nominal_events`
    willing: bool = False  # content of a willingness frame ("is ready to ...")
    subject_only: bool = False  # a vague verb that is an event only for some doers ("troops left")


class EventCoder:
    """spaCy component `dyad_event_coder`: writes `doc._.dyad_events`."""

    def __init__(self, nlp: Language, name: str, lexicon: str = "dyad.events.v1",
                 verb_dictionary_path: str | None = None, symmetric_co_actors: bool = True):
        self.name = name
        self.lex = load_lexicon(lexicon)
        self.verbs: VerbDictionary = (read_verb_dictionary(verb_dictionary_path)
                                      if verb_dictionary_path else verb_dictionary())
        table = plover_table()
        # the codebook overrides a few rows of the 2021 table (see the lexicon's
        # `plover_overrides`); the rest is read as shipped
        self.plover: PloverTable = (PloverTable({**table.rows, **self.lex.plover_overrides})
                                    if self.lex.plover_overrides else table)
        # dyad's verb-code corrections are for the shipped CAMEO.2.0 file; a user's dictionary
        # is taken as written
        self.verb_codes = self.lex.verb_codes if verb_dictionary_path is None else {}
        self.co_actors = symmetric_co_actors
        # last words of the event-noun keys: a noun that ends none of them is no trigger
        self._nominal_heads = frozenset(k.split()[-1] for k in self.lex.nominal_events)
        # verbs with an object rule or a phrasal code ("pull_out"): others skip those looks
        self._object_verbs = frozenset(k.split("_")[0] for k in self.lex.object_codes)
        self._phrasal_verbs = frozenset(k.split("_")[0] for k in self.verb_codes if "_" in k)

    def __call__(self, doc: Doc) -> Doc:
        doc._.dyad_events = list(self.find(doc))
        return doc

    # ------------------------------------------------------------------ finding
    def find(self, doc: Doc) -> Iterator[EventAnn]:
        state = _DocState(doc, self.lex, self._nominal_heads)
        for sent in doc.sents:
            yield from self._sentence(sent, state)

    def _sentence(self, sent: Span, state: _DocState) -> list[EventAnn]:
        triggers: dict[int, _Trigger] = {}
        words = state.words(sent.start, sent.end)
        doc = sent.doc
        for i in state.candidates(sent.start, sent.end):
            tok = doc[i]
            trig = self._trigger(tok, words, i in state.after_dash)
            if trig is not None and not (trig.kind == "nominal" and (
                    state.actor_of(tok) or tok.ent_type_ in self.lex.non_event_entities)):
                triggers[tok.i] = trig  # (not a noun inside a name: "riot police", "March")
        for trig in list(triggers.values()):
            self._attach_nominal(trig, triggers)
            self._terminated(trig, triggers)
            self._adjunct_code(trig)
            self._riot(trig, triggers, state)
            self._subject_code(trig, state)
            self._purpose(trig, triggers)
        for i in state.verbs(sent.start, sent.end):  # "X must hand over the suspects", Y said:
            tok = doc[i]  # a demand of X whatever the content's verb
            if i not in triggers and any(
                    c.dep_ == "aux" and c.lower_ in self.lex.deontic_aux for c in tok.children):
                triggers[tok.i] = _Trigger(tok, self.lex.want_object_codes["default"], "deontic")
        if not triggers:
            return []
        for trig in triggers.values():
            if trig.suppressed:
                continue
            self._frame(trig, triggers, state)
        ordered = sorted(triggers.values(), key=lambda t: t.token.i)
        for trig in ordered:
            self._participants(trig, state)
        for trig in ordered:  # a frame event without recipient takes it from its content
            ftok = state.frame_of.get(id(trig))
            ftrig = triggers.get(ftok.i) if ftok is not None else None
            if ftok is not None and trig.frame_kind == "demand" and trig.kind == "nominal" \
                    and not trig.actor:  # "pressed X for the return of ...": X is to act
                asked = [c for c in ftok.children if c.dep_ == "dobj"]
                asked += [g for c in ftok.children if c.dep_ == "prep" and c.lower_ in {"on", "upon"}
                          for g in c.children if g.dep_ == "pobj"]
                trig.actor = [a for c in asked for a in state.np_actors(c)
                              if a not in trig.recipient]
                nom = self.lex.nominal_events.get(trig.key)
                if not trig.actor and nom is not None and "of" not in nom[1]:
                    # "the resignation of X", "the withdrawal of X": where "of" names no
                    # partner of the noun, it names its doer
                    trig.actor = [a for c in trig.token.children if c.dep_ == "prep"
                                  and c.lower_ == "of" for g in c.children if g.dep_ == "pobj"
                                  for a in state.np_actors(g)]
            if ftrig is None or ftrig.recipient:
                continue
            if trig.frame_kind == "allege":
                ftrig.recipient = [a for a in trig.actor if a not in ftrig.actor]
            elif trig.frame_kind in {"commit", "refuse"}:
                ftrig.recipient = [a for a in trig.recipient if a not in ftrig.actor]
        out: list[EventAnn] = []
        seen: set[tuple[str, tuple[str, ...], tuple[str, ...], str]] = set()
        for trig in ordered:
            if trig.suppressed:
                continue
            for ev in self._events(trig, sent, state):
                key = (ev.type, tuple(ev.actor), tuple(ev.recipient), ev.status)
                if key in seen:
                    continue
                seen.add(key)
                out.append(ev)
                if ev.type == "ACCUSE" and ev.status == "asserted":
                    state.accusations.append(ev)
                parties = _unique([*ev.actor, *ev.recipient])
                if ev.type == "CONSULT" and len(parties) > 1:
                    state.meeting = (sent.start, parties)  # "A met B. They agreed ...": both
        return out

    # ------------------------------------------------------------------ triggers
    def _trigger(self, tok: Token, words: set[str], after_dash: bool = False) -> _Trigger | None:
        pos = tok.pos_
        if pos == "VERB" or (pos == "AUX" and tok.dep_ in {"ROOT", "ccomp", "conj"}):
            lemma = self._lemma(tok)
            if lemma in {"be", "have", "do"}:
                return None
            code = self._object_code(tok, lemma)
            if code is not None:
                return _Trigger(tok, code, "verb", pattern=True, by_object=True)
            if lemma in self.lex.clausal_codes and (any(c.dep_ == "ccomp" for c in tok.children)
                                                    or _reversed_report(tok)):
                code = self.lex.clausal_codes[lemma]  # "protested that ...": words, not a march
                return None if code is None else _Trigger(tok, code, "verb", pattern=True)
            return self._verb_trigger(tok, lemma, words)
        hyphen = _hyphenated(tok) if after_dash else ""  # "sit-in": the tokenizer splits it
        if pos in {"NOUN", "PROPN"} or hyphen in self.lex.nominal_events:
            key = tok.lemma_.lower()
            prev = tok.doc[tok.i - 1] if tok.i > 0 else None
            if hyphen in self.lex.nominal_events:
                key = hyphen
            elif prev is not None and prev.head.i == tok.i and prev.dep_ in {"amod", "compound"}:
                for two in (f"{prev.lower_} {key}", f"{prev.lower_} {tok.lower_}"):
                    if two in self.lex.nominal_events:  # "martial law", "war games"
                        key = two
                        break
            if key not in self.lex.nominal_events:
                key = tok.lower_
            nom = self.lex.nominal_events.get(key)
            if nom is None:
                return None
            code = nom[0]
            if key == "call" and any(c.dep_ == "prep" and c.lower_ == "for" for c in tok.children):
                code = self.lex.nominal_events["call_for"][0]
            modifiers = self.lex.nominal_modifiers.get(key, {})
            # "hunger strike" vs "air strike"; "joint naval exercises" (the phrase's left part)
            for c in (tok.doc[tok.left_edge.i: tok.i] if modifiers else ()):
                if c.dep_ in {"compound", "amod"} and c.lower_ in modifiers:
                    code = modifiers[c.lower_]
            if not code:
                return None  # a noun that is an event only with a modifier ("joint operation")
            return _Trigger(tok, code, "nominal", key=key)
        return None

    def _object_code(self, tok: Token, lemma: str) -> str | None:
        """The code an `object_codes` rule gives the verb for what it acts on ("eased the
        curfew", "acceded to the demands"), or None."""
        if lemma not in self._object_verbs:
            return None
        particles = [c.lower_ for c in tok.children if c.dep_ == "prt" or (  # "pulled its
            c.dep_ in {"prep", "advmod"} and c.i > tok.i + 1 and c.lower_ in _PARTICLES  # forces out"
            and not any(g.dep_ == "pobj" for g in c.children))]  # (not "laid down arms in a ...")
        glued = [c for c in tok.children if not particles  # "handed in [prep] their weapons",
                 and ((c.dep_ == "prep" and c.i == tok.i + 1) or c.dep_ == "oprd")  # "set free"
                 and f"{lemma}_{c.lower_}" in self.lex.object_codes]  # particles misparsed
        nxt = tok.doc[tok.i + 1] if tok.i + 1 < len(tok.doc) else None
        if not particles and not glued and nxt is not None and nxt.pos_ == "ADJ" \
                and f"{lemma}_{nxt.lower_}" in self.lex.object_codes:
            particles.append(nxt.lower_)  # "set free the crew": "free" parsed as a modifier
        particles += [c.lower_ for c in glued]
        rules = self.lex.object_codes.get("_".join([lemma, *particles])) \
            or self.lex.object_codes.get(lemma)
        if not rules:
            return None
        objects = [c for c in tok.children if c.dep_ in {"dobj", "nsubjpass", "intj"}]  # "said no"
        if not objects and lemma in self.lex.ergative_verbs:  # "trade resumed": used without
            objects = [c for c in tok.children if c.dep_ == "nsubj"]  # an object, the subject
        objects += [g for c in tok.children if c.dep_ == "prt" or c in glued  # "handed in [prt]
                    for g in c.children if g.dep_ == "pobj"]  # their weapons [pobj]": a misparse
        objects += [g for c in tok.children if c.dep_ in {"prep", "dative"} and c.lower_ == "to"
                    for g in c.children if g.dep_ == "pobj"]
        objects += [g for c in tok.children if c.dep_ in {"ccomp", "xcomp"}  # "allowed
                    for g in c.children if g.dep_ == "nsubj"]  # inspectors to visit"
        objects += [c for c in tok.children if c.dep_ in {"ccomp", "xcomp"}  # "let inspectors
                    and c.pos_ in {"NOUN", "PROPN"}]  # into the site": a verbless small clause
        keys: set[str] = set()
        for obj in (o for head in objects for o in _conjuncts(head)):
            keys |= _noun_keys(obj)
        return next((code for words, code in rules if keys & words), None)

    def _lemma(self, tok: Token) -> str:
        """The lemma, repaired where the lemmatiser cut a regular past form ("staged" →
        "stag") and only the repaired form is a verb dyad knows."""
        lemma = tok.lemma_.lower()
        low = tok.lower_
        if (tok.tag_ in {"VBD", "VBN"} and low.endswith("ed") and low[:-1] == lemma + "e") \
                or (tok.tag_ == "VBG" and low.endswith("ing") and low[:-3] == lemma):
            fixed = lemma + "e"  # "staged", "staging" → "stage"
            known = self.lex.light_verbs.keys() | self.lex.frames.keys()
            if (fixed in known or fixed in self.verbs) and lemma not in known \
                    and lemma not in self.verbs:
                return fixed
        return lemma

    def _verb_trigger(self, tok: Token, lemma: str, words: set[str]) -> _Trigger | None:
        if lemma not in self.verbs and lemma not in self.verb_codes \
                and lemma not in self._phrasal_verbs and lemma not in self.lex.want_verbs \
                and tok.lower_ not in self.verbs:
            return None  # most verbs: a few set lookups and out
        following = [t.lower_ for t in tok.doc[tok.i + 1: tok.i + 4]]
        particles = [c.lower_ for c in tok.children if c.dep_ == "prt"]
        if lemma in self.lex.want_verbs:
            return _Trigger(tok, self.lex.want_object_codes["default"], "want")
        phrasal = _phrasal(tok, lemma)
        if phrasal in self.verb_codes:
            lemma = phrasal  # "pulled out", "backed down": the phrasal verb's own code
        override = lemma in self.verb_codes
        if not override and lemma not in self.verbs:
            if tok.lower_ not in self.verbs:
                return None  # most verbs: one dictionary lookup and out
            lemma = tok.lower_  # dictionaries may list an inflected form ("CALLED")
        vague = lemma in self.lex.non_event_verbs and not override and not particles
        if vague and self.lex.frames.get(lemma) == "report":
            return None  # "say", "write": their content is the event
        if self.verbs.could_match(lemma, words):
            before, after = _clause_forms(tok)
        else:
            before, after = [], []
        match = self.verbs.match(lemma, particles + following, before, after)
        if vague and (match is None or match.pattern is None):
            if lemma in self.lex.subject_codes:  # ... or through who does it ("troops left")
                return _Trigger(tok, match.code if match is not None else "", "verb", subject_only=True)
            return None  # a vague verb codes only through a pattern ("set fire to")
        code = None
        pattern = False
        if override:
            code = self.verb_codes[lemma]
            if code is None:
                return None
            base = self.plover.get(code)
            if match is not None and match.pattern is not None and base is not None:
                refined = self.plover.get(match.code)
                if refined is not None and refined.type == base.type:
                    code, pattern = match.code, True
        elif match is not None:
            code, pattern = match.code, match.pattern is not None
        if code is None or self.plover.get(code) is None:
            return None
        return _Trigger(tok, code, "verb", pattern=pattern)

    def _attach_nominal(self, trig: _Trigger, triggers: dict[int, _Trigger]) -> None:
        """Event nouns governed by a light verb take its clause; other governors absorb them."""
        if trig.kind != "nominal":
            return
        tok = trig.token
        if tok.dep_ == "compound" and tok.head.pos_ == "NOUN" \
                and tok.head.lemma_.lower() not in self.lex.nominal_events:
            tok = tok.head  # "mediation efforts": the phrase's head carries the syntax
        elif tok.dep_ == "pobj" and tok.head.lower_ in {"of", "in"} and (
                (tok.head.head.pos_ == "NOUN"
                 and tok.head.head.lemma_.lower() in self.lex.measure_nouns)
                or tok.head.head.ent_type_ == "MONEY"):
            tok = tok.head.head  # "launched ten days of war games", "a wave of arrests",
            # "approved $300 million in aid", "froze 300 million euros of funding"
        head = tok.head
        glued = head.dep_ == "prt" or (head.dep_ == "prep" and head.i == head.head.i + 1)
        gov_rule = triggers.get(head.head.i if glued else head.i)  # "handed in [prt] their
        if (tok.dep_ in {"dobj", "nsubjpass"} or glued) \
                and gov_rule is not None and gov_rule.by_object:  # weapons", "in" as prep or prt
            trig.suppressed = True  # "handed over their weapons": the rule coded the verb
            return
        if tok.dep_ == "nsubj" and head.pos_ == "VERB" \
                and self._lemma(head) in self.lex.aspectual_verbs and head.i in triggers:
            triggers[head.i].suppressed = True  # "the blockade continued": the blockade's
            return  # event, not one of the verb's CAMEO patterns
        gov: Token | None = None
        chain = ""  # "pulled out of [the accord]": a phrasal verb with its preposition
        if tok.dep_ in {"dobj", "attr", "nsubjpass"} or (tok.dep_ == "conj" and head.pos_ == "VERB"):
            gov = head
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ in {"VERB", "AUX"}:
            verb = head.head
            lemma = verb.lemma_.lower()
            prt = "_".join([lemma] + [c.lower_ for c in verb.children if c.dep_ in {"prt", "dobj"}
                                      and c.i < head.i])
            if (head.lower_ in self.lex.light_preps.get(lemma, frozenset())
                    or head.lower_ in self.lex.light_preps.get(prt, frozenset())):
                gov = verb
        elif tok.dep_ == "pobj" and head.dep_ == "prep" and head.head.lower_ in _PARTICLES \
                and head.head.dep_ in {"prep", "prt", "advmod"} and head.head.head.pos_ == "VERB":
            verb = head.head.head  # "pulled out of the accord", "walked out of the talks"
            chain = f"{self._lemma(verb)}_{head.head.lower_}_{head.lower_}"
            if chain in self.lex.terminate_verbs or chain in self.lex.cancel_verbs:
                gov = verb
        if gov is None:
            return
        glemma = self._lemma(gov)
        gov_trig = triggers.get(gov.i)
        phrasal = chain or "_".join([glemma] + [c.lower_ for c in gov.children if c.dep_ == "prt"])
        ptype = self._ptype(trig.code)
        cancel = self.lex.cancel_codes.get(trig.code or "") or self.lex.cancel_codes.get(ptype or "")
        if cancel and (glemma in self.lex.cancel_verbs or phrasal in self.lex.cancel_verbs):
            trig.code = cancel  # "postponed the talks": a REJECT; no meeting took place
            trig.clause = gov
            if gov_trig is not None:
                gov_trig.suppressed = True
            return
        if (glemma in self.lex.terminate_verbs or phrasal in self.lex.terminate_verbs) \
                and ptype in self.lex.terminate_codes \
                and (ptype not in self.lex.own_terminate_types or _own_actor(tok)):
            trig.code = self.lex.terminate_codes[ptype]  # "ended mediation": a SANCTION
            trig.clause = gov
            if gov_trig is not None:
                gov_trig.suppressed = True
            return
        if gov_trig is not None and self.lex.frames.get(glemma) == "commit" \
                and not _own_actor(tok):
            # "offered aid", "threatened mass protests": a promise or threat whose content is
            # the noun (the codebook: offers of future aid are AGREE)
            table = self.lex.commit_codes.get(self._ptype(gov_trig.code) or "")
            if self._ptype(gov_trig.code) == "AGREE" and ptype is not None \
                    and self.lex.intent_types.get(ptype) == "THREATEN":
                table = self.lex.commit_codes["THREATEN"]
            if table and not gov_trig.pattern:
                gov_trig.code = table.get(ptype or "", table["default"])
            trig.suppressed = True
            return
        if phrasal in self.lex.light_verbs or phrasal in self.lex.light_preps:
            # "carried out a joint operation", "sat down for talks"
            glemma = phrasal
        if glemma in self.lex.light_verbs or glemma in self.lex.light_preps \
                or glemma in self.lex.receive_verbs:
            trig.clause = gov
            trig.code = self.lex.nominal_light.get(trig.key, {}).get(glemma, trig.code)
            status = self.lex.light_verbs.get(glemma)
            if status:
                trig.status = status
            if gov_trig is not None and gov_trig.kind != "want":
                gov_trig.suppressed = True
        elif gov_trig is not None and gov_trig.kind == "want":
            # "seek talks": a request whose code says what is wanted
            ptype = self._ptype(trig.code)
            gov_trig.code = self.lex.want_object_codes.get(ptype or "",
                                                           self.lex.want_object_codes["default"])
            trig.suppressed = True
        elif tok.dep_ in {"dobj", "nsubjpass"} and gov.lemma_.lower() in self.lex.demand_object_verbs:
            return  # "demanded the resignation of X": the demanded event stays (see _find_frame)
        elif gov_trig is not None and not _own_actor(tok):
            trig.suppressed = True  # "denied the accusations": the verb's event carries it
        elif gov.lemma_.lower() in self.lex.frames and not _own_actor(tok) and not (
                self.lex.frames[gov.lemma_.lower()] == "report" and tok.lemma_.lower() != "report"):
            trig.suppressed = True  # (what is reported stays: "observers reported a build-up")

    def _terminated(self, trig: _Trigger, triggers: dict[int, _Trigger]) -> None:
        """An ongoing act a terminate verb ends ("stopped issuing visas to X", "halted
        lending"): coded like an ended event noun (a SANCTION), the ending verb absorbed."""
        tok = trig.token
        if trig.kind != "verb" or tok.dep_ != "xcomp" or tok.tag_ != "VBG":
            return
        gov = tok.head
        ptype = self._ptype(trig.code)
        if self._lemma(gov) not in self.lex.terminate_verbs or ptype not in self.lex.terminate_codes \
                or ptype in self.lex.own_terminate_types:
            return
        trig.code = self.lex.terminate_codes[ptype]
        trig.clause = gov  # "would stop issuing": the ending verb's status and subject
        gov_trig = triggers.get(gov.i)
        if gov_trig is not None:
            gov_trig.suppressed = True

    def _adjunct_code(self, trig: _Trigger) -> None:
        """The code an `adjunct_codes` rule gives a verb for a phrase it takes: "sentenced
        in absentia" is a threat of arrest, not an imprisonment."""
        if trig.kind != "verb":
            return
        for prep, nouns, code in self.lex.adjunct_codes.get(self._lemma(trig.token), ()):
            if any(c.dep_ == "prep" and c.lower_ == prep and any(
                    g.dep_ == "pobj" and g.lower_ in nouns for g in c.children)
                    for c in trig.token.children):
                trig.code, trig.pattern = code, True
                return

    def _purpose(self, trig: _Trigger, triggers: dict[int, _Trigger]) -> None:
        """A dispatch ("sent a team to investigate", "dispatched an envoy to mediate") is
        coded as what it was sent to do, when that is an investigation, a meeting or aid."""
        if trig.kind != "verb" or self._lemma(trig.token) not in self.lex.dispatch_verbs:
            return
        for c in trig.token.children:
            purpose = triggers.get(c.i)
            if purpose is None or c.dep_ not in {"advcl", "xcomp"} or purpose.kind != "verb" \
                    or not any(g.dep_ == "aux" and g.lower_ == "to" for g in c.children):
                continue
            if self._ptype(purpose.code) in self.lex.dispatch_types:
                trig.code, trig.pattern, trig.by_object = purpose.code, True, True
                purpose.suppressed = True
                return

    def _subject_code(self, trig: _Trigger, state: _DocState) -> None:
        """The code a `subject_codes` rule gives a verb for who does it: troops that
        withdraw retreat (RETREAT), where a country withdrawing from a body reduces
        relations."""
        if trig.kind != "verb" or trig.by_object:
            return
        lemma = self._lemma(trig.token)
        rules = self.lex.subject_codes.get(_phrasal(trig.token, lemma)) \
            or self.lex.subject_codes.get(lemma)
        if not rules:
            return
        if trig.subject_only:
            trig.suppressed = True  # "the crisis left millions without heat": no event
        subj, passive = _subject(trig.token, self.lex)
        if subj is None or passive:
            return
        nouns = {s.lemma_.lower() for s in _conjuncts(subj)}
        if nouns & self.lex.quantity_nouns:  # "thousands of teachers paraded": the teachers
            nouns |= {g.lemma_.lower() for c in subj.children if c.dep_ == "prep" and c.lower_ == "of"
                      for g in c.children if g.dep_ == "pobj"}
        # a country acts through its government ("Sweden protested": a diplomatic protest)
        sectors = {state.actors[a].sector or ("GOV" if state.actors[a].kind == "country" else None)
                   for a in state.np_actors(subj) if a in state.actors}
        for words, secs, code in rules:
            if nouns & words or sectors & secs:
                trig.code, trig.pattern = code, True
                trig.suppressed = trig.suppressed and not trig.subject_only
                return

    def _riot(self, trig: _Trigger, triggers: dict[int, _Trigger], state: _DocState) -> None:
        """Violence by demonstrators, or by civilians during a demonstration, is the
        codebook's violent protest (PROTEST riot), not an assault: "protesters stormed the
        parliament", "youths threw stones during the demonstrations", and an event noun done
        "by protesters" ("a blockade of the port by protesters": obstruction); police or
        troops firing on a march stay an assault."""
        if trig.kind == "nominal" and self._ptype(trig.code) in self.lex.riot_types:
            by = [g for c in trig.token.children if c.dep_ == "prep" and c.lower_ == "by"
                  for g in c.children if g.dep_ == "pobj"]  # "a blockade of the port by
            if any(g.lemma_.lower() in self.lex.protester_nouns for g in by):  # protesters"
                trig.code = self.lex.riot_nominal_codes.get(trig.code or "", self.lex.riot_code)
            return
        if trig.kind != "verb" or self._ptype(trig.code) not in self.lex.riot_types:
            return
        tok = trig.token
        subj, passive = _subject(tok, self.lex)
        if subj is None or passive:
            return
        doers = [state.actors[a] for a in state.np_actors(subj) if a in state.actors]
        if any(a.sector in self.lex.security_sectors for a in doers):
            return
        heads = [g for s in _conjuncts(subj) for g in [s, *(  # "hundreds of protesters"
            p for c in s.children if c.dep_ == "prep" and c.lower_ == "of"
            for p in c.children if p.dep_ == "pobj")]]
        rioters = any(s.lemma_.lower() in self.lex.protester_nouns for s in heads)
        scenes = [g for h in (tok, tok.head) if h.pos_ == "VERB" or h is tok
                  for c in h.children if c.dep_ == "prep" and c.lower_ in {"during", "amid", "at", "in"}
                  for g in c.children if g.dep_ == "pobj"]
        during = any(self._ptype(t.code) == "PROTEST" for g in scenes
                     for t in [triggers.get(g.i)] if t is not None and t.kind == "nominal")
        if rioters or during:
            trig.code = self.lex.riot_code

    # ------------------------------------------------------------------ frames & status
    def _frame(self, trig: _Trigger, triggers: dict[int, _Trigger], state: _DocState) -> None:
        """Local status (negation, modality) and the frame the event sits in."""
        lex = self.lex
        clause = trig.clause or (trig.token if trig.kind != "nominal" else None)
        local = trig.status
        backshift = False  # "said it would stop": a reported "will", not a condition
        heads = [t for t in (trig.token, clause) if t is not None]
        for h in heads:
            for c in h.children:
                w = c.lower_
                if c.dep_ == "neg" or (c.dep_ == "det" and w == "no" and h is trig.token):
                    local = "negated"
                elif c.dep_ in {"aux", "auxpass"} and (w in lex.future_aux or w == "wo"
                                                     or w in lex.hypothetical_aux):
                    trig.future = True
                if c.dep_ in {"aux", "auxpass"} and local != "negated":
                    if w in lex.future_aux or c.lemma_.lower() in lex.future_aux:
                        local = "planned"
                    elif w in lex.hypothetical_aux:
                        local = "hypothetical"
                        backshift = w in lex.backshift_aux
                    elif w == "wo":  # "won't"
                        local = "planned"
                elif c.dep_ == "advmod" and w in lex.allegation_adverbs and local == "asserted":
                    local = "alleged"
            if h.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ in lex.conditional_marks
                                         for c in h.children):
                if local != "negated":
                    local = "hypothetical"
                backshift = False
        if trig.token.dep_ == "xcomp" and any(c.dep_ == "neg" for c in trig.token.head.children):
            local = "negated"  # "was not invited to sign": no signing either
        elif trig.token.dep_ == "xcomp" and trig.token.head.lemma_ in {"have", "be"} and any(
                c.dep_ == "advmod" and c.lower_ in lex.pending_adverbs for c in trig.token.head.children):
            local = "negated"  # "has yet to deploy": not done
        elif local == "asserted" and trig.token.dep_ == "xcomp" and trig.token.head.lemma_ == "be" \
                and trig.token.head.dep_ == "ROOT" \
                and any(c.dep_ in _SUBJ for c in trig.token.head.children) \
                and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.token.children):
            local = "planned"  # "officials are to meet on Friday": arranged, not yet done
        elif (local == "asserted" and trig.token.dep_ == "advcl"
              and any(c.dep_ == "aux" and c.lower_ == "to" for c in trig.token.children)
              and self._ptype(trig.code) not in lex.enacted_purpose_types
              and not (trig.token.head.i in triggers and self._ptype(
                  triggers[trig.token.head.i].code) in lex.enacted_purpose_types)):
            local = "planned"  # "met X to discuss Y": the purpose, not yet done (a protest
            # voices its purpose: "rallied to demand X" is the demand made)
        trig.local_neg = local == "negated"
        trig.status = local
        deontic = any(c.dep_ == "aux" and c.lower_ in lex.deontic_aux
                      for h in heads for c in h.children)
        frame = self._find_frame(trig.token if clause is None else clause, trig)
        if frame is None:
            return
        ftok, kind = frame
        if kind == "report" and backshift and ftok.tag_ == "VBD" and trig.status == "hypothetical" \
                and not any(c.dep_ == "advcl" and any(m.dep_ == "mark" and m.lower_ in lex.conditional_marks
                                                      for m in c.children)
                            for h in heads for c in h.children):
            trig.status = "planned"  # "X said it would stop ...": the past of "will stop" (but
            # "said it would impose sanctions if ..." stays a condition)
        if kind == "report" and ftok.lemma_.lower() in lex.mandative_frames \
                and clause is not None and (clause.tag_ == "VB" or (
                    clause.tag_ == "VBP" and ftok.tag_ == "VBD"
                    and clause.lemma_ not in {"be", "have"})) \
                and any(c.dep_ in _SUBJ for c in clause.children) \
                and not any(c.dep_ in {"aux", "auxpass"} for c in clause.children):
            # "insisted that the troops leave": a subjunctive is a demand (the tagger reads a
            # plural subjunctive as a present; after a past report a present act is rare)
            deontic = True
        if trig.kind == "deontic" and kind != "report":
            trig.suppressed = True  # only a speaker's "must" is a demand of its own
            return
        trig.frame_kind = kind
        ftrig = triggers.get(ftok.i)
        if kind in {"commit", "refuse"}:
            # the content refines the frame's own code and is not an event of its own
            trig.suppressed = True
            state.frame_of[id(trig)] = ftok
            if ftrig is not None and not ftrig.suppressed:
                ftype = self._ptype(ftrig.code)
                ctype = self._ptype(trig.code)
                table = lex.commit_codes.get(ftype or "")
                if ftype == "AGREE" and lex.intent_types.get(ctype or "") == "THREATEN":
                    table = lex.commit_codes["THREATEN"]  # a vow to use force is a threat
                    ftrig.pattern = False
                if table and not ftrig.pattern:
                    ftrig.code = table.get(ctype or "", table["default"])
            return
        if kind == "plan" and ftok.lemma_.lower() in lex.want_verbs and clause is not None \
                and any(c.dep_ in _SUBJ for c in clause.children):
            kind = trig.frame_kind = "demand"  # "X wants Y to withdraw": a request of Y
        if kind == "plan":
            trig.future = ftok.lemma_.lower() not in lex.want_verbs  # a wish is no intent
            trig.willing = ftok.lemma_.lower() in lex.willing_frames
            if ftrig is not None and not (ftrig.kind == "nominal"
                                          and self._ptype(ftrig.code) == "AGREE"):
                ftrig.suppressed = True  # "prepares to discuss": the discussing is the event
                # ("expressed its readiness to host" is an AGREE of its own)
            if trig.status == "asserted":
                trig.status = "planned"
            trig.frame_kind = None
            state.frame_of[id(trig)] = ftok
            return
        status = lex.frame_status.get(kind, "asserted")
        frame_negated = any(c.dep_ == "neg" for c in ftok.children)
        if frame_negated:
            status = "negated"
        if kind == "report" and deontic and not frame_negated:
            # "X must be given ...", Y said: Y demands it
            trig.status = "demanded"
            state.deontic.append((trig, ftok))
        elif status != "asserted" and trig.status != "negated":
            trig.status = status
        elif status == "negated":
            trig.status = "negated"
        state.frame_of[id(trig)] = ftok

    def _find_frame(self, start: Token, trig: _Trigger) -> tuple[Token, str] | None:
        lex = self.lex
        cur = start
        for _ in range(8):
            # reversed report: "X must ..., Kuleba said" (the speech verb hangs off the content)
            for c in cur.children:
                kind = lex.frames.get(c.lemma_.lower())
                if (c.dep_ in {"parataxis", "conj", "ccomp"} and c.i > cur.i
                        and kind in {"report", "allege"}
                        and any(g.dep_ in _SUBJ for g in c.children)
                        and not any(g.dep_ == "ccomp" and g.i > c.i for g in c.children)):
                    return c, kind  # ("..., X alleged": the content is alleged)
            dep = cur.dep_
            head = cur.head
            if dep in {"dobj", "nsubjpass"} and cur.i == trig.token.i and trig.kind == "nominal" \
                    and head.pos_ == "VERB" and lex.frames.get(head.lemma_.lower()) == "report":
                return head, "report"  # "observers reported a build-up": reported content
            if cur.i == trig.token.i and trig.kind == "nominal":
                # "demanded the minister's resignation", "called for the withdrawal of X":
                # the noun is what is demanded
                if dep == "pobj" and head.lower_ == "for" and head.head.pos_ == "VERB" \
                        and head.head.lemma_.lower() in lex.demand_for_verbs:
                    return head.head, "demand"
                if dep in {"dobj", "nsubjpass"} and head.pos_ == "VERB" \
                        and head.lemma_.lower() in lex.demand_object_verbs:
                    return head, "demand"
            if head is cur or dep not in _CLIMB_DEPS:
                return None
            hlemma = head.lemma_.lower()
            if dep == "advcl" and lex.frames.get(hlemma) in {"commit", "refuse", "demand"} \
                    and any(c.dep_ == "aux" and c.lower_ == "to" for c in cur.children) \
                    and not any(c.dep_ in {"dobj", "dative"} for c in head.children):
                dep = "xcomp"  # "have sworn to fight", "called for X to resign", "appealed to
                # X to leave" parsed as a purpose clause (with an object it is one: "offered
                # troops to help", "called a meeting to discuss")
            if dep in {"ccomp", "xcomp", "parataxis"} and hlemma in lex.frames:
                kind = lex.frames[hlemma]
                noun = next((c for c in head.children if c.dep_ == "dobj"
                             and c.lemma_.lower() in lex.frame_nouns), None)
                if kind == "report" and noun is not None:
                    kind = lex.frame_nouns[noun.lemma_.lower()]  # "reiterated its demand that"
                if hlemma == "call" and dep == "xcomp":
                    kind = "demand"
                return head, kind
            if dep in {"acl", "ccomp"} and head.pos_ == "NOUN" and hlemma in lex.frame_nouns:
                if head.dep_ == "dobj" and lex.frame_nouns[hlemma] in {"allege", "report"} \
                        and head.head.lemma_.lower() in lex.deny_claim_verbs:
                    return head.head, "deny"  # "rejected claims that X had attacked"
                return head, lex.frame_nouns[hlemma]
            if dep == "dobj" and cur.pos_ == "VERB" and lex.frames.get(hlemma) in {"deny", "refuse"}:
                return head, lex.frames[hlemma]
            if dep == "pcomp" and head.lower_ in {"of", "for"} \
                    and lex.frames.get(head.head.lemma_.lower()) == "allege":  # "blamed X for arming"
                return head.head, "allege"
            if dep == "pobj" and head.lower_ == "of" and head.head.pos_ == "VERB" \
                    and lex.frames.get(head.head.lemma_.lower()) == "allege" and cur.i == trig.token.i:
                return head.head, "allege"
            if dep in {"pobj", "prep", "dobj", "acl"}:
                return None
            cur = head
        return None

    # ------------------------------------------------------------------ participants
    def _participants(self, trig: _Trigger, state: _DocState) -> None:
        tok = trig.token
        if trig.kind == "nominal":
            self._nominal_participants(trig, state)
        else:
            subj, passive = _subject(tok, self.lex)
            trig.passive = passive
            if passive:
                agent = _agents(tok)
                if not agent:  # "was threatened with sanctions by X": the parser hangs the
                    agent = [g for c in tok.children if c.dep_ == "prep"  # agent on the noun
                             for n in c.children if n.dep_ == "pobj"
                             for b in n.children if b.dep_ == "prep" and b.lower_ == "by"
                             for g in b.children if g.dep_ == "pobj"]
                trig.actor = state.np_actors(agent[0]) if agent else []
                if not agent and self._ptype(trig.code) in self.lex.place_agent_types:
                    trig.actor = self._place_state(tok, state)
                theme = state.np_actors(subj) if subj is not None else []
                # "X was praised by Y for its handling of Z": with a theme, "for" gives a reason
                partners = [a for a in self._objects(tok, state, trig, _RECIPIENT_PREPS - {"for"}
                                                     if theme else _RECIPIENT_PREPS)
                            if a not in trig.actor]
                trig.recipient = partners or theme
            else:
                trig.actor = state.np_actors(subj) if subj is not None else []
                trig.recipient = self._objects(tok, state, trig)
        if trig.kind == "want":
            xs = [c for c in tok.children if c.dep_ == "xcomp"]
            for x in xs:
                trig.recipient = trig.recipient or self._objects(x, state, trig)
        if not trig.recipient and self._ptype(trig.code) == "REJECT" and trig.code == "016" \
                or (not trig.recipient and self._denies_accusation(trig)):
            for acc in reversed(state.accusations):
                if not acc.recipient or set(acc.recipient) & set(trig.actor):
                    trig.recipient = list(acc.actor)
                    break
        if not trig.recipient and trig.kind == "verb" and tok.lemma_.lower() in self.lex.clausal_codes:
            for c in tok.children:  # "protested that Chinese ships had entered": China
                subj, passive = _subject(c, self.lex) if c.dep_ == "ccomp" else (None, False)
                if subj is not None and not passive:
                    trig.recipient = state.np_actors(subj)
        if not trig.recipient:
            trig.recipient = self._clause_addressee(trig, state)
        trig.recipient = self._grievance_target(trig, state) or trig.recipient
        if len(trig.recipient) > 1 and trig.kind == "verb" and not trig.passive \
                and self._ptype(trig.code) in self.lex.transfer_types:
            # "handed over a militia leader to X": what is handed over goes to X, the recipient
            dest = [a for c in tok.children if c.lower_ == "to" and c.dep_ in {"prep", "dative"}
                    for g in c.children if g.dep_ == "pobj" for a in state.np_actors(g)]
            trig.recipient = [r for r in trig.recipient if r in dest] or trig.recipient
        if not trig.recipient and self._ptype(trig.code) in self.lex.protest_adjunct_types:
            trig.recipient = self._protest_adjunct(trig.clause or tok, state, trig)
        if not trig.recipient and trig.kind == "verb":
            for x in tok.children:  # "threatened to deliver blows to X": the content's X
                if x.dep_ == "xcomp" and x.pos_ in {"VERB", "AUX"}:
                    # (not the actor's own country: "promised to democratize Serbia"; and a
                    # "with" in the content makes no co-actor: "pledged to cooperate with X")
                    with_partner = trig.with_partner
                    trig.recipient = [r for r in self._objects(x, state, trig) if not (
                        r in state.actors and state.actors[r].kind == "country"
                        and state.same_country(r, trig.actor))]
                    trig.with_partner = with_partner
        trig.recipient = [r for r in trig.recipient if r not in trig.actor]
        self._foreign_recipient(trig, state)
        ftok = state.frame_of.get(id(trig))
        if ftok is not None and trig.frame_kind is not None:
            subj, passive = _subject(ftok, self.lex)
            if subj is not None and not passive:
                rb = state.np_actors(subj)
                trig.reported_by = rb[0] if rb else None
        if trig.reported_by is None:
            q = state.quote_at(tok.idx)
            if q is not None:
                trig.reported_by = q
        if not trig.recipient and trig.kind == "verb" and trig.reported_by \
                and trig.frame_kind in self.lex.speaker_pronoun_frames \
                and trig.reported_by not in trig.actor and trig.actor \
                and any(_pronoun_object(v, state) for v in (tok, *(x for x in tok.children
                                                                   if x.dep_ == "xcomp"))):
            # "Uzbekistan said Afghanistan had fired rockets at its territory": a pronoun the
            # content's own subject cannot fill is the speaker
            trig.recipient = [trig.reported_by]

    def _protest_adjunct(self, verb: Token, state: _DocState, trig: _Trigger) -> list[str]:
        """Whom a protest (or another event of `protest_adjunct.types`, such as an
        accusation) is aimed at, named by an "in protest against X" adjunct ("staged a hunger
        strike in protest against abuses by the police": the police)."""
        got: list[str] = []
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ != "in":
                continue
            for n in c.children:
                if n.dep_ != "pobj" or n.lemma_.lower() not in self.lex.protest_adjunct_nouns:
                    continue
                got += [a for p in n.children if p.dep_ == "prep"
                        and p.lower_ in self.lex.protest_adjunct_preps
                        for g in p.children if g.dep_ == "pobj"
                        for a in state.np_actors(g) or self._doer_of(g, state)]
        return [a for a in _unique(got) if a not in trig.actor]

    def _grievance_target(self, trig: _Trigger, state: _DocState) -> list[str]:
        """A complaint taken to someone is aimed at whoever its topic names: "complained to
        the UN over Israeli air raids" (Israel, the UN only hears it)."""
        verb = trig.clause if trig.kind == "nominal" else trig.token
        if verb is None or self._ptype(trig.code) not in self.lex.grievance_types \
                or not any(c.dep_ in {"prep", "dative"} and c.lower_ == "to" for c in verb.children):
            return []
        for c in verb.children:
            if c.dep_ == "prep" and c.lower_ in self.lex.grievance_topic_preps:
                # an act names its doer, never its victim ("over the detention of a Swedish
                # diplomat": not Sweden)
                got = [a for g in c.children if g.dep_ == "pobj"
                       for a in (self._event_noun_actors(g, state) or self._doer_of(g, state)
                                 if g.lemma_.lower() in self.lex.nominal_events
                                 else state.np_actors(g) or self._doer_of(g, state))]
                got = [a for a in got if a not in trig.actor and not state.same_country(a, trig.actor)]
                if got:
                    return _unique(got)
        return []

    def _clause_addressee(self, trig: _Trigger, state: _DocState) -> list[str]:
        """Whom a demand, an accusation or a permission is directed at when its word names no
        one: the active subject of its content clause ("demanded that the US cancel ...",
        "its call for India to resume ...", "allowed the opposition leader to hold a rally")."""
        ptype = self._ptype(trig.code)
        infinitival = ptype in self.lex.permit_clause_types
        if ptype not in self.lex.addressee_clause_types and not infinitival:
            return []
        deps = {"ccomp", "acl", "advcl"} if trig.kind == "nominal" else {"ccomp"}
        clauses = [c for c in trig.token.children if c.dep_ in deps]
        if trig.kind == "nominal" and trig.token.dep_ == "dobj" and trig.token.head.pos_ == "VERB":
            # "reiterated its demand today that Israel ease ...": the clause moved past "today"
            clauses += [c for c in trig.token.head.children if c.dep_ == "ccomp"]
        if trig.kind != "nominal" and self.lex.frames.get(self._lemma(trig.token)) == "report":
            return []  # a dictionary may code a saying verb; what is said is not addressed
        for c in clauses:
            if c.pos_ not in {"VERB", "AUX"} or c.i < trig.token.i:  # not "X left, Y demanded"
                continue
            if infinitival and not any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children):
                continue
            subj, passive = _subject(c, self.lex)
            if subj is not None and not passive and subj.i < c.i:
                got = state.np_actors(subj)
                if got:
                    return got
        return []

    def _place_state(self, verb: Token, state: _DocState) -> list[str]:
        """The country an agentless passive happens in, for acts only a state's authorities
        perform ("was arrested in Lebanon", "were expelled from Kabul"): that country."""
        for c in verb.children:
            if c.dep_ != "prep" or c.lower_ not in {"in", "from"}:
                continue
            for g in c.children:
                key = state.actor_of(g) if g.dep_ == "pobj" else None
                actor = state.actors.get(key) if key else None
                if actor is not None and actor.kind == "country":
                    return [actor.key]
        return []

    def _foreign_recipient(self, trig: _Trigger, state: _DocState) -> None:
        """Training or arming another state's forces is military aid to that state, not a
        mobilisation: recoded when every recipient belongs to a country other than the
        actors' ("the US trained Iraqi soldiers"; "the rebels trained new fighters" stays)."""
        if trig.kind != "verb" or not trig.actor or not trig.recipient:
            return
        codes = self.lex.foreign_recipient_codes.get(self._lemma(trig.token))
        if codes is None or trig.code != codes[0]:
            return
        sides = [state.actors.get(k) for k in (*trig.actor, *trig.recipient)]
        if all(a is not None and a.country for a in sides) \
                and not any(state.same_country(r, trig.actor) for r in trig.recipient):
            trig.code = codes[1]

    def _denies_accusation(self, trig: _Trigger) -> bool:
        if self._ptype(trig.code) != "REJECT":
            return False
        return any(c.dep_ == "dobj" and self.lex.frame_nouns.get(c.lemma_.lower()) == "allege"
                   for c in trig.token.children)

    def _objects(self, verb: Token, state: _DocState, trig: _Trigger,
                 preps: frozenset[str] = _RECIPIENT_PREPS) -> list[str]:
        out: list[str] = []
        for c in verb.children:
            if c.dep_ in _OBJ:
                if c.pos_ == "ADP":  # "gave support to X" parsed with a dative "to"
                    c = next((g for g in c.children if g.dep_ == "pobj"), c)
                if c.pos_ == "NOUN" and state.generic(c) and (any(
                        g.dep_ == "poss" and g.pos_ == "PRON" for g in c.children)
                        or self._ptype(trig.code) in self.lex.own_object_types):
                    # "withdrew its troops", "sent 500 troops": the actor's own; where they go
                    # may name the recipient ("massed troops on the border with X")
                    out += self._partners_below(c, state, trig, depth=2)
                    continue
                got = self._event_noun_actors(c, state)  # "condemned an attack by X": X
                got = got or state.np_actors(c)
                if not got and not trig.passive:  # "prevented a rally staged by X": X
                    got = self._doer_of(c, state)
                if self._ptype(trig.code) in self.lex.own_object_types:
                    # "Britain mobilised army reservists": Britain's own, no recipient
                    got = [a for a in got if not state.same_country(a, trig.actor)]
                out += got
                if not got:  # "discuss guarantees with X", "resumption of ties with X"
                    got = self._partners_below(c, state, trig, depth=2)
                    out += got
            elif c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS and c.lower_ in preps \
                    and not (c.lower_ in ("at", "for") and out):
                # with an object named, "at" is a venue ("criticised X at the UN") and "for" a
                # reason ("praised X for their progress in Havana")
                for g in c.children:
                    if g.dep_ == "pobj":
                        got = state.np_actors(g)
                        out += got
                        trig.with_partner |= bool(got) and c.lower_ == "with"
                        if not got:  # "acted on programs with X"
                            out += self._partners_below(g, state, trig, depth=2) \
                                or self._doer_of(g, state)  # "protested against abuses by X"
            elif c.dep_ == "xcomp" and trig.kind != "want":
                for g in c.children:  # "urged X to ...": X is already the object
                    if g.dep_ in _SUBJ:
                        out += state.np_actors(g)
        return _unique(out)

    def _event_noun_actors(self, noun: Token, state: _DocState) -> list[str]:
        """The doer of an event noun: "an attack by X", "X's attack", "the Xian attack"."""
        if noun.lemma_.lower() not in self.lex.nominal_events:
            return []
        out: list[str] = []
        for c in noun.children:
            if c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and state.actor_of(c)):
                out += state.np_actors(c)
            elif c.dep_ == "prep" and c.lower_ == "by":
                out += [a for g in c.children if g.dep_ == "pobj" for a in state.np_actors(g)]
        return _unique(out)

    def _doer_of(self, noun: Token, state: _DocState) -> list[str]:
        """The doer a common noun names with "by", directly or through a participle ("abuses
        by the army", "the march staged by students", "crimes committed by X"): a protest,
        complaint or ban aimed at an act is aimed at its doer."""
        if noun.pos_ != "NOUN":
            return []
        for c in noun.children:
            if c.dep_ == "prep" and c.lower_ == "by":
                return _unique(a for g in c.children if g.dep_ == "pobj" for a in state.np_actors(g))
            if c.dep_ == "acl" and c.tag_ == "VBN":
                agent = _agents(c)
                if agent:
                    return state.np_actors(agent[0])
        return []

    def _partners_below(self, tok: Token, state: _DocState, trig: _Trigger,
                        depth: int) -> list[str]:
        out: list[str] = []
        for p in tok.children:
            if p.dep_ != "prep":
                continue
            for g in p.children:
                if g.dep_ != "pobj":
                    continue
                if p.lower_ in {"with", "to", "against", "from", "between", "at", "on", "into",
                                "toward", "towards", "upon"}:
                    got = state.np_actors(g)
                    out += got
                    trig.with_partner |= bool(got) and p.lower_ in {"with", "between"}
                    if not got and depth > 1:  # "troops on the border with X", "duties on steel from X"
                        out += self._partners_below(g, state, trig, depth - 1)
                elif depth > 1 and (p.lower_ == "of" or (p.lower_ == "in" and tok.ent_type_ == "MONEY")):
                    out += self._partners_below(g, state, trig, depth - 1)  # "$5m in aid to X"
        return _unique(out)

    def _nominal_participants(self, trig: _Trigger, state: _DocState) -> None:
        tok = trig.token
        nom = self.lex.nominal_events.get(trig.key)
        preps = nom[1] if nom else frozenset()
        actor: list[str] = []
        partners: list[str] = []
        for c in tok.children:
            if c.dep_ == "poss":
                actor += state.np_actors(c)
            elif c.dep_ in {"amod", "compound", "nmod"} and state.actor_of(c):
                actor += state.np_actors(c)
            elif c.dep_ == "prep":
                pobjs = [g for g in c.children if g.dep_ == "pobj"]
                if c.lower_ == "by":
                    for g in pobjs:
                        actor += state.np_actors(g)
                elif c.lower_ in preps:
                    for g in pobjs:
                        # "demonstrations against violations by the army": the army
                        got = state.np_actors(g) or self._doer_of(g, state)
                        partners += got
                        trig.with_partner |= bool(got) and c.lower_ in {"with", "between", "among"}
        if not partners and "of" not in preps:  # "a threat of force against X": X
            partners = [a for c in tok.children if c.dep_ == "prep" and c.lower_ == "of"
                        for g in c.children if g.dep_ == "pobj"
                        for p in g.children if p.dep_ == "prep" and p.lower_ in preps - {"with"}
                        for x in p.children if x.dep_ == "pobj" for a in state.np_actors(x)]
        ptype = self._ptype(trig.code)
        between = any(c.dep_ == "prep" and c.lower_ in {"between", "among"} for c in tok.children)
        if between and not actor and ptype in self.lex.symmetric_types and len(partners) >= 2 \
                and trig.code not in self.lex.directed_codes:
            actor, partners = partners, []  # "talks between X and Y": both take part
        doers = list(actor)  # named by the noun's own phrase, or by the subject's head
        receive = trig.clause is not None and self._lemma(trig.clause) in self.lex.receive_verbs
        if receive and trig.clause is not None:
            # "X faced criticism from Y", "X received an invitation from Y": X is the
            # recipient, "from" names the doer
            if not actor:  # (the "from" may hang on a measure noun: "a barrage of criticism")
                carriers = [tok, trig.clause] + ([tok.head.head] if tok.dep_ == "pobj"
                                                 and tok.head.lower_ == "of" else [])
                actor = [a for h in carriers for c in h.children
                         if c.dep_ == "prep" and c.lower_ == "from"
                         for g in c.children if g.dep_ == "pobj" for a in state.np_actors(g)]
                doers = list(actor)
            subj, passive = _subject(trig.clause, self.lex)
            if subj is not None and not passive:
                partners = [a for a in state.np_actors(subj) if a not in actor] or partners
        elif trig.clause is not None:
            if not actor:
                subj, passive = _subject(trig.clause, self.lex)
                # "were engaged in ethnic cleansing": a light verb's passive is a state
                # its subject is in, and the subject is the doer (not "was placed under arrest")
                light = passive and self._lemma(trig.clause) in self.lex.stative_light_verbs
                if subj is not None and (not passive or light):
                    actor = state.np_actors(subj)
                    doers = [a for a in [state.actor_of(subj)] if a]
                elif passive:  # "sanctions were imposed on X by Y": the agent imposes them
                    agent = _agents(trig.clause)
                    actor = state.np_actors(agent[0]) if agent else []
                    doers = [a for a in [state.actor_of(agent[0])] if a] if agent else []
            if not partners:
                # a light verb's prepositions name the noun's partner only as the noun's
                # own would ("filed a lawsuit against X at the court": not the court)
                partners = [a for a in self._objects(trig.clause, state, trig, nom[1] if nom
                                                     else _RECIPIENT_PREPS) if a not in actor]
                if not actor and ptype in self.lex.symmetric_types and len(partners) >= 2 \
                        and trig.code not in self.lex.directed_codes and any(
                            c.dep_ == "prep" and c.lower_ in {"between", "among"}
                            for c in trig.clause.children):
                    actor, partners = partners, []  # "talks were held between X and Y"
            if not partners and tok.dep_ in _OBJ:
                subj, passive = _subject(trig.clause, self.lex)
                if subj is not None and passive:  # "X was given a loan by Y": X receives it
                    partners = [a for a in state.np_actors(subj) if a not in actor]
        elif not actor and ptype in self.lex.symmetric_types and partners:
            # "Following a call with X, Y wrote ...": Y took part
            head = tok.head
            if tok.dep_ == "pobj" and head.head.pos_ == "VERB":
                verb = head.head
                if head.dep_ in {"prep", "advcl"} and verb.pos_ == "VERB":
                    verb = verb if head.head.dep_ not in {"prep"} else verb.head
                subj, passive = _subject(verb, self.lex)
                if subj is not None and not passive:
                    actor = state.np_actors(subj)
        trig.actor = _unique(actor)
        trig.recipient = _unique(a for a in partners if a not in trig.actor)
        state_code = self.lex.state_doer_codes.get(trig.key)
        if state_code and nom is not None and trig.code == nom[0] and any(
                a in state.actors and (state.actors[a].kind == "country"
                                       or state.actors[a].sector in self.lex.security_sectors)
                for a in doers):
            trig.code = state_code  # "US strikes", "the army's strikes": attacks, not walkouts
        joint = self.lex.nominal_modifiers.get(trig.key, {}).get("joint")
        # the sides are countries, or organisations without one; "police and soldiers" of no
        # named country are not two sides
        sides = {(state.actors[a].country or (a if state.actors[a].kind != "group" else None))
                 if a in state.actors else a for a in trig.actor} - {None}
        if joint and (len(sides) > 1 or trig.with_partner):
            trig.code = joint  # the codebook: joint operations are COOPERATE

    # ------------------------------------------------------------------ output
    def _ptype(self, code: str | None) -> str | None:
        pc = self.plover.get(code)
        return pc.type if pc else None

    def _events(self, trig: _Trigger, sent: Span, state: _DocState) -> list[EventAnn]:
        events: list[EventAnn] = []
        deontic_frames = [f for t, f in state.deontic if t is trig]
        if deontic_frames:
            ftok = deontic_frames[0]
            subj, _ = _subject(ftok, self.lex)
            speaker = state.np_actors(subj) if subj is not None else []
            if speaker:  # the one who must act is asked to
                asked = [a for a in trig.actor if a not in speaker]
                events.append(self._make("020", "request", speaker, asked, "asserted", None,
                                         trig.token, sent, state, trig, 0.8))
        if trig.kind == "deontic":
            return events  # the content has no event type of its own
        if not trig.actor and not (trig.passive and trig.recipient) \
                and (trig.clause or trig.token).dep_ != "ROOT" \
                and not _aspectual(trig.clause or trig.token, self.lex) \
                and not (trig.frame_kind == "report" and trig.status == "asserted") \
                and not (trig.kind == "nominal" and trig.clause is None  # "a truce took hold",
                         and trig.token.dep_ in _SUBJ and trig.token.head.dep_ == "ROOT"):  # "protests erupted"
            return events  # no one acts: only a sentence's main event (or the content of a
            # report, "police said rioters had torched buses") is worth keeping
        if trig.kind == "want" and any(c.dep_ == "xcomp" for c in trig.token.children) \
                and trig.suppressed:
            return events
        conf = 0.45 + (0.1 if trig.pattern else 0.0) \
            + (0.15 if trig.actor else (-0.1 if trig.passive and trig.recipient else -0.3)) \
            + (0.05 if trig.recipient else 0.0) + (0.15 if self._main(trig) else 0.0) \
            - (0.1 if (trig.clause or trig.token).dep_ in _CLAUSE_DEPS - {"ccomp", "xcomp"} else 0.0)
        actor, recipient = trig.actor, trig.recipient
        coding = self.plover.get(trig.code)
        pairs = [(actor, recipient)]
        merged = False
        if coding is not None and (coding.type in self.lex.symmetric_types
                                   or trig.code in self.lex.symmetric_codes) \
                and coding.mode != "visit" and trig.code not in self.lex.directed_codes:
            partners = bool(recipient) and (trig.with_partner or coding.type == "CONSULT")
            if self.co_actors and actor and partners:
                # the codebook: in a meeting (an agreement, a joint action) every participant
                # is an actor and there is no recipient; the event holds in both directions
                pairs, merged = [(_unique(actor + recipient), [])], True
            elif not self.co_actors and not recipient and len(actor) > 1:
                # dyadic (CAMEO-style) output: "A and B met" holds in both directions
                pairs = [([a], [b]) for a in actor for b in actor if a != b]
        derived = self._intent(trig, coding.type if coding else "")
        for i, (act, rec) in enumerate(pairs):
            penalty = 0.0 if i == 0 else 0.05
            events.append(self._make(trig.code, trig.kind, act, rec, trig.status,
                                     trig.reported_by, trig.token, sent, state, trig,
                                     conf - penalty))
            if derived is not None:
                if merged and trig.status == "negated":
                    # a refusal is its subject's own: "would not negotiate with X" rejects X
                    act, rec = actor, recipient
                events.append(self._make(derived, trig.kind, act, rec, "asserted",
                                         trig.reported_by, trig.token, sent, state, trig,
                                         conf + 0.05 - penalty))
        return events

    def _main(self, trig: _Trigger) -> bool:
        """Is the event the sentence's main clause (or the content of a report)?"""
        head = trig.clause or trig.token
        if head.dep_ in {"advcl", "acl", "relcl"}:
            return False  # "demonstrated ..., calling for X": the adjunct is not the news
        if trig.kind == "verb" and head.lemma_.lower() in self.lex.frames and _reversed_report(head):
            return True  # "X is failing ..., a rights group protested": the protest is news
        if _aspectual(head, self.lex):
            return True  # "both armies began pulling back": the pulling back is the news
        return head.dep_ == "ROOT" or trig.frame_kind == "report"

    def _intent(self, trig: _Trigger, ptype: str) -> str | None:
        """The codebook's reading of a future action as an intent: its CAMEO code, or None."""
        if not trig.future or trig.frame_kind in {"allege", "deny", "demand"}:
            return None
        lex = self.lex
        if trig.willing and trig.status == "planned" and ptype in lex.willing_types:
            # "is willing to withdraw": the codebook's AGREE ("indicate willingness"), where
            # an announced retreat ("will withdraw") is a CONCEDE
            return lex.commit_codes["AGREE"].get(ptype, lex.commit_codes["AGREE"]["default"])
        if trig.status in {"planned", "hypothetical"} and ptype in lex.intent_types:
            derived = lex.intent_types[ptype]
            if derived == "CONCEDE":
                return "080"
            table = lex.commit_codes[derived]
            return table.get(ptype, table["default"])
        if trig.status == "negated" and trig.local_neg and ptype in lex.refusal_types:
            table = lex.commit_codes["REJECT"]
            return table.get(ptype, table["default"])
        return None

    def _make(self, code: str, kind: str, actor: list[str], recipient: list[str], status: str,
              reported_by: str | None, tok: Token, sent: Span, state: _DocState, trig: _Trigger,
              confidence: float) -> EventAnn:
        pc = self.plover.get(code)
        assert pc is not None
        end = tok.idx + len(tok.text)
        prt = [c for c in tok.children if c.dep_ == "prt" and c.i == tok.i + 1]
        if prt:
            end = prt[0].idx + len(prt[0].text)
        start = tok.doc[tok.i - 2].idx if _hyphenated(tok) else tok.idx
        text = doc_text(tok.doc)[sent.start_char:sent.end_char].rstrip()
        return EventAnn(
            type=pc.type, actor=list(actor), recipient=list(recipient), status=status,
            evidence=CharSpan(sent.start_char, sent.start_char + len(text)),
            trigger=CharSpan(start, end), mode=pc.mode, context=list(pc.context),
            reported_by=reported_by,
            date=state.date, date_precision=state.date_precision,
            date_basis="publication" if state.date else None,
            cameo=code, goldstein=goldstein(code), quad_class=quad_class(pc.type),
            confidence=max(0.05, min(0.95, confidence)), quote=state.quote_index_at(tok.idx),
        )


# ---------------------------------------------------------------------- doc-level helpers

class _DocState:
    """Per-document lookups: token → actor, actor kinds, quotes, earlier accusations."""

    def __init__(self, doc: Doc, lex: EventLexicon, nominal_heads: frozenset[str] = frozenset()):
        self.doc = doc
        self.lex = lex
        self.actors = doc._.dyad_actors or {}
        mentions = doc._.dyad_mentions
        if mentions is not None:  # the linker's token attributes, read cheaply
            self.token_actor: list[str | None] = [None] * len(doc)
            story = _story_start(doc)
            for m in mentions:
                if m.actor is not None and m.start >= story:  # not the dateline's place or agency
                    for i in range(m.token_start, m.token_end):
                        self.token_actor[i] = m.actor
        else:
            self.token_actor = [t._.dyad_actor for t in doc]
        self.accusations: list[EventAnn] = []
        self.meeting: tuple[int, list[str]] | None = None  # (sentence start, parties) of the last meeting
        self.frame_of: dict[int, Token] = {}
        self.deontic: list[tuple[_Trigger, Token]] = []
        pub = doc._.dyad_published
        self.date: str | None = str(pub)[:10] if pub else None
        self.date_precision: str | None = "day" if self.date and len(self.date) == 10 else (
            "month" if self.date and len(self.date) == 7 else ("year" if self.date else None))
        self.quotes = list(doc._.dyad_quotes or [])
        self.after_dash = _after_dash(doc)
        # Made once per doc, read per sentence: the forms (hashes, and each distinct hash's
        # lower-case string), the verbs, and the tokens that can trigger an event: verbs and
        # auxiliaries, nouns whose form or lemma ends an event-noun key, and the second halves
        # of split hyphenated words. Every other token is skipped without being looked at.
        rows = doc.to_array([LOWER, LEMMA, POS]).tolist() if len(doc) else []
        self._forms: list[tuple[int, int]] = [(low, lemma) for low, lemma, _ in rows]
        strings = doc.vocab.strings
        self._string: dict[int, str] = {h: strings[h].lower() for h in {h for f in self._forms for h in f}}
        verbal, nominal = {_VERB, _AUX}, {_NOUN, _PROPN}
        self._verbs = [i for i, row in enumerate(rows) if row[2] == _VERB]
        self._candidates = sorted(
            {i for i, row in enumerate(rows) if row[2] in verbal or (
                row[2] in nominal and (self._string[row[0]] in nominal_heads
                                       or self._string[row[1]] in nominal_heads))}
            | self.after_dash)

    def verbs(self, start: int, end: int) -> list[int]:
        """Indices of the range's VERB tokens."""
        return self._verbs[bisect_left(self._verbs, start):bisect_left(self._verbs, end)]

    def candidates(self, start: int, end: int) -> list[int]:
        """Indices of the range's tokens that can trigger an event, in order (see __init__)."""
        cands = self._candidates
        return cands[bisect_left(cands, start):bisect_left(cands, end)]

    def words(self, start: int, end: int) -> set[str]:
        """Every lower-case form and lemma in a token range (for pattern pre-checks)."""
        string = self._string
        out = {string[h] for f in self._forms[start:end] for h in f}
        out.add(COMPOUND_FORM)
        return out

    def actor_of(self, tok: Token) -> str | None:
        return self.token_actor[tok.i]

    def same_country(self, key: str, keys: list[str]) -> bool:
        """Is the actor `key` of the same country as one of `keys`' actors?"""
        country = self.actors[key].country if key in self.actors else None
        return country is not None and any(
            k in self.actors and self.actors[k].country == country for k in keys)

    def generic(self, tok: Token) -> bool:
        """Is the token's actor a generic group with no country ("troops", "forces")?"""
        key = self.token_actor[tok.i]
        actor = self.actors.get(key) if key else None
        return actor is not None and actor.kind == "group" and not actor.country \
            and not any(self.token_actor[c.i] for c in tok.children
                        if c.dep_ in {"amod", "compound", "appos"})

    def quote_at(self, char: int) -> str | None:
        """The speaker of the innermost quote holding `char` (a quote inside a statement
        belongs to the quoted person, not to the statement's issuer)."""
        inside = [q for q in self.quotes if q.start <= char < q.end and q.speaker]
        return str(min(inside, key=lambda q: q.end - q.start).speaker) if inside else None

    def quote_index_at(self, char: int) -> int | None:
        inside = [i for i, q in enumerate(self.quotes) if q.start <= char < q.end]
        return min(inside, key=lambda i: self.quotes[i].end - self.quotes[i].start) if inside else None

    def np_actors(self, head: Token | None) -> list[str]:
        """Actors a noun phrase names: its head's, else an apposition's, else its
        prepositional complements' or modifiers'; coordinated phrases add theirs."""
        if head is None:
            return []
        out: list[str] = []
        for h in _conjuncts(head):
            out += self._one_np(h)
        if head.pos_ == "PROPN" and out:
            out += self._comma_partners(head, out)
        return _unique(out)

    def _comma_partners(self, head: Token, out: list[str]) -> list[str]:
        """Headline coordination by a comma ("Angola, Namibia open ...", "Peru, Chile sign
        ..."): a name set off by a comma beside the subject (or in apposition to a name)
        that is another country's actor is a co-subject, not a second name of the first."""
        doc = head.doc
        cands = [c for c in head.children if c.dep_ == "appos" and c.pos_ == "PROPN"
                 and c.i == head.right_edge.i and doc[c.left_edge.i - 1].text == ","]
        if head.dep_ in _SUBJ and head.left_edge.i > 1 and doc[head.left_edge.i - 1].text == ",":
            cands += [c for c in head.head.children if c.dep_ in {"dep", "npadvmod", "appos"}
                      and c.pos_ == "PROPN" and c.right_edge.i == head.left_edge.i - 2]
        got: list[str] = []
        for c in cands:
            key = self.actor_of(c)
            if key and key not in out and key in self.actors \
                    and self.actors[key].kind == "country" and not self.same_country(key, out):
                got.append(key)
        return got

    def _one_np(self, h: Token) -> list[str]:
        if h.tag_ in {"NNS", "NNPS"} and (self.actor_of(h) or h.lemma_.lower() in self.lex.group_nouns):
            # "the two diplomats", "both sides" (not "two missiles")
            n = next((self.lex.group_numbers[c.lower_] for c in h.children
                      if c.lower_ in self.lex.group_numbers), 0)
            met = self._recent_meeting(h)  # "A met B in C. The two sides ...": A and B
            group = met if n and len(met) == n else (self._last_actors(h.i, n) if n else [])
            if group:
                return group
        key = self.actor_of(h)
        if not key and h.lemma_.lower() in self.lex.relational_nouns:
            return []  # "Iraq's neighbours", "Russia's allies": others, not the possessor
        if h.dep_ in _SUBJ | _PASS_SUBJ and (self.generic(h) if key else h.lemma_.lower() in self.lex.group_nouns):
            # the subject "his country", "its troops", "their government" is the possessor's
            poss = [c for c in h.children if c.dep_ == "poss" and c.pos_ == "PRON"]
            owner = self._pronoun(poss[0], any_kind=True) if poss else []
            if owner:
                return owner
        if h.pos_ == "NOUN":  # "Hungarian and Romanian officials": every modifier's actor
            mods = _unique(a for c in h.children if c.dep_ in {"amod", "compound", "nmod"}
                           and self.actor_of(c) for m in _conjuncts(c, any_pos=True)
                           for a in [self.actor_of(m)] if a)
            if len(mods) > 1:
                return mods
        got: list[str] = []
        # an event noun between parties ("an accord with", "talks between") only happens in a
        # named place: "an accord in Oslo", "talks in Geneva" (but "a trip in X" goes to X)
        noun = self.lex.nominal_events.get(h.lemma_.lower())
        located = noun is not None and bool(noun[1] & {"with", "between"})
        for c in h.children:  # "officials in X and Y", "representative for ... Z"
            if located and c.lower_ == "in" and any(g.pos_ == "PROPN" for g in c.children):
                continue
            if c.dep_ == "prep" and c.lower_ in {"of", "in", "from", "for"}:
                for g in c.children:
                    if g.dep_ == "pobj":
                        got += self.np_actors(g)
        if key and (h.pos_ == "PROPN" or not got):
            return [key]
        for c in h.children:
            if c.dep_ == "appos":
                app = self.np_actors(c)
                if app:
                    return app
        owners = [a for c in h.children if c.dep_ in {"poss", "amod", "compound", "nmod"}
                  and c.i < h.i for a in [self.actor_of(c)] if a]
        if got and h.pos_ == "NOUN" and owners:
            # "a US base in Syria", "the British embassy in Tehran": the owner, not the place
            return [key] if key and key in owners else owners[-1:]  # the nearest names it
        if got:
            return got
        for c in h.children:  # a multi-token mention whose head token is not the syntactic head
            if c.dep_ in {"compound", "flat"} and self.actor_of(c):
                return [self.actor_of(c)]  # type: ignore[list-item]
        for c in h.children:
            if c.dep_ in {"poss", "amod", "nmod", "npadvmod"} and self.actor_of(c):
                got.append(self.actor_of(c))  # type: ignore[arg-type]
            elif c.dep_ == "poss" and c.pos_ != "PRON":  # "their resumption": not a party
                got += self.np_actors(c)
        if got:
            return got
        for c in h.children:  # "US drone strikes": the owner modifies a modifier
            if c.dep_ == "compound" and not self.actor_of(c):
                owners = [a for g in c.children if g.dep_ in {"compound", "amod", "poss"}
                          for a in [self.actor_of(g)] if a]
                if owners:
                    return owners[:1]
        if h.pos_ == "PRON":
            return self._pronoun(h)
        if h.lower_ in {"that", "which", "who"} and h.head.dep_ == "relcl":
            return self.np_actors(h.head.head)
        return []

    def _pronoun(self, h: Token, any_kind: bool = False) -> list[str]:
        """The antecedent of a pronoun in its sentence or the one before; `any_kind` lets
        "his" stand for a country too ("Venezuela's foreign minister said his country")."""
        w = h.lower_
        plural = w in {"they", "them", "their"}
        if any_kind and w in {"his", "her", "its", "their"}:
            want = {"country", "organization", "group", "person"}
        elif w in {"he", "she", "him", "her", "his"}:
            want = {"person"}
        elif w in {"it", "its"}:
            want = {"country", "organization", "group"}
        elif plural:
            want = {"country", "organization", "group", "person"}
        else:
            return []
        start = h.sent.start
        prev_sent_start = self.doc[start - 1].sent.start if start > 0 else start
        met = self._recent_meeting(h) if plural else []
        if met:
            return met  # right after a meeting, "they" are its parties
        fallback: list[str] = []
        for i in range(h.i - 1, prev_sent_start - 1, -1):
            key = self.token_actor[i]
            if not key:
                continue
            kind = self.actors[key].kind if key in self.actors else "group"
            if kind not in want:
                continue
            if _np_dep(self.doc[i]) in _SUBJ | _PASS_SUBJ:
                if plural:  # "Russia and China ... They": both
                    return self.np_actors(_np_head(self.doc[i])) or [key]
                return [key]  # antecedents are mostly subjects
            if not fallback:
                fallback = [key]
        return fallback

    def _recent_meeting(self, h: Token) -> list[str]:
        """The parties of a meeting in the sentence right before h's, if there was one."""
        start = h.sent.start
        if self.meeting is None or start == 0 or self.meeting[0] != self.doc[start - 1].sent.start:
            return []
        return list(self.meeting[1])

    def _last_actors(self, before: int, n: int) -> list[str]:
        found: list[str] = []
        start = self.doc[before].sent.start
        prev = self.doc[start - 1].sent.start if start > 0 else start
        for i in range(before - 1, prev - 1, -1):
            key = self.token_actor[i]
            if key and key not in found:
                found.append(key)
                if len(found) == n:
                    break
        return list(reversed(found)) if len(found) == n else []


def _pronoun_object(verb: Token, state: _DocState) -> bool:
    """Does a verb's object or recipient phrase stand for someone by a pronoun ("supply it",
    "fired at its territory"; not "its own positions", not "its troops", not "itself")?"""
    heads = [c for c in verb.children if c.dep_ in {"dobj", "dative"}]
    heads += [g for c in verb.children if c.dep_ == "prep" and c.lower_ in _RECIPIENT_PREPS
              for g in c.children if g.dep_ == "pobj"]
    for h in heads:
        if h.lower_ in {"it", "them"}:
            return True
        if any(c.dep_ == "poss" and c.lower_ in {"its", "their"} for c in h.children) \
                and not any(c.lower_ == "own" for c in h.children) and not state.actor_of(h) \
                and h.lemma_.lower() not in state.lex.group_nouns:
            return True
    return False


def _agents(verb: Token) -> list[Token]:
    """The nouns of a passive verb's "by" agent ("was attacked by X": X)."""
    return [g for c in verb.children if c.dep_ == "agent" for g in c.children if g.dep_ == "pobj"]


def _np_dep(tok: Token) -> str:
    """The dependency of the noun phrase a token sits in (climbing compounds, appositions)."""
    return _np_head(tok).dep_


def _np_head(tok: Token) -> Token:
    """The head of the noun phrase a token sits in (climbing compounds, appositions,
    conjunctions)."""
    cur = tok
    while cur.dep_ in {"compound", "flat", "appos", "conj"} \
            and cur.head is not cur:
        cur = cur.head
    return cur


def _conjuncts(tok: Token, any_pos: bool = False) -> list[Token]:
    out = [tok]
    for c in tok.children:
        if c.dep_ == "conj" and (any_pos or c.pos_ in {"PROPN", "NOUN", "PRON"}):
            out += _conjuncts(c, any_pos)
    return out


_PARTICLES = {"out", "back", "down", "in", "off", "over", "up", "away", "home"}


def _phrasal(verb: Token, lemma: str) -> str:
    """"pull_out" for "pulled out (of ...)": the lemma joined with the particle right after
    the verb (the parser labels it prt, prep or advmod), else the lemma."""
    nxt = verb.doc[verb.i + 1] if verb.i + 1 < len(verb.doc) else None
    if nxt is not None and nxt.head.i == verb.i and nxt.dep_ in {"prt", "prep", "advmod"} \
            and nxt.lower_ in _PARTICLES:
        return f"{lemma}_{nxt.lower_}"
    for c in verb.children:  # "kicked Syria out of", "pulled its troops back": a particle
        if c.i > verb.i + 1 and c.lower_ in _PARTICLES and (  # after the object
                c.dep_ == "prt" or (c.dep_ in {"prep", "advmod"}
                                    and not any(g.dep_ == "pobj" for g in c.children))):
            return f"{lemma}_{c.lower_}"
    return lemma


def _story_start(doc: Doc) -> int:
    """Where the story starts after a wire dateline ("KABUL (Reuters) - "): neither the place
    nor the agency of a dateline takes part in the story's events."""
    if not doc._.dyad_dateline:
        return 0
    from dyad.readers import dateline_parts

    return dateline_parts(doc_text(doc))[2]


def _after_dash(doc: Doc) -> set[int]:
    """Indices of tokens that end a hyphenated word the tokenizer split ("sit - in" written
    "sit-in"): a "-" with no space on either side before them (array ops, no token loop)."""
    if len(doc) < 3:
        return set()
    arr = doc.to_array([ORTH, SPACY])
    dash = doc.vocab.strings["-"]
    joined = (arr[1:-1, 0] == dash) & (arr[1:-1, 1] == 0) & (arr[:-2, 1] == 0)
    return {int(i) + 2 for i in joined.nonzero()[0]}


def _aspectual(head: Token, lex: EventLexicon) -> bool:
    """Is the clause the complement of a main-clause aspectual verb ("began pulling back")?"""
    return head.dep_ == "xcomp" and head.head.dep_ == "ROOT" \
        and head.head.lemma_.lower() in lex.aspectual_verbs


def _reversed_report(verb: Token) -> bool:
    """Is the verb a speech act after its content ("X must go, Y said"; "X is failing ...,
    a rights group protested"): a parataxis or complement of an earlier verb, with a subject
    of its own and no clause of its own after it?"""
    return (verb.dep_ in {"parataxis", "ccomp"} and verb.head.i < verb.i
            and verb.head.pos_ in {"VERB", "AUX"}
            and any(c.dep_ in _SUBJ for c in verb.children)
            and not any(c.dep_ == "ccomp" and c.i > verb.i for c in verb.children))


def _hyphenated(tok: Token) -> str:
    """"sit-in" for the "in" of "sit - in" written without spaces, else ""."""
    if tok.i < 2 or tok.doc[tok.i - 1].text != "-":
        return ""
    first, dash = tok.doc[tok.i - 2], tok.doc[tok.i - 1]
    if first.whitespace_ or dash.whitespace_:
        return ""
    return f"{first.lower_}-{tok.lower_}"


def _noun_keys(noun: Token) -> set[str]:
    """The forms an object noun can be listed under: its lemma and form, with its modifiers
    ("martial law") and with an "of" complement ("state of emergency")."""
    keys = {noun.lemma_.lower(), noun.lower_}
    mods = [c for c in noun.children if c.dep_ in {"compound", "amod"} and c.i < noun.i]
    if noun.pos_ == "PROPN":  # "President Lech Walesa": the title names what he is
        keys |= {c.lemma_.lower() for c in mods if c.pos_ in {"NOUN", "PROPN"}}
    keys |= {t.lower_ for t in noun.doc[noun.left_edge.i: noun.i]  # "a fugitive fund manager":
             if t.dep_ == "amod" and t.pos_ == "ADJ"}  # the adjective says what he is to the act
    if mods:  # every modifier-led tail: "four more air defence systems" is "air defence systems"
        keys |= {noun.doc[i: noun.i + 1].text.lower()  # "Red Cross teams"
                 for m in mods for i in (m.i, m.left_edge.i)}
    for c in noun.children:  # "state of emergency"; "a team of inspectors"; "$5m in aid"
        if c.dep_ == "prep" and (c.lower_ == "of" or (c.lower_ == "in" and noun.ent_type_ == "MONEY")):
            for g in c.children:
                if g.dep_ == "pobj":
                    keys |= {f"{noun.lower_} of {g.lower_}"} | _noun_keys(g)  # "tonnes of
                    # medical equipment": the complement with its own modifiers
    return keys


def _own_actor(tok: Token) -> bool:
    return any(c.dep_ == "poss" or (c.dep_ in {"amod", "compound"} and c._.dyad_actor)
               for c in tok.children)


def _subject(verb: Token, lex: EventLexicon) -> tuple[Token | None, bool]:
    """The verb's subject and whether it is a passive subject; climbs control/conjunction."""
    cur = verb
    controlled = False  # climbed from an xcomp: its subject is the controller, never passive
    for _ in range(5):
        passive = any(c.dep_ == "auxpass" for c in cur.children) and not controlled
        kids = [c for c in cur.children]
        kids += [g for c in cur.children if c.dep_ in {"aux", "auxpass"} for g in c.children]
        for c in kids:  # (the parser sometimes hangs the subject on the auxiliary)
            if c.dep_ in _SUBJ:
                return c, passive
            if c.dep_ in _PASS_SUBJ:
                return c, not controlled
        if cur.dep_ == "xcomp" or (cur.dep_ == "advcl" and cur.tag_ in {"VBG", "VB"}):
            head = cur.head
            objs = [c for c in head.children if c.dep_ in {"dobj"}]
            objs += [g for c in head.children if c.dep_ == "prep" and c.lower_ in {"on", "upon", "to"}
                     for g in c.children if g.dep_ == "pobj"]  # "called on X to ...",
            # "appealed to X to ..."
            if objs and lex.frames.get(head.lemma_.lower()) == "demand":
                return objs[0], False  # "urged X to withdraw": X withdraws
            controlled = controlled or cur.dep_ == "xcomp"
            cur = head
        elif cur.dep_ == "conj" and cur.head.pos_ in {"VERB", "AUX"}:
            # "X was indicted and will resign": a conjunct with an auxiliary of its own has
            # its own (active) voice; "was arrested and released" shares the passive
            own_aux = [c for c in cur.children if c.dep_ in {"aux", "auxpass"}]
            controlled = controlled or (bool(own_aux) and all(c.dep_ == "aux" for c in own_aux))
            cur = cur.head
        elif cur.dep_ == "acomp":  # "X is about/ready to ...": the copula's subject
            cur = cur.head
        elif cur.dep_ == "relcl":
            return cur.head, False
        elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "VERB":
            verb = cur.head.head  # "accused X of attacking": X attacks; "denied attacking"
            objs = [c for c in verb.children if c.dep_ == "dobj"]
            if objs:
                return objs[0], False
            subj, _ = _subject(verb, lex)
            return subj, False
        elif cur.dep_ == "pcomp" and cur.head.dep_ == "prep" and cur.head.head.pos_ == "ADJ" \
                and cur.head.head.dep_ == "acomp":
            cur = cur.head.head  # "X are guilty of violating ...": the copula's subject
        elif cur.dep_ == "acl" and cur.head.pos_ in {"NOUN", "PROPN"}:
            return cur.head, False
        else:
            return None, False
    return None, False


def _clause_forms(verb: Token) -> tuple[list[set[str]], list[set[str]]]:
    """Per token of the verb's clause (embedded clauses left out), the forms a pattern word
    can match: lower-case text and lemma."""
    before: list[set[str]] = []
    after: list[set[str]] = []
    stack = [(c, 1) for c in verb.children if c.dep_ not in _CLAUSE_DEPS - {"xcomp", "pcomp"}
             and c.dep_ not in {"conj", "cc"}]
    stack += [(m, 1) for c in verb.children if c.dep_ in {"advcl", "ccomp"}  # "called for
              for m in c.children if m.dep_ == "mark" and m.lower_ == "for"]  # X to ...": a
    # for-to clause is the verb's complement, and its "for" is the verb's
    toks: list[Token] = []
    while stack:
        t, depth = stack.pop()
        toks.append(t)
        if depth < _PATTERN_DEPTH:  # patterns name the verb's phrase, not words far below it
            stack.extend((c, depth + 1) for c in t.children
                         if c.dep_ not in {"relcl", "ccomp", "advcl", "parataxis", "acl"})
    for t in sorted(toks, key=lambda x: x.i):
        forms = {t.lower_, t.lemma_.lower()}
        if t.pos_ in {"PROPN", "NOUN"} and any(c.dep_ == "conj" for c in t.children):
            forms.add(COMPOUND_FORM)
        (before if t.i < verb.i else after).append(forms)
    return before, after


def _unique(items: Iterable[str]) -> list[str]:
    seen: list[str] = []
    for x in items:
        if x and x not in seen:
            seen.append(x)
    return seen


__all__ = ["EventCoder", "EventLexicon", "load_lexicon"]
