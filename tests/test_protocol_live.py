"""The SPARQL 1.1 Protocol and the Graph Store Protocol as ``kgbuild serve`` answers them (its front
and its native engine), on 127.0.0.1."""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import EXAMPLES, start_server, stop_server
from kgbuild.build import build
from kgbuild.settings import setting
from kgbuild.store import Store

BASE = setting("base_iri")
NAME = "<https://w3id.org/kgbuild/ontology#name>"
SELECT = f'SELECT ?s ?name WHERE {{ ?s {NAME} ?name FILTER(CONTAINS(?name, "Bình Định")) }} ORDER BY ?s'
EVERY_NAME = f"SELECT ?s ?name WHERE {{ ?s {NAME} ?name }}"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/kgbuild/ontology#Event> ; ?p ?o }"
QUERY = {"Content-Type": "application/sparql-query"}
UPDATE = {"Content-Type": "application/sparql-update"}


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("protocol") / "kg"
    store = Store.open(path)
    build([EXAMPLES], store)
    store.flush()
    del store
    proc, url = start_server(path, "--max-rows", "5", "--max-body", "5000")
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = tmp_path_factory.mktemp("protocol-writable") / "kg"
    Store.open(path).flush()
    proc, url = start_server(path, "--allow-update", "--token", "s3cret", "--cors")
    try:
        yield url
    finally:
        stop_server(proc)


@pytest.mark.parametrize(("accept", "media"), [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json;q=0.2, text/csv;q=0.9", "text/csv"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_content_negotiation(server: str, accept: str | None, media: str) -> None:
    r = httpx.get(server + "/sparql", params={"query": SELECT}, headers={"Accept": accept} if accept else {})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert "Liên đoàn Lao động tỉnh Bình Định" in r.text and "kgbuild-truncated" not in r.headers


@pytest.mark.parametrize(("accept", "media"), [
    (None, "text/turtle"), ("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"), ("application/rdf+xml", "application/rdf+xml"),
    ("application/n-quads", "application/n-quads"),
])
def test_construct_content_negotiation_and_its_row_cap(server: str, accept: str | None, media: str) -> None:
    r = httpx.post(server + "/sparql", content=CONSTRUCT, headers={**QUERY, **({"Accept": accept} if accept else {})})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert r.headers["kgbuild-truncated"] == "true; rows=5"  # the events have more triples than that


def test_the_row_cap_is_signalled_and_the_result_stays_valid(server: str) -> None:
    for fmt, rows in [("json", lambda t: len(json.loads(t)["results"]["bindings"])),
                      ("csv", lambda t: t.count("\r\n") - 1), ("xml", lambda t: t.count("</result>"))]:
        r = httpx.get(server + "/sparql", params={"query": EVERY_NAME, "format": fmt})
        assert r.headers["kgbuild-truncated"] == "true; rows=5" and rows(r.text) == 5, fmt
        assert "--max-rows" in r.headers["warning"]


def test_form_post_and_ask(server: str) -> None:
    r = httpx.post(server + "/sparql", data={"query": "ASK { ?s a <https://w3id.org/kgbuild/ontology#Event> }"})
    assert r.status_code == 200 and r.json()["boolean"] is True


@pytest.mark.parametrize(("params", "accept", "status", "words"), [
    ({"query": SELECT}, "image/png", 406, ""),
    ({"query": "SELECT ?x WHERE {"}, None, 400, ""),
    ({"query": SELECT, "format": "png"}, None, 400, "unknown format"),
    ({"update": "CLEAR ALL"}, None, 400, "POST"),
])
def test_get_errors(server: str, params: dict, accept: str | None, status: int, words: str) -> None:
    r = httpx.get(server + "/sparql", params=params, headers={"Accept": accept} if accept else {})
    assert r.status_code == status and words in r.text


def test_a_plain_get_is_the_service_description(server: str) -> None:
    r = httpx.get(server + "/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "sparql-service-description" in r.text and server + "/sparql" in r.text


def test_post_errors(server: str) -> None:
    assert httpx.post(server + "/sparql", content="x", headers={"Content-Type": "text/plain"}).status_code == 415
    r = httpx.post(server + "/sparql", content="CLEAR ALL", headers=UPDATE)
    assert r.status_code == 403 and "read-only" in r.text
    service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    r = httpx.post(server + "/sparql", content=service, headers=QUERY)
    assert r.status_code == 403 and "SERVICE" in r.text
    assert httpx.post(server + "/sparql", content=SELECT + " " * 5000, headers=QUERY).status_code == 413


def test_cors_only_when_asked(server: str, writable: str) -> None:
    origin = {"Origin": "http://elsewhere.example"}
    assert "access-control-allow-origin" not in httpx.get(server + "/sparql", params={"query": SELECT}, headers=origin).headers
    r = httpx.get(writable + "/sparql", params={"query": "ASK {}"}, headers=origin)
    assert r.headers["access-control-allow-origin"] == "*"


def test_updates_need_the_token(writable: str) -> None:
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    assert httpx.post(writable + "/sparql", content=update, headers=UPDATE).status_code == 401
    assert httpx.post(writable + "/sparql", content=update,
                      headers={**UPDATE, "Authorization": "Bearer wrong"}).status_code == 401
    assert httpx.post(writable + "/sparql", content=update,
                      headers={**UPDATE, "Authorization": "Bearer s3cret"}).status_code == 204
    assert httpx.get(writable + "/sparql", params={"query": "ASK { ?s ?p 1 }"}).json()["boolean"] is True


def test_graph_store_protocol(server: str, writable: str) -> None:
    graph = BASE + "graph/tuyen-duong-ldld-binh-dinh"
    r = httpx.get(server + "/store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and "tuyen-duong-ldld-binh-dinh" in r.text  # cut at --max-rows, like any read
    assert r.headers["kgbuild-truncated"] == "true; rows=5" and r.text.count(" .\n") == 5
    assert httpx.head(server + "/store", params={"graph": graph}).status_code == 200
    assert httpx.get(server + "/store", params={"graph": "http://example.org/none"}).status_code == 404
    turtle = "<http://example.org/s> <http://example.org/p> 'o' ."
    g = {"graph": "http://example.org/g"}
    assert httpx.put(server + "/store", params=g, content=turtle, headers={"Content-Type": "text/turtle"}).status_code == 403
    auth = {"Authorization": "Bearer s3cret", "Content-Type": "text/turtle"}
    assert httpx.put(writable + "/store", params=g, content=turtle,
                     headers={"Content-Type": "text/turtle"}).status_code == 401
    assert httpx.put(writable + "/store", params=g, content=turtle, headers=auth).status_code in (201, 204)
    assert "example.org/s" in httpx.get(writable + "/store", params=g).text
    assert httpx.put(writable + "/store", params=g, content="<bad", headers=auth).status_code == 400
    # the default graph is derived from the content graphs at build time: it is not written directly
    assert httpx.put(writable + "/store", params={"default": ""}, content=turtle, headers=auth).status_code == 405
    assert httpx.delete(writable + "/store", params=g, headers={"Authorization": "Bearer s3cret"}).status_code == 204
    assert httpx.get(writable + "/store", params=g).status_code == 404


def test_in_process_pages_have_no_query_endpoint(tmp_path: Path) -> None:
    """The pages app only describes the endpoint: queries are answered by the front (kgbuild serve)."""
    from starlette.testclient import TestClient

    from kgbuild.server import ServerConfig, create_app

    path = tmp_path / "kg"
    Store.open(path).flush()
    http = TestClient(create_app(ServerConfig(store_path=str(path), base_iri=BASE)))
    assert "sparql-service-description" in http.get("/sparql", headers={"Accept": "text/turtle"}).text
    r = http.get("/sparql", params={"query": "ASK {}"})
    assert r.status_code == 404 and "kgbuild serve" in r.text


def test_answers_are_kept_for_their_snapshot_but_never_those_that_change(server: str) -> None:
    count = {"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"}
    first, again = (httpx.get(server + "/sparql", params=count) for _ in range(2))
    assert first.status_code == again.status_code == 200 and first.content == again.content
    assert first.headers["content-type"] == again.headers["content-type"]
    engine = httpx.get(server + "/-/health").json()["engine"]["pid"]
    os.kill(engine, signal.SIGSTOP)  # the same request is answered without the engine
    try:
        assert httpx.get(server + "/sparql", params=count, timeout=3).content == first.content
    finally:
        os.kill(engine, signal.SIGCONT)
    rand = {"query": "SELECT (RAND() AS ?r) (STRUUID() AS ?u) {}"}
    drawn = {httpx.get(server + "/sparql", params=rand).json()["results"]["bindings"][0]["u"]["value"] for _ in range(3)}
    assert len(drawn) == 3  # evaluated each time
