"""The SPARQL 1.1 Graph Store HTTP Protocol at ``/store`` (``?graph=IRI`` or ``?default``).

Reading a graph is always allowed; PUT, POST and DELETE need ``--allow-update`` and the
bearer token, like SPARQL Update.
"""

from __future__ import annotations

from starlette.requests import Request
from starlette.responses import Response

from ..prefixes import prefixes
from ..store import Store
from ..store.terms import DefaultGraph, NamedNode, Quad, RdfFormat, parse, serialize
from .config import ServerConfig
from .negotiation import GRAPHS, MEDIA_TYPES, negotiate
from .runner import QueryTimeout, Runner
from .sparql import ProtocolError, authorised, error, read_body

_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
            "rdfxml": RdfFormat.RDF_XML}
_READABLE = {k: v for k, v in GRAPHS.items() if v in _FORMATS}


def _target(request: Request) -> NamedNode | DefaultGraph:
    params = request.query_params
    if "graph" in params and "default" not in params:
        return NamedNode(params["graph"])
    if "default" in params and "graph" not in params:
        return DefaultGraph()
    raise ProtocolError(400, "name the graph with ?graph=IRI or ?default")


async def handle(request: Request, store: Store, config: ServerConfig, runner: Runner) -> Response:
    try:
        graph = _target(request)
        if request.method in ("GET", "HEAD"):
            fmt = negotiate(request.headers.get("accept"), _READABLE, "turtle")
            if fmt is None:
                raise ProtocolError(406, "a graph is available as text/turtle, application/n-triples, "
                                         "application/ld+json or application/rdf+xml")

            def read() -> bytes | None:
                if isinstance(graph, NamedNode):
                    if not store.has_graph(graph.value):
                        return None
                    triples = [q.triple for q in store.quads(graph.value)]
                else:  # the default graph: the union of the content graphs
                    triples = [q.triple for q in store.union_quads()]
                kwargs = {"prefixes": prefixes(config.base_iri, own=False)} if fmt in ("turtle", "rdfxml") else {}
                return serialize(sorted(triples, key=str), format=_FORMATS[fmt], **kwargs) or b""

            body = await runner.run(read)
            if body is None:
                raise ProtocolError(404, "no such graph")
            return Response(b"" if request.method == "HEAD" else body, media_type=MEDIA_TYPES[fmt])
        if not config.allow_update:
            raise ProtocolError(403, "the server is read-only (start it with --allow-update and --token)")
        if not authorised(request, config):
            raise ProtocolError(401, "a write needs the header 'Authorization: Bearer <token>'")
        if not isinstance(graph, NamedNode):
            raise ProtocolError(405, "the default graph is the union of the content graphs: write to a named graph")
        if request.method == "DELETE":
            await runner.run(lambda: store.remove_graph(graph.value))
            return Response(status_code=204)
        media = request.headers.get("content-type", "").split(";")[0].strip().lower()
        rdf_format = RdfFormat.from_media_type(media) if media else None
        if rdf_format is None or rdf_format.supports_datasets:
            raise ProtocolError(415, "send the graph as text/turtle, application/n-triples, application/ld+json "
                                     "or application/rdf+xml")
        data = await read_body(request, config)
        try:
            quads = [Quad(t.subject, t.predicate, t.object, graph) for t in parse(data, format=rdf_format)]
        except SyntaxError as err:
            raise ProtocolError(400, f"the graph does not parse: {err}") from None

        def write() -> None:
            if request.method == "PUT":
                store.replace_graph(graph.value, quads)
            else:
                store.add_to_graph(graph.value, quads)

        await runner.run(write)
        return Response(status_code=204)
    except ProtocolError as err:
        return error(err.status, err.message, cors=config.cors)
    except QueryTimeout as err:
        return error(503, str(err), cors=config.cors)
