"""The ontology page (``/ontology`` as HTML): every class, property and code list, in both languages.

Rendered from :mod:`.vocab` with the site's own template, not a documentation generator: one
heading (the ontology's title), the tab titled by it, "Tổ chức / Organisation" as two labels,
and every term at an anchor the other pages link to (``/ontology#Organisation``).  The page is
built once per ontology digest and language (a few milliseconds; the generator took seconds).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

from jinja2 import Environment

from .vocab import KGB, ONTOLOGY_IRI, Term, Vocabulary, anchor, vocabulary


@dataclass
class Entry:
    """A term as a row of the page: its anchor, labels, short name and links to related terms."""

    term: Term
    anchor: str
    short: str
    parents: list[tuple[str, str]] = field(default_factory=list)  # (href, text)
    domain: list[tuple[str, str]] = field(default_factory=list)
    range: list[tuple[str, str]] = field(default_factory=list)
    concepts: list[Any] = field(default_factory=list)


_PREFIXES = {KGB: "kgb:", "http://www.w3.org/2001/XMLSchema#": "xsd:", "http://www.w3.org/ns/org#": "org:",
             "http://schema.org/": "schema:", "http://xmlns.com/foaf/0.1/": "foaf:", "http://www.w3.org/ns/prov#": "prov:",
             "http://semanticweb.cs.vu.nl/2009/11/sem/": "sem:", "http://www.w3.org/ns/sosa/": "sosa:",
             "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#": "nif:",
             "http://www.w3.org/2005/11/its/rdf#": "itsrdf:", "http://groundedannotationframework.org/gaf#": "gaf:",
             "http://www.w3.org/2004/02/skos/core#": "skos:", "http://www.w3.org/2000/01/rdf-schema#": "rdfs:",
             "http://www.w3.org/2002/07/owl#": "owl:", "http://purl.org/dc/terms/": "dct:",
             "http://www.w3.org/1999/02/22-rdf-syntax-ns#": "rdf:"}


def short(iri: str) -> str:
    """``kgb:Organisation`` for the IRI, the IRI itself outside the known namespaces."""
    for ns, prefix in _PREFIXES.items():
        if iri.startswith(ns):
            return prefix + iri[len(ns):]
    if iri.startswith(ONTOLOGY_IRI + "/"):
        return iri[len(ONTOLOGY_IRI) + 1:]
    return iri


def _ref(iri: str, vocab: Vocabulary, lang: str) -> tuple[str, str]:
    """A link to a term: within the page for the ontology's own terms, else its IRI."""
    own = iri.startswith(ONTOLOGY_IRI) and iri in vocab.terms and vocab.terms[iri].kind
    return ("#" + anchor(iri) if own else iri, vocab.label(iri, lang) if own else short(iri))


def _entry(term: Term, vocab: Vocabulary, lang: str) -> Entry:
    return Entry(term, anchor(term.iri), short(term.iri),
                 parents=[_ref(p, vocab, lang) for p in term.parents],
                 domain=[_ref(d, vocab, lang) for d in term.domain], range=[_ref(r, vocab, lang) for r in term.range])


def sections(vocab: Vocabulary, lang: str) -> dict[str, Any]:
    """The page's content: the ontology's own header and its terms by kind, each sorted by label."""
    own = [t for t in vocab.terms.values() if t.iri.startswith(ONTOLOGY_IRI) and t.kind]
    by_label = sorted(own, key=lambda t: vocab.label(t.iri, lang).lower())

    def of(kind: str) -> list[Entry]:
        return [_entry(t, vocab, lang) for t in by_label if t.kind == kind]

    schemes = of("scheme")
    for scheme in schemes:
        scheme.concepts = [_entry(t, vocab, lang) for t in vocab.terms.values()
                           if t.scheme == scheme.term.iri]
    reused = sorted((t for t in vocab.terms.values() if not t.iri.startswith(ONTOLOGY_IRI) and t.labels),
                    key=lambda t: short(t.iri))
    return {"ontology": vocab.terms.get(ONTOLOGY_IRI, Term(ONTOLOGY_IRI)), "title": vocab.label(ONTOLOGY_IRI, lang),
            "classes": of("class"),
            "objects": of("object"), "datatypes": of("datatype"), "annotations": of("annotation"),
            "schemes": schemes, "reused": [_entry(t, vocab, lang) for t in reused]}


def render(env: Environment, lang: str) -> str:
    """The page in ``lang`` for the ontology as it is now."""
    from .language import query_string

    return _render(env, vocabulary().digest, lang, query_string())


@lru_cache(maxsize=16)
def _render(env: Environment, digest: str, lang: str, query: str) -> str:
    vocab = vocabulary()
    return env.get_template("ontology.html").render(v=vocab, short=short, **sections(vocab, lang))
