"""A small in-memory graph for running CONSTRUCT scripts (the mapping stage) without a store on disk."""

from __future__ import annotations

from collections.abc import Iterable

from pyoxigraph import NamedNode, Quad, RdfFormat
from pyoxigraph import Store as _OxStore

from ..errors import QueryError


def check_query(text: str) -> None:
    """Parse a SPARQL query without running it on data.

    :raises QueryError: with the parser's message.
    """
    try:
        _OxStore().query(text)
    except SyntaxError as err:
        raise QueryError(str(err)) from None


class ScratchGraph:
    """Quads in memory, queried by CONSTRUCT scripts whose results come back as N-Triples lines.

    >>> from kgbuild.store.terms import Literal, NamedNode, Quad
    >>> g = ScratchGraph([Quad(NamedNode("https://e.org/a"), NamedNode("https://e.org/p"), Literal("x"))])
    >>> g.construct_lines("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    ['<https://e.org/a> <https://e.org/p> "x" .']
    """

    def __init__(self, quads: Iterable[Quad]) -> None:
        self._ox = _OxStore()
        self._ox.extend(list(quads))

    @classmethod
    def from_nquads(cls, text: str) -> ScratchGraph:
        """A scratch graph of N-Quads text, parsed natively (a batch of articles, each in its own graph).

        :raises SyntaxError: when the text is not N-Quads.
        """
        graph = cls([])
        graph._ox.load(text.encode(), format=RdfFormat.N_QUADS)
        return graph

    def construct_lines(self, query: str, graph: str | None = None) -> list[str]:
        """The result of a CONSTRUCT query, serialised natively by Oxigraph (no Python object per triple).

        With ``graph``, that named graph is the query's default graph (one article of a batch).
        """
        kwargs = {"default_graph": NamedNode(graph)} if graph else {}
        text = self._ox.query(query, **kwargs).serialize(format=RdfFormat.N_TRIPLES)  # type: ignore[union-attr]
        return [line for line in text.decode().splitlines() if line]
