"""Award conferrals: which body gave which award to how many collectives or individuals.

A sentence is cut into clauses at ";".  Inside a clause each award takes the recipients
written just before it in the passive ("9 tập thể và 15 cá nhân được nhận Bằng khen")
or just after it ("tặng Giấy khen cho 21 tập thể, 112 cá nhân"); an award listed with
the next ("bằng khen, giấy khen của ...") shares that award's recipients.  The grantor
is the body after "của" (distributed over an award list, pairwise when the counts agree,
and carried back to earlier awards of the clause that have none), else the clause's
subject ("Lãnh đạo X trao", "X tặng"), else the previous clause's subject.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from spacy.tokens import Span

from ...annotated import Entity, Relation
from ..lexicon import fold, lexicon
from .base import Facts, Sentence

_COUNT = r"(\d+|nhiều|các|một số|những|hàng trăm|hàng chục|01|một)"


def _cues(name: str) -> list[str]:
    """A cue list of ``terms.json``, folded, longest first."""
    return sorted((fold(c) for c in lexicon().terms[name]), key=len, reverse=True)


def _alternation(name: str) -> str:
    return "|".join(re.escape(c) for c in _cues(name))


@dataclass
class Grant:
    award: Entity
    span: Span
    recipients: list[tuple[str, int | None]] = field(default_factory=list)
    named: list[Entity] = field(default_factory=list)
    conferrers: list[Entity] = field(default_factory=list)


def _kinds() -> list[tuple[str, str]]:
    lex = lexicon()
    pairs = [(fold(n), "collective") for n in lex.terms["collective_nouns"]]
    pairs += [(fold(n), "individual") for n in lex.terms["individual_nouns"]]
    return sorted(pairs, key=lambda p: len(p[0]), reverse=True)


def parse_recipients(text: str) -> list[tuple[str, int | None]]:
    """Recipient groups at the start of a folded text.

    >>> parse_recipients("9 tập thể và 15 cá nhân được nhận")
    [('collective', 9), ('individual', 15)]
    >>> parse_recipients("nhiều tập thể và cá nhân")
    [('collective', None), ('individual', None)]
    >>> parse_recipients("các công đoàn cơ sở có thành tích")
    [('collective', None)]
    """
    out: list[tuple[str, int | None]] = []
    rest = text.strip()
    kinds = _kinds()
    while rest:
        match = re.match(_COUNT + r"?\s*", rest)
        count_word = match.group(1) if match and match.group(1) else None
        after = rest[match.end():] if match else rest
        hit = next(((noun, kind) for noun, kind in kinds if after.startswith(noun)
                    and (len(after) == len(noun) or not after[len(noun)].isalnum())), None)
        if hit is None:
            break
        count = int(count_word) if count_word and count_word.isdigit() else None
        if count_word in ("một", "01"):
            count = 1
        if hit[1] not in {k for k, _ in out}:
            out.append((hit[1], count))
        rest = after[len(hit[0]):].lstrip()
        joiner = re.match(r"^(,|và|cùng|;)\s*", rest)
        if not joiner:
            break
        rest = rest[joiner.end():]
    return out


def _clauses(sentence: Sentence) -> list[tuple[int, int]]:
    doc = sentence.span.doc
    bounds, start = [], sentence.span.start
    for tok in sentence.span:
        if tok.text == ";":
            bounds.append((start, tok.i))
            start = tok.i + 1
    bounds.append((start, sentence.span.end))
    return [b for b in bounds if b[1] > b[0] and doc[b[0]:b[1]].text.strip()]


def _subject(sentence: Sentence, start: int, first_award: int) -> list[Entity]:
    """Bodies before the award verb: "Lãnh đạo X, Y trao ...", "X đã tặng ..."."""
    doc = sentence.span.doc
    before = [(s, e) for s, e in sentence.of("ORG") if start <= s.start and s.end <= first_award]
    if not before:
        return []
    text = fold(doc[before[-1][0].end:first_award].text)
    if re.search(rf"\b(?:{_alternation('award_verbs')})\b", text) and "của" not in text.split():
        # "Lãnh đạo A, B trao": the body just before the verb is the grantor
        return [before[-1][1]]
    return []


def _grants_in_clause(sentence: Sentence, start: int, end: int) -> tuple[list[Grant], list[Entity]]:
    doc = sentence.span.doc
    awards = [(s, e) for s, e in sentence.of("AWARD") if start <= s.start < end]
    if not awards:
        return [], []
    orgs = [(s, e) for s, e in sentence.of("ORG") if start <= s.start < end]
    grants = [Grant(e, s) for s, e in awards]
    for k, grant in enumerate(grants):
        prev_end = awards[k - 1][0].end if k else start
        next_start = awards[k + 1][0].start if k + 1 < len(awards) else end
        before = fold(doc[prev_end:grant.span.start].text)
        before = before.split(",")[-1].strip() if k else before
        passive = next((p for p in _cues("award_passive_cues") if before.endswith(p)), None)
        if passive:
            head = before[: -len(passive)].strip()
            head = re.split(rf"\b(?:{_alternation('award_clause_openers')})\b", head)[-1].strip(" ,:")
            region_start = awards[k - 1][0].end if k else start
            named = [e for s, e in sentence.mentions if e.label in ("ORG", "PERSON")
                     and region_start <= s.start and s.end <= grant.span.start
                     and fold(doc[s.end:grant.span.start].text) == passive]
            if named:  # a named recipient: "CĐCS Sở Tài chính được nhận Giấy khen"
                grant.named = named[-1:]
                grant.recipients = [("collective" if named[-1].label == "ORG" else "individual", 1)]
            else:
                grant.recipients = parse_recipients(head)
        if not grant.recipients:
            after = fold(doc[grant.span.end:next_start].text)
            cue = re.search(rf"\b(?:{_alternation('award_recipient_cues')})\b\s*", after)
            if cue:
                grant.recipients = parse_recipients(after[cue.end():])
            grant.named = [e for s, e in orgs if grant.span.end <= s.start < next_start
                           and "cho" in fold(doc[grant.span.end:s.start].text).split()]
            if grant.named and not grant.recipients:
                grant.recipients = [("collective", len(grant.named))]
        # "của X, Y" right after this award (or its list)
        after_tokens = fold(doc[grant.span.end:min(grant.span.end + 2, end)].text)
        if after_tokens.startswith("của"):
            start_list = grant.span.end + 1
            # "Bằng khen của Chủ tịch UBND tỉnh": the body is the grantor, its head's post is skipped
            title = next((s for s, e in sentence.of("TITLE") if s.start == start_list), None)
            grant.conferrers = _list_after(sentence, title.end if title is not None else start_list, end)
    _share_lists(grants)
    subject = _subject(sentence, start, awards[0][0].start)
    return grants, subject


def _list_after(sentence: Sentence, start: int, end: int) -> list[Entity]:
    """Bodies in a comma list starting at token ``start``."""
    doc = sentence.span.doc
    out: list[Entity] = []
    pos = start
    for span, entity in sentence.of("ORG"):
        if span.start < pos or span.start >= end:
            continue
        gap = [t.text for t in doc[pos:span.start]]
        if len(gap) > 1 or any(g not in {",", "và"} for g in gap):
            break
        out.append(entity)
        pos = span.end
    return out


def _share_lists(grants: list[Grant]) -> None:
    """Awards written as a list share recipients and grantors (pairwise when counts agree)."""
    k = 0
    while k < len(grants):
        j = k
        while j + 1 < len(grants) and grants[j + 1].span.start - grants[j].span.end <= 2 \
                and not grants[j].conferrers:
            j += 1
        if j > k:
            group = grants[k:j + 1]
            recipients = next((g.recipients for g in reversed(group) if g.recipients), [])
            conferrers = group[-1].conferrers
            for idx, g in enumerate(group):
                g.recipients = g.recipients or recipients
                if len(conferrers) == len(group):
                    g.conferrers = [conferrers[idx]]
                elif conferrers and not g.conferrers:
                    g.conferrers = conferrers
        k = j + 1
    # a grantor named later in the clause covers earlier awards that have none
    for k in range(len(grants) - 1, 0, -1):
        if grants[k].conferrers and not grants[k - 1].conferrers:
            grants[k - 1].conferrers = grants[k].conferrers


def extract_awards(sentences: list[Sentence], facts: Facts, event: Relation | None) -> None:
    """Award conferral facts, with captions that repeat a counted grant folded into it."""
    found: list[tuple[Grant, Sentence, tuple[int, int]]] = []
    for sentence in sentences:
        subject: list[Entity] = []
        for start, end in _clauses(sentence):
            grants, clause_subject = _grants_in_clause(sentence, start, end)
            subject = clause_subject or subject
            doc = sentence.span.doc
            for grant in grants:
                grant.conferrers = grant.conferrers or subject
                found.append((grant, sentence, (doc[start].idx, doc[end - 1].idx + len(doc[end - 1]))))
    rows = []
    for grant, sentence, evidence in found:
        kinds = grant.recipients or [(None, None)]
        for conferrer in grant.conferrers or [None]:
            for kind, count in kinds:
                rows.append((grant, sentence, evidence, conferrer, kind, count))
    kept = [r for r in rows if not _subsumed(r, rows)]
    seen = set()
    for grant, sentence, evidence, conferrer, kind, count in kept:
        key = (grant.award.value, conferrer.key if conferrer else None, kind, count, evidence)
        if key in seen:
            continue
        seen.add(key)
        args = {"award": grant.award.value, "award_entity": grant.award.id,
                "conferrer_entity": conferrer.id if conferrer else None,
                "recipient_kind": kind, "count": count,
                "recipient_entity": grant.named[0].id if grant.named else None,
                "event": event.id if event else None}
        confidence = 0.9 if conferrer and kind else 0.6
        facts.add("award", args, evidence, sentence.index, "award:clause", confidence)


def _subsumed(row: tuple, rows: list[tuple]) -> bool:
    """An uncounted grant (a photo caption) repeats a counted one of the same award and kind."""
    grant, _, evidence, conferrer, kind, count = row
    if count is not None:
        return False
    for other in rows:
        o_grant, _, o_evidence, o_conferrer, o_kind, o_count = other
        if other is row or o_grant.award.value != grant.award.value or o_kind != kind:
            continue
        same_grantor = conferrer is None or (o_conferrer is not None and o_conferrer.key == conferrer.key)
        if o_count is not None and same_grantor:
            return True
        if conferrer is None and o_conferrer is not None and o_evidence != evidence:
            return True
    return False
