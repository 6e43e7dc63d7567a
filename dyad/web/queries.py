"""Read queries the web app needs beyond `dyad.store.queries`: one article with all its records,
one canonical actor with its events and quotes, article and quote search, negotiation evidence,
and limit/offset pagination over any query.

Every value that comes from a request is passed as a query parameter; no request value is ever
formatted into SQL. Nothing here writes, and nothing here knows about HTTP or HTML.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from dyad.store.queries import page_sql
from dyad.store.store import QueryResult, Store

MAX_LIMIT = 500  # rows per page
MAX_OFFSET = 100_000  # deepest page a request may ask for


@dataclass(frozen=True)
class Page:
    """One page of rows: `items[0]` is row `offset` of the full result."""

    items: list[dict[str, Any]]
    limit: int
    offset: int
    has_more: bool

    def as_json(self) -> dict[str, Any]:
        return {"items": self.items, "limit": self.limit, "offset": self.offset,
                "next_offset": self.offset + self.limit if self.has_more else None}


def paginate(run: Callable[[int, int], QueryResult], limit: int, offset: int) -> Page:
    """Page `offset .. offset+limit` of a query (`run(n, skip)` → n rows after the first skip).

    One row past the page is read to tell whether there is a next page.
    """
    rows = run(limit + 1, offset).records()
    return Page(rows[:limit], limit, offset, len(rows) > limit)


def _where(conditions: list[str]) -> str:
    return " AND ".join(conditions) if conditions else "TRUE"


def _contains(columns: str, needle: str, params: list[Any]) -> str:
    """Case-insensitive substring match (no LIKE wildcards: `%` and `_` match themselves)."""
    params.append(needle.lower())
    return f"strpos(lower({columns}), ?) > 0"


def articles(store: Store, *, q: str | None = None, since: str | None = None,
             until: str | None = None, limit: int | None = None,
             offset: int = 0) -> QueryResult:
    """Articles, newest first, with record counts and the start of their text."""
    params: list[Any] = []
    where: list[str] = []
    if q:
        where.append(_contains("coalesce(a.title, '') || ' ' || a.text", q, params))
    if since:
        where.append("a.published_date >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append("a.published_date <= CAST(? AS DATE)")
        params.append(until)
    sql = f"""
        SELECT a.id, a.title, a.published_date AS published, a.source, a.url,
               length(a.text) AS num_chars,
               (SELECT count(*) FROM events e WHERE e.article_id = a.id) AS num_events,
               (SELECT count(*) FROM quotes q WHERE q.article_id = a.id) AS num_quotes,
               substr(a.text, 1, 240) AS lead
        FROM articles a
        WHERE {_where(where)}
        ORDER BY a.published_date DESC NULLS LAST, a.id"""
    return store.query(page_sql(sql, params, limit, offset), params)


def article(store: Store, article_id: str) -> dict[str, Any] | None:
    """One article with its actors, mentions, events, quotes, dates and negotiations; None if unknown."""
    head = store.query(
        """SELECT id, title, published, published_date, source, url, language, dateline_place,
                  dateline_source, origin, text
           FROM articles WHERE id = ?""", [article_id]).records()
    if not head:
        return None
    p = [article_id]
    members = store.query(
        """SELECT negotiation_id, role, actor_id, canonical_id FROM negotiation_members
           WHERE article_id = ? ORDER BY negotiation_id, role, actor_id""", p).records()
    evidence = store.query(
        """SELECT negotiation_id, text, start_char, end_char FROM negotiation_evidence
           WHERE article_id = ? ORDER BY negotiation_id, start_char""", p).records()
    negotiations = store.query(
        """SELECT negotiation_id, topic, first_date, last_date, negotiation_key FROM negotiations
           WHERE article_id = ? ORDER BY first_date NULLS LAST, negotiation_id""", p).records()
    for n in negotiations:
        nid = n["negotiation_id"]
        for role in ("participant", "seeking_seat", "excluded"):
            n[role] = [m["actor_id"] for m in members
                       if m["negotiation_id"] == nid and m["role"] == role]
        n["evidence"] = [{k: e[k] for k in ("text", "start_char", "end_char")}
                         for e in evidence if e["negotiation_id"] == nid]
    return {
        "article": head[0],
        "actors": store.query(
            """SELECT a.actor_id, a.name, a.kind, a.country, a.organization, a.sector, a.role,
                      a.cameo, a.wikidata, a.canonical_id,
                      (SELECT count(*) FROM mentions m WHERE m.article_id = a.article_id
                              AND m.actor_id = a.actor_id) AS num_mentions
               FROM actors a WHERE a.article_id = ?
               ORDER BY num_mentions DESC, a.name""", p).records(),
        "mentions": store.query(
            """SELECT actor_id, start_char, end_char, text FROM mentions WHERE article_id = ?
               ORDER BY start_char, end_char""", p).records(),
        "events": store.query(
            """SELECT event_id, type, status, mode, actor, recipient, date, date_precision,
                      cameo, goldstein, quad_class, confidence, quote_id, reported_by,
                      evidence_text, evidence_start, evidence_end,
                      trigger_text, trigger_start, trigger_end
               FROM events WHERE article_id = ?
               ORDER BY evidence_start, trigger_start, event_id""", p).records(),
        "quotes": store.query(
            """SELECT quote_id, text, start_char, end_char, kind, speaker, speaker_text,
                      speaker_start, speaker_end, cue_text, cue_start, cue_end, channel, date
               FROM quotes WHERE article_id = ? ORDER BY start_char, quote_id""", p).records(),
        "dates": store.query(
            """SELECT date_id, text, start_char, end_char, type, value, precision FROM dates
               WHERE article_id = ? ORDER BY start_char, date_id""", p).records(),
        "negotiations": negotiations,
    }


def actor(store: Store, actor_id: str) -> dict[str, Any] | None:
    """One canonical actor (exact id), the names it goes by and its negotiation roles."""
    rows = store.query(
        """SELECT id, name, kind, country, organization, sector, role, cameo, wikidata,
                  num_articles, num_mentions
           FROM canonical_actors WHERE id = ?""", [actor_id]).records()
    if not rows:
        return None
    found = rows[0]
    found["names"] = [r[0] for r in store.query(
        """SELECT m.text, count(*) AS n FROM mentions m
           JOIN actors a ON a.article_id = m.article_id AND a.actor_id = m.actor_id
           WHERE a.canonical_id = ? GROUP BY m.text ORDER BY n DESC, m.text""",
        [actor_id]).rows]
    found["negotiations"] = store.query(
        """SELECT negotiation_key, topic, role, first_seen, last_seen, num_articles
           FROM negotiation_table WHERE actor_id = ?
           ORDER BY first_seen, negotiation_key,
                    list_position(['participant', 'seeking_seat', 'excluded'], role)""",
        [actor_id]).records()
    return found


_ROLE_NAMES = """
    SELECT ea.article_id, ea.event_id, ea.role,
           list(ea.canonical_id ORDER BY ea.position) AS ids,
           string_agg(coalesce(ca.name, ea.canonical_id), ', ' ORDER BY ea.position) AS names
    FROM event_actors ea LEFT JOIN canonical_actors ca ON ca.id = ea.canonical_id
    GROUP BY ea.article_id, ea.event_id, ea.role"""


def actor_events(store: Store, actor_id: str, *, limit: int | None = None,
                 offset: int = 0) -> QueryResult:
    """Events in which the canonical actor `actor_id` is an actor or a recipient, by date.

    `role` says which; an actor that is both (rare: "A and B met each other") gets two rows.
    """
    params: list[Any] = [actor_id]
    sql = f"""
        WITH names AS ({_ROLE_NAMES}),
        roles AS (SELECT DISTINCT article_id, event_id, role FROM event_actors
                  WHERE canonical_id = ?)
        SELECT r.role, e.day, e.type, e.status, e.quad_class, e.cameo,
               a.names AS actor, a.ids AS actor_ids, rc.names AS recipient,
               rc.ids AS recipient_ids, e.evidence_text AS evidence,
               e.article_id, e.event_id
        FROM roles r
        JOIN events_dated e ON e.article_id = r.article_id AND e.event_id = r.event_id
        LEFT JOIN names a ON a.article_id = e.article_id AND a.event_id = e.event_id
                         AND a.role = 'actor'
        LEFT JOIN names rc ON rc.article_id = e.article_id AND rc.event_id = e.event_id
                          AND rc.role = 'recipient'
        ORDER BY e.day NULLS LAST, e.article_id, e.evidence_start, e.event_id, r.role"""
    return store.query(page_sql(sql, params, limit, offset), params)


def actor_quotes(store: Store, actor_id: str, *, limit: int | None = None,
                 offset: int = 0) -> QueryResult:
    """Quotes whose speaker is the canonical actor `actor_id`, by date."""
    params: list[Any] = [actor_id]
    sql = """
        SELECT q.article_id, q.quote_id,
               coalesce(try_cast(substr(q.date, 1, 10) AS DATE), a.published_date) AS day,
               q.kind, q.text
        FROM quotes q JOIN articles a ON a.id = q.article_id
        JOIN actors ac ON ac.article_id = q.article_id AND ac.actor_id = q.speaker
        WHERE ac.canonical_id = ?
        ORDER BY day NULLS LAST, q.article_id, q.start_char"""
    return store.query(page_sql(sql, params, limit, offset), params)


def search_actors(store: Store, q: str, *, limit: int) -> QueryResult:
    """Canonical actors whose id, name, CAMEO code or any mention text contains `q`."""
    params: list[Any] = []
    direct = _contains("ca.id || ' ' || ca.name || ' ' || coalesce(ca.cameo, '')", q, params)
    mention = _contains("m.text", q, params)
    params.append(int(limit))
    return store.query(f"""
        SELECT ca.id, ca.name, ca.kind, ca.country, ca.organization, ca.role,
               ca.num_articles, ca.num_mentions
        FROM canonical_actors ca
        WHERE {direct} OR ca.id IN (
            SELECT a.canonical_id FROM mentions m
            JOIN actors a ON a.article_id = m.article_id AND a.actor_id = m.actor_id
            WHERE {mention})
        ORDER BY ca.num_articles DESC, ca.num_mentions DESC, ca.id
        LIMIT ?""", params)


def search_quotes(store: Store, q: str, *, limit: int) -> QueryResult:
    """Quotes whose text or speaker contains `q`, with the speaker's canonical name."""
    params: list[Any] = []
    cond = _contains("q.text || ' ' || coalesce(ca.name, q.speaker_text, q.speaker, '')", q,
                     params)
    params.append(int(limit))
    return store.query(f"""
        SELECT q.article_id, q.quote_id, q.kind, q.text, ac.canonical_id AS speaker_id,
               coalesce(ca.name, q.speaker_text, q.speaker) AS speaker,
               coalesce(try_cast(substr(q.date, 1, 10) AS DATE), a.published_date) AS day
        FROM quotes q JOIN articles a ON a.id = q.article_id
        LEFT JOIN actors ac ON ac.article_id = q.article_id AND ac.actor_id = q.speaker
        LEFT JOIN canonical_actors ca ON ca.id = ac.canonical_id
        WHERE {cond}
        ORDER BY day NULLS LAST, q.article_id, q.start_char
        LIMIT ?""", params)


def actors_by_id(store: Store, ids: list[str]) -> dict[str, dict[str, Any]]:
    """Canonical actors by id (ids that are not canonical actors are left out)."""
    if not ids:
        return {}
    rows = store.query("""SELECT id, name, kind, country, organization, sector, role, cameo
                          FROM canonical_actors WHERE id IN (SELECT unnest(?))""", [ids])
    return {r["id"]: r for r in rows.records()}


def negotiation_evidence(store: Store) -> QueryResult:
    """Every piece of negotiation evidence with its negotiation key, article and day."""
    return store.query("""
        SELECT n.negotiation_key, n.article_id, n.negotiation_id, a.title,
               coalesce(try_cast(substr(n.first_date, 1, 10) AS DATE), a.published_date)
                   AS day,
               e.text, e.start_char, e.end_char
        FROM negotiation_evidence e
        JOIN negotiations n ON n.article_id = e.article_id
                           AND n.negotiation_id = e.negotiation_id
        JOIN articles a ON a.id = n.article_id
        ORDER BY n.negotiation_key, day NULLS LAST, n.article_id, e.start_char""")
