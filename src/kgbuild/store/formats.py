"""One registry of the formats kgbuild reads and writes, built on pyoxigraph's own.

RDF formats (graphs and datasets) and SPARQL results formats, each with its short name (as
the CLI spells it), media type and file extensions.  Export, load, query and the server all
choose formats here, so a name means the same thing everywhere.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from pyoxigraph import NamedNode, Quad, QueryResultsFormat, RdfFormat, parse

from ..errors import InputError, KgbuildError


@dataclass(frozen=True)
class Format:
    """An RDF or results format: ``rdf`` or ``results`` is set, never both."""

    name: str
    media_type: str
    extensions: tuple[str, ...]
    rdf: RdfFormat | None = None
    results: QueryResultsFormat | None = None

    @property
    def datasets(self) -> bool:
        """Whether the format carries named graphs (N-Quads, TriG)."""
        return self.rdf is not None and self.rdf.supports_datasets


RDF_FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("turtle", "text/turtle", ("ttl",), rdf=RdfFormat.TURTLE),
    Format("ntriples", "application/n-triples", ("nt",), rdf=RdfFormat.N_TRIPLES),
    Format("nquads", "application/n-quads", ("nq",), rdf=RdfFormat.N_QUADS),
    Format("trig", "application/trig", ("trig",), rdf=RdfFormat.TRIG),
    Format("jsonld", "application/ld+json", ("jsonld", "json"), rdf=RdfFormat.JSON_LD),
    Format("rdfxml", "application/rdf+xml", ("rdf", "owl", "xml"), rdf=RdfFormat.RDF_XML),
)}
RESULT_FORMATS: dict[str, Format] = {f.name: f for f in (
    Format("json", "application/sparql-results+json", ("srj", "json"), results=QueryResultsFormat.JSON),
    Format("xml", "application/sparql-results+xml", ("srx", "xml"), results=QueryResultsFormat.XML),
    Format("csv", "text/csv", ("csv",), results=QueryResultsFormat.CSV),
    Format("tsv", "text/tab-separated-values", ("tsv",), results=QueryResultsFormat.TSV),
)}


def rdf_format(name: str) -> Format:
    """The RDF format called ``name``.

    >>> rdf_format("trig").media_type
    'application/trig'

    :raises KgbuildError: for a name that is not an RDF format.
    """
    try:
        return RDF_FORMATS[name]
    except KeyError:
        raise KgbuildError(f"unknown RDF format {name!r}; choose one of {', '.join(RDF_FORMATS)}") from None


def rdf_format_for_path(path: str | Path) -> Format | None:
    """The RDF format a file name says (``.ttl``, ``.nq.gz``, ``.jsonld`` …), or ``None``.

    >>> rdf_format_for_path("dump.nq.gz").name, rdf_format_for_path("notes.txt")
    ('nquads', None)
    """
    suffixes = [s.lstrip(".").lower() for s in Path(path).suffixes if s.lower() != ".gz"]
    if not suffixes:
        return None
    return next((f for f in RDF_FORMATS.values() if suffixes[-1] in f.extensions), None)


def rdf_format_of_file(path: str | Path, name: str | None = None) -> Format:
    """The format to read ``path`` in: ``name`` when given, else the file name's.

    :raises InputError: when neither says an RDF format.
    """
    if name:
        return rdf_format(name)
    found = rdf_format_for_path(path)
    if found is None:
        known = ", ".join(f".{e}" for f in RDF_FORMATS.values() for e in f.extensions)
        raise InputError(path, f"not a known RDF file name ({known}); name the format with --format")
    return found


def cut_graph(data: bytes, media: str, max_rows: int) -> tuple[bytes, int, bool] | None:
    """A graph document cut to its first ``max_rows`` triples, in the same format: (data, triples, cut).

    The server's row cap for graph formats whose triples cannot be counted in the bytes (Turtle,
    RDF/XML, JSON-LD, TriG).  None when ``media`` is not an RDF format pyoxigraph reads.
    """
    from pyoxigraph import parse, serialize

    fmt = RdfFormat.from_media_type(media) if media else None
    if fmt is None:
        return None
    try:
        quads = list(parse(data, format=fmt))
    except SyntaxError:
        return data, -1, False
    if len(quads) <= max_rows:
        return data, len(quads), False
    kept = quads[:max_rows]
    items = kept if fmt.supports_datasets else [getattr(q, "triple", q) for q in kept]
    return serialize(items, format=fmt) or b"", max_rows, True


def read_rdf(path: str | Path, fmt: Format, graph: str) -> list[Quad]:
    """Every statement of an RDF file (gzip-compressed when its name ends in ``.gz``), all in ``graph``.

    The statements of a dataset file's named graphs go into ``graph`` too: a loaded file is one graph.

    :raises InputError: for a file that cannot be read or does not parse.
    """
    import gzip

    path = Path(path)
    node = NamedNode(graph)
    try:
        opener = gzip.open if path.suffix.lower() == ".gz" else open
        with opener(path, "rb") as handle:
            return [Quad(q.subject, q.predicate, q.object, node)
                    for q in parse(handle, format=fmt.rdf, base_iri=path.resolve().as_uri())]
    except SyntaxError as err:
        raise InputError(path, f"not valid {fmt.name}: {err}") from None
    except (OSError, EOFError) as err:
        raise InputError(path, f"cannot read ({getattr(err, 'strerror', None) or err})") from None
