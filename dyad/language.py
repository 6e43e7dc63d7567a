"""Is an article in English? A cheap function-word test first, lingua only when it says no.

dyad's pipeline codes English; other languages are recorded as skipped with the language
named, never coded as English garbage.
"""

from __future__ import annotations

import re
from functools import lru_cache

_WORD = re.compile(r"[^\W\d_]+", re.UNICODE)
_ENGLISH_FUNCTION_WORDS = frozenset(
    ["the", "of", "and", "to", "a", "in", "is", "that", "for", "on", "with", "as", "by", "at", "from", "was", "were", "are", "be", "has", "have", "had", "it", "its", "said", "says", "will", "would", "not", "but", "an", "this", "which", "who", "their", "they", "he", "she", "his", "her", "or", "after", "before", "over", "about", "than", "also", "been", "into", "against"]
)


def english_score(text: str, sample: int = 4000) -> float:
    """Share of the first words that are English function words (news English: ~0.3–0.5)."""
    words = _WORD.findall(text[:sample].lower())
    if not words:
        return 0.0
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words)


@lru_cache(maxsize=1)
def _detector():  # type: ignore[no-untyped-def]
    from lingua import LanguageDetectorBuilder

    return LanguageDetectorBuilder.from_all_languages().with_low_accuracy_mode().build()


def prose_score(text: str, head: int = 4000, tail: int = 1000) -> tuple[float, int]:
    """English function-word share among the lower-case words of the head and tail, and how
    many there are. Capitalised words are left out: a list of names ("Kenya, Peru, Chile, ...")
    says nothing about the language around it, and misleads a statistical detector."""
    sample = text[:head] + " " + (text[-tail:] if len(text) > head else "")
    words = [w for w in _WORD.findall(sample) if w.islower()]
    if not words:
        return 0.0, 0
    return sum(w in _ENGLISH_FUNCTION_WORDS for w in words) / len(words), len(words)


def detect_language(text: str) -> str | None:
    """ISO 639-1 code of the text's language ('en' for English), None when there are no words."""
    words = _WORD.findall(text[:4000])
    if not words:
        return None
    if len(words) < 8:
        return "en" if english_score(text) >= 0.1 or all(w.isascii() for w in words) else _lingua(text)
    if english_score(text) >= 0.12:
        return "en"
    share, n = prose_score(text)
    if n >= 4 and share >= 0.25:  # English prose around a long run of names
        return "en"
    return _lingua(text)


def _lingua(text: str) -> str | None:
    lang = _detector().detect_language_of(text[:4000])
    if lang is None:
        return None
    return str(lang.iso_code_639_1.name).lower()
