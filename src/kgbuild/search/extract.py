"""What the index holds about one article graph, read back from the store.

The index is always rebuilt from the store (never from a build's intermediate data), so
whatever is in the store can be found, however it got there: a build, a bulk load, a
hand-loaded file.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import Any

TYPES = {
    "person": "https://w3id.org/kgbuild/ontology#Person",
    "organisation": "https://w3id.org/kgbuild/ontology#Organisation",
    "event": "https://w3id.org/kgbuild/ontology#Event",
    "article": "https://w3id.org/kgbuild/ontology#Article",
    "award": "https://w3id.org/kgbuild/ontology#AwardKind",
}
SNIPPET = 160  # characters of context around a mention
_CHAR = re.compile(r"#char=(\d+),(\d+)$")

_QUERY = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX gaf: <http://groundedannotationframework.org/gaf#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
PREFIX kgb: <https://w3id.org/kgbuild/ontology#>
SELECT ?s ?class ?name ?m ?text WHERE {
  GRAPH ?g {
    { VALUES ?class { %s }
      ?s a ?class ; rdfs:label ?name .
      OPTIONAL { ?s gaf:denotedBy|kgb:evidence ?m } }
    UNION
    { ?s a kgb:Article ; nif:isString ?text }
  }
}"""


_FACETS = """
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX schema: <http://schema.org/>
PREFIX kgb: <https://w3id.org/kgbuild/ontology#>
SELECT ?s ?facet ?value WHERE {
  GRAPH ?g {
    { ?s a kgb:Organisation ; kgb:kind ?value BIND ("kind" AS ?facet) }
    UNION { ?s a kgb:Organisation ; kgb:locatedIn ?where BIND ("place" AS ?facet) OPTIONAL { ?where rdfs:label ?value } }
    UNION { ?s a kgb:Event ; kgb:eventType ?type BIND ("kind" AS ?facet) BIND (STRAFTER(STR(?type), "/eventtype/") AS ?value) }
    UNION { ?s a kgb:Event ; kgb:place ?where BIND ("place" AS ?facet) OPTIONAL { ?where rdfs:label ?value } }
    UNION { ?s a kgb:Event ; kgb:date ?when BIND ("date" AS ?facet) BIND (STR(?when) AS ?value) }
    UNION { ?s a kgb:Article ; schema:contentLocation ?where BIND ("place" AS ?facet) OPTIONAL { ?where rdfs:label ?value } }
    UNION { ?s a kgb:Article ; schema:datePublished ?when BIND ("date" AS ?facet) BIND (STR(?when) AS ?value) }
  }
}"""


@dataclass(frozen=True)
class Entry:
    """One entity as one article names it, with what the browse lists sort and filter it by."""

    iri: str
    type: str
    name: str
    snippet: str
    kind: str | None = None  # an organisation's kind, an event's type
    place: str | None = None  # the province it is in, took place in, or is about
    date: str | None = None  # an event's date, an article's publication date


def _snippet(text: str, start: int, end: int) -> str:
    """The mention with some context, cut at word boundaries."""
    pad = max(0, (SNIPPET - (end - start)) // 2)
    a, b = max(0, start - pad), min(len(text), end + pad)
    while 0 < a < start and not text[a - 1].isspace():
        a += 1
    while end < b < len(text) and not text[b].isspace():
        b -= 1
    piece = " ".join(text[a:b].split())
    return ("… " if a > 0 else "") + piece + (" …" if b < len(text) else "")


def _offsets(mention: str | None) -> tuple[int, int] | None:
    found = _CHAR.search(mention or "")
    return (int(found.group(1)), int(found.group(2))) if found else None


def entries(store: Any, graph: str) -> list[Entry]:
    """The named entities of one article graph, each with its name and a snippet of its first mention.

    :raises QueryError: never for a well-formed store (the query is fixed).
    """
    classes = " ".join(f"<{iri}>" for iri in TYPES.values())
    sparql = _QUERY % classes
    rows = store.query(sparql.replace("GRAPH ?g", f"GRAPH <{graph}>"), union=False)
    found = list(_entries(rows))
    facets: dict[str, dict[str, str]] = {}
    for row in store.query(_FACETS.replace("GRAPH ?g", f"GRAPH <{graph}>"), union=False):
        if row["value"] is not None:
            facets.setdefault(row["s"].value, {}).setdefault(row["facet"].value, row["value"].value)
    return [Entry(e.iri, e.type, e.name, e.snippet, **facets[e.iri]) if e.iri in facets else e for e in found]


def _entries(rows: Iterable[Any]) -> Iterator[Entry]:
    by_class = {iri: name for name, iri in TYPES.items()}
    text = ""
    seen: dict[str, tuple[str, str, tuple[int, int] | None]] = {}
    for row in rows:
        if row["text"] is not None:
            text = row["text"].value
            continue
        iri, kind, name = row["s"].value, by_class[row["class"].value], row["name"].value
        span = _offsets(row["m"].value if row["m"] is not None else None)
        old = seen.get(iri)
        if old is None or (span is not None and (old[2] is None or span < old[2])):
            seen[iri] = (kind, name, span)
    for iri, (kind, name, span) in seen.items():
        if kind == "article":
            body = text.split("\n", 1)[1] if "\n" in text else text
            snippet = _snippet(body.strip(), 0, 0)
        else:
            snippet = _snippet(text, *span) if span and text else ""
        yield Entry(iri, kind, name, snippet)
