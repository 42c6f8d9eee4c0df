"""The grammar of Vietnamese organisation names, over the span ruler's heads.

A name is a head from ``lexicon/organisations.jsonl`` ("Công đoàn cơ sở", "Liên đoàn Lao
động", "Đảng ủy") followed by what its row's ``tail`` allows:

    name   := head [ "(" ABBR ")" ] tail
    tail   := sector | proper [ unit ] | unit | province | district | nothing
                                            -- "proper": the name must open with a capital
    proper := part { part }                 -- stops at a unit, a title or a verb
    part   := nested-head proper? | Capitalised word | sector phrase
            | "và"/"-"/"&" before a capital or a nested head
            | a short lower-case run ("đa khoa", "mầm non") before a capital or a unit
    unit   := admin word ("tỉnh", "huyện", "TP.", ...) [ place ]

Names nest: a union *of* an institution ("Công đoàn cơ sở Bệnh viện đa khoa tỉnh X"), an
office *of* a body ("Văn phòng UBND tỉnh"), bodies joined by "và" ("Văn phòng Đoàn ĐBQH và
HĐND tỉnh"). A row marked ``nestable`` may stand inside another name; every other head (a
title, an event, an award, a federation) ends the name it meets.  The parse is a plain
record (:class:`OrgTail`) so that resolution (``organisations.py``) never re-reads tokens.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from .lexicon import OrgHead, fold, lexicon, phrases, terms
from .tokens import folded, is_capitalised, match_phrase, province_at

RULER_KEY = "kgb"
DISTRICTS_KEY = "kgb_districts"  # token -> (end, unit word, district) for districts named without their unit word


@dataclass
class OrgTail:
    """What follows a head: where the name ends and its parts as written."""

    end: int
    abbreviation: str | None = None
    name: str | None = None        # the proper part ("Bệnh viện đa khoa", "Văn phòng UBND")
    admin: str | None = None       # the unit word as written ("tỉnh", "huyện", "TP")
    place: str | None = None       # the unit's place, None when the article must supply it
    relative: bool = False         # "Tỉnh ủy", "Huyện ủy" with no place: the article's own
    bare: bool = False             # the proper part is a lone institution word ("Công đoàn Bệnh viện")


@dataclass(frozen=True)
class Head:
    start: int
    end: int
    spec: OrgHead


def heads(doc: Doc) -> dict[int, Head]:
    """Organisation heads by start token, longest match winning, computed once per Doc."""
    cached = doc.user_data.get("kgb_org_heads")
    if cached is None:
        specs = lexicon().org_heads
        spans = [s for s in doc.spans.get(RULER_KEY, []) if s.label_ == "ORG_HEAD"]
        cached = {s.start: Head(s.start, s.end, specs[int(s.id_)]) for s in filter_spans(spans)}
        doc.user_data["kgb_org_heads"] = cached
    return cached


def _other_starts(doc: Doc) -> set[int]:
    """Starts of titles, events and awards: a name never runs into one of them."""
    cached = doc.user_data.get("kgb_other_starts")
    if cached is None:
        cached = {s.start for s in doc.spans.get(RULER_KEY, []) if s.label_ != "ORG_HEAD"}
        doc.user_data["kgb_other_starts"] = cached
    return cached


@cache
def _national() -> str:
    return str(lexicon().terms["national_place"])


def admin_at(doc: Doc, i: int) -> tuple[int, str, str | None] | None:
    """An administrative unit at token ``i``: (end, admin word as written, place or None)."""
    return admin_units(doc).get(i)


def admin_units(doc: Doc) -> dict[int, tuple[int, str, str | None]]:
    """Every administrative unit of the text by its first token, read once per Doc: the grammar asks
    at nearly every token, and the district and province look-ups scan them all."""
    cached = doc.user_data.get("kgb_admin_units")
    if cached is None:
        cached = {i: hit for i in range(len(doc)) if (hit := _admin_at(doc, i)) is not None}
        doc.user_data["kgb_admin_units"] = cached
    return cached


def _admin_at(doc: Doc, i: int) -> tuple[int, str, str | None] | None:
    """The unit at ``i``, read from the tokens.

    A bare "tỉnh" / "huyện" (no place after it) is relative to the article.  After a district
    word, up to three capitalised syllables are the place, unless they read as a person's name
    ("huyện Nguyễn Văn A" is the district's post-holder, not a district).
    """
    words = folded(doc)
    n = match_phrase(words, i, phrases("admin_words"))
    if not n or (i > 0 and words[i - 1] in terms("admin_blockers")) or match_phrase(words, i, phrases("not_admin")):
        return None
    admin = doc[i:i + n].text
    j = i + n
    if j < len(doc) and doc[j].text == ".":  # "TP. Hồ Chí Minh"
        j += 1
    hit = province_at(doc, j)
    if hit:
        return j + hit[0], admin, hit[1]
    if j < len(doc) and doc[j].text.isdigit() and fold(admin) in terms("numbered_units"):
        return j + 1, admin, doc[j].text  # "quận 3", "phường 12"
    if n_place := _gazetteer_at(doc, j):  # "thành phố Đồng Hới", "quận Liên Chiểu", "thành phố Thủ Đức"
        return j + n_place, admin, doc[j:j + n_place].text
    run = j
    while run < len(doc) and run - j < 3 and doc[run].is_title and doc[run].is_alpha and words[run] not in terms("title_stop"):
        run += 1
    if run > j and fold(admin) not in terms("province_words") and not _person_like(doc, j, run):
        return run, admin, doc[j:run].text
    return i + n, admin, None


def _gazetteer_at(doc: Doc, j: int) -> int:
    """Syllables of a district the gazetteer knows, written with a capital from token ``j`` (0 if none)."""
    if j >= len(doc) or not doc[j].text[:1].isupper():
        return 0
    words = folded(doc)
    names = lexicon().district_names()
    for n in (4, 3, 2):
        if j + n <= len(doc) and " ".join(words[j:j + n]) in names and all(t.text[:1].isupper() for t in doc[j:j + n]):
            return n
    return 0


def _person_like(doc: Doc, start: int, end: int) -> bool:
    """Three capitalised syllables opening with a family name, or a middle name, read as a person."""
    lex = lexicon()
    if end - start >= 3 and doc[start].text in lex.surnames:
        return True
    return end - start >= 2 and doc[start].text in lex.surnames and fold(doc[start + 1].text) in terms("middle_names")


def _capital(doc: Doc, k: int) -> bool:
    return k < len(doc) and (doc[k].is_alpha or doc[k].text[:1].isdigit()) and is_capitalised(doc[k].text)


def proper_end(doc: Doc, i: int, *, depth: int = 0) -> int:
    """End of the proper part of a name that starts at ``i`` (``i`` itself when there is none)."""
    words = folded(doc)
    found = heads(doc)
    others = _other_starts(doc)
    breakers = terms("name_breakers")
    j = i
    while j < len(doc) and admin_at(doc, j) is None:
        nested = found.get(j)
        if nested is not None and nested.spec.tail == "proper" and not doc[j].text[:1].isupper():
            nested = None  # "Quỹ Xã hội Từ thiện": a lower-case "hội" is a word of the name
        if nested is not None:
            lower_ok = nested.end < len(doc) and _capital(doc, nested.end)  # "CĐCS trường THPT X"
            if (not nested.spec.nestable and not _hosts_a_body(doc, j)) or depth > 3:
                break
            if doc[j].text[:1].isupper() or lower_ok:
                j = max(proper_end(doc, nested.end, depth=depth + 1), nested.end)
                continue
            if j == i or not match_phrase(words, j, phrases("name_words")):
                break  # a lower-case institution word is part of a name only as one of its words ("chi nhánh")
        if j in others:
            break
        if _capital(doc, j):
            if _person_next(doc, j) or (j > i and words[j] in terms("name_stops")):
                break  # a person, or a headline's "... Trường THPT X Lần thứ I", "... Tổ chức Đại hội"
            j += match_phrase(words, j, phrases("sectors")) or match_phrase(words, j, phrases("name_words")) or 1
            continue
        if j > i and words[j] in terms("name_joiners") and (_capital(doc, j + 1) or j + 1 in found):
            j += 1
            continue
        if n := match_phrase(words, j, phrases("name_words")):  # "đa khoa", "mầm non", "cổ phần"
            j += n
            continue
        k = j  # a short lower-case run inside a name continues it when a capital or a unit follows
        while k < len(doc) and k - j < 2 and doc[k].is_lower and doc[k].is_alpha and words[k] not in breakers \
                and admin_at(doc, k) is None:
            k += 1
        if k == j + 1 and _capital(doc, j - 1) and k < len(doc) and words[k] in breakers \
                and words[j] not in terms("name_closing_verbs"):
            j = k  # a sentence-case word closing a name before a function word: "Công ty Cấp nước tổ chức"
            continue
        nested_next = k in found and found[k].spec.nestable and doc[k].text[:1].isupper()
        opens = j > i or words[j] in terms("name_openers")  # "Ban Quản lý các Khu công nghiệp"
        if k > j and opens and ((_capital(doc, k) and k not in others and (k not in found or nested_next))
                                or admin_at(doc, k)):
            j = k
            continue
        break
    while j > i and words[j - 1] in terms("name_joiners"):
        j -= 1
    return j


def _hosts_a_body(doc: Doc, j: int) -> bool:
    """Right after a head that names a part of another body ("Cơ quan", "Văn phòng"), any body may
    follow: "Công đoàn cơ sở Cơ quan Liên đoàn Lao động tỉnh X"."""
    host = next((h for h in heads(doc).values() if h.end == j), None)
    return host is not None and fold(host.spec.canonical) in terms("body_hosts")


def _person_next(doc: Doc, j: int) -> bool:
    """A person's name after a name's head or sector ("Sở Y tế Nguyễn Văn A"); after an
    acronym it is the institution's own name ("Trường THPT Chu Văn An")."""
    run = j
    words = folded(doc)
    while run < len(doc) and run - j < 4 and doc[run].is_title and doc[run].is_alpha \
            and not (run > j and words[run] in terms("name_stops")):
        run += 1
    if not _person_like(doc, j, run):
        return False
    before = doc[j - 1].text if j else ""
    return not (len(before) > 1 and before.isupper())


def _bare(doc: Doc, start: int, end: int) -> bool:
    """The proper part is one nestable head and nothing else ("Bệnh viện", "Trường", "Công ty")."""
    head = heads(doc).get(start)
    return head is not None and head.end == end and head.spec.nestable


def parse_tail(doc: Doc, head: Head) -> OrgTail:
    """Parse what follows ``head`` by the grammar its row's ``tail`` names."""
    spec, i = head.spec, head.end
    words = folded(doc)
    tail = OrgTail(end=i)
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].text.isupper():
        tail.abbreviation, i = doc[i + 1].text, i + 3
        tail.end = i
    if spec.tail == "none":
        return tail
    if spec.tail == "province":
        if hit := province_at(doc, i):
            tail.place, tail.end = hit[1], i + hit[0]
        else:
            tail.relative = True
        return tail
    if spec.tail == "district":
        end = proper_end(doc, i)
        if end > i and not _person_like(doc, i, end):
            tail.name, tail.end = doc[i:end].text, end
        else:
            tail.relative = True
        return tail
    if spec.tail == "proper":  # "Hội Doanh nhân trẻ tỉnh X", never "Hội nghị", "HỘI THI", "xã hội Từ thiện"
        if not (_capital(doc, i) and _capital(doc, head.start)) or head.start in _other_starts(doc) \
                or i in _other_starts(doc):
            return tail
        spec_tail = "name"
    else:
        spec_tail = spec.tail
    if spec_tail == "sector":
        n = match_phrase(words, i, phrases("sectors"))
        if not n:
            return tail
        tail.name, i = doc[i:i + n].text, i + n
        tail.end = i
    elif spec_tail in ("name", "name_or_admin") and not (spec_tail == "name_or_admin" and
                                                          (admin_at(doc, i) or province_at(doc, i))):
        end = proper_end(doc, i)
        if end > i:
            tail.name, tail.end, tail.bare = doc[i:end].text, end, _bare(doc, i, end)
            i = end
        elif spec_tail == "name" or not admin_at(doc, i):
            return tail
    return _unit(doc, i, tail)


def _unit(doc: Doc, i: int, tail: OrgTail) -> OrgTail:
    """The administrative unit that closes a name, or a province or "Việt Nam" without one."""
    words = folded(doc)
    district = doc.user_data.get(DISTRICTS_KEY, {}).get(i)
    if admin := admin_at(doc, i):
        tail.end, tail.admin, tail.place = admin
    elif district is not None:  # "Công đoàn Giáo dục Đại Lộc": a district of the article's province, unit word left out
        tail.end, tail.admin, tail.place = district
    elif hit := province_at(doc, i):  # "Công đoàn ngành Y tế Hà Tĩnh": the province without "tỉnh"
        tail.place, tail.end = hit[1], i + hit[0]
    elif words[i:i + 2] == fold(_national()).split():  # national level: "Công đoàn Y tế Việt Nam"
        tail.place, tail.end = _national(), i + 2
    return tail


def head_name(spec: OrgHead, head: Span) -> str:
    """The head as written, or its canonical form when written in other case or as an abbreviation
    that may be expanded.

    Names are expanded only where the article spells them out or the abbreviation is one every
    reader expands (``expanded_abbreviations``: LĐLĐ, CĐVC, UBND, ...): "Ủy ban MTTQ tỉnh" stays as
    written unless the article also writes "Ủy ban Mặt trận Tổ quốc".
    """
    written = head.text
    if fold(written) == fold(spec.canonical):
        return spec.canonical
    abbreviations = [w for w in written.split() if len(w) > 1 and w.isupper()]
    if abbreviations and (all(fold(w) in terms("expanded_abbreviations") for w in abbreviations)
                          or spec.canonical in _spelled_out(head.doc)):
        return spec.canonical
    return written[0].upper() + written[1:]


def _spelled_out(doc: Doc) -> set[str]:
    """Canonical names of the heads the article writes at least once without an abbreviation."""
    cached = doc.user_data.get("kgb_spelled_out")
    if cached is None:
        cached = {h.spec.canonical for h in heads(doc).values()
                  if not any(len(w) > 1 and w.isupper() for w in doc[h.start:h.end].text.split())}
        doc.user_data["kgb_spelled_out"] = cached
    return cached
