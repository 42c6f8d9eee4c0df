"""The application factory for multi-process serving: each process builds its app from the environment.

``kgbuild serve --processes N`` hands its configuration to the worker processes through
``KGBUILD_SERVE_CONFIG`` (JSON), because uvicorn starts them from an import string.
"""

from __future__ import annotations

import json
import os

from starlette.applications import Starlette

from .app import create_app
from .config import ServerConfig

ENV = "KGBUILD_SERVE_CONFIG"


def app() -> Starlette:
    """Build the application of one worker process."""
    return create_app(ServerConfig(**json.loads(os.environ[ENV])))
