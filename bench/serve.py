"""Serving benchmark: kgbuild serve beside the native `oxigraph serve-read-only`, same store, same run.

For every named question and two cheap queries, at 8 and 32 concurrent connections (and 1
with --clients 1,8,32), wrk (Debian's `wrk`) sends GET /sparql?query=... to both servers on
127.0.0.1 for a few seconds; each cell measures kgbuild then the native server straight after,
so the ratio compares like with like on a machine whose load may change (the load average at the start
of each round is printed beside the cell; with --rounds N the median ratio is kept and every round's
ratio shown); rates count successful answers only. Beside the rates: the CPU time the server's
processes (kgbuild: its front and its engine; native: its one process) spent per answer, and their
ratio (native ÷ kgbuild), which is what the rate ratio tends to when the cores are the limit and
which the machine's other load moves much less than the rates (wrk's own rate counts errors too). Needs `wrk` and the
`oxigraph` command (installed with kgbuild).

Usage: python bench/serve.py STORE [--seconds 4] [--clients 8,32] [--rounds 1] [--only ask,roles] [--out results.md]
"""

from __future__ import annotations

import argparse
import json
import os
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

CHEAP = {"ask": "ASK {}", "one-triple": "SELECT * WHERE { ?s ?p ?o } LIMIT 1"}


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait(url: str) -> None:
    for _ in range(600):
        try:
            urllib.request.urlopen(url, timeout=1)
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{url} did not come up")


def cpu_seconds(pids: list[int]) -> float:
    """CPU time (user and system) the processes have used so far."""
    total = 0.0
    for pid in pids:
        try:
            fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
        except OSError:
            continue
        total += (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
    return total


def wrk(url: str, connections: int, seconds: int, pids: list[int]) -> tuple[float, float, float, int, float]:
    """Successful answers per second, p50 and p99 latency in ms, the count of failed answers, and the CPU
    microseconds the server's processes (``pids``) spent per answer."""
    spent = cpu_seconds(pids)
    out = subprocess.run(["wrk", f"-t{min(connections, 2)}", f"-c{connections}", f"-d{seconds}s", "--latency",
                          "-H", "Accept: application/sparql-results+json", url],
                         capture_output=True, text=True, check=False).stdout
    spent = cpu_seconds(pids) - spent
    if "requests in" not in out:  # wrk could not connect at all: the server is down
        return 0.0, 0.0, 0.0, -1, 0.0
    total = int(re.search(r"(\d+) requests in", out).group(1))
    duration = total / float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))
    failed = int(m.group(1)) if (m := re.search(r"Non-2xx or 3xx responses: (\d+)", out)) else 0
    rate = (total - failed) / duration

    def pct(p: str) -> float:
        value, unit = re.search(rf"\s{p}%\s+([\d.]+)(us|ms|s)", out).groups()
        return float(value) * {"us": 0.001, "ms": 1.0, "s": 1000.0}[unit]

    return rate, pct("50"), pct("99"), failed, spent / max(total, 1) * 1e6


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--seconds", type=int, default=4)
    ap.add_argument("--clients", default="8,32")
    ap.add_argument("--rounds", type=int, default=1, help="measure each cell this many times, keep the median ratio")
    ap.add_argument("--out", default=None)
    ap.add_argument("--cached", action="store_true",
                    help="also measure kgbuild with its results cache on (the main figures are without it)")
    ap.add_argument("--only", default=None, help="comma-separated names of the questions to measure (default: all)")
    args = ap.parse_args()
    clients = [int(c) for c in args.clients.split(",")]
    work = Path(tempfile.mkdtemp())
    ours_store, native_store = work / "ours", work / "native"
    shutil.copytree(args.store, ours_store)
    shutil.copytree(args.store, native_store)
    p_ours, p_native = free_port(), free_port()
    oxigraph = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    log = open(work / "serve.log", "w")  # noqa: SIM115
    def native_server() -> subprocess.Popen[bytes]:
        return subprocess.Popen([oxigraph, "serve-read-only", "--location", str(native_store), "--bind",
                                 f"127.0.0.1:{p_native}"], stdout=subprocess.DEVNULL, stderr=log)

    def ours_server(store: Path, port: int, cache: int) -> subprocess.Popen[bytes]:
        return subprocess.Popen([sys.executable, "-m", "kgbuild.cli", "serve", "--store", str(store), "--port", str(port),
                                 "--max-rows", "100000", "--timeout", "30", "--cache", str(cache)], stdout=log, stderr=log)

    servers = [ours_server(ours_store, p_ours, 0), native_server()]
    p_cached = free_port()
    if args.cached:
        cached_store = work / "cached"
        shutil.copytree(args.store, cached_store)
        servers.append(ours_server(cached_store, p_cached, 64))
    native_restarts = 0
    lines = ["| question | clients | kgbuild ok/s | native ok/s | ratio | ratios of the rounds | load average "
             "| CPU µs per answer kgbuild / native | CPU ratio | kgbuild p50 / p99 ms | native p50 / p99 ms "
             "| failed answers kgbuild / native |" + (" cached ok/s | cached ratio |" if args.cached else ""),
             "| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |"
             + (" ---: | ---: |" if args.cached else "")]
    try:
        wait(f"http://127.0.0.1:{p_ours}/-/health")
        wait(f"http://127.0.0.1:{p_native}/query?query=ASK%7B%7D")
        if args.cached:
            wait(f"http://127.0.0.1:{p_cached}/-/health")

        def ours_pids(proc: subprocess.Popen[bytes], port: int) -> list[int]:
            """The front and its engine (the pages app does nothing here)."""
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/-/health", timeout=5) as r:
                return [proc.pid, int(json.load(r)["engine"]["pid"])]
        queries = {name: q.sparql for name, q in named_queries().items()} | CHEAP
        if args.only:
            queries = {name: queries[name] for name in args.only.split(",")}
        for name, sparql in queries.items():
            q = urllib.parse.quote(sparql)
            for c in clients:
                cells, loads = [], []
                for _ in range(args.rounds):
                    loads.append(os.getloadavg()[0])
                    ours = wrk(f"http://127.0.0.1:{p_ours}/sparql?query={q}", c, args.seconds, ours_pids(servers[0], p_ours))
                    native = wrk(f"http://127.0.0.1:{p_native}/query?query={q}", c, args.seconds, [servers[1].pid])
                    if servers[1].poll() is not None:  # the native server fell over: measure again on a new one
                        native_restarts += 1
                        servers[1] = native_server()
                        wait(f"http://127.0.0.1:{p_native}/query?query=ASK%7B%7D")
                        native = wrk(f"http://127.0.0.1:{p_native}/query?query={q}", c, args.seconds, [servers[1].pid])
                    cached = (wrk(f"http://127.0.0.1:{p_cached}/sparql?query={q}", c, args.seconds,
                                  ours_pids(servers[2], p_cached)) if args.cached else None)
                    cells.append((ours[0] / max(native[0], 0.01), ours, native, cached))
                ratio, ours, native, cached = sorted(cells, key=lambda cell: cell[0])[len(cells) // 2]
                spread = " ".join(f"{cell[0]:.2f}" for cell in cells)
                lines.append(f"| {name} | {c} | {ours[0]:.0f} | {native[0]:.0f} | {ratio:.2f} | {spread} | "
                             f"{min(loads):.0f}–{max(loads):.0f} | {ours[4]:.0f} / {native[4]:.0f} | "
                             f"{native[4] / max(ours[4], 0.01):.2f} | "
                             f"{ours[1]:.1f} / {ours[2]:.1f} | {native[1]:.1f} / {native[2]:.1f} | "
                             f"{ours[3]} / {native[3]} |"
                             + (f" {cached[0]:.0f} | {cached[0] / max(native[0], 0.01):.2f} |" if cached else ""))
                print(lines[-1], flush=True)
    finally:
        for proc in servers:
            proc.terminate()
            proc.wait(timeout=20)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    lines.append(f"\nThe native server exited {native_restarts} time(s) during the run and was restarted "
                 "(its cell measured again on the new one).")
    lines.append(f"\n(load average at the end: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")
    if args.out:
        Path(args.out).write_text("\n".join(lines) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
