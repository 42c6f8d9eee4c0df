"""kgbuild: Vietnamese trade-union news to a linked-data knowledge graph.

The stages are plain functions over plain records, usable without the CLI::

    from kgbuild import build, open_dataset

    store = open_dataset("kgstore")
    report = build(["examples/"], store)
    rows = store.query("SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }")

The package root is lazy: a name is imported when first used, so ``kgbuild --help`` does not
load spaCy.
"""

from __future__ import annotations

from importlib import import_module
from typing import Any

__version__ = "0.1.0"

_WHERE = {
    "AnnotatedArticle": "annotated", "load_annotated": "annotated", "Article": "article", "build": "build",
    "InputError": "errors", "KgbuildError": "errors", "QueryError": "errors", "StoreError": "errors",
    "map_article": "mapping", "annotate": "nlp.pipeline", "read": "read", "Store": "store", "RemoteStore": "store",
    "Dataset": "store", "open_dataset": "store", "load_rdf": "loading", "unload": "loading",
}

__all__ = sorted(_WHERE)

# ``build`` and ``read`` are submodules as well as functions: bind the functions now (neither loads
# spaCy), or an import of the submodule elsewhere would leave the module under the function's name.
from .build import build  # noqa: E402, F401
from .read import read  # noqa: E402, F401


def __getattr__(name: str) -> Any:
    if name not in _WHERE:
        raise AttributeError(f"module 'kgbuild' has no attribute {name!r}")
    value = getattr(import_module(f".{_WHERE[name]}", __name__), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_WHERE])
