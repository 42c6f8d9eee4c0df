"""Content negotiation as one pure function, chosen by query form.

SELECT and ASK answer in the SPARQL results formats, CONSTRUCT and DESCRIBE in RDF
formats, entity pages in HTML or RDF.  ``q`` weights and wildcard specificity decide;
nothing acceptable gives ``None`` (the caller answers 406).
"""

from __future__ import annotations

RESULTS = {
    "application/sparql-results+json": "json", "application/json": "json",
    "application/sparql-results+xml": "xml", "application/xml": "xml",
    "text/csv": "csv", "text/tab-separated-values": "tsv",
}
GRAPHS = {
    "text/turtle": "turtle", "application/n-triples": "ntriples", "application/ld+json": "jsonld",
    "application/rdf+xml": "rdfxml", "application/trig": "trig", "application/n-quads": "nquads",
    "text/plain": "ntriples",
}
PAGES = {"text/html": "html", "application/xhtml+xml": "html", **{k: v for k, v in GRAPHS.items()
                                                                 if v in ("turtle", "ntriples", "jsonld", "rdfxml")}}
MEDIA_TYPES = {
    "json": "application/sparql-results+json", "xml": "application/sparql-results+xml", "csv": "text/csv",
    "tsv": "text/tab-separated-values", "turtle": "text/turtle", "ntriples": "application/n-triples",
    "jsonld": "application/ld+json", "rdfxml": "application/rdf+xml", "trig": "application/trig",
    "nquads": "application/n-quads", "html": "text/html",
}
FORMAT_ALIASES = {"ttl": "turtle", "nt": "ntriples", "json-ld": "jsonld", "rdf": "rdfxml", "nq": "nquads",
                  "srj": "json", "srx": "xml"}


def _parse(accept: str) -> list[tuple[str, float, int]]:
    out = []
    for index, part in enumerate(accept.split(",")):
        fields = [f.strip() for f in part.split(";")]
        media = fields[0].lower()
        if not media:
            continue
        q = 1.0
        for param in fields[1:]:
            if param.startswith("q="):
                try:
                    q = float(param[2:])
                except ValueError:
                    q = 0.0
        out.append((media, q, index))
    return out


def _matches(pattern: str, media: str) -> int:
    """Specificity of a match (3 exact, 2 type/*, 1 */*), 0 for none."""
    if pattern == media:
        return 3
    kind, _, sub = pattern.partition("/")
    if sub == "*" and media.split("/")[0] == kind:
        return 2
    return 1 if pattern == "*/*" else 0


def negotiate(accept: str | None, offers: dict[str, str], default: str) -> str | None:
    """The format to answer in, or ``None`` when nothing acceptable is offered.

    >>> negotiate(None, RESULTS, "json")
    'json'
    >>> negotiate("text/csv;q=0.5, application/sparql-results+xml", RESULTS, "json")
    'xml'
    >>> negotiate("text/*", GRAPHS, "turtle")
    'turtle'
    >>> negotiate("image/png", RESULTS, "json") is None
    True
    >>> negotiate("application/sparql-results+json;q=0, */*", RESULTS, "json")
    'xml'

    """
    if not accept or not accept.strip():
        return default
    ranges = _parse(accept)
    # a format refused by name (q=0 on its exact media type) is not offered under an alias either
    refused = {fmt for media, fmt in offers.items() for pattern, q, _ in ranges if pattern == media and q <= 0}
    best: tuple[float, int, int] | None = None
    chosen = None
    for media, fmt in offers.items():
        if fmt in refused:
            continue
        hits = [(_matches(pattern, media), q) for pattern, q, _ in ranges]
        hits = [h for h in hits if h[0]]
        if not hits:
            continue
        specificity, q = max(hits)  # the most specific range that matches sets the quality
        if q <= 0:
            continue
        rank = (q, specificity, 1 if fmt == default else 0)
        if best is None or rank > best:
            best, chosen = rank, fmt
    return chosen


def format_override(value: str | None, offers: dict[str, str]) -> str | None:
    """``?format=ttl`` / ``?format=text/turtle``: a format name or media type, when it fits the offers."""
    if not value:
        return None
    value = FORMAT_ALIASES.get(value.lower(), value.lower())
    if value in offers.values():
        return value
    return offers.get(value)
