"""Named-question latency on a built store, each beside its floor measured in the same run.

The floor is raw pyoxigraph enumerating the question's facts alone: one triple pattern
(``?fact a <class>`` inside the article graphs), every row read, with nothing joined,
ordered or serialised.  A named question returns one row per fact, so no shaping of
the query can make it cheaper than that.

Usage: python bench/questions.py STORE [--runs 10]
"""

from __future__ import annotations

import argparse
import statistics
import time

from kgbuild.query import named_queries
from kgbuild.store import Store

KGB = "https://w3id.org/kgbuild/ontology#"
# the class of the facts each question returns a row for
FACTS = {"articles": "Article", "events": "Event", "attendances": "Attendance", "roles": "PostHolding",
         "awards": "AwardConferral", "statistics": "Figure", "leaders-at-conferences": "Attendance"}


def _timed(store: Store, sparql: str, runs: int) -> tuple[list[float], int]:
    times, n_rows = [], 0
    for _ in range(runs):
        t = time.perf_counter()
        n_rows = sum(1 for _ in store.query(sparql))
        times.append((time.perf_counter() - t) * 1000)
    return sorted(times), n_rows


def measure(store: Store, runs: int) -> list[tuple[str, str, str, str]]:
    """Table rows: question, median and p95, floor median, rows and cost per row."""
    out = []
    for name, fact in FACTS.items():
        times, n_rows = _timed(store, named_queries()[name].sparql, runs)
        floor, _ = _timed(store, f"SELECT ?f WHERE {{ GRAPH ?g {{ ?f a <{KGB}{fact}> }} }}", runs)
        median, p95 = statistics.median(times), times[min(len(times) - 1, round(0.95 * (len(times) - 1)))]
        out.append((f"question {name}", f"median {median:.0f} ms, p95 {p95:.0f} ms",
                    f"its facts alone {statistics.median(floor):.1f} ms",
                    f"{n_rows} rows, {median * 1000 / max(n_rows, 1):.0f} µs a row"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--runs", type=int, default=10)
    args = ap.parse_args()
    store = Store.open_for_reading(args.store)
    print("| question | kgbuild | floor | rows |\n| --- | ---: | ---: | ---: |")
    for row in measure(store, args.runs):
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
