"""Actors named by dyad's current-actors supplement (`knowledge/data/actors_current.txt`):
office holders of 2015-2025 whose dated codes apply by publication date, armed groups of that
decade, and hyphenated group names, on sentences written for these tests."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from dyad.types import Actor, Extraction

pytestmark = pytest.mark.slow


def _by_mention(ex: Extraction, text: str) -> Actor:
    for actor in ex.actors:
        if any(text in m.text for m in actor.mentions):
            return actor
    raise AssertionError(f"no actor has a mention {text!r}: "
                         f"{[(a.id, a.cameo, [m.text for m in a.mentions]) for a in ex.actors]}")


# (text, publication date, a mention's text, the CAMEO code its actor should have)
CASES = [
    ("Zelensky said on Monday that Kyiv would not give up any territory in exchange for a truce.",
     "2023-03-06", "Zelensky", "UKRGOV"),
    ("President Ruto said on Tuesday the government would cut fuel taxes next month.",
     "2023-05-16", "Ruto", "KENGOV"),
    ("Houthi rebels fired two missiles at a container ship off the coast on Sunday.",
     "2024-01-14", "Houthi", "YEMREB"),
    ("Lashkar-e-Taiba was blamed for the raid on the police post.", "2019-02-20",
     "Lashkar-e-Taiba", "PAKREB"),
    ("Police said Jaish-e-Mohammad had planned the bombing.", "2019-02-20", "Jaish-e-Mohammad", "PAKREB"),
    ("The Rapid Support Forces shelled the city for a third day.", "2024-06-02",
     "Rapid Support Forces", "SDNREB"),
    ("The Rapid Support Forces broke up the protest camp outside army headquarters.", "2019-06-04",
     "Rapid Support Forces", "SDNMIL"),
    ("Wagner Group fighters pulled out of the town overnight.", "2023-05-25", "Wagner", "RUSUAF"),
    ("M23 rebels seized a second town near the lake on Thursday.", "2025-01-23", "M23", "CODREB"),
    ("Hayat Tahrir al-Sham fighters entered the northern city on Friday.", "2024-11-29",
     "Hayat Tahrir al-Sham", "SYRREB"),
    ("Netanyahu attacked the coalition's budget in a speech to his party.", "2022-03-01",
     "Netanyahu", "ISROPP"),
    ("Netanyahu told the cabinet that the offensive would continue.", "2024-02-11", "Netanyahu", "ISRGOV"),
    ("Chancellor Scholz pledged more air defence systems on Wednesday.", "2023-10-11", "Scholz", "DEUGOV"),
    ("Prime Minister Starmer promised to rebuild ties with Brussels.", "2024-09-01", "Starmer", "GBRGOV"),
    ("President Milei vowed to cut public spending further.", "2024-03-02", "Milei", "ARGGOV"),
    ("President Lula called for a ceasefire on Saturday.", "2023-10-14", "Lula", "BRAGOV"),
    ("The ELN freed two soldiers it had held for a month.", "2023-08-10", "ELN", "COLREB"),
    ("Fighters from al-Shabaab stormed a hotel in the capital.", "2022-08-20", "al-Shabaab", "SOMREB"),
    ("Mark Rutte said Dutch troops would stay in the mission.", "2022-04-05", "Rutte", "NLDGOV"),
]


@pytest.mark.parametrize(("text", "published", "mention", "cameo"), CASES, ids=[c[0][:40] for c in CASES])
def test_actors_current_named_actor_has_the_dated_code(
        run_text: Callable[..., Extraction], text: str, published: str, mention: str, cameo: str) -> None:
    actor = _by_mention(run_text(text, published=published), mention)
    assert actor.cameo == cameo, (actor.id, actor.cameo)
    assert actor.country == cameo[:3]


def test_actors_current_person_before_the_term_is_no_government(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Zelensky said on Monday that his comedy series would return in the spring.",
                  published="2018-02-12")
    actor = _by_mention(ex, "Zelensky")
    assert (actor.kind, actor.country) == ("person", "UKR")
    assert actor.cameo != "UKRGOV" and actor.sector != "GOV"
