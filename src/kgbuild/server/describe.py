"""What the pages and the dataset description read from the store: labels, links, figures."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from ..store import ONTOLOGY_GRAPH, Store
from ..store.terms import Literal

KGB = "https://w3id.org/kgbuild/ontology#"
_PREFIXES = """PREFIX kgb: <https://w3id.org/kgbuild/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <http://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""
_LABEL = "(rdfs:label|skos:prefLabel|kgb:name|foaf:name|schema:name|schema:headline)"


_BAD_IRI = re.compile(r'[\s<>"{}|\\^`]')


def _select(store: Store, query: str, **bindings: str) -> list[dict[str, Any]]:
    """Run a SELECT with ``$name`` placeholders bound to IRIs (checked, so nothing can be injected)."""
    for name, iri in bindings.items():
        if _BAD_IRI.search(iri):
            raise ValueError(f"not an IRI: {iri!r}")
        query = query.replace(f"${name}", f"<{iri}>")
    result = store.query(_PREFIXES + query)
    return [{v.value: row[v.value] for v in result.variables} for row in result]


@dataclass
class Link:
    iri: str
    label: str
    is_iri: bool
    lang: str | None = None


@dataclass
class Resource:
    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    types: list[Link] = field(default_factory=list)
    outgoing: list[tuple[Link, list[Link]]] = field(default_factory=list)
    incoming: list[tuple[Link, list[Link]]] = field(default_factory=list)
    evidence: list[dict[str, str]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    graph: dict[str, list[dict[str, str]]] = field(default_factory=dict)

    @property
    def title(self) -> str:
        return self.labels.get("vi") or self.labels.get("") or self.labels.get("en") or self.iri.rsplit("/", 1)[-1]


def _link(term: Any, label: Any) -> Link:
    if isinstance(term, Literal):
        return Link(term.value, term.value, False, term.language)
    value = term.value
    text = label.value if label is not None else value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return Link(value, text, True)


def _grouped(rows: list[dict[str, Any]], key: str, value: str, label: str) -> list[tuple[Link, list[Link]]]:
    groups: dict[str, tuple[Link, list[Link]]] = {}
    for row in rows:
        p = row[key]
        entry = groups.setdefault(p.value, (_link(p, row.get("plabel")), []))
        link = _link(row[value], row.get(label))
        if all(x.iri != link.iri for x in entry[1]):
            entry[1].append(link)
    return sorted(groups.values(), key=lambda g: g[0].label)


def describe(store: Store, iri: str) -> Resource | None:
    """Everything a page shows about ``iri``, or ``None`` when the store knows nothing of it."""
    out = _select(store, f"""SELECT ?p ?o ?olabel ?plabel WHERE {{ $s ?p ?o .
        OPTIONAL {{ ?o {_LABEL} ?olabel FILTER(isIRI(?o) && (LANG(?olabel) IN ("vi", ""))) }}
        OPTIONAL {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?p rdfs:label ?plabel FILTER(LANG(?plabel) = "en") }} }} }} LIMIT 2000""",
                  s=iri)
    incoming = _select(store, f"""SELECT ?s ?p ?slabel ?plabel WHERE {{ ?s ?p $o .
        FILTER (NOT EXISTS {{ ?s a kgb:Fact }} || EXISTS {{ ?s a kgb:Event }})  # the fact sections read those
        OPTIONAL {{ ?s {_LABEL} ?slabel FILTER(LANG(?slabel) IN ("vi", "")) }}
        OPTIONAL {{ GRAPH <{ONTOLOGY_GRAPH}> {{ ?p rdfs:label ?plabel FILTER(LANG(?plabel) = "en") }} }} }} LIMIT 500""",
                       o=iri)
    if not out and not incoming:
        return None
    resource = Resource(iri)
    label_props = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
                   KGB + "name", "http://xmlns.com/foaf/0.1/name", "http://schema.org/name"}
    for row in out:
        if row["p"].value in label_props and isinstance(row["o"], Literal):
            resource.labels.setdefault(row["o"].language or "", row["o"].value)
    rdf_type = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
    type_rows = _select(store, f"""SELECT ?t ?label WHERE {{ $s a ?t OPTIONAL {{ GRAPH <{ONTOLOGY_GRAPH}> {{
        ?t rdfs:label ?label FILTER(LANG(?label) = "en") }} }} }}""", s=iri)
    resource.types = sorted({_link(r["t"], r.get("label")).iri: _link(r["t"], r.get("label"))
                             for r in type_rows}.values(), key=lambda link: link.label)
    resource.outgoing = _grouped([r for r in out if r["p"].value != rdf_type], "p", "o", "olabel")
    resource.incoming = _grouped(incoming, "p", "s", "slabel")
    resource.evidence = [
        {"fact": r["fact"].value, "sentence": r["sentence"].value, "article": r["articleId"].value,
         "rule": r["rule"].value, "headline": r["headline"].value if r.get("headline") is not None else r["articleId"].value}
        for r in _select(store, """SELECT DISTINCT ?fact ?sentence ?articleId ?rule ?headline WHERE {
            { $s a kgb:Fact BIND($s AS ?fact) } UNION { ?fact a kgb:Fact ; ?p $s }
            ?fact kgb:evidence/nif:anchorOf ?sentence ; kgb:rule ?rule ; kgb:sourceArticle ?article .
            ?article kgb:articleId ?articleId . OPTIONAL { ?article schema:headline ?headline }
        } ORDER BY ?articleId LIMIT 100""", s=iri)]
    if any(t.iri == KGB + "Organisation" for t in resource.types):
        resource.figures = figures(store, iri)
        resource.graph = neighbourhood(store, iri, resource.title)
    return resource


def figures(store: Store, iri: str) -> list[dict[str, Any]]:
    """Grassroots unions and members per year, for the organisation's chart."""
    rows = _select(store, """SELECT ?measure ?year (MAX(?value) AS ?v) WHERE {
        ?f a kgb:Figure ; kgb:subject $s ; kgb:measure ?m ; kgb:value ?value ; kgb:referenceYear ?year .
        BIND (STRAFTER(STR(?m), "/measure/") AS ?measure)
        FILTER (?measure IN ("grassroots_unions", "members")) } GROUP BY ?measure ?year ORDER BY ?year""", s=iri)
    return [{"measure": r["measure"].value, "year": r["year"].value[:4], "value": float(r["v"].value)} for r in rows]


def neighbourhood(store: Store, iri: str, title: str) -> dict[str, list[dict[str, str]]]:
    """A small graph around an organisation: events it held, awards it gave, people with posts in it."""
    rows = _select(store, f"""SELECT DISTINCT ?n ?label ?kind WHERE {{
        {{ ?n kgb:organiser $s BIND("event" AS ?kind) }}
        UNION {{ ?f kgb:conferredBy $s ; kgb:conferredAt ?n BIND("event" AS ?kind) }}
        UNION {{ ?f kgb:postOrganisation $s ; kgb:holder ?n BIND("person" AS ?kind) }}
        UNION {{ ?f kgb:capacityOrganisation $s ; kgb:attendedEvent ?n BIND("event" AS ?kind) }}
        UNION {{ $s kgb:subOrganisationOf|kgb:locatedIn ?n BIND("place" AS ?kind) }}
        OPTIONAL {{ ?n {_LABEL} ?label }}
    }} LIMIT 60""", s=iri)
    nodes = {iri: {"id": iri, "label": title, "kind": "self"}}
    edges = []
    for r in rows:
        node = r["n"].value
        label = r["label"].value if r.get("label") is not None else node.rsplit("/", 1)[-1]
        nodes.setdefault(node, {"id": node, "label": label[:60], "kind": r["kind"].value})
        edges.append({"source": iri, "target": node})
    return {"nodes": list(nodes.values()), "edges": edges}


def dataset_figures(store: Store) -> dict[str, int]:
    """What the home page and VoID say about the dataset."""
    rows = _select(store, """SELECT
        (COUNT(DISTINCT ?a) AS ?articles) WHERE { ?a a kgb:Article }""")
    counts = {"articles": int(rows[0]["articles"].value)}
    for name, cls in (("organisations", "Organisation"), ("people", "Person"), ("events", "Event"),
                      ("facts", "Fact")):
        r = _select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a kgb:{cls} }}")
        counts[name] = int(r[0]["n"].value)
    counts["quads"] = len(store)
    return counts
