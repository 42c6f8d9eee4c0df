"""Keeps one healthy query engine serving the newest generation of the store.

A *generation* is a snapshot of the store (:func:`kgbuild.store.snapshot`: a RocksDB checkpoint
of hard links, cheap and consistent) that only the engine opens, read-only.  The store itself
is opened only for the instant a snapshot takes, so ``kgbuild build`` can write it while the
server answers from the last generation; once the build has finished (its files changed and
its lock is free) a new generation is taken, a new engine started on it, and requests go to
it from then on while the old engine finishes what it was answering.

The supervisor replaces an engine that exited (a crash), that a request found past its
deadline (``kill``), or whose resident memory passed ``--max-memory``; requests waiting for
an engine during a replacement wait, they do not fail.  With ``--allow-update`` the engine is
the store's writer (``oxigraph serve``) and there are no generations.
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import shutil
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

from ..store import snapshot
from . import engine as engines
from .engine import Engine

WATCH_INTERVAL_S = 0.1  # how often memory and liveness are read
FRESH_INTERVAL_S = 1.0  # how often the store folder is looked at for a finished build
HELD_WAIT_S = 2.0  # at start, how long to wait for another process to let go of the store before copying anyway
BLOAT = 1.2  # an idle engine above this share of its starting memory (plus 32 MiB) is recycled
_SLACK = 32 << 20


def fingerprint(path: str) -> tuple[tuple[str, int, int], ...]:
    """What the store's files look like (names, sizes, times): changes when anything was written."""
    try:
        entries = [(e.name, e.stat().st_size, e.stat().st_mtime_ns) for e in os.scandir(path)
                   if e.is_file() and e.name != "LOCK" and not e.name.startswith("LOG")]
    except OSError:
        return ()
    return tuple(sorted(entries))


class Supervisor:
    """The current engine, its replacement when needed, and the generations behind them."""

    def __init__(self, store_path: str, *, writable: bool, timeout_s: float, max_memory: int,
                 on_event: Callable[[str], None] | None = None) -> None:
        self.store_path = str(Path(store_path).resolve())
        self.writable = writable
        self.timeout_s = timeout_s
        self.max_memory = max_memory
        self.current: Engine | None = None
        self.generation = 0
        self.replacements = 0
        self.events: list[str] = []
        self._on_event = on_event
        self._ready = asyncio.Event()
        self._replacing: asyncio.Task[None] | None = None
        self._fingerprint: tuple[tuple[str, int, int], ...] = ()
        self._old: list[Engine] = []
        parent = Path(self.store_path).parent
        self.work = Path(tempfile.mkdtemp(prefix=f".{Path(self.store_path).name}.serving-", dir=parent))
        self._tasks: list[asyncio.Task[None]] = []

    # -- life cycle -------------------------------------------------------------------------
    async def start(self) -> None:
        """Start the first engine (waiting for a running build to finish first, when one holds the store)."""
        engine = await self._new_engine(wait=True)
        self._switch(engine)
        self._tasks = [asyncio.create_task(self._watch())]
        if not self.writable:
            self._tasks.append(asyncio.create_task(self._freshen()))

    async def close(self) -> None:
        for task in self._tasks:
            task.cancel()
        if self._replacing:
            self._replacing.cancel()
        for engine in [*self._old, *([self.current] if self.current else [])]:
            engine.stop()
        shutil.rmtree(self.work, ignore_errors=True)

    def ready(self) -> Engine | None:
        """The current engine when it can take a request now (the common case, without waiting)."""
        engine = self.current
        if engine is not None and self._ready.is_set() and not engine.retired and engine.proc.returncode is None:
            return engine
        return None

    async def engine(self) -> Engine:
        """The engine to send a request to, waiting while one is being replaced."""
        while True:
            await self._ready.wait()
            engine = self.current
            if engine is not None and engine.alive and not engine.retired:
                return engine
            self._ready.clear()
            self.replace(engine, "the query engine stopped", now=True)

    # -- replacing --------------------------------------------------------------------------
    def replace(self, engine: Engine | None, reason: str, *, now: bool) -> None:
        """Replace ``engine`` if it is still the current one.

        ``now``: kill it at once (its requests are retried by the gate) and hold new requests until
        the replacement answers.  Otherwise it keeps serving until the replacement is ready.
        """
        if engine is None or engine is not self.current or engine.retired or (engine.replacing and not now):
            return
        engine.replacing = True
        engine.reason = reason
        self._event(f"replacing the query engine (pid {engine.proc.pid}): {reason}")
        if now:
            engine.retired = True
            engine.retired_at = time.monotonic()
            engine.kill()
            self._ready.clear()
        if self._replacing is None or self._replacing.done():
            self._replacing = asyncio.create_task(self._respawn())

    async def _respawn(self) -> None:
        while True:
            try:
                engine = await self._new_engine(wait=False)
                break
            except engines.EngineError as err:
                self._event(f"cannot start the query engine: {err}; trying again")
                await asyncio.sleep(0.5)
        self.replacements += 1
        self._switch(engine)

    async def _new_engine(self, *, wait: bool) -> Engine:
        loop = asyncio.get_running_loop()
        if self.writable:
            # one writer at a time: the old engine must be gone before the new one opens the store
            for old in self._old:
                old.kill()
            return await loop.run_in_executor(None, self._start, self.store_path, 0)
        current = self.current
        if current is not None and not self._stale() and Path(current.location).exists():
            return await loop.run_in_executor(None, self._start, current.location, current.generation)
        waited = 0.0
        while True:
            held_too_long = current is None and waited >= HELD_WAIT_S
            made = await loop.run_in_executor(None, self._snapshot, held_too_long)
            if made is not None:
                location, number = made
                if held_too_long:
                    self._event("another process holds the store: serving what it had written so far, "
                                "and its final state once it lets go")
                return await loop.run_in_executor(None, self._start, location, number)
            if not wait and current is not None and Path(current.location).exists():
                return await loop.run_in_executor(None, self._start, current.location, current.generation)
            await asyncio.sleep(0.1)
            waited += 0.1

    def _start(self, location: str, generation: int) -> Engine:
        return engines.start(location, writable=self.writable,
                             max_memory=self.max_memory, log=self.work / "engine.log", generation=generation)

    def _snapshot(self, even_if_held: bool = False) -> tuple[str, int] | None:
        number = self.generation + 1
        target = self.work / f"generation-{number}"
        if not snapshot(self.store_path, str(target), even_if_held=even_if_held):
            return None
        self.generation = number
        # a copy taken while another process holds the store is refreshed once that process lets go
        self._fingerprint = () if even_if_held else fingerprint(self.store_path)
        return str(target), number

    def _stale(self) -> bool:
        return not self.writable and fingerprint(self.store_path) != self._fingerprint

    def _switch(self, engine: Engine) -> None:
        previous = self.current
        self.current = engine
        self._ready.set()
        if previous is not None and previous is not engine:
            if not previous.retired:
                previous.retired = True
                previous.retired_at = time.monotonic()
            self._old.append(previous)
        self._event(f"query engine pid {engine.proc.pid} serving generation {engine.generation} on port {engine.port}")

    # -- watching ---------------------------------------------------------------------------
    async def _watch(self) -> None:
        """Liveness, memory and the draining of old engines, every :data:`WATCH_INTERVAL_S`."""
        while True:
            await asyncio.sleep(WATCH_INTERVAL_S)
            engine = self.current
            if engine is not None and not engine.retired:
                engine.note_progress(time.monotonic())
                if not engine.alive:
                    self.replace(engine, f"it exited with status {engine.proc.returncode}", now=True)
                elif engine.rss() > self.max_memory:
                    self.replace(engine, f"it used more than {self.max_memory >> 20} MiB (--max-memory)", now=True)
                elif engine.inflight == 0 and engine.rss() > BLOAT * engine.baseline_rss + _SLACK:
                    self.replace(engine, "it kept memory after a large query", now=False)
            for old in list(self._old):
                overdue = time.monotonic() - old.retired_at > self.timeout_s + 2
                if old.inflight == 0 or not old.alive or overdue or old.rss() > self.max_memory:
                    if old.inflight == 0:
                        old.stop()
                    else:
                        old.kill()
                    self._old.remove(old)
                    self._forget(old)

    async def _freshen(self) -> None:
        """Take a new generation once a build has changed the store and let go of it."""
        while True:
            await asyncio.sleep(FRESH_INTERVAL_S)
            if self._stale() and self.current is not None and not self.current.retired:
                made = await asyncio.get_running_loop().run_in_executor(None, self._snapshot)
                if made is None:
                    continue  # a build holds the store: keep serving the last generation
                location, number = made
                try:
                    engine = await asyncio.get_running_loop().run_in_executor(None, self._start, location, number)
                except engines.EngineError as err:
                    self._event(f"cannot serve generation {number}: {err}")
                    continue
                self._switch(engine)

    def _forget(self, old: Engine) -> None:
        """Remove an old generation's snapshot once no engine reads it."""
        users = [e for e in [self.current, *self._old] if e is not None]
        if old.location != self.store_path and all(e.location != old.location for e in users):
            with contextlib.suppress(OSError):
                shutil.rmtree(old.location)

    def _event(self, message: str) -> None:
        self.events.append(f"{time.strftime('%H:%M:%S')} {message}")
        del self.events[:-50]
        if self._on_event:
            self._on_event(message)
