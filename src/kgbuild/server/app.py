"""The ASGI application: linked-data pages, VoID, the endpoint's description, home and query pages.

``create_app(config)`` is the whole HTTP surface; handlers stay small and call the
store, the protocol module and the page builder.  The store is opened read-only unless
updates are allowed, so a running build never conflicts with a server.
"""

from __future__ import annotations

import contextlib
import re
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any
from urllib.parse import quote

from jinja2 import Environment, FileSystemLoader, select_autoescape
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.cors import CORSMiddleware
from starlette.requests import Request
from starlette.responses import FileResponse, HTMLResponse, JSONResponse, Response
from starlette.routing import Mount, Route
from starlette.staticfiles import StaticFiles

from ..errors import KgbuildError, QueryError, StoreError
from ..prefixes import prefixes
from ..query import named_queries
from ..resources import data_dir
from ..store import RemoteStore, Store
from ..store.terms import Literal, NamedNode, Quad, RdfFormat, serialize
from . import sparql
from .config import ServerConfig
from .describe import dataset_figures, describe
from .language import LanguageMiddleware
from .language import current as current_language
from .negotiation import MEDIA_TYPES, PAGES, format_override, negotiate
from .runner import Runner
from .vocab import ONTOLOGY_IRI, anchor

_HERE = Path(__file__).parent
_BAD_IRI = re.compile(r'[\s<>"{}|\\^`]')
_RDF_PAGE_FORMATS = {"turtle": RdfFormat.TURTLE, "ntriples": RdfFormat.N_TRIPLES, "jsonld": RdfFormat.JSON_LD,
                     "rdfxml": RdfFormat.RDF_XML}
_VOID = "http://rdfs.org/ns/void#"
_SD = "http://www.w3.org/ns/sparql-service-description#"
_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_ARTICLE = "https://w3id.org/kgbuild/ontology#Article"


def _templates() -> Environment:
    from . import language

    env = Environment(loader=FileSystemLoader(_HERE / "templates"), autoescape=select_autoescape(["html"]))
    env.globals.update(lang=language.current, pick=language.pick, switch_url=language.switch_url,
                       rdf_formats=_RDF_FORMAT_NAMES)
    env.filters["num"] = language.number
    return env


_RDF_FORMAT_NAMES = [("turtle", "text/turtle", "Turtle"), ("ntriples", "application/n-triples", "N-Triples"),
                     ("jsonld", "application/ld+json", "JSON-LD"), ("rdfxml", "application/rdf+xml", "RDF/XML")]


def create_app(config: ServerConfig) -> Starlette:
    """The application for one store and one configuration."""
    store = _open(config)
    runner = Runner(config.workers, config.timeout_s)
    env = _templates()
    base = config.base_iri

    def local(iri: str) -> str:
        """The path at which this server shows an IRI (its own IRIs; the ontology's terms on the ontology
        page), the IRI itself when it is a web address, else ``#``: data from articles never puts a
        ``javascript:`` or other scheme in a link."""
        if iri.startswith(ONTOLOGY_IRI):
            return "/ontology#" + quote(anchor(iri), safe="-._~")
        if iri.startswith(base):
            return "/" + quote(iri[len(base):], safe="/-._~!$&'()*+,;=:@%#")
        return iri if iri.lower().startswith(("http://", "https://")) else "#"

    env.globals.update(local=local, base=base)

    async def endpoint(request: Request) -> Response:
        """Only the description: queries, updates and /store are answered by the front of kgbuild serve."""
        if request.method == "GET" and "query" not in request.query_params and "update" not in request.query_params:
            return _graph_response(request, service_description(request), config)
        return sparql.error(404, "queries are answered by the endpoint of kgbuild serve, not by the pages")

    async def home(request: Request) -> Response:
        counts = await runner.run(lambda: dataset_figures(store))
        page = env.get_template("home.html").render(counts=counts, queries=named_queries().values())
        return HTMLResponse(page)

    async def query_page(request: Request) -> Response:
        page = env.get_template("query.html").render(
            queries=[{"name": q.name, "title": q.title, "sparql": q.sparql} for q in named_queries().values()],
            selected=request.query_params.get("name", ""), site_prefixes=prefixes(base))
        return HTMLResponse(page)

    async def void(request: Request) -> Response:
        counts = await runner.run(lambda: dataset_figures(store))
        return _graph_response(request, void_description(request, counts), config)

    async def ontology(request: Request) -> Response:
        fmt = format_override(request.query_params.get("format"), PAGES) or negotiate(
            request.headers.get("accept"), {"text/html": "html", "text/turtle": "turtle"}, "turtle")
        if fmt == "html":
            from .ontology_page import render

            return HTMLResponse(render(env, current_language()), headers={"Vary": "Accept"})
        if fmt != "turtle":
            return sparql.error(406, "the ontology is available as text/html or text/turtle")
        text = (data_dir("ontology") / "kgbuild.ttl").read_bytes()
        return Response(text, media_type="text/turtle; charset=utf-8")

    async def jsonld_context(request: Request) -> Response:
        text = (data_dir("ontology") / "context.jsonld").read_bytes()
        return Response(text, media_type="application/ld+json")

    async def search_page(request: Request) -> Response:
        from .search import handle

        return await handle(request, lambda name, **values: env.get_template(name).render(**values), local)

    async def browse_page(request: Request) -> Response:
        from .browse import handle

        return await handle(request, lambda name, **values: env.get_template(name).render(**values), local)

    async def question_page(request: Request) -> Response:
        from .questions import handle

        return await handle(request, store, config, runner,
                            lambda name, **values: env.get_template(name).render(**values), local)

    async def favicon(request: Request) -> Response:
        """Browsers ask for /favicon.ico whatever the page links: the same icon, not a 404 in every log."""
        return FileResponse(_HERE / "static" / "favicon.svg", media_type="image/svg+xml")

    async def prefix_list(request: Request) -> Response:
        """The project's prefixes in prefix.cc's format, for the query editor's prefix completion (which
        would otherwise ask prefix.cc itself)."""
        return JSONResponse(prefixes(base))

    async def health(request: Request) -> Response:
        return JSONResponse({"status": "ok", "quads": len(store)})

    async def resource(request: Request) -> Response:
        path = request.path_params["path"]
        if ".." in path.split("/"):
            return sparql.error(404, "no such resource")
        iri = base + path
        if not _valid_iri(iri):
            return sparql.error(404, f"no resource {iri!r} in this dataset (not a valid IRI)")
        fmt = format_override(request.query_params.get("format"), PAGES) or negotiate(
            request.headers.get("accept"), PAGES, "html")
        if fmt is None:
            return sparql.error(406, "this page is available as text/html, text/turtle, application/n-triples, "
                                     "application/ld+json or application/rdf+xml")
        if fmt != "html":
            try:
                quads = await runner.run(lambda: _cbd(store, iri))
            except ValueError:
                quads = []
            if not quads:
                return sparql.error(404, f"no resource {iri} in this dataset")
            kwargs = {"prefixes": prefixes(base, own=False)} if fmt in ("turtle", "rdfxml") else {}
            body = serialize([getattr(q, "triple", q) for q in quads], format=_RDF_PAGE_FORMATS[fmt], **kwargs) or b""
            return Response(body, media_type=MEDIA_TYPES[fmt], headers={"Vary": "Accept"})
        lang = current_language()
        try:
            found = await runner.run(lambda: describe(store, iri, lang))
        except ValueError:
            found = None
        if found is None:
            return HTMLResponse(env.get_template("missing.html").render(iri=iri), status_code=404)
        from .facts import article_text, sections

        classes = found.classes
        facts = await runner.run(lambda: sections(store, iri, classes, local, lang))
        text = await runner.run(lambda: article_text(store, iri)) if _ARTICLE in classes else []
        page = env.get_template("resource.html").render(r=found, sections=facts, paragraphs=text)
        return HTMLResponse(page, headers={"Vary": "Accept"})

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        runner.close()

    middleware = [Middleware(LanguageMiddleware)] + ([Middleware(
        CORSMiddleware, allow_origins=["*"], allow_methods=["GET", "POST"], allow_headers=["*"],
        expose_headers=["Kgbuild-Truncated"])] if config.cors else [])
    routes = [
        Route("/", home),
        Route("/sparql", endpoint, methods=["GET", "POST"]),
        Route("/query", query_page),
        Route("/.well-known/void", void),
        Route("/ontology", ontology),
        Route("/ontology/context.jsonld", jsonld_context),
        Route("/-/health", health),
        Route("/favicon.ico", favicon),
        Route("/-/prefixes.json", prefix_list),
        Route("/search", search_page),
        Route("/questions/{name}", question_page),
        Route("/browse/{type}", browse_page),
        Mount("/static", StaticFiles(directory=_HERE / "static"), name="static"),
        Route("/{path:path}", resource),
    ]
    app = Starlette(routes=routes, middleware=middleware, lifespan=lifespan,
                    exception_handlers={KgbuildError: _library_error, ValueError: _library_error})
    app.state.store = store
    app.state.base_iri = base
    app.state.public_url = config.public_url
    app.state.runner = runner
    return app


def _valid_iri(iri: str) -> bool:
    if _BAD_IRI.search(iri) or any(ord(c) < 0x20 or 0xD800 <= ord(c) < 0xE000 for c in iri):
        return False
    try:
        NamedNode(iri)
    except ValueError:
        return False
    return True


_ERRORS: dict[type[Exception], int] = {QueryError: 400, ValueError: 400, StoreError: 503, KgbuildError: 500}


async def _library_error(request: Request, exc: Exception) -> Response:
    """Library errors as HTTP answers, in one table: never a traceback to the client."""
    status = next((code for kind, code in _ERRORS.items() if isinstance(exc, kind)), 500)
    return sparql.error(status, str(exc).splitlines()[0] if str(exc) else type(exc).__name__)


def _open(config: ServerConfig) -> Any:
    """The store the pages read: the front's own endpoint behind ``kgbuild serve``, or a folder (tests)."""
    if config.store_path.startswith(("http://", "https://")):
        store = RemoteStore(config.store_path)  # not checked now: the front answers only once the pages are up
        if config.local_store:
            store.path = config.local_store  # the search index lives beside the served folder
        return store
    return Store.open(config.store_path) if config.allow_update else Store.open_for_reading(config.store_path)


def _cbd(store: Any, iri: str) -> list[Any]:
    """The triples about ``iri`` and those pointing at it."""
    if _BAD_IRI.search(iri):
        raise ValueError(f"not an IRI: {iri!r}")
    result = store.query(f"CONSTRUCT {{ <{iri}> ?p ?o . ?s ?q <{iri}> }} WHERE {{ {{ <{iri}> ?p ?o }} UNION "
                         f"{{ ?s ?q <{iri}> }} }}")
    return sorted(set(result), key=str)


def _graph_response(request: Request, triples: list[Quad], config: ServerConfig) -> Response:
    from .negotiation import GRAPHS

    offers = {k: v for k, v in GRAPHS.items() if v in _RDF_PAGE_FORMATS}
    fmt = format_override(request.query_params.get("format"), offers) or negotiate(
        request.headers.get("accept"), {**offers, "text/html": "turtle"}, "turtle")
    if fmt is None:
        return sparql.error(406, "available as text/turtle, application/n-triples, application/ld+json or "
                                 "application/rdf+xml")
    names = {**prefixes(config.base_iri, own=False), "void": _VOID, "sd": _SD}
    kwargs = {"prefixes": names} if fmt in ("turtle", "rdfxml") else {}
    body = serialize([q.triple for q in triples], format=_RDF_PAGE_FORMATS[fmt], **kwargs) or b""
    headers = {"Access-Control-Allow-Origin": "*"} if config.cors else {}
    return Response(body, media_type=MEDIA_TYPES[fmt], headers=headers)


def _root(request: Request) -> str:
    """The public address of this server: ``--public-url``, never the request's Host header."""
    public = request.app.state.public_url
    return public.rstrip("/") if public else "http://127.0.0.1"


def service_description(request: Request) -> list[Quad]:
    """SPARQL 1.1 Service Description of the endpoint."""
    service = NamedNode(_root(request) + "/sparql")

    def t(s: NamedNode, p: str, o: NamedNode | Literal) -> Quad:
        return Quad(s, NamedNode(p), o)

    quads = [t(service, _RDF_TYPE, NamedNode(_SD + "Service")), t(service, _SD + "endpoint", service),
             t(service, _SD + "supportedLanguage", NamedNode(_SD + "SPARQL11Query")),
             t(service, _SD + "feature", NamedNode(_SD + "UnionDefaultGraph"))]
    for media in ("application/sparql-results+json", "application/sparql-results+xml", "text/csv",
                  "text/tab-separated-values", "text/turtle", "application/n-triples", "application/ld+json",
                  "application/rdf+xml"):
        quads.append(t(service, _SD + "resultFormat", NamedNode(_FORMAT_IRIS.get(media, f"urn:media:{quote(media)}"))))
    return quads


_FORMAT_IRIS = {
    "application/sparql-results+json": "http://www.w3.org/ns/formats/SPARQL_Results_JSON",
    "application/sparql-results+xml": "http://www.w3.org/ns/formats/SPARQL_Results_XML",
    "text/csv": "http://www.w3.org/ns/formats/SPARQL_Results_CSV",
    "text/tab-separated-values": "http://www.w3.org/ns/formats/SPARQL_Results_TSV",
    "text/turtle": "http://www.w3.org/ns/formats/Turtle",
    "application/n-triples": "http://www.w3.org/ns/formats/N-Triples",
    "application/ld+json": "http://www.w3.org/ns/formats/JSON-LD",
    "application/rdf+xml": "http://www.w3.org/ns/formats/RDF_XML",
}


def void_description(request: Request, counts: dict[str, int]) -> list[Quad]:
    """VoID of the served dataset."""
    root = _root(request)
    dataset = NamedNode(root + "/.well-known/void#dataset")
    xsd_int = NamedNode("http://www.w3.org/2001/XMLSchema#integer")

    def t(p: str, o: NamedNode | Literal) -> Quad:
        return Quad(dataset, NamedNode(p), o)

    return [
        t(_RDF_TYPE, NamedNode(_VOID + "Dataset")),
        t("http://purl.org/dc/terms/title", Literal("kgbuild: công đoàn và khu vực công", language="vi")),
        t("http://purl.org/dc/terms/title", Literal("kgbuild: Vietnamese trade unions and public-sector bodies",
                                                    language="en")),
        t(_VOID + "sparqlEndpoint", NamedNode(root + "/sparql")),
        t(_VOID + "uriSpace", Literal(request.app.state.base_iri)),
        t(_VOID + "triples", Literal(str(counts["quads"]), datatype=xsd_int)),
        t(_VOID + "entities", Literal(str(counts["organisations"] + counts["people"] + counts["events"]),
                                      datatype=xsd_int)),
        t(_VOID + "vocabulary", NamedNode("https://w3id.org/kgbuild/ontology#")),
    ]

