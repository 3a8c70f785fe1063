"""The store backends a test runs on: SQLite always, PostgreSQL when NEWSGRAPH_TEST_PG names a server."""

from __future__ import annotations

import os

import pytest

from newsgraph.store.db import Store

PG_URL = os.environ.get("NEWSGRAPH_TEST_PG")
BACKENDS = ["sqlite", "postgresql"]


def empty_pg_store() -> Store:
    """The PostgreSQL test database, emptied (tables kept, so every test starts from the head schema)."""
    if not PG_URL:
        pytest.skip("NEWSGRAPH_TEST_PG not set (PostgreSQL tests run in CI)")
    st = Store(PG_URL)
    from newsgraph.store import schema

    with st.engine.begin() as conn:
        for table in reversed(schema.metadata.sorted_tables):
            if table is not schema.meta_table:
                conn.execute(table.delete())
    return st


def make_store(backend: str, tmp_path) -> Store:
    if backend == "sqlite":
        return Store(f"sqlite:///{tmp_path / 's.db'}")
    return empty_pg_store()
