"""Named questions (``queries/*.rq``) and running SPARQL with readable or standard output."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from .errors import QueryError
from .resources import data_dir
from .store import Dataset
from .store import formats as _formats
from .store.terms import QueryBoolean, QuerySolutions, QueryTriples, is_iri, serialize

RESULT_FORMATS = {name: f.results for name, f in _formats.RESULT_FORMATS.items()}
GRAPH_FORMATS = {name: f.rdf for name, f in _formats.RDF_FORMATS.items() if not f.datasets}
_HEADER = re.compile(r"^#\s*(title|description):\s*(.+)$", re.MULTILINE)


@dataclass(frozen=True)
class NamedQuery:
    name: str
    title: str
    description: str
    sparql: str


def named_queries(folder: Path | None = None) -> dict[str, NamedQuery]:
    """The named questions, by file stem, with the title and description from their header."""
    out = {}
    for file in sorted((folder or data_dir("queries")).glob("*.rq")):
        text = file.read_text(encoding="utf-8")
        header = dict(_HEADER.findall(text))
        out[file.stem] = NamedQuery(file.stem, header.get("title", file.stem), header.get("description", ""), text)
    return out


def resolve(query: str) -> str:
    """A named query's stem, ``@file.rq``, or SPARQL text, to SPARQL text.

    :raises QueryError: for an unknown name or an unreadable file.
    """
    if query.startswith("@"):
        path = Path(query[1:])
        try:
            return path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise QueryError(f"{path}: cannot read query file ({err})") from None
    names = named_queries()
    if query in names:
        return names[query].sparql
    if re.fullmatch(r"[\w.-]+", query):
        raise QueryError(f"no named query {query!r}; known: {', '.join(names)} (or pass SPARQL text or @file.rq)")
    return query


def _origin(query: str) -> str | None:
    """The file a query comes from, for error messages."""
    if query.startswith("@"):
        return query[1:]
    names = named_queries()
    return str(data_dir("queries") / f"{query}.rq") if query in names else None


def run(store: Dataset, query: str) -> QuerySolutions | QueryTriples | QueryBoolean:
    """Run a named query, ``@file.rq`` or SPARQL text over the union of article graphs.

    :raises QueryError: naming the query file when a named or ``@file`` query does not parse.
    """
    try:
        return store.query(resolve(query))
    except QueryError as err:
        origin = _origin(query)
        raise QueryError(f"{origin}: {err}" if origin else str(err)) from None


def serialise(result: QuerySolutions | QueryTriples | QueryBoolean, fmt: str) -> bytes:
    """Standard serialisations: SPARQL results formats, or RDF formats for CONSTRUCT/DESCRIBE.

    :raises QueryError: when the format does not fit the query form.
    """
    if isinstance(result, QueryTriples):
        if fmt not in GRAPH_FORMATS:
            raise QueryError(f"a CONSTRUCT/DESCRIBE result is a graph: use --format {'/'.join(GRAPH_FORMATS)}")
        return serialize(result, format=GRAPH_FORMATS[fmt]) or b""
    if fmt not in RESULT_FORMATS:
        raise QueryError(f"a SELECT/ASK result needs --format {'/'.join(RESULT_FORMATS)} or table")
    return result.serialize(format=RESULT_FORMATS[fmt]) or b""


def rows(result: QuerySolutions, *, facts: list[str | None] | None = None,
         base_iri: str | None = None) -> tuple[list[str], list[list[str]]]:
    """Column names and cell strings (IRIs under a known prefix shortened) for a table.

    When ``facts`` is a list, the full IRI of each row's ``fact`` cell is appended to it.
    """
    from .prefixes import prefixes

    short = sorted(prefixes(base_iri).items(), key=lambda kv: -len(kv[1]))
    columns = [v.value for v in result.variables]
    table = []
    for solution in result:
        line = []
        if facts is not None:
            fact = solution["fact"] if "fact" in columns else None
            facts.append(fact.value if fact is not None else None)
        for name in columns:
            term = solution[name]
            if term is None:
                line.append("")
                continue
            value = term.value
            if is_iri(term):
                for prefix, ns in short:
                    if value.startswith(ns):
                        value = f"{prefix}:{value[len(ns):]}"
                        break
            line.append(value)
        table.append(line)
    return columns, table


_EVIDENCE = """
PREFIX kgb: <https://w3id.org/kgbuild/ontology#>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?sentence ?rule ?confidence WHERE {
  ?fact kgb:evidence/nif:anchorOf ?sentence ; kgb:rule ?rule ; kgb:confidence ?confidence .
} LIMIT 1"""


def evidence(store: Dataset, fact_iri: str) -> tuple[str, str, str] | None:
    """The sentence a fact came from, with the rule and confidence: (sentence, rule, confidence)."""
    if re.search(r'[\s<>"{}|\\^`]', fact_iri):
        return None
    rows_ = list(store.query(_EVIDENCE.replace("?fact kgb:evidence", f"<{fact_iri}> kgb:evidence")))
    if not rows_:
        return None
    row = rows_[0]
    return row["sentence"].value, row["rule"].value, row["confidence"].value


def with_evidence(store: Dataset, columns: list[str], table: list[list[str]],
                  iris: list[str | None]) -> tuple[list[str], list[list[str]]]:
    """Add the evidence sentence (and rule) to each row of a table that has a fact column."""
    out = []
    for line, iri in zip(table, iris, strict=True):
        found = evidence(store, iri) if iri else None
        out.append([*line, found[0] if found else "", f"{found[1]} ({found[2]})" if found else ""])
    return [*columns, "evidence", "rule"], out
