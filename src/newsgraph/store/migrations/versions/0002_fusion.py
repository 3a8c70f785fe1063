"""Fusion across documents (schema version 2): canonical entities, stories, claims, disputes, blocking keys;
new per-report columns (canonical ids, origin keys, dispute flags, event instrument and place source); feed state.

Only adds: every row of a version-1 database is kept, and the new columns start NULL until ``newsgraph fuse``
(or the next ingest) fills them.

Revision ID: 0002
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002"
down_revision = "0001"
branch_labels = None
depends_on = None

NEW_COLUMNS = {
    "documents": [sa.Column("origin_id", sa.String), sa.Column("origin_similarity", sa.Float),
                  sa.Column("fused_at", sa.DateTime(timezone=True))],
    "entities": [sa.Column("canonical_id", sa.String(64))],
    "attributions": [sa.Column("source_canonical_id", sa.String(64)),
                     sa.Column("original_source_canonical_id", sa.String(64)),
                     sa.Column("origin_key", sa.Text), sa.Column("disputed", sa.Boolean)],
    "events": [sa.Column("instrument_start", sa.Integer), sa.Column("instrument_end", sa.Integer),
               sa.Column("instrument_text", sa.Text), sa.Column("place_source", sa.String(16)),
               sa.Column("geonameid", sa.String(32)), sa.Column("admin1", sa.Text),
               sa.Column("actor_canonical_id", sa.String(64)), sa.Column("recipient_canonical_id", sa.String(64)),
               sa.Column("origin_key", sa.Text), sa.Column("disputed", sa.Boolean)],
}


def _doc_fk() -> sa.Column:
    return sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


def upgrade() -> None:
    for table, columns in NEW_COLUMNS.items():
        for column in columns:
            op.add_column(table, column)
    op.create_index("ix_documents_origin", "documents", ["origin_id"])
    op.create_index("ix_entities_canonical_id", "entities", ["canonical_id"])
    op.create_table(
        "canonical_entities",
        sa.Column("id", sa.String(64), primary_key=True), sa.Column("kind", sa.String(16), nullable=False),
        sa.Column("name", sa.Text, nullable=False), sa.Column("key", sa.Text, nullable=False),
        sa.Column("short_key", sa.Text), sa.Column("geonameid", sa.String(32)), sa.Column("country_code", sa.String(8)),
        sa.Column("mentions", sa.Integer, nullable=False), sa.Column("documents", sa.Integer, nullable=False),
    )
    op.create_index("ix_canonical_entities_key", "canonical_entities", ["kind", "key"])
    op.create_index("ix_canonical_entities_name", "canonical_entities", ["name"])
    op.create_index("ix_canonical_entities_short", "canonical_entities", ["kind", "short_key"])
    op.create_index("ix_events_actor_canonical", "events", ["actor_canonical_id"])
    op.create_table(
        "entity_aliases",
        sa.Column("entity_id", sa.String(64), sa.ForeignKey("canonical_entities.id", ondelete="CASCADE"),
                  primary_key=True),
        sa.Column("alias", sa.Text, primary_key=True), sa.Column("count", sa.Integer, nullable=False),
    )
    op.create_index("ix_entity_aliases_alias", "entity_aliases", ["alias"])
    op.create_table(
        "stories",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("type", sa.String(16), nullable=False), sa.Column("mode", sa.String(32)),
        sa.Column("date_start", sa.String(32)), sa.Column("date_end", sa.String(32)),
        sa.Column("place_name", sa.Text), sa.Column("geonameid", sa.String(32)), sa.Column("admin1", sa.Text),
        sa.Column("country_code", sa.String(8)), sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
        sa.Column("actor", sa.Text), sa.Column("actor_canonical_id", sa.String(64)),
        sa.Column("recipient", sa.Text), sa.Column("recipient_canonical_id", sa.String(64)),
        sa.Column("reports", sa.Integer, nullable=False), sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("outlets", sa.Integer, nullable=False), sa.Column("origins", sa.Integer, nullable=False),
        sa.Column("figure_min", sa.Float), sa.Column("figure_max", sa.Float), sa.Column("figure_unit", sa.String(32)),
        sa.Column("figures", sa.JSON), sa.Column("outlet_names", sa.JSON),
        sa.Column("disputed", sa.Boolean, nullable=False), sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_stories_type_date", "stories", ["type", "date_start"])
    op.create_index("ix_stories_country", "stories", ["country_code"])
    op.create_table(
        "claims",
        sa.Column("id", sa.String(64), primary_key=True),
        sa.Column("content", sa.Text), sa.Column("stance", sa.String(12)),
        sa.Column("source_text", sa.Text), sa.Column("source_type", sa.String(16)),
        sa.Column("source_canonical_id", sa.String(64)),
        sa.Column("original_sources", sa.JSON), sa.Column("outlet_names", sa.JSON),
        sa.Column("reports", sa.Integer, nullable=False), sa.Column("documents", sa.Integer, nullable=False),
        sa.Column("corroboration", sa.Integer, nullable=False),
        sa.Column("date_start", sa.String(32)), sa.Column("date_end", sa.String(32)),
        sa.Column("disputed", sa.Boolean, nullable=False), sa.Column("updated_at", sa.DateTime(timezone=True)),
    )
    op.create_index("ix_claims_date", "claims", ["date_start"])
    op.create_table(
        "disputes",
        sa.Column("kind", sa.String(8), primary_key=True), sa.Column("a_id", sa.String(64), primary_key=True),
        sa.Column("b_id", sa.String(64), primary_key=True), sa.Column("reason", sa.Text),
    )
    op.create_table(
        "reprint_buckets",
        sa.Column("bucket", sa.String(48), primary_key=True),
        sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    )
    op.create_index("ix_reprint_buckets_doc", "reprint_buckets", ["document_id"])
    op.create_table(
        "claim_keys",
        sa.Column("key", sa.String(96), primary_key=True),
        sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
        sa.Column("attribution_id", sa.String(16), primary_key=True),
    )
    op.create_index("ix_claim_keys_doc", "claim_keys", ["document_id"])
    op.create_table(
        "feed_state",
        sa.Column("url", sa.Text, primary_key=True), sa.Column("etag", sa.Text), sa.Column("last_modified", sa.Text),
        sa.Column("last_polled", sa.DateTime(timezone=True)), sa.Column("last_status", sa.Integer),
        sa.Column("error_count", sa.Integer, nullable=False, server_default="0"),
        sa.Column("next_poll", sa.DateTime(timezone=True)),
    )
    op.create_table(
        "feed_items",
        sa.Column("feed_url", sa.Text, primary_key=True), sa.Column("item_key", sa.Text, primary_key=True),
        sa.Column("document_id", sa.String), sa.Column("seen_at", sa.DateTime(timezone=True)),
    )
    op.execute(sa.text("UPDATE newsgraph_meta SET value = '2' WHERE key = 'schema_version'"))


def downgrade() -> None:
    for name in ("feed_items", "feed_state", "claim_keys", "reprint_buckets", "disputes", "claims", "stories",
                 "entity_aliases", "canonical_entities"):
        op.drop_table(name)
    for table, columns in NEW_COLUMNS.items():
        with op.batch_alter_table(table) as batch:
            for column in columns:
                batch.drop_column(column.name)
    op.execute(sa.text("UPDATE newsgraph_meta SET value = '1' WHERE key = 'schema_version'"))
