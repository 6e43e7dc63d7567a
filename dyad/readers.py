"""Input readers: plain text, HTML, JSONL, CSV, directories and stdin → Article records.

Every reader yields `Article` or `Rejected`, one per input record, in input order, so a batch
never loses a record silently: a record that cannot be read becomes a `Rejected` naming its
file and line and saying why. Readers do not run the NLP pipeline and never raise on bad
content (only on a path that does not exist).
"""

from __future__ import annotations

import csv
import io
import json
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import IO, Any

from dyad.errors import InputError
from dyad.types import Article, Rejected

TEXT_SUFFIXES = {".txt", ".text", ""}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
JSONL_SUFFIXES = {".jsonl", ".ndjson", ".json"}
CSV_SUFFIXES = {".csv", ".tsv"}
KNOWN_SUFFIXES = TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | CSV_SUFFIXES
DEFAULT_MAX_CHARS = 1_000_000
# Publication dates outside [EARLIEST_PUBLISHED, today + LATEST_AHEAD] are data errors (a
# 0001-01-01 placeholder, a mistyped year), and relative dates resolved against them would be
# wrong, so such records are rejected rather than coded. A day's slack covers time zones and
# embargoed copy; 1800 leaves room for historical archives.
EARLIEST_PUBLISHED = date(1800, 1, 1)
LATEST_AHEAD = timedelta(days=366)
METADATA_FIELDS = ("published", "title", "url", "source", "language")

Item = Article | Rejected

# "MOSCOW, December 9. /TASS/." · "KYIV (Reuters) -" · "WASHINGTON, Jan 5 (AP) —" · "BEIJING —"
_DL_PLACE = re.compile(r"\s*(?P<place>[A-Z][A-Z.'\-]+(?: [A-Z][A-Z.'\-]+){0,3})(?=[\s,(/\u2013\u2014-])")
_DL_DATE = re.compile(r",\s*(?P<date>[A-Z][a-z]{2,9}\.?\s+\d{1,2}(?:,\s*\d{4})?)\.?")
_DL_SOURCE = re.compile(r"\s*(?:\((?P<s1>[A-Za-z][\w .&'-]{0,30})\)|/(?P<s2>[A-Za-z][\w .&'-]{0,30})/\.?)")
_DL_DASH = re.compile(r"\s*(?:-{1,2}|\u2013|\u2014|:)\s")


def parse_published(value: Any, location: str) -> str | None:
    """An ISO date or datetime string, validated; None when absent."""
    if value is None or value == "":
        return None
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        raise InputError(
            f"{location}: 'published' is a number ({value!r}); give an ISO date such as 2021-12-24"
        )
    if not isinstance(value, str):
        raise InputError(f"{location}: 'published' must be an ISO date string, got {type(value).__name__}")
    text = value.strip()
    try:
        if len(text) == 10:
            day = date.fromisoformat(text)
            iso = day.isoformat()
        else:
            parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
            day, iso = parsed.date(), parsed.isoformat()
    except ValueError:
        raise InputError(
            f"{location}: 'published' is {value!r}, not an ISO date or datetime "
            "(use e.g. 2021-12-24 or 2021-12-24T10:30:00Z)"
        ) from None
    latest = date.today() + LATEST_AHEAD
    if not EARLIEST_PUBLISHED <= day <= latest:
        raise InputError(
            f"{location}: 'published' is {value!r}, outside {EARLIEST_PUBLISHED.isoformat()} .. "
            f"{latest.isoformat()} (a year from today); correct the date or leave it out"
        )
    return iso


def detect_dateline(text: str) -> tuple[str | None, str | None]:
    """(place, source) of a wire-style dateline at the start of the text, if there is one.

    A dateline is an all-capitals place, optionally a date, optionally a (Source) or /Source/,
    and a dash or the end of that block; an all-capitals word followed by prose is not one.
    """
    place, source, _ = dateline_parts(text)
    return place, source


def dateline_parts(text: str) -> tuple[str | None, str | None, int]:
    """(place, source, end) of the text's dateline — `end` is where the story starts — or
    (None, None, 0) when it has none (see `detect_dateline`)."""
    head = text[:200]
    m = _DL_PLACE.match(head)
    if not m or len(m.group("place").replace(".", "")) < 2:
        return None, None, 0
    pos = m.end()
    date = _DL_DATE.match(head, pos)
    if date:
        pos = date.end()
    src = _DL_SOURCE.match(head, pos)
    source = None
    if src:
        source = (src.group("s1") or src.group("s2")).strip()
        pos = src.end()
    dash = _DL_DASH.match(head, pos)
    if not source and not dash:
        return None, None, 0
    return m.group("place").strip().title(), source, dash.end() if dash else pos


def decode_bytes(data: bytes, location: str) -> str:
    """Text from bytes: UTF-8 (with or without BOM), UTF-16/32 with BOM, else Windows-1252.

    Binary data (NUL bytes without a UTF-16/32 BOM) is refused with an InputError.
    """
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    for bom, codec in ((b"\xff\xfe\x00\x00", "utf-32-le"), (b"\x00\x00\xfe\xff", "utf-32-be"),
                       (b"\xff\xfe", "utf-16-le"), (b"\xfe\xff", "utf-16-be")):
        if data.startswith(bom):
            return data[len(bom):].decode(codec, errors="replace")
    if b"\x00" in data:
        raise InputError(f"{location}: binary data (NUL bytes), not text; give a text, HTML, JSONL or CSV file")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        # Legacy news archives are mostly Windows-1252; it decodes every byte but five.
        return data.decode("cp1252", errors="replace")


def make_article(
    *,
    id: str,
    text: str,
    location: str,
    published: str | None = None,
    max_chars: int = DEFAULT_MAX_CHARS,
    **meta: Any,
) -> Item:
    """Validate one record's text and metadata into an Article, or reject it with the reason."""
    if not isinstance(text, str):
        return Rejected(location, f"'text' must be a string, got {type(text).__name__}", record_id=id)
    if not text.strip():
        return Rejected(location, "empty text: the record has no words to code", record_id=id)
    if len(text) > max_chars:
        return Rejected(
            location,
            f"text is {len(text):,} characters, over the limit of {max_chars:,}; "
            "split the article or raise --max-chars",
            record_id=id,
        )
    text = _clean_controls(_LONE_SURROGATE.sub("\ufffd", text))
    place, source = detect_dateline(text)
    fields = {k: v for k, v in meta.items() if k in METADATA_FIELDS and k != "published"}
    for key, value in fields.items():
        if value is not None and not isinstance(value, str):
            return Rejected(location, f"'{key}' must be a string, got {type(value).__name__}", record_id=id)
    try:
        pub = parse_published(published, location)
    except InputError as err:
        return Rejected(location, str(err), record_id=id)
    return Article(
        id=id,
        text=text,
        published=pub,
        title=fields.get("title") or None,
        url=fields.get("url") or None,
        source=fields.get("source") or source,
        language=fields.get("language") or None,
        dateline_place=place,
        dateline_source=source,
        origin=location,
        is_html=bool(meta.get("is_html", False)),
    )


_CONTROL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
# JSON may escape half a surrogate pair ("\\ud800"); such a str cannot be encoded as UTF-8,
# so it would break the tokenizer and every writer. U+FFFD keeps the offsets.
_LONE_SURROGATE = re.compile("[\ud800-\udfff]")


def shown_path(path: str | Path) -> str:
    """A path as a location or id: a file name that is not valid UTF-8 (surrogate escapes,
    which no JSON or database writer accepts) gets U+FFFD for its bad bytes."""
    return _LONE_SURROGATE.sub("\ufffd", str(path))


def _clean_controls(text: str) -> str:
    """Replace C0 control characters (but tab/newline/CR) by spaces: offsets stay the same."""
    return _CONTROL.sub(" ", text)


def html_to_article(html: str, *, id: str, location: str, published: str | None = None,
                    max_chars: int = DEFAULT_MAX_CHARS, **meta: Any) -> Item:
    """Main text of an HTML page (trafilatura) as an Article; offsets refer to that text."""
    import trafilatura

    try:
        doc = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                          include_tables=False, favor_precision=False)
    except Exception as err:  # trafilatura raises assorted lxml errors on broken markup
        return Rejected(location, f"HTML could not be parsed ({type(err).__name__}: {err})", record_id=id)
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        return Rejected(location, "HTML has no main text (only markup, scripts or boilerplate)", record_id=id)
    meta.setdefault("title", getattr(doc, "title", None))
    meta.setdefault("url", getattr(doc, "url", None))
    meta.setdefault("source", getattr(doc, "sitename", None))
    page_date = getattr(doc, "date", None)
    if published is None and page_date:
        published = str(page_date)
    meta["is_html"] = True
    return make_article(id=id, text=text, location=location, published=published,
                        max_chars=max_chars, **meta)


def _looks_like_html(text: str) -> bool:
    head = text.lstrip()[:500].lower()
    return head.startswith(("<!doctype html", "<html")) or ("<body" in head and "</" in text)


def text_item(data: bytes, *, id: str, location: str, published: str | None, max_chars: int,
              html: bool) -> Iterator[Item]:
    """One file's bytes as one article (HTML when `html` or when it looks like HTML)."""
    if len(data) > max_chars * 4:
        yield Rejected(location, f"file is {len(data):,} bytes, over the limit for {max_chars:,} "
                                 "characters; split it or raise --max-chars", record_id=id)
        return
    try:
        text = decode_bytes(data, location)
    except InputError as err:
        yield Rejected(location, str(err), record_id=id)
        return
    if html or _looks_like_html(text):
        yield html_to_article(text, id=id, location=location, published=published, max_chars=max_chars)
    else:
        yield make_article(id=id, text=text, location=location, published=published, max_chars=max_chars)


def read_jsonl(lines: Iterable[bytes | str], name: str, *, published: str | None = None,
               max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """JSON Lines, one article per line: {"id", "text", "published"?, "title"?, "url"?, ...}.

    A line may carry "html" instead of "text". Blank lines are skipped; duplicate ids rejected.
    """
    seen: set[str] = set()
    for lineno, raw in enumerate(lines, start=1):
        yield from jsonl_item(raw, f"{name}:{lineno}", seen, published, max_chars)


def jsonl_item(raw: bytes | str, location: str, seen: set[str], published: str | None,
               max_chars: int) -> Iterator[Item]:
    """One JSON Lines line as an article, or a Rejected naming `location`; a blank line is none.

    `seen` holds the ids read so far (a repeated id is rejected) and grows with this one.
    """
    if isinstance(raw, bytes):
        try:
            raw = decode_bytes(raw, location)
        except InputError as err:
            yield Rejected(location, str(err))
            return
    if not raw.strip():
        return
    try:
        obj = json.loads(raw)
    except json.JSONDecodeError as err:
        yield Rejected(location, f"invalid JSON ({err.msg} at column {err.colno}); "
                                 "each line must be one JSON object")
        return
    except RecursionError:
        yield Rejected(location, "invalid JSON: nested too deeply to parse; "
                                 "each line must be one flat JSON object")
        return
    yield from record_item(obj, location, seen, published, max_chars)


def record_item(obj: Any, location: str, seen: set[str], published: str | None,
                max_chars: int) -> Iterator[Item]:
    """One JSON object (or table row) with `text` or `html` as an article, or a Rejected."""
    if not isinstance(obj, dict):
        yield Rejected(location, f"expected a JSON object with 'id' and 'text', got {type(obj).__name__}")
        return
    rid = obj.get("id")
    if rid is None or rid == "":
        rid = location
    elif not isinstance(rid, (str, int)) or isinstance(rid, bool):
        yield Rejected(location, f"'id' must be a string or integer, got {type(rid).__name__}")
        return
    rid = str(rid)
    if rid in seen:
        yield Rejected(location, f"duplicate id {rid!r}: an earlier record has it; ids must be unique",
                       record_id=rid)
        return
    seen.add(rid)
    meta = {k: obj.get(k) for k in METADATA_FIELDS if k != "published"}
    pub = obj.get("published", obj.get("date")) or published
    if "text" not in obj and isinstance(obj.get("html"), str):
        yield html_to_article(obj["html"], id=rid, location=location, published=pub,
                              max_chars=max_chars, **meta)
        return
    if "text" not in obj:
        yield Rejected(location, "missing 'text' (or 'html') field", record_id=rid)
        return
    yield make_article(id=rid, text=obj["text"], location=location, published=pub,
                       max_chars=max_chars, **meta)


def read_csv(stream: io.TextIOBase | Iterable[str], name: str, *, delimiter: str = ",",
             published: str | None = None, max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """CSV/TSV with a header row naming at least `text` (and usually `id`)."""
    # No field limit: an oversized field is read and then rejected by make_article with its
    # row and length, where a csv.Error would leave the reader inside the field's lines.
    csv.field_size_limit(sys.maxsize)
    reader = csv.DictReader(stream, delimiter=delimiter)
    seen: set[str] = set()
    if reader.fieldnames is None:
        return
    if "text" not in reader.fieldnames and "html" not in reader.fieldnames:
        yield Rejected(name, f"CSV header has no 'text' column (columns: {', '.join(reader.fieldnames)})")
        return
    while True:
        first_line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except csv.Error as err:  # the reader resumes at the next line: not the rest of the file
            yield Rejected(f"{name}:{first_line}", f"CSV row could not be parsed: {err}")
            continue
        location = f"{name}:{reader.line_num}"
        if None in row:
            yield Rejected(location, "row has more fields than the header")
            continue
        clean = {k: (v if v != "" else None) for k, v in row.items()}
        if clean.get("text") is None and clean.get("html") is None:
            clean["text"] = ""
        yield from record_item(clean, location, seen, published, max_chars)


def read_path(path: str | Path, *, published: str | None = None,
              max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """Articles from a file, a directory (recursively, sorted) or '-' for stdin."""
    if str(path) == "-":
        yield from read_stream(sys.stdin.buffer, "<stdin>", published=published, max_chars=max_chars)
        return
    p = Path(path)
    if not p.exists():
        raise InputError(f"{shown_path(p)}: no such file or directory")
    if p.is_dir():
        for child in sorted(x for x in p.rglob("*") if x.is_file()):
            if not child.name.startswith("."):
                yield from read_file(child.open, shown_path(child), published=published,
                                     max_chars=max_chars, in_directory=True)
        return
    yield from read_file(p.open, shown_path(p), published=published, max_chars=max_chars)


def read_file(open_binary: Callable[[str], IO[bytes]], location: str, *,
              published: str | None = None, max_chars: int = DEFAULT_MAX_CHARS,
              in_directory: bool = False) -> Iterator[Item]:
    """One file by its suffix — JSONL, CSV/TSV, HTML or text — from `open_binary("rb")`.

    The one place that decides how a file's suffix is read: `read_path` passes `Path.open`,
    the Spark job an opener over the bytes Spark read. A file met inside a directory with a
    suffix none of the readers knows is rejected (named by itself, the file is read as text).
    """
    name = Path(location)
    suffix = name.suffix.lower()
    if in_directory and suffix not in KNOWN_SUFFIXES:
        yield Rejected(location, f"not read: {shown_path(name.suffix)!r} is not a text, HTML, JSONL "
                                 "or CSV suffix; pass the file by name to read it as text")
        return
    try:
        fh = open_binary("rb")
    except OSError as err:
        yield Rejected(location, f"cannot read file: {err.strerror}")
        return
    with fh:
        if suffix in JSONL_SUFFIXES:
            yield from read_jsonl(fh, location, published=published, max_chars=max_chars)
        elif suffix in CSV_SUFFIXES:
            text = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="replace", newline="")
            yield from read_csv(text, location, delimiter="\t" if suffix == ".tsv" else ",",
                                published=published, max_chars=max_chars)
        else:
            try:
                data = fh.read()
            except OSError as err:
                yield Rejected(location, f"cannot read file: {err.strerror}")
                return
            yield from text_item(data, id=shown_path(name.stem), location=location,
                                 published=published, max_chars=max_chars,
                                 html=suffix in HTML_SUFFIXES)


def read_stream(stream: io.BufferedIOBase | Any, name: str, *, published: str | None = None,
                max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """stdin: JSONL when the first non-blank character is '{', otherwise one text/HTML article."""
    data = stream.read()
    if isinstance(data, str):
        data = data.encode("utf-8")
    if data.lstrip()[:1] == b"{":
        yield from read_jsonl(data.splitlines(), name, published=published, max_chars=max_chars)
    else:
        yield from text_item(data, id="stdin", location=name, published=published,
                             max_chars=max_chars, html=False)


def read_paths(paths: Iterable[str | Path], *, published: str | None = None,
               max_chars: int = DEFAULT_MAX_CHARS) -> Iterator[Item]:
    """All inputs in order; a missing path becomes a Rejected, not an exception.

    An id met again in a later file (two files named `a.txt` in different folders) is
    rejected: in one run an id names one article, and a store would overwrite the first.
    """
    first_seen: dict[str, str] = {}
    for path in paths:
        try:
            for item in read_path(path, published=published, max_chars=max_chars):
                if isinstance(item, Article):
                    earlier = first_seen.setdefault(item.id, item.origin or item.id)
                    if earlier != (item.origin or item.id):
                        item = Rejected(item.origin or item.id, f"duplicate id {item.id!r}: "
                                        f"{earlier} has the same id; ids must be unique in one "
                                        "run (rename the file or set 'id')", record_id=item.id)
                yield item
        except InputError as err:
            yield Rejected(shown_path(path), str(err))


def with_published(article: Article, published: str | None) -> Article:
    """The article with a publication date filled in where it had none."""
    return article if article.published or not published else replace(article, published=published)
