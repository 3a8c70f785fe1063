"""The API's views over the store: pages with totals from the query layer (``newsgraph.query``), plus the few
shapes it does not have (map points, per-day counts, one row per claim, a story's page).

Every list is ``(total, items)`` for ``limit``/``offset`` pagination, filtered by the query layer's filter
vocabulary and parser (a bad value raises its ``QueryError`` → 422). Where a view needs another shape of the same
rows (the map's points, the timeline's counts, claims grouped by ``claim_id``) it wraps the query layer's own
statement for that kind, so every view filters the same way. Stories are the fusion step's ``stories`` rows;
an attribution fusion has not grouped is its own claim (id ``document/attribution``).
"""

from __future__ import annotations

from collections import defaultdict
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, Select, and_, func, literal, or_, select

from newsgraph.store import schema
from newsgraph.store.db import Store
from newsgraph.store.export import GROUPS
from newsgraph.store.filters import parse_filters
from newsgraph.store.query import _statement, _within, query, query_count

E, A, D, P, N = schema.events, schema.attributions, schema.documents, schema.places, schema.entities
# An event's day: its own date, which the pipeline already falls back to the publication date ('reported'), so
# the indexed column serves filters and ordering directly.
EVENT_DAY = E.c.date
CLAIM_ID = func.coalesce(A.c.claim_id, A.c.document_id + literal("/") + A.c.id)
DOC_COLS = (D.c.published, D.c.outlet, D.c.title)


@lru_cache(maxsize=64)
def _plan(kind: str, keys: tuple[str, ...]) -> tuple[tuple[str, str | None, str], ...]:
    """For one result column list: each key's group (``actor`` for ``actor_text``) and name inside it, worked
    out once per statement shape instead of once per row."""
    groups = GROUPS[kind]
    out = []
    for key in keys:
        group = next((g for g in groups if key.startswith(g + "_")), None)
        out.append((key, group, key[len(group) + 1:] if group else key))
    return tuple(out)


def shape(kind: str, row: dict[str, Any]) -> dict[str, Any]:
    """The export shape of a flat row (same result as ``store.export.shape``, which the tests check), fast
    enough for pages of rows at API rates."""
    out: dict[str, Any] = {"document_id": row.get("document_id")}
    nested: dict[str, dict[str, Any]] = {}
    for key, group, sub in _plan(kind, tuple(row)):
        if group is None:
            out[key] = row[key]
        else:
            nested.setdefault(group, {})[sub] = row[key]
            out.setdefault(group, None)
    for group, values in nested.items():
        out[group] = None if all(v is None for v in values.values()) else values
    if kind == "events":
        out["negated"] = bool(out.get("negated"))
    return out


def jsonable(row: dict[str, Any]) -> dict[str, Any]:
    """Datetimes (updated_at, ingested_at) as ISO strings, so rows go straight into a JSON response."""
    return {k: (v.isoformat() if hasattr(v, "isoformat") else v) for k, v in row.items()}


def _story_id(row: dict[str, Any]) -> str | None:
    return row.get("cluster_id")


def events(store: Store, params: dict[str, Any], limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Events as the export shapes them, with their story id, newest first (the query layer's order)."""
    total = query_count("events", store, **params)
    rows = query("events", store, limit=limit, offset=offset, **params) if total > offset else []
    return total, [{**shape("events", r), "story_id": _story_id(r)} for r in rows]


def event(conn: Connection, doc_id: str, event_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(E, *DOC_COLS).join(D, D.c.id == E.c.document_id)
                       .where(E.c.document_id == doc_id, E.c.id == event_id)).first()
    return {**shape("events", dict(row._mapping)), "story_id": row.cluster_id} if row else None


def _rows_of(kind: str, params: dict[str, Any], store: Store) -> tuple[Select, Any]:
    """The query layer's statement for ``kind`` under these filters, as a subquery to re-shape, and its
    distance filter (refined row by row, as the query layer does)."""
    stmt, geo = _statement(kind, parse_filters(kind, params), store)
    return stmt.order_by(None).subquery(), geo


def map_points(store: Store, params: dict[str, Any], limit: int) -> list[list[Any]]:
    """Compact rows for the map: [lat, lon, type, story_id, document_id, event_id] for events with a place."""
    sub, geo = _rows_of("events", params, store)
    stmt = (select(sub.c.lat, sub.c.lon, sub.c.type, sub.c.cluster_id, sub.c.document_id, sub.c.id)
            .where(sub.c.lat.is_not(None), sub.c.lon.is_not(None)))
    if geo is None:
        stmt = stmt.limit(limit)
    with store.engine.connect() as conn:
        rows = [list(r) for r in conn.execute(stmt) if geo is None or _within({"lat": r[0], "lon": r[1]}, geo)]
    return rows[:limit]


def timeline(store: Store, params: dict[str, Any]) -> list[dict[str, Any]]:
    """Events per day and type (the timeline's bars), dated as the query layer dates them; undated left out."""
    sub, geo = _rows_of("events", params, store)
    day = func.substr(func.coalesce(sub.c.date, sub.c.published), 1, 10).label("day")
    with store.engine.connect() as conn:
        if geo is None:
            stmt = (select(day, sub.c.type, func.count().label("n")).where(day.is_not(None))
                    .group_by(day, sub.c.type).order_by(day, sub.c.type))
            return [{"day": r.day, "type": r.type, "n": r.n} for r in conn.execute(stmt)]
        counts: dict[tuple[str, str], int] = defaultdict(int)
        for r in conn.execute(select(day, sub.c.type, sub.c.lat, sub.c.lon).where(day.is_not(None))):
            if _within(r._mapping, geo):
                counts[(r.day, r.type)] += 1
    return [{"day": d, "type": t, "n": n} for (d, t), n in sorted(counts.items())]


def stories(store: Store, params: dict[str, Any], limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """The fusion step's stories (one row per real-world event), newest first."""
    total = query_count("stories", store, **params)
    rows = query("stories", store, limit=limit, offset=offset, **params) if total > offset else []
    return total, [jsonable(r) for r in rows]


def story(store: Store, story_id: str) -> dict[str, Any] | None:
    """A story's page: the story row, every report with its outlet, figures per outlet, disputes side by side."""
    head = query("stories", store, story=story_id, limit=1)
    reports = [{**shape("events", r), "story_id": story_id}
               for r in query("events", store, story=story_id, limit=2000)]
    if not head and not reports:
        return None
    reports.sort(key=lambda r: (r.get("published") or "", r["document_id"], r["id"]))
    row = jsonable(head[0]) if head else {}
    figures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rep in reports:
        q = rep.get("quantity")
        if q and q.get("value") is not None:
            figures[q.get("unit") or ""].append({"outlet": rep.get("outlet"), "document_id": rep["document_id"],
                                                 "value": q["value"], "text": q.get("text")})
    disputes = [{"unit": unit, "values": sorted({x["value"] for x in xs}), "reports": xs}
                for unit, xs in figures.items() if len({x["value"] for x in xs}) > 1]
    with store.engine.connect() as conn:
        claims = _story_claims(conn, reports)
    stances = {c["stance"] for c in claims}
    if "deny" in stances and stances - {"deny"}:
        disputes.append({"unit": "stance", "values": sorted(stances),
                         "reports": [{"outlet": c["outlet"], "document_id": c["document_id"], "value": c["stance"],
                                      "text": c["content"]} for c in claims]})
    outlets = sorted({rep.get("outlet") or "(unknown outlet)" for rep in reports})
    return {"id": story_id, "story": row, "reports": reports, "outlets": outlets,
            "documents": len({r["document_id"] for r in reports}),
            "origins": row.get("origins") or max((rep.get("origins") or 1) for rep in reports),
            "types": sorted({r["type"] for r in reports} | ({row["type"]} if row.get("type") else set())),
            "figures": dict(figures), "disputes": disputes,
            "disputed": bool(row.get("disputed")) or bool(disputes), "claims": claims}


def _story_claims(conn: Connection, reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = [(r["document_id"], r["attribution"]) for r in reports if r.get("attribution")]
    if not keys:
        return []
    stmt = (select(A, D.c.outlet, CLAIM_ID.label("claim_key")).join(D, D.c.id == A.c.document_id)
            .where(or_(*(and_(A.c.document_id == d, A.c.id == a) for d, a in keys[:200]))))
    return [{"document_id": r.document_id, "id": r.id, "claim_id": r.claim_key, "outlet": r.outlet,
             "source": r.source_text, "source_type": r.source_type, "stance": r.stance, "content": r.content_text}
            for r in conn.execute(stmt)]


def claims(store: Store, params: dict[str, Any], limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """One row per claim: the query layer's claim rows (one per report) grouped by ``claim_id``, with the first
    report's chain of sources."""
    sub, _ = _rows_of("claims", params, store)
    cid = func.coalesce(sub.c.claim_id, sub.c.document_id + literal("/") + sub.c.id).label("id")
    stmt = (select(cid, func.count().label("reports"), func.count(func.distinct(sub.c.outlet)).label("outlets"),
                   func.max(func.coalesce(sub.c.corroboration, 1)).label("corroboration"),
                   func.min(func.substr(sub.c.published, 1, 10)).label("first_day"),
                   func.count(func.distinct(sub.c.stance)).label("stances"),
                   func.max(func.coalesce(sub.c.disputed, False)).label("flagged"))
            .group_by(cid).order_by(func.count().desc(), func.min(sub.c.published).desc(), cid))
    with store.engine.connect() as conn:
        total = conn.execute(select(func.count(func.distinct(cid)))).scalar_one()
        rows = conn.execute(stmt.limit(limit).offset(offset)).all() if total > offset else []
        heads = _claim_heads(conn, [r.id for r in rows])
    items = []
    for r in rows:
        items.append({"id": r.id, "reports": r.reports, "outlets": r.outlets, "corroboration": r.corroboration,
                      "first_day": r.first_day, "disputed": r.stances > 1 or bool(r.flagged), **heads.get(r.id, {})})
    return total, items


def _claim_heads(conn: Connection, ids: list[str]) -> dict[str, dict[str, Any]]:
    """For each claim id, its first report: content, source, stance, original source and chain of sources."""
    if not ids:
        return {}
    rows = conn.execute(select(A, D.c.outlet, D.c.title, CLAIM_ID.label("claim_key")).join(D, D.c.id == A.c.document_id)
                        .where(CLAIM_ID.in_(ids)).order_by(D.c.published, A.c.document_id, A.c.id)).all()
    parents = _parents(conn, rows)
    out: dict[str, dict[str, Any]] = {}
    for r in rows:
        if r.claim_key in out:
            continue
        out[r.claim_key] = _claim_view(r, parents)
    return out


def _parents(conn: Connection, rows: list[Any]) -> dict[tuple[str, str], Any]:
    """Every attribution that embeds one of ``rows`` (walked up to the outermost), keyed by (document, id)."""
    found: dict[tuple[str, str], Any] = {}
    want = {(r.document_id, r.parent) for r in rows if r.parent}
    for _ in range(6):
        want -= set(found)
        if not want:
            break
        cond = or_(*(and_(A.c.document_id == d, A.c.id == a) for d, a in list(want)[:500]))
        got = conn.execute(select(A).where(cond)).all()
        for g in got:
            found[(g.document_id, g.id)] = g
        want = {(g.document_id, g.parent) for g in got if g.parent} | (want - {(g.document_id, g.id) for g in got})
        if not got:
            break
    return found


def _claim_view(r: Any, parents: dict[tuple[str, str], Any]) -> dict[str, Any]:
    chain = [{"role": "source", "text": r.source_text or "(unnamed)", "type": r.source_type, "stance": r.stance,
              "document_id": r.document_id, "attribution": r.id}]
    cur = r
    seen = {r.id}
    while cur.parent and (r.document_id, cur.parent) in parents and cur.parent not in seen:
        cur = parents[(r.document_id, cur.parent)]
        seen.add(cur.id)
        chain.append({"role": "via", "text": cur.source_text or "(unnamed)", "type": cur.source_type,
                      "stance": cur.stance, "document_id": r.document_id, "attribution": cur.id})
    chain.append({"role": "outlet", "text": r.outlet or "(unknown outlet)", "type": "media", "stance": None,
                  "document_id": r.document_id, "attribution": None})
    chain.reverse()
    original = ({"text": r.original_source_text, "type": r.original_source_type} if r.original_source_text
                else {"text": chain[-1]["text"], "type": chain[-1]["type"]})
    return {"content": r.content_text, "source": {"text": r.source_text, "type": r.source_type},
            "stance": r.stance, "cue": r.cue_text, "document_id": r.document_id, "attribution": r.id,
            "title": r.title, "chain": chain, "original_source": original}


def claim(conn: Connection, claim_id: str) -> dict[str, Any] | None:
    """A claim's page: every report with its own chain of sources."""
    rows = conn.execute(select(A, D.c.outlet, D.c.title, D.c.published, CLAIM_ID.label("claim_key"))
                        .join(D, D.c.id == A.c.document_id).where(claim_id == CLAIM_ID)
                        .order_by(D.c.published, A.c.document_id, A.c.id)).all()
    if not rows:
        return None
    parents = _parents(conn, rows)
    reports = [{**_claim_view(r, parents), "outlet": r.outlet, "published": r.published} for r in rows]
    stances = sorted({r.stance for r in rows if r.stance})
    return {"id": claim_id, "reports": reports, "content": reports[0]["content"],
            "corroboration": max((r.corroboration or 1) for r in rows),
            "outlets": sorted({r.outlet or "(unknown outlet)" for r in rows}), "stances": stances,
            "disputed": len(stances) > 1, "original_source": reports[0]["original_source"]}


def listing(kind: str, store: Store, params: dict[str, Any], limit: int, offset: int) -> tuple[int, list[dict]]:
    """Documents, entities or places as the query layer returns them (JSON-safe values)."""
    total = query_count(kind, store, **params)
    rows = query(kind, store, limit=limit, offset=offset, **params) if total > offset else []
    return total, [jsonable(r) for r in rows]


def document_layers(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    """The stored Document JSON plus each event's story id and each attribution's claim id (for links)."""
    row = conn.execute(select(D.c.doc_json).where(D.c.id == doc_id)).first()
    if not row:
        return None
    doc = dict(row[0])
    story_ids = dict(conn.execute(select(E.c.id, E.c.cluster_id).where(E.c.document_id == doc_id)).all())
    claim_ids = dict(conn.execute(select(A.c.id, CLAIM_ID).where(A.c.document_id == doc_id)).all())
    for ev in doc.get("events") or []:
        ev["story_id"] = story_ids.get(ev.get("id"))
    for at in doc.get("attributions") or []:
        at["claim_id"] = claim_ids.get(at.get("id"))
    return doc


def types_summary(conn: Connection) -> dict[str, Any]:
    """Counts for the UI header: documents, events, stories, claims, and the event types present."""
    n_docs = conn.execute(select(func.count()).select_from(D)).scalar_one()
    n_events = conn.execute(select(func.count()).select_from(E)).scalar_one()
    n_claims = conn.execute(select(func.count()).select_from(A)).scalar_one()
    by_type = conn.execute(select(E.c.type, func.count()).group_by(E.c.type)).all()
    located = conn.execute(select(func.count()).select_from(E).where(E.c.lat.is_not(None))).scalar_one()
    dated = conn.execute(select(func.min(EVENT_DAY), func.max(EVENT_DAY)).select_from(E.join(D, D.c.id == E.c.document_id))).first()
    return {"documents": n_docs, "events": n_events, "attributions": n_claims, "located_events": located,
            "types": {t: n for t, n in by_type}, "first_day": dated[0] if dated else None,
            "last_day": dated[1] if dated else None,
            "unfused": bool(n_events) and conn.execute(select(func.count()).select_from(E).where(
                E.c.cluster_id.is_not(None))).scalar_one() == 0}


__all__ = ["claim", "claims", "document_layers", "event", "events", "listing", "map_points", "stories", "story",
           "timeline", "types_summary"]
