"""What the pages and the API show, built from store rows: the article view with its
highlight marks and side list, and negotiations grouped with their members, timeline and
evidence.

Functions here take an open `Store` or rows and return plain dicts/lists (JSON-ready, and
what the templates render). No HTML (escaping is the templates' and `highlight`'s job) and no
request handling.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from datetime import date
from typing import Any

from dyad.store import queries as store_queries
from dyad.store.store import Store
from dyad.web import charts, queries
from dyad.web.highlight import Mark, render, segments

SPEAKER_COLOURS = 8  # quote colours cycle through spk-0 .. spk-7 (see dyad.css)
ROLES = ("participant", "seeking_seat", "excluded")
ROLE_TITLES = {"participant": "At the table", "seeking_seat": "Seeking a seat",
               "excluded": "Left out"}


def article_view(data: dict[str, Any]) -> dict[str, Any]:
    """The article page: highlighted text and the side list of records, cross-referenced.

    Records get page-local refs (`a0` actor, `ev0` event, `q0` quote, `d0` date, `n0`
    negotiation) shared by the side list entry and every piece of text it covers.
    """
    art = data["article"]
    text: str = art["text"]
    actors = data["actors"]
    actor_ref = {a["actor_id"]: f"a{i}" for i, a in enumerate(actors)}
    names = {a["actor_id"]: a["name"] for a in actors}

    def name_list(keys: list[str] | None) -> str:
        return ", ".join(names.get(k, k) for k in keys or [])

    marks: list[Mark] = []
    for m in data["mentions"]:
        ref = actor_ref.get(m["actor_id"])
        if ref is None:
            continue
        a = actors[int(ref[1:])]
        marks.append(Mark(m["start_char"], m["end_char"], f"act act-{a['kind']}", ref,
                          f"{a['name']} ({a['kind']})"))

    speakers: dict[str, int] = {}
    quotes = []
    for i, q in enumerate(data["quotes"]):
        who = q["speaker"] or q["speaker_text"] or ""
        colour = speakers.setdefault(who, len(speakers) % SPEAKER_COLOURS)
        ref = f"q{i}"
        speaker = names.get(q["speaker"], q["speaker_text"] or q["speaker"] or "unknown speaker")
        marks.append(Mark(q["start_char"], q["end_char"], f"quote spk-{colour}", ref,
                          f"{q['kind']} quote: {speaker}"))
        if q["speaker_start"] is not None and q["speaker_end"] is not None:
            marks.append(Mark(q["speaker_start"], q["speaker_end"], f"speaker spk-{colour}",
                              ref, f"speaker: {speaker}"))
        if q["cue_start"] is not None and q["cue_end"] is not None:
            marks.append(Mark(q["cue_start"], q["cue_end"], "cue", ref, "quote cue"))
        quotes.append({**q, "ref": ref, "colour": colour, "speaker_name": speaker,
                       "speaker_ref": actor_ref.get(q["speaker"] or "")})

    events = []
    for i, e in enumerate(data["events"]):
        ref = f"ev{i}"
        marks.append(Mark(e["evidence_start"], e["evidence_end"], "evid", ref))
        marks.append(Mark(e["trigger_start"], e["trigger_end"], f"trig quad-{e['quad_class']}",
                          ref, f"{e['type']} ({e['status']})"))
        events.append({**e, "ref": ref, "actor_names": name_list(e["actor"]),
                       "recipient_names": name_list(e["recipient"])})

    dates = []
    for i, d in enumerate(data["dates"]):
        ref = f"d{i}"
        marks.append(Mark(d["start_char"], d["end_char"], "date", ref,
                          f"{d['type']} {d['value']}"))
        dates.append({**d, "ref": ref})

    negotiations = []
    for i, n in enumerate(data["negotiations"]):
        ref = f"n{i}"
        for ev in n["evidence"]:
            marks.append(Mark(ev["start_char"], ev["end_char"], "nego", ref))
        negotiations.append({**n, "ref": ref, "roles": [
            (ROLE_TITLES[role], [(k, names.get(k, k)) for k in n[role]]) for role in ROLES]})

    by_speaker: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for q in quotes:
        by_speaker[q["speaker_name"]].append(q)
    return {
        "article": art,
        "html": render(segments(text, marks)),
        "actors": [{**a, "ref": actor_ref[a["actor_id"]]} for a in actors],
        "events": events,
        "quotes_by_speaker": [(who, qs[0]["colour"], qs) for who, qs in by_speaker.items()],
        "num_quotes": len(quotes),
        "dates": dates,
        "negotiations": negotiations,
    }


def negotiation_anchor(key: str) -> str:
    """A page anchor for a negotiation key (keys hold spaces; anchors must not)."""
    return "neg-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def negotiations(store: Store, *, topic: str | None = None) -> list[dict[str, Any]]:
    """Each negotiation merged across articles: who holds which role, when, and the evidence."""
    table = store_queries.negotiation_table(store, topic=topic).records()
    steps = store_queries.negotiation_timeline(store, topic=topic).records()
    evidence = queries.negotiation_evidence(store).records()
    found: dict[str, dict[str, Any]] = {}
    for row in table:
        key = row["negotiation_key"]
        n = found.setdefault(key, {"key": key, "anchor": negotiation_anchor(key),
                                   "topic": row["topic"], "first_seen": None,
                                   "last_seen": None, **{role: [] for role in ROLES},
                                   "timeline": [], "evidence": []})
        n[row["role"]].append({k: row[k] for k in ("actor_id", "actor_name", "first_seen",
                                                   "last_seen", "num_articles")})
        for bound, pick in (("first_seen", min), ("last_seen", max)):
            if row[bound] is not None:
                n[bound] = row[bound] if n[bound] is None else pick(n[bound], row[bound])
    members = [m for n in found.values() for role in ROLES for m in n[role]]
    step_ids = {k for step in steps for k in (step["actors"] or "").split(", ") if k}
    known = queries.actors_by_id(store, sorted({m["actor_id"] for m in members} | step_ids))
    for m in members:  # a person sits at a table for a country or an organisation
        info = known.get(m["actor_id"], {})
        m["kind"] = info.get("kind")
        m["affiliation"] = info.get("country") or info.get("organization")
    for step in steps:
        if step["negotiation_key"] in found:
            ids = [k for k in (step["actors"] or "").split(", ") if k]
            found[step["negotiation_key"]]["timeline"].append(
                {"day": step["day"], "role": step["role"], "num_articles": step["num_articles"],
                 "actors": [{"actor_id": k, "actor_name": known.get(k, {}).get("name", k)}
                            for k in ids]})
    for ev in evidence:
        if ev["negotiation_key"] in found:
            found[ev["negotiation_key"]]["evidence"].append(
                {k: ev[k] for k in ("article_id", "negotiation_id", "title", "day", "text",
                                    "start_char", "end_char")})
    return list(found.values())


def network_data(store: Store, *, type: str | None = None, since: date | None = None,
                 until: date | None = None, max_nodes: int = 60) -> charts.Network:
    """The actor network of the events matching the filters, laid out for drawing."""
    rows = store_queries.dyads(store, type=type, since=since.isoformat() if since else None,
                               until=until.isoformat() if until else None).records()
    ids = sorted({r["actor_id"] for r in rows} | {r["recipient_id"] for r in rows})
    return charts.network(rows, queries.actors_by_id(store, ids), max_nodes=max_nodes)


def search_all(store: Store, q: str, *, limit: int) -> dict[str, Any]:
    """Articles, actors and quotes containing `q`, at most `limit` of each."""
    return {
        "articles": queries.articles(store, q=q, limit=limit).records(),
        "actors": queries.search_actors(store, q, limit=limit).records(),
        "quotes": queries.search_quotes(store, q, limit=limit).records(),
    }
