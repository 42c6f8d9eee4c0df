"""``/browse/TYPE``: lists of organisations, people, events, articles and awards, with counts and paging.

The lists come from the names index (:mod:`kgbuild.search.browse`); codes (organisation
kinds, event types) are shown by their labels from the ontology.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..resources import data_dir
from ..search.browse import FACETS, ORDERS, browse
from .negotiation import format_override, negotiate
from .search import _index

PAGE = 50
MAX_PAGE = 500
TYPES = {"organisation": ("Tổ chức", "Organisations"), "person": ("Cá nhân", "People"), "event": ("Sự kiện", "Events"),
         "article": ("Bài báo", "Articles"), "award": ("Danh hiệu", "Awards")}
_SKOS = "http://www.w3.org/2004/02/skos/core#"


@cache
def code_labels() -> dict[str, tuple[str, str]]:
    """Vietnamese and English labels of the ontology's codes: event types (notations) and organisation kinds (classes)."""
    from ..store.terms import Literal, RdfFormat, parse

    path = data_dir("ontology") / "kgbuild.ttl"
    labels: dict[str, dict[str, str]] = {}
    notations: dict[str, str] = {}
    for t in parse(path=str(path), format=RdfFormat.TURTLE):
        subject = t.subject.value
        if t.predicate.value == _SKOS + "notation":
            notations[subject] = t.object.value
        elif t.predicate.value == "http://www.w3.org/2000/01/rdf-schema#label" and isinstance(t.object, Literal):
            labels.setdefault(subject, {})[t.object.language or ""] = t.object.value
    out = {}
    for iri, names in labels.items():
        local = re.split(r"[#/]", iri)[-1]
        code = notations.get(iri) or re.sub(r"(?<!^)(?=[A-Z])", "_", local).lower()
        out.setdefault(code, (names.get("vi", local), names.get("en", local)))
    return out


def label(code: str | None) -> str:
    if not code:
        return ""
    vi, en = code_labels().get(code, (code.replace("_", " "), ""))
    return f"{vi} / {en}" if en and en != vi else vi


async def handle(request: Request, render: Any, local: Any) -> Response:
    """One page of a list (``kind``, ``place``, ``year``, ``order``, ``page``), as HTML or JSON."""
    kind = request.path_params["type"]
    if kind not in TYPES:
        return Response(f"no list of {kind!r}: try {', '.join(f'/browse/{t}' for t in TYPES)}\n", status_code=404,
                        media_type="text/plain; charset=utf-8")
    params = request.query_params
    page_text = params.get("page", "1")
    page = int(page_text) if page_text.isdigit() and int(page_text) > 0 else 1
    order = params.get("order", "date" if kind in ("article", "event") else "articles")
    order = order if order in ORDERS else "articles"
    filters = {k: params[k] for k in FACETS[kind] if params.get(k)}
    size_text = params.get("limit", str(PAGE))
    size = min(max(int(size_text), 1), MAX_PAGE) if size_text.isdigit() else PAGE
    listing = browse(_index(request), kind, filters, order=order, limit=size, offset=(page - 1) * size)
    fmt = format_override(params.get("format"), {"json": "json", "html": "html"}) or negotiate(
        request.headers.get("accept"), {"text/html": "html", "application/json": "json"}, "html")
    if fmt == "json":
        return JSONResponse({"type": kind, "total": listing.total, "page": page, "filters": filters,
                             "rows": [{**row.__dict__, "page": local(row.iri)} for row in listing.rows],
                             "facets": listing.facets})
    pages = max(1, -(-listing.total // size))
    return HTMLResponse(render("browse.html", listing=listing, kind=kind, names=TYPES, filters=filters, page=page,
                               pages=pages, order=order, label=label, per_page=size))
