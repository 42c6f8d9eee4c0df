"""``/questions/NAME``: a named question with its parameters, as SPARQL results or as a page with a form.

``?province=Vĩnh Phúc&year=2024&limit=50&offset=0`` binds the parameters the question
declares (see :mod:`kgbuild.questions`); the answer is in a SPARQL 1.1 results format
chosen by ``Accept`` or ``format`` (JSON by default), or a page with the form and a table
for a browser.
"""

from __future__ import annotations

from typing import Any

from starlette.requests import Request
from starlette.responses import HTMLResponse, Response

from .. import questions as q
from ..errors import KgbuildError
from . import results
from .negotiation import MEDIA_TYPES, RESULTS, format_override, negotiate
from .runner import QueryTimeout

PAGE_ROWS = 100
_RESERVED = {"limit", "offset", "format"}


def _text(status: int, message: str) -> Response:
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8")


def _int(value: str | None, name: str) -> int | None:
    if value in (None, ""):
        return None
    if not value.isdigit():
        raise KgbuildError(f"{name} must be a whole number")
    return int(value)


def _table(result: Any, local: Any) -> tuple[list[str], list[list[dict[str, str]]]]:
    columns = [v.value for v in result.variables]
    rows = []
    for solution in result:
        line = []
        for name in columns:
            term = solution[name]
            value = "" if term is None else term.value
            iri = type(term).__name__ == "NamedNode"
            href = local(value) if iri else ""
            line.append({"text": href.rsplit("/", 1)[-1] if href.startswith("/") else value, "href": href})
        rows.append(line)
    return columns, rows


async def handle(request: Request, store: Any, config: Any, runner: Any, render: Any, local: Any) -> Response:
    """Answer one question request (404 for an unknown question, 400 for a bad parameter)."""
    name = request.path_params["name"]
    try:
        question = q.question(name)
    except KgbuildError as err:
        return _text(404, str(err))
    params = request.query_params
    fmt = format_override(params.get("format"), {**RESULTS, "text/html": "html"}) or negotiate(
        request.headers.get("accept"), {**RESULTS, "text/html": "html"}, "json")
    if fmt is None:
        return _text(406, "question results: accept application/sparql-results+json, application/sparql-results+xml, "
                          "text/csv, text/tab-separated-values or text/html")
    values = {k: v for k, v in params.items() if k not in _RESERVED and v.strip()}
    try:
        limit, offset = _int(params.get("limit"), "limit"), _int(params.get("offset"), "offset")
        if fmt == "html" and limit is None:
            limit = PAGE_ROWS
        sparql = q.prepare(store, question, values, base=config.base_iri, limit=limit, offset=offset)
    except KgbuildError as err:
        return _text(400, str(err))

    def evaluate() -> Any:
        result = store.query(sparql)
        if fmt == "html":
            return _table(result, local)
        return results.solutions(result, fmt, config.max_rows)

    try:
        answer = await runner.run(evaluate)
    except QueryTimeout as err:
        return _text(503, str(err))
    except KgbuildError as err:
        return _text(400, str(err))
    if fmt == "html":
        columns, rows = answer
        page = render("question.html", question=question, values=values, columns=columns, rows=rows,
                      limit=limit, offset=offset or 0, sparql=sparql)
        return HTMLResponse(page, headers={"Vary": "Accept"})
    headers = {"Vary": "Accept"}
    if answer.truncated:
        headers["Kgbuild-Truncated"] = f"true; rows={answer.rows}"
    media = MEDIA_TYPES[answer.fmt] + ("; charset=utf-8" if answer.fmt in ("csv", "tsv") else "")
    return Response(answer.body, media_type=media, headers=headers)
