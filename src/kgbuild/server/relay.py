"""Reads answered by the query engine and relayed to the client as the engine writes them.

One :class:`Relay` per read (a SPARQL query, a Graph Store GET): it takes a kept-alive
connection to the engine from the engine's :class:`Pool`, writes the request prepared by the
gate, and passes the answer on through the row and byte caps (:class:`.cut.Cutter`).  What a
request holds in this process is bounded by construction: a result is sent whole (with its
``Content-Length`` and, when cut, the ``Kgbuild-Truncated`` header) while it is under
:data:`STREAM_AFTER`; beyond that it is streamed (chunked), the engine read only while the
client keeps up (:data:`.front.HIGH_WATER`), and a cut signalled by the ``Kgbuild-Truncated`` trailer
and, in the formats that have comments (XML, N-Triples, N-Quads), a last comment.  Graph formats
that cannot be cut as they stream (Turtle, RDF/XML, JSON-LD, TriG) are gathered up to the byte cap
and cut by the store layer.

Callbacks, not a coroutine per request: a cheap query costs the front a few tens of
microseconds, and tasks, futures and timers per request were a large part of that.  Deadlines
are checked by the gate's sweep every :data:`.gate.SWEEP_S`.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from typing import TYPE_CHECKING

import httptools

from .cut import FORMATS, Cutter
from .front import Answer, spawn

if TYPE_CHECKING:
    from .engine import Engine
    from .front import Connection
    from .gate import Gate

STREAM_AFTER = 1 << 20  # a result up to this size is sent whole; a larger one is streamed
ERROR_MAX = 64 << 10  # of an error message from the engine
# The engine writes a result in chunks of about 1 KB, and each read of one cost the front ~25 µs of
# CPU (2 ms for a 127 KB result): from the third read of an answer on, reading waits this long first.
GATHER_AFTER = 3
GATHER_S = 0.001
_OK = b"HTTP/1.1 200 OK\r\n"
_CANCELLED = b"The SPARQL operation has been cancelled"
# what bounds the count of rows in each format from above, cheaply (JSON: also counts any in strings)
_ROW_ENDS = {"application/sparql-results+json": b"},{", "application/sparql-results+xml": b"</result>",
             "text/csv": b"\r\n"}
_HOP = {b"connection", b"keep-alive", b"transfer-encoding", b"te", b"upgrade", b"content-length",
        b"proxy-connection", b"trailer", b"server"}


class Link(asyncio.Protocol):
    """One kept-alive connection to the engine; its answers go to the relay it carries."""

    def __init__(self, pool: Pool) -> None:
        self.pool = pool
        self.transport: asyncio.Transport | None = None
        self.relay: Relay | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.closed = False
        self.partial = False  # the parser is in the middle of an answer
        self.reads = 0  # reads of the answer so far

    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        relay = self.relay
        if relay is not None and not self.partial and data.startswith(_OK) and self._whole(relay, data):
            return
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError:
            self.drop()
            relay, self.relay = self.relay, None
            if relay is not None:
                relay.engine_lost()
            return
        if self.partial:
            self.reads += 1
            if self.reads >= GATHER_AFTER and self.relay is not None and self.transport is not None:
                self.transport.pause_reading()  # let the engine's small chunks pile up: one read for many
                asyncio.get_running_loop().call_later(GATHER_S, self._gathered)

    def _gathered(self) -> None:
        relay = self.relay
        if not self.closed and self.transport is not None and not (relay is not None and relay.conn.paused):
            self.transport.resume_reading()

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.pool.forget(self)
        relay, self.relay = self.relay, None
        if relay is not None:
            relay.engine_lost()

    def _whole(self, relay: Relay, data: bytes) -> bool:
        """A whole 200 answer with a length in ``data`` (the common case of a small result), read without
        the parser: False leaves it to the parser."""
        end = data.find(b"\r\n\r\n")
        at = data.find(b"\r\ncontent-length: ", 0, end)
        if end < 0 or at < 0 or data.find(b"\r\ntransfer-encoding", 0, end) >= 0:
            return False
        stop = data.find(b"\r\n", at + 18)
        length = data[at + 18: stop]
        if not length.isdigit() or len(data) != end + 4 + int(length):
            return False
        type_at = data.find(b"\r\ncontent-type: ", 0, end)
        media = data[type_at + 16: data.find(b"\r\n", type_at + 16)] if type_at >= 0 else b""
        self.relay = None
        if data.find(b"\r\nconnection: close", 0, end) >= 0:
            self.drop()
        else:
            self.pool.release(self)
        relay.whole(media, data[end + 4:])
        return True

    def drop(self) -> None:
        """Close without waiting for the rest (the engine stops writing, and evaluating, when its client goes)."""
        self.closed = True
        self.relay = None
        if self.transport is not None:
            self.transport.close()

    # httptools
    def on_message_begin(self) -> None:
        self.partial = True
        self.reads = 0

    def on_header(self, name: bytes, value: bytes) -> None:
        if self.relay is not None:
            self.relay.headers.append((name.lower(), value))

    def on_headers_complete(self) -> None:
        if self.relay is not None:
            self.relay.begin(self.parser.get_status_code())

    def on_body(self, body: bytes) -> None:
        if self.relay is not None:
            self.relay.body(body)

    def on_message_complete(self) -> None:
        self.partial = False
        relay, self.relay = self.relay, None
        if not self.closed and self.parser.should_keep_alive():
            self.pool.release(self)
        elif not self.closed:
            self.drop()
        if relay is not None:
            relay.complete()


class Pool:
    """Connections to one engine, at most ``size`` busy; relays beyond that wait their turn."""

    def __init__(self, port: int, size: int) -> None:
        self.port = port
        self.size = size
        self.idle: list[Link] = []
        self.open = 0  # links open or being opened
        self.waiting: deque[Relay] = deque()

    def acquire(self, relay: Relay) -> None:
        while self.idle:
            link = self.idle.pop()
            if not link.closed:
                relay.attach(link)
                return
        if self.open < self.size:
            self.open += 1
            spawn(self._connect(relay))
        else:
            self.waiting.append(relay)

    async def _connect(self, relay: Relay) -> None:
        try:
            _, link = await asyncio.get_running_loop().create_connection(lambda: Link(self), "127.0.0.1", self.port)
        except OSError:
            self.open -= 1
            relay.engine_lost()
            return
        relay.attach(link)  # type: ignore[arg-type]

    def release(self, link: Link) -> None:
        while self.waiting:
            relay = self.waiting.popleft()
            if not relay.over:
                relay.attach(link)
                return
        self.idle.append(link)

    def forget(self, link: Link) -> None:
        self.open -= 1
        if link in self.idle:
            self.idle.remove(link)
        while self.waiting and self.open < self.size:
            relay = self.waiting.popleft()
            if not relay.over:
                self.acquire(relay)

    def close(self) -> None:
        for link in self.idle:
            link.drop()
        self.idle.clear()


class Relay:
    """One read, from the engine's connection to the client's."""

    __slots__ = ("cache_key", "conn", "cutter", "deadline", "engine", "gate", "gathered", "headers", "key", "link", "over",
                 "pending", "pool", "request", "retried", "size", "started", "status", "streaming")

    def __init__(self, gate: Gate, conn: Connection, request: bytes, key: str) -> None:
        self.gate = gate
        self.conn = conn
        self.request = request
        self.key = key
        self.started = time.monotonic()
        self.deadline = self.started + gate.config.timeout_s + gate.grace_s
        self.engine: Engine | None = None
        self.pool: Pool | None = None
        self.link: Link | None = None
        self.retried = False
        self.over = False  # answered (or given up): later callbacks are ignored
        self.streaming = False
        self.cache_key: tuple[str, bytes | None] | None = None  # where the gate keeps this answer, if it may
        self._reset()

    def _reset(self) -> None:
        self.status = 0
        self.headers: list[tuple[bytes, bytes]] = []
        self.cutter: Cutter | None = None
        self.pending: list[bytes] = []
        self.size = 0
        self.gathered: bytearray | None = None  # an error message, or a graph to cut once whole

    # -- the engine side ----------------------------------------------------------------------
    def start(self) -> None:
        engine = self.gate.supervisor.ready()
        if engine is None:
            spawn(self._wait_for_engine())
        else:
            self._go(engine)

    async def _wait_for_engine(self) -> None:
        try:
            engine = await asyncio.wait_for(self.gate.supervisor.engine(),
                                            timeout=max(self.deadline - time.monotonic(), 0.01))
        except TimeoutError:  # its time went by while the engine was being replaced
            if not self.over:
                self.fail(self.gate.too_slow())
            return
        if not self.over:
            self._go(engine)

    def _go(self, engine: Engine) -> None:
        self.engine = engine
        engine.inflight += 1
        self.gate.running[self] = self.started
        self.pool = self.gate.pool(engine)
        self.pool.acquire(self)

    def attach(self, link: Link) -> None:
        if self.over or link.closed or link.transport is None:
            if not link.closed and self.pool is not None:
                self.pool.release(link)
            elif not self.over:
                self.engine_lost()
            return
        self.link = link
        link.relay = self
        link.transport.write(self.request)

    def begin(self, status: int) -> None:
        self.status = status
        if status != 200:
            self.gathered = bytearray()
            return
        media = self._media()
        if media in FORMATS:
            self.cutter = Cutter(media, self.gate.config.max_rows, self.gate.config.max_bytes)
        else:
            self.gathered = bytearray()

    def _media(self) -> str:
        for name, value in self.headers:
            if name == b"content-type":
                return value.split(b";")[0].strip().decode("latin-1").lower()
        return ""

    def body(self, data: bytes) -> None:
        cutter = self.cutter
        if cutter is None:
            assert self.gathered is not None
            limit = ERROR_MAX if self.status != 200 else self.gate.config.max_bytes
            if len(self.gathered) + len(data) > limit:
                if self.status != 200:
                    self.gathered += data[: limit - len(self.gathered)]
                    self._stop_reading()
                    self._answer_whole()
                    return
                self._stop_reading()
                self.fail(self.gate.too_large())
                return
            self.gathered += data
            return
        out = cutter.feed(data)
        if out is None:
            self._stop_reading()
            self.fail(self.gate.too_large())
            return
        if out:
            if self.streaming:
                self.conn.send(out)
            else:
                self.pending.append(out)
                self.size += len(out)
                if self.size > STREAM_AFTER:
                    self._start_stream()
        if cutter.done:
            self._stop_reading()
            self._end()

    def whole(self, media: bytes, body: bytes) -> None:
        """A whole answer, small enough to have come at once: sent as it is unless a cap may cut it."""
        if self.over:
            return
        config = self.gate.config
        kind = media.split(b";")[0].strip().decode("latin-1").lower()
        self.headers = [(b"content-type", media)]
        if kind in FORMATS and (len(body) > config.max_bytes or body.count(_ROW_ENDS.get(kind, b"\n")) >= config.max_rows):
            self.status = 200
            self.cutter = Cutter(kind, config.max_rows, config.max_bytes)
            out = self.cutter.feed(body)
            if out is None:
                self.fail(self.gate.too_large())
                return
            self.pending.append(out)
            if not self.cutter.done:
                self.complete()
            else:
                self._end()
            return
        if body.endswith(_CANCELLED):
            self.fail(self.gate.too_slow())
            return
        self._finish(200, body, [(b"content-type", media), (b"vary", b"Accept")])

    def complete(self) -> None:
        """The engine sent the whole answer."""
        if self.over:
            return
        if self.cutter is None:
            self._answer_whole()
            return
        out = self.cutter.finish()
        if out is None:  # cancelled inside the engine
            if self.streaming:
                self._abort()
            else:
                self.fail(self.gate.too_slow())
            return
        if self.streaming:
            self.conn.send(out)
        else:
            self.pending.append(out)
        self._end()

    def engine_lost(self) -> None:
        """The engine closed the connection before the whole answer: retried once if nothing was sent."""
        if self.over:
            return
        engine = self.engine
        self.link = None
        if self.streaming or engine is None:
            self._abort()
            return
        answer, retry = self.gate.engine_failed(engine, self.key, self.retried)
        self._leave()
        if not retry:
            assert answer is not None
            self.fail(answer)
            return
        self.retried = True
        self._reset()
        self.start()

    def client_gone(self) -> None:
        """The client closed its connection: stop the engine's work on it too."""
        if not self.over:
            self._stop_reading()
            self._leave()
            self.over = True

    def _stop_reading(self) -> None:
        if self.link is not None:
            self.link.drop()
            self.link = None

    # -- the deadline ---------------------------------------------------------------------------
    def expire(self) -> None:
        """Past the deadline: a client that stopped reading loses its answer; an engine still
        working on it is replaced (which stops the query)."""
        if self.over:
            return
        engine = self.engine
        if self.link is None:  # still waiting for a connection or for an engine
            self.fail(self.gate.too_slow())
            return
        slow_client = self.streaming and self.conn.paused
        link = self.link
        self.link = None
        link.drop()
        if self.streaming:
            self._abort()
        else:
            self.fail(self.gate.too_slow())
        if not slow_client and engine is not None:
            self.gate.engine_overdue(engine)

    # -- the client side ------------------------------------------------------------------------
    def pause(self) -> None:
        if self.link is not None and self.link.transport is not None:
            self.link.transport.pause_reading()

    def resume(self) -> None:
        if self.link is not None and self.link.transport is not None:
            self.link.transport.resume_reading()

    def _head(self) -> list[tuple[bytes, bytes]]:
        headers = [(k, v) for k, v in self.headers if k not in _HOP]
        headers.append((b"vary", b"Accept"))
        return headers

    def _start_stream(self) -> None:
        self.streaming = True
        self.conn.start_stream(200, [*self._head(), (b"trailer", b"Kgbuild-Truncated")])
        self.conn.send(b"".join(self.pending))
        self.pending = []

    def _end(self) -> None:
        cutter = self.cutter
        assert cutter is not None
        truncated = [(b"kgbuild-truncated", f"true; rows={cutter.rows}".encode())] if cutter.reason else []
        if self.streaming:
            self._leave()
            self.over = True
            self.conn.end_stream(truncated)
            return
        headers = self._head()
        if truncated:
            headers += [*truncated, (b"warning", f'199 kgbuild "result truncated to the first {cutter.rows} rows '
                                                 f'({cutter.reason})"'.encode())]
        self._finish(200, b"".join(self.pending), headers)

    def _answer_whole(self) -> None:
        assert self.gathered is not None
        body, self.gathered = bytes(self.gathered), None
        if self.status == 200 and body.endswith(_CANCELLED):
            self.fail(self.gate.too_slow())
            return
        media = self._media()
        if self.status != 200 or not media:
            self._finish(self.status, body, self._head() if self.status == 200 else
                         [(k, v) for k, v in self.headers if k not in _HOP])
            return
        self._leave()
        spawn(self._cut_graph(body, media))

    async def _cut_graph(self, body: bytes, media: str) -> None:
        from ..store import cut_graph

        max_rows = self.gate.config.max_rows
        done = await asyncio.get_running_loop().run_in_executor(None, cut_graph, body, media, max_rows)
        body, rows, truncated = done or (body, -1, False)
        headers = self._head()
        if truncated:
            headers += [(b"kgbuild-truncated", f"true; rows={rows}".encode()),
                        (b"warning", f'199 kgbuild "result truncated to the first {rows} rows (--max-rows)"'.encode())]
        self._finish(200, body, headers)

    def _finish(self, status: int, body: bytes, headers: list[tuple[bytes, bytes]]) -> None:
        if self.cache_key is not None and status == 200 and self.engine is not None:
            self.gate.remember(self.cache_key, self.engine.generation, body, headers)
        self._leave()
        self.over = True
        self.conn.respond(Answer(status, body, None, headers))

    def fail(self, answer: Answer) -> None:
        self._stop_reading()
        self._leave()
        self.over = True
        self.conn.respond(answer)

    def _abort(self) -> None:
        self._stop_reading()
        self._leave()
        self.over = True
        self.conn.abort()

    def _leave(self) -> None:
        """This read no longer counts against its engine."""
        if self.engine is not None:
            self.engine.inflight -= 1
            self.engine = None
        self.gate.running.pop(self, None)
