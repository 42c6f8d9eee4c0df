"""Small look-ups over a spaCy Doc shared by the rule components."""

from __future__ import annotations

from collections.abc import Sequence

from spacy.attrs import ORTH, SPACY
from spacy.tokens import Doc

from .lexicon import fold, lexicon


def token_texts(doc: Doc) -> list[str]:
    """Token texts, computed once per Doc from its ORTH column: iterating a Doc makes a Token object each."""
    cached = doc.user_data.get("kgb_texts")
    if cached is None:
        strings = doc.vocab.strings
        cached = [strings[orth] for orth in doc.to_array(ORTH).tolist()] if len(doc) else []
        doc.user_data["kgb_texts"] = cached
    return cached


def folded(doc: Doc) -> list[str]:
    """Folded token texts, computed once per Doc and cached in ``user_data``."""
    cached = doc.user_data.get("kgb_folded")
    if cached is None:
        cached = [fold(t) for t in token_texts(doc)]
        doc.user_data["kgb_folded"] = cached
    return cached


def doc_text(doc: Doc) -> str:
    """The Doc's text, cached: spaCy's ``Doc.text`` joins every token again on each access."""
    cached = doc.user_data.get("kgb_text")
    if cached is None:
        cached = doc.text
        doc.user_data["kgb_text"] = cached
    return cached


def _offsets(doc: Doc) -> tuple[list[int], list[int]]:
    """Start and end character offsets of every token, computed once per Doc."""
    cached = doc.user_data.get("kgb_offsets")
    if cached is None:
        starts, ends, at = [], [], 0
        spaces = doc.to_array(SPACY).tolist() if len(doc) else []
        for text, space in zip(token_texts(doc), spaces, strict=True):
            starts.append(at)
            at += len(text)
            ends.append(at)
            at += 1 if space else 0
        cached = doc.user_data["kgb_offsets"] = (starts, ends)
    return cached


def match_phrase(words: Sequence[str], i: int, phrases: Sequence[tuple[str, ...]]) -> int:
    """Length of the longest phrase (folded tuples, longest first) that starts at ``i``; 0 if none."""
    if 0 <= i < len(words):  # the first word decides most phrases: no slice, no tuple for them
        first = words[i]
        for phrase in phrases:
            if not phrase:
                return 0
            if phrase[0] == first and tuple(words[i:i + len(phrase)]) == phrase:
                return len(phrase)
        return 0
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
    if i >= len(doc) or not doc[i].text[:1].isupper():
        return None
    starts, ends = _offsets(doc)
    text = doc_text(doc)
    for n in (4, 3, 2, 1):
        if i + n > len(doc):
            continue
        name = " ".join(words[i:i + n]).replace(" - ", " - ")
        # the span's text, without making the Span
        joined = fold(text[starts[i]:ends[i + n - 1]]) if i >= 0 else fold(doc[i:i + n].text)
        for candidate in (joined, name):
            if candidate in provinces:
                return n, provinces[candidate]
    return None
