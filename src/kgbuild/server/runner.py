"""Run queries in a bounded pool of threads and stop waiting at the deadline.

pyoxigraph has no query timeout, but it releases the GIL while it evaluates: a worker
thread evaluates *and serialises* (results are lazy, so evaluation happens while they are
read) and the request handler waits at most ``timeout_s`` for it.  A query past its
deadline is reported to the client (503) while its thread finishes in the background;
the pool's size bounds how many such queries run at once.  The workers are daemon
threads, so a runaway query never keeps the server from shutting down.
"""

from __future__ import annotations

import asyncio
import queue
import threading
from collections.abc import Callable
from concurrent.futures import Future
from typing import Any, TypeVar

T = TypeVar("T")


class QueryTimeout(Exception):
    """The query did not finish within the time limit."""


class Runner:
    def __init__(self, workers: int, timeout_s: float) -> None:
        self.timeout_s = timeout_s
        self._jobs: queue.SimpleQueue[tuple[Callable[[], Any], Future[Any]] | None] = queue.SimpleQueue()
        self._threads = [threading.Thread(target=self._work, name=f"kgbuild-query-{n}", daemon=True)
                         for n in range(workers)]
        for thread in self._threads:
            thread.start()

    def _work(self) -> None:
        while (job := self._jobs.get()) is not None:
            fn, future = job
            if not future.set_running_or_notify_cancel():
                continue
            try:
                future.set_result(fn())
            except BaseException as err:  # handed to the waiting request
                future.set_exception(err)

    def submit(self, fn: Callable[[], T]) -> Future[T]:
        future: Future[T] = Future()
        self._jobs.put((fn, future))
        return future

    async def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` in the pool; :raises QueryTimeout: past the deadline."""
        future = asyncio.wrap_future(self.submit(fn))
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout=self.timeout_s)
        except TimeoutError:
            raise QueryTimeout(f"the query did not finish within {self.timeout_s:g} s "
                               "(the limit is set with kgbuild serve --timeout)") from None

    def close(self) -> None:
        for _ in self._threads:
            self._jobs.put(None)
