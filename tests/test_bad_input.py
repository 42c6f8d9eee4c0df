"""The bad-input corpus: every bad file gets one clear line naming it, and the rest of the batch builds."""

from __future__ import annotations

import json
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner

from conftest import EXAMPLES
from kgbuild.cli import main
from kgbuild.store import Store

GOOD = EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"


def _bad_files(folder: Path) -> dict[str, str]:
    """File name -> words its error line must contain."""
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (folder / "windows1258.txt").write_bytes(
        unicodedata.normalize("NFD", "Hội nghị tổng kết công đoàn").encode("cp1258", errors="ignore")
        or b"H\xf4\xf2i ngh\xec\xf2")
    (folder / "tcvn3.txt").write_bytes(b"H\xa9i ngh\xdf t\xe5ng k\xd5t c\xabng \xae\xb5n n\xa8m 2024")
    (folder / "huge.txt").write_bytes(("Công đoàn tổng kết năm 2024. " * 80_000).encode())
    (folder / "furniture-only.txt").write_text("logo\nfb yt zl tw\nIn bài viết\n", encoding="utf-8")
    (folder / "bad.jsonl").write_text('{"id": "ok-1", "text": "Sáng 2/1/2024, LĐLĐ tỉnh Nam Định tổ chức hội nghị."}\n'
                                      '{"id": "no text"}\n{not json\n', encoding="utf-8")
    return {"empty.txt": "empty file", "binary.txt": "binary file", "windows1258.txt": "not UTF-8",
            "tcvn3.txt": "legacy Vietnamese encoding", "huge.txt": "too large",
            "furniture-only.txt": "no article text", "bad.jsonl:2": "'text' field", "bad.jsonl:3": "invalid JSON"}


def test_bad_articles_are_reported_and_the_rest_builds(tmp_path: Path) -> None:
    expected = _bad_files(tmp_path)
    (tmp_path / "nfd.txt").write_text(unicodedata.normalize("NFD", GOOD.read_text(encoding="utf-8")), encoding="utf-8")
    (tmp_path / "soup.html").write_text("<html><body><div><p>Sáng 3/3/2024, Liên đoàn Lao động tỉnh Hà Nam tổ chức "
                                        "hội nghị tổng kết<div><b>năm 2023.<p>Dự hội nghị có đồng chí Trần Văn An, "
                                        "Chủ tịch Liên đoàn Lao động tỉnh Hà Nam.</span>", encoding="utf-8")
    store = tmp_path / "kg"
    result = CliRunner().invoke(main, ["build", str(tmp_path), str(GOOD), "--store", str(store), "-q"])
    assert result.exit_code == 1
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    for name, words in expected.items():
        line = next((e for e in errors if f"{tmp_path / name.split(':')[0]}" in e and name in e), None)
        assert line is not None and words in line, (name, errors)
    assert len(errors) == len(expected)
    assert "built 4 article(s)" in result.output
    s = Store.open_for_reading(store)
    ids = {r["id"].value for r in s.query(
        "SELECT ?id WHERE { ?a <https://w3id.org/kgbuild/ontology#articleId> ?id }")}
    assert ids == {"nfd", "soup", "tuyen-duong-ldld-binh-dinh", "ok-1"}


def test_nfd_text_gives_the_same_facts_as_nfc(tmp_path: Path) -> None:
    (tmp_path / "nfd.txt").write_text(unicodedata.normalize("NFD", GOOD.read_text(encoding="utf-8")), encoding="utf-8")
    runner = CliRunner()
    answers = []
    for source, name in ((tmp_path / "nfd.txt", "a"), (GOOD, "b")):
        store = str(tmp_path / name)
        runner.invoke(main, ["build", str(source), "--store", store, "-q"])
        rows = json.loads(runner.invoke(main, ["query", "awards", "--store", store, "--format", "json"]).stdout)
        answers.append(sorted((b["award"]["value"], b["count"]["value"]) for b in rows["results"]["bindings"]))
    assert answers[0] == answers[1] and answers[0]


def test_fail_fast_stops_at_the_first(tmp_path: Path) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"")
    (tmp_path / "b-good.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    result = CliRunner().invoke(main, ["build", str(tmp_path), "--store", str(tmp_path / "kg"), "--fail-fast", "-q"])
    assert result.exit_code == 1 and "a-empty.txt: empty file" in result.output
    assert "built" not in result.output


@pytest.mark.parametrize(("mutate", "words"), [
    (lambda d: "{not json", "invalid JSON"),
    (lambda d: json.dumps({**d, "entities": [{**d["entities"][0], "start": 10**7, "end": 10**7 + 3}]}), "do not fit"),
    (lambda d: json.dumps({**d, "entities": [{**d["entities"][0], "label": "MONSTER"}]}), "not a valid annotated"),
    (lambda d: json.dumps({k: v for k, v in d.items() if k != "format"}), "not an annotated article"),
])
def test_broken_annotations(tmp_path: Path, mutate, words: str) -> None:  # type: ignore[no-untyped-def]
    runner = CliRunner()
    runner.invoke(main, ["annotate", str(GOOD), "-o", str(tmp_path / "ann")])
    file = tmp_path / "ann" / "tuyen-duong-ldld-binh-dinh.json"
    file.write_text(mutate(json.loads(file.read_text(encoding="utf-8"))), encoding="utf-8")
    result = runner.invoke(main, ["build", str(file), "--store", str(tmp_path / "kg"), "-q"])
    assert result.exit_code == 1 and f"error: {file}: " in result.output and words in result.output


def test_malformed_mapping_stops_before_anything_is_written(tmp_path: Path) -> None:
    mappings = tmp_path / "mappings"
    mappings.mkdir()
    for good in (EXAMPLES.parent / "mappings").glob("*.rq"):
        (mappings / good.name).write_text(good.read_text(encoding="utf-8"), encoding="utf-8")
    (mappings / "99-broken.rq").write_text("CONSTRUCT { ?s ?p } WHERE { ?s ?p ?o }", encoding="utf-8")
    store = tmp_path / "kg"
    result = CliRunner().invoke(main, ["build", str(GOOD), "--store", str(store), "--mappings", str(mappings)])
    assert result.exit_code == 1 and "99-broken.rq: mapping script does not parse" in result.output
    assert len(Store.open_for_reading(store)) == 0


def test_malformed_named_query_and_invalid_sparql(tmp_path: Path) -> None:
    runner = CliRunner()
    store = str(tmp_path / "kg")
    runner.invoke(main, ["build", str(GOOD), "--store", store, "-q"])
    bad = tmp_path / "bad.rq"
    bad.write_text("SELECT ?x WHERE { ?x ", encoding="utf-8")
    result = runner.invoke(main, ["query", f"@{bad}", "--store", store])
    assert result.exit_code == 1 and f"{bad}: invalid SPARQL" in result.output
    result = runner.invoke(main, ["query", "SELECT * WHERE { ?s ?p }", "--store", store])
    assert result.exit_code == 1 and "invalid SPARQL" in result.output and len(result.output.strip().splitlines()) == 1
