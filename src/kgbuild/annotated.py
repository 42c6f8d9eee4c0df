"""The annotated article: stand-off annotations over one article's canonical text.

This is the contract between the NLP stage and the mapping stage, and a file format a
person can correct by hand.  ``schema/annotated-article.schema.json`` describes it;
:func:`load_annotated` checks a file against the schema *and* checks that every span
fits the text and every reference resolves, so a bad hand edit is reported, not mapped.
"""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from .article import Article
from .errors import InputError
from .resources import package_file

FORMAT = "kgbuild-annotated-article/1"


@dataclass
class Entity:
    """A mention of an organisation, person, title, award, event head or place."""

    id: str
    label: str
    start: int
    end: int
    text: str
    value: str
    key: str | None = None
    kind: str | None = None
    rule: str = ""
    confidence: float = 1.0


@dataclass
class Relation:
    """A fact found in the text: its arguments point at entities or carry normalised values."""

    id: str
    type: str
    args: dict[str, Any]
    start: int
    end: int
    sentence: int
    rule: str
    confidence: float


@dataclass
class AnnotatedArticle:
    article: Article
    sentences: list[tuple[int, int]]
    entities: list[Entity]
    relations: list[Relation]
    context: dict[str, Any] = field(default_factory=dict)
    pipeline: dict[str, Any] = field(default_factory=dict)

    def entity(self, entity_id: str | None) -> Entity | None:
        if entity_id is None:
            return None
        return self._index().get(entity_id)

    def _index(self) -> dict[str, Entity]:
        return {e.id: e for e in self.entities}

    def to_dict(self) -> dict[str, Any]:
        return {
            "format": FORMAT,
            "article": self.article.to_dict(),
            "pipeline": self.pipeline,
            "context": self.context,
            "sentences": [list(s) for s in self.sentences],
            "entities": [asdict(e) for e in self.entities],
            "relations": [asdict(r) for r in self.relations],
        }

    def to_json(self) -> str:
        return json.dumps(self.to_dict(), ensure_ascii=False, indent=1)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> AnnotatedArticle:
        return cls(
            article=Article.from_dict(data["article"]),
            sentences=[(int(a), int(b)) for a, b in data.get("sentences", [])],
            entities=[Entity(**e) for e in data.get("entities", [])],
            relations=[Relation(**r) for r in data.get("relations", [])],
            context=data.get("context") or {},
            pipeline=data.get("pipeline") or {},
        )


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema of annotated-article files."""
    return json.loads(package_file("schema", "annotated-article.schema.json").read_text(encoding="utf-8"))


def check(data: dict[str, Any], path: object) -> None:
    """Schema and consistency checks.

    :raises InputError: naming the file and the first problem found.
    """
    import jsonschema

    try:
        jsonschema.validate(data, schema())
    except jsonschema.ValidationError as err:
        where = "/".join(str(p) for p in err.absolute_path) or "(top level)"
        raise InputError(path, f"not a valid annotated article at {where}: {err.message}") from None
    text = data["article"]["text"]
    ids = set()
    for entity in data["entities"]:
        ids.add(entity["id"])
        if not 0 <= entity["start"] < entity["end"] <= len(text):
            raise InputError(path, f"entity {entity['id']} offsets {entity['start']}-{entity['end']} "
                                   f"do not fit the text ({len(text)} characters)")
        if text[entity["start"]:entity["end"]] != entity["text"]:
            raise InputError(path, f"entity {entity['id']} text {entity['text']!r} is not what the article "
                                   f"has at {entity['start']}-{entity['end']}")
    for relation in data["relations"]:
        _check_args(relation, path)
        if not 0 <= relation["start"] <= relation["end"] <= len(text):
            raise InputError(path, f"relation {relation['id']} evidence {relation['start']}-{relation['end']} "
                                   "does not fit the text")
        for name, value in relation["args"].items():
            if name.endswith("_entity") and value is not None and value not in ids:
                raise InputError(path, f"relation {relation['id']} argument {name} names unknown entity {value}")


REQUIRED_ARGS = {"event": ("event_type",), "movement": ("name",)}  # what the mapping needs of each relation type
_CODE = re.compile(r"[a-z][a-z0-9_]*")  # an event type becomes part of an IRI


def _check_args(relation: dict[str, Any], path: object) -> None:
    """Each argument a plain value (entity ids strings), the ones the mapping needs present.

    :raises InputError: naming the relation and the argument.
    """
    rid = relation["id"]
    for name in REQUIRED_ARGS.get(relation["type"], ()):
        if not isinstance(relation["args"].get(name), str) or not relation["args"][name].strip():
            raise InputError(path, f"relation {rid} ({relation['type']}) needs a string argument {name!r}")
    for name, value in relation["args"].items():
        if value is not None and not isinstance(value, str | int | float | bool):
            raise InputError(path, f"relation {rid} argument {name!r} must be a string, number or null, "
                                   f"not {type(value).__name__}")
        if name.endswith("_entity") and value is not None and not isinstance(value, str):
            raise InputError(path, f"relation {rid} argument {name!r} must be an entity id (a string)")
    event_type = relation["args"].get("event_type")
    if relation["type"] == "event" and not _CODE.fullmatch(event_type):
        raise InputError(path, f"relation {rid} event_type {event_type!r} must be a code such as 'congress' "
                               "(lower-case letters, digits, '_')")


def load_annotated(path: Path) -> AnnotatedArticle:
    """Read and check one annotated-article file.

    :raises InputError: for unreadable JSON, a schema violation or inconsistent offsets.
    """
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError) as err:
        raise InputError(path, f"cannot read annotated article ({err})") from None
    except json.JSONDecodeError as err:
        raise InputError(path, f"invalid JSON at line {err.lineno} column {err.colno}: {err.msg}") from None
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        raise InputError(path, f"not an annotated article (expected \"format\": \"{FORMAT}\")")
    check(data, path)
    return AnnotatedArticle.from_dict(data)
