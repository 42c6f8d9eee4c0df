"""Shared fixtures: one pipeline, one built store of the examples, the seeds when ../shared is there."""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from kgbuild.build import build
from kgbuild.store import Store

# One process per build in tests, except where a test asks for more: spawning workers costs seconds.
os.environ.setdefault("KGBUILD_WORKERS", "1")
ROOT = Path(__file__).resolve().parent.parent
EXAMPLES = ROOT / "examples"
SHARED = ROOT.parent / "shared"
SEEDS = SHARED / "corpus" / "seeds"
SEED_GOLD = SHARED / "corpus" / "seed_gold"
DATA = Path(__file__).resolve().parent / "data"


def need_seeds() -> None:
    if not (SEEDS.is_dir() and SEED_GOLD.is_dir()):
        pytest.skip(f"the real seed articles are not beside the repository ({SEEDS} is missing)")


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Store:
    store = Store.open(tmp_path_factory.mktemp("examples") / "kg")
    report = build([EXAMPLES], store)
    assert not report.errors
    return store


@pytest.fixture(scope="session")
def examples_path(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A closed store of the examples, for tests that open it themselves (a pages app, a served store)."""
    path = tmp_path_factory.mktemp("examples-closed") / "kg"
    store = Store.open(path)
    build([EXAMPLES], store, validate=False)
    del store
    return path


@pytest.fixture(scope="session")
def seeds_store(tmp_path_factory: pytest.TempPathFactory) -> tuple[Store, Path]:
    need_seeds()
    path = tmp_path_factory.mktemp("seeds") / "kg"
    store = Store.open(path)
    report = build([SEEDS], store)
    assert report.built and not report.errors
    return store, path


def start_server(path: Path, *options: str) -> tuple[subprocess.Popen[str], str]:
    """A real ``kgbuild serve`` on a free port of 127.0.0.1, once it answers; the caller terminates it."""
    import socket
    import time

    import httpx

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    # the access log goes to a file: a pipe nobody reads fills up and stops the server under load
    log = tempfile.NamedTemporaryFile("w+", prefix="kgbuild-serve-", suffix=".log", delete=False)  # noqa: SIM115
    proc = subprocess.Popen([sys.executable, "-m", "kgbuild.cli", "serve", "--store", str(path), "--port", str(port),
                             *options], stdout=log, stderr=subprocess.STDOUT, text=True)
    proc.log_path = log.name  # type: ignore[attr-defined]
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            httpx.get(url + "/-/health", timeout=1)
            return proc, url
        except httpx.HTTPError:
            time.sleep(0.1)
    proc.kill()
    raise RuntimeError("kgbuild serve did not start")


def stop_server(proc: subprocess.Popen[str]) -> str:
    """Stop a server started by :func:`start_server` (killing it if it does not stop); its output."""
    proc.terminate()
    try:
        proc.wait(timeout=20)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.wait()
    path = Path(proc.log_path)  # type: ignore[attr-defined]
    text = path.read_text(encoding="utf-8", errors="replace")
    path.unlink(missing_ok=True)
    return text
