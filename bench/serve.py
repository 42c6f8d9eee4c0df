"""Serving benchmark: kgbuild serve beside the native `oxigraph serve-read-only`, same store, same run.

For each named question and 1, 8 and 32 concurrent connections, wrk (Debian's `wrk`) sends
GET /sparql?query=... to both servers on 127.0.0.1 for a few seconds and reports requests/s
and the p50/p99 latency. Needs `wrk` and the `oxigraph` CLI (`pip install oxigraph`).

Usage: python bench/serve.py STORE [--seconds 5] [--out bench/results-serve.md]
"""

from __future__ import annotations

import argparse
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.parse
import urllib.request
from pathlib import Path

from kgbuild.query import named_queries

QUESTIONS = ("leaders-at-conferences", "events", "attendances", "awards", "statistics")
CONCURRENCY = (1, 8, 32)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url: str) -> None:
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.05)
    raise RuntimeError(f"{url} did not come up")


def wrk(url: str, connections: int, seconds: int) -> tuple[float, float, float]:
    out = subprocess.run(["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "-H", "Accept: application/sparql-results+json", url],
                         capture_output=True, text=True, check=True).stdout
    rate = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))

    def pct(p: str) -> float:
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    if re.search(r"Non-2xx or 3xx responses: (\d+)", out):
        raise RuntimeError(f"errors from {url}:\n{out}")
    return rate, pct("50"), pct("99")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--seconds", type=int, default=5)
    ap.add_argument("--out", default=None)
    ap.add_argument("--processes", type=int, default=2, help="kgbuild serve --processes")
    args = ap.parse_args()
    work = Path(tempfile.mkdtemp())
    ours_store, native_store = work / "ours", work / "native"
    shutil.copytree(args.store, ours_store)
    shutil.copytree(args.store, native_store)
    p_ours, p_native = free_port(), free_port()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    servers = [
        subprocess.Popen([sys.executable, "-m", "kgbuild.cli", "serve", "--store", str(ours_store), "--port", str(p_ours),
                          "--max-rows", "100000", "--processes", str(args.processes)],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
        subprocess.Popen([oxigraph, "serve-read-only", "--location", str(native_store), "--bind",
                          f"127.0.0.1:{p_native}", "--union-default-graph"],
                         stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL),
    ]
    lines = ["| question | clients | kgbuild req/s | native req/s | ratio | kgbuild p50 / p99 ms | native p50 / p99 ms |",
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: |"]
    try:
        wait(f"http://127.0.0.1:{p_ours}/-/health")
        wait(f"http://127.0.0.1:{p_native}/query?query=ASK%7B%7D")
        queries = named_queries()
        for name in QUESTIONS:
            q = urllib.parse.quote(queries[name].sparql)
            for c in CONCURRENCY:
                ours = wrk(f"http://127.0.0.1:{p_ours}/sparql?query={q}", c, args.seconds)
                native = wrk(f"http://127.0.0.1:{p_native}/query?query={q}", c, args.seconds)
                lines.append(f"| {name} | {c} | {ours[0]:.0f} | {native[0]:.0f} | {ours[0] / native[0]:.2f} | "
                             f"{ours[1]:.1f} / {ours[2]:.1f} | {native[1]:.1f} / {native[2]:.1f} |")
                print(lines[-1], flush=True)
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
