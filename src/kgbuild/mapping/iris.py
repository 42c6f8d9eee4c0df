"""Every IRI kgbuild mints, minted here and nowhere else.

IRIs are built from normalised keys, never from counters, so that building the same
article twice gives the same IRIs and the same organisation gets one IRI in every
article.  No blank nodes are ever produced.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any
from urllib.parse import quote

from ..nlp.lexicon import slug

ONTOLOGY = "https://w3id.org/kgbuild/ontology#"
CONCEPTS = "https://w3id.org/kgbuild/ontology/"


def _safe(text: str) -> str:
    """An article id as an IRI path segment (file names may hold spaces or Vietnamese letters).

    >>> _safe("000_517d"), _safe("bài báo 1")
    ('000_517d', 'b%C3%A0i%20b%C3%A1o%201')
    """
    return quote(text, safe="-_.~")


class Minter:
    """Mints IRIs under one base IRI.

    >>> m = Minter("https://example.org/kg/")
    >>> m.article("000_ab")
    'https://example.org/kg/article/000_ab'
    >>> m.key("org/lien-doan-lao-dong-tinh-vinh-long")
    'https://example.org/kg/org/lien-doan-lao-dong-tinh-vinh-long'
    >>> m.concept("eventtype", "review_conference")
    'https://w3id.org/kgbuild/ontology/eventtype/review_conference'
    """

    def __init__(self, base: str) -> None:
        if not base.startswith(("http://", "https://")) or not base.endswith(("/", "#")):
            raise ValueError(f"base IRI must be an http(s) IRI ending in '/' or '#': {base!r}")
        self.base = base

    def article(self, article_id: str) -> str:
        return f"{self.base}article/{_safe(article_id)}"

    def graph(self, article_id: str) -> str:
        return f"{self.base}graph/{_safe(article_id)}"

    def inferred(self, article_id: str) -> str:
        """The graph of what reasoning derives from one article."""
        return f"{self.base}inferred/{_safe(article_id)}"

    def span(self, article_id: str, start: int, end: int) -> str:
        """An RFC 5147 fragment, as NIF addresses strings."""
        return f"{self.article(article_id)}#char={start},{end}"

    def key(self, key: str) -> str:
        """A resource from a resolution key such as ``org/...`` (``@`` scopes it to one article)."""
        kind, _, rest = key.partition("/")
        local, _, scope = rest.partition("@")
        return f"{self.base}{kind}/{local}" + (f"--{_safe(scope)}" if scope else "")

    def named(self, kind: str, name: str) -> str:
        return f"{self.base}{kind}/{slug(name)}"

    def fact(self, kind: str, article_id: str, args: dict[str, Any]) -> str:
        """A fact node: the article plus a digest of the fact's arguments."""
        digest = hashlib.sha1(json.dumps(args, sort_keys=True, ensure_ascii=False).encode()).hexdigest()[:12]
        return f"{self.base}{kind}/{_safe(article_id)}-{digest}"

    def event(self, article_id: str, organiser_key: str | None, kind: str, date: str | None, n: int) -> str:
        """One IRI for one event: organiser, type and day identify it across articles when all are known."""
        if organiser_key and "@" not in organiser_key and date and len(date) == 10:
            return f"{self.base}event/{organiser_key.partition('/')[2]}-{kind.replace('_', '-')}-{date}"
        return f"{self.base}event/{_safe(article_id)}-{n}"

    @staticmethod
    def concept(scheme: str, notation: str) -> str:
        return f"{CONCEPTS}{scheme}/{notation}"
