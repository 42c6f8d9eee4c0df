"""The main job: sources to annotated articles to quads to the store, in batches.

An article that fails (bad encoding, a broken hand-corrected annotation) is reported and
skipped while the rest of the batch still builds.  Articles new to the store are bulk
loaded, whole articles and their records in each atomic load, changed ones replaced by
transactions, so nothing in the store is ever half-written (see :class:`_Writer`).  An
article whose content, pipeline and mappings are unchanged since the last build is skipped.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .annotated import AnnotatedArticle, load_annotated
from .article import Article
from .errors import InputError, KgbuildError
from .mapping.apply import Mapping, load_mappings, map_article_lines, map_batch_lines
from .mapping.iris import Minter
from .read import expand_sources, iter_path
from .resources import data_dir
from .store import ARTICLE, INFERRED, ONTOLOGY_GRAPH, Dataset, GraphRecord, Store, StoreRecord, graph_lines, quads_in
from .store.terms import BlankNode, NamedNode, Quad, RdfFormat, parse

BULK_QUADS = 50_000  # article triples gathered for one bulk load: as fast as 100,000 and 130 MiB less at the peak
BULK_MAX = 400_000  # twice that (named graphs and union) and the records stay under one atomic ingestion


def bulk_quads() -> int:
    """Article triples gathered for one atomic bulk load (setting ``bulk_quads``): memory against speed."""
    from .settings import setting

    try:
        value = int(setting("bulk_quads"))
    except ValueError:
        raise KgbuildError(f"KGBUILD_BULK_QUADS: not a whole number: {setting('bulk_quads')!r}") from None
    if not 1 <= value <= BULK_MAX:
        raise KgbuildError(f"KGBUILD_BULK_QUADS: must be between 1 and {BULK_MAX}, not {value}")
    return value


@dataclass
class BuildReport:
    built: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    errors: list[InputError] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    quads: int = 0


_Item = Article | AnnotatedArticle | InputError


def _items(sources: Iterable[str | Path]) -> Iterator[_Item]:
    for path in expand_sources(sources):
        if isinstance(path, InputError):
            yield path
            continue
        try:
            if path.suffix.lower() == ".json":
                annotated = load_annotated(path)
                annotated.article = dataclasses.replace(annotated.article, path=str(path))
                yield annotated
            else:
                yield from iter_path(path)
        except InputError as err:
            yield err


def content_hash(item: Article | AnnotatedArticle, extra: str) -> str:
    """The hash an article is rebuilt on: its content, pipeline and mappings, not where its file lies.

    >>> a = Article(id="x", text="Công đoàn", title="t", path="/one/x.txt")
    >>> import dataclasses
    >>> content_hash(a, "") == content_hash(dataclasses.replace(a, path="/other/x.txt"), "")
    True
    """
    data = item.to_dict()
    article = data["article"] if isinstance(item, AnnotatedArticle) else data
    article.pop("path", None)
    payload = json.dumps(data, sort_keys=True, ensure_ascii=False)
    return hashlib.sha256((payload + extra).encode()).hexdigest()


def _mapping_digest(mappings: tuple[Mapping, ...]) -> str:
    return hashlib.sha256("".join(m.query for m in mappings).encode()).hexdigest()


def ontology_quads() -> tuple[list[Quad], str]:
    """The ontology's quads in its own graph, with blank nodes labelled by their order in the file, and its digest.

    The same file gives the same quads, byte for byte, on every build.
    """
    path = data_dir("ontology") / "kgbuild.ttl"
    data = path.read_bytes()
    labels: dict[BlankNode, BlankNode] = {}

    def fixed(term):  # type: ignore[no-untyped-def]
        if isinstance(term, BlankNode):
            return labels.setdefault(term, BlankNode(f"ontology{len(labels) + 1}"))
        return term

    graph = NamedNode(ONTOLOGY_GRAPH)
    quads = [Quad(fixed(t.subject), t.predicate, fixed(t.object), graph)
             for t in parse(data, format=RdfFormat.TURTLE, base_iri=ONTOLOGY_GRAPH)]
    return quads, hashlib.sha256(data).hexdigest()


def load_ontology(store: Dataset, *, force: bool = False) -> str:
    """Keep the ontology in its own graph so labels and definitions are queryable; its digest.

    Loaded again only when the file changed (or ``force``), always with the same blank-node labels.
    """
    quads, digest = ontology_quads()
    if force or store.record.ontology_digest != digest or not store.has_graph(ONTOLOGY_GRAPH):
        store.replace_graph(ONTOLOGY_GRAPH, quads)
    return digest


def _batches(items: Iterable[_Item], size: int) -> Iterator[list[_Item]]:
    batch: list[_Item] = []
    for item in items:
        batch.append(item)
        if len(batch) == size:
            yield batch
            batch = []
    if batch:
        yield batch


def _annotate_batch(batch: list[Article | AnnotatedArticle]) -> list[AnnotatedArticle | InputError]:
    """Annotate the plain articles of a batch in one ``nlp.pipe`` call, keeping order.

    Should the pipeline fail on the batch, its articles are annotated one by one, so the one that
    makes it fail is reported and the others are still built.
    """
    from .nlp.pipeline import annotate

    plain = [a for a in batch if isinstance(a, Article)]
    try:
        done: list[AnnotatedArticle | InputError] = list(annotate(plain)) if plain else []
    except Exception:  # isolate the article that fails, below
        done = []
        for article in plain:
            try:
                done.extend(annotate([article]))
            except Exception as err:  # one line for this article, the batch goes on
                done.append(InputError(article.path or article.id, f"the pipeline failed on this article "
                                                                   f"({type(err).__name__}: {err})"))
    results = iter(done)
    return [item if isinstance(item, AnnotatedArticle) else next(results) for item in batch]


@dataclass
class Outcome:
    """What building one article produced, as plain data (it crosses process boundaries)."""

    article_id: str
    path: str | None
    digest: str
    triples: list[str] = field(default_factory=list)
    inferred: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    error: str | None = None
    annotated: bool = False  # built from an annotated-article file (possibly corrected by hand)


MAP_BATCH = 16  # articles mapped together: as fast as 64 (CPU), a quarter of the scratch store's memory


def _map_batch(batch: list[AnnotatedArticle], base: str, mappings: tuple[Mapping, ...]) -> dict[int, list[str]]:
    """Each article's triples by ``id()`` of its annotated article, the scripts run once for the batch.

    A part of the batch that cannot be mapped as a whole is left out: its articles are then mapped
    one by one, so the one that fails is reported and the others are still built.
    """
    out: dict[int, list[str]] = {}
    for start in range(0, len(batch), MAP_BATCH):
        part = batch[start:start + MAP_BATCH]
        try:
            out.update((id(a), lines) for a, lines in zip(part, map_batch_lines(part, base_iri=base, mappings=mappings),
                                                          strict=True))
        except Exception:  # isolate the article that fails, in process()
            continue
    return out


def process(todo: list[tuple[Article | AnnotatedArticle, str]], base: str, mappings_dir: str | None,
            validate: bool, reason: bool) -> list[Outcome]:
    """Annotate and map a batch of articles: the part of a build that runs in worker processes."""
    mappings = load_mappings(mappings_dir)
    minter = Minter(base)
    out = []
    done = _annotate_batch([item for item, _ in todo])
    mapped = _map_batch([a for a in done if isinstance(a, AnnotatedArticle)], base, mappings)
    for annotated, (item, digest) in zip(done, todo, strict=True):
        source = item.article if isinstance(item, AnnotatedArticle) else item
        outcome = Outcome(source.id, source.path, digest, annotated=isinstance(item, AnnotatedArticle))
        if isinstance(annotated, InputError):
            outcome.error = str(annotated)
            out.append(outcome)
            continue
        article = annotated.article
        try:
            lines = mapped.get(id(annotated))
            outcome.triples = lines if lines is not None else map_article_lines(annotated, base_iri=base,
                                                                                mappings=mappings)
        except KgbuildError as err:
            outcome.error = str(err) if isinstance(err, InputError) else f"{article.path or article.id}: {err}"
            out.append(outcome)
            continue
        except Exception as err:  # a record the checks let through must not stop the batch
            outcome.error = f"{article.path or article.id}: cannot be mapped ({type(err).__name__}: {err})"
            out.append(outcome)
            continue
        if validate or reason:
            quads = quads_in(minter.graph(article.id), outcome.triples)
        if validate:
            outcome.warnings = _shape_warnings(minter.graph(article.id), quads, article)
        if reason:
            from .reason import infer

            outcome.inferred = [f"{t.subject} {t.predicate} {t.object} ." for t in infer(quads, base)]
        out.append(outcome)
    return out


def build(sources: Iterable[str | Path], store: Dataset, *, base_iri: str | None = None,
          fail_fast: bool = False, force: bool = False, batch_size: int = 64, validate: bool = False,
          reason: bool = False, mappings_dir: str | None = None, workers: int = 1, scheduler: str | None = None,
          bulk: bool | None = None, progress: Callable[[str, str], None] | None = None) -> BuildReport:
    """Build every article in ``sources`` into ``store``, streaming in batches.

    With ``workers`` > 1, batches are annotated and mapped in that many processes while this
    one writes each article's graph in order; the result is the same whatever the count.
    ``progress(article_id, status)`` is called once per article (status: built,
    unchanged, error).

    Articles new to an embedded store go through Oxigraph's bulk loader, whole articles with
    their records in each atomic load (:meth:`Store.bulk_add_graphs`); changed articles are
    replaced by transactions.  Either way a build killed at any point leaves every article
    whole or absent, and the next build makes the absent ones.  ``bulk=False`` writes every
    article in its own transactions as soon as it is mapped (readers see the build's articles
    one by one, not a load's worth at a time; memory holds one article, not a load); a remote
    store is always written article by article (``bulk=True`` then adds a warning).

    :raises InputError: the first bad article, when ``fail_fast``.
    """
    from .nlp.pipeline import PIPELINE_VERSION

    base = store.resolve_base(base_iri, writing=True)
    minter = Minter(base)
    report = BuildReport()
    mappings = load_mappings(mappings_dir)  # a broken mapping stops the build before anything is written
    mapping_digest = _mapping_digest(mappings)
    extra = PIPELINE_VERSION + mapping_digest + base
    records = store.graph_records()
    previous = {} if force else {g: r.content_hash for g, r in records.items() if r.content_hash}
    ontology_digest = load_ontology(store)
    store.write_record(StoreRecord(base_iri=base, pipeline_version=PIPELINE_VERSION, mapping_digest=mapping_digest,
                                   ontology_digest=ontology_digest))
    notify = progress or (lambda _id, _status: None)
    sources_of: dict[str, str] = {}

    def refuse(item: Article | AnnotatedArticle) -> InputError | None:
        """Why this article must not be built: an id given twice, or hand-corrected annotations it would replace."""
        article = item.article if isinstance(item, AnnotatedArticle) else item
        source = article.path or article.id
        if article.id in sources_of:
            return InputError(source, f"article id {article.id!r} is also the id of {sources_of[article.id]}; "
                                      "rename one of them (ids must be unique)")
        sources_of[article.id] = source
        old = records.get(minter.graph(article.id))
        if old is not None and old.annotated and isinstance(item, Article) and not force:
            return InputError(source, f"would replace article {article.id!r} built from the annotations in "
                                      f"{old.source}; build that file, or pass --force to replace it")
        return None

    def todo_batches() -> Iterator[list[tuple[Article | AnnotatedArticle, str]]]:
        for batch in _batches(_items(sources), batch_size):
            todo = []
            for item in batch:
                if isinstance(item, InputError):
                    if fail_fast:
                        raise item
                    report.errors.append(item)
                    notify(item.path, "error")
                    continue
                refused = refuse(item)
                if refused is not None:
                    if fail_fast:
                        raise refused
                    report.errors.append(refused)
                    notify(refused.path, "error")
                    continue
                article = item.article if isinstance(item, AnnotatedArticle) else item
                digest = content_hash(item, extra)
                if previous.get(minter.graph(article.id)) == digest:
                    report.unchanged.append(article.id)
                    notify(article.id, "unchanged")
                    continue
                todo.append((item, digest))
            if todo:
                yield todo

    runner = _run_dask(todo_batches(), scheduler, base, mappings_dir, validate, reason) if scheduler else \
        _run(todo_batches(), base, mappings_dir, validate, reason, workers)
    if bulk and not isinstance(store, Store):
        report.warnings.append(f"{store.path}: --bulk applies to an embedded store; each article is replaced "
                               "by its own update instead")
    writer = _Writer(store, bulk=bulk is not False and isinstance(store, Store))
    try:
        for outcomes in runner:
            for outcome in outcomes:
                _apply(outcome, writer, minter, report, fail_fast, notify)
    except BaseException:
        if writer.loader is not None:
            writer.loader.shutdown(wait=True)  # a load under way ends whole; nothing more is started
        raise
    writer.close()
    store.flush()
    from .search import refresh as refresh_search_index

    refresh_search_index(store)  # the names index follows the store (and repairs what a killed build left)
    return report


_Graph = tuple[str, list[str], list[str]]  # a graph's IRI, its N-Triples lines, its record's lines


class _Writer:
    """Writes each article's graphs (the article's and its inferences') as one unit.

    With ``bulk`` (the default for an embedded store), units for graphs the store does not hold
    yet are gathered and handed to :meth:`Store.bulk_add_graphs`, which loads each unit whole
    with its record in one atomic ingestion; a unit is never split between two loads, so an
    article is never recorded without its inferences.  A load runs in a thread of its own
    (Oxigraph releases the GIL while it loads), so this process goes on reading articles and
    feeding the workers meanwhile; one load at a time, and the next waits for it, which bounds
    memory to two loads' worth.  Graphs the store already holds (a changed article) are
    replaced by :meth:`Store.replace_graph`'s transactions, after the load in flight, the
    inferences first and the article last: the article's content hash is what says the unit is
    done, so a build killed in between rebuilds the whole unit.
    """

    def __init__(self, store: Dataset, *, bulk: bool) -> None:
        from concurrent.futures import Future, ThreadPoolExecutor

        self.store = store
        self.bulk = bulk
        self.pending: list[tuple[str, list[str]]] = []
        self.pending_meta: list[str] = []
        self.names: set[str] = set()
        self.size = 0
        self.limit = bulk_quads()
        self.loader = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bulk-load") if bulk else None
        self.loading: Future | None = None
        self.loading_names: set[str] = set()

    def write(self, unit: list[_Graph]) -> None:
        graphs = {graph for graph, _, _ in unit}
        if graphs & self.names:
            self.finish()  # the same article twice in one build: the later one wins, as without bulk
        if graphs & self.loading_names:
            self.wait()  # ... and is in the store once that load is done
        if not self.bulk or any(self.store.has_graph(graph) for graph in graphs) or \
                sum(len(triples) for _, triples, _ in unit) >= self.limit:
            self.wait()
            for graph, triples, meta in reversed(unit):
                self.store.replace_graph(graph, triples, meta=meta)
            return
        for graph, triples, meta in unit:
            self.pending.append((graph, triples))
            self.pending_meta.extend(meta)
            self.size += len(triples)
        self.names |= graphs
        if self.size >= self.limit:
            self.finish()

    def finish(self) -> None:
        """Start loading what is gathered (after the load in flight)."""
        if not (self.pending or self.pending_meta):
            return
        self.wait()
        assert self.loader is not None
        self.loading = self.loader.submit(self.store.bulk_add_graphs, self.pending,  # type: ignore[attr-defined]
                                          self.pending_meta)
        self.loading_names = self.names
        self.pending, self.pending_meta, self.names, self.size = [], [], set(), 0

    def wait(self) -> None:
        """Wait for the load in flight; its error, if any, is raised here."""
        if self.loading is not None:
            loading, self.loading, self.loading_names = self.loading, None, set()
            loading.result()

    def close(self) -> None:
        """Load what is left and wait for it (also after an error: a load under way ends whole)."""
        try:
            self.finish()
            self.wait()
        finally:
            if self.loader is not None:
                self.loader.shutdown(wait=True)


def _run(batches: Iterator[list[tuple[Article | AnnotatedArticle, str]]], base: str, mappings_dir: str | None,
         validate: bool, reason: bool, workers: int) -> Iterator[list[Outcome]]:
    """Outcomes batch by batch, in input order; at most ``2 x workers`` batches in flight."""
    if workers <= 1:
        for todo in batches:
            yield process(todo, base, mappings_dir, validate, reason)
        return
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context, initializer=_die_with_parent,
                             initargs=(os.getpid(),)) as pool:
        yield from _in_order(lambda todo: pool.submit(process, todo, base, mappings_dir, validate, reason),
                             batches, 2 * workers)


def _die_with_parent(parent: int) -> None:
    """In a worker: be killed when the build's process dies, even by SIGKILL (Linux), instead of living on;
    a worker whose build died while it was starting ends at once."""
    try:
        import ctypes
        import signal

        ctypes.CDLL("libc.so.6").prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass
    if os.getppid() != parent:
        os._exit(1)


def _in_order(submit: Callable[[Any], Any], batches: Iterator[Any], in_flight: int) -> Iterator[list[Outcome]]:
    """Results of ``submit(batch)`` futures (a process pool's or Dask's) in input order, ``in_flight`` at most."""
    pending: deque = deque()
    for todo in batches:
        pending.append(submit(todo))
        if len(pending) >= in_flight:
            yield pending.popleft().result()
    while pending:
        yield pending.popleft().result()


def _run_dask(batches: Iterator[list[tuple[Article | AnnotatedArticle, str]]], scheduler: str, base: str,
              mappings_dir: str | None, validate: bool, reason: bool) -> Iterator[list[Outcome]]:
    """Outcomes computed on a Dask cluster (every worker has kgbuild installed), in input order.

    The cluster annotates and maps; this process writes each article's graph, so the store
    (embedded or a remote SPARQL server) keeps its one writer and its atomic replacements.
    """
    try:
        from distributed import Client
    except ImportError:
        raise KgbuildError("--scheduler needs Dask: pip install 'kgbuild[dask]'") from None
    with Client(scheduler) as client:
        in_flight = 2 * max(sum(w.get("nthreads", 1) for w in client.scheduler_info()["workers"].values()), 1)
        yield from _in_order(lambda todo: client.submit(process, todo, base, mappings_dir, validate, reason,
                                                        pure=False), batches, in_flight)


def _apply(outcome: Outcome, writer: _Writer, minter: Minter, report: BuildReport, fail_fast: bool,
           notify: Callable[[str, str], None]) -> None:
    if outcome.error is not None:
        error = InputError(outcome.path or outcome.article_id, outcome.error.split(": ", 1)[-1])
        if fail_fast:
            raise error
        report.errors.append(error)
        notify(outcome.article_id, "error")
        return
    graph = minter.graph(outcome.article_id)
    unit = [(graph, outcome.triples, graph_lines(GraphRecord(graph, ARTICLE, outcome.digest, outcome.path,
                                                                 outcome.annotated)))]
    if outcome.inferred:
        inferred = minter.inferred(outcome.article_id)
        unit.append((inferred, outcome.inferred, graph_lines(GraphRecord(inferred, INFERRED, outcome.digest,
                                                                         outcome.path))))
    writer.write(unit)
    report.warnings.extend(outcome.warnings)
    report.built.append(outcome.article_id)
    report.quads += len(outcome.triples)
    notify(outcome.article_id, "built")


def _shape_warnings(graph: str, quads: list[Quad], article: Article) -> list[str]:
    from .validate import validate_quads

    return [f"{article.path or article.id}: does not conform to the shapes: {v.focus} {v.path}: {v.message}"
            for v in validate_quads(graph, quads).violations]


def annotate_sources(sources: Iterable[str | Path], out_dir: Path, *, force: bool = False,
                     progress: Callable[[], None] | None = None) -> tuple[list[Path], list[InputError]]:
    """Write one annotated-article JSON per article into ``out_dir`` (each file written atomically).

    A file there that differs from what the pipeline writes now (corrected by hand, or by an older
    pipeline) is kept and reported unless ``force``; two articles with one id are an error.
    ``progress()`` is called once per article read, written or not.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    errors: list[InputError] = []
    sources_of: dict[str, str] = {}
    for batch in _batches(_items(sources), 64):
        errors.extend(item for item in batch if isinstance(item, InputError))
        for annotated in _annotate_batch([item for item in batch if not isinstance(item, InputError)]):
            if isinstance(annotated, InputError):
                errors.append(annotated)
                continue
            article = annotated.article
            if article.id in sources_of:
                errors.append(InputError(article.path or article.id, f"article id {article.id!r} is also the id of "
                                                                     f"{sources_of[article.id]}; rename one of them"))
                continue
            sources_of[article.id] = article.path or article.id
            target = out_dir / f"{article.id}.json"
            text = annotated.to_json()
            if target.exists() and not force and target.read_text(encoding="utf-8", errors="replace") != text:
                errors.append(InputError(target, f"differs from what the pipeline writes for {article.path or article.id} "
                                                 "(corrected by hand?); kept: pass --force to overwrite it"))
                continue
            tmp = target.with_suffix(".json.tmp")
            tmp.write_text(text, encoding="utf-8")
            tmp.replace(target)
            written.append(target)
        if progress is not None:
            for _ in batch:
                progress()
    return written, errors
