"""The public side of ``kgbuild serve``: one lean HTTP/1.1 front on the listening port.

It reads requests (headers within :data:`HEADER_TIMEOUT_S`, bodies within ``--max-body``),
answers ``/sparql`` (and ``/update``, ``/store``) by checking the operation
(:mod:`.guard`), the token and the limits and then handing it to the native query engine
(:mod:`.supervisor`), and passes every other path to the pages app (Starlette, a process of
its own).  What it adds to every answer is decided here once: the security headers, CORS,
the row and byte caps and their signal, one error shape.

Why not Starlette for ``/sparql``: the Python HTTP layer bounded cheap queries at a tenth of
the native server's rate here; this front does the least per request (httptools parsing,
a verdict from a cache, one write to a kept-alive engine connection).
"""

from __future__ import annotations

import asyncio
import functools
import json
import secrets
import sys
import time
from collections import deque
from dataclasses import dataclass, field
from http import HTTPStatus
from typing import Any
from urllib.parse import parse_qsl, urlencode

import httptools

from . import cut
from .config import ServerConfig
from .engine import Engine
from .guard import Guard, Refusal
from .supervisor import Supervisor
from .upstream import Backend, BackendGone, Reply

BODY_TIMEOUT_S = 30.0  # and its body within this
IDLE_TIMEOUT_S = 60.0  # a kept-alive connection with no request is closed after this
MAX_HEADER_BYTES = 64 * 1024
APP_WAIT_S = 60.0  # how long a page request waits for the pages app to start
GRACE_S = 0.5  # past --timeout plus this, the engine still working on a query is killed
_CANCELLED = b"The SPARQL operation has been cancelled"
_FORMATS = {"json": b"application/sparql-results+json", "xml": b"application/sparql-results+xml",
            "csv": b"text/csv", "tsv": b"text/tab-separated-values", "turtle": b"text/turtle",
            "ttl": b"text/turtle", "ntriples": b"application/n-triples", "nt": b"application/n-triples",
            "jsonld": b"application/ld+json", "rdfxml": b"application/rdf+xml", "trig": b"application/trig",
            "nquads": b"application/n-quads"}
_HOP = {b"connection", b"keep-alive", b"transfer-encoding", b"te", b"upgrade", b"content-length",
        b"proxy-connection", b"trailer"}
CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "font-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY = [(b"x-content-type-options", b"nosniff"), (b"content-security-policy", CSP.encode()),
            (b"referrer-policy", b"same-origin")]


@dataclass
class Request:
    method: str
    path: str
    query: str
    headers: dict[bytes, bytes]
    body: bytes
    target: bytes = b""

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


class Gate:
    """Routes and answers requests; one per server."""

    def __init__(self, config: ServerConfig, supervisor: Supervisor, app_port: int | None) -> None:
        self.config = config
        self.supervisor = supervisor
        self.guard = Guard(allow_service=config.allow_service)
        self.app = Backend(app_port, size=8) if app_port else None
        self.app_ready = asyncio.Event()
        self._backends: dict[int, Backend] = {}
        self._strikes: dict[str, int] = {}
        self._updates = asyncio.Lock()
        self.active: dict[int, float] = {}  # id of an engine request -> its start, for /-/health
        self._parsing = asyncio.Semaphore(1)
        self.log: list[str] = []  # access-log lines, written out by :meth:`flush_log`

    def flush_log(self) -> None:
        if self.log:
            sys.stderr.write("".join(self.log))
            sys.stderr.flush()
            self.log.clear()

    # -- routing ----------------------------------------------------------------------------
    async def answer(self, req: Request) -> Answer:
        path = req.path
        try:
            if path in ("/sparql", "/update"):  # (/query is the query page)
                if path == "/sparql" and req.method == "GET" and not _has(req.query, ("query", "update")):
                    return await self.to_app(req)
                return await self.sparql(req)
            if path == "/store":
                return await self.graph_store(req)
            if path == "/-/health":
                return self.health()
            if req.method == "OPTIONS" and self.config.cors:
                return Answer(204, headers=[(b"access-control-allow-methods", b"GET, POST"),
                                            (b"access-control-allow-headers", b"*")])
            return await self.to_app(req)
        except _Refused as err:
            return error(err.refusal.status, err.refusal.message, *err.headers)

    # -- SPARQL protocol --------------------------------------------------------------------
    async def sparql(self, req: Request) -> Answer:
        if req.method not in ("GET", "POST"):
            return error(405, "use GET or POST", (b"allow", b"GET, POST"))
        kind, text, params = self.operation(req)
        if req.path == "/update" and kind != "update":
            raise _Refused(Refusal(400, "send an update to /update (or /sparql)"))
        if kind == "update":
            return await self.update(req, text)
        refusal = await self.verdict(text, "query")
        if refusal:
            return error(refusal.status, refusal.message)
        accept = _accept(params, req)
        graphs = [(k, v) for k, v in params if k in ("default-graph-uri", "named-graph-uri")]
        target = "/query" + ("?" + urlencode(graphs) if graphs else "")
        headers = [(b"content-type", b"application/sparql-query; charset=utf-8"), (b"accept", accept)]
        return await self.to_engine("POST", target, headers, text.encode(), key=text)

    def operation(self, req: Request) -> tuple[str, str, list[tuple[str, str]]]:
        """(kind, text, parameters) of a SPARQL Protocol request.

        :raises _Refused: 400 without an operation or with bad encoding, 415 for another body.
        """
        params = _params(req.query)
        if req.method == "GET":
            if any(k == "update" for k, _ in params):
                raise _Refused(Refusal(400, "an update must be sent by POST"))
            text = _first(params, "query")
            if text is None:
                raise _Refused(Refusal(400, "missing the 'query' parameter"))
            return "query", text, params
        media = req.header(b"content-type").split(";")[0].strip().lower()
        try:
            body = req.body.decode("utf-8")
        except UnicodeDecodeError:
            raise _Refused(Refusal(400, "the request body is not UTF-8")) from None
        if media == "application/sparql-query":
            return "query", body, params
        if media == "application/sparql-update":
            return "update", body, params
        if media == "application/x-www-form-urlencoded":
            form = _params(body)
            for kind in ("query", "update"):
                text = _first(form, kind)
                if text is not None:
                    return kind, text, [*params, *form]
            raise _Refused(Refusal(400, "missing the 'query' or 'update' field"))
        raise _Refused(Refusal(415, "send application/sparql-query, application/sparql-update or "
                                    "application/x-www-form-urlencoded"))

    async def verdict(self, text: str, kind: str) -> Refusal | None:
        if not self.guard.needs_parsing(text, kind):
            return self.guard.verdict(text, kind)
        async with self._parsing:  # one Python parse at a time, off the event loop
            return await asyncio.get_running_loop().run_in_executor(None, self.guard.verdict, text, kind)

    def authorise(self, req: Request, what: str) -> None:
        """:raises _Refused: 403 on a read-only server, 401 without the right bearer token."""
        if not self.config.allow_update:
            raise _Refused(Refusal(403, "the server is read-only (start it with --allow-update and --token)"))
        scheme, _, token = req.header(b"authorization").strip().partition(" ")
        if not (self.config.token and scheme.lower() == "bearer"
                and secrets.compare_digest(token.strip().encode(), self.config.token.encode())):
            raise _Refused(Refusal(401, f"{what} needs the header 'Authorization: Bearer <token>'"),
                           (b"www-authenticate", b'Bearer realm="kgbuild"'))

    async def update(self, req: Request, text: str) -> Answer:
        self.authorise(req, "an update")
        refusal = await self.verdict(text, "update")
        if refusal:
            return error(refusal.status, refusal.message)
        headers = [(b"content-type", b"application/sparql-update; charset=utf-8")]
        return await self.write("POST", "/update", headers, text.encode())

    async def write(self, method: str, target: str, headers: list[tuple[bytes, bytes]], body: bytes) -> Answer:
        """One write at a time; past the deadline the engine is killed before it can commit."""
        async with self._updates:
            engine = await self.supervisor.engine()
            backend = self._backend(engine)
            engine.inflight += 1
            try:
                reply = await backend.exchange(method, target, headers, body, max_bytes=1 << 20,
                                               timeout=self.config.timeout_s)
            except TimeoutError:
                self.supervisor.replace(engine, "an update ran past its deadline", now=True)
                return error(503, f"the update did not finish within {self.config.timeout_s:g} s and was stopped "
                                  "before it was applied (the limit is set with kgbuild serve --timeout)")
            except (BackendGone, OSError):
                return error(503, "the query engine stopped during the update, which may not have been applied: "
                                  "check before sending it again")
            finally:
                engine.inflight -= 1
            return self.relay(reply)

    async def graph_store(self, req: Request) -> Answer:
        target = "/store" + ("?" + req.query if req.query else "")
        if req.method in ("GET", "HEAD"):
            headers = [(b"accept", req.headers.get(b"accept", b"text/turtle"))]
            answer = await self.to_engine("GET", target, headers, b"", key=target)
            if req.method == "HEAD":
                answer.headers.append((b"content-length", str(len(answer.body)).encode()))
                answer.body = b""
            return answer
        if req.method not in ("PUT", "POST", "DELETE"):
            return error(405, "use GET, HEAD, PUT, POST or DELETE", (b"allow", b"GET, HEAD, PUT, POST, DELETE"))
        self.authorise(req, "a write")
        media = req.headers.get(b"content-type")
        headers = [(b"content-type", media)] if media else []
        return await self.write(req.method, target, headers, req.body)

    # -- the engine -------------------------------------------------------------------------
    def _backend(self, engine: Engine) -> Backend:
        backend = self._backends.get(engine.port)
        if backend is None:
            for port in [p for p in self._backends if p != engine.port]:
                if all(e.port != port for e in [self.supervisor.current, *self.supervisor._old] if e):
                    self._backends.pop(port).close()
            backend = self._backends[engine.port] = Backend(engine.port, size=self.config.workers)
        return backend

    async def to_engine(self, method: str, target: str, headers: list[tuple[bytes, bytes]], body: bytes, *,
                        key: str) -> Answer:
        """A read, with its deadline; retried once when the engine died under it (a read has no effect)."""
        start = time.monotonic()
        deadline = start + self.config.timeout_s + GRACE_S
        token = id(body) ^ int(start * 1e6)
        retried = False
        while True:
            engine = self.supervisor.ready()
            if engine is None:
                try:
                    engine = await asyncio.wait_for(self.supervisor.engine(),
                                                    timeout=max(deadline - time.monotonic(), 0.01))
                except TimeoutError:  # its time went by while the engine was being replaced
                    return self._too_slow()
            engine.inflight += 1
            self.active[token] = start
            try:
                reply = await self._backend(engine).exchange(method, target, headers, body, max_bytes=self.config.max_bytes,
                                                             timeout=max(deadline - time.monotonic(), 0.01))
            except TimeoutError:
                self.supervisor.replace(engine, "a query ran past its deadline", now=True)
                asyncio.get_running_loop().call_later(0.5, _release_memory)
                return self._too_slow()
            except (BackendGone, OSError):
                reason = engine.reason or "it crashed"
                strikes = self._strikes[key] = self._strikes.get(key, 0) + 1
                self.supervisor.replace(engine, reason, now=True)
                if retried or strikes > 1:
                    if "memory" in reason:
                        return error(503, f"the query needed more memory than the engine may use "
                                          f"({self.config.max_memory >> 20} MiB, set with kgbuild serve --max-memory)")
                    if "deadline" in reason:
                        return self._too_slow()
                    return error(500, f"the query engine stopped while answering this query ({reason}); "
                                      "it was restarted")
                retried = True
                continue
            finally:
                engine.inflight -= 1
                self.active.pop(token, None)
            if len(self._strikes) > 1000:
                self._strikes.clear()
            return await self.capped(reply)

    def _too_slow(self) -> Answer:
        return error(503, f"the query did not finish within {self.config.timeout_s:g} s and was stopped "
                          "(the limit is set with kgbuild serve --timeout)")

    async def capped(self, reply: Reply) -> Answer:
        """The engine's answer with the row and byte caps applied and signalled."""
        if reply.status == 200 and reply.body.endswith(_CANCELLED):
            return self._too_slow()
        answer = self.relay(reply)
        if reply.status != 200:
            return answer
        media = (reply.header(b"content-type") or b"").split(b";")[0].strip().decode("latin-1")
        known = media in cut.FORMATS
        done = cut.cut(reply.body, media, self.config.max_rows, partial=reply.over_cap)
        if not known and not reply.over_cap:
            from ..store import cut_graph

            done = await asyncio.get_running_loop().run_in_executor(
                None, cut_graph, reply.body, media, self.config.max_rows) or (reply.body, -1, False)
        if done is None:
            return error(503, f"the result is larger than {self.config.max_bytes} bytes (--max-bytes)")
        body, rows, truncated = done
        if truncated:
            why = "--max-bytes" if reply.over_cap and rows < self.config.max_rows else "--max-rows"
            answer.headers += [(b"kgbuild-truncated", f"true; rows={rows}".encode()),
                               (b"warning", f'199 kgbuild "result truncated to the first {rows} rows ({why})"'.encode())]
        answer.body = body
        return answer

    def relay(self, reply: Reply) -> Answer:
        headers = [(k.lower(), v) for k, v in reply.headers if k.lower() not in _HOP and k.lower() != b"server"]
        if reply.status == 200:
            headers.append((b"vary", b"Accept"))
        return Answer(reply.status, reply.body, None, headers)

    # -- the pages app ----------------------------------------------------------------------
    async def to_app(self, req: Request) -> Answer:
        if self.app is None:
            return error(404, "no such page")
        if not self.app_ready.is_set():
            try:
                await asyncio.wait_for(self.app_ready.wait(), timeout=APP_WAIT_S)
            except TimeoutError:
                return error(503, "the pages are starting: try again in a moment")
        headers = [(k, v) for k, v in req.headers.items() if k not in _HOP and k != b"host"]
        try:
            reply = await self.app.exchange(req.method, req.target.decode("latin-1"), headers, req.body,
                                            max_bytes=64 << 20, timeout=self.config.timeout_s * 3 + GRACE_S)
        except TimeoutError:
            return error(503, "the page took too long")
        except (BackendGone, OSError):
            return error(503, "the pages are restarting: try again in a moment")
        return self.relay(reply)

    # -- health -----------------------------------------------------------------------------
    def health(self) -> Answer:
        engine = self.supervisor.current
        now = time.monotonic()
        oldest = max((now - t for t in self.active.values()), default=0.0)
        if engine is None or not engine.alive or engine.retired:
            status = "starting"
        elif oldest > self.config.timeout_s + GRACE_S + 1:
            status = "stuck"
        elif engine.inflight >= self.config.workers:
            status = "busy"
        else:
            status = "ok"
        doc: dict[str, Any] = {"status": status, "requests_running": len(self.active),
                               "oldest_request_s": round(oldest, 3), "engine_replacements": self.supervisor.replacements,
                               "events": self.supervisor.events[-5:]}
        if engine is not None:
            doc["engine"] = {"pid": engine.proc.pid, "generation": engine.generation,
                             "memory_mib": round(engine.rss() / 2**20, 1), "running": engine.inflight}
        code = 200 if status in ("ok", "busy") else 503
        return Answer(code, json.dumps(doc).encode(), b"application/json")


class _Refused(Exception):
    def __init__(self, refusal: Refusal, *headers: tuple[bytes, bytes]) -> None:
        super().__init__(refusal.message)
        self.refusal = refusal
        self.headers = headers


@functools.lru_cache(maxsize=1024)
def _params(text: str) -> list[tuple[str, str]]:
    """Decoded ``a=b&c=d`` pairs (remembered: the same queries come again and again; callers copy).

    :raises _Refused: for bytes that are not UTF-8 once decoded.
    """
    try:
        return parse_qsl(text, keep_blank_values=True, errors="strict")
    except (UnicodeDecodeError, ValueError):
        raise _Refused(Refusal(400, "the parameters are not valid percent-encoded UTF-8")) from None


def _first(params: list[tuple[str, str]], name: str) -> str | None:
    return next((v for k, v in params if k == name), None)


def _has(query: str, names: tuple[str, ...]) -> bool:
    return any(query.startswith(n + "=") or f"&{n}=" in query for n in names)


def _accept(params: list[tuple[str, str]], req: Request) -> bytes:
    fmt = _first(params, "format")
    if fmt:
        media = _FORMATS.get(fmt.lower())
        if media is None:
            raise _Refused(Refusal(400, f"unknown format {fmt!r}: use one of {', '.join(sorted(_FORMATS))}"))
        return media
    return req.headers.get(b"accept") or b"application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1"


# -- the HTTP/1.1 server side -----------------------------------------------------------------
class Connection(asyncio.Protocol):
    """One client connection: parse requests, answer them in order, time out slow clients."""

    def __init__(self, gate: Gate) -> None:
        self.gate = gate
        self.parser = httptools.HttpRequestParser(self)
        self.transport: asyncio.Transport | None = None
        self.queue: deque[Request | Answer] = deque()
        self.busy = False
        self.timer: asyncio.TimerHandle | None = None
        self.task: asyncio.Future[None] | None = None
        self._new()

    def _new(self) -> None:
        self.url = b""
        self.headers: dict[bytes, bytes] = {}
        self.header_bytes = 0
        self.body: list[bytes] = []
        self.body_size = 0

    def _arm(self, seconds: float) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.timer = asyncio.get_running_loop().call_later(seconds, self._expire)

    def _expire(self) -> None:
        if self.transport is not None and not self.busy:
            self.transport.close()

    # asyncio
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]
        self._arm(self.gate.config.header_timeout_s)

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserUpgrade:
            self._fail(error(400, "protocol upgrades are not supported"))
        except httptools.HttpParserError:
            self._fail(error(400, "malformed HTTP request"))
        except _TooLarge as err:
            self._fail(err.answer)

    def connection_lost(self, exc: Exception | None) -> None:
        if self.timer is not None:
            self.timer.cancel()
        self.transport = None

    # httptools
    def on_message_begin(self) -> None:
        self._new()
        self._arm(self.gate.config.header_timeout_s)

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
        self._arm(BODY_TIMEOUT_S)

    def on_body(self, body: bytes) -> None:
        self.body_size += len(body)
        if self.body_size > self.gate.config.max_body:
            raise _TooLarge(error(413, f"request body larger than {self.gate.config.max_body} bytes (--max-body)"))
        self.body.append(body)

    def on_message_complete(self) -> None:
        if self.timer is not None:
            self.timer.cancel()
        try:
            url = httptools.parse_url(self.url)
            path = (url.path or b"/").decode("latin-1")
            query = (url.query or b"").decode("latin-1")
        except httptools.HttpParserInvalidURLError:
            self.queue.append(error(400, "malformed request target"))
        else:
            method = self.parser.get_method().decode("latin-1")
            self.queue.append(Request(method, path, query, self.headers, b"".join(self.body), self.url))
        if not self.busy:
            self.busy = True
            self.task = asyncio.ensure_future(self._serve(self.parser.should_keep_alive()))

    async def _serve(self, keep: bool) -> None:
        try:
            while self.queue and self.transport is not None:
                item = self.queue.popleft()
                try:
                    answer = item if isinstance(item, Answer) else await self.gate.answer(item)
                except Exception as err:  # a bug must cost one request, never the connection's others
                    answer = error(500, f"internal error: {type(err).__name__}: {err}")
                head_only = isinstance(item, Request) and item.method == "HEAD"
                self._write(answer, keep=keep, head_only=head_only)
                if isinstance(item, Request):
                    self.gate.log.append(f'{_clock()} "{item.method} {item.path}" {answer.status} {len(answer.body)}\n')
        finally:
            self.busy = False
        if self.transport is not None:
            if keep:
                self._arm(IDLE_TIMEOUT_S)
            else:
                self.transport.close()

    def _write(self, answer: Answer, *, keep: bool, head_only: bool = False) -> None:
        if self.transport is None:
            return
        config = self.gate.config
        reason = HTTPStatus(answer.status).phrase if answer.status in HTTPStatus._value2member_map_ else ""
        lines = [f"HTTP/1.1 {answer.status} {reason}\r\n".encode()]
        names = {k for k, _ in answer.headers}
        if answer.media and b"content-type" not in names:
            lines.append(b"content-type: " + answer.media + b"\r\n")
        lines += [k + b": " + v + b"\r\n" for k, v in answer.headers if k != b"content-length" or head_only]
        lines += [k + b": " + v + b"\r\n" for k, v in SECURITY if k not in names]
        if config.cors:
            lines.append(b"access-control-allow-origin: *\r\naccess-control-expose-headers: Kgbuild-Truncated\r\n")
        if not head_only or b"content-length" not in names:
            lines.append(f"content-length: {len(answer.body)}\r\n".encode())
        if not keep:
            lines.append(b"connection: close\r\n")
        self.transport.write(b"".join(lines) + b"\r\n" + (b"" if head_only else answer.body))
        if len(answer.body) > _LARGE:
            asyncio.get_running_loop().call_later(1.0, _release_memory)

    def _fail(self, answer: Answer) -> None:
        self._write(answer, keep=False)
        if self.transport is not None:
            self.transport.close()


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


def _release_memory() -> None:
    """Give the heap's free memory back to the system (after a large answer or a stopped one)."""
    libc = _libc()
    if libc is not None:
        libc.malloc_trim(0)


_CLOCK: list[Any] = [0, ""]


def _clock() -> str:
    """The time of day for the access log, formatted once a second."""
    now = int(time.time())
    if now != _CLOCK[0]:
        _CLOCK[0], _CLOCK[1] = now, time.strftime("%H:%M:%S", time.localtime(now))
    return str(_CLOCK[1])


class _TooLarge(Exception):
    def __init__(self, answer: Answer) -> None:
        super().__init__(answer.body.decode())
        self.answer = answer
