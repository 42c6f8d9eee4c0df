"""A remote SPARQL 1.1 server behind the same interface as the embedded store.

``--store http://host:port/query`` names the server's query endpoint; updates go to the
endpoint with ``/query`` replaced by ``/update`` (Oxigraph, Fuseki), or to the same URL
when it ends in ``/sparql``, or to ``KGBUILD_UPDATE_ENDPOINT``.  An article's graph is
replaced by one SPARQL Update request (drop, then insert), which servers apply
atomically.  The server must use the union of its graphs as the default graph
(``oxigraph serve --union-default-graph``, Fuseki's ``tdb2:unionDefaultGraph``) for the
named questions to see every article.
"""

from __future__ import annotations

import os
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence

from pyoxigraph import (
    DefaultGraph,
    NamedNode,
    Quad,
    QueryBoolean,
    QueryResultsFormat,
    QuerySolutions,
    QueryTriples,
    RdfFormat,
    parse,
    parse_query_results,
)

from .errors import QueryError, StoreError
from .store import _KGB, META_GRAPH, update_text

_TIMEOUT_S = 300


def update_endpoint(query_url: str) -> str:
    """Where updates go, for a query endpoint URL.

    >>> update_endpoint("http://127.0.0.1:7878/query"), update_endpoint("http://h/ds/sparql")
    ('http://127.0.0.1:7878/update', 'http://h/ds/sparql')
    """
    if os.environ.get("KGBUILD_UPDATE_ENDPOINT"):
        return os.environ["KGBUILD_UPDATE_ENDPOINT"]
    if query_url.rstrip("/").endswith("/query"):
        return query_url.rstrip("/")[: -len("query")] + "update"
    return query_url


class RemoteStore:
    """A SPARQL 1.1 server used as the store."""

    read_only = False

    def __init__(self, url: str) -> None:
        self.path = url
        self.url = url
        self.update_url = update_endpoint(url)

    def _post(self, url: str, body: str, media: str, accept: str) -> bytes:
        request = urllib.request.Request(url, data=body.encode(), method="POST",
                                         headers={"Content-Type": media, "Accept": accept})
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT_S) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode(errors="replace").strip()[:300]
            if err.code == 400:
                raise QueryError(f"{url}: the server refused the request: {detail}") from None
            raise StoreError(f"{url}: HTTP {err.code}: {detail}") from None
        except OSError as err:
            raise StoreError(f"{url}: cannot reach the SPARQL server ({err})") from None

    def query(self, sparql: str, *, union: bool = True) -> QuerySolutions | QueryTriples | QueryBoolean:
        """Run a query on the server (which must use the union of its graphs as the default graph)."""
        data = self._post(self.url, sparql, "application/sparql-query",
                          "application/sparql-results+json, application/n-triples;q=0.9")
        if data.lstrip().startswith(b"{"):
            return parse_query_results(data, format=QueryResultsFormat.JSON)
        return _Triples(parse(data, format=RdfFormat.N_TRIPLES))

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql, "application/sparql-update", "*/*")

    def replace_graph(self, graph: str, quads: Sequence[Quad] | Sequence[str], *,
                      meta: Iterable[Quad] | Iterable[str] = ()) -> None:
        self.update(update_text(graph, quads, meta))

    def graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows)

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """Every quad of one graph, or of all named graphs."""
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)" if graph else "GRAPH ?g { ?s ?p ?o }"
        for row in self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}"):
            yield Quad(row["s"], row["p"], row["o"], row["g"] if row["g"] is not None else DefaultGraph())

    def built_hashes(self) -> dict[str, str]:
        rows = self.query(f"SELECT ?g ?h WHERE {{ GRAPH <{META_GRAPH}> {{ ?g <{_KGB}contentHash> ?h }} }}")
        return {row["g"].value: row["h"].value for row in rows}

    def __len__(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"))
        return int(rows[0]["n"].value)

    def flush(self) -> None:
        return None


class _Triples(list):  # type: ignore[type-arg]
    """Triples of a remote CONSTRUCT, iterable like pyoxigraph's QueryTriples."""


__all__ = ["NamedNode", "RemoteStore", "update_endpoint"]
