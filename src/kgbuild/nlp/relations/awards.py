"""Award conferrals: which body gave which award to how many collectives or individuals.

A sentence is cut into clauses at ";".  Inside a clause the rules read, in this order:

1. **Triggers.**  Every award form the span ruler found ("Bằng khen", "Cờ thi đua"; a
   qualifier written after it, "xuất sắc toàn diện", is not part of the form), and every
   commendation verb ("khen thưởng", "tuyên dương", "tôn vinh") whose recipients are
   counted although no form is named; those are recorded as the unnamed form
   ("khen thưởng").
2. **Recipients**, in the genre's two word orders.  Passive: the groups before "được ...
   tặng" or "nhận" ("02 tập thể và 03 cá nhân được tặng Bằng khen").  Active: the groups
   after "cho"/"tặng"/":" ("tặng Bằng khen cho: 16 tập thể và 162 cá nhân", "Giấy khen
   của X: 13 tập thể"), or right after a commendation verb ("khen thưởng 3 tập thể và 22 cá
   nhân"); a number written before the form counts it ("trao 36 Bằng Lao động sáng tạo cho
   các đồng chí"), but a tally of forms with no recipients is no conferral.  A body or
   person named in the recipient's place is the recipient itself, with no count.  Groups
   split by a qualifier ("20 tập thể có thành tích ..., 3 tập thể và 35 cá nhân") still
   coordinate; one count for two kinds ("124 tập thể, cá nhân") is not recorded.
3. **Kind**: the recipient noun's, else the named recipient's, else the form's usual one.
4. **Conferrer**: the body after "của" (pairwise over an award list), else the passive
   agent ("được LĐLĐ tỉnh tặng"), else the clause's subject ("X trao", "Lãnh đạo X trao",
   the first of "X phối hợp với Y"), else the previous clause's subject.

A clause that is only a recipient list ("...; 2 tập thể và 8 cá nhân ...") continues the
previous clause's award.  Across the article a fact without a count that repeats a
counted one (a photo caption), an unnamed commendation that repeats a named one, and a
fact told twice (headline and body) are kept once.  The vocabulary and the confidences
are in ``lexicon/awards.json``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cache
from typing import Any

from ...annotated import Entity, Relation
from ...numbers import parse_number
from ..lexicon import fold, lexicon, tokenise_words
from ..tokens import folded, match_phrase
from .base import Facts, Sentence

Group = tuple[str, int | None]  # (recipient kind, count or None)
Phrases = tuple[tuple[str, ...], ...]
_QUOTES = {"“", "”", '"', "'", "‘", "’", "«", "»"}


def rules() -> dict[str, Any]:
    """The award vocabulary (``lexicon/awards.json``)."""
    return lexicon().awards


@cache
def _phrases(name: str) -> Phrases:
    """A phrase list of ``awards.json``, folded and split like tokens, longest first."""
    return tuple(sorted({tuple(tokenise_words(fold(x))) for x in rules()[name]}, key=len, reverse=True))


@cache
def _nouns() -> tuple[tuple[tuple[str, ...], str], ...]:
    """Recipient nouns with their kind, longest first."""
    pairs = {(tuple(tokenise_words(fold(n))), "collective") for n in rules()["collective_nouns"]}
    pairs |= {(tuple(tokenise_words(fold(n))), "individual") for n in rules()["individual_nouns"]}
    return tuple(sorted(pairs, key=lambda p: (-len(p[0]), p)))


@cache
def _counts() -> tuple[tuple[tuple[str, ...], int | None], ...]:
    """Count words ("một" = 1) and vague quantifiers ("nhiều" = no count), longest first."""
    pairs = {(tuple(tokenise_words(fold(w))), n) for w, n in rules()["count_words"].items()}
    pairs |= {(tuple(tokenise_words(fold(w))), None) for w in rules()["vague_counts"]}
    return tuple(sorted(pairs, key=lambda p: -len(p[0])))


@cache
def _form_kinds() -> dict[str, str]:
    return {fold(f["form"]): f["kind"] or rules()["default_kind"] for f in rules()["forms"]}


def _ends_with(words: list[str], end: int, phrases: Phrases) -> int:
    """Length of the longest phrase that ends just before token ``end``; 0 if none."""
    for phrase in phrases:
        n = len(phrase)
        if n <= end and tuple(words[end - n:end]) == phrase:
            return n
    return 0


def _number(word: str) -> int | None:
    value = parse_number(word)
    return int(value) if value is not None and value.is_integer() else None


def _group_at(words: list[str], i: int, end: int) -> tuple[str, int | None, int] | None:
    """One recipient group at token ``i``: [about] [count] [quote] noun -> (kind, count, end).

    "hơn 100 cá nhân" counts 100: the number is written, the qualifier only rounds it.
    """
    j, count = i, None
    n = match_phrase(words, j, _phrases("count_prefixes"))
    if n and j + n < end and _number(words[j + n]) is not None:
        j += n
    if j < end and _number(words[j]) is not None:
        count, j = _number(words[j]), j + 1
        if j + 2 < end and words[j] == "(" and ")" in words[j + 2:j + 4]:  # "05 (năm) tập thể"
            j = words.index(")", j) + 1
    else:
        for phrase, value in _counts():
            if tuple(words[j:j + len(phrase)]) == phrase:
                count, j = value, j + len(phrase)
                break
    while j < end and words[j] in _QUOTES:
        j += 1
    for phrase, kind in _nouns():
        if j + len(phrase) <= end and tuple(words[j:j + len(phrase)]) == phrase:
            return kind, count, j + len(phrase)
    return None


def _predicate_at(words: list[str], i: int) -> bool:
    """A new verb phrase starts at ``i`` ("tặng quà ...", "đồng thời trao ...")."""
    i += 1 if i < len(words) and words[i] in {"đã", "đồng", "thời"} else 0
    return bool(match_phrase(words, i, _phrases("grant_verbs")))


def read_groups(words: list[str], i: int, end: int) -> tuple[list[Group], int]:
    """Coordinated recipient groups from token ``i`` and the token after the last one.

    A group after a qualifier still coordinates when it is counted ("20 tập thể có
    thành tích ..., 3 tập thể"); an uncounted one only right after the previous group
    ("nhiều tập thể và cá nhân").  One count for two kinds returns no groups, unless a
    breakdown follows ("45 tập thể, cá nhân, trong đó có 15 tập thể và 30 cá nhân").
    """
    groups, after, mixed = _list_at(words, i, end)
    return ([], i) if mixed else (groups, after)


def _list_at(words: list[str], i: int, end: int, *, subject: bool = False) -> tuple[list[Group], int, bool]:
    """``_read_list`` with a breakdown read in place of a mixed or uncounted list."""
    groups, after, mixed = _read_list(words, i, end, subject=subject)
    found = _breakdown(words, after, end) if mixed or (groups and not _counted(groups)) else None
    return (*found, False) if found is not None else (groups, after, mixed)


def _read_list(words: list[str], i: int, end: int, *, subject: bool = False) -> tuple[list[Group], int, bool]:
    """The groups from token ``i``, where they end, and whether one count covered two kinds.

    As the ``subject`` of a passive verb, a group after a qualifier and a comma starts a
    clause of its own ("120 CĐCS đạt vững mạnh, 15 CĐCS được tặng Bằng khen": the 15).
    """
    first = _group_at(words, i, end)
    if first is None:
        return [], i, False
    groups: list[Group] = [(first[0], first[1])]
    last_end = scan = first[2]
    coordinators = set(rules()["coordinators"])
    while scan < end:
        word = words[scan]
        if word in {".", "("}:  # a parenthesis opens an aside or a breakdown, not more recipients
            break
        if word in coordinators:
            nxt = _group_at(words, scan + 1, end)
            adjacent = scan == last_end
            if subject and not adjacent and word == ",":
                break
            if nxt and (nxt[1] is not None or adjacent):
                kind, count = groups[-1]
                if adjacent and nxt[1] is None and nxt[0] != kind and count is not None:
                    return [], nxt[2], True  # "124 tập thể, cá nhân": not recorded
                if not (adjacent and nxt[1] is None and nxt[0] == kind):  # "cán bộ, công chức" is one group
                    groups.append((nxt[0], nxt[1]))
                last_end = scan = nxt[2]
                continue
            if word == "," and _predicate_at(words, scan + 1):
                break
        scan += 1
    return groups, last_end, False


def _breakdown(words: list[str], at: int, end: int) -> tuple[list[Group], int] | None:
    """Counted groups after a breakdown cue a few words on ("..., trong đó có 15 tập thể", "(gồm 5 tập thể ...)")."""
    cues = _phrases("breakdown_cues")
    for q in range(at, min(end, at + int(rules()["passive_subject_words_max"]))):
        if words[q] in {".", ";"}:
            return None
        n = match_phrase(words, q, cues)
        if n:
            r = q + n
            while r < end and (words[r] in {",", ":", "("} or match_phrase(words, r, cues)):
                r += max(match_phrase(words, r, cues), 1)
            groups, after, mixed = _read_list(words, r, end)
            return (groups, after) if groups and not mixed and _counted(groups) else None
    return None
def parse_recipients(text: str) -> list[Group]:
    """Recipient groups at the start of a text.

    >>> parse_recipients("9 tập thể và 15 cá nhân được nhận")
    [('collective', 9), ('individual', 15)]
    >>> parse_recipients("nhiều tập thể và cá nhân")
    [('collective', None), ('individual', None)]
    >>> parse_recipients("04 tập thể công đoàn xuất sắc và 72 cá nhân có thành tích")
    [('collective', 4), ('individual', 72)]
    >>> parse_recipients("124 tập thể, cá nhân có thành tích")
    []
    """
    words = tokenise_words(fold(text))
    return read_groups(words, 0, len(words))[0]


def _last_groups(words: list[str], lo: int, hi: int, names: list[tuple[int, int]]) -> tuple[list[Group], bool]:
    """The group list nearest before token ``hi`` (the subject of a passive verb), and whether it was a mixed count.

    Only a qualifier may stand between the list and the verb ("5 tập thể có thành tích xuất
    sắc trong phong trào ... được tặng"), not a comma or another clause's words; the nearest
    counted list wins ("Công đoàn cơ sở có 2 cá nhân được tặng": the 2), a noun inside the
    qualifier ("... hoạt động công đoàn ...") does not.  A noun that starts a name ("Công
    đoàn viên ..." of "Công đoàn Viên chức tỉnh") is not a group.
    """
    found: list[Group] = []
    mixed_found = False
    p = lo
    while p < hi:
        if not any(a < p < b for a, b in names):
            groups, after, mixed = _list_at(words, p, hi, subject=True)
            if (groups or mixed) and not any(a <= p < b and after < b for a, b in names):
                gap = words[after:hi]
                if len(gap) <= int(rules()["passive_subject_words_max"]) and not set(gap) & {",", ":", ";", "."} \
                        and (mixed or _counted(groups) or not _counted(found)):
                    found, mixed_found = groups, mixed
                p = after
                continue
        p += 1
    return found, mixed_found


def _counted(groups: list[Group]) -> bool:
    return any(c is not None for _, c in groups)


@dataclass
class Grant:
    award: str
    entity: Entity | None  # the AWARD mention; None for the unnamed form
    start: int  # tokens of the trigger (the form, or the commendation verb)
    end: int
    recipients: list[Group] = field(default_factory=list)
    named: list[Entity] = field(default_factory=list)
    conferrers: list[Entity] = field(default_factory=list)
    passive: bool = False
    unrecorded: bool = False  # a count that cannot be told apart by kind

    @property
    def stated(self) -> bool:
        return self.entity is not None


@dataclass
class Clause:
    sentence: Sentence
    start: int
    end: int

    @property
    def words(self) -> list[str]:
        return folded(self.sentence.span.doc)

    def mentions(self, *labels: str) -> list[tuple[Any, Entity]]:
        return [(s, e) for s, e in self.sentence.mentions if e.label in labels and self.start <= s.start < self.end]

    def names(self) -> list[tuple[int, int]]:
        """Token ranges of the organisation and person names (a recipient group never starts inside one)."""
        return [(s.start, s.end) for s, _ in self.mentions("ORG", "PERSON")]


def _clauses(sentence: Sentence) -> list[Clause]:
    bounds, start = [], sentence.span.start
    for tok in sentence.span:
        if tok.text == ";":
            bounds.append((start, tok.i))
            start = tok.i + 1
    bounds.append((start, sentence.span.end))
    doc = sentence.span.doc
    return [Clause(sentence, a, b) for a, b in bounds if b > a and doc[a:b].text.strip()]


def _triggers(clause: Clause) -> list[Grant]:
    """Award forms and commendation verbs, in text order."""
    words = clause.words
    grants = [_with_name(clause, Grant(e.value, e, s.start, s.end)) for s, e in clause.mentions("AWARD")]
    taken = {t for s, _ in clause.mentions("AWARD", "ORG", "PERSON", "TITLE") for t in range(s.start, s.end)}
    verbs = _phrases("commendation_verbs")
    i = clause.start
    while i < clause.end:
        n = match_phrase(words, i, verbs) if i not in taken else 0
        if n:
            grants.append(Grant(rules()["unnamed_form"], None, i, i + n))
            i += n
        else:
            i += 1
    return sorted(grants, key=lambda g: g.start)


def _with_name(clause: Clause, grant: Grant) -> Grant:
    """A form that takes a name written in quotes: Kỷ niệm chương “Vì sự nghiệp ...”."""
    doc, words = clause.sentence.span.doc, clause.words
    if fold(grant.award) not in {fold(f) for f in rules()["forms_taking_a_name"]} \
            or grant.end >= clause.end or words[grant.end] not in _QUOTES:
        return grant
    close = next((i for i in range(grant.end + 1, min(clause.end, grant.end + 16)) if words[i] in _QUOTES), None)
    if close is None or close == grant.end + 1:
        return grant
    grant.award = f"{grant.award} {doc[grant.end + 1:close].text}"
    grant.end = close + 1
    return grant


def _passive_before(clause: Clause, pos: int) -> tuple[int, list[Entity]] | None:
    """Where the recipients' words end if the verb before token ``pos`` is passive, and its agent.

    "5 cá nhân (được) nhận ...", "5 tập thể được (LĐLĐ tỉnh) tặng ..."; None when active.
    """
    words = clause.words
    n = _ends_with(words, pos, _phrases("receive_verbs"))
    if n:
        k = pos - n
        return k - _ends_with(words, k, _phrases("passive_markers")), []
    n = _ends_with(words, pos, _phrases("grant_verbs"))
    k = pos - n
    agents: list[Entity] = []
    for span, entity in reversed(clause.mentions("ORG")):
        if span.end == k or (agents and span.end == k - 1 and words[k - 1] in {",", "và"}):
            agents.insert(0, entity)
            k = span.start
    title = next((s for s, _ in clause.mentions("TITLE") if s.end == k), None) if agents else None
    k = title.start if title is not None else k  # "được Chủ tịch UBND tỉnh tặng"
    if not agents:  # "được Đảng, Nhà nước tặng thưởng", "được Chủ tịch nước tặng": no organisation's name
        k -= _ends_with(words, k, _phrases("unnamed_agents"))
    m = _ends_with(words, k, _phrases("passive_markers"))
    if m and (n or agents or pos - k == 0):
        return k - m, agents
    if n or not agents:  # "được các cấp khen thưởng": a few words name the agent
        for j in range(k - 1, max(k - 7, -1), -1):
            if words[j] in {",", ".", ":", ";", "(", ")"} or match_phrase(words, j, _phrases("grant_verbs")):
                break
            m = _ends_with(words, j + 1, _phrases("passive_markers"))
            if m:
                inside = [e for s, e in clause.mentions("ORG") if j < s.start and s.end <= k]
                return j + 1 - m, agents or inside
    return None


def _named_at(clause: Clause, q: int) -> tuple[list[Entity], int]:
    """Bodies or people named at token ``q`` ("cho Công đoàn ngành ...", "cho tập thể Trường X"), and where they end."""
    words = clause.words
    last = q  # nothing named: the recipients' words start where they did
    q += match_phrase(words, q, _phrases("named_recipient_leads"))
    q += 1 if q < clause.end and words[q] == ":" else 0
    out: list[Entity] = []
    for span, entity in clause.mentions("ORG", "PERSON"):
        if span.start == q:
            out.append(entity)
            last = span.end
            q = span.end + (1 if span.end < clause.end and words[span.end] in {",", "và"} else 0)
            q += match_phrase(words, q, _phrases("named_recipient_leads"))  # "đồng chí A và đồng chí B"
    return out, last


def _recipients_after(clause: Clause, grant: Grant, stop: int) -> None:
    """Active order: the recipients after "cho"/"tặng", or right after a commendation verb."""
    words = clause.words
    cues = _phrases("recipient_cues")
    q = grant.end
    if not grant.stated:
        while q < stop and (words[q] in {",", ":", "và"} or match_phrase(words, q, _phrases("commendation_verbs"))):
            q += max(match_phrase(words, q, _phrases("commendation_verbs")), 1)
    else:  # the cue follows the form, a short qualifier and the grantor's name, however long
        # ("Giấy khen phong trào thi đua ... cho", "Giấy khen của Ban Chấp hành Công đoàn ngành ... tỉnh X cho")
        in_name = {t for a, b in clause.names() for t in range(a, b)}
        budget, q = int(rules()["qualifier_words_max"]) + 1, grant.end
        while q < stop and budget > 0 and not match_phrase(words, q, cues) and words[q] not in {".", ";"}:
            budget -= 0 if q in in_name else 1
            q += 1
        if q >= stop or not match_phrase(words, q, cues):
            return
    q += match_phrase(words, q, cues)
    q += 1 if q < stop and words[q] == ":" else 0
    grant.named, q = _named_at(clause, q)
    if not grant.named:
        grant.recipients, _, grant.unrecorded = _list_at(words, q, stop)  # "cho 20 tập thể, cá nhân": unrecorded
    elif q < stop and words[q] in set(rules()["coordinators"]):  # "cho Công đoàn Trường X và 3 cá nhân"
        groups, _, mixed = _list_at(words, q + 1, stop)
        grant.recipients = groups if _counted(groups) and not mixed else []


def _recipients_before(clause: Clause, grant: Grant, lo: int) -> bool:
    """Passive order: the recipients before "được ... tặng"; False if the verb is active.

    The verb may also stand before a colon that opens a list of honours ("X đã được tặng
    nhiều phần thưởng cao quý: Huân chương ..., Bằng khen của ...").
    """
    words = clause.words
    pos = grant.start - (1 if grant.start > lo and _number(words[grant.start - 1]) is not None else 0)
    found = _passive_before(clause, pos) or _passive_before_colon(clause, grant, lo)
    if found is None:
        return False
    hi, agents = found
    grant.passive = True
    grant.conferrers = grant.conferrers or agents
    named = [e for s, e in clause.mentions("ORG", "PERSON")
             if s.start >= lo and s.end == hi - _adverbs_before(words, hi, s.end)]
    if named:
        grant.named = named
    else:
        grant.recipients, grant.unrecorded = _last_groups(words, lo, hi, clause.names())
    return True


def _passive_before_colon(clause: Clause, grant: Grant, lo: int) -> tuple[int, list[Entity]] | None:
    """A passive verb, then a few words and a colon, just before the form."""
    words = clause.words
    colon = next((i for i in range(grant.start - 1, max(lo, grant.start - 3) - 1, -1) if words[i] == ":"), None)
    if colon is None:
        return None
    for end in range(colon, max(lo, colon - int(rules()["qualifier_words_max"])) - 1, -1):
        if words[end - 1] in {",", ";", "."}:
            return None
        if _ends_with(words, end, _phrases("grant_verbs")):
            return _passive_before(clause, end)
    return None


def _adverbs_before(words: list[str], hi: int, lo: int) -> int:
    """How many words before ``hi`` (not before ``lo``) are adverbs of a passive verb ("đã vinh dự", "nhiều năm liền")."""
    k = hi
    while k > lo:
        n = _ends_with(words, k, _phrases("passive_adverbs"))
        if not n or k - n < lo:
            break
        k -= n
    return hi - k


def _recipients_between(clause: Clause, grant: Grant, lo: int) -> None:
    """Two objects, the recipients first: "tặng 3 tập thể và 5 cá nhân Bằng khen của X"."""
    words = clause.words
    for v in range(max(lo, grant.start - int(rules()["qualifier_words_max"])), grant.start):
        n = match_phrase(words, v, _phrases("grant_verbs"))
        if n and v + n < grant.start:
            groups, after, mixed = _list_at(words, v + n, grant.start)
            if after == grant.start and (groups or mixed):
                grant.recipients, grant.unrecorded = groups, mixed
                return


def _of_after(clause: Clause, grant: Grant, stop: int) -> list[Entity]:
    """"Bằng khen (xuất sắc) của X, Y": the bodies after "của" (a title before the body is skipped)."""
    words = clause.words
    q = grant.end
    while q < min(stop, grant.end + 6) and words[q] != "của":
        if words[q] in {",", "cho", "tặng", "và", "."}:
            return []
        q += 1
    if q >= stop or words[q] != "của":
        return []
    q += 1
    title = next((s for s, _ in clause.mentions("TITLE") if s.start == q), None)
    q = title.end if title is not None else q
    q += match_phrase(words, q, _phrases("committee_words"))  # "của Ban Thường vụ LĐLĐ tỉnh": the body
    out: list[Entity] = []
    for span, entity in clause.mentions("ORG"):
        if span.start < q:
            continue
        gap = words[q:span.start]
        if len(gap) > 1 or any(g not in {",", "và"} for g in gap):
            break
        out.append(entity)
        q = span.end
    return out


def _acts_for(words: list[str], at: int, titles: dict[int, int]) -> bool:
    """The body at ``at`` is the one a presenter acts for ("Thay mặt Ban Thường vụ LĐLĐ tỉnh",
    "Được sự ủy quyền của Chủ tịch UBND tỉnh", "Thừa ủy quyền của lãnh đạo Tổng Liên đoàn")."""
    k = at
    k -= _ends_with(words, k, _phrases("committee_words"))
    k = titles.get(k, k)
    k -= _ends_with(words, k, _phrases("leader_words"))
    k -= 1 if k > 0 and words[k - 1] == "của" else 0
    return bool(_ends_with(words, k, _phrases("on_behalf_cues")))


def _subject(clause: Clause, grant: Grant, lo: int, skip: list[Entity]) -> list[Entity]:
    """The body before the grant's verb: "X trao", "Lãnh đạo X tặng", "X phối hợp với Y tổ chức".

    Only bodies after ``lo`` (the previous grant) count, and not the previous grant's recipients.
    """
    words = clause.words
    before = [(s, e) for s, e in clause.mentions("ORG") if lo <= s.start and s.end <= grant.start
              and all(e is not x for x in skip)]
    if not before:
        return []
    titles = {s.end: s.start for s, _ in clause.mentions("TITLE")}
    behalf = [e for s, e in before if _acts_for(words, s.start, titles)]
    if behalf:  # "Thay mặt LĐLĐ tỉnh, đồng chí X, Phó Chủ tịch CĐVC tỉnh trao ..."
        return behalf[-1:]
    before = [(s, e) for s, e in before if not _ends_with(words, s.start, _phrases("not_subject_leads"))]
    if not before:  # "tổ chức hội nghị tại Trường X và khen thưởng ...": a place, not the grantor
        return []
    k = len(before) - 1
    while k > 0 and _ends_with(words, before[k][0].start, _phrases("co_subject_cues")):
        k -= 1
    between = words[before[-1][0].end:grant.start]
    if "của" in between or ";" in between:
        return []
    if grant.stated and not any(match_phrase(between, i, _phrases("grant_verbs")) for i in range(len(between))):
        return []
    return [before[k][1]]


def _share_lists(grants: list[Grant]) -> None:
    """Forms written as a list share recipients and grantors (pairwise when counts agree)."""
    k = 0
    while k < len(grants):
        j = k
        while j + 1 < len(grants) and grants[j + 1].stated and grants[j].stated \
                and grants[j + 1].start - grants[j].end <= 2 and not grants[j].conferrers:
            j += 1
        if j > k:
            group = grants[k:j + 1]
            recipients = next((g.recipients for g in reversed(group) if g.recipients), [])
            named = next((g.named for g in reversed(group) if g.named), [])
            conferrers = group[-1].conferrers
            for idx, g in enumerate(group):
                g.recipients = g.recipients or recipients
                g.named = g.named or named
                if len(conferrers) == len(group):
                    g.conferrers = [conferrers[idx]]
                elif conferrers and not g.conferrers:
                    g.conferrers = conferrers
        k = j + 1
    for k in range(len(grants) - 1, 0, -1):  # a grantor named later covers earlier conferrals that have none
        if grants[k].conferrers and not grants[k - 1].conferrers and grants[k].stated == grants[k - 1].stated:
            grants[k - 1].conferrers = grants[k].conferrers


def _counted_form(words: list[str], at: int, lo: int) -> bool:
    """A count written before a form by its verb or in a list ("trao tặng 36 Bằng ...", ", 12 Giấy khen")."""
    if at < lo or _number(words[at]) is None or _number(words[at]) >= 1000:  # type: ignore[operator]
        return False
    return at == 0 or words[at - 1] in set(rules()["coordinators"]) | {":"} \
        or bool(_ends_with(words, at, _phrases("grant_verbs")))


def _not_conferred(clause: Clause, grant: Grant) -> bool:
    """A proposal or a target ("đề nghị tặng Bằng khen", "phấn đấu đạt Cờ thi đua") in the trigger's phrase."""
    words = clause.words[clause.start:grant.start]
    segment = words[max((i for i, w in enumerate(words) if w == ","), default=-1) + 1:]
    return any(match_phrase(segment, i, _phrases("not_conferred_cues")) for i in range(len(segment)))


def grants_in_clause(clause: Clause, inherited: list[Entity]) -> tuple[list[Grant], list[Entity]]:
    """The clause's grants and its subject (for the next clause)."""
    triggers = [g for g in _triggers(clause) if not _not_conferred(clause, g)]
    if not triggers:
        return [], []
    words = clause.words
    for k, grant in enumerate(triggers):
        # a commendation verb that commends no one counted ("Các cá nhân được tuyên dương nhận
        # Giấy khen") does not bound the next trigger's words
        lo = max((g.end for g in triggers[:k] if g.stated or _counted(g.recipients)), default=clause.start)
        stop = triggers[k + 1].start if k + 1 < len(triggers) else clause.end
        if grant.stated:
            grant.conferrers = _of_after(clause, grant, stop)
        if not _recipients_before(clause, grant, lo):
            _recipients_after(clause, grant, stop)
        if grant.stated and not grant.recipients and not grant.named and not grant.unrecorded:
            _recipients_between(clause, grant, lo)
        before = grant.start - 1
        if grant.stated and _counted_form(words, before, lo):
            count = _number(words[before])  # "trao 36 Bằng Lao động sáng tạo cho các đồng chí"
            if not grant.recipients and not grant.named:
                grant.unrecorded = True  # a tally of forms held ("đã được tặng 5 Cờ thi đua, 20 Bằng khen")
            elif len(grant.recipients) == 1 and grant.recipients[0][1] is None:
                grant.recipients = [(grant.recipients[0][0], count)]
            elif all(c is None for _, c in grant.recipients):
                grant.unrecorded = True  # "trao 20 Bằng khen cho các tập thể, cá nhân": one count, two kinds
    grants = [g for g in triggers if not g.unrecorded and (g.stated or any(c is not None for _, c in g.recipients))]
    for g in grants:
        if not g.stated:
            g.recipients = [r for r in g.recipients if r[1] is not None]
    _share_lists(grants)
    subject: list[Entity] = []
    for k, g in enumerate(grants):
        lo, skip = (grants[k - 1].end, grants[k - 1].named) if k else (clause.start, [])
        own = [] if g.passive else _subject(clause, g, lo, skip)
        subject = subject or own
        if not g.conferrers and not g.passive:
            g.conferrers = own or subject or inherited
    return grants, subject


def _continuation(clause: Clause, previous: list[Grant]) -> list[Grant]:
    """A clause that is only a counted recipient list continues the previous clause's last award."""
    if not previous:
        return []
    words = clause.words
    start = clause.start + (1 if words[clause.start] in {"và", "trong", "cùng"} else 0)
    groups, after = read_groups(words, start, clause.end)
    rest = words[after:clause.end]
    if not groups or any(c is None for _, c in groups) or "được" in rest \
            or len([w for w in rest if w.isalnum()]) > int(rules()["qualifier_words_max"]) \
            or any(match_phrase(rest, i, _phrases("grant_verbs")) for i in range(len(rest))):
        return []
    last = previous[-1]
    if not any(c is not None for _, c in last.recipients):  # a list continues a counted list
        return []
    return [Grant(last.award, last.entity, start, after, groups, [], last.conferrers, last.passive)]


def _kinds(grant: Grant) -> list[tuple[str, int | None, Entity | None]]:
    """(kind, count, named recipient) rows of one grant; every row has a kind."""
    if grant.named:  # and a counted group named with them ("cho Công đoàn Trường X và 3 cá nhân")
        return [("collective" if e.label == "ORG" else "individual", None, e) for e in grant.named] \
            + [(kind, count, None) for kind, count in grant.recipients if count is not None]
    if grant.recipients:
        seen: list[Group] = []
        for group in grant.recipients:
            if group[1] is not None or group not in seen:
                seen.append(group)
        return [(kind, count, None) for kind, count in seen]
    return [(_form_kinds().get(fold(grant.award), rules()["default_kind"]), None, None)]


def _key(entity: Entity | None) -> str | None:
    return (entity.key or entity.value) if entity else None


@dataclass
class Row:
    grant: Grant
    sentence: Sentence
    evidence: tuple[int, int]
    conferrer: Entity | None
    kind: str
    count: int | None
    recipient: Entity | None

    def compatible(self, other: Row) -> bool:
        """Same grantor, or one of the two does not say."""
        return self.conferrer is None or other.conferrer is None or _key(self.conferrer) == _key(other.conferrer)


def _repeats(row: Row, rows: list[Row]) -> bool:
    """A caption, a headline or an unnamed commendation that repeats a fact another row states better."""
    for other in rows:
        if other is row or other.kind != row.kind or not row.compatible(other):
            continue
        same_award = other.grant.award == row.grant.award
        if row.count is None and other.count is not None and (same_award or not other.grant.stated):
            return True  # "trao Giấy khen cho các cá nhân" under the body's "khen thưởng ... 22 cá nhân"
        if row.count is not None and row.count == other.count:
            if not row.grant.stated and other.grant.stated:
                return True  # "tuyên dương 55 cán bộ" told again with its form
            if same_award and row.conferrer is None and other.conferrer is not None:
                return True  # the headline's count, the body's grantor
        if row.count is None and other.count is None and same_award and row.conferrer is None \
                and other.conferrer is not None and row.evidence != other.evidence:
            return True
    return False


def _confidence(row: Row) -> float:
    table = rules()["confidence"]
    if not row.grant.stated:
        return table["unnamed_form" if row.conferrer else "unnamed_form_no_conferrer"]
    if row.conferrer is None:
        return table["form_no_conferrer"]
    return table["form_counted_conferrer" if row.count is not None else "form_conferrer"]


def extract_awards(sentences: list[Sentence], facts: Facts, event: Relation | None) -> None:
    """Award conferral facts of an article, each told once."""
    rows: list[Row] = []
    for sentence in sentences:
        subject: list[Entity] = []
        previous: list[Grant] = []
        for clause in _clauses(sentence):
            grants, clause_subject = grants_in_clause(clause, subject)
            grants = grants or _continuation(clause, previous)
            subject, previous = clause_subject or subject, grants or previous
            doc = sentence.span.doc
            evidence = (doc[clause.start].idx, doc[clause.end - 1].idx + len(doc[clause.end - 1]))
            for grant in grants:
                for conferrer in grant.conferrers or [None]:
                    for kind, count, named in _kinds(grant):
                        rows.append(Row(grant, sentence, evidence, conferrer, kind, count, named))
    seen = set()
    for row in rows:
        if _repeats(row, rows):
            continue
        key = (fold(row.grant.award), _key(row.conferrer), row.kind, row.count, _key(row.recipient))
        if key in seen:
            continue
        seen.add(key)
        args = {"award": row.grant.award, "award_entity": row.grant.entity.id if row.grant.entity else None,
                "conferrer_entity": row.conferrer.id if row.conferrer else None,
                "recipient_kind": row.kind, "count": row.count,
                "recipient_entity": row.recipient.id if row.recipient else None,
                "event": event.id if event else None}
        facts.add("award", args, row.evidence, row.sentence.index,
                  "award:form" if row.grant.stated else "award:unnamed", _confidence(row))
