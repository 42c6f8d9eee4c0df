"""What a store holds: articles, quads, entities per class, facts per type, the busiest organisations."""

from __future__ import annotations

from typing import Any

from .store import Store

_P = "PREFIX kgb: <https://w3id.org/kgbuild/ontology#>\n"
_CLASSES = ("Article", "Organisation", "Person", "Event", "Title", "AwardKind", "EmulationMovement", "Province")
_FACTS = ("Attendance", "PostHolding", "AwardConferral", "Figure")


def _count(store: Store, body: str) -> int:
    rows = list(store.query(_P + f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ {body} }}"))
    return int(rows[0]["n"].value)


def stats(store: Store, *, top: int = 10) -> dict[str, Any]:
    """Counts of what the store holds.

    >>> stats(Store.memory())["articles"]
    0
    """
    out: dict[str, Any] = {
        "articles": _count(store, "?x a kgb:Article"),
        "quads": len(store),
        "graphs": len(store.graphs()),
        "entities": {c: _count(store, f"?x a kgb:{c}") for c in _CLASSES},
        "facts": {c: _count(store, f"?x a kgb:{c}") for c in _FACTS},
    }
    rows = store.query(_P + f"""SELECT ?name (COUNT(DISTINCT ?f) AS ?n) WHERE {{
        ?f a kgb:Fact ; ?p ?o . ?o a kgb:Organisation ; kgb:name ?name }}
        GROUP BY ?name ORDER BY DESC(?n) ?name LIMIT {int(top)}""")
    out["top_organisations"] = [(row["name"].value, int(row["n"].value)) for row in rows]
    return out
