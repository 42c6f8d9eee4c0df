"""Vietnamese date expressions to ISO values that keep their granularity.

A date that the text gives only as day and month ("Sáng 25/12") is completed from
context by the caller (:func:`complete_year`); nothing here invents a year.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

_DAY_MONTH_YEAR = re.compile(
    r"(?<![\d/.-])(?P<d>\d{1,2})\s*[/.-]\s*(?P<m>\d{1,2})(?:\s*[/.-]\s*(?P<y>\d{4}|\d{2}))?(?![\d/.-]*\d)"
)
_WORDY = re.compile(
    r"ngày\s+(?P<d>\d{1,2})\s+tháng\s+(?P<m>\d{1,2})(?:\s+năm\s+(?P<y>\d{4}))?", re.IGNORECASE
)


@dataclass(frozen=True)
class DateValue:
    """A calendar date, or a part of one, as written.

    ``year`` is ``None`` when the text leaves it out; :func:`complete_year` fills it.
    """

    day: int | None
    month: int | None
    year: int | None

    @property
    def granularity(self) -> str:
        if self.day is not None and self.month is not None:
            return "day" if self.year else "day-month"
        if self.month is not None:
            return "month"
        return "year"

    def iso(self) -> str | None:
        """``YYYY-MM-DD`` / ``YYYY-MM`` / ``YYYY`` or ``None`` when the year is unknown.

        >>> DateValue(9, 1, 2025).iso(), DateValue(None, None, 2024).iso(), DateValue(9, 1, None).iso()
        ('2025-01-09', '2024', None)
        """
        if self.year is None:
            return None
        if self.month is None:
            return f"{self.year:04d}"
        if self.day is None:
            return f"{self.year:04d}-{self.month:02d}"
        return f"{self.year:04d}-{self.month:02d}-{self.day:02d}"


def _valid(day: int, month: int, year: int | None) -> bool:
    try:
        dt.date(year or 2000, month, day)
    except ValueError:
        return False
    return True


def _year(raw: str | None) -> int | None:
    if not raw:
        return None
    value = int(raw)
    return value + 2000 if value < 100 else value


def parse_date(text: str) -> DateValue | None:
    """The first day-month(-year) date in ``text``.

    >>> parse_date("Ngày 10/1/2019, Công đoàn")
    DateValue(day=10, month=1, year=2019)
    >>> parse_date("05:03 07-01-25")
    DateValue(day=7, month=1, year=2025)
    >>> parse_date("Sáng 25/12,")
    DateValue(day=25, month=12, year=None)
    >>> parse_date("ngày 15 tháng 1 năm 2024")
    DateValue(day=15, month=1, year=2024)
    """
    for pattern in (_WORDY, _DAY_MONTH_YEAR):
        for match in pattern.finditer(text):
            day, month = int(match["d"]), int(match["m"])
            year = _year(match["y"])
            if _valid(day, month, year):
                return DateValue(day, month, year)
    return None


def complete_year(
    value: DateValue, *, published: str | None = None, reviewed_year: int | None = None,
    review_year_from_month: int = 10,
) -> DateValue:
    """Give a day-month date its year from the article's context, or leave it open.

    The publication date wins: the event happened on or before it.  Failing that, a
    review conference of year N is held late in N (from ``review_year_from_month``) or early in N+1.

    >>> complete_year(DateValue(25, 12, None), reviewed_year=2023)
    DateValue(day=25, month=12, year=2023)
    >>> complete_year(DateValue(9, 1, None), reviewed_year=2024)
    DateValue(day=9, month=1, year=2025)
    >>> complete_year(DateValue(28, 12, None), published="2025-01-02")
    DateValue(day=28, month=12, year=2024)
    """
    if value.year is not None or value.month is None:
        return value
    if published:
        pub = dt.date.fromisoformat(published[:10])
        year = pub.year
        if (value.month, value.day or 1) > (pub.month, pub.day):
            year -= 1
        return DateValue(value.day, value.month, year)
    if reviewed_year is not None:
        year = reviewed_year if value.month >= review_year_from_month else reviewed_year + 1
        return DateValue(value.day, value.month, year)
    return value
