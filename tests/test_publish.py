"""Publishing: dumps plus a VoID + DCAT description that meets DCAT-AP's mandatory properties."""

from __future__ import annotations

import gzip
import hashlib
from pathlib import Path

import rdflib
from click.testing import CliRunner
from pyoxigraph import NamedNode, Triple

from kgbuild.cli import main
from kgbuild.publish import check_dcat_ap, load_config, publish
from kgbuild.store import Store

DCAT = rdflib.Namespace("http://www.w3.org/ns/dcat#")
VOID = rdflib.Namespace("http://rdfs.org/ns/void#")
SPDX = rdflib.Namespace("http://spdx.org/rdf/terms#")


def test_publish_describes_each_dump(examples_store: Store, tmp_path: Path) -> None:
    files, problems = publish(examples_store, tmp_path, load_config())
    assert not problems and {f.name for f in files} == {"kgbuild.ttl.gz", "kgbuild.nq.gz", "kgbuild.jsonld.gz", "void.ttl"}
    g = rdflib.Graph().parse(tmp_path / "void.ttl")
    dataset = rdflib.URIRef("https://data.example.org/kgbuild/dataset")
    turtle = gzip.decompress((tmp_path / "kgbuild.ttl.gz").read_bytes())
    assert int(g.value(dataset, VOID.triples)) == len(rdflib.Graph().parse(data=turtle, format="turtle"))
    assert {str(t) for t in g.objects(dataset, rdflib.namespace.DCTERMS.title)} >= {
        "Dữ liệu liên kết về công đoàn và khu vực công Việt Nam",
        "Linked data on Vietnamese trade unions and public-sector bodies"}
    distributions = list(g.objects(dataset, DCAT.distribution))
    assert len(distributions) == 3
    for dist in distributions:
        name = str(g.value(dist, rdflib.namespace.DCTERMS.title))
        data = (tmp_path / name).read_bytes()
        assert int(g.value(dist, DCAT.byteSize)) == len(data)
        checksum = g.value(dist, SPDX.checksum)
        assert str(g.value(checksum, SPDX.checksumValue)) == hashlib.sha256(data).hexdigest()
        assert str(g.value(dist, DCAT.mediaType)).startswith("https://www.iana.org/assignments/media-types/")
    assert list(g.objects(dataset, rdflib.namespace.DCTERMS.spatial))
    assert g.value(g.value(dataset, rdflib.namespace.DCTERMS.temporal), DCAT.startDate) is not None
    assert not any(isinstance(t, rdflib.BNode) for triple in g for t in triple)


def test_a_description_without_mandatory_properties_fails() -> None:
    catalog = Triple(NamedNode("http://example.org/c"), NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type"),
                     NamedNode("http://www.w3.org/ns/dcat#Catalog"))
    problems = check_dcat_ap([catalog])
    assert problems and any("title" in p for p in problems)


def test_publish_command_and_bad_config(tmp_path: Path, examples_store: Store) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text("[publish]\ntitle_vi = 'x'\n", encoding="utf-8")
    store = tmp_path / "kg"
    Store.open(store).flush()
    result = CliRunner().invoke(main, ["publish", "--store", str(store), "-o", str(tmp_path / "out"), "--config", str(bad)])
    assert result.exit_code == 1 and "lacks" in result.output and str(bad) in result.output
