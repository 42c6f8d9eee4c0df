"""Named-question latency on a built store, each beside its floor measured in the same run.

The floor is raw pyoxigraph enumerating the question's facts alone: one triple pattern
(``?fact a <class>`` over the default graph, which the questions read), every row read, with
nothing joined, ordered or serialised.  A named question returns one row per fact, so no
shaping of the query can make it cheaper than that.  Each run times the question and then its
floor, so a change in the machine's load between runs falls on both; CPU time (this process's,
where pyoxigraph evaluates) is given beside wall time, since on a shared machine it is the
steadier of the two.

``--questions DIR`` times another formulation of the questions (the same file names) on the
same store, e.g. ``tests/data/questions-joined``, the questions as they were before they read
the question rows.

Usage: python bench/questions.py STORE [--runs 10] [--questions DIR]
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from kgbuild.questions import questions
from kgbuild.store import Store

KGB = "https://w3id.org/kgbuild/ontology#"
# the class of the facts each question returns a row for
FACTS = {"articles": "Article", "events": "Event", "attendances": "Attendance", "roles": "PostHolding",
         "awards": "AwardConferral", "statistics": "Figure", "leaders-at-conferences": "Attendance",
         "organisation-figures": "Figure", "evidence": "Fact"}


@dataclass(frozen=True)
class Timing:
    """Milliseconds of each run, wall clock and CPU, each sorted."""

    wall: list[float]
    cpu: list[float]

    @property
    def median(self) -> float:
        return statistics.median(self.wall)

    @property
    def p95(self) -> float:
        return self.wall[min(len(self.wall) - 1, round(0.95 * (len(self.wall) - 1)))]

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)


def timed(*fns: Callable[[], Any], runs: int) -> list[Timing]:
    """Each function run ``runs`` times, the functions taking turns within each run."""
    wall: list[list[float]] = [[] for _ in fns]
    cpu: list[list[float]] = [[] for _ in fns]
    for _ in range(runs):
        for n, fn in enumerate(fns):
            t, c = time.perf_counter(), time.process_time()
            fn()
            cpu[n].append((time.process_time() - c) * 1000)
            wall[n].append((time.perf_counter() - t) * 1000)
    return [Timing(sorted(w), sorted(c)) for w, c in zip(wall, cpu, strict=True)]


def count_rows(store: Store, sparql: str) -> int:
    """Every row of a SELECT read (each term decoded, as a caller reading the rows would)."""
    return sum(1 for _ in store.query(sparql))


def floor_query(fact_class: str) -> str:
    return f"SELECT ?f WHERE {{ ?f a <{KGB}{fact_class}> }}"


def measure(store: Store, runs: int, folder: Path | None = None) -> list[tuple[str, str, str, str]]:
    """Table rows: question, median and p95 with its rows, its floor, and the ratios (wall, CPU)."""
    out = []
    for name, q in questions(folder).items():
        if name not in FACTS:
            continue
        n_rows = count_rows(store, q.sparql)
        asked, floor = timed(lambda s=q.sparql: count_rows(store, s),
                             lambda c=FACTS[name]: count_rows(store, floor_query(c)), runs=runs)
        out.append((f"question {name} (all {n_rows} rows)", f"median {asked.median:.0f} ms, p95 {asked.p95:.0f} ms",
                    f"its facts alone {floor.median:.0f} ms",
                    f"{asked.median / max(floor.median, 0.01):.1f}x (CPU {asked.cpu_median / max(floor.cpu_median, 0.01):.1f}x)"))
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--questions", type=Path, help="a folder of other formulations of the questions")
    args = ap.parse_args()
    store = Store.open_for_reading(args.store)
    print("| question | kgbuild | floor | ratio |\n| --- | ---: | ---: | ---: |")
    for row in measure(store, args.runs, args.questions):
        print("| " + " | ".join(row) + " |", flush=True)


if __name__ == "__main__":
    main()
