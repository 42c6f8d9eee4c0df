"""Search and parametrised questions on a built store, each beside a floor measured in the same run.

* search: the median over names drawn from the index itself, typed as a person would
  (lower case, no diacritics, whole or the first words), through :meth:`Index.search`;
  its floor is SQLite answering one FTS5 ``MATCH`` for the same words.
* the index: re-reading every article graph from the store into a fresh index file
  (articles/s), and its size on disk.
* parametrised questions: each named question with each of its parameters bound to values
  drawn from the store (the organisation, person, province, year … with the most facts),
  paged to 50 rows, as ``kgbuild query NAME --param … --limit 50`` runs it.
* full questions: the floor is raw pyoxigraph enumerating the question's facts alone
  (``bench/questions.py``).

Usage: python bench/find.py STORE [--runs 5] [--rebuild-index]
"""

from __future__ import annotations

import argparse
import random
import sqlite3
import statistics
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from kgbuild.questions import prepare, questions
from kgbuild.search import index_path, open_index
from kgbuild.search.extract import entries
from kgbuild.search.index import Index
from kgbuild.search.text import expand, words
from kgbuild.settings import setting
from kgbuild.store import Store

KGB = "https://w3id.org/kgbuild/ontology#"
FACTS = {"articles": "Article", "events": "Event", "attendances": "Attendance", "roles": "PostHolding",
         "awards": "AwardConferral", "statistics": "Figure", "leaders-at-conferences": "Attendance",
         "organisation-figures": "Figure", "evidence": "Fact"}
# which stored values to try for each kind of parameter: the most used ones
_PICK = {
    "organisation": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?f <{KGB}sourceArticle> ?a ; ?p ?x . ?x a <{KGB}Organisation> }} "
                    "GROUP BY ?x ORDER BY DESC(?n) LIMIT 3",
    "person": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?f <{KGB}attendee>|<{KGB}holder> ?x }} GROUP BY ?x ORDER BY DESC(?n) LIMIT 3",
    "event": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?f <{KGB}attendedEvent>|<{KGB}conferredAt> ?x }} GROUP BY ?x "
             "ORDER BY DESC(?n) LIMIT 3",
    "award": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?f <{KGB}awardKind> ?x }} GROUP BY ?x ORDER BY DESC(?n) LIMIT 3",
    "article": f"SELECT ?x WHERE {{ ?x a <{KGB}Article> }} LIMIT 3",
    "province": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?e <{KGB}place> ?x }} GROUP BY ?x ORDER BY DESC(?n) LIMIT 3",
    "year": f"SELECT ?x (COUNT(*) AS ?n) WHERE {{ ?e <{KGB}year> ?x }} GROUP BY ?x ORDER BY DESC(?n) LIMIT 3",
}
_CODES = {"eventType": ["review_conference", "congress", "award_ceremony"], "measure": ["members", "grassroots_unions"]}


def _ms(fn: Callable[[], Any], runs: int) -> list[float]:
    out = []
    for _ in range(runs):
        t = time.perf_counter()
        fn()
        out.append((time.perf_counter() - t) * 1000)
    return sorted(out)


def _median(times: list[float]) -> float:
    return statistics.median(times)


def _p95(times: list[float]) -> float:
    return times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]


def typed_queries(index: Index, n: int, seed: int = 1) -> list[str]:
    """Names from the index as a person types them: lower case, no diacritics, whole or their first words."""
    rng = random.Random(seed)
    rows = index.db.execute("SELECT name FROM entity WHERE type != 'article' ORDER BY id").fetchall()
    picked = [rng.choice(rows)[0] for _ in range(n)]
    out = []
    for i, name in enumerate(picked):
        found = words(name)
        out.append(" ".join(found if i % 2 == 0 else found[: max(1, len(found) // 2)]))
    return out


def bench_search(index: Index, runs: int) -> list[tuple[str, str, str]]:
    typed = typed_queries(index, 200)
    times = [t for q in typed for t in _ms(lambda q=q: index.search(q, limit=10), runs)]
    floor = [t for q in typed for t in _ms(lambda q=q: index.db.execute(
        "SELECT rowid FROM entity_fts WHERE entity_fts MATCH ? LIMIT 10",
        (" ".join(f'"{w}"' for w in expand(q)),)).fetchall(), runs)]
    first = sum(1 for q in typed[::2] if (hits := index.search(q, limit=1)) and words(hits[0].name) == q.split())
    return [("search (200 typed names, 10 hits)", f"median {_median(sorted(times)):.2f} ms, p95 {_p95(sorted(times)):.2f} ms",
             f"one FTS5 MATCH {_median(sorted(floor)):.2f} ms"),
            ("search: whole names found first", f"{first} of {len(typed[::2])}", "")]


def bench_index(store: Store) -> list[tuple[str, str, str]]:
    graphs = sorted(store.built_hashes())
    size = index_path(store).stat().st_size if index_path(store).exists() else 0
    with tempfile.TemporaryDirectory() as tmp:
        index = Index(Path(tmp) / "i.sqlite")
        t = time.perf_counter()
        for start in range(0, len(graphs), 200):
            batch = graphs[start:start + 200]
            index.replace((g, "h", entries(store, g)) for g in batch)
        seconds = time.perf_counter() - t
        (count,) = index.db.execute("SELECT COUNT(*) FROM entity").fetchone()
        index.close()
    return [("index rebuilt from the store", f"{len(graphs) / seconds:.0f} articles/s ({seconds:.0f} s)",
             f"{count} entities, {size / 2**20:.0f} MiB on disk")]


def _values(store: Store, kind: str) -> list[str]:
    if kind in _CODES:
        return _CODES[kind]
    sparql = _PICK.get(kind)
    return [row["x"].value for row in store.query(sparql)] if sparql else []


def bench_parameters(store: Store, runs: int) -> list[tuple[str, str, str]]:
    base = setting("base_iri")
    out = []
    for name, q in questions().items():
        for p in q.parameters:
            for value in _values(store, p.kind)[:2]:
                sparql = prepare(store, q, {p.name: value}, base=base, limit=50)
                n = sum(1 for _ in store.query(sparql))
                times = _ms(lambda s=sparql: sum(1 for _ in store.query(s)), runs)
                short = value.rsplit("/", 1)[-1]
                out.append((f"{name} --param {p.name}={short} --limit 50", f"median {_median(times):.0f} ms, "
                            f"p95 {_p95(times):.0f} ms", f"{n} rows"))
    return out


def bench_full(store: Store, runs: int) -> list[tuple[str, str, str]]:
    out = []
    for name, q in questions().items():
        if name not in FACTS:
            continue
        times = _ms(lambda s=q.sparql: sum(1 for _ in store.query(s)), runs)
        n = sum(1 for _ in store.query(q.sparql))
        floor = _ms(lambda c=FACTS[name]: sum(1 for _ in store.query(f"SELECT ?f WHERE {{ ?f a <{KGB}{c}> }}")), runs)
        out.append((f"question {name} (all rows)", f"median {_median(times):.0f} ms ({n} rows)",
                    f"its facts alone {_median(floor):.0f} ms: {_median(times) / max(_median(floor), 0.01):.1f}x"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--parts", default="search,index,parameters,full")
    args = ap.parse_args()
    store = Store.open_for_reading(args.store)
    index = open_index(store)
    sqlite_version = sqlite3.sqlite_version
    print(f"store {args.store}: {len(store.built_hashes())} articles, {len(store)} quads; SQLite {sqlite_version}")
    print("| what | kgbuild | floor |\n| --- | ---: | ---: |")
    parts = {"search": lambda: bench_search(index, args.runs), "index": lambda: bench_index(store),
             "parameters": lambda: bench_parameters(store, args.runs), "full": lambda: bench_full(store, args.runs)}
    for part in args.parts.split(","):
        for row in parts[part]():
            print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
