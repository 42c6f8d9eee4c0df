"""The public side of ``kgbuild serve``: what the front answers, and how.

``/sparql`` (and ``/update``, ``/store``) are checked here (the operation by :mod:`.guard`, the
token, the limits) and handed to the native query engine (:mod:`.supervisor`): reads through a
:class:`.relay.Relay`, which streams the answer through the row and byte caps, writes one at a
time through :meth:`Gate.write`.  Every other path goes to the pages app (Starlette, a process
of its own).  The HTTP side is :mod:`.front`.

Why not Starlette for ``/sparql``: the Python HTTP layer bounded cheap queries at a tenth of
the native server's rate here.  A query seen before costs one dictionary look-up here: the
request for the engine is prepared once per query text (checked, encoded) and kept.
"""

from __future__ import annotations

import asyncio
import functools
import json
import re
import secrets
import sys
import time
from typing import Any
from urllib.parse import parse_qsl, urlencode

from .config import ServerConfig
from .engine import Engine
from .front import SECURITY, Answer, Connection, Request, error, release_memory, spawn
from .guard import Guard, Refusal
from .relay import Pool, Relay
from .supervisor import Supervisor
from .upstream import Backend, BackendGone, Reply

APP_WAIT_S = 60.0  # how long a page request waits for the pages app to start
GRACE_S = 0.5  # past --timeout plus this, the engine still working on a query is killed
SWEEP_S = 0.1  # how often deadlines and slow clients are looked at
STUCK_S = 2.0  # an engine with requests waiting that uses no CPU for this long is reported stuck
PREPARED_MAX = 4096  # requests for the engine kept, by the client's request that asks for them
CACHED_MAX = 256 << 10  # the largest answer kept by the results cache
# functions whose value changes from one evaluation to the next: queries that use them are never cached
_VOLATILE = re.compile(r"(?i)\b(?:rand|now|uuid|struuid|bnode)\s*\(")
_FORMATS = {"json": b"application/sparql-results+json", "xml": b"application/sparql-results+xml",
            "csv": b"text/csv", "tsv": b"text/tab-separated-values", "turtle": b"text/turtle",
            "ttl": b"text/turtle", "ntriples": b"application/n-triples", "nt": b"application/n-triples",
            "jsonld": b"application/ld+json", "rdfxml": b"application/rdf+xml", "trig": b"application/trig",
            "nquads": b"application/n-quads"}
_HOP = {b"connection", b"keep-alive", b"transfer-encoding", b"te", b"upgrade", b"content-length",
        b"proxy-connection", b"trailer"}
_DEFAULT_ACCEPT = b"application/sparql-results+json, text/turtle;q=0.9, */*;q=0.1"


class Gate:
    """Routes and answers requests; one per server."""

    def __init__(self, config: ServerConfig, supervisor: Supervisor, app_port: int | None) -> None:
        self.config = config
        self.supervisor = supervisor
        self.grace_s = GRACE_S
        self.guard = Guard(allow_service=config.allow_service)
        self.app = Backend(app_port, size=8) if app_port else None
        self.app_ready = asyncio.Event()
        self._pools: dict[int, Pool] = {}
        self._strikes: dict[str, int] = {}
        self._updates = asyncio.Lock()
        self._parsing = asyncio.Semaphore(1)
        self._prepared: dict[tuple[Any, ...], tuple[bytes, str]] = {}
        # answers of GET /sparql by (query string, Accept): (generation, body, headers); read-only servers only
        self._cache: dict[tuple[str, bytes | None], tuple[int, bytes, list[tuple[bytes, bytes]]]] = {}
        self._cache_bytes = 0
        self.cache_limit = 0 if config.allow_update else config.cache_bytes
        self.running: dict[Relay, float] = {}  # reads sent to the engine -> their start, for /-/health
        self.connections: set[Connection] = set()
        self.log: list[str] = []  # access-log lines, written out by :meth:`flush_log`
        lines = [k + b": " + v + b"\r\n" for k, v in SECURITY]
        if config.cors:
            lines.append(b"access-control-allow-origin: *\r\naccess-control-expose-headers: Kgbuild-Truncated\r\n")
        self.common_headers = b"".join(lines)
        self._sweeper: asyncio.Task[None] | None = None
        self._trim: asyncio.TimerHandle | None = None

    def start(self) -> None:
        self._sweeper = spawn(self._sweep())

    async def _sweep(self) -> None:
        """Deadlines of reads, and clients too slow to send a request, every :data:`SWEEP_S`."""
        turn = 0
        while True:
            await asyncio.sleep(SWEEP_S)
            now = time.monotonic()
            for relay in [r for r in self.running if r.deadline < now]:
                relay.expire()
            turn += 1
            if turn % 5 == 0:
                for conn in list(self.connections):
                    conn.expire(now)

    def close(self) -> None:
        if self._sweeper is not None:
            self._sweeper.cancel()
        for pool in self._pools.values():
            pool.close()

    def log_line(self, req: Request, status: int, size: int) -> None:
        self.log.append(f'{_clock()} "{req.method} {req.path}" {status} {size}\n')

    def flush_log(self) -> None:
        if self.log:
            sys.stderr.write("".join(self.log))
            sys.stderr.flush()
            self.log.clear()

    def after_large_answer(self) -> None:
        """Give memory back to the system a moment after a large answer (once, however many there were)."""
        if self._trim is None:
            def trim() -> None:
                self._trim = None
                release_memory()
            self._trim = asyncio.get_running_loop().call_later(1.0, trim)

    # -- routing ----------------------------------------------------------------------------
    def handle(self, req: Request, conn: Connection) -> None:
        """Answer ``req`` on ``conn``: at once for a query seen before, else in a task of its own."""
        if req.path == "/sparql" and req.method == "GET":
            key = (req.query, req.headers.get(b"accept"))
            if self.cache_limit:
                hit = self._cache.get(key)
                engine = self.supervisor.current
                if hit is not None and engine is not None and hit[0] == engine.generation:
                    conn.respond(Answer(200, hit[1], None, hit[2]))
                    return
            prepared = self._prepared.get(key)
            if prepared is not None:
                self.read(conn, *prepared, cache_key=key)
                return
        spawn(self._answer(req, conn))

    async def _answer(self, req: Request, conn: Connection) -> None:
        try:
            answer = await self.answer(req, conn)
        except Exception as err:  # a bug must cost one request, never the connection's others
            answer = error(500, f"internal error: {type(err).__name__}: {err}")
        if answer is not None:
            conn.respond(answer)

    async def answer(self, req: Request, conn: Connection) -> Answer | None:
        """The answer, or None when a relay was started that answers by itself."""
        path = req.path
        try:
            if path in ("/sparql", "/update"):  # (/query is the query page)
                if path == "/sparql" and req.method == "GET" and not _has(req.query, ("query", "update")):
                    return await self.to_app(req)
                return await self.sparql(req, conn)
            if path == "/store":
                return await self.graph_store(req, conn)
            if path == "/-/health":
                return self.health()
            if req.method == "OPTIONS" and self.config.cors:
                return Answer(204, headers=[(b"access-control-allow-methods", b"GET, POST"),
                                            (b"access-control-allow-headers", b"*")])
            return await self.to_app(req)
        except _Refused as err:
            return error(err.refusal.status, err.refusal.message, *err.headers)

    # -- SPARQL protocol --------------------------------------------------------------------
    async def sparql(self, req: Request, conn: Connection) -> Answer | None:
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
        body = text.encode()
        request = (f"POST {target} HTTP/1.1\r\nhost: engine\r\ncontent-type: application/sparql-query; charset=utf-8"
                   f"\r\ncontent-length: {len(body)}\r\n").encode() + b"accept: " + accept + b"\r\n\r\n" + body
        key = (req.query, req.headers.get(b"accept"))
        if req.method == "GET":  # the next time, this query costs a look-up
            if len(self._prepared) >= PREPARED_MAX:
                self._prepared.clear()
            self._prepared[key] = (request, text)
        self.read(conn, request, text, cache_key=key if req.method == "GET" else None)
        return None

    def read(self, conn: Connection, request: bytes, key: str, cache_key: tuple[str, bytes | None] | None = None) -> None:
        relay = conn.relay = Relay(self, conn, request, key)
        if cache_key is not None and self.cache_limit and not _VOLATILE.search(key):
            relay.cache_key = cache_key
        relay.start()

    def remember(self, key: tuple[str, bytes | None], generation: int, body: bytes,
                 headers: list[tuple[bytes, bytes]]) -> None:
        """Keep a whole answer for its generation (a snapshot does not change): the next same request costs
        no engine.  Bounded by ``--cache`` (MiB): when full, it is emptied."""
        if len(body) > CACHED_MAX:
            return
        if self._cache_bytes + len(body) > self.cache_limit or len(self._cache) >= PREPARED_MAX:
            self._cache.clear()
            self._cache_bytes = 0
        self._cache[key] = (generation, body, headers)
        self._cache_bytes += len(body)

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
            backend = Backend(engine.port, size=1)  # writes are rare: a connection of their own
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
                backend.close()
            return self.relay(reply)

    async def graph_store(self, req: Request, conn: Connection) -> Answer | None:
        target = "/store" + ("?" + req.query if req.query else "")
        if req.method in ("GET", "HEAD"):
            accept = req.headers.get(b"accept", b"text/turtle")
            self.read(conn, f"GET {target} HTTP/1.1\r\nhost: engine\r\n".encode() + b"accept: " + accept + b"\r\n\r\n",
                      target)
            return None
        if req.method not in ("PUT", "POST", "DELETE"):
            return error(405, "use GET, HEAD, PUT, POST or DELETE", (b"allow", b"GET, HEAD, PUT, POST, DELETE"))
        self.authorise(req, "a write")
        if "graph" not in dict(_params(req.query)):
            return error(405, "the default graph is derived from the content graphs: write to a named graph "
                              "(?graph=IRI)", (b"allow", b"GET, HEAD"))
        media = req.headers.get(b"content-type")
        headers = [(b"content-type", media)] if media else []
        return await self.write(req.method, target, headers, req.body)

    # -- the engine -------------------------------------------------------------------------
    def pool(self, engine: Engine) -> Pool:
        """The kept-alive connections to ``engine`` (those to engines no longer running are closed)."""
        pool = self._pools.get(engine.port)
        if pool is None:
            live = {e.port for e in [self.supervisor.current, *self.supervisor._old] if e}
            for port in [p for p in self._pools if p not in live]:
                self._pools.pop(port).close()
            pool = self._pools[engine.port] = Pool(engine.port, self.config.workers)
        return pool

    def engine_failed(self, engine: Engine, key: str, retried: bool) -> tuple[Answer | None, bool]:
        """The engine went away during a read: (the answer, or None to try once more on its replacement)."""
        reason = engine.reason or "it crashed"
        strikes = self._strikes[key] = self._strikes.get(key, 0) + 1
        if len(self._strikes) > 1000:
            self._strikes.clear()
        self.supervisor.replace(engine, reason, now=True)
        if not (retried or strikes > 1):
            return None, True
        if "memory" in reason:
            return error(503, f"the query needed more memory than the engine may use "
                              f"({self.config.max_memory >> 20} MiB, set with kgbuild serve --max-memory)"), False
        if "deadline" in reason:
            return self.too_slow(), False
        return error(500, f"the query engine stopped while answering this query ({reason}); it was restarted"), False

    def engine_overdue(self, engine: Engine) -> None:
        self.supervisor.replace(engine, "a query ran past its deadline", now=True)
        asyncio.get_running_loop().call_later(0.5, release_memory)

    def too_slow(self) -> Answer:
        return error(503, f"the query did not finish within {self.config.timeout_s:g} s and was stopped "
                          "(the limit is set with kgbuild serve --timeout)")

    def too_large(self) -> Answer:
        return error(503, f"the result is larger than {self.config.max_bytes} bytes (--max-bytes) "
                          "before its first whole row")

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
        """ok, busy (every engine slot taken), stuck (a request past its deadline, or an engine that has
        requests waiting and has used no CPU for :data:`STUCK_S`) or starting; 503 unless ok or busy."""
        engine = self.supervisor.current
        now = time.monotonic()
        oldest = max((now - t for t in self.running.values()), default=0.0)
        waiting = any(not (r.streaming and r.conn.paused) for r in self.running)  # (not a slow client)
        idle_s = now - engine.moved_at if engine is not None else 0.0
        if engine is None or not engine.alive or engine.retired:
            status = "starting"
        elif oldest > self.config.timeout_s + GRACE_S + 1 or (waiting and idle_s > STUCK_S):
            status = "stuck"
        elif engine.inflight >= self.config.workers:
            status = "busy"
        else:
            status = "ok"
        doc: dict[str, Any] = {"status": status, "requests_running": len(self.running),
                               "oldest_request_s": round(oldest, 3), "engine_replacements": self.supervisor.replacements,
                               "events": self.supervisor.events[-5:]}
        if engine is not None:
            doc["engine"] = {"pid": engine.proc.pid, "generation": engine.generation,
                             "memory_mib": round(engine.rss() / 2**20, 1), "running": engine.inflight,
                             "seconds_without_progress": round(idle_s, 1) if waiting else 0.0}
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
    """What to ask the engine for: ``format=`` first, else the client's Accept."""
    fmt = _first(params, "format")
    if fmt:
        media = _FORMATS.get(fmt.lower())
        if media is None:
            raise _Refused(Refusal(400, f"unknown format {fmt!r}: use one of {', '.join(sorted(_FORMATS))}"))
        return media
    accept = req.headers.get(b"accept", b"").strip()
    return _DEFAULT_ACCEPT if accept in (b"", b"*/*") else accept  # anything: SPARQL JSON, or Turtle for a graph


_CLOCK: list[Any] = [0, ""]


def _clock() -> str:
    """The time of day for the access log, formatted once a second."""
    now = int(time.time())
    if now != _CLOCK[0]:
        _CLOCK[0], _CLOCK[1] = now, time.strftime("%H:%M:%S", time.localtime(now))
    return str(_CLOCK[1])


