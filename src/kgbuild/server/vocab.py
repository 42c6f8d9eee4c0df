"""The ontology as the pages read it: labels in Vietnamese and English, inverse readings, codes, units.

Pages name every class, property and code by its ``rdfs:label`` in the reader's language,
and a link seen from its object's side by the property's ``kgb:inverseLabel``; both are
declared in ontology/kgbuild.ttl, never in code.  The file is read once per content digest
(an edited ontology is seen at the next page without a restart, an unchanged one costs a
hash), not from the store: a store built before a label was added still shows it.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from ..resources import data_dir

KGB = "https://w3id.org/kgbuild/ontology#"
ONTOLOGY_IRI = "https://w3id.org/kgbuild/ontology"
LANGUAGES = ("vi", "en")
_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_OWL = "http://www.w3.org/2002/07/owl#"
_SKOS = "http://www.w3.org/2004/02/skos/core#"
_KINDS = {_OWL + "Class": "class", _OWL + "ObjectProperty": "object", _OWL + "DatatypeProperty": "datatype",
          _OWL + "AnnotationProperty": "annotation", _SKOS + "ConceptScheme": "scheme", _SKOS + "Concept": "concept",
          _OWL + "Ontology": "ontology"}


@dataclass
class Term:
    """One term of the ontology (or a reused vocabulary's term the ontology labels)."""

    iri: str
    kind: str = ""
    labels: dict[str, str] = field(default_factory=dict)
    inverse: dict[str, str] = field(default_factory=dict)
    units: dict[str, str] = field(default_factory=dict)
    definitions: dict[str, str] = field(default_factory=dict)
    parents: list[str] = field(default_factory=list)
    domain: list[str] = field(default_factory=list)
    range: list[str] = field(default_factory=list)
    scheme: str = ""
    notation: str = ""
    version: str = ""

    @property
    def local_name(self) -> str:
        return re.split(r"[#/]", self.iri)[-1]


class Vocabulary:
    """Labels and readings of the ontology's terms, by IRI, in either language."""

    def __init__(self, terms: dict[str, Term], digest: str) -> None:
        self.terms = terms
        self.digest = digest
        self._codes = {(t.scheme, t.notation): t for t in terms.values() if t.notation}

    def label(self, iri: str, lang: str) -> str:
        """The term's label in ``lang``, else in the other language, else its local name (never empty)."""
        term = self.terms.get(iri)
        if term is None or not term.labels:
            return re.split(r"[#/]", iri.rstrip("/#"))[-1]
        return _pick(term.labels, lang)

    def both(self, iri: str) -> str:
        """"Tổ chức / Organisation": both labels, for a heading read by either reader."""
        term = self.terms.get(iri)
        if term is None:
            return self.label(iri, "vi")
        vi, en = term.labels.get("vi"), term.labels.get("en")
        return f"{vi} / {en}" if vi and en and vi != en else (vi or en or term.local_name)

    def inverse_label(self, iri: str, lang: str) -> str:
        """How a link reads from its object's page; a property without a declared inverse reads as
        "(label) của / of", which stays true even when it is clumsy."""
        term = self.terms.get(iri)
        if term is not None and term.inverse:
            return _pick(term.inverse, lang)
        return f"{self.label(iri, lang)} {'của' if lang == 'vi' else 'of'}"

    def unit(self, iri: str, lang: str) -> str:
        term = self.terms.get(iri)
        return _pick(term.units, lang) if term is not None and term.units else ""

    def is_known(self, iri: str) -> bool:
        """Whether the ontology labels this term (the reused vocabularies' terms it does not label are
        left off the pages' type lists)."""
        term = self.terms.get(iri)
        return term is not None and bool(term.labels)

    def ancestors(self, iri: str) -> set[str]:
        """Every super-class / super-property of the term, by the ontology's own axioms."""
        seen: set[str] = set()
        todo = list(self.terms[iri].parents) if iri in self.terms else []
        while todo:
            parent = todo.pop()
            if parent not in seen:
                seen.add(parent)
                todo.extend(self.terms[parent].parents if parent in self.terms else [])
        return seen

    def kind(self, code: str) -> str:
        """The class an organisation-kind code names (``labour_federation`` is kgb:LabourFederation)."""
        iri = KGB + "".join(part.capitalize() for part in code.split("_"))
        return iri if iri in self.terms else ""

    def code(self, scheme: str, notation: str) -> Term | None:
        """The concept with this notation in the scheme (``EventTypes``, ``Measures``, ``RecipientKinds``)."""
        return self._codes.get((KGB + scheme, notation))


def _pick(values: dict[str, str], lang: str) -> str:
    return values.get(lang) or values.get("vi") or values.get("en") or next(iter(values.values()))


def vocabulary(path: Path | None = None) -> Vocabulary:
    """The vocabulary of the ontology file as it is now (parsed again only when its bytes changed)."""
    path = path or data_dir("ontology") / "kgbuild.ttl"
    data = path.read_bytes()
    return _parse(hashlib.sha256(data).hexdigest()[:16], data)


@cache
def _parse(digest: str, data: bytes) -> Vocabulary:
    from ..store.terms import Literal, RdfFormat, parse

    terms: dict[str, Term] = {}

    def term(iri: str) -> Term:
        return terms.setdefault(iri, Term(iri))

    for t in parse(data, format=RdfFormat.TURTLE):
        s, p, o = t.subject.value, t.predicate.value, t.object
        lang = o.language or "" if isinstance(o, Literal) else ""
        if p == _RDF + "type" and o.value in _KINDS:
            current = term(s)
            current.kind = current.kind if current.kind in ("class", "object", "datatype", "scheme") else _KINDS[o.value]
        elif p == _RDFS + "label" and isinstance(o, Literal):
            term(s).labels[lang or "vi"] = o.value
        elif p == KGB + "inverseLabel" and isinstance(o, Literal):
            term(s).inverse[lang or "vi"] = o.value
        elif p == KGB + "unitLabel" and isinstance(o, Literal):
            term(s).units[lang or "vi"] = o.value
        elif p in (_SKOS + "definition", _RDFS + "comment") and isinstance(o, Literal):
            term(s).definitions.setdefault(lang or "en", o.value)
        elif p in (_RDFS + "subClassOf", _RDFS + "subPropertyOf") and not isinstance(o, Literal):
            term(s).parents.append(o.value)
        elif p == _RDFS + "domain":
            term(s).domain.append(o.value)
        elif p == _RDFS + "range":
            term(s).range.append(o.value)
        elif p == _SKOS + "inScheme":
            term(s).scheme = o.value
        elif p == _SKOS + "notation":
            term(s).notation = o.value
        elif p == _OWL + "versionInfo":
            term(s).version = o.value
    return Vocabulary(terms, digest)


def anchor(iri: str) -> str:
    """The fragment of the ontology page where a term is described (``measure-members``, ``Organisation``)."""
    if iri.startswith(KGB):
        return iri[len(KGB):]
    if iri.startswith(ONTOLOGY_IRI + "/"):
        return iri[len(ONTOLOGY_IRI) + 1:].replace("/", "-")
    return re.sub(r"[^A-Za-z0-9_-]", "-", iri)
