"""Pipeline benchmark: each stage beside its floor measured in the same run, at one corpus size.

- annotate: kgbuild's annotation vs the spaCy tokenizer alone (same syllable segmentation, one process);
- build: end to end, 1 and 2 worker processes;
- load: kgbuild's per-article atomic replace vs pyoxigraph's ``Store.bulk_load`` of the same N-Quads;
- export: ``kgbuild export`` (N-Quads) vs ``Store.dump`` of the same store;
- named questions: median and p95 latency of each, 10 runs;
- peak RSS of the build process and the size of the store on disk.

Usage: python bench/pipeline.py N [--workdir /tmp/kgbench] [--out bench/results-N.md]
"""

from __future__ import annotations

import argparse
import io
import json
import re
import statistics
import subprocess
import sys
import time
from pathlib import Path

from pyoxigraph import RdfFormat
from pyoxigraph import Store as OxStore

from kgbuild.export import export
from kgbuild.nlp.pipeline import annotate, load_pipeline
from kgbuild.query import named_queries
from kgbuild.read import read_path
from kgbuild.store import Store

QUESTIONS = ("articles", "events", "attendances", "roles", "awards", "statistics", "leaders-at-conferences")


def du(path: Path) -> int:
    return sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file())


def timed_build(corpus: Path, store: Path, workers: int) -> tuple[float, int]:
    """Seconds and peak RSS (kB) of `kgbuild build` in its own process."""
    start = time.perf_counter()
    out = subprocess.run(["/usr/bin/time", "-v", sys.executable, "-m", "kgbuild.cli", "build", str(corpus), "--store",
                          str(store), "-q", "--no-validate", "--workers", str(workers)],
                         capture_output=True, text=True, check=True)
    seconds = time.perf_counter() - start
    rss = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", out.stderr).group(1))
    return seconds, rss


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--workdir", default="/tmp/kgbench")
    ap.add_argument("--out", default=None)
    ap.add_argument("--sample", type=int, default=1000, help="articles used for the annotate comparison")
    ap.add_argument("--builds", default="1,2", help="worker counts to build with (comma-separated)")
    args = ap.parse_args()
    work = Path(args.workdir) / str(args.n)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    if not corpus.exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("generate.py")), str(args.n), str(corpus)], check=True)
    rows: list[tuple[str, str, str, str]] = []

    sample = [a for a in read_path(corpus)[: args.sample] if not isinstance(a, Exception)]
    texts = [a.text for a in sample]
    tokenizer = load_pipeline().tokenizer
    t = time.perf_counter()
    for text in texts:
        tokenizer(text)
    tok_rate = len(texts) / (time.perf_counter() - t)
    t = time.perf_counter()
    annotated = list(annotate(sample))
    ann_rate = len(texts) / (time.perf_counter() - t)
    rows.append(("annotate (1 process)", f"{ann_rate:.0f} articles/s", f"tokenizer alone {tok_rate:.0f}/s",
                 f"{ann_rate / tok_rate:.3f}"))
    del annotated

    results = {}
    counts = [int(x) for x in args.builds.split(",")]
    for workers in counts:
        store = work / f"store-w{workers}"
        subprocess.run(["rm", "-rf", str(store)], check=True)
        results[workers] = timed_build(corpus, store, workers)
        rate = args.n / results[workers][0]
        rows.append((f"build end to end, {workers} worker(s)", f"{rate:.0f} articles/s",
                     f"tokenizer alone {tok_rate:.0f}/s", f"{rate / tok_rate:.3f}"))
    last = counts[-1]
    if 1 in results and len(results) > 1:
        rows.append((f"speed-up of {last} workers on this machine", f"{results[1][0] / results[last][0]:.2f}x", "", ""))
    store_path = work / f"store-w{last}"
    rows.append((f"peak RSS of the build ({last} worker(s), main process)", f"{results[last][1] / 1024:.0f} MiB", "", ""))
    rows.append(("store size on disk", f"{du(store_path) / 2**20:.0f} MiB", "", ""))

    store = Store.open_for_reading(store_path)
    nquads = io.BytesIO()
    t = time.perf_counter()
    count = export(store, nquads, "nquads")
    ours_export = time.perf_counter() - t
    t = time.perf_counter()
    store.oxigraph.dump(io.BytesIO(), RdfFormat.N_QUADS)
    raw_dump = time.perf_counter() - t
    rows.append(("export N-Quads", f"{count / ours_export:.0f} quads/s", f"Store.dump {count / raw_dump:.0f} quads/s",
                 f"{raw_dump / ours_export:.2f}"))

    bulk = OxStore(str(work / "bulk"))
    t = time.perf_counter()
    bulk.bulk_load(nquads.getvalue(), format=RdfFormat.N_QUADS)
    bulk_rate = count / (time.perf_counter() - t)
    graphs = {}
    for quad in store.quads():
        graphs.setdefault(quad.graph_name.value, []).append(quad)
    fresh = Store.open(work / "replace")
    t = time.perf_counter()
    for graph, quads in graphs.items():
        fresh.replace_graph(graph, quads)
    fresh.flush()
    ours_load = count / (time.perf_counter() - t)
    rows.append(("load (per-article atomic replace)", f"{ours_load:.0f} quads/s", f"bulk_load {bulk_rate:.0f} quads/s",
                 f"{ours_load / bulk_rate:.2f}"))
    del fresh, bulk

    for name in QUESTIONS:
        sparql = named_queries()[name].sparql
        times = []
        n_rows = 0
        for _ in range(10):
            t = time.perf_counter()
            n_rows = sum(1 for _ in store.query(sparql))
            times.append((time.perf_counter() - t) * 1000)
        times.sort()
        rows.append((f"question {name}", f"median {statistics.median(times):.0f} ms",
                     f"p95 {times[int(len(times) * 0.95) - 1]:.0f} ms", f"{n_rows} rows"))

    table = [f"### {args.n} articles ({count} quads)", "", "| stage | kgbuild | floor | ratio |", "| --- | ---: | ---: | ---: |"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = "\n".join(table) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(json.dumps({"n": args.n, "quads": count}))


if __name__ == "__main__":
    main()
