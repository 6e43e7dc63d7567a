"""Cross-article identity: canonical actor ids and negotiation keys.

The same person or organisation gets the same canonical id in every article: its knowledge-
base code for countries and organisations ("UKR", "RUSGOV", "EU"), else its Wikidata id when
the knowledge base knows it ("Q7747"), else its normalised name plus affiliation
("dmitry-kuleba@UKR").
Negotiations reported in several articles merge on a key built from their parties' canonical
ids and the words of their subject.
These functions are the single definition of both keys: the store applies them when it
writes an article and `derive_missing` applies them to rows that lack them (after a migration
or a Parquet import). Nothing here reads the NLP pipeline.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

import duckdb

_CODE = re.compile(r"[A-Z][A-Z0-9_]*")
_WORD = re.compile(r"[^\W_]+")


def slug(text: str) -> str:
    """Lower-case ASCII-folded words joined by '-': 'Dmitry Kuleba' → 'dmitry-kuleba'."""
    folded = unicodedata.normalize("NFKD", text)
    folded = "".join(c for c in folded if not unicodedata.combining(c))
    return "-".join(w.casefold() for w in _WORD.findall(folded))


def canonical_actor_id(actor_id: str, name: str, kind: str, country: str | None,
                       organization: str | None, wikidata: str | None) -> str:
    """The id one actor has across articles (see the module docstring for the order)."""
    if kind in ("country", "organization") and _CODE.fullmatch(actor_id):
        return actor_id
    if wikidata:
        return wikidata
    base = slug(name) or slug(actor_id) or actor_id
    affiliation = country or organization
    return f"{base}@{affiliation}" if affiliation else base


def negotiation_key(topic: str, participants: Iterable[str] = ()) -> str:
    """The key one negotiation has across articles: its parties and what is negotiated.

    'RUS+USA: guarantees security' for "Russia–United States talks on security guarantees"
    and for "US–Russia negotiations on security guarantees" alike: the parties' canonical ids
    (so "US" and "United States" agree) and the words after "on", in any order. Without a
    subject the parties alone are the key; without parties, the topic's words.
    """
    subject = topic.split(" on ", 1)[1] if " on " in topic else ""
    words = " ".join(sorted(set(slug(subject).split("-")) - {""}))
    parties = "+".join(sorted(set(participants)))
    if parties:
        return f"{parties}: {words}" if words else parties
    return words or " ".join(sorted(set(slug(topic).split("-")) - {""})) or topic


def derive_missing(con: duckdb.DuckDBPyConnection) -> None:
    """Fill canonical ids, event actor rows and negotiation keys where they are missing.

    Runs inside the caller's transaction.
    """
    rows = con.execute(
        "SELECT article_id, actor_id, name, kind, country, organization, wikidata "
        "FROM actors WHERE canonical_id IS NULL").fetchall()
    if rows:
        con.execute("CREATE OR REPLACE TEMP TABLE _canon (article_id VARCHAR, actor_id VARCHAR, "
                    "canonical_id VARCHAR)")
        con.executemany("INSERT INTO _canon VALUES (?, ?, ?)",
                        [(r[0], r[1], canonical_actor_id(*r[1:])) for r in rows])
        con.execute("UPDATE actors SET canonical_id = c.canonical_id FROM _canon c "
                    "WHERE actors.article_id = c.article_id AND actors.actor_id = c.actor_id")
        con.execute("DROP TABLE _canon")
    # An event key that names no actor of its article is its own canonical id.
    con.execute("""
        INSERT INTO event_actors
        SELECT u.article_id, u.event_id, u.role, u.position, u.actor_id,
               coalesce(a.canonical_id, u.actor_id)
        FROM (
            SELECT article_id, event_id, 'actor' AS role,
                   unnest(range(len(actor))) AS position, unnest(actor) AS actor_id FROM events
            UNION ALL
            SELECT article_id, event_id, 'recipient' AS role,
                   unnest(range(len(recipient))) AS position, unnest(recipient) AS actor_id
            FROM events
        ) u
        LEFT JOIN actors a ON a.article_id = u.article_id AND a.actor_id = u.actor_id
        WHERE NOT EXISTS (SELECT 1 FROM event_actors x
                          WHERE x.article_id = u.article_id AND x.event_id = u.event_id)
    """)
    con.execute("""
        UPDATE negotiation_members
        SET canonical_id = coalesce((SELECT a.canonical_id FROM actors a
                                     WHERE a.article_id = negotiation_members.article_id
                                       AND a.actor_id = negotiation_members.actor_id), actor_id)
        WHERE canonical_id IS NULL
    """)
    missing = con.execute("""
        SELECT n.article_id, n.negotiation_id, n.topic,
               list(m.canonical_id ORDER BY m.canonical_id)
                   FILTER (WHERE m.role = 'participant') AS parties
        FROM negotiations n LEFT JOIN negotiation_members m
             ON m.article_id = n.article_id AND m.negotiation_id = n.negotiation_id
        WHERE n.negotiation_key IS NULL
        GROUP BY n.article_id, n.negotiation_id, n.topic""").fetchall()
    if missing:
        con.execute("CREATE OR REPLACE TEMP TABLE _keys (article_id VARCHAR, "
                    "negotiation_id VARCHAR, negotiation_key VARCHAR)")
        con.executemany("INSERT INTO _keys VALUES (?, ?, ?)",
                        [(a, n, negotiation_key(t, parties or ())) for a, n, t, parties in missing])
        con.execute("UPDATE negotiations SET negotiation_key = k.negotiation_key FROM _keys k "
                    "WHERE negotiations.article_id = k.article_id "
                    "AND negotiations.negotiation_id = k.negotiation_id")
        con.execute("DROP TABLE _keys")
