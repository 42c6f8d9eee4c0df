"""The endpoint's options and limits, as named constants with safe defaults."""

from __future__ import annotations

from dataclasses import dataclass

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 7878
DEFAULT_TIMEOUT_S = 10.0
DEFAULT_MAX_ROWS = 10_000
DEFAULT_MAX_BODY = 1_000_000  # bytes of a query or update request
DEFAULT_WORKERS = 4


@dataclass(frozen=True)
class ServerConfig:
    """How the endpoint behaves. Read-only, local and bounded unless told otherwise."""

    store_path: str
    base_iri: str
    timeout_s: float = DEFAULT_TIMEOUT_S
    max_rows: int = DEFAULT_MAX_ROWS
    max_body: int = DEFAULT_MAX_BODY
    workers: int = DEFAULT_WORKERS
    cors: bool = False
    allow_update: bool = False
    token: str | None = None
    allow_service: bool = False
