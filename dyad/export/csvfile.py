"""CSV of the raw events, one row per event, flattened for spreadsheets and pandas.

Actor and recipient lists become ';'-joined canonical ids and names. Reads the store only.
"""

from __future__ import annotations

import csv
from typing import IO

from dyad.store.store import Store

_SQL = """
WITH ents AS (
    SELECT ea.article_id, ea.event_id, ea.role,
           string_agg(ea.canonical_id, ';' ORDER BY ea.position) AS ids,
           string_agg(coalesce(ca.name, ea.canonical_id), ';' ORDER BY ea.position) AS names
    FROM event_actors ea LEFT JOIN canonical_actors ca ON ca.id = ea.canonical_id
    GROUP BY ea.article_id, ea.event_id, ea.role
)
SELECT e.article_id, e.event_id, e.day, e.type, e.status, e.mode,
       array_to_string(e.context, ';') AS context,
       ac.ids AS actor_ids, ac.names AS actor_names, rc.ids AS recipient_ids,
       rc.names AS recipient_names, e.cameo, e.quad_class, e.goldstein, e.confidence,
       e.date, e.date_precision, e.reported_by, e.quote_id,
       e.evidence_text, e.evidence_start, e.evidence_end,
       e.trigger_text, e.trigger_start, e.trigger_end,
       e.published_date, e.source, e.url
FROM events_dated e
LEFT JOIN ents ac ON ac.article_id = e.article_id AND ac.event_id = e.event_id
                 AND ac.role = 'actor'
LEFT JOIN ents rc ON rc.article_id = e.article_id AND rc.event_id = e.event_id
                 AND rc.role = 'recipient'
ORDER BY e.day NULLS LAST, e.article_id, e.evidence_start, e.event_id
"""


def write_csv(store: Store, out: IO[str]) -> int:
    """Write the events as CSV with a header row to `out`; the number of events."""
    cur = store.con.execute(_SQL)
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([d[0] for d in cur.description or ()])
    n = 0
    while batch := cur.fetchmany(1000):
        writer.writerows(["" if v is None else v for v in row] for row in batch)
        n += len(batch)
    return n
