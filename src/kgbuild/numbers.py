"""Vietnamese number formats: ``.`` groups thousands, ``,`` marks decimals."""

from __future__ import annotations

import re

_NUMBER = re.compile(r"^\d{1,3}(?:\.\d{3})+(?:,\d+)?$|^\d+(?:,\d+)?$")


def parse_number(text: str) -> float | None:
    """The value of a number as Vietnamese writes it, or ``None``.

    >>> parse_number("4.500"), parse_number("1,1"), parse_number("236.899.800"), parse_number("05")
    (4500.0, 1.1, 236899800.0, 5.0)
    >>> parse_number("9/9") is None
    True
    """
    text = text.strip()
    if not _NUMBER.match(text):
        return None
    return float(text.replace(".", "").replace(",", "."))


def as_int_if_whole(value: float) -> int | float:
    """``4500.0`` -> ``4500``; keeps real fractions.

    >>> as_int_if_whole(4500.0), as_int_if_whole(53.5)
    (4500, 53.5)
    """
    return int(value) if float(value).is_integer() else value
