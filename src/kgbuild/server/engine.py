"""The query engine: a native ``oxigraph`` server process on 127.0.0.1, one at a time.

Why a process of its own: the native server (the ``oxigraph`` package's binary) parses and
evaluates in Rust on every core, and a process is the unit that can be stopped for certain.
Its own ``--timeout-s`` is not used: measured here (0.5.13) it starts a thread per query that
sleeps until the timeout (15,000 threads and 32 GB of address space after 3 s of cheap queries
with a 30 s limit, at an eighth of the rate without it), and it stopped a cross product 3.6 s
late; the supervisor kills the process at the deadline instead, which always works.  The supervisor in :mod:`.gate` replaces
an engine that crashed, ran past its deadline or grew past its memory limit; this module only
starts, watches and stops one.

Memory: glibc gives every thread an arena of its own, which makes the address space of a
server with many connections large and meaningless, so arenas are capped (``MALLOC_ARENA_MAX``)
and the limit that counts is the resident size, read from ``/proc`` by the supervisor;
``RLIMIT_AS`` stays as a backstop at twice that limit.
"""

from __future__ import annotations

import os
import resource
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import KgbuildError

READY_TIMEOUT_S = 30.0
_PAGE = os.sysconf("SC_PAGE_SIZE")


class EngineError(KgbuildError):
    """The query engine could not be started."""


def oxigraph_binary() -> str:
    """The native ``oxigraph`` command (installed with kgbuild by the ``oxigraph`` package).

    :raises EngineError: when it is not installed.
    """
    found = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")
    if not os.access(found, os.X_OK):
        raise EngineError("the native `oxigraph` server is not installed: pip install 'oxigraph>=0.5,<0.6'")
    return found


def die_with_parent() -> None:
    """In the engine's process: be killed when ``kgbuild serve`` dies, even by SIGKILL (Linux)."""
    try:
        import ctypes

        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@dataclass
class Engine:
    """One running native server and what the supervisor knows about it."""

    proc: subprocess.Popen[bytes]
    port: int
    location: str
    writable: bool
    generation: int = 0
    inflight: int = 0
    started: float = field(default_factory=time.monotonic)
    baseline_rss: int = 0
    retired: bool = False
    retired_at: float = 0.0
    replacing: bool = False
    reason: str = ""
    cpu: float = 0.0  # its CPU seconds when last read
    moved_at: float = field(default_factory=time.monotonic)  # when it last used CPU, or had nothing to do

    def note_progress(self, now: float) -> None:
        """Read its CPU time: an engine with requests that uses none is not working on them (stopped, deadlocked)."""
        if self.inflight == 0:
            self.moved_at = now
            return
        cpu = self.cpu_seconds()
        if cpu != self.cpu:
            self.cpu, self.moved_at = cpu, now

    @property
    def alive(self) -> bool:
        return self.proc.poll() is None

    def rss(self) -> int:
        """Resident memory in bytes (0 once the process is gone)."""
        try:
            with open(f"/proc/{self.proc.pid}/statm", "rb") as f:
                return int(f.read().split()[1]) * _PAGE
        except (OSError, IndexError, ValueError):
            return 0

    def cpu_seconds(self) -> float:
        try:
            with open(f"/proc/{self.proc.pid}/stat", "rb") as f:
                fields = f.read().rsplit(b")", 1)[1].split()
            return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")
        except (OSError, IndexError, ValueError):
            return 0.0

    def kill(self) -> None:
        """Stop at once: a runaway query's CPU and memory come back now."""
        if self.alive:
            self.proc.kill()
        self.proc.wait()

    def stop(self) -> None:
        if self.alive:
            self.proc.terminate()
            try:
                self.proc.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self.kill()


def start(location: str, *, writable: bool, max_memory: int, log: Path,
          generation: int = 0) -> Engine:
    """Start a native server over ``location`` and wait until it answers; its messages go to ``log``.

    :raises EngineError: when it exits or does not answer within :data:`READY_TIMEOUT_S`.
    """
    port = free_port()
    args = [oxigraph_binary(), "serve" if writable else "serve-read-only", "--location", location,
            "--bind", f"127.0.0.1:{port}"]
    backstop = 2 * max_memory + (1 << 30)

    def limits() -> None:
        resource.setrlimit(resource.RLIMIT_AS, (backstop, backstop))
        resource.setrlimit(resource.RLIMIT_CORE, (0, 0))
        die_with_parent()

    env = {**os.environ, "MALLOC_ARENA_MAX": "2"}
    with open(log, "ab") as out:
        proc = subprocess.Popen(args, stdin=subprocess.DEVNULL, stdout=out, stderr=out, preexec_fn=limits,
                                env=env)  # the limits are set in the child only
    engine = Engine(proc, port, location, writable, generation)
    deadline = time.monotonic() + READY_TIMEOUT_S
    while time.monotonic() < deadline:
        if not engine.alive:
            message = log.read_bytes()[-300:].decode(errors="replace").strip()
            raise EngineError(f"{location}: the query engine exited: {message or proc.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/query?query=ASK%7B%7D", timeout=1):
                engine.baseline_rss = engine.rss()
                return engine
        except OSError:
            time.sleep(0.02)
    engine.kill()
    raise EngineError(f"{location}: the query engine did not answer within {READY_TIMEOUT_S:g} s")
