"""Shared fixtures: the real dyad pipeline (loaded once per session) and hand-made Docs."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path

import pytest
from spacy.language import Language
from spacy.tokens import Doc

from dyad.api import get_pipeline
from dyad.config import Settings
from dyad.types import Extraction

EXAMPLE_PUBLISHED = "2021-12-24"
# The reference corpora sit beside the repository (../shared), in CI as on a developer's
# machine; DYAD_SHARED points elsewhere.
SHARED_DIR = Path(os.environ.get("DYAD_SHARED", Path(__file__).resolve().parents[1].parent / "shared"))


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """../shared: PLOVER, PETRARCH, MEANTIME corpora (read-only)."""
    if not SHARED_DIR.is_dir():
        pytest.fail(f"reference corpora not found at {SHARED_DIR}; set DYAD_SHARED")
    return SHARED_DIR


@pytest.fixture(scope="session")
def nlp() -> Language:
    """The full dyad pipeline on the default model."""
    return get_pipeline(Settings())


@pytest.fixture(scope="session")
def example_text() -> str:
    from importlib.resources import files

    return (files("dyad") / "data" / "examples" / "000_18667010c95db324.txt").read_text("utf-8")


@pytest.fixture(scope="session")
def example_extraction(example_text: str) -> Extraction:
    from dyad.api import extract_text

    return extract_text(example_text, published=EXAMPLE_PUBLISHED, id="000_18667010c95db324")


@pytest.fixture(scope="session")
def run_text(nlp: Language) -> Callable[..., Extraction]:
    """Process one text with the full pipeline: run_text(text, published="2021-12-24")."""
    from dyad.api import extract_text

    def _run(text: str, published: str | None = EXAMPLE_PUBLISHED) -> Extraction:
        return extract_text(text, published=published)

    return _run


@pytest.fixture(scope="session")
def blank_nlp() -> Language:
    import spacy

    return spacy.blank("en")


@pytest.fixture
def make_doc(blank_nlp: Language) -> Callable[[str], Doc]:
    """A tokenised Doc with no model annotations, for components tested by hand."""
    return blank_nlp.make_doc
