"""TIMEX3 conventions by class (rates, payments, named events, parts of a period, modifiers,
unspecified dates), each on sentences written for the test, not taken from an evaluation set."""

from __future__ import annotations

import pytest

from dyad.pipeline.timex import find_timexes

REF = "2009-06-15"  # a Monday


def _found(text: str, ref: str | None = REF) -> list[tuple[str, str, str]]:
    return [(t.text, t.type, t.value) for t in find_timexes(text, ref)]


@pytest.mark.parametrize("text,expected", [
    ("The refinery processes 400,000 barrels a day.", ("a day", "SET", "P1D")),
    ("The airline carried 5 million passengers a year.", ("a year", "SET", "P1Y")),
    ("The factory builds 60 engines a week.", ("a week", "SET", "P1W")),
    ("Imports grew 4 percent a year.", ("a year", "SET", "P1Y")),
    ("Parking costs 50 cents an hour.", ("an hour", "SET", "PT1H")),
    ("Nurses worked 12 hours a day.", ("a day", "SET", "P1D")),
])
def test_timex_rate_after_an_amount_is_a_set(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize("text,expected", [
    ("The dealer sold 500 cars in a year.", ("a year", "DURATION", "P1Y")),
    ("In 2009 was a year of losses, the chairman wrote.", ("a year", "DURATION", "P1Y")),
])
def test_timex_a_unit_after_a_preposition_or_verb_stays_a_duration(
        text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize("text,expected", [
    ("The board raised the quarterly dividend to 30 cents.", ("quarterly", "SET", "P1Q")),
    ("Tenants complained that the monthly rent had doubled.", ("monthly", "SET", "P1M")),
    ("The chain reported its quarterly profit on Tuesday.", ("quarterly", "DURATION", "P1Q")),
    ("Annual sales reached $3 billion.", ("Annual", "DURATION", "P1Y")),
])
def test_timex_payments_per_period_are_sets_and_amounts_over_it_durations(
        text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)


def test_timex_set_word_describing_a_named_event_is_not_tagged() -> None:
    found = _found("Delegates gathered for the annual Global Mining Summit in Perth.")
    assert not any(t[0] == "annual" for t in found)
    assert ("annual", "SET", "P1Y") in _found("The annual general meeting is in Perth.")
    assert ("monthly", "DURATION", "P1M") in _found("The monthly US sales figures disappointed.")
    assert ("annual", "SET", "P1Y") in _found("The annual Perth meeting drew crowds.")


@pytest.mark.parametrize("text,expected", [
    ("Rent is due on the last day of the month.", ("the last day of the month", "DATE", "2009-06-30")),
    ("The levy starts on the first day of next year.", ("the first day of next year", "DATE", "2010-01-01")),
    ("The bonds mature on the final day of the quarter.", ("the final day of the quarter", "DATE", "2009-06-30")),
    ("Prices jumped in the final month of last year.", ("the final month of last year", "DATE", "2008-12")),
    ("Shares slid on the last day of trading.", ("the last day", "DATE", "2009-06-15")),
])
def test_timex_part_of_a_period(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize("text,kept", [
    ("Orders picked up in the last week of April.", ("April", "DATE", "2009-04")),
    ("She stepped down in the last year of her term.", None),
])
def test_timex_the_last_unit_of_something_is_not_the_previous_unit(
        text: str, kept: tuple[str, str, str] | None) -> None:
    found = _found(text)
    assert not any(t[1] == "DATE" and t[0].lower().startswith("the last") for t in found)
    assert found == ([kept] if kept else [])


def test_timex_the_last_year_of_an_amount_is_still_the_previous_year() -> None:
    assert ("the last year", "DATE", "2008") in _found("The miner posted a profit for the last year of $4 billion.")


@pytest.mark.parametrize("text,expected", [
    ("He worked some 15 years at the mill.", ("some 15 years", "DURATION", "P15Y")),
    ("The line was closed for about three hours.", ("about three hours", "DURATION", "PT3H")),
])
def test_timex_approximating_modifier_is_inside_the_duration(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize("text,expected", [
    ("The hearing was moved to a later date.", ("a later date", "DATE", "XXXX-XX-XX")),
    ("Customers were asked to return at a later time.", ("a later time", "DATE", "XXXX-XX-XX")),
    ("In the long run, the dam will pay for itself.", ("the long run", "DATE", "FUTURE_REF")),
    ("Rates will stay low for the foreseeable future.", ("the foreseeable future", "DATE", "FUTURE_REF")),
])
def test_timex_unspecified_and_fuzzy_dates(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)


@pytest.mark.parametrize("text", [
    "The insurer will shed 1800 jobs.",
    "The chain runs 1950 shops across Europe.",
    "The index dropped 2010 points in a month.",
])
def test_timex_year_like_count_before_a_counted_noun_is_not_a_year(text: str) -> None:
    assert not any(t[1] == "DATE" and t[0].isdigit() for t in _found(text))


@pytest.mark.parametrize("text,expected", [
    ("In 1998 workers went on strike.", ("1998", "DATE", "1998")),
    ("The 2008 profits were restated.", ("2008", "DATE", "2008")),
    ("Since 2005 passengers have paid a fuel surcharge.", ("2005", "DATE", "2005")),
])
def test_timex_year_before_a_noun_after_a_preposition_stays_a_year(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)



def test_timex_that_same_day_is_the_day_in_focus() -> None:
    found = _found("Regulators met on June 3. That same day, two banks failed.")
    assert ("That same day", "DATE", "2009-06-03") in found


@pytest.mark.parametrize("text,expected", [
    ("The dynasty has ruled for a quarter of a century.", ("a quarter of a century", "DURATION", "P25Y")),
    ("The court sat for three quarters of an hour.", ("three quarters of an hour", "DURATION", "PT45M")),
    ("The mill shut a quarter-century ago.", ("a quarter-century ago", "DATE", "1984")),
    ("The treaty was signed half a century ago.", ("half a century ago", "DATE", "1959")),
])
def test_timex_fraction_of_a_unit(text: str, expected: tuple[str, str, str]) -> None:
    assert _found(text) == [expected]


@pytest.mark.parametrize("text", ["The party won a quarter of the seats.", "The fund lost three quarters of its value."])
def test_timex_quarter_as_a_share_is_not_a_period(text: str) -> None:
    assert _found(text) == []


def test_timex_quarters_of_an_activity_are_a_duration() -> None:
    assert ("two consecutive quarters", "DURATION", "P2Q") in _found("The economy shrank for two consecutive quarters of "
                                                                       "falling output.")


@pytest.mark.parametrize("text,expected", [
    ("The label recorded its best albums in the seventies.", ("the seventies", "DATE", "197")),
    ("Rents soared in the late nineties.", ("the late nineties", "DATE", "199")),
])
def test_timex_decades_in_words(text: str, expected: tuple[str, str, str]) -> None:
    assert _found(text) == [expected]


def test_timex_decade_word_is_the_latest_such_decade_begun_and_never_an_age() -> None:
    assert _found("The twenties have begun badly for airlines.", "2021-03-10") == [("The twenties", "DATE", "202")]
    assert _found("The twenties were roaring.") == [("The twenties", "DATE", "192")]
    assert _found("Both founders were in their forties.") == []


@pytest.mark.parametrize("text,expected", [
    ("The constitution allows two four-year terms.", [("four-year", "DURATION", "P4Y")]),
    ("The league lasted twenty-two years.", [("twenty-two years", "DURATION", "P22Y")]),
    ("The oak is two hundred and forty years old.", [("two hundred and forty years", "DURATION", "P240Y")]),
])
def test_timex_two_counts_in_a_row_are_not_one_number(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


@pytest.mark.parametrize("text,expected", [
    ("The walkout will last 72 hours.", [("72 hours", "DURATION", "PT72H")]),
    ("The audit is likely to last several months.", [("several months", "DURATION", "PXM")]),
    ("Stocks slid over the last two days.", [("the last two days", "DURATION", "P2D")]),
])
def test_timex_last_as_a_verb_is_not_part_of_the_duration(text: str, expected: list[tuple[str, str, str]]) -> None:
    assert _found(text) == expected


def test_timex_a_count_ahead_is_a_duration_not_a_future_range() -> None:
    assert _found("The line opened three months ahead of plan.") == [("three months", "DURATION", "P3M")]
    assert _found("Prices may climb in the months ahead.") == [("the months ahead", "DATE", "FUTURE_REF")]


@pytest.mark.parametrize("text,expected", [
    ("Pilgrims visit the shrine every autumn.", ("every autumn", "SET", "XXXX-FA")),
    ("The minister jogs each morning.", ("each morning", "SET", "XXXX-XX-XXTMO")),
])
def test_timex_every_season_or_part_of_day_is_a_set(text: str, expected: tuple[str, str, str]) -> None:
    assert _found(text) == [expected]


def test_timex_capitalised_season_in_a_name_is_no_date() -> None:
    assert _found("Tickets for the Summer Games sold out.") == []
    assert ("Summer 2011", "DATE", "2011-SU") in _found("Sales fell in Summer 2011.")


def test_timex_uncounted_units_later_or_earlier_follow_the_narrative() -> None:
    assert ("months later", "DATE", "FUTURE_REF") in _found("The mine shut in 2004 and reopened months later.")
    assert _found("Weeks earlier, the envoy had resigned.") == [("Weeks earlier", "DATE", "PAST_REF")]
    assert _found("The plant opened years later than planned.") == []


def test_timex_only_minutes_is_a_stretch_but_only_days_after_is_not() -> None:
    assert _found("Firefighters had just minutes to act.") == [("minutes", "DURATION", "PTXM")]
    assert _found("The ban came only days after the vote.") == []


def test_timex_hours_after_a_clock_time_are_a_clock_time() -> None:
    found = _found("The market opened at 9:30 a.m. and trading was halted 20 minutes later.")
    assert ("20 minutes later", "TIME", "2009-06-15T09:50") in found
    found = _found("The fire started at 11 p.m. and was out three hours later.")
    assert ("three hours later", "TIME", "2009-06-16T02:00") in found
    assert ("an hour later", "DATE", "2009-06-15") in _found("The bridge reopened an hour later.")


def test_timex_the_last_quarter_of_a_named_year_is_its_fourth() -> None:
    assert _found("Exports dipped in the last quarter of last year.") == [
        ("the last quarter of last year", "DATE", "2008-Q4")]
    assert _found("Margins fell in the final half of next year.") == [("the final half of next year", "DATE", "2010-H2")]


def test_timex_a_season_sets_the_year_later_counts_from() -> None:
    found = _found("The canal was dug in the spring of 1998 and flooded two years later.")
    assert ("two years later", "DATE", "2000") in found


@pytest.mark.parametrize("text,expected", [
    ("The ferry makes four crossings a day.", ("a day", "SET", "P1D")),
    ("Guards work two twelve-hour shifts a week.", ("a week", "SET", "P1W")),
    ("Ten people died in a day.", ("a day", "DURATION", "P1D")),
])
def test_timex_a_count_of_things_per_unit_in_words_is_a_set(text: str, expected: tuple[str, str, str]) -> None:
    assert expected in _found(text)


def test_timex_decade_word_in_a_future_clause_is_the_one_to_come() -> None:
    assert _found("The levy will be phased out in the thirties.", "2024-04-18") == [("the thirties", "DATE", "203")]
    assert _found("The levy was phased out in the thirties.", "2024-04-18") == [("the thirties", "DATE", "193")]


@pytest.mark.parametrize("text", ["The truce won't last 48 hours.", "The strike didn't last 48 hours.",
                                  "Talks will not last two days."])
def test_timex_last_after_a_negated_auxiliary_is_the_verb(text: str) -> None:
    assert [t.text for t in find_timexes(text, REF) if "last" in t.text] == []
