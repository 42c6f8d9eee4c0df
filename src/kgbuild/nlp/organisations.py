"""Organisation mentions with full names and resolution keys.

The grammar (``orgnames.py``) says where a name ends and what its parts are; this module
says *which* body a name means, from the article alone:

- a unit without its place ("LĐLĐ tỉnh", "Huyện ủy", "LĐLĐ huyện") is the article's
  province, or the district of that level the article names nearest before it (else after it);
- a head without its own unit ("Công đoàn Viên chức") is the last body of the same kind
  named before it;
- a lone institution word ("Công đoàn Bệnh viện", "Đảng ủy Bệnh viện") is the institution
  the article names in full ("Bệnh viện đa khoa tỉnh X"), and a union of it is the article's
  grassroots union of that institution when there is one;
- a lower-case institution word ("nhà trường") is the school named before it.

Every name is full where the article allows, and its key is global only when it is complete.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..annotated import Entity
from .lexicon import OrgHead, fold, lexicon, slug, terms
from .orgnames import DISTRICTS_KEY, RULER_KEY, Head, OrgTail, admin_units, head_name, heads, parse_tail
from .tokens import folded

IMPLIED_KEY = "kgb_implied"


@dataclass
class Implied:
    """Bodies the text implies: they are entities (with the offsets of the words that imply
    them) but not mentions in the token stream, so they never hide a person or a title."""

    institution_of: dict[tuple[int, int], Entity] = field(default_factory=dict)  # union span -> institution
    title_body: dict[int, Entity] = field(default_factory=dict)  # "Huyện ủy viên" start -> Huyện ủy X
    home: Entity | None = None  # the article's own institution (the first one named)

    def entities(self) -> list[Entity]:
        """The implied entities that are not mentions already, once each, in text order."""
        out: dict[int, Entity] = {}
        for entity in [*self.institution_of.values(), *self.title_body.values()]:
            if entity.rule in ("org:institution-of-union", "org:implied-by-title"):
                out.setdefault(id(entity), entity)
        return sorted(out.values(), key=lambda e: (e.start, e.end))


@dataclass
class _Mention:
    head: Head
    tail: OrgTail
    span: Span
    entity: Entity
    same_as: _Mention | None = None  # the mention a lone institution word was resolved to
    resolved: bool = False


def entity_confidence(name: str) -> float:
    """A mention's confidence, from ``lexicon/orgnames.json``."""
    return float(lexicon().terms["entity_confidence"][name])


@cache
def _levels() -> dict[str, str]:
    """Folded district-level unit word -> its canonical spelling ("tp" -> "thành phố")."""
    out = {fold(w): fold(w) for w in lexicon().terms["district_levels"]}
    out["tp"] = "thành phố"
    return out


def district_places(doc: Doc, province: str | None = None) -> list[tuple[int, str, str]]:
    """(token, level, place) for every unit below a province that the text names with its place,
    and every district of the article's province that it names without the unit word
    ("Công đoàn Giáo dục Đại Lộc"), from the gazetteer ``lexicon/districts.tsv``."""
    provinces = set(lexicon().provinces.values())
    out = []
    for i, hit in admin_units(doc).items():
        if hit[2] is None:
            continue
        level = _levels().get(fold(hit[1]))
        if level is None or (level == "thành phố" and hit[2] in provinces):
            continue
        out.append((i, level, hit[2]))
    if province:
        bare = _gazetteer_places(doc, province)
        doc.user_data[DISTRICTS_KEY] = {i: (i + len(name.split()), level, name) for i, level, name in bare}
        out += bare
    return sorted(set(out))


def _gazetteer_places(doc: Doc, province: str) -> list[tuple[int, str, str]]:
    words = folded(doc)
    out = []
    for level, name in lexicon().districts_of(province):
        if fold(name) == fold(province):
            continue  # "Công đoàn các KCN Bắc Ninh": without its unit word the name is the province's
        phrase = tuple(fold(name).split())
        n = len(phrase)
        for i in range(len(doc) - n + 1):
            if tuple(words[i:i + n]) != phrase or not doc[i].text[:1].isupper():
                continue
            if (i > 0 and doc[i - 1].is_title and doc[i - 1].is_alpha and words[i - 1] not in _levels()) or \
                    (i + n < len(doc) and doc[i + n].is_title and doc[i + n].is_alpha):
                continue  # inside a longer capitalised run: a person's or another place's name
            out.append((i, _levels().get(fold(level), level), name))
    return out


def _nearest(places: list[tuple[int, str, str]], level: str, at: int) -> str | None:
    before = [p for i, lv, p in places if lv == level and i < at]
    if before:
        return before[-1]
    after = [p for i, lv, p in places if lv == level and i > at]
    return after[0] if after else None


def _city_provinces() -> frozenset[str]:
    """Provinces that are cities: a bare "thành phố" elsewhere is a provincial city (Đồng Hới), not the province."""
    return frozenset(lexicon().terms["city_provinces"])


def _nearest_district(places: list[tuple[int, str, str]], at: int) -> tuple[str, str] | None:
    """The unit below the province (huyện, quận, thị xã, city) named nearest before ``at``, else after."""
    districts = [(i, level, place) for i, level, place in places if level in terms("district_units")]
    before = [(lv, p) for i, lv, p in districts if i < at]
    after = [(lv, p) for i, lv, p in districts if i > at]
    return before[-1] if before else (after[0] if after else None)


def _province_phrase(province: str) -> str:
    word = "thành phố" if province in lexicon().terms["city_provinces"] else "tỉnh"
    return f"{word} {province}"


def _value(spec: OrgHead, head: Span, tail: OrgTail, province: str | None,
           places: list[tuple[int, str, str]], *, canonical: bool = False) -> tuple[str, bool]:
    """Full name and whether it is complete (not relative to a place the article does not give)."""
    # a head that takes no tail is a whole name in any of its forms ("Tổng Liên đoàn" = "Tổng LĐLĐ Việt Nam")
    parts = [spec.canonical if canonical or spec.tail == "none" else head_name(spec, head)]
    if tail.name:
        parts.append(tail.name)
    complete = True
    if tail.admin:
        admin = "thành phố" if fold(tail.admin) == "tp" else tail.admin.lower()
        level = _levels().get(fold(admin))
        provincial = fold(admin) == "tỉnh" or (fold(admin) == "thành phố" and province in _city_provinces())
        place = tail.place
        if place is None and level and not (provincial and province):
            place = _nearest(places, level, head.start)
        if place is None and provincial:
            place = province
        parts.append(f"{admin} {place}" if place else admin)
        complete = place is not None
    elif tail.place:
        parts.append(tail.place)
    elif tail.relative and spec.level:  # "Huyện ủy" with no name: the article's district
        place = _nearest(places, spec.level, head.start)
        if place is None and spec.level == "thành phố" and province in lexicon().terms["city_provinces"]:
            place = province  # "Thành ủy" in an article about a centrally-run city
        if place:
            parts.append(place)
        complete = place is not None
    elif tail.relative:
        if province:
            parts.append(province)
        complete = province is not None
    elif spec.level == "district" and tail.name and not tail.bare:  # "Phòng Nội vụ" in an article about a district
        place = _nearest_district(places, head.start)
        if place is not None:
            parts.append(f"{place[0]} {place[1]}")
    elif (spec.implicit_province or _inner_implicit(head, tail)) and not tail.bare:
        # "Sở Y tế", "Công đoàn ngành Y tế", "Công đoàn Sở Y tế" in a provincial article
        if province:
            parts.append(_province_phrase(province))
        complete = province is not None
    return " ".join(parts), complete


def _inner_implicit(head: Span, tail: OrgTail) -> bool:
    """The name is built on a body of the article's province ("Công đoàn Sở Tư pháp")."""
    if not tail.name:
        return False
    inner = heads(head.doc).get(head.end + (3 if tail.abbreviation else 0))
    return inner is not None and inner.spec.implicit_province


def _inner_head(mention: _Mention) -> Head:
    """The nestable head a union's name is built on (``_institution`` found it)."""
    offset = 3 if mention.tail.abbreviation else 0
    return heads(mention.span.doc)[mention.head.end + offset]


def _institution(mention: _Mention) -> str | None:
    """The institution a name is built on ("Bệnh viện đa khoa tỉnh X" in "CĐCS Bệnh viện đa khoa tỉnh X")."""
    tail, head = mention.tail, mention.head
    if not tail.name or tail.bare:
        return None
    if head.spec.nestable:
        return mention.entity.value
    doc = mention.span.doc
    inner = heads(doc).get(head.end + (3 if tail.abbreviation else 0))
    if inner is None or not inner.spec.nestable:
        return None
    prefix = head_name(head.spec, doc[head.start:head.end])
    name = mention.entity.value[len(prefix):].strip()
    return name[:1].upper() + name[1:] or None  # "CĐCS trường THPT X": the school is "Trường THPT X"


def organisations(doc: Doc, province: str | None, article_id: str) -> list[tuple[Span, Entity]]:
    """Organisation mentions with full names and resolution keys, in text order.

    Bodies the text implies without naming them as mentions of their own are kept in
    ``doc.user_data[IMPLIED_KEY]`` (see :class:`Implied`): the institution of a union, the
    committee of a "Huyện ủy viên", the article's own institution.
    """
    places = district_places(doc, province)
    mentions = _parse_all(doc, province, article_id, places)
    _resolve_bare(mentions, province, article_id)
    found = [(m.span, m.entity) for m in mentions]
    _complete_short_forms(found)
    implied = Implied()
    for m in mentions:
        if (name := _institution(m)) is not None:
            complete = "@" not in (m.entity.key or "")
            inst = m.entity if m.head.spec.nestable else _implied_entity(m.span, name, complete, article_id,
                                                                         "org:institution-of-union")
            if inst is not m.entity:  # the class of the institution's own head ("Bệnh viện": institution)
                inst.kind = _inner_head(m).spec.kind
            implied.institution_of[(m.entity.start, m.entity.end)] = inst
            if implied.home is None:
                implied.home = inst
    for m in mentions:
        if m.same_as is not None and (inst := implied.institution_of.get((m.same_as.entity.start, m.same_as.entity.end))):
            implied.institution_of[(m.entity.start, m.entity.end)] = inst
    _home_bodies(doc, mentions, implied, article_id, found)
    _title_bodies(doc, province, places, article_id, implied)
    doc.user_data[IMPLIED_KEY] = implied
    names = {m.entity.id: (m.tail.name if m.head.spec.kind == "grassroots_union" else m.entity.value)
             for m in mentions if m.tail.name}
    found += _anaphora(doc, found, names, province, article_id, implied)
    first_name: dict[str | None, str] = {}
    for _, entity in found:  # one name per key: "Cơ quan, doanh nghiệp" and "Cơ quan - Doanh nghiệp" are one body
        entity.value = first_name.setdefault(entity.key, entity.value)
    return found


def _implied_entity(span: Span, value: str, complete: bool, article_id: str, rule: str) -> Entity:
    key = f"org/{slug(value)}" if complete else f"org/{slug(value)}@{article_id}"
    return Entity(id="", label="ORG", start=span.start_char, end=span.end_char, text=span.text, value=value,
                  key=key, kind="implied", rule=rule,
                  confidence=entity_confidence("org_implied" if complete else "org_implied_relative"))


def _home_bodies(doc: Doc, mentions: list[_Mention], implied: Implied, article_id: str,
                 found: list[tuple[Span, Entity]]) -> None:
    """A lone "Đảng ủy" or "Chi bộ" in an article about one institution is that institution's;
    right after a post, a body named by its kind alone ("Chủ tịch Công đoàn ngành", "Phó Chủ
    tịch Liên đoàn") is the body of that kind named before, and a lone "Công đoàn" is the
    article's own union: the union of its institution, else the first union it names."""
    words = folded(doc)
    taken = {t for m in mentions for t in range(m.span.start, m.span.end)}
    titles = _title_tokens(doc)
    home = implied.home
    title_ends = {s.end for s in doc.spans.get(RULER_KEY, []) if s.label_ == "TITLE"}
    title_starts = {s.start for s in doc.spans.get(RULER_KEY, []) if s.label_ == "TITLE"}
    complete = [m.entity for m in mentions if "@" not in (m.entity.key or "")]
    union = next((e for e in complete if e.kind in _UNION_KINDS and (e.start, e.end) in implied.institution_of), None)
    if union is None:
        union = next((e for e in complete if e.kind in terms("home_union_kinds")), None)
    _back_references(doc, words, complete, taken, titles, (title_starts, title_ends), found)
    tables = [("home_bodies", False)] if home is not None else []
    for table, after_title_only in [*tables, ("home_unions", True)]:
        for phrase in lexicon().term_phrases(table):
            n = len(phrase)
            for i in range(len(doc) - n + 1):
                if tuple(words[i:i + n]) != phrase or i in taken or i in titles:
                    continue
                if (after_title_only or not doc[i].text[:1].isupper()) and i not in title_ends:
                    continue  # a lower-case "chi bộ", a bare "Công đoàn" name a body only as a post's body
                if _name_follows(doc, i + n, title_starts):
                    continue  # "Đảng ủy Khối ...": a name of its own
                span = doc[i:i + n]
                if table == "home_unions":
                    if union is None:
                        continue
                    value, key, kind = union.value, union.key, union.kind
                    if (union.start, union.end) in implied.institution_of:
                        implied.institution_of[(span.start_char, span.end_char)] = \
                            implied.institution_of[(union.start, union.end)]
                else:
                    assert home is not None
                    value = f"{span.text[0].upper()}{span.text[1:]} {home.value}"
                    key = f"org/{slug(value)}" + ("" if "@" not in (home.key or "") else f"@{article_id}")
                    kind = "party_committee"
                found.append((span, Entity(id="", label="ORG", start=span.start_char, end=span.end_char,
                                           text=span.text, value=value, key=key, kind=kind,
                                           rule="org:home-institution",
                                           confidence=entity_confidence("org_home_institution"))))
                taken.update(range(i, i + n))
    found.sort(key=lambda pair: pair[0].start)


def _name_follows(doc: Doc, i: int, title_starts: set[int]) -> bool:
    """A capitalised word at ``i`` that is not a post ("Bí thư chi bộ Hiệu trưởng nhà trường")."""
    return i < len(doc) and doc[i].text[:1].isupper() and doc[i].is_alpha and i not in title_starts


def _back_references(doc: Doc, words: list[str], complete: list[Entity], taken: set[int], titles: set[int],
                     title_bounds: tuple[set[int], set[int]], found: list[tuple[Span, Entity]]) -> None:
    """"Chủ tịch Công đoàn ngành", "Phó Chủ tịch Liên đoàn": a body named by its kind alone after a
    post (``back_references``) is the last body of that kind named before, else the first after.

    "Tại Công ty X đã diễn ra Đại hội Công đoàn cơ sở": after a post or an event, a grassroots
    union the article names nowhere in full is the union of the article's institution.  A
    capitalised one after "của", "được", "do" ("được Công đoàn cơ sở tặng") is one too.
    """
    title_starts, title_ends = title_bounds
    event_ends = {s.end for s in doc.spans.get(RULER_KEY, []) if s.label_ == "EVENT"}
    table = {tuple(fold(k).split()): frozenset(v) for k, v in lexicon().terms["back_references"].items()
             if not k.startswith("_")}
    institution = next((e for e in complete if e.kind in terms("home_institution_kinds")), None)
    for phrase in sorted(table, key=len, reverse=True):
        n = len(phrase)
        for i in range(len(doc) - n + 1):
            if tuple(words[i:i + n]) != phrase or i in taken or i in titles:
                continue
            opened = i in event_ends or (i > 0 and words[i - 1] in terms("reference_openers"))
            if i not in title_ends and not (opened and doc[i].text[:1].isupper()):
                continue
            if _name_follows(doc, i + n, title_starts):
                continue  # a name of its own
            span = doc[i:i + n]
            kinds = [e for e in complete if e.kind in table[phrase]]
            before = [e for e in kinds if e.end <= span.start_char]
            body = before[-1] if before else next(iter(kinds), None)
            if body is not None:
                value, key, kind = body.value, body.key, body.kind
            elif "grassroots_union" in table[phrase] and institution is not None:
                value = f"{lexicon_head('grassroots_union').canonical} {institution.value}"
                key, kind = f"org/{slug(value)}", "grassroots_union"
            else:
                continue
            found.append((span, Entity(id="", label="ORG", start=span.start_char, end=span.end_char, text=span.text,
                                       value=value, key=key, kind=kind, rule="org:back-reference",
                                       confidence=entity_confidence("org_home_institution"))))
            taken.update(range(i, i + n))


def lexicon_head(kind: str) -> OrgHead:
    """The first head row of a kind ("grassroots_union": "Công đoàn cơ sở")."""
    return next(h for h in lexicon().org_heads if h.kind == kind)


def _title_tokens(doc: Doc) -> set[int]:
    """The tokens of every title the ruler found."""
    return {t for start, end in _title_spans(doc) for t in range(start, end)}


def _title_spans(doc: Doc, *, whole: bool = False) -> list[tuple[int, int]]:
    """Every title the ruler found, or (``whole``) only the longest ones, which become the posts."""
    spans = [s for s in doc.spans.get(RULER_KEY, []) if s.label_ == "TITLE"]
    return [(s.start, s.end) for s in (filter_spans(spans) if whole else spans)]


def _inside_title(head: Head, titles: list[tuple[int, int]]) -> bool:
    """A head inside a title ("Bộ" in "Ủy viên Bộ Chính trị") is the title's; a head that starts
    with a title and runs past it ("Thủ tướng Chính phủ" over "Thủ tướng") is a body."""
    return any(s <= head.start < e and not (head.start == s and head.end > e) for s, e in titles)


def _title_bodies(doc: Doc, province: str | None, places: list[tuple[int, str, str]], article_id: str,
                  implied: Implied) -> None:
    """"Huyện ủy viên" is a member of the district's party committee: that committee, resolved."""
    table = {fold(k): v for k, v in lexicon().terms["title_bodies"].items()}
    specs = {fold(h.canonical): h for h in lexicon().org_heads}
    for span in doc.spans.get(RULER_KEY, []):
        if span.label_ != "TITLE" or fold(span.text) not in table:
            continue
        body = table[fold(span.text)]
        spec = specs.get(fold(body))
        if spec is None:
            continue
        tail = OrgTail(end=span.end, relative=True)
        value, complete = _value(spec, doc[span.start:span.start + len(body.split())], tail, province, places)
        if not complete and spec.tail not in ("district", "province"):
            continue
        entity = _implied_entity(span, value, complete, article_id, "org:implied-by-title")
        entity.kind = spec.kind
        implied.title_body[span.start_char] = entity
    _titles_ending_in_a_head(doc, province, places, article_id, implied, specs)


def _titles_ending_in_a_head(doc: Doc, province: str | None, places: list[tuple[int, str, str]], article_id: str,
                             implied: Implied, specs: dict[str, OrgHead]) -> None:
    """"Trưởng phòng GD&ĐT huyện X": the post's last word heads its body, "Phòng GD&ĐT huyện X"."""
    table = {fold(k): v for k, v in lexicon().terms["titles_ending_in_a_head"].items() if not k.startswith("_")}
    starts = {h.start for h in heads(doc).values()}
    for span in doc.spans.get(RULER_KEY, []):
        if span.label_ != "TITLE" or fold(span.text) not in table or span.end in starts:
            continue  # a body named after the post ("Trưởng phòng Phòng Nội vụ") is a mention of its own
        spec = specs.get(fold(table[fold(span.text)]))
        if spec is None:
            continue
        head = Head(span.end - len(spec.canonical.split()), span.end, spec)
        tail = parse_tail(doc, head)
        if not (tail.name or tail.admin):
            continue
        value, complete = _value(spec, doc[head.start:head.end], tail, province, places, canonical=True)
        entity = _implied_entity(doc[span.start:tail.end], value, complete, article_id, "org:implied-by-title")
        entity.kind = spec.kind
        implied.title_body[span.start_char] = entity
    _titles_overlapping_a_head(doc, province, places, article_id, implied)


def _titles_overlapping_a_head(doc: Doc, province: str | None, places: list[tuple[int, str, str]],
                               article_id: str, implied: Implied) -> None:
    """"Trưởng Ban Quản lý Khu kinh tế tỉnh", "Trưởng Đoàn ĐBQH tỉnh": a head that begins inside the
    post ("Trưởng Ban", "Trưởng đoàn") and runs past it is the post's body; the post keeps its words."""
    by_start = sorted(heads(doc).values(), key=lambda h: h.start)
    for start, end in _title_spans(doc, whole=True):
        head = next((h for h in by_start if start < h.start < end < h.end), None)
        if head is None or doc[start].idx in implied.title_body:
            continue
        tail = parse_tail(doc, head)
        value, complete = _value(head.spec, doc[head.start:head.end], tail, province, places)
        entity = _implied_entity(doc[start:tail.end], value, complete, article_id, "org:implied-by-title")
        entity.kind = head.spec.kind
        implied.title_body[doc[start].idx] = entity


def _parse_all(doc: Doc, province: str | None, article_id: str,
               places: list[tuple[int, str, str]]) -> list[_Mention]:
    """Parse every head not inside an earlier name; resolve placeless names to the last of their kind."""
    out: list[_Mention] = []
    last: dict[tuple[str, str], Entity] = {}
    covered = -1
    titles = _title_spans(doc)
    for head in sorted(heads(doc).values(), key=lambda h: h.start):
        spec = head.spec
        if head.start < covered or _inside_title(head, titles):
            continue  # a nested head is part of the name that holds it; a title's words are the title's
        head_span = doc[head.start:head.end]
        if spec.needs_tail and spec.tail == "name" and not head_span.text[:1].isupper():
            continue  # "trường hợp", "cán bộ": a lower-case institution word is not a name
        tail = parse_tail(doc, head)
        has_tail = bool(tail.name or tail.admin or tail.place or tail.relative)
        if spec.needs_tail and not has_tail and spec.nestable and head_span.text[:1].isupper():
            tail.bare = True  # "Phó Tổng giám đốc Tổng công ty": kept only if the article names it in full
        elif spec.needs_tail and not has_tail:
            continue
        span = doc[head.start:tail.end]
        value, complete = _value(spec, head_span, tail, province, places)
        level = fold(tail.admin or "")
        rule = f"org:{spec.kind}"
        previous = last.get((spec.kind, level)) if not complete and not tail.name else None
        if previous is not None and (not has_tail or tail.admin) and previous.value.startswith(value):
            value, key, rule = previous.value, previous.key, rule + "+coreference"
            complete = True
        elif complete:
            key = "org/" + slug(value)
        else:
            key = f"org/{slug(value)}@{article_id}"
        entity = Entity(id=str(len(out)), label="ORG", start=span.start_char, end=span.end_char, text=span.text,
                        value=value, key=key, kind=spec.kind, rule=rule,
                        confidence=entity_confidence("org_complete" if complete else "org_relative"))
        if complete and not tail.bare:
            last[(spec.kind, level)] = entity
            last[(spec.kind, "")] = entity
        out.append(_Mention(head, tail, span, entity))
        covered = tail.end
    return out


def _resolve_bare(mentions: list[_Mention], province: str | None, article_id: str) -> None:
    """"Công đoàn Bệnh viện", "Đảng ủy Bệnh viện": the institution the article names in full."""
    for m in mentions:
        if not m.tail.bare:
            continue
        word = fold(m.tail.name or m.span.text)
        full = None
        for other in mentions:
            inst = _institution(other)
            if other is not m and inst and fold(inst).startswith(word + " "):
                full = other, inst
                break
        if full is None:
            continue
        other, inst = full
        if m.head.spec.kind in _UNION_KINDS and other.head.spec.kind in _UNION_KINDS and m.tail.name:
            m.entity.value, m.entity.key = other.entity.value, other.entity.key
            m.same_as = other
        elif not m.tail.name:  # "Tổng công ty" alone
            m.entity.value = inst
            m.entity.key = other.entity.key if other.head.spec.nestable else \
                ("org/" + slug(inst) if "@" not in (other.entity.key or "") else f"org/{slug(inst)}@{article_id}")
        else:
            m.entity.value = f"{head_name(m.head.spec, m.span[:m.head.end - m.head.start])} {inst}"
            m.entity.key = "org/" + slug(m.entity.value) if other.entity.key and "@" not in other.entity.key \
                else f"org/{slug(m.entity.value)}@{article_id}"
        m.entity.rule += "+institution"
        m.resolved = True
    mentions[:] = [m for m in mentions if m.tail.name or not m.tail.bare or m.resolved]


_UNION_KINDS = ("union", "grassroots_union")


def _anaphora(doc: Doc, found: list[tuple[Span, Entity]], names: dict[str, str],
              province: str | None, article_id: str, implied: Implied) -> list[tuple[Span, Entity]]:
    """"Hiệu trưởng nhà trường": a lower-case institution word names the school mentioned before,
    with its place when the union's name gives one ("CĐCS Bệnh viện Đa khoa tỉnh X" ... "bệnh viện")."""
    words = folded(doc)
    table = {tuple(fold(k).split()): v for k, v in lexicon().terms["institution_anaphora"].items()}
    taken = {t for span, _ in found for t in range(span.start, span.end)}
    out = []
    for i in range(len(doc)):
        for phrase, head_word in table.items():
            n = len(phrase)
            if tuple(words[i:i + n]) != phrase or doc[i].text[0].isupper() or i in taken:
                continue
            before = [e for span, e in found if span.end <= i and names.get(e.id, "").startswith(head_word)]
            if not before:
                continue
            value = names[before[-1].id]
            key = f"org/{slug(value)}" + (f"-{slug(province)}" if province else f"@{article_id}")
            institution = implied.institution_of.get((before[-1].start, before[-1].end))
            if institution is not None and institution.value.startswith(value):
                value, key = institution.value, institution.key
            span = doc[i:i + n]
            out.append((span, Entity(id="", label="ORG", start=span.start_char, end=span.end_char, text=span.text,
                                     value=value, key=key, kind="institution", rule="org:anaphora",
                                     confidence=entity_confidence("org_anaphora"))))
    return out


def _complete_short_forms(found: list[tuple[Span, Entity]]) -> None:
    """A name that the article elsewhere gives with its place ("CĐCS Sở Tài chính" and
    "CĐCS Sở Tài chính tỉnh Hải Dương") is the same body: give it the full name and key."""
    admin_words = {fold(w) for w in lexicon().terms["admin_words"]} | {"thành"}
    for _, entity in found:
        for _, other in found:
            if other is entity or other.kind != entity.kind or not other.value.startswith(entity.value + " "):
                continue
            rest = fold(other.value[len(entity.value) + 1:]).split()
            if rest and rest[0] in admin_words:
                entity.value, entity.key = other.value, other.key
                entity.rule += "+short-form"
                break
