"""What the pages and the dataset description read from the store: labels, links, figures."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from ..store import Store
from ..store.terms import Literal
from .facts import NUMERIC
from .language import number
from .vocab import Vocabulary, vocabulary

KGB = "https://w3id.org/kgbuild/ontology#"
_PREFIXES = """PREFIX kgb: <https://w3id.org/kgbuild/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <http://schema.org/>
PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
"""
_LABEL = "(rdfs:label|skos:prefLabel|kgb:name|foaf:name|schema:name|schema:headline|nif:anchorOf)"


_BAD_IRI = re.compile(r'[\s<>"{}|\\^`]')


def _select(store: Store, query: str, **bindings: str) -> list[dict[str, Any]]:
    """Run a SELECT with ``$name`` placeholders bound to IRIs (checked, so nothing can be injected)."""
    for name, iri in bindings.items():
        if _BAD_IRI.search(iri):
            raise ValueError(f"not an IRI: {iri!r}")
        query = query.replace(f"${name}", f"<{iri}>")
    result = store.query(_PREFIXES + query)
    return [{v.value: row[v.value] for v in result.variables} for row in result]


@dataclass
class Link:
    iri: str
    label: str
    is_iri: bool
    lang: str | None = None
    hint: str = ""  # shown on hover: the other language's label, the IRI, a literal's datatype
    count: int = 1  # the same words at several places of one document are shown once, counted


@dataclass
class Resource:
    iri: str
    labels: dict[str, str] = field(default_factory=dict)
    types: list[Link] = field(default_factory=list)
    outgoing: list[tuple[Link, list[Link]]] = field(default_factory=list)
    incoming: list[tuple[Link, list[Link]]] = field(default_factory=list)
    evidence: list[dict[str, Any]] = field(default_factory=list)
    figures: list[dict[str, Any]] = field(default_factory=list)
    graph: dict[str, list[dict[str, str]]] = field(default_factory=dict)
    classes: set[str] = field(default_factory=set)  # every rdf:type, also those the page does not list
    composed: str = ""  # a title made of the resource's values, for fact nodes and mentions (no name of their own)

    @property
    def title(self) -> str:
        return (self.labels.get("vi") or self.labels.get("") or self.labels.get("en") or self.composed
                or self.iri.rsplit("/", 1)[-1])


_RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_NAMES = {"http://www.w3.org/2000/01/rdf-schema#label", "http://www.w3.org/2004/02/skos/core#prefLabel",
          KGB + "name", "http://xmlns.com/foaf/0.1/name", "http://schema.org/name", "http://schema.org/headline"}
# kgb:year is the year of kgb:date, kept on events so that questions by year need no string function: a page
# that shows the date does not show its year again.
_DERIVED = {KGB + "year": KGB + "date"}
# Shown elsewhere on the page: an article's text is the "Text" card, the reused vocabulary's copies of the
# ontology's names are the title.
_SHOWN_ELSEWHERE = {"http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#isString"}


def _value(term: Any, label: Any, vocab: Vocabulary, lang: str) -> Link:
    """A property's value as the page shows it: a resource by its name (an ontology term by its label
    in the reader's language), a literal by its lexical form with its datatype on hover."""
    if isinstance(term, Literal):
        datatype = term.datatype.value if term.datatype is not None else ""
        hint = "" if term.language or datatype.endswith("#string") else _short(datatype)
        text = number(term.value, lang) if datatype.rsplit("#", 1)[-1] in NUMERIC else term.value
        return Link(term.value, text, False, term.language, hint)
    value = term.value
    if vocab.is_known(value):
        return Link(value, vocab.label(value, lang), True, hint=value)
    text = label.value if label is not None else value.rsplit("#", 1)[-1].rsplit("/", 1)[-1]
    return Link(value, text if len(text) <= 160 else text[:157] + "…", True, hint=value)


def _short(iri: str) -> str:
    for prefix, ns in (("xsd:", "http://www.w3.org/2001/XMLSchema#"), ("rdf:", "http://www.w3.org/1999/02/22-rdf-syntax-ns#")):
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    return iri


def _property(iri: str, vocab: Vocabulary, lang: str, *, inverse: bool = False) -> Link:
    other = "en" if lang == "vi" else "vi"
    label = vocab.inverse_label(iri, lang) if inverse else vocab.label(iri, lang)
    hint = (vocab.inverse_label(iri, other) if inverse else vocab.label(iri, other)) + " — " + iri
    return Link(iri, label, True, hint=hint)


def _grouped(rows: list[dict[str, Any]], key: str, value: str, label: str, vocab: Vocabulary, lang: str, *,
             inverse: bool = False) -> list[tuple[Link, list[Link]]]:
    """Rows as (property, values), each value once; places in documents (``…#char=``) with the same words
    (an organisation's name at six places of its articles) are one value with a count."""
    groups: dict[str, tuple[Link, list[Link]]] = {}
    for row in rows:
        p = row[key]
        entry = groups.setdefault(p.value, (_property(p.value, vocab, lang, inverse=inverse), []))
        link = _value(row[value], row.get(label), vocab, lang)
        if p.value == KGB + "kind" and vocab.kind(link.iri):  # a code: shown by the class it names
            link = Link(vocab.kind(link.iri), vocab.label(vocab.kind(link.iri), lang), True, hint=link.iri)
        same = next((x for x in entry[1] if x.iri == link.iri or (
            x.is_iri and link.is_iri and "#" in link.iri and "#" in x.iri and x.label == link.label)), None)
        if same is None:
            entry[1].append(link)
        elif same.iri != link.iri:
            same.count += 1
    return sorted(groups.values(), key=lambda g: g[0].label)


def _without_repeats(groups: list[tuple[Link, list[Link]]], title: str) -> list[tuple[Link, list[Link]]]:
    """The properties table without the values the page already shows.

    The data states most things twice on purpose: once in the ontology's own term (kgb:date,
    kgb:confidence, kgb:sourceArticle, kgb:name) and once in the reused vocabulary's term that
    other tools read (schema:startDate, itsrdf:taConfidence, prov:wasDerivedFrom, rdfs:label,
    skos:prefLabel).  A page shows each value once, under the ontology's term, whose label the
    ontology gives in both languages: a value a kgb: property shows is left out of every other
    namespace's property, as are names (and a reused term's values, such as a code) equal to the page's
    title, and kgb:year beside kgb:date.
    """
    shown = {v.iri for p, values in groups if p.iri.startswith(KGB) for v in values}
    present = {p.iri: {v.iri for v in values} for p, values in groups}
    out = []
    for p, values in groups:
        if p.iri in _SHOWN_ELSEWHERE:
            continue
        derived_from = _DERIVED.get(p.iri)
        if derived_from in present and all(any(d.startswith(v.iri) for d in present[derived_from]) for v in values):
            continue
        own = p.iri.startswith(KGB)
        kept = [v for v in values if not ((p.iri in _NAMES or not own) and v.iri == title)
                and (own or v.iri not in shown)]
        if kept:
            out.append((p, kept))
            if not p.iri.startswith(KGB):
                shown |= {v.iri for v in kept}
    return out


def _types(iris: set[str], vocab: Vocabulary, lang: str) -> list[Link]:
    """The resource's classes the ontology names, most specific only: kgb:Event is a sem:Event and a
    schema:Event, so the page says "Sự kiện" once, not "Event Event Event"."""
    known = {t for t in iris if vocab.is_known(t)} or iris
    broader = set().union(*(vocab.ancestors(t) for t in known)) if known else set()
    labels: dict[str, Link] = {}
    for t in sorted(known - broader):
        link = _property(t, vocab, lang)
        labels.setdefault(link.label, link)
    return sorted(labels.values(), key=lambda link: link.label)


@cache
def _title_properties() -> dict[str, list[str]]:
    data = json.loads((Path(__file__).with_name("titles.json")).read_text(encoding="utf-8"))["titles"]
    return {cls: [p if ":" in p else KGB + p for p in props] for cls, props in data.items()}


def _composed(resource: Resource, vocab: Vocabulary, lang: str) -> str:
    """A title for a resource without a name (a fact node, a mention) from titles.json: its class's
    label and its main values ("Giữ chức vụ: Chủ tịch — Võ Thị Ngọc Lan — Liên đoàn …")."""
    values = {p.iri: vs for p, vs in resource.outgoing}
    for t in resource.types:
        props = _title_properties().get(t.iri)
        if props:
            parts = [" ".join(v.label for v in values[p][:2]) for p in props if values.get(p)]
            text = " — ".join(part for part in parts if part)
            if t.iri == KGB + "Mention":
                return f"«{text[:150]}»" if text else t.label
            return f"{t.label}: {text}" if text else t.label
    return ""


def describe(store: Store, iri: str, lang: str = "vi") -> Resource | None:
    """Everything a page shows about ``iri`` in the reader's language, or ``None`` when the store knows
    nothing of it."""
    vocab = vocabulary()
    out = _select(store, f"""SELECT ?p ?o ?olabel WHERE {{ $s ?p ?o .
        OPTIONAL {{ ?o {_LABEL} ?olabel FILTER(isIRI(?o) && (LANG(?olabel) IN ("vi", ""))) }} }} LIMIT 2000""",
                  s=iri)
    incoming = _select(store, f"""SELECT ?s ?p ?slabel WHERE {{ ?s ?p $o .
        FILTER (NOT EXISTS {{ ?s a kgb:Fact }} || EXISTS {{ ?s a kgb:Event }})  # the fact sections read those
        FILTER (NOT EXISTS {{ ?s a kgb:Mention }})  # where the resource is written: the Evidence card
        OPTIONAL {{ ?s {_LABEL} ?slabel FILTER(LANG(?slabel) IN ("vi", "")) }} }} LIMIT 500""",
                       o=iri)
    if not out and not incoming:
        return None
    resource = Resource(iri)
    for row in out:
        if row["p"].value in _NAMES and isinstance(row["o"], Literal):
            resource.labels.setdefault(row["o"].language or "", row["o"].value)
    resource.classes = {r["o"].value for r in out if r["p"].value == _RDF_TYPE}
    resource.types = _types(resource.classes, vocab, lang)
    grouped = _grouped([r for r in out if r["p"].value != _RDF_TYPE], "p", "o", "olabel", vocab, lang)
    resource.outgoing = grouped
    resource.composed = _composed(resource, vocab, lang)
    resource.outgoing = _without_repeats(grouped, resource.title)
    resource.incoming = _without_repeats(_grouped(incoming, "p", "s", "slabel", vocab, lang, inverse=True), "")
    resource.evidence = _evidence(store, iri)
    if resource.evidence:  # the Evidence card quotes the sentence and tags it with the rule
        resource.outgoing = [(p, vs) for p, vs in resource.outgoing if p.iri not in (KGB + "evidence", KGB + "rule")]
    if KGB + "Organisation" in resource.classes:
        resource.figures = figures(store, iri, lang)
        resource.graph = neighbourhood(store, iri, resource.title)
    return resource


def _evidence(store: Store, iri: str) -> list[dict[str, Any]]:
    """The sentences the resource's facts were read from, each once with every rule that read it (an
    attendance and a post from one sentence are one quote with two rules)."""
    quotes: dict[tuple[str, str], dict[str, Any]] = {}
    for r in _select(store, """SELECT DISTINCT ?fact ?sentence ?articleId ?rule ?headline WHERE {
            { $s a kgb:Fact BIND($s AS ?fact) } UNION { ?fact a kgb:Fact ; ?p $s }
            ?fact kgb:evidence/nif:anchorOf ?sentence ; kgb:rule ?rule ; kgb:sourceArticle ?article .
            ?article kgb:articleId ?articleId . OPTIONAL { ?article schema:headline ?headline }
        } ORDER BY ?articleId ?rule LIMIT 100""", s=iri):
        quote = quotes.setdefault((r["articleId"].value, r["sentence"].value), {
            "sentence": r["sentence"].value, "article": r["articleId"].value, "facts": [],
            "headline": r["headline"].value if r.get("headline") is not None else r["articleId"].value})
        if all(rule != r["rule"].value for _, rule in quote["facts"]):
            quote["facts"].append((r["fact"].value, r["rule"].value))
    return list(quotes.values())


def figures(store: Store, iri: str, lang: str = "vi") -> list[dict[str, Any]]:
    """The organisation's figures, one series per measure (each its own chart: members and grassroots
    unions differ by a factor of fifty, on one axis one of them is a flat line), with the labels and
    unit the ontology gives the measure.  A year reported twice shows the largest value."""
    vocab = vocabulary()
    rows = _select(store, """SELECT ?m ?year (MAX(?value) AS ?v) WHERE {
        ?f a kgb:Figure ; kgb:subject $s ; kgb:measure ?m ; kgb:value ?value ; kgb:referenceYear ?year .
        } GROUP BY ?m ?year ORDER BY ?m ?year""", s=iri)
    series: dict[str, dict[str, Any]] = {}
    for r in rows:
        m = r["m"].value
        entry = series.setdefault(m, {
            "measure": m.rsplit("/", 1)[-1], "label": vocab.label(m, lang), "unit": vocab.unit(m, lang),
            "chart": bool(vocab.unit(m, lang)),  # "other" figures count different things: a table, no line
            "points": []})
        entry["points"].append({"year": r["year"].value[:4], "value": float(r["v"].value)})
    return list(series.values())


def neighbourhood(store: Store, iri: str, title: str) -> dict[str, list[dict[str, str]]]:
    """A small graph around an organisation: events it held, awards it gave, people with posts in it."""
    rows = _select(store, f"""SELECT DISTINCT ?n ?label ?kind WHERE {{
        {{ ?n kgb:organiser $s BIND("event" AS ?kind) }}
        UNION {{ ?f kgb:conferredBy $s ; kgb:conferredAt ?n BIND("event" AS ?kind) }}
        UNION {{ ?f kgb:postOrganisation $s ; kgb:holder ?n BIND("person" AS ?kind) }}
        UNION {{ ?f kgb:capacityOrganisation $s ; kgb:attendedEvent ?n BIND("event" AS ?kind) }}
        UNION {{ $s kgb:subOrganisationOf|kgb:locatedIn ?n BIND("place" AS ?kind) }}
        OPTIONAL {{ ?n {_LABEL} ?label }}
    }} LIMIT 60""", s=iri)
    nodes = {iri: {"id": iri, "label": title, "kind": "self"}}
    edges = []
    for r in rows:
        node = r["n"].value
        label = r["label"].value if r.get("label") is not None else node.rsplit("/", 1)[-1]
        nodes.setdefault(node, {"id": node, "label": label[:60], "kind": r["kind"].value})
        edges.append({"source": iri, "target": node})
    return {"nodes": list(nodes.values()), "edges": edges}


def dataset_figures(store: Store) -> dict[str, int]:
    """What the home page and VoID say about the dataset."""
    rows = _select(store, """SELECT
        (COUNT(DISTINCT ?a) AS ?articles) WHERE { ?a a kgb:Article }""")
    counts = {"articles": int(rows[0]["articles"].value)}
    for name, cls in (("organisations", "Organisation"), ("people", "Person"), ("events", "Event"),
                      ("facts", "Fact")):
        r = _select(store, f"SELECT (COUNT(DISTINCT ?x) AS ?n) WHERE {{ ?x a kgb:{cls} }}")
        counts[name] = int(r[0]["n"].value)
    counts["quads"] = len(store)
    return counts
