"""Canonical text: the one string every offset refers to.

Only changes that keep meaning are made (Unicode NFC, invisible characters, odd
spaces, line endings); tone-mark spelling is left as written and folded only in keys.
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u200b\u200c\u200d\u2060\ufeff\u00ad"), None)
_SPACES = re.compile(r"[ \t\u00a0\u2000-\u200a\u202f\u205f\u3000]+")


def canonical_line(line: str) -> str:
    """NFC with single ordinary spaces and no invisible characters.

    >>> canonical_line("Ho\u0300a\u00a0 Bi\u0300nh\u200b ")
    'Hòa Bình'
    """
    line = unicodedata.normalize("NFC", line).translate(_INVISIBLE)
    return _SPACES.sub(" ", line).strip()


def split_lines(text: str) -> list[str]:
    """Canonical lines of a document, line endings of every platform accepted."""
    return [canonical_line(line) for line in text.replace("\r\n", "\n").replace("\r", "\n").split("\n")]
