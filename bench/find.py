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
  (``bench/questions.py``, whose timing loop this shares).

``--questions DIR`` times another formulation of the questions on the same store (e.g.
``tests/data/questions-joined``, as they were before they read the question rows).

Usage: python bench/find.py STORE [--runs 5] [--parts search,index,parameters,full] [--questions DIR]
"""

from __future__ import annotations

import argparse
import os
import random
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

from kgbuild.questions import prepare, questions
from kgbuild.search import index_path, open_index
from kgbuild.search.extract import entries
from kgbuild.search.index import Index
from kgbuild.search.text import expand, words
from kgbuild.settings import setting
from kgbuild.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from questions import Timing, count_rows, measure, timed

KGB = "https://w3id.org/kgbuild/ontology#"
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
    pairs = [timed(lambda q=q: index.search(q, limit=10), lambda q=q: index.db.execute(
        "SELECT rowid FROM entity_fts WHERE entity_fts MATCH ? LIMIT 10",
        (" ".join(f'"{w}"' for w in expand(q)),)).fetchall(), runs=runs) for q in typed]
    searched = Timing(sorted(t for asked, _ in pairs for t in asked.wall), sorted(t for asked, _ in pairs for t in asked.cpu))
    floor = Timing(sorted(t for _, fts in pairs for t in fts.wall), sorted(t for _, fts in pairs for t in fts.cpu))
    first = sum(1 for q in typed[::2] if (hits := index.search(q, limit=1)) and words(hits[0].name) == q.split())
    return [("search (200 typed names, 10 hits)", f"median {searched.median:.2f} ms, p95 {searched.p95:.2f} ms",
             f"one FTS5 MATCH {floor.median:.2f} ms"),
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


def bench_parameters(store: Store, runs: int, folder: Path | None = None) -> list[tuple[str, str, str]]:
    base = setting("base_iri")
    out = []
    for name, q in questions(folder).items():
        for p in q.parameters:
            for value in _values(store, p.kind)[:2]:
                sparql = prepare(store, q, {p.name: value}, base=base, limit=50)
                n = count_rows(store, sparql)
                (asked,) = timed(lambda s=sparql: count_rows(store, s), runs=runs)
                short = value.rsplit("/", 1)[-1]
                out.append((f"{name} --param {p.name}={short} --limit 50", f"median {asked.median:.0f} ms, "
                            f"p95 {asked.p95:.0f} ms (CPU {asked.cpu_median:.0f} ms)", f"{n} rows"))
    return out


def bench_full(store: Store, runs: int, folder: Path | None = None) -> list[tuple[str, str, str]]:
    return [(question, f"{kgbuild}", f"{floor}: {ratio}") for question, kgbuild, floor, ratio in measure(store, runs, folder)]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--parts", default="search,index,parameters,full")
    ap.add_argument("--questions", type=Path, help="a folder of other formulations of the questions")
    args = ap.parse_args()
    store = Store.open_for_reading(args.store)
    wanted = args.parts.split(",")
    index = open_index(store) if "search" in wanted else None  # opening catches the index up with the store
    sqlite_version = sqlite3.sqlite_version
    print(f"store {args.store}: {len(store.built_hashes())} articles, {len(store)} quads; SQLite {sqlite_version}; "
          f"load average {os.getloadavg()[0]:.1f}")
    print("| what | kgbuild | floor |\n| --- | ---: | ---: |")
    parts = {"search": lambda: bench_search(index, args.runs),  # type: ignore[arg-type]
             "index": lambda: bench_index(store),
             "parameters": lambda: bench_parameters(store, args.runs, args.questions),
             "full": lambda: bench_full(store, args.runs, args.questions)}
    for part in wanted:
        for row in parts[part]():
            print("| " + " | ".join(row) + " |", flush=True)
    print(f"load average at the end {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
