-- dyad store, schema version 4: the cross-article views give the same answer on every read.
-- `mode` and `arg_min` broke ties by scan order, which DuckDB does not fix, so an actor
-- named two ways equally often could change its name between two queries. Ties now go to
-- the smallest value (`mode`) and to the earliest (day, article, event) for the evidence,
-- as the Spark job's `dyad.distributed.dedup.CLUSTERS_SQL` does.

CREATE OR REPLACE VIEW canonical_actors AS
WITH mention_counts AS (
    SELECT article_id, actor_id, count(*) AS n FROM mentions GROUP BY article_id, actor_id
)
SELECT a.canonical_id AS id,
       mode(a.name ORDER BY a.name) AS name,
       mode(a.kind ORDER BY a.kind) AS kind,
       mode(a.country ORDER BY a.country) AS country,
       mode(a.organization ORDER BY a.organization) AS organization,
       mode(a.sector ORDER BY a.sector) AS sector,
       mode(a.role ORDER BY a.role) AS role,
       mode(a.cameo ORDER BY a.cameo) AS cameo,
       max(a.wikidata) AS wikidata,
       count(DISTINCT a.article_id) AS num_articles,
       coalesce(sum(mc.n), 0)::BIGINT AS num_mentions
FROM actors a LEFT JOIN mention_counts mc USING (article_id, actor_id)
GROUP BY a.canonical_id;

CREATE OR REPLACE VIEW event_clusters AS
SELECT cluster_id,
       CAST('0x' || substr(cluster_id, 1, 15) AS BIGINT) AS global_event_id,
       any_value(type) AS type,             -- type, actor and recipient make the cluster key
       any_value(actor_id) AS actor_id,
       any_value(recipient_id) AS recipient_id,
       min(day) AS first_day,
       max(day) AS last_day,
       count(*) AS num_mentions,
       count(DISTINCT article_id) AS num_articles,
       count(DISTINCT coalesce(source, nullif(regexp_extract(url, '^[a-zA-Z]+://([^/]+)', 1), ''),
                               article_id)) AS num_sources,
       mode(status ORDER BY status) AS status,
       mode(cameo ORDER BY cameo) AS cameo,
       mode(quad_class ORDER BY quad_class) AS quad_class,
       avg(goldstein) AS goldstein,
       bool_or(in_lead) AS is_root,
       min(ingested_at) AS date_added,
       arg_min(coalesce(url, article_id), (day, article_id, event_id)) AS source_url,
       arg_min(evidence_text, (day, article_id, event_id)) AS evidence_text
FROM event_cluster_members
GROUP BY cluster_id;

CREATE OR REPLACE VIEW merged_negotiations AS
SELECT n.negotiation_key,
       mode(n.topic ORDER BY n.topic) AS topic,
       min(coalesce(try_cast(substr(n.first_date, 1, 10) AS DATE), a.published_date)) AS first_seen,
       max(coalesce(try_cast(substr(n.last_date, 1, 10) AS DATE),
                    try_cast(substr(n.first_date, 1, 10) AS DATE), a.published_date)) AS last_seen,
       count(DISTINCT n.article_id) AS num_articles
FROM negotiations n JOIN articles a ON a.id = n.article_id
GROUP BY n.negotiation_key;
