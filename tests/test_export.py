"""Exports round-trip with identical counts through rdflib, pyoxigraph and an independent parser."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
from pathlib import Path

import pytest
import rdflib
from pyld import jsonld
from pyoxigraph import parse

from kgbuild.export import FORMATS, export, export_to_path
from kgbuild.store import Store

RAPPER = shutil.which("rapper")
RAPPER_NAMES = {"turtle": "turtle", "ntriples": "ntriples", "nquads": "nquads", "trig": "trig", "rdfxml": "rdfxml"}
RDFLIB_NAMES = {"turtle": "turtle", "ntriples": "nt", "nquads": "nquads", "trig": "trig", "rdfxml": "xml",
                "jsonld": "json-ld"}


def _rdflib_count(data: bytes, fmt: str) -> int:
    if FORMATS[fmt].supports_datasets:
        ds = rdflib.Dataset()
        ds.parse(data=data, format=RDFLIB_NAMES[fmt])
        return sum(1 for _ in ds.quads((None, None, None, None)))
    return len(rdflib.Graph().parse(data=data, format=RDFLIB_NAMES[fmt]))


def _independent_count(data: bytes, fmt: str, tmp: Path) -> int:
    if fmt == "jsonld":  # raptor has no JSON-LD parser: pyld, the JSON-LD reference processor
        nquads = jsonld.to_rdf(json.loads(data), {"format": "application/n-quads"})
        return len([line for line in nquads.splitlines() if line.strip()])
    if RAPPER is None:
        pytest.skip("rapper (Debian raptor2-utils) is not installed; .ci/run installs it")
    path = tmp / f"export.{fmt}"
    path.write_bytes(data)
    out = subprocess.run([RAPPER, "-q", "-i", RAPPER_NAMES[fmt], "-o", "nquads", str(path)],
                         capture_output=True, check=True).stdout
    return len([line for line in out.splitlines() if line.strip()])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_round_trip_in_three_parsers(examples_store: Store, fmt: str, tmp_path: Path) -> None:
    out = io.BytesIO()
    count = export(examples_store, out, fmt)
    data = out.getvalue()
    assert count > 1000
    assert len(list(parse(data, format=FORMATS[fmt]))) == count
    assert _rdflib_count(data, fmt) == count
    again = io.BytesIO()
    export(examples_store, again, fmt)
    assert again.getvalue() == data, "the same store gives the same bytes"
    assert _independent_count(data, fmt, tmp_path) == count  # last: it skips where rapper is missing


def test_jsonld_uses_the_published_context(examples_store: Store) -> None:
    out = io.BytesIO()
    export(examples_store, out, "jsonld")
    doc = json.loads(out.getvalue())
    assert doc["@context"]["kgb"] == "https://w3id.org/kgbuild/ontology#" and doc["@graph"]


def test_one_article_graph_and_gzip(examples_store: Store, tmp_path: Path) -> None:
    graph = "https://data.example.org/kgbuild/graph/tuyen-duong-ldld-binh-dinh"
    path = tmp_path / "one.nq.gz"
    count = export_to_path(examples_store, str(path), graph=graph)
    lines = gzip.decompress(path.read_bytes()).decode().splitlines()
    assert len(lines) == count > 100 and all(line.endswith(f"<{graph}> .") for line in lines)
    second = tmp_path / "two.nq.gz"
    export_to_path(examples_store, str(second), graph=graph)
    assert second.read_bytes() == path.read_bytes(), "gzip output carries no timestamp"
