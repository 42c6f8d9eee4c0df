"""What a store holds: articles, quads, graphs, entities per class, facts per type, the busiest organisations.

Every figure is read from the store's default graph (the union of its content graphs) or its
build record, so ``quads`` is the number that ``build``, ``export`` and VoID report too.
"""

from __future__ import annotations

from typing import Any

from .store import Dataset

_P = "PREFIX kgb: <https://w3id.org/kgbuild/ontology#>\n"
_CLASSES = ("Article", "Organisation", "Person", "Event", "Title", "AwardKind", "EmulationMovement", "Province")
_FACTS = ("Attendance", "PostHolding", "AwardConferral", "Figure")


def _count(store: Dataset, body: str) -> int:
    rows = list(store.query(_P + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {body} }}"))  # type: ignore[arg-type]
    return int(rows[0]["n"].value)


def stats(store: Dataset, *, top: int = 10) -> dict[str, Any]:
    """Counts of what the store holds; organisations are counted by IRI (two bodies of one name stay two).

    >>> from kgbuild.store import Store
    >>> stats(Store.memory())["articles"]
    0
    """
    records = store.graph_records()
    loaded = {g: sum(1 for _ in store.quads(g)) for g, r in records.items() if r.kind == "loaded"}
    out: dict[str, Any] = {
        "articles": _count(store, "?x a kgb:Article"),
        "quads": len(store),
        "graphs": len(records),
        "article_graphs": sum(1 for r in records.values() if r.kind == "article"),
        "loaded_graphs": loaded,
        "base_iri": store.base_iri,
        "entities": {c: _count(store, f"?x a kgb:{c}") for c in _CLASSES},
        "facts": {c: _count(store, f"?x a kgb:{c}") for c in _FACTS},
    }
    rows = store.query(_P + f"""SELECT ?org (SAMPLE(?label) AS ?name) (COUNT(DISTINCT ?f) AS ?n) WHERE {{
        ?f a kgb:Fact ; ?p ?org . ?org a kgb:Organisation . OPTIONAL {{ ?org kgb:name ?label }} }}
        GROUP BY ?org ORDER BY DESC(?n) ?org LIMIT {int(top)}""")
    out["top_organisations"] = [
        {"iri": row["org"].value, "name": row["name"].value if row["name"] is not None else row["org"].value,
         "facts": int(row["n"].value)} for row in rows]  # type: ignore[union-attr]
    return out
