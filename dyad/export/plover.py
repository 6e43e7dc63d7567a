"""PLOVER JSON Lines: one record per coded event, with the codebook's field names.

Fields follow the PLOVER manual's JSON table (id, has_event, date, actor, recipient, event,
event_text, quad_code, event_scale, mode, context, link, text_info, cite_info, coder,
coded_date) with entity objects (code, sector, entity_text, identifier_id, identifier_text,
office). `link` is the event's cross-article cluster id. dyad's own fields (status, cameo,
confidence, trigger_text, article_id, event_id) are added under their own names, as the
codebook allows. Reads the store only.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import IO, Any

from dyad.store.store import Store

CODER = "dyad 0.1.0"
CODEBOOK = "plover-2.0"

_SQL = """
WITH ents AS (
    SELECT ea.article_id, ea.event_id, ea.role,
           list({'position': ea.position, 'canonical_id': ea.canonical_id,
                 'local_name': ac.name, 'name': ca.name, 'country': ca.country,
                 'organization': ca.organization, 'sector': ca.sector, 'role': ca.role,
                 'wikidata': ca.wikidata} ORDER BY ea.position) AS entities
    FROM event_actors ea
    LEFT JOIN actors ac ON ac.article_id = ea.article_id AND ac.actor_id = ea.actor_id
    LEFT JOIN canonical_actors ca ON ca.id = ea.canonical_id
    GROUP BY ea.article_id, ea.event_id, ea.role
), links AS (
    SELECT article_id, event_id, arg_min(cluster_id, actor_id) AS cluster_id
    FROM event_cluster_members GROUP BY article_id, event_id
)
SELECT e.article_id, e.event_id, e.day, e.type, e.status, e.mode, e.context, e.cameo,
       e.goldstein, e.quad_class, e.confidence, e.evidence_text, e.evidence_start,
       e.evidence_end, e.trigger_text, e.date, e.date_precision, e.reported_by,
       a.url, a.title, a.language, a.source, a.ingested_at,
       ac.entities AS actors, rc.entities AS recipients, l.cluster_id
FROM events_dated e
JOIN articles a ON a.id = e.article_id
LEFT JOIN ents ac ON ac.article_id = e.article_id AND ac.event_id = e.event_id
                 AND ac.role = 'actor'
LEFT JOIN ents rc ON rc.article_id = e.article_id AND rc.event_id = e.event_id
                 AND rc.role = 'recipient'
LEFT JOIN links l ON l.article_id = e.article_id AND l.event_id = e.event_id
ORDER BY e.day NULLS LAST, e.article_id, e.evidence_start, e.event_id
"""


def _entity(ent: dict[str, Any]) -> dict[str, Any]:
    return {
        "code": ent["country"] or ent["organization"],
        "sector": ent["sector"],
        "entity_text": ent["local_name"] or ent["name"],
        "identifier_id": ent["wikidata"] or ent["canonical_id"],
        "identifier_text": ent["name"],
        "office": ent["role"],
    }


def _iso(value: Any) -> str | None:
    return value.isoformat() if isinstance(value, (date, datetime)) else value


def plover_records(store: Store) -> Iterator[dict[str, Any]]:
    """PLOVER event records for every raw event in the store, in date order."""
    cur = store.con.execute(_SQL)
    cols = [d[0] for d in cur.description or ()]
    while batch := cur.fetchmany(1000):
        for values in batch:
            r = dict(zip(cols, values, strict=True))
            yield {
                "id": f"dyad-{r['article_id']}-{r['event_id']}",
                "has_event": True,
                "date": _iso(r["day"]),
                "actor": [_entity(x) for x in r["actors"] or []],
                "recipient": [_entity(x) for x in r["recipients"] or []],
                "event": [r["type"]],
                "event_text": [r["evidence_text"]],
                "quad_code": r["quad_class"],
                "event_scale": r["goldstein"],
                "mode": [r["mode"]] if r["mode"] else None,
                "context": list(r["context"]) or None,
                "link": r["cluster_id"],
                "text_info": {"start": r["evidence_start"], "end": r["evidence_end"]},
                "cite_info": {"citation": r["article_id"], "url": r["url"], "title": r["title"],
                              "language": r["language"], "publication": r["source"],
                              "coder": CODER, "codebook": CODEBOOK},
                "coder": CODER,
                "coded_date": _iso(r["ingested_at"].date()) if r["ingested_at"] else None,
                "status": r["status"],
                "cameo": r["cameo"],
                "confidence": r["confidence"],
                "trigger_text": r["trigger_text"],
                "date_text": r["date"],
                "date_precision": r["date_precision"],
                "reported_by": r["reported_by"],
                "article_id": r["article_id"],
                "event_id": r["event_id"],
            }


def write_plover(store: Store, out: IO[str]) -> int:
    """Write PLOVER JSON Lines to `out`; the number of records."""
    n = 0
    for record in plover_records(store):
        out.write(json.dumps(record, ensure_ascii=False) + "\n")
        n += 1
    return n
