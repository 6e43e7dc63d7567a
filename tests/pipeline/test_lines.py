from __future__ import annotations

from collections.abc import Callable

from spacy.language import Language
from spacy.tokens import Doc

from dyad.pipeline.lines import line_starts


def _starts(doc: Doc) -> list[str]:
    return [doc[i].text for i in line_starts(doc)]


def test_lines_headline_dateline_and_paragraphs_start_sentences(
        make_doc: Callable[[str], Doc]) -> None:
    doc = make_doc("Chile and Peru sign fishing pact\nLIMA, May 3\n\"We are pleased,\" he said.\n"
                   "Talks will resume in June.")
    assert _starts(doc) == ["LIMA", '"', "Talks"]


def test_lines_hard_wrapped_sentence_is_left_alone(make_doc: Callable[[str], Doc]) -> None:
    doc = make_doc("The ministers of Chile and\nPeru signed the pact on the\nSaturday, officials "
                   "said, after\ntalks that lasted a week.")
    assert _starts(doc) == []


def test_lines_wrapped_text_breaks_only_at_sentence_ends_and_blank_lines(
        make_doc: Callable[[str], Doc]) -> None:
    doc = make_doc("Fishing talks between Chile\nPeru and Ecuador ended on\nFriday without a deal.\n"
                   "Delegates said they would meet\nagain in May.\n\nNo date was set")
    assert _starts(doc) == ["Delegates", "No"]


def test_lines_a_wrapped_top_line_ending_in_a_verb_is_no_headline(nlp: Language) -> None:
    doc = nlp("Officials of Arnor meeting in Bree on Monday urged\nEriador to respond to the offer.")
    assert len(list(doc.sents)) == 1


def test_lines_first_and_last_tokens_never_marked(make_doc: Callable[[str], Doc]) -> None:
    assert _starts(make_doc("\nPeru signed.\n")) == []


def test_lines_parser_keeps_the_boundary(nlp: Language) -> None:
    doc = nlp("Kenya and Somalia agree to reopen border\nNAIROBI, March 2 - Kenya and Somalia "
              "agreed on Tuesday to reopen their border.")
    sents = [s.text.strip() for s in doc.sents]
    assert sents[0] == "Kenya and Somalia agree to reopen border"
    assert "dyad_line_breaks" in nlp.pipe_names
    assert nlp.pipe_names.index("dyad_line_breaks") < nlp.pipe_names.index("parser")
