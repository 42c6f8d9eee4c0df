"""Expand what a user names on the command line into article sources.

Files, folders (searched recursively), globs and ``-`` for standard input are accepted.
The article id is the file's stem; a JSON Lines record takes its ``id`` field, or
``<file stem>-<line number>`` when it has none; standard input is ``stdin`` (or the
record ids for JSON Lines piped in).
"""

from __future__ import annotations

import glob
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
ANNOTATED_SUFFIX = ".json"
SUFFIXES = (*ARTICLE_SUFFIXES, ANNOTATED_SUFFIX)


def expand_sources(sources: Iterable[str | Path]) -> Iterator[Path]:
    """Yield every file named, found in a folder, or matched by a glob, each once, sorted.

    :raises InputError: when a source names nothing.
    """
    seen: set[Path] = set()
    for source in sources:
        text = str(source)
        if text == "-":
            yield Path("-")
            continue
        path = Path(text)
        if path.is_dir():
            found = sorted(p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES)
        elif path.is_file():
            found = [path]
        else:
            found = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
            if not found:
                raise InputError(text, "no such file, folder or glob match")
        for file in found:
            key = file.resolve()
            if key not in seen:
                seen.add(key)
                yield file


def count_articles(sources: Iterable[str | Path]) -> int | None:
    """How many articles the sources hold (a JSON Lines file counts its lines), for progress bars.

    ``None`` when standard input is among them (it cannot be read twice).
    """
    total = 0
    for path in expand_sources(sources):
        if str(path) == "-":
            return None
        if path.suffix.lower() == ".jsonl":
            with path.open("rb") as handle:
                total += sum(1 for line in handle if line.strip())
        else:
            total += 1
    return total
