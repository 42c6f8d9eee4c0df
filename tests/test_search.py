"""Search: the names index, its folding, its ranking, and how it stays in step with the store."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from click.testing import CliRunner
from starlette.testclient import TestClient

from conftest import EXAMPLES
from kgbuild.build import build
from kgbuild.cli import main
from kgbuild.errors import KgbuildError
from kgbuild.search import index_path, open_index, refresh, search
from kgbuild.search.extract import entries
from kgbuild.search.text import expand, key, words
from kgbuild.server import ServerConfig, create_app
from kgbuild.settings import setting
from kgbuild.store import Store

# Written for these tests: two short articles whose names differ only in diacritics and abbreviations.
ARTICLE_A = """Công đoàn Viên chức tỉnh Vĩnh Phúc tổng kết năm 2024

Sáng 8/1/2025, Công đoàn Viên chức tỉnh Vĩnh Phúc tổ chức hội nghị tổng kết công tác công đoàn năm 2024.
Đồng chí Đặng Thị Quỳnh Như, Chủ tịch Công đoàn Viên chức tỉnh Vĩnh Phúc, chủ trì hội nghị.
"""
ARTICLE_B = """LĐLĐ tỉnh Vĩnh Phúc biểu dương đoàn viên

Ngày 3/2/2025, Liên đoàn Lao động tỉnh Vĩnh Phúc tổ chức lễ biểu dương đoàn viên tiêu biểu.
Bà Đặng Thị Quỳnh Như, Chủ tịch Công đoàn Viên chức tỉnh Vĩnh Phúc, dự buổi lễ.
"""


def test_words_fold_case_diacritics_and_d() -> None:
    assert words("ĐẶNG Thị Quỳnh Như") == words("dang thi quynh nhu") == ["dang", "thi", "quynh", "nhu"]
    assert words("Hoà Bình") == words("Hòa Bình") == ["hoa", "binh"]


def test_abbreviations_are_written_out_from_the_extractors_lexicon() -> None:
    assert expand("CĐVC Vĩnh Phúc") == expand("cdvc vinh phuc") == expand("Công đoàn Viên chức Vĩnh Phúc")
    assert expand("LĐLĐ tỉnh Bắc Ninh")[:4] == ["lien", "doan", "lao", "dong"]
    assert expand("TP.HCM") == ["thanh", "pho", "ho", "chi", "minh"]
    assert key("Liên đoàn Lao động thành phố Cần Thơ") == key("ldld can tho")


@pytest.fixture(scope="module")
def small(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("search")
    (folder / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (folder / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    store = Store.open(folder / "kg")
    report = build([folder / "a.txt", folder / "b.txt"], store, validate=False)
    assert not report.errors
    del store
    return folder / "kg"


def test_build_writes_the_index_beside_the_store(small: Path) -> None:
    assert index_path(Store.open_for_reading(small)) == small.with_name("kg.search.sqlite")
    assert small.with_name("kg.search.sqlite").exists()


@pytest.mark.parametrize("typed", ["dang thi quynh nhu", "ĐẶNG THỊ QUỲNH NHƯ", "Dang Thi Quynh Nhu", "đặng thị quỳnh như"])
def test_a_person_is_found_by_any_spelling(small: Path, typed: str) -> None:
    hits = search(Store.open_for_reading(small), typed)
    assert hits[0].name == "Đặng Thị Quỳnh Như"
    assert (hits[0].type, hits[0].match, hits[0].articles) == ("person", "exact", 2)
    assert "Quỳnh Như" in hits[0].snippet


def test_an_abbreviated_organisation_is_found_first(small: Path) -> None:
    hits = search(Store.open_for_reading(small), "cdvc vinh phuc")
    assert (hits[0].name, hits[0].type, hits[0].match) == ("Công đoàn Viên chức tỉnh Vĩnh Phúc", "organisation", "exact")
    ldld = search(Store.open_for_reading(small), "LĐLĐ Vĩnh Phúc", types=["organisation"])
    assert ldld[0].name == "Liên đoàn Lao động tỉnh Vĩnh Phúc"


def test_exact_then_prefix_then_words(small: Path) -> None:
    store = Store.open_for_reading(small)
    hits = search(store, "cdvc vinh phuc", limit=20)
    assert [(h.match, h.type) for h in hits] == [("exact", "organisation"), ("prefix", "article")]
    assert [h.match for h in search(store, "cong doan vien chuc")] == ["prefix", "prefix"]
    words_only = search(store, "vien chuc")
    assert {h.match for h in words_only} == {"words"} and words_only[0].type == "organisation"


def test_types_and_limit(small: Path) -> None:
    store = Store.open_for_reading(small)
    assert {h.type for h in search(store, "vinh phuc", types=["article"], limit=50)} == {"article"}
    assert len(search(store, "vinh phuc", limit=1)) == 1
    with pytest.raises(KgbuildError, match="unknown type"):
        search(store, "vinh phuc", types=["planet"])
    assert search(store, "  ,, ") == []


def test_a_deleted_index_is_rebuilt_from_the_store(small: Path, tmp_path: Path) -> None:
    shutil.copytree(small, tmp_path / "kg")
    store = Store.open_for_reading(tmp_path / "kg")
    assert not index_path(store).exists()
    assert search(store, "dang thi quynh nhu")[0].articles == 2
    index_path(store).unlink()
    assert search(store, "cdvc vinh phuc")[0].type == "organisation"


def test_an_article_rebuilt_replaces_its_rows_and_one_removed_leaves(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    (tmp_path / "b.txt").write_text(ARTICLE_B, encoding="utf-8")
    store = Store.open(tmp_path / "kg")
    build([tmp_path / "a.txt", tmp_path / "b.txt"], store, validate=False)
    (tmp_path / "b.txt").write_text(ARTICLE_B.replace("Đặng Thị Quỳnh Như", "Lương Thị Mai"), encoding="utf-8")
    build([tmp_path / "a.txt", tmp_path / "b.txt"], store, validate=False)
    assert search(store, "luong thi mai")[0].articles == 1
    assert search(store, "dang thi quynh nhu")[0].articles == 1
    graph = next(g for g in store.built_hashes() if g.endswith("/graph/b"))
    assert store.remove_graph(graph)  # the graph and its build record leave the store
    assert refresh(store) == 1
    assert search(store, "luong thi mai") == []


def test_an_index_behind_the_store_is_caught_up_by_the_next_search(tmp_path: Path) -> None:
    """A build killed after writing an article but before indexing it: the hashes differ, the search repairs it."""
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    store = Store.open(tmp_path / "kg")
    build([tmp_path / "a.txt"], store, validate=False)
    index = open_index(store, fresh=False)
    graph = next(iter(store.built_hashes()))
    index.db.execute("UPDATE indexed SET hash = 'old' WHERE graph = ?", (graph,))
    index.db.execute("DELETE FROM mention WHERE graph = ?", (graph,))
    index.close()
    assert search(store, "dang thi quynh nhu")[0].articles == 1


def test_entities_left_pending_by_a_killed_refresh_are_settled_by_the_next(tmp_path: Path) -> None:
    """A refresh recounts entities once at its end; killed before that, the marks stay and the next refresh settles them."""
    (tmp_path / "a.txt").write_text(ARTICLE_A, encoding="utf-8")
    store = Store.open(tmp_path / "kg")
    build([tmp_path / "a.txt"], store, validate=False)
    index = open_index(store, fresh=False)
    graph, digest = next(iter(store.built_hashes().items()))
    index.clear()
    index.replace([(graph, digest, entries(store, graph))], settle=False)  # the kill comes before settle()
    assert index.search("dang thi quynh nhu") == []  # no entity row yet: only its mentions and its mark
    assert index.db.execute("SELECT COUNT(*) FROM pending").fetchone()[0] > 0
    index.close()
    assert search(store, "dang thi quynh nhu")[0].articles == 1  # the search's refresh settles the marks
    index = open_index(store, fresh=False)
    assert index.db.execute("SELECT COUNT(*) FROM pending").fetchone()[0] == 0
    index.close()


def test_a_failed_index_transaction_changes_nothing(small: Path, tmp_path: Path) -> None:
    shutil.copytree(small, tmp_path / "kg")
    shutil.copy(small.with_name("kg.search.sqlite"), tmp_path / "kg.search.sqlite")
    index = open_index(Store.open_for_reading(tmp_path / "kg"))
    before = index.hashes()

    def broken():  # type: ignore[no-untyped-def]
        yield ("https://example.org/graph/x", "h", [])
        raise RuntimeError("killed")

    with pytest.raises(RuntimeError):
        index.replace(broken())
    assert index.hashes() == before
    assert index.search("dang thi quynh nhu")[0].articles == 2


def test_killed_builds_leave_an_index_the_next_build_completes(tmp_path: Path) -> None:
    store_path = tmp_path / "kg"
    command = [sys.executable, "-m", "kgbuild.cli", "build", str(EXAMPLES), "--no-validate", "-q", "--store",
               str(store_path)]
    for delay in (2.5, 4.0):
        proc = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        time.sleep(delay)
        proc.kill()
        proc.wait()
    subprocess.run(command, check=True, capture_output=True)
    store = Store.open_for_reading(store_path)
    index = open_index(store, fresh=False)
    assert index.hashes() == store.built_hashes()
    hit = index.search("duong dinh chinh")[0]
    assert (hit.name, hit.type) == ("Dương Đình Chỉnh", "person")


def test_cli_search(small: Path) -> None:
    result = CliRunner().invoke(main, ["search", "cdvc vinh phuc", "--store", str(small), "--json", "--limit", "3"])
    assert result.exit_code == 0, result.output
    hits = json.loads(result.stdout)
    assert hits[0]["name"] == "Công đoàn Viên chức tỉnh Vĩnh Phúc" and len(hits) <= 3
    text = CliRunner().invoke(main, ["search", "dang thi quynh nhu", "--store", str(small), "--type", "person"])
    assert "Đặng Thị Quỳnh Như" in text.stdout and "2 article(s)" in text.stdout
    bad = CliRunner().invoke(main, ["search", "x", "--store", str(small), "--type", "planet"])
    assert bad.exit_code == 2


def test_http_search_json_and_html(small: Path) -> None:
    http = TestClient(create_app(ServerConfig(store_path=str(small), base_iri=setting("base_iri"))))
    body = http.get("/search", params={"q": "nguyen", "format": "json"}).json()
    assert body["hits"] == []
    body = http.get("/search", params={"q": "dang thi quynh"}, headers={"Accept": "application/json"}).json()
    first = body["hits"][0]
    assert first["name"] == "Đặng Thị Quỳnh Như" and first["match"] == "prefix"
    assert first["page"].startswith("/person/")
    assert http.get(first["page"]).status_code == 200
    page = http.get("/search", params={"q": "cdvc vinh phuc"}, headers={"Accept": "text/html"})
    assert page.status_code == 200 and "Công đoàn Viên chức tỉnh Vĩnh Phúc" in page.text
    assert 'id="kgb-search"' in http.get("/").text  # the box is on every page
    assert http.get("/search", params={"q": "x", "type": "planet"}).status_code == 400
    assert http.get("/search", params={"q": "x"}, headers={"Accept": "image/png"}).status_code == 406
