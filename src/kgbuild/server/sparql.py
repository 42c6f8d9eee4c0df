"""The SPARQL 1.1 Protocol: one function from a request to a response.

Query by GET and POST (form-encoded or ``application/sparql-query``), update only when
the server allows it and the bearer token matches, federated ``SERVICE`` only when
enabled, results by content negotiation, a row cap and a time limit both signalled to
the client.  Every error answers through :func:`error`, in one shape.
"""

from __future__ import annotations

import secrets
from urllib.parse import parse_qs

from starlette.requests import Request
from starlette.responses import Response

from ..errors import QueryError
from ..prefixes import prefixes
from ..store import Store
from ..store.terms import QueryBoolean, QuerySolutions, QueryTriples
from . import results
from .config import ServerConfig
from .guard import Guard
from .negotiation import GRAPHS, MEDIA_TYPES, RESULTS, format_override, negotiate
from .runner import QueryTimeout, Runner


class ProtocolError(Exception):
    def __init__(self, status: int, message: str) -> None:
        super().__init__(message)
        self.status = status
        self.message = message


def error(status: int, message: str, *, cors: bool = False) -> Response:
    """The one error shape: a status and a plain-text message that says what to do."""
    headers = {"Access-Control-Allow-Origin": "*"} if cors else {}
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8", headers=headers)


async def read_body(request: Request, config: ServerConfig) -> bytes:
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > config.max_body:
        raise ProtocolError(413, f"request body larger than {config.max_body} bytes")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > config.max_body:
            raise ProtocolError(413, f"request body larger than {config.max_body} bytes")
    return body


async def parse_operation(request: Request, config: ServerConfig) -> tuple[str, str, dict[str, list[str]]]:
    """(kind, text, parameters): kind is ``query`` or ``update``.

    :raises ProtocolError: 400 without an operation, 415 for an unsupported body, 413 when too large.
    """
    params = parse_qs(request.url.query, keep_blank_values=True)
    if request.method == "GET":
        if "update" in params:
            raise ProtocolError(400, "an update must be sent by POST")
        if "query" not in params:
            raise ProtocolError(400, "missing the 'query' parameter")
        return "query", params["query"][0], params
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    body = await read_body(request, config)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError:
        raise ProtocolError(400, "the request body is not UTF-8") from None
    if media == "application/sparql-query":
        return "query", text, params
    if media == "application/sparql-update":
        return "update", text, params
    if media == "application/x-www-form-urlencoded":
        form = parse_qs(text, keep_blank_values=True)
        merged = {**params, **form}
        if "query" in form:
            return "query", form["query"][0], merged
        if "update" in form:
            return "update", form["update"][0], merged
        raise ProtocolError(400, "missing the 'query' or 'update' field")
    raise ProtocolError(415, "send application/sparql-query, application/sparql-update or "
                             "application/x-www-form-urlencoded")


def _evaluate(store: Store, query: str, params: dict[str, list[str]], accept: str | None,
              config: ServerConfig) -> results.Payload:
    try:  # the store's default graph is the union of the content graphs; the protocol's graph IRIs override it
        result = store.query(query, default_graph=params.get("default-graph-uri") or None,
                             named_graphs=params.get("named-graph-uri") or None)
    except QueryError as err:
        raise ProtocolError(400, str(err)) from None
    override = params.get("format", [None])[0]
    # results are bound to this thread: drop them here before an error travels to the event loop
    if isinstance(result, QueryTriples):
        fmt = format_override(override, GRAPHS) or negotiate(accept, GRAPHS, "turtle")
        if fmt is None:
            del result
            raise ProtocolError(406, "a CONSTRUCT/DESCRIBE result is a graph: accept text/turtle, "
                                     "application/n-triples, application/ld+json, application/rdf+xml, "
                                     "application/trig or application/n-quads")
        return results.triples(result, fmt, config.max_rows, prefixes(config.base_iri, own=False))
    fmt = format_override(override, RESULTS) or negotiate(accept, RESULTS, "json")
    if fmt is None:
        del result
        raise ProtocolError(406, "SELECT/ASK results: accept application/sparql-results+json, "
                                 "application/sparql-results+xml, text/csv or text/tab-separated-values")
    if isinstance(result, QueryBoolean):
        return results.boolean(result, fmt)
    assert isinstance(result, QuerySolutions)
    return results.solutions(result, fmt, config.max_rows)


def authorised(request: Request, config: ServerConfig) -> bool:
    header = request.headers.get("authorization", "")
    return bool(config.token) and header.startswith("Bearer ") and secrets.compare_digest(header[7:], config.token or "")


async def handle(request: Request, store: Store, config: ServerConfig, runner: Runner) -> Response:
    """Answer one SPARQL Protocol request."""
    try:
        kind, text, params = await parse_operation(request, config)
        refusal = Guard(allow_service=config.allow_service).verdict(text, kind)
        if refusal:
            raise ProtocolError(refusal.status, refusal.message)
        if kind == "update":
            if not config.allow_update:
                raise ProtocolError(403, "the server is read-only (start it with --allow-update and --token)")
            if not authorised(request, config):
                raise ProtocolError(401, "an update needs the header 'Authorization: Bearer <token>'")
            await runner.run(lambda: _update(store, text))
            return Response(status_code=204, headers=_cors(config))
        payload = await runner.run(lambda: _evaluate(store, text, params, request.headers.get("accept"), config))
    except ProtocolError as err:
        return error(err.status, err.message, cors=config.cors)
    except QueryTimeout as err:
        return error(503, str(err), cors=config.cors)
    headers = {**_cors(config), "Vary": "Accept"}
    if payload.truncated:
        headers["Kgbuild-Truncated"] = f"true; rows={payload.rows}"
        headers["Warning"] = f'199 kgbuild "result truncated to the first {payload.rows} rows (--max-rows)"'
    media = MEDIA_TYPES[payload.fmt] + ("; charset=utf-8" if payload.fmt in ("csv", "tsv", "turtle") else "")
    return Response(payload.body, media_type=media, headers=headers)


def _update(store: Store, text: str) -> None:
    try:
        store.update(text)
    except QueryError as err:
        raise ProtocolError(400, str(err)) from None


def _cors(config: ServerConfig) -> dict[str, str]:
    return {"Access-Control-Allow-Origin": "*"} if config.cors else {}
