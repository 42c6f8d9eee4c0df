"""Finding entities by name: a full-text index of the store's names, kept in step with it.

The index (SQLite FTS5, one file beside the store) is derived data: :func:`refresh`
compares the content hash of every article graph in the store with the hash it indexed
and re-reads only the graphs that differ, so a build killed half-way, an index file
deleted, or articles loaded by hand all end in the same index.  A build refreshes it
for what it wrote; searching refreshes it first when it is missing.

>>> from kgbuild.search.text import expand
>>> expand("cdvc vinh phuc")
['cong', 'doan', 'vien', 'chuc', 'vinh', 'phuc']
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

from ..errors import KgbuildError
from .extract import TYPES, entries
from .index import Hit, Index

__all__ = ["TYPES", "Hit", "Index", "index_path", "open_index", "refresh", "search"]
BATCH = 200  # article graphs per index transaction


def index_path(store: Any) -> Path:
    """Where a store's index lives: ``<store>.search.sqlite`` beside a local store, a cache file for a remote one.

    >>> from kgbuild.store import Store
    >>> index_path(Store.memory())
    PosixPath(':memory:')
    """
    if store.path is None:  # an in-memory store: an in-memory index, made again by each search
        return Path(":memory:")
    location = str(store.path)
    if location.startswith(("http://", "https://")):
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "kgbuild"
        cache.mkdir(parents=True, exist_ok=True)
        return cache / f"search-{hashlib.sha256(location.encode()).hexdigest()[:16]}.sqlite"
    folder = Path(location)
    return folder.with_name(folder.name + ".search.sqlite")


def open_index(store: Any, *, fresh: bool = True) -> Index:
    """The store's index, created or brought in step with the store first when ``fresh``.

    :raises KgbuildError: when the index file cannot be written.
    """
    path = index_path(store)
    try:
        index = Index(path)
    except Exception as err:  # sqlite3.Error, OSError
        raise KgbuildError(f"{path}: cannot open the search index: {err}") from None
    if fresh:
        refresh(store, index)
    return index


def refresh(store: Any, index: Index | None = None, *, graphs: Iterable[str] | None = None,
            progress: Callable[[int], None] | None = None) -> int:
    """Re-index every article graph whose content hash differs from the indexed one; the count redone.

    With ``graphs``, only those are compared (what a build just wrote); without, the whole store.
    """
    own = index is None
    if own and store.path is None:
        return 0  # an in-memory store keeps no index: a search indexes it afresh
    index = index or open_index(store, fresh=False)
    try:
        current = store.built_hashes()
        done = index.hashes()
        names = set(current) | set(done) if graphs is None else set(graphs)
        stale = sorted(g for g in names if current.get(g) != done.get(g))
        for start in range(0, len(stale), BATCH):
            batch = stale[start:start + BATCH]
            index.replace(((g, current.get(g), entries(store, g) if g in current else []) for g in batch),
                          settle=False)
            if progress is not None:
                progress(len(batch))
        index.settle()  # also what a killed refresh left pending
        return len(stale)
    finally:
        if own:
            index.close()


def search(store: Any, query: str, *, types: Iterable[str] = (), limit: int = 10) -> list[Hit]:
    """Entities whose name matches ``query``, best first (see :meth:`Index.search`).

    :raises KgbuildError: for an unknown type.
    """
    unknown = set(types) - set(TYPES)
    if unknown:
        raise KgbuildError(f"unknown type {', '.join(sorted(unknown))}: use {', '.join(TYPES)}")
    index = open_index(store)
    try:
        return index.search(query, types=types, limit=limit)
    finally:
        index.close()
