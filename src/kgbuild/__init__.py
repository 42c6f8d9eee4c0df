"""kgbuild: Vietnamese trade-union news to a linked-data knowledge graph.

The five stages are plain functions over plain records, usable without the CLI::

    from kgbuild import read, annotate, map_article, Store
"""

from __future__ import annotations

__version__ = "0.1.0"
