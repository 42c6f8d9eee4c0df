"""Faults: a build killed at random points, concurrent reads during a build, locked and failing stores."""

from __future__ import annotations

import random
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

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


def _kill_builds_then_rerun(tmp_path: Path, options: list[str], seed: int, kills: int,
                            check: Callable[[Store, Store], None]) -> None:
    """Kill builds at random points (bounded), ``check(killed, reference)`` after each, then rerun to the end."""
    reference = tmp_path / "reference"
    subprocess.run([*BUILD, str(reference)], check=True, capture_output=True)
    expected = _nquads(reference)
    store = tmp_path / "killed"
    rng = random.Random(seed)
    for _ in range(kills):
        proc = subprocess.Popen([*BUILD, str(store), *options], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(rng.uniform(0.5, 3.0))
        proc.kill()
        proc.wait()
        if not store.exists():
            continue  # killed before it created the store: nothing written is consistent too
        partial, ref = Store.open_for_reading(store), Store.open_for_reading(reference)
        check(partial, ref)
        del partial, ref
    rerun = [option for option in options if option != "--force"]  # the rerun is incremental
    subprocess.run([*BUILD, str(store), *rerun], check=True, capture_output=True)
    assert _nquads(store) == expected
    assert not list(store.glob("bulk-*.sst")), "no file of a killed bulk load is left behind"
    union = Store.open_for_reading(store)
    assert len(union) == len(Store.open_for_reading(reference)), "the union default graph is whole again"


def _same_graph(partial: Store, reference: Store, graph: str) -> None:
    assert {str(q) for q in partial.quads(graph)} == {str(q) for q in reference.quads(graph)}, graph


def test_killed_builds_leave_a_consistent_store_and_a_rerun_finishes_the_job(tmp_path: Path) -> None:
    def every_article_present_is_whole(partial: Store, reference: Store) -> None:
        for graph in partial.article_graphs():
            _same_graph(partial, reference, graph)

    _kill_builds_then_rerun(tmp_path, ["--force"], seed=7, kills=5, check=every_article_present_is_whole)


def test_killed_bulk_builds_leave_every_recorded_article_whole_and_a_rerun_finishes_the_job(tmp_path: Path) -> None:
    def every_recorded_article_is_whole(partial: Store, reference: Store) -> None:
        for graph in partial.built_hashes():
            _same_graph(partial, reference, graph)

    _kill_builds_then_rerun(tmp_path, ["--bulk"], seed=11, kills=4, check=every_recorded_article_is_whole)


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
