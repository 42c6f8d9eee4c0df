"""Named questions with parameters: ``queries/*.rq`` headers, safe binding, paging, readable errors.

A question declares its parameters in its header, one line each::

    # param: province (province) the province the event took place in, by name: Vĩnh Phúc
    # param: eventType ?type (eventType) the kind of event

The parameter's name is the SPARQL variable it binds (``?province``) unless a variable
follows it (``?type``); lines that start ``#[province]`` are switched on only when that
parameter is given (see :func:`activate`).  Its kind says how a
typed value becomes an RDF term: a person, organisation, event or award is found by name in
the search index (or given as an IRI), a province by its name in the lexicon, a year is an
integer, an event type or measure is a code of the ontology.  The terms go into the question
as a ``VALUES`` block written by the RDF library's own serialiser, so a value is always one
term and never SPARQL text; an unbound parameter leaves the question as it is.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .errors import QueryError
from .resources import data_dir

KINDS = ("organisation", "person", "event", "award", "article", "province", "year", "eventType", "measure", "text", "iri")
MAX_LIMIT = 100_000
_HEADER = re.compile(r"^#\s*(title|description):\s*(.+)$", re.MULTILINE)
_PARAM = re.compile(r"^#\s*param:\s*(\w+)(?:\s+\?(\w+))?\s*\((\w+)\)\s*(.*)$", re.MULTILINE)
_CONCEPTS = "https://w3id.org/kgbuild/ontology/"
_XSD_GYEAR = "http://www.w3.org/2001/XMLSchema#gYear"
_IRI_OK = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")
_SEARCHED = {"organisation", "person", "event", "award", "article"}
# A question that reads its rows from index entries (a ``#[index]`` line) reads them from the node of
# one given parameter: the kind that names the fewest rows first.  A year is a literal, so its
# entries hang on a year node (as the question-row scripts in mappings/rows/ make them).
_NARROWEST = ("article", "event", "person", "organisation", "award", "province", "eventType", "measure", "year")
_YEAR_NODE = "https://w3id.org/kgbuild/ontology/year/"
INDEX_VARIABLE = "index"


@dataclass(frozen=True)
class Parameter:
    """One declared parameter of a question."""

    name: str
    kind: str
    description: str
    variable: str = ""  # the SPARQL variable it binds, when not ?name

    @property
    def var(self) -> str:
        return self.variable or self.name


@dataclass(frozen=True)
class Question:
    """A named question: its SPARQL and what its header declares."""

    name: str
    title: str
    description: str
    sparql: str
    parameters: tuple[Parameter, ...] = field(default=())
    path: str = ""

    def parameter(self, name: str) -> Parameter:
        """:raises QueryError: for a parameter the question does not declare."""
        for p in self.parameters:
            if p.name == name:
                return p
        known = ", ".join(p.name for p in self.parameters) or "none"
        raise QueryError(f"{self.path or self.name}: no parameter {name!r} (it takes: {known})")


def _parse(path: Path) -> Question:
    text = path.read_text(encoding="utf-8")
    header = dict(_HEADER.findall(text))
    params = []
    for name, variable, kind, description in _PARAM.findall(text):
        if kind not in KINDS:
            raise QueryError(f"{path}: parameter {name!r} has unknown kind {kind!r} (use one of {', '.join(KINDS)})")
        params.append(Parameter(name, kind, description.strip(), variable))
    return Question(path.stem, header.get("title", path.stem), header.get("description", ""), text, tuple(params),
                    str(path))


def questions(folder: Path | None = None) -> dict[str, Question]:
    """The named questions by file stem, with their declared parameters.

    :raises QueryError: when a header declares a parameter of an unknown kind.
    """
    return {file.stem: _parse(file) for file in sorted((folder or data_dir("queries")).glob("*.rq"))}


def question(name: str) -> Question:
    """:raises QueryError: for an unknown name, listing the known ones."""
    found = questions()
    if name not in found:
        raise QueryError(f"no named query {name!r}; known: {', '.join(found)}")
    return found[name]


# --- binding -------------------------------------------------------------------------------


def _terms() -> Any:
    from .store import terms

    return terms


def _iri(value: str, base: str) -> str | None:
    """An IRI typed in full, or as a path under the base IRI (``org/...`` or ``/org/...``)."""
    if value.startswith(("http://", "https://")):
        return value if _IRI_OK.match(value) else None
    if re.fullmatch(r"/?[a-z]+/[\w.~%-]+", value):
        return base + value.lstrip("/")
    return None


def _by_name(store: Any, kind: str, value: str) -> str:
    """The IRI of the entity of ``kind`` best matching ``value`` in the search index."""
    from .search import open_index

    index = open_index(store)
    try:
        hits = index.search(value, types=[kind], limit=5)
    finally:
        index.close()
    if not hits:
        raise QueryError(f"no {kind} named {value!r} (try `kgbuild search {value!r} --type {kind}`)")
    return hits[0].iri


def _province(value: str, base: str) -> str:
    from .nlp.lexicon import fold, lexicon, slug

    known = lexicon().provinces
    name = known.get(fold(value))
    if name is None:
        wanted = slug(value)
        name = next((v for v in known.values() if slug(v) == wanted), None)
    if name is None:
        raise QueryError(f"no province {value!r} in the lexicon (e.g. Vĩnh Phúc, Hà Nội)")
    return f"{base}province/{slug(name)}"


def parse_params(items: Iterable[str]) -> dict[str, str]:
    """``name=value`` strings (the CLI's ``--param``) as a dict.

    >>> parse_params(["province=Vĩnh Phúc", "year=2024"])
    {'province': 'Vĩnh Phúc', 'year': '2024'}

    :raises QueryError: for an item without ``=``.
    """
    out = {}
    for item in items:
        name, sep, value = item.partition("=")
        if not sep or not name.strip():
            raise QueryError(f"--param {item!r}: write it as name=value")
        out[name.strip()] = value
    return out


def term(store: Any, parameter: Parameter, value: str, base: str) -> Any:
    """The RDF term a typed value stands for.

    :raises QueryError: when the value cannot be one (bad year, unknown province, nobody by that name).
    """
    t = _terms()
    value = value.strip()
    kind = parameter.kind
    if kind == "year":
        if not re.fullmatch(r"\d{4}", value):
            raise QueryError(f"{parameter.name}: {value!r} is not a year (four digits, e.g. 2024)")
        return t.Literal(value, datatype=t.NamedNode(_XSD_GYEAR))
    if kind == "text":
        return t.Literal(value)
    if kind in ("eventType", "measure"):
        if not re.fullmatch(r"[a-z_]+", value):
            raise QueryError(f"{parameter.name}: {value!r} is not a code (e.g. review_conference, members)")
        return t.NamedNode(f"{_CONCEPTS}{kind.lower()}/{value}")
    iri = _iri(value, base)
    if iri is not None:
        return t.NamedNode(iri)
    if kind == "province":
        return t.NamedNode(_province(value, base))
    if kind in _SEARCHED:
        return t.NamedNode(_by_name(store, kind, value))
    raise QueryError(f"{parameter.name}: {value!r} is not an IRI")


def _blank_comments(sparql: str) -> str:
    """The text with comments blanked (same length), so positions found in it hold in the original."""
    return re.sub(r"#[^\n]*", lambda m: " " * len(m.group(0)), sparql)


_GUARD = re.compile(r"^([ \t]*)#\[(\w+)\][ \t]?", re.MULTILINE)
_GUARD_INDEX = re.compile(r"^[ \t]*#\[index\]", re.MULTILINE)


def activate(sparql: str, given: set[str]) -> str:
    """Switch on the lines a question keeps for its parameters (``#[province] ?event kgb:place ?province .``).

    Such a line is a comment, so the question without that parameter runs without it.

    >>> activate("  #[year] ?e kgb:year ?year .", {"year"}), activate("  #[year] ?e kgb:year ?year .", set())
    ('  ?e kgb:year ?year .', '  #[year] ?e kgb:year ?year .')
    """
    return _GUARD.sub(lambda m: m.group(1) if m.group(2) in given else m.group(0), sparql)


def with_values(sparql: str, bound: Mapping[str, Any]) -> str:
    """The question with a ``VALUES`` block binding ``bound`` at the start of its outer ``WHERE``.

    >>> Literal = _terms().Literal
    >>> print(with_values("SELECT ?x WHERE { ?x ?p ?y }", {"y": Literal('say "hi"')}))
    SELECT ?x WHERE { VALUES (?y) { ("say \\"hi\\"") }
     ?x ?p ?y }
    """
    if not bound:
        return sparql
    names = " ".join(f"?{name}" for name in bound)
    row = " ".join(str(value) for value in bound.values())  # each one RDF term, serialised by the RDF library
    block = f"VALUES ({names}) {{ ({row}) }}"
    marker = re.search(r"^[ \t]*#\[values\][^\n]*$", sparql, re.MULTILINE)
    if marker is not None:  # the question says where the bindings join best
        return f"{sparql[:marker.start()]}    {block}{sparql[marker.end():]}"
    found = re.search(r"\bWHERE\s*\{", _blank_comments(sparql), re.IGNORECASE)
    if found is None:
        raise QueryError("a question with parameters needs a WHERE clause")
    return f"{sparql[:found.end()]} {block}\n{sparql[found.end():]}"


def paged(sparql: str, limit: int | None, offset: int | None) -> str:
    """The question cut to one page of rows.

    :raises QueryError: for a negative offset or a limit out of range.
    """
    if limit is None and not offset:
        return sparql
    if limit is not None and not 0 < limit <= MAX_LIMIT:
        raise QueryError(f"--limit must be between 1 and {MAX_LIMIT}")
    if offset is not None and offset < 0:
        raise QueryError("--offset must be 0 or more")
    tail = (f"\nLIMIT {int(limit)}" if limit is not None else "") + (f"\nOFFSET {int(offset)}" if offset else "")
    return sparql.rstrip() + tail


def index_node(parameter: Parameter, value: Any) -> Any | None:
    """The node whose index entries list the rows that have ``value`` for ``parameter`` (None: it has none).

    >>> index_node(Parameter("year", "year", ""), _terms().Literal("2024")).value
    'https://w3id.org/kgbuild/ontology/year/2024'
    """
    if parameter.kind == "year":
        return _terms().NamedNode(_YEAR_NODE + value.value)
    return value if parameter.kind in _NARROWEST else None


def _index(given: Mapping[Parameter, Any]) -> tuple[Parameter, Any] | None:
    ranked = sorted((p for p in given if p.kind in _NARROWEST), key=lambda p: _NARROWEST.index(p.kind))
    node = index_node(ranked[0], given[ranked[0]]) if ranked else None
    return (ranked[0], node) if node is not None else None


def prepare(store: Any, q: Question, values: Mapping[str, str], *, base: str,
            limit: int | None = None, offset: int | None = None) -> str:
    """The SPARQL to run for a question with some parameters given, one page of it.

    A question with an ``#[index]`` line reads its rows from the index entries of the narrowest
    parameter given (bound as ``?index``), in the order of their keys, so a page of a parameter
    that names thousands of rows costs what a page of one that names a few does; an
    ``#[index_NAME]`` line, when there is one, takes the place of ``#[index]`` for parameter NAME
    (whose entries are kept apart).

    :raises QueryError: for an undeclared parameter or a value that cannot be bound.
    """
    given = {q.parameter(name): value for name, value in values.items() if value.strip()}
    terms = {p: term(store, p, value, base) for p, value in given.items()}
    bound = {p.var: t for p, t in terms.items()}
    switched = {p.name for p in given}
    chosen = _index(terms) if _GUARD_INDEX.search(q.sparql) else None
    if chosen is not None:
        parameter, bound[INDEX_VARIABLE] = chosen
        own = f"{INDEX_VARIABLE}_{parameter.name}"
        switched.add(own if re.search(rf"^[ \t]*#\[{own}\]", q.sparql, re.MULTILINE) else INDEX_VARIABLE)
    return paged(with_values(activate(q.sparql, switched), bound), limit, offset)


def ask(store: Any, name: str, values: Mapping[str, str] | None = None, *, base: str | None = None,
        limit: int | None = None, offset: int | None = None) -> Any:
    """Run a named question with parameters over the store (its default graph).

    :raises QueryError: for an unknown question or parameter, or a value that cannot be bound.
    """
    from .settings import setting

    q = question(name)
    sparql = prepare(store, q, values or {}, base=base or setting("base_iri"), limit=limit, offset=offset)
    try:
        return store.query(sparql)
    except QueryError as err:
        raise QueryError(f"{q.path}: {readable(err)}") from None


def run(store: Any, query: str, values: Mapping[str, str] | None = None, *, base: str | None = None,
        limit: int | None = None, offset: int | None = None) -> Any:
    """Run a named question, ``@file.rq`` or SPARQL text (given the project's prefixes it leaves out).

    Parameters apply to questions that declare them; ``limit`` and ``offset`` to any SELECT.

    :raises QueryError: with one readable line naming the file when the SPARQL does not parse.
    """
    from .settings import setting

    base = base or setting("base_iri")
    known = questions()
    if query.startswith("@"):
        path = Path(query[1:])
        try:
            q = _parse(path)
        except (OSError, UnicodeDecodeError) as err:
            raise QueryError(f"{path}: cannot read query file ({err})") from None
    elif query in known:
        q = known[query]
    elif re.fullmatch(r"[\w.-]+", query):
        raise QueryError(f"no named query {query!r}; known: {', '.join(known)} (or pass SPARQL text or @file.rq)")
    else:
        q = Question("", "", "", with_prefixes(query, base))
    added = q.sparql.count("\n") - query.count("\n") if not q.path else 0  # prefix lines put in front
    sparql = prepare(store, q, values or {}, base=base, limit=limit, offset=offset)
    try:
        return store.query(sparql)
    except QueryError as err:
        message = readable(err, sparql, lines_added=added)
        raise QueryError(f"{q.path}: {message}" if q.path else message) from None


# --- ad-hoc SPARQL -------------------------------------------------------------------------

_DECLARED = re.compile(r"\bPREFIX\s+([\w.-]*):", re.IGNORECASE)


def with_prefixes(sparql: str, base: str | None = None) -> str:
    """SPARQL text with the project's prefixes declared in front, unless it declares them itself.

    >>> with_prefixes("SELECT * { ?s a kgb:Event }").startswith("PREFIX kgb: <https://w3id.org/kgbuild/ontology#>")
    True
    """
    from .prefixes import prefixes

    declared = set(_DECLARED.findall(_blank_comments(sparql)))
    missing = [f"PREFIX {name}: <{ns}>" for name, ns in prefixes(base).items() if name not in declared]
    return "\n".join([*missing, sparql]) if missing else sparql


_POSITION = re.compile(r"error at (\d+):(\d+): (.*)", re.DOTALL)


def readable(error: Exception, sparql: str | None = None, *, lines_added: int = 0) -> str:
    """A parser error as one line: where, what was expected (in short), and the text there.

    >>> readable(SyntaxError("error at 1:10: expected CONSTRUCT"), "SELEC * {}")
    'invalid SPARQL at line 1, column 10 (near "SELEC * {}"): expected CONSTRUCT'
    """
    message = str(error).removeprefix("invalid SPARQL: ")
    found = _POSITION.search(message)
    if found is None:
        return "invalid SPARQL: " + " ".join(message.split())
    line, column, detail = int(found.group(1)), int(found.group(2)), found.group(3)
    if "Prefix not found" in detail:
        detail = "an undeclared prefix"
    else:
        tokens = re.findall(r'"[^"]+"|\b[A-Z]{2,}\b', detail)
        detail = "expected " + ", ".join(tokens[:8]) + (" …" if len(tokens) > 8 else "") if tokens else \
            " ".join(detail.split())[:120]
    near = ""
    if sparql is not None:
        lines = sparql.splitlines()
        if 0 < line <= len(lines):
            near = f' (near "{lines[line - 1][max(column - 12, 0):column + 20].strip()}")'
        bare = re.sub(r'"(?:[^"\\\n]|\\.)*"|<[^>\s]*>', "", _blank_comments(sparql))
        if bare.count("{") > bare.count("}"):
            detail += "; a closing } is missing"
    return f"invalid SPARQL at line {line - lines_added}, column {column}{near}: {detail}"
