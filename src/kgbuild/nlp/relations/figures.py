"""Figures: grassroots unions, members, gifts, money, and other counts, per body and year.

A number is classified by what follows it (the unit noun: "công đoàn cơ sở", "đoàn
viên", "suất quà", "tỷ đồng") and by the words just before it (a membership cue such as
"với" or "tổng số", a gift cue such as "tặng quà cho").  Members are only counted where
the figure closes its phrase ("với 4.609 cán bộ, đoàn viên."); "115 đoàn viên được tham
gia ..." is an activity, kept as ``other``.  The vocabulary is in ``lexicon/terms.json``.
"""

from __future__ import annotations

import re
from typing import Any

from ...numbers import as_int_if_whole, parse_number
from ..lexicon import fold, lexicon, tokenise_words
from .base import Facts, Sentence, phrases

_NUM = re.compile(r"(?<![\w/.,])(\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?:/(\d+))?(?![\w/])")
_YEAR_CUE = re.compile(r"\b(?:năm|trong năm)\s+(\d{4})\b", re.IGNORECASE)


def _approx() -> tuple[str, ...]:
    return tuple(sorted((fold(a) for a in lexicon().terms["approximation_words"]), key=len, reverse=True))


def _starts(words: list[str], names: str) -> int:
    for phrase in phrases(names):
        if tuple(words[:len(phrase)]) == phrase:
            return len(phrase)
    return 0


def classify(before: str, after: str) -> tuple[str, int] | None:
    """(measure, unit length in words) for a number between two folded texts, or None.

    >>> classify("quản lý", "công đoàn cơ sở (cđcs) với")
    ('grassroots_unions', 4)
    >>> classify("tổng số hơn", "cán bộ, công chức, viên chức và người lao động (cbccvclđ).")[0]
    'members'
    >>> classify("có", "đoàn viên ưu tú được tham gia")[0]
    'other'
    >>> classify("trao", "suất quà tết tặng")[0]
    'gifts'
    """
    lex = lexicon()
    words = tokenise_words(after)
    if not words or words[0] in {"%", "/"} or words[0] in {"năm", "tháng", "ngày", "lần", "giờ"}:
        return None
    before_words = tokenise_words(before)
    tail = " ".join(before_words[-6:])
    n = _starts(words, "grassroots_nouns")
    if n:
        rest = " ".join(words[n:n + 3])
        if any(rest.startswith(fold(c)) for c in lex.terms["evaluation_cues"]) \
                or any(fold(c) in tail for c in lex.terms["new_member_cues"]):
            return "other", n
        return "grassroots_unions", n
    n = _starts(words, "gift_nouns")
    if n:
        return "gifts", n
    lượt = 1 if words[0] == "lượt" else 0
    window = " ".join(before_words[-12:])
    # "nâng tổng số đoàn viên lên 12.480 người": a total announced earlier in the clause
    announced = any(fold(c) in window for c in lex.terms["member_total_cues"])
    if words[0] == "người" and announced:
        return "members", 1
    n = _starts(words[lượt:], "member_nouns")
    if n:
        n += lượt
        if any(fold(c) in tail for c in lex.terms["gift_cues"]):
            return "gifts", n
        closing = words[n] if n < len(words) else "."
        preceding = before_words[:-1] if before_words and before_words[-1] in _approx() else before_words
        lead = " ".join(preceding[-3:])
        cue = any(lead == c or lead.endswith(" " + c) for c in (fold(x) for x in lex.terms["membership_cues"]))
        if (cue or announced) and not lượt and closing in {".", "(", ";", "và", "trực", "thuộc", "đang", "sinh", ","}:
            return "members", n
        return "other", n
    if words[0].isalpha() and words[0] not in {"tập", "cá", "đơn"}:
        return "other", 1
    return None


def _money(number: float, after: str) -> tuple[float, int] | None:
    lex = lexicon()
    words = tokenise_words(after)
    scale, used = 1, 0
    if words and words[0] in lex.terms["money_units"]:
        scale, used = lex.terms["money_units"][words[0]], 1
    if len(words) > used and words[used] in {fold(x) for x in lex.terms["money_nouns"]} \
            and words[used + 1:used + 2] != ["chí"]:
        return number * scale, used + 1
    return None


def _year(sentence: Sentence, sentences: list[Sentence], fallback: int | None) -> int | None:
    for s in (sentence, *reversed(sentences[max(sentence.index - 3, 0):sentence.index])):
        match = _YEAR_CUE.search(s.text)
        if match:
            return int(match.group(1))
    return fallback


def extract_figures(sentences: list[Sentence], facts: Facts, *, subject_default: str | None,
                    year_default: int | None) -> None:
    """Statistic facts for every classified number of the article's body."""
    seen: set[tuple[str, float, int]] = set()
    for sentence in sentences[1:]:
        text = sentence.text
        for match in _NUM.finditer(text):
            if _inside_date(text, match):
                continue
            number = parse_number(match.group(1))
            if number is None:
                continue
            before = fold(text[:match.start()])
            after = fold(text[match.end():match.end() + 120])
            total = match.group(2)
            measure: str | None = None
            value: float = number
            money = None if total else _money(number, after)
            if money:
                measure, value = "money_vnd", money[0]
            else:
                found = classify(before, after)
                if found is None or (found[0] == "other" and _is_year(match.group(0))):
                    continue
                if sentence.of("AWARD"):  # counts of award recipients are award facts, not figures
                    continue
                measure = found[0]
                if total:
                    value = float(total) if measure == "grassroots_unions" else number
                    if measure != "grassroots_unions":
                        measure = "other"
            start = sentence.span.start_char + match.start()
            key = (measure, value, sentence.index)
            if key in seen:
                continue
            seen.add(key)
            subject = _subject(sentence, start) or subject_default
            approx = next((a for a in _approx() if before.endswith(a)), None)
            args: dict[str, Any] = {
                "measure": measure, "value": as_int_if_whole(value), "subject_entity": subject,
                "year": _year(sentence, sentences, year_default), "qualifier": approx,
                "text": text[match.start():min(len(text), match.end() + 60)].split(";")[0].strip(),
            }
            confidence = 0.85 if measure != "other" else 0.5
            facts.add("statistic", args, (sentence.span.start_char, sentence.span.end_char), sentence.index,
                      f"figure:{measure}", confidence)


def _is_year(text: str) -> bool:
    """A bare 4-digit year such as the end of "nhiệm kỳ 2023 - 2028"."""
    return text.isdigit() and len(text) == 4 and 1945 <= int(text) <= 2100


def _inside_date(text: str, match: re.Match[str]) -> bool:
    around = text[max(match.start() - 6, 0):match.end() + 1]
    if re.search(r"\d{1,2}/\d{1,2}/\d{2,4}", text[max(match.start() - 6, 0):match.end() + 6]):
        return True
    if match.group(2) and fold(text[match.end():match.end() + 12]).startswith(("chỉ tiêu",)):
        return False
    word_before = fold(text[max(match.start() - 12, 0):match.start()]).split()[-1:] or [""]
    if word_before[0] in {"năm", "kỳ", "thứ", "ngày", "tháng", "khóa", "khoá"}:
        return True
    if word_before[0] == "số" and text[match.end():match.end() + 1] in {"-", "/"}:
        return True  # a document number: "Nghị quyết số 18-NQ/TW"
    return bool(re.match(r"^\D*\d{1,2}/\d{1,2}\D", around)) and match.group(2) is not None \
        and word_before[0] in {"sáng", "chiều", "tối"}


def _subject(sentence: Sentence, start: int) -> str | None:
    """The union body the sentence is about: the last body named before the figure."""
    union_kinds = {"public_sector_union", "labour_federation", "sector_union", "grassroots_union",
                   "industrial_zone_union", "union", "national_federation"}
    before = [e for s, e in sentence.of("ORG") if e.end <= start and e.kind in union_kinds]
    return before[-1].id if before else None

