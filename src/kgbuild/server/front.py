"""The HTTP/1.1 server side of the front: one :class:`Connection` per client.

It parses requests with httptools (C), answers them in order (pipelined requests wait their
turn), and writes answers whole or streamed (chunked, with trailers).  Slow clients are dropped
by the gate's sweep, not by a timer per request: headers must arrive within
``--header-timeout``, a body within :data:`BODY_TIMEOUT_S`, and a kept-alive connection with no
request is closed after :data:`IDLE_TIMEOUT_S`.  Everything an answer carries besides its own
headers (the security headers, CORS) is prepared once.
"""

from __future__ import annotations

import asyncio
import time
from collections import deque
from collections.abc import Coroutine
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import TYPE_CHECKING, Any

import httptools

if TYPE_CHECKING:
    from .gate import Gate
    from .relay import Relay

BODY_TIMEOUT_S = 30.0
IDLE_TIMEOUT_S = 60.0
MAX_HEADER_BYTES = 64 * 1024
HIGH_WATER = 1 << 20  # unsent bytes to a client above which its relay stops reading the engine
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY = [(b"x-content-type-options", b"nosniff"), (b"content-security-policy", CSP.encode()),
            (b"referrer-policy", b"same-origin")]
_SECURITY_NAMES = {k for k, _ in SECURITY}
_STATUS = {s.value: f"HTTP/1.1 {s.value} {s.phrase}\r\n".encode() for s in HTTPStatus}

# the states a connection is in, for the sweep
HEAD, BODY, IDLE, BUSY = 0, 1, 2, 3


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[bytes, bytes]
    body: bytes
    target: bytes = b""
    keep: bool = True

    def header(self, name: bytes) -> str:
        return self.headers.get(name, b"").decode("latin-1")


@dataclass
class Answer:
    status: int
    body: bytes = b""
    media: bytes | None = None
    headers: list[tuple[bytes, bytes]] = field(default_factory=list)


def error(status: int, message: str, *headers: tuple[bytes, bytes]) -> Answer:
    """The one error shape: a status and one plain-text line that says what to do."""
    line = " ".join(message.split())
    return Answer(status, (line + "\n").encode(), b"text/plain; charset=utf-8", list(headers))


class Connection(asyncio.Protocol):
    """One client connection: parse requests, answer them in order, let slow clients go."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.queue: deque[Request | Answer] = deque()
        self.busy = False
        self.current: Request | Answer | None = None
        self.relay: Relay | None = None
        self.paused = False
        self.chunked = False
        self.state = HEAD
        self.since = time.monotonic()
        self.sent = 0
        self.status = 0
        self._new()

    def _new(self) -> None:
        self.url = b""
        self.headers: dict[bytes, bytes] = {}
        self.header_bytes = 0
        self.body: list[bytes] = []
        self.body_size = 0

    # -- asyncio ------------------------------------------------------------------------------
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self.transport.set_write_buffer_limits(high=HIGH_WATER)  # type: ignore[union-attr]
        self.gate.connections.add(self)

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._fail(error(400, "protocol upgrades are not supported"))
        except _TooLarge as err:
            self._fail(err.answer)
        except httptools.HttpParserError as err:  # (a callback's exception arrives wrapped, as its context)
            cause = err.__context__ or err.__cause__
            self._fail(cause.answer if isinstance(cause, _TooLarge) else error(400, "malformed HTTP request"))

    def connection_lost(self, exc: Exception | None) -> None:
        self.transport = None
        self.gate.connections.discard(self)
        if self.relay is not None:
            self.relay.client_gone()
            self.relay = None

    def pause_writing(self) -> None:
        self.paused = True
        if self.relay is not None:
            self.relay.pause()

    def resume_writing(self) -> None:
        self.paused = False
        if self.relay is not None:
            self.relay.resume()

    def expire(self, now: float) -> None:
        """Called by the gate's sweep: close a connection that is too slow to send its request."""
        state = self.state
        if state == BUSY or self.transport is None:
            return
        limit = (self.gate.config.header_timeout_s if state == HEAD else BODY_TIMEOUT_S if state == BODY
                 else IDLE_TIMEOUT_S)
        if now - self.since > limit:
            self.transport.close()

    # -- httptools ----------------------------------------------------------------------------
    def on_message_begin(self) -> None:
        self._new()
        self.state, self.since = HEAD, time.monotonic()

    def on_url(self, url: bytes) -> None:
        self.url += url
        self.header_bytes += len(url)
        if self.header_bytes > MAX_HEADER_BYTES:
            raise _TooLarge(error(414, "the request line is too long: send a long query by POST"))

    def on_header(self, name: bytes, value: bytes) -> None:
        self.header_bytes += len(name) + len(value)
        if self.header_bytes > MAX_HEADER_BYTES:
            raise _TooLarge(error(431, "the request headers are too large"))
        key = name.lower()
        self.headers[key] = self.headers[key] + b", " + value if key in self.headers else value

    def on_headers_complete(self) -> None:
        declared = self.headers.get(b"content-length", b"0")
        if declared.isdigit() and int(declared) > self.gate.config.max_body:
            raise _TooLarge(error(413, f"request body larger than {self.gate.config.max_body} bytes (--max-body)"))
        self.state, self.since = BODY, time.monotonic()

    def on_body(self, body: bytes) -> None:
        self.body_size += len(body)
        if self.body_size > self.gate.config.max_body:
            raise _TooLarge(error(413, f"request body larger than {self.gate.config.max_body} bytes (--max-body)"))
        self.body.append(body)

    def on_message_complete(self) -> None:
        self.state = BUSY
        keep = self.parser.should_keep_alive()
        try:
            url = httptools.parse_url(self.url)
        except httptools.HttpParserInvalidURLError:
            answer = error(400, "malformed request target")
            self.queue.append(answer)
        else:
            path = (url.path or b"/").decode("latin-1")
            query = (url.query or b"").decode("latin-1")
            method = self.parser.get_method().decode("latin-1")
            body = self.body[0] if len(self.body) == 1 else b"".join(self.body)
            self.queue.append(Request(method, path, query, self.headers, body, self.url, keep))
        if not self.busy:
            self._next()

    # -- answering ----------------------------------------------------------------------------
    def _next(self) -> None:
        while self.queue and not self.busy and self.transport is not None:
            item = self.queue.popleft()
            self.busy = True
            self.current = item
            self.sent = 0
            if isinstance(item, Answer):
                self.respond(item)
                continue
            try:
                self.gate.handle(item, self)
            except Exception as err:  # a bug must cost one request, never the connection's others
                self.relay = None
                self.respond(error(500, f"internal error: {type(err).__name__}: {err}"))

    def _keep(self) -> bool:
        item = self.current
        return item.keep if isinstance(item, Request) else False

    def _head_only(self) -> bool:
        item = self.current
        return isinstance(item, Request) and item.method == "HEAD"

    def _head(self, status: int, headers: list[tuple[bytes, bytes]], media: bytes | None) -> list[bytes]:
        lines = [_STATUS.get(status) or f"HTTP/1.1 {status} \r\n".encode()]
        if media is not None:
            lines.append(b"content-type: " + media + b"\r\n")
        own = False
        for k, v in headers:
            lines.append(k + b": " + v + b"\r\n")
            own = own or k in _SECURITY_NAMES
        if own:
            names = {k for k, _ in headers}
            lines += [k + b": " + v + b"\r\n" for k, v in SECURITY if k not in names]
        else:
            lines.append(self.gate.common_headers)
        return lines

    def respond(self, answer: Answer) -> None:
        """Write a whole answer, then go on with the next request."""
        transport = self.transport
        if transport is not None and self.busy:
            head_only = self._head_only()
            headers, length = answer.headers, None
            if head_only:  # a HEAD answer keeps its length when the backend gave one
                length = next((v for k, v in headers if k == b"content-length"), None)
                headers = [(k, v) for k, v in headers if k != b"content-length"]
            lines = self._head(answer.status, headers, answer.media)
            lines.append(b"content-length: %d\r\n" % len(answer.body) if not head_only or length is None
                         else b"content-length: " + length + b"\r\n")
            if not self._keep():
                lines.append(b"connection: close\r\n")
            lines.append(b"\r\n")
            if not head_only:
                lines.append(answer.body)
            transport.write(b"".join(lines))
            self.sent = len(answer.body)
        self._done(answer.status)

    def start_stream(self, status: int, headers: list[tuple[bytes, bytes]]) -> None:
        """Send the head of an answer whose body follows in :meth:`send` (chunked for HTTP/1.1 clients)."""
        if self.transport is None:
            return
        self.chunked = self.parser.get_http_version() != "1.0"
        lines = self._head(status, headers, None)
        lines.append(b"transfer-encoding: chunked\r\n" if self.chunked else b"connection: close\r\n")
        if self.chunked and not self._keep():
            lines.append(b"connection: close\r\n")
        lines.append(b"\r\n")
        self.transport.write(b"".join(lines))
        self.status = status

    def send(self, data: bytes) -> None:
        if self.transport is None or not data or self._head_only():
            return
        self.sent += len(data)
        if self.chunked:
            self.transport.writelines((b"%x\r\n" % len(data), data, b"\r\n"))
        else:
            self.transport.write(data)

    def end_stream(self, trailers: list[tuple[bytes, bytes]]) -> None:
        if self.transport is not None:
            if self.chunked and not self._head_only():
                self.transport.write(b"0\r\n" + b"".join(k + b": " + v + b"\r\n" for k, v in trailers) + b"\r\n")
            elif not self.chunked:
                self.current = None  # the end of the body is the end of the connection
        self._done(self.status)

    def abort(self) -> None:
        """End an answer that cannot be finished: the client sees the connection close mid-answer."""
        self.relay = None
        if self.transport is not None:
            self.transport.abort()
        self._done(0)

    def _done(self, status: int) -> None:
        item = self.current
        if isinstance(item, Request):
            self.gate.log_line(item, status, self.sent)
        self.relay = None
        self.busy = False
        self.state, self.since = IDLE, time.monotonic()
        if self.sent > _LARGE:
            self.gate.after_large_answer()
        transport = self.transport
        if transport is None:
            return
        if not isinstance(item, Request) or not item.keep:
            transport.close()
            return
        if self.queue:
            asyncio.get_running_loop().call_soon(self._next)

    def _fail(self, answer: Answer) -> None:
        if self.transport is not None:
            lines = self._head(answer.status, answer.headers, answer.media)
            lines += [b"content-length: %d\r\nconnection: close\r\n\r\n" % len(answer.body), answer.body]
            self.transport.write(b"".join(lines))
            self.transport.close()


_TASKS: set[asyncio.Future[None]] = set()


def spawn(work: Coroutine[Any, Any, None]) -> None:
    """Run ``work`` in a task of its own, kept referenced until it ends (the loop holds tasks weakly)."""
    task = asyncio.ensure_future(work)
    _TASKS.add(task)
    task.add_done_callback(_TASKS.discard)


class _TooLarge(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.body.decode())
        self.answer = answer


_LARGE = 1 << 20
_LIBC: list[Any] = []


def _libc() -> Any:
    if not _LIBC:
        try:
            import ctypes

            _LIBC.append(ctypes.CDLL("libc.so.6"))
        except OSError:
            _LIBC.append(None)
    return _LIBC[0]


def keep_large_blocks_apart() -> None:
    """Make glibc map every block over 256 KiB on its own, so a large result's memory goes back when freed.

    By default glibc raises its mmap threshold each time a large block is freed, after which large
    results come from the heap and stay there: the front kept tens of MiB after each large result.
    """
    libc = _libc()
    if libc is not None:
        libc.mallopt(-3, 256 * 1024)  # M_MMAP_THRESHOLD; setting it also turns the dynamic threshold off


def release_memory() -> None:
    """Give the heap's free memory back to the system (after a large answer or a stopped one)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)
