"""A remote SPARQL 1.1 server behind the same interface as the embedded store.

``--store http://host:port/query`` names the server's query endpoint; updates go to the
endpoint with ``/query`` replaced by ``/update`` (Oxigraph, Fuseki), or to the same URL
when it ends in ``/sparql``, or to ``KGBUILD_UPDATE_ENDPOINT``.  An article's graph is
replaced by one SPARQL Update request (its share of the union out, the graph dropped, the
new graph, its union triples and its record in), which servers apply atomically.  kgbuild
keeps the union of the content graphs in the server's default graph itself, so the server
must *not* make its default graph the union of all graphs (run ``oxigraph serve`` without
``--union-default-graph``).
"""

from __future__ import annotations

import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterable, Iterator, Sequence

from pyoxigraph import DefaultGraph, NamedNode, Quad, QueryResultsFormat, RdfFormat, parse, parse_query_results

from ..errors import QueryError, StoreError
from .dataset import SelfKnowledge
from .record import META_GRAPH, SYSTEM_GRAPHS, is_content_graph
from .terms import QueryResult, Term

_TIMEOUT_S = 300


def update_endpoint(query_url: str) -> str:
    """Where updates go, for a query endpoint URL.

    >>> update_endpoint("http://127.0.0.1:7878/query"), update_endpoint("http://h/ds/sparql")
    ('http://127.0.0.1:7878/update', 'http://h/ds/sparql')
    """
    from ..settings import setting

    if setting("update_endpoint"):
        return setting("update_endpoint")
    if query_url.rstrip("/").endswith("/query"):
        return query_url.rstrip("/")[: -len("query")] + "update"
    return query_url


def _lines(items: Iterable[Quad] | Iterable[str]) -> list[str]:
    return [q if isinstance(q, str) else f"{q.subject} {q.predicate} {q.object} ." for q in items]


def _not_elsewhere(graph: str) -> str:
    """A filter: the triple ``?s ?p ?o`` is in no content graph but ``graph``."""
    others = ", ".join(f"<{g}>" for g in (graph, *sorted(SYSTEM_GRAPHS)))
    return (f"FILTER NOT EXISTS {{ GRAPH ?other {{ ?s ?p ?o }} FILTER(?other NOT IN ({others}) "
            f'&& !STRSTARTS(STR(?other), "urn:kgbuild:")) }}')


def update_text(graph: str, quads: Sequence[Quad] | Sequence[str], meta: Iterable[Quad] | Iterable[str] = ()) -> str:
    """One SPARQL Update that replaces ``graph`` by ``quads`` (quads or N-Triples lines) and its build record."""
    body = "\n".join(_lines(quads))
    meta_body = "\n".join(_lines(meta))
    update = f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{graph}> ?p ?o }} }} ;\n"
    if is_content_graph(graph):
        update += f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} {_not_elsewhere(graph)} }} ;\n"
    update += f"DROP SILENT GRAPH <{graph}> ;\n"
    update += f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}}"
    if is_content_graph(graph) and body:
        update += f"\n{body}"
    if meta_body:
        update += f"\nGRAPH <{META_GRAPH}> {{\n{meta_body}\n}}"
    return update + " }"


class RemoteStore(SelfKnowledge):
    """A SPARQL 1.1 server used as the store."""

    read_only = False

    def __init__(self, url: str, *, token: str | None = None) -> None:
        self.path = url
        self.url = url
        self.update_url = update_endpoint(url)
        self.token = token  # sent as a bearer token (``kgbuild build --token``, ``KGBUILD_TOKEN``)

    def _post(self, url: str, body: str, media: str, accept: str, params: str = "") -> bytes:
        target = url + ("?" + params if params else "")
        headers = {"Content-Type": media, "Accept": accept}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        request = urllib.request.Request(target, data=body.encode(), method="POST", headers=headers)
        try:
            with urllib.request.urlopen(request, timeout=_TIMEOUT_S) as response:
                return response.read()
        except urllib.error.HTTPError as err:
            detail = err.read().decode(errors="replace").strip()[:300]
            if err.code == 400:
                raise QueryError(f"{url}: the server refused the request: {detail}") from None
            if err.code == 401:
                raise StoreError(f"{url}: the server needs a token for this (kgbuild build --token, or "
                                 f"KGBUILD_TOKEN): {detail}") from None
            raise StoreError(f"{url}: HTTP {err.code}: {detail}") from None
        except OSError as err:
            raise StoreError(f"{url}: cannot reach the SPARQL server ({err})") from None

    def check(self) -> None:
        """Ask the server a trivial question, so a wrong URL is one clear error before any work.

        :raises StoreError: when the server does not answer SPARQL.
        """
        try:
            self.query("ASK { }")
        except QueryError as err:
            raise StoreError(f"{self.url}: not a SPARQL query endpoint ({err})") from None

    def query(self, sparql: str, *, union: bool = True, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, substitutions: dict[str, Term] | None = None) -> QueryResult:
        """Run a query on the server; its default graph is the union kgbuild keeps there.

        ``default_graph`` and ``named_graphs`` go to the server as the protocol's
        ``default-graph-uri`` and ``named-graph-uri``; ``substitutions`` as a VALUES block.

        :raises QueryError: when the server refuses the query.
        """
        # (``union=False`` is not sent: a protocol dataset naming only a default graph has no named graphs)
        params = [("default-graph-uri", g) for g in default_graph or ()]
        params += [("named-graph-uri", g) for g in named_graphs or ()]
        if substitutions:
            values = " ".join(f"?{name}" for name in substitutions)
            row = " ".join(str(term) for term in substitutions.values())
            sparql = _bind_values(sparql, f"VALUES ({values}) {{ ({row}) }}")
        data = self._post(self.url, sparql, "application/sparql-query",
                          "application/sparql-results+json, application/n-triples;q=0.9",
                          urllib.parse.urlencode(params))
        if data.lstrip().startswith(b"{"):
            return parse_query_results(data, format=QueryResultsFormat.JSON)
        return _Triples(parse(data, format=RdfFormat.N_TRIPLES))

    def update(self, sparql: str) -> None:
        self._post(self.update_url, sparql, "application/sparql-update", "*/*")

    def replace_graph(self, graph: str, quads: Sequence[Quad] | Sequence[str], *,
                      meta: Iterable[Quad] | Iterable[str] = ()) -> None:
        self.update(update_text(graph, quads, meta))

    def add_to_graph(self, graph: str, quads: Sequence[Quad] | Sequence[str]) -> None:
        """Add statements to a named graph, and to the union, in one update."""
        body = "\n".join(_lines(quads))
        union = f"\n{body}" if is_content_graph(graph) else ""
        self.update(f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}}{union} }}")

    def remove_graph(self, graph: str) -> bool:
        if not self.has_graph(graph) and graph not in self.graph_records():
            return False
        update = f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{graph}> ?p ?o }} }} ;\n"
        if is_content_graph(graph):
            update += f"DELETE {{ ?s ?p ?o }} WHERE {{ GRAPH <{graph}> {{ ?s ?p ?o }} {_not_elsewhere(graph)} }} ;\n"
        self.update(update + f"DROP SILENT GRAPH <{graph}>")
        return True

    def has_graph(self, graph: str) -> bool:
        return bool(self.query(f"ASK {{ GRAPH <{graph}> {{ ?s ?p ?o }} }}"))

    def graphs(self) -> list[str]:
        rows = self.query("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return sorted(row["g"].value for row in rows)  # type: ignore[union-attr]

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """Every quad of one graph, or of all named graphs."""
        where = f"GRAPH <{graph}> {{ ?s ?p ?o }} BIND(<{graph}> AS ?g)" if graph else "GRAPH ?g { ?s ?p ?o }"
        for row in self.query(f"SELECT ?s ?p ?o ?g WHERE {{ {where} }}"):  # type: ignore[union-attr]
            yield Quad(row["s"], row["p"], row["o"], row["g"] if row["g"] is not None else DefaultGraph())

    def union_quads(self) -> Iterator[Quad]:
        """The default graph's quads (the union of the content graphs), sorted."""
        rows = self.query("SELECT ?s ?p ?o WHERE { ?s ?p ?o } ORDER BY ?s ?p ?o")
        for row in rows:  # type: ignore[union-attr]
            yield Quad(row["s"], row["p"], row["o"])

    def triples_about(self, iri: str) -> list[Quad]:
        """The union's quads with ``iri`` as subject or object."""
        node = NamedNode(iri)
        rows = self.query(f"SELECT ?s ?p ?o WHERE {{ {{ BIND({node} AS ?s) ?s ?p ?o }} UNION "
                          f"{{ BIND({node} AS ?o) ?s ?p ?o }} }}")
        return sorted({Quad(r["s"], r["p"], r["o"]) for r in rows}, key=str)  # type: ignore[union-attr]

    def __len__(self) -> int:
        """Quads in the default graph (the union of the content graphs)."""
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))  # type: ignore[arg-type]
        return int(rows[0]["n"].value)

    def total_quads(self) -> int:
        rows = list(self.query("SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"))  # type: ignore[arg-type]
        return int(rows[0]["n"].value)

    def flush(self) -> None:
        return None


def _bind_values(sparql: str, values: str) -> str:
    """``sparql`` with a VALUES block at the start of its outermost WHERE group (remote substitutions)."""
    index = sparql.upper().find("WHERE")
    brace = sparql.find("{", index if index >= 0 else 0)
    if brace < 0:
        raise QueryError("cannot bind variables in a query without a WHERE group")
    return sparql[: brace + 1] + f" {values} " + sparql[brace + 1:]


class _Triples(list):  # type: ignore[type-arg]
    """Triples of a remote CONSTRUCT, iterable like pyoxigraph's QueryTriples."""
