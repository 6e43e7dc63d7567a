"""Read queries over a store: events, clusters, quotes, actors, timelines, dyads, negotiations.

Each function takes an open `Store` and filters and returns a `QueryResult`; none writes.
An actor filter matches a canonical id, an article-local key, a CAMEO code, a country or
organisation code (so `RUS` finds Putin and the Kremlin too) or a whole word of the name
(`Kuleba`). `sql` runs a user's query after `check_readonly_sql`.
"""

from __future__ import annotations

import re
from typing import Any

from dyad.store.readonly import check_readonly_sql
from dyad.store.store import QueryResult, Store

QUAD_CLASSES = {1: "verbal_coop", 2: "material_coop", 3: "verbal_conflict", 4: "material_conflict"}
ROLE_ORDER = ("participant", "seeking_seat", "excluded")


def _actor_match(column: str, value: str, params: list[Any]) -> str:
    """SQL condition: canonical id `column` belongs to an actor matching `value`."""
    params.extend([value] * 5 + [rf"(?i)\b{re.escape(value)}\b", value])
    return f"""{column} IN (
        SELECT id FROM canonical_actors
        WHERE lower(id) = lower(?) OR upper(cameo) = upper(?) OR upper(country) = upper(?)
           OR upper(organization) = upper(?) OR lower(name) = lower(?)
           OR regexp_matches(name, ?)
        UNION SELECT canonical_id FROM actors WHERE lower(actor_id) = lower(?))"""


_NAMES = """
    SELECT ea.article_id, ea.event_id, ea.role,
           string_agg(coalesce(ca.name, ea.canonical_id), ', ' ORDER BY ea.position) AS names
    FROM event_actors ea LEFT JOIN canonical_actors ca ON ca.id = ea.canonical_id
    GROUP BY ea.article_id, ea.event_id, ea.role"""


def _named_events(columns: str, where: list[str], order: str) -> str:
    """A SELECT over the dated events with `a.names` (actors) and `r.names` (recipients)."""
    return f"""
        WITH names AS ({_NAMES})
        SELECT {columns}
        FROM events_dated e
        LEFT JOIN names a ON a.article_id = e.article_id AND a.event_id = e.event_id
                         AND a.role = 'actor'
        LEFT JOIN names r ON r.article_id = e.article_id AND r.event_id = e.event_id
                         AND r.role = 'recipient'
        WHERE {' AND '.join(where)}
        ORDER BY {order}"""


def _event_actor(value: str, params: list[Any], role: str | None = None) -> str:
    """SQL condition: event `e` has an actor matching `value` (in `role`, if given)."""
    cond = _actor_match("x.canonical_id", value, params)
    in_role = f" AND x.role = '{role}'" if role else ""
    return (f"EXISTS (SELECT 1 FROM event_actors x WHERE x.article_id = e.article_id"
            f" AND x.event_id = e.event_id{in_role} AND {cond})")


def page_sql(sql: str, params: list[Any], limit: int | None, offset: int = 0) -> str:
    """`sql` cut to rows `offset .. offset+limit` (all rows from `offset` when `limit` is None).

    The query must have a total ORDER BY, or a page could repeat or skip rows.
    """
    if limit is not None:
        params.append(int(limit))
        sql += " LIMIT ?"
    if offset:
        params.append(int(offset))
        sql += " OFFSET ?"
    return sql


def events(store: Store, *, actor: str | None = None, recipient: str | None = None,
           type: str | None = None, status: str | None = None, since: str | None = None,
           until: str | None = None, limit: int | None = None, offset: int = 0) -> QueryResult:
    """Raw events (one per article mention), filtered, in date order."""
    params: list[Any] = []
    where = ["TRUE"]
    for role, value in (("actor", actor), ("recipient", recipient)):
        if value:
            where.append(_event_actor(value, params, role))
    where += _common_filters("e.type", "e.status", "e.day", "e.day", type, status, since, until,
                             params)
    sql = _named_events("e.article_id, e.event_id, e.day, e.type, e.status, a.names AS actor, "
                        "r.names AS recipient, e.cameo, e.quad_class, e.evidence_text AS evidence",
                        where, "e.day NULLS LAST, e.article_id, e.evidence_start, e.event_id")
    return store.query(page_sql(sql, params, limit, offset), params)


def clusters(store: Store, *, actor: str | None = None, recipient: str | None = None,
             type: str | None = None, status: str | None = None, since: str | None = None,
             until: str | None = None, limit: int | None = None, offset: int = 0) -> QueryResult:
    """Event clusters across articles (GDELT-style counts), filtered, in date order."""
    params: list[Any] = []
    where = ["TRUE"]
    if actor:
        where.append(_actor_match("c.actor_id", actor, params))
    if recipient:
        where.append(_actor_match("c.recipient_id", recipient, params))
    where += _common_filters("c.type", "c.status", "c.last_day", "c.first_day", type, status,
                             since, until, params)
    sql = f"""
        SELECT c.global_event_id, c.first_day, c.last_day, c.type,
               coalesce(ca.name, c.actor_id) AS actor,
               coalesce(cr.name, c.recipient_id) AS recipient,
               c.num_mentions, c.num_articles, c.num_sources, c.quad_class,
               c.evidence_text AS evidence
        FROM event_clusters c
        LEFT JOIN canonical_actors ca ON ca.id = c.actor_id
        LEFT JOIN canonical_actors cr ON cr.id = c.recipient_id
        WHERE {' AND '.join(where)}
        ORDER BY c.first_day NULLS LAST, c.num_mentions DESC, c.global_event_id"""
    return store.query(page_sql(sql, params, limit, offset), params)


def _common_filters(type_col: str, status_col: str, since_col: str, until_col: str,
                    type: str | None, status: str | None, since: str | None, until: str | None,
                    params: list[Any]) -> list[str]:
    where = []
    if type:
        where.append(f"upper({type_col}) = upper(?)")
        params.append(type)
    if status:
        where.append(f"lower({status_col}) = lower(?)")
        params.append(status)
    if since:
        where.append(f"{since_col} >= CAST(? AS DATE)")
        params.append(since)
    if until:
        where.append(f"{until_col} <= CAST(? AS DATE)")
        params.append(until)
    return where


def quotes(store: Store, *, speaker: str | None = None, since: str | None = None,
           until: str | None = None, limit: int | None = None, offset: int = 0) -> QueryResult:
    """Quotes with their canonical speaker, filtered by speaker and date."""
    params: list[Any] = []
    where = ["TRUE"]
    if speaker:
        where.append(_actor_match("canonical_id", speaker, params))
    where += _common_filters("", "", "day", "day", None, None, since, until, params)
    sql = f"""
        SELECT article_id, quote_id, day, speaker, kind, text FROM (
            SELECT q.article_id, q.quote_id, q.start_char, q.kind, q.text, ac.canonical_id,
                   coalesce(try_cast(substr(q.date, 1, 10) AS DATE), a.published_date) AS day,
                   coalesce(ca.name, q.speaker_text, q.speaker) AS speaker
            FROM quotes q JOIN articles a ON a.id = q.article_id
            LEFT JOIN actors ac ON ac.article_id = q.article_id AND ac.actor_id = q.speaker
            LEFT JOIN canonical_actors ca ON ca.id = ac.canonical_id
        )
        WHERE {' AND '.join(where)}
        ORDER BY day NULLS LAST, article_id, start_char"""
    return store.query(page_sql(sql, params, limit, offset), params)


def actors(store: Store, *, name: str | None = None, kind: str | None = None,
           limit: int | None = None, offset: int = 0) -> QueryResult:
    """Canonical actors across articles, most widely reported first."""
    params: list[Any] = []
    where = ["TRUE"]
    if name:
        where.append(_actor_match("id", name, params))
    if kind:
        where.append("kind = ?")
        params.append(kind)
    sql = f"""
        SELECT id, name, kind, country, organization, sector, role, cameo, wikidata,
               num_articles, num_mentions
        FROM canonical_actors WHERE {' AND '.join(where)}
        ORDER BY num_articles DESC, num_mentions DESC, id"""
    return store.query(page_sql(sql, params, limit, offset), params)


def timeline(store: Store, actor: str, *, since: str | None = None, until: str | None = None,
             limit: int | None = None, offset: int = 0) -> QueryResult:
    """Everything an actor did or had done to it, in date order."""
    params: list[Any] = []
    where = [_event_actor(actor, params)]
    where += _common_filters("e.type", "e.status", "e.day", "e.day", None, None, since, until,
                             params)
    sql = _named_events("e.day, e.type, e.status, a.names AS actor, r.names AS recipient, "
                        "e.evidence_text AS evidence, e.article_id, e.event_id",
                        where, "e.day NULLS LAST, e.article_id, e.evidence_start, e.event_id")
    return store.query(page_sql(sql, params, limit, offset), params)


def dyads(store: Store, *, type: str | None = None, since: str | None = None,
          until: str | None = None, limit: int | None = None, offset: int = 0) -> QueryResult:
    """Actor → recipient event counts by quad class (1 verbal coop ... 4 material conflict)."""
    params: list[Any] = []
    where = ["d.actor_id IS NOT NULL", "d.recipient_id IS NOT NULL"]
    where += _common_filters("d.type", "d.status", "d.day", "d.day", type, None, since, until,
                             params)
    counts = ", ".join(f"count(*) FILTER (WHERE d.quad_class = {q}) AS {name}"
                       for q, name in QUAD_CLASSES.items())
    sql = f"""
        SELECT d.actor_id, coalesce(ca.name, d.actor_id) AS actor,
               d.recipient_id, coalesce(cr.name, d.recipient_id) AS recipient,
               {counts}, count(*) AS total
        FROM event_dyads d
        LEFT JOIN canonical_actors ca ON ca.id = d.actor_id
        LEFT JOIN canonical_actors cr ON cr.id = d.recipient_id
        WHERE {' AND '.join(where)}
        GROUP BY d.actor_id, ca.name, d.recipient_id, cr.name
        ORDER BY total DESC, d.actor_id, d.recipient_id"""
    return store.query(page_sql(sql, params, limit, offset), params)


def _topic_match(column: str, topic: str | None, params: list[Any]) -> str:
    if not topic:
        return "TRUE"
    params.append(rf"(?i)\b{re.escape(topic)}\b")
    return f"regexp_matches({column}, ?)"


def negotiation_table(store: Store, *, topic: str | None = None) -> QueryResult:
    """Per negotiation and role, the actors with the days they were reported in that role."""
    params: list[Any] = []
    where = _topic_match("t.topic", topic, params)
    sql = f"""
        SELECT t.negotiation_key, t.topic, t.role, t.actor_id, t.actor_name,
               t.first_seen, t.last_seen, t.num_articles
        FROM negotiation_table t JOIN merged_negotiations m USING (negotiation_key)
        WHERE {where}
        ORDER BY m.first_seen, t.negotiation_key,
                 list_position(['participant', 'seeking_seat', 'excluded'], t.role),
                 t.first_seen, t.actor_id"""
    return store.query(sql, params)


def negotiation_timeline(store: Store, *, topic: str | None = None) -> QueryResult:
    """Per negotiation, day and role: the actors reported in that role that day."""
    params: list[Any] = []
    where = _topic_match("m.topic", topic, params)
    sql = f"""
        SELECT r.negotiation_key, m.topic, r.day, r.role,
               string_agg(DISTINCT r.actor_id, ', ' ORDER BY r.actor_id) AS actors,
               count(DISTINCT r.article_id) AS num_articles
        FROM negotiation_roles r JOIN merged_negotiations m USING (negotiation_key)
        WHERE {where}
        GROUP BY r.negotiation_key, m.topic, r.day, r.role, m.first_seen
        ORDER BY m.first_seen, r.negotiation_key, r.day NULLS LAST,
                 list_position(['participant', 'seeking_seat', 'excluded'], r.role)"""
    return store.query(sql, params)


def sql(store: Store, query: str, *, limit: int | None = None, offset: int = 0) -> QueryResult:
    """A user's read-only SELECT (refused with ReadOnlyError otherwise), rows `offset ..
    offset+limit` of its result (cut after the query ran: its own ORDER BY decides the order).
    """
    from dyad.errors import ReadOnlyError, StoreError

    statement = check_readonly_sql(query)
    try:
        result = store.query(statement)
    except StoreError as err:
        if "Permission Error" in str(err) or "read-only mode" in str(err):
            raise ReadOnlyError(f"refused: {err}") from None
        raise
    end = None if limit is None else offset + limit
    return QueryResult(result.columns, result.rows[offset:end])
