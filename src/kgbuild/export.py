"""Write the store in the formats linked-data portals load.

Dataset formats (N-Quads, TriG) keep one named graph per article (and per loaded file) and
are streamed graph by graph, so memory stays flat however large the store.  Graph formats
(Turtle, N-Triples, RDF/XML) carry the store's default graph: the union of those graphs, each
triple once, as the store keeps it.  JSON-LD is
compacted with the project's published context (``ontology/context.jsonld``) and is built
in memory.  The order is the store's index order, so the same store gives the same bytes.
"""

from __future__ import annotations

import gzip
import hashlib
import json
from collections.abc import Callable, Iterator
from functools import cache
from pathlib import Path
from typing import IO

from .errors import KgbuildError
from .prefixes import prefixes
from .resources import data_dir
from .store import ONTOLOGY_GRAPH, Dataset
from .store.formats import RDF_FORMATS, rdf_format, rdf_format_for_path
from .store.terms import Quad, RdfFormat, Triple, serialize

FORMATS = {name: f.rdf for name, f in RDF_FORMATS.items()}
MEDIA_TYPES = {name: f.media_type for name, f in RDF_FORMATS.items()}


def format_for(path: str | None, fmt: str | None) -> str:
    """The export format: the one asked for, else guessed from the file name (``.ttl.gz`` too).

    >>> format_for("dump.nq.gz", None), format_for(None, None)
    ('nquads', 'turtle')
    """
    if fmt:
        return rdf_format(fmt).name
    found = rdf_format_for_path(path) if path else None
    return found.name if found else "turtle"


@cache
def context() -> dict[str, object]:
    """The published JSON-LD context."""
    return json.loads((data_dir("ontology") / "context.jsonld").read_text(encoding="utf-8"))


def graphs_to_export(store: Dataset, graph: str | None = None, include_ontology: bool = False) -> list[str]:
    """The graphs an export writes: the recorded content graphs (articles, inferences, loaded files).

    :raises KgbuildError: when ``graph`` names no graph of the store.
    """
    if graph is not None:
        if not store.has_graph(graph):
            raise KgbuildError(f"{store.path}: no graph {graph} in this store "
                               f"(its article graphs are under {store.base_iri or 'no recorded base IRI'})")
        return [graph]
    return store.content_graphs() + ([ONTOLOGY_GRAPH] if include_ontology else [])


def _quads(store: Dataset, graphs: list[str], on_graph: Callable[[], None] | None = None) -> Iterator[Quad]:
    for name in graphs:
        yield from store.quads(name)
        if on_graph is not None:
            on_graph()


def _union(store: Dataset, on_graph: Callable[[], None] | None, count: int) -> Iterator[Quad]:
    """The default graph's quads (the union), then one progress call per content graph."""
    yield from store.union_quads()
    if on_graph is not None:
        for _ in range(count):
            on_graph()


class _Counter:
    def __init__(self) -> None:
        self.n = 0


def _unique_triples(quads: Iterator[Quad], counter: _Counter) -> Iterator[Triple]:
    """Each triple once; the set keeps a 16-byte digest per triple (about 80 bytes of memory each)."""
    seen: set[bytes] = set()
    for quad in quads:
        triple = quad.triple
        key = hashlib.blake2b(str(triple).encode(), digest_size=16).digest()
        if key in seen:
            continue
        seen.add(key)
        counter.n += 1
        yield triple


def _counted(quads: Iterator[Quad], counter: _Counter) -> Iterator[Quad]:
    for quad in quads:
        counter.n += 1
        yield quad


def export(store: Dataset, out: IO[bytes], fmt: str = "turtle", *, graph: str | None = None,
           include_ontology: bool = False, on_graph: Callable[[], None] | None = None) -> int:
    """Write the store (or one graph) to ``out``; return the number of statements.

    A graph format without ``graph`` writes the default graph, the union of the content graphs:
    as many statements as ``len(store)``.  ``on_graph()`` is called after each graph is written
    (for progress bars).

    :raises KgbuildError: when ``graph`` is not in the store.
    """
    graphs = graphs_to_export(store, graph, include_ontology)
    counter = _Counter()
    rdf_format = FORMATS[fmt]
    union = graph is None and not include_ontology and not rdf_format.supports_datasets
    if fmt == "jsonld":
        return _jsonld(store, graphs, out, on_graph, union)
    quads = _union(store, on_graph, len(graphs)) if union else _quads(store, graphs, on_graph)
    if rdf_format.supports_datasets:
        serialize(_counted(quads, counter), out, format=rdf_format, prefixes=prefixes(own=False))
    else:
        kwargs = {"prefixes": prefixes(own=False)} if fmt in ("turtle", "rdfxml") else {}
        serialize(_unique_triples(quads, counter), out, format=rdf_format, **kwargs)
    return counter.n


def _jsonld(store: Dataset, graphs: list[str], out: IO[bytes], on_graph: Callable[[], None] | None,
            union: bool) -> int:
    from pyld import jsonld

    counter = _Counter()
    quads = _union(store, on_graph, len(graphs)) if union else _quads(store, graphs, on_graph)
    expanded = json.loads(serialize(list(_unique_triples(quads, counter)),
                                    format=RdfFormat.JSON_LD) or b"[]")
    compacted = jsonld.compact(expanded, context())
    out.write(json.dumps(compacted, ensure_ascii=False, sort_keys=True, indent=1).encode())
    return counter.n


def export_to_path(store: Dataset, path: str, fmt: str | None = None, *, graph: str | None = None,
                   on_graph: Callable[[], None] | None = None) -> int:
    """Export into a file, gzip-compressed when its name ends in ``.gz``, written atomically."""
    chosen = format_for(path, fmt)
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    if target.suffix == ".gz":
        with open(tmp, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as handle:
            count = export(store, handle, chosen, graph=graph, on_graph=on_graph)
    else:
        with open(tmp, "wb") as handle:
            count = export(store, handle, chosen, graph=graph, on_graph=on_graph)
    tmp.replace(target)
    return count
