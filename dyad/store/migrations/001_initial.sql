-- dyad store, schema version 1: one row set per article, keyed by (article_id, local id).
-- Offsets are character offsets into articles.text.

CREATE TABLE articles (
    id              VARCHAR PRIMARY KEY,
    text_hash       VARCHAR NOT NULL,   -- sha256 of text: same id + same hash = nothing to do
    text            VARCHAR NOT NULL,
    published       VARCHAR,            -- ISO date or datetime as read
    published_date  DATE,
    title           VARCHAR,
    url             VARCHAR,
    source          VARCHAR,
    language        VARCHAR,
    dateline_place  VARCHAR,
    dateline_source VARCHAR,
    origin          VARCHAR,            -- where it was read: file.jsonl:12
    is_html         BOOLEAN NOT NULL DEFAULT false,
    ingested_at     TIMESTAMP NOT NULL DEFAULT current_timestamp
);

CREATE TABLE actors (
    article_id   VARCHAR NOT NULL,
    actor_id     VARCHAR NOT NULL,      -- the actor's key in its article
    name         VARCHAR NOT NULL,
    kind         VARCHAR NOT NULL,
    country      VARCHAR,
    organization VARCHAR,
    sector       VARCHAR,
    role         VARCHAR,
    cameo        VARCHAR,
    wikidata     VARCHAR,
    PRIMARY KEY (article_id, actor_id)
);

CREATE TABLE mentions (
    article_id VARCHAR NOT NULL,
    actor_id   VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    text       VARCHAR NOT NULL
);

CREATE TABLE events (
    article_id     VARCHAR NOT NULL,
    event_id       VARCHAR NOT NULL,
    type           VARCHAR NOT NULL,
    actor          VARCHAR[] NOT NULL,  -- article-local actor keys
    recipient      VARCHAR[] NOT NULL,
    status         VARCHAR NOT NULL,
    mode           VARCHAR,
    context        VARCHAR[] NOT NULL,
    reported_by    VARCHAR,
    date           VARCHAR,
    date_precision VARCHAR,
    date_basis     VARCHAR,
    cameo          VARCHAR,
    goldstein      DOUBLE,
    quad_class     INTEGER,
    confidence     DOUBLE NOT NULL,
    quote_id       VARCHAR,
    evidence_text  VARCHAR NOT NULL,
    evidence_start INTEGER NOT NULL,
    evidence_end   INTEGER NOT NULL,
    trigger_text   VARCHAR NOT NULL,
    trigger_start  INTEGER NOT NULL,
    trigger_end    INTEGER NOT NULL,
    PRIMARY KEY (article_id, event_id)
);

CREATE TABLE quotes (
    article_id     VARCHAR NOT NULL,
    quote_id       VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL,
    kind           VARCHAR NOT NULL,
    speaker        VARCHAR,             -- article-local actor key
    speaker_text   VARCHAR,
    speaker_start  INTEGER,
    speaker_end    INTEGER,
    cue_text       VARCHAR,
    cue_start      INTEGER,
    cue_end        INTEGER,
    channel        VARCHAR,
    date           VARCHAR,
    date_precision VARCHAR,
    date_basis     VARCHAR,
    sentence_start INTEGER,
    sentence_end   INTEGER,
    PRIMARY KEY (article_id, quote_id)
);

CREATE TABLE dates (
    article_id VARCHAR NOT NULL,
    date_id    VARCHAR NOT NULL,
    text       VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char   INTEGER NOT NULL,
    type       VARCHAR NOT NULL,
    value      VARCHAR NOT NULL,
    precision  VARCHAR,
    anchor     VARCHAR,
    PRIMARY KEY (article_id, date_id)
);

CREATE TABLE negotiations (
    article_id     VARCHAR NOT NULL,
    negotiation_id VARCHAR NOT NULL,
    topic          VARCHAR NOT NULL,
    first_date     VARCHAR,
    last_date      VARCHAR,
    PRIMARY KEY (article_id, negotiation_id)
);

CREATE TABLE negotiation_members (
    article_id     VARCHAR NOT NULL,
    negotiation_id VARCHAR NOT NULL,
    actor_id       VARCHAR NOT NULL,
    role           VARCHAR NOT NULL     -- participant | seeking_seat | excluded
);

CREATE TABLE negotiation_evidence (
    article_id     VARCHAR NOT NULL,
    negotiation_id VARCHAR NOT NULL,
    text           VARCHAR NOT NULL,
    start_char     INTEGER NOT NULL,
    end_char       INTEGER NOT NULL
);

CREATE TABLE errors (
    location    VARCHAR NOT NULL,       -- file.jsonl:12, dir/a.txt or an article id
    reason      VARCHAR NOT NULL,
    record_id   VARCHAR,
    kind        VARCHAR NOT NULL,       -- input | language | pipeline
    language    VARCHAR,
    recorded_at TIMESTAMP NOT NULL DEFAULT current_timestamp
);
