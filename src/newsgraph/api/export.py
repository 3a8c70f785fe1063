"""``GET /api/export/{kind}``: the store's exporters (CSV, GeoJSON, JSONL) over the query layer's rows.

Rows come flat from ``newsgraph.query`` with the request's filters and go to ``store.export.write``, so the API
and ``newsgraph export`` write the same columns.
"""

from __future__ import annotations

from typing import IO, Any

from newsgraph.store import export as exporter
from newsgraph.store.db import Store
from newsgraph.store.query import query


def write(store: Store, kind: str, fmt: str, filters: dict[str, Any], limit: int, fh: IO[str]) -> int:
    """Write up to ``limit`` filtered rows of ``kind`` to ``fh`` in ``fmt``; returns rows written."""
    rows = query(kind, store, limit=limit, **filters)
    return exporter.write(kind, fmt, rows, fh)
