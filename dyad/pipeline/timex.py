"""Find time expressions in plain text and normalise them to TIMEX3 (type + value).

This module is pure text → records: compiled regular expressions built from the word lists
in `dyad/knowledge/data/time_words.yaml`, a longest-match overlap resolution, and one
normalising function per pattern family that computes TIMEX3 values at the granularity the
text gives (day 2021-12-23, week 2013-W12, month, quarter 2009-Q3, season 2021-WI, year,
decade 199 for "the 1990s" or "the nineties", century 18, durations P1M/PT30M, sets,
PAST_REF/PRESENT_REF/FUTURE_REF) against a reference date. Tense, which decides whether a bare "Thursday" is the last or the next one, comes from
the caller (the spaCy component reads it off the parse); without it a word-window heuristic
is used. Relative expressions ("last year", "on Thursday") are anchored to the reference date,
as for news; anaphoric ones ("that year", "the day before", "by that time", "on the 5th") to
the latest date the text has mentioned (not a date the story counts from, "six weeks after
the election of June 9", nor a period a figure is compared with), and a month, day or season named without a year takes
the year of a date set earlier in the same clause. Earnings-news periods follow the quarter in
focus ("for the quarter", "the year-ago quarter", "for a third straight quarter"), and a part of
the day ("in the afternoon") falls on the day last named. A clock time keeps the local time the
text gives, with its zone as an ISO 8601 offset ("10:30 a.m. EST" = T10:30-05:00). A range
("from 2009 to 2011") also spans a DURATION around its two DATEs, as MEANTIME tags it. Every
scan is a single compiled-regex pass over the text near anchor words, and the passes after it
walk the found expressions only, so tagging is linear.

Must not: import spaCy, call dateparser per token, or raise on any input string; an
expression it cannot resolve keeps TIMEX3's X placeholders (XXXX-WXX-4) instead.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, datetime, timedelta
from functools import lru_cache
from importlib.resources import files
from typing import Any

import yaml

Tense = str | None  # "past" | "future" | "present" | "future-in-past" | None
TenseOf = Callable[[int, int], Tense]

PAST, FUTURE, PRESENT = "past", "future", "present"
# "said it would vote on Wednesday": ahead of the speech act, not necessarily of publication;
# a future tense for months and years, but a weekday is the nearer one either way
FUTURE_IN_PAST = "future-in-past"


@dataclass(frozen=True)
class Timex:
    """One normalised time expression (character offsets into the text scanned)."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str
    precision: str | None = None  # day | week | month | quarter | season | year | decade | range
    anchor: str | None = None  # publication | dateline | text | previous | None (unresolved)
    rule: str = ""


@dataclass(frozen=True)
class TimeWords:
    """The word lists of time_words.yaml, as read."""

    months: dict[str, int]
    ambiguous_months: frozenset[str]
    weekdays: dict[str, int]
    seasons: dict[str, str]
    decade_words: dict[str, int]
    parts_of_day: dict[str, str]
    numbers: dict[str, int]
    vague_numbers: tuple[str, ...]
    fractions: dict[str, float]
    units: dict[str, str]
    time_units: frozenset[str]
    fuzzy: dict[str, str]
    fuzzy_adjectives: dict[str, str]
    fuzzy_adjective_not_before: frozenset[str]
    term_adjectives: dict[str, str]
    term_adjectives_always: frozenset[str]
    term_adjective_not_before: frozenset[str]
    amount_nouns: frozenset[str]
    count_nouns: frozenset[str]
    result_nouns: frozenset[str]
    ordinals: dict[str, int]
    past_range_words: tuple[str, ...]
    future_range_words: tuple[str, ...]
    sets: dict[str, str]
    generic_today_nouns: frozenset[str]
    today_edition_words: frozenset[str]
    period_adjectives: dict[str, str]
    holidays: dict[str, str]
    time_zones: dict[str, str | tuple[str, str]]  # name -> offset, or (standard, daylight) for US zones
    floating_holidays: dict[str, tuple[int, int, int, int]]  # month, weekday, nth (-1 last), days after
    future_cues: frozenset[str]
    reporting_verbs: frozenset[str]


@lru_cache(maxsize=1)
def time_words() -> TimeWords:
    """The packaged word lists (read once)."""
    raw: dict[str, Any] = yaml.safe_load(
        (files("dyad.knowledge") / "data" / "time_words.yaml").read_text("utf-8"))
    return TimeWords(
        months={str(k): int(v) for k, v in raw["months"].items()},
        ambiguous_months=frozenset(str(x) for x in raw["ambiguous_months"]),
        weekdays={str(k): int(v) for k, v in raw["weekdays"].items()},
        seasons={str(k): str(v) for k, v in raw["seasons"].items()},
        decade_words={str(k): int(v) for k, v in raw["decade_words"].items()},
        parts_of_day={str(k): str(v) for k, v in raw["parts_of_day"].items()},
        numbers={str(k): int(v) for k, v in raw["numbers"].items()},
        vague_numbers=tuple(str(x) for x in raw["vague_numbers"]),
        fractions={str(k): float(v) for k, v in raw["fractions"].items()},
        units={str(k): str(v) for k, v in raw["units"].items()},
        time_units=frozenset(str(x) for x in raw["time_units"]),
        fuzzy={str(k): str(v) for k, v in raw["fuzzy"].items()},
        fuzzy_adjectives={str(k): str(v) for k, v in raw["fuzzy_adjectives"]["values"].items()},
        fuzzy_adjective_not_before=frozenset(str(x) for x in raw["fuzzy_adjectives"]["not_before"]),
        term_adjectives={str(k): str(v) for k, v in raw["term_adjectives"]["values"].items()},
        term_adjectives_always=frozenset(str(x) for x in raw["term_adjectives"]["always"]),
        term_adjective_not_before=frozenset(str(x) for x in raw["term_adjectives"]["not_before"]),
        amount_nouns=frozenset(str(x) for x in raw["amount_nouns"]),
        count_nouns=frozenset(str(x) for x in raw["count_nouns"]),
        result_nouns=frozenset(str(x) for x in raw["result_nouns"]),
        ordinals={str(k): int(v) for k, v in raw["ordinals"].items()},
        past_range_words=tuple(str(x) for x in raw["past_range_words"]),
        future_range_words=tuple(str(x) for x in raw["future_range_words"]),
        sets={str(k): str(v) for k, v in raw["sets"].items()},
        generic_today_nouns=frozenset(str(x) for x in raw["generic_today_nouns"]),
        today_edition_words=frozenset(str(x) for x in raw["today_edition_words"]),
        period_adjectives={str(k): str(v) for k, v in raw["period_adjectives"].items()},
        holidays={str(k): str(v) for k, v in raw["holidays"].items()},
        time_zones={str(k): (str(v[0]), str(v[1])) if isinstance(v, list) else str(v)
                    for k, v in raw["time_zones"].items()},
        floating_holidays={str(k): (int(v[0]), int(v[1]), int(v[2]), int(v[3]) if len(v) > 3 else 0)
                           for k, v in raw["floating_holidays"].items()},
        future_cues=frozenset(str(x) for x in raw["future_cues"]),
        reporting_verbs=frozenset(str(x) for x in raw["reporting_verbs"]),
    )


# ------------------------------------------------------------------ the grammar


def _alt(words: Any) -> str:
    """A regex alternation of words, longest first, spaces matching any whitespace.

    Words are grouped under their first letter ("t(?:hree|wo|en)"): the regex engine tries
    every alternative at every position, and a group fails on one comparison where its words
    would fail one by one. Two words with different first letters cannot match at the same
    place, and inside a group the longest-first order is kept, so the language and the
    preference among alternatives are those of the plain list.
    """
    def esc(w: str) -> str:
        return re.escape(w).replace(r"\ ", r"\s+")

    groups: dict[str, list[str]] = {}
    for w in sorted(words, key=len, reverse=True):
        groups.setdefault(w[:1].lower(), []).append(w)
    parts = []
    for group in groups.values():
        if len(group) > 1 and len({w[:1] for w in group}) == 1 and not group[0][:1].isspace():
            parts.append(esc(group[0][:1]) + "(?:" + "|".join(esc(w[1:]) for w in group) + ")")
        else:
            parts.extend(esc(w) for w in group)
    return "|".join(parts)


def _cased(words: Any) -> str:
    """Alternation of Capitalised and UPPER forms only (case-sensitive inside an (?i) regex)."""
    forms = set()
    for w in words:
        forms.add(w[:1].upper() + w[1:])
        forms.add(" ".join(x[:1].upper() + x[1:] for x in w.split(" ")))  # "New Year's Day"
        forms.add(w.upper())
    return "(?-i:" + _alt(forms) + ")"


@dataclass(frozen=True)
class Grammar:
    """Compiled patterns: (rule name, regex), scanned independently then merged."""

    rules: tuple[tuple[str, re.Pattern[str]], ...]
    number_re: re.Pattern[str]


@lru_cache(maxsize=1)
def grammar() -> Grammar:
    w = time_words()
    # an abbreviation ("sep", "sept") is a shorter name of a month another name spells out;
    # only abbreviations take a dot ("Sept. 15"), so "in May." keeps its full stop out
    month_abbr = [m for m in w.months if any(len(o) > len(m) and w.months[o] == w.months[m] for o in w.months)]
    month_names = [m for m in w.months if m not in month_abbr]
    MONTH = "(?P<month>" + _cased(month_names) + "|(?:" + _cased(month_abbr) + r")\.?)(?![\w])"
    WD = "(?P<wd>" + _cased(w.weekdays.keys() - {k for k in w.weekdays if len(k) <= 4}) + ")"
    WDABBR = "(?:" + _cased([k for k in w.weekdays if len(k) <= 4]) + r")\.?"
    DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?(?![\d:.,]\d)"
    YEAR = r"(?P<year>(?:1[6-9]|20)\d\d)(?![\d%])"
    NUMW = _alt(k for k in w.numbers)
    NUMC = _alt(k for k in w.numbers if k not in ("a", "an") and " " not in k)
    # a compound number word is tens and units ("twenty-five") or hundreds ("two hundred and
    # fifty"), never two counts in a row ("two five-year terms": two terms of five years)
    TENS = _alt(k for k, v in w.numbers.items() if v in range(20, 100, 10))
    UNITS = _alt(k for k, v in w.numbers.items() if 1 <= v <= 9 and k not in ("a", "an") and " " not in k)
    NUMWORD = r"(?:(?:" + TENS + r")[\s-]+(?:" + UNITS + r")|" + NUMC + ")"
    NUMSEQ = NUMWORD + r"(?:[\s-]+hundred(?:[\s-]+(?:and[\s-]+)?" + NUMWORD + r")?)?"
    NUM = (r"(?:(?<![\d,.])(?:\d{1,3}(?:,\d{3})+|\d+(?:\.\d+)?)|" + NUMSEQ + "|" + NUMW + r")"
           r"(?:\s+and\s+a\s+half)?")
    UNIT = r"(?P<unit>" + _alt(w.units) + r"|centuries)s?"
    VAGUE = _alt(w.vague_numbers)
    FRACTION = _alt(w.fractions)
    POD = "(?P<pod>" + _alt(w.parts_of_day) + ")"
    EDGE = r"(?P<edge>early|mid|late|the\s+end\s+of|the\s+beginning\s+of|the\s+start\s+of|the\s+middle\s+of|the\s+close\s+of)"
    TZ = r"(?P<tz>UTC|GMT|Z|EST|EDT|CST|CDT|PST|PDT|CET|CEST|BST|MSK|IST|JST)"
    # after a clock time only, upper case: every zone of the word list ("4 p.m. ET", "9 a.m. HKT")
    CLOCK_TZ = r"(?P<tz>(?-i:" + _alt(w.time_zones) + r"))\b"
    seasons = _alt(w.seasons)
    R: list[tuple[str, str]] = [
        ("iso", r"\b(?P<year>\d{4})-(?P<mon>[01]\d)-(?P<day>[0-3]\d)(?:T(?P<hh>[0-2]\d):(?P<mm>[0-5]\d))?\b"),
        ("slash", r"\b(?P<mon>[01]?\d)/(?P<day>[0-3]?\d)/(?P<year>\d{4}|\d{2})\b(?!/)"),
        ("mdy", r"\b(?:(?:" + WD + "|" + WDABBR + r"),?[ \t]+)?(?:" + EDGE + r"[\s-]+)?" + MONTH
         + r"\s+" + DAY + r"(?:(?:\s*,\s*|\s+)" + YEAR + r")?"),
        ("dmy", r"\b(?:(?:" + WD + "|" + WDABBR + r"),?[ \t]+)?(?:the\s+)?" + DAY + r"\s+(?:of\s+)?"
         + MONTH + r"(?:,?\s+" + YEAR + r")?"),
        ("month_year", r"\b(?:" + EDGE + r"[\s-]+)?" + MONTH + r"(?:\s+of)?,?\s+" + YEAR),
        ("month", r"(?:\b(?P<rel>last|next|this|(?:the\s+)?(?:end|beginning|start|middle)\s+of)[\s-]+|\b" + EDGE
         + r"[\s-]+)?\b" + MONTH),
        ("year", r"(?:\b(?P<fiscal>fiscal(?:\s+year)?|FY)\s*|\b" + EDGE + r"[\s-]+|\b(?:the\s+)?(?P<yr>year)\s+|"
         r"\bthe\s+(?=(?:1[6-9]|20)\d\d\s+fiscal\s+year\b))?"
         r"(?<![\d$€£.,/])(?<!\d-)\b" + YEAR + r"\b(?![-–/]\d|,\d|\.\d)(?P<fiscal2>\s+fiscal\s+year\b)?"),
        ("short_year", r"(?<![\w'])['’](?P<yy>\d\d)\b(?!['’]?s)"),
        ("decade", r"\b(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?(?P<dec>(?:1[6-9]|20)\d0|['’]?\d0)['’]?s\b"),
        # "the nineties", "the late eighties" (never "their twenties": an age)
        ("decade_word", r"\bthe\s+(?:(?P<edge>early|mid|late)[\s-]+)?(?P<dw>" + _alt(w.decade_words) + r")\b(?!-)"),
        ("quarter", r"\b(?:the\s+(?![\w]+-(?:quarter|half)\b))?(?:(?P<fq>fiscal)\s+|financial\s+)?(?P<ord>first|second|"
         r"third|fourth|final|last|1st|2nd|3rd|4th)[\s-]+(?:(?P<fq2>fiscal)\s+|(?:financial|calendar)\s+)?(?P<qh>quarter|half)"
         r"(?:\s+of\s+(?:(?:the\s+)?(?:(?P<rel>this|last|next|previous|current|same)\s+)?(?:fiscal\s+)?year|"
         r"(?P<fq3>fiscal\s+(?:year\s+)?|FY\s*)?" + YEAR + r"))?"),
        ("century", r"\b(?:the\s+)?(?:(?P<edge>early|mid|late)[\s-]+)?(?P<ord>(?:[1-9]|1\d|2[01])(?:st|nd|rd|th)|"
         + _alt(w.ordinals) + r")[\s-]+century\b"),
        # "Q3 2009", "FY2009-Q2", "fiscal Q2": a fiscal period keeps TIMEX2's FY prefix
        ("quarter_code", r"\b(?:(?P<fq>FY)\s*(?P<fyear>(?:1[6-9]|20)\d\d)[\s-]?|(?P<fq2>fiscal)\s+)?(?P<q>Q[1-4]|H[12])"
         r"(?:(?:\s+|/|-)?(?P<fq3>FY\s*)?" + YEAR + r")?\b"),
        ("season", r"\b(?:(?P<rel>this|last|next|early|late|the|this\s+past|this\s+coming)\s+)?(?P<season>"
         + seasons + r")\b(?:\s+(?:of\s+)?" + YEAR + r")?"),
        ("weekday", r"\b(?:(?P<rel>last|next|this|this\s+coming|coming|past|previous)\s+|(?:early|late|earlier|later)\s+)?" + WD
         + r"(?:\s+" + POD + r")?\b"),
        ("deictic", r"\b(?:(?P<pre>earlier|later|early|late)\s+)?(?P<word>today|yesterday|tomorrow|tonight|"
         r"the\s+day\s+before\s+yesterday|the\s+day\s+after\s+tomorrow)(?:\s+" + POD + r")?\b"),
        # "oil rose overnight": the night before (the adverb only; not "almost overnight" =
        # suddenly, nor "the overnight rate")
        ("overnight", r"(?<!almost\s)(?<!nearly\s)(?<!virtually\s)(?<!literally\s)(?<!practically\s)"
         r"(?<!seemingly\s)\bovernight\b(?=\s*(?:[,.;:)]|$)|\s+(?:in|on|at|as|after|before|and|to|from|while|when|"
         r"amid|following|with|but|or|trading)\b)"),
        ("this_pod", r"\b(?:(?:earlier|later|early|late)\s+)?(?P<rel>this|last|tomorrow|yesterday)\s+" + POD + r"\b"),
        # "that evening", "the next morning": a part of the day last named, or of the one after/before
        ("rel_pod", r"\b(?:that|(?:the\s+)?(?P<rel>next|following|previous|same))\s+(?P<pod>morning|afternoon|evening|night)\b"),
        # a part of the day on the day in focus: "fell in the afternoon", "in early morning
        # trading", "mid-morning"; never "the night of ..." (the day named next completes it)
        ("pod", r"(?:\b(?:in|during|by|on|until|till|through|into|throughout|since|from)\s+(?P<core>the\s+"
         r"(?:(?:early|late)\s+)?(?P<pod>morning|afternoon|evening|night))\b(?!\s+(?:of|before|after|when)\b|-)"
         r"|\b(?:(?:early|late|mid)[\s-]+)?(?P<pod2>morning|afternoon|evening)"
         r"(?=\s+(?:trading|trade|deals|dealings|session)\b)|\b(?:mid|late|early)[\s-]+(?P<pod3>morning|afternoon|evening)\b)"),
        # "the last day of the month", "the first week of next year": the first or last part
        # of a period; "the last day of trading": the day in focus (as "the day")
        ("period_part", r"\bthe\s+(?P<pos>first|last|final)\s+(?P<unit>day|week|month)\s+of\s+(?:the\s+)?"
         r"(?:(?P<rel>this|last|next|current|previous|coming)\s+)?(?P<of>week|month|quarter|year)\b(?!-)"),
        ("trading_day", r"\b(?P<core>the\s+(?:first|last|final)\s+(?:trading\s+)?day)\s+of\s+"
         r"(?:trading|the\s+(?:trading\s+)?session)\b"),
        ("rel_unit", r"\b(?:(?P<pre>earlier|later|early|late)\s+)?(?P<rel>last|this|next|this\s+past|this\s+coming|the\s+current|"
         r"the\s+coming|the\s+previous|the\s+prior|the\s+following|the\s+same|that\s+same|that|the\s+last|"
         r"the(?=\s+(?:day|week|month|year)\s+(?:previous|before|earlier)\b))\s+(?P<unit>day|week|weekend|month|year|"
         r"quarter|decade|century)\b(?:\s+(?P<post>previous|before|earlier))?"),
        # "the week before last": two units back from the reference
        ("before_last", r"\b(?:the\s+)?(?P<unit>week|weekend|month|year)\s+before\s+last\b"
         r"(?!\s+(?:day|night|week|weekend|month|quarter|year|season|time|[A-Z]\w*\b)|['’])"),
        ("same_period", r"\b(?:(?:the\s+)?same\s+(?P<unit>day|week|month|quarter|period|time)|this\s+(?P<unit2>time))\s+"
         r"(?:(?:a|one)\s+year\s+"
         r"(?:ago|earlier|before)|last\s+year|(?:of\s+)?the\s+(?:previous|prior)\s+year|(?:of\s+)?the\s+year\s+before)\b"),
        ("year_ago_period", r"\b(?:the\s+)?(?:year[\s-]+(?:ago|earlier|before)|(?:prior|previous)[\s-]+year)[\s-]+"
         r"(?P<unit>quarter|half|period|month|week)\b"),
        ("the_quarter", r"\b(?:for|in|during|over|from|end(?:s|ed|ing)?|finish(?:es|ed|ing)?|clos(?:e|es|ed|ing)?)\s+"
         r"(?P<core>the\s+(?:(?:latest|current|most\s+recent|recent|just[\s-]+ended)\s+)?quarter)\b"
         r"(?!\s+(?:of|before|after|when|since|that|which|earlier|later|ago)\b|-)"),
        ("unit_end", r"\b(?:the\s+(?!\w+-end))?(?P<unit>year|quarter|month)[\s-]+end\b(?![\s-]+of\b)"),
        # "for a third straight day", "the fourth consecutive week", "(gains) for fourth week": the
        # latest of a run of periods, the one in focus
        ("nth_in_run", r"(?:\b(?:the|a|an)\s+)?\b(?P<ord>second|third|fourth|fifth|sixth|seventh|eighth|ninth|tenth|"
         r"\d+(?:st|nd|rd|th))\s+(?:(?P<run>straight|consecutive|successive)\s+)?(?P<unit>day|week|month|quarter|year)"
         r"\b(?!\s+of\b|-)"),
        ("edge_unit", r"\b(?:the\s+)?(?P<edge>end|beginning|start|middle|close|turn|rest)\s+of\s+(?:the\s+)?"
         r"(?P<rel>this|last|next|previous|current|coming)?\s*(?P<unit>week|month|year|quarter|decade|century)\b"),
        ("ago", r"\b(?:(?P<approx>about|around|nearly|almost|roughly|some|more\s+than|less\s+than|over|just|only)\s+)?"
         r"(?P<num>" + FRACTION + "|" + NUM + "|" + VAGUE + r")[\s-]+" + UNIT + r"\s+(?:(?P<sig>ago|earlier|later|hence|from\s+now)\b(?!\s+than\b)"
         r"|(?P<sig2>before|after)(?=\s*(?:[,.;:)]|$)))"),
        # "years ago"; "days later", "weeks earlier" (the narrative's future or past, uncounted)
        ("ago_vague", r"\b(?P<unit>years|months|weeks|days|decades)\s+(?P<sig>ago|later|earlier)\b(?!\s+than\b)"),
        ("duration", r"\b(?=\w)(?:(?P<approx>about|around|nearly|almost|roughly|some|more\s+than|less\s+than|over|under|at\s+least|"
         r"up\s+to|just|only)\s+(?!the\b))?(?P<the>the\s+(?![\w,.]+-\w))?"
         # "will last 48 hours", "to last several weeks": the verb, not "the last 48 hours"
         r"(?:(?!last\b)|(?<!\bwill\s)(?<!\bto\s)(?<!\bwould\s)(?<!\bcould\s)(?<!\bmay\s)(?<!\bmight\s)"
         r"(?<!\bshould\s)(?<!\bcan\s)(?<!\bmust\s)(?<!\bnot\s)(?<!\bcannot\s)(?<!n't\s)(?<!'ll\s))"
         r"(?:(?P<dir>past|last|next|coming|following|previous|first|final|"
         r"same|preceding)\s+)?(?!an?\s+[a-z]+-(?:long|old)\b)(?P<num>" + FRACTION + "|" + NUM + "|" + VAGUE + r")[\s-]+(?:(?:consecutive|straight|full|trading|"
         r"business|working|calendar|single)[\s-]+)?" + UNIT + r"(?P<half>\s+and\s+a\s+half)?(?P<adj>-long|-old)?\b"),
        ("dir_unit", r"\b(?:(?P<approx>over|within|during|for)\s+)?(?P<core>(?P<the>the\s+)(?P<dir>past|last|next|coming|following|previous)\s+"
         r"(?P<unit>day|week|month|year|decade|century|hour))\b(?!\s+of\b)"),
        # "the last hour of trading": a stretch of the session (as "the first three quarters" of a year)
        ("session_part", r"\b(?P<core>the\s+(?:last|final|first|opening|closing)\s+(?:(?P<num>" + NUM + r")\s+)?"
         r"(?P<unit>hour|minute)(?P<pl>s)?)\s+of\s+(?:trading|the\s+(?:trading\s+)?(?:session|day))\b"),
        ("weekend", r"\b(?:over|during|at|on|for|this|last|next|through|throughout|until|till|by|into)\s+"
         r"(?P<core>(?:the\s+)?weekend)\b(?!\s+of\b)"),
        ("fuzzy_range", r"\b(?:(?P<the>the)\s+)?(?P<w>" + _alt(w.past_range_words + w.future_range_words)
         + r")\s+(?P<unit>days|weeks|months|years|decades)\b"),
        # "in the days ahead", "for years to come"; not "two years ahead of schedule" (a count)
        ("ahead_range", r"(?:\bthe\s+|(?<=\bin\s)|(?<=\bfor\s)|(?<=\bover\s)|(?<=\bof\s)|(?<=\binto\s))"
         r"(?P<unit>days|weeks|months|years)\s+(?:ahead|to\s+come)\b"),
        # "a week-long strike", "decades-long", "a multi-year deal": a duration as a modifier
        ("unit_long", r"\b(?:multi-(?P<multi>second|minute|hour|day|week|month|year|decade)|(?<!-)(?P<unit>second|minute|"
         r"hour|day|week|month|year|decade|centur(?:y|ie))(?P<pl>s)?-long)\b"),
        ("vague_plural", r"\b(?P<lead>over(?=\s+the\s)|for|in|within|only|just|mere|(?:last|take)(?:s|ed|ing)?|took)\s+(?P<core>(?:the\s+)?(?P<unit>years|months|weeks|decades|"
         r"hours|minutes|days))\b"),
        ("fuzzy", r"\b(?<!-)(?<!\bas\s)(?:" + _alt(w.fuzzy) + r")\b(?!\s+(?:of|after|before|afterwards?|thereafter)\b|-\w)"),
        ("fuzzy_adj", r"\b(?P<word>" + _alt(w.fuzzy_adjectives) + r")\b(?=[ \t]+(?P<next>[A-Za-z][\w-]*))"),
        ("term_adj", r"\b(?P<word>" + _alt(w.term_adjectives) + r")\b(?=[ \t]+(?P<next>[A-Za-z][\w-]*))"),
        ("period_adj", r"\b(?P<word>" + _alt(w.period_adjectives) + r")\b(?!-)"),
        ("set_word", r"\b(?P<word>" + _alt(w.sets) + r")\b"),
        ("weekday_set", r"\b(?:on|every|most|many|some)\s+(?P<core>" + WD + r"s)\b"),
        ("set_every", r"\b(?:(?P<freq>once|twice|three\s+times|\d+\s+times)\s+(?:a|an|per|each|every)|every|each|per)\s+"
         r"(?:(?P<num>" + NUM + r"|other)\s+)?(?:" + UNIT + "|" + WD + r")\b"),
        # "every spring", "each evening": the season or part of day, every year or day
        ("set_part", r"\b(?:every|each)\s+(?:(?P<sea>" + seasons + r")|(?P<spod>morning|afternoon|evening|night))\b(?!-)"),
        ("time", r"\b(?P<h>[01]?\d|2[0-3])(?:[:.](?P<m>[0-5]\d))?\s*(?P<ampm>[ap]\.\s?m\.|[ap]m\b)"
         r"(?:\s*\(?\s*" + CLOCK_TZ + r"(?:\s*(?P<off>[+-]\s*\d{1,2}))?(?:\s*\))?)?(?P<local>\s+local\s+time\b)?"),
        ("time24", r"\b(?P<h>[01]?\d|2[0-3]):(?P<m>[0-5]\d)(?!\d)(?:\s*\(?" + CLOCK_TZ + r"(?:\s*(?P<off>[+-]\s*\d{1,2}))?\)?)?"
         r"(?P<local>\s+local\s+time\b)?"),
        ("time_mil", r"\b(?P<h>[01]\d|2[0-3])(?P<m>[0-5]\d)\s*(?:hours\s+)?" + TZ + r"\b"),
        ("noon", r"\b(?P<word>noon|midnight|midday)\b"),
        ("holiday", r"\b(?P<word>" + _cased(list(w.holidays) + list(w.floating_holidays)) + r")(?:\s+" + YEAR + r")?"),
        ("ordinal_day", r"\b(?:on|by|until|till|since|from|before|after)\s+(?P<core>the\s+(?P<day>[12]?\d|3[01])"
         r"(?:st|nd|rd|th))\b(?![ \t]*(?:of\b|-|[A-Za-z]*\s*(?:century|centuries|anniversary|time|times|floor|round|"
         r"place|birthday|day|week|month|year|minute|hour|amendment|edition|session|congress|term|[A-Z])))"),
        ("that_time", r"\b(?:by|at|until|till|since|before|after|from|to|around|about|on|of)\s+"
         r"(?P<core>that\s+(?:time|date|point|moment))\b"),
        ("the_day", r"\b(?:on|for|of|during|over|in|end(?:s|ed|ing)?|finish(?:es|ed|ing)?|clos(?:e|es|ed|ing)|"
         r"start(?:s|ed|ing)?|open(?:s|ed|ing)?)\s+(?P<core>(?:the|that)\s+(?:trading\s+)?day)\b(?!\s+(?:of|before|after|when)\b)"),
        ("the_period", r"\b(?:for|(?:earlier|later)\s+in|end(?:s|ed|ing)?|finish(?:es|ed|ing)?|clos(?:e|es|ed|ing)?)\s+(?P<core>the\s+"
         r"(?P<unit>week|month|year))\b(?!\s+(?:of|before|after|when|since|ahead|to|in|that|which|earlier|later|"
         r"before|ago)\b|-)"),
    ]
    compiled = tuple((name, re.compile(rx, re.IGNORECASE)) for name, rx in R)
    number_re = re.compile(r"\d+(?:\.\d+)?|" + NUMW + "|" + VAGUE, re.IGNORECASE)
    return Grammar(compiled, number_re)


# ------------------------------------------------------------------ finding


@dataclass
class _Cand:
    start: int
    end: int
    rule: str
    m: re.Match[str]
    priority: int


_WORDS = re.compile(r"[^\W_]+")
_MARGIN = 32  # characters around an anchor word a match may reach
# wider or narrower reach per anchor kind: (left, right); durations reach far to the left
# ("almost two and a half years"), numbers hardly at all ("the beginning of 2009")
_MARGINS = {"unit": (48, 24), "digit": (24, 24)}

# Each rule runs only near words of the kinds it cannot match without, so the regexes see a
# small share of the text (tagging stays a small fraction of parsing time).
RULE_ANCHORS: dict[str, tuple[str, ...]] = {
    "iso": ("digit",), "slash": ("digit",), "mdy": ("month",), "dmy": ("month",),
    "month_year": ("month",), "month": ("month",), "year": ("digit",), "short_year": ("digit",),
    "decade": ("digit",), "decade_word": ("decade_word",), "quarter": ("unit",), "quarter_code": ("code",), "century": ("unit",), "season": ("season",),
    "weekday": ("weekday",), "deictic": ("deictic",), "this_pod": ("pod",), "overnight": ("overnight",), "pod": ("pod",), "rel_pod": ("pod",), "rel_unit": ("unit",),
    "edge_unit": ("unit",), "period_part": ("unit",), "trading_day": ("unit",), "before_last": ("unit",), "same_period": ("unit",), "year_ago_period": ("unit",), "the_quarter": ("unit",), "unit_end": ("unit",), "nth_in_run": ("unit",),
    "ago": ("unit",), "ago_vague": ("unit",), "duration": ("unit",), "dir_unit": ("unit",),
    "weekend": ("unit",), "session_part": ("unit",), "fuzzy_range": ("unit",), "ahead_range": ("unit",), "unit_long": ("unit",), "vague_plural": ("unit",), "fuzzy": ("fuzzy",),
    "fuzzy_adj": ("fuzzy_adj",), "term_adj": ("term",),
    "set_word": ("set",), "period_adj": ("unit",), "set_every": ("unit", "weekday"), "weekday_set": ("weekday",), "set_part": ("season", "pod"), "time": ("digit",), "time24": ("digit",),
    "time_mil": ("digit",), "noon": ("noon",), "holiday": ("holiday",), "the_day": ("unit",),
    "that_time": ("anaphor",), "ordinal_day": ("ordinal",), "the_period": ("unit",),
}
_NOT_ANCHORS = frozenset("a an the in at for of and to on upon this that next last few some".split())

# A piece of text every match of the rule contains (its fixed words or digits). A window
# without it cannot hold a match, and one search for a short pattern is much cheaper than
# trying the whole rule at every position of the window (the year rule near a number that is
# not a year, the century rule near every "year"); windows that have it run the rule as before,
# so what is found does not change.
RULE_NEEDS: dict[str, str] = {
    "iso": r"\d-[01]\d-", "slash": "/", "dmy": r"\d", "month_year": r"(?:1[6-9]|20)\d\d",
    "year": r"(?:1[6-9]|20)\d\d", "decade": r"\d0['’]?s", "century": "century",
    "quarter": "quarter|half", "time": r"[ap]m|[ap]\.\s?m", "time24": r"\d:[0-5]\d",
    "time_mil": r"[0-2]\d[0-5]\d", "ago": "ago|earlier|later|hence|now|before|after",
    "dir_unit": "past|last|next|coming|following|previous", "before_last": "before",
    "year_ago_period": "ago|earlier|before|prior|previous", "unit_end": "end",
    "edge_unit": "end|beginning|start|middle|close|turn|rest", "unit_long": "multi-|-long",
    "period_part": r"\sof\s", "trading_day": r"\sof\s",
}


@lru_cache(maxsize=1)
def rule_needs() -> dict[str, re.Pattern[str]]:
    """RULE_NEEDS compiled (case as the rules: ignored)."""
    return {name: re.compile(rx, re.IGNORECASE) for name, rx in RULE_NEEDS.items()}


@lru_cache(maxsize=1)
def anchor_kinds() -> dict[str, frozenset[str]]:
    """Lower-case anchor word → the kinds of rules it can start (from the YAML word lists)."""
    w = time_words()
    kinds: dict[str, set[str]] = {}

    def add(kind: str, entries: Any) -> None:
        for entry in entries:
            for x in _WORDS.findall(str(entry).lower()):
                if x not in _NOT_ANCHORS:
                    kinds.setdefault(x, set()).add(kind)

    add("month", w.months)
    add("weekday", list(w.weekdays) + [k + "s" for k in w.weekdays if len(k) > 4])  # "on Mondays"
    add("season", w.seasons)
    add("decade_word", w.decade_words)
    add("pod", w.parts_of_day)
    add("unit", list(w.units) + [u + "s" for u in w.units] + ["centuries", "half"])
    add("fuzzy", [_WORDS.findall(e)[-1] for e in w.fuzzy])  # the last word is always in the match
    add("fuzzy_adj", w.fuzzy_adjectives)
    add("term", ["term"])
    add("set", w.sets)
    add("holiday", [_WORDS.findall(e)[0] for e in list(w.holidays) + list(w.floating_holidays)])
    add("deictic", ["today", "yesterday", "tomorrow", "tonight"])
    add("noon", ["noon", "midnight", "midday"])
    add("overnight", ["overnight"])
    add("anaphor", ["time", "date", "point", "moment"])
    add("code", ["q1", "q2", "q3", "q4", "h1", "h2"])
    add("digit", ["fiscal", "fy"])
    return {k: frozenset(v) for k, v in kinds.items()}


_DIGIT_WORD = re.compile(r"\d{1,4}(?:s|st|nd|rd|th|am|pm|T\d\d)?", re.IGNORECASE)


def _time_number(text: str, start: int, end: int) -> bool:
    """Can this digit word be part of a date or time? Not amounts (8,017 3.44 $40 1500000)."""
    if not _DIGIT_WORD.fullmatch(text, start, end):
        return False
    before = text[start - 2:start] if start >= 2 else text[:start]
    after = text[end:end + 2]
    if before[-1:] in "$€£" and before[-1:]:
        return False
    if before[-1:] == "," and before[:1].isdigit():
        return False  # the tail of a grouped number
    return not (after[:1] in ",." and after[1:2].isdigit() and not (after[:1] == "." and end - start <= 2))


_DIGIT_KINDS = frozenset({"digit"})
_ORDINAL_KINDS = frozenset({"digit", "ordinal"})  # 5th, 21st: also a day of the month alone
_ORDINAL_ENDS = frozenset({"st", "nd", "rd", "th"})


@lru_cache(maxsize=1)
def _anchor_re() -> re.Pattern[str]:
    """A whole anchor word, or a whole word starting with a digit, in lower-case text."""
    return re.compile(r"(?<![^\W_])(?:(?:" + _alt(anchor_kinds()) + r")(?![^\W_])|\d[^\W_]*)")


def windows(text: str) -> dict[str, list[tuple[int, int]]]:
    """For each anchor kind, disjoint character ranges around its words (digits: "digit").

    One regex over the lower-cased text finds the anchor words and skips the others without a
    Python step per word. When lower-casing changes the text's length ("İ" becomes two
    characters) its offsets would not be the text's, and every word is looked up instead.
    """
    table = anchor_kinds()
    out: dict[str, list[tuple[int, int]]] = {}
    n = len(text)
    low = text.lower()
    found = _anchor_re().finditer(low) if len(low) == n else _WORDS.finditer(text)
    for m in found:
        word = m.group(0).lower()
        kinds = table.get(word)
        if word[0].isdigit() and _time_number(text, m.start(), m.end()):
            kinds = (kinds or frozenset()) | (_ORDINAL_KINDS if word[-2:] in _ORDINAL_ENDS else _DIGIT_KINDS)
        if not kinds:
            continue
        for kind in kinds:
            left, right = _MARGINS.get(kind, (_MARGIN, _MARGIN))
            start, end = max(0, m.start() - left), min(n, m.end() + right)
            spans = out.setdefault(kind, [])
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], end)
            else:
                spans.append((start, end))
    return out


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    for lo, hi in sorted(spans):
        if out and lo <= out[-1][1]:
            out[-1] = (out[-1][0], max(hi, out[-1][1]))
        else:
            out.append((lo, hi))
    return out


def candidates(text: str) -> list[_Cand]:
    """Every match of every rule near its anchor words, before overlap resolution."""
    out = []
    by_kind = windows(text)
    needs = rule_needs()
    seen: set[tuple[int, int, str]] = set()
    for prio, (name, rx) in enumerate(grammar().rules):
        kinds = RULE_ANCHORS[name]
        spans = by_kind.get(kinds[0], []) if len(kinds) == 1 else _merge(
            [s for k in kinds for s in by_kind.get(k, [])])
        core = "core" in rx.groupindex  # the span is a part of the match (context excluded)
        need = needs.get(name)
        for lo, hi in spans:
            if need is not None and need.search(text, lo, hi) is None:
                continue
            for m in rx.finditer(text, lo, hi):
                start, end = m.span("core") if core and m.group("core") else m.span()
                if end > start and (start, end, name) not in seen:
                    seen.add((start, end, name))
                    out.append(_Cand(start, end, name, m, prio))
    return out


def resolve_overlaps(cands: list[_Cand]) -> list[_Cand]:
    """Longest match wins; ties go to the earlier rule; no two kept spans overlap."""
    kept: list[_Cand] = []
    taken: list[tuple[int, int]] = []
    for c in sorted(cands, key=lambda c: (-(c.end - c.start), c.priority, c.start)):
        if any(c.start < e and s < c.end for s, e in taken):
            continue
        kept.append(c)
        taken.append((c.start, c.end))
    return sorted(kept, key=lambda c: c.start)


# ------------------------------------------------------------------ values


def day_value(d: date) -> str:
    return d.isoformat()


def week_value(d: date) -> str:
    y, w, _ = d.isocalendar()
    return f"{y}-W{w:02d}"


def month_value(y: int, m: int) -> str:
    return f"{y:04d}-{m:02d}"


def add_months(d: date, n: int) -> date:
    total = d.year * 12 + (d.month - 1) + n
    y, m = divmod(total, 12)
    if not 1 <= y <= 9999:
        raise OverflowError(f"year {y} is out of range")
    return date(y, m + 1, min(d.day, calendar.monthrange(y, m + 1)[1]))


def quarter_of(d: date) -> int:
    return (d.month - 1) // 3 + 1


def parse_reference(value: str | None) -> date | None:
    """The date part of an ISO date/datetime string, None when absent or unreadable."""
    if not value:
        return None
    m = re.match(r"\s*(\d{4})-(\d{2})-(\d{2})", str(value))
    if not m:
        return None
    try:
        return date(int(m.group(1)), int(m.group(2)), int(m.group(3)))
    except ValueError:
        return None


def unit_letter(unit: str) -> str:
    u = unit.lower().rstrip("s")
    if u == "centurie":
        u = "century"
    return time_words().units.get(u, "X")


def parse_number(raw: str) -> float | None:
    """'three' → 3, 'twenty-five' → 25, 'two and a half' → 2.5, '18' → 18; None for vague words."""
    w = time_words()
    s = re.sub(r"\s+", " ", raw.lower().strip())
    if re.fullmatch(r"\d{1,3}(?:,\d{3})+", s):
        s = s.replace(",", "")
    half = 0.0
    if s.endswith(" and a half"):
        half, s = 0.5, s[: -len(" and a half")]
    if s in w.vague_numbers:
        return None
    if s in w.fractions:
        return w.fractions[s] + half
    try:
        return float(s) + half
    except ValueError:
        pass
    if s in w.numbers:
        return w.numbers[s] + half
    total = 0.0
    for part in re.split(r"[\s-]+", s):
        if part == "and" and total:
            continue  # "two hundred and fifty"
        if part not in w.numbers:
            return None
        n = w.numbers[part]
        total = total * n if n == 100 and total else total + n
    return total + half


def _fmt_num(n: float) -> str:
    return str(int(n)) if n == int(n) else f"{n:g}"


_SMALLER_TIME_UNIT = {"H": "M", "M": "S"}


def duration_value(n: float | None, unit: str) -> str:
    """TIMEX3 duration: P3Y, PT30M (also "half an hour"), P10Y for a decade (PXY for
    "decades"), PXW for an unknown count."""
    letter = unit_letter(unit)
    count = "X" if n is None else _fmt_num(n)
    if letter == "DE":
        return f"P{_fmt_num(n * 10)}Y" if n is not None else "PXY"  # in years, counted or not
    if letter == "CE":
        return f"P{_fmt_num(n * 100)}Y" if n is not None else "PXCE"
    if letter == "F":
        return f"P{_fmt_num(n * 2)}W" if n is not None else "PXW"
    if letter == "WE":
        return f"P{count}WE"
    if unit.lower().rstrip("s") in time_words().time_units:
        if n is not None and 0 < n < 1 and letter in _SMALLER_TIME_UNIT:
            # "half an hour" is PT30M, "a quarter of an hour" PT15M: a part of one hour or
            # minute in the next smaller unit ("two and a half hours" stays PT2.5H)
            return f"PT{_fmt_num(n * 60)}{_SMALLER_TIME_UNIT[letter]}"
        return f"PT{count}{letter}"
    return f"P{count}{letter}"


def shift(ref: date, n: int, unit: str) -> date:
    """ref moved by n units (day, week, month, quarter, year, decade)."""
    u = unit.lower().rstrip("s")
    if u in ("day",):
        return ref + timedelta(days=n)
    if u in ("week", "weekend", "fortnight"):
        return ref + timedelta(days=7 * n * (2 if u == "fortnight" else 1))
    if u == "month":
        return add_months(ref, n)
    if u == "quarter":
        return add_months(ref, 3 * n)
    if u == "year":
        return add_months(ref, 12 * n)
    if u == "decade":
        return add_months(ref, 120 * n)
    if u in ("century", "centurie"):
        return add_months(ref, 1200 * n)
    return ref


def period_value(d: date, unit: str) -> tuple[str, str]:
    """The TIMEX3 value of the unit-sized period holding d, and its precision."""
    u = unit.lower().rstrip("s")
    if u == "day":
        return day_value(d), "day"
    if u == "week":
        return week_value(d), "week"
    if u == "weekend":
        return week_value(d) + "-WE", "week"
    if u == "month":
        return month_value(d.year, d.month), "month"
    if u == "quarter":
        return f"{d.year}-Q{quarter_of(d)}", "quarter"
    if u == "half":
        return f"{d.year}-H{1 if d.month <= 6 else 2}", "half"
    if u == "decade":
        return f"{d.year // 10:03d}", "decade"
    if u in ("century", "centurie"):
        return f"{d.year // 100:02d}", "decade"
    return f"{d.year:04d}", "year"


def _unresolved(unit: str) -> tuple[str, str]:
    u = unit.lower().rstrip("s")
    return {"day": ("XXXX-XX-XX", "day"), "week": ("XXXX-WXX", "week"),
            "weekend": ("XXXX-WXX-WE", "week"), "month": ("XXXX-XX", "month"),
            "quarter": ("XXXX-QX", "quarter"), "decade": ("XXX", "decade")}.get(u, ("XXXX", "year"))


def weekday_date(ref: date, wd: int, direction: int) -> date:
    """The weekday nearest ref: direction -1 latest on/before, +1 earliest on/after,
    -2 strictly before, +2 strictly after, 0 the same ISO week, 3 the nearer either way."""
    delta = wd - ref.isoweekday()
    if direction == 0:
        return ref + timedelta(days=delta)
    if direction == 3:
        back, fwd = (-delta) % 7, delta % 7
        return ref - timedelta(days=back) if back <= fwd else ref + timedelta(days=fwd)
    if direction < 0:
        back = (-delta) % 7
        if back == 0 and direction == -2:
            back = 7
        return ref - timedelta(days=back)
    fwd = delta % 7
    if fwd == 0 and direction == 2:
        fwd = 7
    return ref + timedelta(days=fwd)


def _month_year(ref: date, month: int, day: int | None, tense: Tense) -> int:
    """The year of a month (and day) named without one, from the tense of its clause (in the
    present tense, the nearer one)."""
    named = (month, day or 1)
    now = (ref.month, ref.day if day else 1)
    if tense == PAST and named > now:
        return ref.year - 1
    if tense == FUTURE and named < now:
        return ref.year + 1
    if tense == PRESENT:  # "takes office on January 20", "the law takes effect in May": the nearer one
        day_in = min(day or 15, 28)
        return min((ref.year - 1, ref.year, ref.year + 1),
                   key=lambda y: abs((date(y, month, day_in) - ref).days))
    return ref.year


# ------------------------------------------------------------------ normalising


@dataclass
class _Ctx:
    text: str
    ref: date | None
    ref_anchor: str
    tense_of: TenseOf  # FUTURE_IN_PAST already read as FUTURE
    clause_tense: TenseOf  # as the caller gave it
    last_day: date | None = None  # the latest day-precise date mentioned (anaphora)
    last_point: _Point | None = None  # the latest calendar date of any granularity
    last_period: _Point | None = None  # the latest quarter or half named (earnings news' focus)
    last_clock: tuple[str, int] | None = None  # the latest clock time's value and where it ends
    compared_at: int | None = None  # where the latest "a year earlier" of a compared period starts

    def point_for(self, unit: str) -> _Point | None:
        """The latest date mentioned that is at least as precise as `unit` ("that year"
        needs a year, month or day; "that month" a month or day), if any."""
        p = self.last_point
        if p is None:
            return None
        needed = _GRANULARITY.get(unit.rstrip("s"), 0)
        return p if _GRANULARITY[p.precision] >= needed else None

    def same_sentence(self, p: _Point, start: int) -> bool:
        """Does no sentence end between the point's expression and `start`?"""
        # the break's look-ahead needs the first character of the expression itself
        return _SENTENCE_BREAK.search(self.text, p.end, start + 1) is None


_GRANULARITY = {"year": 1, "half": 2, "quarter": 3, "season": 3, "month": 4, "week": 5, "weekend": 5, "day": 6}
_SENTENCE_BREAK = re.compile(r"[.!?][\"'”’)]*\s+(?=[\"'“‘(]*[A-Z0-9])|\n")
_CALENDAR_VALUE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?:T|$)")
_CLOCK_VALUE = re.compile(r"^(\d{4}-\d{2}-\d{2})T(\d{2}):(\d{2})(.*)$")


@dataclass(frozen=True)
class _Point:
    """A date the text has mentioned: the narrative's reference time at that point."""

    d: date
    precision: str  # year | half | quarter | month | day
    end: int  # where its expression ends in the text
    explicit: bool  # the text named it in full (anchor "text"), not relative to the reference
    narrative: bool  # it sets the time of the story ("in 2009"), not a bound ("since 1989")


_BOUND_BEFORE = re.compile(r"\b(?:since|by|until|till|before|after|from|to|than|through|between|and)\s+$",
                          re.IGNORECASE)


_PERIOD_VALUE = re.compile(r"^(?:FY)?(\d{4})-([QH])([1-4])$")
_SEASON_VALUE = re.compile(r"^(\d{4})-(SP|SU|FA|WI)$")


def _point_of(t: Timex, text: str) -> _Point | None:
    """The calendar date a DATE/TIME value names (2009, 2009-03, 2009-03-05, and the first
    day of a quarter 2009-Q3 or half 2009-H2; a season 2009-SU as its year), if it names one."""
    if t.type not in ("DATE", "TIME"):
        return None
    period = _PERIOD_VALUE.match(t.value)
    m = _CALENDAR_VALUE.match(t.value)
    season = _SEASON_VALUE.match(t.value)
    if season is not None:  # "the summer of 2015 ... a year later": a point of the year's precision
        precision = "year"  # (winter, which spans the new year, starts it in January)
        d = _safe_date(int(season.group(1)), _SEASON_MONTHS.get(season.group(2), (1, 2))[0], 1)
    elif period is not None:
        half = period.group(2) == "H"
        if half and period.group(3) not in "12":
            return None
        precision = "half" if half else "quarter"
        d = _safe_date(int(period.group(1)), (int(period.group(3)) - 1) * (6 if half else 3) + 1, 1)
    elif m is not None:
        precision = "day" if m.group(3) else "month" if m.group(2) else "year"
        d = _safe_date(int(m.group(1)), int(m.group(2) or 1), int(m.group(3) or 1))
    else:
        return None
    if d is None:
        return None
    bound = _BOUND_BEFORE.search(text, max(0, t.start - 10), t.start) is not None
    return _Point(d, precision, t.end, t.anchor == "text", not bound)


def _g(m: re.Match[str], name: str) -> str | None:
    try:
        return m.group(name)
    except IndexError:
        return None


def _low(s: str | None) -> str:
    return re.sub(r"\s+", " ", s.lower()) if s else ""


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    y = int(raw)
    if len(raw) == 2:
        y += 1900 if y > 40 else 2000
    return y


def _month(raw: str | None) -> int | None:
    if not raw:
        return None
    return time_words().months.get(raw.lower().rstrip("."))


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


Result = tuple[str, str, str | None, str | None] | None  # type, value, precision, anchor


def _norm_calendar(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    month = _month(_g(m, "month")) or (int(_g(m, "mon") or 0) or None)
    day = int(_g(m, "day") or 0) or None
    year = _year(_g(m, "year"))
    if month is None or not 1 <= month <= 12 or (day is not None and not 1 <= day <= 31):
        return None
    if day is None:
        return None
    anchor = "text"
    if year is None:
        if ctx.ref is None:
            return "DATE", f"XXXX-{month:02d}-{day:02d}", "day", None
        year = _sentence_year(ctx, c.start) or _month_year(ctx.ref, month, day, ctx.tense_of(c.start, c.end))
        anchor = ctx.ref_anchor
    d = _safe_date(year, month, day)
    if d is None:
        return None
    ctx.last_day = d
    hh, mm = _g(m, "hh"), _g(m, "mm")
    if hh and mm:
        return "TIME", f"{d.isoformat()}T{hh}:{mm}", "day", anchor
    return "DATE", d.isoformat(), "day", anchor


def _norm_month(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    raw = _g(m, "month") or ""
    month = _month(raw)
    if month is None:
        return None
    year = _year(_g(m, "year"))
    rel = _low(_g(m, "rel"))
    edge = _low(_g(m, "edge"))
    if year is None and raw.lower().rstrip(".") in time_words().ambiguous_months and not (rel or edge):
        before = ctx.text[max(0, c.start - 12):c.start].lower()
        if not re.search(r"\b(in|since|until|till|by|from|through|during|before|after|of|to|and|or|between|"
                         r"early|mid|late|last|next|this|every|each|(?:early|late|soon)\s+as|as\s+of)\s*$", before):
            return None
    if year is not None:
        return "DATE", month_value(year, month), "month", "text"
    if ctx.ref is None:
        return "DATE", f"XXXX-{month:02d}", "month", None
    if rel == "last":
        y = ctx.ref.year if month < ctx.ref.month else ctx.ref.year - 1
    elif rel == "next":
        y = ctx.ref.year if month > ctx.ref.month else ctx.ref.year + 1
    elif rel == "this":
        y = ctx.ref.year
    else:
        y = _sentence_year(ctx, c.start) or _month_year(ctx.ref, month, None, ctx.tense_of(c.start, c.end))
    return "DATE", month_value(y, month), "month", ctx.ref_anchor


def _sentence_year(ctx: _Ctx, start: int) -> int | None:
    """The year a month or day named without one takes from the narrative: the year of a
    date set shortly before in the same clause ("took leave in early 2009 and returned in
    June"), when that date was named in full or as a year ("last year, in March")."""
    p = ctx.last_point
    if p is None or not p.narrative or not (p.explicit or p.precision == "year"):
        return None
    between = ctx.text[p.end:start]
    if len(between) > 80 or _CLAUSE_BREAK.search(between):
        return None  # another clause may have its own time ("since 2003, and that as of May")
    return p.d.year if ctx.same_sentence(p, start) else None


_CLAUSE_BREAK = re.compile(r"[;:]|\b(?:that|which|who|whom|where|while|whereas|but|although|though|"
                           r"because|said|says|say)\b", re.IGNORECASE)


_SHORT_YEAR_LEAD = frozenset("in since of from until till to by the early late mid and or class "
                             "summer spring autumn fall winter".split())


_YEAR_PREPOSITION = re.compile(r"\b(?:in|since|until|till|by|from|during|before|after|through|of)\s+$", re.IGNORECASE)


def _norm_year(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    if c.rule == "short_year":
        before = re.search(r"([A-Za-z]+)\W{0,2}$", ctx.text[max(0, c.start - 14):c.start])
        word = before.group(1).lower() if before else ""
        if word not in _SHORT_YEAR_LEAD and _month(word) is None:
            return None  # "iLife '11", "Windows '98": a version, not a year
        y = _year(_g(m, "yy"))
    else:
        y = _year(_g(m, "year"))
        if not (_g(m, "fiscal") or _g(m, "fiscal2") or _g(m, "yr") or _g(m, "edge")):
            after = _NEXT_WORDS.match(ctx.text, c.end)
            if (after is not None and after.group(1).lower() in time_words().count_nouns
                    and not _YEAR_PREPOSITION.search(ctx.text, max(0, c.start - 10), c.start)):
                return None  # "cut 2000 jobs", "fell 1997 points": a count, not a year ("in 2009 people ...")
    if y is None:
        return None
    if _g(m, "fiscal") or _g(m, "fiscal2"):
        return "DATE", f"FY{y}", "year", "text"
    return "DATE", str(y), "year", "text"


def _norm_decade(c: _Cand, ctx: _Ctx) -> Result:
    raw = (_g(c.m, "dec") or "").lstrip("'’")
    if len(raw) == 4:
        return "DATE", raw[:3], "decade", "text"
    return "DATE", "19" + raw[0], "decade", "text"


def _norm_decade_word(c: _Cand, ctx: _Ctx) -> Result:
    """"the nineties": the latest such decade begun by the reference year (the 1990s in 2021,
    "the twenties" the 2020s), or in a future clause the next one to come; the 1900s' without
    a reference."""
    digit = time_words().decade_words.get(_low(_g(c.m, "dw")))
    if digit is None:
        return None
    century = 19
    if ctx.ref is not None:
        start = 2000 + digit * 10
        ahead = ctx.tense_of(c.start, c.end) == FUTURE
        # "expires in the twenties" (2016): the one to come; "began in the twenties" (2021): begun
        if start <= ctx.ref.year or (ahead and start + 9 >= ctx.ref.year):
            century = 20
    return "DATE", f"{century}{digit}", "decade", "text"


def _norm_century(c: _Cand, ctx: _Ctx) -> Result:
    """"the 19th century", "the twentieth century": TIMEX3's two-digit century (18, 19)."""
    raw = _low(_g(c.m, "ord"))
    n = time_words().ordinals.get(raw) or int(re.sub(r"\D", "", raw) or 0)
    if not 1 <= n <= 21:
        return None
    return "DATE", f"{n - 1:02d}", "decade", "text"


def _norm_quarter(c: _Cand, ctx: _Ctx) -> Result:
    """A quarter or half; one of a fiscal year ("the fiscal second quarter", "FY2009-Q2") keeps
    the FY prefix TIMEX2 gives fiscal periods (FY2009-Q2), as "fiscal 2009" is FY2009."""
    res = _calendar_quarter(c, ctx)
    if res is not None and any(_g(c.m, g) for g in ("fq", "fq2", "fq3")):
        return res[0], "FY" + res[1], res[2], res[3]
    return res


def _calendar_quarter(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    if c.rule == "quarter_code":
        code = (_g(m, "q") or "").upper()
        named = _g(m, "year") or _g(m, "fyear")
        y = _year(named)
        if y is None and ctx.ref is not None:
            y = _period_year(ctx, ctx.ref, c, int(code[1]), 4 if code[0] == "Q" else 2)
        return "DATE", f"{y if y else 'XXXX'}-{code}", "quarter", "text" if named else ctx.ref_anchor
    ordinal = _low(_g(m, "ord"))
    half = _low(_g(m, "qh")) == "half"
    n = {"first": 1, "1st": 1, "second": 2, "2nd": 2, "third": 3, "3rd": 3, "fourth": 4, "4th": 4}.get(ordinal)
    y = _year(_g(m, "year"))
    anchor = "text"
    rel = _low(_g(m, "rel"))
    if y is None:
        if ctx.ref is None:
            return "DATE", f"XXXX-{'H' if half else 'Q'}{n or 'X'}", "quarter", None
        y = ctx.ref.year + {"last": -1, "previous": -1, "next": 1}.get(rel, 0)
        if n is not None and not rel:
            y = _period_year(ctx, ctx.ref, c, n, 2 if half else 4)
        anchor = ctx.ref_anchor
        if n is None and not rel:  # "the last quarter": the latest one completed before the reference
            q = quarter_of(ctx.ref) - 1
            if half:
                return "DATE", f"{y if q >= 2 else y - 1}-H{2 if q < 2 else 1}", "quarter", anchor
            return "DATE", f"{y if q >= 1 else y - 1}-Q{q if q >= 1 else 4}", "quarter", anchor
    if n is None:
        n = 2 if half else 4
    return "DATE", f"{y}-{'H' if half else 'Q'}{n}", "quarter", anchor


def _period_year(ctx: _Ctx, ref: date, c: _Cand, n: int, per_year: int) -> int:
    """The year of the n-th quarter (per_year 4) or half (2) named without one: the year
    the clause sets ("in 2008, ... in the fourth quarter"), else the reference year, the one
    before when a past clause names a period still ahead ("profit rose in the fourth
    quarter", published in January), the one after when a future clause names one gone."""
    carried = _sentence_year(ctx, c.start)
    if carried is not None:
        return carried
    now = (ref.month - 1) * per_year // 12 + 1
    tense = ctx.tense_of(c.start, c.end)
    if tense == FUTURE and n == (now - 2) % per_year + 1 and _results_follow(ctx.text, c.end):
        # "will report second-quarter earnings" in July: the results of the period just ended
        return ref.year if n < now else ref.year - 1
    if tense == PAST and n > now:
        return ref.year - 1
    if tense == FUTURE and n < now:
        return ref.year + 1
    return ref.year


def _results_follow(text: str, end: int) -> bool:
    """Does a noun for a period's results or amounts follow ("second-quarter (net) earnings")?"""
    after = _NEXT_WORDS.match(text, end)
    w = time_words()
    return after is not None and any(x and (x.lower() in w.amount_nouns or x.lower() in w.result_nouns)
                                     for x in after.groups())


_SEASON_MONTHS = {"SP": (3, 5), "SU": (6, 8), "FA": (9, 11)}  # winter spans the new year


def _norm_season(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    word = _low(_g(m, "season"))
    code = time_words().seasons.get(word)
    rel = _low(_g(m, "rel"))
    y = _year(_g(m, "year"))
    if code is None:
        return None
    name = _NEXT_WORDS.match(ctx.text, m.end("season"))
    if (y is None and ctx.text[m.start("season")].isupper() and name is not None
            and _NAME_WORD.fullmatch(name.group(1))):
        return None  # "the Winter Olympics", "the Summer Palace": a name, not the season
    if word == "fall" and not (y or rel in ("this", "last", "next", "early", "late", "this past", "this coming")):
        return None
    if y is not None:
        return "DATE", f"{y}-{code}", "season", "text"
    if ctx.ref is None:
        return "DATE", f"XXXX-{code}", "season", None
    y = ctx.ref.year - (1 if code == "WI" and ctx.ref.month <= 2 else 0)
    carried = _sentence_year(ctx, c.start) if rel in ("", "the", "early", "late") else None
    if carried is not None:  # "began in August 2007 and deepened over the summer"
        y = carried
    elif rel in ("last", "this past"):
        y -= 1
    elif rel in ("next", "this coming"):
        y += 1
    elif code in _SEASON_MONTHS and rel in ("", "the", "early", "late"):
        first, last = _SEASON_MONTHS[code]
        tense = ctx.tense_of(c.start, c.end)
        if tense == PAST and first > ctx.ref.month:
            y -= 1  # "the plant closed in the summer", published in March
        elif tense == FUTURE and last < ctx.ref.month:
            y += 1
    return "DATE", f"{y}-{code}", "season", ctx.ref_anchor


def _pod_suffix(m: re.Match[str]) -> str | None:
    pod = _low(_g(m, "pod"))
    return time_words().parts_of_day.get(pod) if pod else None


def _day(value: str, pod: str | None, anchor: str | None) -> Result:
    """A day value; a TIME at that part of the day when one is named ("this morning")."""
    return ("TIME", f"{value}T{pod}", "day", anchor) if pod else ("DATE", value, "day", anchor)


def _norm_weekday(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    wd = time_words().weekdays.get((_g(m, "wd") or "").lower())
    if wd is None:
        return None
    rel = _low(_g(m, "rel"))
    pod = _pod_suffix(m)
    if ctx.ref is None:
        return _day(f"XXXX-WXX-{wd}", pod, None)
    if rel in ("last", "past", "previous"):
        direction = -2
    elif rel in ("next", "coming", "this coming"):
        direction = 2
    elif rel == "this":
        direction = 0
    else:
        tense = ctx.clause_tense(c.start, c.end)
        until = re.search(r"\b(?:until|till)\s+$", ctx.text[max(0, c.start - 8):c.start], re.I)
        # "closed until Friday" looks ahead; a present-tense clause ("opens on Monday") or a
        # future seen from the past ("said it would vote on Monday") takes the nearer one
        direction = 1 if tense == FUTURE or until else 3 if tense in (PRESENT, FUTURE_IN_PAST) else -1
        if tense == PRESENT and _NEXT_IN_CLAUSE.search(ctx.text, max(0, c.start - 40), c.start):
            direction = 1  # "the club plays its next match on Sunday": ahead
    d = weekday_date(ctx.ref, wd, direction)
    ctx.last_day = d
    return _day(d.isoformat(), pod, ctx.ref_anchor)


# "next"/"upcoming" earlier in a present-tense clause, no sentence or clause break between
_NEXT_IN_CLAUSE = re.compile(r"\b(?:next|upcoming)\b[^.;:!?\n]*$", re.IGNORECASE)


def _norm_deictic(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    word = _low(_g(m, "word") or _g(m, "rel"))
    offset = {"today": 0, "tonight": 0, "this": 0, "yesterday": -1, "last": -1, "tomorrow": 1,
              "the day before yesterday": -2, "the day after tomorrow": 2}.get(word)
    if offset is None:
        return None
    pod = _pod_suffix(m) or ("NI" if word in ("tonight", "last") and c.rule != "this_pod" else None)
    if c.rule == "this_pod" and word == "last":
        pod = _pod_suffix(m)
        offset = -1 if pod == "NI" else 0
        if pod != "NI":
            return None  # "last morning" is not a date
    if word == "today" and not pod and not _g(m, "pre") and _generic_today(ctx.text, c.end):
        return "DATE", "PRESENT_REF", "range", None
    if ctx.ref is None:
        return _day("XXXX-XX-XX", pod, None)
    d = ctx.ref + timedelta(days=offset)
    ctx.last_day = d
    return _day(d.isoformat(), pod, ctx.ref_anchor)


_POSSESSED = re.compile(r"['’]s[ \t]+([A-Za-z][\w&-]*)(?:[ \t]+([a-z][\w-]*))?")
_NAME_AFTER = re.compile(r"['’]s((?:[ \t]+[A-Z][\w&.-]*){1,4})")


def _generic_today(text: str, end: int) -> bool:
    """"today's consumers", "today's GM": the present age (PRESENT_REF), not the day; "today's
    vote", "today's Financial Times" stay the day."""
    m = _POSSESSED.match(text, end)
    if m is None:
        return False
    w = time_words()
    first = m.group(1)
    if first[0].isupper():
        name = _NAME_AFTER.match(text, end)
        words = name.group(1).lower().split() if name else []
        return not any(x.rstrip(".") in w.today_edition_words for x in words)
    return first.lower() in w.generic_today_nouns or (m.group(2) or "").lower() in w.generic_today_nouns


def _norm_overnight(c: _Cand, ctx: _Ctx) -> Result:
    """"prices rose overnight": the night before the reference day, as "last night" (TIMEX3
    TIME, TNI); "will be held overnight": the coming night."""
    if ctx.ref is None:
        return "TIME", "XXXX-XX-XXTNI", "day", None
    offset = 0 if ctx.tense_of(c.start, c.end) == FUTURE else -1
    return "TIME", f"{(ctx.ref + timedelta(days=offset)).isoformat()}TNI", "day", ctx.ref_anchor


def _norm_pod(c: _Cand, ctx: _Ctx) -> Result:
    """"in the afternoon", "morning trading", "that evening": that part of the day last named,
    else of the reference day; "the next morning" of the day after."""
    word = _low(_g(c.m, "pod") or _g(c.m, "pod2") or _g(c.m, "pod3"))
    pod = time_words().parts_of_day.get(word)
    if pod is None:
        return None
    day = ctx.last_day or ctx.ref
    if day is None:
        return _day("XXXX-XX-XX", pod, None)
    anchor = "previous" if ctx.last_day else ctx.ref_anchor
    step = {"next": 1, "following": 1, "previous": -1}.get(_low(_g(c.m, "rel")), 0)
    if step:
        day = ctx.last_day = day + timedelta(days=step)
    return _day(day.isoformat(), pod, anchor)


def _narrative_base(ctx: _Ctx, unit: str) -> tuple[date, str] | None:
    """The date an anaphoric expression ("that year", "the previous month") refers back to:
    the latest date mentioned at least as precise as `unit`, else the reference date."""
    p = ctx.point_for(unit)
    if p is not None:
        return p.d, "previous"
    if unit == "day" and ctx.last_day is not None:
        return ctx.last_day, "previous"
    return (ctx.ref, ctx.ref_anchor) if ctx.ref is not None else None


_WORD_AFTER = re.compile(r"[ \t]+\w")
_MEASURING = re.compile(r"\b(?:over|for|during|throughout|within)\s+$", re.IGNORECASE)


# "of" naming what the period is a part of, not an amount ("for the last year of $2.7 billion")
_OF_AFTER = re.compile(r"\s+of\s+(?![A-Z]{0,3}\$|[€£¥\d])", re.IGNORECASE)


def _norm_rel_unit(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    rel = re.sub(r"^(?:the|that)\s+", "", _low(_g(m, "rel")))  # "that same day" as "the same day"
    unit = _low(_g(m, "unit"))
    post = _low(_g(m, "post"))
    if _low(_g(m, "rel")) in ("the last", "the first") and _OF_AFTER.match(ctx.text, c.end):
        return None  # "the last week of June", "the last year of his term": a part of something else
    if rel == "the":  # "the year before", "the day earlier": one unit before the last date
        if post == "before" and _WORD_AFTER.match(ctx.text, c.end):
            return None  # "the day before the vote / he resigned": relative to an event
        step = -1
    else:
        step = 0 if rel in ("same", "that") else {
            "last": -1, "previous": -1, "prior": -1, "this": 0, "current": 0, "next": 1,
            "coming": 1, "following": 1, "this past": -1, "this coming": 1}.get(rel, 2)
        if step == 2:
            return None
    if (unit in ("decade", "century") and rel == "last" and _low(_g(m, "rel")).startswith("the ")
            and _MEASURING.search(ctx.text, max(0, c.start - 12), c.start)):
        return "DURATION", duration_value(1, unit), None, None  # "over the last decade": ten years
    narrative = rel in ("the", "same", "that", "previous", "prior", "following")
    based = _narrative_base(ctx, unit) if narrative else (
        (ctx.ref, ctx.ref_anchor) if ctx.ref is not None else None)
    focus, last = ctx.last_period, ctx.last_point
    if (step < 0 and narrative and unit == "year" and focus is not None and last is not None
            and last.precision == "day" and _COMPARED_WITH.search(ctx.text, max(0, c.start - 16), c.start)):
        # "a fourth-quarter profit on Thursday ... sales fell from the previous year": the
        # figure is the quarter's, the day only when it was reported; the year before the quarter's
        based = focus.d, "previous"
    if based is None:
        return ("DATE",) + _unresolved(unit) + (None,)
    base, anchor = based
    d = shift(base, step, unit)
    value, prec = period_value(d, unit)
    if unit == "day":
        ctx.last_day = d
    return "DATE", value, prec, anchor


def _period_bounds(d: date, unit: str) -> tuple[date, date]:
    """The first and last day of the week, month, quarter or year holding d."""
    if unit == "week":
        monday = d - timedelta(days=d.weekday())
        return monday, monday + timedelta(days=6)
    if unit == "year":
        return date(d.year, 1, 1), date(d.year, 12, 31)
    first_month = d.month if unit == "month" else 3 * (quarter_of(d) - 1) + 1
    last_month = d.month if unit == "month" else first_month + 2
    return (date(d.year, first_month, 1),
            date(d.year, last_month, calendar.monthrange(d.year, last_month)[1]))


def _norm_period_part(c: _Cand, ctx: _Ctx) -> Result:
    """"the last day of the month", "the first week of next year": that part of the period."""
    m = c.m
    unit, of = _low(_g(m, "unit")), _low(_g(m, "of"))
    if ctx.ref is None:
        return ("DATE",) + _unresolved(unit) + (None,)
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(_low(_g(m, "rel")), 0)
    first, last = _period_bounds(shift(ctx.ref, step, of), of)
    d = first if _low(_g(m, "pos")) == "first" else last
    value, precision = period_value(d, unit)
    if unit == "day":
        ctx.last_day = d
    return "DATE", value, precision, ctx.ref_anchor


def _norm_before_last(c: _Cand, ctx: _Ctx) -> Result:
    """"the week before last", "the year before last": the unit two back from the reference."""
    unit = _low(_g(c.m, "unit"))
    if ctx.ref is None:
        return ("DATE",) + _unresolved(unit) + (None,)
    value, prec = period_value(shift(ctx.ref, -2, unit), unit)
    return "DATE", value, prec, ctx.ref_anchor


def _norm_same_period(c: _Cand, ctx: _Ctx) -> Result:
    """"the same month a year ago", "this time last year": that unit of the period in focus
    (the latest one mentioned, else the reference date), one year back."""
    unit = _low(_g(c.m, "unit") or _g(c.m, "unit2"))
    focus = ctx.last_period
    if unit == "period" and focus is None:
        # "the year-earlier period" with no quarter or half named: the month or year the
        # sentence has named, else the quarter just reported (the one before the reference)
        p = ctx.last_point
        if p is not None and p.precision in ("month", "year") and ctx.same_sentence(p, c.start):
            focus = p
        elif ctx.ref is not None and ctx.point_for("month") is None:
            focus = _Point(shift(ctx.ref, -1, "quarter"), "quarter", c.start, False, True)
    if unit in ("period", "time"):  # "the same period last year": the quarter or half in focus
        unit = focus.precision if focus is not None else "month"
    if focus is not None and focus.precision == unit:
        based: tuple[date, str] | None = (focus.d, "previous")
    else:
        based = _narrative_base(ctx, unit)
    if based is None:
        return ("DATE",) + _unresolved(unit) + (None,)
    value, prec = period_value(shift(based[0], -1, "year"), unit)
    return "DATE", value, prec, based[1]


def _norm_unit_end(c: _Cand, ctx: _Ctx) -> Result:
    """"by year-end", "at quarter end": the end of the current year, quarter or month (TIMEX3
    gives the period itself, the end being a modifier), or of the year the clause has set."""
    unit = _low(_g(c.m, "unit"))
    carried = _sentence_year(ctx, c.start) if unit == "year" else None
    if carried is not None:
        return "DATE", f"{carried:04d}", "year", "previous"
    if ctx.ref is None:
        return ("DATE",) + _unresolved(unit) + (None,)
    value, prec = period_value(ctx.ref, unit)
    return "DATE", value, prec, ctx.ref_anchor


_RUN_LEAD = re.compile(r"\bfor\s+(?:the\s+|a\s+|an\s+)?$", re.IGNORECASE)
_IN_A_ROW = re.compile(r"\s+in\s+a\s+row\b", re.IGNORECASE)  # outside the expression, as TIMEX3 bounds it


def _norm_nth_in_run(c: _Cand, ctx: _Ctx) -> Result:
    """"for a third straight day": the period that ends a run, the one in focus (the day last
    named, else the reference day; a quarter the text named, else the one just ended)."""
    unit = _low(_g(c.m, "unit"))
    if not (_g(c.m, "run") or _IN_A_ROW.match(ctx.text, c.end)
            or _RUN_LEAD.search(ctx.text, max(0, c.start - 10), c.start)):
        # "the second day of the talks", "a third year": not a run; "a second quarter" is one
        named = unit == "quarter" and _low(_g(c.m, "ord")) in ("second", "third", "fourth", "2nd", "3rd", "4th")
        return _norm_quarter(c, ctx) if named else None
    if unit == "quarter":
        return _norm_the_quarter(c, ctx)
    based = _narrative_base(ctx, unit)
    if based is None:
        return ("DATE",) + _unresolved(unit) + (None,)
    value, prec = period_value(based[0], unit)
    return "DATE", value, prec, based[1]


def _norm_the_quarter(c: _Cand, ctx: _Ctx) -> Result:
    """"profit for the quarter": the quarter the text has named last, else the one just ended
    (a past clause) or the current one."""
    focus = ctx.last_period
    if focus is not None and focus.precision == "quarter":
        return "DATE", period_value(focus.d, "quarter")[0], "quarter", "previous"
    if ctx.ref is None:
        return ("DATE",) + _unresolved("quarter") + (None,)
    d = shift(ctx.ref, -1, "quarter") if ctx.tense_of(c.start, c.end) == PAST else ctx.ref
    return "DATE", period_value(d, "quarter")[0], "quarter", ctx.ref_anchor


def _norm_edge_unit(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    rel = _low(_g(m, "rel"))
    unit = _low(_g(m, "unit"))
    step = {"last": -1, "previous": -1, "next": 1, "coming": 1}.get(rel, 0)
    if ctx.ref is None:
        return ("DATE",) + _unresolved(unit) + (None,)
    value, prec = period_value(shift(ctx.ref, step, unit), unit)
    return "DATE", value, prec, ctx.ref_anchor


def _norm_ago(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    unit = _low(_g(m, "unit"))
    sig = _low(_g(m, "sig") or _g(m, "sig2"))
    n = parse_number(_g(m, "num") or "")
    sign = -1 if sig in ("ago", "earlier", "before") else 1  # "before"/"after" end the clause here
    base, anchor = ctx.ref, ctx.ref_anchor
    if sig in ("earlier", "later", "before"):
        # counted from the date the narrative last set ("closed in 2001; two years later"),
        # when that date is at least as precise as the unit counted
        p = ctx.point_for("day" if unit.rstrip("s") in time_words().time_units else unit)
        if p is not None:
            base, anchor = p.d, "previous"
        elif ctx.last_day is not None:
            base, anchor = ctx.last_day, "previous"
    if n is None:
        return "DATE", "PAST_REF" if sign < 0 else "FUTURE_REF", "range", anchor
    if base is None:
        return ("DATE",) + _unresolved(unit) + (None,)
    u = unit.rstrip("s")
    if u in time_words().time_units:
        clock = _clock_shift(ctx, c.start, sign * n, u) if sig in ("earlier", "later", "before") else None
        return clock or ("DATE", base.isoformat(), "day", anchor)
    if u in ("decade", "century", "centurie") and n != int(n):
        n, u = n * (10 if u == "decade" else 100), "year"  # "a quarter-century ago": 25 years
    whole = int(n) if n == int(n) else None
    if whole is None:
        if u == "year":
            d = add_months(base, sign * round(n * 12))
            return "DATE", month_value(d.year, d.month), "month", anchor
        d = base + timedelta(days=sign * round(n * {"week": 7, "month": 30}.get(u, 1)))
        return "DATE", d.isoformat(), "day", anchor
    period = _compared_period(c, ctx, u, sig)
    if period is not None:  # "sales rose in October, up 4% from a year earlier": October a year back
        ctx.compared_at = c.start
        return "DATE", period_value(shift(period.d, sign * whole, u), period.precision)[0], period.precision, "previous"
    d = shift(base, sign * whole, u)
    if u in ("day", "week", "weekend", "fortnight"):
        ctx.last_day = d
        return "DATE", d.isoformat(), "day", anchor
    value, prec = period_value(d, u)
    return "DATE", value, prec, anchor


def _clock_shift(ctx: _Ctx, start: int, n: float, unit: str) -> Result:
    """"closed at 8 p.m. ... an hour later": the clock time of the sentence moved by the
    hours or minutes counted (a TIME, zone kept), if the sentence has named one."""
    if ctx.last_clock is None:
        return None
    value, end = ctx.last_clock
    m = _CLOCK_VALUE.match(value)
    if m is None or _SENTENCE_BREAK.search(ctx.text, end, start + 1) is not None:
        return None
    if int(m.group(2)) > 23:  # "midnight" is T24:00, no clock time datetime reads
        return None
    at = datetime.fromisoformat(f"{m.group(1)}T{m.group(2)}:{m.group(3)}") + timedelta(**{unit + "s": n})
    return "TIME", at.strftime("%Y-%m-%dT%H:%M") + m.group(4), "day", "previous"


_COMPARED_WITH = re.compile(r"\b(?:from|than|with|to|over|versus|vs\.?)\s+$", re.IGNORECASE)


def _compared_period(c: _Cand, ctx: _Ctx, unit: str, sig: str) -> _Point | None:
    """The month, quarter or half in focus that "a year earlier" (or "from a year ago") moves
    back, when the sentence has named one: the expression then has its granularity, as a
    comparison of that period with the same period a year before."""
    p = ctx.last_point
    if unit != "year" or p is None:
        return None
    if p.precision not in ("month", "quarter", "half"):
        # "a fourth-quarter profit on Thursday, against a loss a year earlier": the day the
        # figure was reported is not the period compared; the sentence's quarter is
        p = ctx.last_period
        if p is None:
            return None
    if not ctx.same_sentence(p, c.start):
        return None
    if sig == "ago" and not _COMPARED_WITH.search(ctx.text, max(0, c.start - 16), c.start):
        return None  # "closed a year ago": counted from today
    return p if sig in ("ago", "earlier", "before") else None


# "$5 billion a year", "3% a month", "2 million barrels a day", "500 flights a week": a rate
# (an amount, perhaps with the plural noun it counts, then "a/an <unit>"); not across a comma
# ("in 2010, a year late") nor after a preposition or verb ("sold 500 cars in a year")
_SET_CONTEXT = re.compile(r"(?:\d|billion|million|thousand|hundred|percent|%|times|once|twice|dollars|euros|pounds|cents|"
                          r"\b(?:two|three|four|five|six|seven|eight|nine|ten|twelve|twenty|dozens?|hundreds|thousands))"
                          r"(?:[\s%)]+(?!(?:was|is|has|as|its|this|thus|plus|less|takes|lasts)\b)"
                          # "two flights a week", "three eight-hour shifts a day": a count of things per unit
                          r"(?-i:(?:[a-z\d]+-[a-z]+\s+)?(?:[a-z]+s|people)))?[\s%)]*$", re.IGNORECASE)


# "of" + a determiner: what a fraction is taken of ("two quarters of negative growth" is a duration)
_OF_SHARE = re.compile(r"\s+of\s+(?:the|its|their|his|her|our|your|all|this|that|these|those)\b", re.IGNORECASE)
_OF_PERIOD = re.compile(r"\s+of\s+(?:(?:the|this|last|next)\s+)?(?:(?:fiscal\s+)?year|(?:1[6-9]|20)\d\d)\b",
                        re.IGNORECASE)


def _norm_duration(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    unit = _low(_g(m, "unit"))
    raw_num = _low(_g(m, "num"))
    n = parse_number(raw_num)
    if _g(m, "half") and n is not None:
        n += 0.5
    if raw_num in ("a", "an", "one") and unit.startswith("second"):
        return None  # "a second plane": the ordinal, not a duration
    if unit.startswith("quarter") and _OF_SHARE.match(ctx.text, c.end) and not _OF_PERIOD.match(ctx.text, c.end):
        return None  # "a quarter of the market", "three quarters of its value": a share
    if raw_num in ("a", "an") and not _g(m, "the"):
        if _SET_CONTEXT.search(ctx.text[max(0, c.start - 40):c.start]):
            return "SET", duration_value(1, unit), None, None
    return "DURATION", duration_value(n, unit), None, None


_NARRATIVE_STEP = {"next": 1, "following": 1, "previous": -1}


def _norm_dir_unit(c: _Cand, ctx: _Ctx) -> Result:
    """"over the past year" is a DURATION (P1Y); "the next day", and "the next year" told in
    the past ("the next year the firm moved"), is the DATE one unit after the date in focus."""
    unit = _low(_g(c.m, "unit"))
    direction = _low(_g(c.m, "dir"))
    if unit in ("decade", "century") and direction in ("past", "last") and not _g(c.m, "approx") and ctx.ref:
        # "(in) the past decade" names the decade before this one, as "the last decade" and
        # "last year" do; "over the past decade" measures ten years (below)
        value, prec = period_value(shift(ctx.ref, -1, unit), unit)
        return "DATE", value, prec, ctx.ref_anchor
    step = _NARRATIVE_STEP.get(direction)
    if step is not None and not _g(c.m, "approx") and unit != "hour" and (
            unit == "day" or ctx.tense_of(c.start, c.end) == PAST):
        based = _narrative_base(ctx, unit)
        if based is None:
            return ("DATE",) + _unresolved(unit) + (None,)
        d = shift(based[0], step, unit)
        if unit == "day":
            ctx.last_day = d
        value, prec = period_value(d, unit)
        return "DATE", value, prec, based[1]
    return "DURATION", duration_value(1, unit), None, None


def _norm_session_part(c: _Cand, ctx: _Ctx) -> Result:
    """"the last hour of trading" (PT1H), "the final 20 minutes of the session" (PT20M),
    "the closing minutes of trading" (PTXM)."""
    raw = _g(c.m, "num")
    n = parse_number(raw) if raw else (None if _g(c.m, "pl") else 1.0)
    return "DURATION", duration_value(n, _low(_g(c.m, "unit"))), None, None


def _norm_weekend(c: _Cand, ctx: _Ctx) -> Result:
    if ctx.ref is None:
        return "DATE", "XXXX-WXX-WE", "week", None
    tense = ctx.tense_of(c.start, c.end)
    ref = ctx.ref
    if tense == FUTURE:
        d = ref
    else:
        d = ref if ref.isoweekday() >= 6 else ref - timedelta(days=7)
    return "DATE", week_value(d) + "-WE", "week", ctx.ref_anchor


def _norm_fuzzy_range(c: _Cand, ctx: _Ctx) -> Result:
    word = _low(_g(c.m, "w"))
    future = word in time_words().future_range_words
    return "DATE", "FUTURE_REF" if future else "PAST_REF", "range", ctx.ref_anchor if ctx.ref else None


def _norm_unit_long(c: _Cand, ctx: _Ctx) -> Result:
    """"week-long" (P1W), "decades-long" and "multi-year" (an uncounted number of units)."""
    unit = _low(_g(c.m, "multi") or _g(c.m, "unit"))
    counted = not _g(c.m, "multi") and not _g(c.m, "pl")
    return "DURATION", duration_value(1 if counted else None, unit), None, None


def _norm_ahead_range(c: _Cand, ctx: _Ctx) -> Result:
    """"the months ahead", "in the years to come": a fuzzy future range."""
    return "DATE", "FUTURE_REF", "range", ctx.ref_anchor if ctx.ref else None


def _norm_vague_plural(c: _Cand, ctx: _Ctx) -> Result:
    lead = _low(_g(c.m, "lead"))
    if lead == "in":  # "in years" / "in months" only as "the first time in years"
        if not re.search(r"\b(first|time|highest|lowest|biggest|largest|worst|best)\b[^.]{0,30}$",
                         ctx.text[max(0, c.start - 40):c.start], re.IGNORECASE):
            return None
    if lead in ("only", "just", "mere") and _SIGNAL_AFTER.match(ctx.text, c.end):
        return None  # "only days after the vote": a distance from an event, not a stretch
    if lead not in ("over", "for", "in", "within", "only", "just", "mere"):  # "could take months": a verb's object
        if _low(_g(c.m, "core")).startswith("the ") or _DETERMINER_BEFORE.search(
                ctx.text, max(0, c.m.start() - 8), c.m.start()):
            return None  # "the last months of", "take the hours": not an uncounted stretch
    return "DURATION", duration_value(None, _low(_g(c.m, "unit"))), None, None


_SIGNAL_AFTER = re.compile(r"\s+(?:before|after|later|earlier|ago|from|of|into|since|away)\b", re.IGNORECASE)
_DETERMINER_BEFORE = re.compile(r"\b(?:the|its|his|her|their|our|these|those|my|your)\s+$", re.IGNORECASE)


def _norm_fuzzy(c: _Cand, ctx: _Ctx) -> Result:
    value = time_words().fuzzy.get(_low(c.m.group(0)))
    if value is None:
        return None
    return "DATE", value, "range", None


def _norm_fuzzy_adj(c: _Cand, ctx: _Ctx) -> Result:
    w = time_words()
    if _low(_g(c.m, "next")) in w.fuzzy_adjective_not_before:
        return None
    value = w.fuzzy_adjectives.get(_low(_g(c.m, "word")))
    return ("DATE", value, "range", None) if value else None


def _norm_term_adj(c: _Cand, ctx: _Ctx) -> Result:
    """"a short-term collapse" in a clause that looks ahead, "the near-term outlook": the
    near future (FUTURE_REF); not before a noun the adjective classifies ("short-term rates")."""
    w = time_words()
    word = _low(_g(c.m, "word"))
    if _low(_g(c.m, "next")) in w.term_adjective_not_before:
        return None
    if word not in w.term_adjectives_always and ctx.tense_of(c.start, c.end) != FUTURE:
        return None
    value = w.term_adjectives.get(word)
    return ("DATE", value, "range", None) if value else None


_NAME_WORD = re.compile(r"[A-Z][a-z]+")  # "Worldwide", not "U.S." or "EU" ("monthly U.S. sales")
_NEXT_WORDS = re.compile(r"[ \t]+([\w-]+)(?:[ \t]+([\w-]+))?")


def _norm_period_adj(c: _Cand, ctx: _Ctx) -> Result:
    """"full-year profit", "half-year results": the length of the period reported on."""
    value = time_words().period_adjectives.get(_low(_g(c.m, "word")))
    return ("DURATION", value, None, None) if value else None


def _norm_set(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    if c.rule == "set_word":
        value = time_words().sets.get(_low(_g(m, "word")))
        if value is None:
            return None
        after = _NEXT_WORDS.match(ctx.text, c.end)
        if (after is not None and ctx.text[c.start:c.start + 1].islower() and _NAME_WORD.fullmatch(after.group(1))
                and after.group(2) and after.group(2)[:1].isupper()):
            return None  # "the annual Worldwide Developers Conference": part of a named event
        nouns = time_words().amount_nouns
        if after is not None and any(x and x.lower() in nouns for x in after.groups()):
            return "DURATION", value, None, None  # "annual (net) profit": one year's worth
        return "SET", value, None, None
    wd = _g(m, "wd")
    if wd:
        return "SET", f"XXXX-WXX-{time_words().weekdays[wd.lower()]}", None, None
    if c.rule == "set_part":
        season, pod = _low(_g(m, "sea")), _low(_g(m, "spod"))
        if season:
            return "SET", f"XXXX-{time_words().seasons[season]}", None, None
        return "SET", f"XXXX-XX-XXT{time_words().parts_of_day[pod]}", None, None
    raw = _low(_g(m, "num"))
    n = 2.0 if raw == "other" else (parse_number(raw) if raw else 1.0)
    return "SET", duration_value(n, _low(_g(m, "unit"))), None, None


def _norm_time(c: _Cand, ctx: _Ctx) -> Result:
    m = c.m
    if c.rule == "noon":
        word = _low(_g(m, "word"))
        hhmm = "12:00" if word in ("noon", "midday") else "24:00"
    else:
        h = int(_g(m, "h") or 0)
        mins = int(_g(m, "m") or 0)
        ampm = _low(_g(m, "ampm")).replace(".", "").replace(" ", "")
        if ampm == "pm" and h < 12:
            h += 12
        elif ampm == "am" and h == 12:
            h = 0
        if c.rule == "time24" and not _g(m, "tz") and not _g(m, "local"):
            after = ctx.text[c.end:c.end + 12].lower()
            before = ctx.text[max(0, c.start - 6):c.start].lower()
            # 3:1 scores, 10:30 ratios: a bare h:mm is a time only near a time word
            if not re.match(r"\s*(?:hours|hrs|local|o'clock|on|today|yesterday|tomorrow|"
                            r"this|that|[a-z]+day)\b", after) and not re.search(r"\b(at|by|until|from|since|before|after)\s+$", before):
                return None
        hhmm = f"{h:02d}:{mins:02d}"
    day = ctx.last_day or ctx.ref  # a clock time falls on the day last mentioned
    zone = _zone(_g(m, "tz") or "", _g(m, "off"), day)
    if day is None:
        return "TIME", f"XXXX-XX-XXT{hhmm}{zone}", "day", None
    return "TIME", f"{day.isoformat()}T{hhmm}{zone}", "day", "previous" if ctx.last_day else ctx.ref_anchor


def _zone(tz: str, offset: str | None, day: date | None) -> str:
    """The ISO 8601 zone a clock time is written with: Z for UTC/GMT, the zone's offset
    otherwise ("10:30 a.m. EST" = T10:30-05:00, as "6:40 p.m. (GMT +8)" = T18:40+08:00; the
    local time the text gives is kept), nothing for an unnamed or unknown zone."""
    named = time_words().time_zones.get(tz.upper())
    if named is None:
        return ""
    if isinstance(named, tuple):  # "ET": EST or EDT, by the US daylight-saving calendar
        named = named[1] if day is not None and _us_daylight_saving(day) else named[0]
    if offset and named == "Z":  # "GMT +8", "UTC-5"
        hours = int(re.sub(r"\s", "", offset))
        return f"{'-' if hours < 0 else '+'}{abs(hours):02d}:00"
    return named


def _us_daylight_saving(d: date) -> bool:
    """Is US daylight saving time in force on d? (Since 2007: second Sunday of March to the
    first Sunday of November; before: first Sunday of April to the last Sunday of October.)"""
    start, end = ((3, 7, 2, 0), (11, 7, 1, 0)) if d.year >= 2007 else ((4, 7, 1, 0), (10, 7, -1, 0))
    return floating_holiday(d.year, start) <= d < floating_holiday(d.year, end)


def floating_holiday(year: int, rule: tuple[int, int, int, int]) -> date:
    """The day of a holiday set as the nth (or last, -1) weekday of a month, plus some days
    ("Thanksgiving": the fourth Thursday of November; "Black Friday": the day after)."""
    month, wd, nth, after = rule
    if nth < 0:
        last = date(year, month, calendar.monthrange(year, month)[1])
        d = last - timedelta(days=(last.isoweekday() - wd) % 7)
    else:
        first = date(year, month, 1)
        d = first + timedelta(days=(wd - first.isoweekday()) % 7 + 7 * (nth - 1))
    return d + timedelta(days=after)


def _norm_floating_holiday(c: _Cand, ctx: _Ctx, rule: tuple[int, int, int, int]) -> Result:
    y = _year(_g(c.m, "year"))
    if y is not None:
        return "DATE", floating_holiday(y, rule).isoformat(), "day", "text"
    if ctx.ref is None:
        return "DATE", "XXXX-XX-XX", "day", None
    d = floating_holiday(ctx.ref.year, rule)
    tense = ctx.tense_of(c.start, c.end)
    if tense == PAST and d > ctx.ref:
        d = floating_holiday(ctx.ref.year - 1, rule)
    elif tense == FUTURE and d < ctx.ref:
        d = floating_holiday(ctx.ref.year + 1, rule)
    ctx.last_day = d
    return "DATE", d.isoformat(), "day", ctx.ref_anchor


def _norm_holiday(c: _Cand, ctx: _Ctx) -> Result:
    w = time_words()
    name = _low(_g(c.m, "word"))
    md = w.holidays.get(name)
    if md is None:
        rule = w.floating_holidays.get(name)
        return _norm_floating_holiday(c, ctx, rule) if rule is not None else None
    y = _year(_g(c.m, "year"))
    if y is None:
        if ctx.ref is None:
            return "DATE", f"XXXX-{md}", "day", None
        month, day = (int(x) for x in md.split("-"))
        y = _month_year(ctx.ref, month, day, ctx.tense_of(c.start, c.end))
        return "DATE", f"{y}-{md}", "day", ctx.ref_anchor
    return "DATE", f"{y}-{md}", "day", "text"


def _norm_the_day(c: _Cand, ctx: _Ctx) -> Result:
    base = ctx.last_day or ctx.ref
    if base is None:
        return "DATE", "XXXX-XX-XX", "day", None
    return "DATE", base.isoformat(), "day", "previous" if ctx.last_day else ctx.ref_anchor


def _norm_ordinal_day(c: _Cand, ctx: _Ctx) -> Result:
    """"on the 5th": that day of the month in focus (the latest month or day mentioned), else
    of the reference month, or of the month before when that day is still ahead in a past clause."""
    day = int(_g(c.m, "day") or 0)
    p = ctx.point_for("month")
    ref = ctx.ref
    if p is not None and (ref is None or (p.d.year, p.d.month) != (ref.year, ref.month)):
        base, anchor = p.d, "previous"
    elif ref is not None:
        base, anchor = ref, ctx.ref_anchor
        tense = ctx.tense_of(c.start, c.end)
        if tense == PAST and day > base.day:
            base = add_months(base.replace(day=1), -1)
        elif tense == FUTURE and day < base.day:
            base = add_months(base.replace(day=1), 1)
    else:
        return "DATE", f"XXXX-XX-{day:02d}", "day", None
    d = _safe_date(base.year, base.month, day)
    if d is None:
        return None
    ctx.last_day = d
    return "DATE", d.isoformat(), "day", anchor


def _norm_that_time(c: _Cand, ctx: _Ctx) -> Result:
    """"by that time", "at that point": the date last mentioned, at its own granularity."""
    p = ctx.last_point
    if p is None:
        return None  # nothing to refer back to: not a date we can give
    value, prec = period_value(p.d, p.precision)
    return "DATE", value, prec, "previous"


def _norm_the_period(c: _Cand, ctx: _Ctx) -> Result:
    """"(up 5%) for the year", "ended the week": the week, month or year in focus."""
    unit = _low(_g(c.m, "unit"))
    based = _narrative_base(ctx, unit)
    if based is None:
        return ("DATE",) + _unresolved(unit) + (None,)
    value, prec = period_value(based[0], unit)
    return "DATE", value, prec, based[1]


_NORMALISERS: dict[str, Callable[[_Cand, _Ctx], Result]] = {
    "iso": _norm_calendar, "slash": _norm_calendar, "mdy": _norm_calendar, "dmy": _norm_calendar,
    "month_year": _norm_month, "month": _norm_month, "year": _norm_year, "short_year": _norm_year,
    "decade": _norm_decade, "decade_word": _norm_decade_word, "quarter": _norm_quarter, "quarter_code": _norm_quarter,
    "century": _norm_century,
    "season": _norm_season, "weekday": _norm_weekday, "deictic": _norm_deictic,
    "this_pod": _norm_deictic, "overnight": _norm_overnight, "pod": _norm_pod, "rel_pod": _norm_pod, "rel_unit": _norm_rel_unit, "period_part": _norm_period_part, "trading_day": _norm_the_day, "edge_unit": _norm_edge_unit,
    "before_last": _norm_before_last, "same_period": _norm_same_period, "year_ago_period": _norm_same_period, "the_quarter": _norm_the_quarter, "unit_end": _norm_unit_end, "nth_in_run": _norm_nth_in_run,
    "weekend": _norm_weekend, "session_part": _norm_session_part, "ago": _norm_ago, "ago_vague": _norm_ago, "duration": _norm_duration, "dir_unit": _norm_dir_unit,
    "fuzzy_range": _norm_fuzzy_range, "ahead_range": _norm_ahead_range, "unit_long": _norm_unit_long, "vague_plural": _norm_vague_plural, "fuzzy": _norm_fuzzy,
    "fuzzy_adj": _norm_fuzzy_adj, "term_adj": _norm_term_adj,
    "set_word": _norm_set, "period_adj": _norm_period_adj, "set_every": _norm_set, "weekday_set": _norm_set, "set_part": _norm_set, "time": _norm_time, "time24": _norm_time,
    "time_mil": _norm_time, "noon": _norm_time, "holiday": _norm_holiday, "the_day": _norm_the_day,
    "that_time": _norm_that_time, "ordinal_day": _norm_ordinal_day, "the_period": _norm_the_period,
}


# ------------------------------------------------------------------ tense without a parse

_WORD = re.compile(r"[A-Za-z']+")
_PAST_WORDS = frozenset("said was were had did told announced reported added wrote stated".split())


def window_tense(text: str) -> TenseOf:
    """A tense guess from the words around a span (used when no parse is available)."""
    cues = time_words().future_cues

    def tense_of(start: int, end: int) -> Tense:
        left = text[max(0, start - 60):start]
        cut = max(left.rfind("."), left.rfind(";"), left.rfind("\n"))
        words = [w.lower() for w in _WORD.findall(left[cut + 1:])][-6:]
        right = [w.lower() for w in _WORD.findall(text[end:end + 40])][:4]
        if any(w in cues and w != "to" for w in words) or any(w in ("will", "'ll") for w in right[:1]):
            return FUTURE
        if any(w in _PAST_WORDS or (w.endswith("ed") and len(w) > 4) for w in words + right[:2]):
            return PAST
        return None

    return tense_of


# ------------------------------------------------------------------ entry points


def find_timexes(text: str, reference: str | date | None = None, *, tense_of: TenseOf | None = None,
                 reference_anchor: str = "publication",
                 spans: list[tuple[int, int]] | None = None) -> list[Timex]:
    """Every time expression in `text`, normalised against `reference` (a date or ISO string).

    `spans` (optional) are extra candidate character spans (e.g. a NER model's DATE
    entities); each is kept only if the rules normalise a part of it and it is longer.
    """
    ref = reference if isinstance(reference, date) else parse_reference(reference)
    given = tense_of or window_tense(text)

    def plain_tense(start: int, end: int) -> Tense:
        tense = given(start, end)
        return FUTURE if tense == FUTURE_IN_PAST else tense

    ctx = _Ctx(text, ref, reference_anchor if ref else "", plain_tense, given)
    out: list[Timex] = []
    for c in resolve_overlaps(candidates(text)):
        day_before = ctx.last_day
        try:
            res = _NORMALISERS[c.rule](c, ctx)
        except (OverflowError, ValueError):  # arithmetic past year 1 or 9999: no value to give
            res = None
        if res is None:
            continue
        typ, value, precision, anchor = res
        end = c.end
        if text[end - 1] == ")" and "(" not in text[c.start:end]:
            end = c.start + len(text[c.start:end - 1].rstrip())  # "(12:00 GMT)": the bracket is not the time's
        t = Timex(c.start, end, text[c.start:end], typ, value, precision, anchor, c.rule)
        point = _point_of(t, text)
        if ctx.last_point is not None and (ctx.compared_at == c.start or _is_background(text, t.start)
                                           or _OF_THAT_YEAR.match(text, t.end)):
            # a date the story counts from, or the period a figure is compared with, is not
            # the time the story has reached: later anaphora keep the date before it (and
            # "March of that year" waits for "that year" to give it its year)
            point = None
            ctx.last_day = day_before or ctx.last_day
        ctx.last_point = point or ctx.last_point
        if t.type == "TIME" and _CLOCK_VALUE.match(t.value):
            ctx.last_clock = (t.value, t.end)
        if point is not None and point.precision in ("quarter", "half") and t.rule not in _COMPARED:
            ctx.last_period = point
        out.append(t)
    found = _attach_neighbours(text, _merge_anchored(text, _merge_pod_of(text, _merge_times(
        text, _merge_of_year(text, _merge_durations(text, out))))))
    return _with_ranges(text, found)


# "six weeks after the election of June 9", "its first since the attacks of September 11,
# 2001": the date of a thing the story measures from, not the time the story has reached
_BACKGROUND = re.compile(r"\b(?:since|after|before)\s+(?:the|a|an|its|their|his|her|our)\s+"
                         r"[^,.;:!?\d\n]{0,40}?\bof\s+$", re.IGNORECASE)


def _is_background(text: str, start: int) -> bool:
    """Does the date at `start` name when something the clause counts from happened ("since
    the attacks of <date>")? Anaphora later in the text ("the same day", "that year") then
    keep the date the narrative had reached before it."""
    return _BACKGROUND.search(text, max(0, start - 64), start) is not None


# the period a figure is compared with ("the year-ago quarter") does not move the focus
_COMPARED = frozenset({"same_period", "year_ago_period"})
_ANCHOR_SIGNAL = re.compile(r"^[ \t]+(after|before)[ \t]+$", re.IGNORECASE)
_SHIFTABLE = re.compile(r"^P(\d+)([DWMY])$")


def _merge_anchored(text: str, found: list[Timex]) -> list[Timex]:
    """"a week after December 3" → one DATE: the day the duration away from the named day."""
    out: list[Timex] = []
    for t in found:
        prev = out[-1] if out else None
        if prev is not None and prev.type == "DURATION" and t.type == "DATE" and t.precision == "day":
            signal = _ANCHOR_SIGNAL.match(text[prev.end:t.start])
            m = _SHIFTABLE.match(prev.value)
            base = parse_reference(t.value)
            if signal and m and base is not None:
                n = int(m.group(1)) * (-1 if signal.group(1).lower() == "before" else 1)
                unit = {"D": "day", "W": "week", "M": "month", "Y": "year"}[m.group(2)]
                try:
                    d = shift(base, n, unit)
                except (OverflowError, ValueError):
                    out.append(t)
                    continue
                out[-1] = Timex(prev.start, t.end, text[prev.start:t.end], "DATE", d.isoformat(),
                                "day", t.anchor, "anchored")
                continue
        out.append(t)
    return out


_VAGUE_ENT = re.compile(r"^(?:the\s+|for\s+|over\s+the\s+)?(?:\w+\s+)?(?P<unit>days|weeks|months|years|decades)$",
                        re.IGNORECASE)


def normalise_entity(text: str, start: int, end: int) -> Timex | None:
    """A TIMEX3 for a NER date entity the rules found nothing in, when its form allows one:
    an unquantified plural of a unit ("decades", "the years") is a vague duration."""
    m = _VAGUE_ENT.match(text[start:end])
    if m is None:
        return None
    unit = m.group("unit")
    return Timex(start, end, text[start:end], "DURATION", duration_value(None, unit), None, None, "entity")


_GLUE = re.compile(r"^[ \t]+$")
_DURATION_GLUE = re.compile(r"^(?:[ \t]+|,?[ \t]+and[ \t]+)$")
_DURATION_PARTS = re.compile(r"^P(?:(\d+)Y)?(?:(\d+)M)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?$")
_DURATION_LETTERS = ("Y", "M", "D", "H", "M", "S")


def _duration_parts(value: str) -> list[str | None] | None:
    """The whole-number counts of a duration value by unit (years .. seconds), if it is one."""
    m = _DURATION_PARTS.match(value)
    return list(m.groups()) if m is not None and value not in ("P", "PT") else None


def _merge_durations(text: str, found: list[Timex]) -> list[Timex]:
    """Join the parts of one length ("four hours and 16 minutes", "2 years 3 months"): each
    part in a smaller unit than the one before, → PT4H16M."""
    out: list[Timex] = []
    for t in found:
        prev = out[-1] if out else None
        if prev is not None and prev.type == t.type == "DURATION" and _DURATION_GLUE.match(text[prev.end:t.start]):
            a, b = _duration_parts(prev.value), _duration_parts(t.value)
            if a is not None and b is not None:
                last_a = max(i for i, x in enumerate(a) if x is not None)
                first_b = min(i for i, x in enumerate(b) if x is not None)
                if last_a < first_b:
                    parts = [x if x is not None else y for x, y in zip(a, b, strict=True)]
                    date_part = "".join(f"{n}{u}" for n, u in zip(parts[:3], _DURATION_LETTERS[:3], strict=True) if n)
                    time_part = "".join(f"{n}{u}" for n, u in zip(parts[3:], _DURATION_LETTERS[3:], strict=True) if n)
                    value = "P" + date_part + ("T" + time_part if time_part else "")
                    out[-1] = Timex(prev.start, t.end, text[prev.start:t.end], "DURATION", value,
                                    prev.precision, prev.anchor, prev.rule + "+" + t.rule)
                    continue
        out.append(t)
    return out


def _merge_times(text: str, found: list[Timex]) -> list[Timex]:
    """Join a clock time and the day it falls on ("16:00 UTC today", "Monday 9 a.m.")."""
    out: list[Timex] = []
    for t in found:
        prev = out[-1] if out else None
        if (prev is not None and "+" not in prev.rule and {prev.type, t.type} == {"TIME", "DATE"}
                and prev.precision == "day"
                and t.precision == "day" and _GLUE.match(text[prev.end:t.start])
                and not (_SENTENCE_BREAK.match(text, prev.end - 1) and not _names_a_day(t.text))):
            # "struck at 1:41 p.m. The next day, ...": the full stop of "p.m." ends the sentence
            # (but "at 9 a.m. Monday" is one time)
            day, clock = (prev, t) if prev.type == "DATE" else (t, prev)
            if "T" in clock.value and "T" not in day.value:
                value = _clock_on(clock, day.value)
                out[-1] = Timex(prev.start, t.end, text[prev.start:t.end], "TIME", value, "day",
                                day.anchor, prev.rule + "+" + t.rule)
                continue
        out.append(t)
    return out


_OF_THAT_YEAR = re.compile(r"\s+of\s+(?:that|the\s+(?:same|following|previous|next|prior))\s+year\b",
                           re.IGNORECASE)
_OF_GLUE = re.compile(r"^\s+of\s+$", re.IGNORECASE)
_YEAR_VALUE = re.compile(r"^\d{4}$")
_MONTH_DAY_VALUE = re.compile(r"^\d{4}(-\d{2}(?:-\d{2})?)$")


def _merge_of_year(text: str, found: list[Timex]) -> list[Timex]:
    """"March of that year", "June 5 of the following year" → one DATE: the month or day in
    the year the anaphor names (2012-03)."""
    out: list[Timex] = []
    for t in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.type == t.type == "DATE" and _OF_GLUE.match(text[prev.end:t.start])
                and _YEAR_VALUE.match(t.value) and _OF_THAT_YEAR.match(text, prev.end)):
            m = _MONTH_DAY_VALUE.match(prev.value)
            if m is not None and _safe_date(int(t.value), int(m.group(1)[1:3]), int(m.group(1)[4:6] or 1)):
                out[-1] = Timex(prev.start, t.end, text[prev.start:t.end], "DATE", t.value + m.group(1),
                                prev.precision, t.anchor, prev.rule + "+" + t.rule)
                continue
        out.append(t)
    return out


def _names_a_day(text: str) -> bool:
    """Does the expression open with a weekday or month name ("Monday", "March 5")?"""
    w = time_words()
    first = text.split(None, 1)[0].lower().rstrip(".,") if text.strip() else ""
    return first in w.weekdays or first in w.months


@lru_cache(maxsize=1)
def _pod_of_re() -> re.Pattern[str]:
    return re.compile(r"\b(?:the\s+)?(?:(?:early|late)\s+)?(?P<pod>" + _alt(time_words().parts_of_day)
                      + r")\s+of\s+$", re.IGNORECASE)


def _merge_pod_of(text: str, found: list[Timex]) -> list[Timex]:
    """"the evening of October 13" → one TIME: that part of the named day (2008-10-13TEV)."""
    out: list[Timex] = []
    for t in found:
        prev_end = out[-1].end if out else 0
        if t.type == "DATE" and t.precision == "day" and "T" not in t.value:
            m = _pod_of_re().search(text, max(prev_end, t.start - 30), t.start)
            pod = time_words().parts_of_day.get(_low(m.group("pod"))) if m else None
            if m is not None and pod is not None:
                out.append(Timex(m.start(), t.end, text[m.start():t.end], "TIME", f"{t.value}T{pod}",
                                 "day", t.anchor, "pod+" + t.rule))
                continue
        out.append(t)
    return out


_ZONE_AT_END = re.compile(r"\b([A-Z]{2,4})\)?$")


def _clock_on(clock: Timex, day: str) -> str:
    """The value of a clock time moved to another day (a YYYY-MM-DD value); a US zone named
    without saying standard or daylight ("4 p.m. ET") takes the offset of that day."""
    value = day + clock.value[clock.value.index("T"):]
    zone = _ZONE_AT_END.search(clock.text)
    d = parse_reference(day)
    if zone is not None and d is not None and isinstance(time_words().time_zones.get(zone.group(1)), tuple):
        offset = _zone(zone.group(1), None, d)
        value = re.sub(r"[+-]\d\d:\d\d$", offset, value)
    return value


_TIME_THEN_DAY = re.compile(r"^(?:[ \t]*,[ \t]*(?:on[ \t]+)?|[ \t]+on[ \t]+)$", re.IGNORECASE)
_OF = re.compile(  # "of" or nothing between a month and its year
    r"^[ \t]+(?:of[ \t]+)?$", re.IGNORECASE)


def _attach_neighbours(text: str, found: list[Timex]) -> list[Timex]:
    """Values a neighbour completes: a clock time followed by its day ("at 16:15 UTC, June 1"
    / "at 9 a.m. on Monday") falls on that day, and a month or day followed by a year, with
    or without "of" ("October of next year", "September last year"), is in that year. Both
    keep their own spans, as in TIMEX3."""
    out = list(found)
    for i in range(len(out) - 1):
        a, b = out[i], out[i + 1]
        glue = text[a.end:b.start]
        if (a.type == "TIME" and a.anchor != "text" and "T" in a.value and b.type == "DATE"
                and b.precision == "day" and "X" not in b.value and _TIME_THEN_DAY.match(glue)):
            out[i] = replace(a, value=_clock_on(a, b.value), anchor=b.anchor)
        elif (a.type == "DATE" and a.precision in ("month", "day") and a.anchor != "text"
              and b.type == "DATE" and b.precision == "year" and _OF.match(glue)
              and re.fullmatch(r"\d{4}", b.value) and _CALENDAR_VALUE.match(a.value)):
            moved = b.value + a.value[4:]
            if a.precision == "month" or parse_reference(moved) is not None:
                out[i] = replace(a, value=moved, anchor=b.anchor)
    return out


_RANGE_OPEN = re.compile(r"\b(?P<w>from|between)[ \t]+$", re.IGNORECASE)
_RANGE_GLUE = {"from": re.compile(r"^\s*(?:to|until|till|through|[-–])\s*$", re.IGNORECASE),
               "between": re.compile(r"^\s+and\s+$", re.IGNORECASE)}
_COUNT_RANGE = re.compile(r"\b(?P<w>between|from)\s+(?P<num>\d+(?:\.\d+)?|[A-Za-z]+(?:-[A-Za-z]+)?)"
                          r"\s+(?:and|to)\s+$", re.IGNORECASE)
_SIMPLE_DURATION = re.compile(r"^(PT?)(\d+(?:\.\d+)?)([A-Z]+)$")


def _with_ranges(text: str, found: list[Timex]) -> list[Timex]:
    """Complete and add what a range says besides its ends: "from 2009 to 2011" and "between
    May and July" also span a DURATION (P2Y, P2M), as TIMEX3 corpora such as MEANTIME tag
    them, and an end without a year takes it from the other; in "between 60 and 90 days" the
    bare first number is a duration in the same unit (P60D)."""
    found = list(found)
    extra: list[Timex] = []
    for i, b in enumerate(found):
        if b.type == "DURATION" and b.rule == "duration":
            m = _COUNT_RANGE.search(text, max(0, b.start - 40), b.start)
            unit = _SIMPLE_DURATION.match(b.value)
            n = parse_number(m.group("num")) if m is not None else None
            if m is not None and unit is not None and n is not None and not any(
                    t.end > m.start("num") and t.start < m.end("num") for t in found):
                extra.append(Timex(m.start("num"), m.end("num"), m.group("num"), "DURATION",
                                   f"{unit.group(1)}{_fmt_num(n)}{unit.group(3)}", None, None, "range"))
        a = found[i - 1] if i else None
        if a is None or a.type != "DATE" or b.type != "DATE" or a.precision != b.precision:
            continue
        opener = _RANGE_OPEN.search(text, max(0, a.start - 12), a.start)
        if opener is None or not _RANGE_GLUE[opener.group("w").lower()].match(text[a.end:b.start]):
            continue
        if a.precision in ("month", "day") and b.anchor != "text":
            b = found[i] = _after(b, a)  # "between May and July": the July after that May
        elif a.precision in ("month", "day") and a.anchor != "text":
            a = found[i - 1] = _before(a, b)  # "from May 3 to May 9, 2020": that year's May 3
        length = _range_length(a, b)
        if length is not None:
            extra.append(Timex(opener.start(), b.end, text[opener.start():b.end], "DURATION", length,
                               None, None, "range"))
    if not extra:
        return found
    return sorted(found + extra, key=lambda t: (t.start, -t.end))


def _after(b: Timex, a: Timex) -> Timex:
    """`b` (a month or day named without a year) moved to the first such date from `a` on."""
    pa, pb = _CALENDAR_VALUE.match(a.value), _CALENDAR_VALUE.match(b.value)
    if pa is None or pb is None:
        return b
    year = int(pa.group(1)) + (b.value[5:] < a.value[5:])
    moved = f"{year:04d}{b.value[4:]}"
    ok = year <= 9999 and (b.precision == "month" or parse_reference(moved) is not None)
    return replace(b, value=moved) if ok else b


def _before(a: Timex, b: Timex) -> Timex:
    """`a` (a month or day named without a year) moved to the last such date up to `b`."""
    pa, pb = _CALENDAR_VALUE.match(a.value), _CALENDAR_VALUE.match(b.value)
    if pa is None or pb is None:
        return a
    year = int(pb.group(1)) - (a.value[5:] > b.value[5:])
    moved = f"{year:04d}{a.value[4:]}"
    ok = year >= 1 and (a.precision == "month" or parse_reference(moved) is not None)
    return replace(a, value=moved, anchor=b.anchor) if ok else a


def _range_length(a: Timex, b: Timex) -> str | None:
    """The TIMEX3 duration from the date `a` to the date `b` in their own unit (P2Y, P3M, P4D)."""
    pa, pb = _CALENDAR_VALUE.match(a.value), _CALENDAR_VALUE.match(b.value)
    if pa is None or pb is None:
        return None
    if a.precision == "year":
        n, letter = int(pb.group(1)) - int(pa.group(1)), "Y"
    elif a.precision == "month":
        n = (int(pb.group(1)) - int(pa.group(1))) * 12 + int(pb.group(2)) - int(pa.group(2))
        letter = "M"
    elif a.precision == "day":
        da, db = parse_reference(a.value), parse_reference(b.value)
        if da is None or db is None:
            return None
        n, letter = (db - da).days, "D"
    else:
        return None
    return f"P{n}{letter}" if n > 0 else None
