"""RDF terms, results and the parser/serialiser, for the code outside the store layer.

The store layer is the only code that imports pyoxigraph; everything else takes its terms from
here (``from kgbuild.store.terms import NamedNode, Literal, Quad``), so a change of RDF library
touches one package.
"""

from __future__ import annotations

from pyoxigraph import (
    BlankNode,
    DefaultGraph,
    Literal,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolution,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    Triple,
    Variable,
    parse,
    parse_query_results,
    serialize,
)

Term = NamedNode | BlankNode | Literal
QueryResult = QuerySolutions | QueryTriples | QueryBoolean


def is_iri(term: object) -> bool:
    """Whether ``term`` is an IRI (a :class:`NamedNode`).

    >>> is_iri(NamedNode("https://example.org/x")), is_iri(Literal("x"))
    (True, False)
    """
    return isinstance(term, NamedNode)


__all__ = [
    "BlankNode", "DefaultGraph", "Literal", "NamedNode", "Quad", "QueryBoolean", "QueryResult", "QueryResultsFormat",
    "QuerySolution", "QuerySolutions", "QueryTriples", "RdfFormat", "Term", "Triple", "Variable", "is_iri", "parse",
    "parse_query_results", "serialize",
]
