"""dyad: evidence-linked political event data (PLOVER/CAMEO) from news text."""

from dyad.api import build_pipeline, extract, extract_text, get_pipeline, load_model, process
from dyad.config import Settings, load_settings
from dyad.errors import (
    ConfigError,
    DictionaryError,
    DyadError,
    EvalError,
    InputError,
    LanguageError,
    ModelNotFoundError,
    ReadOnlyError,
    StoreBusyError,
    StoreError,
)
from dyad.store import Store
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
    "ConfigError",
    "DateRef",
    "DictionaryError",
    "DyadError",
    "EvalError",
    "Event",
    "Extraction",
    "InputError",
    "LanguageError",
    "ModelNotFoundError",
    "Negotiation",
    "Quote",
    "ReadOnlyError",
    "Rejected",
    "Settings",
    "Store",
    "StoreBusyError",
    "StoreError",
    "TextSpan",
    "__version__",
    "build_pipeline",
    "extract",
    "extract_text",
    "extraction_to_json",
    "get_pipeline",
    "load_model",
    "load_settings",
    "process",
]
