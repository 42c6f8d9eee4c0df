"""Check article graphs against the SHACL shapes in ``ontology/shapes.ttl`` (pySHACL).

Each article graph is validated on its own, so a report groups problems by article and a
large store is checked in bounded memory.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache

import rdflib
from pyoxigraph import Quad, RdfFormat, serialize

from .resources import data_dir
from .store import Store


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


def validate_store(store: Store, graphs: Iterable[str] | None = None) -> Iterator[ArticleReport]:
    """One report per article graph of the store (or per graph named)."""
    names = list(graphs) if graphs is not None else [g for g in store.graphs() if "/graph/" in g]
    for graph in names:
        yield validate_quads(graph, store.quads(graph))
