"""When a reported event took place: the day and month a sentence gives it, and its year.

News of the genre dates its event at the head of the lead ("Sáng 9/1, ...", "Chiều ngày 16-6",
"Trong hai ngày 19 và 20/4/2018") and often leaves the year out.  The year then comes only from
the article's own text (``lexicon/events.json``, ``dates``): the publication line, the year the
event reviews, or a year in the same sentence (the first year of a term of office, the year of a
named Tết).  A multi-day event is dated by its first day.  Dates that belong to something else
are skipped: a document's date ("Căn cứ Hướng dẫn số 79 ... ngày 24/4/2017"), an anniversary's
span ("(19/5/1890 - 19/5/2022)"), and years before the genre's own time.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from ...dates import DateValue, complete_year
from . import cues

_NUMERIC = re.compile(
    r"(?<![\d/.-])"
    r"(?:(?P<ad>\d{1,2})(?:(?:\s*[/.]\s*|-)(?P<am>\d{1,2}))?(?:(?:\s*[/.]\s*|-)(?P<ay>\d{4}))?"
    r"\s*(?:và|đến|-|,)\s*(?:ngày\s+)?)?"
    r"(?P<d>\d{1,2})(?:\s*[/.]\s*|-)(?P<m>\d{1,2})(?:(?:\s*[/.]\s*|-)(?P<y>\d{4}|\d{2}))?"
    r"(?![\d/]|\.\d|-\d)"
)
_WORDY = re.compile(r"(?:(?P<ad>\d{1,2})\s*(?:và|đến|-|,)\s*(?:ngày\s+)?)?"
                    r"(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s*(?:năm|,)\s*(?P<y>\d{4}))?")
_YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")
_NAMED_YEAR = re.compile(r"(?<!\w)năm\s+((?:19|20)\d{2})(?!\d)")
_RANGE = re.compile(r"(?<!\d)((?:19|20)\d{2})\s*[-–—]\s*((?:19|20)\d{2})(?!\d)")
_ADDRESS = re.compile(r"(?:https?://|www\.)\S+")


@dataclass(frozen=True)
class DateMention:
    """A day and month in a sentence, its year if written, and where it stands."""

    value: DateValue
    start: int
    end: int
    cued: bool


def _valid(day: int, month: int) -> bool:
    return 1 <= month <= 12 and 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31)


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    value = int(raw)
    return value + 2000 if value < 100 else value


def date_mentions(text: str, rules: dict[str, Any]) -> list[DateMention]:
    """Day-month dates of ``text`` that can date an event, in text order.

    >>> rules = {"time_cues": ["sáng", "ngày"], "document_cues": ["căn cứ"], "document_reach_chars": 80,
    ...          "earliest_year": 1990}
    >>> [m.value for m in date_mentions("Trong hai ngày 19 và 20/4/2018, đại hội", rules)]
    [DateValue(day=19, month=4, year=2018)]
    >>> [m.value for m in date_mentions("kỷ niệm (19/5/1890 - 19/5/2022), sáng 18-5,", rules)]
    [DateValue(day=18, month=5, year=None)]
    """
    folded = cues.flat(text)
    found: list[DateMention] = []
    for pattern in (_WORDY, _NUMERIC):
        for match in pattern.finditer(folded):
            groups = match.groupdict()
            first_day = groups.get("ad")
            day, month = int(first_day or match["d"]), int(groups.get("am") or match["m"])
            year = _year(match["y"] or groups.get("ay"))
            if groups.get("ay") and match["y"] and groups["ay"] != match["y"]:
                continue                            # "19/5/1890 - 19/5/2022": an anniversary's span
            if not _valid(day, month) or (year is not None and year < rules["earliest_year"]):
                continue
            if any(m.start < match.end() and match.start() < m.end for m in found):
                continue
            before = folded[:match.start()]
            clause = re.split(r"[;\n]", before[-rules["document_reach_chars"]:])[-1]
            if cues.find(rules["document_cues"], clause):
                continue                            # the date of a document the sentence cites
            cued = cues.ends_with(rules["time_cues"], before[-30:])
            found.append(DateMention(DateValue(day, month, year), match.start(), match.end(), cued))
    return sorted(found, key=lambda m: m.start)


def sentence_year(text: str, month: int, rules: dict[str, Any]) -> int | None:
    """A year the sentence itself gives its event: a term's first year, a named Tết's, or the only year.

    >>> rules = {"term_cues": ["nhiệm kỳ"], "lunar_new_year_cues": ["tết", "xuân"], "lunar_new_year_from_month": 11,
    ...          "school_year_cues": ["năm học"], "school_year_from_month": 8}
    >>> sentence_year("tổ chức Đại hội lần thứ IV, nhiệm kỳ 2023-2028.", 6, rules)
    2023
    >>> sentence_year("triển khai nhiệm vụ năm học 2019-2020", 9, rules)
    2019
    >>> sentence_year("trao quà Tết Giáp Thìn 2024 cho đoàn viên", 12, rules)
    2023
    >>> sentence_year("tổng kết 10 năm thực hiện cuộc vận động (1999 – 2009)", 5, rules)
    2009
    """
    folded = cues.flat(text)
    terms = [_RANGE.match(folded, m.end() + 1) or _RANGE.search(folded[m.end():m.end() + 16])
             for m in cues.find(rules["term_cues"], folded)]
    starts = [int(t.group(1)) for t in terms if t]
    if starts:
        return max(starts)                       # a congress opens the newest term it names
    for school in cues.find(rules["school_year_cues"], folded):
        span = _RANGE.match(folded, school.end() + 1)
        if span:
            return int(span.group(1) if month >= rules["school_year_from_month"] else span.group(2))
    ranges = _RANGE.findall(folded)
    if ranges:
        return int(ranges[-1][1])               # a period looked back on ends in the event's year
    named = {int(y) for y in _NAMED_YEAR.findall(folded)}
    bare = {int(m.group(0)) for m in _YEAR.finditer(folded) if not _in_date(folded, m.start())}
    years = sorted(named) if len(named) == 1 else sorted(bare)
    if len(years) != 1:
        return None
    year = years[0]
    lunar = cues.find(rules["lunar_new_year_cues"], folded)
    if lunar and month >= rules["lunar_new_year_from_month"]:
        return year - 1                          # gifts for the Tết of year N are given late in N-1
    return year


def _in_date(text: str, position: int) -> bool:
    """Whether a year is the last part of a written date ("28/7/1929")."""
    return bool(re.search(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*$", text[max(position - 8, 0):position]))


def article_year(article: str, sentence: str, month: int, rules: dict[str, Any]) -> int | None:
    """The one year an article writes anywhere (web addresses aside), as its event's year.

    A short report that gives its event only "Sáng 12/3" often names its year once elsewhere
    ("kế hoạch năm 2024", "Xuân Giáp Thìn 2024"); where it names two or more, none is chosen.
    Gifts for a named Tết late in the year before it are given in that year (as in
    :func:`sentence_year`).

    >>> rules = {"earliest_year": 1990, "lunar_new_year_cues": ["tết"], "lunar_new_year_from_month": 11}
    >>> article_year("Sáng 12/3, ... Kế hoạch năm 2024 ... http://x.vn/2023/a", "Sáng 12/3, ...", 3, rules)
    2024
    >>> article_year("năm 2023 ... năm 2024", "", 3, rules) is None
    True
    >>> article_year("quà Tết Giáp Thìn 2024", "Chiều 28/12, trao quà Tết", 12, rules)
    2023
    """
    text = _ADDRESS.sub(" ", cues.flat(article))
    years = {int(m.group(0)) for m in _YEAR.finditer(text)} - set(range(rules["earliest_year"]))
    if len(years) != 1:
        return None
    year = years.pop()
    if month >= rules["lunar_new_year_from_month"] and cues.find(rules["lunar_new_year_cues"], sentence):
        return year - 1
    return year


def event_date(mention: DateMention, sentence: str, rules: dict[str, Any], *, published: str | None,
               reviewed_year: int | None, article: str = "") -> DateValue:
    """The mention's date with its year from the article's own text, or without one.

    In order: the year written with the date, the publication date, the year under review, a year the
    sentence gives, the one year the article writes.
    """
    value = mention.value
    if value.year is not None:
        return value
    completed = complete_year(value, published=published, reviewed_year=reviewed_year,
                              review_year_from_month=rules["review_year_from_month"])
    if completed.year is not None:
        return completed
    year = sentence_year(sentence, value.month or 0, rules) or article_year(article, sentence, value.month or 0, rules)
    return DateValue(value.day, value.month, year) if year else value
