"""Property-based tests (hypothesis) and a bounded fuzz run: reader, normaliser, numbers, dates, IRIs, annotator."""

from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from conftest import EXAMPLES
from kgbuild.article import Article
from kgbuild.build import build
from kgbuild.dates import DateValue, complete_year, parse_date
from kgbuild.export import export
from kgbuild.mapping.iris import Minter
from kgbuild.nlp.lexicon import slug
from kgbuild.nlp.pipeline import annotate_one
from kgbuild.numbers import parse_number
from kgbuild.read.normalise import canonical_line
from kgbuild.read.text import parse_text
from kgbuild.store import Store

VIETNAMESE = st.text(alphabet=st.sampled_from(list("aăâbcdđeêghiklmnoôơpqrstuưvxyàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩị"
                                                   "òóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ ĐÂƯ0123456789.,;:/-()“”\n")),
                     max_size=400)
IRI = re.compile(r"^https?://[^\s<>\"{}|\\^`]+$")


@given(st.text(max_size=300))
def test_canonical_line_is_idempotent_and_nfc(line: str) -> None:
    once = canonical_line(line)
    assert canonical_line(once) == once and unicodedata.is_normalized("NFC", once)


@given(st.text(max_size=2000))
@settings(suppress_health_check=[HealthCheck.too_slow])
def test_reader_never_crashes_and_keeps_its_promises(raw: str) -> None:
    article = parse_text(raw, article_id="x")
    assert unicodedata.is_normalized("NFC", article.text)
    assert article.text.startswith(article.title)


@given(st.integers(min_value=0, max_value=10**12))
def test_vietnamese_thousands_round_trip(n: int) -> None:
    written = f"{n:,}".replace(",", ".")
    assert parse_number(written) == n


@given(st.integers(min_value=0, max_value=10**6), st.integers(min_value=1, max_value=99))
def test_decimal_comma(whole: int, decimals: int) -> None:
    assert parse_number(f"{whole},{decimals:02d}") == float(f"{whole}.{decimals:02d}")


@given(st.dates())
def test_dates_round_trip(day) -> None:  # type: ignore[no-untyped-def]
    value = parse_date(f"Ngày {day.day}/{day.month}/{day.year:04d}")
    if day.year >= 1000:
        assert value == DateValue(day.day, day.month, day.year) and value.iso() == day.isoformat()


@given(st.integers(1, 28), st.integers(1, 12), st.dates())
def test_completed_years_never_fall_after_publication(day: int, month: int, published) -> None:  # type: ignore[no-untyped-def]
    completed = complete_year(DateValue(day, month, None), published=published.isoformat())
    assert completed.year is not None and completed.iso() <= published.isoformat()


@given(st.text(min_size=1, max_size=80))
def test_minted_iris_are_iris(name: str) -> None:
    minter = Minter("https://example.org/kg/")
    assert IRI.match(minter.named("org", name)) and IRI.match(minter.article(name.replace("/", "_")))
    assert slug(slug(name)) == slug(name)


@given(VIETNAMESE)
@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_annotator_fuzz_never_crashes_and_offsets_fit(text: str) -> None:
    title = "Công đoàn Viên chức tỉnh tổng kết năm 2024"
    full = f"{title}\n\n{text}"
    annotated = annotate_one(Article(id="fuzz", text=full, title=title))
    for entity in annotated.entities:
        assert full[entity.start:entity.end] == entity.text
    for relation in annotated.relations:
        assert 0 <= relation.start <= relation.end <= len(full)


def test_same_input_same_bytes(tmp_path: Path) -> None:
    outputs = []
    for name in ("a", "b"):
        store = Store.open(tmp_path / name)
        build([EXAMPLES], store)
        out = io.BytesIO()
        export(store, out, "trig")
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]


def test_same_bytes_whatever_the_number_of_workers(tmp_path: Path) -> None:
    outputs = []
    for workers in (1, 2):
        store = Store.open(tmp_path / f"w{workers}")
        report = build([EXAMPLES], store, workers=workers, batch_size=4)
        assert len(report.built) >= 16
        out = io.BytesIO()
        export(store, out, "nquads")
        outputs.append(out.getvalue())
    assert outputs[0] == outputs[1]
