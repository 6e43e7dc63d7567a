from __future__ import annotations

import spacy
from spacy.tokens import Doc

from dyad.pipeline.extensions import DOC_EXTENSIONS, doc_text, set_extensions, token_lowers, token_texts


def _doc() -> Doc:
    nlp = spacy.blank("en")
    return nlp("KYIV (Reuters) - Ukraine's Foreign Minister said on Thursday:  \"No.\"\n")


def test_extensions_views_equal_what_spacy_builds() -> None:
    doc = _doc()
    assert doc_text(doc) == doc.text
    assert token_texts(doc) == [t.text for t in doc]
    assert token_lowers(doc) == [t.lower_ for t in doc]


def test_extensions_views_are_built_once_per_doc() -> None:
    doc = _doc()
    assert doc_text(doc) is doc_text(doc)
    assert token_texts(doc) is token_texts(doc)
    assert token_lowers(doc) is token_lowers(doc)
    assert token_texts(_doc()) is not token_texts(doc)  # per Doc, not per text


def test_extensions_views_of_an_empty_doc() -> None:
    doc = spacy.blank("en")("")
    assert (doc_text(doc), token_texts(doc), token_lowers(doc)) == ("", [], [])


def test_extensions_registration_is_idempotent() -> None:
    set_extensions()
    set_extensions()
    assert all(Doc.has_extension(name) for name in DOC_EXTENSIONS)
