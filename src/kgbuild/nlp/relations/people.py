"""Who holds which post in which body, and who attended the event.

Articles list people in two orders: name then posts ("đồng chí A, Phó Chủ tịch LĐLĐ
tỉnh; đồng chí B - Chủ tịch ...", several posts separated by commas), or post then
name ("Chủ tịch LĐLĐ tỉnh Nguyễn Văn A").  A post without its own body shares the body
that ends the list ("Ủy viên BCH, Trưởng ban Tổ chức LĐLĐ tỉnh").  A person attends
the reported event when the sentence says so (cue words in ``lexicon/terms.json``) or
speaks of the event itself.
"""

from __future__ import annotations

from functools import cache

from spacy.tokens import Span

from ...annotated import Entity, Relation
from ..lexicon import fold, lexicon, terms
from ..organisations import IMPLIED_KEY, Implied
from .base import Facts, Sentence


def _posts_after(sentence: Sentence, index: int) -> list[tuple[Entity, Entity | None]]:
    """Posts written after the person at ``sentence.mentions[index]``.

    Titles before a body share it ("Ủy viên BCH, Trưởng ban Tổ chức LĐLĐ tỉnh"), except a
    management post before a union, which is the post in the union's institution ("Phó Giám
    đốc, Chủ tịch Công đoàn Bệnh viện X": Phó Giám đốc of Bệnh viện X).
    """
    mentions = sentence.mentions
    doc = sentence.span.doc
    implied = doc.user_data.get(IMPLIED_KEY) or Implied()
    posts: list[tuple[Entity, Entity | None]] = []
    pending: list[Entity] = []
    pos = mentions[index][0].end
    for span, entity in mentions[index + 1:]:
        gap = _without_asides([t.text.lower() for t in doc[pos:span.start]])
        if entity.label == "TITLE":
            words = fold(" ".join(g for g in gap if g not in _separators()))
            linked = any(words.endswith(link) for link in terms("post_links"))
            if not linked and (len(gap) > 2 or any(g not in _separators() for g in gap)):
                break
            if linked:  # "Phó Chánh Văn phòng được bầu giữ chức Chủ tịch ...": a new post, not a shared body
                posts.extend((title, implied.home if _management(title) else None) for title in pending)
                pending = []
            body = implied.title_body.get(entity.start)
            if body is not None:
                posts.append((entity, body))
            elif fold(entity.value) in terms("self_contained_titles"):  # "Ủy viên Trung ương Đảng" names its own body
                posts.append((entity, None))
            else:
                pending.append(entity)
        elif entity.label == "ORG" and pending:
            if gap and fold(" ".join(gap)) not in terms("post_body_links"):
                break  # "Phó Giám đốc phụ trách Sở ...", "Chủ tịch của ...": only a link word may part post and body
            institution = implied.institution_of.get((entity.start, entity.end))
            posts.extend((title, institution if institution is not None and _management(title) else entity)
                         for title in pending)
            pending = []
        else:
            break
        pos = span.end
    posts.extend((title, implied.home if _management(title) else None) for title in pending)
    return posts


def _without_asides(gap: list[str]) -> list[str]:
    """Drop a bracketed aside after a name ("(thứ 3 từ trái sang)", "(bìa phải)")."""
    if "(" in gap and ")" in gap and gap.index("(") < gap.index(")"):
        return gap[:gap.index("(")] + gap[gap.index(")") + 1:]
    return gap


@cache
def _separators() -> frozenset[str]:
    return frozenset(lexicon().terms["post_separators"])


def _management(title: Entity) -> bool:
    return fold(title.value) in terms("management_titles")


def _posts_before(sentence: Sentence, index: int) -> list[tuple[Entity, Entity | None]]:
    """A post written before the person ("Chủ tịch LĐLĐ tỉnh, đồng chí Nguyễn Văn A")."""
    mentions = sentence.mentions
    doc = sentence.span.doc
    person_span = mentions[index][0]
    cue_gap = terms("person_cue_gap")
    if index >= 1 and mentions[index - 1][1].label == "ORG" and index >= 2 \
            and mentions[index - 2][1].label == "TITLE":
        org_span, org = mentions[index - 1]
        title_span, title = mentions[index - 2]
        gap1 = [t.text.lower() for t in doc[title_span.end:org_span.start]]
        gap2 = [t.text.lower() for t in doc[org_span.end:person_span.start]]
        if not gap1 and all(g in cue_gap for g in gap2) and len(gap2) <= 3:
            return [(title, org)]
    if index >= 1 and mentions[index - 1][1].label == "TITLE":
        title_span, title = mentions[index - 1]
        gap = [t.text.lower() for t in doc[title_span.end:person_span.start]]
        if all(g in cue_gap for g in gap) and len(gap) <= 3:
            return [(title, None)]
    return []


Posts = list[tuple[Entity, Entity | None]]


def _all_posts(sentences: list[Sentence]) -> dict[tuple[int, int], Posts]:
    """Every person mention's posts, read once: (sentence, mention index) -> posts.

    A post written before two names ("Phó Giám đốc Sở Y tế Nguyễn Văn A và Bùi Minh B") is both's.
    """
    out: dict[tuple[int, int], Posts] = {}
    for sentence in sentences:
        before: dict[int, Posts] = {}
        for index, (_, person) in enumerate(sentence.mentions):
            if person.label != "PERSON":
                continue
            posts = _posts_after(sentence, index)
            if not posts:
                posts = before[index] = _posts_before(sentence, index)
            if not posts and before.get(index - 1) and _joined_to_previous(sentence, index):
                posts = before[index - 1]
            out[(sentence.index, index)] = _framed(sentence, index, posts)
    return out


def _elected_posts(sentences: list[Sentence], all_posts: dict[tuple[int, int], Posts],
                   event: Relation | None) -> dict[tuple[int, int], Posts]:
    """"Đồng chí A được bầu giữ chức Chủ tịch": at a congress, a post the sentence elects someone to
    without naming its body is a post in the body that holds the congress."""
    if event is None or event.args.get("event_type") != "congress" or not event.args.get("organiser_entity"):
        return all_posts
    organiser = next((e for s in sentences for _, e in s.mentions if e.id == event.args["organiser_entity"]), None)
    if organiser is None or organiser.kind not in terms("home_union_kinds"):
        return all_posts
    cues = terms("election_cues")
    out = {}
    for (sentence_index, index), posts in all_posts.items():
        words = set(fold(sentences[sentence_index].text).replace(",", " ").split())
        elected = bool(words & cues)
        out[(sentence_index, index)] = [(title, organiser if org is None and elected else org) for title, org in posts]
    return out


def _framed(sentence: Sentence, index: int, posts: Posts) -> Posts:
    """"Về phía Tổng LĐLĐ Việt Nam có đồng chí A, Phó Chủ tịch": a post without a body takes the
    body the sentence names after a frame cue (``body_frames``) before the person."""
    if not posts or all(org is not None for _, org in posts):
        return posts
    doc = sentence.span.doc
    frame = None
    for span, entity in sentence.mentions[:index]:
        if entity.label == "ORG":
            before = fold(doc[sentence.span.start:span.start].text)
            if any(before.endswith(cue) for cue in terms("body_frames")):
                frame = entity
    if frame is None:
        return posts
    return [(title, frame if org is None and fold(title.value) not in terms("self_contained_titles") else org)
            for title, org in posts]


def _joined_to_previous(sentence: Sentence, index: int) -> bool:
    """The person follows another one after only "và" or a comma."""
    if index < 1 or sentence.mentions[index - 1][1].label != "PERSON":
        return False
    doc = sentence.span.doc
    gap = [t.text.lower() for t in doc[sentence.mentions[index - 1][0].end:sentence.mentions[index][0].start]
           if not t.is_space]
    return gap in (["và"], [","])


def _attends(sentence: Sentence, event: Relation | None) -> bool:
    if event is None:
        return False
    text = fold(sentence.text)
    words = set(text.replace(",", " ").split())
    for cue in lexicon().terms["attendance_cues"]:
        cue_f = fold(cue)
        if (" " in cue_f and cue_f in text) or cue_f in words:
            return True
    return sentence.index == event.sentence or any(e.label == "EVENT" for _, e in sentence.mentions)


def _confidence(name: str) -> float:
    return float(lexicon().terms["people_confidence"][name])


def extract_people(sentences: list[Sentence], facts: Facts, event: Relation | None) -> None:
    """Role facts for every person with a post, attendance facts for those at the event.

    The byline's own mention (rule ``person:byline``) writes the article; it does not attend.
    """
    attended: dict[str, Relation] = {}
    roles_seen: set[tuple[str, str, str | None]] = set()
    all_posts = _elected_posts(sentences, _all_posts(sentences), event)
    with_body: dict[tuple[str, str], Entity] = {}  # (person, title) -> the body the article gives that post
    for (sentence_index, index), posts in all_posts.items():
        person = sentences[sentence_index].mentions[index][1]
        for title, org in posts:
            if org is not None:
                with_body.setdefault((fold(person.value), fold(title.value)), org)
    for sentence in sentences:
        for index, (span, person) in enumerate(sentence.mentions):
            if person.label != "PERSON":
                continue
            credit = _photo_credit(sentence, span)  # a photographer: a post counts, attendance does not
            posts = all_posts[(sentence.index, index)]
            evidence = (sentence.span.start_char, sentence.span.end_char)
            for title, org in posts:
                key = (fold(person.value), fold(title.value), org.key if org else None)
                if key in roles_seen or (org is None and key[:2] in with_body):
                    continue  # a post already stated with its body is not stated again without one
                roles_seen.add(key)
                facts.add("role", {"person_entity": person.id, "title_entity": title.id,
                                   "role": title.value, "organisation_entity": org.id if org else None},
                          evidence, sentence.index, "role:apposition",
                          _confidence("role_with_body" if org else "role_without_body"))
            # in an article that reports an event, the people it names with a post are its participants
            # (guests, speakers, the elected); a cue in the sentence makes that surer
            if event is None or not posts or credit or person.rule == "person:byline":
                continue
            cued = _attends(sentence, event)
            # the capacity is the last post in the list, normally the functional or union one (the contract)
            best = posts[-1]
            if best[1] is None and (body := with_body.get((fold(person.value), fold(best[0].value)))):
                best = (best[0], body)  # the same post, stated with its body elsewhere in the article
            name = fold(person.value)
            previous = attended.get(name)
            if previous is not None and (previous.args["organisation_entity"] or best[1] is None):
                continue
            args = {"person_entity": person.id, "event": event.id,
                    "role": best[0].value if best[0] else None,
                    "organisation_entity": best[1].id if best[1] else None}
            if previous is not None:
                previous.args.update(args)
                continue
            attended[name] = facts.add("attendance", args, evidence, sentence.index,
                                       "attendance:cue" if cued else "attendance:post-in-event-article",
                                       _confidence("attendance_cued" if cued else "attendance_uncued"))


def _photo_credit(sentence: Sentence, span: Span) -> bool:
    """"Ảnh: Dương Chung" names a photographer, not a participant."""
    before = fold(sentence.span.doc[max(span.start - 2, 0):span.start].text)
    return before.endswith(("ảnh :", "ảnh:", "ảnh"))


def extract_org_attendance(sentences: list[Sentence], facts: Facts, event: Relation | None) -> None:
    """Bodies that sent representatives ("có đại diện lãnh đạo Đảng ủy Khối ..., LĐLĐ tỉnh")."""
    if event is None:
        return
    cues = [fold(c) for c in lexicon().terms["organisation_attendance_cues"]]
    seen: set[str | None] = set()
    for sentence in sentences:
        text = fold(sentence.text)
        if not any(c in text for c in terms("representation_cues")):
            continue
        cue_at = min((m for m in (text.find(c) for c in cues) if m >= 0), default=-1)
        if cue_at < 0:
            continue
        for span, org in sentence.of("ORG"):
            if span.start_char - sentence.span.start_char < cue_at or org.key in seen:
                continue
            seen.add(org.key)
            facts.add("org_attendance", {"organisation_entity": org.id, "event": event.id},
                          (sentence.span.start_char, sentence.span.end_char), sentence.index,
                          "org-attendance:representative", _confidence("org_attendance"))
