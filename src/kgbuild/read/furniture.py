"""Recognise page furniture: lines that belong to the site, not to the article.

The vocabulary is data (``furniture.json``); this module only applies it.  The rules
are deliberately about the *shape* of a line (an image file name, a run of share-button
words, a breadcrumb) rather than about one site, so that pages never seen before lose
their furniture too.
"""

from __future__ import annotations

import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

_FILE = Path(__file__).with_name("furniture.json")


@dataclass(frozen=True)
class Furniture:
    cut_markers: frozenset[str]
    drop_lines: frozenset[str]
    share_words: frozenset[str]
    line_patterns: tuple[re.Pattern[str], ...]
    cut_marker_joiners: re.Pattern[str]
    inline_link_markers: frozenset[str]
    source_line: re.Pattern[str]


@cache
def furniture() -> Furniture:
    """The furniture vocabulary, loaded once per process."""
    data = json.loads(_FILE.read_text(encoding="utf-8"))
    return Furniture(
        cut_markers=frozenset(data["cut_markers"]),
        drop_lines=frozenset(data["drop_lines"]),
        share_words=frozenset(data["share_words"]),
        line_patterns=tuple(re.compile(p, re.IGNORECASE) for p in data["line_patterns"]),
        cut_marker_joiners=re.compile(data["cut_marker_joiners"]),
        inline_link_markers=frozenset(data["inline_link_markers"]),
        source_line=re.compile(data["source_line"], re.IGNORECASE),
    )


def fold(line: str) -> str:
    """NFC, lower case, single spaces, no trailing colon: the form furniture is matched in.

    >>> fold("  Tin cùng chuyên mục: ")
    'tin cùng chuyên mục'
    """
    text = unicodedata.normalize("NFC", line).casefold()
    return " ".join(text.split()).rstrip(":").strip()


def is_cut_marker(line: str) -> bool:
    """A heading after which the page lists other articles, alone or joined to another ("Bình luận | Gửi").

    >>> is_cut_marker("Tin liên quan:"), is_cut_marker("Ý kiến bạn đọc - Gửi bình luận")
    (True, True)
    >>> is_cut_marker("Đọc thêm: Trao quà Tết cho công nhân")
    False
    >>> is_cut_marker("Tin liên quan đến đại hội")
    False
    """
    rules = furniture()
    folded = fold(line)
    if folded in rules.cut_markers:
        return True
    head = rules.cut_marker_joiners.split(folded, maxsplit=1)[0]
    return head in rules.cut_markers and head not in rules.inline_link_markers


def is_inline_link(line: str) -> bool:
    """A link to another article inside the text ("Xem thêm: ..."): the line goes, the text goes on.

    >>> is_inline_link("Xem thêm: Công đoàn tỉnh trao 200 suất quà"), is_inline_link("Xem thêm")
    (True, False)
    """
    rules = furniture()
    parts = rules.cut_marker_joiners.split(fold(line), maxsplit=1)
    return len(parts) == 2 and parts[0] in rules.inline_link_markers


def is_furniture(line: str) -> bool:
    """A line of site furniture that carries nothing of the article.

    >>> is_furniture("img-6420-2943.jpg"), is_furniture("fb yt zl tw"), is_furniture("Quang cảnh.")
    (True, True, False)
    """
    folded = fold(line)
    if not folded or is_inline_link(line):
        return True
    rules = furniture()
    if folded in rules.drop_lines:
        return True
    words = folded.split()
    if all(w in rules.share_words for w in words):
        return True
    return any(p.match(folded) for p in rules.line_patterns)


def is_shouting(line: str) -> bool:
    """All capitals (site banners, section names); titles in capitals are handled by the caller.

    >>> is_shouting("CÔNG ĐOÀN VIÊN CHỨC VIỆT NAM"), is_shouting("Công đoàn")
    (True, False)
    """
    letters = [c for c in line if c.isalpha()]
    return len(letters) >= 4 and all(c.isupper() for c in letters)


def source_line(line: str) -> re.Match[str] | None:
    """``Nguồn Vĩnh Phúc: https://...`` gives the source name and URL."""
    return furniture().source_line.match(line.strip())
