"""Fresh negotiation articles (session 6): who sits at, seeks, or is kept from the table.

The articles and their expected tables are in tests/fixtures/negotiations/fresh_batch6.yaml
(written before dyad was run on them; the layout is documented in its header). Each article
runs through the full pipeline, so these tests cover the actor layer and the negotiation rules
together. A role dyad still gets wrong is a strict xfail that names its `known_gap`.

`score()` prints per-role precision and recall over the whole set (or the ids given):
    python -c "from tests.pipeline.test_negotiations_fresh import score; score()"
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyad.types import Actor, Extraction

FIXTURE = Path(__file__).parents[1] / "fixtures" / "negotiations" / "fresh_batch6.yaml"
SCORED = ("participants", "seeking_seat", "excluded", "consulted")
ARTICLES: list[dict[str, Any]] = yaml.safe_load(FIXTURE.read_text(encoding="utf-8"))["articles"]


def matches(item: str, actor: Actor) -> bool:
    """Does the expected `item` ("IRN", "EU", "eln|national liberation army") name `actor`?"""
    for alt in item.split("|"):
        if alt.isupper():  # a code
            if actor.kind != "group" and alt in (actor.organization, actor.country):
                return True
        elif alt in actor.name.lower():
            return True
    return False


def found_roles(ex: Extraction) -> dict[str, list[Actor | str]]:
    """Every role's actors over all of the article's negotiation records."""
    actors = {a.id: a for a in ex.actors}
    out: dict[str, list[Actor | str]] = {role: [] for role in SCORED}
    for neg in ex.negotiations:
        for role in SCORED:
            for key in getattr(neg, role):
                value = actors.get(key, key)
                if value not in out[role]:
                    out[role].append(value)
    return out


def compare(expected: Iterable[str], found: Iterable[Actor | str],
            neutral: Iterable[str] = ()) -> tuple[set[str], list[str], set[str]]:
    """(expected items found, found actors matching nothing expected, expected items missed)."""
    expected, neutral = list(expected), list(neutral)
    hits: set[str] = set()
    extra: list[str] = []
    for value in found:
        if isinstance(value, str):  # a key with no actor record
            extra.append(value)
            continue
        named = {item for item in expected if matches(item, value)}
        hits |= named
        if not named and not any(matches(item, value) for item in neutral):
            extra.append(value.organization or value.country or value.name)
    return hits, extra, set(expected) - hits


def role_result(article: dict[str, Any], ex: Extraction, role: str) -> tuple[set[str], list[str], set[str]]:
    neutral = article.get("neutral", []) if role == "participants" else []
    return compare(article.get("expected", {}).get(role, []), found_roles(ex)[role], neutral)


def score(ids: Iterable[str] = ()) -> None:
    """Print per-role precision / recall over the set (the full pipeline on every article), or
    over the articles `ids` only."""
    from dyad.api import extract_text

    totals = {role: [0, 0, 0] for role in SCORED}  # tp, fp, fn
    wanted = set(ids)
    for article in ARTICLES:
        if wanted and article["id"] not in wanted:
            continue
        ex = extract_text(article["text"], published=article["published"], id=article["id"])
        for role in SCORED:
            hits, extra, missed = role_result(article, ex, role)
            totals[role][0] += len(hits)
            totals[role][1] += len(extra)
            totals[role][2] += len(missed)
            if extra or missed:
                print(f"{article['id']} {role}: false {extra} missed {sorted(missed)}")
        topics = [n.topic for n in ex.negotiations]
        if not any(article["topic"] in t.lower() for t in topics):
            print(f"{article['id']} topic: {topics} lacks {article['topic']!r}")
    for role, (tp, fp, fn) in totals.items():
        p = tp / (tp + fp) if tp + fp else 1.0
        r = tp / (tp + fn) if tp + fn else 1.0
        print(f"{role:13s} P {p:.3f} R {r:.3f}  (tp {tp} fp {fp} fn {fn})")


def _cases() -> list[Any]:
    cases = []
    for article in ARTICLES:
        gaps = article.get("known_gaps", {})
        for role in SCORED:
            marks = [pytest.mark.xfail(strict=True, reason=f"known_gap: {gaps[role]}")] \
                if role in gaps else []
            cases.append(pytest.param(article, role, marks=marks, id=f"{article['id']}-{role}"))
    return cases


@pytest.fixture(scope="module")
def extractions(run_text: Callable[..., Extraction]) -> dict[str, Extraction]:
    return {a["id"]: run_text(a["text"], published=a["published"]) for a in ARTICLES}


@pytest.mark.parametrize(("article", "role"), _cases())
def test_negotiations_fresh_article_roles(extractions: dict[str, Extraction],
                                         article: dict[str, Any], role: str) -> None:
    hits, extra, missed = role_result(article, extractions[article["id"]], role)
    assert (extra, missed) == ([], set())


def test_negotiations_fresh_matching_rules() -> None:
    country = Actor(id="irn", name="Iran", kind="country", country="IRN")
    group = Actor(id="m23", name="M23 rebels", kind="group", country="COD")
    assert matches("IRN", country) and not matches("COD", group) and matches("m23", group)
    assert compare(["IRN"], [country, group], neutral=["m23"]) == ({"IRN"}, [], set())
    assert compare(["IRN", "RUS"], [group]) == (set(), ["COD"], {"IRN", "RUS"})
