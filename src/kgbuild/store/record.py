"""The build record: what a store knows about itself, kept in its own named graph.

``urn:kgbuild:meta`` holds one node for the store (the base IRI its IRIs were minted under,
the pipeline version and mapping digest of the last build, the digest of the ontology it
holds) and one node per content graph (what kind of graph it is, the content hash it was
built from, the source it came from).  Commands read the base IRI and the list of article
graphs from here instead of guessing them from IRIs or the environment.

The record is plain N-Triples lines, so the embedded and the remote store write it the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from pyoxigraph import Literal, NamedNode

META_GRAPH = "urn:kgbuild:meta"
STORE_NODE = "urn:kgbuild:store"
ONTOLOGY_GRAPH = "https://w3id.org/kgbuild/ontology"
SYSTEM_GRAPHS = frozenset({META_GRAPH, ONTOLOGY_GRAPH})
KGB = "https://w3id.org/kgbuild/ontology#"

ARTICLE = "article"
INFERRED = "inferred"
LOADED = "loaded"
KINDS = (ARTICLE, INFERRED, LOADED)

_STORE_FIELDS = {"base_iri": "baseIri", "pipeline_version": "pipelineVersion", "mapping_digest": "mappingDigest",
                 "ontology_digest": "ontologyDigest"}
_GRAPH_FIELDS = {"kind": "graphKind", "content_hash": "contentHash", "source": "source",
                 "annotated": "fromAnnotations"}


@dataclass(frozen=True)
class StoreRecord:
    """What the store says about itself (``None`` where an older or empty store says nothing)."""

    base_iri: str | None = None
    pipeline_version: str | None = None
    mapping_digest: str | None = None
    ontology_digest: str | None = None


@dataclass(frozen=True)
class GraphRecord:
    """One content graph as built or loaded.

    ``kind`` is ``article``, ``inferred`` (what reasoning derived from an article) or ``loaded``
    (an RDF file loaded with ``kgbuild load``); ``annotated`` says the article came from a
    (possibly hand-corrected) annotated-article file.
    """

    graph: str
    kind: str = ARTICLE
    content_hash: str | None = None
    source: str | None = None
    annotated: bool = False


def _line(subject: str, field: str, value: str) -> str:
    return f"<{subject}> <{KGB}{field}> {Literal(value)} ."


def store_lines(record: StoreRecord) -> list[str]:
    """The store record as N-Triples lines (fields that are ``None`` left out).

    >>> store_lines(StoreRecord(base_iri="https://example.org/kg/"))
    ['<urn:kgbuild:store> <https://w3id.org/kgbuild/ontology#baseIri> "https://example.org/kg/" .']
    """
    return [_line(STORE_NODE, name, getattr(record, attr))
            for attr, name in _STORE_FIELDS.items() if getattr(record, attr) is not None]


def graph_lines(record: GraphRecord) -> list[str]:
    """A graph's record as N-Triples lines; the content hash last, so it is written with the rest."""
    lines = [_line(record.graph, "graphKind", record.kind)]
    if record.source is not None:
        lines.append(_line(record.graph, "source", record.source))
    if record.annotated:
        lines.append(_line(record.graph, "fromAnnotations", "true"))
    if record.content_hash is not None:
        lines.append(_line(record.graph, "contentHash", record.content_hash))
    return lines


Select = Callable[[str], Iterable[dict[str, object]]]


def _value(term: object) -> str | None:
    return None if term is None else str(getattr(term, "value", term))


def read_store_record(select: Select) -> StoreRecord:
    """The store record, through ``select(sparql)`` (rows as dicts of terms)."""
    names = {v: k for k, v in _STORE_FIELDS.items()}
    values: dict[str, str] = {}
    for row in select(f"SELECT ?p ?o WHERE {{ GRAPH <{META_GRAPH}> {{ <{STORE_NODE}> ?p ?o }} }}"):
        field = (_value(row["p"]) or "").removeprefix(KGB)
        if field in names:
            values[names[field]] = _value(row["o"]) or ""
    return StoreRecord(**values)


def read_graph_records(select: Select) -> dict[str, GraphRecord]:
    """Every content graph's record, by graph IRI.

    A graph recorded by an older kgbuild (a content hash and nothing else) counts as an
    article graph, unless its IRI is an inferred graph's.
    """
    fields: dict[str, dict[str, str]] = {}
    for row in select(f"SELECT ?g ?p ?o WHERE {{ GRAPH <{META_GRAPH}> {{ ?g ?p ?o }} "
                      f"FILTER(?g != <{STORE_NODE}>) }}"):
        graph, field = _value(row["g"]) or "", (_value(row["p"]) or "").removeprefix(KGB)
        fields.setdefault(graph, {})[field] = _value(row["o"]) or ""
    out = {}
    for graph, values in fields.items():
        kind = values.get("graphKind") or (INFERRED if "/inferred/" in graph else ARTICLE)
        if kind not in KINDS or ("contentHash" not in values and kind != LOADED):
            continue  # a record cut short by a killed build: the graph counts as not built
        out[graph] = GraphRecord(graph, kind, values.get("contentHash"), values.get("source"),
                                 values.get("fromAnnotations") == "true")
    return dict(sorted(out.items()))


def forget_store_update() -> str:
    """A SPARQL Update that removes the store record (before writing a new one)."""
    return f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{STORE_NODE}> ?p ?o }} }}"


def is_content_graph(graph: str | NamedNode) -> bool:
    """Whether a graph belongs in the union default graph (everything but the ontology and the record).

    >>> is_content_graph("https://example.org/kg/graph/a"), is_content_graph(META_GRAPH)
    (True, False)
    """
    name = graph.value if isinstance(graph, NamedNode) else graph
    return name not in SYSTEM_GRAPHS and not name.startswith("urn:kgbuild:")
