"""The grammar's cost-saving devices must not change what it matches: the first-letter grouped
word alternations, and the pieces a window must contain before a rule is tried there."""

from __future__ import annotations

import re
from unittest.mock import patch

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.pipeline import timex
from dyad.pipeline.timex import RULE_ANCHORS, RULE_NEEDS, _alt, candidates, grammar, rule_needs

_WORDS = ["a", "an", "about", "around", "a few", "twenty", "twenty-five", "two", "ten", "Ten",
          "Monday", "MONDAY", "may", "March", "mid", "s", "ſ"]


def _plain(words: list[str]) -> str:
    return "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))


@given(st.lists(st.sampled_from(_WORDS), min_size=1, max_size=8, unique=True),
       st.text(alphabet="aAbdefmnortuwyMTſs -", max_size=24))
@settings(max_examples=300, deadline=None)
def test_timex_rules_grouped_alternation_matches_as_the_plain_one(words: list[str], text: str) -> None:
    for flags in (0, re.IGNORECASE):
        grouped, plain = re.compile(_alt(words), flags), re.compile(_plain(words), flags)
        assert [m.span() for m in grouped.finditer(text)] == [m.span() for m in plain.finditer(text)]


def test_timex_rules_grouped_alternation_prefers_the_longest_word() -> None:
    assert re.match(_alt(["two", "twenty", "twenty-five"]), "twenty-five days").group(0) == "twenty-five"
    assert _alt(["two", "twenty"]).startswith("t(?:")


def test_timex_rules_every_needed_piece_belongs_to_a_rule() -> None:
    names = {name for name, _ in grammar().rules}
    assert set(RULE_NEEDS) <= names
    assert set(RULE_ANCHORS) == names


_SENTENCES = [
    "The plant closed in the 1990s and reopened in the early 2000s, in the 21st century.",
    "Two years ago, sales fell; three weeks later they rose, and a decade before that they had boomed.",
    "The talks ended at 9:30 a.m. (1430 GMT) on 2009-03-05, or 3/5/2009, in the fiscal year 2009.",
    "For the first quarter of 2010, profit rose, the third straight quarter of gains since March 2008.",
    "A five-year deal, a multi-year plan, the last day of the month and the week before last.",
    "The year-ago quarter, the end of the year, the past two months, 12 March, over the next decade.",
]


@pytest.mark.parametrize("text", _SENTENCES)
def test_timex_rules_every_match_holds_its_needed_piece(text: str) -> None:
    needs = rule_needs()
    found = candidates(text)
    assert found
    for c in found:
        need = needs.get(c.rule)
        if need is not None:
            assert need.search(c.m.group(0)), (c.rule, c.m.group(0))


@pytest.mark.parametrize("text", _SENTENCES)
def test_timex_rules_window_precheck_changes_nothing_found(text: str, monkeypatch: pytest.MonkeyPatch) -> None:
    def spans() -> list[tuple[int, int, str]]:
        return sorted((c.start, c.end, c.rule) for c in candidates(text))

    with_precheck = spans()
    monkeypatch.setattr(timex, "rule_needs", lambda: {})
    assert spans() == with_precheck


def _windows_word_by_word(text: str) -> dict[str, list[tuple[int, int]]]:
    """windows() with every word looked up: the anchor regex replaced by the plain word regex."""
    with patch.object(timex, "_anchor_re", lambda: timex._WORDS):
        return timex.windows(text)


_PIECES = ["in", "May", "MARCH", "2009", "1990s", "21st", "year", "Years", "ago", "today", "x_2", "3rd",
           "İstanbul", "ſpring", "Q3", "fiscal", "$40", "8,017", "3.5", "weekly", "Monday's", "—", "\n"]


@given(st.lists(st.sampled_from(_PIECES), max_size=14), st.sampled_from([" ", "-", ", ", ""]))
@settings(max_examples=300, deadline=None)
def test_timex_rules_windows_are_those_of_a_word_by_word_lookup(pieces: list[str], sep: str) -> None:
    text = sep.join(pieces)
    assert timex.windows(text) == _windows_word_by_word(text)


@pytest.mark.parametrize("text", _SENTENCES)
def test_timex_rules_windows_of_sentences_are_those_of_a_word_by_word_lookup(text: str) -> None:
    assert timex.windows(text) == _windows_word_by_word(text)
