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

from .annotated import AnnotatedArticle, load_annotated
from .article import Article
from .build import build
from .errors import InputError, KgbuildError, QueryError, StoreError
from .mapping import map_article
from .nlp.pipeline import annotate
from .read import read
from .store import Store

__all__ = [
    "AnnotatedArticle", "Article", "InputError", "KgbuildError", "QueryError", "Store", "StoreError",
    "annotate", "build", "load_annotated", "map_article", "read",
]
