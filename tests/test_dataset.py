"""The dataset knows itself: its base IRI, its article graphs, one union default graph and one quad count."""

from __future__ import annotations

import io
import json
import re
from pathlib import Path

import httpx
import pytest
from click.testing import CliRunner

import kgbuild
from conftest import EXAMPLES, SEEDS, start_server, stop_server
from kgbuild.build import build
from kgbuild.cli import main
from kgbuild.export import export
from kgbuild.stats import stats
from kgbuild.store import ONTOLOGY_GRAPH, GraphRecord, Store, graph_lines, open_dataset

GOOD = EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"
KGB = "https://w3id.org/kgbuild/ontology#"
OTHER = "https://other.example/kg/"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


def _rows(store, sparql: str) -> list[tuple[str, ...]]:  # type: ignore[no-untyped-def]
    result = store.query(sparql)
    names = [v.value for v in result.variables]
    return [tuple(str(row[n]) for n in names) for row in result]


def test_the_default_graph_is_the_union_of_the_article_graphs_each_triple_once(examples_store: Store) -> None:
    union = _rows(examples_store, "SELECT ?s ?p ?o WHERE { ?s ?p ?o }")
    assert len(union) == len(set(union)) == len(examples_store)
    asserted = {(str(q.subject), str(q.predicate), str(q.object))
                for g in examples_store.article_graphs() for q in examples_store.quads(g)}
    assert set(union) == asserted
    assert not examples_store.query(f"ASK {{ <{KGB}Person> ?p ?o }}"), "no ontology in the default graph"
    assert examples_store.query(f"ASK {{ GRAPH <{ONTOLOGY_GRAPH}> {{ <{KGB}Person> ?p ?o }} }}")
    assert not examples_store.query("ASK { <urn:kgbuild:store> ?p ?o }"), "no build record in the default graph"
    assert examples_store.query("ASK { GRAPH <urn:kgbuild:meta> { <urn:kgbuild:store> ?p ?o } }")


def test_a_body_named_in_several_articles_comes_back_once(examples_store: Store) -> None:
    org = "https://data.example.org/kgbuild/org/tong-lien-doan-lao-dong-viet-nam"
    graphs = _rows(examples_store, f"SELECT DISTINCT ?g WHERE {{ GRAPH ?g {{ <{org}> a <{KGB}Organisation> }} }}")
    assert len(graphs) >= 3, "the test needs a body several articles name"
    rows = _rows(examples_store, f"SELECT ?p ?o WHERE {{ <{org}> ?p ?o }}")
    assert rows and len(rows) == len(set(rows))


@pytest.mark.seeds
def test_the_vinh_phuc_question_returns_each_row_once(seeds_store: tuple[Store, Path]) -> None:
    store, _ = seeds_store
    rows = _rows(store, f'SELECT ?o ?name WHERE {{ ?o <{KGB}name> ?name FILTER(CONTAINS(?name, "Vĩnh Phúc")) }}')
    assert rows and len(rows) == len(set(rows)), SEEDS


def test_build_store_stats_export_and_void_agree_on_one_quad_count(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "kg")
    built = runner.invoke(main, ["build", str(EXAMPLES), "--store", store, "-q", "--no-validate"])
    held = int(re.search(r"holds (\d+) quads in the union", built.output).group(1))
    figures = json.loads(runner.invoke(main, ["stats", "--store", store, "--json"]).output)
    exported = runner.invoke(main, ["export", "--store", store, "-o", str(tmp_path / "all.ttl")])
    counted = json.loads(runner.invoke(main, ["query", "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }", "--store", store,
                                              "--format", "json"]).output)["results"]["bindings"][0]["n"]["value"]
    runner.invoke(main, ["publish", "--store", store, "-o", str(tmp_path / "release")])
    import rdflib

    void = rdflib.Graph().parse(tmp_path / "release" / "void.ttl", format="turtle")
    triples = void.value(rdflib.URIRef("https://data.example.org/kgbuild/dataset"),
                         rdflib.URIRef("http://rdfs.org/ns/void#triples"))
    assert held == figures["quads"] == int(counted) == int(triples) > 1000
    assert f"exported {held} statements" in exported.output


def test_the_store_records_its_base_iri_and_every_command_uses_it(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "kg")
    assert runner.invoke(main, ["build", str(GOOD), "--store", store, "-q", "--base-iri", OTHER]).exit_code == 0
    record = open_dataset(store, read_only=True).record
    assert record.base_iri == OTHER and record.pipeline_version and record.mapping_digest
    exported = runner.invoke(main, ["export", "--store", store, "--graph", GOOD.stem, "--format", "nquads"])
    lines = [x for x in exported.stdout.splitlines() if x]
    assert len(lines) > 100 and all(x.endswith(f"<{OTHER}graph/{GOOD.stem}> .") for x in lines)
    checked = runner.invoke(main, ["validate", "--store", store, "--article", GOOD.stem])
    assert "checked 1 article graph(s)" in checked.output
    missing = runner.invoke(main, ["validate", "--store", store, "--article", "no-such-article"])
    assert missing.exit_code == 1 and f"no graph {OTHER}graph/no-such-article" in missing.output
    again = runner.invoke(main, ["build", str(GOOD), "--store", store, "-q"])
    assert again.exit_code == 0 and "1 unchanged" in again.output, again.output
    other = runner.invoke(main, ["build", str(GOOD), "--store", store, "-q", "--base-iri", "https://third.example/"])
    assert other.exit_code == 1 and f"built with base IRI {OTHER}" in other.output


def test_serve_uses_the_recorded_base_iri(tmp_path: Path) -> None:
    path = tmp_path / "kg"
    store = Store.open(path)
    build([GOOD], store, base_iri=OTHER)
    org = _rows(store, f"SELECT ?o WHERE {{ ?o a <{KGB}Organisation> }} LIMIT 1")[0][0].strip("<>")
    del store
    proc, url = start_server(path)
    try:
        page = httpx.get(url + "/" + org.removeprefix(OTHER), headers={"Accept": "text/turtle"}, timeout=10)
        assert page.status_code == 200 and org in page.text
    finally:
        stop_server(proc)


def test_serve_refuses_a_dead_remote_store_in_one_line() -> None:
    result = CliRunner().invoke(main, ["serve", "--store", "http://127.0.0.1:9/query"])
    assert result.exit_code == 1 and "serving" not in result.output
    assert len(result.output.strip().splitlines()) == 1 and "cannot reach" in result.output


def _ontology(path: Path) -> bytes:
    out = io.BytesIO()
    export(Store.open_for_reading(path), out, "nquads", graph=ONTOLOGY_GRAPH)
    return out.getvalue()


def test_the_ontology_graph_is_loaded_byte_identically(tmp_path: Path) -> None:
    for name in ("a", "b"):
        store = Store.open(tmp_path / name)
        build([GOOD], store, validate=False)
        del store
    first = _ontology(tmp_path / "a")
    assert b"_:" in first and first == _ontology(tmp_path / "b")
    store = Store.open(tmp_path / "a")
    build([GOOD], store, force=True, validate=False)
    del store
    assert _ontology(tmp_path / "a") == first


def test_every_person_is_a_foaf_person(examples_store: Store) -> None:
    assert examples_store.query(f"ASK {{ ?p a <{KGB}Person> }}")
    assert not examples_store.query(
        f"ASK {{ ?p a <{KGB}Person> FILTER NOT EXISTS {{ ?p a <http://xmlns.com/foaf/0.1/Person> }} }}")


def _graph(store: Store, name: str, lines: list[str]) -> None:
    graph = f"https://data.example.org/kgbuild/graph/{name}"
    store.replace_graph(graph, lines, meta=graph_lines(GraphRecord(graph, content_hash=name)))


def test_stats_count_organisations_by_iri_not_by_name() -> None:
    store = Store.memory()
    for n in (1, 2):
        org, fact = f"<https://data.example.org/kgbuild/org/x--a{n}>", f"<https://data.example.org/kgbuild/f/{n}>"
        _graph(store, f"a{n}", [f"{org} <{KGB}name> \"Công đoàn Viên chức tỉnh\" .", f"{org} <{RDF_TYPE}> <{KGB}Organisation> .",
                                f"{fact} <{RDF_TYPE}> <{KGB}Fact> .", f"{fact} <{KGB}organiser> {org} ."])
    top = stats(store)["top_organisations"]
    assert [o["name"] for o in top] == ["Công đoàn Viên chức tỉnh"] * 2 and len({o["iri"] for o in top}) == 2


def test_the_union_keeps_a_triple_while_any_article_asserts_it() -> None:
    store = Store.memory()
    shared, own = "<https://e.org/s> <https://e.org/p> \"x\" .", "<https://e.org/s> <https://e.org/p> \"only a\" ."
    _graph(store, "a", [shared, own])
    _graph(store, "b", [shared])
    assert len(store) == 2
    _graph(store, "a", [])
    assert _rows(store, "SELECT ?o WHERE { ?s ?p ?o }") == [('"x"',)]
    store.remove_graph("https://data.example.org/kgbuild/graph/b")
    assert len(store) == 0 and store.article_graphs() == ["https://data.example.org/kgbuild/graph/a"]
    store.add_to_graph("https://data.example.org/kgbuild/graph/a", [shared])
    assert len(store) == 1 and len(list(store.quads("https://data.example.org/kgbuild/graph/a"))) == 1


def test_a_killed_bulk_load_leaves_no_files_behind(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kg")
    build([GOOD], store, validate=False, bulk=True)
    del store
    leftover = tmp_path / "kg" / "bulk-123456789.sst"
    leftover.write_bytes(b"\0" * 64)  # what a bulk load killed before its ingest leaves
    store = Store.open(tmp_path / "kg")
    assert not leftover.exists() and store.article_graphs() == [f"https://data.example.org/kgbuild/graph/{GOOD.stem}"]


def test_bulk_and_atomic_builds_give_the_same_dataset(tmp_path: Path) -> None:
    dumps = []
    for bulk in (False, True):
        store = Store.open(tmp_path / str(bulk))
        build([EXAMPLES], store, validate=False, bulk=bulk)
        out = io.BytesIO()
        export(store, out, "ntriples")
        dumps.append((len(store), out.getvalue()))
        del store
    assert dumps[0] == dumps[1]


REFERENCE = """@prefix ex: <https://ref.example/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
ex:vinh-phuc rdfs:label "Vĩnh Phúc"@vi ; ex:region [ rdfs:label "Bắc Bộ"@vi ] .
"""


def test_load_round_trips_a_turtle_file_through_a_rebuild_and_an_export(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "kg")
    ref = tmp_path / "tinh.ttl"
    ref.write_text(REFERENCE, encoding="utf-8")
    runner.invoke(main, ["build", str(GOOD), "--store", store, "-q", "--no-validate"])
    loaded = runner.invoke(main, ["load", str(ref), "--store", store])
    graph = "https://data.example.org/kgbuild/loaded/tinh.ttl"
    assert loaded.exit_code == 0 and f"loaded 3 statement(s) from {ref} into {graph}" in loaded.output
    assert runner.invoke(main, ["build", str(GOOD), "--store", store, "-q", "--force", "--no-validate"]).exit_code == 0
    dataset = open_dataset(store, read_only=True)
    assert dataset.loaded_graphs() == [graph] and dataset.query('ASK { ?s ?p "Vĩnh Phúc"@vi }')
    del dataset
    nquads = runner.invoke(main, ["export", "--store", store, "--format", "nquads"]).stdout
    mine = [line for line in nquads.splitlines() if line.endswith(f"<{graph}> .")]
    import rdflib

    assert rdflib.Dataset().parse(data="\n".join(mine), format="nquads").graph(rdflib.URIRef(graph)).isomorphic(
        rdflib.Graph().parse(data=REFERENCE, format="turtle"))
    figures = json.loads(runner.invoke(main, ["stats", "--store", store, "--json"]).output)
    assert figures["loaded_graphs"] == {graph: 3}
    assert "checked 2 article graph(s)" in runner.invoke(main, ["validate", "--store", store]).output
    removed = runner.invoke(main, ["unload", graph, "--store", store])
    assert removed.exit_code == 0 and "3 statement(s)" in removed.output
    dataset = open_dataset(store, read_only=True)
    assert not dataset.loaded_graphs() and not dataset.query('ASK { ?s ?p "Vĩnh Phúc"@vi }')
    assert dataset.article_graphs()


def test_load_refuses_build_graphs_and_bad_files_and_the_python_api_matches(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kg")
    build([GOOD], store, validate=False)
    ref = tmp_path / "ref.nt"
    ref.write_text('<https://ref.example/a> <https://ref.example/p> "1" .\n', encoding="utf-8")
    with pytest.raises(kgbuild.KgbuildError, match="article graph"):
        kgbuild.load_rdf([ref], store, graph=f"https://data.example.org/kgbuild/graph/{GOOD.stem}")
    with pytest.raises(kgbuild.KgbuildError, match="kgbuild keeps this graph"):
        kgbuild.load_rdf([ref], store, graph=ONTOLOGY_GRAPH)
    bad = tmp_path / "bad.ttl"
    bad.write_text("<a> <b> .", encoding="utf-8")
    with pytest.raises(kgbuild.InputError, match=f"{bad}: not valid turtle"):
        kgbuild.load_rdf([bad], store)
    [loaded] = kgbuild.load_rdf([ref], store, graph="https://data.example.org/kgbuild/corrections")
    assert loaded.quads == 1 and store.loaded_graphs() == [loaded.graph]
    assert kgbuild.unload("ref.nt", store).graph == loaded.graph and not store.loaded_graphs()
    with pytest.raises(kgbuild.KgbuildError, match="article graph"):
        kgbuild.unload(f"https://data.example.org/kgbuild/graph/{GOOD.stem}", store)
