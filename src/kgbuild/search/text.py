"""The search form of a name: what the index stores and what a typed query becomes.

Both sides go through the same steps, so "nguyen thi my dung" meets "Nguyễn Thị Mỹ Dung"
and "cdvc vinh phuc" meets "Công đoàn Viên chức tỉnh Vĩnh Phúc": the extractor's own
fold (case, tone placement), then "đ" as "d" and no diacritics, then every abbreviation
the extractor knows (``terms.json`` abbreviations and the one-word forms of the
organisation heads) written out.  The *key* of a name also drops the province words
("tỉnh", "thành phố"), so that a name typed without them still counts as exact.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from ..nlp.lexicon import fold, lexicon

_WORD = re.compile(r"[a-z0-9]+")


def _ascii(text: str) -> str:
    text = fold(text).replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    return "".join(c for c in text if not unicodedata.combining(c))


def words(text: str) -> list[str]:
    """ASCII words of a text, lower case, without diacritics.

    >>> words("Đảng uỷ Khối, TP.HCM")
    ['dang', 'uy', 'khoi', 'tp', 'hcm']
    """
    return _WORD.findall(_ascii(text))


@cache
def abbreviations() -> dict[tuple[str, ...], tuple[str, ...]]:
    """Abbreviation (as words) -> what the extractor writes it out as (as words), from the lexicon."""
    lex = lexicon()
    table: dict[tuple[str, ...], tuple[str, ...]] = {}
    for head in lex.org_heads:
        for form in head.forms:
            if " " not in form and form.isupper() and form != head.canonical:
                table[tuple(words(form))] = tuple(words(head.canonical))
    for short, long in lex.terms["abbreviations"].items():
        table[tuple(words(short))] = tuple(words(long))
    return {k: v for k, v in table.items() if k and k != v}


@cache
def _province_words() -> frozenset[tuple[str, ...]]:
    return frozenset(tuple(words(w)) for w in lexicon().terms["province_words"])


def expand(text: str) -> list[str]:
    """Search words of a text with abbreviations written out.

    >>> expand("CĐVC Vĩnh Phúc")
    ['cong', 'doan', 'vien', 'chuc', 'vinh', 'phuc']
    """
    found = words(text)
    table = abbreviations()
    longest = max((len(k) for k in table), default=1)
    out: list[str] = []
    i = 0
    while i < len(found):
        for n in range(min(longest, len(found) - i), 0, -1):
            long = table.get(tuple(found[i:i + n]))
            if long:
                out.extend(long)
                i += n
                break
        else:
            out.append(found[i])
            i += 1
    return out


def key(text: str) -> str:
    """The exact-match key: expanded words without the province words.

    >>> key("Công đoàn Viên chức tỉnh Vĩnh Phúc") == key("cdvc vinh phuc")
    True
    """
    found = expand(text)
    drop = _province_words()
    out: list[str] = []
    i = 0
    while i < len(found):
        for n in (2, 1):
            if tuple(found[i:i + n]) in drop:
                i += n
                break
        else:
            out.append(found[i])
            i += 1
    return " ".join(out)
