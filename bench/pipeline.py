"""Pipeline benchmark: each stage beside its floor measured in the same run, at one corpus size.

- annotate: kgbuild's annotation vs the spaCy tokenizer alone (same syllable segmentation, one process), and
  spaCy's own span ruler over the project's patterns (alone, and with the sentence splitter) as middle points;
- map: the mapping scripts once per batch of 64 articles vs once per article, over the same annotated sample;
- build: `kgbuild build` end to end with each worker count asked for (``2p`` = 2 workers with ``--per-article``),
  its peak memory (the main process and its workers together, sampled from /proc) and its store on disk;
- export: `kgbuild export` (N-Quads, to a file) vs ``Store.dump`` of the same store (to a file);
- rebuild: the same build again over the unchanged corpus, and with one article changed, against the first build;
- load: kgbuild's per-article atomic replace, and its bulk path, vs ``Store.bulk_load`` of the
  same N-Quads (the graphs of the first ``--load-graphs`` articles, all by default); each build against the
  articles/s at which ``bulk_load`` takes the same quads;
- named questions: median and p95 latency of each over ``--runs`` runs, every row read, beside raw
  pyoxigraph enumerating the same facts (``bench/questions.py``).

Nothing holds the corpus or the store in memory: the export goes to a file and the load
comparison reads that file graph by graph.

Usage: python bench/pipeline.py N [--workdir /tmp/kgbench] [--out bench-N.md] [--builds 1,2]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import subprocess
import sys
import time
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from pyoxigraph import RdfFormat
from pyoxigraph import Store as OxStore

from kgbuild.build import bulk_quads
from kgbuild.export import export_to_path
from kgbuild.mapping.apply import map_batch_lines
from kgbuild.nlp.pipeline import annotate, load_pipeline
from kgbuild.read import iter_path
from kgbuild.store import Store

sys.path.insert(0, str(Path(__file__).parent))
from questions import measure as measure_questions


def du(path: Path) -> int:
    return sum(p.stat().st_blocks * 512 for p in path.rglob("*") if p.is_file())


def tree_rss(root: int) -> int:
    """Resident memory (bytes) of a process and all its descendants, from /proc."""
    children: dict[int, list[int]] = {}
    rss: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text().rsplit(")", 1)[1].split()
            children.setdefault(int(stat[1]), []).append(int(entry.name))
            rss[int(entry.name)] = int(stat[21]) * os.sysconf("SC_PAGE_SIZE")
        except (OSError, IndexError, ValueError):
            continue
    total, todo = 0, [root]
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo.extend(children.get(pid, []))
    return total


def _own_cpu(pid: int) -> float:
    """CPU seconds (user + system) a live process has used itself, from /proc."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def timed_build(corpus: Path, store: Path, workers: int, per_article: bool) -> tuple[float, int, float, float]:
    """Seconds, peak resident memory (bytes, whole process tree), and CPU seconds of the main process and of
    the whole tree, of `kgbuild build` in its own process.

    CPU time is what the shared machine disturbs least: on an idle machine the build cannot go faster than
    the cores divided by the CPU an article needs.  The main process's own CPU is sampled each second
    (the last sample, within a second of its end); the tree's comes from ``wait4`` (workers included).
    """
    command = [sys.executable, "-m", "kgbuild.cli", "build", str(corpus), "--store", str(store), "-q",
               "--no-validate", "--workers", str(workers)] + (["--per-article"] if per_article else [])
    start = time.perf_counter()
    errors = store.parent / f"{store.name}.stderr"
    with errors.open("w") as sink:
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=sink)
    peak, main_cpu = 0, 0.0
    while True:
        pid, status, usage = os.wait4(proc.pid, os.WNOHANG)
        if pid:
            break
        peak = max(peak, tree_rss(proc.pid))
        main_cpu = max(main_cpu, _own_cpu(proc.pid))
        time.sleep(1.0)
    seconds = time.perf_counter() - start
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode:
        raise SystemExit(f"build failed with status {proc.returncode}: {errors.read_text()[-2000:]}")
    return seconds, peak, main_cpu, usage.ru_utime + usage.ru_stime


def graphs_of(nquads: Path, limit: int | None) -> Iterator[tuple[str, list[str]]]:
    """(graph, N-Triples lines) for each graph of an N-Quads file written graph by graph."""
    current, lines, seen = None, [], 0
    with nquads.open(encoding="utf-8") as handle:
        for line in handle:
            body, _, graph = line.rstrip(" .\n").rpartition(" <")
            graph = graph.rstrip(">")
            if graph != current:
                if current is not None:
                    yield current, lines
                    seen += 1
                    if limit is not None and seen >= limit:
                        return
                current, lines = graph, []
            lines.append(body + " .")
    if current is not None:
        yield current, lines


def timed_load(nquads: Path, target: Path, limit: int | None, bulk: bool) -> tuple[float, int]:
    """Seconds spent inside the store's write calls (reading the file is left out), and quads written."""
    shutil.rmtree(target, ignore_errors=True)
    store = Store.open(target)
    spent, count, batch, size = 0.0, 0, [], 0
    for graph, lines in graphs_of(nquads, limit):
        count += len(lines)
        if bulk:
            batch.append((graph, lines))
            size += len(lines)
            if size >= bulk_quads():  # as `kgbuild build` gathers them
                t = time.perf_counter()
                store.bulk_add_graphs(batch)
                spent += time.perf_counter() - t
                batch, size = [], 0
        else:
            t = time.perf_counter()
            store.replace_graph(graph, lines)
            spent += time.perf_counter() - t
    t = time.perf_counter()
    if batch:
        store.bulk_add_graphs(batch)
    store.flush()
    spent += time.perf_counter() - t
    del store
    shutil.rmtree(target, ignore_errors=True)
    return spent, count


def subset(nquads: Path, out: Path, limit: int | None) -> Path:
    if limit is None:
        return nquads
    with out.open("w", encoding="utf-8") as handle:
        for graph, lines in graphs_of(nquads, limit):
            handle.writelines(f"{line[:-1]}<{graph}> .\n" for line in lines)
    return out


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("n", type=int)
    ap.add_argument("--workdir", default="/tmp/kgbench")
    ap.add_argument("--out", default=None)
    ap.add_argument("--sample", type=int, default=1000, help="articles used for the annotate comparison")
    ap.add_argument("--builds", default="1,2", help="worker counts to build with, comma-separated; 2p = 2 with "
                    "--per-article")
    ap.add_argument("--skip", default="", help="stages left out, comma-separated: export, load (for the largest runs)")
    ap.add_argument("--load-graphs", type=int, default=None, help="articles used for the load comparison (all)")
    ap.add_argument("--runs", type=int, default=10, help="runs of each named question (0: no questions)")
    args = ap.parse_args()
    work = Path(args.workdir) / str(args.n)
    work.mkdir(parents=True, exist_ok=True)
    corpus = work / "corpus.jsonl"
    if not corpus.exists():
        subprocess.run([sys.executable, str(Path(__file__).with_name("generate.py")), str(args.n), str(corpus)], check=True)
    rows: list[tuple[str, str, str, str]] = []
    started = time.strftime("%Y-%m-%d %H:%M")
    load_before = os.getloadavg()[0]  # other work on the machine: the ratios, measured in one run, suffer less

    sample = []
    for item in iter_path(corpus):
        if not isinstance(item, Exception):
            sample.append(item)
        if len(sample) >= args.sample:
            break
    tokenizer = load_pipeline().tokenizer
    t = c = time.process_time()
    for article in sample:
        tokenizer(article.text)
    tok_rate = len(sample) / (time.process_time() - t)
    tok_cpu, len_sample = time.process_time() - c, len(sample)
    nlp = load_pipeline()
    docs = [tokenizer(article.text) for article in sample]
    ruler = nlp.get_pipe("span_ruler")
    t = time.process_time()
    for doc in docs:
        ruler(doc)
    ruler_alone = len(sample) / (time.process_time() - t)
    del docs
    spent = dict.fromkeys(nlp.pipe_names, 0.0)  # each component (rule family) alone, over the same Docs
    for article in sample:
        doc = nlp.make_doc(article.text)
        doc.user_data["article"] = article
        for name, component in nlp.pipeline:
            t = time.process_time()
            doc = component(doc)
            spent[name] += time.process_time() - t
    with nlp.select_pipes(enable=["kgb_sentences", "span_ruler"]):
        t = time.process_time()
        for _ in nlp.pipe(article.text for article in sample):
            pass
        ruler_rate = len(sample) / (time.process_time() - t)
    t = time.process_time()
    annotated = list(annotate(sample))
    ann_rate = len(sample) / (time.process_time() - t)
    mapping_rates = {}
    for size in (1, 64):  # the scripts once per article, and once per build batch (``build``'s default)
        t = time.process_time()
        for start in range(0, len(annotated), size):
            map_batch_lines(annotated[start:start + size])
        mapping_rates[size] = len(annotated) / (time.process_time() - t)
    del annotated
    rows.append(("spaCy's span ruler alone over the patterns, on tokenized Docs (1 process, CPU time)",
                 f"{ruler_alone:.0f} articles/s", f"tokenizer alone {tok_rate:.0f}/s", f"{ruler_alone / tok_rate:.3f}"))
    for name in nlp.pipe_names:
        if name != "span_ruler":
            rate = len(sample) / max(spent[name], 1e-9)
            rows.append((f"component {name} alone, in the pipeline (1 process, CPU time)", f"{rate:.0f} articles/s",
                         f"span ruler in the pipeline {len(sample) / spent['span_ruler']:.0f}/s",
                         f"{rate / (len(sample) / spent['span_ruler']):.3f}"))
    rows.append(("tokenizer + sentences + spaCy's span ruler over the patterns (1 process, CPU time)",
                 f"{ruler_rate:.0f} articles/s", f"tokenizer alone {tok_rate:.0f}/s", f"{ruler_rate / tok_rate:.3f}"))
    rows.append(("annotate, whole pipeline (1 process, CPU time)", f"{ann_rate:.0f} articles/s",
                 f"tokenizer alone {tok_rate:.0f}/s",
                 f"{ann_rate / tok_rate:.3f}"))
    rows.append(("map, the scripts once per batch of 64 articles (1 process, CPU time)", f"{mapping_rates[64]:.0f} articles/s",
                 f"once per article {mapping_rates[1]:.0f}/s", f"{mapping_rates[64] / mapping_rates[1]:.2f}"))
    del sample

    results: dict[str, tuple[float, int, float, float]] = {}
    builds = args.builds.split(",")
    for spec in builds:
        workers, per_article = int(spec.rstrip("bp")), spec.endswith("p")
        store = work / f"store-{spec}"
        shutil.rmtree(store, ignore_errors=True)
        results[spec] = timed_build(corpus, store, workers, per_article)
        rate = args.n / results[spec][0]
        label = f"build end to end, {workers} worker(s)" + (", --per-article" if per_article else "")
        rows.append((label, f"{rate:.0f} articles/s ({results[spec][0] / 60:.1f} min, "
                            f"peak {results[spec][1] / 2**20:.0f} MiB)",
                     f"tokenizer alone {tok_rate:.0f}/s", f"{rate / tok_rate:.3f}"))
        _, _, main_cpu, tree_cpu = results[spec]
        cores = os.cpu_count() or 1
        rows.append((label + ", CPU an article", f"{1000 * tree_cpu / args.n:.1f} ms (main process "
                     f"{1000 * main_cpu / args.n:.1f} ms: reading, loading, search index; workers "
                     f"{1000 * (tree_cpu - main_cpu) / args.n:.1f} ms)",
                     f"tokenizer alone {1000 * tok_cpu / len_sample:.2f} ms",
                     f"at most {cores * args.n / tree_cpu:.0f} articles/s on {cores} idle cores"))
        if spec != builds[-1]:
            shutil.rmtree(store, ignore_errors=True)  # keep the disk for the last one
    if "1" in results and "2" in results:
        rows.append(("speed-up of 2 workers over 1 on this machine", f"{results['1'][0] / results['2'][0]:.2f}x", "", ""))
    last = builds[-1]
    store_path = work / f"store-{last}"
    workers, per_article = int(last.rstrip("bp")), last.endswith("p")
    unchanged = timed_build(corpus, store_path, workers, per_article)[0]
    rows.append((f"rebuild, unchanged corpus ({last})", f"{unchanged:.1f} s", f"first build {results[last][0]:.1f} s",
                 f"{unchanged / results[last][0]:.3f}"))
    changed = work / "corpus-one-changed.jsonl"
    with corpus.open(encoding="utf-8") as src, changed.open("w", encoding="utf-8") as out:
        for i, line in enumerate(src):
            if i == 0:
                record = json.loads(line)
                record["text"] += "\n\nCông đoàn trao 12 suất quà cho đoàn viên khó khăn."
                line = json.dumps(record, ensure_ascii=False) + "\n"
            out.write(line)
    one = timed_build(changed, store_path, workers, per_article)[0]
    rows.append((f"rebuild, one article changed ({last})", f"{one:.1f} s", f"first build {results[last][0]:.1f} s",
                 f"{one / results[last][0]:.3f}"))
    changed.unlink()
    rows.append((f"peak memory of the build ({last}), main process and workers", f"{results[last][1] / 2**20:.0f} MiB",
                 "", ""))
    rows.append(("store size on disk", f"{du(store_path) / 2**20:.0f} MiB", "", ""))

    skip = set(filter(None, args.skip.split(",")))
    store = Store.open_for_reading(store_path)
    nquads = work / "export.nq"
    t = time.perf_counter()
    count = export_to_path(store, str(nquads), "nquads")
    ours_export = time.perf_counter() - t
    del store
    if "export" not in skip:
        dumped = work / "dump.nq"
        raw = OxStore.read_only(str(store_path))  # the floor: pyoxigraph's own dump of the same store
        t = time.perf_counter()
        raw.dump(str(dumped), RdfFormat.N_QUADS)
        raw_dump = time.perf_counter() - t
        dumped_quads = len(raw)
        del raw
        dumped.unlink()
        rows.append(("export N-Quads to a file", f"{count / ours_export:.0f} quads/s",
                     f"Store.dump {dumped_quads / raw_dump:.0f} quads/s",
                     f"{(count / ours_export) / (dumped_quads / raw_dump):.2f}"))
    store = Store.open_for_reading(store_path)

    loaded = subset(nquads, work / "subset.nq", args.load_graphs)
    bulk_store = work / "bulk"
    shutil.rmtree(bulk_store, ignore_errors=True)
    ox = OxStore(str(bulk_store))
    t = time.perf_counter()
    ox.bulk_load(path=str(loaded), format=RdfFormat.N_QUADS)
    bulk_seconds = time.perf_counter() - t
    loaded_quads = len(ox)
    del ox
    shutil.rmtree(bulk_store, ignore_errors=True)
    bulk_rate = loaded_quads / bulk_seconds
    scope = f" ({args.load_graphs} articles)" if args.load_graphs else ""
    for bulk, label in ((False, "load, per-article atomic replace"), (True, "load, bulk (the default)")):
        if not bulk and "replace" in skip:
            continue
        seconds, n = timed_load(nquads, work / "load", args.load_graphs, bulk)
        rows.append((label + scope, f"{n / seconds:.0f} quads/s", f"bulk_load {bulk_rate:.0f} quads/s",
                     f"{(n / seconds) / bulk_rate:.2f}"))
    if loaded != nquads:
        loaded.unlink()
    nquads.unlink()
    each = count / args.n  # the articles/s at which bulk_load would take the build's quads
    for spec in builds:
        workers, per_article = int(spec.rstrip("bp")), spec.endswith("p")
        rate = args.n / results[spec][0]
        rows.append((f"build end to end, {workers} worker(s)" + (", --per-article" if per_article else "") +
                     ", against the loader",
                     f"{rate:.0f} articles/s", f"bulk_load {bulk_rate / each:.0f} articles/s "
                     f"({each:.0f} quads each)", f"{rate / (bulk_rate / each):.2f}"))

    if args.runs:
        rows += measure_questions(store, args.runs)

    machine = (f"{os.cpu_count()} cores, Python {platform.python_version()}, load average "
               f"{load_before:.1f} at the start and {os.getloadavg()[0]:.1f} at the end")
    table = [f"### {args.n} articles ({count} quads; run started {started}, {date.today()}, {machine})", "",
             "| stage | kgbuild | floor | ratio |", "| --- | ---: | ---: | ---: |"]
    table += [f"| {a} | {b} | {c} | {d} |" for a, b, c, d in rows]
    text = "\n".join(table) + "\n"
    print(text)
    if args.out:
        Path(args.out).write_text(text, encoding="utf-8")
    print(json.dumps({"n": args.n, "quads": count}))


if __name__ == "__main__":
    main()
