"""``newsgraph serve``: build the app for one store and run it under uvicorn (127.0.0.1 unless told).

With ``workers > 1`` the writable pass (indexes, search index) runs once here, then uvicorn starts that many
processes, each building its own read-only app from the environment (``worker_app``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Callable

from fastapi import FastAPI

from newsgraph.api import storage
from newsgraph.api.app import create_app

_ENV = "NEWSGRAPH_SERVE_CONFIG"


def worker_app() -> FastAPI:
    """The app of one worker process (uvicorn factory): the store the parent prepared."""
    cfg = json.loads(os.environ[_ENV])
    return create_app(cfg["db_url"], cors_origins=cfg["cors"], prepare=False)


def run(db_url: str, host: str = "127.0.0.1", port: int = 8000, cors_origins: list[str] | None = None,
        workers: int = 1, echo: Callable[[str], None] = print) -> None:
    """Serve until interrupted; says where, and whether ingest is on."""
    import uvicorn

    token = os.environ.get("NEWSGRAPH_API_TOKEN")
    mode = "ingest ON (token set)" if token else "read-only"
    if workers > 1:
        storage.prepare(db_url)
        os.environ[_ENV] = json.dumps({"db_url": db_url, "cors": cors_origins or []})
        echo(f"newsgraph serving {db_url} ({mode}, {workers} workers) at http://{host}:{port}/  (API /api, docs /docs)")
        uvicorn.run("newsgraph.api.serve:worker_app", factory=True, host=host, port=port, workers=workers,
                    log_level="warning")
        return
    app = create_app(db_url, cors_origins=cors_origins)
    echo(f"newsgraph serving {db_url} ({mode}) at http://{host}:{port}/  (API /api, docs /docs)")
    uvicorn.run(app, host=host, port=port, log_level="warning")
