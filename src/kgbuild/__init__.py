"""kgbuild: Vietnamese trade-union news to a linked-data knowledge graph.

The stages are plain functions over plain records, usable without the CLI::

    from kgbuild import read, annotate, map_article, Store, build

    store = Store.open("kgstore")
    articles = [a for a in read(["examples/"]) if not isinstance(a, Exception)]
    for annotated in annotate(articles):
        store.replace_graph(...)  # or simply: build(["examples/"], store)
"""

from __future__ import annotations

__version__ = "0.1.0"

from .annotated import AnnotatedArticle, load_annotated  # noqa: E402
from .article import Article  # noqa: E402
from .build import build  # noqa: E402
from .errors import InputError, KgbuildError, QueryError, StoreError  # noqa: E402
from .mapping import map_article  # noqa: E402
from .nlp.pipeline import annotate  # noqa: E402
from .read import read  # noqa: E402
from .store import Store  # noqa: E402

__all__ = [
    "AnnotatedArticle", "Article", "InputError", "KgbuildError", "QueryError", "Store", "StoreError",
    "annotate", "build", "load_annotated", "map_article", "read",
]
