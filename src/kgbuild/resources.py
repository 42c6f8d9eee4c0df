"""Where the project's data folders live, in a checkout and in an installed wheel.

ontology/, mappings/ and queries/ sit at the top of the repository so that knowledge
engineers find and edit them; the wheel carries copies under ``kgbuild/_data``.  A
checkout wins so that an edit is seen without reinstalling.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent
_CHECKOUT = _PACKAGE.parent.parent


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``ontology``, ``mappings`` or ``queries``).

    >>> data_dir("queries").name
    'queries'
    """
    for candidate in (_CHECKOUT / name, _PACKAGE / "_data" / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"kgbuild data folder {name!r} is missing from this installation")


def package_file(*parts: str) -> Path:
    """A file shipped inside the package (patterns, lexicons, schema)."""
    return _PACKAGE.joinpath(*parts)
