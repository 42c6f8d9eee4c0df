"""What the embedded and the remote store share: the dataset interface and its self-knowledge.

A dataset is a set of named graphs (one per article, one per loaded file, the ontology,
the build record) and a default graph that is the union of the content graphs, each triple
once, kept in step by every write.  Both stores implement the same primitives (query, quads,
replace, remove, update); this module adds what follows from the build record: the base
IRI, the article graphs, the content hashes.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from typing import Any, Protocol, runtime_checkable

from ..errors import StoreError
from .record import (
    ARTICLE,
    INFERRED,
    LOADED,
    META_GRAPH,
    GraphRecord,
    StoreRecord,
    read_graph_records,
    read_store_record,
    store_lines,
)
from .terms import Quad, QueryResult, Term


@runtime_checkable
class Dataset(Protocol):
    """The one door to a store, embedded or remote."""

    path: str
    read_only: bool

    def query(self, sparql: str, *, union: bool = True, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, substitutions: dict[str, Term] | None = None) -> QueryResult: ...
    def update(self, sparql: str) -> None: ...
    def quads(self, graph: str | None = None) -> Iterator[Quad]: ...
    def union_quads(self) -> Iterator[Quad]: ...
    def triples_about(self, iri: str) -> list[Quad]: ...
    def graphs(self) -> list[str]: ...
    def has_graph(self, graph: str) -> bool: ...
    def replace_graph(self, graph: str, quads: Sequence[Quad] | Sequence[str], *,
                      meta: Iterable[Quad] | Iterable[str] = ()) -> None: ...
    def add_to_graph(self, graph: str, quads: Sequence[Quad] | Sequence[str]) -> None: ...
    def remove_graph(self, graph: str) -> bool: ...
    def flush(self) -> None: ...
    def __len__(self) -> int: ...

    @property
    def record(self) -> StoreRecord: ...
    @property
    def base_iri(self) -> str | None: ...
    @property
    def prefixes(self) -> dict[str, str]: ...
    def graph_records(self) -> dict[str, GraphRecord]: ...
    def article_graphs(self) -> list[str]: ...
    def content_graphs(self) -> list[str]: ...
    def built_hashes(self) -> dict[str, str]: ...
    def write_record(self, record: StoreRecord) -> None: ...
    def resolve_base(self, requested: str | None, *, writing: bool = False) -> str: ...


class SelfKnowledge:
    """The build record read through ``query`` (mixed into both stores)."""

    path: str

    def query(self, sparql: str, **options: Any) -> QueryResult:  # pragma: no cover - provided by the store
        raise NotImplementedError

    def update(self, sparql: str) -> None:  # pragma: no cover - provided by the store
        raise NotImplementedError

    def _select(self, sparql: str) -> list[dict[str, object]]:
        result = self.query(sparql, union=False)
        variables = [v.value for v in result.variables]  # type: ignore[union-attr]
        return [{name: row[name] for name in variables} for row in result]  # type: ignore[union-attr]

    @property
    def record(self) -> StoreRecord:
        """The store record (base IRI, pipeline version, mapping digest, ontology digest)."""
        return read_store_record(self._select)

    @property
    def base_iri(self) -> str | None:
        """The base IRI this store's IRIs were minted under, or ``None`` for a store that never recorded one."""
        return self.record.base_iri

    @property
    def prefixes(self) -> dict[str, str]:
        """The project's prefixes, ``kg:`` for this store's own base IRI."""
        from ..prefixes import prefixes

        return prefixes(self.resolve_base(None))

    def graph_records(self) -> dict[str, GraphRecord]:
        """The record of every content graph, by IRI (graphs a killed build left unrecorded are absent)."""
        return read_graph_records(self._select)

    def _of_kind(self, *kinds: str) -> list[str]:
        return [g for g, r in self.graph_records().items() if r.kind in kinds]

    def article_graphs(self) -> list[str]:
        """The article graphs, from the record (not guessed from IRIs), sorted."""
        return self._of_kind(ARTICLE)

    def loaded_graphs(self) -> list[str]:
        """Graphs loaded from RDF files (``kgbuild load``), sorted."""
        return self._of_kind(LOADED)

    def content_graphs(self) -> list[str]:
        """Every recorded graph of the union: articles, their inferences, loaded files."""
        return self._of_kind(ARTICLE, INFERRED, LOADED)

    def built_hashes(self) -> dict[str, str]:
        """Content hash of every graph as last built (for incremental builds)."""
        return {g: r.content_hash for g, r in self.graph_records().items() if r.content_hash}

    def write_record(self, record: StoreRecord) -> None:
        """Replace the store record by ``record``."""
        body = "\n".join(store_lines(record))
        self.update(f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <urn:kgbuild:store> ?p ?o }} }} ;\n"
                    f"INSERT DATA {{ GRAPH <{META_GRAPH}> {{\n{body}\n}} }}")

    def resolve_base(self, requested: str | None, *, writing: bool = False) -> str:
        """The base IRI to use with this store: the recorded one, or ``requested`` for a store without one.

        Reading commands always use the recorded base (an explicit, different one is refused); a
        build into a store that holds articles minted under another base is refused too, since its
        IRIs would not meet the old ones.

        :raises StoreError: when ``requested`` differs from the recorded base IRI.
        """
        from ..settings import setting

        recorded = self.base_iri
        if recorded is None:
            return requested or setting("base_iri")
        if requested and requested != recorded and (not writing or self.article_graphs()):
            raise StoreError(f"{self.path}: this store was built with base IRI {recorded}, not {requested}; "
                             "use that one, or build into a new store")
        return requested if writing and requested else recorded
