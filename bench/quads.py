"""Quads per article by kind, in a built store: what an article's graph spends its quads on.

Kinds, by predicate: types (``rdf:type``), labels (``rdfs:label``, ``skos:prefLabel``, names),
provenance (the sentence and mention offsets, quotes, rule, confidence, derivation), and facts
(everything else). "Repeated" counts the triples that also stand, identical, in another
article's graph (an organisation's type and label stated by every article that names it): the
candidates for a shared graph.

Usage: python bench/quads.py STORE [--graphs N]
"""

from __future__ import annotations

import argparse
from collections import Counter

from kgbuild.store import Store

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
LABELS = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
          "http://schema.org/name", "http://xmlns.com/foaf/0.1/name", "http://schema.org/headline",
          "https://w3id.org/kgbuild/ontology#name", "http://www.w3.org/2004/02/skos/core#notation"}
PROVENANCE_NS = ("http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", "http://www.w3.org/ns/oa#",
                 "http://www.w3.org/ns/prov#", "http://groundedannotationframework.org/gaf#",
                 "http://www.w3.org/2005/11/its/rdf#")
PROVENANCE = {"https://w3id.org/kgbuild/ontology#evidence", "https://w3id.org/kgbuild/ontology#rule",
              "https://w3id.org/kgbuild/ontology#confidence", "https://w3id.org/kgbuild/ontology#sourceArticle"}


def kind(predicate: str) -> str:
    if predicate == RDF_TYPE:
        return "types"
    if predicate in LABELS:
        return "labels"
    if predicate in PROVENANCE or predicate.startswith(PROVENANCE_NS):
        return "provenance"
    return "facts"


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("store")
    ap.add_argument("--graphs", type=int, default=2000, help="article graphs looked at (the first N)")
    args = ap.parse_args()
    store = Store.open_for_reading(args.store)
    graphs = store.article_graphs()[:args.graphs]
    kinds: Counter[str] = Counter()
    seen: Counter[tuple[str, str, str]] = Counter()
    by_graph: list[list[tuple[str, tuple[str, str, str]]]] = []
    for graph in graphs:
        rows = []
        for q in store.quads(graph):
            triple = (str(q.subject), str(q.predicate), str(q.object))
            rows.append((kind(q.predicate.value), triple))
            seen[triple] += 1
        by_graph.append(rows)
    repeated: Counter[str] = Counter()
    for rows in by_graph:
        for k, triple in rows:
            kinds[k] += 1
            if seen[triple] > 1:
                repeated[k] += 1
    n = len(graphs) or 1
    total = sum(kinds.values())
    print(f"{len(graphs)} article graphs, {total / n:.1f} quads an article")
    print("| kind | quads an article | share | of which also in another article's graph |")
    print("| --- | ---: | ---: | ---: |")
    for k in ("facts", "provenance", "labels", "types"):
        print(f"| {k} | {kinds[k] / n:.1f} | {kinds[k] / max(total, 1):.0%} | {repeated[k] / n:.1f} |")


if __name__ == "__main__":
    main()
