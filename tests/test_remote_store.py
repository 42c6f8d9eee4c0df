"""Building into a live ``oxigraph serve`` on 127.0.0.1 through SPARQL 1.1 Update, like the embedded store."""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from conftest import EXAMPLES
from kgbuild.build import build
from kgbuild.query import named_queries, resolve, rows
from kgbuild.store import RemoteStore, Store

OXIGRAPH = shutil.which("oxigraph") or str(Path(sys.executable).parent / "oxigraph")


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    proc = subprocess.Popen([OXIGRAPH, "serve", "--location", str(tmp_path_factory.mktemp("oxi")), "--bind",
                             f"127.0.0.1:{port}"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url = f"http://127.0.0.1:{port}/query"
    try:
        for _ in range(100):
            try:
                urllib.request.urlopen(url + "?query=ASK%7B%7D", timeout=1)
                break
            except OSError:
                time.sleep(0.1)
        yield url
    finally:
        proc.terminate()
        proc.wait(timeout=10)


def _answers(store: Store | RemoteStore, name: str) -> list[list[str]]:
    columns, table = rows(store.query(resolve(name)))
    keep = [i for i, c in enumerate(columns) if c != "fact"]
    return sorted([line[i] for i in keep] for line in table)


def test_remote_build_answers_like_the_embedded_store(remote: str, examples_store: Store) -> None:
    store = RemoteStore(remote)
    report = build([EXAMPLES], store)
    assert len(report.built) >= 16 and not report.errors
    for name in named_queries():
        assert _answers(store, name) == _answers(examples_store, name), name
    assert len(store) == len(examples_store), "one union default graph, each triple once, as in the embedded store"
    assert store.article_graphs() == examples_store.article_graphs()
    assert store.base_iri == examples_store.base_iri and not store.query("ASK { <urn:kgbuild:store> ?p ?o }")
    again = build([EXAMPLES], store)
    assert not again.built and again.unchanged, "unchanged articles are skipped remotely too"


def test_rebuild_replaces_the_article_graph(remote: str) -> None:
    store = RemoteStore(remote)
    before = len(store)
    build([EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"], store, force=True)
    assert len(store) == before


def test_remote_load_and_unload_keep_the_union_in_step(remote: str, tmp_path: Path) -> None:
    from kgbuild.loading import load_rdf, unload

    store = RemoteStore(remote)
    before = len(store)
    ref = tmp_path / "ref.nt"
    ref.write_text('<https://ref.example/a> <https://ref.example/p> "1" .\n', encoding="utf-8")
    [loaded] = load_rdf([ref], store)
    assert len(store) == before + 1 and store.loaded_graphs() == [loaded.graph]
    unload(loaded.graph, store)
    assert len(store) == before and not store.loaded_graphs()


def test_bulk_on_a_remote_store_says_it_replaces_article_by_article(remote: str) -> None:
    store = RemoteStore(remote)
    article = EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"
    build([article], store)
    before = len(store)
    report = build([article], store, force=True, bulk=True)
    assert report.built and len(store) == before
    assert any("--bulk applies to an embedded store" in w for w in report.warnings)
