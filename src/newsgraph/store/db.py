"""The store: save Documents (one transaction each, idempotent re-ingest) and read layers back for export/API.

SQLite by default (a file in the user data dir), PostgreSQL by URL (``postgresql+psycopg://...``): the same
SQLAlchemy Core statements run on both. Writers never fail on a busy database, they wait: SQLite runs in WAL mode
with a busy timeout and every write transaction starts with ``BEGIN IMMEDIATE`` (taking the write lock first, so
a read-then-write transaction cannot hit SQLITE_BUSY half-way); on PostgreSQL a write transaction takes one
advisory lock, so concurrent ingesters store and fuse one document at a time and never open two clusters for one
event. Parsing, the slow part, stays parallel.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import Connection, Engine, create_engine, delete, event, func, insert, or_, select, text
from sqlalchemy.exc import SQLAlchemyError

from newsgraph.document import Document
from newsgraph.errors import Errors, redact
from newsgraph.ingest.base import text_hash
from newsgraph.store import migrate, schema
from newsgraph.store.rows import layer_rows


class StoreError(Exception):
    """A database problem, with the coded message users see."""


BUSY_TIMEOUT_S = 120  # how long a SQLite writer waits for another writer before giving up
WRITE_LOCK = 7_314_002  # PostgreSQL advisory lock key held by every write transaction (save, fuse)


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    dbapi_conn.isolation_level = None  # SQLAlchemy's "begin" event below emits BEGIN itself
    cur = dbapi_conn.cursor()
    cur.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_S * 1000}")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA journal_mode=WAL")
    # WAL + NORMAL: a commit is not fsynced (the WAL is, at checkpoints), so a killed process still loses at most
    # the document in flight and the file never corrupts; only an OS crash or power cut can undo the last commits.
    # Each ingested document is one transaction, and the fsync was a fixed cost of every one.
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _sqlite_begin(conn: Connection) -> None:
    """Writers take SQLite's write lock at BEGIN (and wait for it); readers begin deferred and never block."""
    immediate = conn.get_execution_options().get("newsgraph_write")
    conn.exec_driver_sql("BEGIN IMMEDIATE" if immediate else "BEGIN")


def open_engine(url: str) -> Engine:
    """An engine for ``url`` with its schema migrated to head; SQLite parent folders are made on demand."""
    if url.startswith("sqlite:///") and not url.startswith("sqlite:///:memory:"):
        Path(url.removeprefix("sqlite:///")).expanduser().parent.mkdir(parents=True, exist_ok=True)
    try:
        engine = create_engine(url, future=True, connect_args={"timeout": BUSY_TIMEOUT_S}
                               if url.startswith("sqlite") else {})
        if engine.dialect.name == "sqlite":
            event.listen(engine, "connect", _sqlite_pragmas)
            event.listen(engine, "begin", _sqlite_begin)
        migrate.upgrade(engine)
    except (SQLAlchemyError, ModuleNotFoundError) as exc:
        raise StoreError(Errors.E030.fmt(detail=redact(f"{url}: {exc}"))) from None
    return engine


@contextmanager
def write_transaction(engine: Engine) -> Iterator[Connection]:
    """One write transaction that waits for, then holds, the store's write lock (see the module docstring)."""
    with engine.connect() as conn:
        conn.execution_options(newsgraph_write=True)
        with conn.begin():
            if conn.dialect.name == "postgresql":
                conn.execute(text("SELECT pg_advisory_xact_lock(:k)"), {"k": WRITE_LOCK})
            yield conn


class Store:
    """Documents and their layers in one database."""

    def __init__(self, url: str) -> None:
        self.url = url
        self.engine = open_engine(url)

    def save(self, doc: Document) -> str:
        """Insert or replace ``doc`` (matched by id or by text hash) in one transaction; returns 'inserted'/'updated'."""
        digest = text_hash(doc.text)
        with write_transaction(self.engine) as conn:
            return self.save_on(conn, doc, digest)

    def save_many(self, docs: list[Document]) -> list[str]:
        """Save several documents, one transaction each, so a kill loses at most the document in flight."""
        return [self.save(doc) for doc in docs]

    @staticmethod
    def save_on(conn: Connection, doc: Document, digest: str | None = None) -> str:
        """Insert or replace ``doc`` inside the caller's write transaction (so fusion can share it)."""
        digest = digest or text_hash(doc.text)
        d = schema.documents
        old = conn.execute(select(d.c.id).where(or_(d.c.id == doc.id, d.c.text_hash == digest))).scalars().all()
        for old_id in old:
            for table in (*schema.LAYER_TABLES, *schema.DOC_KEY_TABLES):
                conn.execute(delete(table).where(table.c.document_id == old_id))
            conn.execute(delete(d).where(d.c.id == old_id))
        conn.execute(insert(d).values(
            id=doc.id, text_hash=digest, title=doc.title, published=doc.published, language=doc.language,
            url=doc.url, outlet=doc.outlet, byline=doc.byline, n_events=len(doc.events),
            n_attributions=len(doc.attributions), ingested_at=datetime.now(UTC),
            doc_json=doc.model_dump(mode="json"),
        ))
        layers = layer_rows(doc)
        for table in schema.LAYER_TABLES:
            rows = layers[table.name]
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
                    for t in (schema.documents, *schema.LAYER_TABLES, *schema.FUSION_TABLES)}

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
