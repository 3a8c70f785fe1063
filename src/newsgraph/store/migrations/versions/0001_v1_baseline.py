"""The store as release 0.1.0 wrote it (schema version 1): documents and one table per layer.

A database written by 0.1.0 has these tables and no alembic_version table; ``store.migrate`` stamps it at this
revision and upgrades from here, so its rows are kept. A new database is created by running this and every later
revision. The tables are written out here (not imported from schema.py) so the revision never changes.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0001"
down_revision = None
branch_labels = None
depends_on = None


def _doc_fk() -> sa.Column:
    return sa.Column("document_id", sa.String, sa.ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


def _span(prefix: str) -> list[sa.Column]:
    return [sa.Column(f"{prefix}_start", sa.Integer), sa.Column(f"{prefix}_end", sa.Integer),
            sa.Column(f"{prefix}_text", sa.Text)]


def upgrade() -> None:
    op.create_table("newsgraph_meta", sa.Column("key", sa.String, primary_key=True), sa.Column("value", sa.String))
    op.create_table(
        "documents",
        sa.Column("id", sa.String, primary_key=True),
        sa.Column("text_hash", sa.String(40), nullable=False, unique=True),
        sa.Column("title", sa.Text), sa.Column("published", sa.String(32)), sa.Column("language", sa.String(8)),
        sa.Column("url", sa.Text), sa.Column("outlet", sa.Text), sa.Column("byline", sa.Text),
        sa.Column("n_events", sa.Integer, nullable=False), sa.Column("n_attributions", sa.Integer, nullable=False),
        sa.Column("ingested_at", sa.DateTime(timezone=True), nullable=False),
        sa.Column("doc_json", sa.JSON, nullable=False),
    )
    op.create_index("ix_documents_published", "documents", ["published"])
    op.create_table("segments", _doc_fk(), sa.Column("idx", sa.Integer, primary_key=True),
                    sa.Column("start", sa.Integer), sa.Column("end", sa.Integer), sa.Column("kind", sa.String(16)))
    op.create_table("entities", _doc_fk(), sa.Column("idx", sa.Integer, primary_key=True),
                    sa.Column("start", sa.Integer), sa.Column("end", sa.Integer), sa.Column("text", sa.Text),
                    sa.Column("label", sa.String(16)), sa.Column("canonical", sa.Text),
                    sa.Column("entity_id", sa.String(16)))
    op.create_index("ix_entities_canonical", "entities", ["canonical"])
    op.create_table("places", _doc_fk(), sa.Column("idx", sa.Integer, primary_key=True),
                    sa.Column("start", sa.Integer), sa.Column("end", sa.Integer), sa.Column("text", sa.Text),
                    sa.Column("name", sa.Text), sa.Column("lat", sa.Float), sa.Column("lon", sa.Float),
                    sa.Column("country_code", sa.String(8)), sa.Column("admin1", sa.Text),
                    sa.Column("feature", sa.String(16)), sa.Column("geonameid", sa.String(32)),
                    sa.Column("confidence", sa.Float))
    op.create_index("ix_places_country", "places", ["country_code"])
    op.create_table("times", _doc_fk(), sa.Column("idx", sa.Integer, primary_key=True),
                    sa.Column("start", sa.Integer), sa.Column("end", sa.Integer), sa.Column("text", sa.Text),
                    sa.Column("type", sa.String(12)), sa.Column("value", sa.String(64)))
    op.create_table("attributions", _doc_fk(), sa.Column("id", sa.String(16), primary_key=True),
                    *_span("source"), sa.Column("source_type", sa.String(16)),
                    sa.Column("source_entity_id", sa.String(16)), *_span("cue"), *_span("content"),
                    sa.Column("parent", sa.String(16)), sa.Column("stance", sa.String(12)),
                    sa.Column("claim_id", sa.String(64)), sa.Column("original_source_text", sa.Text),
                    sa.Column("original_source_type", sa.String(16)), sa.Column("corroboration", sa.Integer))
    op.create_index("ix_attributions_claim", "attributions", ["claim_id"])
    op.create_table("events", _doc_fk(), sa.Column("id", sa.String(16), primary_key=True),
                    sa.Column("type", sa.String(16), nullable=False), sa.Column("mode", sa.String(32)),
                    *_span("trigger"), *_span("actor"), sa.Column("actor_entity_id", sa.String(16)),
                    *_span("recipient"), sa.Column("recipient_entity_id", sa.String(16)),
                    sa.Column("place", sa.Integer), sa.Column("place_name", sa.Text), sa.Column("lat", sa.Float),
                    sa.Column("lon", sa.Float), sa.Column("country_code", sa.String(8)),
                    sa.Column("time", sa.Integer), sa.Column("date", sa.String(32)),
                    sa.Column("date_precision", sa.String(16)),
                    sa.Column("sentence_start", sa.Integer), sa.Column("sentence_end", sa.Integer),
                    sa.Column("attribution", sa.String(16)), sa.Column("negated", sa.Boolean, nullable=False),
                    sa.Column("quantity_value", sa.Float), sa.Column("quantity_unit", sa.String(32)),
                    sa.Column("quantity_text", sa.Text),
                    sa.Column("cluster_id", sa.String(64)), sa.Column("cluster_size", sa.Integer),
                    sa.Column("origins", sa.Integer))
    op.create_index("ix_events_type_date", "events", ["type", "date"])
    op.create_index("ix_events_cluster", "events", ["cluster_id"])
    op.execute(sa.text("INSERT INTO newsgraph_meta (key, value) VALUES ('schema_version', '1')"))


def downgrade() -> None:
    for name in ("events", "attributions", "times", "places", "entities", "segments", "documents", "newsgraph_meta"):
        op.drop_table(name)
