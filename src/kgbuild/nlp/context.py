"""Article context: the province an article is about, and why we think so; the page's date.

"LĐLĐ tỉnh" means the labour federation of the article's province.  The province is
taken, in order, from the source line's name, the source URL's host (both through the
places table in ``lexicon/sources.json``, which users extend), or the only province the
article's own text names.  Nothing else counts; a related-news list was removed before.

The page's date (:func:`publication_date`) is the article's own when the reader found one,
else a line near the top that gives nothing but a date, a time, a weekday, a label ("Cập nhật
ngày:") or view counts (``lexicon/context.json``).  Events take the year of a day-month date
from it, as the extraction contract says.
"""

from __future__ import annotations

import json
import re
from functools import cache
from typing import Any
from urllib.parse import urlparse

from spacy.tokens import Doc

from ..article import Article
from ..dates import parse_date
from ..resources import package_file
from .lexicon import fold, lexicon, slug
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
        if place := province_in_host(host):
            return {"province": place, "method": "source-host-name", "evidence": host}
    return None


@cache
def _province_slugs() -> tuple[tuple[str, str], ...]:
    """(slug without hyphens, province), longest first: "bariavungtau" before "vungtau"."""
    pairs: dict[str, str] = {}
    for name in sorted(set(lexicon().provinces.values()), key=len):  # the fullest spelling wins
        pairs[slug(name).replace("-", "")] = name
    return tuple(sorted(((s, n) for s, n in pairs.items() if len(s) >= _MIN_HOST_SLUG), key=lambda p: -len(p[0])))


_MIN_HOST_SLUG = 6  # shorter slugs ("hue", "hanoi") occur inside unrelated host words


def province_in_host(host: str) -> str | None:
    """A province a site's host spells ("congdoan.quangtri.gov.vn", "baobacninh.vn").

    >>> province_in_host("congdoan.quangtri.gov.vn"), province_in_host("example.org")
    ('Quảng Trị', None)
    """
    for label in host.split("."):
        for key, name in _province_slugs():
            if label == key or label.endswith(key) or label.startswith(key):
                return name
    return None


def provinces_in_text(doc: Doc) -> dict[str, list[tuple[int, int]]]:
    """Provinces the text names after an administrative word or right after an organisation
    head ("Công đoàn Thanh Hóa"), with their character spans."""
    words = folded(doc)
    admin = {fold(w) for w in lexicon().terms["province_words"]}
    head_ends = {s.end for s in doc.spans.get("kgb", []) if s.label_ == "ORG_HEAD"}
    found: dict[str, list[tuple[int, int]]] = {}
    for i in range(len(doc) - 1):
        if i + 1 in head_ends and (hit := province_at(doc, i + 1)):
            span = doc[i + 1:i + 1 + hit[0]]
            found.setdefault(hit[1], []).append((span.start_char, span.end_char))
            continue
        step = 2 if words[i:i + 2] == ["thành", "phố"] else 1
        if words[i] not in admin and step == 1:
            continue
        if i + step < len(doc) and doc[i + step].text == ".":  # "TP. Hồ Chí Minh", "TP.HCM"
            step += 1
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
            # several provinces: the one the article names most, when it clearly dominates
            ranked = sorted(named.items(), key=lambda kv: -len(kv[1]))
            if len(ranked[0][1]) > len(ranked[1][1]):
                place, spans = ranked[0]
                resolved = {"province": place, "method": "most-named-province-in-text",
                            "evidence": article.text[spans[0][0]:spans[0][1]], "span": list(spans[0]),
                            "candidates": sorted(named)}
            else:
                resolved = {"province": None, "method": "ambiguous", "candidates": sorted(named)}
        else:
            resolved = _from_districts(doc)
    return resolved or {"province": None, "method": "none"}


def _from_districts(doc: Doc) -> dict[str, Any] | None:
    """The province of the districts the text names with their unit word ("huyện Đại Lộc"), when
    every one of them is a district of that province only (not "Châu Thành", found in ten)."""
    from .orgnames import admin_units  # the grammar sits above the context in the import order

    lex = lexicon()
    found: dict[str, str] = {}
    for hit in admin_units(doc).values():
        if hit[2] is None or fold(hit[1]) in lex.term_set("province_words"):
            continue
        provinces = lex.provinces_of_district(hit[2])
        if len(provinces) == 1:  # a name shared by several provinces is no evidence
            found[hit[2]] = next(iter(provinces))
    if found and len(set(found.values())) == 1:
        district, place = next(iter(found.items()))
        return {"province": place, "method": "district-in-text", "evidence": district}
    return None


_FULL_DATE = re.compile(r"\b\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{4}\b")
_NOISE = re.compile(r"\d{1,2}:\d{2}(?::\d{2})?|[\d()\[\]|,.:;/+\-–—]+")


@cache
def _publication_rules() -> dict[str, Any]:
    data = json.loads(package_file("nlp", "lexicon", "context.json").read_text(encoding="utf-8"))
    return data["publication_lines"]


def is_publication_line(line: str) -> bool:
    """A short line whose words, once its date, times, weekday, labels and counts are gone, are at most a few."""
    table = _publication_rules()
    if len(line) > table["max_chars"] or not _FULL_DATE.search(line):
        return False
    rest = fold(_FULL_DATE.sub(" ", line))
    if rest.split()[:1] and rest.split()[0] in table["event_times"]:
        return False
    for phrase in sorted(table["labels"] + table["weekdays"], key=len, reverse=True):
        rest = re.sub(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", " ", rest)
    return len(_NOISE.sub(" ", rest).split()) <= table["max_other_words"]


def publication_date(article: Article) -> str | None:
    r"""The page's date as ``YYYY-MM-DD``: the reader's, or the first publication line near the top.

    >>> publication_date(Article(id="a", title="", text="Tin tức\nThứ 6, 19/07/2024 | 14:30\nSáng 19/7, ..."))
    '2024-07-19'
    >>> publication_date(Article(id="a", title="", text="Ngày 17/01/2023, Công đoàn cơ sở tổ chức hội nghị tổng kết."))
    """
    if article.date_published:
        return article.date_published
    for line in article.text.splitlines()[:_publication_rules()["first_lines"]]:
        if is_publication_line(line.strip()):
            value = parse_date(_FULL_DATE.search(line).group(0))
            if value and value.year:
                return value.iso()
    return None
