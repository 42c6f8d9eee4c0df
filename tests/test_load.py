"""Load and abuse of a live endpoint on 127.0.0.1 (marked slow: the second CI step, `pytest -m slow`).

Bounded: one 60 s wrk run of 64 connections, then a few runaway queries against a 1 s timeout.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import threading
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import EXAMPLES, start_server, stop_server
from kgbuild.build import build
from kgbuild.query import named_queries
from kgbuild.store import Store

pytestmark = pytest.mark.slow
RUNAWAY = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"


def _rss_kb(pid: int) -> int:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1])
    return 0


@pytest.fixture(scope="module")
def store_path(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("load") / "kg"
    store = Store.open(path)
    build([EXAMPLES], store)
    store.flush()
    del store
    yield path


def test_64_clients_for_60_seconds_without_errors_in_bounded_memory(store_path: Path) -> None:
    wrk = shutil.which("wrk")
    if not wrk:
        pytest.skip("wrk (Debian package) is not installed; .ci/run installs it")
    proc, url = start_server(store_path)
    try:
        query = urllib.parse.quote(named_queries()["leaders-at-conferences"].sparql)
        subprocess.run([wrk, "-t2", "-c64", "-d5s", f"{url}/sparql?query={query}"], capture_output=True, check=True)
        before = _rss_kb(proc.pid)
        out = subprocess.run([wrk, "-t2", "-c64", "-d60s", "--timeout", "10s", f"{url}/sparql?query={query}"],
                             capture_output=True, text=True, check=True, timeout=120).stdout
        after = _rss_kb(proc.pid)
        assert "Non-2xx" not in out and "Socket errors" not in out, out
        assert int(re.search(r"(\d+) requests in", out).group(1)) > 1000, out
        assert after - before < 100_000, f"server memory grew from {before} kB to {after} kB"
    finally:
        stop_server(proc)


def test_runaway_queries_time_out_while_others_are_served(store_path: Path) -> None:
    proc, url = start_server(store_path, "--timeout", "1", "--workers", "4")
    try:
        statuses: list[int] = []

        def runaway() -> None:
            statuses.append(httpx.get(f"{url}/sparql", params={"query": RUNAWAY}, timeout=30).status_code)

        threads = [threading.Thread(target=runaway) for _ in range(2)]
        for thread in threads:
            thread.start()
        time.sleep(0.3)
        started = time.monotonic()
        cheap = httpx.get(f"{url}/sparql", params={"query": "ASK { ?s ?p ?o }"}, timeout=10)
        assert cheap.status_code == 200 and time.monotonic() - started < 1.0
        for thread in threads:
            thread.join(timeout=30)
        assert statuses == [503, 503]
        assert httpx.get(f"{url}/", timeout=10).status_code == 200
    finally:
        stop_server(proc)
