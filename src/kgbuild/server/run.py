"""``kgbuild serve``: the front, the query engine and the pages app, started and stopped together.

Three processes: this one (the front, :mod:`.gate`, and the supervisor), the native query
engine, and the pages app (Starlette under uvicorn on 127.0.0.1, restarted if it exits).  The
pages read the store through the front's own ``/sparql``, so they see the same generation as
the endpoint and never open the store themselves.
"""

from __future__ import annotations

import asyncio
import contextlib
import dataclasses
import json
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Callable

from .config import ServerConfig
from .engine import die_with_parent, free_port
from .front import Connection, keep_large_blocks_apart
from .gate import Gate
from .supervisor import Supervisor

APP_READY_S = 60.0


def _start_app(config: ServerConfig, front: str) -> tuple[subprocess.Popen[bytes], int]:
    from .factory import ENV

    port = free_port()
    pages = dataclasses.replace(config, store_path=front + "/sparql", local_store=config.store_path)
    env = {**os.environ, ENV: json.dumps(dataclasses.asdict(pages))}
    proc = subprocess.Popen([sys.executable, "-m", "uvicorn", "kgbuild.server.factory:app", "--factory",
                             "--host", "127.0.0.1", "--port", str(port), "--no-access-log", "--log-level", "warning"],
                            env=env, stdin=subprocess.DEVNULL, preexec_fn=die_with_parent)
    return proc, port


async def _wait_for_port(port: int, proc: subprocess.Popen[bytes]) -> None:
    deadline = time.monotonic() + APP_READY_S
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            _, writer = await asyncio.open_connection("127.0.0.1", port)
            writer.close()
            return
        except OSError:
            await asyncio.sleep(0.05)


def _listener(host: str, port: int) -> socket.socket:
    sock = socket.socket(socket.AF_INET6 if ":" in host else socket.AF_INET)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(1024)
    sock.setblocking(False)
    return sock


def _front_url(host: str, port: int) -> str:
    local = {"0.0.0.0": "127.0.0.1", "::": "::1", "": "127.0.0.1"}.get(host, host)
    return f"http://[{local}]:{port}" if ":" in local else f"http://{local}:{port}"


async def main(config: ServerConfig, host: str, port: int, say: Callable[[str], None]) -> None:
    """Serve until SIGTERM or SIGINT."""
    keep_large_blocks_apart()
    supervisor = Supervisor(config.store_path, writable=config.allow_update, timeout_s=config.timeout_s,
                            max_memory=config.max_memory, on_event=say)
    await supervisor.start()
    sock = _listener(host, port)
    front = _front_url(host, sock.getsockname()[1])
    app, app_port = _start_app(config, front)
    gate = Gate(config, supervisor, app_port)
    loop = asyncio.get_running_loop()
    stop = asyncio.Event()
    for sig in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(sig, stop.set)
    gate.start()
    server = await loop.create_server(lambda: Connection(gate), sock=sock, backlog=1024)
    await _wait_for_port(app_port, app)  # /sparql answers meanwhile; pages wait for this
    gate.app_ready.set()
    say(f"kgbuild serving {config.store_path} at {front}/ (SPARQL at /sparql)")
    try:
        while not stop.is_set():
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(stop.wait(), timeout=0.5)
            gate.flush_log()
            if app.poll() is not None and not stop.is_set():
                say(f"the pages app exited with status {app.returncode}: restarting it")
                gate.app_ready.clear()
                app, app_port = _start_app(config, front)
                gate.app = type(gate.app)(app_port, size=8) if gate.app else None
                await _wait_for_port(app_port, app)
                gate.app_ready.set()
    finally:
        gate.flush_log()
        gate.close()
        server.close()
        app.terminate()
        with contextlib.suppress(subprocess.TimeoutExpired):
            app.wait(timeout=5)
        if app.poll() is None:
            app.kill()
        await supervisor.close()


def serve(config: ServerConfig, host: str, port: int, say: Callable[[str], None]) -> None:
    try:
        import uvloop

        runner: Callable[..., None] = uvloop.run
    except ImportError:  # uvicorn[standard] brings it; plain asyncio works too
        runner = asyncio.run
    runner(main(config, host, port, say))
