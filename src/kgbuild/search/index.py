"""The full-text index of names: one SQLite file with an FTS5 table, beside the store.

Three tables keep it in step with the store.  ``indexed`` records, for every article
graph, the content hash the store had when the graph was indexed; ``mention`` holds
what each article says about each entity (name, snippet); ``entity`` is one row per
entity (its most used name, its type, how many articles name it) and feeds the FTS5
table ``entity_fts`` through triggers.  Replacing an article's rows, the entities they
touch and its hash happen in one SQLite transaction, so a build killed at any point
leaves every article indexed as it was or as it is: the next :func:`refresh` compares
the hashes with the store's and redoes only what differs.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from . import text
from .extract import Entry

SCHEMA_VERSION = "4"
PREFIX_SCAN = 5000  # names read at most for the prefix tier
_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta(key TEXT PRIMARY KEY, value TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS indexed(graph TEXT PRIMARY KEY, hash TEXT) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS pending(iri TEXT PRIMARY KEY) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS mention(graph TEXT, iri TEXT, type TEXT, name TEXT, snippet TEXT, kind TEXT, place TEXT,
                                   date TEXT, PRIMARY KEY (graph, iri)) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS mention_iri ON mention(iri);
CREATE TABLE IF NOT EXISTS entity(id INTEGER PRIMARY KEY, iri TEXT UNIQUE, type TEXT, name TEXT,
                                  words TEXT, key TEXT, articles INTEGER, snippet TEXT, kind TEXT, place TEXT, date TEXT);
CREATE INDEX IF NOT EXISTS entity_key ON entity(key, articles, type);
CREATE INDEX IF NOT EXISTS entity_type ON entity(type, articles);
CREATE INDEX IF NOT EXISTS entity_kind ON entity(type, kind, articles);
CREATE INDEX IF NOT EXISTS entity_place ON entity(type, place, articles);
CREATE INDEX IF NOT EXISTS entity_date ON entity(type, date);
CREATE VIRTUAL TABLE IF NOT EXISTS entity_fts USING fts5(words, content='entity', content_rowid='id',
                                                        tokenize='unicode61', prefix='2 3');
CREATE TRIGGER IF NOT EXISTS entity_ai AFTER INSERT ON entity BEGIN
  INSERT INTO entity_fts(rowid, words) VALUES (new.id, new.words); END;
CREATE TRIGGER IF NOT EXISTS entity_ad AFTER DELETE ON entity BEGIN
  INSERT INTO entity_fts(entity_fts, rowid, words) VALUES ('delete', old.id, old.words); END;
CREATE TRIGGER IF NOT EXISTS entity_au AFTER UPDATE OF words ON entity BEGIN
  INSERT INTO entity_fts(entity_fts, rowid, words) VALUES ('delete', old.id, old.words);
  INSERT INTO entity_fts(rowid, words) VALUES (new.id, new.words); END;
"""


@dataclass(frozen=True)
class Hit:
    """One search result."""

    iri: str
    type: str
    name: str
    articles: int
    snippet: str
    match: str  # exact, prefix or words

    def to_dict(self) -> dict[str, object]:
        return {"iri": self.iri, "type": self.type, "name": self.name, "articles": self.articles,
                "snippet": self.snippet, "match": self.match}


class Index:
    """An open index file (created with its schema when new)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self.db = sqlite3.connect(self.path, timeout=30, isolation_level=None, check_same_thread=False)
        self.db.execute("PRAGMA journal_mode=WAL")
        self.db.execute("PRAGMA synchronous=NORMAL")
        try:
            found = self.db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone()
        except sqlite3.OperationalError:  # a new file
            found = None
        if found is None or found[0] != SCHEMA_VERSION:  # new, or written by another version: start again
            self.db.executescript("DROP TABLE IF EXISTS entity_fts; DROP TABLE IF EXISTS entity; "
                                  "DROP TABLE IF EXISTS mention; DROP TABLE IF EXISTS indexed; DROP TABLE IF EXISTS meta;")
        self.db.executescript(_SCHEMA)
        self.set_meta("schema", SCHEMA_VERSION)

    def close(self) -> None:
        self.db.close()

    def meta(self, name: str) -> str | None:
        row = self.db.execute("SELECT value FROM meta WHERE key = ?", (name,)).fetchone()
        return row[0] if row else None

    def set_meta(self, name: str, value: str) -> None:
        self.db.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", (name, value))

    def hashes(self) -> dict[str, str]:
        """Content hash of every indexed article graph, as the store had it when indexed."""
        return dict(self.db.execute("SELECT graph, hash FROM indexed"))

    def replace(self, articles: Iterable[tuple[str, str | None, list[Entry]]], *, settle: bool = True) -> None:
        """Replace the rows of some article graphs in one transaction: (graph, hash, entries) each.

        A ``None`` hash removes the graph from the index (it left the store).  The entities the
        graphs touch are marked pending in the same transaction; with ``settle`` their rows are
        recounted at once.  A refresh of many batches passes ``settle=False`` and calls
        :meth:`settle` once at the end: an entity every batch touches (a province, a national
        federation) is then recounted once, not once per batch over all its mentions (which made a
        first build's indexing quadratic).  A kill between the two leaves the marks, which the next
        refresh settles first, so the entity rows are never lost.
        """
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            touched: set[str] = set()
            for graph, digest, found in articles:
                touched.update(iri for (iri,) in db.execute("SELECT iri FROM mention WHERE graph = ?", (graph,)))
                db.execute("DELETE FROM mention WHERE graph = ?", (graph,))
                if digest is None:
                    db.execute("DELETE FROM indexed WHERE graph = ?", (graph,))
                    continue
                db.executemany("INSERT OR REPLACE INTO mention VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                               [(graph, e.iri, e.type, e.name, e.snippet, e.kind, e.place, e.date) for e in found])
                touched.update(e.iri for e in found)
                db.execute("INSERT OR REPLACE INTO indexed VALUES (?, ?)", (graph, digest))
            db.executemany("INSERT OR IGNORE INTO pending VALUES (?)", ((iri,) for iri in touched))
            if settle:
                self._settle_pending()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise

    def settle(self) -> int:
        """Recount every entity marked pending, in one transaction; how many were recounted."""
        db = self.db
        db.execute("BEGIN IMMEDIATE")
        try:
            count = self._settle_pending()
            db.execute("COMMIT")
        except BaseException:
            db.execute("ROLLBACK")
            raise
        return count

    def _settle_pending(self) -> int:
        iris = [iri for (iri,) in self.db.execute("SELECT iri FROM pending")]
        for iri in iris:
            self._recount(iri)
        self.db.execute("DELETE FROM pending")
        return len(iris)

    def _recount(self, iri: str) -> None:
        """Bring one entity's row in line with its mentions (most used name, article count, facets)."""
        db = self.db
        row = db.execute("SELECT type, name, snippet, COUNT(*), MAX(kind), MAX(place), MAX(date) FROM mention "
                         "WHERE iri = ? GROUP BY name ORDER BY COUNT(*) DESC, name LIMIT 1", (iri,)).fetchone()
        if row is None:
            db.execute("DELETE FROM entity WHERE iri = ?", (iri,))
            return
        kind, name, snippet, _, facet, place, date = row
        (count,) = db.execute("SELECT COUNT(*) FROM mention WHERE iri = ?", (iri,)).fetchone()
        old = db.execute("SELECT id, name, articles, kind, place, date FROM entity WHERE iri = ?", (iri,)).fetchone()
        if old is None:
            db.execute("INSERT INTO entity(iri, type, name, words, key, articles, snippet, kind, place, date) "
                       "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (iri, kind, name, " ".join(text.expand(name)), text.key(name), count, snippet, facet, place, date))
        elif old[1] != name:
            db.execute("UPDATE entity SET type = ?, name = ?, words = ?, key = ?, articles = ?, snippet = ?, kind = ?, "
                       "place = ?, date = ? WHERE id = ?", (kind, name, " ".join(text.expand(name)), text.key(name),
                                                             count, snippet, facet, place, date, old[0]))
        elif tuple(old[2:]) != (count, facet, place, date):  # the FTS row stays: its trigger fires on words only
            db.execute("UPDATE entity SET articles = ?, kind = ?, place = ?, date = ? WHERE id = ?",
                       (count, facet, place, date, old[0]))

    def clear(self) -> None:
        self.db.executescript("BEGIN; DELETE FROM mention; DELETE FROM indexed; DELETE FROM entity; "
                              "INSERT INTO entity_fts(entity_fts) VALUES ('rebuild'); COMMIT;")

    def search(self, query: str, *, types: Iterable[str] = (), limit: int = 10) -> list[Hit]:
        """Hits for a typed query: exact names first, then names starting with it, then names with its words."""
        found = text.expand(query)
        if not found or limit <= 0:
            return []
        kinds = sorted(set(types))
        where = f" AND type IN ({','.join('?' * len(kinds))})" if kinds else ""
        columns = "iri, type, name, articles, snippet"
        hits: dict[str, Hit] = {}

        def add(rows: Iterable[tuple[str, str, str, int, str]], match: str) -> None:
            for iri, kind, name, count, snippet in rows:
                if iri not in hits and len(hits) < limit:
                    hits[iri] = Hit(iri, kind, name, count, snippet, match)

        wanted = text.key(query)
        add(self.db.execute(f"SELECT {columns} FROM entity WHERE key = ?{where} ORDER BY articles DESC LIMIT ?",
                            (wanted, *kinds, limit)), "exact")
        if len(hits) < limit:
            # the most cited among the first PREFIX_SCAN names in key order: bounded for a very common first word
            add(self.db.execute(f"SELECT {columns} FROM entity WHERE id IN (SELECT id FROM (SELECT id, articles FROM entity "
                                f"WHERE key > ? AND key < ?{where} ORDER BY key LIMIT ?) ORDER BY articles DESC LIMIT ?) "
                                "ORDER BY articles DESC, name",
                                (wanted, wanted + "\uffff", *kinds, PREFIX_SCAN, limit * 2)), "prefix")
        if len(hits) < limit:
            match = " ".join(f'"{w}"' for w in found[:-1]) + f' "{found[-1]}"*'
            add(self.db.execute(f"SELECT {columns} FROM entity_fts JOIN entity ON entity.id = entity_fts.rowid "
                                f"WHERE entity_fts MATCH ?{where} ORDER BY rank LIMIT ?",
                                (match, *kinds, limit * 2)), "words")
        return list(hits.values())
