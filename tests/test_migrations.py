"""Schema migrations: a new store is built by the shipped Alembic revisions and matches schema.py; a store written
by release 0.1.0 (schema version 1, no alembic table) is upgraded in place and keeps every row."""

from __future__ import annotations

import importlib.util
from datetime import UTC, datetime
from pathlib import Path

import pytest
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import create_engine, insert, inspect, select, text
from store_backends import PG_URL

from newsgraph.store import migrate, schema
from newsgraph.store.db import Store

FIXTURES = Path(__file__).resolve().parent / "fixtures"


def v1_schema():
    spec = importlib.util.spec_from_file_location("store_schema_v1", FIXTURES / "store_schema_v1.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def write_v1_database(url: str) -> None:
    """A database exactly as 0.1.0 left it: its tables, its version row, one document with an event."""
    v1 = v1_schema()
    engine = create_engine(url)
    with engine.begin() as conn:
        conn.execute(text("DROP TABLE IF EXISTS alembic_version"))
        for table in reversed(schema.metadata.sorted_tables):
            conn.execute(text(f'DROP TABLE IF EXISTS "{table.name}" CASCADE' if conn.dialect.name == "postgresql"
                              else f'DROP TABLE IF EXISTS "{table.name}"'))
    v1.metadata.create_all(engine)
    with engine.begin() as conn:
        conn.execute(insert(v1.meta_table).values(key="schema_version", value="1"))
        conn.execute(insert(v1.documents).values(
            id="old-1", text_hash="h" * 40, title="Old", published="2022-09-23", language="en", outlet="Wire",
            n_events=1, n_attributions=0, ingested_at=datetime.now(UTC),
            doc_json={"id": "old-1", "text": "Troops shelled Kherson.", "published": "2022-09-23"}))
        conn.execute(insert(v1.events).values(
            document_id="old-1", id="v1", type="ASSAULT", trigger_start=7, trigger_end=14, trigger_text="shelled",
            negated=False, date="2022-09-23", sentence_start=0, sentence_end=23))
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def url(request, tmp_path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'v1.db'}"
    if not PG_URL:
        pytest.skip("NEWSGRAPH_TEST_PG not set (PostgreSQL tests run in CI)")
    return PG_URL


def test_version_1_store_is_upgraded_and_keeps_its_rows(url: str) -> None:
    write_v1_database(url)
    store = Store(url)
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    assert store.get("old-1").text == "Troops shelled Kherson."
    counts = store.counts()
    assert counts["documents"] == 1 and counts["events"] == 1
    with store.engine.connect() as conn:
        assert conn.execute(select(schema.meta_table.c.value)
                            .where(schema.meta_table.c.key == "schema_version")).scalar() == "2"
        row = conn.execute(select(schema.events).where(schema.events.c.document_id == "old-1")).one()._mapping
        assert row["trigger_text"] == "shelled" and row["cluster_id"] is None and row["instrument_text"] is None
        assert inspect(conn).has_table("stories") and inspect(conn).has_table("feed_state")
    Store(url)  # opening again is a no-op, not a second migration


def test_migrated_schema_matches_schema_py(url: str) -> None:
    write_v1_database(url)
    store = Store(url)
    with store.engine.connect() as conn:
        diffs = compare_metadata(MigrationContext.configure(conn), schema.metadata)
    # only type-affinity noise is tolerated; a missing table, column or index is a failure
    assert [d for d in diffs if d[0] in ("add_table", "remove_table", "add_column", "remove_column",
                                         "add_index", "remove_index")] == []


def test_new_store_is_at_head(tmp_path) -> None:
    store = Store(f"sqlite:///{tmp_path / 'new.db'}")
    assert migrate.current_revision(store.engine) == migrate.head_revision()
    assert store.counts()["documents"] == 0
