"""The date tagger on fresh Wikinews-style documents, scored as `dyad eval dates` scores MEANTIME.

Each `tests/fixtures/timex/documents_*.yaml` item is a short article laid out as MEANTIME's
rebuilt text (title line, dateline line, body) with every TIMEX3 of its title and body —
text, type and value against the dateline's date, which is the document creation time and,
as in MEANTIME, anchored in the dateline and not scored. The test tags each document with
`dyad.eval.timex.tag_documents` and scores it with `score_document` (the DCT span excluded),
and asks for every expression right: span, type and value. A document dyad does not yet get
right carries `known_gap: <why>` and is run as a strict xfail, so the gap list stays true.
`python -m tests.pipeline.test_timex_documents` prints the span and value figures.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest
import yaml

from dyad.eval.timex import Counts, GoldDoc, GoldTimex, score_document, tag_documents
from tests.known_gaps import known_gap_param

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "timex").glob("documents_*.yaml"))
DOCS: list[dict[str, Any]] = [item for path in FIXTURES
                              for item in yaml.safe_load(path.read_text("utf-8"))["documents"]]


def _find(text: str, span: str, pos: int, skip: tuple[int, int]) -> int:
    """Where `span` first stands as whole words in `text` at or after `pos`, outside `skip`."""
    pattern = re.compile(r"(?<!\w)" + re.escape(span) + r"(?!\w)")
    for m in pattern.finditer(text, pos):
        if m.end() <= skip[0] or m.start() >= skip[1]:
            return m.start()
    raise ValueError(f"{span!r} not found after offset {pos} in {text[:40]!r}")


def gold_doc(item: dict[str, Any]) -> GoldDoc:
    """The item as a MEANTIME-like gold document: title, dateline and body on their own lines,
    the dateline as the DCT span, each expected expression found left to right."""
    title, dateline = item["title"], item["dateline"]
    text = f"{title}\n{dateline}\n{item['body']}"
    dct_span = (len(title) + 1, len(title) + 1 + len(dateline))
    timexes, pos = [], 0
    for span, typ, value in item["timexes"]:
        start = _find(text, span, pos, dct_span)
        timexes.append(GoldTimex(start, start + len(span), typ, value))
        pos = start + len(span)
    return GoldDoc(name=title, text=text, dct=item["published"], timexes=timexes,
                   dct_span=dct_span)


def _triples(doc: GoldDoc, found: list[Any]) -> list[tuple[str, str, str]]:
    return sorted((doc.text[t.start:t.end], t.type, t.value) for t in found)


@pytest.fixture(scope="module")
def scored() -> dict[str, tuple[GoldDoc, Counts, list[dict[str, Any]]]]:
    """Every document tagged in one pass and scored as a MEANTIME document."""
    docs = [gold_doc(item) for item in DOCS]
    out = {}
    for doc, found in zip(docs, tag_documents(docs), strict=True):
        counts, errors = score_document(doc.timexes, found, exclude=doc.dct_span)
        out[doc.name] = (doc, counts, errors)
    return out


@pytest.mark.parametrize("item", [known_gap_param(i, "title") for i in DOCS])
def test_timex_document_every_expression_right(
        item: dict[str, Any], scored: dict[str, tuple[GoldDoc, Counts, list[dict[str, Any]]]]
) -> None:
    doc, counts, errors = scored[item["title"]]
    wrong = [(e["kind"], *(doc.text[e[k].start:e[k].end] + f" {e[k].type} {e[k].value}"
                           for k in ("gold", "system") if k in e)) for e in errors]
    assert not errors, wrong
    assert counts.strict == counts.value_ok == counts.gold == counts.system


def test_timex_documents_fixture_is_well_formed() -> None:
    assert len(DOCS) >= 25
    assert len({d["title"] for d in DOCS}) == len(DOCS), "a title is listed twice"
    for item in DOCS:
        doc = gold_doc(item)
        assert "\n" not in item["title"] + item["dateline"] + item["body"]
        assert all(t.type in {"DATE", "TIME", "DURATION", "SET"} for t in doc.timexes), doc.name
        assert doc.dct_span is not None
        assert item["published"][:4] in doc.text[doc.dct_span[0]:doc.dct_span[1]]


def documents_report() -> dict[str, Any]:
    """Span and value figures of dyad on the documents (summed like a MEANTIME half)."""
    docs = [gold_doc(item) for item in DOCS]
    total = Counts()
    exact = 0
    for doc, found in zip(docs, tag_documents(docs), strict=True):
        counts, errors = score_document(doc.timexes, found, exclude=doc.dct_span)
        total.add(counts)
        exact += not errors
    return total.report() | {"documents": len(docs), "documents_exact": exact}


if __name__ == "__main__":
    import json

    print(json.dumps(documents_report(), indent=1))
