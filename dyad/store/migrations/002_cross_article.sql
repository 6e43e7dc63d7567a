-- dyad store, schema version 2: cross-article views. Canonical actors (one id for the same
-- person or organisation in every article), event dyads and their clusters (GDELT-style
-- NumMentions / NumArticles / NumSources), and negotiations merged across articles.
-- The derived columns are filled by the Python backfill `dyad.store.derive.derive_missing`.

ALTER TABLE actors ADD COLUMN canonical_id VARCHAR;
ALTER TABLE negotiation_members ADD COLUMN canonical_id VARCHAR;
ALTER TABLE negotiations ADD COLUMN negotiation_key VARCHAR;

-- One row per actor or recipient of an event, in order, with its canonical id.
CREATE TABLE event_actors (
    article_id   VARCHAR NOT NULL,
    event_id     VARCHAR NOT NULL,
    role         VARCHAR NOT NULL,      -- actor | recipient
    position     INTEGER NOT NULL,
    actor_id     VARCHAR NOT NULL,      -- article-local key
    canonical_id VARCHAR NOT NULL
);

CREATE VIEW canonical_actors AS
WITH mention_counts AS (
    SELECT article_id, actor_id, count(*) AS n FROM mentions GROUP BY article_id, actor_id
)
SELECT a.canonical_id AS id,
       mode(a.name) AS name,
       mode(a.kind) AS kind,
       mode(a.country) AS country,
       mode(a.organization) AS organization,
       mode(a.sector) AS sector,
       mode(a.role) AS role,
       mode(a.cameo) AS cameo,
       max(a.wikidata) AS wikidata,
       count(DISTINCT a.article_id) AS num_articles,
       coalesce(sum(mc.n), 0)::BIGINT AS num_mentions
FROM actors a LEFT JOIN mention_counts mc USING (article_id, actor_id)
GROUP BY a.canonical_id;

-- Events with the day used for dating and dedup: the event's own day when it has one,
-- else the publication day.
CREATE VIEW events_dated AS
SELECT e.*,
       CASE WHEN regexp_full_match(substr(e.date, 1, 10), '[0-9]{4}-[0-9]{2}-[0-9]{2}')
            THEN coalesce(try_cast(substr(e.date, 1, 10) AS DATE), a.published_date)
            ELSE a.published_date END AS day,
       a.published_date, a.source, a.url, a.ingested_at,
       e.evidence_start < coalesce(nullif(strpos(a.text, chr(10)), 0), length(a.text) + 1) AS in_lead
FROM events e JOIN articles a ON a.id = e.article_id;

-- One row per (event, actor, recipient) pair, canonical ids: the unit GDELT counts.
CREATE VIEW event_dyads AS
SELECT e.article_id, e.event_id, e.type, e.status, e.mode, e.cameo, e.goldstein, e.quad_class,
       e.confidence, e.day, e.published_date, e.source, e.url, e.ingested_at, e.in_lead,
       e.evidence_text, act.canonical_id AS actor_id, rec.canonical_id AS recipient_id
FROM events_dated e
LEFT JOIN (SELECT DISTINCT article_id, event_id, canonical_id FROM event_actors
           WHERE role = 'actor') act
       ON act.article_id = e.article_id AND act.event_id = e.event_id
LEFT JOIN (SELECT DISTINCT article_id, event_id, canonical_id FROM event_actors
           WHERE role = 'recipient') rec
       ON rec.article_id = e.article_id AND rec.event_id = e.event_id;

-- Dyads with the same type, actor and recipient whose days are at most one day apart
-- (chained) form one cluster; undated dyads cluster only within their article.
CREATE VIEW event_cluster_members AS
WITH keyed AS (
    SELECT *, concat_ws('|', type, coalesce(actor_id, ''), coalesce(recipient_id, ''),
                        CASE WHEN day IS NULL THEN 'undated:' || article_id ELSE '' END)
              AS cluster_key
    FROM event_dyads
), breaks AS (
    SELECT *, CASE WHEN row_number() OVER w = 1 THEN 1
                   WHEN day IS NULL THEN 0
                   WHEN day - lag(day) OVER w > 1 THEN 1
                   ELSE 0 END AS is_start
    FROM keyed
    WINDOW w AS (PARTITION BY cluster_key ORDER BY day, article_id, event_id)
), numbered AS (
    SELECT *, sum(is_start) OVER (PARTITION BY cluster_key ORDER BY day, article_id, event_id
                                  ROWS UNBOUNDED PRECEDING) AS cluster_no
    FROM breaks
)
SELECT * EXCLUDE (is_start, cluster_no),
       md5(cluster_key || '#' || coalesce(CAST(min(day) OVER (PARTITION BY cluster_key, cluster_no)
                                               AS VARCHAR), '')) AS cluster_id
FROM numbered;

CREATE VIEW event_clusters AS
SELECT cluster_id,
       CAST('0x' || substr(cluster_id, 1, 15) AS BIGINT) AS global_event_id,
       any_value(type) AS type,
       any_value(actor_id) AS actor_id,
       any_value(recipient_id) AS recipient_id,
       min(day) AS first_day,
       max(day) AS last_day,
       count(*) AS num_mentions,
       count(DISTINCT article_id) AS num_articles,
       count(DISTINCT coalesce(source, nullif(regexp_extract(url, '^[a-zA-Z]+://([^/]+)', 1), ''),
                               article_id)) AS num_sources,
       mode(status) AS status,
       mode(cameo) AS cameo,
       mode(quad_class) AS quad_class,
       avg(goldstein) AS goldstein,
       bool_or(in_lead) AS is_root,
       min(ingested_at) AS date_added,
       arg_min(coalesce(url, article_id), day) AS source_url,
       arg_min(evidence_text, day) AS evidence_text
FROM event_cluster_members
GROUP BY cluster_id;

-- Negotiation membership with the day it was reported (the negotiation's first date when it
-- has a day, else the article's publication day).
CREATE VIEW negotiation_roles AS
SELECT n.negotiation_key, n.topic, m.canonical_id AS actor_id, m.role, n.article_id,
       coalesce(try_cast(substr(n.first_date, 1, 10) AS DATE), a.published_date) AS day
FROM negotiation_members m
JOIN negotiations n USING (article_id, negotiation_id)
JOIN articles a ON a.id = n.article_id;

CREATE VIEW merged_negotiations AS
SELECT n.negotiation_key,
       mode(n.topic) AS topic,
       min(coalesce(try_cast(substr(n.first_date, 1, 10) AS DATE), a.published_date)) AS first_seen,
       max(coalesce(try_cast(substr(n.last_date, 1, 10) AS DATE),
                    try_cast(substr(n.first_date, 1, 10) AS DATE), a.published_date)) AS last_seen,
       count(DISTINCT n.article_id) AS num_articles
FROM negotiations n JOIN articles a ON a.id = n.article_id
GROUP BY n.negotiation_key;

CREATE VIEW negotiation_table AS
SELECT r.negotiation_key, mn.topic, r.role, r.actor_id, ca.name AS actor_name,
       min(r.day) AS first_seen, max(r.day) AS last_seen,
       count(DISTINCT r.article_id) AS num_articles
FROM negotiation_roles r
JOIN merged_negotiations mn USING (negotiation_key)
LEFT JOIN canonical_actors ca ON ca.id = r.actor_id
GROUP BY r.negotiation_key, mn.topic, r.role, r.actor_id, ca.name;
