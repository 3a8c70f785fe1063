"""The store: save Documents (one transaction each, idempotent re-ingest) and read layers back for export/API.

SQLite by default (a file in the user data dir), PostgreSQL by URL (``postgresql+psycopg://...``): the same
SQLAlchemy Core statements run on both.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, or_, select
from sqlalchemy.exc import SQLAlchemyError

from newsgraph.document import Document
from newsgraph.errors import Errors
from newsgraph.ingest.base import text_hash
from newsgraph.store import schema
from newsgraph.store.rows import layer_rows


class StoreError(Exception):
    """A database problem, with the coded message users see."""


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    cur.close()


def open_engine(url: str) -> Engine:
    """An engine for ``url`` with the tables created; SQLite parent folders are made on demand."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True)
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
        schema.metadata.create_all(engine)
        with engine.begin() as conn:
            have = conn.execute(select(schema.meta_table.c.value).where(schema.meta_table.c.key == "schema_version"))
            if have.scalar() is None:
                conn.execute(insert(schema.meta_table).values(key="schema_version", value=str(schema.SCHEMA_VERSION)))
    except (SQLAlchemyError, ModuleNotFoundError) as exc:
        raise StoreError(Errors.E030.fmt(detail=f"{url}: {exc}")) from None
    return engine


class Store:
    """Documents and their layers in one database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = open_engine(url)

    def save(self, doc: Document) -> str:
        """Insert or replace ``doc`` (matched by id or by text hash) in one transaction; returns 'inserted'/'updated'."""
        digest = text_hash(doc.text)
        d = schema.documents
        with self.engine.begin() as conn:
            old = conn.execute(select(d.c.id).where(or_(d.c.id == doc.id, d.c.text_hash == digest))).scalars().all()
            for old_id in old:
                for table in schema.LAYER_TABLES:
                    conn.execute(delete(table).where(table.c.document_id == old_id))
                conn.execute(delete(d).where(d.c.id == old_id))
            conn.execute(insert(d).values(
                id=doc.id, text_hash=digest, title=doc.title, published=doc.published, language=doc.language,
                url=doc.url, outlet=doc.outlet, byline=doc.byline, n_events=len(doc.events),
                n_attributions=len(doc.attributions), ingested_at=datetime.now(UTC),
                doc_json=doc.model_dump(mode="json"),
            ))
            for table in schema.LAYER_TABLES:
                rows = layer_rows(doc)[table.name]
                if rows:
                    conn.execute(insert(table), rows)
        return "updated" if old else "inserted"

    def get(self, doc_id: str) -> Document | None:
        with self.engine.connect() as conn:
            row = conn.execute(select(schema.documents.c.doc_json).where(schema.documents.c.id == doc_id)).first()
        return Document.model_validate(row[0]) if row else None

    def counts(self) -> dict[str, int]:
        with self.engine.connect() as conn:
            return {t.name: conn.execute(select(func.count()).select_from(t)).scalar_one()
                    for t in (schema.documents, *schema.LAYER_TABLES)}

    def top(self, kind: str, columns: tuple[str, ...], n: int = 8) -> list[tuple[Any, ...]]:
        """The most frequent values of ``columns`` in one layer table, with counts (for summaries and the UI)."""
        table = {"events": schema.events, "claims": schema.attributions, "places": schema.places}[kind]
        cols = [table.c[c] for c in columns]
        stmt = (select(*cols, func.count().label("n")).where(cols[0].is_not(None)).group_by(*cols)
                .order_by(func.count().desc(), *cols).limit(n))
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(stmt)]

    def top_sources(self, n: int = 8) -> list[tuple[str, str, int]]:
        """Most cited sources, by canonical entity where the source was linked ('he' counts for the person)."""
        a, e = schema.attributions, schema.entities
        name = func.coalesce(e.c.canonical, a.c.source_text)
        stmt = (select(name, a.c.source_type, func.count()).select_from(
            a.outerjoin(e, (e.c.document_id == a.c.document_id) & (e.c.entity_id == a.c.source_entity_id)
                        & (e.c.idx == select(func.min(e.c.idx)).where(
                            (e.c.document_id == a.c.document_id) & (e.c.entity_id == a.c.source_entity_id))
                           .correlate(a).scalar_subquery())))
                .where(a.c.source_text.is_not(None), a.c.parent.is_(None))
                .group_by(name, a.c.source_type).order_by(func.count().desc(), name).limit(n))
        with self.engine.connect() as conn:
            return [tuple(r) for r in conn.execute(stmt)]

    def rows(self, kind: str, filters: dict[str, Any] | None = None) -> Iterator[dict[str, Any]]:
        """Flat rows of one layer (events | claims | places) joined with document metadata, filtered."""
        table = {"events": schema.events, "claims": schema.attributions, "places": schema.places}[kind]
        d = schema.documents
        stmt = select(table, d.c.published, d.c.outlet, d.c.title).join(d, d.c.id == table.c.document_id)
        f = filters or {}
        if f.get("since"):
            stmt = stmt.where(d.c.published >= f["since"])
        if f.get("until"):
            stmt = stmt.where(d.c.published <= f["until"] + "\uffff")
        if f.get("document"):
            stmt = stmt.where(table.c.document_id == f["document"])
        if f.get("event_type") and kind == "events":
            stmt = stmt.where(table.c.type == f["event_type"].upper())
        if f.get("country") and kind in ("events", "places"):
            stmt = stmt.where(table.c.country_code == f["country"].upper())
        order = [table.c.document_id, table.c.idx if kind == "places" else table.c.id]
        with self.engine.connect() as conn:
            for row in conn.execute(stmt.order_by(*order)):
                yield dict(row._mapping)

    def known_hashes(self, hashes: Iterable[str]) -> set[str]:
        """Which of these text hashes are stored already (for resumed runs to skip them), in bounded IN lists."""
        wanted, found = list(dict.fromkeys(hashes)), set()
        col = schema.documents.c.text_hash
        with self.engine.connect() as conn:
            for i in range(0, len(wanted), 500):
                found.update(conn.execute(select(col).where(col.in_(wanted[i:i + 500]))).scalars())
        return found
