"""The row and byte caps on a result as it streams from the engine: count rows in the bytes, let
whole rows through, close the document at a cap.

Exact for the formats the native engine writes for SELECT (SPARQL JSON, XML, CSV, TSV) and for
line-based graphs (N-Triples, N-Quads).  Bytes are held back only from the last row boundary
on, so what a request holds is one partial row (at most :data:`ROW_MAX`), never the result.
Other graph formats are cut by the store layer once whole (see :mod:`.relay`).

Why finding JSON row boundaries is cheap and exact: Oxigraph writes compact JSON in which a row
ends with ``}}`` (its last binding, then the row) and the next row starts with ``{"`` and a
variable name; inside a string every ``"`` is escaped, so ``}},{"`` followed by a name character
can only be a boundary between rows (a string's closing quote is followed by ``,``, ``}``, ``:``
or ``]``).  Rows without bindings (``{}``) do not fit that shape: for them every string is
skipped by a slower scan.
"""

from __future__ import annotations

import re
from collections.abc import Callable

ROW_MAX = 4 << 20  # held back at most (a partial row): a row longer than this ends the result before it
FORMATS = {"application/sparql-results+json", "application/sparql-results+xml", "text/csv",
           "text/tab-separated-values", "text/tsv", "application/n-triples", "application/n-quads"}

_JSON_ROW = re.compile(rb'\}\},\{"[^,}:\]]')  # a boundary: the match starts 2 bytes before it
_JSON_NOT_ROW = re.compile(rb'\}\},\{"[,}:\]]')  # a string's closing quote after }},{ (inside the string)
_JSON_ANY = re.compile(rb'"[^"\\]*(?:\\.[^"\\]*)*"|\},\{|"')  # strings skipped; a lone " is an unfinished one
_XML_ROW = b"</result>"

# A finder returns the positions (ends of rows) of the boundaries in buf[start:], and where to
# resume looking once more bytes came (before an unfinished token).
Finder = Callable[[bytes | bytearray, int], tuple[list[int], int]]


def _json_fast(buf: bytes | bytearray, start: int) -> tuple[list[int], int]:
    found = [m.start() + 2 for m in _JSON_ROW.finditer(buf, start)]
    return found, max(start, len(buf) - 5)


def _json_count(buf: bytes | bytearray, start: int) -> tuple[int, int, int]:
    """(boundaries, end of the last one or 0, resume) without listing them: the common case, no cap near."""
    end = len(buf) - 1  # a boundary needs the byte after ``}},{"`` to be there
    count = buf.count(b'}},{"', start, end) - len(_JSON_NOT_ROW.findall(buf, start))
    at = buf.rfind(b'}},{"', start, end)
    while at >= 0 and buf[at + 5] in b",}:]":
        at = buf.rfind(b'}},{"', start, at)
    return count, at + 2 if at >= 0 else 0, max(start, len(buf) - 5)


def _token_count(token: bytes) -> Callable[[bytes | bytearray, int], tuple[int, int, int]]:
    def count(buf: bytes | bytearray, start: int) -> tuple[int, int, int]:
        at = buf.rfind(token, start)
        return buf.count(token, start), at + len(token) if at >= 0 else 0, max(start, len(buf) - len(token) + 1)
    return count


def _json_exact(buf: bytes | bytearray, start: int) -> tuple[list[int], int]:
    found: list[int] = []
    resume = max(start, len(buf) - 2)
    for m in _JSON_ANY.finditer(buf, start):
        token = m.group()
        if token == b'"':  # a string that goes on in the next bytes
            return found, m.start()
        if token == b"},{":
            found.append(m.start() + 1)
        resume = max(m.end(), len(buf) - 2)
    return found, resume


def _xml(buf: bytes | bytearray, start: int) -> tuple[list[int], int]:
    found, at = [], buf.find(_XML_ROW, start)
    while at >= 0:
        found.append(at + len(_XML_ROW))
        at = buf.find(_XML_ROW, at + len(_XML_ROW))
    return found, max(start, len(buf) - len(_XML_ROW) + 1)


def _lines(newline: bytes) -> Finder:
    def find(buf: bytes | bytearray, start: int) -> tuple[list[int], int]:
        found, at = [], buf.find(newline, start)
        while at >= 0:
            found.append(at + len(newline))
            at = buf.find(newline, at + len(newline))
        return found, max(start, len(buf) - len(newline) + 1)
    return find


def _csv(buf: bytes | bytearray, start: int) -> tuple[list[int], int]:
    """Line ends outside quoted fields (a quoted field may hold a line break); looked for again from
    ``start`` until one is found, as a row is short."""
    found, at, quotes, last = [], buf.find(b"\r\n", start), 0, start
    while at >= 0:
        quotes += buf.count(b'"', last, at)
        last = at
        if quotes % 2 == 0:
            found.append(at + 2)
        at = buf.find(b"\r\n", at + 2)
    return found, found[-1] if found else start


class Cutter:
    """Cuts one result: :meth:`feed` it the engine's bytes in order, send what it returns, then :meth:`finish`.

    Once a cap is reached :attr:`done` is set, the bytes returned close the document, and the
    rest of the result is not to be read.  ``None`` from either method: the cap came before the
    first whole row, or the engine reported a cancellation; nothing was returned before a
    ``None`` from :meth:`feed`.
    """

    def __init__(self, media: str, max_rows: int, max_bytes: int) -> None:
        self.media = media
        self.max_rows = max_rows
        self.max_bytes = max_bytes
        self.header = 1 if media in ("text/csv", "text/tab-separated-values", "text/tsv") else 0
        self.closing = {"application/sparql-results+json": b"]}}",
                        "application/sparql-results+xml": b"</results></sparql>"}.get(media, b"")
        self.finder: Finder = {"application/sparql-results+json": _json_fast,
                               "application/sparql-results+xml": _xml,
                               "text/csv": _csv}.get(media) or _lines(b"\n")
        self.counter = {"application/sparql-results+json": _json_count, "text/csv": None,
                        "application/sparql-results+xml": _token_count(_XML_ROW)}.get(media, _token_count(b"\n"))
        self.buf = bytearray()  # the bytes after the last boundary let through
        self.scan = 0  # where in buf to look for boundaries next
        self.sent = 0  # bytes let through
        self.boundaries = 0  # boundaries let through (the ends of rows, and of the CSV/TSV header line)
        self.counted: bool | None = None if self.closing else True  # rows counted (None: not known yet)
        self.done = False
        self.reason = ""  # why the result was cut ("" when it was not)
        self.rows = -1  # rows let through, once finished (-1: not counted)

    @property
    def truncated(self) -> bool:
        return bool(self.reason)

    def _head(self) -> None:
        """Find where the rows start, or that there are none to count (an ASK result)."""
        marker = b'"bindings":[' if self.media.endswith("json") else b"<results>"
        at = self.buf.find(marker)
        if at >= 0:
            self.counted, self.scan = True, at + len(marker)
        elif b'"boolean"' in self.buf or b"<boolean>" in self.buf or len(self.buf) > 65536:
            self.counted = False

    def feed(self, data: bytes) -> bytes | None:
        before = len(self.buf)
        self.buf += data
        if self.counted is None:
            self._head()
            if self.counted is None:
                return b""
        room = self.max_bytes - self.sent
        buf = self.buf
        if not self.counted:  # nothing to count: only the byte cap
            if len(buf) > room:
                return None
            out = bytes(buf)
            buf.clear()
            self.sent += len(out)
            return out
        if self.finder is _json_fast and buf.find(b"{}", max(before - 1, 0)) >= 0:
            self.finder = _json_exact  # a row without bindings: skip every string from a known boundary
            self.scan = 0 if self.sent else buf.find(b'"bindings":[') + len(b'"bindings":[')
        wanted = self.max_rows + self.header - self.boundaries
        counter = self.counter if self.finder is not _json_exact else None
        if counter is not None:  # most results: no cap near, so the boundaries are counted, not listed
            count, end, resume = counter(buf, self.scan)
            if count < wanted and len(buf) <= room and len(buf) - end <= ROW_MAX:
                if not count:
                    self.scan = resume
                    return b""
                self.boundaries += count
                out = bytes(buf[:end])
                del buf[:end]
                self.sent += end
                self.scan = max(resume - end, 0)
                return out
        found, resume = self.finder(buf, self.scan)
        if len(found) >= wanted and found[wanted - 1] <= room:
            return self._cut(found[:wanted], "--max-rows")
        if len(buf) > room:
            return self._cut([end for end in found if end <= room], "--max-bytes")
        if len(buf) - (found[-1] if found else 0) > ROW_MAX:
            return self._cut(found, "a row over 4 MiB")
        if not found:
            self.scan = resume
            return b""
        end = found[-1]
        self.boundaries += len(found)
        out = bytes(buf[:end])
        del buf[:end]
        self.sent += end
        self.scan = max(resume - end, 0)
        return out

    def _cut(self, found: list[int], reason: str) -> bytes | None:
        """Let through the rows up to the last of ``found``, close the document, and stop."""
        end = found[-1] if found else 0
        if self.sent + end == 0:
            return None
        self.boundaries += len(found)
        self.done, self.reason, self.rows = True, reason, self.boundaries - self.header
        out = bytes(self.buf[:end])
        if self.media == "application/sparql-results+xml":
            out += f"<!-- kgbuild: truncated to the first {self.rows} rows ({reason}) -->".encode()
        elif self.media in ("application/n-triples", "application/n-quads"):
            out += f"# kgbuild: truncated to the first {self.rows} triples ({reason})\n".encode()
        self.sent += end
        self.buf = bytearray()
        return out + self.closing

    def finish(self) -> bytes | None:
        """The rest of the document, once the engine has sent all of it."""
        if self.done:
            return b""
        out = bytes(self.buf)
        self.buf = bytearray()
        if out.endswith(b"The SPARQL operation has been cancelled"):
            return None
        if self.counted:
            self.boundaries += len(self.finder(out, self.scan)[0])
            if self.media.endswith("json"):  # the last row has no boundary after it
                self.boundaries += 1 if self.boundaries or b'"bindings":[{' in out else 0
            self.rows = self.boundaries - self.header
        self.sent += len(out)
        return out
