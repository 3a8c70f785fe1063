"""Alembic environment: always runs on the connection ``store.migrate`` hands over (no alembic.ini needed)."""

from __future__ import annotations

from alembic import context

from newsgraph.store import schema

connection = context.config.attributes["connection"]
context.configure(connection=connection, target_metadata=schema.metadata, render_as_batch=True,
                  transactional_ddl=True)
with context.begin_transaction():
    context.run_migrations()
