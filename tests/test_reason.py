"""OWL 2 RL inferences land in their own graph per article, apart from what was asserted."""

from __future__ import annotations

from pathlib import Path

from conftest import EXAMPLES
from kgbuild.build import build
from kgbuild.store import Store

BASE = "https://data.example.org/kgbuild/"
ASK = "ASK {{ GRAPH <{g}> {{ {pattern} }} }}"


def test_inferences_are_kept_apart(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "kg")
    build([EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt", EXAMPLES / "dai-hoi-cdcs-truong-thpt-chu-van-an.txt"],
          store, reason=True)
    inferred = BASE + "inferred/tuyen-duong-ldld-binh-dinh"
    asserted = BASE + "graph/tuyen-duong-ldld-binh-dinh"
    org = f"<{BASE}org/lien-doan-lao-dong-tinh-binh-dinh>"
    organisation = "<http://www.w3.org/ns/org#Organization>"
    assert bool(store.query(ASK.format(g=inferred, pattern=f"{org} a {organisation}"), union=False))
    assert not bool(store.query(ASK.format(g=asserted, pattern=f"{org} a {organisation}"), union=False))
    attendee = f"?e <http://schema.org/attendee> <{BASE}person/vo-thi-ngoc-lan-binh-dinh>"
    assert bool(store.query(ASK.format(g=inferred, pattern=attendee), union=False))
    school = BASE + "inferred/dai-hoi-cdcs-truong-thpt-chu-van-an"
    union = f"<{BASE}org/cong-doan-co-so-truong-thpt-chu-van-an> a <http://schema.org/WorkersUnion>"
    assert bool(store.query(ASK.format(g=school, pattern=union), union=False)), "a grassroots union is a workers union"
    size = len(store)
    build([EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"], store, reason=True, force=True)
    assert len(store) == size, "rebuilding replaces the inferred graph too"
