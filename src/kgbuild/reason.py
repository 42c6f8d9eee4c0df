"""OWL 2 RL reasoning (owlrl) into a separate graph per article, so asserted and inferred stay apart.

Each article graph is closed together with the ontology; what is new, about the build's
own resources, and informative (no ``owl:sameAs`` to itself, no ``owl:Thing``) goes into
``<base>inferred/<article id>``, replaced with the article.  About 0.8 s an article here,
which is why it is asked for with ``--reason``.
"""

from __future__ import annotations

from collections.abc import Iterable
from functools import cache

import owlrl
import rdflib

from .resources import data_dir
from .store.terms import Quad, RdfFormat, Triple, parse, serialize

_SKIP_OBJECTS = {rdflib.OWL.Thing, rdflib.RDFS.Resource, rdflib.OWL.NamedIndividual}


@cache
def ontology() -> tuple[tuple[rdflib.term.Node, ...], ...]:
    graph = rdflib.Graph().parse(data_dir("ontology") / "kgbuild.ttl", format="turtle")
    return tuple(tuple(t) for t in graph)


def infer(quads: Iterable[Quad], base: str) -> list[Triple]:
    """Triples that OWL 2 RL derives from an article graph and the ontology, about ``base`` resources."""
    data = serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b""
    graph = rdflib.Graph().parse(data=data, format="nt")
    for triple in ontology():
        graph.add(triple)
    asserted = set(graph)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(graph)
    new = [t for t in graph if t not in asserted and str(t[0]).startswith(base)
           and t[1] != rdflib.OWL.sameAs and t[2] not in _SKIP_OBJECTS and not isinstance(t[0], rdflib.BNode)
           and not isinstance(t[2], rdflib.BNode)]
    text = "\n".join(f"{s.n3()} {p.n3()} {o.n3()} ." for s, p, o in sorted(new))
    return list(parse(text.encode(), format=RdfFormat.N_TRIPLES))

