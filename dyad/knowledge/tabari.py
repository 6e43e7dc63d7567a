"""Readers for TABARI/PETRARCH actor and agent dictionaries, the format event coders already have.

Actors file (`Phoenix.Countries.actors.txt`, `PETR.Validate.actors.txt`):

    VLADIMIR_PUTIN_  # comment          an entry: words joined by '_', a trailing '_' is ignored
    +PRESIDENT_PUTIN_                   a synonym of the entry above
        [RUSGOV 000507-080507]          a code, optionally date-limited: >D, <D, D1-D2
    ISRAEL [ISR]                        entry and code on one line
    PALESTINIAN [pse]                   codes are case-insensitive; [---] means "no code"

Agents file (`Phoenix.agents.txt`): `!PERSON! = MAN, MEN` substitution sets, then
`FOREIGN_MINISTER {PLURAL FORMS} [~GOVFRM]` — the agent's sector code follows '~'.

Dates are YYMMDD (00-29 → 20xx) or YYYYMMDD. The loaders add entries to a KnowledgeBase; a line they cannot read is
skipped and recorded in `kb.warnings` as "file:line: reason" (real dictionaries carry typos),
and a file with no readable entry at all raises DictionaryError. They never guess a code.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
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
    small = {"of", "the", "for", "and", "in", "on", "de", "al"}
    titled = []
    for i, w in enumerate(words):
        lw = w.lower()
        if i > 0 and lw in small:
            titled.append(lw)
        else:
            titled.append("-".join(p[:1].upper() + p[1:].lower() for p in lw.split("-")))
    forms = [" ".join(words).upper(), " ".join(titled)]
    if len(words) == 1 and len(words[0]) <= 3 and words[0].isupper():
        forms = [words[0]]  # short codes (US, UN, EU) are written in capitals only: "Us" is a word
    forms += [a.strip() for a in acronyms if a.strip().isupper() and len(a.strip()) >= 2]
    return list(dict.fromkeys(forms))


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


def load_actors(path: str | Path, kb: KnowledgeBase, *, override: bool = True) -> int:
    """Add a TABARI actors file to `kb`; returns the number of entries read.

    With `override=False` (dyad's bundled dictionaries) a name the knowledge base already
    knows keeps its meaning: "Kiev" stays a capital even though Phoenix lists it as a name
    of Ukraine. Between the dictionaries' own entries, a name (or an entry id) two of them
    claim goes to the more specific code (`_rank`: a state's PHLREB over the international
    IMGSEAMUS over the regional SASREB), and on a tie to the one read first; an
    organisation whose code is that of exactly one built-in organisation (IGOWSTNAT: NATO)
    lends that organisation its names instead of becoming a second actor.
    """
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
        current = _RawEntry([phrase], list(codes), _from_person_list(comment))
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
        is_person = e.person or (any(c.start or c.end for c in codes) and len(base) > 3
                                 and len(names[0].replace("_", " ").split()) >= 2)
        kind, country, sector = _kind_for(base, is_person, kb)
        key = base if kind == "country" else slug(names[0].replace("_", " "))
        if kind == "organization" and base in same_code:
            key = same_code[base]  # "Nato" is NATO's name too, not a second NATO
        display = " ".join(phrase_forms(names[0])[-1:])
        ent = Entry(key=key, name=display, kind=kind, country=country, sector=sector,
                    organization="IGO" if base.startswith("IGO") else None, cameo=base,
                    dated=tuple(codes) if len(codes) > 1 or codes[0].start or codes[0].end else ())
        label = "person" if kind == "person" else "dict"
        rank = _rank(base, kb)
        old = kb.entries.get(key)
        if override:
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
            forms = [f for f in forms if _claim(claims, revoked, f, rank, key)]
        if forms:
            kb.add(ent, [(form, label, True) for form in forms])
        count += 1
    if count == 0:
        raise DictionaryError(f"{p}: no actor entries with a [CODE] found; is this a TABARI .actors file?")
    if revoked:
        kb.aliases = [a for a in kb.aliases if (a.text, a.entry) not in revoked]
    return count


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
