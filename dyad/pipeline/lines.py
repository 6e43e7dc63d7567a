"""Line breaks as sentence boundaries, set before the parser runs.

News text puts its headline, dateline and each paragraph on lines of their own, and a headline
has no full stop: left alone, the small English parser joins the headline to the dateline and
the first sentence (in MEANTIME it does so in every document), so a headline's subject becomes
the first sentence's, and a quotation's paragraph runs into the next. `LineBreaks` marks the
first token after a line break as a sentence start, which the parser keeps, where the break
ends a sentence: a blank line; a line ending in a full stop, "!" or "?" (or one closing a
quotation); and, at the top of a text that shows no sign of hard wrapping, a short first or
second line (a headline, a dateline). Hard-wrapped text (a wire story or a PETRARCH record cut
at a fixed width) is recognised by a line break inside a sentence — one followed by a lower-case
word, or after a comma, a hyphen or a word that cannot end a sentence ("the", "of", "and") —
and keeps its other single line breaks as spaces; a top line ending in a word a headline does
not end in (a past tense, an adjective, a preposition: the tagger's tags, where it ran) is no
headline either.

Must not: change tokens or text, or need more than the tokens' text and, where a tagger ran
before the parser, their tags.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc

# Words after which a line cannot end a sentence: a wrapped line continues.
_CONTINUES = frozenset({
    ",", "-", "–", "—", "(", "the", "a", "an", "of", "to", "in", "on", "at", "by", "for",
    "from", "with", "and", "or", "but", "that", "as", "than", "his", "her", "its", "their",
    "our", "your", "my", "this", "these", "those", "is", "are", "was", "were", "be", "has",
    "have", "had", "will", "would", "said",
})
_FINAL = frozenset({".", "!", "?", "...", "…"})
_CLOSING = frozenset({'"', "”", "’", "'", ")"})
_HEAD_LINES = 2  # a headline and a dateline
_HEAD_MAX_TOKENS = 15
# Tags a headline or dateline does not end in (a wrapped line does: "urged", "besieged",
# "in which", "after"), when a tagger ran before the parser.
_NO_HEAD_END_TAGS = frozenset({"VBD", "VBN", "JJ", "JJR", "IN", "DT", "CC", "TO", "WDT", "WP",
                               "WP$", "WRB", "PRP$", "MD", "HYPH", ","})


class LineBreaks:
    """Sets `token.is_sent_start` on the first token of every line that starts a sentence."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name

    def __call__(self, doc: Doc) -> Doc:
        for i in line_starts(doc):
            doc[i].is_sent_start = True
        return doc


def line_starts(doc: Doc) -> list[int]:
    """Indices of tokens that open a new sentence after a line break (see the module doc)."""
    n = len(doc)
    breaks = [t.i for t in doc if t.is_space and "\n" in t.text and 0 < t.i < n - 1]
    if not breaks:
        return []
    wrapped = any(doc[i + 1].text[:1].islower() or doc[i - 1].lower_ in _CONTINUES
                  for i in breaks if doc[i].text.count("\n") == 1)
    out = []
    line_start = 0
    for line, i in enumerate(breaks):
        prev, nxt = doc[i - 1], doc[i + 1]
        ends = prev.text in _FINAL or (prev.text in _CLOSING and i > 1 and doc[i - 2].text in _FINAL)
        head = (not wrapped and line < _HEAD_LINES and i - line_start <= _HEAD_MAX_TOKENS
                and not nxt.text[:1].islower() and prev.lower_ not in _CONTINUES
                and prev.tag_ not in _NO_HEAD_END_TAGS)
        if doc[i].text.count("\n") > 1 or ends or head:
            out.append(i + 1)
        line_start = i + 1
    return out
