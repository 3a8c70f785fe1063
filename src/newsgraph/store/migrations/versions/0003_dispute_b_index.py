"""An index on disputes (kind, b_id): merging, dropping and flagging claims look disputes up by either side, and
without it every lookup by the denying side scanned all disputes of its kind, a cost that grew with the store.

Only adds an index; the data and the schema_version meta value (2) are unchanged.

Revision ID: 0003
Revises: 0002
"""

from __future__ import annotations

from alembic import op

revision = "0003"
down_revision = "0002"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index("ix_disputes_b", "disputes", ["kind", "b_id"])


def downgrade() -> None:
    op.drop_index("ix_disputes_b", table_name="disputes")
