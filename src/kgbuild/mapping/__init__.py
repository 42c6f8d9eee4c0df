"""The map stage: annotated articles to RDF through the mapping scripts of ``mappings/``."""

from .apply import load_mappings, map_article
from .iris import Minter

__all__ = ["Minter", "load_mappings", "map_article"]
