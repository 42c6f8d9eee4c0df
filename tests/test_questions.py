"""Named questions with parameters: headers, safe binding, paging, the CLI and HTTP, readable errors."""

from __future__ import annotations

import csv
import io
import json

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from kgbuild.cli import main
from kgbuild.errors import QueryError
from kgbuild.questions import Parameter, Question, ask, parse_params, prepare, questions, run, term, with_values
from kgbuild.server import ServerConfig, create_app
from kgbuild.settings import setting
from kgbuild.store import Store

BASE = setting("base_iri")
# one value per kind that names nothing in particular but must bind and parse
SAMPLE = {"organisation": "org/x", "person": "person/x", "event": "event/x", "award": "award/x", "article": "article/x",
          "province": "Hà Nội", "year": "2024", "eventType": "congress", "measure": "members", "text": "x", "iri": "org/x"}


def _rows(result) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    names = [v.value for v in result.variables]
    return [tuple("" if s[n] is None else s[n].value for n in names) for s in result]


def test_every_question_declares_parameters_that_bind(examples_store: Store) -> None:
    found = questions()
    assert {"leaders-at-conferences", "events", "awards", "roles"} <= set(found)
    for q in found.values():
        assert q.parameters, q.name
        _rows(examples_store.query(prepare(examples_store, q, {}, base=BASE)))
        for p in q.parameters:
            sparql = prepare(examples_store, q, {p.name: SAMPLE[p.kind]}, base=BASE)
            assert "VALUES" in sparql
            _rows(examples_store.query(sparql))  # parses and runs


def test_a_parameter_narrows_the_rows_to_what_it_names(examples_store: Store) -> None:
    every = _rows(ask(examples_store, "events"))
    in_2024 = _rows(ask(examples_store, "events", {"year": "2024"}))
    assert 0 < len(in_2024) < len(every)
    assert all(row[3].startswith("2024") for row in in_2024)
    quang_nam = _rows(ask(examples_store, "events", {"province": "quang nam"}))
    assert quang_nam == _rows(ask(examples_store, "events", {"province": "Quảng Nam"}))
    assert len(quang_nam) == 2
    both = _rows(ask(examples_store, "events", {"province": "Quảng Nam", "year": "2024"}))
    assert len(both) == 1 and both[0][3].startswith("2024")
    congresses = _rows(ask(examples_store, "events", {"eventType": "congress"}))
    assert congresses and {row[2] for row in congresses} == {"congress"}


def test_names_are_found_through_the_search_index(examples_store: Store) -> None:
    leaders = _rows(ask(examples_store, "leaders-at-conferences", {"person": "vo thi ngoc lan"}))
    assert leaders and {row[0] for row in leaders} == {"Võ Thị Ngọc Lan"}
    by_org = _rows(ask(examples_store, "leaders-at-conferences", {"organisation": "LĐLĐ tỉnh Bình Định"}))
    assert by_org and {row[2] for row in by_org} == {"Liên đoàn Lao động tỉnh Bình Định"}
    with pytest.raises(QueryError, match="no person named"):
        ask(examples_store, "roles", {"person": "Không Có Ai"})


def test_values_are_bound_as_terms_never_as_sparql(examples_store: Store) -> None:
    hostile = 'x" } } ; DROP ALL ; SELECT * { ?s ?p "'
    q = Question("t", "t", "", "SELECT ?s WHERE { ?s ?p ?text }", (Parameter("text", "text", ""),))
    sparql = prepare(examples_store, q, {"text": hostile}, base=BASE)
    assert _rows(examples_store.query(sparql)) == []
    assert sparql.count("VALUES") == 1
    bad_iri = Parameter("organisation", "organisation", "")
    with pytest.raises(QueryError):
        term(examples_store, bad_iri, "https://x.org/a> } DROP ALL {", BASE)
    assert "SELECT" in with_values("SELECT ?x WHERE { ?x ?p ?y }", {})


def test_limit_and_offset_page_through_a_question(examples_store: Store) -> None:
    every = _rows(ask(examples_store, "attendances"))
    first, second = (_rows(ask(examples_store, "attendances", limit=3, offset=n)) for n in (0, 3))
    assert first + second == every[:6]
    with pytest.raises(QueryError, match="limit"):
        ask(examples_store, "attendances", limit=0)


def test_bad_parameters_say_what_to_do(examples_store: Store) -> None:
    with pytest.raises(QueryError, match=r"no parameter 'planet'.*takes: "):
        ask(examples_store, "events", {"planet": "Mars"})
    with pytest.raises(QueryError, match="not a year"):
        ask(examples_store, "events", {"year": "two thousand"})
    with pytest.raises(QueryError, match="no province"):
        ask(examples_store, "events", {"province": "Atlantis"})
    with pytest.raises(QueryError, match="name=value"):
        parse_params(["province"])


def test_ad_hoc_sparql_gets_the_projects_prefixes_and_one_line_errors(examples_store: Store) -> None:
    assert _rows(run(examples_store, "SELECT (COUNT(*) AS ?n) WHERE { ?e a kgb:Event }"))[0][0] == "16"
    declared = "PREFIX kgb: <https://example.org/other#>\nSELECT (COUNT(*) AS ?n) WHERE { ?e a kgb:Event }"
    assert _rows(run(examples_store, declared))[0][0] == "0"  # its own declaration wins
    with pytest.raises(QueryError) as caught:
        run(examples_store, "SELECT ?s WHERE { ?s a kgb:Event LIMIT 2")
    message = str(caught.value)
    assert "\n" not in message and "line 1," in message and "} is missing" in message
    with pytest.raises(QueryError, match="undeclared prefix"):
        run(examples_store, "SELECT ?s WHERE { ?s a nope:Event }")


def test_cli_query_with_params(examples_store: Store) -> None:
    path = examples_store.path
    assert path is not None
    result = CliRunner().invoke(main, ["query", "events", "--store", path, "--param", "province=Quảng Nam",
                                       "-p", "year=2024", "--format", "csv"])
    assert result.exit_code == 0, result.output
    table = list(csv.reader(io.StringIO(result.stdout)))
    assert len(table) == 2 and table[1][3].startswith("2024")
    paged = CliRunner().invoke(main, ["query", "attendances", "--store", path, "--limit", "2", "--offset", "1",
                                      "--format", "json"])
    assert len(json.loads(paged.stdout)["results"]["bindings"]) == 2
    bad = CliRunner().invoke(main, ["query", "SELECT ?s WHERE { ?s ?p", "--store", path])
    assert bad.exit_code == 1 and bad.output.count("\n") == 1 and "invalid SPARQL at line 1" in bad.output
    listed = CliRunner().invoke(main, ["queries"])
    assert "-p province=" in listed.output


def test_http_questions(examples_store: Store) -> None:
    path = examples_store.path
    assert path is not None
    http = TestClient(create_app(ServerConfig(store_path=path, base_iri=BASE)))
    answer = http.get("/questions/events", params={"province": "Quảng Nam", "year": "2024"},
                      headers={"Accept": "application/sparql-results+json"})
    assert answer.status_code == 200 and answer.headers["content-type"].startswith("application/sparql-results+json")
    assert len(answer.json()["results"]["bindings"]) == 1
    as_csv = http.get("/questions/events", params={"year": "2024", "format": "csv"})
    assert as_csv.headers["content-type"].startswith("text/csv") and as_csv.text.startswith("articleId,")
    page = http.get("/questions/leaders-at-conferences", params={"person": "vo thi ngoc lan"},
                    headers={"Accept": "text/html"})
    assert page.status_code == 200 and "<form" in page.text and 'name="province"' in page.text
    assert "Võ Thị Ngọc Lan" in page.text and 'href="/event/' in page.text
    assert http.get("/questions/nope").status_code == 404
    assert http.get("/questions/events", params={"year": "soon"}).status_code == 400
    assert http.get("/questions/events", params={"planet": "x"}).status_code == 400
