"""Run the mapping scripts of ``mappings/`` over an annotated article's annotation graph.

Each ``*.rq`` file is a SPARQL CONSTRUCT query; their union, placed in the article's
named graph, is the article's RDF.  The scripts are parsed once and run by Oxigraph
over a small in-memory store per article.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..annotated import AnnotatedArticle
from ..errors import InputError, QueryError
from ..resources import data_dir
from ..settings import setting
from ..store import quads_in
from ..store.scratch import ScratchGraph, check_query
from ..store.terms import Quad
from .annotation_graph import annotation_quads
from .iris import Minter


@dataclass(frozen=True)
class Mapping:
    name: str
    query: str


@cache
def load_mappings(folder: str | None = None) -> tuple[Mapping, ...]:
    """The mapping scripts, checked to be CONSTRUCT queries that Oxigraph parses.

    :raises InputError: naming the script that does not parse.
    """
    path = Path(folder) if folder else data_dir("mappings")
    mappings = []
    for file in sorted(path.glob("*.rq")):
        text = file.read_text(encoding="utf-8")
        try:
            check_query(text)
        except QueryError as err:
            raise InputError(file, f"mapping script does not parse: {err}") from None
        if "CONSTRUCT" not in text.upper():
            raise InputError(file, "a mapping script must be a SPARQL CONSTRUCT query")
        mappings.append(Mapping(file.stem, text))
    if not mappings:
        raise InputError(path, "no mapping scripts (*.rq) found")
    return tuple(mappings)


def map_article_lines(annotated: AnnotatedArticle, *, base_iri: str | None = None,
                      mappings: tuple[Mapping, ...] | None = None) -> list[str]:
    """The article's triples as sorted, unique N-Triples lines (the form a build ships between processes).

    Oxigraph serialises each CONSTRUCT result natively, so no Python object is made per triple.
    """
    minter = Minter(base_iri or setting("base_iri"))
    scratch = ScratchGraph(annotation_quads(annotated, minter))
    lines: set[str] = set()
    for mapping in mappings or load_mappings():
        lines.update(scratch.construct_lines(mapping.query))
    return sorted(lines)


def map_article(annotated: AnnotatedArticle, *, base_iri: str | None = None,
                mappings: tuple[Mapping, ...] | None = None) -> list[Quad]:
    """The article's quads, in its own named graph, sorted for deterministic output."""
    graph = Minter(base_iri or setting("base_iri")).graph(annotated.article.id)
    return quads_in(graph, map_article_lines(annotated, base_iri=base_iri, mappings=mappings))
