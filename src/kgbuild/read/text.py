"""Plain-text articles (as saved from news pages) to :class:`~kgbuild.article.Article`.

The reader finds the title, the publication date line, the byline and the source line,
drops page furniture and related-news lists, and keeps each repeated paragraph (photo
captions printed twice) once.  The title is part of the canonical text, first, because
some articles state their event only there.
"""

from __future__ import annotations

import re

from ..article import Article
from ..dates import parse_date
from . import furniture as fur
from .normalise import split_lines

_NAME_WORD = re.compile(r"^[A-ZĐÀ-Ỹ][a-zà-ỹđ]*$")
_TIME = re.compile(r"\b\d{1,2}[:h]\d{2}\b")
_DATE_LINE_MAX = 70


def _looks_like_date_line(line: str) -> bool:
    """A short line made of a date, a time and separators, e.g. ``09:01 | 11/01/2019``."""
    if len(line) > _DATE_LINE_MAX or parse_date(line) is None:
        return False
    residue = re.sub(r"GMT[+-]?\d*|[\d/:.\-|,()+]+", " ", line)
    words = [w for w in residue.split() if w]
    weekday = {"thứ", "hai", "ba", "tư", "năm", "sáu", "bảy", "chủ", "nhật", "ngày", "cập",
               "đăng", "lúc", "am", "pm", "sáng", "chiều", "gmt", "giờ"}
    return all(w.casefold() in weekday for w in words)


def looks_like_person_name(line: str) -> bool:
    """A byline: two to five capitalised syllables and nothing else.

    >>> looks_like_person_name("Diệu Linh"), looks_like_person_name("Quang cảnh hội nghị.")
    (True, False)
    """
    words = line.split()
    return 2 <= len(words) <= 5 and all(_NAME_WORD.match(w) for w in words)


def _byline(line: str) -> str | None:
    """The author named by a byline line, with prefixes such as ``Tin, ảnh:`` removed."""
    folded = fur.fold(line)
    for prefix in fur.furniture().byline_prefixes:
        if folded.startswith(prefix + " ") or folded.startswith(prefix):
            rest = line.strip()[len(prefix):].strip(" :")
            if looks_like_person_name(rest):
                return rest
    if looks_like_person_name(line.strip().rstrip(".")):
        return line.strip().rstrip(".")
    return None


def _title_index(lines: list[str], counts: dict[str, int]) -> int | None:
    """The first line that is not furniture, not repeated and not a banner."""
    fallback = None
    for i, line in enumerate(lines):
        if not line or fur.is_furniture(line) or _looks_like_date_line(line):
            continue
        if fallback is None:
            fallback = i
        if counts[line] > 1 or (fur.is_shouting(line) and len(line.split()) <= 8):
            continue
        if line.endswith("!") and counts[line] > 1:
            continue
        return i
    return fallback


def parse_text(raw: str, *, article_id: str, path: str | None = None) -> Article:
    """Parse the text of one saved news page.

    >>> a = parse_text("Tiêu đề\\n\\n09:01 | 11/01/2019\\n\\nThân bài.\\n\\nThân bài.\\n\\nAn Bình\\n", article_id="x")
    >>> a.title, a.date_published, a.authors, a.text
    ('Tiêu đề', '2019-01-11', ('An Bình',), 'Tiêu đề\\n\\nThân bài.')
    """
    lines = split_lines(raw)
    removed: list[str] = []
    source_url = source_name = None
    kept: list[str] = []
    for line in lines:
        match = fur.source_line(line)
        if match:
            source_url, source_name = match["url"], (match["name"] or "").strip() or None
            continue
        if fur.is_cut_marker(line):
            removed.extend(x for x in lines[lines.index(line):] if x)
            break
        kept.append(line)

    counts: dict[str, int] = {}
    for line in kept:
        counts[line] = counts.get(line, 0) + 1
    start = _title_index(kept, counts)
    if start is None:
        return Article(id=article_id, text="", title="", path=path, source_url=source_url,
                       source_name=source_name, removed=tuple(removed))
    removed.extend(x for x in kept[:start] if x)
    title = kept[start]
    body = kept[start + 1:]

    date_published = None
    paragraphs: list[str] = []
    seen: set[str] = {title}
    for line in body:
        if not line:
            continue
        if not paragraphs and date_published is None and _looks_like_date_line(line):
            value = parse_date(line)
            date_published = value.iso() if value else None
            removed.append(line)
            continue
        if fur.is_furniture(line) or line in seen:
            removed.append(line)
            continue
        seen.add(line)
        paragraphs.append(line)

    authors: tuple[str, ...] = ()
    while paragraphs and fur.is_shouting(paragraphs[-1]):
        removed.append(paragraphs.pop())
    if paragraphs:
        name = _byline(paragraphs[-1])
        if name:
            authors = (name,)
            paragraphs.pop()
    text = "\n\n".join([title, *paragraphs])
    return Article(
        id=article_id,
        text=text,
        title=title,
        date_published=date_published,
        authors=authors,
        source_url=source_url,
        source_name=source_name,
        path=path,
        removed=tuple(removed),
    )
