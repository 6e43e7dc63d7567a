"""Readers: every input record becomes an Article or a Rejected naming it, in order."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest

from dyad.errors import InputError
from dyad.readers import (
    dateline_parts,
    decode_bytes,
    detect_dateline,
    read_csv,
    read_file,
    read_jsonl,
    read_path,
    read_stream,
)
from dyad.types import Article, Rejected


def test_readers_plain_text_file(tmp_path: Path) -> None:
    path = tmp_path / "story.txt"
    path.write_text("Ukraine and Poland signed a deal on Monday.", encoding="utf-8")
    (item,) = read_path(path, published="2022-01-03")
    assert isinstance(item, Article)
    assert (item.id, item.published, item.origin) == ("story", "2022-01-03", str(path))


def test_readers_jsonl_records_and_errors_in_order() -> None:
    lines = [
        json.dumps({"id": "a", "text": "Iran rejected the offer.", "published": "2021-12-24"}),
        "{not json",
        json.dumps({"id": "b", "text": "   "}),
        json.dumps({"id": "c", "title": "no text"}),
        json.dumps({"id": "a", "text": "Duplicate id."}),
        json.dumps({"id": "d", "text": "Mali expelled the envoy.", "published": "24/12/2021"}),
        json.dumps(["a", "list"]),
        "",
        json.dumps({"id": 7, "text": "Chile recalled its ambassador.", "published": "2021-12-24T08:00:00Z"}),
    ]
    items = list(read_jsonl(lines, "in.jsonl"))
    kinds = [type(x).__name__ for x in items]
    assert kinds == ["Article", "Rejected", "Rejected", "Rejected", "Rejected", "Rejected", "Rejected", "Article"]
    rejected = [x for x in items if isinstance(x, Rejected)]
    assert rejected[0].location == "in.jsonl:2" and "invalid JSON" in rejected[0].reason
    assert "empty text" in rejected[1].reason
    assert "missing 'text'" in rejected[2].reason
    assert "duplicate id 'a'" in rejected[3].reason
    assert "not an ISO date" in rejected[4].reason
    assert "expected a JSON object" in rejected[5].reason
    last = items[-1]
    assert isinstance(last, Article) and last.id == "7" and last.published == "2021-12-24T08:00:00+00:00"


def test_readers_csv_with_quotes_and_newlines() -> None:
    data = 'id,text,published\n1,"He said ""no"",\nthen left.",2020-01-01\n2,,\n'
    items = list(read_csv(io.StringIO(data), "x.csv"))
    assert isinstance(items[0], Article) and items[0].text == 'He said "no",\nthen left.'
    assert isinstance(items[1], Rejected) and items[1].location == "x.csv:4"


def test_readers_csv_without_text_column() -> None:
    (item,) = read_csv(io.StringIO("id,body\n1,hello\n"), "y.csv")
    assert isinstance(item, Rejected) and "no 'text' column" in item.reason


def test_readers_html_main_text(tmp_path: Path) -> None:
    html = ("<html><head><title>Talks</title><script>var x=1;</script></head><body>"
            "<nav>Home | World</nav><article><h1>Talks resume</h1>"
            "<p>Negotiators from Armenia and Azerbaijan resumed talks in Brussels on Tuesday, "
            "officials said, after a pause of several months in the European Union mediated process.</p>"
            "<p>The foreign ministers are expected to meet again next week to discuss the border.</p>"
            "</article><footer>Copyright</footer></body></html>")
    path = tmp_path / "page.html"
    path.write_text(html, encoding="utf-8")
    (item,) = read_path(path)
    assert isinstance(item, Article) and item.is_html
    assert "Negotiators from Armenia" in item.text and "var x" not in item.text


def test_readers_script_only_html_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "empty.html"
    path.write_text("<html><body><script>alert(1)</script></body></html>", encoding="utf-8")
    (item,) = read_path(path)
    assert isinstance(item, Rejected) and "no main text" in item.reason


def test_readers_directory_recursive_sorted(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "two.txt").write_text("Peru protested.", encoding="utf-8")
    (tmp_path / "a.txt").write_text("Chile protested.", encoding="utf-8")
    (tmp_path / "skip.bin").write_bytes(b"\x00\x01")
    ids = [x.id for x in read_path(tmp_path) if isinstance(x, Article)]
    assert ids == ["a", "two"]


def test_readers_file_bytes_read_as_read_path_reads_the_file(tmp_path: Path) -> None:
    """`read_file` over bytes (as the Spark job has them) gives what `read_path` gives."""
    files = {
        "a.jsonl": b'{"id": "j1", "text": "Chile protested."}\n{"id": 3}\n',
        "b.tsv": b"id\ttext\nt1\tPeru agreed.\n",
        "c.html": b"<html><body><p>Brazil and Peru met on Monday in Lima.</p></body></html>",
        "d.txt": "Quito condemned the strike.".encode("utf-16"),
        "e.bin": b"\x00\x01",
    }
    for name, data in files.items():
        (tmp_path / name).write_bytes(data)
    from_path = list(read_path(tmp_path, published="2022-01-03"))
    from_bytes = [item for name, data in sorted(files.items())
                  for item in read_file(lambda mode, data=data: io.BytesIO(data),
                                        str(tmp_path / name), published="2022-01-03",
                                        in_directory=True)]
    assert from_bytes == from_path
    assert [type(i).__name__ for i in from_path] == ["Article", "Rejected", "Article", "Article",
                                                     "Article", "Rejected"]
    assert "'.bin' is not a text, HTML, JSONL or CSV suffix" in from_path[-1].reason


def test_readers_unreadable_file_is_rejected_by_name() -> None:
    def refuse(mode: str) -> io.BytesIO:
        raise PermissionError(13, "Permission denied")

    (item,) = read_file(refuse, "in/locked.txt")
    assert isinstance(item, Rejected)
    assert (item.location, item.reason) == ("in/locked.txt", "cannot read file: Permission denied")


def test_readers_stdin_text_and_jsonl() -> None:
    (item,) = read_stream(io.BytesIO(b"Kenya hosted the summit."), "<stdin>")
    assert isinstance(item, Article) and item.id == "stdin"
    items = list(read_stream(io.BytesIO(b'{"id": "x", "text": "Fiji voted."}\n{"id": "y", "text": "Tonga abstained."}\n'), "<stdin>"))
    assert [x.id for x in items if isinstance(x, Article)] == ["x", "y"]


def test_readers_missing_path_raises() -> None:
    with pytest.raises(InputError, match="no such file"):
        list(read_path("/nonexistent/file.txt"))


@pytest.mark.parametrize(("data", "expected"), [
    ("Grüße aus Kyjiw".encode(), "Grüße aus Kyjiw"),
    (b"\xef\xbb\xbfBOM text", "BOM text"),
    ("UTF-16 text".encode("utf-16"), "UTF-16 text"),
    ("café".encode("latin-1"), "café"),
])
def test_readers_decode_bytes(data: bytes, expected: str) -> None:
    assert decode_bytes(data, "x") == expected


def test_readers_binary_is_refused() -> None:
    with pytest.raises(InputError, match="binary data"):
        decode_bytes(b"\x00\x01\x02abc", "blob.txt")


@pytest.mark.parametrize(("text", "place", "source"), [
    ("MOSCOW, December 9. /TASS/. Russia's Foreign Ministry said ...", "Moscow", "TASS"),
    ("KYIV (Reuters) - Ukraine said on Monday ...", "Kyiv", "Reuters"),
    ("WASHINGTON — The White House said ...", "Washington", None),
    ("BEIJING, Jan 5 (Xinhua) -- China said ...", "Beijing", "Xinhua"),
    ("The Kremlin said on Monday ...", None, None),
    ("NATO allies met on Monday.", None, None),
])
def test_readers_detect_dateline(text: str, place: str | None, source: str | None) -> None:
    assert detect_dateline(text) == (place, source)


def test_readers_control_characters_keep_offsets(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"Iran\x07 warned\x1b Israel.")
    (item,) = read_path(path)
    assert isinstance(item, Article) and item.text == "Iran  warned  Israel."


@pytest.mark.parametrize(("text", "story"), [
    ("KYIV (Reuters) - Ukraine said on Monday ...", "Ukraine said"),
    ("WASHINGTON — The White House said ...", "The White House"),
    ("BEIJING, Jan 5 (Xinhua) -- China said ...", "China said"),
    ("MOSCOW (AP) Russia said ...", " Russia said"),
])
def test_readers_dateline_parts_end_where_the_story_starts(text: str, story: str) -> None:
    place, source, end = dateline_parts(text)
    assert place is not None and text[end:].startswith(story)


def test_readers_dateline_parts_without_a_dateline() -> None:
    assert dateline_parts("The Kremlin said on Monday ...") == (None, None, 0)
