"""Cue phrases found in raw sentence text, with offsets that point back into it.

The event rules look for phrases ("tổ chức", "hội nghị lần thứ * ban chấp hành") anywhere in a
sentence and need to know where each one starts and ends.  :func:`flat` folds text the way
:func:`..lexicon.fold` does (lower case, one tone spelling) but keeps every character in place,
so a match in the flat text is a span of the original.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache, lru_cache

from ..lexicon import _TONE_RE, _TONE_VARIANTS


@lru_cache(maxsize=4096)
def flat(text: str) -> str:
    """``text`` lower-cased with one tone spelling, character for character.

    Memoised: the event rules flatten the same sentence once per cue list.

    >>> flat("Hội nghị Ban Chấp hành, Đảng uỷ") == "hội nghị ban chấp hành, đảng ủy"
    True
    >>> flat("İstanbul ΟΔΟΣ") == "İstanbul οδοσ"
    True
    """
    lowered = text.lower() if "Σ" not in text else ""  # Σ: str.lower is context-sensitive for it alone
    if len(lowered) != len(text):  # some letter lowers to more than one: keep those, char by char
        lowered = "".join(c.lower() if len(c.lower()) == 1 else c for c in text)
    return _TONE_RE.sub(lambda m: _TONE_VARIANTS[m.group(0)], lowered).replace("–", "-").replace("—", "-")


@cache
def phrase_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    """One pattern for a list of folded phrases: words apart by any space, ``*`` for any one word.

    Longer phrases are tried first, so "lễ phát động" wins over "lễ" at the same place.
    """
    def one(phrase: str) -> str:
        words = [r"\S+" if w == "*" else re.escape(w) for w in flat(phrase).split()]
        return r"\s+".join(words)

    ordered = sorted(set(phrases), key=lambda p: (-len(p.split()), -len(p)))
    return re.compile(r"(?<!\w)(?:" + "|".join(one(p) for p in ordered) + r")(?!\w)")


def find(phrases: Iterable[str], text: str) -> list[re.Match[str]]:
    """Every non-overlapping match of the phrases in ``flat(text)``, left to right."""
    return list(phrase_regex(tuple(phrases)).finditer(flat(text)))


@cache
def _end_regex(phrases: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile(phrase_regex(phrases).pattern + r"\Z")


def ends_with(phrases: Iterable[str], text: str) -> bool:
    """Whether ``text`` (stripped) ends with one of the phrases, as whole words.

    Every start is tried, so a longer phrase that begins earlier ("sáng thứ") does not hide one
    that ends the text ("thứ 6").

    >>> ends_with(["sáng thứ", "thứ 6"], "Sáng thứ 6 (")
    True
    """
    tail = flat(text).rstrip(" ,;:-(\n\t")
    return _end_regex(tuple(phrases)).search(tail) is not None
