"""Fixtures for the web tests: stores, a test client, a live server and headless Chromium.

Two stores: `records_db` holds hand-built records (fast, exact; for the API and page tests)
and `pipeline_db` holds the bundled example article and a few short articles run through the
real pipeline, plus the hand-built XSS article (for the browser tests). Chromium is Debian's
`chromium` package, installed here when missing and the tests run as root; Playwright drives it
through `executable_path` and never downloads a browser.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

from dyad.store import Store
from tests.web.records import all_records, xss

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic",
                 "--no-first-run", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync"]
ARTIFACTS = Path(__file__).resolve().parents[1] / "artifacts"
INSTALL_HINT = ("install it as root with: apt-get update && apt-get install -y chromium "
                "chromium-driver")

# Short articles written for these tests (the pipeline codes them; nothing here names them
# in any rule).
TEST_ARTICLES = [
    {"id": "web-talks", "published": "2022-01-05", "title": "Energy talks in Berlin",
     "text": "Germany and France met in Berlin on 3 January 2022 to discuss energy. Russia "
             "threatened Ukraine with new sanctions. \"Talks must include us,\" Polish Foreign "
             "Minister Zbigniew Rau said."},
    {"id": "web-script", "published": "2022-01-10", "title": "Shelling <script>claims</script>",
     "text": "<script>window.__dyad_xss = 5</script> Ukraine accused Russia of shelling "
             "Kharkiv on Monday. \"We will not yield,\" Ukrainian President Volodymyr Zelensky "
             "said."},
]


@pytest.fixture(scope="session")
def records_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("web-records") / "records.duckdb"
    with Store(path) as store:
        summary = store.ingest(all_records())
    assert summary.added == len(all_records())
    return path


@pytest.fixture(scope="session")
def client(records_db: Path) -> Iterator[Any]:
    from fastapi.testclient import TestClient

    from dyad.web import create_app

    with TestClient(create_app(records_db)) as test_client:
        yield test_client


@pytest.fixture(scope="session")
def pipeline_db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The example article and TEST_ARTICLES through the real pipeline, plus the XSS record."""
    from dyad.readers import make_article
    from dyad.store.ingest import example_articles, ingest_items

    path = tmp_path_factory.mktemp("web-pipeline") / "pipeline.duckdb"
    items = example_articles() + [
        make_article(id=a["id"], text=a["text"], location=a["id"], published=a["published"],
                     title=a["title"]) for a in TEST_ARTICLES]
    with Store(path) as store:
        summary = ingest_items(store, items)
        assert summary.added == len(items), summary.line()
        store.ingest([xss()])
    return path


def ensure_chromium() -> Path:
    """/usr/bin/chromium, installed from Debian's packages first if missing and we are root."""
    if CHROMIUM.exists():
        return CHROMIUM
    if os.geteuid() != 0 or shutil.which("apt-get") is None:
        pytest.fail(f"the browser tests need Debian's chromium at {CHROMIUM}; {INSTALL_HINT}")
    env = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
    for cmd in (["apt-get", "update"],
                ["apt-get", "install", "-y", "--no-install-recommends", "chromium",
                 "chromium-driver"]):
        done = subprocess.run(cmd, env=env, capture_output=True, text=True, timeout=1200)
        if done.returncode != 0:
            pytest.fail(f"{' '.join(cmd)} failed ({done.returncode}): {done.stderr[-2000:]}; "
                        f"{INSTALL_HINT}")
    if not CHROMIUM.exists():
        pytest.fail(f"apt-get installed chromium but {CHROMIUM} is missing; {INSTALL_HINT}")
    return CHROMIUM


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(pipeline_db: Path) -> Iterator[str]:
    """`dyad serve` on the pipeline store, in a background thread on a free localhost port."""
    import uvicorn

    from dyad.web import create_app

    config = uvicorn.Config(create_app(pipeline_db), host="127.0.0.1", port=_free_port(),
                            log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, name="dyad-web-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not server.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test web server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{config.port}"
    server.should_exit = True
    thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser_context(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Any]:
    chromium = ensure_chromium()
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        pytest.fail("the browser tests need Playwright for Python: pip install -e '.[test]' "
                    "(never `playwright install`: the tests use Debian's chromium)")
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as pw:
        context = pw.chromium.launch_persistent_context(
            str(tmp_path_factory.mktemp("chromium-profile")), executable_path=str(chromium),
            headless=True, args=CHROMIUM_ARGS, viewport={"width": 1400, "height": 900})
        yield context
        context.close()


class BrowserPage:
    """A Chromium tab that records console errors and uncaught exceptions."""

    def __init__(self, page: Any, base: str) -> None:
        self.page = page
        self.base = base
        self.errors: list[str] = []
        page.on("console", lambda m: self.errors.append(f"console {m.type}: {m.text}")
                if m.type == "error" else None)
        page.on("pageerror", lambda e: self.errors.append(f"page error: {e}"))
        page.on("requestfailed", lambda r: self.errors.append(f"request failed: {r.url}"))

    def open(self, path: str) -> Any:
        response = self.page.goto(self.base + path, wait_until="load")
        assert response is not None and response.status == 200, (path, response and
                                                                  response.status)
        return self.page

    def screenshot(self, name: str, full_page: bool = False) -> Path:
        out = ARTIFACTS / f"web_{name}.png"
        self.page.screenshot(path=str(out), full_page=full_page)
        return out

    def assert_clean(self) -> None:
        assert self.errors == [], self.errors


@pytest.fixture
def browser(browser_context: Any, live_server: str) -> Iterator[BrowserPage]:
    page = browser_context.new_page()
    tab = BrowserPage(page, live_server)
    yield tab
    page.close()


@pytest.fixture
def api_json(live_server: str) -> Callable[[str], Any]:
    """GET a JSON path from the live server (to compare pages with the API)."""
    import json
    import urllib.request

    def get(path: str) -> Any:
        with urllib.request.urlopen(live_server + path, timeout=30) as response:
            return json.loads(response.read())

    return get
