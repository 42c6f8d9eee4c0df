"""Browse lists from the names index: every entity of a type, filtered by its facets, counted and paged.

The lists read the index, not the store, so a page of organisations in one province costs
an index range scan at any size of the dataset; the counts beside each facet value are
one ``GROUP BY`` over the type's rows.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .index import Index

ORDERS = {"articles": "articles DESC, name", "name": "name", "date": "date DESC, name"}
FACETS = {"organisation": ("kind", "place"), "event": ("kind", "place", "year"), "article": ("place", "year"),
          "person": (), "award": ()}


@dataclass
class Row:
    iri: str
    name: str
    articles: int
    kind: str | None
    place: str | None
    date: str | None


@dataclass
class Listing:
    """One page of a browse list and what it could be narrowed to."""

    type: str
    total: int
    rows: list[Row]
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)


def _where(type_: str, filters: dict[str, str]) -> tuple[str, list[str]]:
    clauses, args = ["type = ?"], [type_]
    for name, value in filters.items():
        if not value or name not in FACETS.get(type_, ()):
            continue
        if name == "year":
            clauses.append("date >= ? AND date < ?")
            args += [value, f"{int(value) + 1}" if value.isdigit() else value]
        else:
            clauses.append(f"{name} = ?")
            args.append(value)
    return " AND ".join(clauses), args


def browse(index: Index, type_: str, filters: dict[str, str] | None = None, *, order: str = "articles",
           limit: int = 50, offset: int = 0) -> Listing:
    """Entities of ``type_`` (filtered by ``kind``, ``place``, ``year`` where the type has them), one page.

    >>> from kgbuild.search.index import Index
    >>> browse(Index(":memory:"), "person").total
    0
    """
    filters = filters or {}
    where, args = _where(type_, filters)
    db = index.db
    (total,) = db.execute(f"SELECT COUNT(*) FROM entity WHERE {where}", args).fetchone()
    rows = [Row(*r) for r in db.execute(f"SELECT iri, name, articles, kind, place, date FROM entity WHERE {where} "
                                        f"ORDER BY {ORDERS.get(order, ORDERS['articles'])} LIMIT ? OFFSET ?",
                                        [*args, limit, offset])]
    facets = {}
    for facet in FACETS.get(type_, ()):
        column = "substr(date, 1, 4)" if facet == "year" else facet
        others = {k: v for k, v in filters.items() if k != facet}
        w, a = _where(type_, others)
        facets[facet] = [(value, n) for value, n in db.execute(
            f"SELECT {column} AS v, COUNT(*) FROM entity WHERE {w} AND v IS NOT NULL GROUP BY v "
            f"ORDER BY {'v DESC' if facet == 'year' else 'COUNT(*) DESC, v'} LIMIT 80", a)]
    return Listing(type_, total, rows, facets)


def counts(index: Index) -> dict[str, int]:
    """How many entities of each type the index holds."""
    return dict(index.db.execute("SELECT type, COUNT(*) FROM entity GROUP BY type"))
