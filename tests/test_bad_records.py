"""Nothing lost: every bad record is one line naming it, the rest of the batch builds, the exit status is 1."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from kgbuild.cli import main
from kgbuild.errors import InputError
from kgbuild.read import iter_path, read
from kgbuild.store import Store

GOOD = EXAMPLES / "tuyen-duong-ldld-binh-dinh.txt"
TEXT = "Sáng 2/1/2024, Liên đoàn Lao động tỉnh Nam Định tổ chức hội nghị tổng kết công tác công đoàn năm 2023."


def _record(**fields: object) -> str:
    return json.dumps({"text": TEXT, **fields}, ensure_ascii=False)


BAD_RECORDS = {  # JSON Lines records, each bad in one field -> words its error line must hold
    'url-relative': (_record(id="r1", url="/tin-tuc/a.html"), "absolute http(s) URL"),
    'url-angle': (_record(id="r2", url="https://laodong.vn/a<b>.html"), "which no IRI may hold"),
    'url-quote': (_record(id="r3", url='https://laodong.vn/a"b.html'), "which no IRI may hold"),
    'url-number': (_record(id="r4", url=12345), "'url' must be a string, not a number"),
    'title-number': (_record(id="r5", title=2024), "'title' must be a string, not a number"),
    'author-object': (_record(id="r6", author={"name": "An"}), "'author' must be a string or a list of strings"),
    'surrogate': ('{"id": "r7", "text": "C\\u00f4ng \\ud800 \\u0111o\\u00e0n t\\u1ed5 ch\\u1ee9c h\\u1ed9i ngh\\u1ecb"}',
                  "lone surrogate"),
    'text-list': (json.dumps({"id": "r8", "text": ["Công đoàn"]}), "'text' must be a string, not a list"),
    'date-number': (_record(id="r9", date=20240102), "'date' must be a string, not a number"),
    'date-impossible': (_record(id="r10", date="2024-02-30"), "is not a date of the calendar"),
    'date-unreadable': (_record(id="r11", date="hôm qua"), "is not a date kgbuild reads"),
}


def _annotated(tmp: Path, runner: CliRunner) -> dict:  # type: ignore[type-arg]
    runner.invoke(main, ["annotate", str(GOOD), "-o", str(tmp / "ann")])
    return json.loads((tmp / "ann" / f"{GOOD.stem}.json").read_text(encoding="utf-8"))


def _bad_folder(folder: Path, runner: CliRunner) -> dict[str, str]:
    """The issue's bad inputs in one folder: file[:line] -> words its error line must hold."""
    folder.mkdir()
    records = [_record(id="good-1")] + [line for line, _ in BAD_RECORDS.values()]
    (folder / "records.jsonl").write_text("\n".join(records) + "\n", encoding="utf-8")
    expected = {f"records.jsonl:{n}": words for n, (_, words) in enumerate(BAD_RECORDS.values(), start=2)}
    for name, url in (("source-angle.txt", "https://baoninhbinh.org.vn/a<b"),
                      ("source-quote.txt", 'https://baoninhbinh.org.vn/a"b')):
        (folder / name).write_text(f"{GOOD.read_text(encoding='utf-8')}\n\nNguồn Ninh Bình: {url}\n", encoding="utf-8")
        expected[name] = "which no IRI may hold"
    (folder / "long.txt").write_text("Công đoàn tổ chức hội nghị tổng kết năm. " * 25_000, encoding="utf-8")
    expected["long.txt"] = "longer than the pipeline takes"
    (folder / "menus.html").write_text("<html><body><nav>" + "".join(f"<p>Menu {i}</p>" for i in range(10))
                                       + "</nav></body></html>", encoding="utf-8")
    expected["menus.html"] = "not a Vietnamese news article"
    (folder / "README.txt").write_text((EXAMPLES.parent / "README.md").read_text(encoding="utf-8"), encoding="utf-8")
    expected["README.txt"] = "not a Vietnamese news article"
    data = _annotated(folder.parent, runner)
    event = next(r for r in data["relations"] if r["type"] == "event")
    for name, value in (("no-event-type", None), ("object-event-type", {"code": "congress"})):
        changed = json.loads(json.dumps(data))
        changed["article"]["id"] = name
        target = next(r for r in changed["relations"] if r["id"] == event["id"])
        if value is None:
            del target["args"]["event_type"]
        else:
            target["args"]["event_type"] = value
        (folder / f"{name}.json").write_text(json.dumps(changed, ensure_ascii=False), encoding="utf-8")
        expected[f"{name}.json"] = "event_type"
    for sub in ("a", "b"):
        (folder / sub).mkdir()
        (folder / sub / "index.txt").write_text(GOOD.read_text(encoding="utf-8"), encoding="utf-8")
    expected["b/index.txt"] = "is also the id of"
    (folder / "dupes.jsonl").write_text(_record(id="index") + "\n", encoding="utf-8")
    expected["dupes.jsonl:1"] = "is also the id of"
    return expected


def test_a_folder_of_bad_and_good_records_builds_every_good_one(tmp_path: Path) -> None:
    runner = CliRunner()
    expected = _bad_folder(tmp_path / "in", runner)
    missing, loop = tmp_path / "missing.txt", tmp_path / "loop"
    loop.symlink_to(loop)
    store = tmp_path / "kg"
    result = runner.invoke(main, ["build", str(tmp_path / "in"), str(missing), str(loop), str(EXAMPLES),
                                  "--store", str(store), "-q", "--no-validate"])
    assert result.exit_code == 1, result.output
    assert "Traceback" not in result.output and isinstance(result.exception, SystemExit)
    errors = [line for line in result.output.splitlines() if line.startswith("error: ")]
    for name, words in expected.items():
        where = f"{tmp_path / 'in' / name}"
        found = [e for e in errors if e.startswith(f"error: {where}: ")]
        assert len(found) == 1 and words in found[0], (name, words, errors)
    assert any(e.startswith(f"error: {missing}: no such file") for e in errors)
    assert any(e.startswith(f"error: {loop}: ") for e in errors)
    assert len(errors) == len(expected) + 2, errors
    ids = {r["id"].value for r in Store.open_for_reading(store).query(
        "SELECT ?id WHERE { ?a <https://w3id.org/kgbuild/ontology#articleId> ?id }")}
    examples = {a.id for a in read([EXAMPLES])}
    assert len(examples) >= 16 and ids == {"good-1", "index"} | examples, "every good article is built"


def _run_without_root_powers(args: list[str]) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "kgbuild.cli", *args]
    if os.geteuid() == 0:
        if not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: a folder cannot be made unreadable")
        command = ["setpriv", "--bounding-set=-dac_override,-dac_read_search", *command]
    return subprocess.run(command, capture_output=True, text=True, timeout=300)


def test_unreadable_folders_are_errors_for_themselves_only(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "locked").mkdir(parents=True)
    shutil.copy(GOOD, corpus / "good.txt")
    shutil.copy(GOOD, corpus / "locked" / "hidden.txt")
    (corpus / "locked").chmod(0)
    try:
        result = _run_without_root_powers(["build", str(corpus), str(corpus / "locked" / "hidden.txt"),
                                           "--store", str(tmp_path / "kg"), "--no-validate", "-q"])
    finally:
        (corpus / "locked").chmod(0o755)
    assert result.returncode == 1 and "Traceback" not in result.stderr, result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("error: ")]
    assert set(errors) == {f"error: {corpus / 'locked'}: cannot read this folder (Permission denied); "
                           "the files in it are not built",
                           f"error: {corpus / 'locked' / 'hidden.txt'}: cannot read (Permission denied)"}, result.stderr
    assert "built 1 article(s)" in result.stderr


VALUES = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=30),
                   st.lists(st.text(max_size=5), max_size=2), st.dictionaries(st.text(max_size=3), st.integers(), max_size=1))
URLS = st.one_of(st.text(max_size=40), st.builds(lambda tail: f"https://laodong.vn/{tail}", st.text(max_size=20)),
                 st.sampled_from(["http://", "https://", "ftp://x.vn/a", "//x.vn/a", "https://x.vn/a b", "javascript:x"]))


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(fields=st.fixed_dictionaries({}, optional={"id": VALUES, "title": VALUES, "author": VALUES, "date": VALUES,
                                                  "url": st.one_of(VALUES, URLS), "text": st.one_of(VALUES, st.just(TEXT))}))
def test_fuzzed_json_lines_records_are_articles_or_one_error(tmp_path: Path, fields: dict[str, object]) -> None:
    path = tmp_path / "fuzz.jsonl"
    path.write_text(json.dumps(fields) + "\n", encoding="utf-8")
    items = list(iter_path(path))
    assert len(items) == 1
    item = items[0]
    if isinstance(item, InputError):
        assert str(item).startswith(f"{path}:1: ") and "\n" not in str(item)
        return
    assert isinstance(item.title, str) and all(isinstance(a, str) for a in item.authors)
    assert item.source_url is None or item.source_url.startswith(("http://", "https://"))
    for value in (item.text, item.title, item.source_url or "", *item.authors):
        value.encode("utf-8")  # a proper string: it can be written to a file and into RDF


def test_hand_corrected_annotations_are_never_overwritten_silently(tmp_path: Path) -> None:
    runner = CliRunner()
    data = _annotated(tmp_path, runner)
    file = tmp_path / "ann" / f"{GOOD.stem}.json"
    data["entities"][0]["value"] = data["entities"][0]["value"] + " (sửa tay)"
    file.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    again = runner.invoke(main, ["annotate", str(GOOD), "-o", str(tmp_path / "ann")])
    assert again.exit_code == 1 and f"error: {file}: differs from what the pipeline writes" in again.output
    assert "(sửa tay)" in file.read_text(encoding="utf-8")
    store = str(tmp_path / "kg")
    assert runner.invoke(main, ["build", str(file), "--store", store, "-q"]).exit_code == 0
    text_build = runner.invoke(main, ["build", str(GOOD), "--store", store, "-q"])
    assert text_build.exit_code == 1 and f"error: {GOOD}: would replace article" in text_build.output
    assert str(file) in text_build.output and "--force" in text_build.output
    forced = runner.invoke(main, ["build", str(GOOD), "--store", store, "-q", "--force"])
    assert forced.exit_code == 0 and "built 1 article(s)" in forced.output


def test_content_hashes_do_not_depend_on_where_the_corpus_lies(tmp_path: Path) -> None:
    runner = CliRunner()
    for name in ("here", "there"):
        (tmp_path / name).mkdir()
        shutil.copy(GOOD, tmp_path / name / GOOD.name)
    store = str(tmp_path / "kg")
    runner.invoke(main, ["build", str(tmp_path / "here"), "--store", store, "-q"])
    moved = runner.invoke(main, ["build", str(tmp_path / "there"), "--store", store, "-q"])
    assert "built 0 article(s)" in moved.output and "1 unchanged" in moved.output


T = "\u0300\u0301\u0303\u0309\u0323"


def _windows_1258(text: str) -> bytes:
    """Text as Windows-1258 writes it: precomposed base letters (â, ơ, đ …), tone marks combining."""
    out = []
    for char in text:
        parts = unicodedata.normalize("NFD", char)
        base = unicodedata.normalize("NFC", "".join(c for c in parts if c not in T))
        out.append(base + "".join(c for c in parts if c in T))
    return "".join(out).encode("cp1258")


def _legacy(text: str, encoding: str) -> bytes:
    table = json.loads((Path(__file__).parent.parent / "src/kgbuild/read/encodings.json").read_text(encoding="utf-8"))
    if encoding == "tcvn3":
        codes = {char: int(code, 16) for code, char in table["tcvn3"].items()}  # capitals: the same codes, a capitals font
        return bytes(codes.get(c) or codes.get(c.lower()) or ord(c) for c in text)
    if encoding == "vni":
        return "".join(table["vni"].get(c, c) for c in text).encode("cp1252")
    return _windows_1258(text)


@pytest.mark.parametrize(("encoding", "named", "conversion"), [
    ("windows-1258", "Windows-1258", "iconv -f WINDOWS-1258"),
    ("tcvn3", "TCVN3 (ABC)", "iconv -f TCVN5712-1"),
    ("vni", "VNI", "kgbuild convert --from vni"),
])
def test_legacy_encodings_are_told_apart_and_converted(tmp_path: Path, encoding: str, named: str, conversion: str) -> None:
    text = GOOD.read_text(encoding="utf-8")
    source = tmp_path / "old" / "bai.txt"
    source.parent.mkdir()
    source.write_bytes(_legacy(text, encoding))
    runner = CliRunner()
    result = runner.invoke(main, ["build", str(source), "--store", str(tmp_path / "kg"), "-q"])
    line = next(x for x in result.output.splitlines() if x.startswith("error: "))
    assert f"it looks like {named}" in line and conversion in line, line
    converted = runner.invoke(main, ["convert", str(source), "--from", encoding, "-o", str(tmp_path / "new")])
    assert converted.exit_code == 0
    back = (tmp_path / "new" / "bai.txt").read_text(encoding="utf-8")
    assert back == text or (encoding == "tcvn3" and back.lower() == text.lower())
    built = runner.invoke(main, ["build", str(tmp_path / "new"), "--store", str(tmp_path / "kg"), "-q"])
    assert built.exit_code == 0 and "built 1 article(s)" in built.output
