"""Fusion in order: entities -> reprints -> event clusters -> claim clusters, per document, incrementally.

``store_and_fuse`` is what ingest calls: inside one write transaction it forgets the old version of the document
(if any), stores the new one, fuses it, and repairs the clusters the old version belonged to. ``rebuild`` clears
every fusion table and column and fuses the documents again in publication order, one transaction each.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import Connection, func, or_, select, update

from newsgraph.document import Document
from newsgraph.errors import Warnings
from newsgraph.fuse import claims, corroboration, entities, events, reprints
from newsgraph.ingest.base import text_hash
from newsgraph.store import schema
from newsgraph.store.db import Store, write_transaction

d, ev, at = schema.documents, schema.events, schema.attributions


@dataclass
class FuseStats:
    """What the store holds after a fuse run."""

    documents: int = 0
    fused: int = 0
    stories: int = 0
    claims: int = 0
    disputes: int = 0
    entities: int = 0


class Attrs:
    """Attribution rows per document, read once per fuse call (chains are walked for every report)."""

    def __init__(self, conn: Connection) -> None:
        self.conn = conn
        self.cache: dict[str, dict[str, dict[str, Any]]] = {}
        self.keys: dict[str, dict[str, str | None]] = {}

    def __call__(self, doc_id: str) -> dict[str, dict[str, Any]]:
        if doc_id not in self.cache:
            rows = self.conn.execute(select(at).where(at.c.document_id == doc_id)).all()
            self.cache[doc_id] = {r.id: dict(r._mapping) for r in rows}
        return self.cache[doc_id]

    def source_keys(self, doc_id: str) -> dict[str, str | None]:
        """The document's resolved source keys (``corroboration.document_source_keys``), worked out once."""
        if doc_id not in self.keys:
            self.keys[doc_id] = corroboration.document_source_keys(self(doc_id))
        return self.keys[doc_id]


def fuse_document(conn: Connection, doc_id: str) -> None:
    """Fuse one stored document with the store (inside the caller's write transaction)."""
    row = conn.execute(select(d.c.doc_json).where(d.c.id == doc_id)).first()
    if row is None:
        return
    entities.link_document(conn, doc_id)
    changed = reprints.link_document(conn, doc_id, row[0])
    attrs = Attrs(conn)
    events.cluster_document(conn, doc_id, attrs)
    claims.cluster_document(conn, doc_id, attrs)
    if changed:  # documents whose origin moved: their reports' origins (and so cluster counts) changed
        _recluster_documents(conn, changed, attrs)
    conn.execute(update(d).where(d.c.id == doc_id).values(fused_at=datetime.now(UTC)))


def _clusters_of(conn: Connection, doc_ids: set[str]) -> tuple[set[str], set[str]]:
    ids = sorted(doc_ids)
    stories = {c for c in conn.execute(select(ev.c.cluster_id).where(ev.c.document_id.in_(ids))).scalars() if c}
    claim_ids = {c for c in conn.execute(select(at.c.claim_id).where(at.c.document_id.in_(ids))).scalars() if c}
    return stories, claim_ids


def _recluster_documents(conn: Connection, doc_ids: set[str], attrs: Attrs) -> None:
    stories, claim_ids = _clusters_of(conn, doc_ids)
    events.recluster(conn, stories, attrs)
    claims.recluster(conn, claim_ids, attrs)


def store_and_fuse(store: Store, doc: Document) -> str:
    """Store ``doc`` (replacing an older version by id or text) and fuse it, in one write transaction; returns
    'inserted' or 'updated'."""
    digest = text_hash(doc.text)
    with write_transaction(store.engine) as conn:
        doc = _outlet_qualified(conn, doc, digest)
        old = set(conn.execute(select(d.c.id).where(or_(d.c.id == doc.id, d.c.text_hash == digest))).scalars())
        stories, claim_ids = _clusters_of(conn, old) if old else (set(), set())
        copies: set[str] = set()
        for old_id in sorted(old):
            entities.forget_document(conn, old_id)
            copies |= set(reprints.relink_copies_of(conn, old_id))
        how = Store.save_on(conn, doc, digest)
        fuse_document(conn, doc.id)
        attrs = Attrs(conn)
        for copy in sorted(copies - {doc.id}):
            row = conn.execute(select(d.c.doc_json).where(d.c.id == copy)).first()
            if row is not None:
                reprints.link_document(conn, copy, row[0], store_buckets=False)
        if copies:
            more_stories, more_claims = _clusters_of(conn, copies)
            stories |= more_stories
            claim_ids |= more_claims
        events.recluster(conn, stories, attrs)
        claims.recluster(conn, claim_ids, attrs)
    return how


def _outlet_qualified(conn: Connection, doc: Document, digest: str) -> Document:
    """Two outlets can use the same article id ('12345'): a stored document with this id, another outlet and
    another text is a different article, so the new one is stored as 'id@outlet' (with warning NG-W006) instead
    of replacing it. Same outlet (or none) keeps the usual meaning: same id = new version."""
    row = conn.execute(select(d.c.outlet, d.c.text_hash).where(d.c.id == doc.id)).first()
    if row is None or not row[0] or not doc.outlet or row[0] == doc.outlet or row[1] == digest:
        return doc
    new_id = f"{doc.id}@{'-'.join(doc.outlet.lower().split())}"
    doc = doc.model_copy(update={"id": new_id, "warnings": [*doc.warnings, Warnings.W006.fmt(
        old=doc.id, other=row[0], new=new_id)]})
    return doc


FUSION_COLUMNS = {
    d: ("origin_id", "origin_similarity", "fused_at"),
    schema.entities: ("canonical_id",),
    ev: ("cluster_id", "cluster_size", "origins", "actor_canonical_id", "recipient_canonical_id", "origin_key",
         "disputed"),
    at: ("claim_id", "original_source_text", "original_source_type", "original_source_canonical_id",
         "corroboration", "source_canonical_id", "origin_key", "disputed"),
}


def _clear(conn: Connection) -> None:
    for table in (schema.disputes, schema.claim_keys, schema.reprint_buckets, schema.stories, schema.claims,
                  schema.entity_aliases):
        conn.execute(table.delete())
    for table, cols in FUSION_COLUMNS.items():
        conn.execute(update(table).values(**dict.fromkeys(cols)))
    conn.execute(schema.canonical_entities.delete())


def _fuse_each(store: Store, ids: list[str], progress: Callable[[int, int], None] | None) -> int:
    for i, doc_id in enumerate(ids, 1):
        with write_transaction(store.engine) as conn:
            fuse_document(conn, doc_id)
        if progress:
            progress(i, len(ids))
    return len(ids)


def _order() -> Any:
    return select(d.c.id).order_by(func.coalesce(d.c.published, "9999"), d.c.id)


def rebuild(store: Store, progress: Callable[[int, int], None] | None = None) -> FuseStats:
    """Recompute every cluster from the stored layers (publication order, one transaction per document)."""
    with write_transaction(store.engine) as conn:
        _clear(conn)
    with store.engine.connect() as conn:
        ids = list(conn.execute(_order()).scalars())
    fused = _fuse_each(store, ids, progress)
    return stats(store, fused)


def fuse_pending(store: Store, progress: Callable[[int, int], None] | None = None) -> FuseStats:
    """Fuse the documents never fused (a store migrated from 0.1.0, or an ingest killed between steps)."""
    with store.engine.connect() as conn:
        ids = list(conn.execute(_order().where(d.c.fused_at.is_(None))).scalars())
    fused = _fuse_each(store, ids, progress)
    return stats(store, fused)


def stats(store: Store, fused: int = 0) -> FuseStats:
    def count(table: Any) -> int:
        return conn.execute(select(func.count()).select_from(table)).scalar_one()

    with store.engine.connect() as conn:
        return FuseStats(documents=count(d), fused=fused, stories=count(schema.stories), claims=count(schema.claims),
                         disputes=count(schema.disputes), entities=count(schema.canonical_entities))
