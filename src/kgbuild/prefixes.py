"""The project's prefixes, for queries, Turtle exports and readable tables."""

from __future__ import annotations

from .settings import setting

_FIXED = {
    "kgb": "https://w3id.org/kgbuild/ontology#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "schema": "http://schema.org/",
    "foaf": "http://xmlns.com/foaf/0.1/",
    "org": "http://www.w3.org/ns/org#",
    "prov": "http://www.w3.org/ns/prov#",
    "sem": "http://semanticweb.cs.vu.nl/2009/11/sem/",
    "sosa": "http://www.w3.org/ns/sosa/",
    "nif": "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#",
    "itsrdf": "http://www.w3.org/2005/11/its/rdf#",
    "gaf": "http://groundedannotationframework.org/gaf#",
    "dct": "http://purl.org/dc/terms/",
    "oa": "http://www.w3.org/ns/oa#",
}


def prefixes(base_iri: str | None = None, *, own: bool = True) -> dict[str, str]:
    """Fixed vocabulary prefixes, plus ``kg:`` for the build's own namespace when ``own``.

    Serialisations leave ``kg:`` out: the build's local names contain ``/``, which Turtle
    would have to escape (``kg:org\\/...``), so full IRIs read better there.
    """
    return {**_FIXED, "kg": base_iri or setting("base_iri")} if own else dict(_FIXED)
