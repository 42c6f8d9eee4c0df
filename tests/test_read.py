"""The reader: titles, dates, bylines, furniture and related-news lists, bad files."""

from __future__ import annotations

from pathlib import Path

import pytest

from kgbuild.errors import InputError
from kgbuild.read import read, read_path
from kgbuild.read.text import parse_text

PAGE = """TRANG CHỦ
Trang chủ > Công đoàn
Hội nghị tổng kết công tác công đoàn năm 2024

Thứ Hai, 13/01/2025 - 10:20

Sáng 12/1, Liên đoàn Lao động huyện tổ chức hội nghị.

img-1234.jpg
Quang cảnh hội nghị.

Quang cảnh hội nghị.

Hoàng Anh
In bài viết
fb yt zl tw

Tin cùng chuyên mục
- Một bài khác 12.01.2025
"""


def test_page_furniture_and_related_news_are_removed() -> None:
    article = parse_text(PAGE, article_id="x")
    assert article.title == "Hội nghị tổng kết công tác công đoàn năm 2024"
    assert article.date_published == "2025-01-13"
    assert article.authors == ("Hoàng Anh",)
    assert "Một bài khác" not in article.text
    assert "img-1234" not in article.text and "fb yt" not in article.text
    assert article.text.count("Quang cảnh hội nghị.") == 1, "a repeated caption is kept once"


def test_repeated_site_header_is_not_the_title() -> None:
    header = "TỔ CHỨC CÔNG ĐOÀN\nlogo\nKhẩu hiệu của trang!\n"
    raw = header + header + "\nTiêu đề thật\n\nThân bài."
    assert parse_text(raw, article_id="x").title == "Tiêu đề thật"


def test_source_line_is_metadata_not_text() -> None:
    article = parse_text("Tiêu đề\n\nThân bài.\n\nNguồn Vĩnh Phúc: https://example.vn/a\n", article_id="x")
    assert article.source_name == "Vĩnh Phúc" and article.source_url == "https://example.vn/a"
    assert "Nguồn" not in article.text


def test_text_is_nfc() -> None:
    article = parse_text("Ho\u0300a Bi\u0300nh\n\nThân bài.", article_id="x")
    assert article.title == "Hòa Bình"


@pytest.mark.parametrize(("data", "message"), [
    (b"", "empty file"),
    (b"\x00\x01\x02binary", "binary file"),
    ("Tiêu đề tiếng Việt".encode("utf-16-le"), "binary file"),
    (b"H\xf4\xf2i ngh\xec\xf2 t\xf4\xdeng k\xea\xect", "not UTF-8")  # Windows-1258 bytes,
])
def test_bad_files_get_one_clear_line(tmp_path: Path, data: bytes, message: str) -> None:
    bad = tmp_path / "bad.txt"
    bad.write_bytes(data)
    with pytest.raises(InputError) as err:
        read_path(bad)
    assert str(err.value).startswith(str(bad)) and message in str(err.value)
    assert "\n" not in str(err.value)


def test_a_bad_file_does_not_stop_the_batch(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Tiêu đề\n\nThân bài.", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes(b"Ti\xeau \xf0\xea\xec")  # Windows-1258 bytes
    results = list(read([tmp_path]))
    assert [type(r).__name__ for r in results] == ["Article", "InputError"]


def test_jsonl_articles_take_their_ids(tmp_path: Path) -> None:
    path = tmp_path / "batch.jsonl"
    path.write_text('{"id": "a1", "title": "Tiêu đề", "text": "Thân bài.", "date": "2024-01-02"}\n'
                    '{"title": "Khác", "text": "Nội dung."}\n', encoding="utf-8")
    articles = read_path(path)
    assert [a.id for a in articles] == ["a1", "batch-2"]
    assert articles[0].date_published == "2024-01-02"


def test_html_page_builds_the_same_facts_as_its_text_form(tmp_path: Path) -> None:
    from kgbuild.build import build
    from kgbuild.evaluate import FACT_TYPES, predicted_facts
    from kgbuild.store import Store

    root = Path(__file__).parent
    html = root / "data" / "html" / "tong-ket-cdvc-ninh-binh.html"
    txt = root.parent / "examples" / "tong-ket-cdvc-ninh-binh.txt"
    facts = {}
    for source in (html, txt):
        store = Store.memory()
        report = build([source], store)
        assert report.built == ["tong-ket-cdvc-ninh-binh"], report.errors
        facts[source.suffix] = {kind: sorted(map(repr, predicted_facts(store, kind, {"tong-ket-cdvc-ninh-binh"})))
                                for kind in FACT_TYPES}
    assert facts[".html"] == facts[".txt"]
    assert facts[".txt"]["awards"] and facts[".txt"]["attendances"]


def test_standard_input_is_an_article(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO("Tiêu đề\n\nThân bài.".encode())))
    [article] = read_path(Path("-"))
    assert article.id == "stdin" and article.title == "Tiêu đề"
