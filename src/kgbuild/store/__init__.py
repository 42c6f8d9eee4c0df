"""The dataset: the embedded Oxigraph store and a remote SPARQL server behind one interface.

``open_dataset(location)`` is the one door: a folder is an embedded store (:class:`Store`),
an http(s) URL a SPARQL 1.1 server (:class:`RemoteStore`).  Either carries what it knows
about itself in its build record (:mod:`kgbuild.store.record`): the base IRI, pipeline
version and mapping digest, and which graphs are articles.  This package is the only code
that imports pyoxigraph; the rest of kgbuild takes RDF terms from :mod:`kgbuild.store.terms`
and formats from :mod:`kgbuild.store.formats`.
"""

from __future__ import annotations

from .dataset import Dataset
from .formats import cut_graph
from .local import LocalStore, Store, as_quads, quads_in, snapshot
from .record import (
    ARTICLE,
    INFERRED,
    LOADED,
    META_GRAPH,
    ONTOLOGY_GRAPH,
    GraphRecord,
    StoreRecord,
    graph_lines,
    is_content_graph,
)
from .remote import RemoteStore, update_endpoint, update_text


def is_remote(location: str) -> bool:
    """Whether a ``--store`` value names a SPARQL server rather than a folder.

    >>> is_remote("http://127.0.0.1:7878/query"), is_remote("kgstore")
    (True, False)
    """
    return str(location).startswith(("http://", "https://"))


def open_dataset(location: str, *, read_only: bool = False, token: str | None = None) -> Store | RemoteStore:
    """The dataset at ``location``: an http(s) URL is a remote SPARQL server, anything else a folder.

    ``read_only`` opens an embedded store for reading (read-write when no build holds it, so
    reads are consistent).  A remote server is asked a trivial question first, so a wrong URL
    is one clear error before any work starts.

    :raises StoreError: when there is no store at ``location`` (reading), it is locked or unreachable.
    """
    if is_remote(location):
        remote = RemoteStore(location, token=token)
        remote.check()
        return remote
    return Store.open_for_reading(location) if read_only else Store.open(location)


open_store = open_dataset

__all__ = [
    "ARTICLE",
    "INFERRED",
    "LOADED",
    "META_GRAPH",
    "ONTOLOGY_GRAPH",
    "Dataset",
    "GraphRecord",
    "LocalStore",
    "RemoteStore",
    "Store",
    "StoreRecord",
    "as_quads",
    "cut_graph",
    "graph_lines",
    "is_content_graph",
    "is_remote",
    "open_dataset",
    "open_store",
    "quads_in",
    "snapshot",
    "update_endpoint",
    "update_text",
]
