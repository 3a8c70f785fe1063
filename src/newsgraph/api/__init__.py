"""REST API and web UI: ``create_app(db_url)`` (FastAPI), served by ``newsgraph serve``."""

from newsgraph.api.app import create_app

__all__ = ["create_app"]
