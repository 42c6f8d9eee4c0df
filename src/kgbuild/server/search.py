"""``/search?q=``: the names index over HTTP, as JSON for the search box and as a page for people."""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response

from ..search import TYPES, Index, open_index
from .negotiation import format_override, negotiate

MAX_LIMIT = 100
_OFFERS = {"application/json": "json", "text/html": "html"}


def _index(request: Request) -> Index:
    """The app's index, opened (and brought in step with the store) on first use."""
    state = request.app.state
    if getattr(state, "search_index", None) is None:
        state.search_index = open_index(state.store)
    return state.search_index  # type: ignore[no-any-return]


async def handle(request: Request, render: Any, local: Any) -> Response:
    """Hits for ``q`` (``type`` repeatable, ``limit`` up to :data:`MAX_LIMIT`), as JSON or HTML."""
    params = request.query_params
    fmt = format_override(params.get("format"), {"json": "json", "html": "html"}) or negotiate(
        request.headers.get("accept"), _OFFERS, "json")
    if fmt is None:
        return Response("search results are available as application/json or text/html\n", status_code=406,
                        media_type="text/plain; charset=utf-8")
    text = params.get("q", "").strip()
    types = [t for t in params.getlist("type") if t]
    unknown = sorted(set(types) - set(TYPES))
    if unknown:
        return Response(f"unknown type {', '.join(unknown)}: use {', '.join(TYPES)}\n", status_code=400,
                        media_type="text/plain; charset=utf-8")
    try:
        limit = min(max(int(params.get("limit", "10")), 1), MAX_LIMIT)
    except ValueError:
        return Response("limit must be a number\n", status_code=400, media_type="text/plain; charset=utf-8")
    hits = _index(request).search(text, types=types, limit=limit) if text else []
    found = [{**hit.to_dict(), "page": local(hit.iri)} for hit in hits]
    if fmt == "json":
        return JSONResponse({"query": text, "hits": found})
    return HTMLResponse(render("search.html", q=text, hits=found, types=list(TYPES), selected=types))
