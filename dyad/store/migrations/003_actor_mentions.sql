-- dyad store, schema version 3: every mention of an actor with its canonical id, so "all
-- mentions of Dmitry Kuleba across articles" is one query.

CREATE VIEW actor_mentions AS
SELECT a.canonical_id, a.name AS actor_name, m.article_id, m.actor_id, m.start_char,
       m.end_char, m.text, ar.published_date
FROM mentions m
JOIN actors a ON a.article_id = m.article_id AND a.actor_id = m.actor_id
JOIN articles ar ON ar.id = m.article_id;
