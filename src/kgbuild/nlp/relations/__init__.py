"""Relation extraction over entity mentions: events, people, awards, figures, movements."""

from __future__ import annotations

from spacy.tokens import Doc

from ...annotated import Relation
from .awards import extract_awards
from .base import Facts, sentences
from .events import extract_events
from .figures import extract_figures
from .movements import extract_movements
from .people import extract_org_attendance, extract_people


def extract_relations(doc: Doc) -> list[Relation]:
    """All relations of one annotated Doc (``doc.user_data`` holds the article and entities)."""
    article = doc.user_data["article"]
    mentions = doc.user_data["kgb_entities"]
    sents = sentences(doc, mentions)
    title_end = len(article.title)
    facts = Facts()
    events = extract_events(sents, facts, title_end=title_end, published=article.date_published)
    main = events[0] if events else None
    extract_people(sents, facts, main)
    extract_org_attendance(sents, facts, main)
    extract_awards(sents, facts, main)
    organiser = main.args.get("organiser_entity") if main else None
    year = main.args.get("period_reviewed") if main else None
    if year is None and article.date_published:
        year = int(article.date_published[:4])
    extract_figures(sents, facts, subject_default=organiser, year_default=year, title_end=title_end)
    extract_movements(sents, facts)
    return facts.items
