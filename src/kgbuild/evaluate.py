"""Score a build against gold annotations, fact type by fact type (the extraction contract).

The matching follows the contract: a fact's key must match exactly after normalising text
(NFC, case, one tone spelling, no punctuation, no honorific); a strict match also needs the
organisation names to agree (token overlap of at least 0.8 after expanding abbreviations,
or the predicted name is the gold name plus at most three words).
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

from .errors import InputError
from .query import resolve
from .store import Store

FACT_TYPES = ("events", "attendances", "roles", "awards", "statistics", "articles")
SCORED_MEASURES = ("grassroots_unions", "members", "gifts", "money_vnd")

_TONES = {"oà": "òa", "oá": "óa", "oả": "ỏa", "oã": "õa", "oạ": "ọa", "oè": "òe", "oé": "óe", "oẻ": "ỏe",
          "oẽ": "õe", "oẹ": "ọe", "uỳ": "ùy", "uý": "úy", "uỷ": "ủy", "uỹ": "ũy", "uỵ": "ụy"}
_ABBREVIATIONS = {"cđvc": "công đoàn viên chức", "lđlđ": "liên đoàn lao động", "tlđlđ": "tổng liên đoàn lao động",
                  "cđcs": "công đoàn cơ sở", "cđ": "công đoàn", "bch": "ban chấp hành", "ubnd": "ủy ban nhân dân",
                  "hđnd": "hội đồng nhân dân", "vn": "việt nam"}
_HONORIFICS = ("đồng chí ", "đ/c ", "ông ", "bà ", "anh ", "chị ")
_PUNCT = re.compile(r"[\"'“”‘’()\[\],.;:!?–—\-/]+")

Fact = tuple[tuple[Any, ...], dict[str, Any]]


def norm(text: object) -> str:
    """Matching form of a text value.

    >>> norm("Đồng chí Nguyễn Thị Mỹ Dung"), norm("Hoà  Bình.")
    ('nguyễn thị mỹ dung', 'hòa bình')
    """
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text)).casefold()
    for old, new in _TONES.items():
        s = s.replace(old, new)
    s = " ".join(_PUNCT.sub(" ", s).split())
    for honorific in _HONORIFICS:
        if s.startswith(honorific):
            s = s[len(honorific):]
    return s


def _tokens(name: object) -> set[str]:
    return {w for word in norm(name).split() for w in norm(_ABBREVIATIONS.get(word, word)).split()}


def same_org(gold: object, predicted: object) -> bool:
    """The contract's organisation agreement.

    >>> same_org("Liên đoàn Lao động tỉnh Vĩnh Long", "LĐLĐ tỉnh Vĩnh Long")
    True
    >>> same_org("Công đoàn Viên chức tỉnh Vĩnh Long", "Công đoàn Viên chức tỉnh")
    False
    """
    g, p = _tokens(gold), _tokens(predicted)
    if not g or not p:
        return not g and not p
    return (g <= p and len(p - g) <= 3) or len(g & p) / len(g | p) >= 0.8


def _int(value: object) -> int | None:
    if value in (None, ""):
        return None
    try:
        return round(float(str(value).replace(",", ".")))
    except ValueError:
        return None


def gold_facts(gold: dict[str, Any], kind: str) -> list[Fact]:
    art = Path(gold["article"]).stem
    if kind == "articles":
        return [((art,), {"title": norm(gold.get("title")), "date": str(gold.get("date_published") or "")[:10],
                          "authors": sorted(norm(a) for a in gold.get("authors", []))})]
    rows = gold.get(kind, [])
    return [_fact(kind, art, row, gold=True) for row in rows
            if kind != "statistics" or row.get("measure") in SCORED_MEASURES]


def _fact(kind: str, art: str, r: dict[str, Any], *, gold: bool) -> Fact:
    def get(gold_name: str, pred_name: str) -> Any:
        return r.get(gold_name if gold else pred_name)

    if kind == "events":
        return ((art, get("type", "eventType") or "other", str(get("date", "date") or "")[:10]),
                {"org": get("organiser", "organiserName")})
    if kind == "attendances":
        return ((art, norm(get("person", "personName"))),
                {"role": norm(get("role", "role")), "org": get("organisation", "organisationName")})
    if kind == "roles":
        return ((art, norm(get("person", "personName")), norm(get("role", "role"))),
                {"org": get("organisation", "organisationName")})
    if kind == "awards":
        return ((art, norm(get("award", "award")), get("recipient_kind", "recipientKind") or "",
                 _int(get("count", "count"))), {"org": get("conferred_by", "conferrerName")})
    return ((art, get("measure", "measure"), _int(get("value", "value"))), {})


def predicted_facts(store: Store, kind: str, articles: set[str]) -> list[Fact]:
    """The facts a store holds for ``articles``, read through the named queries."""
    result = json.loads(store.query(resolve(kind)).serialize(format=_json_format()) or b"{}")
    rows = [{k: v["value"] for k, v in b.items()} for b in result["results"]["bindings"]]
    rows = [r for r in rows if r.get("articleId") in articles]
    if kind != "articles":
        facts = []
        for r in rows:
            if kind == "statistics" and r.get("measure") not in SCORED_MEASURES:
                continue
            key, extra = _fact(kind, r["articleId"], r, gold=False)
            facts.append((key, {**extra, "fact": r.get("fact") or r.get("event")}))
        return facts
    merged: dict[str, dict[str, Any]] = {}
    for r in rows:
        entry = merged.setdefault(r["articleId"], {"title": norm(r.get("title")),
                                                   "date": str(r.get("datePublished") or "")[:10], "authors": set()})
        if r.get("author"):
            entry["authors"].add(norm(r["author"]))
    return [((art,), {**e, "authors": sorted(e["authors"])}) for art, e in merged.items()]


def _json_format():  # type: ignore[no-untyped-def]
    from .store.terms import QueryResultsFormat

    return QueryResultsFormat.JSON


def _strict(kind: str, gold: dict[str, Any], pred: dict[str, Any]) -> bool:
    if kind == "articles":
        return gold == pred
    if kind == "statistics":
        return True
    if kind == "attendances" and gold["role"] != pred["role"]:
        return False
    return same_org(gold["org"], pred["org"])


@dataclass
class Score:
    gold: int
    predicted: int
    key_matches: int
    strict_matches: int

    def prf(self, strict: bool = True) -> tuple[float, float, float]:
        hits = self.strict_matches if strict else self.key_matches
        p = hits / self.predicted if self.predicted else float(self.gold == 0)
        r = hits / self.gold if self.gold else float(self.predicted == 0)
        return p, r, (2 * p * r / (p + r) if p + r else 0.0)


@dataclass
class Difference:
    """One error of a build against the gold: ``-`` missed, ``+`` not in the gold, ``~`` fields disagree."""

    sign: str
    kind: str
    key: tuple[Any, ...]
    gold: dict[str, Any] | None
    predicted: dict[str, Any] | None

    @property
    def article(self) -> str:
        return str(self.key[0])

    def line(self) -> str:
        """The scorer's ``--diff`` form, so both listings read alike."""
        def shown(extra: dict[str, Any] | None) -> dict[str, Any]:
            return {k: v for k, v in (extra or {}).items() if k != "fact"}

        key = self.key[1:]
        if self.sign == "~":
            return f"{self.article}  ~ {self.kind} {key} gold {shown(self.gold)} | built {shown(self.predicted)}"
        return f"{self.article}  {self.sign} {self.kind} {key} {shown(self.gold if self.sign == '-' else self.predicted)}"


@dataclass
class Judged:
    """A predicted fact and whether it is right (strict), for calibrating confidences."""

    kind: str
    fact: str | None
    correct: bool


def match(gold: list[Fact], predicted: list[Fact], kind: str, *,
          differences: list[Difference] | None = None, judged: list[Judged] | None = None) -> Score:
    """Greedy one-to-one matching on keys; strict also needs the other fields.

    ``differences`` and ``judged``, when given, collect every error and every predicted fact's verdict.
    """
    remaining: dict[tuple[Any, ...], list[dict[str, Any]]] = {}
    for key, extra in predicted:
        remaining.setdefault(key, []).append(extra)
    loose = strict = 0
    for key, extra in gold:
        candidates = remaining.get(key)
        if not candidates:
            if differences is not None:
                differences.append(Difference("-", kind, key, extra, None))
            continue
        loose += 1
        pick = next((i for i, c in enumerate(candidates) if _strict(kind, extra, c)), None)
        strict += pick is not None
        chosen = candidates.pop(pick if pick is not None else 0)
        if pick is None and differences is not None:
            differences.append(Difference("~", kind, key, extra, chosen))
        if judged is not None:
            judged.append(Judged(kind, chosen.get("fact"), pick is not None))
    for key, extras in remaining.items():
        for extra in extras:
            if differences is not None:
                differences.append(Difference("+", kind, key, None, extra))
            if judged is not None:
                judged.append(Judged(kind, extra.get("fact"), False))
    return Score(len(gold), len(predicted), loose, strict)


def load_gold(folder: Path) -> list[dict[str, Any]]:
    """Gold files of a folder. :raises InputError: for a file that is not gold JSON."""
    golds = []
    for path in sorted(Path(folder).glob("*.json")):
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as err:
            raise InputError(path, f"not a gold file ({err})") from None
        if "article" not in data:
            raise InputError(path, "a gold file needs an 'article' field")
        golds.append(data)
    if not golds:
        raise InputError(folder, "no gold files (*.json)")
    return golds


def coverage(golds: Iterable[dict[str, Any]], built: Iterable[str]) -> list[str]:
    """Warnings for gold files and built articles that do not meet: a score over a
    mismatched pair of folders silently counts every fact of the missing side as an error."""
    gold_ids = {Path(g["article"]).stem for g in golds}
    built_ids = set(built)
    warnings = [f"gold file for {a} has no article among the sources" for a in sorted(gold_ids - built_ids)]
    warnings += [f"article {a} has no gold file (not scored)" for a in sorted(built_ids - gold_ids)]
    return warnings


def evaluate(store: Store, golds: Iterable[dict[str, Any]], *, differences: list[Difference] | None = None,
             judged: list[Judged] | None = None) -> dict[str, Score]:
    """Scores per fact type, plus ``micro`` over all of them (see :func:`match` for the collectors)."""
    golds = list(golds)
    articles = {Path(g["article"]).stem for g in golds}
    scores = {}
    for kind in FACT_TYPES:
        gold = [f for g in golds for f in gold_facts(g, kind)]
        scores[kind] = match(gold, predicted_facts(store, kind, articles), kind, differences=differences,
                             judged=judged if kind != "articles" else None)
    scores["micro"] = Score(*(sum(getattr(s, f) for s in scores.values())
                              for f in ("gold", "predicted", "key_matches", "strict_matches")))
    return scores


CALIBRATION_BINS = (0.0, 0.5, 0.7, 0.8, 0.9, 1.01)

_CONFIDENCES = """PREFIX kgb: <https://w3id.org/kgbuild/ontology#>
SELECT ?fact ?confidence ?rule WHERE { GRAPH ?g { ?fact kgb:confidence ?confidence OPTIONAL { ?fact kgb:rule ?rule } } }"""


def fact_confidences(store: Store) -> dict[str, tuple[str, float]]:
    """Every fact IRI with the rule that found it and the confidence it states."""
    result = json.loads(store.query(_CONFIDENCES).serialize(format=_json_format()) or b"{}")
    return {b["fact"]["value"]: (b.get("rule", {}).get("value", "?"), float(b["confidence"]["value"]))
            for b in result["results"]["bindings"]}


def by_rule(store: Store, judged: list[Judged]) -> list[dict[str, Any]]:
    """Precision of each extraction rule with the confidence it states: where a rule's stated
    confidence and its measured precision part, the confidence in the lexicon is what to change."""
    info = fact_confidences(store)
    groups: dict[tuple[str, str, float], list[bool]] = {}
    for j in judged:
        if j.fact in info:
            rule, conf = info[j.fact]
            groups.setdefault((j.kind, rule, conf), []).append(j.correct)
    return [{"fact": k, "rule": r, "confidence": c, "facts": len(v), "correct": sum(v),
             "precision": round(sum(v) / len(v), 3)} for (k, r, c), v in sorted(groups.items())]


def calibration(store: Store, judged: list[Judged]) -> list[dict[str, Any]]:
    """Precision of the predicted facts by confidence band: a confidence is honest when higher
    bands are right more often (the issue's bar: facts above 0.8 right at least 90 % of the time)."""
    confidence = {fact: stated for fact, (_, stated) in fact_confidences(store).items()}
    rows = []
    for low, high in pairwise(CALIBRATION_BINS):
        inside = [j for j in judged if j.fact in confidence and low <= confidence[j.fact] < high]
        right = sum(j.correct for j in inside)
        rows.append({"band": f"[{low:.1f}, {min(high, 1.0):.1f}{']' if high > 1 else ')'}", "facts": len(inside),
                     "correct": right, "precision": round(right / len(inside), 3) if inside else None})
    above = [j for j in judged if j.fact in confidence and confidence[j.fact] > 0.8]
    rows.append({"band": "> 0.8", "facts": len(above), "correct": sum(j.correct for j in above),
                 "precision": round(sum(j.correct for j in above) / len(above), 3) if above else None})
    return rows


def wilson_lower(correct: int, total: int, z: float = 1.0) -> float:
    """The lower end of the Wilson interval of a precision: a rule seen right 1 time in 1 is not
    "certain", one right 38 times in 38 nearly is.

    >>> round(wilson_lower(38, 38), 3), round(wilson_lower(1, 1), 3), wilson_lower(0, 0)
    (0.974, 0.5, 0.0)
    """
    if total == 0:
        return 0.0
    p = correct / total
    centre = p + z * z / (2 * total)
    spread = z * math.sqrt(p * (1 - p) / total + z * z / (4 * total * total))
    return (centre - spread) / (1 + z * z / total)


def calibration_table(store: Store, judged: list[Judged]) -> dict[str, dict[str, Any]]:
    """Measured confidence of every (rule, stated confidence) group: the lower Wilson bound of its
    precision, kept within [0.05, 0.99] (a stated fact is never certain either way).
    ``nlp/lexicon/calibration.json`` holds this table for the development articles, and the
    pipeline states those values instead of the rules' own guesses."""
    table = {}
    for row in by_rule(store, judged):
        key = f"{row['rule']}|{row['confidence']:.2f}"
        table[key] = {"facts": row["facts"], "correct": row["correct"],
                      "confidence": round(min(max(wilson_lower(row["correct"], row["facts"]), 0.05), 0.99), 2)}
    return table
