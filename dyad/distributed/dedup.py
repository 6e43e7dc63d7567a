"""Cross-article event dedup for the Spark job: the store's clustering, as a Spark stage.

The definition is the store's (`dyad/store/migrations/002_cross_article.sql`, views
`event_dyads` → `event_cluster_members` → `event_clusters`): one dyad row per (event, actor,
recipient) with canonical actor ids from `dyad.store.derive.canonical_actor_id`; the event's
own day when its date starts with a valid YYYY-MM-DD, else the publication day; dyads with the
same type, actor and recipient whose days are at most one day apart (chained) form one
cluster, undated ones only within their article; the cluster id is the same md5, so a Spark
run and a store that imported it name the same clusters (tests check that they agree).

`event_dyads` runs on the executors beside the pipeline (Python, one Extraction at a time);
`CLUSTER_SQL` is Spark SQL over a view of those rows. Nothing here reads a Doc.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from typing import Any

from dyad.store.derive import canonical_actor_id
from dyad.types import Extraction

_URL_HOST = re.compile(r"^[a-zA-Z]+://([^/]+)")
_ISO_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")

# The dyad rows' columns with their DuckDB types (as the store's tables give theirs).
DYAD_COLUMNS: tuple[tuple[str, str], ...] = (
    ("article_id", "VARCHAR"), ("event_id", "VARCHAR"), ("type", "VARCHAR"),
    ("status", "VARCHAR"), ("mode", "VARCHAR"), ("cameo", "VARCHAR"), ("goldstein", "DOUBLE"),
    ("quad_class", "INTEGER"), ("confidence", "DOUBLE"), ("day", "DATE"),
    ("published_date", "DATE"), ("source_key", "VARCHAR"), ("url", "VARCHAR"),
    ("in_lead", "BOOLEAN"), ("evidence_text", "VARCHAR"), ("actor_id", "VARCHAR"),
    ("recipient_id", "VARCHAR"),
)


def iso_day(value: str | None) -> date | None:
    """The date a string starts with (YYYY-MM-DD, a valid day), else None."""
    head = (value or "")[:10]
    if _ISO_DAY.fullmatch(head):
        try:
            return date.fromisoformat(head)
        except ValueError:
            return None
    return None


def event_day(value: str | None, published: str | None) -> date | None:
    """The day an event is clustered on: its own ISO day if valid, else the publication day."""
    return iso_day(value) or iso_day(published)


def source_key(source: str | None, url: str | None, article_id: str) -> str:
    """What counts as one source for num_sources: the source name, else the URL host, else the article."""
    if source:
        return source
    m = _URL_HOST.match(url or "")
    return m.group(1) if m and m.group(1) else article_id


def event_dyads(ex: Extraction) -> Iterator[tuple[Any, ...]]:
    """Rows of DYAD_COLUMNS for every event of one article (one per actor × recipient)."""
    art = ex.article
    canon = {a.id: canonical_actor_id(a.id, a.name, a.kind, a.country, a.organization, a.wikidata)
             for a in ex.actors}
    newline = art.text.find("\n")
    lead_end = newline + 1 if newline >= 0 else len(art.text) + 1  # the store's 1-based strpos
    pub_day = iso_day(art.published)
    src = source_key(art.source, art.url, art.id)
    for e in ex.events:
        # An event without actor (or recipient) is one dyad with a null there, as in the store.
        actors: list[str | None] = [*sorted({canon.get(k, k) for k in e.actor})] or [None]
        recipients: list[str | None] = [*sorted({canon.get(k, k) for k in e.recipient})] or [None]
        day = event_day(e.date, art.published)
        for actor in actors:
            for recipient in recipients:
                yield (art.id, e.id, e.type, e.status, e.mode, e.cameo, e.goldstein, e.quad_class,
                       e.confidence, day, pub_day, src, art.url, e.evidence.start < lead_end,
                       e.evidence.text, actor, recipient)


# Over a view `event_dyads` of DYAD_COLUMNS rows. Same steps and names as the store's views.
MEMBERS_SQL = """
WITH keyed AS (
    SELECT *, day AS d,
           concat_ws('|', type, coalesce(actor_id, ''), coalesce(recipient_id, ''),
                     CASE WHEN day IS NULL THEN concat('undated:', article_id) ELSE '' END)
               AS cluster_key
    FROM event_dyads
), breaks AS (
    SELECT *, CASE WHEN row_number() OVER w = 1 THEN 1
                   WHEN d IS NULL THEN 0
                   WHEN datediff(d, lag(d) OVER w) > 1 THEN 1
                   ELSE 0 END AS is_start
    FROM keyed
    WINDOW w AS (PARTITION BY cluster_key ORDER BY d, article_id, event_id)
), numbered AS (
    SELECT *, sum(is_start) OVER (PARTITION BY cluster_key ORDER BY d, article_id, event_id
                                  ROWS UNBOUNDED PRECEDING) AS cluster_no
    FROM breaks
)
SELECT article_id, event_id, type, status, cameo, goldstein, quad_class, d AS day,
       published_date, source_key, url, in_lead, evidence_text, actor_id, recipient_id,
       cluster_key,
       md5(concat(cluster_key, '#', coalesce(CAST(min(d) OVER (PARTITION BY cluster_key, cluster_no)
                                                  AS STRING), ''))) AS cluster_id
FROM numbered
"""

# Over a view `event_cluster_members` (the result of MEMBERS_SQL).
CLUSTERS_SQL = """
SELECT cluster_id,
       CAST(conv(substr(cluster_id, 1, 15), 16, 10) AS BIGINT) AS global_event_id,
       any_value(type) AS type,
       any_value(actor_id) AS actor_id,
       any_value(recipient_id) AS recipient_id,
       min(day) AS first_day,
       max(day) AS last_day,
       count(*) AS num_mentions,
       count(DISTINCT article_id) AS num_articles,
       count(DISTINCT source_key) AS num_sources,
       mode(status, true) AS status,
       mode(cameo, true) AS cameo,
       mode(quad_class, true) AS quad_class,
       avg(goldstein) AS goldstein,
       bool_or(in_lead) AS is_root,
       current_timestamp() AS date_added,
       min_by(coalesce(url, article_id), struct(day, article_id, event_id)) AS source_url,
       min_by(evidence_text, struct(day, article_id, event_id)) AS evidence_text
FROM event_cluster_members
GROUP BY cluster_id
"""

__all__ = ["CLUSTERS_SQL", "DYAD_COLUMNS", "MEMBERS_SQL", "event_day", "event_dyads", "iso_day",
           "source_key"]
