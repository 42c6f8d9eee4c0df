"""RDF files loaded into the store beside the articles: reference data, province lists, corrections.

Each file (or each ``--graph`` named for several) becomes a named graph of its own, recorded as
``loaded`` in the build record: builds never replace it, ``stats`` lists it, ``export`` and
``publish`` write it with the articles, ``validate`` checks it, and its triples join the union
default graph.  ``unload`` removes it again.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import quote

from .errors import KgbuildError
from .store import LOADED, Dataset, GraphRecord, graph_lines, is_content_graph
from .store.formats import rdf_format_of_file, read_rdf


@dataclass(frozen=True)
class Loaded:
    graph: str
    files: tuple[str, ...]
    quads: int


def graph_for(store: Dataset, file: Path) -> str:
    """The graph a file is loaded into when none is named: ``<base>loaded/<file name>``.

    >>> from kgbuild.store import Store
    >>> graph_for(Store.memory(), Path("ref/tỉnh.ttl"))
    'https://data.example.org/kgbuild/loaded/t%E1%BB%89nh.ttl'
    """
    return f"{store.resolve_base(None)}loaded/{quote(file.name, safe='-_.~')}"


def _check_target(store: Dataset, graph: str, records: dict[str, GraphRecord]) -> None:
    if not graph.startswith(("http://", "https://", "urn:")) or any(c in graph for c in ' <>"{}|\\^`'):
        raise KgbuildError(f"{graph}: not a graph IRI (an absolute http(s) IRI without spaces or <>\"{{}}|\\^`)")
    if not is_content_graph(graph):
        raise KgbuildError(f"{graph}: kgbuild keeps this graph itself; load into another")
    old = records.get(graph)
    if old is not None and old.kind != LOADED:
        raise KgbuildError(f"{graph}: this is an {old.kind} graph of the build; load into a graph of its own")


def load_rdf(files: Iterable[str | Path], store: Dataset, *, graph: str | None = None,
             fmt: str | None = None) -> list[Loaded]:
    """Load RDF files (Turtle, N-Triples, N-Quads, TriG, JSON-LD, RDF/XML; ``.gz`` too) into named graphs.

    Each file replaces its own graph (``<base>loaded/<file name>``), or all go into ``graph``
    together, replacing what it held.  Every file is parsed before anything is written.

    :raises InputError: for a file that is not RDF of its format.
    :raises KgbuildError: for a graph that is an article's, the ontology's or the record's.
    """
    records = store.graph_records()
    targets: dict[str, list[Path]] = {}
    for name in files:
        path = Path(name)
        targets.setdefault(graph or graph_for(store, path), []).append(path)
    parsed = []
    for target, paths in targets.items():
        _check_target(store, target, records)
        quads, digest = [], hashlib.sha256()
        for path in paths:
            found = read_rdf(path, rdf_format_of_file(path, fmt), target)
            quads.extend(found)
            digest.update(path.read_bytes())
        parsed.append((target, paths, quads, digest.hexdigest()))
    out = []
    for target, paths, quads, digest in parsed:
        source = ", ".join(str(p) for p in paths)
        store.replace_graph(target, quads, meta=graph_lines(GraphRecord(target, LOADED, digest, source)))
        out.append(Loaded(target, tuple(str(p) for p in paths), len(quads)))
    store.flush()
    return out


def unload(graph: str, store: Dataset) -> Loaded:
    """Remove a loaded graph (its IRI, or the file name it was loaded from); what it was.

    :raises KgbuildError: when ``graph`` is not a loaded graph of the store.
    """
    records = store.graph_records()
    if graph not in records:
        by_file = [g for g, r in records.items() if r.kind == LOADED and r.source and
                   graph in [s.strip() for s in r.source.split(",")] + [Path(s.strip()).name for s in r.source.split(",")]]
        if len(by_file) == 1:
            graph = by_file[0]
    record = records.get(graph)
    if record is None or record.kind != LOADED:
        loaded = [g for g, r in records.items() if r.kind == LOADED]
        what = f"an {record.kind} graph; rebuild or remove its source instead" if record else "not in this store"
        raise KgbuildError(f"{graph}: {what} (loaded graphs: {', '.join(loaded) or 'none'})")
    count = sum(1 for _ in store.quads(graph))
    store.remove_graph(graph)
    store.flush()
    return Loaded(graph, tuple(s.strip() for s in (record.source or "").split(",") if s.strip()), count)


__all__ = ["Loaded", "graph_for", "load_rdf", "unload"]
