"""Plain-text articles (as saved from news pages) to :class:`~kgbuild.article.Article`.

The reader finds the title, the publication date line, the byline and the source line,
drops page furniture and related-news lists, and keeps each repeated paragraph (photo
captions printed twice) once.  The title is part of the canonical text, first, because
some articles state their event only there.
"""

from __future__ import annotations

from ..article import Article
from . import furniture as fur
from . import metadata as meta
from .normalise import split_lines


def looks_like_person_name(line: str) -> bool:
    """A byline: a person's name and nothing else.

    >>> looks_like_person_name("Diệu Linh"), looks_like_person_name("Quang cảnh hội nghị.")
    (True, False)
    """
    return meta.person_name(line) is not None and not line.rstrip().endswith(".")


def _meta_line(line: str, *, before_headline: bool = False) -> tuple[str | None, meta.Byline | None] | None:
    """The date (and byline) of a publication line or a line of page fields; ``None`` for other lines."""
    value = meta.publication_date(line, before_headline=before_headline)
    if value:
        return value, None
    return meta.field_line(line, before_headline=before_headline)


def _candidate(line: str) -> bool:
    """A line that may begin the article: not furniture, not a publication line."""
    return bool(line) and not fur.is_furniture(line) and _meta_line(line, before_headline=True) is None


def _next(lines: list[str], i: int) -> tuple[int | None, bool]:
    """The next line after ``i`` that may begin the article, and whether a publication line comes right after it."""
    for j in range(i + 1, len(lines)):
        if _candidate(lines[j]):
            after = next((x for x in lines[j + 1:] if x and not fur.is_furniture(x)), "")
            return j, bool(after) and _meta_line(after, before_headline=True) is not None
    return None, False


def _headline_shape(line: str) -> bool:
    """A line that may be a headline: no lead, no banner, no byline, no section name."""
    return not (meta.is_lead(line) or fur.is_shouting(line) or meta.parse_byline(line) or meta.is_section_label(line))


def _dated_headline_ahead(lines: list[str], i: int) -> bool:
    """Whether a later line, a few lines on, is a headline with the publication line under it
    while line ``i`` is not: site header lines (a slogan, a banner, a menu run together) above it
    are then passed over. No line on the way may close like a sentence (a lead paragraph)."""
    after = next((x for x in lines[i + 1:] if x and not fur.is_furniture(x)), "")
    if _meta_line(after, before_headline=True) is not None:
        return False  # line i has its own publication line under it
    j: int | None = i
    for _ in range(meta.cues().header_lines_before_dated_headline):
        if j is None or meta.closes_sentence(lines[j]):
            return False
        j, dated = _next(lines, j)
        if j is not None and dated and _headline_shape(lines[j]):
            return True
    return False


def _start(lines: list[str], counts: dict[str, int]) -> tuple[int | None, bool, tuple[str | None, meta.Byline | None]]:
    """Where the article begins, whether that line is its headline, and the date (and byline) of page fields above it.

    Site banners (capitals), repeated site headers and section labels are passed over; a
    first line that reads as a lead paragraph means the page has no headline.
    """
    date: str | None = None
    byline: meta.Byline | None = None
    fallback = None
    for i, line in enumerate(lines):
        if not line or fur.is_furniture(line):
            continue
        fields = _meta_line(line, before_headline=True)
        if fields:
            date, byline = date or fields[0], byline or fields[1]
            continue
        if fallback is None:
            fallback = i
        if meta.is_caption(line):  # the page begins with its photo: no headline
            return i, False, (date, byline)
        found = meta.parse_byline(line)
        if found and found.labelled:  # "Tác giả: ..." above the headline
            byline = byline or found
            continue
        shouting = fur.is_shouting(line)
        if _dated_headline_ahead(lines, i):
            continue  # a site header line above the dated headline
        if counts[line] > 1:  # a site header printed twice, a lead printed twice, or a headline printed twice
            if meta.reads_as_sentence(line) and not shouting:
                return i, False, (date, byline)
            following = next((x for x in lines[i + 1:] if _candidate(x) and counts[x] == 1), None)
            if following is not None and meta.is_lead(following) and not shouting:
                return i, True, (date, byline)
            continue
        j, dated = _next(lines, i)
        nxt = lines[j] if j is not None else None
        headline_follows = nxt is not None and counts[nxt] == 1 and not meta.is_lead(nxt)
        banner = len(line.split()) <= meta.cues().banner_max_words
        if shouting and (banner or (headline_follows and not fur.is_shouting(nxt or ""))):
            continue  # a banner; a headline in capitals is followed by its lead
        if headline_follows and (meta.is_section_label(line) or (
                dated and meta.is_section_label(line, max_words=meta.cues().section_above_dated_headline)
                and len((nxt or "").split()) > len(line.split()))):
            continue  # a section name above the headline (the headline has its date under it)
        return i, not meta.is_lead(line), (date, byline)
    return fallback, True, (date, byline)


def _byline(paragraphs: list[str], removed: list[str]) -> tuple[str, ...]:
    """The authors of the byline among the last lines; the byline and the junk below it leave the text.

    Photo captions printed below the byline are passed over and stay in the text; a byline
    found above them must be labelled or a name alone.
    """
    captions: list[int] = []
    for back in range(1, min(meta.cues().tail_lines, len(paragraphs)) + 1):
        line = paragraphs[-back]
        byline = meta.parse_byline(line)
        if byline and captions and not (byline.labelled or (not byline.post and looks_like_person_name(line))):
            byline = None
        if byline:  # a byline that gives the writer's post stays: the post is a fact of the article
            at = len(paragraphs) - back
            cut = at + byline.post
            below = [p for k, p in enumerate(paragraphs[at + 1:], start=at + 1) if k not in captions]
            kept = [p for k, p in enumerate(paragraphs[at + 1:], start=at + 1) if k in captions]
            removed.extend(paragraphs[cut:at + 1] + below)
            del paragraphs[cut:]
            paragraphs.extend(kept)
            return byline.authors
        earlier = paragraphs[:-back]
        truncated = len(line) >= meta.cues().truncated_min_chars and any(
            p.startswith(line) and p != line for p in earlier)  # a repeated caption cut off where the page was saved
        if meta.is_tail_junk(line) or truncated:
            continue
        if meta.is_tail_caption(line):
            captions.append(len(paragraphs) - back)
            continue
        break
    while paragraphs and fur.is_shouting(paragraphs[-1]):
        removed.append(paragraphs.pop())
    if paragraphs:
        glued = meta.glued_byline(paragraphs[-1])
        if glued:
            removed.append(paragraphs[-1][len(glued[0]):].strip())
            paragraphs[-1] = glued[0]
            return glued[1].authors
    return ()


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
    start, has_title, (date_published, header_byline) = _start(kept, counts)
    if start is None:
        return Article(id=article_id, text="", title="", path=path, source_url=source_url,
                       source_name=source_name, removed=tuple(removed))
    removed.extend(x for x in kept[:start] if x)
    title = meta.headline(kept[start]) if has_title else ""
    body = kept[start + 1:] if has_title else kept[start:]

    paragraphs: list[str] = []
    seen: set[str] = {title}
    dates: list[str] = []  # under the headline first: a date above it may be the site's clock
    late_date = None
    top_authors: tuple[str, ...] = header_byline.authors if header_byline else ()
    for line in body:
        if not line:
            continue
        fields = _meta_line(line)
        if fields:
            value, field_byline = fields
            if value and paragraphs:
                late_date = late_date or value
            elif value:
                dates.append(value)
            top_authors = top_authors or (field_byline.authors if field_byline else ())
            removed.append(line)
            continue
        if fur.is_furniture(line) or line in seen:
            removed.append(line)
            continue
        byline = None if paragraphs or top_authors else meta.parse_byline(line)
        if byline and (byline.labelled or (not byline.post and looks_like_person_name(line))):
            top_authors = byline.authors  # under the headline: labelled, or a name alone on its line
            if not byline.post:
                removed.append(line)
                continue
        seen.add(line)
        paragraphs.append(line)
    date_published = next(iter(dates), None) or date_published or late_date

    authors = _byline(paragraphs, removed) or top_authors
    text = "\n\n".join([title, *paragraphs] if title else paragraphs)
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
