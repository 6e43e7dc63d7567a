"""The exception tree of dyad. Every error says what happened, where, and what to do.

    DyadError                  base of everything dyad raises on purpose
    ├── InputError             an input record or file cannot be read (names the record)
    │   └── LanguageError      the text is not in a language dyad codes (names the language)
    ├── ConfigError            a setting, model name or dictionary file is wrong
    │   └── ModelNotFoundError the spaCy model package is not installed
    ├── DictionaryError        a user/TABARI dictionary line cannot be parsed (names file:line)
    ├── StoreError             the DuckDB store cannot be opened, migrated or written
    │   ├── StoreBusyError     another process holds the store's write lock
    │   └── ReadOnlyError      a query tried to change the store or reach the file system
    └── EvalError              a gold file is not in the format named
"""

from __future__ import annotations


class DyadError(Exception):
    """Base of every error dyad raises on purpose."""


class InputError(DyadError):
    """An input record or file cannot be read."""


class LanguageError(InputError):
    """The text is not in a language dyad codes."""


class ConfigError(DyadError):
    """A setting, model name or dictionary path is wrong."""


class ModelNotFoundError(ConfigError):
    """The spaCy model package named in the settings is not installed."""


class DictionaryError(DyadError):
    """A dictionary file line cannot be parsed."""


class StoreError(DyadError):
    """The store cannot be opened, migrated or written."""


class StoreBusyError(StoreError):
    """Another process holds the store's write lock."""


class ReadOnlyError(StoreError):
    """A read-only surface was asked to change data or reach the file system."""


class EvalError(DyadError):
    """A gold file is not in the format named."""
