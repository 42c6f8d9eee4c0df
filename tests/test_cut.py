"""The row and byte caps on results as they stream, on documents written here in the engine's shapes."""

from __future__ import annotations

import json
import random

import pytest

from kgbuild.server.cut import ROW_MAX, Cutter

JSON = "application/sparql-results+json"
XML = "application/sparql-results+xml"
TRICKY = ['plain', 'has "}},{" inside', 'ends with }},{', 'a \\ and a "quote"', '}},{"x":{', 'line\nbreak', '{},{}']


def _json_doc(rows: list[dict[str, str]], names: list[str]) -> bytes:
    """A SELECT result written compactly, as the native engine writes it."""
    bindings = [{k: {"type": "literal", "value": v} for k, v in row.items()} for row in rows]
    return json.dumps({"head": {"vars": names}, "results": {"bindings": bindings}}, separators=(",", ":"),
                      ensure_ascii=False).encode()


def _xml_doc(values: list[str]) -> bytes:
    body = "".join(f'<result><binding name="x"><literal>{v.replace("&", "&amp;").replace("<", "&lt;")}</literal>'
                   "</binding></result>" for v in values)
    return ('<?xml version="1.0"?><sparql xmlns="http://www.w3.org/2005/sparql-results#"><head>'
            f'<variable name="x"/></head><results>{body}</results></sparql>').encode()


def _csv_doc(values: list[str]) -> bytes:
    def field(v: str) -> str:
        return '"' + v.replace('"', '""') + '"' if any(c in v for c in ',"\r\n') else v
    return ("x\r\n" + "".join(field(v) + "\r\n" for v in values)).encode()


def _run(doc: bytes, media: str, max_rows: int, max_bytes: int, seed: int,
         sizes: tuple[int, ...] = (1, 2, 5, 64, 4096)) -> tuple[bytes | None, Cutter]:
    cutter, out, at, rng = Cutter(media, max_rows, max_bytes), [], 0, random.Random(seed)
    while at < len(doc) and not cutter.done:
        size = rng.choice(sizes)
        piece = cutter.feed(doc[at:at + size])
        at += size
        if piece is None:
            return None, cutter
        out.append(piece)
    if not cutter.done:
        rest = cutter.finish()
        if rest is None:
            return None, cutter
        out.append(rest)
    return b"".join(out), cutter


def _values(count: int, seed: int = 3) -> list[str]:
    rng = random.Random(seed)
    return [rng.choice(TRICKY) + f" {i}" for i in range(count)]


@pytest.mark.parametrize("seed", range(4))
@pytest.mark.parametrize(("max_rows", "max_bytes"), [(1000, 1 << 30), (7, 1 << 30), (1, 1 << 30), (1000, 900)])
def test_json_results_are_cut_at_whole_rows_whatever_the_strings_hold(seed: int, max_rows: int, max_bytes: int) -> None:
    values = _values(40, seed)
    rows = [{"x": v, "y": v[::-1]} for v in values]
    body, cutter = _run(_json_doc(rows, ["x", "y"]), JSON, max_rows, max_bytes, seed)
    assert body is not None
    kept = json.loads(body)["results"]["bindings"]
    assert kept == [{k: {"type": "literal", "value": v} for k, v in row.items()} for row in rows[: len(kept)]]
    assert cutter.rows == len(kept) and len(body) <= max_bytes + len(b"]}}")
    if max_bytes < 1 << 30:
        assert cutter.reason == "--max-bytes" and 0 < len(kept) < 40
    else:
        assert len(kept) == min(40, max_rows) and cutter.truncated == (max_rows < 40)


def test_rows_without_bindings_are_counted_too() -> None:
    rows: list[dict[str, str]] = [{} if i % 3 else {"x": "{},{}"} for i in range(10)]
    body, cutter = _run(_json_doc(rows, ["x"]), JSON, 5, 1 << 30, 1)
    assert body is not None and cutter.rows == 5
    assert json.loads(body)["results"]["bindings"] == json.loads(_json_doc(rows[:5], ["x"]))["results"]["bindings"]


def test_a_result_with_no_whole_row_under_the_byte_cap_is_refused() -> None:
    body, _ = _run(_json_doc([{"x": "a" * 5000}], ["x"]), JSON, 10, 1000, 0)
    assert body is None


def test_a_row_longer_than_the_limit_ends_the_result_before_it() -> None:
    doc = _json_doc([{"x": "short"}, {"x": "b" * (2 * ROW_MAX)}, {"x": "never"}], ["x"])
    body, cutter = _run(doc, JSON, 10, 1 << 30, 0, sizes=(7, 65536))
    assert body is not None and json.loads(body)["results"]["bindings"] == [{"x": {"type": "literal", "value": "short"}}]
    assert cutter.reason.startswith("a row over")


def test_ask_results_go_through_untouched() -> None:
    doc = b'{"head":{},"boolean":true}'
    body, cutter = _run(doc, JSON, 1, 1 << 30, 0)
    assert body == doc and not cutter.truncated


@pytest.mark.parametrize("max_rows", [3, 100])
def test_xml_results_are_cut_at_whole_rows_and_say_so(max_rows: int) -> None:
    values = [v.replace("\n", " ") for v in _values(20)]
    body, cutter = _run(_xml_doc(values), XML, max_rows, 1 << 30, 2)
    assert body is not None and body.endswith(b"</results></sparql>")
    assert body.count(b"</result>") == cutter.rows == min(max_rows, 20)
    assert (b"<!-- kgbuild: truncated to the first 3 rows (--max-rows) -->" in body) == (max_rows == 3)


def test_csv_line_breaks_inside_quoted_fields_are_not_row_ends() -> None:
    values = ["one", "two\r\nlines", 'say "hi", then\r\ngo', "four", "five"]
    body, cutter = _run(_csv_doc(values), "text/csv", 3, 1 << 30, 0)
    assert body == _csv_doc(values[:3]) and cutter.rows == 3 and cutter.reason == "--max-rows"


def test_n_triples_end_with_a_comment_saying_they_were_cut() -> None:
    doc = b"".join(b'<urn:s> <urn:p> "%d" .\n' % i for i in range(50))
    body, cutter = _run(doc, "application/n-triples", 1000, 300, 4)
    assert body is not None and cutter.reason == "--max-bytes"
    lines = body.decode().splitlines()
    assert lines[-1].startswith("# kgbuild: truncated to the first") and all(x.endswith(" .") for x in lines[:-1])
    assert len(lines) - 1 == cutter.rows and len(body) - len(lines[-1]) - 1 <= 300
