"""Faults: a build killed at random points, concurrent reads during a build, locked and failing stores."""

from __future__ import annotations

import os
import random
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from kgbuild.build import build
from kgbuild.cli import main
from kgbuild.export import export
from kgbuild.store import Store

BUILD = [sys.executable, "-m", "kgbuild.cli", "build", str(EXAMPLES), "--no-validate", "-q", "--store"]


def _nquads(path: Path) -> bytes:
    import io

    out = io.BytesIO()
    export(Store.open_for_reading(path), out, "nquads")
    return out.getvalue()


def _graph_sets(store: Store) -> dict[str, set[str]]:
    """Every content graph physically in the store, as sets of N-Triples-like strings."""
    out: dict[str, set[str]] = {}
    for quad in store.quads():
        graph = getattr(quad.graph_name, "value", "")
        if "/graph/" in graph or "/inferred/" in graph:
            out.setdefault(graph, set()).add(f"{quad.subject} {quad.predicate} {quad.object}")
    return out


@pytest.fixture(scope="module")
def reference(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, bytes, float]:
    """A clean build of the examples, its N-Quads export, and how long the build took (its process included)."""
    path = tmp_path_factory.mktemp("reference") / "kg"
    start = time.monotonic()
    subprocess.run([*BUILD, str(path)], check=True, capture_output=True)
    return path, _nquads(path), time.monotonic() - start


def _kill_builds_then_rerun(tmp_path: Path, reference: tuple[Path, bytes, float], options: list[str], seed: int,
                            kills: int, *, recorded_only: bool, env: dict[str, str] | None = None) -> None:
    """Kill builds at random points of their run (bounded), check the store after each, then rerun to the end.

    After every kill: each content graph in the store is whole (the same triples as in the clean
    build), each recorded graph is there and whole; with ``recorded_only`` (builds that make
    articles new to the store), a graph is there only with its record and the union default
    graph holds exactly the triples of the graphs there, so readers see whole articles or none.
    The rerun, without ``--force``, must give the clean build's export byte for byte.
    """
    ref_path, expected, seconds = reference
    ref = Store.open_for_reading(ref_path)
    whole = _graph_sets(ref)
    del ref
    store = tmp_path / "killed"
    rng = random.Random(seed)
    environment = {**os.environ, **(env or {})}
    for _ in range(kills):
        proc = subprocess.Popen([*BUILD, str(store), *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                env=environment)
        time.sleep(rng.uniform(0.3, 1.0) * seconds)
        proc.kill()
        proc.wait()
        if not store.exists():
            continue  # killed before it created the store: nothing written is consistent too
        partial = Store.open_for_reading(store)
        present = _graph_sets(partial)
        for graph, triples in present.items():
            assert triples == whole[graph], f"{graph} is half-written"
        recorded = set(partial.built_hashes())
        assert recorded <= set(present), "every recorded graph is there"
        if recorded_only:
            assert set(present) == recorded, "a graph is there only with its record"
            union = {f"{q.subject} {q.predicate} {q.object}" for q in partial.union_quads()}
            assert union == set().union(*present.values()), "the union holds whole articles only"
        del partial
    subprocess.run([*BUILD, str(store)], check=True, capture_output=True, env=environment)
    assert _nquads(store) == expected
    assert not list(store.glob("bulk-*.sst")), "no file of a killed bulk load is left behind"
    assert len(Store.open_for_reading(store)) == len(Store.open_for_reading(ref_path)), "the union is whole again"


def test_killed_default_builds_leave_whole_articles_and_a_rerun_equals_a_clean_build(
        tmp_path: Path, reference: tuple[Path, bytes, float]) -> None:
    # small loads (a few articles each), so that kills land between loads as well as inside them
    _kill_builds_then_rerun(tmp_path, reference, [], seed=11, kills=4, recorded_only=True,
                            env={"KGBUILD_BULK_QUADS": "1500"})


def test_killed_rebuilds_replace_articles_whole(tmp_path: Path, reference: tuple[Path, bytes, float]) -> None:
    _kill_builds_then_rerun(tmp_path, reference, ["--force"], seed=7, kills=3, recorded_only=False,
                            env={"KGBUILD_BULK_QUADS": "1500"})


def test_killed_per_article_builds_leave_whole_articles(tmp_path: Path, reference: tuple[Path, bytes, float]) -> None:
    _kill_builds_then_rerun(tmp_path, reference, ["--per-article"], seed=5, kills=3, recorded_only=True)


_LOADER = """
import sys
from kgbuild.store import Store, graph_lines, GraphRecord
store = Store.open(sys.argv[1])
graphs = [(f"https://example.org/kg/graph/{g}", [f'<https://example.org/s{g}-{i}> <https://example.org/p> "{i}" .'
                                                 for i in range(2500)]) for g in range(40)]
meta = [line for graph, _ in graphs for line in graph_lines(GraphRecord(graph, "article", "h"))]
print("loading", flush=True)
store.bulk_add_graphs(graphs, meta)
print("loaded", flush=True)
"""


def test_a_bulk_load_killed_at_any_point_leaves_all_of_it_or_none(tmp_path: Path) -> None:
    # one load of 200,000 quads (40 graphs, their union and records): Oxigraph ingests it in one step
    rng = random.Random(3)
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", _LOADER, str(tmp_path / "whole")], check=True, capture_output=True)
    seconds = time.monotonic() - start
    for attempt in range(2):
        target = tmp_path / f"killed{attempt}"
        proc = subprocess.Popen([sys.executable, "-c", _LOADER, str(target)], stdout=subprocess.PIPE, text=True)
        assert proc.stdout is not None and proc.stdout.readline().strip() == "loading"
        time.sleep(rng.uniform(0.0, 1.0) * seconds)
        proc.kill()
        proc.wait()
        store = Store.open(target)
        graphs, recorded = store.graphs(), store.built_hashes()
        assert len(store) in (0, 100_000) and len(graphs) in (0, 41) and len(recorded) == len(graphs) - (len(graphs) > 0)
        assert not list(target.glob("bulk-*.sst"))
        del store


def _workers(pid: int) -> list[int]:
    """The pool workers of a process (not multiprocessing's resource tracker)."""
    found = []
    for entry in Path("/proc").iterdir():
        try:
            if entry.name.isdigit() and int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1]) == pid \
                    and b"spawn_main" in (entry / "cmdline").read_bytes():
                found.append(int(entry.name))
        except (OSError, ValueError, IndexError):
            continue
    return found


def test_the_workers_die_with_a_killed_build(tmp_path: Path) -> None:
    import json

    corpus = tmp_path / "many.jsonl"  # enough articles that the build is still running when it is killed
    text = ("Ngày {n}/3, Công đoàn Viên chức tỉnh Phú Yên tổ chức Hội nghị tổng kết công tác công đoàn năm "
            "2024. Đồng chí Trần Văn Nam, Chủ tịch Công đoàn Viên chức tỉnh, chủ trì hội nghị.")
    corpus.write_text("".join(json.dumps({"id": f"bai-{n}", "title": f"Hội nghị tổng kết {n}",
                                          "text": text.format(n=n % 28 + 1)}, ensure_ascii=False) + "\n"
                              for n in range(3000)), encoding="utf-8")
    proc = subprocess.Popen([sys.executable, "-m", "kgbuild.cli", "build", str(corpus), "--no-validate", "-q",
                             "--store", str(tmp_path / "kg"), "--workers", "2"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL)
    workers: list[int] = []
    deadline = time.monotonic() + 120
    while len(workers) < 2 and time.monotonic() < deadline and proc.poll() is None:
        time.sleep(0.2)
        workers = _workers(proc.pid)
    proc.kill()
    proc.wait()
    assert len(workers) >= 2, "the build started its workers"
    for _ in range(300):
        if not any(Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid) for pid in workers):
            break
        time.sleep(0.1)
    assert not any(Path(f"/proc/{pid}").exists() and "zombie" not in _state(pid) for pid in workers)


def _state(pid: int) -> str:
    try:
        return next(line for line in Path(f"/proc/{pid}/status").read_text().splitlines() if line.startswith("State"))
    except (OSError, StopIteration):
        return "zombie"


def test_reads_during_a_build_see_whole_articles(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kg")
    reference = Store.memory()
    build([EXAMPLES], reference)
    sizes = {g: sum(1 for _ in reference.quads(g)) for g in reference.article_graphs()}
    seen: list[dict[str, int]] = []
    done = threading.Event()

    def reader() -> None:
        query = "SELECT ?g (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } } GROUP BY ?g"
        while not done.is_set():
            seen.append({r["g"].value: int(r["n"].value) for r in store.query(query, union=False)})

    thread = threading.Thread(target=reader)
    thread.start()
    try:
        build([EXAMPLES], store)
    finally:
        done.set()
        thread.join()
    assert len(seen) > 1
    for snapshot in seen:
        for graph, n in snapshot.items():
            if graph in sizes:
                assert n == sizes[graph], "a reader never sees half an article"


def test_a_store_in_use_by_another_build_is_a_clear_error(tmp_path: Path) -> None:
    store = tmp_path / "kg"
    holder = subprocess.Popen([sys.executable, "-c", f"import pyoxigraph,time; s=pyoxigraph.Store({str(store)!r}); "
                               "print('open', flush=True); time.sleep(30)"], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "open"
        result = CliRunner().invoke(main, ["build", str(EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"), "--store", str(store)])
        assert result.exit_code == 1 and "in use by another kgbuild process" in result.output
    finally:
        holder.kill()
        holder.wait()


def test_a_store_path_that_is_a_file_is_a_clear_error(tmp_path: Path) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x")
    result = CliRunner().invoke(main, ["build", str(EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"),
                                       "--store", str(blocker / "kg")])
    assert result.exit_code == 1 and result.output.startswith("Error: ") and "cannot open store" in result.output


def test_a_full_disk_is_a_clear_error(tmp_path: Path) -> None:
    # RLIMIT_FSIZE makes every write past 200 kB fail (EFBIG), as a full disk would, without root
    script = ("import resource, signal, sys; signal.signal(signal.SIGXFSZ, signal.SIG_IGN); "
              "resource.setrlimit(resource.RLIMIT_FSIZE, (200_000, 200_000)); "
              "from kgbuild.cli import main; sys.argv = ['kgbuild'] + sys.argv[1:]; main()")
    result = subprocess.run([sys.executable, "-c", script, "build", str(EXAMPLES), "--no-validate", "-q", "--store",
                             str(tmp_path / "kg")], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr, result.stderr[-2000:]
    assert "Error:" in result.stderr or "error:" in result.stderr


def _read_only_namespace_works() -> bool:
    probe = subprocess.run(["unshare", "-rm", "sh", "-c", "mount -t tmpfs -o ro tmpfs /mnt"], capture_output=True)
    return probe.returncode == 0


def test_a_read_only_disk_is_a_clear_error(tmp_path: Path) -> None:
    import pytest

    if not _read_only_namespace_works():
        pytest.skip("this machine allows no user namespace to mount a read-only file system in")
    folder = tmp_path / "ro"
    folder.mkdir()
    store = Store.open(folder / "kg")
    build([EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"], store)
    store.flush()
    del store
    command = (f"mount --bind {folder} {folder} && mount -o remount,bind,ro {folder} && exec {sys.executable} -m "
               f"kgbuild.cli build {EXAMPLES / 'cdvc-viet-nam-tuyen-duong.txt'} --store {folder / 'kg'} --no-validate -q")
    result = subprocess.run(["unshare", "-rm", "sh", "-c", command], capture_output=True, text=True, timeout=120)
    assert result.returncode != 0
    assert "Traceback" not in result.stderr and "Error: " in result.stderr, result.stderr[-1500:]
    assert str(folder / "kg") in result.stderr
