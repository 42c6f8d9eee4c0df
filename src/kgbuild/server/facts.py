"""The facts a page reads as sentences: posts, attendances, attendees, awards, figures, by name.

Each section is one question about the page's resource (bound as a ``VALUES`` term, never
spliced), answered as rows of cells that carry a label and, for resources, a link; fact
nodes (hash ids) never show, their content does.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from ..store.terms import NamedNode, is_iri
from .language import number
from .vocab import Vocabulary, vocabulary

NUMERIC = {"integer", "decimal", "double", "float", "int", "long", "nonNegativeInteger", "positiveInteger"}

KGB = "https://w3id.org/kgbuild/ontology#"
_PREFIXES = """PREFIX kgb: <https://w3id.org/kgbuild/ontology#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
PREFIX schema: <http://schema.org/>
"""


@dataclass
class Section:
    title: str
    columns: list[dict[str, str]]  # each column's header: the ontology term's label, the other language on hover
    rows: list[list[dict[str, str]]] = field(default_factory=list)


# (class of the page's resource, (Vietnamese, English) title, the ontology term each column shows (its label is the
# header), SELECT over ?s with ?xLabel/?x pairs for links)
_SECTIONS: list[tuple[str, tuple[str, str], list[str], str]] = [
    ("Person", ("Chức vụ", "Posts held"), ["roleLabel", "postOrganisation", "sourceArticle"], """
     SELECT DISTINCT ?post ?org ?orgLabel ?article ?articleLabel WHERE {
       ?f a kgb:PostHolding ; kgb:holder ?s ; kgb:roleLabel ?post ; kgb:sourceArticle ?article .
       ?article rdfs:label ?articleLabel .
       OPTIONAL { ?f kgb:postOrganisation ?org0 } BIND (COALESCE(?org0, kgb:none) AS ?org)
       OPTIONAL { ?org rdfs:label ?orgLabel } } ORDER BY ?post LIMIT 200"""),
    ("Person", ("Sự kiện đã dự", "Events attended"),
     ["attendedEvent", "date", "roleLabel", "capacityOrganisation", "sourceArticle"], """
     SELECT DISTINCT ?event ?eventLabel ?date ?role ?org ?orgLabel ?article ?articleLabel WHERE {
       ?f a kgb:Attendance ; kgb:attendee ?s ; kgb:attendedEvent ?event ; kgb:sourceArticle ?article .
       ?article rdfs:label ?articleLabel .
       OPTIONAL { ?event rdfs:label ?eventLabel } OPTIONAL { ?event kgb:date ?date } OPTIONAL { ?f kgb:roleLabel ?role }
       OPTIONAL { ?f kgb:capacityOrganisation ?org0 } BIND (COALESCE(?org0, kgb:none) AS ?org)
       OPTIONAL { ?org rdfs:label ?orgLabel } } ORDER BY ?date LIMIT 200"""),
    ("Event", ("Đại biểu", "Attendees"), ["attendee", "roleLabel", "capacityOrganisation"], """
     SELECT DISTINCT ?person ?personLabel ?role ?org ?orgLabel WHERE {
       ?f a kgb:Attendance ; kgb:attendedEvent ?s ; kgb:attendee ?person .
       OPTIONAL { ?person foaf:name ?personLabel } OPTIONAL { ?f kgb:roleLabel ?role }
       OPTIONAL { ?f kgb:capacityOrganisation ?org0 } BIND (COALESCE(?org0, kgb:none) AS ?org)
       OPTIONAL { ?org rdfs:label ?orgLabel } } ORDER BY ?personLabel LIMIT 300"""),
    ("Event", ("Khen thưởng", "Awards conferred"), ["awardName", "conferredBy", "recipient", "recipientCount"], """
     SELECT DISTINCT ?award ?giver ?giverLabel ?recipient ?recipientLabel ?count WHERE {
       ?f a kgb:AwardConferral ; kgb:conferredAt ?s ; kgb:awardName ?award .
       OPTIONAL { ?f kgb:conferredBy ?giver0 } BIND (COALESCE(?giver0, kgb:none) AS ?giver)
       OPTIONAL { ?giver rdfs:label ?giverLabel }
       OPTIONAL { ?f kgb:recipient ?recipient0 } BIND (COALESCE(?recipient0, kgb:none) AS ?recipient)
       OPTIONAL { ?recipient rdfs:label ?recipientLabel } OPTIONAL { ?f kgb:recipientCount ?count } } LIMIT 300"""),
    ("Event", ("Số liệu", "Figures"), ["measure", "value", "referenceYear", "subject"], """
     SELECT DISTINCT ?measure ?value ?year ?about ?aboutLabel WHERE {
       ?f a kgb:Figure ; kgb:sourceArticle ?article ; kgb:measure ?m ; kgb:value ?value .
       ?s kgb:sourceArticle ?article .
       BIND (?m AS ?measure) OPTIONAL { ?f kgb:referenceYear ?year }
       OPTIONAL { ?f kgb:subject ?about0 } BIND (COALESCE(?about0, kgb:none) AS ?about)
       OPTIONAL { ?about rdfs:label ?aboutLabel } } ORDER BY ?measure LIMIT 100"""),
    ("Organisation", ("Người giữ chức vụ", "People holding its posts"), ["holder", "roleLabel", "sourceArticle"], """
     SELECT DISTINCT ?person ?personLabel ?post ?article ?articleLabel WHERE {
       ?f a kgb:PostHolding ; kgb:postOrganisation ?s ; kgb:holder ?person ; kgb:roleLabel ?post ;
          kgb:sourceArticle ?article .
       ?article rdfs:label ?articleLabel . OPTIONAL { ?person foaf:name ?personLabel } } ORDER BY ?personLabel LIMIT 200"""),
    ("Organisation", ("Sự kiện tổ chức", "Events it organised"), ["Event", "date"], """
     SELECT DISTINCT ?event ?eventLabel ?date WHERE { ?event kgb:organiser ?s .
       OPTIONAL { ?event rdfs:label ?eventLabel } OPTIONAL { ?event kgb:date ?date } } ORDER BY DESC(?date) LIMIT 200"""),
    ("Organisation", ("Khen thưởng đã trao", "Awards it gave"), ["awardName", "recipient", "recipientCount", "conferredAt"], """
     SELECT DISTINCT ?award ?recipient ?recipientLabel ?count ?event ?eventLabel WHERE {
       ?f a kgb:AwardConferral ; kgb:conferredBy ?s ; kgb:awardName ?award .
       OPTIONAL { ?f kgb:recipient ?recipient0 } BIND (COALESCE(?recipient0, kgb:none) AS ?recipient)
       OPTIONAL { ?recipient rdfs:label ?recipientLabel } OPTIONAL { ?f kgb:recipientCount ?count }
       OPTIONAL { ?f kgb:conferredAt ?event0 } BIND (COALESCE(?event0, kgb:none) AS ?event)
       OPTIONAL { ?event rdfs:label ?eventLabel } } LIMIT 200"""),
    ("Organisation", ("Khen thưởng đã nhận", "Awards it received"), ["awardName", "conferredBy", "conferredAt"], """
     SELECT DISTINCT ?award ?giver ?giverLabel ?event ?eventLabel WHERE {
       ?f a kgb:AwardConferral ; kgb:recipient ?s ; kgb:awardName ?award .
       OPTIONAL { ?f kgb:conferredBy ?giver0 } BIND (COALESCE(?giver0, kgb:none) AS ?giver)
       OPTIONAL { ?giver rdfs:label ?giverLabel }
       OPTIONAL { ?f kgb:conferredAt ?event0 } BIND (COALESCE(?event0, kgb:none) AS ?event)
       OPTIONAL { ?event rdfs:label ?eventLabel } } LIMIT 200"""),
    ("AwardKind", ("Các lần trao", "Conferrals"), ["conferredBy", "recipient", "recipientCount", "conferredAt"], """
     SELECT DISTINCT ?giver ?giverLabel ?recipient ?recipientLabel ?count ?event ?eventLabel WHERE {
       ?f a kgb:AwardConferral ; kgb:awardKind ?s .
       OPTIONAL { ?f kgb:conferredBy ?giver0 } BIND (COALESCE(?giver0, kgb:none) AS ?giver)
       OPTIONAL { ?giver rdfs:label ?giverLabel }
       OPTIONAL { ?f kgb:recipient ?recipient0 } BIND (COALESCE(?recipient0, kgb:none) AS ?recipient)
       OPTIONAL { ?recipient rdfs:label ?recipientLabel } OPTIONAL { ?f kgb:recipientCount ?count }
       OPTIONAL { ?f kgb:conferredAt ?event0 } BIND (COALESCE(?event0, kgb:none) AS ?event)
       OPTIONAL { ?event rdfs:label ?eventLabel } } ORDER BY ?giverLabel LIMIT 200"""),
    ("Title", ("Người giữ chức danh", "Holders of this title"), ["holder", "postOrganisation", "sourceArticle"], """
     SELECT DISTINCT ?person ?personLabel ?org ?orgLabel ?article ?articleLabel WHERE {
       ?f a kgb:PostHolding ; kgb:title ?s ; kgb:holder ?person ; kgb:sourceArticle ?article .
       ?article rdfs:label ?articleLabel . OPTIONAL { ?person foaf:name ?personLabel }
       OPTIONAL { ?f kgb:postOrganisation ?org0 } BIND (COALESCE(?org0, kgb:none) AS ?org)
       OPTIONAL { ?org rdfs:label ?orgLabel } } ORDER BY ?personLabel LIMIT 200"""),
]


def _cells(row: Any, names: list[str], local: Any, vocab: Vocabulary, lang: str) -> list[dict[str, str]]:
    """One table row: each column's value, or its label with a link to the local page; codes (measures)
    by the label the ontology gives them in the reader's language."""
    out = []
    for column in names:
        if column.endswith("Label"):
            continue
        term = row[column]
        if term is None or term.value == KGB + "none":
            out.append({"text": "", "href": ""})
            continue
        label = row[column + "Label"] if column + "Label" in names else None
        if is_iri(term) and vocab.is_known(term.value):
            out.append({"text": vocab.label(term.value, lang), "href": local(term.value), "title": term.value})
        elif is_iri(term):
            text = label.value if label is not None else term.value.rsplit("/", 1)[-1]
            out.append({"text": text, "href": local(term.value)})
        elif term.datatype.value.rsplit("#", 1)[-1] in NUMERIC:
            out.append({"text": number(term.value, lang), "href": ""})
        else:
            out.append({"text": term.value, "href": ""})
    return out


def sections(store: Any, iri: str, classes: set[str], local: Any, lang: str = "vi") -> list[Section]:
    """The fact sections of a page, for the resource's classes, in the reader's language, leaving out
    empty ones."""
    from ..questions import with_values

    vocab = vocabulary()
    other = "en" if lang == "vi" else "vi"
    out = []
    for cls, titles, columns, sparql in _SECTIONS:
        if KGB + cls not in classes:
            continue
        result = store.query(with_values(_PREFIXES + sparql, {"s": NamedNode(iri)}))
        names = [v.value for v in result.variables]
        rows = [_cells(row, names, local, vocab, lang) for row in result]
        if rows:
            headers = [{"text": vocab.label(KGB + c, lang), "title": vocab.label(KGB + c, other)} for c in columns]
            out.append(Section(titles[1] if lang == "en" else titles[0], headers, rows))
    return out


_EVIDENCE = _PREFIXES + """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?text ?start ?end ?rule ?fact WHERE {
  ?s nif:isString ?text .
  OPTIONAL { ?fact kgb:sourceArticle ?s ; kgb:rule ?rule ; kgb:evidence ?m . ?m nif:beginIndex ?start ; nif:endIndex ?end }
}"""


@dataclass
class Paragraph:
    """A paragraph of an article as pieces: plain text, or text some facts were extracted from."""

    # (text, rules of the facts found there, the ``char=S,E`` id of a mention starting there or "")
    pieces: list[tuple[str, list[str], str]] = field(default_factory=list)


_MENTIONS = """PREFIX nif: <http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#>
SELECT ?m ?start WHERE { ?m nif:referenceContext ?s ; nif:beginIndex ?start }"""


def article_text(store: Any, iri: str) -> list[Paragraph]:
    """The article's text in paragraphs, each fact's evidence marked where it is (overlaps merged), and
    each mention's place an anchor (``#char=S,E``, the fragment of the mention's IRI): a "written as"
    link on an entity's page opens the article where the entity is named."""
    from ..questions import with_values

    anchors: dict[int, str] = {}
    for row in store.query(with_values(_MENTIONS, {"s": NamedNode(iri)})):
        fragment = row["m"].value.rpartition("#")[2]
        if fragment.startswith("char="):
            anchors.setdefault(int(row["start"].value), fragment)

    text, spans = "", []
    for row in store.query(with_values(_EVIDENCE, {"s": NamedNode(iri)})):
        text = row["text"].value
        if row["start"] is not None:
            spans.append((int(row["start"].value), int(row["end"].value), row["rule"].value))
    if not text:
        return []
    rules_at: list[set[str]] = [set() for _ in range(len(text) + 1)]
    for start, end, rule in spans:
        for i in range(max(start, 0), min(end, len(text))):
            rules_at[i].add(rule)
    out, offset = [], 0
    for block in text.split("\n"):
        if block.strip():
            paragraph = Paragraph()
            i = offset
            while i < offset + len(block):
                j = i
                while j < offset + len(block) and rules_at[j] == rules_at[i] and (j == i or j not in anchors):
                    j += 1
                paragraph.pieces.append((text[i:j], sorted(rules_at[i]), anchors.get(i, "")))
                i = j
            out.append(paragraph)
        offset += len(block) + 1
    return out
