"""Reported events: the conference, congress, ceremony or gathering an article is about.

The genre reports its event in the lead: a time ("Sáng 9/1,", "Ngày 16-6,"), the body that
holds it, and what it did ("tổ chức hội nghị tổng kết ...", "tuyên dương 55 cán bộ ...",
"trao 200 suất quà Tết ...").  So a sentence reports an event when one of the event cues of
``lexicon/events.json`` follows a date the sentence gives, or follows a verb of holding ("tổ
chức", "khai mạc"), or is followed by one ("... được tổ chức", "do X tổ chức").  A cue right after
a reference to another time ("Nghị quyết Đại hội", "tiến tới Đại hội") is not an event.

The type is that of the earliest strong cue in the event's name ("hội nghị tổng kết ... và biểu
dương" is a review conference, "tuyên dương ... và tổng kết" an award ceremony); weak cues
("giao lưu") and bare heads ("hội nghị", "lễ") count only when nothing stronger is named.  The
organiser is the first body of the clause that holds the event ("X phối hợp với Y tổ chức" and "X
chủ trì, phối hợp với Y tổ chức" are X; an aside "(trực thuộc Y)" is not), the body after "do", or
the body the event's name carries ("Đại hội Công đoàn X", not "trao quà cho ... Công ty Y"); failing
those, the body the article names most.  "Ban tổ chức đã trao ..." names no organiser.

One event per article is the rule of the genre: the first sentence that dates one gives it (with
any head joined to it, "Lễ A và Lễ B"); else a headline that names one; else the first sentence
that says it was held; else an event the text only speaks of ("Tại hội nghị tổng kết, ...").  A
further event comes only from a sentence that opens with a connective of time ("Trước đó, ngày
5/1, ...", "Chiều cùng ngày, ...").
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from ...annotated import Entity, Relation
from ...resources import package_file
from ..context import is_publication_line, publication_date
from ..tokens import doc_text
from . import cues
from .base import Facts, Sentence
from .event_dates import DateMention, date_mentions, event_date

_YEAR = re.compile(r"\bnăm\s+(\d{4})\b")
_TERM = re.compile(r"nhiệm kỳ\s+(\d{4})\s*[-–—]\s*(\d{4})", re.IGNORECASE)
_ORDINAL = re.compile(r"lần thứ\s+([IVXLC]+|\d+)\b|^(?:đại hội|Đại hội)\s+(?:đại biểu\s+)?([IVXLC]+)\b")
_ROMAN = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}
_JOIN_TAIL = re.compile(r"[\s,]*(?:và)?[\s,]*$")
_CLAUSE_BREAK = re.compile(r"[,;:()\[\]|]")
_ASIDE = re.compile(r"\([^()]*\)")


@cache
def rules() -> dict[str, Any]:
    """Event cue tables (types, verbs of holding, references to another time, dates, confidences)."""
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


@dataclass(frozen=True)
class Cue:
    """An event cue in a sentence: where it is (characters of the article) and what it says."""

    start: int
    end: int
    type: str
    strength: str


@cache
def _cue_table() -> dict[str, tuple[str, str]]:
    """Folded phrase -> (type, strength); a phrase listed twice keeps its first row."""
    table: dict[str, tuple[str, str]] = {}
    for row in rules()["cues"]:
        for phrase in row["phrases"]:
            table.setdefault(" ".join(cues.flat(phrase).split()), (row["type"], row["strength"]))
    return table


def _cue_of(matched: str) -> tuple[str, str]:
    words = matched.split()
    table = _cue_table()
    if " ".join(words) in table:
        return table[" ".join(words)]
    for phrase, value in table.items():            # a phrase with a '*' wildcard
        pattern = phrase.split()
        if len(pattern) == len(words) and all(p in ("*", w) for p, w in zip(pattern, words, strict=True)):
            return value
    return "other", "head"


def find_cues(text: str, offset: int = 0) -> list[Cue]:
    """Every event cue of ``text``, left to right, longest first where two start together."""
    found = []
    for match in cues.find(_cue_table(), text):
        kind, strength = _cue_of(match.group(0))
        found.append(Cue(offset + match.start(), offset + match.end(), kind, strength))
    return found


def event_type(name: str) -> str:
    """The controlled type of an event from its name: the earliest strong cue, else a weak one, else other.

    >>> event_type("hội nghị tổng kết chương trình X và biểu dương tập thể tiêu biểu")
    'review_conference'
    >>> event_type("tuyên dương điển hình tiên tiến và tổng kết 10 năm phong trào")
    'award_ceremony'
    >>> event_type("Hội nghị Ban Chấp hành lần thứ 6; tổng kết năm học")
    'executive_committee_meeting'
    """
    found = find_cues(name)
    for strength in ("strong", "weak"):
        ranked = [c for c in found if c.strength == strength]
        if ranked:
            return ranked[0].type
    return "other"


def _specific(name: str) -> bool:
    """Whether the name itself says what kind of event it is (a strong cue)."""
    return any(c.strength == "strong" for c in find_cues(name))


def period_reviewed(text: str) -> int | None:
    """The year a review conference looks back on.

    >>> period_reviewed("tổng kết công tác năm 2024, triển khai nhiệm vụ năm 2025")
    2024
    >>> period_reviewed("Công đoàn Viên chức tỉnh triển khai nhiệm vụ năm 2021")
    2020
    """
    folded = cues.flat(text)
    years = [int(y) for y in _YEAR.findall(folded)]
    if not years:
        return None
    if cues.find(rules()["review_cues"], folded):
        return years[0]
    if cues.find(rules()["plan_cues"], folded):
        return years[0] - 1
    return None


@dataclass
class EventCandidate:
    sentence: Sentence
    cue: Cue
    name: str
    date: DateMention | None
    organiser: Entity | None
    held: bool
    rule: str
    unnamed_organiser: bool = False     # "Ban tổ chức đã trao ...": held by organisers the text does not name


def _name(sentence: Sentence, start: int) -> str:
    text = doc_text(sentence.span.doc)[start:sentence.span.end_char]
    for stop in rules()["name_stops"]:
        cut = cues.flat(text).find(stop)
        if cut > 0:
            text = text[:cut]
    return text.strip(" .,;:\n|")[:rules()["name_max_chars"]].strip()


def _held_before(prefix: str) -> re.Match[str] | None:
    """The verb of holding that ends at most a few words before the cue ("tổ chức thành công Đại hội")."""
    verbs = cues.find(rules()["held_verbs"], prefix)
    if not verbs:
        return None
    last = verbs[-1]
    gap = prefix[last.end():]
    noun = cues.ends_with(rules()["held_verb_as_noun_after"], prefix[:last.start()])  # "Ban tổ chức"
    if noun or _CLAUSE_BREAK.search(gap) or len(gap.split()) > rules()["held_gap_words"]:
        return None
    return last


def _held_by_agent(suffix: str) -> list[re.Match[str]]:
    """"Hội nghị ... được Công đoàn X tổ chức vào sáng 12/1": the passive with its agent between, as the verb."""
    for marker in cues.find(rules()["passive_markers"], suffix):
        rest = suffix[marker.end():]
        verbs = cues.find(rules()["held_verbs"], rest)
        if verbs and len(rest[:verbs[0].start()].split()) <= rules()["agent_max_words"] \
                and not _CLAUSE_BREAK.search(rest[:verbs[0].start()]):
            return [marker]
    return []


def _committee_subject(prefix: str) -> bool:
    """Whether the clause before the cue opens with "Ban tổ chức" as its subject (not "Trưởng Ban Tổ chức")."""
    clause = _CLAUSE_BREAK.split(cues.flat(prefix))[-1].lstrip()
    return any(m.start() == 0 for m in cues.find(rules()["organising_committee"], clause))


def _other_time(prefix: str) -> bool:
    """A cue right after "Nghị quyết", "tiến tới", "sẽ" ... speaks of an event the article does not report."""
    window = " ".join(cues.flat(prefix).split()[-rules()["past_window_words"]:])
    return cues.ends_with(rules()["past_references"], prefix) or bool(cues.find(rules()["future_markers"], window))


def _inside_name(sentence: Sentence, position: int) -> bool:
    """Whether a character is part of an organisation, person or title mention (not an event word)."""
    return any(e.start <= position < e.end for _, e in sentence.mentions if e.label in ("ORG", "PERSON", "TITLE"))


def _subject_clause_start(sentence: Sentence, pivot: int) -> int:
    """Where the clause of the verb of holding begins: after the last comma before it, unless that
    clause only continues the subject ("X chủ trì, phối hợp với Y tổ chức", "X, trực thuộc Y, tổ chức")."""
    text = doc_text(sentence.span.doc)
    start = sentence.span.start_char
    breaks = [start] + [m.end() for m in _CLAUSE_BREAK.finditer(text, start, pivot) if m.group(0) not in "()"]
    index = len(breaks) - 1
    while index > 0 and cues.flat(text[breaks[index]:pivot]).lstrip().startswith(
            tuple(rules()["subject_continuations"])):
        index -= 1
    return breaks[index]


def _organiser(sentence: Sentence, cue: Cue, held_at: int | None) -> Entity | None:
    """The first body of the clause holding the event, the body after "do", or the one the name carries."""
    text = doc_text(sentence.span.doc)
    orgs = [e for _, e in sentence.of("ORG")]
    after = [e for e in orgs if e.start >= cue.end]
    for org in after:                                      # "... do Công đoàn X tổ chức"
        between = cues.flat(text[cue.end:org.start])
        if cues.ends_with(rules()["organised_by"], between) and not _CLAUSE_BREAK.search(between[-4:]):
            return org
    if cues.ends_with(rules()["attend_verbs"], text[sentence.span.start_char:cue.start]):
        near = [e for e in after if e.start - cue.end < rules()["organiser_after_head_chars"]]
        if near:                                           # "X tham dự Đại hội Công đoàn Y": Y holds it
            return near[0]
    pivot = held_at if held_at is not None else cue.start
    clause_start = _subject_clause_start(sentence, pivot)
    asides = [(m.start(), m.end()) for m in _ASIDE.finditer(text, clause_start, pivot)]
    in_clause = [e for e in orgs if e.end > clause_start and e.start < pivot  # "Công đoàn Viên chức (CĐVC) tỉnh"
                 and not any(a <= e.start and e.end <= b for a, b in asides)]  # "X (trực thuộc Y) tổ chức"
    if in_clause:
        return in_clause[0]
    near = [e for e in after if e.start - cue.end < rules()["organiser_after_head_chars"]
            and not cues.find(rules()["not_organiser_after"], text[cue.end:e.start])]
    if near:                                               # "Hội nghị tổng kết của Công đoàn X", not "... cho X"
        return near[0]
    before = [e for e in orgs if e.end <= cue.start]
    return before[-1] if before else None


def _later_time(before: str) -> bool:
    """Whether the text before a date after the event's name ends with a time of day ("vào sáng")."""
    return cues.ends_with(rules()["dates"]["later_time_cues"], before[-24:])


def _usable(mention: DateMention) -> bool:
    return mention.cued or mention.value.year is not None


def _date_line(sentence: Sentence | None) -> DateMention | None:
    """A sentence that is only a time ("Sáng 20/11/2015.") dates the sentence after it."""
    if sentence is None or len(sentence.text.strip()) > rules()["date_line_max_chars"] \
            or is_publication_line(sentence.text.strip()):
        return None
    found = [m for m in date_mentions(sentence.text, rules()["dates"]) if m.cued]
    return found[0] if len(found) == 1 else None


def reported(sentence: Sentence, previous: Sentence | None = None) -> list[EventCandidate]:
    """The event a sentence reports, if it reports one (see the module's docstring)."""
    text = doc_text(sentence.span.doc)
    start, end = sentence.span.start_char, sentence.span.end_char
    dates = [m for m in date_mentions(text[start:end], rules()["dates"]) if _usable(m)]
    line = _date_line(previous)
    summary = bool(cues.find(rules()["summary_markers"], text[start:end]))
    found: list[EventCandidate] = []
    for cue in find_cues(text[start:end], start):
        if _inside_name(sentence, cue.start):
            continue
        prefix = text[start:cue.start]
        if _other_time(prefix):
            continue
        held_verb = _held_before(cues.flat(prefix))
        committee = _committee_subject(prefix)
        suffix = cues.flat(text[cue.end:end])
        held_after = cues.find(rules()["held_after"], suffix) or _held_by_agent(suffix)
        if held_after and cues.find(rules()["future_markers"], suffix[:held_after[0].start()]):
            continue                                       # "Đại hội ... sẽ được tổ chức vào ..."
        dated = [m for m in dates if start + m.end <= cue.start] or ([line] if line else [])
        if not dated and held_after:
            dated = [m for m in dates if start + m.start >= cue.end + held_after[0].start()]
        if not dated and held_verb is not None:
            dated = [m for m in dates if start + m.start >= cue.end and _later_time(text[start:start + m.start])]
        held = held_verb is not None or bool(held_after) or bool(committee)
        if not dated and (not held or summary or cue.strength == "weak"):
            continue                                       # undated: only a named occasion someone holds
        held_at = start + held_verb.start() if held_verb else None
        organiser = None if committee and held_verb is None else _organiser(sentence, cue, held_at)
        found.append(EventCandidate(sentence, cue, _name(sentence, cue.start), dated[0] if dated else None,
                                    organiser, held, "event:dated" if dated else "event:held",
                                    unnamed_organiser=bool(committee) and held_verb is None))
    if not found:
        return []
    dated = [c for c in found if c.date]
    # a dated cue beats an undated (cited) one, and a named occasion beats a side activity ("tặng hoa")
    first = next((c for c in dated if c.cue.strength != "weak"), dated[0]) if dated else found[0]
    return [first, *_coordinated(first)]


def _coordinated(first: EventCandidate) -> list[EventCandidate]:
    """"tổ chức Lễ tuyên dương ... và Lễ báo công ...": a second head joined to the first is a second event."""
    text = doc_text(first.sentence.span.doc)
    name_end = first.cue.start + len(first.name)
    joined = [c for c in find_cues(text[first.cue.end:name_end], first.cue.end)
              if c.strength == "head" and cues.ends_with(rules()["coordinated"], text[first.cue.start:c.start])]
    others = [EventCandidate(first.sentence, head, _name(first.sentence, head.start), first.date,
                             first.organiser, first.held, "event:coordinated") for head in joined]
    chain = [first, *others]
    for a, b in pairwise(chain):
        a.name = _JOIN_TAIL.sub("", text[a.cue.start:b.cue.start])
    return others


def _connected(sentences: list[Sentence], found: list[EventCandidate],
               chosen: list[EventCandidate]) -> list[EventCandidate]:
    """Further events a sentence ties to the main one ("Trước đó, ngày 5/1, ...", "Chiều cùng ngày, ...").

    One event per article is the rule, but a report may go on to a second occasion in a sentence
    that opens with a connective of time; a "same day" one ("Cùng ngày", "Bên lề hội nghị") takes
    the main event's date and organiser where it names neither, and needs no verb of holding ("Bên
    lề hội nghị, Công đoàn X trao 20 suất quà").  "Nhân dịp này" / "Tại hội nghị" speak of the same
    event and are not connectives here.
    """
    if not chosen:
        return []
    main = chosen[0]
    openers = rules()["connected_openers"]
    out: list[EventCandidate] = []
    for sentence in sentences:
        opening = cues.flat(sentence.text).lstrip(" -–•\n")
        same_day = opening.startswith(tuple(openers["same_day"]))
        if sentence is main.sentence or not (same_day or opening.startswith(tuple(openers["own_date"]))):
            continue
        told = next((c for c in found if c.sentence is sentence), None) or _strong_cue(sentence)
        if told is None:
            continue
        date = told.date or (main.date if same_day else None)
        out.append(EventCandidate(sentence, told.cue, told.name, date, told.organiser or main.organiser, told.held,
                                  "event:connected"))
    return out


def _strong_cue(sentence: Sentence) -> EventCandidate | None:
    """The first named occasion of a sentence, held or not, with the sentence's own date if it gives one."""
    text = doc_text(sentence.span.doc)
    start = sentence.span.start_char
    for cue in find_cues(sentence.text, start):
        if cue.strength != "strong" or _inside_name(sentence, cue.start) or _other_time(text[start:cue.start]):
            continue
        dates = [m for m in date_mentions(sentence.text, rules()["dates"]) if _usable(m)]
        return EventCandidate(sentence, cue, _name(sentence, cue.start), dates[0] if dates else None,
                              _organiser(sentence, cue, None), False, "event:connected")
    return None


def _fallback(sentences: list[Sentence], title_end: int) -> EventCandidate | None:
    """An undated event the article speaks of: "Tại hội nghị tổng kết, ...", a caption, the title's own cue."""
    for sentence in sentences:
        text = doc_text(sentence.span.doc)
        start = sentence.span.start_char
        for cue in find_cues(text[start:sentence.span.end_char], start):
            if _inside_name(sentence, cue.start):
                continue
            prefix = text[start:cue.start]
            name = _name(sentence, cue.start)
            leading = not prefix.strip(" -–•\n")
            implied = cues.ends_with(rules()["implying_prepositions"], prefix)
            titled = cue.start < title_end and _specific(name)
            if (leading or implied or titled) and not _other_time(prefix):
                headline = [e for _, e in sentences[0].of("ORG") if e.start < title_end]
                near = [e for _, e in sentence.of("ORG") if e.start >= cue.end
                        and e.start - cue.end < rules()["organiser_after_head_chars"]]
                # the body the name carries ("Đại hội Công đoàn X") or the headline's; else the text names none
                organiser = near[0] if near and leading else headline[0] if headline else None
                return EventCandidate(sentence, cue, name, None, organiser, False,
                                      "event:title" if titled else "event:implied")
    return None


def _most_named_body(sentences: list[Sentence]) -> Entity | None:
    """The body the article names most often (first named on a tie): what an undated event is most likely of."""
    counts: dict[str, int] = {}
    first: dict[str, Entity] = {}
    for sentence in sentences:
        for _, org in sentence.of("ORG"):
            key = org.key or org.value
            counts[key] = counts.get(key, 0) + 1
            first.setdefault(key, org)
    if not counts:
        return None
    best = max(counts.values())
    return next(first[k] for k in first if counts[k] == best)


def _confidence(c: EventCandidate) -> float:
    table = rules()["confidence"]
    if c.rule == "event:connected":
        return table["connected"]
    if c.date and c.held:
        return table["dated_and_held"]
    if c.date:
        return table["dated"]
    if c.held:
        return table["held"]
    return table["title"] if c.rule == "event:title" else table["implied"]


def _first_sentence(found: list[EventCandidate]) -> list[EventCandidate]:
    """The events of the first sentence that reports any."""
    return [c for c in found if c.sentence is found[0].sentence] if found else []


def extract_events(sentences: list[Sentence], facts: Facts, *, title_end: int,
                   published: str | None) -> list[Relation]:
    """Reported events, the main one first; duplicates (same type and date) merged."""
    if sentences and not published:
        published = publication_date(sentences[0].span.doc.user_data["article"])
    found = [c for s in sentences for c in reported(s, sentences[s.index - 1] if s.index else None)]
    chosen = _first_sentence([c for c in found if c.date])
    if not chosen:
        titled = _fallback(sentences[:1], title_end)
        held = _first_sentence(found)
        chosen = held
        if titled and titled.rule == "event:title" and not (held and held[0].sentence is titled.sentence):
            if held and event_type(held[0].name) == event_type(titled.name):
                titled.organiser = titled.organiser or held[0].organiser
                chosen = [titled, *held[1:]]
            else:
                chosen = [titled]
    if not chosen:
        implied = _fallback(sentences, title_end)
        chosen = [implied] if implied else []
    chosen += _connected(sentences, found, chosen)
    events: list[Relation] = []
    seen: set[tuple[str, str | None, str]] = set()
    for c in chosen:
        if c.rule != "event:implied" and not c.unnamed_organiser:
            c.organiser = c.organiser or _most_named_body(sentences)
        kind = event_type(c.name)
        context = c.name
        if not _specific(c.name):
            context = c.name + " " + (_next_text(sentences, c.sentence) or "")
            kind = event_type(context)
        reviewed = period_reviewed(context) if kind in ("review_conference", "executive_committee_meeting") \
            else None
        year_end_review = reviewed if not cues.find(rules()["midyear_cues"], context) else None
        date = event_date(c.date, c.sentence.text, rules()["dates"], published=published,
                          reviewed_year=year_end_review, article=doc_text(c.sentence.span.doc)) if c.date else None
        iso = date.iso() if date else None
        cue_words = cues.flat(doc_text(c.sentence.span.doc)[c.cue.start:c.cue.end])
        if c.rule == "event:connected":
            # "Chiều cùng ngày, Đại hội bầu ...": the same congress told on, not a second one
            if any(k == kind and (iso is None or (w, d) == (cue_words, iso)) for k, d, w in seen):
                continue
        elif any((k, d) == (kind, iso) for k, d, _ in seen) or \
                (events and iso is None and c.rule != "event:coordinated"):
            continue
        seen.add((kind, iso, cue_words))
        head = next((e for _, e in c.sentence.of("EVENT") if e.start <= c.cue.start < e.end), None)
        args: dict[str, Any] = {
            "name": c.name, "event_type": kind, "head_entity": head.id if head else None,
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
        evidence = (c.sentence.span.start_char, c.sentence.span.end_char)
        events.append(facts.add("event", args, evidence, c.sentence.index, c.rule, _confidence(c)))
    return events


def _next_text(sentences: list[Sentence], sentence: Sentence) -> str | None:
    """The sentence after an event's, when it goes on about "Hội nghị" (its agenda)."""
    following = sentences[sentence.index + 1:sentence.index + 4]
    for nxt in following:
        if cues.flat(nxt.text).lstrip().startswith(tuple(rules()["anaphora"])):
            return nxt.text
    return None
