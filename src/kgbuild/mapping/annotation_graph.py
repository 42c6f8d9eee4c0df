"""An annotated article as a *generic* annotation graph, the input of the mapping scripts.

This graph knows nothing of the ontology: it states what the annotated article says
(entities with their resolved IRIs, relations with their arguments, spans with
offsets) in a small ``ann:`` vocabulary.  The SPARQL CONSTRUCT scripts in ``mappings/``
turn it into the ontology's terms, so a knowledge engineer changes the RDF shape by
editing those files, never this code.  IRIs are minted here, through :class:`Minter`.
"""

from __future__ import annotations

import re
from typing import Any

from ..annotated import AnnotatedArticle, Entity
from ..nlp.lexicon import slug
from ..store.terms import Quad, RdfFormat, parse
from .iris import Minter

ANN = "https://w3id.org/kgbuild/annotation#"
XSD = "http://www.w3.org/2001/XMLSchema#"
_YEAR_ARGS = {"year", "period_reviewed"}


_IRI_BAD = re.compile(r'[\x00-\x20<>"{}|^`\\]')
_INTEGER = f"<{XSD}integer>"


def _text(text: str, datatype: str | None = None) -> str:
    """A literal in N-Triples syntax (a plain string, or typed by an ``xsd:`` name)."""
    if "\\" in text or '"' in text or "\n" in text or "\r" in text:  # str.replace is C; a translate table is not
        text = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n").replace("\r", "\\r")
    quoted = '"' + text + '"'
    return quoted if datatype is None else f"{quoted}^^<{XSD}{datatype}>"


def _lit(value: Any, name: str = "") -> str:
    """A value of the annotated article as an N-Triples literal, typed by what it is."""
    if isinstance(value, bool):
        return _text(str(value).lower(), "boolean")
    if isinstance(value, int):
        if name in _YEAR_ARGS:
            return _text(f"{value:04d}", "gYear")
        return f'"{value}"^^{_INTEGER}'
    if isinstance(value, float):
        return _text(repr(value), "decimal")
    text = str(value)
    if name in ("date", "date_published"):
        datatype = {10: "date", 7: "gYearMonth", 4: "gYear"}.get(len(text))
        if datatype:
            return _text(text, datatype)
    return _text(text)


class _Graph:
    """N-Quads lines, written as text: Oxigraph parses a batch of them natively, far faster than
    Python can make a term object per quad."""

    def __init__(self, graph: str | None = None) -> None:
        self.lines: list[str] = []
        self._end = f" {self._iri(graph)} ." if graph else " ."
        self._iris: dict[str, str] = {}  # an IRI recurs in many triples: check and quote it once

    def _iri(self, iri: str) -> str:
        """``<iri>``, refusing what is not an IRI (as a term object would)."""
        if _IRI_BAD.search(iri) or ":" not in iri:
            raise ValueError(f"not an IRI: {iri!r}")
        return f"<{iri}>"

    def _node(self, iri: str) -> str:
        node = self._iris.get(iri)
        if node is None:
            node = self._iris[iri] = self._iri(iri)
        return node

    def add(self, s: str, p: str, o: str | None) -> None:
        """An IRI object."""
        if o is not None:
            self.lines.append(f"{self._node(s)} <{ANN}{p}> {self._node(o)}{self._end}")

    def lit(self, s: str, p: str, value: Any, name: str = "") -> None:
        """A literal object (see :func:`_lit`)."""
        self.lines.append(f"{self._node(s)} <{ANN}{p}> {_lit(value, name)}{self._end}")


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
    return list(parse("\n".join(annotation_lines(annotated, minter)).encode(), format=RdfFormat.N_QUADS))


def annotation_lines(annotated: AnnotatedArticle, minter: Minter, graph: str | None = None) -> list[str]:
    """The generic annotation graph of one article as N-Quads lines, in the default graph or in ``graph``.

    :raises ValueError: when a minted or given IRI is not an IRI.
    """
    g = _Graph(graph)
    art = annotated.article
    a = minter.article(art.id)
    g.lit(a, "articleId", art.id)
    g.add(a, "graph", minter.graph(art.id))
    g.lit(a, "title", art.title)
    g.lit(a, "text", art.text)
    if art.date_published:
        g.lit(a, "datePublished", art.date_published, "date_published")
    for author in art.authors:
        person = minter.key(f"person/{slug(author)}")
        g.add(a, "author", person)
        g.lit(person, "value", author)
    if art.source_url:
        if " " in art.source_url:
            g.lit(a, "sourceUrl", art.source_url)
        else:
            g.add(a, "sourceUrl", art.source_url)
    g.lit(a, "pipelineVersion", str(annotated.pipeline.get("version", "")))
    province = annotated.context.get("province")
    if province:
        p = minter.named("province", province)
        g.add(a, "province", p)
        g.lit(p, "value", province)
        g.lit(p, "entityLabel", "PLACE")
        g.lit(a, "provinceMethod", str(annotated.context.get("method")))

    resources: dict[str, str] = {}
    entities = {e.id: e for e in annotated.entities}  # built once: ``annotated.entity`` builds it per call
    for entity in annotated.entities:
        iri = entity_iri(minter, entity, annotated)
        mention = minter.span(art.id, entity.start, entity.end)
        g.lit(mention, "start", entity.start)
        g.lit(mention, "end", entity.end)
        g.lit(mention, "anchor", entity.text)
        g.add(mention, "context", a)
        if iri is None:
            continue
        resources[entity.id] = iri
        g.add(mention, "mentionOf", iri)
        g.lit(iri, "entityLabel", entity.label)
        g.lit(iri, "value", entity.value)
        if entity.kind:
            g.lit(iri, "kind", entity.kind)
        if entity.label == "ORG" and province and entity.key and "@" not in entity.key \
                and entity.value.endswith(province) and not entity.text.endswith(province):
            g.lit(iri, "resolution", f"province from {annotated.context.get('method')}: {province}")
            g.add(iri, "province", minter.named("province", province))

    fact_iris: dict[str, str] = {}
    for n, relation in enumerate(annotated.relations, start=1):
        args = relation.args
        if relation.type == "event":
            organiser = entities.get(args.get("organiser_entity"))
            iri = minter.event(art.id, organiser.key if organiser else None, args["event_type"],
                               args.get("date"), n)
        else:
            resolved = {k: resources.get(v, v) if k.endswith("_entity") else fact_iris.get(v, v) if k == "event"
                        else v for k, v in args.items()}
            iri = minter.fact(relation.type, art.id, {"type": relation.type, **resolved,
                                                      "at": relation.start})
        fact_iris[relation.id] = iri
        sentence = minter.span(art.id, relation.start, relation.end)
        g.lit(iri, "relationType", relation.type)
        g.add(iri, "article", a)
        g.add(iri, "evidence", sentence)
        g.lit(sentence, "start", relation.start)
        g.lit(sentence, "end", relation.end)
        g.lit(sentence, "anchor", art.text[relation.start:relation.end])
        g.lit(sentence, "prefix", art.text[max(relation.start - 32, 0):relation.start])
        g.lit(sentence, "suffix", art.text[relation.end:relation.end + 32])
        g.add(sentence, "context", a)
        g.lit(sentence, "sentenceIndex", relation.sentence)
        g.lit(iri, "rule", relation.rule)
        g.lit(iri, "confidence", float(relation.confidence))
        for name, value in args.items():
            if value is None or (name.endswith("_entity") and value not in resources):
                continue
            if name.endswith("_entity"):
                g.add(iri, name.removesuffix("_entity"), resources[value])
                entity = entities.get(value)
                if entity is not None:
                    g.add(iri, name.removesuffix("_entity") + "Mention",
                          minter.span(art.id, entity.start, entity.end))
            elif name == "event":
                if value in fact_iris:
                    g.add(iri, "event", fact_iris[value])
            else:
                g.lit(iri, name, value, name)
        if relation.type == "movement":
            g.add(iri, "movement", minter.named("movement", str(args["name"])))
        if relation.type == "event" and province:
            g.add(iri, "province", minter.named("province", province))
    return g.lines
