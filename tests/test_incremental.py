"""Incremental rebuilds: an unchanged corpus writes nothing, a changed article rewrites its graph only."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pytest

from conftest import EXAMPLES
from kgbuild.build import build
from kgbuild.export import export
from kgbuild.store import Store


class Writes:
    """Which graphs the real store is asked to write (the calls go through unchanged)."""

    def __init__(self, store: Store, monkeypatch: pytest.MonkeyPatch) -> None:
        self.graphs: list[str] = []
        replace, bulk, remove = store.replace_graph, store.bulk_add_graphs, store.remove_graph

        def replace_graph(graph, quads, **options):  # type: ignore[no-untyped-def]
            self.graphs.append(graph)
            return replace(graph, quads, **options)

        def bulk_add_graphs(graphs, meta=()):  # type: ignore[no-untyped-def]
            self.graphs.extend(graph for graph, _ in graphs)
            return bulk(graphs, meta)

        def remove_graph(graph):  # type: ignore[no-untyped-def]
            self.graphs.append(graph)
            return remove(graph)

        monkeypatch.setattr(store, "replace_graph", replace_graph)
        monkeypatch.setattr(store, "bulk_add_graphs", bulk_add_graphs)
        monkeypatch.setattr(store, "remove_graph", remove_graph)


def _nquads(store: Store) -> bytes:
    out = io.BytesIO()
    export(store, out, "nquads")
    return out.getvalue()


def _corpus(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(EXAMPLES, corpus)
    return corpus


def test_an_unchanged_corpus_writes_no_graph(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path)
    store = Store.open(tmp_path / "kg")
    first = build([corpus], store)
    before = _nquads(store)
    writes = Writes(store, monkeypatch)
    again = build([corpus], store)
    assert not again.built and sorted(again.unchanged) == sorted(first.built)
    assert writes.graphs == [] and _nquads(store) == before


def test_changing_one_article_rewrites_its_graph_only(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    corpus = _corpus(tmp_path)
    store = Store.open(tmp_path / "kg")
    build([corpus], store)
    others = {g: sorted(str(q) for q in store.quads(g)) for g in store.article_graphs()}
    changed = corpus / "tuyen-duong-ldld-binh-dinh.txt"
    changed.write_text(changed.read_text(encoding="utf-8") + "\nCông đoàn Viên chức tỉnh Bình Định trao 12 suất quà "
                       "cho đoàn viên khó khăn.\n", encoding="utf-8")
    writes = Writes(store, monkeypatch)
    report = build([corpus], store)
    graph = next(g for g in others if g.endswith("/" + changed.stem))
    assert report.built == [changed.stem] and writes.graphs == [graph]
    for name, quads in others.items():
        if name != graph:
            assert sorted(str(q) for q in store.quads(name)) == quads, f"{name} was left as it was"
    assert sorted(str(q) for q in store.quads(graph)) != others[graph]
    fresh = Store.open(tmp_path / "fresh")
    build([corpus], fresh)
    assert _nquads(store) == _nquads(fresh), "the same dataset as a first build of the changed corpus"
