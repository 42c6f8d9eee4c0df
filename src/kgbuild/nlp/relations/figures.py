"""Figures: grassroots unions, members, gifts, money, and other counts, per body and year.

Every number of the body is read in this order (the vocabulary is ``lexicon/figures.json``):

1. **Left out**: dates and document numbers, percentages and other units ("năm", "lần"),
   ranges ("300 - 500 nghìn đồng"), and targets ("phấn đấu", "chỉ tiêu" in the same phrase).
2. **Money**: a number, or a run such as "1 tỷ 200 triệu", followed by "đồng"/"đ" is
   ``money_vnd``, totals and per-gift amounts alike ("mỗi suất 500.000 đồng").
3. **The unit noun after it.**  "công đoàn cơ sở" is ``grassroots_unions``, unless a rating
   follows ("36 CĐCS vững mạnh") or the verb before makes it a subset ("kiểm tra 12 CĐCS").
   "suất quà", "học bổng" are ``gifts``.  Member nouns ("đoàn viên", "cán bộ, công chức, viên
   chức") are ``gifts`` after a support cue ("tặng quà cho 75 đoàn viên"), ``members`` after a
   total cue ("tổng số", "đại diện cho", "hiện có") unless an activity follows ("được tham
   gia", "ưu tú"), or after "với"/"có" when the figure closes its phrase ("với 4.609 đoàn
   viên."), and ``other`` otherwise ("115 đoàn viên được kết nạp").  A count may carry a
   scale word ("44 ngàn đoàn viên").
4. **Word orders reports use**: a total may name its noun first ("tổng số CĐCS là 48"); an
   education union counts its grassroots unions as schools ("có 48 trường", "của 48 trường");
   members joined to a total of unions are a total too ("có 48 CĐCS và 1.250 đoàn viên"); a
   count whose phrase opens with "trong đó" is a part of the total before it; people followed
   by what they received ("45 đoàn viên khó khăn được nhận quà") are ``gifts``.
"""

from __future__ import annotations

import re
from functools import cache
from typing import Any

from ...numbers import as_int_if_whole, parse_number
from ..lexicon import fold, lexicon, tokenise_words
from .base import Facts, Sentence

# a Vietnamese number ("4.500", "1,1", "56/56"), or a dotted decimal before a money scale ("2.5 tỷ");
# a unit written against it ("500.000đ") does not hide it
_NUM = re.compile(r"(?<![\w/.,])(\d+\.\d{1,2}(?=\s*(?:tỷ|tỉ|triệu))|\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)"
                  r"(?:/(\d+))?(?=(?:đ|đồng|VNĐ|vnđ)(?![^\W\d_])|[^\w/]|$)")

_WORD = re.compile(r"\d+(?:[.,/]\d+)+|\w+(?:'\w*)?|[^\w\s]")  # the words of ``tokenise_words``


def rules() -> dict[str, Any]:
    """The figure vocabulary (``lexicon/figures.json``)."""
    return lexicon().figures


@cache
def _phrases(name: str) -> tuple[tuple[str, ...], ...]:
    """A phrase list of ``figures.json``, folded and split like tokens, longest first."""
    return tuple(sorted({tuple(tokenise_words(fold(x))) for x in rules()[name]}, key=len, reverse=True))


def _starts(words: list[str], name: str) -> int:
    """Length of the longest phrase of list ``name`` that ``words`` begin with; 0 if none."""
    for phrase in _phrases(name):
        if tuple(words[:len(phrase)]) == phrase:
            return len(phrase)
    return 0


def _ends(words: list[str], name: str) -> int:
    """Length of the longest phrase of list ``name`` that ``words`` end with; 0 if none."""
    for phrase in _phrases(name):
        if phrase and tuple(words[-len(phrase):]) == phrase:
            return len(phrase)
    return 0


def _contains(words: list[str], name: str) -> bool:
    return any(_starts(words[i:], name) for i in range(len(words)))


def _lead(before_words: list[str]) -> list[str]:
    """The words before a figure without an approximation ("với hơn" -> "với")."""
    n = _ends(before_words, "approximation_words")
    return before_words[:len(before_words) - n] if n else before_words


def _members(before_words: list[str], after: list[str], n: int) -> str:
    """``members`` or ``other`` for a member noun of ``n`` words after the figure."""
    lead = _lead(before_words)
    follow = after[n:]
    window = before_words[-12:]
    if _starts(follow, "activity_followers"):
        return "other"
    if _ends(lead, "membership_totals") or _contains(window, "member_total_cues"):
        return "members"
    closes = not follow or _starts(follow, "membership_followers")
    if closes and _paired_total(lead):
        return "members"
    return "members" if _ends(lead, "membership_cues") and closes else "other"


def _paired_total(lead: list[str]) -> bool:
    """The members follow a total of grassroots unions they are joined to: "có 48 CĐCS và 1.250 đoàn viên"."""
    if lead[-1:] != ["và"]:
        return False
    k = _ends(lead[:-1], "grassroots_nouns")
    if not k or len(lead) < k + 2 or parse_number(lead[-2 - k]) is None:
        return False
    rest = _lead(lead[:-2 - k])
    return bool(_ends(rest, "membership_totals") or _ends(rest, "membership_cues"))


def _stated_total(before: str) -> bool:
    """A total said with a total cue ("tổng số", "quản lý") or joined to one: not an award's recipients."""
    lead = _lead(tokenise_words(before))
    return bool(_ends(lead, "membership_totals") or _paired_total(lead))


def _supported(follow: list[str]) -> bool:
    """The people counted received support, said after them, perhaps after a short description
    ("45 đoàn viên có hoàn cảnh khó khăn được nhận quà")."""
    window = rules()["gift_follower_window"]
    for i in range(min(window, len(follow)) + 1):
        if i and follow[i - 1] in {",", ";", ".", "(", ":"}:
            return False
        if _starts(follow[i:], "gift_followers"):
            return True
    return False


def _institutions(before_words: list[str], words: list[str]) -> int:
    """Words of an institution noun ("48 trường học") that counts the grassroots unions of a sector
    union, said as its total ("có", "gồm", "quản lý") or as where its members are ("đoàn viên của
    48 trường"); 0 otherwise."""
    n = _starts(words, "institution_nouns")
    if not n:
        return 0
    lead = _lead(before_words)
    if _ends(lead, "institution_total_cues"):
        return n
    if lead[-1:] == ["của"]:
        return n  # "1.250 đoàn viên của 48 trường", "sự tham gia của 48 trường"
    return 0


def _part_of_total(before_words: list[str]) -> bool:
    """The count is a part of a total just given: its phrase opens with "trong đó" ("..., trong đó 30 CĐCS")."""
    phrase: list[str] = []
    for word in reversed(before_words):
        if word in {";", ".", ":"}:
            break
        phrase.insert(0, word)
    return _contains(phrase, "part_cues")


def _named_before(before_words: list[str], words: list[str]) -> tuple[str, int] | None:
    """A total whose noun comes before the number: "tổng số CĐCS trực thuộc là 48", "Tổng số đoàn viên: 61 người".

    The noun follows a count word ("tổng số", "số") in the last words before the number, with
    only a copula or a colon (and "trực thuộc") between; a unit word after the number is taken too.
    """
    lead = list(before_words[-rules()["named_total_window"]:])
    while lead and (_ends(lead, "named_total_links") or lead[-1] in {":", "="}):
        lead = lead[:len(lead) - (_ends(lead, "named_total_links") or 1)]
    for measure, nouns in (("grassroots_unions", "grassroots_nouns"), ("members", "member_nouns")):
        n = _ends(lead, nouns)
        if n and _ends(lead[:len(lead) - n], "named_total_cues"):
            return measure, _starts(words, "named_total_units")
    return None


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
    >>> classify("có", "công đoàn cơ sở vững mạnh, chiếm")[0]
    'other'
    """
    words = tokenise_words(after)
    if not words or _starts(words, "not_units"):
        return None
    before_words = tokenise_words(before)
    tail = before_words[-6:]
    named = _named_before(before_words, words)
    if named:
        return named
    n = _starts(words, "grassroots_nouns") or _institutions(before_words, words)
    if n:
        rated = _starts(words[n:], "rating_words")
        subset = _ends(_lead(before_words), "grassroots_subset_cues") or _contains(tail, "new_member_cues") \
            or _part_of_total(before_words)
        return ("other" if rated or subset else "grassroots_unions"), n
    n = _starts(words, "gift_nouns")
    if n:
        return "gifts", n
    n = _starts(words, "bare_gift_nouns")
    if n and _contains(before_words[-12:], "gift_cues"):
        return "gifts", n  # "trao 50 phần, mỗi phần 500.000 đồng"
    announced = _contains(before_words[-12:], "member_total_cues")
    if words[0] == "người" and announced:  # "nâng tổng số đoàn viên lên 12.480 người"
        return "members", 1
    turns = 1 if words[0] == "lượt" else 0
    if _starts(words[turns:], "non_member_nouns"):
        return "other", turns + _starts(words[turns:], "non_member_nouns")
    n = _starts(words[turns:], "member_nouns")
    if n:
        if _contains(tail, "gift_cues") or _supported(words[turns + n:]):
            return "gifts", n + turns  # "tặng quà cho 75 đoàn viên", "2.350 lượt đoàn viên được hỗ trợ"
        if _part_of_total(before_words):
            return "other", n + turns  # "trong đó 40 đoàn viên nữ"
        return ("other" if turns else _members(before_words, words, n)), n + turns
    n = _starts(words, "gift_recipients")
    if n and (_contains(tail, "gift_cues") or _supported(words[n:])):
        return "gifts", n
    if words[0].isalpha() and not _starts(words, "recipient_words"):
        return "other", 1
    return None


def _money(number: float, after: str) -> tuple[float, int] | None:
    """(amount in đồng, words used) for "1,1 tỷ đồng", "1 tỷ 200 triệu đồng", "500.000đ"; None otherwise."""
    units = {fold(k): v for k, v in rules()["money_units"].items()}
    nouns = {fold(x) for x in rules()["money_nouns"]}
    words = tokenise_words(after)
    total, used = number, 0
    if words and words[0] in units:
        total, used = number * units[words[0]], 1
        while used + 1 < len(words) and parse_number(words[used]) is not None and words[used + 1] in units \
                and units[words[used + 1]] < units[words[used - 1]]:
            total += parse_number(words[used]) * units[words[used + 1]]  # type: ignore[operator]
            used += 2
    if len(words) > used and words[used] in nouns and words[used + 1:used + 2] != ["chí"]:
        return total, used + 1
    return None


def _scaled(number: float, after: str) -> tuple[float, str]:
    """A count with a scale word ("44 ngàn đoàn viên" = 44000) and the text after the scale."""
    scales = {fold(k): v for k, v in rules()["count_scales"].items()}
    words = after.split(maxsplit=1)
    if words and words[0] in scales:
        return number * scales[words[0]], words[1] if len(words) > 1 else ""
    return number, after


def _left_out(text: str, match: re.Match[str]) -> bool:
    """A range ("300 - 500 nghìn"), or a target ("phấn đấu kết nạp 500 đoàn viên")."""
    joiners = "|".join(re.escape(j) for j in rules()["range_joiners"])
    if re.match(rf"\s*(?:{joiners})\s*\d", text[match.end():]) \
            or re.search(rf"\d\s*(?:{joiners})\s*$", text[:match.start()]):
        return True
    phrase = re.split(r"[,;:]", fold(text[:match.start()]))[-1]
    return _contains(tokenise_words(phrase), "target_cues")


def _year(sentence: Sentence, sentences: list[Sentence], fallback: int | None) -> int | None:
    cues = "|".join(re.escape(c) for c in rules()["year_cues"])
    for s in (sentence, *reversed(sentences[max(sentence.index - 3, 0):sentence.index])):
        match = re.search(rf"\b(?:{cues})\s+(\d{{4}})\b", s.text, re.IGNORECASE)
        if match:
            return int(match.group(1))
    return fallback


def _word_end(text: str, start: int, n: int) -> int:
    """The character offset after the ``n`` words that follow ``start``."""
    end = start
    for _, m in zip(range(n), _WORD.finditer(text, start), strict=False):
        end = m.end()
    return end


def _measure(text: str, match: re.Match[str], has_award: bool) -> tuple[str, float, int] | None:
    """(measure, value, end of the figure's words) of one number of a sentence; None if no figure."""
    number = parse_number(match.group(1).replace(".", ",") if re.fullmatch(r"\d+\.\d{1,2}", match.group(1))
                          else match.group(1))
    if number is None or _inside_date(text, match) or _left_out(text, match):
        return None
    before = fold(text[:match.start()])
    after = fold(text[match.end():match.end() + 120])
    total = match.group(2)
    money = None if total else _money(number, after)
    if money:
        return "money_vnd", money[0], _word_end(text, match.end(), money[1])
    value, after = (number, after) if total else _scaled(number, after)
    found = classify(before, after)
    if found is None or (found[0] == "other" and _is_year(match.group(0))):
        return None
    if has_award and not _starts(tokenise_words(after), "gift_nouns") \
            and not (found[0] in ("grassroots_unions", "members") and _stated_total(before)):
        return None  # counts of award recipients are award facts, not figures ("trong số 245 CĐCS" is one)
    measure = found[0]
    if total:
        value = float(total) if measure == "grassroots_unions" else number
        measure = measure if measure == "grassroots_unions" else "other"
    return measure, value, match.end()


def extract_figures(sentences: list[Sentence], facts: Facts, *, subject_default: str | None,
                    year_default: int | None, title_end: int = 0) -> None:
    """Statistic facts for every classified number of the article's body (the headline's repeat it)."""
    seen: set[tuple[str, float, int]] = set()
    for sentence in (s for s in sentences if s.span.start_char >= title_end):
        text = sentence.text
        taken = 0  # "1 tỷ 200 triệu đồng": the 200 belongs to the first amount
        for match in _NUM.finditer(text):
            if match.start() < taken:
                continue
            found = _measure(text, match, _tells_awards(sentence))
            if found is None:
                continue
            measure, value, taken = found
            key = (measure, value, sentence.index)
            if key in seen:
                continue
            seen.add(key)
            start = sentence.span.start_char + match.start()
            before = fold(text[:match.start()])
            approx = next((a for a in (fold(x) for x in rules()["approximation_words"]) if before.endswith(a)), None)
            args: dict[str, Any] = {
                "measure": measure, "value": as_int_if_whole(value),
                "subject_entity": _subject(sentence, start) or subject_default,
                "year": _year(sentence, sentences, year_default), "qualifier": approx,
                "text": text[match.start():min(len(text), match.end() + 60)].split(";")[0].strip(),
            }
            confidence = rules()["confidence"]["measured" if measure != "other" else "other"]
            facts.add("statistic", args, (sentence.span.start_char, sentence.span.end_char), sentence.index,
                      f"figure:{measure}", confidence)


def _tells_awards(sentence: Sentence) -> bool:
    """The sentence names an award form or a commendation verb ("tuyên dương 50 đoàn viên")."""
    if sentence.of("AWARD"):
        return True
    words = " ".join(tokenise_words(fold(sentence.text)))
    return any(re.search(rf"(?<!\w){re.escape(v)}(?!\w)", words) for v in _commendation_verbs())


@cache
def _commendation_verbs() -> tuple[str, ...]:
    """The award rules' commendation verbs (``awards.json``), folded."""
    return tuple(" ".join(tokenise_words(fold(v))) for v in lexicon().awards["commendation_verbs"])


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
    if word_before[0] in {fold(w) for w in rules()["date_words"]} and word_before[0] != "số":
        return True
    if word_before[0] == "số" and text[match.end():match.end() + 1] in {"-", "/"}:
        return True  # a document number: "Nghị quyết số 18-NQ/TW"
    return bool(re.match(r"^\D*\d{1,2}/\d{1,2}\D", around)) and match.group(2) is not None \
        and word_before[0] in {"sáng", "chiều", "tối"}


def _subject(sentence: Sentence, start: int) -> str | None:
    """The union body the sentence is about: the last body named before the figure."""
    kinds = set(rules()["subject_kinds"])
    before = [e for s, e in sentence.of("ORG") if e.end <= start and e.kind in kinds]
    return before[-1].id if before else None
