"""One root exception for everything kgbuild reports to a user.

The CLI turns a :class:`KgbuildError` into a one-line message and a non-zero exit; a
traceback means a bug in kgbuild, never bad input.
"""

from __future__ import annotations


class KgbuildError(Exception):
    """Root of every error kgbuild raises on purpose."""


class InputError(KgbuildError):
    """A source file (article, annotation, mapping, query) cannot be used.

    The message always starts with the file so that a batch log points at what to fix.
    """

    def __init__(self, path: object, problem: str) -> None:
        self.path = str(path)
        self.problem = problem
        super().__init__(f"{self.path}: {problem}")


class StoreError(KgbuildError):
    """The store cannot be opened, read or written."""


class QueryError(KgbuildError):
    """A SPARQL query or named query cannot be parsed or run."""
