"""dyad: evidence-linked political event data (PLOVER/CAMEO) from news text."""

from dyad.api import build_pipeline, extract, extract_text, get_pipeline, process
from dyad.config import Settings
from dyad.errors import DyadError
from dyad.types import (
    Actor,
    Article,
    DateRef,
    Event,
    Extraction,
    Negotiation,
    Quote,
    Rejected,
    TextSpan,
    extraction_to_json,
)

__version__ = "0.1.0"

__all__ = [
    "Actor",
    "Article",
    "DateRef",
    "DyadError",
    "Event",
    "Extraction",
    "Negotiation",
    "Quote",
    "Rejected",
    "Settings",
    "TextSpan",
    "__version__",
    "build_pipeline",
    "extract",
    "extract_text",
    "extraction_to_json",
    "get_pipeline",
    "process",
]
