"""``newsgraph serve``: build the app for one store and run it under uvicorn (127.0.0.1 unless told)."""

from __future__ import annotations

import os
from collections.abc import Callable

from newsgraph.api.app import create_app


def run(db_url: str, host: str = "127.0.0.1", port: int = 8000, cors_origins: list[str] | None = None,
        echo: Callable[[str], None] = print) -> None:
    """Serve until interrupted; says where, and whether ingest is on."""
    import uvicorn

    app = create_app(db_url, cors_origins=cors_origins)
    mode = "ingest ON (token set)" if os.environ.get("NEWSGRAPH_API_TOKEN") else "read-only"
    echo(f"newsgraph serving {db_url} ({mode}) at http://{host}:{port}/  (API /api, docs /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
