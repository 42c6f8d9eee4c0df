"""Article metadata from the shape of a line: headline or lead, publication line, byline.

News pages of many sites print the same three things in many forms.  The cues are data
(``metadata.json``); this module only applies them, each decision from the line itself, so
that a page of a site never seen before is read the same way:

* a **headline** is short, does not end like a sentence and does not open like a lead
  paragraph ("Sáng 18/5, ...", "(QTV) - ...", "Ngày 17/01/2023, ..."); a page that begins
  with its lead has no headline, and the lead is not promoted to one;
* a **publication line** is a date (and usually a time) with nothing but weekday words,
  labels and separators around it;
* a **byline** is one or more names (or a staff tag, or an office), perhaps after a label
  ("Tin, ảnh:", "Thực hiện:", "Theo") and perhaps followed by the writer's post or office.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..dates import DateValue, parse_date
from ..resources import package_file

_FILE = Path(__file__).with_name("metadata.json")
_DATES = re.compile(r"(?<![\d/.-])\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}(?![\d/.-]*\d)")


def _titled(word: str) -> bool:
    """``Hoài``: a capital and then small letters only."""
    return word.isalpha() and word[0].isupper() and (len(word) == 1 or word[1:].islower())


def _caps(word: str) -> bool:
    """``HOÀI``: capitals only, at least two."""
    return len(word) >= 2 and word.isalpha() and word.isupper()


def _fold(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).casefold().split())


@dataclass(frozen=True)
class Cues:
    """``metadata.json`` compiled: word lists as sets and tuples, patterns compiled once."""

    max_title_words: int
    banner_max_words: int
    lead_openings: tuple[re.Pattern[str], ...]
    lead_endings: tuple[str, ...]
    title_endings: tuple[str, ...]
    sentence_break: re.Pattern[str]
    caption_openings: tuple[str, ...]
    site_suffix: re.Pattern[str]
    closing_marks: str
    section_label_max_words: int
    header_lines_before_dated_headline: int
    date_line_max_chars: int
    date_words: frozenset[str]
    not_date_words: tuple[str, ...]
    time: re.Pattern[str]
    other_date_forms: tuple[re.Pattern[str], ...]
    month_names: dict[str, int]
    field_separators: re.Pattern[str]
    field_labels: tuple[str, ...]
    section_above_dated_headline: int
    section_words: int
    breadcrumb_separators: re.Pattern[str]
    breadcrumb_max_words: int
    label: re.Pattern[str]
    credit_label: re.Pattern[str]
    prefix_label: re.Pattern[str]
    staff: frozenset[str]
    office_heads: tuple[str, ...]
    office_max_words: int
    not_office_words: frozenset[str]
    not_office_pairs: tuple[str, ...]
    tail_lines: int
    tail_junk: tuple[str, ...]
    source_max_words: int
    tail_caption_max_words: int
    tail_caption_not_endings: tuple[str, ...]
    truncated_min_chars: int
    byline_max_words: int
    byline_post_max_words: int
    byline_edges: str
    segment_label: re.Pattern[str]
    field_name_max_words: int
    lower_posts: tuple[str, ...]
    name_particles: frozenset[str]
    separators: re.Pattern[str]
    name_max_tokens: int
    not_name_words: frozenset[str]
    not_name_pairs: tuple[str, ...]
    agency: re.Pattern[str]
    glued_after: re.Pattern[str]
    glued_max_words: int
    places: frozenset[str]


def _alternation(words: list[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


@cache
def cues() -> Cues:
    """The metadata cues, loaded once per process."""
    data = json.loads(_FILE.read_text(encoding="utf-8"))
    head, pub, by = data["headline"], data["publication_line"], data["byline"]
    word = f"(?:{_alternation(by['labels'])})"
    joiner = f"(?:\\s*(?:{_alternation(by['label_joiners'])})\\s*)"
    label = rf"(?i)^{word}(?:{joiner}{word})*\s*:\s*"
    credit = rf"(?i)^(?:{_alternation(by['credit_only_labels'])})\s*:"
    return Cues(
        max_title_words=head["max_words"],
        banner_max_words=head["banner_max_words"],
        lead_openings=tuple(re.compile(p) for p in head["lead_openings"]),
        lead_endings=tuple(head["lead_endings"]),
        title_endings=tuple(head["title_endings_despite_period"]),
        sentence_break=re.compile(head["sentence_break"]),
        caption_openings=tuple(head["caption_openings"]),
        site_suffix=re.compile(head["site_suffix"]),
        closing_marks=head["closing_marks"],
        section_label_max_words=head["section_label_max_words"],
        header_lines_before_dated_headline=head["header_lines_before_dated_headline"],
        date_line_max_chars=pub["max_chars"],
        date_words=frozenset(pub["words"]),
        not_date_words=tuple(pub["not_if_words"]),
        time=re.compile(pub["time"]),
        other_date_forms=tuple(re.compile(p) for p in pub["other_date_forms"]),
        month_names=dict(pub["month_names"]),
        field_separators=re.compile(pub["field_separators"]),
        field_labels=tuple(pub["field_labels"]),
        section_above_dated_headline=head["section_above_dated_headline_max_words"],
        section_words=pub["section_words_before_headline"],
        breadcrumb_separators=re.compile(head["breadcrumb_separators"]),
        breadcrumb_max_words=head["breadcrumb_max_words"],
        label=re.compile(label),
        credit_label=re.compile(credit),
        prefix_label=re.compile(rf"(?i)^(?:{_alternation(by['prefix_labels'])})\s+(?=\S)"),
        staff=frozenset(_fold(s) for s in by["staff"]),
        office_heads=tuple(_fold(s) for s in by["office_heads"]),
        office_max_words=by["office_max_words"],
        not_office_words=frozenset(by["not_office_words"]),
        not_office_pairs=tuple(by["not_office_pairs"]),
        tail_lines=data["tail"]["lines"],
        tail_junk=tuple(data["tail"]["junk_openings"]),
        source_max_words=data["tail"]["source_max_words"],
        tail_caption_max_words=data["tail"]["caption_max_words"],
        tail_caption_not_endings=tuple(data["tail"]["caption_not_endings"]),
        truncated_min_chars=data["tail"]["truncated_min_chars"],
        byline_max_words=by["max_words"],
        byline_post_max_words=by["max_words_with_post"],
        byline_edges=by["edge_marks"],
        segment_label=re.compile(rf"(?i)^(?:{_alternation(by['segment_labels'])})\s*:?\s+(?=[A-ZĐÀ-Ỹ])"),
        field_name_max_words=pub["field_name_max_words"],
        lower_posts=tuple(_fold(p) + " " for p in by["lower_case_posts"]),
        name_particles=frozenset(by["lower_case_name_particles"]),
        separators=re.compile(by["separators"]),
        name_max_tokens=by["name_max_tokens"],
        not_name_words=frozenset(by["not_name_words"]),
        not_name_pairs=tuple(by["not_name_pairs"]),
        agency=re.compile(by["agency"]),
        glued_after=re.compile(by["glued_after"]),
        glued_max_words=by["glued_max_words"],
        places=frozenset(_fold(x) for x in package_file(*by["places_file"]).read_text(encoding="utf-8").splitlines()
                         if x.strip() and not x.startswith("#")),
    )


# ------------------------------------------------------------------ headline


def is_lead(line: str) -> bool:
    """A line that reads as the lead paragraph (or a list item), not as a headline.

    >>> is_lead("Chiều 5/3, Công đoàn ngành Y tế tổ chức hội nghị"), is_lead("Công đoàn ngành Y tế tổng kết năm 2024")
    (True, False)
    """
    return len(line.split()) > cues().max_title_words or reads_as_sentence(line)


def reads_as_sentence(line: str) -> bool:
    """A line that opens like a lead (a dateline, a time phrase, a list dash), ends like a sentence or holds a sentence break.

    A slogan repeated in a site header is long but reads as no sentence.
    """
    c = cues()
    text = line.strip()
    if any(p.match(text) for p in c.lead_openings):
        return True
    text = text.rstrip(c.closing_marks).rstrip()
    if text.endswith(c.lead_endings) and not text.endswith(c.title_endings):
        return True
    return bool(c.sentence_break.search(text))


def closes_sentence(line: str) -> bool:
    """A line that ends like a sentence (a lead paragraph, not a header line).

    >>> closes_sentence("Hội nghị diễn ra trong một ngày."), closes_sentence("Trang thông tin của công đoàn")
    (True, False)
    """
    c = cues()
    text = line.strip().rstrip(c.closing_marks).rstrip()
    return text.endswith(c.lead_endings) and not text.endswith(c.title_endings)


def headline(line: str) -> str:
    """The headline without the site name a page may print after it.

    >>> headline("Trao quà Tết cho công nhân - Báo Điện tử Tỉnh X"), headline("Tổng kết năm 2023 | congdoan.example.vn")
    ('Trao quà Tết cho công nhân', 'Tổng kết năm 2023')
    >>> headline("Đại hội Công đoàn ngành Xây dựng - Giao thông")
    'Đại hội Công đoàn ngành Xây dựng - Giao thông'
    """
    return cues().site_suffix.sub("", line).strip() or line


def is_caption(line: str) -> bool:
    """A photo caption or credit printed above the text ("Toàn cảnh hội nghị", "Ảnh: ..."): no headline.

    >>> is_caption("Quang cảnh buổi lễ"), is_caption("Ảnh: Ngọc Lan"), is_caption("Hình ảnh đại hội công đoàn quận")
    (True, True, False)
    >>> is_caption("(Lãnh đạo công đoàn trao quà cho đoàn viên)")
    True
    """
    c = cues()
    folded = _fold(line)
    if re.fullmatch(r"\([^()]+\)\.?", line.strip()) and len(line.split()) > c.section_label_max_words:
        return True  # a caption printed in brackets under the photo
    return folded.startswith(c.caption_openings) or bool(c.credit_label.match(line.strip()))


def is_section_label(line: str, *, max_words: int | None = None) -> bool:
    """A site section ("Xã hội") or a trail of them ("Tin tức - Sự kiện"): too short to be a headline.

    >>> is_section_label("Thời sự"), is_section_label("Tin tức | Công đoàn"), is_section_label("Hà Nam - Đại hội Công đoàn tỉnh")
    (True, True, False)
    """
    c = cues()
    if len(line.split()) > c.breadcrumb_max_words:
        return False
    most = max_words or c.section_label_max_words
    return all(len(part.split()) <= most for part in c.breadcrumb_separators.split(line))


# ------------------------------------------------------------------ publication line


def publication_date(line: str, *, before_headline: bool = False) -> str | None:
    """The ISO date of a publication line, or ``None`` when the line is anything else.

    Before the headline a site may print its section name beside the date and time.

    >>> publication_date("Thứ 6, 19/07/2024 16:25 GMT+7"), publication_date("Cập nhật ngày: 02/05/2024")
    ('2024-07-19', '2024-05-02')
    >>> publication_date("Xã hội 11:02 23/12/2022 (0) (200)", before_headline=True)
    '2022-12-23'
    >>> publication_date("Ngày đăng: 2024-05-02 08:30"), publication_date("Sáng 18/5, hội nghị khai mạc.")
    ('2024-05-02', None)
    """
    c = cues()
    if len(line) > c.date_line_max_chars:
        return None
    folded = _fold(line)
    if any(w in folded for w in c.not_date_words):
        return None
    value = parse_date(line)
    for form in c.other_date_forms:  # forms the text's date reader leaves to the page: 2024-05-02, 2 tháng 5 năm 2024
        match = form.search(line)
        if match:
            month = c.month_names.get(match["m"].casefold().rstrip("."), 0) if not match["m"].isdigit() else int(match["m"])
            try:
                dt.date(int(match["y"]), month, int(match["d"]))
            except ValueError:
                return None
            value = DateValue(int(match["d"]), month, int(match["y"]))
            folded = form.sub(" ", folded)
            break
    if value is None or value.year is None or (len(_DATES.findall(line)) > 1 and not c.time.search(line)):
        return None
    has_time = bool(c.time.search(line))
    first_digit = re.search(r"\d", folded)
    cut = first_digit.start() if first_digit else len(folded)

    def words(text: str) -> list[str]:
        return re.sub(r"gmt\s*[+-]?\s*\d*|[\d/:.\-–—|,()\[\]+]+", " ", c.time.sub(" ", text)).split()

    before, after = words(folded[:cut]), words(folded[cut:])
    if any(w not in c.date_words for w in after):
        return None
    if any(w not in c.date_words for w in before) and not (
            before_headline and has_time and len(before) <= c.section_words):
        return None
    return value.iso()


def field_line(line: str, *, before_headline: bool = False) -> tuple[str | None, Byline | None] | None:
    """A line of page fields split by bars: the publication date and the byline it gives.

    ``None`` unless every field is a date, a labelled byline or a page counter.

    >>> field_line("Ngày đăng: 03/04/2022 | Tác giả: Kim Chi | Lượt xem: 215")
    ('2022-04-03', Byline(authors=('Kim Chi',), post=False, labelled=True))
    >>> field_line("Kim Chi - 03/04/2022 09:15")[0], field_line("Kim Chi - Lê Hà")
    ('2022-04-03', None)
    >>> field_line("03/04/2022 | 09:15 | Hà Giang")
    ('2022-04-03', None)
    """
    c = cues()
    parts = [p for p in c.field_separators.split(line.strip()) if p.strip()]
    if len(parts) < 2 or len(line) > 2 * c.date_line_max_chars:
        return None
    date: str | None = None
    byline: Byline | None = None
    names: list[Byline] = []
    sections = 0
    for part in parts:
        value = publication_date(part, before_headline=before_headline)
        if value:
            date = date or value
            continue
        if _fold(part) in c.places:  # the site's province beside the date
            continue
        found = parse_byline(part)
        if found and found.labelled:
            byline = byline or found
            continue
        if found and not found.post and person_name(part):
            names.append(found)  # a name beside the date ("Thu Hà | 21/10/2020")
            continue
        leading = _leading_name(part)
        if leading:  # a name and what the site prints after it ("Thu Hà cập nhật | 21/10/2020")
            names.append(Byline((leading,), True))
            continue
        folded = _fold(part)
        counter = folded.startswith(c.field_labels) or part.strip().isdigit()
        if not counter and len(part.split()) <= c.section_words and is_section_label(part) and not _has_digit(part):
            sections += 1  # the site's section beside the date ("Tin tức | 12/10/2023")
            continue
        if not (counter or folded in c.places or c.time.fullmatch(part.strip())):
            return None
    if (names or sections) and not date:
        return None
    byline = byline or next(iter(names), None)
    return (date, byline) if date or byline else None


# ------------------------------------------------------------------ byline


def _has_digit(text: str) -> bool:
    return any(ch.isdigit() for ch in text)


def _name_tokens(segment: str) -> list[str] | None:
    """The tokens of a person's name ("Hải Yến", "H. LAN", "T.Nga"), or ``None``."""
    c = cues()
    tokens = segment.replace(".", ". ").split()  # "T.Nga" is an initial and a syllable
    if not 1 <= len(tokens) <= c.name_max_tokens:
        return None
    if _initials_only(tokens, segment):
        return tokens
    syllables = caps = titled = 0
    for k, t in enumerate(tokens):
        if len(t) == 2 and t[1] == "." and t[0].isupper():
            syllables += 1
            continue
        if 0 < k < len(tokens) - 1 and t in c.name_particles:  # "Nguyễn thị Lan", as some sites type it
            titled += 1
            syllables += 1
            continue
        if _caps(t):
            caps += 1
        elif _titled(t) and len(t) > 1:
            titled += 1
        else:
            return None
        syllables += 1
    if syllables < 2 or (caps and titled):
        return None
    words = _fold(" ".join(tokens)).replace(".", " ").split()
    if any(w in c.not_name_words for w in words):
        return None
    if _pairs(words) & set(c.not_name_pairs):
        return None
    return tokens


def _initials_only(tokens: list[str], segment: str) -> bool:
    """``T.H``, ``N.T.H.``: a writer signing with initials only (dotted, two or more letters)."""
    if len(tokens) < 2 or "." not in segment or " " in segment.strip():
        return False
    return all(len(t.rstrip(".")) == 1 and t[0].isupper() and t[0].isalpha() for t in tokens)


def person_name(segment: str) -> str | None:
    """``segment`` as a person's name when it has the shape of one, else ``None``.

    >>> person_name("Hải Yến"), person_name("H.Vân"), person_name("QUANG ĐẠI"), person_name("Toàn cảnh hội nghị")
    ('Hải Yến', 'H.Vân', 'QUANG ĐẠI', None)
    """
    text = segment.strip().strip(cues().byline_edges).strip().rstrip(".").strip()
    return text if text and _name_tokens(text) else None


def _pairs(words: list[str]) -> set[str]:
    return {" ".join(words[i:i + 2]) for i in range(len(words) - 1)}


def _office(line: str) -> bool:
    """An office or team signing the article ("Văn phòng LĐLĐ tỉnh"), not a caption about one."""
    c = cues()
    folded = _fold(line)
    words = folded.split()
    if len(words) > c.office_max_words or not any(folded == h or folded.startswith(h + " ") for h in c.office_heads):
        return False
    return not (c.not_office_words & set(words)) and not (_pairs(words) & set(c.not_office_pairs))


def _split(text: str) -> list[str]:
    return [s.strip() for s in cues().separators.split(text) if s and s.strip()]


@dataclass(frozen=True)
class Byline:
    """The authors a byline names; ``post`` when it also gives a writer's post or office."""

    authors: tuple[str, ...]
    post: bool = False
    labelled: bool = False


def parse_byline(line: str) -> Byline | None:
    """The byline a line holds, or ``None`` when the line is no byline.

    >>> parse_byline("Tin, ảnh: Minh Khôi").authors, parse_byline("Thực hiện: K.Linh - P.Nam").authors
    (('Minh Khôi',), ('K.Linh', 'P.Nam'))
    >>> parse_byline("Lê An – Phó Chủ tịch LĐLĐ huyện"), parse_byline("Ảnh: Hoàng Sơn")
    (Byline(authors=('Lê An',), post=True, labelled=False), None)
    """
    c = cues()
    text = line.strip().strip(c.byline_edges).strip()  # "Hồng Nhung |": a bar left of a page's field row
    if not text or c.credit_label.match(text):
        return None
    if re.fullmatch(r"\([^()]+\)\.?", text):  # "(Hồng Nhung)": a byline some sites print in brackets
        text = text.rstrip(".")[1:-1].strip()
    labelled = False
    match = c.label.match(text) or c.prefix_label.match(text)
    if match:
        text, labelled = text[match.end():].strip(), True
    unbracketed = re.sub(r"\s*\([^()]*\)\s*", " ", text).strip().rstrip(".").strip()
    bracketed = unbracketed != text.rstrip(".").strip()
    text = unbracketed
    if not text or len(text.split()) > c.byline_post_max_words:
        return None
    long = len(text.split()) > c.byline_max_words  # only a name followed by a long post or office
    if _fold(text) in c.staff:
        return Byline((text,), bracketed, labelled)
    segments = _split(text)
    authors: list[str] = []
    rest: list[str] = []
    for i, segment in enumerate(segments):
        if c.agency.match(segment) and (authors or labelled) and i > 0:
            continue
        segment = c.segment_label.sub("", segment) if i > 0 or labelled else segment  # "KTV Quốc Huy"
        place = i > 0 and _fold(segment) in c.places  # "Thu Hà - Quảng Nam": a place; "Hải Dương" alone: a name
        name = None if place else person_name(segment)
        if name or _fold(segment) in c.staff:
            authors.append(name or segment)
            continue
        if i == 0 and _office(text):
            return Byline((text,), False, labelled)
        split = _name_then_post(segment) if not authors else None
        if split:  # "Thu Hà trường Tiểu học Hòa Bình": the office run on after the name
            authors.append(split[0])
            rest = [split[1], *segments[i + 1:]]
            break
        rest = segments[i:]  # the writer's post or office, or not a byline at all
        break
    if not authors:
        return None
    if not labelled and rest and not _attached_post(rest[0]):
        return None
    if long and not (rest and _plain_post(" ".join(rest))):
        return None
    return Byline(tuple(authors), bool(rest) or bracketed, labelled)


def _leading_name(part: str) -> str | None:
    """The name a field of a publication line begins with, ended by a word that is not capitalised.

    >>> _leading_name("Hà My cập nhật"), _leading_name("Hà My (Văn phòng)"), _leading_name("Tin Tức Sự Kiện")
    ('Hà My', 'Hà My', None)
    """
    c = cues()
    words = part.split()
    if len(words) > c.field_name_max_words:
        return None
    for n in range(min(c.name_max_tokens, len(words) - 1), 1, -1):
        if not words[n][:1].isupper() and all(w[:1].isupper() for w in words[:n]):
            return person_name(" ".join(words[:n]))
    return None


def _name_then_post(segment: str) -> tuple[str, str] | None:
    """A name run on into a post or office that begins in lower case ("Thu Hà trường Tiểu học Hòa Bình")."""
    c = cues()
    words = segment.split()
    for n in range(min(c.name_max_tokens, len(words) - 1), 1, -1):
        name, post = " ".join(words[:n]), " ".join(words[n:])
        if words[n][:1].islower() and _fold(post).startswith(c.lower_posts) and person_name(name) and _plain_post(post):
            return name, post
    return None


def _attached_post(segment: str) -> bool:
    """What may follow the names in an unlabelled byline: a post or an office, capitalised or a known post word."""
    if not segment:
        return False
    return segment[0].isupper() or segment[0].isdigit() or _fold(segment).startswith(cues().lower_posts)


def _plain_post(text: str) -> bool:
    """A post or office with no caption verb in it: what a long byline may carry after the name."""
    c = cues()
    words = _fold(text).split()
    return not (c.not_office_words & set(words)) and not (_pairs(words) & set(c.not_office_pairs))


def is_tail_junk(line: str) -> bool:
    """A line a page prints below the byline: a banner in capitals, a footer, a photo credit, a source, a number.

    >>> is_tail_junk("© 2024 Báo điện tử"), is_tail_junk("Theo Báo Lao Động"), is_tail_junk("Quang cảnh hội nghị.")
    (True, True, False)
    """
    c = cues()
    text = line.strip()
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) >= 4 and all(ch.isupper() for ch in letters) and parse_byline(text) is None:
        return True
    if text.isdigit() or c.credit_label.match(text) or _fold(text).startswith(c.tail_junk):
        return True
    return bool(c.prefix_label.match(text)) and len(text.split()) <= c.source_max_words and not text.endswith(".")


def is_tail_caption(line: str) -> bool:
    """A photo caption (or the heading of a few photos) a page prints below the byline.

    Short and not closed like a sentence: "Lãnh đạo công đoàn trao quà cho đoàn viên",
    "Một số hình ảnh tại hội nghị:".

    >>> is_tail_caption("Các đại biểu chụp ảnh lưu niệm"), is_tail_caption("Hội nghị kết thúc lúc 11 giờ.")
    (True, False)
    """
    c = cues()
    text = line.strip().rstrip(c.closing_marks).rstrip()
    if not text or len(text.split()) > c.tail_caption_max_words or person_name(text):
        return False
    return not text.endswith(c.tail_caption_not_endings)


def glued_byline(paragraph: str) -> tuple[str, Byline] | None:
    """A byline run on at the end of the last paragraph (``... Việt Nam. Quốc Minh``).

    Returns the paragraph without it and the byline.

    >>> glued_byline("Hội nghị bế mạc lúc 17 giờ. Thanh Bình")
    ('Hội nghị bế mạc lúc 17 giờ.', Byline(authors=('Thanh Bình',), post=False, labelled=False))
    >>> glued_byline("Buổi lễ kết thúc lúc 11 giờ. Tin, ảnh: ĐỨC ANH")[1].authors
    ('ĐỨC ANH',)
    """
    c = cues()
    tail = paragraph.rstrip()
    if tail.endswith((".", "!", "?", "…", ":", ";", ",")):
        return None
    words = tail.split()
    for n in range(2, c.glued_max_words + 1):
        if len(words) <= n:
            break
        candidate = " ".join(words[-n:])
        head = tail[: len(tail) - len(candidate)]
        if not c.glued_after.search(head):
            continue
        byline = parse_byline(candidate)
        if byline is None or byline.post:
            continue
        if byline.labelled or all(_titled(w) or _caps(w) or "." in w for w in words[-n:]):
            return head.rstrip(), byline
    return None
