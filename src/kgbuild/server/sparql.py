"""The one error shape of the pages app.

The SPARQL 1.1 Protocol and the Graph Store Protocol are answered by the front of ``kgbuild
serve`` (:mod:`.gate`, :mod:`.relay`), before the native engine; the pages app only describes
the endpoint.  Its errors look like the front's: a status and one plain-text line.
"""

from __future__ import annotations

from starlette.responses import Response


def error(status: int, message: str, *, cors: bool = False) -> Response:
    """A status and a plain-text message that says what to do."""
    headers = {"Access-Control-Allow-Origin": "*"} if cors else {}
    return Response(message + "\n", status_code=status, media_type="text/plain; charset=utf-8", headers=headers)
