"""The date tagger on fresh news sentences, scored as `dyad eval dates` scores MEANTIME.

Each `tests/fixtures/timex/news_*.yaml` item lists every time expression a TIMEX3 annotator
would tag in its sentence — text, type and value against the item's publication date — and
the test asks dyad's date tagger (the spaCy component `dyad eval dates` runs) for exactly
those. An item dyad does not yet get right carries `known_gap: <why>` and is run as a strict
xfail, so the gap list stays true. `python -m tests.pipeline.test_timex_news_batch` prints the
span and value figures over all the batch files.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from dyad.eval.timex import Counts, GoldDoc, GoldTimex, score_document, tag_documents
from tests.known_gaps import known_gap_param

FIXTURES = sorted((Path(__file__).parent.parent / "fixtures" / "timex").glob("news_*.yaml"))
ITEMS: list[dict[str, Any]] = [item for path in FIXTURES
                               for item in yaml.safe_load(path.read_text("utf-8"))["sentences"]]


def gold_doc(item: dict[str, Any]) -> GoldDoc:
    """The item as a one-sentence gold document (each expected text found left to right)."""
    text: str = item["text"]
    timexes = []
    for span, typ, value in item["timexes"]:
        start = text.index(span)
        timexes.append(GoldTimex(start, start + len(span), typ, value))
    return GoldDoc(name=text[:40], text=text, dct=item["published"], timexes=timexes)


@pytest.fixture(scope="module")
def tagged() -> dict[str, list[tuple[str, str, str]]]:
    """dyad's (text, type, value) for every batch sentence, tagged in one pass."""
    docs = [gold_doc(item) for item in ITEMS]
    return {d.text: [(d.text[s.start:s.end], s.type, s.value) for s in found]
            for d, found in zip(docs, tag_documents(docs), strict=True)}


@pytest.mark.parametrize("item", [known_gap_param(i) for i in ITEMS])
def test_timex_news_batch_sentence(item: dict[str, Any],
                                   tagged: dict[str, list[tuple[str, str, str]]]) -> None:
    expected = sorted(tuple(t) for t in item["timexes"])
    assert sorted(tagged[item["text"]]) == expected


def test_timex_news_batch_fixture_is_well_formed() -> None:
    assert len(ITEMS) >= 150
    assert len({i["text"] for i in ITEMS}) == len(ITEMS), "a sentence is listed twice"
    for item in ITEMS:
        doc = gold_doc(item)
        assert all(doc.text[t.start:t.end] for t in doc.timexes)
        assert all(t.type in {"DATE", "TIME", "DURATION", "SET"} for t in doc.timexes), item["text"]


def batch_report() -> dict[str, Any]:
    """Span and value figures of dyad on the whole batch (summed like a MEANTIME half)."""
    docs = [gold_doc(item) for item in ITEMS]
    total = Counts()
    exact = 0
    for doc, found in zip(docs, tag_documents(docs), strict=True):
        counts, _ = score_document(doc.timexes, found)
        total.add(counts)
        exact += (sorted((doc.text[t.start:t.end], t.type, t.value) for t in doc.timexes)
                  == sorted((doc.text[s.start:s.end], s.type, s.value) for s in found))
    return total.report() | {"sentences": len(docs), "sentences_exact": exact}


if __name__ == "__main__":
    import json

    print(json.dumps(batch_report(), indent=1))
