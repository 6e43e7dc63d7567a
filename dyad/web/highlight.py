"""Article text with its records highlighted: character spans → escaped HTML segments.

The article page shows the text once, cut at every boundary of an actor mention, event
trigger or evidence, quote, speaker, date or negotiation evidence. Each piece becomes a
`<span>` whose classes say what covers it and whose `data-refs` list the records it belongs
to (`ev3`, `q0`, ...), so the page script can mark a record's evidence without re-reading
offsets. Every piece of text and every attribute is escaped here; this module must not emit
anything it did not escape, and it never sees a spaCy object.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from markupsafe import Markup, escape


@dataclass(frozen=True, slots=True)
class Mark:
    """A highlighted span of the text: `start`/`end` are character offsets into the text."""

    start: int
    end: int
    css: str  # classes the covered text gets, e.g. "act act-country"
    ref: str  # the record it belongs to, e.g. "ev3" (a token: no spaces)
    label: str = ""  # shown on hover


@dataclass(frozen=True, slots=True)
class Segment:
    """A piece of text covered by the same marks throughout."""

    text: str
    start: int
    marks: tuple[Mark, ...]

    @property
    def css(self) -> str:
        return " ".join(dict.fromkeys(c for m in self.marks for c in m.css.split()))

    @property
    def refs(self) -> str:
        return " ".join(dict.fromkeys(m.ref for m in self.marks))

    @property
    def label(self) -> str:
        return " · ".join(dict.fromkeys(m.label for m in self.marks if m.label))


def segments(text: str, marks: Iterable[Mark]) -> list[Segment]:
    """`text` cut at every mark boundary; marks outside the text are clipped, empty ones dropped."""
    n = len(text)
    kept = []
    for m in marks:
        start, end = max(0, min(m.start, n)), max(0, min(m.end, n))
        if start < end:
            kept.append(Mark(start, end, m.css, m.ref, m.label))
    cuts = sorted({0, n, *(m.start for m in kept), *(m.end for m in kept)})
    # Sweep: marks sorted by start enter the active set, leave it once they end.
    kept.sort(key=lambda m: (m.start, -m.end))
    out: list[Segment] = []
    active: list[Mark] = []
    i = 0
    for a, b in zip(cuts, cuts[1:], strict=False):
        while i < len(kept) and kept[i].start <= a:
            active.append(kept[i])
            i += 1
        active = [m for m in active if m.end > a]
        out.append(Segment(text[a:b], a, tuple(m for m in active if m.end >= b)))
    return out


def render(segs: Sequence[Segment]) -> Markup:
    """The segments as HTML: plain text for unmarked pieces, a `<span>` for marked ones."""
    parts: list[str] = []
    for seg in segs:
        if not seg.marks:
            parts.append(str(escape(seg.text)))
            continue
        title = f' title="{escape(seg.label)}"' if seg.label else ""
        parts.append(f'<span class="{escape(seg.css)}" data-refs="{escape(seg.refs)}" '
                     f'data-start="{seg.start}"{title}>{escape(seg.text)}</span>')
    return Markup("".join(parts))
