"""Emulation movements and campaigns named in quotes after "phong trào" / "cuộc vận động"."""

from __future__ import annotations

import re

from ..lexicon import fold
from .base import Facts, Sentence

_CUE = re.compile(r"(phong trào(?: thi đua)?|cuộc vận động)", re.IGNORECASE)
_QUOTED = re.compile(r"[“\"]([^”\"]{3,160})[”\"]")
_UNQUOTED = re.compile(r"phong trào thi đua\s+([A-ZĐÀ-Ỹ][^.,;:()“”\"]{3,120}?)(?=\s+năm\s+\d{4}|[.,;:(]|$)")


def extract_movements(sentences: list[Sentence], facts: Facts) -> None:
    """One fact per distinct movement name (quoted after a cue, or capitalised after "phong trào thi đua")."""
    seen: set[str] = set()
    for sentence in sentences:
        text = sentence.text
        for cue in _CUE.finditer(text):
            window = text[cue.end():cue.end() + 400]
            for quoted in _QUOTED.finditer(window):
                gap = window[:quoted.start()]
                if quoted.start() > 0 and _QUOTED.search(gap) is None and len(gap.strip(" ,;:và")) > 30:
                    break
                _add(facts, sentence, quoted.group(1), cue.end() + quoted.start(1), seen)
                rest = window[quoted.end():quoted.end() + 12]
                if not re.match(r"^\s*(?:[,;]|và|gắn với|cùng)", rest):
                    break
        for match in _UNQUOTED.finditer(text):
            _add(facts, sentence, match.group(1), match.start(1), seen)


def _add(facts: Facts, sentence: Sentence, name: str, offset: int, seen: set[str]) -> None:
    name = name.strip(" .,;")
    if fold(name) in seen or len(name) < 4 or not name[0].isupper():
        return
    seen.add(fold(name))
    start = sentence.span.start_char + offset
    facts.add("movement", {"name": name}, (start, start + len(name)), sentence.index, "movement:quoted", 0.8)
