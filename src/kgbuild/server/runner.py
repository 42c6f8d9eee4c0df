"""Run queries in a bounded pool of threads and stop waiting at the deadline.

pyoxigraph has no query timeout, but it releases the GIL while it evaluates: a worker
thread evaluates *and serialises* (results are lazy, so evaluation happens while they are
read) and the request handler waits at most ``timeout_s`` for it.  A query past its
deadline is reported to the client (503) while its thread finishes in the background;
the pool's size bounds how many such queries can run at once.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")


class QueryTimeout(Exception):
    """The query did not finish within the time limit."""


class Runner:
    def __init__(self, workers: int, timeout_s: float) -> None:
        self.pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="kgbuild-query")
        self.timeout_s = timeout_s

    async def run(self, fn: Callable[[], T]) -> T:
        """Run ``fn`` in the pool; :raises QueryTimeout: past the deadline."""
        loop = asyncio.get_running_loop()
        future = loop.run_in_executor(self.pool, fn)
        try:
            return await asyncio.wait_for(asyncio.shield(future), timeout=self.timeout_s)
        except TimeoutError:
            raise QueryTimeout(f"the query did not finish within {self.timeout_s:g} s "
                               "(the limit is set with kgbuild serve --timeout)") from None

    def close(self) -> None:
        self.pool.shutdown(wait=False, cancel_futures=True)
