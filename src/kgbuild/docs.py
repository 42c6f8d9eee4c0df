"""HTML documentation of the ontology (pyLODE), for `kgbuild docs` and the server's /ontology page."""

from __future__ import annotations

import logging
from functools import cache
from pathlib import Path

from .resources import data_dir


@cache
def ontology_html(path: Path | None = None) -> str:
    """The ontology's documentation page: every class and property with labels and definitions."""
    from pylode import OntPub

    logging.getLogger().setLevel(max(logging.getLogger().level, logging.WARNING))
    return OntPub(ontology=str(path or data_dir("ontology") / "kgbuild.ttl")).make_html()
