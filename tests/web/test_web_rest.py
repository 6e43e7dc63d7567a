"""The REST API on hand-built records: filters, pagination, validation, and that request
values reach neither the file system nor SQL text."""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from dyad.errors import StoreError
from dyad.store import Store
from tests.web.records import SCRIPT, all_records

ENDPOINTS = ["/api/articles", "/api/articles/{article_id}", "/api/actors",
             "/api/actors/{actor_id}", "/api/events", "/api/clusters", "/api/quotes",
             "/api/negotiations", "/api/timeline", "/api/dyads", "/api/network", "/api/search"]


def get(client: Any, url: str, status: int = 200) -> Any:
    response = client.get(url)
    assert response.status_code == status, (url, response.status_code, response.text[:500])
    return response.json()


def test_rest_openapi_schema_lists_every_endpoint(client: Any) -> None:
    schema = get(client, "/openapi.json")
    assert schema["openapi"].startswith("3.")
    assert sorted(schema["paths"]) == sorted(ENDPOINTS)
    assert all(set(methods) == {"get"} for methods in schema["paths"].values())
    params = {p["name"]: p for p in schema["paths"]["/api/events"]["get"]["parameters"]}
    assert params["type"]["schema"]["anyOf"][0]["enum"][:2] == ["AGREE", "CONSULT"]
    assert params["limit"]["schema"]["maximum"] == 500


def test_rest_swagger_ui_is_not_served_because_it_needs_a_cdn(client: Any) -> None:
    assert client.get("/docs").status_code == 404
    page = client.get("/api")
    assert page.status_code == 200 and "/api/negotiations" in page.text


def test_rest_articles_paginate_newest_first(client: Any) -> None:
    first = get(client, "/api/articles?limit=3")
    assert [a["id"] for a in first["items"]] == ["xss-article", "meet-5", "threat"]
    assert first["next_offset"] == 3
    rest = get(client, "/api/articles?limit=3&offset=3")
    assert [a["id"] for a in rest["items"]] == ["meet-4", "meet-3", "meet-2"]
    last = get(client, "/api/articles?limit=3&offset=6")
    assert [a["id"] for a in last["items"]] == ["meet-1"] and last["next_offset"] is None
    assert get(client, "/api/articles?limit=3&offset=99")["items"] == []


def test_rest_articles_filter_by_text_and_dates(client: Any) -> None:
    found = get(client, "/api/articles?q=blockade")["items"]
    assert [a["id"] for a in found] == ["threat"]
    dated = get(client, "/api/articles?since=2022-03-02&until=2022-03-03")["items"]
    assert {a["id"] for a in dated} == {"meet-2", "meet-3"}
    assert get(client, "/api/articles?q=100%25")["items"] == []  # % is not a wildcard


@pytest.mark.parametrize("query", [
    "limit=0", "limit=501", "offset=-1", "offset=100001", "since=yesterday",
    "until=2022-13-01", "q=" + "x" * 201,
])
def test_rest_parameters_out_of_bounds_are_refused(client: Any, query: str) -> None:
    detail = get(client, f"/api/articles?{query}", status=422)["detail"]
    assert detail and detail[0]["loc"][0] == "query"


@pytest.mark.parametrize("query", ["type=FIGHT", "status=maybe", "type=consult"])
def test_rest_event_type_and_status_must_be_plover_values(client: Any, query: str) -> None:
    detail = get(client, f"/api/events?{query}", status=422)["detail"]
    assert "Input should be" in detail[0]["msg"]


def test_rest_article_detail_has_text_records_and_offsets(client: Any) -> None:
    art = get(client, "/api/articles/meet-1")
    text = art["article"]["text"]
    assert {a["actor_id"] for a in art["actors"]} == {"anna-berg", "NOR", "ELB", "piet-lund"}
    event = art["events"][0]
    assert text[event["trigger_start"]:event["trigger_end"]] == event["trigger_text"] == "met"
    quote = art["quotes"][0]
    assert text[quote["start_char"]:quote["end_char"]] == quote["text"]
    talks = art["negotiations"][0]
    assert (talks["participant"], talks["seeking_seat"]) == (["NOR", "anna-berg"], ["ELB"])
    assert get(client, "/api/articles/no-such-article", status=404)["detail"]


def test_rest_actor_detail_has_events_as_actor_and_recipient_and_quotes(client: Any) -> None:
    nor = get(client, "/api/actors/NOR")
    roles = {(e["role"], e["type"]) for e in nor["events"]["items"]}
    assert ("recipient", "CONSULT") in roles and ("actor", "ACCUSE") in roles
    assert "Norway" in nor["names"]
    lund = get(client, "/api/actors/piet-lund@ELB")
    assert len(lund["quotes"]["items"]) == 5 and lund["role"] == "envoy"
    paged = get(client, "/api/actors/piet-lund@ELB?limit=2&offset=4")
    assert len(paged["quotes"]["items"]) == 1 and paged["quotes"]["next_offset"] is None
    get(client, "/api/actors/nobody", status=404)


def test_rest_events_filters(client: Any) -> None:
    by_actor = get(client, "/api/events?actor=RUR&type=CONSULT")["items"]
    assert len(by_actor) == 5  # a country code matches its minister
    assert {e["recipient"] for e in by_actor} == {"Norway"}
    assert get(client, "/api/events?recipient=RUR")["items"][0]["type"] == "ACCUSE"
    window = get(client, "/api/events?since=2022-03-05&status=asserted")["items"]
    assert {e["article_id"] for e in window} == {"meet-5", "threat", "xss-article"}


def test_rest_clusters_count_mentions_across_articles(client: Any) -> None:
    rows = get(client, "/api/clusters?type=CONSULT")["items"]
    assert all(r["num_articles"] == r["num_mentions"] for r in rows)
    assert sum(r["num_mentions"] for r in rows) == 5
    assert max(r["num_articles"] for r in rows) > 1  # consecutive days cluster together


def test_rest_quotes_negotiations_timeline_dyads(client: Any) -> None:
    assert len(get(client, "/api/quotes?speaker=Lund")["items"]) == 5
    talks = {n["topic"]: n for n in get(client, "/api/negotiations")["items"]}
    fishing = talks["Ruritania–Norway fishing talks"]
    assert {m["actor_id"] for m in fishing["seeking_seat"]} == {"ELB"}
    assert len(fishing["evidence"]) == 10 and fishing["timeline"]
    assert get(client, "/api/negotiations?topic=fishing")["items"][0]["key"] == fishing["key"]
    line = get(client, "/api/timeline?actor=NOR&limit=2")
    assert len(line["items"]) == 2 and line["next_offset"] == 2
    get(client, "/api/timeline", status=422)  # actor is required
    dyads = get(client, "/api/dyads")["items"]
    pair = next(d for d in dyads if d["actor_id"] == "RUR" and d["recipient_id"] == "NOR")
    assert pair["verbal_conflict"] == 2 and pair["total"] == 2  # threat + xss article


def test_rest_network_edges_are_toned_by_quad_class(client: Any) -> None:
    net = get(client, "/api/network")
    edges = {(e["source"], e["target"]): e for e in net["edges"]}
    assert edges[("anna-berg@RUR", "NOR")]["tone"] == "coop"
    assert edges[("RUR", "NOR")]["tone"] == "conflict"
    assert {"RUR", "NOR", "anna-berg@RUR", "piet-lund@ELB"} <= {n["id"] for n in net["nodes"]}
    only = get(client, "/api/network?type=ACCUSE")
    assert [(e["source"], e["target"]) for e in only["edges"]] == [("NOR", "RUR")]
    assert get(client, "/api/network?max_nodes=2")["dropped"] > 0


def test_rest_search_finds_articles_actors_and_quotes(client: Any) -> None:
    found = get(client, "/api/search?q=elbonia")
    assert {a["id"] for a in found["actors"]} >= {"ELB"}
    assert len(found["quotes"]) == 5 and len(found["articles"]) == 5
    get(client, "/api/search?q=", status=422)


@pytest.mark.parametrize("url", [
    "/static/..%2Fapp.py", "/static/%2e%2e%2f%2e%2e%2fcli.py", "/static/....//app.py",
    "/static/%2Fetc%2Fpasswd", "/api/articles/..%2F..%2F..%2Fetc%2Fpasswd",
    "/articles/..%2F..%2Fetc%2Fpasswd", "/api/actors/%2e%2e%2fapp.py", "/../../etc/passwd",
])
def test_rest_path_traversal_reaches_no_file(client: Any, url: str) -> None:
    response = client.get(url)
    assert response.status_code == 404
    assert "root:" not in response.text and "create_app" not in response.text


def test_rest_static_assets_are_a_fixed_set(client: Any) -> None:
    css = client.get("/static/dyad.css")
    assert css.status_code == 200 and css.headers["content-type"].startswith("text/css")
    assert client.get("/static/app.py").status_code == 404
    assert client.get("/static/__init__.py").status_code == 404


@pytest.mark.parametrize("query", [
    "actor=' OR 1=1 --", "actor=RUR'; DROP TABLE events; --", "q=%' OR '1'='1",
    "recipient=\\'); SELECT * FROM read_csv('/etc/passwd') --",
])
def test_rest_request_values_are_parameters_not_sql(client: Any, query: str,
                                                    records_db: Path) -> None:
    url = "/api/articles?" if query.startswith("q=") else "/api/events?"
    assert get(client, url + query)["items"] == []
    assert len(get(client, "/api/events?limit=500")["items"]) == 13


def test_rest_only_reads(client: Any) -> None:
    for method in ("post", "put", "delete", "patch"):
        assert getattr(client, method)("/api/articles").status_code == 405


def test_rest_json_carries_html_as_plain_strings(client: Any) -> None:
    response = client.get("/api/articles/xss-article")
    assert response.headers["content-type"] == "application/json"
    assert response.json()["article"]["text"].startswith(SCRIPT)


def test_rest_responses_carry_a_strict_content_security_policy(client: Any) -> None:
    for url in ("/", "/api/articles"):
        headers = client.get(url).headers
        assert "script-src 'self'" in headers["content-security-policy"]
        assert "unsafe-inline" not in headers["content-security-policy"]
        assert headers["x-content-type-options"] == "nosniff"


def test_rest_app_refuses_a_missing_store(tmp_path: Path) -> None:
    from dyad.web import create_app

    with pytest.raises(StoreError, match="no store at"):
        create_app(tmp_path / "missing.duckdb")


def test_rest_app_releases_the_store_file_when_idle(tmp_path: Path) -> None:
    """An ingest can open the file for writing once the app has been idle for a moment."""
    from fastapi.testclient import TestClient

    from dyad.web import create_app

    path = tmp_path / "idle.duckdb"
    with Store(path) as store:
        store.ingest(all_records()[:1])
    with TestClient(create_app(path, idle_release=0.1)) as client:
        assert len(get(client, "/api/articles")["items"]) == 1
        deadline = time.monotonic() + 10  # generous: the machine may be busy
        while True:
            try:  # fails while the app still holds the file
                writer = Store(path, busy_timeout=0.5)
                break
            except StoreError:
                assert time.monotonic() < deadline, "the app never released the store"
                time.sleep(0.1)
        with writer:
            writer.ingest(all_records()[1:2])
        assert len(get(client, "/api/articles")["items"]) == 2


def test_rest_empty_parameters_mean_no_filter(client: Any) -> None:
    """HTML forms send empty fields; `since=` is no date bound, not an invalid date."""
    everything = get(client, "/api/events?limit=500")["items"]
    assert get(client, "/api/events?limit=500&since=&until=&type=&actor=")["items"] == everything
    assert get(client, "/api/events?type=&type=ACCUSE")["items"][0]["type"] == "ACCUSE"
    assert client.get("/network?type=&since=&until=&max_nodes=60").status_code == 200
