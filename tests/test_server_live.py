"""A real ``kgbuild serve`` on 127.0.0.1, used by real clients: SPARQLWrapper, rdflib, HTTP, Chromium."""

from __future__ import annotations

import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
import rdflib
from rdflib.plugins.stores.sparqlstore import SPARQLStore
from SPARQLWrapper import JSON, SPARQLWrapper

from conftest import EXAMPLES, start_server, stop_server
from kgbuild.build import build
from kgbuild.store import Store

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
LEADERS_QUERY = "PREFIX kgb: <https://w3id.org/kgbuild/ontology#> SELECT DISTINCT ?name WHERE { ?o kgb:name ?name } LIMIT 5"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("live") / "kg"
    store = Store.open(path)
    build([EXAMPLES], store)
    store.flush()
    del store
    proc, url = start_server(path)
    try:
        yield url
    finally:
        log = stop_server(proc)
        assert "GET /-/health" in log, "one log line per request"


def test_sparqlwrapper(server: str) -> None:
    client = SPARQLWrapper(server + "/sparql")
    client.setQuery(LEADERS_QUERY)
    client.setReturnFormat(JSON)
    rows = client.query().convert()["results"]["bindings"]
    assert len(rows) == 5 and all(r["name"]["value"] for r in rows)


def test_rdflib_sparqlstore(server: str) -> None:
    graph = rdflib.Graph(store=SPARQLStore(server + "/sparql", returnFormat="json"))
    names = {str(r[0]) for r in graph.query(LEADERS_QUERY)}
    assert len(names) == 5


@pytest.mark.parametrize(("accept", "media"), [
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"), ("text/tab-separated-values", "text/tab-separated-values"),
])
def test_http_accept(server: str, accept: str, media: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": LEADERS_QUERY}, headers={"Accept": accept})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)


@pytest.mark.skipif(not os.path.exists(CHROMIUM) and not os.environ.get("CI"),
                    reason="Debian's chromium is not installed here (.ci/run installs it)")
def test_browser_runs_a_named_question(server: str, tmp_path: Path) -> None:
    from playwright.sync_api import sync_playwright

    shots = Path(os.environ.get("KGBUILD_SCREENSHOTS", tmp_path))
    shots.mkdir(parents=True, exist_ok=True)
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        page = browser.new_page(viewport={"width": 1400, "height": 1000})
        page.goto(server + "/", timeout=20_000)
        assert "leaders-at-conferences" in page.content()
        page.goto(server + "/query?name=leaders-at-conferences", timeout=20_000)
        page.wait_for_selector("body[data-answered='leaders-at-conferences']", timeout=20_000)
        page.wait_for_timeout(500)
        assert "Võ Thị Ngọc Lan" in page.inner_text("body")
        page.screenshot(path=str(shots / "query.png"), full_page=True)
        page.goto(server + "/org/lien-doan-lao-dong-tinh-thanh-hoa", timeout=20_000)
        page.wait_for_selector("#graph canvas", timeout=20_000)
        assert "Liên đoàn Lao động tỉnh Thanh Hóa" in page.inner_text("h1")
        page.screenshot(path=str(shots / "organisation.png"), full_page=True)
        browser.close()
    assert (shots / "query.png").stat().st_size > 10_000
