"""How the API opens the store: read-only unless ingest is on, with the indexes the views filter on.

SQLite is opened through a ``mode=ro`` URI (the file cannot be written by this process whatever a query does);
PostgreSQL sessions get ``default_transaction_read_only=on``. Before going read-only the app makes one short
writable pass: the store tables (if the store is new), the view indexes and the search index.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event, text
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from newsgraph.api import search
from newsgraph.errors import Errors
from newsgraph.store.db import Store, StoreError, open_engine

# Indexes the API's filters and groupings use (the store's own cover type+date and cluster ids).
VIEW_INDEXES = (
    "CREATE INDEX IF NOT EXISTS ix_events_country ON events (country_code)",
    "CREATE INDEX IF NOT EXISTS ix_events_latlon ON events (lat, lon)",
    "CREATE INDEX IF NOT EXISTS ix_events_date ON events (date)",
    "CREATE INDEX IF NOT EXISTS ix_events_cluster_figures ON events (cluster_id, quantity_unit, quantity_value)",
    "CREATE INDEX IF NOT EXISTS ix_events_attribution ON events (document_id, attribution)",
    "CREATE INDEX IF NOT EXISTS ix_attributions_parent ON attributions (document_id, parent)",
    "CREATE INDEX IF NOT EXISTS ix_documents_outlet ON documents (outlet)",
    "CREATE INDEX IF NOT EXISTS ix_places_latlon ON places (lat, lon)",
)


def prepare(url: str) -> int:
    """The writable pass: tables, view indexes, search index refresh; returns documents (re)indexed."""
    engine = open_engine(url)
    try:
        with engine.begin() as conn:
            for ddl in VIEW_INDEXES:
                conn.execute(text(ddl))
        return search.refresh(engine)
    except SQLAlchemyError as exc:
        raise StoreError(Errors.E030.fmt(detail=f"{url}: {exc}")) from None
    finally:
        engine.dispose()


def _sqlite_ro_url(url: str) -> str:
    path = Path(url.removeprefix("sqlite:///")).expanduser().resolve()
    if not path.exists():
        raise StoreError(Errors.E030.fmt(detail=f"{url}: no such database file (ingest something first)"))
    return f"sqlite:///file:{path}?mode=ro&uri=true"


def _fk_on(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA query_only=ON")
    cur.close()


def open_readonly(url: str) -> Engine:
    """An engine that cannot write: SQLite mode=ro (+ query_only), PostgreSQL read-only transactions."""
    try:
        backend = make_url(url).get_backend_name()
        if backend == "sqlite":
            if ":memory:" in url:
                raise StoreError(Errors.E030.fmt(detail=f"{url}: an in-memory store cannot be served read-only"))
            engine = create_engine(_sqlite_ro_url(url), future=True, pool_size=8, max_overflow=16)
            event.listen(engine, "connect", _fk_on)
        else:
            engine = create_engine(url, future=True, pool_size=8, max_overflow=16, pool_pre_ping=True,
                                   connect_args={"options": "-c default_transaction_read_only=on"})
        with engine.connect() as conn:
            conn.execute(text("SELECT 1"))
    except StoreError:
        raise
    except (SQLAlchemyError, ModuleNotFoundError, ValueError) as exc:
        raise StoreError(Errors.E030.fmt(detail=f"{url}: {exc}")) from None
    return engine


def open_writable(url: str) -> Engine:
    """Ingest on: the store's normal engine (tables created if missing)."""
    return open_engine(url)


class EngineStore(Store):
    """A ``Store`` over an engine the API opened (read-only or not), so the query layer (``newsgraph.query``)
    runs on the API's connections instead of opening — and migrating — the database again."""

    def __init__(self, url: str, engine: Engine) -> None:  # no super().__init__: the engine is already open
        self.url = url
        self.engine = engine
