"""Publish a store for portals: dumps plus a VoID and DCAT description of them.

``publish`` writes the dumps (Turtle, N-Quads, JSON-LD), then ``void.ttl`` describing the
dataset (VoID: size, class and property partitions, dumps, endpoint, URI space,
vocabularies) and its catalogue entry (DCAT: catalogue, dataset, one distribution per
file with media type, byte size and SHA-256, licence, publisher, temporal and spatial
coverage, Vietnamese and English titles).  The description is checked against the
mandatory properties of DCAT-AP.  Publisher, licence and URLs come from ``kgbuild.toml``.
"""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from .errors import InputError
from .export import MEDIA_TYPES, export_to_path, format_for
from .nlp.lexicon import slug
from .prefixes import prefixes
from .resources import data_dir
from .settings import setting
from .store import Dataset
from .store.terms import Literal, NamedNode, RdfFormat, Triple, serialize

DCAT = "http://www.w3.org/ns/dcat#"
DCT = "http://purl.org/dc/terms/"
VOID = "http://rdfs.org/ns/void#"
FOAF = "http://xmlns.com/foaf/0.1/"
SPDX = "http://spdx.org/rdf/terms#"
XSD = "http://www.w3.org/2001/XMLSchema#"
RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
VOCABULARIES = ("https://w3id.org/kgbuild/ontology#", "http://www.w3.org/ns/org#", "http://schema.org/",
                "http://xmlns.com/foaf/0.1/", "http://www.w3.org/ns/prov#", "http://www.w3.org/ns/sosa/",
                "http://persistence.uni-leipzig.org/nlp2rdf/ontologies/nif-core#", "http://www.w3.org/ns/oa#")
DUMPS = ("kgbuild.ttl.gz", "kgbuild.nq.gz", "kgbuild.jsonld.gz")


@dataclass(frozen=True)
class PublishConfig:
    title_vi: str
    title_en: str
    description: str
    publisher: str
    publisher_iri: str
    licence: str
    download_base: str
    sparql_endpoint: str
    base_iri: str


def load_config(path: str | Path | None = None) -> PublishConfig:
    """Read ``[publish]`` of a kgbuild.toml (``KGBUILD_CONFIG``, then ./kgbuild.toml, then the project's).

    :raises InputError: for a file that is not TOML or lacks a setting.
    """
    candidates = [Path(p) for p in (path, setting("config")) if p] + [data_dir("ontology").parent / "kgbuild.toml"]
    file = next((c for c in candidates if c.is_file()), None)
    if file is None:
        raise InputError(candidates[0] if candidates else "kgbuild.toml", "no publication settings found")
    try:
        data = tomllib.loads(file.read_text(encoding="utf-8")).get("publish", {})
    except tomllib.TOMLDecodeError as err:
        raise InputError(file, f"not valid TOML: {err}") from None
    fields = [f for f in PublishConfig.__dataclass_fields__ if f != "base_iri"]
    missing = [f for f in fields if not data.get(f)]
    if missing:
        raise InputError(file, f"[publish] lacks {', '.join(missing)}")
    return PublishConfig(**{f: str(data[f]) for f in fields}, base_iri=str(data.get("base_iri") or setting("base_iri")))


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _select(store: Dataset, query: str) -> list[dict[str, object]]:
    result = store.query("PREFIX kgb: <https://w3id.org/kgbuild/ontology#>\nPREFIX schema: <http://schema.org/>\n" + query)
    return [{v.value: row[v.value] for v in result.variables} for row in result]


def description(store: Dataset, config: PublishConfig, dumps: list[Path], *, triples: int | None = None) -> list[Triple]:
    """VoID and DCAT of the store and its dump files (no blank nodes), under the store's recorded base IRI."""
    base = store.base_iri or config.base_iri
    catalog, dataset, service = NamedNode(base + "catalog"), NamedNode(base + "dataset"), NamedNode(base + "service")
    publisher = NamedNode(config.publisher_iri)
    out: list[Triple] = []

    def add(s: NamedNode, p: str, o: NamedNode | Literal) -> None:
        out.append(Triple(s, NamedNode(p), o))

    def integer(n: int) -> Literal:
        return Literal(str(n), datatype=NamedNode(XSD + "integer"))

    add(catalog, RDF_TYPE, NamedNode(DCAT + "Catalog"))
    add(dataset, RDF_TYPE, NamedNode(DCAT + "Dataset"))
    add(dataset, RDF_TYPE, NamedNode(VOID + "Dataset"))
    add(service, RDF_TYPE, NamedNode(DCAT + "DataService"))
    add(publisher, RDF_TYPE, NamedNode(FOAF + "Agent"))
    add(publisher, FOAF + "name", Literal(config.publisher))
    for node in (catalog, dataset):
        add(node, DCT + "title", Literal(config.title_vi, language="vi"))
        add(node, DCT + "title", Literal(config.title_en, language="en"))
        add(node, DCT + "description", Literal(config.description, language="en"))
        add(node, DCT + "publisher", publisher)
        add(node, DCT + "license", NamedNode(config.licence))
    add(catalog, DCAT + "dataset", dataset)
    add(catalog, DCAT + "service", service)
    add(service, DCT + "title", Literal("SPARQL endpoint", language="en"))
    add(service, DCAT + "endpointURL", NamedNode(config.sparql_endpoint))
    add(service, DCAT + "servesDataset", dataset)
    add(dataset, VOID + "sparqlEndpoint", NamedNode(config.sparql_endpoint))
    add(dataset, VOID + "uriSpace", Literal(base))
    for vocabulary in VOCABULARIES:
        add(dataset, VOID + "vocabulary", NamedNode(vocabulary))
    add(dataset, VOID + "triples", integer(len(store) if triples is None else triples))
    own = f'FILTER(STRSTARTS(STR(?s), "{base}"))'

    entities = _select(store, "SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE { ?s a ?c FILTER(STRSTARTS(STR(?s), "
                              f'"{base}")) }}')
    add(dataset, VOID + "entities", integer(int(entities[0]["n"].value)))
    for row in _select(store, f"SELECT ?c (COUNT(DISTINCT ?s) AS ?n) WHERE {{ ?s a ?c {own} }} GROUP BY ?c ORDER BY ?c"):
        part = NamedNode(f"{base}dataset/class/{slug(row['c'].value)}")
        add(dataset, VOID + "classPartition", part)
        add(part, VOID + "class", row["c"])
        add(part, VOID + "entities", integer(int(row["n"].value)))
    for row in _select(store, f"SELECT ?p (COUNT(DISTINCT *) AS ?n) WHERE {{ ?s ?p ?o {own} }} GROUP BY ?p ORDER BY ?p"):
        part = NamedNode(f"{base}dataset/property/{slug(row['p'].value)}")
        add(dataset, VOID + "propertyPartition", part)
        add(part, VOID + "property", row["p"])
        add(part, VOID + "triples", integer(int(row["n"].value)))
    dates = _select(store, """SELECT (MIN(?d) AS ?start) (MAX(?d) AS ?end) WHERE {
        { ?e a kgb:Event ; kgb:date ?d } UNION { ?a a kgb:Article ; schema:datePublished ?d }
        FILTER (DATATYPE(?d) = <http://www.w3.org/2001/XMLSchema#date>) }""")
    if dates and dates[0]["start"] is not None:
        period = NamedNode(base + "dataset/temporal")
        add(dataset, DCT + "temporal", period)
        add(period, RDF_TYPE, NamedNode(DCT + "PeriodOfTime"))
        add(period, DCAT + "startDate", dates[0]["start"])
        add(period, DCAT + "endDate", dates[0]["end"])
    for row in _select(store, "SELECT DISTINCT ?p WHERE { ?x kgb:place|kgb:locatedIn ?p } ORDER BY ?p"):
        add(dataset, DCT + "spatial", row["p"])
    for path in dumps:
        fmt = format_for(path.name, None)
        url = NamedNode(config.download_base + path.name)
        dist = NamedNode(f"{base}dataset/distribution/{path.name}")
        checksum = NamedNode(f"{base}dataset/distribution/{path.name}#sha256")
        add(dataset, DCAT + "distribution", dist)
        add(dataset, VOID + "dataDump", url)
        add(dist, RDF_TYPE, NamedNode(DCAT + "Distribution"))
        add(dist, DCT + "title", Literal(path.name))
        add(dist, DCAT + "accessURL", url)
        add(dist, DCAT + "downloadURL", url)
        add(dist, DCAT + "mediaType", NamedNode("https://www.iana.org/assignments/media-types/" + MEDIA_TYPES[fmt]))
        if path.suffix == ".gz":
            add(dist, DCAT + "compressFormat", NamedNode("https://www.iana.org/assignments/media-types/application/gzip"))
        add(dist, DCAT + "byteSize", Literal(str(path.stat().st_size), datatype=NamedNode(XSD + "nonNegativeInteger")))
        add(dist, DCT + "license", NamedNode(config.licence))
        add(dist, SPDX + "checksum", checksum)
        add(checksum, RDF_TYPE, NamedNode(SPDX + "Checksum"))
        add(checksum, SPDX + "algorithm", NamedNode(SPDX + "checksumAlgorithm_sha256"))
        add(checksum, SPDX + "checksumValue", Literal(_sha256(path), datatype=NamedNode(XSD + "hexBinary")))
    return out


def check_dcat_ap(triples: list[Triple]) -> list[str]:
    """Problems against DCAT-AP's mandatory properties (empty when the description conforms)."""
    import rdflib
    from pyshacl import validate

    data = rdflib.Graph().parse(data=serialize(triples, format=RdfFormat.N_TRIPLES) or b"", format="nt")
    shapes = rdflib.Graph().parse(data_dir("ontology") / "dcat-ap-mandatory.ttl", format="turtle")
    conforms, _, text = validate(data, shacl_graph=shapes, inference="none")
    return [] if conforms else [line for line in str(text).splitlines() if line.strip()]


def publish(store: Dataset, out_dir: Path, config: PublishConfig, *,
            on_graph: Callable[[], None] | None = None) -> tuple[list[Path], list[str]]:
    """Write the dumps and ``void.ttl`` into ``out_dir``; return the files and any DCAT-AP problems.

    ``on_graph()`` is called after each graph of each dump (for progress bars).
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    dumps = []
    counts = {}
    for name in DUMPS:
        counts[name] = export_to_path(store, str(out_dir / name), on_graph=on_graph)
        dumps.append(out_dir / name)
    triples = description(store, config, dumps, triples=counts[DUMPS[0]])
    names = {**prefixes(own=False), "dcat": DCAT, "void": VOID, "spdx": SPDX}
    target = out_dir / "void.ttl"
    target.write_bytes(serialize(sorted(triples, key=str), format=RdfFormat.TURTLE, prefixes=names) or b"")
    return [*dumps, target], check_dcat_ap(triples)
