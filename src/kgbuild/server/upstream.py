"""Keep-alive HTTP/1.1 exchanges with a backend on 127.0.0.1 (the query engine or the pages app).

Lean on purpose: the request is written as bytes, the answer parsed by httptools (C), its
body gathered up to a byte cap; past the cap the connection is closed, which also makes the
native engine stop producing the result.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass, field

import httptools


class BackendGone(Exception):
    """The backend closed the connection before answering (it crashed or was stopped)."""


@dataclass
class Reply:
    status: int
    headers: list[tuple[bytes, bytes]]
    body: bytes
    over_cap: bool = False  # the body was cut at the byte cap

    def header(self, name: bytes) -> bytes | None:
        for key, value in self.headers:
            if key.lower() == name:
                return value
        return None


class _Connection(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.parser = httptools.HttpResponseParser(self)
        self.waiter: asyncio.Future[Reply] | None = None
        self.closed = False
        self.max_bytes = 0
        self._reset()

    def _reset(self) -> None:
        self.headers: list[tuple[bytes, bytes]] = []
        self.buffer = bytearray()  # one growing block: large, so it goes back to the system once freed
        self.size = 0
        self.over = False

    # asyncio
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        try:
            self.parser.feed_data(data)
        except httptools.HttpParserError as err:
            self._fail(BackendGone(f"unreadable answer: {err}"))

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        if self.over:
            self._finish()
        else:
            self._fail(BackendGone("the connection was closed before the answer"))

    # httptools
    def on_message_begin(self) -> None:
        self._reset()

    def on_header(self, name: bytes, value: bytes) -> None:
        self.headers.append((name, value))

    def on_body(self, body: bytes) -> None:
        if self.over:
            return
        self.size += len(body)
        self.buffer += body
        if self.size > self.max_bytes:
            self.over = True
            if self.transport is not None:
                self.transport.close()  # the engine stops writing, and evaluating, when its client goes

    def on_message_complete(self) -> None:
        self._finish()
        if not self.parser.should_keep_alive() and self.transport is not None:
            self.closed = True
            self.transport.close()

    def _finish(self) -> None:
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_result(Reply(self.parser.get_status_code(), self.headers, bytes(self.buffer), self.over))
        self.waiter = None
        self.buffer = bytearray()

    def _fail(self, err: Exception) -> None:
        self.closed = True
        if self.waiter is not None and not self.waiter.done():
            self.waiter.set_exception(err)
        self.waiter = None
        if self.transport is not None:
            self.transport.close()


def _expire(waiter: asyncio.Future[Reply]) -> None:
    if not waiter.done():
        waiter.set_exception(TimeoutError())


@dataclass
class Backend:
    """Connections to one ``127.0.0.1:port``, at most ``size`` at a time (requests beyond wait)."""

    port: int
    size: int = 16
    _idle: list[_Connection] = field(default_factory=list)
    _slots: asyncio.Semaphore | None = None

    async def exchange(self, method: str, target: str, headers: list[tuple[bytes, bytes]], body: bytes, *,
                       max_bytes: int, timeout: float) -> Reply:
        """Send one request and read its answer (the body cut after ``max_bytes``) within ``timeout`` seconds.

        :raises BackendGone: when the backend closes the connection without answering.
        :raises TimeoutError: past ``timeout`` (the connection is dropped).
        :raises OSError: when it cannot be reached.
        """
        if self._slots is None:
            self._slots = asyncio.Semaphore(self.size)
        async with self._slots:
            conn = await self._connection()
            head = [f"{method} {target} HTTP/1.1\r\nhost: 127.0.0.1:{self.port}\r\ncontent-length: {len(body)}\r\n".encode()]
            head += [name + b": " + value + b"\r\n" for name, value in headers]
            assert conn.transport is not None
            conn.max_bytes = max_bytes
            loop = asyncio.get_running_loop()
            waiter = conn.waiter = loop.create_future()
            timer = loop.call_later(timeout, _expire, waiter)  # cheaper than asyncio.wait_for's extra task
            conn.transport.write(b"".join(head) + b"\r\n" + body)
            try:
                reply = await waiter
            except BaseException:
                conn.closed = True
                if conn.transport is not None:
                    conn.transport.abort()
                raise
            finally:
                timer.cancel()
            if not conn.closed and not reply.over_cap:
                self._idle.append(conn)
            return reply

    async def _connection(self) -> _Connection:
        while self._idle:
            conn = self._idle.pop()
            if not conn.closed:
                return conn
        loop = asyncio.get_running_loop()
        _, conn = await loop.create_connection(_Connection, "127.0.0.1", self.port)
        return conn

    def close(self) -> None:
        for conn in self._idle:
            if conn.transport is not None:
                conn.transport.close()
        self._idle.clear()
