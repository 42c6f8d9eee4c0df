"""The row cap on results the engine wrote: count rows in the bytes, cut at a row's end, close the document.

Exact for the formats the native engine writes for SELECT (SPARQL JSON, XML, CSV, TSV) and for
line-based graphs (N-Triples, N-Quads), and cheap when nothing is cut: one ``bytes.count`` bounds
the row count from above.  A ``partial`` body (stopped at the byte cap) is cut at its last whole
row.  Other graph formats are cut by the store layer (parsed and written again).

Why the JSON count is exact: inside a JSON string a ``"`` is always escaped, so outside strings
``},{`` only occurs between two rows of the compact ``bindings`` array Oxigraph writes (within a
row, bindings are separated by ``},"name":{`` and terms hold no ``},{``).
"""

from __future__ import annotations

import re

_JSON_TOKEN = re.compile(rb'"(?:[^"\\]|\\.)*"|\},\{')
FORMATS = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values", "text/tsv", "application/n-triples", "application/n-quads"}


def _json(body: bytes, max_rows: int, partial: bool) -> tuple[bytes, int, bool] | None:
    if not partial and body.count(b"},{") < max_rows:  # fewer separators even counting those in strings
        return body, -1, False
    last, separators = -1, 0
    for m in _JSON_TOKEN.finditer(body):
        if m.group() == b"},{":
            separators += 1
            last = m.start() + 1
            if separators == max_rows:
                return body[:last] + b"]}}", max_rows, True
    if not partial:
        return body, separators + 1, False
    return (body[:last] + b"]}}", separators, True) if last > 0 else None


def _xml(body: bytes, max_rows: int, partial: bool) -> tuple[bytes, int, bool] | None:
    total = body.count(b"</result>")
    if total <= max_rows and not partial:
        return body, total, False
    keep = min(total, max_rows)
    end = body.index(b"<results>") + len(b"<results>")
    for _ in range(keep):
        end = body.index(b"</result>", end) + len(b"</result>")
    return body[:end] + b"</results></sparql>", keep, True


def _lines(body: bytes, max_rows: int, newline: bytes, header: int, quoted: bool,
           partial: bool) -> tuple[bytes, int, bool] | None:
    if not partial and body.count(newline) <= max_rows + header:
        return body, -1, False
    seen, start, last = 0, 0, 0
    while seen < max_rows + header:
        end = body.find(newline, start)
        if end < 0:
            break
        start = end + len(newline)
        if quoted and body.count(b'"', 0, end) % 2:
            continue  # a line break inside a quoted CSV field
        seen, last = seen + 1, start
    if seen < max_rows + header and not partial:
        return body, seen - header, False
    if seen <= header and partial:
        return None
    return body[:last], seen - header, last < len(body) or partial


def cut(body: bytes, media: str, max_rows: int, *, partial: bool = False) -> tuple[bytes, int, bool] | None:
    """(body, rows or -1 when not counted, truncated) for a format cut here; None for the other formats,
    and for a ``partial`` body without one whole row."""
    if media == "application/sparql-results+json":
        return _json(body, max_rows, partial) if b'"bindings"' in body else (None if partial else (body, -1, False))
    if media == "application/sparql-results+xml":
        return _xml(body, max_rows, partial) if b"<results>" in body else (None if partial else (body, -1, False))
    if media == "text/csv":
        return _lines(body, max_rows, b"\r\n", 1, True, partial)
    if media in ("text/tab-separated-values", "text/tsv"):
        return _lines(body, max_rows, b"\n", 1, False, partial)
    if media in ("application/n-triples", "application/n-quads"):
        return _lines(body, max_rows, b"\n", 0, False, partial)
    return None
