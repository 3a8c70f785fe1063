"""``GET /api/export/{kind}``: the store's exporters (CSV, GeoJSON, JSONL) over the API's filters.

Rows are selected with the same WHERE terms as the list views, flat as stored, and handed to
``store.export.write`` so the API and ``newsgraph export`` write the same columns.
"""

from __future__ import annotations

from typing import IO

from sqlalchemy import Connection, select

from newsgraph.api import queries as q
from newsgraph.api.filters import Filters
from newsgraph.store import export as exporter


def write(conn: Connection, kind: str, fmt: str, f: Filters, limit: int, fh: IO[str]) -> int:
    """Write up to ``limit`` filtered rows of ``kind`` to ``fh`` in ``fmt``; returns rows written."""
    if kind == "events":
        stmt = (select(q.E, *q.DOC_COLS).join(q.D, q.D.c.id == q.E.c.document_id).where(*q.event_conditions(f))
                .order_by(q.E.c.document_id, q.E.c.id))
    elif kind == "claims":
        stmt = (select(q.A, *q.DOC_COLS).join(q.D, q.D.c.id == q.A.c.document_id).where(*q.claim_conditions(f))
                .order_by(q.A.c.document_id, q.A.c.id))
    else:
        where = [q.P.c.country_code == f.country] if f.country else []
        if f.document:
            where.append(q.P.c.document_id == f.document)
        stmt = (select(q.P, *q.DOC_COLS).join(q.D, q.D.c.id == q.P.c.document_id).where(*where)
                .order_by(q.P.c.document_id, q.P.c.idx))
    rows = (dict(r._mapping) for r in conn.execute(stmt.limit(limit)))
    return exporter.write(kind, fmt, rows, fh)
