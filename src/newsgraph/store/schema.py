"""SQLAlchemy Core tables: one code path for SQLite and PostgreSQL.

Documents hold the full Document JSON (for exact round trips) plus queryable columns; each layer has its own
table keyed by (document_id, idx) with its evidence offsets, so the API can filter and highlight without
unpacking JSON. Fusion columns (cluster_id, claim_id, corroboration...) exist from the start and stay NULL until
the fusion step fills them, so cross-document fusion arrives without a schema rewrite.
"""

from __future__ import annotations

from sqlalchemy import (
    JSON,
    Boolean,
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
)

SCHEMA_VERSION = 1
metadata = MetaData()


def _doc_fk() -> Column:
    return Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True)


def _span(prefix: str) -> list[Column]:
    return [Column(f"{prefix}_start", Integer), Column(f"{prefix}_end", Integer), Column(f"{prefix}_text", Text)]


meta_table = Table("newsgraph_meta", metadata, Column("key", String, primary_key=True), Column("value", String))

documents = Table(
    "documents", metadata,
    Column("id", String, primary_key=True),
    Column("text_hash", String(40), nullable=False, unique=True),
    Column("title", Text), Column("published", String(32)), Column("language", String(8)),
    Column("url", Text), Column("outlet", Text), Column("byline", Text),
    Column("n_events", Integer, nullable=False, default=0),
    Column("n_attributions", Integer, nullable=False, default=0),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("doc_json", JSON, nullable=False),
    Index("ix_documents_published", "published"),
)

segments = Table(
    "segments", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("kind", String(16)),
)

entities = Table(
    "entities", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("text", Text), Column("label", String(16)),
    Column("canonical", Text), Column("entity_id", String(16)),
    Index("ix_entities_canonical", "canonical"),
)

places = Table(
    "places", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("text", Text), Column("name", Text),
    Column("lat", Float), Column("lon", Float), Column("country_code", String(8)), Column("admin1", Text),
    Column("feature", String(16)), Column("geonameid", String(32)), Column("confidence", Float),
    Index("ix_places_country", "country_code"),
)

times = Table(
    "times", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("text", Text), Column("type", String(12)),
    Column("value", String(64)),
)

attributions = Table(
    "attributions", metadata, _doc_fk(), Column("id", String(16), primary_key=True),
    *_span("source"), Column("source_type", String(16)), Column("source_entity_id", String(16)),
    *_span("cue"), *_span("content"),
    Column("parent", String(16)), Column("stance", String(12)),
    Column("claim_id", String(64)), Column("original_source_text", Text), Column("original_source_type", String(16)),
    Column("corroboration", Integer),
    Index("ix_attributions_claim", "claim_id"),
)

events = Table(
    "events", metadata, _doc_fk(), Column("id", String(16), primary_key=True),
    Column("type", String(16), nullable=False), Column("mode", String(32)),
    *_span("trigger"), *_span("actor"), Column("actor_entity_id", String(16)),
    *_span("recipient"), Column("recipient_entity_id", String(16)),
    Column("place", Integer), Column("place_name", Text), Column("lat", Float), Column("lon", Float),
    Column("country_code", String(8)),
    Column("time", Integer), Column("date", String(32)), Column("date_precision", String(16)),
    Column("sentence_start", Integer), Column("sentence_end", Integer),
    Column("attribution", String(16)), Column("negated", Boolean, nullable=False, default=False),
    Column("quantity_value", Float), Column("quantity_unit", String(32)), Column("quantity_text", Text),
    Column("cluster_id", String(64)), Column("cluster_size", Integer), Column("origins", Integer),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_cluster", "cluster_id"),
)

LAYER_TABLES = (segments, entities, places, times, attributions, events)

# The live-feed watcher's memory (newsgraph watch): conditional-request validators, backoff and what was seen.
feed_state = Table(
    "feed_state", metadata,
    Column("url", Text, primary_key=True),
    Column("etag", Text), Column("last_modified", Text),
    Column("last_polled", DateTime(timezone=True)), Column("last_status", Integer),
    Column("error_count", Integer, nullable=False, default=0),
    Column("next_poll", DateTime(timezone=True)),
)

feed_items = Table(
    "feed_items", metadata,
    Column("feed_url", Text, primary_key=True), Column("item_key", Text, primary_key=True),
    Column("document_id", String), Column("seen_at", DateTime(timezone=True)),
)
