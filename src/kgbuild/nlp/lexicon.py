"""The vocabulary of the rule-based components, loaded from the files in ``lexicon/``.

Everything a linguist may want to change (organisation heads, provinces, cue words,
member nouns, award verbs) is data; the components only read it.  The award and figure
rules have files of their own (``awards.json``, ``figures.json``).  Matching folds case
and old/new tone placement so that ``Hoà``/``Hòa`` and ``Uỷ``/``Ủy`` meet.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from dataclasses import dataclass, field
from functools import cache, lru_cache
from pathlib import Path
from typing import Any

from ..resources import package_file

_TONE_VARIANTS = {
    "oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa",
    "oè": "òe", "oé": "óe", "oẻ": "ỏe", "oẽ": "õe", "oẹ": "ọe",
    "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy",
}
# Only open syllables differ between the old and new placement ("hoà"/"hòa", but "hoàng" is one spelling).
_TONE_RE = re.compile("(?:" + "|".join(_TONE_VARIANTS) + r")(?![a-zà-ỹđ])")


def fold(text: str) -> str:
    """Case- and tone-placement-insensitive form used for every lexicon look-up.

    >>> fold("Đảng uỷ Khối") == fold("đảng ủy khối")
    True
    """
    return _fold(text)


@lru_cache(maxsize=1 << 16)
def _fold(text: str) -> str:
    # memoised: the rules fold the same syllables and spans hundreds of times per article
    text = unicodedata.normalize("NFC", text).casefold()
    text = _TONE_RE.sub(lambda m: _TONE_VARIANTS[m.group(0)], text)
    return " ".join(text.replace("–", "-").split())


def slug(text: str) -> str:
    """ASCII slug for readable IRIs.

    >>> slug("Liên đoàn Lao động tỉnh Vĩnh Long")
    'lien-doan-lao-dong-tinh-vinh-long'
    """
    text = fold(text).replace("đ", "d")
    text = unicodedata.normalize("NFKD", text)
    text = "".join(c for c in text if not unicodedata.combining(c))
    return re.sub(r"[^a-z0-9]+", "-", text).strip("-")


@dataclass(frozen=True)
class OrgHead:
    """One kind of organisation name head and what may follow it."""

    kind: str
    canonical: str
    forms: tuple[str, ...]
    tail: str
    needs_tail: bool
    case_sensitive: bool
    implicit_province: bool = False
    nestable: bool = False          # may stand inside another name ("Công đoàn cơ sở *Bệnh viện* ...")
    level: str | None = None        # the unit a placeless "Huyện ủy" refers to ("huyện")


@dataclass(frozen=True)
class Lexicon:
    provinces: dict[str, str]
    surnames: frozenset[str]
    org_heads: tuple[OrgHead, ...]
    terms: dict[str, Any]
    hosts: dict[str, str]
    source_names: dict[str, str]
    awards: dict[str, Any]
    figures: dict[str, Any]
    districts: tuple[tuple[str, str, str], ...] = ()  # (level, name, province), before the 2025 reform
    _derived: dict[tuple[str, str], object] = field(default_factory=dict, compare=False, repr=False)

    def districts_of(self, province: str) -> tuple[tuple[str, str], ...]:
        """(level, name) of the districts, towns and provincial cities of ``province``."""
        return tuple((level, name) for level, name, p in self.districts if p == province)

    def district_names(self) -> frozenset[str]:
        """Folded names of every district in the gazetteer; made once."""
        key = ("districts", "")
        if key not in self._derived:
            self._derived[key] = frozenset(fold(n) for _, n, _ in self.districts)
        return self._derived[key]  # type: ignore[return-value]

    def provinces_of_district(self, name: str) -> frozenset[str]:
        """The provinces that have a district of this name ("Châu Thành": ten of them)."""
        return frozenset(p for _, n, p in self.districts if fold(n) == fold(name))

    def term_set(self, name: str) -> frozenset[str]:
        """A term list folded, as a set; made once per list (the rules ask on every token)."""
        key = ("set", name)
        if key not in self._derived:
            self._derived[key] = frozenset(fold(x) for x in self.terms[name])
        return self._derived[key]  # type: ignore[return-value]

    def term_phrases(self, name: str) -> tuple[tuple[str, ...], ...]:
        """Folded multi-word phrases of a term list, longest first, split like tokens; made once per list."""
        key = ("phrases", name)
        if key not in self._derived:
            phrases = {tuple(tokenise_words(fold(x))) for x in self.terms[name]}
            self._derived[key] = tuple(sorted(phrases, key=lambda p: (-len(p), p)))
        return self._derived[key]  # type: ignore[return-value]


_WORD_RE = re.compile(r"\d+(?:[.,/]\d+)+|\w+(?:'\w*)?|[^\w\s]")


def tokenise_words(text: str) -> list[str]:
    """The syllable tokenisation shared by the tokenizer and the phrase look-ups."""
    return _WORD_RE.findall(text)


def _lines(path: Path) -> list[str]:
    return [x.strip() for x in path.read_text(encoding="utf-8").splitlines() if x.strip() and not x.startswith("#")]


def _places_override() -> dict[str, Any]:
    extra = os.environ.get("KGBUILD_PLACES")
    if not extra:
        return {}
    return json.loads(Path(extra).read_text(encoding="utf-8"))


@cache
def lexicon() -> Lexicon:
    """The lexicon, loaded once per process (``KGBUILD_PLACES`` adds a places file)."""
    base = package_file("nlp", "lexicon")
    provinces = {}
    for line in _lines(base / "provinces.txt"):  # "Name" or "Alias<TAB>Name" ("HCM	Hồ Chí Minh")
        alias, _, name = line.partition("\t")
        provinces[fold(alias)] = (name or alias).replace(" – ", " - ")
    heads = []
    for line in _lines(base / "organisations.jsonl"):
        row = json.loads(line)
        heads.append(OrgHead(row["kind"], row["canonical"], tuple(row["forms"]), row.get("tail", "none"),
                             bool(row.get("needs_tail", False)), bool(row.get("case_sensitive", False)),
                             bool(row.get("implicit_province", False)), bool(row.get("nestable", False)),
                             row.get("level")))
    sources = json.loads((base / "sources.json").read_text(encoding="utf-8"))
    extra = _places_override()
    hosts = {**sources.get("hosts", {}), **extra.get("hosts", {})}
    names = {fold(k): v for k, v in {**sources.get("names", {}), **extra.get("names", {})}.items()}
    return Lexicon(
        provinces=provinces,
        surnames=frozenset(_lines(base / "surnames.txt")),
        org_heads=tuple(heads),
        terms={**json.loads((base / "terms.json").read_text(encoding="utf-8")),
               **json.loads((base / "orgnames.json").read_text(encoding="utf-8"))},
        hosts=hosts,
        source_names=names,
        awards=json.loads((base / "awards.json").read_text(encoding="utf-8")),
        figures=json.loads((base / "figures.json").read_text(encoding="utf-8")),
        districts=tuple(tuple(line.split("\t")) for line in _lines(base / "districts.tsv")),  # type: ignore[misc]
    )


def terms(name: str) -> frozenset[str]:
    """The folded set of the term list ``name`` (shorthand the rule modules share)."""
    return lexicon().term_set(name)


def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """The folded phrases of the term list ``name``, longest first (shorthand the rule modules share)."""
    return lexicon().term_phrases(name)
