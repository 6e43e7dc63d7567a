"""Property tests: the readers, the quote finder and the date normaliser on arbitrary input.

Each never raises on any input; every record it returns accounts for its input (one item per
record); every offset lies inside the text and every span's text is `text[start:end]`.
Example counts stay modest so the suite is quick; the full-pipeline property reuses the
session's pipeline.
"""

from __future__ import annotations

import io
import json
from datetime import date, timedelta
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language

from dyad.convert import doc_to_extraction
from dyad.errors import InputError
from dyad.pipeline.quotes import QUOTE_CHARS, find_quoted
from dyad.pipeline.timex import find_timexes
from dyad.readers import (
    EARLIEST_PUBLISHED,
    decode_bytes,
    make_article,
    parse_published,
    read_csv,
    read_jsonl,
    read_stream,
)
from dyad.types import Article, Extraction, Rejected, to_dict

# Words that make the finders work: cue verbs, actors, time words, marks, newlines.
NEWS_WORDS = (
    "said", "told", "Russia", "Ukraine", "the", "minister", "Kuleba", "NATO", "on", "Monday",
    "next", "week", "last", "year", "2021", "December", "9", "ago", "days", "“", "”", '"', "'",
    "‘", "’", "«", "»", "\n", "\n\n", ",", ".", "—", "according to", "he", "she", "added",
    "in", "early", "March", "the 1990s", "tonight", "at 16:00 UTC", "every Tuesday", "\u202e",
    "\U0001F600", "\x07", "\u0301", "\r\n",
)
news_text = st.lists(st.one_of(st.sampled_from(NEWS_WORDS), st.text(max_size=6)), max_size=60).map(
    lambda parts: " ".join(parts))
any_text = st.one_of(st.text(max_size=300), news_text)
references = st.one_of(
    st.none(),
    st.dates(min_value=EARLIEST_PUBLISHED, max_value=date.today() + timedelta(days=366)),
    st.text(max_size=12))
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True) | st.text(max_size=40),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12)
records = st.fixed_dictionaries(
    {}, optional={"id": json_values, "text": st.one_of(any_text, json_values),
                  "published": st.one_of(st.dates().map(date.isoformat), json_values),
                  "title": json_values, "html": st.text(max_size=80), "language": json_values})


def _spans_ok(text: str, obj: Any) -> list[str]:
    bad: list[str] = []
    if isinstance(obj, dict):
        if {"start", "end", "text"} <= obj.keys() and isinstance(obj["start"], int):
            if not (0 <= obj["start"] <= obj["end"] <= len(text)) \
                    or text[obj["start"]:obj["end"]] != obj["text"]:
                bad.append(repr(obj))
        for value in obj.values():
            bad.extend(_spans_ok(text, value))
    elif isinstance(obj, list):
        for value in obj:
            bad.extend(_spans_ok(text, value))
    return bad


# ---------------------------------------------------------------- readers


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=400))
def test_reliability_fuzz_bytes_read_as_one_record(data: bytes) -> None:
    items = list(read_stream(io.BytesIO(data), "<fuzz>"))
    if data.lstrip()[:1] == b"{":
        assert len(items) == sum(1 for line in data.splitlines() if line.strip())
    else:
        assert len(items) == 1
    for item in items:
        assert isinstance(item, (Article, Rejected))
        if isinstance(item, Rejected):
            assert item.location.startswith("<fuzz>") and item.reason


@settings(max_examples=100, deadline=None)
@given(st.binary(max_size=200))
def test_reliability_fuzz_decode_bytes_text_or_input_error(data: bytes) -> None:
    try:
        text = decode_bytes(data, "x")
    except InputError as err:
        assert "x: binary data" in str(err)
    else:
        assert isinstance(text, str)


@settings(max_examples=50, deadline=None)
@given(st.lists(st.one_of(records.map(lambda r: json.dumps(r, allow_nan=True)),
                          json_values.map(json.dumps), st.text(max_size=60)), max_size=8))
def test_reliability_fuzz_jsonl_one_item_per_line(lines: list[str]) -> None:
    lines = [line.replace("\n", " ").replace("\r", " ") for line in lines]
    items = list(read_jsonl(lines, "f.jsonl"))
    expected = [i for i, line in enumerate(lines, start=1) if line.strip()]
    assert len(items) == len(expected)
    for lineno, item in zip(expected, items, strict=True):
        where = item.origin if isinstance(item, Article) else item.location
        assert where == f"f.jsonl:{lineno}"


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=300))
def test_reliability_fuzz_csv_never_raises(body: str) -> None:
    items = list(read_csv(io.StringIO("id,text,published\n" + body, newline=""), "f.csv"))
    for item in items:
        where = item.origin if isinstance(item, Article) else item.location
        assert where is not None and where.startswith("f.csv:")


@settings(max_examples=100, deadline=None)
@given(any_text, st.one_of(st.none(), st.text(max_size=30), json_values))
def test_reliability_fuzz_make_article_keeps_offsets(text: str, published: Any) -> None:
    item = make_article(id="x", text=text, location="loc", published=published)
    if isinstance(item, Article):
        assert len(item.text) == len(text)  # cleaning never moves an offset
        item.text.encode("utf-8")  # and leaves nothing a writer cannot encode
    else:
        assert item.location == "loc" and item.reason


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=40))
def test_reliability_fuzz_published_iso_or_input_error(value: str) -> None:
    try:
        iso = parse_published(value, "loc")
    except InputError as err:
        assert str(err).startswith("loc: 'published' is")
    else:
        assert iso is None or iso[:10] >= EARLIEST_PUBLISHED.isoformat()


# ---------------------------------------------------------------- quote finder and dates


@settings(max_examples=100, deadline=None)
@given(any_text)
def test_reliability_fuzz_find_quoted_offsets_inside(text: str) -> None:
    for q in find_quoted(text):
        assert 0 <= q.open < q.start <= q.end <= len(text)
        assert text[q.open] in QUOTE_CHARS
        if q.close is not None:
            assert q.end <= q.close < len(text) and text[q.close] in QUOTE_CHARS


@settings(max_examples=100, deadline=None)
@given(any_text, references)
def test_reliability_fuzz_find_timexes_spans_are_slices(text: str, reference: Any) -> None:
    for t in find_timexes(text, reference):
        assert 0 <= t.start < t.end <= len(text)
        assert t.text == text[t.start:t.end]
        assert t.type in ("DATE", "TIME", "DURATION", "SET") and t.value


@settings(max_examples=50, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(news_text, references.filter(lambda r: not isinstance(r, str)))
def test_reliability_fuzz_pipeline_spans_are_slices(nlp: Language, text: str,
                                                    reference: date | None) -> None:
    item = make_article(id="fuzz", text=text or "x", location="fuzz",
                        published=reference.isoformat() if reference else None)
    if isinstance(item, Rejected):
        return
    doc = nlp.make_doc(item.text)
    doc._.dyad_published = item.published
    doc._.dyad_article_id = item.id
    for _, proc in nlp.pipeline:
        doc = proc(doc)
    ex = doc_to_extraction(doc, item)
    assert isinstance(ex, Extraction)
    out = to_dict(ex)
    out.pop("article")
    assert not _spans_ok(item.text, out)
