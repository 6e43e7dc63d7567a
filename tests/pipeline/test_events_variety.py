"""The event coder on varied wording: one event written many ways (synonyms, nominal events,
light verbs, passives, phrasal verbs, reported speech, headline style), all of it self-written.

Each `tests/fixtures/events/variety_*.yaml` item names the event a reader of the PLOVER codebook
would code first — its type, status and, where stated, actor and recipient — and the test asks
dyad's output to hold it (other events may come too). An item dyad does not yet code right
carries `known_gap: <why>` and is run as a strict xfail: it fails the suite the day it starts
passing, so the gap list stays true. An item marked `no_events: true` (an opinion, a description,
background) must give no event at all: a check on over-generation.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyad.types import PLOVER_TYPES, Extraction
from tests.known_gaps import known_gap_param
from tests.pipeline.test_events import assert_item_holds

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "events").glob("variety_*.yaml"))
ITEMS: list[dict[str, Any]] = [item for path in FIXTURES
                               for item in yaml.safe_load(path.read_text("utf-8"))["sentences"]]


@pytest.mark.parametrize("item", [known_gap_param(i) for i in ITEMS])
def test_events_variety_sentence(item: dict[str, Any], run_text: Callable[..., Extraction]) -> None:
    ex = run_text(item["text"])
    assert_item_holds(item, ex)
    if item.get("no_events"):  # an opinion, a description, background: nothing happened
        assert not ex.events, ex.events


def test_events_variety_covers_every_type_many_ways() -> None:
    per_type: dict[str, int] = {}
    for item in ITEMS:
        for want in item["events"][:1]:
            per_type[want["type"]] = per_type.get(want["type"], 0) + 1
    assert set(per_type) == set(PLOVER_TYPES), set(PLOVER_TYPES) - set(per_type)
    assert min(per_type.values()) >= 5, per_type
