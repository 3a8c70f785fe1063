"""Batched writes shared by stories and claims: cluster rows upserted and report stamps written in a few
statements per document step, whatever the number or size of the clusters touched.

Why: one INSERT/UPDATE per cluster and one UPDATE per report made fusing a document cost a statement for every
member of every cluster it joined, so the cost grew with the clusters (and SQL round trips were most of it).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlalchemy import Connection, Table, bindparam, select, update

IN_CHUNK = 500  # values per IN list


def existing_ids(conn: Connection, table: Table, ids: Iterable[str]) -> set[str]:
    wanted = sorted(set(ids))
    found: set[str] = set()
    for i in range(0, len(wanted), IN_CHUNK):
        found |= set(conn.execute(select(table.c.id).where(table.c.id.in_(wanted[i : i + IN_CHUNK]))).scalars())
    return found


def upsert(conn: Connection, table: Table, rows: list[dict[str, Any]], insert_defaults: dict[str, Any]) -> None:
    """Insert the rows whose id is new (with ``insert_defaults``), update the others, one executemany each.
    Every row must carry the same columns."""
    if not rows:
        return
    have = existing_ids(conn, table, (r["id"] for r in rows))
    new = [{**insert_defaults, **r} for r in rows if r["id"] not in have]
    old = [{"k_id": r["id"], **{k: v for k, v in r.items() if k != "id"}} for r in rows if r["id"] in have]
    if new:
        conn.execute(table.insert(), new)
    if old:
        cols = [k for k in old[0] if k != "k_id"]
        conn.execute(update(table).where(table.c.id == bindparam("k_id")).values({c: bindparam(c) for c in cols}),
                     old)


def changed(row: dict[str, Any], stamp: dict[str, Any]) -> bool:
    """Does writing ``stamp`` onto the stored ``row`` change anything?"""
    return any(row.get(k) != v for k, v in stamp.items())


def stamp_reports(conn: Connection, table: Table, stamps: list[dict[str, Any]]) -> None:
    """Write per-report stamps ({k_doc, k_id, column: value...}, the same columns in each) in one statement."""
    if not stamps:
        return
    cols = [k for k in stamps[0] if not k.startswith("k_")]
    conn.execute(update(table).where(table.c.document_id == bindparam("k_doc"), table.c.id == bindparam("k_id"))
                 .values({c: bindparam(c) for c in cols}), stamps)
