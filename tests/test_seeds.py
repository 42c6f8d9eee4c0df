"""The five real seed articles of ../shared, scored by the contract's own scorer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from conftest import SEED_GOLD, SHARED, need_seeds
from kgbuild.query import resolve, rows
from kgbuild.store import Store


def test_seed_scores(seeds_store: tuple[Store, Path]) -> None:
    store, path = seeds_store
    store.flush()
    kgbuild = f"{sys.executable} -m kgbuild.cli"
    del store  # the scorer opens the store read-only from another process
    result = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "score.py"), "--gold", str(SEED_GOLD), "--store", str(path),
         "--kgbuild", kgbuild, "--json"], capture_output=True, text=True, timeout=300, check=True)
    report = json.loads(result.stdout)
    for kind in ("articles", "events", "attendances"):
        assert report[kind]["f1"] >= 0.8, (kind, report[kind])
    for kind in ("roles", "awards", "statistics"):
        assert report[kind]["strict_matches"] >= 1, (kind, report[kind])


def test_leaders_at_the_vinh_long_conference(seeds_store: tuple[Store, Path]) -> None:
    store, _ = seeds_store
    _, table = rows(store.query(resolve("leaders-at-conferences")))
    row = next(r for r in table if r[0] == "Nguyễn Thị Mỹ Dung")
    assert row[1:3] == ["Phó Chủ tịch", "Liên đoàn Lao động tỉnh Vĩnh Long"] and row[5] == "2025-01-03"


def test_one_organisation_across_the_two_vinh_phuc_articles(seeds_store: tuple[Store, Path]) -> None:
    need_seeds()
    store, _ = seeds_store
    _, table = rows(store.query(resolve("organisation-figures")))
    unions = {(r[3], r[4]) for r in table if r[2] == "grassroots_unions" and "Vĩnh Phúc" in r[1]}
    iris = {r[0] for r in table if r[2] == "grassroots_unions" and "Vĩnh Phúc" in r[1]}
    assert unions == {("2018", "84"), ("2024", "76")} and len(iris) == 1


def test_seed_build_conforms_to_the_shapes(seeds_store: tuple[Store, Path]) -> None:
    from kgbuild.validate import validate_store

    store, _ = seeds_store
    reports = list(validate_store(store))
    assert len(reports) == 5 and all(r.conforms for r in reports), [r.violations for r in reports if not r.conforms]
