"""Entity mentions from the span ruler's heads: organisations, people, titles, awards, events.

The span ruler (patterns in ``patterns/entities.jsonl`` and ``lexicon/organisations.jsonl``)
finds the *heads*: "Liên đoàn Lao động", "Phó Chủ tịch", "Bằng khen", "hội nghị".  This
module grows an organisation head over what a Vietnamese name puts after it (an
abbreviation in brackets, a sector, an institution's name, an administrative unit),
finds people from the "đồng chí" cue or a family name, and gives every organisation its
full name and a resolution key.
"""

from __future__ import annotations

from spacy.tokens import Doc, Span
from spacy.util import filter_spans

from ..annotated import Entity
from .lexicon import fold, lexicon, terms
from .organisations import IMPLIED_KEY, entity_confidence, organisations
from .orgnames import RULER_KEY
from .tokens import folded, match_phrase, province_at

__all__ = ["RULER_KEY", "entities", "implied_entities", "organisations", "people", "simple", "titles"]


def titles(doc: Doc) -> list[tuple[Span, Entity]]:
    """Posts as written ("Phó Chủ tịch", "Trưởng ban Tuyên giáo")."""
    words = folded(doc)
    departments = lexicon().term_phrases("departments")
    spans = filter_spans([s for s in doc.spans.get(RULER_KEY, []) if s.label_ == "TITLE"])
    out = []
    for span in sorted(spans, key=lambda s: s.start):
        end = span.end
        if words[span.end - 1] in lexicon().term_set("title_department_openers") or fold(span.text).endswith("trưởng ban"):
            j = end + 1 if end < len(doc) and words[end] == "ban" else end
            n = match_phrase(words, j, departments)
            if n:
                end = j + n
        full = doc[span.start:end]
        written = span.id_ if end == span.end and span.id_ else full.text  # one spelling per pattern ("uỷ"/"ủy")
        value = written[0].upper() + written[1:]
        out.append((full, Entity(id="", label="TITLE", start=full.start_char, end=full.end_char,
                                 text=full.text, value=value, kind="title", rule="title")))
    return out


def simple(doc: Doc, label: str, kind: str) -> list[tuple[Span, Entity]]:
    """Awards and event heads: the ruler's span, valued by its pattern id."""
    spans = filter_spans([s for s in doc.spans.get(RULER_KEY, []) if s.label_ == label])
    return [(s, Entity(id="", label=label, start=s.start_char, end=s.end_char, text=s.text,
                       value=s.id_ or s.text, kind=kind, rule=label.lower()))
            for s in sorted(spans, key=lambda s: s.start)]


def _apostrophe_name(text: str) -> bool:
    """Syllables of minority-language names written with an apostrophe ("H'Nga", "K'Thuận")."""
    return "'" in text and text.replace("'", "").isalpha()


def _person_end(doc: Doc, i: int) -> int:
    """End of a person's name: up to five capitalised syllables.  A word that often opens a
    title or a sentence ("Công", "Đồng", "Nguyên") ends the name only where it starts a
    pattern or the capitalised run stops after it ("Bùi Công Tạo" is one name)."""
    words = folded(doc)
    stop = terms("title_stop")
    starts = {s.start for s in doc.spans.get(RULER_KEY, [])}
    j = i
    while j < len(doc) and j - i < 5:
        tok = doc[j]
        if tok.is_space and j > i and j + 1 < len(doc) and doc[j + 1].is_title and "\n" not in tok.text:
            j += 1  # a doubled space inside a name
            continue
        if not (tok.is_title and (tok.is_alpha or _apostrophe_name(tok.text))):
            break
        if j > i and words[j] in stop and (j in starts or j + 1 >= len(doc) or not doc[j + 1].is_title
                                           or not doc[j + 1].is_alpha or j + 1 in starts) \
                and not (j - i >= 2 and j + 1 < len(doc) and words[j + 1] in terms("person_name_closers")):
            break  # "Nông Văn Sáng, Phó Chủ tịch": before a comma or a dash the word is the last given name
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
        name = " ".join(span.text.split())
        out.append((span, Entity(id="", label="PERSON", start=span.start_char, end=span.end_char, text=name,
                                 value=name, kind="person", rule=rule,
                                 confidence=entity_confidence("person_cued" if n else "person_surname"))))
        i = end
    return out


def authors_in_text(doc: Doc, authors: tuple[str, ...] | list[str], taken: set[int]) -> list[tuple[Span, Entity]]:
    """The byline's names where the text writes them ("Tin, ảnh: Tuyết Nghiêm – Phó Chủ tịch ..."):
    a pen name need not open with a family name, but the byline says it is a person."""
    words = folded(doc)
    out = []
    for author in authors:
        phrase = tuple(fold(w) for w in author.split())
        n = len(phrase)
        if n < 2:
            continue
        hits = [i for i in range(len(doc) - n + 1) if tuple(words[i:i + n]) == phrase
                and not any(t in taken for t in range(i, i + n))
                and not (i > 0 and doc[i - 1].is_title and doc[i - 1].is_alpha)  # "Nguyễn [Hoàng Nam]"
                and not (i + n < len(doc) and doc[i + n].is_title and doc[i + n].is_alpha)]
        for i in hits[-1:]:  # the byline itself: the last place the text writes the name
            span = doc[i:i + n]
            out.append((span, Entity(id="", label="PERSON", start=span.start_char, end=span.end_char,
                                     text=span.text, value=author, kind="person", rule="person:byline",
                                     confidence=entity_confidence("person_cued"))))
            taken.update(range(i, i + n))
    return out


def entities(doc: Doc, province: str | None, article_id: str) -> list[tuple[Span, Entity]]:
    """All entity mentions, non-overlapping, in text order, with ids ``e1``, ``e2``, ..."""
    found = organisations(doc, province, article_id)
    found += titles(doc)
    found += simple(doc, "AWARD", "award")
    found += simple(doc, "EVENT", "event")
    taken = {t for span, _ in found for t in range(span.start, span.end)}
    article = doc.user_data.get("article")
    bylined = authors_in_text(doc, getattr(article, "authors", ()) or (), taken)
    taken |= {t for span, _ in bylined for t in range(span.start, span.end)}
    found += bylined + people(doc, taken)
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
    implied = doc.user_data.get(IMPLIED_KEY)
    for n, entity in enumerate(implied.entities() if implied else [], start=len(kept) + 1):
        entity.id = f"e{n}"
    return kept


def implied_entities(doc: Doc) -> list[Entity]:
    """Entities the text implies without a mention of their own (see ``organisations.Implied``)."""
    implied = doc.user_data.get(IMPLIED_KEY)
    return implied.entities() if implied else []
