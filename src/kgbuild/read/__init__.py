"""Read sources into :class:`~kgbuild.article.Article` records.

>>> from kgbuild.read import read_path
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..article import Article
from ..errors import InputError
from .sources import expand_sources
from .text import parse_text

__all__ = ["decode", "expand_sources", "read", "read_path", "read_text"]


def decode(data: bytes, path: object) -> str:
    """UTF-8 text, or an :class:`InputError` that names the file.

    :raises InputError: for binary data, text that is not UTF-8, or an empty file.
    """
    if not data.strip():
        raise InputError(path, "empty file: there is no article to read")
    if b"\x00" in data[:4096]:
        raise InputError(path, "binary file, not an article (found NUL bytes)")
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        raise InputError(
            path, f"not UTF-8 text (byte {err.start}); convert it, e.g. iconv -f WINDOWS-1258 -t UTF-8"
        ) from None


def read_text(raw: str, *, article_id: str, path: str | None = None) -> Article:
    """Parse one plain-text article; raises if nothing of an article is left."""
    article = parse_text(raw, article_id=article_id, path=path)
    if not article.text.strip():
        raise InputError(path or article_id, "no article text left after removing page furniture")
    return article


def _read_jsonl(text: str, path: Path) -> Iterator[Article]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
        except json.JSONDecodeError as err:
            raise InputError(f"{path}:{number}", f"invalid JSON ({err.msg})") from None
        if not isinstance(record, dict) or not record.get("text"):
            raise InputError(f"{path}:{number}", "a JSON Lines article needs a 'text' field")
        article_id = str(record.get("id") or f"{path.stem}-{number}")
        raw = "\n\n".join(x for x in (record.get("title"), record["text"]) if x)
        article = read_text(raw, article_id=article_id, path=f"{path}:{number}")
        yield Article(
            id=article.id,
            text=article.text,
            title=record.get("title") or article.title,
            date_published=(record.get("date") or article.date_published or None),
            authors=tuple(a for a in [record.get("author")] if a) or article.authors,
            source_url=record.get("url") or article.source_url,
            source_name=article.source_name,
            path=article.path,
            removed=article.removed,
        )


def read_path(path: Path, data: bytes | None = None) -> list[Article]:
    """Read the articles of one file (a JSON Lines file may hold many).

    :raises InputError: when the file cannot be read as articles.
    """
    stdin = str(path) == "-"
    if data is None:
        try:
            data = sys.stdin.buffer.read() if stdin else path.read_bytes()
        except OSError as err:
            raise InputError(path, f"cannot read ({err.strerror})") from None
    text = decode(data, "standard input" if stdin else path)
    suffix = path.suffix.lower()
    if stdin:  # what came in on standard input says what it is
        head = text.lstrip()[:200].lower()
        suffix = ".jsonl" if head.startswith("{") else ".html" if head.startswith(("<!doctype", "<html")) else ".txt"
        path = Path("stdin")
    if suffix == ".jsonl":
        return list(_read_jsonl(text, path))
    article_id = path.stem
    if suffix in (".html", ".htm"):
        from .html import read_html

        article = read_html(text, article_id=article_id, path=str(path))
        if not article.text.strip():
            raise InputError(path, "no article text left after removing page furniture")
        return [article]
    return [read_text(text, article_id=article_id, path=str(path))]


def read(sources: Iterable[str | Path]) -> Iterator[Article | InputError]:
    """Every article in ``sources``; an unreadable file yields its error and the rest go on."""
    for path in expand_sources(sources):
        if path.suffix.lower() == ".json":
            continue
        try:
            yield from read_path(path)
        except InputError as err:
            yield err
