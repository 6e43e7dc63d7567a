"""dyad's spaCy components; importing this package registers their factories."""

from dyad.pipeline import factories as factories  # noqa: F401  (registers dyad_* factories)
