"""HTML news pages through trafilatura, then the same furniture rules as plain text.

trafilatura finds the main text and the page metadata (title, date, author) and drops
navigation, comment boxes and related-news blocks; the text it keeps goes through
:func:`~kgbuild.read.text.parse_text` so that an HTML page and its ``.txt`` form give the
same article.
"""

from __future__ import annotations

import dataclasses

from ..article import Article
from ..errors import InputError
from .normalise import canonical_line
from .text import parse_text


def read_html(html: str, *, article_id: str, path: str | None = None) -> Article:
    """The article of one HTML page.

    :raises InputError: when trafilatura is missing or finds no article text.
    """
    try:
        import trafilatura
    except ImportError as err:
        raise InputError(path or article_id, f"reading HTML needs trafilatura, which did not import ({err})") from None
    # dates only from the page's markup (meta tags, <time>): a year in the title is no publication date
    extracted = trafilatura.bare_extraction(html, with_metadata=True, include_comments=False,
                                            date_extraction_params={"extensive_search": False, "original_date": True})
    if not extracted:
        raise InputError(path or article_id, "no article text found in this HTML page")
    meta = extracted if isinstance(extracted, dict) else extracted.as_dict()
    title = canonical_line(meta.get("title") or "")
    lines = [line for line in (meta.get("text") or "").splitlines() if canonical_line(line) != title]
    article = parse_text("\n\n".join([title, *lines]) if title else "\n\n".join(lines),
                         article_id=article_id, path=path)
    date = article.date_published or (str(meta["date"])[:10] if meta.get("date") else None)
    authors = article.authors or tuple(a.strip() for a in str(meta.get("author") or "").split(";") if a.strip())
    return dataclasses.replace(article, date_published=date, authors=authors,
                               source_url=article.source_url or meta.get("url"))
