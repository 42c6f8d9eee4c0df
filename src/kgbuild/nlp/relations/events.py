"""Reported events: the conference, congress or ceremony an article is about.

An event head ("hội nghị", "Đại hội", "lễ") is a *reported* event when its sentence
dates it ("Sáng 9/1, ...", "Ngày 10/1/2019, ...") or says that someone held it ("X tổ
chức hội nghị ..."), or when the title announces one ("X triển khai nhiệm vụ năm 2021").
A head inside a reference to the past ("Nghị quyết Đại hội VI") is not.  Type, period
reviewed, term of office and ordinal come from cue tables in ``lexicon/events.json``.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from ...annotated import Entity, Relation
from ...dates import DateValue, complete_year, parse_date
from ...resources import package_file
from ..lexicon import fold
from ..tokens import doc_text
from .base import Facts, Sentence

_DATE = re.compile(
    r"(?:\b(?:sáng|chiều|tối|trưa|hôm|vào)\s+(?:ngày\s+|hôm\s+)?|\bngày\s+)"
    r"(\d{1,2}\s*[/.-]\s*\d{1,2}(?:\s*[/.-]\s*\d{2,4})?|\d{1,2}\s+tháng\s+\d{1,2}(?:\s*(?:năm|,)\s*\d{4})?)",
    re.IGNORECASE,
)
_FULL_DATE = re.compile(r"\b\d{1,2}/\d{1,2}/\d{4}\b")
_YEAR = re.compile(r"\bnăm\s+(\d{4})\b", re.IGNORECASE)
_TERM = re.compile(r"nhiệm kỳ\s+(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE)
_ORDINAL = re.compile(r"lần thứ\s+([IVXLC]+|\d+)\b|^(?:đại hội|Đại hội)\s+(?:đại biểu\s+)?([IVXLC]+)\b")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


@cache
def rules() -> dict[str, Any]:
    """Event cue tables (types, held-verbs, references to the past)."""
    return json.loads(package_file("nlp", "lexicon", "events.json").read_text(encoding="utf-8"))


def roman(text: str) -> int:
    """A Roman or Arabic ordinal as an integer.

    >>> roman("XIII"), roman("4"), roman("IV")
    (13, 4, 4)
    """
    if text.isdigit():
        return int(text)
    total = 0
    for a, b in zip(text, text[1:] + " ", strict=True):
        value = _ROMAN[a]
        total += -value if b != " " and _ROMAN[b] > value else value
    return total


@dataclass
class EventCandidate:
    head: Entity
    sentence: Sentence
    name: str
    evidence: tuple[int, int]
    date: DateValue | None
    organiser: Entity | None
    held: bool
    in_title: bool


def event_type(head: str, name: str) -> str:
    """The controlled event type from the head word and the event's name."""
    folded_name = fold(name)
    for row in rules()["types"]:
        if fold(head) in row["heads"] and any(cue in folded_name for cue in row["cues"]):
            return row["type"]
    for row in rules()["defaults"]:
        if fold(head) in row["heads"]:
            return row["type"]
    return "other"


def period_reviewed(text: str) -> int | None:
    """The year a review conference looks back on.

    >>> period_reviewed("tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025")
    2024
    >>> period_reviewed("Công đoàn Viên chức tỉnh triển khai nhiệm vụ năm 2021")
    2020
    """
    folded = fold(text)
    years = [int(y) for y in _YEAR.findall(folded)]
    if not years:
        return None
    if any(cue in folded for cue in rules()["review_cues"]):
        return years[0]
    if any(cue in folded for cue in rules()["plan_cues"]):
        return years[0] - 1
    return None


def _name(sentence: Sentence, head: Entity) -> str:
    text = doc_text(sentence.span.doc)[head.start:sentence.span.end_char]
    for stop in rules()["name_stops"]:
        cut = fold(text).find(stop)
        if cut > 0:
            text = text[:cut]
    return text.strip(" .,;:\n")[:240].strip()


def _date(sentence: Sentence) -> DateValue | None:
    match = _DATE.search(sentence.text) or _FULL_DATE.search(sentence.text)
    return parse_date(match.group(0)) if match else None


def _organiser(sentence: Sentence, head: Entity) -> Entity | None:
    """The body that held the event: subject of "tổ chức", or the body named in the event's name."""
    orgs = sentence.of("ORG")
    before = [e for s, e in orgs if e.end <= head.start]
    between = fold(doc_text(sentence.span.doc)[before[-1].end:head.start]) if before else ""
    if before and any(verb in between for verb in rules()["held_verbs"]):
        return before[-1]
    after = [e for s, e in orgs if e.start >= head.end and e.start - head.end < 60]
    if after:
        return after[0]
    return before[-1] if before else None


def candidates(sentences: list[Sentence], title_end: int) -> list[EventCandidate]:
    found = []
    past = rules()["past_references"]
    for sentence in sentences:
        for span, head in sentence.of("EVENT"):
            doc = sentence.span.doc
            preceding = fold(doc[max(span.start - 3, sentence.span.start):span.start].text)
            if any(preceding.endswith(p) for p in past):
                continue
            name = _name(sentence, head)
            in_title = head.start < title_end
            before = fold(doc_text(doc)[sentence.span.start_char:head.start])
            held = any(verb in before[-40:] for verb in rules()["held_verbs"])
            date = _date(sentence)
            if not (date or held or in_title):
                continue
            found.append(EventCandidate(head, sentence, name, (sentence.span.start_char, sentence.span.end_char),
                                        date, _organiser(sentence, head), held, in_title))
    return found


def _title_event(sentences: list[Sentence], title_end: int) -> EventCandidate | None:
    """A title such as "X triển khai nhiệm vụ năm 2021" announces a review conference."""
    if not sentences:
        return None
    title = sentences[0]
    folded = fold(title.text)
    if not any(cue in folded for cue in rules()["title_cues"]):
        return None
    orgs = title.of("ORG")
    head = Entity(id="", label="EVENT", start=title.span.start_char, end=title.span.end_char,
                  text=title.text, value="hội nghị", kind="event", rule="event:title")
    return EventCandidate(head, title, title.text.strip(), (title.span.start_char, title.span.end_char),
                          None, orgs[0][1] if orgs else None, False, True)


def _implied_event(sentences: list[Sentence]) -> EventCandidate | None:
    """"Tại hội nghị tổng kết, ..." speaks of a typed event the article never dates: keep it, undated."""
    for sentence in sentences:
        for span, head in sentence.of("EVENT"):
            doc = sentence.span.doc
            before = fold(doc[max(span.start - 2, sentence.span.start):span.start].text)
            name = _name(sentence, head)
            if before.endswith(tuple(rules()["implying_prepositions"])) and event_type(head.value, name) != "other":
                orgs = sentences[0].of("ORG") or sentence.of("ORG")
                return EventCandidate(head, sentence, name, (sentence.span.start_char, sentence.span.end_char),
                                      None, orgs[0][1] if orgs else None, False, False)
    return None


def extract_events(sentences: list[Sentence], facts: Facts, *, title_end: int,
                   published: str | None) -> list[Relation]:
    """Reported events, the main one first; duplicates (same type and date) merged."""
    found = candidates(sentences, title_end)
    body = [c for c in found if not c.in_title]
    chosen = body or found
    if not chosen:
        implied = _title_event(sentences, title_end) or _implied_event(sentences)
        chosen = [implied] if implied else []
    events: list[Relation] = []
    seen: set[tuple[str, str | None]] = set()
    for c in chosen:
        context = c.name + " " + (_next_text(sentences, c.sentence) or "")
        kind = event_type(c.head.value, context)
        reviewed = period_reviewed(context) if kind in ("review_conference", "executive_committee_meeting") \
            else None
        date = complete_year(c.date, published=published, reviewed_year=reviewed) if c.date else None
        iso = date.iso() if date else None
        if (kind, iso) in seen or (events and (iso is None or c.date is None)):
            continue
        seen.add((kind, iso))
        args: dict[str, Any] = {
            "name": c.name, "event_type": kind, "head_entity": c.head.id or None,
            "date": iso, "date_granularity": date.granularity if date else None,
            "organiser_entity": c.organiser.id if c.organiser else None,
            "period_reviewed": reviewed,
        }
        term = _TERM.search(context)
        if term:
            args["term"] = f"{term.group(1)}-{term.group(2)}"
        ordinal = _ORDINAL.search(c.name)
        if ordinal:
            args["ordinal"] = roman(ordinal.group(1) or ordinal.group(2))
        confidence = 0.9 if c.date or c.held else 0.6
        rule = c.head.rule if c.head.rule == "event:title" else \
            "event:dated" if c.date else "event:held" if c.held else "event:implied"
        events.append(facts.add("event", args, c.evidence, c.sentence.index, rule, confidence))
    return events


def _next_text(sentences: list[Sentence], sentence: Sentence) -> str | None:
    """The sentence after an event's, when it goes on about "Hội nghị" (its agenda)."""
    following = sentences[sentence.index + 1:sentence.index + 4]
    for nxt in following:
        if fold(nxt.text).startswith(tuple(rules()["anaphora"])):
            return nxt.text
    return None
