"""Serialise the solutions of a named question's page with a row cap, flagging truncation.

pyoxigraph serialises a whole result set; a capped one (the first ``max_rows`` solutions)
has to be written here, in the four SPARQL 1.1 results formats.  (Results of ``/sparql`` are
written by the native engine and cut by :mod:`.cut` as they stream.)
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from itertools import islice
from xml.sax.saxutils import escape, quoteattr

from ..store.terms import BlankNode, Literal, NamedNode, QuerySolutions

_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class Payload:
    body: bytes
    fmt: str
    rows: int
    truncated: bool


def _json_term(term: object) -> dict[str, str]:
    if isinstance(term, NamedNode):
        return {"type": "uri", "value": term.value}
    if isinstance(term, BlankNode):
        return {"type": "bnode", "value": term.value}
    assert isinstance(term, Literal)
    out = {"type": "literal", "value": term.value}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype.value != _XSD_STRING:
        out["datatype"] = term.datatype.value
    return out


def _xml_term(term: object) -> str:
    if isinstance(term, NamedNode):
        return f"<uri>{escape(term.value)}</uri>"
    if isinstance(term, BlankNode):
        return f"<bnode>{escape(term.value)}</bnode>"
    assert isinstance(term, Literal)
    if term.language:
        return f"<literal xml:lang={quoteattr(term.language)}>{escape(term.value)}</literal>"
    if term.datatype.value not in (_XSD_STRING, _RDF_LANG):
        return f"<literal datatype={quoteattr(term.datatype.value)}>{escape(term.value)}</literal>"
    return f"<literal>{escape(term.value)}</literal>"


def _csv_cell(term: object) -> str:
    if term is None:
        return ""
    value = term.value if not isinstance(term, BlankNode) else f"_:{term.value}"
    if any(c in value for c in ',"\n\r'):
        return '"' + value.replace('"', '""') + '"'
    return value


def _tsv_cell(term: object) -> str:
    return "" if term is None else str(term).replace("\t", "\\t").replace("\n", "\\n")


def solutions(result: QuerySolutions, fmt: str, max_rows: int) -> Payload:
    """The first ``max_rows`` solutions in a SPARQL results format."""
    names = [v.value for v in result.variables]
    taken = list(islice(result, max_rows + 1))
    truncated = len(taken) > max_rows
    taken = taken[:max_rows]
    if fmt == "json":
        bindings = [{n: _json_term(s[n]) for n in names if s[n] is not None} for s in taken]
        body = json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, ensure_ascii=False)
    elif fmt == "xml":
        head = "".join(f"<variable name={quoteattr(n)}/>" for n in names)
        rows = "".join("<result>" + "".join(f"<binding name={quoteattr(n)}>{_xml_term(s[n])}</binding>"
                                            for n in names if s[n] is not None) + "</result>" for s in taken)
        body = ('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#">'
                f"<head>{head}</head><results>{rows}</results></sparql>")
    elif fmt == "csv":
        body = "\r\n".join([",".join(names), *(",".join(_csv_cell(s[n]) for n in names) for s in taken)]) + "\r\n"
    else:
        body = "\n".join(["\t".join("?" + n for n in names),
                          *("\t".join(_tsv_cell(s[n]) for n in names) for s in taken)]) + "\n"
    return Payload(body.encode(), fmt, len(taken), truncated)
