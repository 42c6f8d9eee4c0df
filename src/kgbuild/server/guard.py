"""What a SPARQL operation must pass before the query engine sees it.

Three things the engine cannot be trusted with, measured on Oxigraph 0.5.13 here:

- **Deep or long operations crash it.** Its parser and planner recurse: 3,000 nested ``{``,
  10,000 ``(``, a chain of 10,000 ``+`` or ``UNION`` or 10,000 triple patterns overflow the
  stack of the thread that parses them and abort the whole process.  Brackets and operators
  are counted in the raw text (strings included, so nothing can hide one) and an operation with
  more than :data:`MAX_BRACKETS` or :data:`MAX_OPERATORS` is refused before it is parsed.
- **SERVICE and LOAD make it fetch URLs** (the native server has an HTTP client).  An operation
  whose text cannot contain the keyword (after SPARQL's ``\\u`` escapes, case-folded) is let
  through at once; any other is parsed with rdflib's SPARQL grammar and refused when its parse
  tree holds a ``SERVICE`` pattern or a ``LOAD``, or when it does not parse there (refusing what
  cannot be checked, so a difference between the two parsers fails closed).
- Verdicts are cached by text: repeated queries cost a dictionary look-up.
"""

from __future__ import annotations

import re
import threading
from collections import OrderedDict
from dataclasses import dataclass
from typing import Any

MAX_BRACKETS = 1_000  # '{', '(' and '[' in the text; nesting crashed Oxigraph between 1,000 and 3,000
MAX_OPERATORS = 2_000  # chained operators and patterns; chains crashed it from a few thousand on
MAX_PARSED_CHARS = 100_000  # operations that mention SERVICE or LOAD are parsed in Python: bound the work
_CACHE_SIZE = 4_096

_CODEPOINT = re.compile(r"\\u([0-9A-Fa-f]{4})|\\U([0-9A-Fa-f]{8})")
# operators and pattern separators that the engine folds into a nested tree, one level each
_OPERATOR = re.compile(rb"[+*|&/^!.;,]|(?i:\b(?:union|optional|minus|filter|bind|values|graph|service)\b)")
_IRI = re.compile(rb"<[^<>\"{}|^`\\\s]*>")


@dataclass(frozen=True)
class Refusal:
    """Why an operation is not run: an HTTP status and a message that says what to change."""

    status: int
    message: str


def _decoded(text: str) -> str:
    def one(m: re.Match[str]) -> str:
        code = int(m.group(1) or m.group(2), 16)
        return chr(code) if code < 0x110000 and not 0xD800 <= code < 0xE000 else ""

    return _CODEPOINT.sub(one, text)


def _mentions(text: str, word: str) -> bool:
    """Whether ``word`` could be a keyword of ``text``: a sound over-approximation, never a miss."""
    return word in _decoded(text).casefold()


def _walk(node: Any, names: set[str], depth: int = 0) -> str | None:
    """The first parse-tree node named in ``names`` (rdflib's CompValue trees and ParseResults)."""
    from pyparsing import ParseResults
    from rdflib.plugins.sparql.parserutils import CompValue

    if depth > 200:
        return "too deep"
    if isinstance(node, CompValue):
        if node.name in names:
            return node.name
        children: Any = node.values()
    elif isinstance(node, (list, tuple, ParseResults)):
        children = node
    elif isinstance(node, dict):
        children = node.values()
    else:
        return None
    for child in children:
        found = _walk(child, names, depth + 1)
        if found:
            return found
    return None


def _outbound(text: str, kind: str) -> Refusal | None:
    """Parse with rdflib and look for SERVICE (and LOAD in updates) in the parse tree."""
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    if len(text) > MAX_PARSED_CHARS:
        return Refusal(413, f"an operation that mentions SERVICE or LOAD is checked by parsing it, which is "
                            f"limited to {MAX_PARSED_CHARS} characters")
    try:
        tree = parseUpdate(text) if kind == "update" else parseQuery(text)
    except RecursionError:
        return Refusal(400, "the operation is nested too deeply to be checked for SERVICE")
    except Exception as err:  # pyparsing's ParseException and rdflib's errors: fail closed
        reason = str(err).splitlines()[0][:200] if str(err) else type(err).__name__
        return Refusal(400, f"this operation mentions SERVICE or LOAD and could not be checked for them "
                            f"(rdflib's parser: {reason}); remove the word or write it differently")
    found = _walk(tree, {"ServiceGraphPattern", "Load"})
    if found == "too deep":
        return Refusal(400, "the operation is nested too deeply to be checked for SERVICE")
    if found == "Load":
        return Refusal(403, "LOAD fetches a URL and is refused: this server makes no outbound requests")
    if found:
        return Refusal(403, "federated SERVICE calls are disabled (start the server with --allow-service)")
    return None


def _shape(text: str) -> Refusal | None:
    raw = text.encode("utf-8", "surrogatepass")
    brackets = raw.count(b"{") + raw.count(b"(") + raw.count(b"[")
    if brackets > MAX_BRACKETS:
        return Refusal(400, f"the operation has {brackets} brackets; at most {MAX_BRACKETS} are accepted "
                            "(deeper nesting overflows the query engine's stack)")
    operators = len(_OPERATOR.findall(_IRI.sub(b"<>", raw)))
    if operators > MAX_OPERATORS:
        return Refusal(400, f"the operation chains {operators} operators or patterns; at most {MAX_OPERATORS} "
                            "are accepted (longer chains overflow the query engine's stack)")
    return None


class Guard:
    """Checks operations once per distinct text and remembers the verdict.

    >>> g = Guard(allow_service=False)
    >>> g.verdict("SELECT * { ?s ?p ?o }", "query") is None
    True
    >>> g.verdict("select * { sErViCe <http://x/> { ?s ?p ?o } }", "query").status
    403
    >>> g.verdict('SELECT ("service" AS ?x) {}', "query") is None
    True
    """

    def __init__(self, *, allow_service: bool) -> None:
        self.allow_service = allow_service
        self._cache: OrderedDict[tuple[str, str], Refusal | None] = OrderedDict()
        self._lock = threading.Lock()

    def verdict(self, text: str, kind: str) -> Refusal | None:
        """None when ``text`` (a ``query`` or an ``update``) may run, else the refusal."""
        key = (kind, text)
        with self._lock:
            if key in self._cache:
                self._cache.move_to_end(key)
                return self._cache[key]
        found = self._judge(text, kind)
        with self._lock:
            self._cache[key] = found
            if len(self._cache) > _CACHE_SIZE:
                self._cache.popitem(last=False)
        return found

    def needs_parsing(self, text: str, kind: str) -> bool:
        """Whether the verdict costs a Python parse (the caller may then run it off the event loop)."""
        if (kind, text) in self._cache:
            return False
        return self._could_call_out(text, kind)

    def _could_call_out(self, text: str, kind: str) -> bool:
        return (not self.allow_service and _mentions(text, "service")) or (kind == "update" and _mentions(text, "load"))

    def _judge(self, text: str, kind: str) -> Refusal | None:
        shape = _shape(text)
        if shape or not self._could_call_out(text, kind):
            return shape
        return _outbound(text, kind)
