"""The attacks of the issue "a server that cannot be taken down", against a real ``kgbuild serve`` on 127.0.0.1.

Each is bounded to a few seconds: the servers run with ``--timeout 1``.
"""

from __future__ import annotations

import contextlib
import http.server
import os
import random
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from conftest import EXAMPLES, start_server, stop_server
from kgbuild.build import build
from kgbuild.settings import setting
from kgbuild.store import Store

CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"
PATH = "SELECT (COUNT(*) AS ?n) WHERE { ?a (<urn:p>|^<urn:p>|!<urn:p>|^!<urn:p>)* ?b }"
CONCAT = ("SELECT ?y WHERE { ?a ?b ?x . ?c ?d ?e . BIND(CONCAT(STR(?x), STR(?x), STR(?x), STR(?x), STR(?x)) AS ?y) }")
ARTICLES = "SELECT (COUNT(*) AS ?n) WHERE { ?a a <https://w3id.org/kgbuild/ontology#Article> }"
QUERY = {"Content-Type": "application/sparql-query"}


def _store(folder: Path, *sources: Path) -> Path:
    path = folder / "kg"
    store = Store.open(path)
    build(list(sources), store)
    store.flush()
    del store
    return path


def _tree(pid: int) -> list[int]:
    """``pid`` and its descendants."""
    out = subprocess.run(["ps", "-e", "-o", "pid=,ppid="], capture_output=True, text=True, check=True).stdout
    pairs = [tuple(map(int, line.split())) for line in out.splitlines() if line.strip()]
    found = {pid}
    grew = True
    while grew:
        grew = False
        for child, parent in pairs:
            if parent in found and child not in found:
                found.add(child)
                grew = True
    return sorted(found)


def _rss(pid: int) -> int:
    total = 0
    for p in _tree(pid):
        with contextlib.suppress(OSError, IndexError):
            total += int(Path(f"/proc/{p}/statm").read_text().split()[1]) * 4096
    return total


def _cpu(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / 100


def _engine_pid(url: str) -> int:
    return int(httpx.get(url + "/-/health", timeout=5).json()["engine"]["pid"])


@pytest.fixture(scope="module")
def served(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    path = _store(tmp_path_factory.mktemp("attacks"), EXAMPLES)
    proc, url = start_server(path, "--timeout", "1", "--header-timeout", "1", "--max-rows", "1000")
    try:
        yield url, proc.pid
    finally:
        stop_server(proc)


_CLIENT = httpx.Client(timeout=10)


def _ask_ms(url: str, tries: int = 5) -> float:
    """The fastest of a few ``ASK {}`` on a kept-alive connection (the machine may be busy with other work)."""
    best = float("inf")
    for _ in range(tries):
        start = time.perf_counter()
        r = _CLIENT.get(url + "/sparql", params={"query": "ASK {}"})
        assert r.status_code == 200 and r.json()["boolean"] is True
        best = min(best, (time.perf_counter() - start) * 1000)
    return best


@pytest.mark.parametrize("query", [
    "SELECT * WHERE " + "{" * 3000 + "}" * 3000,
    "SELECT (" + "+".join(["1"] * 20_000) + " AS ?x) {}",
    "SELECT * WHERE { " + " ".join(f"?s{i} ?p{i} ?o{i} ." for i in range(20_000)) + "}",
], ids=["nesting", "plus-chain", "long-bgp"])
def test_queries_that_crash_the_engine_cost_one_request(served: tuple[str, int], query: str) -> None:
    url, _ = served
    engine = _engine_pid(url)
    r = httpx.post(url + "/sparql", content=query, headers=QUERY, timeout=10)
    assert r.status_code == 400 and r.text.count("\n") == 1 and "at most" in r.text
    form = httpx.post(url + "/sparql", data={"query": query}, timeout=10)  # as a form from any web page
    assert form.status_code == 400
    assert _engine_pid(url) == engine and _ask_ms(url) < 100


def test_four_runaway_queries_stop_and_cheap_ones_stay_fast(served: tuple[str, int]) -> None:
    url, pid = served
    before = _rss(pid)
    answers: list[httpx.Response] = []

    def run() -> None:
        answers.append(httpx.post(url + "/sparql", content=CROSS, headers=QUERY, timeout=20))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.3)
    during = [_ask_ms(url, tries=1) for _ in range(3)]
    for t in threads:
        t.join()
    assert [a.status_code for a in answers] == [503] * 4 and all("--timeout" in a.text for a in answers)
    assert max(during) < 500, during  # answered while the runaways run
    time.sleep(0.5)
    engine = _engine_pid(url)
    spent = _cpu(engine)
    time.sleep(1)
    assert _cpu(engine) - spent < 0.2, "the stopped queries' CPU came back"
    assert _ask_ms(url) < 100
    assert _rss(pid) < before * 1.2
    health = httpx.get(url + "/-/health", timeout=5).json()
    assert health["status"] == "ok" and health["engine_replacements"] >= 1


@pytest.mark.parametrize("query", [PATH, CONCAT], ids=["path", "concat"])
def test_memory_comes_back_after_a_heavy_query(served: tuple[str, int], query: str) -> None:
    url, pid = served
    before = _rss(pid)
    r = httpx.post(url + "/sparql", content=query, headers=QUERY, timeout=20)
    assert r.status_code in (200, 503)
    if r.status_code == 200:  # the concatenation is cut at the row cap, and says so
        assert r.headers["kgbuild-truncated"] == "true; rows=1000"
        assert len(r.json()["results"]["bindings"]) == 1000
    time.sleep(1.5)
    assert _rss(pid) < before * 1.2 and _ask_ms(url) < 100


class _Listener:
    """An HTTP server on 127.0.0.1 that counts the requests that reach it."""

    def __init__(self) -> None:
        hits = self.hits = []

        class Handler(http.server.BaseHTTPRequestHandler):
            def _hit(self) -> None:
                hits.append(self.path)
                self.send_response(200)
                self.send_header("Content-Type", "application/sparql-results+json")
                self.end_headers()
                self.wfile.write(b'{"head":{"vars":[]},"results":{"bindings":[{}]}}')

            do_GET = do_POST = _hit

            def log_message(self, *args: object) -> None:
                return None

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def close(self) -> None:
        self.server.shutdown()


def service_variants(port: int, count: int, seed: int = 12) -> list[str]:
    """SERVICE calls to the listener, written every way SPARQL allows: case, comments, prefixes, escapes."""
    rng = random.Random(seed)
    keyword = ["SERVICE", "service", "Service", "sErViCe", "SERVICE SILENT", "service silent"]
    iri = [f"<http://127.0.0.1:{port}/sparql>", "spy:sparql", "spy:", f"<http://127.0.0.1:{port}/\\u0073parql>",
           f"<http://127.0.0.1:{port}/sp%61rql>", "?endpoint"]
    gaps = [" ", "\n", "\t", " # a comment\n", "\r\n  ", "#\n"]
    wrap = ["{}", "{{ OPTIONAL {{ ?a e:q\\' ?b }} {} }}", "{{ {{ ?s ?p ?o }} UNION {} }}",
            "{{ FILTER EXISTS {} }}", "{{ {{ SELECT * WHERE {} }} }}", "{{ MINUS {} }}",
            "{{ GRAPH ?g {} }}", "{{ OPTIONAL {} }}", "{{ ?s ?p \"SERVICE\" . {} }}"]
    out = []
    for _ in range(count):
        g = rng.choice(gaps)
        call = f"{rng.choice(keyword)}{g}{rng.choice(iri)}{rng.choice(gaps)}{{ ?x ?y ?z }}"
        body = rng.choice(wrap).format(call)
        values = f" VALUES ?endpoint {{ <http://127.0.0.1:{port}/sparql> }}" if "?endpoint" in call else ""
        prologue = f"PREFIX e: <urn:e#>{g}PREFIX spy: <http://127.0.0.1:{port}/>{g}"
        select = rng.choice(["SELECT * WHERE", "select *", "SELECT ?x WHERE", "ASK", "CONSTRUCT { ?x ?y ?z } WHERE"])
        out.append(f"{prologue}{select} {body}{values}")
    return out


def test_no_service_call_reaches_a_listener(served: tuple[str, int]) -> None:
    url, _ = served
    listener = _Listener()
    try:
        for n, query in enumerate(service_variants(listener.port, 90)):
            if n % 3 == 0:
                r = httpx.get(url + "/sparql", params={"query": query}, timeout=10)
            elif n % 3 == 1:
                r = httpx.post(url + "/sparql", content=query, headers=QUERY, timeout=10)
            else:
                r = httpx.post(url + "/sparql", data={"query": query}, timeout=10)
            assert r.status_code in (400, 403), (query, r.status_code, r.text)
        assert listener.hits == []
        # the word alone is no reason to refuse: in a string, an IRI or a comment it is data
        for harmless in ['SELECT ("service" AS ?x) {}', "SELECT * { ?s <urn:service> ?o } # SERVICE <http://x/>"]:
            assert httpx.get(url + "/sparql", params={"query": harmless}, timeout=10).status_code == 200
    finally:
        listener.close()


def test_http_hygiene(served: tuple[str, int]) -> None:
    url, _ = served
    page = httpx.get(url + "/org/lien-doan-lao-dong-tinh-binh-dinh", timeout=10)
    for r in (page, httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10)):
        assert r.headers["x-content-type-options"] == "nosniff"
        assert "frame-ancestors 'none'" in r.headers["content-security-policy"]
        assert "script-src 'self'" in r.headers["content-security-policy"]
    assert "<script>" not in page.text, "no inline script: the CSP forbids them"
    for path in ("/org/%ff%fe", "/org/%zz", "/org/a%00b", "/org/a%0Ab", "/store?graph=%ff", "/sparql?query=%ff",
                 "/store?graph=not%20an%20iri"):
        r = httpx.get(url + path, timeout=10)
        assert r.status_code in (400, 404), (path, r.status_code, r.text)
        assert "Traceback" not in r.text and r.text.count("\n") <= 1
    for path in ("/sparql", "/.well-known/void"):
        r = httpx.get(url + path, headers={"Host": "evil.example", "Accept": "text/turtle"}, timeout=10)
        assert r.status_code == 200 and "evil.example" not in r.text and url in r.text


def test_slow_clients_are_disconnected(served: tuple[str, int]) -> None:
    url, _ = served
    host, port = url.removeprefix("http://").split(":")
    with socket.create_connection((host, int(port)), timeout=5) as sock:
        sock.sendall(b"GET /sparql?query=ASK%7B%7D HTTP/1.1\r\nHost: x\r\n")  # and never the end of the headers
        start = time.monotonic()
        assert sock.recv(100) == b""  # closed by the server
        assert time.monotonic() - start < 3
    assert _ask_ms(url) < 100


def test_article_links_are_web_addresses_only(tmp_path: Path) -> None:
    """A source URL the reader would refuse, written straight into a graph (a hand-made file, an update)."""
    path = _store(tmp_path, EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt")
    article = setting("base_iri") + "article/tuyen-duong-ldld-binh-dinh"
    store = Store.open(path)
    store.replace_graph(setting("base_iri") + "graph/link-trap", [
        f"<{article}> <https://w3id.org/kgbuild/ontology#sourceUrl> <javascript:alert(document.domain)> ."])
    store.flush()
    del store
    proc, url = start_server(path)
    try:
        page = httpx.get(url + "/article/tuyen-duong-ldld-binh-dinh", timeout=10)
        assert page.status_code == 200 and "javascript:alert" in page.text  # shown as text
        assert 'href="javascript:' not in page.text.replace("'", '"')
    finally:
        stop_server(proc)


@pytest.fixture(scope="module")
def writable(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = _store(tmp_path_factory.mktemp("writable"), EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt")
    proc, url = start_server(path, "--allow-update", "--token", "s3cret", "--timeout", "1")
    try:
        yield url
    finally:
        stop_server(proc)


def test_update_past_its_limit_is_not_applied(writable: str) -> None:
    url = writable
    auth = {"Authorization": "Bearer s3cret", "Content-Type": "application/sparql-update"}
    slow = ("INSERT { <urn:kgbuild:late> <urn:kgbuild:count> ?n } WHERE { SELECT (COUNT(*) AS ?n) "
            "WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } }")
    r = httpx.post(url + "/sparql", content=slow, headers=auth, timeout=20)
    assert r.status_code == 503 and "not" in r.text and "applied" in r.text
    time.sleep(2.5)
    ask = httpx.get(url + "/sparql", params={"query": "ASK { <urn:kgbuild:late> ?p ?o }"}, timeout=10)
    assert ask.status_code == 200 and ask.json()["boolean"] is False
    fast = "INSERT DATA { <urn:kgbuild:a> <urn:kgbuild:b> 1 }"
    assert httpx.post(url + "/sparql", content=fast, headers={**auth, "Authorization": "bearer s3cret"},
                      timeout=10).status_code == 204
    assert httpx.get(url + "/sparql", params={"query": "ASK { <urn:kgbuild:a> ?p 1 }"}, timeout=10).json()["boolean"]


def test_401_names_the_scheme_and_load_is_refused(writable: str) -> None:
    url = writable
    update = {"Content-Type": "application/sparql-update"}
    r = httpx.post(url + "/sparql", content="CLEAR DEFAULT", headers=update, timeout=10)
    assert r.status_code == 401 and r.headers["www-authenticate"].startswith("Bearer")
    listener = _Listener()
    try:
        for load in (f"LOAD <http://127.0.0.1:{listener.port}/x.ttl>", f"load silent <http://127.0.0.1:{listener.port}/x>",
                     f"PREFIX s: <http://127.0.0.1:{listener.port}/>\nLoad # c\n s:x INTO GRAPH <urn:g>",
                     f"INSERT {{ ?x ?y ?z }} WHERE {{ SERVICE <http://127.0.0.1:{listener.port}/> {{ ?x ?y ?z }} }}"):
            r = httpx.post(url + "/sparql", content=load, headers={**update, "Authorization": "Bearer s3cret"},
                           timeout=10)
            assert r.status_code in (400, 403), (load, r.text)
        assert listener.hits == []
    finally:
        listener.close()


def test_build_into_a_served_store(tmp_path: Path) -> None:
    path = _store(tmp_path, EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt")
    proc, url = start_server(path)
    failures: list[int] = []
    stop = threading.Event()

    def hammer() -> None:
        while not stop.is_set():
            r = httpx.get(url + "/sparql", params={"query": ARTICLES}, timeout=10)
            if r.status_code != 200:
                failures.append(r.status_code)

    def articles() -> int:
        r = httpx.get(url + "/sparql", params={"query": ARTICLES}, timeout=10)
        return int(r.json()["results"]["bindings"][0]["n"]["value"])

    try:
        assert articles() == 1
        client = threading.Thread(target=hammer)
        client.start()
        done = subprocess.run([sys.executable, "-m", "kgbuild.cli", "build", str(EXAMPLES), "--store", str(path), "-q",
                               "--no-validate"], capture_output=True, text=True, timeout=120)
        assert done.returncode == 0, done.stderr
        deadline = time.monotonic() + 10
        while articles() == 1 and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(0.5)
        stop.set()
        client.join()
        assert articles() == 16 and failures == []  # every example article, and no failed request
    finally:
        stop.set()
        stop_server(proc)


def test_build_into_a_server_that_needs_a_token(writable: str) -> None:
    url = writable + "/sparql"
    command = [sys.executable, "-m", "kgbuild.cli", "build", str(EXAMPLES / "tong-ket-cdvc-ninh-binh.txt"), "--store", url,
               "-q", "--no-validate"]
    refused = subprocess.run(command, capture_output=True, text=True, timeout=120, env={**os.environ, "KGBUILD_TOKEN": ""})
    assert refused.returncode != 0 and "token" in refused.stderr
    done = subprocess.run([*command, "--token", "s3cret"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    graphs = httpx.get(writable + "/sparql", params={"query": "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"},
                       timeout=10).text
    assert "tong-ket-cdvc-ninh-binh" in graphs


def test_an_engine_past_its_memory_limit_is_replaced(tmp_path: Path) -> None:
    path = _store(tmp_path, EXAMPLES)
    proc, url = start_server(path, "--max-memory", "96", "--timeout", "20")
    try:
        hungry = "SELECT ?a ?b ?c ?d WHERE { ?a ?b ?c . ?d ?e ?f } ORDER BY ?f ?c"  # sorts millions of rows in memory
        start = time.monotonic()
        r = httpx.post(url + "/sparql", content=hungry, headers=QUERY, timeout=30)
        assert r.status_code == 503 and "--max-memory" in r.text, r.text
        assert time.monotonic() - start < 15
        health = httpx.get(url + "/-/health", timeout=5).json()
        assert health["engine"]["memory_mib"] < 96 and "--max-memory" in " ".join(health["events"])
        assert _ask_ms(url) < 100
    finally:
        stop_server(proc)
