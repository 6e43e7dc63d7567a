"""The actor layer: find mentions of actors, then resolve them to countries, organisations,
persons with roles, and groups.

`dyad_actor_finder` matches the knowledge base's aliases (countries, demonyms, capitals,
seats of power, IGOs, outlets, platforms, user dictionaries) and the generic agents, and adds
the model's PERSON/ORG entities where the knowledge base has nothing to say; knowledge beats
the small model's labels ("Kiev" tagged PERSON is still Kiev). `dyad_actor_linker` decides
what each mention stands for: a capital is a government when it acts ("Moscow has denied")
and a place otherwise ("talks in Moscow"); a person gets role and affiliation from the text
around the name ("Ukraine's Foreign Minister Dmitry Kuleba", "Kuleba, Ukraine's top
diplomat,") and keeps them in later mentions of the surname; an office named by its state and
no holder ("Japan's prime minister", "his Czech counterpart") is a person of that state with
the office's sector (JPNGOV); a generic agent ("police",
"officials") belongs to the country the text ties it to ("Afghan police", "police in Kabul")
or, failing that, to one its context gives unambiguously (the same noun earlier, "In Kabul,
police said", the dateline) — never to a guess among several. Neither component names any
particular article's words; everything specific lives in `dyad/knowledge/data`.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable, Sequence
from typing import NamedTuple

from spacy.language import Language
from spacy.tokens import Doc, Span, Token

from dyad.knowledge import get_knowledge
from dyad.knowledge.kb import NO_COUNTRY_CODES, Entry, KnowledgeBase, Role, slug
from dyad.pipeline.annotations import ActorAnn, CharSpan, MentionAnn
from dyad.pipeline.extensions import token_lowers, token_texts

KB_LABEL_PRIORITY = {"person": 0, "igo": 1, "seat": 2, "country": 3, "dict": 4, "outlet": 5,
                     "capital": 6, "igo_seat": 7, "demonym": 8, "platform": 9}
NER_LABELS = {"PERSON": "person", "ORG": "org", "GPE": "gpe", "NORP": "norp", "LOC": "loc",
              "FAC": "fac"}
POSSESSIVE = {"'s", "’s", "'", "’"}
HYPHENS = {"-", "‐", "‑"}
# Prepositions after which a place name is a location, not an actor ("talks in Moscow").
LOCATIVE_PREPS = {"in", "at", "inside", "outside", "near", "across", "throughout", "around",
                  "into", "within", "via", "through", "toward", "towards", "from", "over",
                  "off", "beyond", "along", "of", "for", "on", "to"}
ACTOR_PREPS = {"with", "against", "between", "by", "versus", "vs", "vs.", "without"}
# "officials in Kyiv", "leaders of Iran": the place names whose agent it is.
AFFILIATING_PREPS = {"in", "of", "from"}
# Prepositions that set a sentence in a place ("In Baghdad, police said").
PLACE_PREPS = {"in", "at", "near", "outside", "inside"}
ACTOR_DEPS = {"nsubj", "nsubjpass", "csubj", "agent", "poss", "dobj", "dative", "iobj", "appos"}
PLACE_LABELS = {"capital", "igo_seat"}
AFFILIATION_LABELS = {"country", "demonym", "capital", "seat", "igo", "igo_seat", "dict"}


class ActorFinder:
    """Finds candidate actor mentions: knowledge-base aliases, agents, then NER entities."""

    def __init__(self, nlp: Language, name: str, *, knowledge: str,
                 actor_dictionaries: Iterable[str], agent_dictionaries: Iterable[str]) -> None:
        self.name = name
        self.kb: KnowledgeBase = get_knowledge(knowledge, tuple(actor_dictionaries),
                                               tuple(agent_dictionaries))
        if not self.kb.name_index:
            self.kb.build_indexes()
        self.role_words = frozenset(w for phrase in self.kb.roles for w in phrase.split())

    def __call__(self, doc: Doc) -> Doc:
        kb_spans = self._kb_matches(doc)
        taken = {i for m in kb_spans for i in range(m.token_start, m.token_end)}
        # a multi-word name the model tags ORG ("Rapid Support Forces") is a name, not an agent
        ents = doc.ents
        named = {i for e in ents if e.label_ == "ORG" and len(e) > 1 and all(t.is_title or not t.is_alpha or t.lower_ == "the" for t in e)
                 for i in range(e.start, e.end)}
        agents = [m for m in self._agent_matches(doc)
                  if not (taken | named).intersection(range(m.token_start, m.token_end))]
        taken.update(i for m in agents for i in range(m.token_start, m.token_end))
        ner = list(self._ner_mentions(ents, taken))
        doc._.dyad_mentions = sorted(kb_spans + agents + ner, key=lambda m: m.token_start)
        return doc

    def _kb_matches(self, doc: Doc) -> list[MentionAnn]:
        found: list[tuple[int, int, str, str | None]] = []
        words = token_texts(doc)
        index = self.kb.name_index
        for i, word in enumerate(words):
            for toks, label, entry in index.get(word, ()):
                n = len(toks)
                if n == 1 or tuple(words[i:i + n]) == toks:
                    found.append((i, i + n, label, entry or None))
        # longest first, then the most trusted label
        found.sort(key=lambda x: (-(x[1] - x[0]), KB_LABEL_PRIORITY.get(x[2], 99), x[0]))
        taken: set[int] = set()
        out = []
        for start, end, label, entry_key in found:
            if taken.intersection(range(start, end)):
                continue
            taken.update(range(start, end))
            out.append(_mention(doc[start:end], label, entry_key, "kb"))
        return out

    def _agent_matches(self, doc: Doc) -> list[MentionAnn]:
        words = token_lowers(doc)
        index = self.kb.agent_index
        hits = [(i, i + len(toks)) for i, word in enumerate(words) for toks, _ in index.get(word, ())
                if len(toks) == 1 or tuple(words[i:i + len(toks)]) == toks]
        spans = sorted((doc[s:e] for s, e in hits), key=lambda s: (-len(s), s.start))
        taken: set[int] = set()
        out = []
        for span in spans:
            if taken.intersection(range(span.start, span.end)):
                continue
            # an agent noun must be a noun here ("forces" the verb is not troops)
            if span[-1].pos_ not in ("NOUN", "PROPN"):
                continue
            taken.update(range(span.start, span.end))
            out.append(_mention(span, "agent", span.text.lower(), "kb"))
        return out

    def _ner_mentions(self, ents: Sequence[Span], taken: set[int]) -> Iterable[MentionAnn]:
        for ent in ents:
            label = NER_LABELS.get(ent.label_)
            if label is None:
                continue
            span = self._trim(ent)
            if span is None or taken.intersection(range(span.start, span.end)):
                continue
            if label in ("gpe", "loc", "fac", "norp"):
                yield _mention(span, label, None, "ner")
                continue
            if label == "org" and (span.text.lower() in self.kb.roles or span.text.islower()
                                   or all(t.lower_ in self.role_words for t in span)):
                continue
            if label == "org" and self._after_title(span):
                label = "person"  # "Chancellor Olaf Scholz" tagged ORG: a title names a person
            yield _mention(span, label, None, "ner")

    def _after_title(self, span: Span) -> bool:
        prev = span.doc[span.start - 1] if span.start > 0 else None
        return (prev is not None and prev.is_title and prev.lower_ in self.role_words
                and len(span) >= 2 and all(t.is_title for t in span))

    def _trim(self, ent: Span) -> Span | None:
        """Drop leading determiners, titles and possessives the model folds into a name."""
        start, end = ent.start, ent.end
        doc = ent.doc
        while start < end and (doc[start].lower_ in ("the", "a", "an") or doc[start].is_punct):
            start += 1
        while end > start and (doc[end - 1].text in POSSESSIVE or doc[end - 1].is_punct):
            end -= 1
        if ent.label_ == "PERSON":
            while start < end - 1 and doc[start].lower_.rstrip(".") in self.role_words:
                start += 1
        return doc[start:end] if end > start else None


class ActorLinker:
    """Resolves mentions to actors: countries, governments, IGOs, persons with roles, groups."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.nlp = nlp

    @property
    def kb(self) -> KnowledgeBase:
        finder = self.nlp.get_pipe("dyad_actor_finder")
        return finder.kb  # type: ignore[no-any-return, attr-defined]

    def __call__(self, doc: Doc) -> Doc:
        mentions: list[MentionAnn] = doc._.dyad_mentions or []
        resolver = _Resolver(doc, self.kb, mentions)
        doc._.dyad_actors = resolver.resolve()
        for m in mentions:
            if m.actor is not None:
                for tok in doc[m.token_start:m.token_end]:
                    tok._.dyad_actor = m.actor
        return doc


def _mention(span: Span, label: str, entry: str | None, source: str) -> MentionAnn:
    return MentionAnn(start=span.start_char, end=span.end_char, token_start=span.start,
                      token_end=span.end, text=span.text, label=label, entry=entry, source=source)


class _Ownerless(NamedTuple):
    """An agent mention the text gives no owner, with what it becomes when nothing does."""

    mention: MentionAnn
    sector: str
    name: str  # the group's name
    fallback: str | None  # country when the context names none ("ethnic Albanians": ALB)
    people: bool = False  # a people or faith ("Kurds"): a named group, not a sector


class _Resolver:
    """One doc's resolution state: actors made so far, persons by surname."""

    def __init__(self, doc: Doc, kb: KnowledgeBase, mentions: list[MentionAnn]) -> None:
        self.doc = doc
        self.kb = kb
        self.mentions = mentions
        self.by_token: dict[int, MentionAnn] = {}
        self.words = token_texts(doc)  # scans below look up words, not Tokens
        for m in mentions:
            for i in range(m.token_start, m.token_end):
                self.by_token[i] = m
        self.actors: dict[str, ActorAnn] = {}
        self.surnames: dict[str, str] = {}  # surname -> person key
        self.first_names: dict[str, str] = {}  # first token of 3+-token names -> person key
        self.inner_names: dict[str, set[str]] = {}  # inner tokens of 3+-token names -> persons
        self.unheld: list[tuple[int, int, Role]] = []  # "the president" with no holder named before
        self.published: str | None = doc._.dyad_published
        self.role_words = frozenset(w for p in kb.roles for w in p.split())
        self.consumed: set[int] = set()  # mention token_starts used as a person's affiliation
        self.described: set[str] = set()  # persons whose role/affiliation the text gave
        self.ownerless: list[_Ownerless] = []  # agents the text gives no owner, decided last
        self.owned_agents: list[tuple[int, str, str]] = []  # (token, head word, actor key)
        self.sentence_places: dict[int, str | None] = {}  # sentence start -> its place's country
        self.starts: list[int] = []  # token_start of each mention, for bisecting by sentence

    # ---------------------------------------------------------------- main

    def resolve(self) -> dict[str, ActorAnn]:
        persons = [m for m in self.mentions if m.label == "person"]
        for m in persons:
            if len(self.doc[m.token_start:m.token_end]) > 1 or m.entry:
                self._person(m)
        for first, key in self.first_names.items():
            self.surnames.setdefault(first, key)
        for inner, keys in self.inner_names.items():
            if len(keys) == 1:
                self.surnames.setdefault(inner, next(iter(keys)))
        self._surname_mentions()
        self._office_mentions()
        self._role_mentions()
        for m in self.mentions:
            if m.actor is not None or m.label == "platform":
                continue
            if m.text in self.surnames or m.text.split()[-1] in self.surnames and m.label in ("person", "gpe", "org", "norp"):
                key = self.surnames.get(m.text) or self.surnames[m.text.split()[-1]]
                self._attach(m, self.actors[key])
                continue
            if m.label in ("agent", "dict") and m.token_start in self.consumed:
                continue  # part of a person's description ("opposition leader Juan Guaido")
            handler = getattr(self, f"_{m.label}", None)
            if handler is not None:
                handler(m)
        self._owned_things()
        for agent in self.ownerless:
            self._agent_from_context(agent)
        self._unheld_offices()
        self._placeless_office_holders()
        # an actor whose every mention now stands for another actor is no actor of the text
        return {k: a for k, a in self.actors.items() if a.mentions}

    def _placeless_office_holders(self) -> None:
        """A person with an office but no country ("President Omar Hassan on Thursday lifted
        the curfew imposed in Sudan") holds it where the story is: the dateline's country,
        else the one country the sentence names, when it is named as a place."""
        for m in self.mentions:
            actor = self.actors.get(m.actor or "")
            if actor is None or actor.kind != "person" or not actor.role or actor.country \
                    or actor.organization or m.label != "person":
                continue
            if self._dictionary_holder(actor, m):
                continue
            a3 = self._dateline_country()
            if a3 is None:
                sent = self.doc[m.token_start].sent
                named = {self._country_at(mm.token_start) for mm in self._mentions_between(sent.start, sent.end)
                         if mm is not m and mm.actor is not None} - {None}
                place = self._sentence_place(m)
                a3 = place if named == {place} else None
            if a3 is not None:
                actor.country = a3
                actor.cameo = a3 + (actor.sector or "")

    def _dictionary_holder(self, actor: ActorAnn, m: MentionAnn) -> bool:
        """A title and a family name alone ("Prime Minister Modi"): the one dictionary person
        of that family name who held an office of that sector on the publication day. Several
        (or none) such holders leave the person open; a code without dates never decides."""
        if self.published is None or actor.sector is None or len(self._tokens(m)) != 1:
            return False
        countries = set()
        for key in self.kb.surname_index.get(m.text, ()):
            entry = self.kb.entries.get(key)
            for code in entry.dated if entry is not None else ():
                if (code.start or code.end) and code.valid_on(self.published) and code.code[3:6] == actor.sector \
                        and code.code[:3] not in NO_COUNTRY_CODES:
                    countries.add(self.kb.present_country(code.code))
        if len(countries) != 1:
            return False
        actor.country = countries.pop()
        actor.cameo = actor.country + actor.sector
        return True

    def _owned_things(self) -> None:
        """"a Chinese-owned mine", "the Kremlin-run news agency": the noun a hyphenated
        owner owns, when no actor mention covers it, becomes a mention of that owner."""
        doc, added = self.doc, False
        for m in list(self.mentions):
            j = m.token_end
            if m.actor is None or not (j + 2 < len(doc) and self._infix_hyphen(j)
                                       and self.words[j + 1].lower() in self.kb.owner_suffixes):
                continue
            head = doc[j + 1].head
            if head.i <= j + 1 or head.pos_ not in ("NOUN", "PROPN") \
                    or any(i in self.by_token for i in range(j + 2, head.i + 1)):
                continue
            owned = _mention(doc[j + 2:head.i + 1], "owned", None, "owner")
            self.mentions.append(owned)
            for i in range(owned.token_start, owned.token_end):
                self.by_token[i] = owned
            self._attach(owned, self.actors[m.actor])
            added = True
        if added:
            self.mentions.sort(key=lambda m: m.token_start)

    def _surname_mentions(self) -> None:
        """Later bare-surname mentions the model did not tag at all ("Duda later met ...")."""
        added = False
        if not self.surnames:
            return
        for i, word in enumerate(self.words):
            if word not in self.surnames or i in self.by_token:
                continue
            tok = self.doc[i]
            if tok.pos_ != "PROPN":
                continue
            m = _mention(self.doc[tok.i:tok.i + 1], "person", None, "coref")
            self.mentions.append(m)
            self.by_token[tok.i] = m
            self._attach(m, self.actors[self.surnames[tok.text]])
            added = True
        if added:
            self.mentions.sort(key=lambda m: m.token_start)

    def _office_mentions(self) -> None:
        """Offices named by their state but not by a holder's name: "Japan's prime minister",
        "the Kenyan interior minister", "his Czech counterpart", "the presidents of Rwanda and
        Burundi". One holder is a person of that state with the office's sector (JPNGOV);
        plural holders are the state's body of that sector. The state's name then stands for
        the office holder, as "US" does in "US officials". A title before a name ("Kenya's
        President William Ruto") is the name's description, not an office of its own."""
        for m in list(self.mentions):
            entry = self.kb.entries.get(m.entry or "") if m.label in ("country", "demonym") else None
            if entry is None or entry.kind != "country" or m.actor is not None or (
                    m.label == "demonym" and m.text != self.kb.demonyms.get(entry.key)):
                continue  # "the Chechen leader" leads a people, not Russia
            j = m.token_end + (m.token_end < len(self.words) and self.words[m.token_end] in ("'s", "’s"))
            found = self._office_after(j)
            if found is None:  # "the presidents of Rwanda and Burundi": each name is its office
                before = self._office_before(m)
                if before is not None:
                    self._attach(m, self._office_holder(entry, before[2], before[3]))
                continue
            start, end, role, plural = found
            prior = self.words[m.token_start - 1].lower() if m.token_start > 0 else ""
            if prior == "former" or "former" in (w.lower() for w in self.words[start:end]):
                role = Role(f"former {role.role}", "ELI")  # PLOVER ELI: former officials
                prior = self.words[m.token_start - 2].lower() if m.token_start > 1 else ""
            plural = plural or prior in ("a", "an")  # "a Bolivian minister": one of its officials
            holder = self._office_holder(entry, role, plural)
            office = _mention(self.doc[start:end], "person" if not plural else "agent", None, "office")
            self.mentions.append(office)
            for i in range(start, end):
                self.by_token[i] = office
            self._attach(office, holder)
            self._attach(m, holder)
        self.mentions.sort(key=lambda m: m.token_start)

    def _office_after(self, j: int) -> tuple[int, int, Role, bool] | None:
        """The office whose words start at token j and name no holder after them:
        (start, end, role, plural). The longest reading wins ("foreign minister and" is a
        foreign minister; "oil minister" a minister)."""
        k = j
        while k < len(self.words) and k - j < 6 and k not in self.by_token and (
                self._office_word(k) or (self.doc[k].is_lower and self.doc[k].is_alpha
                                         and self.doc[k].pos_ in ("NOUN", "ADJ"))):
            k += 1
        for end in range(k, j, -1):
            if end < len(self.words) and (self.doc[end].pos_ == "PROPN" or self.words[end] in HYPHENS
                                          or (end in self.by_token and end < k)):
                continue
            last = self.doc[end - 1]
            if last.dep_ in ("compound", "amod", "nmod") and last.head.i >= end:
                continue  # "India's president election": the office names something else
            if end + 1 < len(self.words) and self.words[end] == "," and self.by_token.get(end + 1) is not None \
                    and self.by_token[end + 1].label == "person":
                return None  # "the Kenyan president, William Ruto,": the name's description
            found = self._office_role(j, end)
            if found is not None:
                return (j, end, *found)
        return None

    def _office_before(self, m: MentionAnn) -> tuple[int, int, Role, bool] | None:
        """"the presidents of Rwanda and Burundi": the office an "of" phrase holding the
        state's name hangs on, when no name comes before the "of"."""
        tok = self._tokens(m).root
        while tok.dep_ == "conj" and tok.head.i < tok.i and tok.head.i in self.by_token:
            tok = tok.head
        if tok.dep_ == "conj":  # the parser may hang "and Argentina" on "ministers" itself
            prep = next((c for c in tok.head.children if c.dep_ == "prep" and c.lower_ == "of" and c.i < tok.i), tok)
            if prep is tok:
                return None
        else:
            prep = tok.head
            if tok.dep_ != "pobj" or prep.lower_ != "of" or prep.i != tok.i - 1 - (self.words[tok.i - 1] in ("the", "The")):
                return None
        end = prep.i
        start = end
        while start > 0 and end - start < 5 and (start - 1) not in self.by_token and self._office_word(start - 1):
            start -= 1
        if start == end or self.doc[end - 1].pos_ == "PROPN" or prep.head.i != end - 1:
            return None
        found = self._office_role(start, end)
        return (start, end, *found) if found is not None else None

    def _office_word(self, i: int) -> bool:
        """Can token i be part of an office's name ("foreign", "ministers", "top", "counterpart")?"""
        w = self.words[i].lower()
        return (w in self.role_words or w in self.kb.filler_words or w in self.kb.counterpart_words
                or (w.endswith("s") and w[:-1] in self.role_words))

    def _office_role(self, start: int, end: int) -> tuple[Role, bool] | None:
        """The role the words [start, end) end in (a plural "ministers" reads as "minister"),
        or a counterpart's: the role of the office holder named before."""
        words = [w.lower() for w in self.words[start:end]]
        plural = words[-1].endswith("s") and words[-1] not in self.kb.roles and words[-1][:-1] in self.role_words
        if plural:
            words[-1] = words[-1][:-1]
        for a in range(len(words)):
            role = self.kb.roles.get(" ".join(words[a:]))
            if role is not None:
                return role, plural
        if words[-1] in self.kb.counterpart_words or words[-1] + "s" in self.kb.counterpart_words:
            before = _mention(self.doc[start:end], "person", None, "office")
            role = self._counterpart_role(before)
            return (role, plural) if role is not None else None
        return None

    def _office_holder(self, entry: Entry, role: Role, plural: bool) -> ActorAnn:
        """The holder of `role` in the country `entry`: a person ("jpn-prime-minister",
        JPNGOV), or the country's body of that sector for several holders."""
        a3 = entry.country or entry.key
        if plural:
            return self._actor_from_entry(self.kb.government(a3, role.sector))
        key = slug(f"{a3} {role.role}")
        if key not in self.actors:
            self.actors[key] = ActorAnn(key=key, name=f"{self.kb.demonyms.get(a3) or entry.name} {role.role}",
                                        kind="person", country=a3, sector=role.sector, role=role.role,
                                        cameo=a3 + role.sector)
        return self.actors[key]

    def _role_mentions(self) -> None:
        """Definite role nouns after a named holder: "the minister added" → that minister."""
        doc = self.doc
        added = False
        for i, word in enumerate(self.words):
            if word not in ("the", "The") or i in self.by_token:
                continue
            tok = doc[i]
            j, words = tok.i + 1, []
            while j < len(doc) and j - tok.i <= 5 and doc[j].lower_ in self.role_words and j not in self.by_token:
                words.append(doc[j].lower_)
                j += 1
            if not words or (j < len(doc) and doc[j].pos_ == "PROPN") or j in self.by_token:
                continue
            role = self.kb.roles.get(" ".join(words))
            if role is None:
                continue
            holder = self._latest_holder(tok.i, role.role)
            if holder is None and role.country:  # "the pope": an office only one state has
                key = slug(f"{role.country} {role.role}")
                holder = self.actors.setdefault(key, ActorAnn(
                    key=key, name=f"the {role.role}", kind="person", country=role.country,
                    sector=role.sector, role=role.role, cameo=role.country + role.sector))
            if holder is None:
                self.unheld.append((tok.i, j, role))
                continue
            m = _mention(doc[tok.i:j], "person", None, "role")
            self.mentions.append(m)
            for i in range(tok.i, j):
                self.by_token[i] = m
            self._attach(m, holder)
            added = True
        if added:
            self.mentions.sort(key=lambda m: m.token_start)

    def _unheld_offices(self) -> None:
        """"the president" with no holder named before: the office of the one country the
        text has named up to there (or its dateline's); none when it names several. Persons
        do not name it: an ambassador's or a visitor's country is not the host's; nor do
        news media ("WASHINGTON (Reuters) - The president said": Reuters is no country's)."""
        for start, end, role in self.unheld:
            if role.role in self.kb.abroad_roles or any(i in self.by_token for i in range(start, end)):
                continue
            found = {a3 for mm in self._mentions_between(0, start)
                     if mm.actor in self.actors and self.actors[mm.actor].kind != "person"
                     and self.actors[mm.actor].sector != "MED"
                     for a3 in [self._country_at(mm.token_start)] if a3 is not None}
            dateline = self._dateline_country()
            if dateline is not None:
                found.add(dateline)
            entry = self.kb.entries.get(found.pop()) if len(found) == 1 else None
            if entry is None:
                continue
            m = _mention(self.doc[start:end], "person", None, "role")
            self.mentions.insert(bisect_left(self._starts(), start), m)
            for i in range(start, end):
                self.by_token[i] = m
            self._attach(m, self._office_holder(entry, role, False))

    def _latest_holder(self, before: int, role: str) -> ActorAnn | None:
        """The person mentioned last before token `before` whose role is or contains `role`."""
        best: tuple[int, ActorAnn] | None = None
        for m in self.mentions:
            if m.label != "person" or m.actor is None or m.token_end > before:
                continue
            actor = self.actors.get(m.actor)
            if actor is None or actor.kind != "person" or not actor.role:
                continue
            if role == actor.role or role in actor.role.split() or actor.role.endswith(" " + role):
                if best is None or m.token_start > best[0]:
                    best = (m.token_start, actor)
        return best[1] if best else None

    # ---------------------------------------------------------------- helpers

    def _attach(self, m: MentionAnn, actor: ActorAnn) -> None:
        previous = self.actors.get(m.actor) if m.actor not in (None, actor.key) else None
        if previous is not None:
            # a mention stands for one actor: "US" in "US officials" is the government's
            # now, not also the country's
            previous.mentions[:] = [c for c in previous.mentions if c.start != m.start]
        m.actor = actor.key
        if not any(c.start == m.start for c in actor.mentions):
            actor.mentions.append(CharSpan(m.start, m.end))

    def _actor_from_entry(self, entry: Entry) -> ActorAnn:
        if entry.key not in self.actors:
            cameo = entry.cameo
            if entry.dated:
                valid = [c for c in entry.dated if c.valid_on(self.published)]
                undated = [c for c in entry.dated if c.start is None and c.end is None]
                chosen = (valid or undated or list(entry.dated))[0]
                cameo = chosen.code
            country = entry.country
            if cameo and entry.dated and cameo[:3].isalpha() and cameo[:3] not in NO_COUNTRY_CODES:
                country = self.kb.present_country(cameo)
            sector = entry.sector or (cameo[3:6] if cameo and len(cameo) >= 6 else None)
            self.actors[entry.key] = ActorAnn(
                key=entry.key, name=entry.name, kind=entry.kind, country=country,
                organization=entry.organization, sector=sector, role=entry.role, cameo=cameo,
                wikidata=entry.wikidata)
        return self.actors[entry.key]

    def _tokens(self, m: MentionAnn) -> Span:
        return self.doc[m.token_start:m.token_end]

    def _is_actor_reading(self, m: MentionAnn, default: bool) -> bool:
        """Does this place-like name act (subject, object, possessor) or just locate?"""
        span = self._tokens(m)
        root = span.root
        for _ in range(4):
            if root.dep_ == "conj" and root.head is not root:
                root = root.head
                continue
            break
        nxt = self.doc[m.token_end] if m.token_end < len(self.doc) else None
        if nxt is not None and nxt.text in POSSESSIVE:
            return True
        if self._infix_hyphen(m.token_end) and self.words[m.token_end + 1].lower() in self.kb.leader_suffixes:
            return True  # "Kremlin-run media", "Beijing-controlled firms": the government owns them
        dep = root.dep_
        if dep in ACTOR_DEPS:
            return True
        if dep == "pobj":
            prep = root.head.lower_
            if prep in ACTOR_PREPS:
                return True
            governor = root.head.head
            if prep in AFFILIATING_PREPS and governor.i in self.by_token \
                    and self.by_token[governor.i].label == "agent" and not self._owned(governor) \
                    and not (prep == "in" and self._meeting_party(governor)):
                return True  # "officials in Kyiv"; but "the British embassy in Tehran" is Britain's
            if prep in LOCATIVE_PREPS:
                return False
        if dep in ("compound", "amod", "nmod", "npadvmod"):
            return False
        return default

    def _owned(self, head: Token) -> bool:
        """Does a modifier or possessor of the noun name its owner ("British embassy",
        "Iran's embassy")?"""
        return any(c.dep_ in ("amod", "compound", "poss", "nmod") and c.i in self.by_token
                   and self.by_token[c.i].label in AFFILIATION_LABELS for c in head.children)

    # ---------------------------------------------------------------- by label

    def _country(self, m: MentionAnn) -> None:
        entry = self.kb.entries[m.entry] if m.entry else None
        if entry is None:
            return
        if m.label == "country" and self._tokens(m).root.dep_ in ("amod", "compound", "nmod") \
                and self._coordinated_agent(m) is not None:
            self._demonym(m)  # "Thai and Cambodian officials": a name used as the adjective
            return
        if m.label == "dict" and entry.kind in ("organization", "group") and self._local_branch(m, entry):
            return
        m.is_place = not self._is_actor_reading(m, default=True)
        self._attach(m, self._actor_from_entry(entry))

    _dict = _country

    def _local_branch(self, m: MentionAnn, entry: Entry) -> bool:
        """A nationality word right before a group the dictionaries place in another country
        names that country's branch ("Pakistani Taliban", "Iraqi Hezbollah"): a group of the
        demonym's country with the group's sector."""
        prev = self.by_token.get(m.token_start - 1)
        nation = self.kb.entries.get(prev.entry or "") if prev is not None and prev.label == "demonym" \
            and prev.token_end == m.token_start else None
        home = entry.country
        if nation is None or prev is None or home is None or home in NO_COUNTRY_CODES \
                or self._infix_hyphen(prev.token_start - 1):  # "pro-Iranian Hezbollah": a backer
            return False
        a3 = nation.country or nation.key
        if a3 == home:
            return False
        sector = entry.sector or ((entry.cameo or "")[3:6] or "REB")
        self._group(m, f"{prev.text} {entry.name}", sector, a3)
        self._attach(prev, self.actors[m.actor or ""])
        return True

    def _demonym(self, m: MentionAnn) -> None:
        if m.entry is None:
            return
        agent = self._following_agent(m)
        if agent is not None:
            return  # the agent mention takes the demonym as its affiliation
        place = self.by_token.get(m.token_end)
        if place is not None and place.token_start == m.token_end and place.label == "demonym" \
                and place.text.lower() in self.kb.place_last_demonyms \
                and self._following_agent(place) is not None:
            return  # "Greek Cypriot leaders": the people's word; the agent is the place's
        if self._ethnic(m):  # "ethnic Albanians": a people, living where the text places them
            entry = self.kb.entries[m.entry]
            name = f"{self.words[m.token_start - 1].lower()} {m.text}"
            self.ownerless.append(_Ownerless(m, "CVL", name, entry.country or entry.key, people=True))
            return
        shared = self._coordinated_agent(m)
        if shared is not None:
            # "Greek and Turkish warships": the first demonym owns warships too
            sector = self.kb.agents.get(shared.entry or shared.text.lower(), "GOV")
            entry = self.kb.entries[m.entry]
            self._attach(m, self._actor_from_entry(self.kb.government(entry.country or entry.key, sector[:3])))
            return
        people = self.by_token.get(m.token_end)
        if (people is not None and people.token_start == m.token_end and people.actor is None
                and people.label in ("demonym", "norp") and people.text.endswith("s")):
            # "Bosnian Serbs": a people living in the first demonym's country
            entry = self.kb.entries[m.entry]
            self._group(people, f"{m.text} {people.text}", "CVL", entry.country or entry.key)
            self._attach(m, self.actors[people.actor or ""])
            return
        self._attach(m, self._actor_from_entry(self.kb.entries[m.entry]))

    def _capital(self, m: MentionAnn, default: bool = False) -> None:
        if m.entry is None:
            return
        entry = self.kb.entries[m.entry]
        if self._is_actor_reading(m, default=default):
            igo = self.kb.igo_seats.get(m.text)
            if igo and igo in self.kb.entries:
                self._attach(m, self._actor_from_entry(self.kb.entries[igo]))
                return
            gov = entry if entry.kind == "organization" else self.kb.government(entry.country or entry.key)
            self._attach(m, self._actor_from_entry(gov))
        else:
            m.is_place = True
            country = self.kb.entries.get(entry.country or entry.key)
            if country is not None:
                self._attach(m, self._actor_from_entry(country))

    def _seat(self, m: MentionAnn) -> None:
        self._capital(m, default=True)

    def _igo(self, m: MentionAnn) -> None:
        if m.entry:
            self._attach(m, self._actor_from_entry(self.kb.entries[m.entry]))

    _outlet = _igo

    def _agent(self, m: MentionAnn) -> None:
        sector = self.kb.agents.get(m.entry or m.text.lower())
        if sector is None:
            return
        prev = self.by_token.get(m.token_start - 1) if m.token_start > 0 else None
        if sector[:3] == "GOV" and prev is not None and prev.label == "agent" and prev.token_end == m.token_start:
            # "opposition leaders", "police officials": the modifier names the body
            sector = self.kb.agents.get(prev.entry or prev.text.lower(), sector)
        affiliation, bloc = self._agent_affiliation(m)
        if affiliation is not None:
            entry = self.kb.entries[affiliation.entry] if affiliation.entry else None
            if entry is None:
                return
            if entry.kind == "organization" and (entry.sector in ("IGO", "NGO") or affiliation.label == "dict"):
                # "UN peacekeepers", "Hamas militants": members of that organisation (or of
                # the branch the text names: "Pakistani Taliban fighters")
                actor = self.actors.get(affiliation.actor or "") or self._actor_from_entry(entry)
                self._attach(m, actor)
                self._attach(affiliation, actor)
                return
            a3 = entry.country or entry.key
            if affiliation.label == "demonym" and self._ethnic(affiliation):
                # "ethnic Serb civilians": a people's civilians, where the text places them
                name = self.doc[affiliation.token_start - 1:m.token_end].text
                self.ownerless.append(_Ownerless(m, sector, name, a3, people=True))
                return
            if m.text.lower() in self.kb.peoples:  # "Iraqi Kurds": a people in Iraq
                self._group(m, f"{affiliation.text} {m.text}", sector, a3)
                self._attach(affiliation, self.actors[m.actor or ""])
                return
            gov = self.kb.government(a3, sector[:3])
            actor = self._actor_from_entry(gov)
            self._attach(m, actor)
            self._attach(affiliation, actor)
            self.owned_agents.append((m.token_start, self.words[m.token_end - 1].lower(), actor.key))
            if affiliation.token_start > m.token_start:
                self._coordinated_owners(affiliation, sector)
            return
        named = self._named_owner(m)
        if named is not None:  # "al-Qaeda leaders", "Microsoft workers": that organisation's
            self._attach(m, named)
            return
        if bloc:  # the mention covers the bloc word too: "Western media outlets"
            first = self.doc[m.token_start - 1]
            m.start, m.token_start, m.text = first.idx, first.i, self.doc[first.i:m.token_end].text
            self._group(m, f"{bloc} {self._tokens(m)[1:].text}", sector)
            return
        self.ownerless.append(_Ownerless(m, sector, self._tokens(m).text, None,
                                         people=m.text.lower() in self.kb.peoples))

    def _coordinated_owners(self, owner: MentionAnn, sector: str) -> None:
        """"Delegations from Ethiopia and Egypt": every country coordinated with the one an
        agent's "from"/"of"/"in" phrase names has its own body of that sector."""
        for conj in self._tokens(owner).root.conjuncts:
            other = self.by_token.get(conj.i)
            entry = self.kb.entries.get(other.entry or "") if other is not None and other.actor is None \
                and other.label in ("country", "demonym", "capital") else None
            if entry is not None and other is not None and entry.kind == "country":
                self._attach(other, self._actor_from_entry(self.kb.government(entry.country or entry.key, sector[:3])))

    def _named_owner(self, m: MentionAnn) -> ActorAnn | None:
        """The organisation named right before an agent, resolved already."""
        i = self._skip_modifiers(m.token_start - 1)
        prev = self.by_token.get(i) if i >= 0 else None
        if prev is None or prev.token_end != i + 1 or prev.label not in ("org", "outlet") or prev.actor is None:
            return None
        actor = self.actors.get(prev.actor)
        return actor if actor is not None and actor.kind == "organization" else None

    def _group(self, m: MentionAnn, name: str, sector: str, country: str | None = None) -> None:
        key = slug(name)
        if key not in self.actors:
            self.actors[key] = ActorAnn(key=key, name=name, kind="group", country=country,
                                        sector=sector[:3], cameo=(country or "") + sector[:3])
        self._attach(m, self.actors[key])

    def _agent_from_context(self, agent: _Ownerless) -> None:
        """An agent the text gives no owner ("police said") belongs to the owner of an agent
        noun modifying it ("government troops"), else to the country of its own phrase ("a
        newspaper based in Beirut"), else of the same noun earlier ("Afghan police ... the
        police"), else — for agents that belong where they act — of the places its sentence
        is set in ("In Kabul, police said"), of the dateline, or of the one country named
        earlier in its sentence; else it stays a countryless group (or takes the `fallback`
        country: "ethnic Albanians" with no place). A people ("Kurds", "ethnic Albanians")
        stays a named group with that country."""
        m, sector, name = agent.mention, agent.sector, agent.name
        head = self.words[m.token_end - 1].lower()
        if self._refers_back(self.doc[m.token_end - 1]):
            self._group(m, name, sector)
            return
        modifier = self._modifier_actor(m)
        if modifier is not None and modifier.sector == sector[:3]:
            self._attach(m, modifier)  # "opposition leaders": members of the opposition
            self.owned_agents.append((m.token_start, head, modifier.key))
            return
        if modifier is not None and self.words[m.token_start - 1].lower() in self.kb.peoples:
            # "Druze fighters": a people's own group, in that people's country
            self._group(m, self.doc[m.token_start - 1:m.token_end].text, sector, modifier.country)
            return
        a3 = (modifier.country if modifier is not None else None) or self._phrase_country(m) \
            or self._coordinated_country(m)
        if a3 is None:
            earlier = [key for i, word, key in self.owned_agents if word == head and i < m.token_start]
            if earlier:
                self._attach(m, self.actors[earlier[-1]])
                self.owned_agents.append((m.token_start, head, earlier[-1]))
                return
        if a3 is None and sector[:3] in self.kb.local_sectors:
            a3 = self._sentence_place(m) or self._dateline_country() or self._earlier_country(m)
        elif a3 is None and m.text.lower() in self.kb.national_bodies:
            a3 = self._earlier_country(m)  # "Syria said the army ...", not where it fights
        elif a3 is None:
            a3 = self._speaker_country(m)
        a3 = a3 or agent.fallback
        if a3 is None or agent.people:
            self._group(m, name, sector, a3)
            return
        actor = self._actor_from_entry(self.kb.government(a3, sector[:3]))
        self._attach(m, actor)
        self.owned_agents.append((m.token_start, head, actor.key))

    def _speaker_country(self, m: MentionAnn) -> str | None:
        """The one country of whoever reports what the agent did, when the agent is the
        subject of the report's content: "An Israeli army spokesman said troops had fired",
        "A military spokesman in Manila said soldiers had ..." (the speaker's own)."""
        head = self.doc[m.token_end - 1]
        verb = head.head
        if head.dep_ not in ("nsubj", "nsubjpass") or verb.dep_ != "ccomp" or verb.head is verb:
            return None
        speaker = next((c for c in verb.head.children if c.dep_ == "nsubj"), None)
        if speaker is None:
            return None
        found = {a3 for t in speaker.subtree for a3 in [self._country_at(t.i)] if a3}
        return found.pop() if len(found) == 1 else None

    def _coordinated_country(self, m: MentionAnn) -> str | None:
        """The country of the agent this one is coordinated with: "Afghan police and
        soldiers", "patrols by police and paramilitary soldiers" (the first conjunct's)."""
        tok = self.doc[m.token_end - 1]
        if tok.dep_ != "conj" or tok.head.i >= m.token_start:
            return None
        first = self.by_token.get(tok.head.i)
        return self._country_at(tok.head.i) if first is not None and first.label == "agent" else None

    @staticmethod
    def _refers_back(head: Token) -> bool:
        """Does the agent phrase point back at actors named before ("its troops": the
        pronoun's; "the two diplomats", "both leaders": the persons just named)?"""
        kids = [c.lower_ for c in head.children if c.i < head.i]
        counted = any(c.dep_ == "nummod" for c in head.children)
        return (any(c.dep_ == "poss" and c.pos_ == "PRON" for c in head.children)
                or "both" in kids or (counted and any(w in ("the", "these", "those") for w in kids)))

    def _country_at(self, i: int) -> str | None:
        """The country of the actor or place mentioned at token i, if it has one."""
        mm = self.by_token.get(i)
        if mm is None or mm.actor is None or mm.actor not in self.actors:
            return None
        return self.actors[mm.actor].country

    def _modifier_actor(self, m: MentionAnn) -> ActorAnn | None:
        """The actor of an agent noun modifying this one: "government troops" are the
        government's, wherever the government was placed."""
        prev = self.by_token.get(m.token_start - 1) if m.token_start > 0 else None
        if prev is None or prev.label != "agent" or prev.token_end != m.token_start or prev.actor is None:
            return None
        return self.actors.get(prev.actor)

    def _phrase_country(self, m: MentionAnn) -> str | None:
        """The first country named in the agent's own complements: "officials in the northern
        city of Kirkuk", "the government of Sindh province", "militants loyal to Iraq's ..."."""
        head = self.doc[m.token_end - 1]
        for c in head.children:
            if c.i < m.token_end:
                continue
            if c.dep_ == "prep" and c.lower_ in AFFILIATING_PREPS:
                below = [g for g in c.children if g.dep_ == "pobj"]
            elif c.dep_ in ("acl", "amod") and c.lower_ in self.kb.affiliating_words:
                below = [c]
            else:
                continue
            for g in below:
                for t in g.subtree:
                    a3 = self._country_at(t.i)
                    if a3 is not None:
                        return a3
        return None

    def _sentence_place(self, m: MentionAnn) -> str | None:
        """The one country the sentence's places belong to ("in Baghdad", "in the northern
        town of Kirkuk", "near Macedonia's border"): the first country named inside each
        locative phrase; None when they name several or none."""
        sent = self.doc[m.token_start].sent
        if sent.start in self.sentence_places:
            return self.sentence_places[sent.start]
        first: dict[int, str] = {}  # locative preposition -> first country inside its phrase
        for mm in self._mentions_between(sent.start, sent.end):
            prep = self._locative_prep(self._tokens(mm).root)
            if prep is not None and self._venue(self.doc[prep]):
                continue  # "met in Pretoria", "talks in Doha": where they met, not where they belong
            root = self._tokens(mm).root
            if root.dep_ in ("amod", "compound", "nmod") and root.head.lemma_.lower() in self.kb.border_words:
                continue  # "near the Libyan border": named from the other side
            a3 = self._country_at(mm.token_start) if prep is not None else None
            if prep is not None and a3 is not None:
                first.setdefault(prep, a3)
        found = set(first.values())
        place = found.pop() if len(found) == 1 else None
        self.sentence_places[sent.start] = place
        return place

    def _meeting_party(self, tok: Token) -> bool:
        """Is `tok` the party a meeting is held with ("talks with government envoys in
        Mexico City")? Then an "in" after it names the venue, not the party's home."""
        prep = tok.head
        return tok.dep_ == "pobj" and prep.lower_ in ("with", "between") and prep.head.i != prep.i \
            and self._meeting(prep.head)

    def _venue(self, prep: Token) -> bool:
        """Does the locative preposition set a meeting or a trip ("talks in Doha", "met in
        Kigali", "held talks with X in Mexico City")?"""
        head = prep.head
        return self._meeting(head) or (prep.lower_ == "in" and head.pos_ in ("NOUN", "PROPN")
                                       and self._meeting_party(head))

    def _meeting(self, word: Token) -> bool:
        """Is the word a meeting or a trip, or a verb holding one ("held talks")?"""
        words = self.kb.venue_words
        return word.lemma_.lower() in words or word.lower_ in words or (
            word.pos_ in ("VERB", "AUX") and any(c.dep_ == "dobj" and (c.lemma_.lower() in words or c.lower_ in words)
                                                for c in word.children))

    def _mentions_between(self, start: int, end: int) -> list[MentionAnn]:
        """Mentions starting in tokens [start, end) (the list is sorted by token_start)."""
        starts = self._starts()
        return self.mentions[bisect_left(starts, start):bisect_left(starts, end)]

    def _starts(self) -> list[int]:
        if len(self.starts) != len(self.mentions):
            self.starts = [mm.token_start for mm in self.mentions]
        return self.starts

    def _locative_prep(self, tok: Token) -> int | None:
        """The locative preposition whose phrase holds `tok`, climbing a few noun-phrase links."""
        for _ in range(5):
            if tok.dep_ == "pobj" and tok.head.lower_ in PLACE_PREPS:
                return tok.head.i
            if tok.dep_ not in ("pobj", "prep", "poss", "compound", "amod", "nmod", "appos") \
                    or tok.head is tok:
                return None
            tok = tok.head
        return None

    def _earlier_country(self, m: MentionAnn) -> str | None:
        """The one country named earlier in the agent's sentence ("The Mozambique government
        accepted demands from rebels"); None when it names several or none."""
        sent_start = self.doc[m.token_start].sent.start
        head = self.doc[m.token_end - 1]
        found = set()
        for mm in self._mentions_between(sent_start, m.token_start):
            if mm.token_end > m.token_start:
                continue
            a3 = self._country_at(mm.token_start)
            # a country inside the agent's own phrase was no owner ("Iranian-backed militias"),
            # nor a backer elsewhere ("Russian-backed separatists shelled government posts")
            backer = self._infix_hyphen(mm.token_end) and mm.token_end + 1 < len(self.words) \
                and self.words[mm.token_end + 1].lower() not in self.kb.leader_suffixes
            if a3 is not None and not backer and not head.is_ancestor(self._tokens(mm).root):
                found.add(a3)
        return found.pop() if len(found) == 1 else None

    def _dateline_country(self) -> str | None:
        dateline = self.doc._.dyad_dateline
        if not dateline or not dateline[0]:
            return None
        place = dateline[0]
        for toks, label, entry in self.kb.name_index.get(place.split()[0], ()):
            if " ".join(toks) == place and label in ("country", "capital", "seat") and entry in self.kb.entries:
                e = self.kb.entries[entry]
                return e.country or e.key
        return self.kb.cities.get(place)

    def _agent_affiliation(self, m: MentionAnn) -> tuple[MentionAnn | None, str | None]:
        """The country/organisation an agent belongs to: "Ukrainian officials", "Russia's
        military", "officials in Kyiv"; or the bloc word ("Western media outlets")."""
        i = self._skip_modifiers(m.token_start - 1)
        if i >= 0 and self.doc[i].sent.start <= i:
            prev = self.by_token.get(i)
            if prev is not None and prev.label in AFFILIATION_LABELS and prev.token_end == i + 1:
                place = self.by_token.get(prev.token_start - 1)
                if prev.label == "demonym" and place is not None and place.token_end == prev.token_start \
                        and place.label in ("demonym", "country") \
                        and prev.text.lower() not in self.kb.place_last_demonyms:
                    return place, None  # "Bosnian Serb forces": the people's, where they live
                return prev, None
            if self.doc[i].lower_ in self.kb.blocs:
                return None, self.kb.blocs[self.doc[i].lower_]["name"]
        j = m.token_end
        if j + 1 < len(self.doc) and self.doc[j].lower_ in ("in", "of", "from") \
                and not (self.doc[j].lower_ == "in" and self._meeting_party(self.doc[j - 1])):
            k = j + 1
            while k < len(self.doc) and self.doc[k].lower_ in ("the",):
                k += 1
            after = self.by_token.get(k)
            if after is not None and after.label in AFFILIATION_LABELS:
                return after, None
        return None, None

    def _coordinated_agent(self, m: MentionAnn) -> MentionAnn | None:
        """The agent noun a coordinated demonym modifies ("Greek" in "Greek and Turkish warships")."""
        tok = self._tokens(m).root
        while tok.dep_ == "conj" and tok.head is not tok:
            tok = tok.head
        if tok.dep_ in ("amod", "compound", "nmod"):
            owner = self.by_token.get(tok.head.i)
            if owner is not None and owner.label == "agent":
                return owner
        return None

    def _following_agent(self, m: MentionAnn) -> MentionAnn | None:
        j = m.token_end
        if j + 1 < len(self.doc) and self._infix_hyphen(j) and self.doc[j + 1].lower_ in self.kb.leader_suffixes:
            j += 2  # "Vietnamese-led forces"
        while j < len(self.doc) and self.doc[j].pos_ == "ADJ" and self._modifier_word(j):
            j += 1
        nxt = self.by_token.get(j)
        if nxt is not None and nxt.label == "agent" and nxt.token_start == j:
            return nxt
        return None

    def _gpe(self, m: MentionAnn) -> None:
        """A place the knowledge base does not name: a city locates its country."""
        a3 = self.kb.cities.get(m.text)
        if a3 is not None and a3 in self.kb.entries:
            m.is_place = True
            self._attach(m, self._actor_from_entry(self.kb.entries[a3]))

    _loc = _gpe

    def _ethnic(self, m: MentionAnn) -> bool:
        return m.token_start > 0 and self.words[m.token_start - 1].lower() in self.kb.ethnic_words

    def _infix_hyphen(self, i: int) -> bool:
        """Is token i a hyphen joining two words with no space ("Saudi-led")?"""
        if not 0 < i < len(self.words) - 1 or self.words[i] not in HYPHENS:
            return False
        doc = self.doc
        return (not doc[i].whitespace_ and not doc[i - 1].whitespace_ and doc[i - 1].is_alpha
                and doc[i + 1].is_alpha)

    def _modifier_word(self, i: int) -> bool:
        """Is token i a modifier that names no owner: no mention, or a creed or party the
        model tags NORP ("Nicaragua's Sandinista government", "Lebanese Christian militias")?"""
        return i not in self.by_token or self.by_token[i].label == "norp"

    def _skip_modifiers(self, i: int) -> int:
        """Step left over a possessive marker, adjectives and up to three compound nouns
        ("Ankara's Cankaya district administration") to the word that may name the owner."""
        nouns = 0
        while i >= 0:
            t = self.doc[i]
            if t.lower_ in self.kb.leader_suffixes and i >= 2 and self._infix_hyphen(i - 1):
                i -= 2  # "Saudi-led": the country before the hyphen leads
                if i not in self.by_token and i > 0:
                    i -= 1  # "Iran's state-run media": "state" names no owner; look further
            elif t.text in POSSESSIVE or (t.pos_ == "ADJ" and self._modifier_word(i)
                                        and t.lower_ not in self.kb.blocs):
                i -= 1
            elif t.lower_ in ("and", ",") and i > 0 and self.doc[i - 1].pos_ == "ADJ" \
                    and self._modifier_word(i - 1) and self.doc[i + 1].pos_ == "ADJ":
                i -= 1  # "Iran's new and powerful defence minister": coordinated adjectives
            elif t.dep_ == "compound" and nouns < 3 and (
                    self._modifier_word(i) or self.by_token[i].label in ("gpe", "loc", "fac")):
                nouns += 1
                i -= 1
            else:
                break
        return i

    def _org(self, m: MentionAnn) -> None:
        name = m.text
        if name.lower().startswith("the "):
            name = name[4:]
        key = slug(name)
        if key not in self.actors:
            # "the Ivory Coast's Supreme Court", "Russian energy firm Gazprom": the owner
            # named just before an organisation is its country
            i = self._skip_modifiers(m.token_start - 1)
            owner = self.by_token.get(i) if i >= 0 else None
            entry = self.kb.entries.get(owner.entry or "") if owner is not None and owner.label in (
                "country", "demonym", "dict") and owner.token_end == i + 1 else None
            country = (entry.country or entry.key) if entry is not None and entry.kind == "country" else None
            head = self.doc[m.token_end - 1].lower_
            sector = self.kb.agents.get(head)
            self.actors[key] = ActorAnn(key=key, name=name, kind="organization", country=country,
                                        sector=sector[:3] if sector else None,
                                        cameo=(country or "") + (sector[:3] if sector else "") or None)
        self._attach(m, self.actors[key])

    # ---------------------------------------------------------------- persons

    def _person(self, m: MentionAnn) -> None:
        span = self._tokens(m)
        entry = self.kb.entries.get(m.entry) if m.entry else None
        surname = span[-1].text
        if entry is not None:
            actor = self._actor_from_entry(entry)
        else:
            key = slug(span.text)
            if surname in self.surnames and len(span) == 1:
                key = self.surnames[surname]
            elif " " not in span.text and span.text in self.surnames:
                key = self.surnames[span.text]  # "Akufo-Addo" after "Nana Akufo-Addo"
            if key not in self.actors:
                self.actors[key] = ActorAnn(key=key, name=span.text, kind="person")
            actor = self.actors[key]
        self.surnames.setdefault(surname, actor.key)
        if " " in span.text:  # a hyphenated family name: "Nana Akufo-Addo" ... "Akufo-Addo said"
            self.surnames.setdefault(span.text.split()[-1], actor.key)
        if len(span) >= 3:
            # East Asian names put the family name first ("Yoon Suk Yeol" ... "Yoon said");
            # a later bare first token names the same person unless another name claims it
            self.first_names.setdefault(span[0].text, actor.key)
            # a name inside a long name ("Luiz Inacio Lula da Silva" ... "Lula said"), when
            # no other person's name holds it
            for t in span[1:-1]:
                if t.is_title and t.is_alpha:
                    self.inner_names.setdefault(t.text, set()).add(actor.key)
        self._attach(m, actor)
        if actor.key not in self.described:
            self._describe(m, actor)

    def _describe(self, m: MentionAnn, actor: ActorAnn) -> None:
        """Role and affiliation from the words before the name, or an apposition after it.

        What the text says of a person beats a dictionary's dated code for them ("NATO
        Secretary General Jens Stoltenberg" is NATO's, whatever office he held before);
        the dictionary fills in only what the text leaves open.
        """
        window, determiner = self._left_window(m)
        role, affil = self._read_window(window)
        if role is None and affil is None:
            window = self._apposition(m)
            role, affil = self._read_window(window)
        if role is None and affil is None and self._between_commas(m):
            # "the Portuguese president, Mario Soares,": the name is the apposition
            window, _ = self._left_window(m, m.token_start - 2)
            role, affil = self._read_window(window)
            if role is None:  # "In the Angolan capital, Mario Soares,": a place, no title
                window, affil = [], None
        if role is not None or affil is not None:
            self.consumed.update(t.i for t in window)
        if role is None and determiner is not None and any(t.lower_ in self.kb.counterpart_words for t in window):
            role = self._counterpart_role(m)
        if affil is None:
            affil = self._of_affiliation(m)  # "President Mario Soares of Portugal"
        if role is None and affil is None:
            return
        self.described.add(actor.key)
        if role is not None:
            actor.role = role.role
            actor.sector = role.sector
        entry = self.kb.entries.get(affil.entry or "") if affil is not None else None
        if entry is not None and affil is not None:
            if entry.kind == "organization" and (entry.sector in ("IGO", "NGO") or entry.country is None):
                # "the head of Amnesty International", "Toyota's chief executive"
                actor.organization, actor.country, actor.cameo = entry.key, None, entry.cameo
            else:
                actor.organization = None
                actor.country = entry.country or entry.key
                actor.cameo = actor.country + (actor.sector or "")
            if affil.actor is None:
                self._attach(affil, self._actor_from_entry(entry))
        elif role is not None and role.country and not actor.organization:
            actor.country = role.country  # "Pope Francis": the Holy See's
            actor.cameo = actor.country + role.sector
        elif role is not None and actor.country:
            actor.cameo = actor.country + role.sector
        if actor.cameo is None and actor.country:
            actor.cameo = actor.country + (actor.sector or "")

    def _of_affiliation(self, m: MentionAnn) -> MentionAnn | None:
        """The country or organisation in an "of" phrase right after a name."""
        j = m.token_end
        if j + 1 >= len(self.doc) or self.words[j] != "of":
            return None
        k = j + 2 if self.words[j + 1] in ("the", "The") else j + 1
        after = self.by_token.get(k)
        if after is not None and after.token_start in (j + 1, k) and after.label in AFFILIATION_LABELS:
            self.consumed.add(after.token_start)
            return after
        return None

    def _counterpart_role(self, m: MentionAnn) -> Role | None:
        for other in reversed([a for a in self.mentions if a.token_end <= m.token_start and a.label == "person" and a.actor]):
            act = self.actors.get(other.actor or "")
            if act is not None and act.role:
                return self.kb.role_for(act.role) or Role(act.role, act.sector or "GOV")
        return None

    def _between_commas(self, m: MentionAnn) -> bool:
        return (m.token_start >= 2 and self.words[m.token_start - 1] == ","
                and (m.token_end >= len(self.words) or self.words[m.token_end] in (",", ".")))

    def _left_window(self, m: MentionAnn, last: int | None = None) -> tuple[list[Token], Token | None]:
        """The title words before a name (or before token `last` + 1)."""
        doc = self.doc
        sent_start = doc[m.token_start].sent.start
        out: list[Token] = []
        i = m.token_start - 1 if last is None else last
        determiner = None
        while i >= sent_start and len(out) < 12:
            t = doc[i]
            lw = t.lower_
            if t.text in POSSESSIVE or self._infix_hyphen(i):  # "Secretary-General"
                out.insert(0, t)
            elif t.pos_ in ("DET", "PRON") or lw in ("his", "her", "their", "its"):
                determiner = t
                break
            elif t.is_punct or t.like_num:
                break
            elif i in self.by_token and self.by_token[i].label in AFFILIATION_LABELS | {"outlet"}:
                out.insert(0, t)
            elif i in self.by_token and self.by_token[i].label == "person":
                break
            elif lw in self.role_words or lw in self.kb.filler_words or lw in self.kb.counterpart_words or t.is_title and t.pos_ in ("PROPN", "NOUN", "ADJ"):
                out.insert(0, t)
            elif t.pos_ == "ADJ" and t.is_lower and sum(x.pos_ == "ADJ" and x.is_lower for x in out) < 2:
                out.insert(0, t)  # "Nigerian junior foreign minister", "Iran's religious leader"
            else:
                break
            i -= 1
        return out, determiner

    def _apposition(self, m: MentionAnn) -> list[Token]:
        doc = self.doc
        j = m.token_end
        if j >= len(doc) or doc[j].text != ",":
            return []
        sent_end = doc[m.token_start].sent.end
        out: list[Token] = []
        k = j + 1
        while k < sent_end and len(out) < 14 and doc[k].text not in (",", ";", ")", "—", "–"):
            if doc[k].pos_ in ("VERB", "AUX") and doc[k].dep_ != "amod":
                return []  # a clause, not an apposition ("Sidhoum, Algeria's leading activist," is one)
            out.append(doc[k])
            k += 1
        return out

    def _read_window(self, window: list[Token]) -> tuple[Role | None, MentionAnn | None]:
        """(role, affiliation mention) found in a window of tokens."""
        if not window:
            return None, None
        affil = None
        words: list[str] = []
        for t in window:
            mm = self.by_token.get(t.i)
            if mm is not None and mm.label in AFFILIATION_LABELS | {"outlet"}:
                if affil is None or (affil.label == "demonym" and mm.label != "demonym"):
                    affil = mm
                if mm.label == "dict":  # dictionary offices ("GERMAN_CHANCELLOR") hold a role too
                    words.append(t.lower_)
                else:
                    words.append("|")
                continue
            if t.text in POSSESSIVE:
                words.append("|")
                continue
            if self._infix_hyphen(t.i):
                continue  # "secretary-general" reads as "secretary general"
            words.append(t.lower_)
        role = None
        best = 0
        segments = " ".join(words).split("|")
        for seg in segments:
            toks = seg.split()
            for a in range(len(toks)):
                for b in range(len(toks), a, -1):
                    if b - a <= best:
                        break
                    phrase = " ".join(toks[a:b])
                    r = self.kb.roles.get(phrase)
                    if r is not None:
                        role, best = r, b - a
                        break
        return role, affil


__all__ = ["ActorFinder", "ActorLinker"]
