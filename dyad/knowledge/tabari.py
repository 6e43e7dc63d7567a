"""Readers for TABARI/PETRARCH actor and agent dictionaries, the format event coders already have.

Actors file (`Phoenix.Countries.actors.txt`, `PETR.Validate.actors.txt`):

    VLADIMIR_PUTIN_  # comment          an entry: words joined by '_', a trailing '_' is ignored
    +PRESIDENT_PUTIN_                   a synonym of the entry above
        [RUSGOV 000507-080507]          a code, optionally date-limited: >D, <D, D1-D2
    ISRAEL [ISR]                        entry and code on one line
    PALESTINIAN [pse]                   codes are case-insensitive; [---] means "no code"
    RAPID_SUPPORT_FORCES_  # group      dated codes of an organisation, not a person's roles

Agents file (`Phoenix.agents.txt`): `!PERSON! = MAN, MEN` substitution sets, then
`FOREIGN_MINISTER {PLURAL FORMS} [~GOVFRM]` — the agent's sector code follows '~'.

Dates are YYMMDD (00-29 → 20xx) or YYYYMMDD. The loaders add entries to a KnowledgeBase; a line they cannot read is
skipped and recorded in `kb.warnings` as "file:line: reason" (real dictionaries carry typos),
and a file with no readable entry at all raises DictionaryError. They never guess a code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

from dyad.errors import DictionaryError
from dyad.knowledge.kb import CAMEO_ROLE_CODES, DatedCode, Entry, KnowledgeBase, slug

_CODE = re.compile(r"\[([^\]]*)\]")
_NON_STATE = ("IGO", "NGO", "NGM", "MNC", "IMG", "UIS", "REB", "PRO", "---")
_INTERNATIONAL = ("IGO", "NGO", "MNC", "IMG")
BUNDLED_LABELS = ("dict", "person")  # alias labels of names read from TABARI dictionaries


def _date(token: str, where: str) -> str:
    t = token.strip()
    if re.fullmatch(r"\d{8}", t):
        return f"{t[:4]}-{t[4:6]}-{t[6:]}"
    if re.fullmatch(r"\d{6}", t):
        yy = int(t[:2])
        century = 2000 if yy < 30 else 1900
        return f"{century + yy}-{t[2:4]}-{t[4:]}"
    raise DictionaryError(f"{where}: date {token!r} is not YYMMDD or YYYYMMDD")


def parse_code(text: str, where: str) -> DatedCode | None:
    """`RUSGOV 000507-080507` / `UKRGOV > 20140607` / `ISR` → DatedCode (None for '---')."""
    body = text.strip()
    if not body or not any(ch.isalnum() for ch in body.split()[0]):
        return None  # [---], [+++], [###]: "known name, no code"
    m = re.fullmatch(r"([~A-Za-z0-9/]+)\s*(.*)", body)
    if not m:
        raise DictionaryError(f"{where}: cannot read code [{text}]")
    code, restriction = m.group(1).upper(), m.group(2).strip()
    if not restriction:
        return DatedCode(code)
    if restriction.startswith(">"):
        return DatedCode(code, start=_date(restriction[1:], where))
    if restriction.startswith("<"):
        return DatedCode(code, end=_date(restriction[1:], where))
    rng = re.fullmatch(r"(\d{6,8})\s*-\s*(\d{6,8})", restriction)
    if rng:
        return DatedCode(code, start=_date(rng.group(1), where), end=_date(rng.group(2), where))
    raise DictionaryError(f"{where}: cannot read date restriction {restriction!r} in [{text}]")


def phrase_forms(raw: str) -> list[str]:
    """Case variants news text uses for a TABARI phrase (`UNITED_NATIONS_` → United Nations)."""
    text = raw.strip().strip("_").replace("_", " ")
    acronyms = [a for a in re.findall(r"\(([^)]*)\)", text) if a.strip()]
    text = re.sub(r"\([^)]*\)", " ", text)
    words = [w for w in text.split() if w]
    if len(words) > 1 and words[0].upper() == "THE":
        words = words[1:]  # news writes "the White House": the article is not part of the name
    if not words:
        return [a.strip() for a in acronyms if a.strip().isupper()]
    titled = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in _SMALL:
            titled.append(lw)
        else:
            titled.append("-".join(p[:1].upper() + p[1:].lower() for p in lw.split("-")))
    # the title-cased form last but for acronyms: the loader shows an entry by its last form
    forms = [" ".join(words).upper(), *_joined_spellings(words), " ".join(titled)]
    if len(words) == 1 and len(words[0]) <= 3 and words[0].isupper():
        forms = [words[0]]  # short codes (US, UN, EU) are written in capitals only: "Us" is a word
    forms += [a.strip() for a in acronyms if a.strip().isupper() and len(a.strip()) >= 2]
    return list(dict.fromkeys(reversed(forms)))[::-1]


# Words news writes in lower case inside a title-cased name ("Bank of England", "Jabhat al-Nusra").
_SMALL = frozenset({"of", "the", "for", "and", "in", "on", "de", "al"})
# Arabic and Urdu connectors news joins with hyphens: to both neighbours ("Lashkar-e-Taiba",
# "Harkat-ul-Mujahideen") or to the next word only ("al-Shabaab", "wal-Muslimin").
_JOIN_BOTH = frozenset({"e", "i", "ul", "ud", "ur"})
_JOIN_NEXT = frozenset({"al", "el", "ash", "wal"})
# Name particles written in lower case after a given name ("Ursula von der Leyen",
# "Lula da Silva", "Mohammed bin Salman").
_PARTICLES = frozenset({"von", "van", "der", "den", "da", "das", "dos", "del", "du", "bin", "ibn"})


def _joined_spellings(words: list[str]) -> list[str]:
    """The spellings of a multi-part name news uses besides the title-cased one: hyphen and
    space alike. A connector or particle inside the name is lower case ("Lashkar-e-Taiba",
    not "Lashkar-E-Taiba"; "Ursula von der Leyen"); that name with spaces for hyphens ("Lashkar e Taiba"); with
    hyphens around its connectors ("LASHKAR_E_TAYYABA" -> "Lashkar-e-Tayyaba",
    "JABHAT_AL_NUSRA" -> "Jabhat al-Nusra"); and, for a name that starts with an article,
    with the article in lower case ("al-Shabaab")."""
    parts: list[list[str]] = []
    for i, w in enumerate(words):
        pieces = w.lower().split("-")
        parts.append([p if (i or j) and (p in _SMALL or p in _JOIN_BOTH or p in _JOIN_NEXT
                                         or p in _PARTICLES)
                      else p[:1].upper() + p[1:] for j, p in enumerate(pieces)])
    low = " ".join("-".join(ps) for ps in parts)
    flat = [p for ps in parts for p in ps if p]
    spaced = " ".join(flat)
    hyphened = flat[0] if flat else ""
    for prev, cur in zip(flat, flat[1:], strict=False):
        joins = prev.lower() in _JOIN_BOTH | _JOIN_NEXT or cur.lower() in _JOIN_BOTH
        hyphened += ("-" if joins else " ") + cur
    forms = [low, spaced, hyphened]
    if flat and flat[0].lower() in _JOIN_NEXT:
        # inside a sentence the article is lower case too: "the militant group al-Shabaab"
        forms += [f[:1].lower() + f[1:] for f in (low, hyphened)]
    return forms


def _strip_comment(line: str) -> str:
    return line.split("#", 1)[0].rstrip()


def _kind_for(code: str, is_person: bool, kb: KnowledgeBase) -> tuple[str, str | None, str | None]:
    """(kind, country, sector) of a TABARI code. The international types (IGOUNO, NGOHRI,
    MNCJPN, IMGSEAMUS) are their own sector: the letters after them name a body, a region
    or a home country, not a sector. A role or religion code on its own ([MED], [ELI]) is
    that sector of no country, unless a country has that code."""
    head = code[:3]
    known = kb.entries.get(head)
    stateless = head in _NON_STATE or (head in CAMEO_ROLE_CODES
                                       and not (known is not None and known.kind == "country"))
    if is_person:
        kind = "person"
    elif len(code) == 3 and not stateless:
        kind = "country"
    else:
        kind = "organization"
    country = head if not stateless and head.isalpha() else None
    sector: str | None = code[3:6] if len(code) >= 6 else None
    if head in _INTERNATIONAL or (stateless and len(code) == 3):
        sector = head
    return kind, country, sector


def _rank(code: str, kb: KnowledgeBase) -> int:
    """How specific a code is about whose actor it is: a state's (PHLREB) 2, an
    international type's (IMGSEAMUS, NGOHRI) 1, a region's or an unknown prefix's (SASREB) 0."""
    head = code[:3]
    country = kb.entries.get(head)
    if country is not None and country.kind == "country":
        return 2
    return 1 if head in _INTERNATIONAL else 0


def _sole_entry_by_code(kb: KnowledgeBase) -> dict[str, str]:
    """CAMEO code -> key of the one built-in organisation with that code ("IGOWSTNAT" ->
    NATO); codes several built-ins share (IGOUNO: UN, UNSC, UNGA) are left out."""
    holders: dict[str, set[str]] = {}
    for key in {a.entry for a in kb.aliases if a.label == "igo"}:
        e = kb.entries.get(key)
        if e is not None and e.cameo:
            holders.setdefault(e.cameo, set()).add(key)
    return {code: next(iter(keys)) for code, keys in holders.items() if len(keys) == 1}


@dataclass
class _RawEntry:
    names: list[str]
    codes: list[DatedCode]
    person: bool
    group: bool = False  # marked "# group": dated codes of an organisation, not a person's roles


def load_actors(path: str | Path, kb: KnowledgeBase, *, override: bool = True,
                supersede: bool = False) -> int:
    """Add a TABARI actors file to `kb`; returns the number of entries read.

    With `override=False` (dyad's bundled dictionaries) a name the knowledge base already
    knows keeps its meaning: "Kiev" stays a capital even though Phoenix lists it as a name
    of Ukraine. Between the dictionaries' own entries, a name (or an entry id) two of them
    claim goes to the more specific code (`_rank`: a state's PHLREB over the international
    IMGSEAMUS over the regional SASREB), and on a tie to the one read first; an
    organisation whose code is that of exactly one built-in organisation (IGOWSTNAT: NATO)
    lends that organisation its names instead of becoming a second actor.

    With `supersede=True` (dyad's current-actors supplement, read after the Phoenix files)
    built-in names still win, but an entry replaces the bundled entry of the same key (the
    same first name) and takes each of its names from any bundled entry that had it.
    """
    if supersede:
        override = False
    known = set() if override else {a.text for a in kb.aliases if a.label not in BUNDLED_LABELS}
    # bundled name -> (rank of its entry's code, entry key); names may move to a better claim
    claims: dict[str, tuple[int, str]] = {} if override else {
        a.text: (_rank(kb.entries[a.entry].cameo or "", kb), a.entry)
        for a in kb.aliases if a.label in BUNDLED_LABELS and a.entry in kb.entries}
    revoked: set[tuple[str, str]] = set()
    same_code = {} if override else _sole_entry_by_code(kb)
    role_words = {p for p in kb.roles if " " not in p}
    title_words = {w for phrase in kb.roles for w in phrase.split()} | {
        a.text.lower() for a in kb.aliases if a.label in ("demonym", "country")} | {"mr", "mrs", "ms", "dr"}
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as err:
        raise DictionaryError(f"{p}: cannot read actor dictionary ({err.strerror})") from None
    in_comment = False
    current: _RawEntry | None = None
    entries: list[_RawEntry] = []
    for lineno, line in enumerate(lines, start=1):
        where = f"{p}:{lineno}"
        stripped = line.strip()
        if in_comment:
            if "-->" in stripped:
                in_comment = False
            continue
        if stripped.startswith("<!--"):
            in_comment = "-->" not in stripped
            continue
        comment = line.split("#", 1)[1] if "#" in line else ""
        body = _strip_comment(line)
        if not body.strip():
            continue
        codes: list[DatedCode] = []
        try:
            codes = [c for c in (parse_code(x, where) for x in _CODE.findall(body)) if c]
        except DictionaryError as err:
            # Real dictionaries carry typos (a 7-digit date); skip the line, say where.
            kb.warnings.append(str(err))
        # the phrase ends where its first code starts; text after the codes is a comment
        # ("A.H._BELO_CORPORATION_ [MNCMED] Newspapers/Magazines")
        phrase = body.split("[", 1)[0].strip() if "[" in body else body.strip()
        if line[:1] in (" ", "\t") and not phrase:
            if current is None:
                raise DictionaryError(f"{where}: a code line before any actor entry")
            current.codes.extend(codes)
            # the source list may be noted on the code line ("[ELI]# IGOrulers.txt")
            current.person = current.person or _from_person_list(comment)
            continue
        if phrase.startswith("+"):
            if current is None:
                raise DictionaryError(f"{where}: synonym {phrase!r} before any actor entry")
            current.names.append(phrase[1:])
            current.codes.extend(codes)
            continue
        if phrase.startswith(("&", "!", "<")):
            continue
        if current is not None and not current.codes and not codes and line[:1] not in (" ", "\t"):
            # names stacked above one code block are one actor's ("BORIS_YELTSIN_ / YELTSIN /
            # PRESIDENT_YELTSIN" then "[RUSGOV 910710-991231]"), as in the Phoenix files
            current.names.append(phrase)
            continue
        current = _RawEntry([phrase], list(codes), _from_person_list(comment),
                            comment.strip().lower() == "group")
        entries.append(current)
    count = 0
    for e in entries:
        codes, names = e.codes, e.names
        if not codes:
            continue
        undated = [c for c in codes if c.start is None and c.end is None]
        base = (undated or codes)[-1].code
        # a person holds dated *roles* (UKRGOV 2014-...); a country has dated plain codes
        # (Ukraine: USRUKR until 1991, then UKR), so dates alone do not make a person
        dated_role = any((c.start or c.end) and len(c.code) > 3 for c in codes)
        is_person = e.person or (not e.group and any(c.start or c.end for c in codes) and len(base) > 3
                                 and len(names[0].replace("_", " ").split()) >= 2)
        if supersede and not e.group and dated_role and len(names[0].replace("_", " ").split()) >= 2:
            # dyad's supplement writes a person as dated offices, then their country alone
            # (Zelensky: [UKRGOV >20190520] then [UKR], what he is on other days)
            is_person = True
        kind, country, sector = _kind_for(base, is_person, kb)
        key = base if kind == "country" else slug(names[0].replace("_", " "))
        if kind == "organization" and base in same_code:
            key = same_code[base]  # "Nato" is NATO's name too, not a second NATO
        display = " ".join(phrase_forms(names[0])[-1:])
        ent = Entry(key=key, name=display, kind=kind, country=country, sector=sector,
                    organization="IGO" if base.startswith("IGO") else None, cameo=base,
                    dated=_restrictions_first(codes) if len(codes) > 1 or codes[0].start or codes[0].end else ())
        label = "person" if kind == "person" else "dict"
        rank = _rank(base, kb)
        old = kb.entries.get(key)
        if supersede and kind != "country":
            kb.entries[key] = replace(ent, dated=_with_history(ent.dated, old)) if old is not None and ent.dated else ent
        elif override:
            if not (kind == "country" and old is not None):  # keep the richer built-in country entry
                kb.entries[key] = ent
        elif old is None or (key not in same_code.values() and kind != "country"
                             and rank > _rank(old.cameo or "", kb)):
            kb.entries[key] = ent
        ent = kb.entries[key]
        forms = [form for n in names for form in phrase_forms(n) if form not in known]
        if not override and kind == "person":
            # "RUSSIAN_PRESIDENT_VLADIMIR_PUTIN": dyad reads titles from the text itself, so a
            # bundled name keeps no title or nationality in front of it
            # ... except a bare title + surname ("PRESIDENT_BUSH"), which is how news names them
            forms = [f for f in forms if not _titled(f, title_words)
                     or (len(f.split()) == 2 and f.split()[0].lower() in role_words)]
        if not override:
            # a superseding entry outranks every bundled one (rank 3 > a state's 2)
            forms = [f for f in forms if _claim(claims, revoked, f, 3 if supersede else rank, key)]
        if forms:
            kb.add(ent, [(form, label, True) for form in forms])
        count += 1
    if count == 0:
        raise DictionaryError(f"{p}: no actor entries with a [CODE] found; is this a TABARI .actors file?")
    if revoked:
        kb.aliases = [a for a in kb.aliases if (a.text, a.entry) not in revoked]
    return count


def _restrictions_first(codes: list[DatedCode]) -> tuple[DatedCode, ...]:
    """An entry's codes with the date-restricted ones first: in TABARI a restriction that
    applies on the day beats the entry's default code, wherever the file lists it."""
    return tuple(sorted(codes, key=lambda c: not (c.start or c.end)))


def _with_history(dated: tuple[DatedCode, ...], old: Entry) -> tuple[DatedCode, ...]:
    """A superseding entry's dated codes with the history of the entry it replaces: the old
    codes of the time before the new entry's first dated code, cut off where it starts (a
    Phoenix term left open ends there); the new undated code stays last, where it applies
    only on days no dated code covers."""
    starts = [c.start for c in dated if c.start or c.end]
    if not starts or None in starts or not old.dated:
        return dated
    first = min(s for s in starts if s is not None)
    day_before = (date.fromisoformat(first) - timedelta(days=1)).isoformat()
    history = tuple(c if c.end is not None and c.end < first else replace(c, end=day_before)
                    for c in old.dated if (c.start or c.end) and (c.start is None or c.start < first))
    return (tuple(c for c in dated if c.start or c.end) + history
            + tuple(c for c in dated if not (c.start or c.end)))


def _from_person_list(comment: str) -> bool:
    """Does a Phoenix comment name a list of persons (CountryInfo.txt, IGOrulers.txt)?"""
    low = comment.lower()
    return "countryinfo" in low or "rulers" in low


def _titled(form: str, title_words: set[str]) -> bool:
    """Does the name start with a title or nationality ("President X", "Secretary-General X")?"""
    first = form.split()[0].lower()
    return first in title_words or all(part in title_words for part in first.split("-"))


def _claim(claims: dict[str, tuple[int, str]], revoked: set[tuple[str, str]], form: str,
           rank: int, key: str) -> bool:
    """Does entry `key` (code rank `rank`) get the bundled name `form`? It does when no
    entry has it yet, or when the entry that has it has a less specific code; that entry
    then loses it (recorded in `revoked`)."""
    held = claims.get(form)
    if held is not None and (held[1] == key or held[0] >= rank):
        return False
    if held is not None:
        revoked.add((form, held[1]))
    claims[form] = (rank, key)
    return True


def load_agents(path: str | Path, kb: KnowledgeBase) -> int:
    """Add a TABARI agents file to `kb.agents` (phrase → sector code); returns entries read."""
    p = Path(path)
    try:
        lines = p.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError as err:
        raise DictionaryError(f"{p}: cannot read agent dictionary ({err.strerror})") from None
    subs: dict[str, list[str]] = {}
    count = 0
    in_comment = False
    for lineno, line in enumerate(lines, start=1):
        where = f"{p}:{lineno}"
        body = _strip_comment(line).strip()
        if in_comment:
            in_comment = "-->" not in body
            continue
        if body.startswith("<!--"):
            in_comment = "-->" not in body
            continue
        if not body:
            continue
        m = re.fullmatch(r"(![A-Z]+!)\s*=\s*(.+)", body)
        if m:
            subs[m.group(1)] = [w.strip() for w in m.group(2).split(",") if w.strip()]
            continue
        codes = _CODE.findall(body)
        if not codes:
            kb.warnings.append(f"{where}: agent line without a [~CODE]: {body!r}; skipped")
            continue
        code = codes[0].strip()
        if not code.startswith("~"):
            kb.warnings.append(f"{where}: agent code {code!r} must start with '~' (e.g. [~GOV]); skipped")
            continue
        sector = code[1:].upper()
        phrase = _CODE.sub("", body)
        plurals = re.findall(r"\{([^}]*)\}", phrase)
        phrase = re.sub(r"\{[^}]*\}", "", phrase).strip()
        forms = [phrase] + [w for grp in plurals for w in grp.split()]
        if not plurals:
            forms.append(phrase + "S")
        for form in forms:
            for expanded in _expand(form, subs):
                text = expanded.replace("_", " ").strip().lower()
                if text:
                    kb.agents[text] = sector
        count += 1
    return count


def _expand(form: str, subs: dict[str, list[str]]) -> list[str]:
    m = re.search(r"![A-Z]+!", form)
    if not m:
        return [form]
    options = subs.get(m.group(0), [])
    out: list[str] = []
    for opt in options:
        out.extend(_expand(form[:m.start()] + opt + form[m.end():], subs))
    return out
