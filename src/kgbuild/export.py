"""Write the store in the formats linked-data portals load.

Dataset formats (N-Quads, TriG) keep one named graph per article and are streamed graph by
graph, so memory stays flat however large the store.  Graph formats (Turtle, N-Triples,
RDF/XML) carry the union of the article graphs, streamed the same way with a set of the
triples already written (a triple stated in several articles is written once).  JSON-LD is
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

from pyoxigraph import Quad, RdfFormat, Triple, serialize

from .build import ONTOLOGY_GRAPH
from .errors import KgbuildError
from .prefixes import prefixes
from .resources import data_dir
from .store import META_GRAPH, Store

FORMATS = {
    "turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "rdfxml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD, "nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG,
}
EXTENSIONS = {"ttl": "turtle", "nt": "ntriples", "rdf": "rdfxml", "owl": "rdfxml", "jsonld": "jsonld",
              "json": "jsonld", "nq": "nquads", "trig": "trig"}
MEDIA_TYPES = {"turtle": "text/turtle", "ntriples": "application/n-triples", "rdfxml": "application/rdf+xml",
               "jsonld": "application/ld+json", "nquads": "application/n-quads", "trig": "application/trig"}


def format_for(path: str | None, fmt: str | None) -> str:
    """The export format: the one asked for, else guessed from the file name (``.ttl.gz`` too)."""
    if fmt:
        if fmt not in FORMATS:
            raise KgbuildError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
        return fmt
    if path:
        suffixes = [s.lstrip(".") for s in Path(path).suffixes if s != ".gz"]
        if suffixes and suffixes[-1] in EXTENSIONS:
            return EXTENSIONS[suffixes[-1]]
    return "turtle"


@cache
def context() -> dict[str, object]:
    """The published JSON-LD context."""
    return json.loads((data_dir("ontology") / "context.jsonld").read_text(encoding="utf-8"))


def graphs_to_export(store: Store, graph: str | None = None, include_ontology: bool = False) -> list[str]:
    """The graphs an export writes: the articles' (the build records and, unless asked, the ontology left out)."""
    if graph is not None:
        return [graph]
    skip = {META_GRAPH} | (set() if include_ontology else {ONTOLOGY_GRAPH})
    return [g for g in store.graphs() if g not in skip]


def _quads(store: Store, graphs: list[str], on_graph: Callable[[], None] | None = None) -> Iterator[Quad]:
    for name in graphs:
        yield from store.quads(name)
        if on_graph is not None:
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


def export(store: Store, out: IO[bytes], fmt: str = "turtle", *, graph: str | None = None,
           include_ontology: bool = False, on_graph: Callable[[], None] | None = None) -> int:
    """Write the store (or one article graph) to ``out``; return the number of statements.

    ``on_graph()`` is called after each graph is written (for progress bars).
    """
    graphs = graphs_to_export(store, graph, include_ontology)
    counter = _Counter()
    rdf_format = FORMATS[fmt]
    if fmt == "jsonld":
        return _jsonld(store, graphs, out, on_graph)
    quads = _quads(store, graphs, on_graph)
    if rdf_format.supports_datasets:
        serialize(_counted(quads, counter), out, format=rdf_format, prefixes=prefixes(own=False))
    else:
        kwargs = {"prefixes": prefixes(own=False)} if fmt in ("turtle", "rdfxml") else {}
        serialize(_unique_triples(quads, counter), out, format=rdf_format, **kwargs)
    return counter.n


def _jsonld(store: Store, graphs: list[str], out: IO[bytes], on_graph: Callable[[], None] | None) -> int:
    from pyld import jsonld

    counter = _Counter()
    expanded = json.loads(serialize(list(_unique_triples(_quads(store, graphs, on_graph), counter)),
                                    format=RdfFormat.JSON_LD) or b"[]")
    compacted = jsonld.compact(expanded, context())
    out.write(json.dumps(compacted, ensure_ascii=False, sort_keys=True, indent=1).encode())
    return counter.n


def export_to_path(store: Store, path: str, fmt: str | None = None, *, graph: str | None = None,
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
