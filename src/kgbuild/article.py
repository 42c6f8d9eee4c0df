"""The Article record: what extraction sees of one source.

Every character offset in kgbuild refers to ``Article.text``; keeping it as the single
canonical string is what makes stand-off annotations and NIF offsets safe.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any


@dataclass(frozen=True)
class Article:
    """One news article after reading: canonical text plus metadata."""

    id: str
    text: str
    title: str
    date_published: str | None = None
    authors: tuple[str, ...] = ()
    source_url: str | None = None
    source_name: str | None = None
    path: str | None = None
    removed: tuple[str, ...] = field(default=(), compare=False)

    def to_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data["authors"] = list(self.authors)
        data["removed"] = list(self.removed)
        return data

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Article:
        return cls(
            id=data["id"],
            text=data["text"],
            title=data.get("title") or "",
            date_published=data.get("date_published"),
            authors=tuple(data.get("authors") or ()),
            source_url=data.get("source_url"),
            source_name=data.get("source_name"),
            path=data.get("path"),
            removed=tuple(data.get("removed") or ()),
        )
