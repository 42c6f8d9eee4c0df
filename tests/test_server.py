"""The SPARQL endpoint and linked-data pages, in process (Starlette's test client)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kgbuild.build import build
from kgbuild.server import ServerConfig, create_app
from kgbuild.server.negotiation import GRAPHS, RESULTS, negotiate
from kgbuild.settings import setting
from kgbuild.store import Store

BASE = setting("base_iri")
SELECT = "SELECT ?s ?name WHERE { ?s <https://w3id.org/kgbuild/ontology#name> ?name } ORDER BY ?s"
CONSTRUCT = "CONSTRUCT { ?s ?p ?o } WHERE { ?s a <https://w3id.org/kgbuild/ontology#Event> ; ?p ?o }"
HOSTILE = """Công đoàn <script>alert("x")</script> tổng kết năm 2024

Sáng 5/1/2025, Công đoàn Viên chức tỉnh Bến Tre tổ chức hội nghị tổng kết <b>công tác</b> năm 2024.
"""


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("serve")
    (folder / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    path = folder / "kg"
    store = Store.open(path)
    build([Path(__file__).parent.parent / "examples", folder / "hostile.txt"], store)
    store.flush()
    del store
    return str(path)


def client(store_path: str, **options: object) -> TestClient:
    return TestClient(create_app(ServerConfig(store_path=store_path, base_iri=BASE, **options)))


@pytest.fixture(scope="module")
def http(store_path: str) -> TestClient:
    return client(store_path)


@pytest.mark.parametrize(("accept", "media"), [
    (None, "application/sparql-results+json"),
    ("application/sparql-results+json", "application/sparql-results+json"),
    ("application/sparql-results+xml", "application/sparql-results+xml"),
    ("text/csv", "text/csv"),
    ("text/tab-separated-values", "text/tab-separated-values"),
    ("application/json;q=0.2, text/csv;q=0.9", "text/csv"),
    ("*/*", "application/sparql-results+json"),
])
def test_select_content_negotiation(http: TestClient, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    r = http.get("/sparql", params={"query": SELECT}, headers=headers)
    assert r.status_code == 200 and r.headers["content-type"].startswith(media)
    assert "Liên đoàn Lao động tỉnh Bình Định" in r.text


@pytest.mark.parametrize(("accept", "media"), [
    (None, "text/turtle"), ("text/turtle", "text/turtle"), ("application/n-triples", "application/n-triples"),
    ("application/ld+json", "application/ld+json"), ("application/rdf+xml", "application/rdf+xml"),
    ("application/trig", "application/trig"), ("application/n-quads", "application/n-quads"),
])
def test_construct_content_negotiation(http: TestClient, accept: str | None, media: str) -> None:
    headers = {"Accept": accept} if accept else {}
    r = http.post("/sparql", content=CONSTRUCT, headers={"Content-Type": "application/sparql-query", **headers})
    assert r.status_code == 200 and r.headers["content-type"].startswith(media) and r.content


def test_form_post_and_ask(http: TestClient) -> None:
    r = http.post("/sparql", data={"query": "ASK { ?s a <https://w3id.org/kgbuild/ontology#Event> }"})
    assert r.status_code == 200 and json.loads(r.text)["boolean"] is True


@pytest.mark.parametrize(("kwargs", "status", "words"), [
    ({"params": {"query": SELECT}, "headers": {"Accept": "image/png"}}, 406, "accept"),
    ({"params": {"query": CONSTRUCT}, "headers": {"Accept": "text/csv"}}, 406, "graph"),
    ({"params": {"query": "SELECT ?x WHERE {"}}, 400, "invalid SPARQL"),
    ({"params": {}}, 200, ""),  # service description
])
def test_get_errors(http: TestClient, kwargs: dict, status: int, words: str) -> None:
    r = http.get("/sparql", **kwargs)
    assert r.status_code == status and words in r.text


def test_post_errors(http: TestClient, store_path: str) -> None:
    assert http.post("/sparql", content="x", headers={"Content-Type": "text/plain"}).status_code == 415
    update = {"Content-Type": "application/sparql-update"}
    r = http.post("/sparql", content="CLEAR ALL", headers=update)
    assert r.status_code == 403 and "read-only" in r.text
    service = "SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }"
    r = http.post("/sparql", content=service, headers={"Content-Type": "application/sparql-query"})
    assert r.status_code == 403 and "SERVICE" in r.text
    small = client(store_path, max_body=100)
    assert small.post("/sparql", content=SELECT + " " * 200,
                      headers={"Content-Type": "application/sparql-query"}).status_code == 413


def test_updates_need_the_token(tmp_path: Path) -> None:
    path = str(tmp_path / "kg")
    Store.open(path).flush()
    writable = client(path, allow_update=True, token="s3cret")
    update = "INSERT DATA { <http://example.org/a> <http://example.org/b> 1 }"
    headers = {"Content-Type": "application/sparql-update"}
    assert writable.post("/sparql", content=update, headers=headers).status_code == 401
    assert writable.post("/sparql", content=update,
                         headers={**headers, "Authorization": "Bearer wrong"}).status_code == 401
    assert writable.post("/sparql", content=update,
                         headers={**headers, "Authorization": "Bearer s3cret"}).status_code == 204
    assert json.loads(writable.get("/sparql", params={"query": "ASK { ?s ?p 1 }"}).text)["boolean"] is True


def test_row_cap_is_signalled(store_path: str) -> None:
    r = client(store_path, max_rows=3).get("/sparql", params={"query": SELECT})
    assert r.headers["Kgbuild-Truncated"].startswith("true") and len(json.loads(r.text)["results"]["bindings"]) == 3
    assert "Kgbuild-Truncated" not in client(store_path).get("/sparql", params={"query": SELECT}).headers


def test_timeout_answers_503(store_path: str) -> None:
    slow = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f }"
    r = client(store_path, timeout_s=0.05).get("/sparql", params={"query": slow})
    assert r.status_code == 503 and "--timeout" in r.text


def test_cors_only_when_asked(store_path: str, http: TestClient) -> None:
    origin = {"Origin": "http://elsewhere.example"}
    assert "access-control-allow-origin" not in http.get("/sparql", params={"query": SELECT}, headers=origin).headers
    r = client(store_path, cors=True).get("/sparql", params={"query": SELECT}, headers=origin)
    assert r.headers["access-control-allow-origin"] == "*"


def test_entity_pages_dereference(http: TestClient) -> None:
    page = http.get("/org/lien-doan-lao-dong-tinh-binh-dinh")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    assert "Liên đoàn Lao động tỉnh Bình Định" in page.text and "Labour federation" in page.text
    assert 'id="graph"' in page.text and "cytoscape.min.js" in page.text
    for accept, media in (("text/turtle", "text/turtle"), ("application/ld+json", "application/ld+json"),
                          ("application/n-triples", "application/n-triples")):
        r = http.get("/org/lien-doan-lao-dong-tinh-binh-dinh", headers={"Accept": accept})
        assert r.headers["content-type"].startswith(media) and BASE + "org/" in r.text
    assert http.get("/org/lien-doan-lao-dong-tinh-binh-dinh?format=ttl").headers["content-type"].startswith("text/turtle")
    assert http.get("/org/no-such-body").status_code == 404
    assert http.get("/org/lien-doan-lao-dong-tinh-binh-dinh", headers={"Accept": "image/png"}).status_code == 406


def test_organisation_page_charts_its_figures(http: TestClient) -> None:
    page = http.get("/org/lien-doan-lao-dong-tinh-thanh-hoa").text
    assert 'data-measure="members"' in page and '"measure": "members"' in page and "265400" in page


def test_literals_from_articles_are_escaped(http: TestClient) -> None:
    page = http.get("/article/hostile").text
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page
    assert "<b>công tác</b>" not in page


def test_path_traversal_is_refused(http: TestClient) -> None:
    assert http.get("/static/../store.py").status_code == 404
    assert http.get("/org/%2e%2e/%2e%2e/etc/passwd").status_code == 404


def test_home_void_and_query_page(http: TestClient) -> None:
    home = http.get("/")
    assert home.status_code == 200 and "leaders-at-conferences" in home.text
    void = http.get("/.well-known/void", headers={"Accept": "text/turtle"})
    assert "void:sparqlEndpoint" in void.text and "void:triples" in void.text
    assert "/static/vendor/yasgui.min.js" in http.get("/query?name=events").text
    assert http.get("/static/vendor/yasgui.min.js").status_code == 200


def test_negotiation_is_pure() -> None:
    assert negotiate("", RESULTS, "json") == "json"
    assert negotiate("text/turtle;q=0.1, application/ld+json", GRAPHS, "turtle") == "jsonld"
    assert negotiate("application/sparql-results+json;q=0", RESULTS, "json") is None


def test_graph_store_protocol(tmp_path: Path, http: TestClient) -> None:
    graph = BASE + "graph/tuyen-duong-ldld-binh-dinh"
    r = http.get("/store", params={"graph": graph}, headers={"Accept": "application/n-triples"})
    assert r.status_code == 200 and "Bình Định" in r.text
    assert http.get("/store", params={"graph": "http://example.org/none"}).status_code == 404
    turtle = "<http://example.org/s> <http://example.org/p> 'o' ."
    assert http.put("/store", params={"graph": "http://example.org/g"}, content=turtle,
                    headers={"Content-Type": "text/turtle"}).status_code == 403
    path = str(tmp_path / "kg")
    Store.open(path).flush()
    writable = client(path, allow_update=True, token="t")
    auth = {"Authorization": "Bearer t", "Content-Type": "text/turtle"}
    assert writable.put("/store", params={"graph": "http://example.org/g"}, content=turtle,
                        headers={"Content-Type": "text/turtle"}).status_code == 401
    assert writable.put("/store", params={"graph": "http://example.org/g"}, content=turtle, headers=auth).status_code == 204
    assert "example.org/s" in writable.get("/store", params={"graph": "http://example.org/g"}).text
    assert writable.put("/store", params={"graph": "http://example.org/g"}, content="<bad",
                        headers=auth).status_code == 400
    # a loaded graph is part of the union, the derived default graph, which is not written directly
    assert writable.post("/store", params={"graph": "http://example.org/g"}, content=turtle, headers=auth).status_code == 204
    assert "example.org/s" in writable.get("/store", params={"default": ""}).text
    assert writable.put("/store", params={"default": ""}, content=turtle, headers=auth).status_code == 405
    assert writable.delete("/store", params={"graph": "http://example.org/g"}, headers=auth).status_code == 204
    assert writable.get("/store", params={"graph": "http://example.org/g"}).status_code == 404
    assert "example.org/s" not in writable.get("/store", params={"default": ""}).text


def test_ontology_is_served_as_html_and_turtle(http: TestClient) -> None:
    html = http.get("/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "AwardConferral" in html.text and "Award conferral" in html.text
    turtle = http.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle") and "owl:Ontology" in turtle.text
    assert http.get("/ontology/context.jsonld").json()["@context"]["kgb"] == "https://w3id.org/kgbuild/ontology#"
