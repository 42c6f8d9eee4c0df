"""Results streamed through the caps, slow readers, and what ``/-/health`` says, against a real
``kgbuild serve`` on 127.0.0.1 (its native engine included)."""

from __future__ import annotations

import json
import os
import signal
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import quote, urlsplit

import httpx
import pytest

from conftest import EXAMPLES, start_server, stop_server
from kgbuild.build import build
from kgbuild.store import Store

PAIRS = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f }"  # 30 million rows over the samples: more than any cap
CROSS = "SELECT (COUNT(*) AS ?n) WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i }"  # runs until it is stopped


def _store(folder: Path) -> Path:
    path = folder / "kg"
    store = Store.open(path)
    build([EXAMPLES], store)
    store.flush()
    del store
    return path


def _rss(pid: int) -> int:
    return int(Path(f"/proc/{pid}/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")


def _health(url: str) -> dict:
    return httpx.get(url + "/-/health", timeout=5).json()


class _Peak:
    """The largest resident size of a process while it runs, read every 20 ms."""

    def __init__(self, pid: int) -> None:
        self.pid, self.peak, self.stop = pid, _rss(pid), threading.Event()
        self.thread = threading.Thread(target=self._run, daemon=True)
        self.thread.start()

    def _run(self) -> None:
        while not self.stop.wait(0.02):
            self.peak = max(self.peak, _rss(self.pid))

    def done(self) -> int:
        self.stop.set()
        self.thread.join()
        return self.peak


def _request(url: str, query: str, *, receive_buffer: int | None = None) -> socket.socket:
    where = urlsplit(url)
    sock = socket.socket()
    if receive_buffer:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_RCVBUF, receive_buffer)
    sock.connect((where.hostname, where.port))
    sock.sendall(f"GET /sparql?query={quote(query)} HTTP/1.1\r\nHost: x\r\n"
                 "Accept: application/sparql-results+json\r\n\r\n".encode())
    return sock


def _read_chunked(sock: socket.socket) -> tuple[bytes, bytes, dict[str, str]]:
    """(head, body, trailers) of a chunked answer, read to its end."""
    stream = sock.makefile("rb")
    head = b""
    while not head.endswith(b"\r\n\r\n"):
        head += stream.readline()
    assert b"transfer-encoding: chunked" in head.lower()
    body = bytearray()
    while True:
        size = int(stream.readline().split(b";")[0], 16)
        if size == 0:
            break
        body += stream.read(size)
        assert stream.read(2) == b"\r\n"
    trailers = {}
    while (line := stream.readline()) not in (b"\r\n", b""):
        name, _, value = line.decode().partition(":")
        trailers[name.strip().lower()] = value.strip()
    return head, bytes(body), trailers


@pytest.fixture(scope="module")
def streaming(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, int]]:
    path = _store(tmp_path_factory.mktemp("streaming"))
    proc, url = start_server(path, "--timeout", "8", "--max-rows", "100000000", "--max-bytes", "64")
    try:
        yield url, proc.pid
    finally:
        stop_server(proc)


def test_a_huge_result_streams_through_and_stops_at_the_byte_cap(streaming: tuple[str, int]) -> None:
    url, pid = streaming
    httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10)
    peak = _Peak(pid)
    with _request(url, PAIRS) as sock:
        head, body, trailers = _read_chunked(sock)
    grew = peak.done() - _rss(pid)
    assert head.startswith(b"HTTP/1.1 200")
    rows = json.loads(body)["results"]["bindings"]  # cut at a whole row, still a valid document
    assert 60 << 20 < len(body) <= (64 << 20) + 3
    assert trailers["kgbuild-truncated"] == f"true; rows={len(rows)}"
    assert grew < 24 << 20, f"the front held {grew >> 20} MiB of a 64 MiB result"


def test_a_client_that_stops_reading_loses_its_answer_not_the_engine(streaming: tuple[str, int]) -> None:
    url, pid = streaming
    engine = _health(url)["engine"]["pid"]
    before = _rss(pid)
    with _request(url, PAIRS, receive_buffer=4096) as sock:
        time.sleep(1.0)  # the engine writes until the client's buffers are full, then waits
        health = _health(url)
        assert health["requests_running"] == 1 and health["status"] == "ok"  # a slow client is not a stuck engine
        assert httpx.get(url + "/sparql", params={"query": "ASK {}"}, timeout=10).json()["boolean"] is True
        for _ in range(120):  # past the deadline (8.5 s) the read is dropped
            if _health(url)["requests_running"] == 0:
                break
            time.sleep(0.1)
        assert _health(url)["requests_running"] == 0
        sock.settimeout(5)
        received = b""
        with pytest.raises((ConnectionError, TimeoutError)):  # the answer ends without its last chunk
            while chunk := sock.recv(1 << 20):
                received += chunk
            raise ConnectionError("closed")
        assert not received.endswith(b"0\r\n\r\n")
    assert _health(url)["engine"]["pid"] == engine  # the engine was not replaced for a slow client
    assert _rss(pid) - before < 24 << 20


@pytest.fixture(scope="module")
def narrow(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    path = _store(tmp_path_factory.mktemp("narrow"))
    proc, url = start_server(path, "--timeout", "4", "--workers", "2")
    try:
        yield url
    finally:
        stop_server(proc)


def test_health_says_busy_when_every_engine_slot_is_taken(narrow: str) -> None:
    answers: list[int] = []
    threads = [threading.Thread(target=lambda: answers.append(httpx.post(
        narrow + "/sparql", content=CROSS, headers={"Content-Type": "application/sparql-query"}, timeout=20).status_code))
        for _ in range(2)]
    for t in threads:
        t.start()
    time.sleep(1.0)
    r = httpx.get(narrow + "/-/health", timeout=5)
    assert r.status_code == 200 and r.json()["status"] == "busy" and r.json()["engine"]["running"] == 2
    for t in threads:
        t.join()
    assert answers == [503, 503]
    for _ in range(50):
        if _health(narrow)["status"] == "ok":
            break
        time.sleep(0.1)
    assert _health(narrow)["status"] == "ok"


def test_health_says_stuck_when_the_engine_stops_working(narrow: str) -> None:
    engine = _health(narrow)["engine"]["pid"]
    answers: list[httpx.Response] = []
    os.kill(engine, signal.SIGSTOP)  # frozen: alive, listening, doing nothing
    try:
        thread = threading.Thread(target=lambda: answers.append(httpx.get(
            narrow + "/sparql", params={"query": "ASK {}"}, timeout=20)))
        thread.start()
        time.sleep(2.8)
        r = httpx.get(narrow + "/-/health", timeout=5)
        assert r.status_code == 503 and r.json()["status"] == "stuck"
        assert r.json()["engine"]["seconds_without_progress"] >= 2
    finally:
        os.kill(engine, signal.SIGCONT)
    thread.join()
    assert answers[0].status_code == 200  # it woke up before the deadline: the waiting query is answered
    assert _health(narrow)["status"] == "ok"
