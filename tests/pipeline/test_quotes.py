"""Quote layer: quotation marks, cues, speakers, channels, the event link, and robustness."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from spacy.language import Language
from spacy.tokens import Doc

from dyad.errors import ConfigError
from dyad.pipeline.annotations import CharSpan, EventAnn, QuoteAnn
from dyad.pipeline.quotes import QuoteLinker, find_quoted, link_events, load_cues
from dyad.types import Extraction, Quote

FIXTURES = Path(__file__).parent.parent / "fixtures" / "quotes"


def _quote(ex: Extraction, fragment: str) -> Quote:
    for q in ex.quotes:
        if fragment in q.text:
            return q
    raise AssertionError(f"no quote holds {fragment!r}: {[q.text for q in ex.quotes]}")


def _speaker_name(ex: Extraction, q: Quote) -> str | None:
    return next((a.name for a in ex.actors if a.id == q.speaker), None)


# ---------------------------------------------------------------- quotation marks


@pytest.mark.parametrize("text, inner", [
    ("“We will win,” she said.", ["We will win,"]),
    ('He said: "We will win." Then he left.', ["We will win."]),
    ("'We will not be bullied,' he said.", ["We will not be bullied,"]),
    ("‘Don’t go,’ she said. The ministers’ talks ended.", ["Don’t go,"]),
    ("“He told me ‘never again’ and left,” she said.", ["He told me ‘never again’ and left,"]),
    ("It is a “key principle.”", ["key principle."]),
    ("Ukraine’s minister said it’s over.", []),
    ("Adachi said, `` It's only going to get worse. '' Japan", ["It's only going to get worse."]),
])
def test_quotes_find_quoted_marks(text: str, inner: list[str]) -> None:
    assert [text[q.start:q.end] for q in find_quoted(text)] == inner


def test_quotes_unbalanced_mark_stops_at_paragraph_end() -> None:
    text = "“This never closes, the minister said.\nThe next paragraph is plain prose.\n“Closed.”"
    quoted = find_quoted(text)
    assert text[quoted[0].start:quoted[0].end] == "This never closes, the minister said."
    assert quoted[0].close is None
    assert text[quoted[1].start:quoted[1].end] == "Closed."


def test_quotes_quotation_runs_on_over_paragraphs() -> None:
    text = "“First paragraph of the speech.\n“Second paragraph,” she said.\nProse."
    (q,) = find_quoted(text)
    assert text[q.start:q.end] == "First paragraph of the speech.\n“Second paragraph,"


def test_quotes_find_quoted_is_linear() -> None:
    text = ("“a ‘b’ \"c ' d” e’s «f» \n" * 20000)
    start = time.perf_counter()
    quoted = find_quoted(text)
    assert time.perf_counter() - start < 2.0
    assert all(0 <= q.start <= q.end <= len(text) for q in quoted)


# ---------------------------------------------------------------- cues and speakers


def test_quotes_speaker_after_quote(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("“We will not withdraw a single soldier,” Polish Defence Minister Mariusz "
                  "Blaszczak told reporters in Warsaw.")
    q = _quote(ex, "We will not withdraw")
    assert q.kind == "direct"
    assert q.text == "We will not withdraw a single soldier,"
    assert _speaker_name(ex, q) == "Mariusz Blaszczak"
    assert q.cue is not None and q.cue.text == "told"


def test_quotes_speaker_before_quote_with_colon(run_text: Callable[..., Extraction]) -> None:
    ex = run_text('Chilean President Gabriel Boric wrote on Facebook: "Our copper belongs to '
                  'the people of Chile."')
    q = _quote(ex, "Our copper")
    assert (q.kind, q.channel) == ("direct", "facebook")
    assert _speaker_name(ex, q) == "Gabriel Boric"


def test_quotes_interrupted_quotation_is_one(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("“The border will stay open,” Kenyan President William Ruto said, “and trade "
                  "will continue as before.”")
    (q,) = ex.quotes
    assert q.text.startswith("The border") and q.text.endswith("as before.")
    assert _speaker_name(ex, q) == "William Ruto"


def test_quotes_pronoun_and_continuation(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Norwegian Prime Minister Jonas Gahr Store met fishermen in Tromso on Monday.\n"
                  "“We share these waters with Russia,” he said. “Not soon.”")
    first, second = _quote(ex, "We share"), _quote(ex, "Not soon")
    assert _speaker_name(ex, first) == "Jonas Gahr Store"
    assert second.speaker == first.speaker and second.kind == "direct"
    assert first.speaker_mention is not None and first.speaker_mention.text == "he"


def test_quotes_speaker_in_neighbouring_sentence(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Lithuanian President Gitanas Nauseda visited the border on Friday. “Our "
                  "patience with Minsk has run out.”\nHis adviser, Asta Skaisgiryte, was blunt: "
                  "“The crossing stays closed.”")
    assert _speaker_name(ex, _quote(ex, "Our patience")) == "Gitanas Nauseda"
    assert _speaker_name(ex, _quote(ex, "The crossing stays closed")) == "Asta Skaisgiryte"


def test_quotes_role_noun_resolves_to_named_person(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Brazil's Foreign Minister Mauro Vieira arrived in Lima on Tuesday. "
                  "“We came to listen,” the minister said.")
    assert _speaker_name(ex, _quote(ex, "We came to listen")) == "Mauro Vieira"


def test_quotes_statement_speaks_for_its_issuer(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("NATO issued a statement after the meeting in Vilnius. “Allies stand united "
                  "against any aggression,” the statement said.")
    q = _quote(ex, "Allies stand united")
    assert q.speaker == "NATO"
    assert q.speaker_mention is not None and q.speaker_mention.text == "the statement"


@pytest.mark.parametrize("sentence, content, speaker", [
    ("Japan's Prime Minister Fumio Kishida warned that the region faced a severe crisis.",
     "the region faced a severe crisis", "Fumio Kishida"),
    ("Turkish President Recep Tayyip Erdogan denied that Ankara had blocked the shipment.",
     "Ankara had blocked the shipment", "Recep Tayyip Erdogan"),
    ("Serbian President Aleksandar Vucic insisted Belgrade would never recognise Kosovo.",
     "Belgrade would never recognise Kosovo", "Aleksandar Vucic"),
    ("Israeli Prime Minister Benjamin Netanyahu accused Iran of arming militias in Syria.",
     "Iran of arming militias in Syria", "Benjamin Netanyahu"),
    ("According to Finnish President Sauli Niinisto, the border will remain closed.",
     "the border will remain closed", "Sauli Niinisto"),
    ("The harbour will stay closed until March, Greek Prime Minister Kyriakos Mitsotakis "
     "said on Friday.", "The harbour will stay closed until March", "Kyriakos Mitsotakis"),
])
def test_quotes_indirect_cues_beyond_say(run_text: Callable[..., Extraction], sentence: str,
                                         content: str, speaker: str) -> None:
    ex = run_text(sentence)
    q = _quote(ex, content)
    assert q.kind == "indirect"
    assert q.text == content
    assert _speaker_name(ex, q) == speaker


def test_quotes_partial_quote_in_reported_speech(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Argentine President Javier Milei said the agreement was “a historic "
                  "mistake” and would be reviewed.")
    q = _quote(ex, "historic mistake")
    assert q.kind == "partial"
    assert q.text.startswith("the agreement was")


@pytest.mark.parametrize("sentence, channel", [
    ("Indian Foreign Minister Subrahmanyam Jaishankar said in an interview that talks "
     "would resume.", "interview"),
    ("Polish President Andrzej Duda told a news conference that the troops would stay.",
     "news conference"),
    ("Hungarian Prime Minister Viktor Orban wrote on Telegram that sanctions had failed.",
     "telegram"),
])
def test_quotes_channel(run_text: Callable[..., Extraction], sentence: str, channel: str) -> None:
    (q,) = run_text(sentence).quotes
    assert q.channel == channel


def test_quotes_negated_cue_is_no_statement(run_text: Callable[..., Extraction]) -> None:
    ex = run_text("Spanish Prime Minister Pedro Sanchez did not say that the vote would be "
                  "delayed.")
    assert ex.quotes == ()


def test_quotes_unbalanced_mark_does_not_swallow_article(
        run_text: Callable[..., Extraction]) -> None:
    text = ("“The talks have failed, a delegate muttered as the session ended.\n"
            "Later, Slovak Prime Minister Robert Fico said that the summit would go ahead.")
    ex = run_text(text)
    paragraph_end = text.index("\n")
    assert all(q.end <= paragraph_end or q.start > paragraph_end for q in ex.quotes)
    later = _quote(ex, "the summit would go ahead")
    assert _speaker_name(ex, later) == "Robert Fico"


# ---------------------------------------------------------------- the example article


def test_quotes_example_article_attributions(example_extraction: Extraction) -> None:
    ex = example_extraction
    seat = _quote(ex, "must both be given a seat at the table")
    assert (seat.speaker, seat.kind) == ("dmitry-kuleba", "indirect")
    principle = _quote(ex, "key principle")
    assert (principle.speaker, principle.kind, principle.channel) == (
        "dmitry-kuleba", "partial", "twitter")
    decisions = _quote(ex, "Decisions on Ukraine’s security")
    assert (decisions.speaker, decisions.kind) == ("dmitry-kuleba", "direct")
    assert decisions.text.startswith("Decisions") and "”" not in decisions.text
    support = next(q for q in ex.quotes if q.text.startswith("reaffirmed"))
    assert support.speaker == "josep-borrell"
    osce = _quote(ex, "OSCE and UN commitments")
    assert (osce.speaker, osce.kind) == ("EU", "direct")
    assert osce.speaker_mention is not None and osce.speaker_mention.text == "the statement"
    blinken = _quote(ex, "Antony Blinken has agreed")
    assert (blinken.speaker, blinken.kind) == ("josep-borrell", "indirect")


# ---------------------------------------------------------------- fixtures and the evaluator


@pytest.mark.slow
@pytest.mark.parametrize("subset", ["dev", "heldout", "heldout2", "heldout3", "heldout4"])
def test_quotes_fixture_set_meets_acceptance(subset: str) -> None:
    from dyad.eval.brat import evaluate

    report = evaluate(FIXTURES / subset)
    at = report["thresholds"]["0.3"]
    assert report["offset_mismatches"] == 0
    assert at["content"]["f1"] >= 0.85, at
    assert at["speaker_accuracy"] >= 0.90, at


# ---------------------------------------------------------------- the linker


def _event(start: int, end: int, reported_by: str | None = None) -> EventAnn:
    return EventAnn(type="ACCUSE", actor=["RUS"], recipient=["UKR"], status="asserted",
                    evidence=CharSpan(start, end), trigger=CharSpan(start, end),
                    reported_by=reported_by)


def test_quotes_linker_marks_events_inside_quotes(make_doc: Callable[[str], Doc]) -> None:
    doc = make_doc("The minister said that Russia attacked the port and Ukraine struck back.")
    outer = QuoteAnn(start=23, end=71, kind="indirect", speaker="minister-x")
    inner = QuoteAnn(start=52, end=71, kind="partial", speaker="someone-else")
    inside, nested, outside, preset = _event(30, 38), _event(60, 66), _event(4, 12), _event(30, 38, "UKR")
    doc._.dyad_quotes = [outer, inner]
    doc._.dyad_events = [inside, nested, outside, preset]
    QuoteLinker(Language(), "dyad_quote_linker")(doc)
    assert (inside.quote, inside.reported_by) == (0, "minister-x")
    assert (nested.quote, nested.reported_by) == (1, "someone-else")
    assert (outside.quote, outside.reported_by) == (None, None)
    assert (preset.quote, preset.reported_by) == (0, "UKR")


def test_quotes_linker_without_quotes_or_events(make_doc: Callable[[str], Doc]) -> None:
    doc = make_doc("Nothing was said.")
    QuoteLinker(Language(), "dyad_quote_linker")(doc)
    link_events([_event(0, 7)], [])


# ---------------------------------------------------------------- cue data


def test_quotes_cue_data_has_required_cues() -> None:
    cues = load_cues()
    for verb in ("say", "write", "tweet", "state", "add", "warn", "insist", "claim", "deny",
                 "allege", "accuse", "stress"):
        assert verb in cues.all_verbs
    assert ("according", "to") in cues.prepositions
    names = {name for name, _ in cues.channels}
    assert {"twitter", "telegram", "facebook", "press release", "statement", "interview",
            "news conference", "television"} <= names


def test_quotes_unknown_cue_set_names_the_valid_ones() -> None:
    with pytest.raises(ConfigError, match="dyad.cues.v1"):
        load_cues("dyad.cues.v0")


def test_quotes_bad_cue_file_is_reported(tmp_path: Path) -> None:
    bad = tmp_path / "cues.yaml"
    bad.write_text("verbs: say\n", "utf-8")
    with pytest.raises(ConfigError, match="'verbs' must be a list"):
        load_cues(str(bad))


# ---------------------------------------------------------------- properties

_MARKS = st.sampled_from(list("\"'“”‘’«»„") + ["\n", "\n\n", " "])
_WORDS = st.sampled_from(["Kenya", "said", "the", "minister", "he", "wrote", "that", ",", ".",
                          "Ruto", "warned", "according to", "on Twitter", "statement", "it"])
_TEXT = st.lists(st.one_of(_MARKS, _WORDS), min_size=0, max_size=40).map(" ".join)


@given(st.text(alphabet=st.sampled_from(list("ab .,\n\"'“”‘’«»„")), max_size=300))
def test_quotes_find_quoted_offsets_are_inside(text: str) -> None:
    quoted = find_quoted(text)
    for q in quoted:
        assert 0 <= q.open < q.start <= q.end <= len(text)
        assert q.close is None or q.end <= q.close < len(text)
    assert all(a.outer_end <= b.open for a, b in zip(quoted, quoted[1:], strict=False))


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(text=_TEXT)
def test_quotes_pipeline_never_raises_and_spans_match(run_text: Callable[..., Extraction],
                                                      text: str) -> None:
    text = "Kenya said " + text
    ex = run_text(text)
    n = len(text)
    for q in ex.quotes:
        assert 0 <= q.start <= q.end <= n and q.text == text[q.start:q.end]
        for span in (q.speaker_mention, q.cue, q.sentence):
            if span is not None:
                assert 0 <= span.start <= span.end <= n
                assert span.text == text[span.start:span.end]
