"""Question rows (mappings/rows/): the named questions read them and give what the joined questions gave.

``tests/data/questions-joined`` keeps each question as it was written before the rows existed
(every column joined inside the article's graph, every row sorted); the questions of
``queries/`` must give the same rows, as a multiset, on the project's samples and on generated
bench articles, for the whole question and for each parameter.  The rows come in the order of
their keys (newest first), a page of a broad parameter reads only that page's index entries,
and rebuilding or removing an article replaces or removes its rows with its graph.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from conftest import DATA, ROOT
from kgbuild.build import build
from kgbuild.questions import Parameter, prepare, questions
from kgbuild.settings import setting
from kgbuild.store import Store

BASE = setting("base_iri")
KGB = "https://w3id.org/kgbuild/ontology#"
JOINED = DATA / "questions-joined"
KEY = re.compile(r"^[0-9]{8}[0-9a-f]{7}$")
# the most used values of each kind of parameter, as a person would ask about them
PICK = {
    "organisation": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?f <{KGB}sourceArticle> ?a ; ?p ?x . ?x a <{KGB}Organisation> }} "
                    "GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 2",
    "person": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?f <{KGB}attendee>|<{KGB}holder> ?x }} GROUP BY ?x "
              "ORDER BY DESC(?n) ?x LIMIT 2",
    "event": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?f <{KGB}attendedEvent>|<{KGB}conferredAt> ?x }} GROUP BY ?x "
             "ORDER BY DESC(?n) ?x LIMIT 2",
    "award": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?f <{KGB}awardKind> ?x }} GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 2",
    "article": f"SELECT ?x WHERE {{ ?x a <{KGB}Article> }} ORDER BY ?x LIMIT 2",
    "province": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?e <{KGB}place> ?x }} GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 2",
    "year": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?e <{KGB}year> ?x }} GROUP BY ?x ORDER BY DESC(?n) ?x LIMIT 2",
}
CODES = {"eventType": ["review_conference", "congress"], "measure": ["members", "grassroots_unions"]}


def _rows(store: Store, sparql: str) -> list[tuple[str | None, ...]]:
    result = store.query(sparql)
    names = [v.value for v in result.variables]  # type: ignore[union-attr]
    return [tuple(None if row[n] is None else str(row[n]) for n in names) for row in result]  # type: ignore[index]


def _values(store: Store, kind: str) -> list[str]:
    if kind in CODES:
        return CODES[kind]
    return [row["x"].value for row in store.query(PICK[kind])] if kind in PICK else []  # type: ignore[index]


def _generated(tmp: Path, n: int, seed: int = 7) -> Path:
    out = tmp / f"bench-{n}.jsonl"
    subprocess.run([sys.executable, str(ROOT / "bench" / "generate.py"), str(n), str(out), "--seed", str(seed)],
                   check=True, capture_output=True)
    return out


@pytest.fixture(scope="module")
def bench_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    """40 generated articles and a second report of the first one's event (its text under another id),
    so that an event, its organiser and its attendees are shared by two article graphs."""
    tmp = tmp_path_factory.mktemp("bench")
    source = _generated(tmp, 40)
    first = json.loads(source.read_text(encoding="utf-8").splitlines()[0])
    with source.open("a", encoding="utf-8") as out:
        out.write(json.dumps({**first, "id": "gen-again"}, ensure_ascii=False) + "\n")
    store = Store.open(tmp / "kg")
    report = build([source], store)
    assert len(report.built) == 41 and not report.errors
    shared = store.query(f"SELECT ?e WHERE {{ ?e a <{KGB}Event> ; <{KGB}sourceArticle> ?a, ?b FILTER (?a != ?b) }}")
    assert list(shared)
    return store


def _same_as_joined(store: Store) -> int:
    """Compare every question and parameter with its joined formulation; the number of comparisons with rows."""
    joined, asked = questions(JOINED), questions()
    assert set(joined) == set(asked)
    compared = 0
    for name, q in asked.items():
        cases = [{}] + [{p.name: v} for p in q.parameters for v in _values(store, p.kind)]
        for given in cases:
            old = _rows(store, prepare(store, joined[name], given, base=BASE))
            new = _rows(store, prepare(store, q, given, base=BASE))
            assert Counter(new) == Counter(old), (name, given)
            compared += bool(old)
    return compared


def test_every_question_gives_the_rows_of_its_joined_formulation_on_the_samples(examples_store: Store) -> None:
    assert _same_as_joined(examples_store) >= 15


def test_every_question_gives_the_rows_of_its_joined_formulation_on_bench_articles(bench_store: Store) -> None:
    assert _same_as_joined(bench_store) >= 60


def _keys(store: Store, prop: str) -> dict[str, str]:
    return {row["f"].value: row["k"].value  # type: ignore[index]
            for row in store.query(f"SELECT ?f ?k WHERE {{ ?f <{KGB}{prop}> ?k }}")}


@pytest.mark.parametrize(("name", "prop", "given"), [
    ("attendances", "attendanceKey", {}), ("awards", "awardKey", {}), ("roles", "postKey", {}),
    ("statistics", "figureKey", {}), ("statistics", "figureKey", {"measure": "members"}),
    ("awards", "awardKey", {"award": "award/bang-khen"}), ("attendances", "attendanceKey", {"year": "2024"})])
def test_rows_come_newest_first_in_key_order_and_pages_join_up(bench_store: Store, name: str, prop: str,
                                                               given: dict[str, str]) -> None:
    q = questions()[name]
    keys = _keys(bench_store, prop)
    assert keys and all(KEY.match(k) for k in keys.values())
    column = [v.value for v in bench_store.query(q.sparql).variables].index("fact")  # type: ignore[union-attr]
    every = _rows(bench_store, prepare(bench_store, q, given, base=BASE))
    assert len(every) >= 8
    order = [keys[row[column].strip("<>")] for row in every]  # type: ignore[union-attr]
    assert order == sorted(order)
    pages = [row for offset in range(0, len(every), 5)
             for row in _rows(bench_store, prepare(bench_store, q, given, base=BASE, limit=5, offset=offset or None))]
    assert pages == every


def test_a_key_puts_the_newest_first_and_the_undated_last(examples_store: Store) -> None:
    dated = {row["d"].value: row["k"].value for row in examples_store.query(  # type: ignore[index]
        f"SELECT ?d ?k WHERE {{ ?a <{KGB}articleKey> ?k ; <http://schema.org/datePublished> ?d }}")}
    assert dated
    for day, key in dated.items():
        assert int(key[:8]) == 99999999 - int(day.replace("-", ""))
    undated = [row["k"].value for row in examples_store.query(  # type: ignore[index]
        f"SELECT ?k WHERE {{ ?a <{KGB}articleKey> ?k FILTER NOT EXISTS {{ ?a <http://schema.org/datePublished> ?d }} }}")]
    assert all(k.startswith("99999999") for k in undated)


def test_the_narrowest_parameter_given_is_the_one_whose_index_is_read(bench_store: Store) -> None:
    q = questions()["attendances"]
    person = _values(bench_store, "person")[0]
    both = prepare(bench_store, q, {"year": "2024", "person": person}, base=BASE)
    values = re.search(r"VALUES \(([^)]*)\) \{ \((.*)\) \}", both)
    assert values is not None
    names, terms = values.group(1).split(), values.group(2)
    assert names[-1] == "?index" and terms.endswith(f"<{person}>")
    assert "\n  ?index kgb:attendanceIndex ?key ." in both
    year = prepare(bench_store, q, {"year": "2024"}, base=BASE)
    assert "<https://w3id.org/kgbuild/ontology/year/2024>" in year
    assert "#[index]" in prepare(bench_store, q, {}, base=BASE)  # asked for everything, the key is scanned


def test_a_question_without_an_index_line_is_bound_as_before(bench_store: Store) -> None:
    q = questions()["evidence"]
    article = _values(bench_store, "article")[0]
    sparql = prepare(bench_store, q, {"article": article}, base=BASE)
    assert "?index" not in sparql and "ORDER BY ?start ?fact" in sparql
    starts = [int(row[6].split('"')[1]) for row in _rows(bench_store, sparql)]  # type: ignore[union-attr]
    assert starts == sorted(starts) and starts


def test_parameter_index_nodes() -> None:
    from kgbuild.questions import index_node
    from kgbuild.store.terms import Literal, NamedNode

    assert index_node(Parameter("year", "year", ""), Literal("2021")) == NamedNode(
        "https://w3id.org/kgbuild/ontology/year/2021")
    org = NamedNode("https://example.org/org/x")
    assert index_node(Parameter("organisation", "organisation", ""), org) == org
    assert index_node(Parameter("q", "text", ""), Literal("x")) is None


def test_rebuilding_or_removing_an_article_replaces_its_rows(tmp_path: Path) -> None:
    source = _generated(tmp_path, 3, seed=11)
    store = Store.open(tmp_path / "kg")
    build([source], store)
    articles = [json.loads(line) for line in source.read_text(encoding="utf-8").splitlines()]
    first = articles[0]["id"]

    def entries(article_id: str) -> set[tuple[str, str]]:
        return {(row["s"].value, row["k"].value) for row in store.query(  # type: ignore[index]
            f"SELECT ?s ?k WHERE {{ ?f <{KGB}rowArticleId> \"{article_id}\" ; <{KGB}awardKey> ?k . ?s <{KGB}awardIndex> ?k }}")}

    before = entries(first)
    others = entries(articles[1]["id"])
    assert before and others
    articles[0]["text"] = articles[0]["text"].replace("Bằng khen", "Giấy khen")  # the same article, other awards
    source.write_text("\n".join(json.dumps(a, ensure_ascii=False) for a in articles) + "\n", encoding="utf-8")
    report = build([source], store)
    assert len(report.built) == 1
    after = entries(first)
    assert after and after != before
    stale = {k for _, k in before} - {k for _, k in after}
    for key in stale:  # no index entry, in the article's graph or in the union, still names an old key
        assert not list(store.query(f'SELECT * WHERE {{ ?s ?p "{key}" }}'))
        assert not list(store.query(f'SELECT * WHERE {{ GRAPH ?g {{ ?s ?p "{key}" }} }}'))
    graph = next(g for g in store.article_graphs() if g.endswith(first))
    store.remove_graph(graph)
    assert not entries(first)
    assert entries(articles[1]["id"]) == others


def test_a_parameter_whose_entries_are_kept_apart_reads_only_those(bench_store: Store) -> None:
    q = questions()["awards"]
    body = _values(bench_store, "organisation")[0]
    received = prepare(bench_store, q, {"recipient": body}, base=BASE)
    assert "\n  ?index kgb:awardRecipientIndex ?key ." in received and "#[index] ?index kgb:awardIndex" in received
    conferred = prepare(bench_store, q, {"conferrer": body}, base=BASE)
    assert "\n  ?index kgb:awardIndex ?key ." in conferred and "#[index_recipient]" in conferred
