"""The bad-input corpus: each kind of dirty input, its files, and its defined outcome.

A `Case` writes its files under `<corpus>/<name>/` and says, for every input record in read
order, what must come of it: an output (`OK`), a rejection whose reason contains a phrase
(`rejected("empty text")`), or a language skip naming the language (`language("de")`).
A file is one record, except JSONL (one per non-blank line) and CSV (one per row; a CSV file
that cannot be read at all — no `text` column — is one rejected record naming the file).

Publication dates (decided here, enforced by `dyad.readers.parse_published`): an ISO date or
datetime from 1800-01-01 up to a year after today is accepted as given; anything else —
unparseable, before 1800 (placeholders such as 0001-01-01) or more than a year ahead (a
mistyped year) — rejects the record with the reason, since every relative date in the article
would be resolved against it.
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any

Check = Callable[[list[dict[str, Any]]], None]  # run on the case's outputs (article dicts)


@dataclass(frozen=True)
class Expect:
    """The defined outcome of one input record."""

    outcome: str  # ok | rejected | language
    phrase: str = ""  # must appear in the rejection reason (rejected) or be the language

    def matches(self, result: dict[str, Any] | None) -> bool:
        if result is None:
            return False
        if self.outcome == "ok":
            return "article" in result
        if "article" in result:
            return False
        if self.outcome == "language":
            return result.get("kind") == "language" and result.get("language") == self.phrase
        return self.phrase.lower() in str(result.get("reason", "")).lower()

    def __str__(self) -> str:
        return self.outcome if self.outcome == "ok" else f"{self.outcome}({self.phrase!r})"


OK = Expect("ok")


def rejected(phrase: str) -> Expect:
    return Expect("rejected", phrase)


def language(code: str) -> Expect:
    return Expect("language", code)


@dataclass(frozen=True)
class Case:
    """One kind of bad input: files to write and the outcome of each record, in order."""

    name: str
    files: dict[str, bytes]
    expect: tuple[Expect, ...]
    check: Check | None = None
    extra_paths: tuple[str, ...] = field(default=())  # paths given on the command line only

    def write(self, root: Path) -> None:
        """Write the files; `a.<ext>` becomes `<name>.<ext>`, so ids (file stems) stay unique."""
        for rel, data in self.files.items():
            if rel.startswith("a."):
                rel = self.name + rel[1:]
            path = root / self.name / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


# ---------------------------------------------------------------- building blocks

PROSE = ("Kenya's foreign minister met officials from Peru in Nairobi on Monday, and the two "
         "governments agreed to hold further talks next month, the ministry said.")
PROSE2 = ("Chilean diplomats accused Bolivia of blocking the border crossing on Tuesday, "
          "according to a statement from the government in Santiago.")
MB = 1_000_000


def _jsonl(*records: Any) -> bytes:
    return "".join((r if isinstance(r, str) else json.dumps(r, ensure_ascii=False)) + "\n"
                   for r in records).encode("utf-8")


def _big_prose(n_chars: int) -> str:
    para = PROSE + " " + PROSE2 + "\n"
    return para * (n_chars // len(para) + 1)


def _country_list(n: int) -> str:
    import pycountry

    names = [c.name for c in pycountry.countries if c.name.isalpha()]  # one token each
    return ", ".join(names[i % len(names)] for i in range(n))


def _long_sentence(n_words: int) -> str:
    words = ("officials from Kenya and Peru said that the talks on trade and security would "
             "continue while ministers").split()
    return "Today " + " ".join(words[i % len(words)] for i in range(n_words)) + "."


# ---------------------------------------------------------------- checks on outputs


def _text_is(expected: str) -> Check:
    def check(outs: list[dict[str, Any]]) -> None:
        assert outs[0]["text"] == expected, outs[0]["text"][:200]
    return check


def _text_contains(*pieces: str) -> Check:
    def check(outs: list[dict[str, Any]]) -> None:
        for piece in pieces:
            assert piece in outs[0]["text"], (piece, outs[0]["text"][:200])
    return check


def _controls_become_spaces(original: str) -> Check:
    def check(outs: list[dict[str, Any]]) -> None:
        text = outs[0]["text"]
        assert len(text) == len(original)
        assert not any(ord(c) < 32 and c not in "\t\n\r" for c in text)
    return check


def _ids_are(*ids: str) -> Check:
    def check(outs: list[dict[str, Any]]) -> None:
        assert [o["id"] for o in outs] == list(ids)
    return check


def _published_is(*values: str) -> Check:
    def check(outs: list[dict[str, Any]]) -> None:
        assert [str(o["published"])[:10] for o in outs] == list(values)
    return check


def _no_actors(outs: list[dict[str, Any]]) -> None:
    assert outs[0]["n_actors"] == 0 and outs[0]["n_events"] == 0, outs[0]


def _many_mentions(outs: list[dict[str, Any]]) -> None:
    assert outs[0]["n_mentions"] >= 1000, outs[0]["n_mentions"]


# ---------------------------------------------------------------- the kinds

# No NUL here: a file with NUL bytes is binary (binary_nul_bytes); JSONL can escape one.
_CONTROL_TEXT = "Kenya\x07 met\x1b[31m officials\x0c from Peru\x08 on Monday,\x7f the ministry said."
_SOON = (date.today() + timedelta(days=30)).isoformat()
_LATIN1 = ("German Foreign Minister J\u00fcrgen M\u00fcller met officials from Peru in Lima on "
           "Monday, the ministry in Berlin said in a statement.")
_HUGE = _big_prose(20 * MB)


def build_cases() -> list[Case]:
    """Every kind, in a stable order (the corpus directory sorts by name)."""
    cases = [
        Case("empty_file", {"a.txt": b""}, (rejected("empty text"),)),
        Case("whitespace_only", {"a.txt": b" \n\t  \r\n   \n"}, (rejected("empty text"),)),
        Case("binary_nul_bytes", {"a.txt": b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))},
             (rejected("binary data"),)),
        Case("invalid_utf8", {"a.txt": PROSE.encode() + b" \xff\xfe\xc3\x28 " + PROSE2.encode()},
             (OK,), _text_contains(PROSE, PROSE2)),
        Case("utf16_bom", {"a.txt": PROSE.encode("utf-16")}, (OK,), _text_is(PROSE)),
        Case("utf8_bom", {"a.txt": b"\xef\xbb\xbf" + PROSE.encode()}, (OK,), _text_is(PROSE)),
        Case("latin1", {"a.txt": _LATIN1.encode("latin-1")}, (OK,), _text_is(_LATIN1)),
        Case("huge_20mb_text_file", {"a.txt": _HUGE.encode()}, (rejected("over the limit"),)),
        Case("huge_20mb_jsonl_line", {"a.jsonl": _jsonl({"id": "big", "text": _HUGE})},
             (rejected("over the limit"),)),
        Case("sentence_5000_words", {"a.txt": _long_sentence(5000).encode()}, (OK,)),
        Case("token_20000_chars", {"a.txt": (PROSE + " " + "x" * 20000 + ". " + PROSE2).encode()},
             (OK,)),
        Case("malformed_html", {"a.html": (
            "<html><head><title>Talks</title><body><div><p>" + PROSE + "<b>unclosed <i>tags"
            "<p>" + PROSE2 + "</span></table></td>&nbsp;&bogus; <p>More text follows here "
            "about the talks between the two governments.</div></div></div>").encode()},
            (OK,), _text_contains("Kenya")),
        Case("html_nested_200_levels", {"a.html": (
            "<html><body>" + "<div>" * 200 + "<p>" + PROSE + "</p><p>" + PROSE2 + "</p>"
            + "</div>" * 200 + "</body></html>").encode()}, (OK,), _text_contains("Kenya")),
        # libxml2 stops at 255 levels: the page is rejected as having no main text, by name.
        Case("html_nested_5000_levels", {"a.html": (
            "<html><body>" + "<div>" * 5000 + "<p>" + PROSE + "</p>" + "</div>" * 5000
            + "</body></html>").encode()}, (rejected("no main text"),)),
        Case("html_script_style_only", {"a.html": (
            b"<html><head><style>body{color:red}</style><script>var x = 'Kenya met Peru';"
            b"</script></head><body><script>document.write('Peru');</script>"
            b"<noscript></noscript></body></html>")}, (rejected("no main text"),)),
        Case("jsonl_broken_lines", {"a.jsonl": _jsonl(
            {"id": "g1", "text": PROSE}, '{"id": "b1", "text": "unterminated', "not json at all",
            '{"id": "b2", "text": "trailing comma",}', "", {"id": "g2", "text": PROSE2})},
            (OK, rejected("invalid JSON"), rejected("invalid JSON"), rejected("invalid JSON"), OK),
            _ids_are("g1", "g2")),
        Case("jsonl_wrong_types", {"a.jsonl": _jsonl(
            {"id": "t1", "text": 42}, {"id": ["t2"], "text": PROSE}, {"id": "t3", "text": PROSE,
                                                                       "published": 20211224},
            {"id": "t4", "text": PROSE, "title": {"x": 1}}, {"id": True, "text": PROSE},
            {"id": "t6", "text": None}, [PROSE], "\"just a string\"", {"id": 1.5, "text": PROSE},
            {"id": 7, "text": PROSE})},
            (rejected("'text' must be a string"), rejected("'id' must be"),
             rejected("'published' is a number"), rejected("'title' must be a string"),
             rejected("'id' must be"), rejected("'text' must be a string"),
             rejected("expected a JSON object"), rejected("expected a JSON object"),
             rejected("'id' must be"), OK), _ids_are("7")),
        Case("jsonl_missing_text", {"a.jsonl": _jsonl(
            {"id": "m1", "title": "No body"}, {"id": "m2", "text": ""}, {"id": "m3", "text": "   "},
            {"text": PROSE})},
            (rejected("missing 'text'"), rejected("empty text"), rejected("empty text"), OK)),
        Case("jsonl_duplicate_ids", {"a.jsonl": _jsonl(
            {"id": "d1", "text": PROSE}, {"id": "d2", "text": PROSE2}, {"id": "d1", "text": PROSE2})},
            (OK, OK, rejected("duplicate id")), _ids_are("d1", "d2")),
        Case("jsonl_nested_too_deep", {"a.jsonl": _jsonl("[" * 100_000 + "]" * 100_000,
                                                         {"id": "n2", "text": PROSE})},
             (rejected("nested too deeply"), OK)),
        Case("jsonl_lone_surrogate", {"a.jsonl": b'{"id": "s1", "text": "Kenya \\ud800 met '
                                                 b'officials from Peru on Monday, the ministry said."}\n'},
             (OK,), _text_contains("Kenya \ufffd met")),
        Case("jsonl_html_records", {"a.jsonl": _jsonl(
            {"id": "h1", "html": f"<html><body><article><p>{PROSE}</p><p>{PROSE2}</p></article>"
                                 "</body></html>"},
            {"id": "h2", "html": "<html><body><script>alert(1)</script></body></html>"})},
            (OK, rejected("no main text"))),
        Case("jsonl_invalid_utf8_line", {"a.jsonl": b'{"id": "u1", "text": "' + PROSE.encode()
                                         + b' \xff\xfe"}\n'}, (OK,)),
        Case("csv_quotes_and_newlines", {"a.csv": (
            'id,title,text\nc1,"He said ""no""","Kenya said ""we will not"" attend.\n\n'
            'Peru, however, agreed to the talks on Monday, officials said."\n'
            'c2,plain,"' + PROSE2 + '"\n').encode()},
            (OK, OK), _text_contains('"we will not"', "\n\nPeru")),
        Case("csv_ragged_rows", {"a.csv": ("id,text\nr1," + PROSE.replace(",", "") + ",extra,fields\n"
                                           "r2,\"" + PROSE2 + "\"\n").encode()},
             (rejected("more fields than the header"), OK)),
        Case("csv_no_text_column", {"a.csv": b"id,body\nx1,Kenya met Peru.\n"},
             (rejected("no 'text' column"),)),
        Case("csv_utf8_bom_header", {"a.csv": b"\xef\xbb\xbftext,id\n\"" + PROSE.encode() + b"\",c9\n"},
             (OK,), _ids_are("c9")),
        Case("csv_20mb_field", {"a.csv": ("id,text\nz1,\"" + PROSE + "\"\nz2,\"" + _HUGE.replace('"', "")
                                          + "\"\nz3,\"" + PROSE2 + "\"\n").encode()},
             (OK, rejected("over the limit"), OK), _ids_are("z1", "z3")),
        Case("tsv_file", {"a.tsv": ("id\ttext\tpublished\nt1\t" + PROSE + "\t2021-12-24\n").encode()},
             (OK,), _published_is("2021-12-24")),
        Case("published_unparseable", {"a.jsonl": _jsonl(
            {"id": "p1", "text": PROSE, "published": "yesterday"},
            {"id": "p2", "text": PROSE, "published": "2021-13-45"},
            {"id": "p3", "text": PROSE, "published": "24/12/2021"},
            {"id": "p4", "text": PROSE, "published": "2021-12-24T10:30:00Z"})},
            (rejected("not an ISO date"), rejected("not an ISO date"), rejected("not an ISO date"),
             OK)),
        Case("published_future", {"a.jsonl": _jsonl(
            {"id": "f1", "text": PROSE, "published": "3021-01-01"},
            {"id": "f2", "text": PROSE, "published": "9999-12-31T23:59:59"},
            {"id": "f3", "text": PROSE, "published": _SOON})},
            (rejected("outside"), rejected("outside"), OK), _published_is(_SOON)),
        Case("published_ancient", {"a.jsonl": _jsonl(
            {"id": "a1", "text": PROSE, "published": "0001-01-01"},
            {"id": "a2", "text": PROSE, "published": "1500-06-01"},
            {"id": "a3", "text": PROSE, "published": "1851-06-01"})},
            (rejected("outside"), rejected("outside"), OK), _published_is("1851-06-01")),
        Case("non_english", {"de.txt": ("Der russische Außenminister traf sich am Montag in Genf mit "
                                        "seinem amerikanischen Amtskollegen, um über die Lage an der "
                                        "Grenze zu sprechen, teilte das Ministerium mit.").encode(),
                             "fr.txt": ("Le ministre russe des Affaires étrangères a rencontré lundi "
                                        "à Genève son homologue américain pour discuter de la "
                                        "situation à la frontière, a indiqué le ministère.").encode(),
                             "ru.txt": ("Министр иностранных дел России встретился в понедельник в "
                                        "Женеве со своим американским коллегой, сообщило "
                                        "министерство.").encode(),
                             "zh.txt": "俄罗斯外交部长周一在日内瓦会见了美国同行，讨论边境局势。外交部表示会谈将继续。".encode()},
             (language("de"), language("fr"), language("ru"), language("zh"))),
        Case("declared_language", {"a.jsonl": _jsonl(
            {"id": "l1", "text": PROSE, "language": "es"},
            {"id": "l2", "text": PROSE, "language": "en-GB"})},
            (language("es"), OK)),
        Case("rtl_only_arabic", {"a.txt": ("التقى وزير الخارجية المصري يوم الاثنين في القاهرة مع نظيره "
                                           "الأردني لبحث الأوضاع في المنطقة، حسبما ذكرت الوزارة.").encode()},
             (language("ar"),)),
        Case("rtl_mixed_with_marks", {"a.txt": (
            "Egypt's foreign minister met his Jordanian counterpart in Cairo on Monday. "
            "\u201c\u0645\u0631\u062d\u0628\u0627 \u0628\u0643\u0645,\u201d he said in Arabic, "
            "and Israel's envoy replied \u202e\u05e9\u05dc\u05d5\u05dd\u202c \u200fin Hebrew, "
            "the ministry said.").encode()}, (OK,)),
        Case("unbalanced_quotes", {"a.txt": (
            "\u201cRussia must withdraw its troops, the minister said on Monday in Kyiv.\n\n"
            "Ukraine\u2019s president said\u201d the talks \"would go on and on, "
            "while NATO\u2019s chief said 'never again.\n\n\u201d\u201d\u201c").encode()}, (OK,)),
        Case("only_a_quotation", {"a.txt": (
            "\u201cRussia must withdraw its troops from the border immediately and return to "
            "the negotiating table.\u201d").encode()}, (OK,)),
        Case("no_entities", {"a.txt": b"It was quiet and cold, and nothing much happened at all. "
                                      b"The shops opened late and closed early."},
             (OK,), _no_actors),
        Case("ten_thousand_entities", {"a.txt": ("The signatories were " + _country_list(10_000)
                                                 + ", the organisers said.").encode()},
             (OK,), _many_mentions),
        Case("control_characters", {"a.txt": _CONTROL_TEXT.encode()}, (OK,),
             _controls_become_spaces(_CONTROL_TEXT)),
        Case("jsonl_nul_in_text", {"a.jsonl": _jsonl({"id": "nul", "text": "Kenya\u0000 " + PROSE})},
             (OK,), _text_contains("Kenya  Kenya's")),
        Case("only_control_characters", {"a.jsonl": _jsonl({"id": "cc", "text": "\u0000\u0001\u0002\u0007"})},
             (rejected("no words"),)),
        Case("emoji", {"a.txt": ("Kenya \U0001F1F0\U0001F1EA and Peru \U0001F1F5\U0001F1EA signed a "
                                 "trade deal on Monday \U0001F44D\U0001F3FD, officials said "
                                 "\U0001F600. \u201cA good day \U0001F389,\u201d the minister "
                                 "said.").encode()}, (OK,)),
        Case("digits_and_symbols_only", {"a.txt": b"12345 %%% 678 --- !!! 2021-12-24 $$$ 99.5"},
             (rejected("no words"),)),
        Case("zero_width_and_combining", {"a.txt": (
            "Ke\u200bnya\u2019s minister Mu\u0308ller met officials from Pe\u0301ru on Monday, "
            "\ufeffthe ministry said.").encode()}, (OK,)),
        Case("mixed_newlines", {"a.txt": (PROSE + "\r\n\r\n" + PROSE2 + "\r" + PROSE + "\n").encode()},
             (OK,)),
        Case("unknown_suffix_in_directory", {"scan.pdf": b"%PDF-1.4 Kenya met Peru"},
             (rejected("not read"),)),
        Case("duplicate_id_across_files", {"x/same.txt": PROSE.encode(), "y/same.txt": PROSE2.encode()},
             (OK, rejected("duplicate id"))),
        Case("missing_path", {}, (rejected("no such file"),), extra_paths=("does-not-exist.txt",)),
        # A Latin-1 file name on a UTF-8 system: Python hands it over with surrogate escapes.
        Case("undecodable_file_name", {os.fsdecode(b"caf\xe9.txt"): PROSE.encode()}, (OK,),
             _ids_are("caf\ufffd")),
    ]
    return cases


CASES = build_cases()
