"""The linked-data pages, in process (Starlette's test client); the endpoint itself is tested live."""

from __future__ import annotations

from pathlib import Path

import pytest
from starlette.testclient import TestClient

from kgbuild.build import build
from kgbuild.server import ServerConfig, create_app
from kgbuild.server.negotiation import GRAPHS, RESULTS, negotiate
from kgbuild.settings import setting
from kgbuild.store import Store

BASE = setting("base_iri")
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


def test_the_pages_describe_the_endpoint_and_allow_cors_only_when_asked(tmp_path: Path, http: TestClient) -> None:
    r = http.get("/sparql", headers={"Accept": "text/turtle"})
    assert r.status_code == 200 and "sparql-service-description" in r.text
    origin = {"Origin": "http://elsewhere.example"}
    assert "access-control-allow-origin" not in http.get("/.well-known/void", headers=origin).headers
    Store.open(tmp_path / "kg").flush()  # a store of its own: one process opens a store once
    r = client(str(tmp_path / "kg"), cors=True).get("/.well-known/void", headers=origin)
    assert r.status_code == 200 and r.headers["access-control-allow-origin"] == "*"


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


def test_ontology_is_served_as_html_and_turtle(http: TestClient) -> None:
    html = http.get("/ontology", headers={"Accept": "text/html"})
    assert html.status_code == 200 and "AwardConferral" in html.text and "Award conferral" in html.text
    turtle = http.get("/ontology", headers={"Accept": "text/turtle"})
    assert turtle.headers["content-type"].startswith("text/turtle") and "owl:Ontology" in turtle.text
    assert http.get("/ontology/context.jsonld").json()["@context"]["kgb"] == "https://w3id.org/kgbuild/ontology#"
