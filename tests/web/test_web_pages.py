"""Server-rendered pages on hand-built records: each renders, shows its content, and shows
every value from the store as text."""

from __future__ import annotations

import re
from html.parser import HTMLParser
from typing import Any
from urllib.parse import quote

import pytest

from tests.web.records import CLOSE, IMG, SCRIPT

PAGES = {
    "/": "Talks in Oslo, 2022-03-01",
    "/articles/meet-1": "Elbonia must be involved in the fishing talks",
    "/actors": "Anna Berg",
    "/actors/" + quote("anna-berg@RUR", safe=""): "foreign minister",
    "/network": 'data-id="NOR"',
    "/timeline?actor=RUR&actor=NOR": "Events per type",
    "/tables": "Ruritania–Norway fishing talks",
    "/search?q=oslo": "Talks in Oslo",
    "/api": "GET /api/events",
}


def parse_tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    """Every start tag a browser's parser would see, with its attributes."""
    tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Collector(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            tags.append((tag, attrs))

    Collector().feed(page)
    return tags


def html(client: Any, url: str, status: int = 200) -> str:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:400])
    assert response.headers["content-type"].startswith("text/html")
    return str(response.text)


@pytest.mark.parametrize("url", list(PAGES))
def test_pages_render_with_their_content(client: Any, url: str) -> None:
    page = html(client, url)
    assert PAGES[url] in page
    assert page.count("<script") == 1 and '<script src="/static/dyad.js" defer>' in page


def test_pages_article_links_text_pieces_to_side_list_records(client: Any) -> None:
    page = html(client, "/articles/meet-1")
    refs = set(re.findall(r'data-ref="([a-z]+\d+)"', page))
    assert {"ev0", "ev1", "q0", "a0", "d0", "n0"} <= refs
    covered = set(" ".join(re.findall(r'data-refs="([^"]*)"', page)).split())
    assert refs <= covered  # every record marks some text
    trigger = re.search(r'<span class="[^"]*trig[^"]*" data-refs="([^"]*)"[^>]*>met</span>', page)
    assert trigger and "ev0" in trigger.group(1).split()


@pytest.mark.parametrize("url", [
    "/", "/articles/xss-article", "/actors", "/actors/RUR", "/actors/NOR", "/network",
    "/timeline?actor=RUR&actor=NOR", "/tables", "/search?q=window",
])
def test_pages_show_html_from_the_store_as_text(client: Any, url: str) -> None:
    page = html(client, url)
    for payload in (SCRIPT, IMG, CLOSE):
        assert payload not in page
    tags = parse_tags(page)
    assert [t for t, _ in tags if t in ("script", "img", "iframe", "object")] == ["script"]
    assert not [a for _, attrs in tags for a, _ in attrs if a.startswith("on")]
    assert not [v for _, attrs in tags for a, v in attrs
                if a in ("href", "src") and v and v.strip().lower().startswith("javascript:")]


def test_pages_article_escapes_every_field(client: Any) -> None:
    page = html(client, "/articles/xss-article")
    assert "&lt;script&gt;window.__dyad_xss = 1&lt;/script&gt;" in page
    assert "&lt;img src=&#34;x&#34; onerror=&#34;window.__dyad_xss = 2&#34;&gt;" in page
    assert 'href="javascript:' not in page  # a javascript: url is shown, never linked
    assert "Payload talks &lt;script&gt;" in page


def test_pages_unknown_records_and_bad_parameters_get_html_errors(client: Any) -> None:
    assert "no article with id" in html(client, "/articles/nope", status=404)
    assert "no actor with id" in html(client, "/actors/nobody", status=404)
    assert "Not Found" in html(client, "/no/such/page", status=404)
    assert "invalid parameters" in html(client, "/network?type=FIGHT", status=422)
    assert "invalid parameters" in html(client, "/?limit=9999", status=422)
    many = "&".join(f"actor=A{i}" for i in range(9))
    assert "invalid parameters" in html(client, f"/timeline?{many}", status=422)


def test_pages_lists_paginate(client: Any) -> None:
    first = html(client, "/?limit=2")
    assert 'rel="next" href="/?limit=2&amp;offset=2"' in first and 'rel="prev"' not in first
    second = html(client, "/?limit=2&offset=2")
    assert 'rel="prev" href="/?limit=2&amp;offset=0"' in second


def test_pages_timeline_defaults_to_the_most_reported_actors(client: Any) -> None:
    page = html(client, "/timeline")
    lanes = re.findall(r'class="lane-label"[^>]*>([^<]*)<', page)
    assert len(lanes) == 4 and "Norway" in " ".join(lanes)
