"""SQLAlchemy Core tables: one code path for SQLite and PostgreSQL.

Documents hold the full Document JSON (for exact round trips) plus queryable columns; each layer has its own
table keyed by (document_id, idx) with its evidence offsets, so the API can filter and highlight without
unpacking JSON. Fusion columns (cluster_id, claim_id, corroboration...) exist from the start and stay NULL until
the fusion step fills them, so cross-document fusion arrives without a schema rewrite.

Version 2 adds the cross-document tables that ``fuse/`` fills (canonical entities and aliases, stories = event
clusters, claims = claim clusters, disputes, reprint LSH buckets, claim blocking keys) and the live-feed tables.
This module is the head schema; ``store/migrations/`` (Alembic) takes any older database there without loss.
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

SCHEMA_VERSION = 2
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
    Column("origin_id", String), Column("origin_similarity", Float), Column("fused_at", DateTime(timezone=True)),
    Index("ix_documents_published", "published"),
    Index("ix_documents_origin", "origin_id"),
)

segments = Table(
    "segments", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("kind", String(16)),
)

entities = Table(
    "entities", metadata, _doc_fk(), Column("idx", Integer, primary_key=True),
    Column("start", Integer), Column("end", Integer), Column("text", Text), Column("label", String(16)),
    Column("canonical", Text), Column("entity_id", String(16)),
    Column("canonical_id", String(64)),
    Index("ix_entities_canonical", "canonical"),
    Index("ix_entities_canonical_id", "canonical_id"),
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
    Column("source_canonical_id", String(64)), Column("original_source_canonical_id", String(64)),
    Column("origin_key", Text), Column("disputed", Boolean),
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
    *_span("instrument"), Column("place_source", String(16)),
    Column("geonameid", String(32)), Column("admin1", Text),
    Column("actor_canonical_id", String(64)), Column("recipient_canonical_id", String(64)),
    Column("origin_key", Text), Column("disputed", Boolean),
    Index("ix_events_type_date", "type", "date"),
    Index("ix_events_actor_canonical", "actor_canonical_id"),
    Index("ix_events_cluster", "cluster_id"),
)

LAYER_TABLES = (segments, entities, places, times, attributions, events)

# --- cross-document tables (filled by fuse/, never by the stages) ---

canonical_entities = Table(
    "canonical_entities", metadata,
    Column("id", String(64), primary_key=True),
    Column("kind", String(16), nullable=False),  # person | organization | group | place
    Column("name", Text, nullable=False), Column("key", Text, nullable=False), Column("short_key", Text),
    Column("geonameid", String(32)), Column("country_code", String(8)),
    Column("mentions", Integer, nullable=False, default=0), Column("documents", Integer, nullable=False, default=0),
    Index("ix_canonical_entities_key", "kind", "key"),
    Index("ix_canonical_entities_short", "kind", "short_key"),
    Index("ix_canonical_entities_name", "name"),
)

entity_aliases = Table(
    "entity_aliases", metadata,
    Column("entity_id", String(64), ForeignKey("canonical_entities.id", ondelete="CASCADE"), primary_key=True),
    Column("alias", Text, primary_key=True), Column("count", Integer, nullable=False, default=0),
    Index("ix_entity_aliases_alias", "alias"),
)

stories = Table(
    "stories", metadata,
    Column("id", String(64), primary_key=True),
    Column("type", String(16), nullable=False), Column("mode", String(32)),
    Column("date_start", String(32)), Column("date_end", String(32)),
    Column("place_name", Text), Column("geonameid", String(32)), Column("admin1", Text),
    Column("country_code", String(8)), Column("lat", Float), Column("lon", Float),
    Column("actor", Text), Column("actor_canonical_id", String(64)),
    Column("recipient", Text), Column("recipient_canonical_id", String(64)),
    Column("reports", Integer, nullable=False, default=0), Column("documents", Integer, nullable=False, default=0),
    Column("outlets", Integer, nullable=False, default=0), Column("origins", Integer, nullable=False, default=0),
    Column("figure_min", Float), Column("figure_max", Float), Column("figure_unit", String(32)),
    Column("figures", JSON), Column("outlet_names", JSON),
    Column("disputed", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime(timezone=True)),
    Index("ix_stories_type_date", "type", "date_start"),
    Index("ix_stories_country", "country_code"),
)

claims = Table(
    "claims", metadata,
    Column("id", String(64), primary_key=True),
    Column("content", Text), Column("stance", String(12)),
    Column("source_text", Text), Column("source_type", String(16)), Column("source_canonical_id", String(64)),
    Column("original_sources", JSON), Column("outlet_names", JSON),
    Column("reports", Integer, nullable=False, default=0), Column("documents", Integer, nullable=False, default=0),
    Column("corroboration", Integer, nullable=False, default=0),
    Column("date_start", String(32)), Column("date_end", String(32)),
    Column("disputed", Boolean, nullable=False, default=False),
    Column("updated_at", DateTime(timezone=True)),
    Index("ix_claims_date", "date_start"),
)

disputes = Table(
    "disputes", metadata,
    Column("kind", String(8), primary_key=True),  # claim | event
    Column("a_id", String(64), primary_key=True), Column("b_id", String(64), primary_key=True),
    Column("reason", Text),
    # the primary key serves lookups by a_id; merges, drops and flags look claims up by b_id too
    Index("ix_disputes_b", "kind", "b_id"),
)

# Blocking keys: each row says "this document/attribution can be found under this key", so a new document
# meets only the few stored items that share a key with it, never the whole store.
reprint_buckets = Table(
    "reprint_buckets", metadata,
    Column("bucket", String(48), primary_key=True),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Index("ix_reprint_buckets_doc", "document_id"),
)

claim_keys = Table(
    "claim_keys", metadata,
    Column("key", String(96), primary_key=True),
    Column("document_id", String, ForeignKey("documents.id", ondelete="CASCADE"), primary_key=True),
    Column("attribution_id", String(16), primary_key=True),
    Index("ix_claim_keys_doc", "document_id"),
)

# --- live feeds (the scale engineer's watcher) ---

feed_state = Table(
    "feed_state", metadata,
    Column("url", Text, primary_key=True), Column("etag", Text), Column("last_modified", Text),
    Column("last_polled", DateTime(timezone=True)), Column("last_status", Integer),
    Column("error_count", Integer, nullable=False, default=0, server_default="0"),
    Column("next_poll", DateTime(timezone=True)),
)

feed_items = Table(
    "feed_items", metadata,
    Column("feed_url", Text, primary_key=True), Column("item_key", Text, primary_key=True),
    Column("document_id", String), Column("seen_at", DateTime(timezone=True)),
)

DOC_KEY_TABLES = (reprint_buckets, claim_keys)  # per-document rows that go when the document goes
FUSION_TABLES = (canonical_entities, entity_aliases, stories, claims, disputes, reprint_buckets, claim_keys)
