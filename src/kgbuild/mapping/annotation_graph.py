"""An annotated article as a *generic* annotation graph, the input of the mapping scripts.

This graph knows nothing of the ontology: it states what the annotated article says
(entities with their resolved IRIs, relations with their arguments, spans with
offsets) in a small ``ann:`` vocabulary.  The SPARQL CONSTRUCT scripts in ``mappings/``
turn it into the ontology's terms, so a knowledge engineer changes the RDF shape by
editing those files, never this code.  IRIs are minted here, through :class:`Minter`.
"""

from __future__ import annotations

from typing import Any

from ..annotated import AnnotatedArticle, Entity
from ..nlp.lexicon import slug
from ..store.terms import Literal, NamedNode, Quad
from .iris import Minter

ANN = "https://w3id.org/kgbuild/annotation#"
XSD = "http://www.w3.org/2001/XMLSchema#"
_YEAR_ARGS = {"year", "period_reviewed"}


def _lit(value: Any, name: str = "") -> Literal:
    if isinstance(value, bool):
        return Literal(str(value).lower(), datatype=NamedNode(XSD + "boolean"))
    if isinstance(value, int):
        if name in _YEAR_ARGS:
            return Literal(f"{value:04d}", datatype=NamedNode(XSD + "gYear"))
        return Literal(str(value), datatype=NamedNode(XSD + "integer"))
    if isinstance(value, float):
        return Literal(repr(value), datatype=NamedNode(XSD + "decimal"))
    text = str(value)
    if name in ("date", "date_published"):
        datatype = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(text))
        if datatype:
            return Literal(text, datatype=NamedNode(XSD + datatype))
    return Literal(text)


class _Graph:
    def __init__(self) -> None:
        self.quads: list[Quad] = []
        self._nodes: dict[str, NamedNode] = {}  # an IRI recurs in many triples: make its node once

    def _node(self, iri: str) -> NamedNode:
        node = self._nodes.get(iri)
        if node is None:
            node = self._nodes[iri] = NamedNode(iri)
        return node

    def add(self, s: str, p: str, o: NamedNode | Literal | str | None) -> None:
        if o is None:
            return
        obj = self._node(o) if isinstance(o, str) else o
        self.quads.append(Quad(self._node(s), self._node(ANN + p), obj))


def entity_iri(minter: Minter, entity: Entity, annotated: AnnotatedArticle) -> str | None:
    """The resource an entity mention denotes."""
    province = annotated.context.get("province")
    if entity.label == "ORG" and entity.key:
        return minter.key(entity.key)
    if entity.label == "PERSON":
        scope = slug(province) if province else None
        key = f"person/{slug(entity.value)}" + (f"-{scope}" if scope else f"@{annotated.article.id}")
        return minter.key(key)
    if entity.label in ("TITLE", "AWARD", "PLACE"):
        return minter.named({"TITLE": "title", "AWARD": "award", "PLACE": "province"}[entity.label], entity.value)
    return None


def annotation_quads(annotated: AnnotatedArticle, minter: Minter) -> list[Quad]:
    """The generic annotation graph of one article (in the default graph)."""
    g = _Graph()
    art = annotated.article
    a = minter.article(art.id)
    g.add(a, "articleId", Literal(art.id))
    g.add(a, "graph", minter.graph(art.id))
    g.add(a, "title", Literal(art.title))
    g.add(a, "text", Literal(art.text))
    if art.date_published:
        g.add(a, "datePublished", _lit(art.date_published, "date_published"))
    for author in art.authors:
        person = minter.key(f"person/{slug(author)}")
        g.add(a, "author", person)
        g.add(person, "value", Literal(author))
    if art.source_url:
        g.add(a, "sourceUrl", NamedNode(art.source_url) if " " not in art.source_url else Literal(art.source_url))
    g.add(a, "pipelineVersion", Literal(str(annotated.pipeline.get("version", ""))))
    province = annotated.context.get("province")
    if province:
        p = minter.named("province", province)
        g.add(a, "province", p)
        g.add(p, "value", Literal(province))
        g.add(p, "entityLabel", Literal("PLACE"))
        g.add(a, "provinceMethod", Literal(str(annotated.context.get("method"))))

    resources: dict[str, str] = {}
    for entity in annotated.entities:
        iri = entity_iri(minter, entity, annotated)
        mention = minter.span(art.id, entity.start, entity.end)
        g.add(mention, "start", _lit(entity.start))
        g.add(mention, "end", _lit(entity.end))
        g.add(mention, "anchor", Literal(entity.text))
        g.add(mention, "context", a)
        if iri is None:
            continue
        resources[entity.id] = iri
        g.add(mention, "mentionOf", iri)
        g.add(iri, "entityLabel", Literal(entity.label))
        g.add(iri, "value", Literal(entity.value))
        if entity.kind:
            g.add(iri, "kind", Literal(entity.kind))
        if entity.label == "ORG" and province and entity.key and "@" not in entity.key \
                and entity.value.endswith(province) and not entity.text.endswith(province):
            g.add(iri, "resolution", Literal(f"province from {annotated.context.get('method')}: {province}"))
            g.add(iri, "province", minter.named("province", province))

    fact_iris: dict[str, str] = {}
    for n, relation in enumerate(annotated.relations, start=1):
        args = relation.args
        if relation.type == "event":
            organiser = annotated.entity(args.get("organiser_entity"))
            iri = minter.event(art.id, organiser.key if organiser else None, args["event_type"],
                               args.get("date"), n)
        else:
            resolved = {k: resources.get(v, v) if k.endswith("_entity") else fact_iris.get(v, v) if k == "event"
                        else v for k, v in args.items()}
            iri = minter.fact(relation.type, art.id, {"type": relation.type, **resolved,
                                                      "at": relation.start})
        fact_iris[relation.id] = iri
        sentence = minter.span(art.id, relation.start, relation.end)
        g.add(iri, "relationType", Literal(relation.type))
        g.add(iri, "article", a)
        g.add(iri, "evidence", sentence)
        g.add(sentence, "start", _lit(relation.start))
        g.add(sentence, "end", _lit(relation.end))
        g.add(sentence, "anchor", Literal(art.text[relation.start:relation.end]))
        g.add(sentence, "prefix", Literal(art.text[max(relation.start - 32, 0):relation.start]))
        g.add(sentence, "suffix", Literal(art.text[relation.end:relation.end + 32]))
        g.add(sentence, "context", a)
        g.add(sentence, "sentenceIndex", _lit(relation.sentence))
        g.add(iri, "rule", Literal(relation.rule))
        g.add(iri, "confidence", _lit(float(relation.confidence)))
        for name, value in args.items():
            if value is None or (name.endswith("_entity") and value not in resources):
                continue
            if name.endswith("_entity"):
                g.add(iri, name.removesuffix("_entity"), resources[value])
                entity = annotated.entity(value)
                if entity is not None:
                    g.add(iri, name.removesuffix("_entity") + "Mention",
                          minter.span(art.id, entity.start, entity.end))
            elif name == "event":
                if value in fact_iris:
                    g.add(iri, "event", fact_iris[value])
            else:
                g.add(iri, name, _lit(value, name))
        if relation.type == "movement":
            g.add(iri, "movement", minter.named("movement", str(args["name"])))
        if relation.type == "event" and province:
            g.add(iri, "province", minter.named("province", province))
    return g.quads
