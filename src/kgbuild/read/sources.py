"""Expand what a user names on the command line into article sources.

Files, folders (searched recursively), globs and ``-`` for standard input are accepted.
The article id is the file's stem; a JSON Lines record takes its ``id`` field, or
``<file stem>-<line number>`` when it has none; standard input is ``stdin`` (or the
record ids for JSON Lines piped in).
"""

from __future__ import annotations

import glob
import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from ..errors import InputError

ARTICLE_SUFFIXES = (".txt", ".jsonl", ".html", ".htm")
ANNOTATED_SUFFIX = ".json"
SUFFIXES = (*ARTICLE_SUFFIXES, ANNOTATED_SUFFIX)


def _walk(folder: Path) -> Iterator[Path | InputError]:
    """The article files under ``folder``, sorted, then an error for each sub-folder that cannot be read.

    Links to folders are followed, each real folder once, so a link that loops ends there.
    """
    seen: set[str] = set()
    found: list[Path | InputError] = []

    def refused(err: OSError) -> None:
        found.append(InputError(err.filename or folder, f"cannot read this folder ({err.strerror}); "
                                                         "the files in it are not built"))

    for root, dirs, files in os.walk(folder, onerror=refused, followlinks=True):
        real = os.path.realpath(root)
        if real in seen:  # a link back up the tree (or to a folder read already): walked once
            dirs[:] = []
            continue
        seen.add(real)
        dirs.sort()
        for name in files:
            path = Path(root) / name
            if path.suffix.lower() in SUFFIXES:
                found.append(path)
    files_first = sorted((p for p in found if isinstance(p, Path)), key=str)
    yield from files_first
    yield from (e for e in found if isinstance(e, InputError))


def _one_source(text: str) -> Iterator[Path | InputError]:
    path = Path(text)
    try:
        if path.is_dir():
            yield from _walk(path)
            return
        if path.is_file():
            yield path
            return
    except OSError as err:  # a file inside a folder that cannot be searched
        yield InputError(text, f"cannot read ({err.strerror})")
        return
    if path.is_symlink():
        yield InputError(text, "a symbolic link to nothing (or to itself)")
        return
    try:
        found = sorted(Path(p) for p in glob.glob(text, recursive=True) if Path(p).is_file())
    except OSError as err:
        yield InputError(text, f"cannot read ({err.strerror})")
        return
    if not found:
        yield InputError(text, "no such file, folder or glob match")
    yield from found


def expand_sources(sources: Iterable[str | Path]) -> Iterator[Path | InputError]:
    """Yield every file named, found in a folder, or matched by a glob, each once, sorted.

    A source that names nothing, an unreadable folder or a looping link yields an
    :class:`InputError` of its own, in its place, and the other sources still come.
    """
    seen: set[Path] = set()
    for source in sources:
        text = str(source)
        if text == "-":
            yield Path("-")
            continue
        for file in _one_source(text):
            if isinstance(file, InputError):
                yield file
                continue
            try:
                key = file.resolve()
            except OSError:
                key = file.absolute()
            if key not in seen:
                seen.add(key)
                yield file


def count_articles(sources: Iterable[str | Path]) -> int | None:
    """How many articles the sources hold (a JSON Lines file counts its lines), for progress bars.

    ``None`` when standard input is among them (it cannot be read twice).
    """
    total = 0
    for path in expand_sources(sources):
        if isinstance(path, InputError):
            total += 1
        elif str(path) == "-":
            return None
        elif path.suffix.lower() == ".jsonl":
            try:
                with path.open("rb") as handle:
                    total += sum(1 for line in handle if line.strip())
            except OSError:
                total += 1
        else:
            total += 1
    return total
