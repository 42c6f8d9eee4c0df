"""The store: an on-disk Oxigraph database, one named graph per article.

Replacing an article's graph takes three small transactions (see
:meth:`Store.replace_graph`): a build killed at any point leaves each article as it was,
absent, or rebuilt, never half-written.  ``kgbuild build --bulk`` loads articles new to the
store with Oxigraph's bulk loader instead (:meth:`Store.bulk_add_graphs`), recording them only
once they are whole.  Queries see the union of
all article graphs as their default graph.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from pyoxigraph import NamedNode, Quad, QueryBoolean, QuerySolutions, QueryTriples, RdfFormat, parse, serialize
from pyoxigraph import Store as _OxStore

from .errors import QueryError, StoreError

if TYPE_CHECKING:
    from .store_remote import RemoteStore

META_GRAPH = "urn:kgbuild:meta"
LOCK_WAIT_S = 5.0  # how long opening for writing waits for a lock held briefly by another process
_KGB = "https://w3id.org/kgbuild/ontology#"


def update_text(graph: str, quads: Sequence[Quad] | Sequence[str], meta: Iterable[Quad] | Iterable[str] = ()) -> str:
    """One SPARQL Update that replaces ``graph`` by ``quads`` (quads or N-Triples lines) and its build metadata."""
    lines = [q if isinstance(q, str) else f"{q.subject} {q.predicate} {q.object} ." for q in quads]
    meta_lines = [q if isinstance(q, str) else f"{q.subject} {q.predicate} {q.object} ." for q in meta]
    body = "\n".join(lines)
    meta_body = "\n".join(meta_lines)
    update = f"DROP SILENT GRAPH <{graph}> ;\n"
    if meta_body:
        update += f"DELETE WHERE {{ GRAPH <{META_GRAPH}> {{ <{graph}> ?p ?o }} }} ;\n"
    update += f"INSERT DATA {{ GRAPH <{graph}> {{\n{body}\n}}"
    if meta_body:
        update += f"\nGRAPH <{META_GRAPH}> {{\n{meta_body}\n}}"
    return update + " }"


def quads_in(graph: str | NamedNode, lines: Sequence[str]) -> list[Quad]:
    """Quads in ``graph`` from N-Triples lines (the form a build ships article graphs in)."""
    node = graph if isinstance(graph, NamedNode) else NamedNode(graph)
    if not lines:
        return []
    return [Quad(t.subject, t.predicate, t.object, node)
            for t in parse("\n".join(lines).encode(), format=RdfFormat.N_TRIPLES)]


def _as_quads(items: Iterable[Quad] | Iterable[str], graph: NamedNode) -> list[Quad]:
    """Quads in ``graph`` from quads or N-Triples lines."""
    items = list(items)
    out = [Quad(q.subject, q.predicate, q.object, graph) for q in items if not isinstance(q, str)]
    return out + quads_in(graph, [x for x in items if isinstance(x, str)])


def open_store(location: str, *, read_only: bool = False) -> Store | RemoteStore:
    """The store at ``location``: an http(s) URL is a remote SPARQL server, anything else a folder."""
    if location.startswith(("http://", "https://")):
        from .store_remote import RemoteStore

        return RemoteStore(location)
    return Store.open_for_reading(location) if read_only else Store.open(location)


class Store:
    """An embedded Oxigraph store at ``path``.

    >>> import tempfile
    >>> s = Store.open(tempfile.mkdtemp() + "/kg")
    >>> s.replace_graph("https://example.org/g", [])
    >>> len(s)
    0
    """

    def __init__(self, ox: _OxStore, path: str | None, *, read_only: bool) -> None:
        self._ox = ox
        self._writes = 0
        self.path = path
        self.read_only = read_only

    @classmethod
    def open(cls, path: str | Path, *, read_only: bool = False) -> Store:
        """Open (creating it unless ``read_only``) the store at ``path``.

        :raises StoreError: when the folder is not a store, is locked by another process, or not writable.
        """
        path = Path(path)
        try:
            if read_only:
                if not path.exists():
                    raise StoreError(f"{path}: no store here; build one first with `kgbuild build SOURCES --store {path}`")
                ox = _OxStore.read_only(str(path))
            else:
                ox = _open_writable(path)
        except OSError as err:
            message = str(err)
            if "lock" in message.lower():
                message = "the store is in use by another kgbuild process (wait for it to finish)"
            raise StoreError(f"{path}: cannot open store: {message}") from None
        return cls(ox, str(path), read_only=read_only)

    @classmethod
    def open_for_reading(cls, path: str | Path) -> Store:
        """Open for queries: read-write when free (consistent), read-only when a build holds the lock.

        :raises StoreError: when there is no store at ``path``.
        """
        if not Path(path).exists():
            raise StoreError(f"{path}: no store here; build one first with `kgbuild build SOURCES --store {path}`")
        try:
            return cls(_OxStore(str(path)), str(path), read_only=False)
        except OSError:
            return cls.open(path, read_only=True)

    @classmethod
    def memory(cls) -> Store:
        """A temporary in-memory store (tests, one-off conversions)."""
        return cls(_OxStore(), None, read_only=False)

    def __len__(self) -> int:
        return len(self._ox)

    @property
    def oxigraph(self) -> _OxStore:
        """The underlying pyoxigraph store, for callers that need its full API."""
        return self._ox

    def replace_graph(self, graph: str, quads: Sequence[Quad] | Sequence[str], *,
                      meta: Iterable[Quad] | Iterable[str] = ()) -> None:
        """Replace one named graph by ``quads`` (quads or N-Triples lines).

        Three steps, each a transaction of its own: the graph's build record goes, then the old
        graph, then the new graph and its new record arrive together.  A build killed between
        them leaves the article absent and unrecorded, never half-written, and the next build
        makes it again.  (One SPARQL Update would do it in one step, but pyoxigraph's memory
        grows with every large update: about 300 MB per thousand articles.)

        :raises StoreError: when the store cannot be written.
        """
        node = NamedNode(graph)
        new = _as_quads(quads, node) + _as_quads(meta, NamedNode(META_GRAPH))
        try:
            self._forget(node)
            self._ox.remove_graph(node)
            self._ox.extend(new)
        except OSError as err:
            raise StoreError(f"{self.path}: cannot write: {err}") from None
        self._writes += 1
        if self._writes % 500 == 0:
            self._ox.flush()

    def _forget(self, graph: NamedNode) -> None:
        """Remove a graph's build record (its content hash), so it counts as not built."""
        for old in list(self._ox.quads_for_pattern(graph, None, None, NamedNode(META_GRAPH))):
            self._ox.remove(old)

    def has_graph(self, graph: str) -> bool:
        return self._ox.contains_named_graph(NamedNode(graph))

    def bulk_add_graphs(self, graphs: Sequence[tuple[str, Sequence[str]]], meta: Sequence[str] = ()) -> None:
        """Load graphs this store does not hold yet (N-Triples lines each) with Oxigraph's bulk loader.

        About 2.5 times the rate of :meth:`replace_graph`, because the bulk loader writes index
        files directly instead of going through transactions; the price is that it is not atomic.
        The build records (``meta``, N-Triples lines about the graphs) go in afterwards, in one
        transaction, so a build killed during the load leaves its graphs unrecorded: the next build
        sees them as not built and replaces them, atomically, in full.

        :raises StoreError: when the store cannot be written.
        """
        data = "\n".join(f"{line[:-1]}<{graph}> ." for graph, lines in graphs for line in lines)
        try:
            for graph, _ in graphs:  # a record left by an older build of a graph that was empty
                self._forget(NamedNode(graph))
            if data:
                self._ox.bulk_load(data, format=RdfFormat.N_QUADS)  # the text as is: no second copy as bytes
            if meta:
                self._ox.extend(_as_quads(meta, NamedNode(META_GRAPH)))
        except OSError as err:
            raise StoreError(f"{self.path}: cannot write: {err}") from None

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """Every quad of one named graph, or of the whole store."""
        return self._ox.quads_for_pattern(None, None, None, NamedNode(graph) if graph else None)

    def graphs(self) -> list[str]:
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, NamedNode))

    def query(self, sparql: str, *, union: bool = True) -> QuerySolutions | QueryTriples | QueryBoolean:
        """Run a SPARQL query over the union of the article graphs.

        :raises QueryError: with the parser's message when the query is malformed.
        """
        try:
            return self._ox.query(sparql, use_default_graph_as_union=union)
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL: {err}") from None
        except OSError as err:
            raise StoreError(f"{self.path}: query failed: {err}") from None

    def built_hashes(self) -> dict[str, str]:
        """Content hash of every article graph as last built (for incremental builds)."""
        rows = self._ox.query(
            f"SELECT ?g ?h WHERE {{ GRAPH <{META_GRAPH}> {{ ?g <{_KGB}contentHash> ?h }} }}")
        return {row["g"].value: row["h"].value for row in rows}

    def flush(self) -> None:
        if not self.read_only:
            self._ox.flush()


def _open_writable(path: Path) -> _OxStore:
    """Open read-write, waiting up to :data:`LOCK_WAIT_S` for a lock held only for a moment
    (``kgbuild serve`` takes its snapshots that way).

    :raises OSError: as pyoxigraph does, once the wait is over.
    """
    deadline = time.monotonic() + LOCK_WAIT_S
    while True:
        try:
            return _OxStore(str(path))
        except OSError as err:
            if "lock" not in str(err).lower() or time.monotonic() > deadline:
                raise
            time.sleep(0.05)


def snapshot(path: str | Path, target: str | Path) -> bool:
    """Copy the store at ``path`` to ``target`` as a consistent, independent store; False while another
    process holds the store (a build): the caller tries again later.

    A RocksDB checkpoint: the immutable files are hard-linked (cheap, even for a large store) and the
    copy can be opened read-only while the original is written, which a read-only open of the original
    itself cannot (undefined behaviour in Oxigraph).  The store is held only while the copy is made.

    :raises StoreError: when there is no store at ``path`` or the copy cannot be written.
    """
    if not (Path(path) / "CURRENT").exists():
        raise StoreError(f"{path}: no store here; build one first with `kgbuild build SOURCES --store {path}`")
    try:
        ox = _OxStore(str(path))
    except OSError as err:
        if "lock" in str(err).lower():
            return False
        raise StoreError(f"{path}: cannot open store: {err}") from None
    try:
        ox.backup(str(target))
    except OSError as err:
        raise StoreError(f"{target}: cannot copy the store there: {err}") from None
    finally:
        del ox
    return True


def cut_graph(data: bytes, media: str, max_rows: int) -> tuple[bytes, int, bool] | None:
    """A graph document cut to its first ``max_rows`` triples, in the same format: (data, triples, cut).

    None when ``media`` is not an RDF format pyoxigraph reads (the caller passes the data on as it is).
    """
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
