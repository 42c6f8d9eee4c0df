"""Write the store in the formats linked-data portals load.

Graph formats (Turtle, N-Triples, RDF/XML, JSON-LD) carry the union of the article
graphs; dataset formats (N-Quads, TriG) keep one named graph per article.  Output is
sorted, so the same store always gives the same bytes.
"""

from __future__ import annotations

import gzip
from pathlib import Path
from typing import IO

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, serialize

from .build import ONTOLOGY_GRAPH
from .errors import KgbuildError
from .prefixes import prefixes
from .store import META_GRAPH, Store

FORMATS = {
    "turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "rdfxml": RdfFormat.RDF_XML,
    "jsonld": RdfFormat.JSON_LD, "nquads": RdfFormat.N_QUADS, "trig": RdfFormat.TRIG,
}
EXTENSIONS = {"ttl": "turtle", "nt": "ntriples", "rdf": "rdfxml", "owl": "rdfxml", "jsonld": "jsonld",
              "json": "jsonld", "nq": "nquads", "trig": "trig"}


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


def _quads(store: Store, graph: str | None, include_ontology: bool) -> list[Quad]:
    skip = {META_GRAPH} | (set() if include_ontology else {ONTOLOGY_GRAPH})
    if graph is not None:
        return sorted(store.quads(graph), key=str)
    return sorted((q for q in store.quads() if not (isinstance(q.graph_name, NamedNode) and q.graph_name.value in skip)),
                  key=str)


def export(store: Store, out: IO[bytes], fmt: str = "turtle", *, graph: str | None = None,
           include_ontology: bool = False) -> int:
    """Write the store (or one article graph) to ``out``; return the number of statements."""
    rdf_format = FORMATS[fmt]
    quads = _quads(store, graph, include_ontology)
    if rdf_format.supports_datasets:
        data = serialize(quads, format=rdf_format, prefixes=prefixes(own=False)) or b""
        count = len(quads)
    else:
        triples = sorted({q.triple for q in quads}, key=str)
        kwargs = {"prefixes": prefixes(own=False)} if fmt in ("turtle", "rdfxml") else {}
        data = serialize(triples, format=rdf_format, **kwargs) or b""
        count = len(triples)
    out.write(data)
    return count


def export_to_path(store: Store, path: str, fmt: str | None = None, *, graph: str | None = None) -> int:
    """Export into a file, gzip-compressed when its name ends in ``.gz``, written atomically."""
    chosen = format_for(path, fmt)
    target = Path(path)
    tmp = target.with_name(target.name + ".tmp")
    opener = gzip.open if target.suffix == ".gz" else open
    with opener(tmp, "wb") as handle:  # type: ignore[operator]
        count = export(store, handle, chosen, graph=graph)
    tmp.replace(target)
    return count


__all__ = ["FORMATS", "DefaultGraph", "export", "export_to_path", "format_for"]
