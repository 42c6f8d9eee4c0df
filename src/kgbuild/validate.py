"""Check article graphs against the SHACL shapes in ``ontology/shapes.ttl`` (pySHACL).

Each article graph is validated on its own, so a report groups problems by article and a
large store is checked in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import rdflib

from .errors import KgbuildError
from .resources import data_dir
from .store import Dataset
from .store.terms import Quad, RdfFormat, serialize


@dataclass
class Violation:
    focus: str
    path: str
    message: str
    severity: str


@dataclass
class ArticleReport:
    graph: str
    violations: list[Violation] = field(default_factory=list)

    @property
    def conforms(self) -> bool:
        return not self.violations


@cache
def shapes() -> rdflib.Graph:
    return rdflib.Graph().parse(data_dir("ontology") / "shapes.ttl", format="turtle")


_SH = rdflib.Namespace("http://www.w3.org/ns/shacl#")


def validate_quads(graph: str, quads: Iterable[Quad]) -> ArticleReport:
    """Validate one article's quads."""
    from pyshacl import validate

    data = rdflib.Graph().parse(data=serialize([q.triple for q in quads], format=RdfFormat.N_TRIPLES) or b"",
                                format="nt")
    _, results, _ = validate(data, shacl_graph=shapes(), inference="none", advanced=False, meta_shacl=False)
    report = ArticleReport(graph)
    for result in results.subjects(rdflib.RDF.type, _SH.ValidationResult):
        report.violations.append(Violation(
            str(results.value(result, _SH.focusNode)), str(results.value(result, _SH.resultPath) or ""),
            str(results.value(result, _SH.resultMessage) or ""),
            str(results.value(result, _SH.resultSeverity)).rsplit("#", 1)[-1]))
    report.violations.sort(key=lambda v: (v.focus, v.path, v.message))
    return report


def graphs_to_validate(store: Dataset, graphs: Iterable[str] | None = None) -> list[str]:
    """The article and loaded graphs of the store (from its record), or the graphs named, checked to exist.

    :raises KgbuildError: for a named graph the store does not hold.
    """
    if graphs is None:
        return store.article_graphs() + store.loaded_graphs()
    names = list(graphs)
    missing = [g for g in names if not store.has_graph(g)]
    if missing:
        raise KgbuildError(f"{store.path}: no graph {', '.join(missing)} in this store")
    return names


def validate_store(store: Dataset, graphs: Iterable[str] | None = None) -> Iterator[ArticleReport]:
    """One report per article (and loaded) graph of the store, or per graph named.

    :raises KgbuildError: for a named graph the store does not hold.
    """
    for graph in graphs_to_validate(store, graphs):
        yield validate_quads(graph, store.quads(graph))
