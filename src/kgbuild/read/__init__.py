"""Read sources into :class:`~kgbuild.article.Article` records.

>>> from kgbuild.read import read_path
"""

from __future__ import annotations

import datetime
import json
import re
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article
from ..dates import parse_date
from ..errors import InputError
from .checks import check_article, check_string, check_url
from .normalise import diagnose_encoding
from .sources import expand_sources
from .text import parse_text

__all__ = ["decode", "expand_sources", "iter_path", "read", "read_path", "read_text"]


_ID = re.compile(r"[\w.-]+")
_ISO_DATE = re.compile(r"\d{4}(-\d{2}(-\d{2})?)?")
MAX_ARTICLE_BYTES = 2_000_000  # news articles are a few KB; a page this large is not an article


def decode(data: bytes, path: object, *, limit: int | None = MAX_ARTICLE_BYTES) -> str:
    """UTF-8 text, or an :class:`InputError` that names the file.

    :raises InputError: for binary data, text that is not UTF-8, an empty or an oversized file.
    """
    if not data.strip():
        raise InputError(path, "empty file: there is no article to read")
    if limit is not None and len(data) > limit:
        raise InputError(path, f"{len(data) / 1e6:.1f} MB is too large for one article "
                               f"(the limit is {limit / 1e6:.0f} MB); split it into articles")
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file, not an article (found NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        guess = diagnose_encoding(data)
        if guess is None:
            hint = "convert it to UTF-8" + (" (it is in a legacy 8-bit encoding kgbuild does not recognise)"
                                            if any(b >= 0x80 for b in data[:100_000]) else "")
        else:
            hint = f"it looks like {guess.name}; convert it to UTF-8 ({guess.conversion})"
        raise InputError(path, f"not UTF-8 text (byte {err.start}); {hint}") from None


def read_text(raw: str, *, article_id: str, path: str | None = None) -> Article:
    """Parse one plain-text article.

    :raises InputError: when nothing of an article is left, or it is not one kgbuild can build.
    """
    article = parse_text(raw, article_id=article_id, path=path)
    if not article.text.strip():
        raise InputError(path or article_id, "no article text left after removing page furniture")
    return check_article(article)


def _read_jsonl(lines: Iterable[str | None], path: Path) -> Iterator[Article | InputError]:
    """The articles of a JSON Lines file; a bad line (``None``: not UTF-8) yields its error and the others still come."""
    for number, line in enumerate(lines, start=1):
        if line is None:
            yield InputError(f"{path}:{number}", "not UTF-8 text")
            continue
        if not line.strip():
            continue
        try:
            yield _jsonl_record(line, path, number)
        except InputError as err:
            yield err


_FIELD_TYPES: dict[str, tuple[type, ...]] = {"id": (str, int), "title": (str,), "text": (str,), "url": (str,),
                                             "date": (str,), "author": (str, list)}
_TYPE_NAMES = {str: "a string", int: "a whole number", list: "a list of strings"}


def _json_type(value: object) -> str:
    return {bool: "true/false", int: "a number", float: "a number", str: "a string", list: "a list",
            dict: "an object"}.get(type(value), type(value).__name__)


def _record_fields(record: dict[str, object], where: str) -> dict[str, object]:
    """The known fields of a JSON Lines record, checked for type (``null`` counts as absent)."""
    fields: dict[str, object] = {}
    for name, types in _FIELD_TYPES.items():
        value = record.get(name)
        if value is None:
            continue
        if isinstance(value, bool) or not isinstance(value, types):
            wanted = " or ".join(_TYPE_NAMES[t] for t in types)
            raise InputError(where, f"'{name}' must be {wanted}, not {_json_type(value)}")
        if isinstance(value, list):
            if not all(isinstance(v, str) for v in value):
                raise InputError(where, f"'{name}' must be a string or a list of strings")
            for item in value:
                check_string(item, where, name)
        elif isinstance(value, str):
            check_string(value, where, name)
        fields[name] = value
    return fields


def _record_date(text: str, where: str) -> str | None:
    """A record's date as ISO 8601 (``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD``), or ``None`` when it has none.

    :raises InputError: for a date that is no day, month or year of the calendar.
    """
    if not text:
        return None
    if _ISO_DATE.fullmatch(text):
        year, month, day = [*text.split("-"), "01", "01"][:3]
        try:
            datetime.date(int(year), int(month), int(day))
        except ValueError:
            raise InputError(where, f"'date' {text!r} is not a date of the calendar") from None
        return text
    parsed = parse_date(text)
    if parsed is None:
        raise InputError(where, f"'date' {text[:40]!r} is not a date kgbuild reads (write it as YYYY-MM-DD)")
    return parsed.iso()


def _jsonl_record(line: str, path: Path, number: int) -> Article:
    where = f"{path}:{number}"
    if len(line) > MAX_ARTICLE_BYTES:
        raise InputError(where, f"a record of {len(line) / 1e6:.1f} MB is too large for one article")
    try:
        record = json.loads(line)
    except json.JSONDecodeError as err:
        raise InputError(where, f"invalid JSON ({err.msg})") from None
    except RecursionError:
        raise InputError(where, "invalid JSON (nested too deeply)") from None
    if not isinstance(record, dict):
        raise InputError(where, f"a JSON Lines article is an object with a 'text' field, not {_json_type(record)}")
    fields = _record_fields(record, where)
    if not str(fields.get("text") or "").strip():
        raise InputError(where, "a JSON Lines article needs a 'text' field")
    article_id = str(fields.get("id") or f"{path.stem}-{number}")
    if not _ID.fullmatch(article_id):
        raise InputError(where, f"id {article_id!r} must be letters, digits, '-', '_' or '.'")
    url = check_url(str(fields["url"]), where) if fields.get("url") else None
    date = _record_date(str(fields.get("date") or "").strip(), where)
    title = str(fields.get("title") or "")
    raw = "\n\n".join(x for x in (title, str(fields["text"])) if x)
    article = parse_text(raw, article_id=article_id, path=where)
    if not article.text.strip():
        raise InputError(where, "no article text left after removing page furniture")
    author = fields.get("author")
    authors = tuple(a for a in ([author] if isinstance(author, str) else author or []) if a.strip())
    return check_article(Article(
        id=article.id,
        text=article.text,
        title=title or article.title,
        date_published=date or article.date_published,
        authors=authors or article.authors,
        source_url=url or article.source_url,
        source_name=article.source_name,
        path=article.path,
        removed=article.removed,
    ))


def iter_path(path: Path) -> Iterator[Article | InputError]:
    """The articles of one file, streamed: a JSON Lines file is read line by line.

    :raises InputError: when the file cannot be read as articles.
    """
    if path.suffix.lower() != ".jsonl" or str(path) == "-":
        yield from read_path(path)
        return
    try:
        handle = path.open("rb")
    except OSError as err:
        raise InputError(path, f"cannot read ({err.strerror})") from None
    with handle:
        yield from _read_jsonl(_utf8_lines(handle), path)


def _utf8_lines(handle: Iterable[bytes]) -> Iterator[str | None]:
    """Each line decoded (a byte-order mark on the first dropped), or ``None`` for a line that is not UTF-8."""
    for number, raw in enumerate(handle, start=1):
        try:
            yield raw.decode("utf-8-sig" if number == 1 else "utf-8")
        except UnicodeDecodeError:
            yield None


def read_path(path: Path, data: bytes | None = None) -> list[Article | InputError]:
    """Read the articles of one file (a JSON Lines file may hold many, some of them bad).

    :raises InputError: when the file cannot be read as articles.
    """
    stdin = str(path) == "-"
    if data is None:
        try:
            data = sys.stdin.buffer.read() if stdin else path.read_bytes()
        except OSError as err:
            raise InputError(path, f"cannot read ({err.strerror})") from None
    suffix = path.suffix.lower()
    text = decode(data, "standard input" if stdin else path, limit=None if suffix == ".jsonl" else MAX_ARTICLE_BYTES)
    if stdin:  # what came in on standard input says what it is
        head = text.lstrip()[:200].lower()
        suffix = ".jsonl" if head.startswith("{") else ".html" if head.startswith(("<!doctype", "<html")) else ".txt"
        path = Path("stdin")
    if suffix == ".jsonl":
        return list(_read_jsonl(text.split("\n"), path))  # "\n" only: JSON strings may hold U+2028 raw
    article_id = path.stem
    if suffix in (".html", ".htm"):
        from .html import read_html

        article = read_html(text, article_id=article_id, path=str(path))
        if not article.text.strip():
            raise InputError(path, "no article text left after removing page furniture")
        return [check_article(article)]
    return [read_text(text, article_id=article_id, path=str(path))]


def read(sources: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article in ``sources``; an unreadable file yields its error and the rest go on."""
    for path in expand_sources(sources):
        if isinstance(path, InputError):
            yield path
            continue
        if path.suffix.lower() == ".json":
            continue
        try:
            yield from iter_path(path)
        except InputError as err:
            yield err
