"""What makes a record an article kgbuild can build: checks every reader applies before annotation.

A record that fails one is refused with a reason naming its file (and line), so the rest of
the batch still builds: fields of the wrong type, text that is not a Unicode string (a lone
surrogate), a source URL that is not an absolute http(s) IRI, a text longer than the
pipeline takes, and files that are not articles at all (no Vietnamese text, only page
furniture).
"""

from __future__ import annotations

import re
import unicodedata
from urllib.parse import urlsplit

from ..article import Article
from ..errors import InputError

MAX_ARTICLE_CHARS = 1_000_000  # spaCy's nlp.max_length: a longer text would stop the whole batch in annotation
MIN_VIETNAMESE_LETTERS = 3  # letters with Vietnamese diacritics an article has at least
MIN_VIETNAMESE_SHARE = 0.1  # ... and their share of all its letters (news prose: a quarter to a third)
_SURROGATE = re.compile("[\ud800-\udfff]")
_BAD_IRI_CHARS = re.compile(r'[\s<>"{}|\\^`\x00-\x1f]')
_PLAIN = set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ")


def check_string(value: str, where: str, field: str) -> str:
    """``value`` when it is a proper Unicode string (no lone surrogate, which no file can hold).

    :raises InputError: naming the field.
    """
    found = _SURROGATE.search(value)
    if found:
        raise InputError(where, f"'{field}' holds a lone surrogate (\\u{ord(found.group()):04x}), which is not a "
                                "character; fix the text where it came from")
    return value


def check_url(url: str, where: str, field: str = "url") -> str:
    """``url`` when it is an absolute http(s) IRI that can be written in RDF.

    >>> check_url("https://laodong.vn/a.html", "x")
    'https://laodong.vn/a.html'
    >>> check_url("/a.html", "x")
    Traceback (most recent call last):
    ...
    kgbuild.errors.InputError: x: 'url' must be an absolute http(s) URL, not '/a.html'
    """
    check_string(url, where, field)
    parts = urlsplit(url)
    if parts.scheme.lower() not in ("http", "https") or not parts.netloc:
        raise InputError(where, f"'{field}' must be an absolute http(s) URL, not {url[:80]!r}")
    bad = _BAD_IRI_CHARS.search(url)
    if bad:
        raise InputError(where, f"'{field}' {url[:80]!r} holds {bad.group()!r}, which no IRI may hold")
    return url


def _vietnamese_letters(text: str) -> tuple[int, int]:
    """(letters with Vietnamese diacritics or đ, all letters) of a text."""
    marked = letters = 0
    for char in text:
        if not char.isalpha():
            continue
        letters += 1
        if char not in _PLAIN and (char in "đĐ" or unicodedata.decomposition(char)):
            marked += 1
    return marked, letters


def check_article(article: Article, where: str | None = None) -> Article:
    """``article`` when kgbuild can build it.

    :raises InputError: for a text past the pipeline's limit, no Vietnamese text, a bad source URL
        or a field that is not a proper string.
    """
    where = where or article.path or article.id
    for field in ("text", "title", "source_name"):
        value = getattr(article, field)
        if value:
            check_string(value, where, field)
    for author in article.authors:
        check_string(author, where, "author")
    if len(article.text) > MAX_ARTICLE_CHARS:
        raise InputError(where, f"{len(article.text):,} characters is longer than the pipeline takes "
                                f"({MAX_ARTICLE_CHARS:,}); split it into articles")
    if article.source_url:
        check_url(article.source_url, where, "source URL")
    marked, letters = _vietnamese_letters(article.title + "\n" + article.text)
    if marked < MIN_VIETNAMESE_LETTERS or marked < MIN_VIETNAMESE_SHARE * letters:
        raise InputError(where, f"not a Vietnamese news article: {letters} letters, {marked} with Vietnamese "
                                "diacritics (page furniture, another language, or text that lost its accents)")
    return article
