"""Schema migrations: take any store (new, 0.1.0's version 1, or partly upgraded) to the head revision, keeping rows.

Alembic runs from the migrations shipped in the package, on the caller's engine, so there is no alembic.ini to
find. A database written by 0.1.0 has tables but no ``alembic_version``: it is stamped at revision 0001 (its
schema) and upgraded from there. Concurrent processes opening one database serialise on a lock (a PostgreSQL
advisory lock; SQLite's write lock through ``BEGIN IMMEDIATE``) so only one of them migrates.
"""

from __future__ import annotations

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import Connection, Engine, inspect, text

MIGRATE_LOCK = 7_314_001  # PostgreSQL advisory lock key for migrations (any constant unique to newsgraph)


def _config(conn: Connection | None = None) -> Config:
    cfg = Config()
    cfg.set_main_option("script_location", "newsgraph.store:migrations")
    if conn is not None:
        cfg.attributes["connection"] = conn
    return cfg


def head_revision() -> str:
    """The newest revision shipped with this release."""
    head = ScriptDirectory.from_config(_config()).get_current_head()
    assert head is not None
    return head


def current_revision(engine: Engine) -> str | None:
    """The revision a database is at; '0001' for a 0.1.0 store without alembic_version; None for an empty one."""
    with engine.connect() as conn:
        return _current(conn)


def _current(conn: Connection) -> str | None:
    rev = MigrationContext.configure(conn).get_current_revision()
    if rev is None and inspect(conn).has_table("documents"):
        return "0001"
    return rev


def upgrade(engine: Engine, revision: str = "head") -> str | None:
    """Upgrade ``engine``'s database to ``revision``; a no-op (one cheap read) when it is there already."""
    target = head_revision() if revision == "head" else revision
    if current_revision(engine) == target:
        return target
    with engine.connect() as conn:
        conn.execution_options(newsgraph_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": MIGRATE_LOCK})
            rev = _current(conn)
            if rev != target:
                cfg = _config(conn)
                if rev == "0001" and MigrationContext.configure(conn).get_current_revision() is None:
                    command.stamp(cfg, "0001")
                command.upgrade(cfg, revision)
    return current_revision(engine)
