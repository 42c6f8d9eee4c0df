"""The whole path on a real on-disk Oxigraph store: build, query, rebuild, export, hand-correct."""

from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest
import rdflib
from click.testing import CliRunner
from pyoxigraph import BlankNode

from conftest import EXAMPLES
from kgbuild.annotated import load_annotated
from kgbuild.build import annotate_sources, build
from kgbuild.cli import main
from kgbuild.errors import InputError
from kgbuild.export import export
from kgbuild.query import named_queries, resolve, rows, with_evidence
from kgbuild.store import Store

CONTRACT = {
    "articles": ["articleId", "title", "datePublished", "author"],
    "events": ["articleId", "event", "eventType", "date", "organiserName"],
    "attendances": ["articleId", "event", "personName", "role", "organisationName"],
    "roles": ["articleId", "personName", "role", "organisationName"],
    "awards": ["articleId", "award", "conferrerName", "recipientName", "recipientKind", "count"],
    "statistics": ["articleId", "subjectName", "measure", "value", "year"],
    "leaders-at-conferences": ["personName", "role", "organisationName", "event", "eventName", "date"],
}


@pytest.mark.parametrize("name", sorted(CONTRACT))
def test_named_queries_have_the_contract_columns(examples_store: Store, name: str) -> None:
    columns, table = rows(examples_store.query(resolve(name)))
    assert columns[:len(CONTRACT[name])] == CONTRACT[name]
    assert table, f"{name} returns rows on the examples"


def test_every_named_query_has_a_title() -> None:
    for query in named_queries().values():
        assert query.title and query.description


def test_no_blank_nodes_and_one_graph_per_article(examples_store: Store) -> None:
    quads = [q for q in examples_store.quads() if "/graph/" in str(q.graph_name)]
    assert quads and not any(isinstance(t, BlankNode) for q in quads for t in (q.subject, q.object))
    articles = {r[0] for r in rows(examples_store.query(resolve("articles")))[1]}
    graphs = [g for g in examples_store.graphs() if "/graph/" in g]
    assert sorted(g.rsplit("/", 1)[1] for g in graphs) == sorted(articles)


def test_leaders_question_answers_on_the_examples(examples_store: Store) -> None:
    _, table = rows(examples_store.query(resolve("leaders-at-conferences")))
    assert ["Võ Thị Ngọc Lan", "Chủ tịch", "Liên đoàn Lao động tỉnh Bình Định"] in [r[:3] for r in table]


def test_rebuild_is_idempotent_and_skips_unchanged(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kg")
    build([EXAMPLES], store)
    first = len(store)
    again = build([EXAMPLES], store)
    assert len(store) == first and again.unchanged and not again.built
    forced = build([EXAMPLES], store, force=True)
    assert len(store) == first and forced.built


def test_a_bulk_build_gives_the_same_store_and_rebuilds_atomically(tmp_path: Path,
                                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    # several bulk loads in one build of the examples (the package's `build` names the function, hence sys.modules)
    monkeypatch.setattr(sys.modules["kgbuild.build"], "bulk_quads", lambda: 1000)
    def nquads(store: Store) -> bytes:
        out = io.BytesIO()
        export(store, out, "nquads")
        return out.getvalue()

    atomic, bulk = Store.open(tmp_path / "atomic"), Store.open(tmp_path / "bulk")
    build([EXAMPLES], atomic, bulk=False)
    report = build([EXAMPLES], bulk, bulk=True)
    assert report.built and nquads(bulk) == nquads(atomic)
    assert bulk.built_hashes() == atomic.built_hashes()
    # a bulk load cut short leaves half a graph and no record: the next bulk build replaces it whole
    cut = Store.open(tmp_path / "cut")
    graph = sorted(atomic.built_hashes())[0]
    lines = [f"{q.subject} {q.predicate} {q.object} ." for q in atomic.quads(graph)]
    cut.bulk_add_graphs([(graph, lines[: len(lines) // 2])])
    assert cut.has_graph(graph) and not cut.built_hashes()
    build([EXAMPLES], cut, bulk=True)
    assert nquads(cut) == nquads(atomic)
    # a changed article in a bulk build is already in the store: it is replaced, not doubled
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for path in sorted(EXAMPLES.glob("*.txt"))[:2]:
        (corpus / path.name).write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    first = sorted(corpus.glob("*.txt"))[0]
    small = Store.open(tmp_path / "small")
    build([corpus], small, bulk=True)
    first.write_text(first.read_text(encoding="utf-8") + "\nBài viết được cập nhật lúc 17 giờ.\n", encoding="utf-8")
    report = build([corpus], small, bulk=True)
    assert report.built == [first.stem] and len(report.unchanged) == 1
    fresh = Store.open(tmp_path / "fresh")
    build([corpus], fresh)
    assert nquads(small) == nquads(fresh)


def test_turtle_export_parses_with_the_same_triple_count(examples_store: Store) -> None:
    out = io.BytesIO()
    count = export(examples_store, out, "turtle")
    graph = rdflib.Graph().parse(data=out.getvalue().decode(), format="turtle")
    assert len(graph) == count > 0
    assert b"@prefix kgb:" in out.getvalue()
    second = io.BytesIO()
    export(examples_store, second, "turtle")
    assert second.getvalue() == out.getvalue(), "same store, same bytes"


def test_hand_corrected_annotation_rebuilds(tmp_path: Path) -> None:
    written, errors = annotate_sources([EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"], tmp_path / "ann")
    assert not errors
    data = json.loads(written[0].read_text(encoding="utf-8"))
    award = next(r for r in data["relations"] if r["type"] == "award" and r["args"]["count"] == 50)
    award["args"]["count"] = 51  # a person corrects a figure
    written[0].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    store = Store.open(tmp_path / "kg")
    report = build([written[0]], store)
    assert report.built == ["tuyen-duong-ldld-binh-dinh"]
    counts = {r[5] for r in rows(store.query(resolve("awards")))[1]}
    assert "51" in counts and "50" not in counts


def test_broken_annotation_is_reported_with_its_file(tmp_path: Path) -> None:
    written, _ = annotate_sources([EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"], tmp_path / "ann")
    data = json.loads(written[0].read_text(encoding="utf-8"))
    data["entities"][0]["end"] = 10**6
    written[0].write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    with pytest.raises(InputError, match="do not fit the text"):
        load_annotated(written[0])
    written[0].write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match="invalid JSON"):
        load_annotated(written[0])


def test_cli_build_query_export(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "kg")
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\x00\x00")
    result = runner.invoke(main, ["build", str(EXAMPLES), str(bad), "--store", store])
    assert result.exit_code == 1, "a bad article makes the exit non-zero"
    n_examples = len([p for p in EXAMPLES.iterdir() if p.suffix in (".txt", ".html", ".jsonl")])
    assert f"error: {bad}:" in result.output and f"built {n_examples} article(s)" in result.output
    result = runner.invoke(main, ["query", "events", "--store", store, "--format", "json"])
    assert result.exit_code == 0
    events = json.loads(result.stdout)["results"]["bindings"]
    assert {e["articleId"]["value"] for e in events} == {p.stem for p in EXAMPLES.iterdir()}
    result = runner.invoke(main, ["query", "ASK { ?s a <https://w3id.org/kgbuild/ontology#Event> }", "--store", store])
    assert result.exit_code == 0 and json.loads(result.stdout)["boolean"] is True
    result = runner.invoke(main, ["query", "SELECT ?x WHERE {", "--store", store])
    assert result.exit_code == 1 and "invalid SPARQL" in result.output
    result = runner.invoke(main, ["query", "no-such-question", "--store", store])
    assert result.exit_code == 1 and "no named query" in result.output
    out = tmp_path / "graph.nt.gz"
    result = runner.invoke(main, ["export", "--store", store, "-o", str(out)])
    assert result.exit_code == 0 and out.stat().st_size > 0


def test_cli_store_from_environment(tmp_path: Path) -> None:
    runner = CliRunner(env={"KGBUILD_STORE": str(tmp_path / "kg")})
    assert runner.invoke(main, ["build", str(EXAMPLES / "hoi-nghi-bch-ldld-thanh-hoa.jsonl")]).exit_code == 0
    result = runner.invoke(main, ["query", "articles", "--format", "csv"])
    assert "hoi-nghi-bch-ldld-thanh-hoa,Hội nghị Ban Chấp hành" in result.stdout


def test_every_fact_has_its_sentence_rule_and_confidence(examples_store: Store) -> None:
    columns, table = rows(examples_store.query(resolve("evidence")))
    assert table
    for line in table:
        row = dict(zip(columns, line, strict=True))
        assert row["sentence"] and row["rule"] and 0 < float(row["confidence"]) <= 1
        assert int(row["start"]) < int(row["end"])


def test_query_can_show_the_evidence_sentence(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "kg")
    assert runner.invoke(main, ["build", str(EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"), "--store", store]).exit_code == 0
    result = runner.invoke(main, ["query", "awards", "--store", store, "--evidence"])
    assert result.exit_code == 0
    assert "evidence" in result.stdout and "rule" in result.stdout
    store_ = Store.open_for_reading(store)
    facts: list[str | None] = []
    columns, table = rows(store_.query(resolve("awards")), facts=facts)
    columns, table = with_evidence(store_, columns, table, facts)
    sentences = {dict(zip(columns, line, strict=True))["evidence"] for line in table}
    assert any("Cờ thi đua của Liên đoàn Lao động tỉnh" in s for s in sentences)


def test_ontology_documentation(tmp_path: Path) -> None:
    out = tmp_path / "ontology.html"
    assert CliRunner().invoke(main, ["docs", "-o", str(out)]).exit_code == 0
    page = out.read_text(encoding="utf-8")
    for term in ("GrassrootsUnion", "AwardConferral", "Attendance", "Figure"):
        assert term in page
