"""``kgbuild serve``: a SPARQL 1.1 Protocol endpoint and linked-data pages over the store."""

from .app import create_app
from .config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
