"""What every relation rule sees: sentences with their entity mentions, and a fact builder."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache, cached_property
from typing import Any

from spacy.tokens import Doc, Span

from ...annotated import Entity, Relation
from ...resources import package_file
from ..lexicon import fold, lexicon


@dataclass
class Sentence:
    index: int
    span: Span
    mentions: list[tuple[Span, Entity]]

    @cached_property
    def text(self) -> str:
        return self.span.text

    def of(self, label: str) -> list[tuple[Span, Entity]]:
        return [m for m in self.mentions if m[1].label == label]

    def between(self, start_tok: int, end_tok: int) -> str:
        """Folded text of the tokens between two token positions."""
        doc = self.span.doc
        return fold(doc[max(start_tok, 0):max(end_tok, start_tok)].text)


@dataclass
class Facts:
    """Collects relations with stable ids in the order they are found."""

    items: list[Relation] = field(default_factory=list)

    def add(self, type_: str, args: dict[str, Any], evidence: tuple[int, int], sentence: int,
            rule: str, confidence: float) -> Relation:
        """Record a fact.  ``confidence`` is the rule's own estimate; where the calibration table
        (``lexicon/calibration.json``) has measured that rule at that estimate, the measured value is stated."""
        confidence = calibrated(rule, confidence)
        relation = Relation(id=f"r{len(self.items) + 1}", type=type_, args=args, start=evidence[0],
                            end=evidence[1], sentence=sentence, rule=rule, confidence=confidence)
        self.items.append(relation)
        return relation


@cache
def _calibration() -> dict[str, float]:
    path = package_file("nlp", "lexicon", "calibration.json")
    if not path.exists():
        return {}
    table = json.loads(path.read_text(encoding="utf-8")).get("groups", {})
    return {key: float(row["confidence"]) for key, row in table.items()}


def calibrated(rule: str, confidence: float) -> float:
    """The measured confidence of ``rule`` stated at ``confidence``, or the estimate itself."""
    return _calibration().get(f"{rule}|{confidence:.2f}", confidence)


def sentences(doc: Doc, mentions: list[tuple[Span, Entity]]) -> list[Sentence]:
    """Sentences with the mentions that fall inside each."""
    out = []
    pos = 0
    for index, sent in enumerate(doc.sents):
        inside = []
        while pos < len(mentions) and mentions[pos][0].start < sent.end:
            if mentions[pos][0].start >= sent.start:
                inside.append(mentions[pos])
            pos += 1
        out.append(Sentence(index, sent, inside))
    return out


def phrases(name: str) -> tuple[tuple[str, ...], ...]:
    return lexicon().term_phrases(name)
