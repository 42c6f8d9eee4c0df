"""Run the mapping scripts of ``mappings/`` over annotated articles' annotation graphs.

Each ``*.rq`` file is a SPARQL CONSTRUCT query; their union, placed in the article's
named graph, is the article's RDF.  The scripts of ``mappings/rows/`` then run over that
result (the article's own triples, not its annotations) and add the question rows: the
pre-joined columns, order keys and index entries the named questions read (``queries/``), so
they are made, replaced and removed with the article's graph.  A build maps a batch of articles at a time: their
annotation graphs go into one in-memory store, each in its own named graph, and each script
runs once over the batch in its batch form (:mod:`.batch`), which gives every article
exactly the triples the script gives it alone.
"""

from __future__ import annotations

import re
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
from .annotation_graph import annotation_lines
from .batch import BatchQuery, batch_graphs, batch_query, split_lines
from .iris import Minter

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"


@dataclass(frozen=True)
class Mapping:
    name: str
    query: str
    rows: bool = False  # a question-row script: runs over the article's mapped triples


def _scripts(path: Path, *, rows: bool) -> list[Mapping]:
    out = []
    for file in sorted(path.glob("*.rq")):
        text = file.read_text(encoding="utf-8")
        try:
            check_query(text)
        except QueryError as err:
            raise InputError(file, f"mapping script does not parse: {err}") from None
        if "CONSTRUCT" not in text.upper():
            raise InputError(file, "a mapping script must be a SPARQL CONSTRUCT query")
        out.append(Mapping(file.stem, text, rows))
    return out


@cache
def load_mappings(folder: str | None = None) -> tuple[Mapping, ...]:
    """The mapping scripts, then the question-row scripts of its ``rows/`` folder (if any),
    checked to be CONSTRUCT queries that Oxigraph parses.

    :raises InputError: naming the script that does not parse.
    """
    path = Path(folder) if folder else data_dir("mappings")
    mappings = _scripts(path, rows=False)
    if not mappings:
        raise InputError(path, "no mapping scripts (*.rq) found")
    return tuple(mappings + _scripts(path / "rows", rows=True))


@cache
def _batch_forms(mappings: tuple[Mapping, ...]) -> tuple[BatchQuery, ...]:
    return tuple(batch_query(m.name, m.query) for m in mappings)


def map_batch_lines(batch: list[AnnotatedArticle], *, base_iri: str | None = None,
                    mappings: tuple[Mapping, ...] | None = None) -> list[list[str]]:
    """Each article's triples as sorted, unique N-Triples lines, in the batch's order.

    The scripts run once per batch, not once per article; the lines are those
    :func:`map_article_lines` gives each article alone, whatever the batch size.
    """
    if not batch:
        return []
    mappings = mappings or load_mappings()
    minter = Minter(base_iri or setting("base_iri"))
    names = batch_graphs(len(batch))  # positions, not ids: ids may repeat in a batch
    text: list[str] = []
    for annotated, name in zip(batch, names, strict=True):
        text.extend(annotation_lines(annotated, minter, name))
    forms = _batch_forms(mappings)
    out = _run_scripts(ScratchGraph.from_nquads("\n".join(text)), names,
                       [(m, f) for m, f in zip(mappings, forms, strict=True) if not m.rows])
    rows = [(m, f) for m, f in zip(mappings, forms, strict=True) if m.rows]
    if rows:  # the question rows, from the articles' own triples (those with a property the row scripts read)
        read = _properties(tuple(m for m, _ in rows))
        mapped = "\n".join(f"{line[:-2]} <{name}> ." for name, lines in zip(names, out, strict=True)
                           for line in lines if line.split(" ", 2)[1] in read)
        derived = _run_scripts(ScratchGraph.from_nquads(mapped), names, rows)
        # the row properties are the row scripts' own, so their lines are new: two sorted runs to merge
        out = [sorted(own + more) if more else own for own, more in zip(out, derived, strict=True)]
    return out


_PREFIX = re.compile(r"PREFIX\s+([\w-]*):\s*<([^>]*)>", re.IGNORECASE)


@cache
def _properties(scripts: tuple[Mapping, ...]) -> frozenset[str]:
    """Every IRI the scripts name (as ``<iri>``, the form of an N-Triples predicate), and rdf:type."""
    out = {f"<{RDF_TYPE}>"}
    for script in scripts:
        text = re.sub(r"(?m)^\s*#[^\n]*", "", script.query)  # comment lines (a # inside an IRI stays)
        names = dict(_PREFIX.findall(text))
        out.update(re.findall(r"<[^>\s]+>", text))
        out.update(f"<{names[p]}{local}>" for p, local in re.findall(r"\b([\w-]*):(\w+)", text) if p in names)
    return frozenset(out)


def _run_scripts(scratch: ScratchGraph, names: list[str], scripts: list[tuple[Mapping, BatchQuery]]) -> list[list[str]]:
    """Each graph's sorted, unique lines from running ``scripts`` once over the batch in ``scratch``."""
    tagged: set[str] = set()  # every line tagged with its graph, so dedup and sort run in C, not per line in Python
    alone: dict[str, set[str]] = {}
    for mapping, form in scripts:
        if form.query is None:  # a script the batch form cannot express: article by article
            for name in names:
                alone.setdefault(name, set()).update(scratch.construct_lines(mapping.query, name))
            continue
        tagged.update(scratch.construct_lines(form.query))
    out = split_lines(sorted(tagged), names)
    for n, name in enumerate(names):
        if name in alone:
            out[n] = sorted(set(out[n]) | alone[name])
    return out


def map_article_lines(annotated: AnnotatedArticle, *, base_iri: str | None = None,
                      mappings: tuple[Mapping, ...] | None = None) -> list[str]:
    """The article's triples as sorted, unique N-Triples lines (the form a build ships between processes).

    Oxigraph serialises each CONSTRUCT result natively, so no Python object is made per triple.
    """
    return map_batch_lines([annotated], base_iri=base_iri, mappings=mappings)[0]


def map_article(annotated: AnnotatedArticle, *, base_iri: str | None = None,
                mappings: tuple[Mapping, ...] | None = None) -> list[Quad]:
    """The article's quads, in its own named graph, sorted for deterministic output."""
    graph = Minter(base_iri or setting("base_iri")).graph(annotated.article.id)
    return quads_in(graph, map_article_lines(annotated, base_iri=base_iri, mappings=mappings))
