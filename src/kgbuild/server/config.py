"""The endpoint's options and limits, as named constants with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_BODY = 1_000_000  # bytes of a query or update request
DEFAULT_MAX_BYTES = 32 << 20  # bytes of one result
DEFAULT_MAX_MEMORY = 2 << 30  # resident bytes of the query engine
DEFAULT_CACHE = 64 << 20  # bytes of answers kept by the results cache (0: none)
DEFAULT_WORKERS = 16  # queries sent to the engine at once (more wait for a free slot)


@dataclass(frozen=True)
class ServerConfig:
    """How the endpoint behaves. Read-only, local and bounded unless told otherwise.

    ``store_path`` is what the pages read (a store folder, or the endpoint's own URL when they
    run behind the front); ``local_store`` is the folder the front serves and the search index sits beside.
    """

    store_path: str
    base_iri: str
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_rows: int = DEFAULT_MAX_ROWS
    max_body: int = DEFAULT_MAX_BODY
    max_bytes: int = DEFAULT_MAX_BYTES
    max_memory: int = DEFAULT_MAX_MEMORY
    workers: int = DEFAULT_WORKERS
    cors: bool = False
    allow_update: bool = False
    token: str | None = None
    allow_service: bool = False
    public_url: str | None = None
    local_store: str | None = None
    header_timeout_s: float = 10.0
    cache_bytes: int = DEFAULT_CACHE
