"""A mapping script rewritten to run once over a batch of articles, each in its own named graph.

A CONSTRUCT script is written for one article's annotation graph in the default graph.  Over a
batch, its ``WHERE`` pattern is wrapped in ``GRAPH ?g { ... }`` so that every solution stays
inside one article (shared IRIs such as an organisation's would otherwise join across
articles), and each template triple ``s p o`` becomes ``?g <in> <<( s p o )>>`` so that the
result says which article each triple belongs to.  Solutions, and so triples, are those of the
script run on each article alone: the batch output is the per-article output, byte for byte.

Only the plain template forms the scripts use are rewritten (IRIs, prefixed names, variables,
literals, ``a``, ``;`` and ``,``); a script with anything else (blank nodes, collections,
``FROM``, ``GRAPH``, solution modifiers, the short ``CONSTRUCT WHERE``) is left as it is and run
article by article, which is always correct.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass

from ..errors import QueryError

GRAPH_VAR = "kgbuildBatchGraph"
IN_GRAPH = "urn:kgb:in"  # short: every result line starts with it and the graph, and is sorted
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"

_TOKEN = re.compile(r"""
    (?P<space>\s+|\#[^\n]*)
  | (?P<iri><[^<>"{}|^`\\\s]*>)
  | (?P<literal>(?:"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*')
               (?:@[A-Za-z]+(?:-[A-Za-z0-9]+)*|\^\^(?:<[^<>\s]*>|[A-Za-z_][\w.-]*:[\w.-]*))?)
  | (?P<var>[?$][A-Za-z_]\w*)
  | (?P<number>[+-]?(?:\d+\.?\d*(?:[eE][+-]?\d+)?|\.\d+(?:[eE][+-]?\d+)?))
  | (?P<pname>(?:[A-Za-z][\w.-]*)?:[\w.%-]*(?<!\.))
  | (?P<word>[A-Za-z]+)
  | (?P<punct>[{};,.])
  | (?P<other>.)
""", re.VERBOSE)


@dataclass(frozen=True)
class BatchQuery:
    """A script's batch form, or ``None`` as ``query`` when it must run article by article."""

    name: str
    query: str | None


def _tokens(text: str) -> list[tuple[str, str, int, int]] | None:
    """(kind, text, start, end) of every token, or ``None`` at a character the rewriter does not know."""
    out, at = [], 0
    while at < len(text):
        match = _TOKEN.match(text, at)
        if match is None:
            return None
        kind = match.lastgroup or ""
        if kind != "space":
            out.append((kind, match.group(), match.start(), match.end()))
        at = match.end()
    return out


def _closing(tokens: list[tuple[str, str, int, int]], opening: int) -> int | None:
    depth = 0
    for n in range(opening, len(tokens)):
        if tokens[n][1] == "{":
            depth += 1
        elif tokens[n][1] == "}":
            depth -= 1
            if depth == 0:
                return n
    return None


def _template_triples(tokens: list[tuple[str, str, int, int]]) -> list[tuple[str, str, str]] | None:
    """The triples of a template written with ``;`` and ``,``, or ``None`` for any other form."""
    triples: list[tuple[str, str, str]] = []
    subject = predicate = None
    expect = "subject"
    for kind, text, _, _ in tokens:
        term = kind in ("iri", "literal", "var", "number", "pname") or (kind == "word" and text in ("a", "true", "false"))
        if expect == "subject":
            if not term or kind in ("literal", "number") or text in ("a", "true", "false"):
                return None
            subject, expect = text, "predicate"
        elif expect == "predicate":
            if not term or kind in ("literal", "number") or text in ("true", "false"):
                return None
            predicate, expect = (RDF_TYPE if text == "a" else text), "object"
        elif expect == "object":
            if not term or text == "a":
                return None
            triples.append((subject or "", predicate or "", text))
            expect = "after"
        elif text == ";":
            expect = "predicate"
        elif text == ",":
            expect = "object"
        elif text == ".":
            expect = "subject"
        else:
            return None
    if expect not in ("after", "subject", "predicate"):
        return None
    return triples


def batch_query(name: str, query: str) -> BatchQuery:
    """The batch form of one CONSTRUCT script (see the module's docstring)."""
    tokens = _tokens(query)
    if tokens is None or GRAPH_VAR.lower() in query.lower():
        return BatchQuery(name, None)
    words = [text.upper() for kind, text, _, _ in tokens if kind == "word"]
    if "GRAPH" in words or "FROM" in words or "SERVICE" in words:
        return BatchQuery(name, None)
    heads = [n for n, (kind, text, _, _) in enumerate(tokens) if kind == "word" and text.upper() == "CONSTRUCT"]
    if len(heads) != 1 or heads[0] + 1 >= len(tokens) or tokens[heads[0] + 1][1] != "{":
        return BatchQuery(name, None)
    open_t = heads[0] + 1
    close_t = _closing(tokens, open_t)
    if close_t is None or close_t + 2 >= len(tokens):
        return BatchQuery(name, None)
    where = close_t + 1
    if tokens[where][1].upper() == "WHERE":
        where += 1
    if tokens[where][1] != "{":
        return BatchQuery(name, None)
    close_w = _closing(tokens, where)
    if close_w is None or close_w != len(tokens) - 1:  # solution modifiers would apply to the whole batch
        return BatchQuery(name, None)
    triples = _template_triples(tokens[open_t + 1:close_t])
    if not triples:
        return BatchQuery(name, None)
    graph = f"?{GRAPH_VAR}"
    template = "\n".join(f"  {graph} <{IN_GRAPH}> <<( {s} {p} {o} )>> ." for s, p, o in triples)
    prologue = query[:tokens[heads[0]][2]]
    body = query[tokens[where][2]:tokens[close_w][3]]
    return BatchQuery(name, f"{prologue}CONSTRUCT {{\n{template}\n}}\nWHERE {{ GRAPH {graph} {body} }}\n")


def batch_graphs(size: int) -> list[str]:
    """The names of a batch's graphs, all of one length so that sorting tagged lines groups them in order."""
    return [f"urn:kgb:{n:06d}" for n in range(size)]


def split_lines(tagged: list[str], graphs: list[str]) -> list[list[str]]:
    """Each graph's N-Triples lines, sorted, from the sorted, unique lines of the batch queries' results.

    Every line is ``<graph> <in> <<( s p o )>> .`` with graphs of one length, so a graph's lines are
    one run of the sorted list, in the order of their triples.

    :raises QueryError: when a line is not of that form.
    """
    out: list[list[str]] = []
    end = 0
    for graph in graphs:
        head = f"<{graph}> <{IN_GRAPH}> <<( "
        start, end = end, bisect_right(tagged, head + "\U0010ffff", lo=end)
        if start < end and not (tagged[start].startswith(head) and tagged[end - 1].endswith(" )>> .")):
            raise QueryError(f"unexpected line in a batch result: {tagged[start][:200]}")
        cut = len(head)
        out.append([line[cut:-6] + " ." for line in tagged[start:end]])
    if end != len(tagged):
        raise QueryError(f"unexpected line in a batch result: {tagged[end][:200]}")
    return out
