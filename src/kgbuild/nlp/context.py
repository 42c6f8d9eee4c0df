"""Article context: the province an article is about, and why we think so.

"LĐLĐ tỉnh" means the labour federation of the article's province.  The province is
taken, in order, from the source line's name, the source URL's host (both through the
places table in ``lexicon/sources.json``, which users extend), or the only province the
article's own text names.  Nothing else counts; a related-news list was removed before.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlparse

from spacy.tokens import Doc

from ..article import Article
from .lexicon import fold, lexicon
from .tokens import folded, province_at


def _from_source(article: Article) -> dict[str, Any] | None:
    lex = lexicon()
    if article.source_name:
        name = fold(article.source_name)
        place = lex.source_names.get(name) or lex.provinces.get(name)
        if place:
            return {"province": place, "method": "source-line", "evidence": article.source_name}
    if article.source_url:
        host = (urlparse(article.source_url).hostname or "").removeprefix("www.")
        if host in lex.hosts:
            return {"province": lex.hosts[host], "method": "source-host", "evidence": host}
    return None


def provinces_in_text(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """Provinces the text names after an administrative word, with their character spans."""
    words = folded(doc)
    admin = {fold(w) for w in lexicon().terms["province_words"]}
    found: dict[str, list[tuple[int, int]]] = {}
    for i in range(len(doc) - 1):
        step = 2 if words[i:i + 2] == ["thành", "phố"] else 1
        if words[i] not in admin and step == 1:
            continue
        hit = province_at(doc, i + step)
        if hit:
            n, name = hit
            span = doc[i + step:i + step + n]
            found.setdefault(name, []).append((span.start_char, span.end_char))
    return found


def article_context(article: Article, doc: Doc) -> dict[str, Any]:
    """The article's province and the evidence for it (``province`` is None when unknown)."""
    resolved = _from_source(article)
    if resolved is None:
        named = provinces_in_text(doc)
        if len(named) == 1:
            (place, spans), = named.items()
            resolved = {"province": place, "method": "only-province-in-text",
                        "evidence": article.text[spans[0][0]:spans[0][1]], "span": list(spans[0])}
        elif named:
            resolved = {"province": None, "method": "ambiguous", "candidates": sorted(named)}
    return resolved or {"province": None, "method": "none"}
