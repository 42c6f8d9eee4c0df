"""The embedded store: an on-disk (or in-memory) Oxigraph database.

One named graph per article (and per loaded file), the ontology and the build record in
graphs of their own, and the default graph holding the union of the content graphs with each
triple once: queries see every article without the ontology or the record, and a triple that
several articles assert comes back once.  Every write keeps that union in step.

How writes stay whole (a graph is present exactly when its record is, so a build killed at
any point leaves every article whole or absent, and the next build makes the absent ones):
a build loads articles new to the store with Oxigraph's bulk loader, each load atomic and
carrying its graphs' records (:meth:`Store.bulk_add_graphs`); a graph new to the store
written alone arrives with its union triples and record in one transaction; a graph that
changes is replaced in a few transactions, its record removed first and written last
(:meth:`Store.replace_graph`).
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path

from pyoxigraph import DefaultGraph, NamedNode, Quad, RdfFormat, Variable, parse
from pyoxigraph import Store as _OxStore

from ..errors import QueryError, StoreError
from .dataset import SelfKnowledge
from .record import META_GRAPH, is_content_graph
from .terms import QueryResult, Term

_NO_GRAPH = NamedNode("urn:kgbuild:no-graph")  # a default graph that never holds anything (union=False)
_FLUSH_EVERY = 500
BULK_ATOMIC_QUADS = 1_000_000  # the quads Oxigraph's bulk loader ingests in one step (DEFAULT_BULK_LOAD_BATCH_SIZE)
LOCK_WAIT_S = 5.0  # how long opening for writing waits for a lock another process holds for a moment


def quads_in(graph: str | NamedNode, lines: Sequence[str]) -> list[Quad]:
    """Quads in ``graph`` from N-Triples lines (the form a build ships article graphs in)."""
    node = graph if isinstance(graph, NamedNode) else NamedNode(graph)
    if not lines:
        return []
    return [Quad(t.subject, t.predicate, t.object, node)
            for t in parse("\n".join(lines).encode(), format=RdfFormat.N_TRIPLES)]


def as_quads(items: Iterable[Quad] | Iterable[str], graph: NamedNode) -> list[Quad]:
    """Quads in ``graph`` from quads or N-Triples lines."""
    items = list(items)
    out = [Quad(q.subject, q.predicate, q.object, graph) for q in items if not isinstance(q, str)]
    return out + quads_in(graph, [x for x in items if isinstance(x, str)])


def remove_bulk_leftovers(path: Path) -> list[Path]:
    """Delete the ``bulk-*.sst`` files a killed bulk load left in a store folder (call with the store's lock held)."""
    removed = []
    for leftover in path.glob("bulk-*.sst"):
        try:
            leftover.unlink()
            removed.append(leftover)
        except OSError:
            pass
    return removed


def _open_writable(path: Path) -> _OxStore:
    """Open read-write, waiting up to :data:`LOCK_WAIT_S` for a lock held only for a moment
    (``kgbuild serve`` takes its snapshots that way, see :func:`snapshot`).

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


def snapshot(path: str | Path, target: str | Path, *, even_if_held: bool = False) -> bool:
    """Copy the store at ``path`` to ``target`` as a consistent, independent store; False while another
    process (a build) holds the store: the caller tries again later.  ``even_if_held`` copies the
    state a read-only open sees instead (what the holder had written when the copy starts).

    A RocksDB checkpoint: the immutable files are hard-linked (cheap, even for a large store), and the
    copy can be opened read-only while the original is written, which a read-only open of the original
    cannot (undefined behaviour in Oxigraph).  The store is held only while the copy is made.

    :raises StoreError: when there is no store at ``path`` or the copy cannot be written.
    """
    if not (Path(path) / "CURRENT").exists():
        raise StoreError(f"{path}: no store here; build one first with `kgbuild build SOURCES --store {path}`")
    try:
        ox = _OxStore(str(path))
    except OSError as err:
        if "lock" not in str(err).lower():
            raise StoreError(f"{path}: cannot open store: {err}") from None
        if not even_if_held:
            return False
        try:
            ox = _OxStore.read_only(str(path))
        except OSError as again:
            raise StoreError(f"{path}: cannot open store: {again}") from None
    try:
        ox.backup(str(target))
    except OSError as err:
        raise StoreError(f"{target}: cannot copy the store there: {err}") from None
    finally:
        del ox
    return True


class Store(SelfKnowledge):
    """An embedded Oxigraph store at ``path``.

    >>> import tempfile
    >>> s = Store.open(tempfile.mkdtemp() + "/kg")
    >>> s.replace_graph("https://example.org/g", ['<https://example.org/a> <https://example.org/p> "x" .'])
    >>> len(s), s.graphs()
    (1, ['https://example.org/g'])
    """

    def __init__(self, ox: _OxStore, path: str | None, *, read_only: bool) -> None:
        self._ox = ox
        self._writes = 0
        self.path = path  # None for an in-memory store
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
        if not read_only:
            remove_bulk_leftovers(path)
        return cls(ox, str(path), read_only=read_only)

    @classmethod
    def open_for_reading(cls, path: str | Path) -> Store:
        """Open for queries: read-write when free (consistent), read-only when a build holds the lock.

        :raises StoreError: when there is no store at ``path``.
        """
        if not Path(path).exists():
            raise StoreError(f"{path}: no store here; build one first with `kgbuild build SOURCES --store {path}`")
        try:
            ox = _OxStore(str(path))
        except OSError:
            return cls.open(path, read_only=True)
        remove_bulk_leftovers(Path(path))
        return cls(ox, str(path), read_only=False)

    @classmethod
    def memory(cls) -> Store:
        """A temporary in-memory store (tests, one-off conversions)."""
        return cls(_OxStore(), None, read_only=False)

    def __len__(self) -> int:
        """Quads in the default graph: the union of the content graphs, each triple once."""
        rows = list(self._ox.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"))  # type: ignore[arg-type]
        return int(rows[0]["n"].value)

    def total_quads(self) -> int:
        """Every quad the store holds: content graphs, their union, the ontology and the build record."""
        return len(self._ox)

    # -- writing ---------------------------------------------------------------------------

    def _write(self, action, *args):  # type: ignore[no-untyped-def]
        if self.read_only:
            raise StoreError(f"{self.path}: the store is open read-only (another process holds it)")
        try:
            return action(*args)
        except OSError as err:
            raise StoreError(f"{self.path}: cannot write: {err}") from None

    def _drop_from_union(self, triples: Iterable[object], graph: NamedNode) -> None:
        """Remove from the default graph the triples no content graph but ``graph`` asserts."""
        for triple in triples:
            holders = self._ox.quads_for_pattern(triple.subject, triple.predicate, triple.object, None)  # type: ignore[attr-defined]
            if not any(isinstance(q.graph_name, NamedNode) and q.graph_name != graph and is_content_graph(q.graph_name)
                       for q in holders):
                self._ox.remove(Quad(triple.subject, triple.predicate, triple.object, DefaultGraph()))  # type: ignore[attr-defined]

    def replace_graph(self, graph: str, quads: Sequence[Quad] | Sequence[str], *,
                      meta: Iterable[Quad] | Iterable[str] = ()) -> None:
        """Replace one named graph by ``quads`` (quads or N-Triples lines), with its build record ``meta``.

        Steps, each a transaction of its own: the graph's record goes; the triples only this graph
        asserted leave the union; the old graph goes; the new graph, its triples in the union and
        its new record arrive together.  A build killed between them leaves the article unrecorded
        (so the next build makes it again), never half-recorded.  (One SPARQL Update would do it in
        one step, but pyoxigraph's memory grows with every large update: about 300 MB per thousand.)

        :raises StoreError: when the store cannot be written.
        """
        node = NamedNode(graph)
        content = is_content_graph(graph)
        lines = [q for q in quads if isinstance(q, str)]
        if content and len(lines) == len(quads) and not self._ox.contains_named_graph(node):
            self._write(self._add_new, node, lines, meta)  # the common case: an article new to the store
            return
        new = as_quads(quads, node)

        def run() -> None:
            recorded = self._forget(node)
            union: list[Quad] = []
            if content:
                old = {q.triple for q in self._ox.quads_for_pattern(None, None, None, node)}
                triples = {q.triple for q in new}
                self._drop_from_union(old - triples, node)
                # a recorded graph's triples are in the union already; an unrecorded one (a killed build) may not be
                union = [Quad(t.subject, t.predicate, t.object) for t in (triples - old if recorded else triples)]
            self._ox.remove_graph(node)
            self._ox.extend(new + union + as_quads(meta, NamedNode(META_GRAPH)))

        self._write(run)
        self._writes += 1
        if self._writes % _FLUSH_EVERY == 0:
            self._ox.flush()

    def _add_new(self, graph: NamedNode, lines: list[str], meta: Iterable[Quad] | Iterable[str]) -> None:
        """A content graph new to the store from N-Triples lines: the graph, its triples in the union and its
        record in one transaction (one N-Quads text that Oxigraph parses itself, no Python object per
        triple), after removing any record an older build of an empty graph left.
        """
        self._forget(graph)
        records = [line if isinstance(line, str) else f"{line.subject} {line.predicate} {line.object} ." for line in meta]
        text = "\n".join([f"{line[:-1]}<{graph.value}> ." for line in lines] + lines +
                          [f"{line[:-1]}<{META_GRAPH}> ." for line in records])
        if text:
            self._ox.load(text, format=RdfFormat.N_QUADS)
        self._writes += 1
        if self._writes % _FLUSH_EVERY == 0:
            self._ox.flush()

    def add_to_graph(self, graph: str, quads: Sequence[Quad] | Sequence[str]) -> None:
        """Add statements to a named graph (the Graph Store Protocol's POST), and to the union, in one transaction.

        :raises StoreError: when the store cannot be written.
        """
        node = NamedNode(graph)
        new = as_quads(quads, node)
        union = [Quad(q.subject, q.predicate, q.object) for q in new] if is_content_graph(graph) else []
        self._write(self._ox.extend, new + union)

    def remove_graph(self, graph: str) -> bool:
        """Remove a named graph, its share of the union and its record; whether it was there.

        :raises StoreError: when the store cannot be written.
        """
        node = NamedNode(graph)
        if not self.has_graph(graph) and not self.graph_records().get(graph):
            return False

        def run() -> None:
            self._forget(node)
            if is_content_graph(graph):
                self._drop_from_union({q.triple for q in self._ox.quads_for_pattern(None, None, None, node)}, node)
            self._ox.remove_graph(node)

        self._write(run)
        return True

    def _forget(self, graph: NamedNode) -> bool:
        """Remove a graph's build record, its content hash first, so it counts as not built; whether it had one."""
        record = list(self._ox.quads_for_pattern(graph, None, None, NamedNode(META_GRAPH)))
        for old in sorted(record, key=lambda q: not q.predicate.value.endswith("contentHash")):
            self._ox.remove(old)
        return bool(record)

    def has_graph(self, graph: str) -> bool:
        return self._ox.contains_named_graph(NamedNode(graph))

    def bulk_add_graphs(self, graphs: Sequence[tuple[str, Sequence[str]]], meta: Sequence[str] = ()) -> None:
        """Load graphs this store does not hold yet (N-Triples lines each), with their build record, by
        Oxigraph's bulk loader: each graph, its triples in the union and its record in one atomic step.

        Why it is safe: the bulk loader sorts up to :data:`BULK_ATOMIC_QUADS` quads into one set of
        index files and hands them to RocksDB in one ``IngestExternalFiles`` call, which records
        every column family's files in the manifest at once: after a crash either all of them are
        in the database or none is (a killed load leaves only ``bulk-*.sst`` files, removed when
        the store is next opened for writing).  So this method gives each load at most that many
        quads, cutting between graphs, and puts each graph's record (``meta`` lines whose subject
        is the graph) in the same load as the graph: a graph is in the store if and only if its
        record is, readers (and the build after a kill) see whole articles or none, and the next
        build makes exactly the ones that are missing.  ``tests/test_faults.py`` kills builds at
        random points to check it.  About 2.5 times the rate of :meth:`replace_graph`.

        :raises StoreError: when the store cannot be written.
        """
        names = {graph for graph, _ in graphs}
        about: dict[str, list[str]] = {}
        rest: list[str] = []
        for line in meta:
            subject = line[1:line.index(">")] if line.startswith("<") else ""
            (about.setdefault(subject, []) if subject in names else rest).append(line)
        loads: list[list[str]] = [[]]
        for graph, lines in graphs:
            part = [f"{line[:-1]}<{graph}> ." for line in lines]
            if is_content_graph(graph):
                part += lines  # the union default graph
            part += [f"{line[:-1]}<{META_GRAPH}> ." for line in about.get(graph, ())]
            if loads[-1] and len(loads[-1]) + len(part) >= BULK_ATOMIC_QUADS:
                loads.append([])
            loads[-1] += part
        loads[-1] += [f"{line[:-1]}<{META_GRAPH}> ." for line in rest]
        if any(len(load) >= BULK_ATOMIC_QUADS for load in loads):
            raise StoreError(f"{self.path}: a graph of over {BULK_ATOMIC_QUADS // 2} triples cannot be bulk loaded "
                             "atomically; replace it with replace_graph")

        def run() -> None:
            for graph, _ in graphs:  # a record left by an older build of a graph that was empty
                self._forget(NamedNode(graph))
            for load in loads:
                if load:
                    self._ox.bulk_load("\n".join(load), format=RdfFormat.N_QUADS, lenient=True)

        self._write(run)

    def add_quads(self, quads: Iterable[Quad]) -> None:
        """Add quads as they are, in one transaction (for tools that manage graphs themselves)."""
        self._write(self._ox.extend, list(quads))

    def update(self, sparql: str) -> None:
        """Run a SPARQL Update (the build record's small edits; user updates through the server).

        :raises QueryError: for a malformed update.
        """
        try:
            self._write(self._ox.update, sparql)
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL update: {err}") from None

    # -- reading ---------------------------------------------------------------------------

    def quads(self, graph: str | None = None) -> Iterator[Quad]:
        """Every quad of one named graph, or of the whole store (every graph, the union included)."""
        return self._ox.quads_for_pattern(None, None, None, NamedNode(graph) if graph else None)

    def union_quads(self) -> Iterator[Quad]:
        """The default graph's quads: the union of the content graphs, each triple once, in index order."""
        return self._ox.quads_for_pattern(None, None, None, DefaultGraph())

    def triples_about(self, iri: str) -> list[Quad]:
        """The union's quads with ``iri`` as subject or object (a resource's page, its concise description)."""
        node = NamedNode(iri)
        out = list(self._ox.quads_for_pattern(node, None, None, DefaultGraph()))
        out += list(self._ox.quads_for_pattern(None, None, node, DefaultGraph()))
        return sorted(set(out), key=str)

    def graphs(self) -> list[str]:
        """Every named graph, sorted (content graphs, the ontology, the build record)."""
        return sorted(g.value for g in self._ox.named_graphs() if isinstance(g, NamedNode))

    def query(self, sparql: str, *, union: bool = True, default_graph: Sequence[str] | None = None,
              named_graphs: Sequence[str] | None = None, substitutions: dict[str, Term] | None = None) -> QueryResult:
        """Run a SPARQL query; its default graph is the union of the content graphs.

        ``union=False`` leaves the default graph empty (only ``GRAPH`` patterns match);
        ``default_graph`` and ``named_graphs`` name the graphs as the SPARQL protocol's
        ``default-graph-uri`` and ``named-graph-uri`` do; ``substitutions`` binds variables to terms.

        :raises QueryError: with the parser's message when the query is malformed.
        :raises StoreError: when the store cannot be read.
        """
        options: dict[str, object] = {}
        if default_graph is not None:
            options["default_graph"] = [NamedNode(g) for g in default_graph]
        elif not union:
            options["default_graph"] = _NO_GRAPH
        if named_graphs is not None:
            options["named_graphs"] = [NamedNode(g) for g in named_graphs]
        if substitutions:
            options["substitutions"] = {Variable(k): v for k, v in substitutions.items()}
        try:
            return self._ox.query(sparql, **options)  # type: ignore[arg-type]
        except SyntaxError as err:
            raise QueryError(f"invalid SPARQL: {err}") from None
        except OSError as err:
            raise StoreError(f"{self.path}: query failed: {err}") from None

    def flush(self) -> None:
        if not self.read_only:
            self._ox.flush()


LocalStore = Store
