"""Small look-ups over a spaCy Doc shared by the rule components."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.tokens import Doc

from .lexicon import fold, lexicon


def folded(doc: Doc) -> list[str]:
    """Folded token texts, computed once per Doc and cached in ``user_data``."""
    cached = doc.user_data.get("kgb_folded")
    if cached is None:
        cached = [fold(t.text) for t in doc]
        doc.user_data["kgb_folded"] = cached
    return cached


def doc_text(doc: Doc) -> str:
    """The Doc's text, cached: spaCy's ``Doc.text`` joins every token again on each access."""
    cached = doc.user_data.get("kgb_text")
    if cached is None:
        cached = doc.text
        doc.user_data["kgb_text"] = cached
    return cached


def match_phrase(words: Sequence[str], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """Length of the longest phrase (folded tuples, longest first) that starts at ``i``; 0 if none."""
    for phrase in phrases:
        n = len(phrase)
        if tuple(words[i:i + n]) == phrase:
            return n
    return 0


def is_capitalised(text: str) -> bool:
    """A syllable written with a capital (``Vĩnh``), an acronym (``THPT``) or a number."""
    return bool(text) and (text[0].isupper() or text[0].isdigit())


def province_at(doc: Doc, i: int) -> tuple[int, str] | None:
    """A province name starting at token ``i``: (token count, canonical name)."""
    words = folded(doc)
    provinces = lexicon().provinces
    for n in (4, 3, 2, 1):
        if i + n > len(doc) or not doc[i].text[:1].isupper():
            continue
        name = " ".join(words[i:i + n]).replace(" - ", " - ")
        joined = fold(doc[i:i + n].text)
        for candidate in (joined, name):
            if candidate in provinces:
                return n, provinces[candidate]
    return None
