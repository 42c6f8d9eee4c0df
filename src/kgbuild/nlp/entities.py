"""Entity mentions from the span ruler's heads: organisations, people, titles, awards, events.

The span ruler (patterns in ``patterns/entities.jsonl`` and ``lexicon/organisations.jsonl``)
finds the *heads*: "Liên đoàn Lao động", "Phó Chủ tịch", "Bằng khen", "hội nghị".  This
module grows an organisation head over what a Vietnamese name puts after it (an
abbreviation in brackets, a sector, an institution's name, an administrative unit),
finds people from the "đồng chí" cue or a family name, and gives every organisation its
full name and a resolution key.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..annotated import Entity
from .lexicon import OrgHead, fold, lexicon, slug
from .tokens import folded, is_capitalised, match_phrase, province_at

RULER_KEY = "kgb"


@dataclass
class OrgTail:
    end: int
    abbreviation: str | None
    admin: str | None
    place: str | None
    name: str | None
    relative: bool = False


def _admin_at(doc: Doc, i: int) -> tuple[int, str, str | None] | None:
    """An administrative unit at token ``i``: (end, admin word, place or None)."""
    words = folded(doc)
    n = match_phrase(words, i, _admin_phrases())
    if not n:
        return None
    admin = doc[i:i + n].text
    j = i + n
    if j < len(doc) and doc[j].text == ".":  # "TP. Hồ Chí Minh"
        j += 1
    hit = province_at(doc, j)
    if hit:
        return j + hit[0], admin, hit[1]
    run = j
    while run < len(doc) and run - j < 3 and doc[run].is_title and words[run] not in _stop():
        run += 1
    if run > j and fold(admin) not in {"tỉnh", "thành phố", "tp"}:
        return run, admin, doc[j:run].text
    return i + n, admin, None  # a bare "tỉnh" / "huyện": relative to the article or the last body named


@cache
def _stop() -> frozenset[str]:
    return lexicon().term_set("title_stop")


@cache
def _breakers() -> frozenset[str]:
    return lexicon().term_set("name_breakers")


def _head_starts(doc: Doc) -> set[int]:
    """Token positions where the span ruler found a head: a name never runs into another entity."""
    starts = doc.user_data.get("kgb_head_starts")
    if starts is None:
        starts = {s.start for s in doc.spans.get(RULER_KEY, [])}
        doc.user_data["kgb_head_starts"] = starts
    return starts


@cache
def _admin_phrases() -> tuple[tuple[str, ...], ...]:
    return lexicon().term_phrases("admin_words")


def _name_run(doc: Doc, i: int) -> int:
    """End of a proper name starting at ``i`` ("Bệnh viện Đa khoa", "THPT Nguyễn Du", "Giáo dục và Đào tạo")."""
    words = folded(doc)
    if i >= len(doc) or not doc[i].is_alpha or not is_capitalised(doc[i].text):
        return i

    def capital(k: int) -> bool:
        return k < len(doc) and doc[k].is_alpha and doc[k].text[0].isupper()

    sectors = lexicon().term_phrases("sectors")
    j = i + (match_phrase(words, i, sectors) or 1)
    while j < len(doc) and _admin_at(doc, j) is None:
        # a department or sector name written in sentence case: "Sở Tài chính", "Sở Giáo dục và Đào tạo"
        n = match_phrase(words, j, sectors) if capital(j) else 0
        if n:
            j += n
            continue
        if capital(j):
            j += 1
            continue
        if words[j] in {"và", "-", "–", "&"} and capital(j + 1):
            j += 2
            continue
        # a short lower-case run inside a name ("Đa khoa", "Mầm non") continues it
        k = j
        while (k < len(doc) and k - j < 2 and doc[k].is_lower and doc[k].is_alpha and words[k] not in _breakers()
               and _admin_at(doc, k) is None):
            k += 1
        if k > j and ((capital(k) and k not in _head_starts(doc)) or (k < len(doc) and _admin_at(doc, k) is not None)):
            j = k
            continue
        break
    return j


def _tail(doc: Doc, head: Span, spec: OrgHead) -> OrgTail:
    i = head.end
    abbreviation = None
    if i + 2 < len(doc) and doc[i].text == "(" and doc[i + 2].text == ")" and doc[i + 1].text.isupper():
        abbreviation = doc[i + 1].text
        i += 3
    tail = OrgTail(head.end if abbreviation is None else i, abbreviation, None, None, None)
    words = folded(doc)
    if spec.tail == "sector":
        n = match_phrase(words, i, lexicon().term_phrases("sectors"))
        if not n:
            return tail
        tail.name, i = doc[i:i + n].text, i + n
        tail.end = i
    elif spec.tail in ("name", "name_or_admin"):
        if not (spec.tail == "name_or_admin" and _admin_at(doc, i)):
            end = _name_run(doc, i)
            if end > i:
                tail.name, tail.end, i = doc[i:end].text, end, end
            elif spec.tail == "name" or not _admin_at(doc, i):
                return tail
    elif spec.tail == "province":
        hit = province_at(doc, i)
        if hit:
            tail.place, tail.end = hit[1], i + hit[0]
        else:
            tail.relative = True
        return tail
    elif spec.tail == "none":
        return tail
    admin = _admin_at(doc, i)
    if admin:
        tail.end, tail.admin, tail.place = admin
    elif hit := province_at(doc, i):  # "Công đoàn ngành Y tế Hà Tĩnh": the province without "tỉnh"
        tail.place, tail.end = hit[1], i + hit[0]
    elif words[i:i + 2] == ["việt", "nam"]:  # national level: "Công đoàn Y tế Việt Nam"
        tail.place, tail.end = "Việt Nam", i + 2
    return tail


def _head_name(spec: OrgHead, head: Span) -> str:
    """The head as written, or its canonical form when written as an abbreviation or in other case."""
    written = head.text
    if fold(written) == fold(spec.canonical) or any(len(w) > 1 and w.isupper() for w in written.split()):
        return spec.canonical
    return written[0].upper() + written[1:]


def _province_phrase(province: str) -> str:
    word = "thành phố" if province in lexicon().terms["city_provinces"] else "tỉnh"
    return f"{word} {province}"


def _org_value(spec: OrgHead, head: Span, tail: OrgTail, province: str | None) -> tuple[str, bool]:
    """Full name and whether it is complete (not relative to an unknown province)."""
    parts = [_head_name(spec, head)]
    if tail.name:
        parts.append(tail.name)
    complete = True
    if tail.admin:
        admin = "thành phố" if fold(tail.admin) == "tp" else tail.admin.lower()
        provincial = fold(admin) in {"tỉnh", "thành phố"}
        place = tail.place or (province if provincial else None)
        parts.append(f"{admin} {place}" if place else admin)
        complete = place is not None
    elif tail.place:
        parts.append(tail.place)
    elif tail.relative:
        if province:
            parts.append(province)
        complete = province is not None
    elif spec.implicit_province:  # "Sở Y tế", "Công đoàn ngành Y tế" in a provincial article
        if province:
            parts.append(_province_phrase(province))
        complete = province is not None
    return " ".join(parts), complete


def _anaphora(doc: Doc, found: list[tuple[Span, Entity]], names: dict[str, str],
              province: str | None, article_id: str) -> list[tuple[Span, Entity]]:
    """"Hiệu trưởng nhà trường": a lower-case institution word names the school mentioned before."""
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
            span = doc[i:i + n]
            out.append((span, Entity(id="", label="ORG", start=span.start_char, end=span.end_char, text=span.text,
                                     value=value, key=key, kind="institution", rule="org:anaphora",
                                     confidence=0.7)))
    return out


def organisations(doc: Doc, province: str | None, article_id: str) -> list[tuple[Span, Entity]]:
    """Organisation mentions with full names and resolution keys.

    A head without its own unit ("Công đoàn Viên chức", "LĐLĐ huyện") refers to the last body
    of the same kind (and the same administrative level) named before it in the article.
    """
    lex = lexicon()
    heads = [s for s in doc.spans.get(RULER_KEY, []) if s.label_ == "ORG_HEAD"]
    found: list[tuple[Span, Entity]] = []
    last: dict[tuple[str, str], Entity] = {}
    names: dict[str, str] = {}
    for head in sorted(filter_spans(heads), key=lambda s: s.start):
        spec = lex.org_heads[int(head.id_)]
        if spec.needs_tail and spec.tail == "name" and not head.text[:1].isupper():
            continue  # "trường hợp", "cán bộ": a lower-case institution word is not a name
        tail = _tail(doc, head, spec)
        has_tail = bool(tail.name or tail.admin or tail.place or tail.relative)
        if spec.needs_tail and not has_tail:
            continue
        span = doc[head.start:tail.end]
        value, complete = _org_value(spec, head, tail, province)
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
        entity = Entity(id=str(len(found)), label="ORG", start=span.start_char, end=span.end_char, text=span.text,
                        value=value, key=key, kind=spec.kind, rule=rule, confidence=0.95 if complete else 0.8)
        if complete:
            last[(spec.kind, level)] = entity
            if level:
                last.setdefault((spec.kind, ""), entity)
            last[(spec.kind, "")] = entity
        if tail.name:
            names[entity.id] = tail.name if spec.kind == "grassroots_union" else value
        found.append((span, entity))
    _complete_short_forms(found)
    found += _anaphora(doc, found, names, province, article_id)
    first_name: dict[str | None, str] = {}
    for _, entity in found:  # one name per key: "Cơ quan, doanh nghiệp" and "Cơ quan - Doanh nghiệp" are one body
        entity.value = first_name.setdefault(entity.key, entity.value)
    return found


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


def titles(doc: Doc) -> list[tuple[Span, Entity]]:
    """Posts as written ("Phó Chủ tịch", "Trưởng ban Tuyên giáo")."""
    words = folded(doc)
    departments = lexicon().term_phrases("departments")
    spans = filter_spans([s for s in doc.spans.get(RULER_KEY, []) if s.label_ == "TITLE"])
    out = []
    for span in sorted(spans, key=lambda s: s.start):
        end = span.end
        if words[span.end - 1] in {"ban", "trưởng"} or fold(span.text).endswith("trưởng ban"):
            j = end + 1 if end < len(doc) and words[end] == "ban" else end
            n = match_phrase(words, j, departments)
            if n:
                end = j + n
        full = doc[span.start:end]
        value = full.text[0].upper() + full.text[1:]
        out.append((full, Entity(id="", label="TITLE", start=full.start_char, end=full.end_char,
                                 text=full.text, value=value, kind="title", rule="title")))
    return out


def simple(doc: Doc, label: str, kind: str) -> list[tuple[Span, Entity]]:
    """Awards and event heads: the ruler's span, valued by its pattern id."""
    spans = filter_spans([s for s in doc.spans.get(RULER_KEY, []) if s.label_ == label])
    return [(s, Entity(id="", label=label, start=s.start_char, end=s.end_char, text=s.text,
                       value=s.id_ or s.text, kind=kind, rule=label.lower()))
            for s in sorted(spans, key=lambda s: s.start)]


def _person_end(doc: Doc, i: int) -> int:
    words = folded(doc)
    stop = _stop()
    j = i
    while j < len(doc) and j - i < 5:
        tok = doc[j]
        if not (tok.is_title and tok.is_alpha) or (j > i and words[j] in stop):
            break
        if j > i and province_at(doc, j) and j + 1 < len(doc) and not doc[j + 1].is_title:
            break
        j += 1
    return j


def people(doc: Doc, taken: set[int]) -> list[tuple[Span, Entity]]:
    """People named after a cue ("đồng chí", "ông", "bà") or by a family name and given names."""
    lex = lexicon()
    words = folded(doc)
    cues = lex.term_phrases("person_cues")
    out = []
    i = 0
    while i < len(doc):
        if i in taken:
            i += 1
            continue
        n = match_phrase(words, i, cues)
        start = i + n
        rule = "person:cue" if n else "person:surname"
        if not n and doc[i].text not in lex.surnames:
            i += 1
            continue
        if n and (start >= len(doc) or (doc[start].text not in lex.surnames and not doc[start].is_title)):
            i += n
            continue
        end = _person_end(doc, start)
        if end - start < 2 or any(t in taken for t in range(start, end)):
            i = max(i + 1, start)
            continue
        if province_at(doc, start) and province_at(doc, start)[0] == end - start:
            i = end
            continue
        span = doc[start:end]
        name = span.text
        out.append((span, Entity(id="", label="PERSON", start=span.start_char, end=span.end_char, text=name,
                                 value=name, kind="person", rule=rule,
                                 confidence=0.95 if n else 0.75)))
        i = end
    return out


def entities(doc: Doc, province: str | None, article_id: str) -> list[tuple[Span, Entity]]:
    """All entity mentions, non-overlapping, in text order, with ids ``e1``, ``e2``, ..."""
    found = organisations(doc, province, article_id)
    found += titles(doc)
    found += simple(doc, "AWARD", "award")
    found += simple(doc, "EVENT", "event")
    taken = {t for span, _ in found for t in range(span.start, span.end)}
    found += people(doc, taken)
    found.sort(key=lambda pair: (pair[0].start, -len(pair[0])))
    kept: list[tuple[Span, Entity]] = []
    last_end = -1
    for span, entity in found:
        if span.start < last_end:
            continue
        kept.append((span, entity))
        last_end = span.end
    for n, (_, entity) in enumerate(kept, start=1):
        entity.id = f"e{n}"
    return kept
