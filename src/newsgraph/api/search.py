"""Full-text search over document titles, texts and claim contents: SQLite FTS5 or PostgreSQL tsvector.

The index lives in its own table (``search_index``), created idempotently and refreshed incrementally: a
document is (re)indexed when its text hash is not the one indexed, and dropped when the document is gone. The
API refreshes it before it opens the store read-only and after each ``POST /api/ingest``. Without the index
(a read-only file nobody refreshed) search falls back to a LIKE scan so it still answers, only slower.
"""

from __future__ import annotations

import re
from typing import Any

from sqlalchemy import Connection, Engine, func, select, text

from newsgraph.store import schema

MARK_START, MARK_END = "\x02", "\x03"
_WORD = re.compile(r"\w+", re.UNICODE)
_SQLITE_DDL = (
    "CREATE VIRTUAL TABLE IF NOT EXISTS search_index USING fts5("
    "document_id UNINDEXED, kind UNINDEXED, ref UNINDEXED, title, body, tokenize='unicode61 remove_diacritics 2')",
    "CREATE TABLE IF NOT EXISTS search_state (document_id TEXT PRIMARY KEY, text_hash TEXT NOT NULL)",
)
_PG_DDL = (
    "CREATE TABLE IF NOT EXISTS search_index (document_id TEXT NOT NULL, kind TEXT NOT NULL, ref TEXT, "
    "title TEXT, body TEXT, tsv tsvector GENERATED ALWAYS AS "
    "(setweight(to_tsvector('english', coalesce(title, '')), 'A') || to_tsvector('english', coalesce(body, ''))) STORED)",
    "CREATE INDEX IF NOT EXISTS ix_search_index_tsv ON search_index USING GIN (tsv)",
    "CREATE INDEX IF NOT EXISTS ix_search_index_doc ON search_index (document_id)",
    "CREATE TABLE IF NOT EXISTS search_state (document_id TEXT PRIMARY KEY, text_hash TEXT NOT NULL)",
)


def fts_query(q: str) -> str:
    """The user's words as an FTS5 query: each word quoted (no operator injection), all required, last a prefix."""
    words = _WORD.findall(q)
    if not words:
        return ""
    quoted = [f'"{w}"' for w in words]
    quoted[-1] += "*"
    return " ".join(quoted)


def ensure(conn: Connection) -> None:
    """Create the index tables if they are missing (safe to call every start)."""
    for ddl in _SQLITE_DDL if conn.dialect.name == "sqlite" else _PG_DDL:
        conn.execute(text(ddl))


def refresh(engine: Engine) -> int:
    """Bring the index up to date with the documents table; returns how many documents were (re)indexed."""
    d, a = schema.documents, schema.attributions
    with engine.begin() as conn:
        ensure(conn)
        indexed = dict(conn.execute(text("SELECT document_id, text_hash FROM search_state")).all())
        current = dict(conn.execute(select(d.c.id, d.c.text_hash)).all())
        gone = [i for i in indexed if i not in current]
        stale = [i for i, h in current.items() if indexed.get(i) != h]
        for doc_id in gone + stale:
            conn.execute(text("DELETE FROM search_index WHERE document_id = :d"), {"d": doc_id})
            conn.execute(text("DELETE FROM search_state WHERE document_id = :d"), {"d": doc_id})
        for start in range(0, len(stale), 500):
            chunk = stale[start:start + 500]
            docs = conn.execute(select(d.c.id, d.c.title, d.c.doc_json).where(d.c.id.in_(chunk))).all()
            rows = [{"d": r.id, "k": "document", "r": None, "t": r.title or "", "b": (r.doc_json or {}).get("text", "")}
                    for r in docs]
            claims = conn.execute(select(a.c.document_id, a.c.id, a.c.source_text, a.c.content_text)
                                  .where(a.c.document_id.in_(chunk))).all()
            rows += [{"d": c.document_id, "k": "claim", "r": c.id, "t": c.source_text or "", "b": c.content_text or ""}
                     for c in claims]
            if rows:
                conn.execute(text("INSERT INTO search_index (document_id, kind, ref, title, body) "
                                  "VALUES (:d, :k, :r, :t, :b)"), rows)
            conn.execute(text("INSERT INTO search_state (document_id, text_hash) VALUES (:d, :h)"),
                         [{"d": i, "h": current[i]} for i in chunk])
    return len(stale)


def has_index(conn: Connection) -> bool:
    if conn.dialect.name == "sqlite":
        q = "SELECT 1 FROM sqlite_master WHERE name = 'search_index'"
    else:
        q = "SELECT 1 FROM information_schema.tables WHERE table_name = 'search_index'"
    return conn.execute(text(q)).first() is not None


def search(conn: Connection, q: str, kind: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Ranked hits (documents and claims) with a snippet whose matches are wrapped in \\x02...\\x03."""
    if not _WORD.search(q):
        return 0, []
    if not has_index(conn):
        return _like_search(conn, q, kind, limit, offset)
    kind_sql = " AND kind = :kind" if kind else ""
    params: dict[str, Any] = {"kind": kind, "limit": limit, "offset": offset}
    if conn.dialect.name == "sqlite":
        params["q"] = fts_query(q)
        where = f"search_index MATCH :q{kind_sql}"
        total = conn.execute(text(f"SELECT count(*) FROM search_index WHERE {where}"), params).scalar_one()
        rows = conn.execute(text(
            f"SELECT document_id, kind, ref, title, snippet(search_index, 4, '{MARK_START}', '{MARK_END}', ' … ', 24) "
            f"AS snip, bm25(search_index, 0, 0, 0, 4.0, 1.0) AS score FROM search_index WHERE {where} "
            "ORDER BY score LIMIT :limit OFFSET :offset"), params).all()
    else:
        params["q"] = q
        where = f"tsv @@ websearch_to_tsquery('english', :q){kind_sql}"
        total = conn.execute(text(f"SELECT count(*) FROM search_index WHERE {where}"), params).scalar_one()
        rows = conn.execute(text(
            "SELECT document_id, kind, ref, title, ts_headline('english', body, websearch_to_tsquery('english', :q), "
            f"'StartSel=\x02, StopSel=\x03, MaxWords=30, MinWords=10') AS snip, "
            "-ts_rank(tsv, websearch_to_tsquery('english', :q)) AS score "
            f"FROM search_index WHERE {where} ORDER BY score LIMIT :limit OFFSET :offset"), params).all()
    return total, [_hit(conn, r) for r in rows]


def _hit(conn: Connection, r: Any) -> dict[str, Any]:
    d = schema.documents
    title = r.title if r.kind == "document" else conn.execute(select(d.c.title).where(d.c.id == r.document_id)).scalar()
    return {"kind": r.kind, "document_id": r.document_id, "attribution": r.ref, "title": title,
            "snippet": r.snip, "score": round(-float(r.score), 4)}


def _like_search(conn: Connection, q: str, kind: str | None, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """No index: documents whose title or text contains every word (slow, but correct)."""
    if kind == "claim":
        return 0, []
    d = schema.documents
    words = _WORD.findall(q.lower())
    conds = [func.lower(func.coalesce(d.c.title, "") + " " + func.cast(d.c.doc_json, schema.Text)).contains(w)
             for w in words]
    total = conn.execute(select(func.count()).select_from(d).where(*conds)).scalar_one()
    rows = conn.execute(select(d.c.id, d.c.title).where(*conds).order_by(d.c.id).limit(limit).offset(offset)).all()
    return total, [{"kind": "document", "document_id": r.id, "attribution": None, "title": r.title,
                    "snippet": r.title or "", "score": 0.0} for r in rows]
