"""Read-side SQL for the API and UI views: pages with totals, one statement per view, over the store's indexes.

Every list is ``(total, items)`` for ``limit``/``offset`` pagination. Stories and claims come from the fusion
columns the store already has (``events.cluster_id``/``origins``, ``attributions.claim_id``/``corroboration``);
a row fusion has not clustered yet is its own story or claim (id ``document/event``), so the views work on any
store and fill in as fusion runs.
"""

from __future__ import annotations

import math
from collections import defaultdict
from functools import lru_cache
from typing import Any

from sqlalchemy import ColumnElement, Connection, Select, and_, func, literal, or_, select

from newsgraph.api.filters import Filters
from newsgraph.store import schema
from newsgraph.store.export import GROUPS

E, A, D, P, N = schema.events, schema.attributions, schema.documents, schema.places, schema.entities
# An event's day: its own date, which the pipeline already falls back to the publication date ('reported'), so
# the indexed column serves filters and ordering directly.
EVENT_DAY = E.c.date
STORY_ID = func.coalesce(E.c.cluster_id, E.c.document_id + literal("/") + E.c.id)
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


def _like(col: ColumnElement, text: str) -> ColumnElement:
    """Case-insensitive substring match with LIKE wildcards in the user's text escaped."""
    esc = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return func.lower(col).like(f"%{esc.lower()}%", escape="\\")


def _near(lat_col: ColumnElement, lon_col: ColumnElement, f: Filters) -> ColumnElement:
    """Within f.km of (f.lat, f.lon): a bounding box the indexes can use, then an equirectangular distance."""
    assert f.lat is not None and f.lon is not None and f.km is not None
    dlat = f.km / 111.2
    coslat = max(math.cos(math.radians(f.lat)), 0.01)
    dlon = min(dlat / coslat, 360.0)
    return and_(lat_col.between(f.lat - dlat, f.lat + dlat), lon_col.between(f.lon - dlon, f.lon + dlon),
                ((lat_col - f.lat) * (lat_col - f.lat)
                 + (lon_col - f.lon) * (lon_col - f.lon) * coslat * coslat) <= dlat * dlat)


def disputed_stories() -> Select:
    """Story ids whose reports give different figures for the same unit (one says 3 killed, another 5)."""
    return (select(E.c.cluster_id).where(E.c.cluster_id.is_not(None), E.c.quantity_value.is_not(None))
            .group_by(E.c.cluster_id, E.c.quantity_unit).having(func.count(func.distinct(E.c.quantity_value)) > 1))


def event_conditions(f: Filters) -> list[ColumnElement]:
    """WHERE terms for events (joined with documents) from the shared filters."""
    w: list[ColumnElement] = []
    if f.type:
        w.append(E.c.type == f.type)
    if f.actor:
        w.append(or_(_like(E.c.actor_text, f.actor), _like(E.c.recipient_text, f.actor)))
    if f.place:
        w.append(_like(E.c.place_name, f.place))
    if f.country:
        w.append(E.c.country_code == f.country)
    if f.since:
        w.append(f.since <= EVENT_DAY)
    if f.until:
        w.append(f.until + "\uffff" >= EVENT_DAY)
    if f.min_origins is not None:
        w.append(func.coalesce(E.c.origins, 1) >= f.min_origins)
    if f.disputed is not None:
        member = E.c.cluster_id.in_(disputed_stories())
        w.append(member if f.disputed else or_(E.c.cluster_id.is_(None), ~member))
    if f.document:
        w.append(E.c.document_id == f.document)
    if f.story:
        w.append(f.story == STORY_ID)
    if f.outlet:
        w.append(_like(D.c.outlet, f.outlet))
    if f.lat is not None:
        w.append(_near(E.c.lat, E.c.lon, f))
    if f.source_type or f.stance or f.claim:
        sub = select(A.c.id).where(A.c.document_id == E.c.document_id, A.c.id == E.c.attribution)
        if f.source_type:
            sub = sub.where(A.c.source_type == f.source_type)
        if f.stance:
            sub = sub.where(A.c.stance == f.stance)
        if f.claim:
            sub = sub.where(f.claim == CLAIM_ID)
        w.append(sub.exists())
    return w


def _page(conn: Connection, stmt: Select, count_stmt: Select, limit: int, offset: int) -> tuple[int, list[Any]]:
    total = conn.execute(count_stmt).scalar_one()
    rows = conn.execute(stmt.limit(limit).offset(offset)).all() if total > offset else []
    return total, rows


def events(conn: Connection, f: Filters, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Events as the export shapes them, with their story id, newest first."""
    where = event_conditions(f)
    base = select(E, *DOC_COLS, STORY_ID.label("story_id")).join(D, D.c.id == E.c.document_id).where(*where)
    count = select(func.count()).select_from(E.join(D, D.c.id == E.c.document_id) if f.outlet else E).where(*where)
    stmt = base.order_by(EVENT_DAY.desc(), E.c.document_id.desc(), E.c.id.desc())
    total, rows = _page(conn, stmt, count, limit, offset)
    return total, [shape("events", dict(r._mapping)) for r in rows]


def event(conn: Connection, doc_id: str, event_id: str) -> dict[str, Any] | None:
    row = conn.execute(select(E, *DOC_COLS, STORY_ID.label("story_id")).join(D, D.c.id == E.c.document_id)
                       .where(E.c.document_id == doc_id, E.c.id == event_id)).first()
    return shape("events", dict(row._mapping)) if row else None


def map_points(conn: Connection, f: Filters, limit: int) -> list[list[Any]]:
    """Compact rows for the map: [lat, lon, type, story_id, document_id, event_id] for events with a place."""
    stmt = (select(E.c.lat, E.c.lon, E.c.type, STORY_ID, E.c.document_id, E.c.id).join(D, D.c.id == E.c.document_id)
            .where(E.c.lat.is_not(None), E.c.lon.is_not(None), *event_conditions(f)).limit(limit))
    return [list(r) for r in conn.execute(stmt)]


def timeline(conn: Connection, f: Filters) -> list[dict[str, Any]]:
    """Events per day and type (the timeline's bars); rows without a date are left out."""
    day = EVENT_DAY.label("day")
    stmt = (select(day, E.c.type, func.count().label("n")).join(D, D.c.id == E.c.document_id)
            .where(EVENT_DAY.is_not(None), *event_conditions(f)).group_by(day, E.c.type).order_by(day, E.c.type))
    return [{"day": r.day, "type": r.type, "n": r.n} for r in conn.execute(stmt)]


def stories(conn: Connection, f: Filters, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """One row per story (event cluster): size, outlets, independent origins, first day, a headline, a place."""
    where = event_conditions(f)
    sid = STORY_ID.label("id")
    joined = E.join(D, D.c.id == E.c.document_id)
    stmt = (select(sid, func.count().label("reports"), func.count(func.distinct(E.c.document_id)).label("documents"),
                   func.count(func.distinct(D.c.outlet)).label("outlets"),
                   func.max(func.coalesce(E.c.origins, 1)).label("origins"), func.min(E.c.type).label("type"),
                   func.max(E.c.type).label("type_max"), func.min(EVENT_DAY).label("first_day"),
                   func.max(EVENT_DAY).label("last_day"), func.min(D.c.title).label("title"),
                   func.max(E.c.place_name).label("place_name"), func.max(E.c.country_code).label("country_code"),
                   func.max(E.c.lat).label("lat"), func.max(E.c.lon).label("lon"),
                   func.count(func.distinct(E.c.quantity_value)).label("figures"))
            .select_from(joined).where(*where).group_by(sid)
            .order_by(func.count().desc(), func.min(EVENT_DAY).desc(), sid))
    count = select(func.count(func.distinct(STORY_ID))).select_from(joined).where(*where)
    total, rows = _page(conn, stmt, count, limit, offset)
    items = []
    for r in rows:
        m = dict(r._mapping)
        m["types"] = sorted({m.pop("type"), m.pop("type_max")})
        m["disputed"] = m.pop("figures") > 1
        items.append(m)
    return total, items


def story(conn: Connection, story_id: str) -> dict[str, Any] | None:
    """A story's page: every report with its outlet, figures per outlet, origins, and disputes side by side."""
    rows = conn.execute(select(E, *DOC_COLS, D.c.url, STORY_ID.label("story_id")).join(D, D.c.id == E.c.document_id)
                        .where(story_id == STORY_ID).order_by(D.c.published, E.c.document_id, E.c.id)).all()
    if not rows:
        return None
    reports = [shape("events", dict(r._mapping)) for r in rows]
    figures: dict[str, list[dict[str, Any]]] = defaultdict(list)
    for rep in reports:
        q = rep.get("quantity")
        if q and q.get("value") is not None:
            figures[q.get("unit") or ""].append({"outlet": rep.get("outlet"), "document_id": rep["document_id"],
                                                 "value": q["value"], "text": q.get("text")})
    disputes = [{"unit": unit, "values": sorted({x["value"] for x in xs}), "reports": xs}
                for unit, xs in figures.items() if len({x["value"] for x in xs}) > 1]
    claims = _story_claims(conn, reports)
    outlets = sorted({rep.get("outlet") or "(unknown outlet)" for rep in reports})
    stances = {c["stance"] for c in claims}
    if "deny" in stances and stances - {"deny"}:
        disputes.append({"unit": "stance", "values": sorted(stances),
                         "reports": [{"outlet": c["outlet"], "document_id": c["document_id"], "value": c["stance"],
                                      "text": c["content"]} for c in claims]})
    return {"id": story_id, "reports": reports, "outlets": outlets, "documents": len({r["document_id"] for r in reports}),
            "origins": max((rep.get("origins") or 1) for rep in reports), "types": sorted({r["type"] for r in reports}),
            "figures": {u: xs for u, xs in figures.items()}, "disputes": disputes, "disputed": bool(disputes),
            "claims": claims}


def _story_claims(conn: Connection, reports: list[dict[str, Any]]) -> list[dict[str, Any]]:
    keys = [(r["document_id"], r["attribution"]) for r in reports if r.get("attribution")]
    if not keys:
        return []
    stmt = (select(A, D.c.outlet, CLAIM_ID.label("claim_key")).join(D, D.c.id == A.c.document_id)
            .where(or_(*(and_(A.c.document_id == d, A.c.id == a) for d, a in keys[:200]))))
    return [{"document_id": r.document_id, "id": r.id, "claim_id": r.claim_key, "outlet": r.outlet,
             "source": r.source_text, "source_type": r.source_type, "stance": r.stance, "content": r.content_text}
            for r in conn.execute(stmt)]


def claim_conditions(f: Filters) -> list[ColumnElement]:
    w: list[ColumnElement] = []
    if f.source_type:
        w.append(A.c.source_type == f.source_type)
    if f.stance:
        w.append(A.c.stance == f.stance)
    if f.since:
        w.append(func.substr(D.c.published, 1, 10) >= f.since)
    if f.until:
        w.append(func.substr(D.c.published, 1, 10) <= f.until + "\uffff")
    if f.min_origins is not None:
        w.append(func.coalesce(A.c.corroboration, 1) >= f.min_origins)
    if f.document:
        w.append(A.c.document_id == f.document)
    if f.claim:
        w.append(f.claim == CLAIM_ID)
    if f.outlet:
        w.append(_like(D.c.outlet, f.outlet))
    if f.name or f.actor:
        w.append(_like(A.c.source_text, f.name or f.actor or ""))
    if f.disputed is not None:
        denied = (select(A.c.claim_id).where(A.c.claim_id.is_not(None)).group_by(A.c.claim_id)
                  .having(func.count(func.distinct(A.c.stance)) > 1))
        w.append(A.c.claim_id.in_(denied) if f.disputed else or_(A.c.claim_id.is_(None), ~A.c.claim_id.in_(denied)))
    if f.type or f.story or f.country or f.place or f.lat is not None:
        sub = (select(E.c.id).join(D, D.c.id == E.c.document_id)
               .where(E.c.document_id == A.c.document_id, E.c.attribution == A.c.id, *event_conditions(
                   Filters(type=f.type, story=f.story, country=f.country, place=f.place, lat=f.lat, lon=f.lon, km=f.km))))
        w.append(sub.exists())
    return w


def claims(conn: Connection, f: Filters, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """One row per claim (attributions fusion grouped; an unfused attribution is its own claim), with its chain."""
    where = claim_conditions(f)
    cid = CLAIM_ID.label("id")
    joined = A.join(D, D.c.id == A.c.document_id)
    stmt = (select(cid, func.count().label("reports"), func.count(func.distinct(D.c.outlet)).label("outlets"),
                   func.max(func.coalesce(A.c.corroboration, 1)).label("corroboration"),
                   func.min(A.c.document_id).label("document_id"), func.min(func.substr(D.c.published, 1, 10))
                   .label("first_day"), func.count(func.distinct(A.c.stance)).label("stances"))
            .select_from(joined).where(*where).group_by(cid).order_by(func.count().desc(), cid))
    count = select(func.count(func.distinct(CLAIM_ID))).select_from(joined).where(*where)
    total, rows = _page(conn, stmt, count, limit, offset)
    heads = _claim_heads(conn, [r.id for r in rows])
    items = []
    for r in rows:
        head = heads.get(r.id, {})
        items.append({"id": r.id, "reports": r.reports, "outlets": r.outlets, "corroboration": r.corroboration,
                      "first_day": r.first_day, "disputed": r.stances > 1, **head})
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


def documents(conn: Connection, f: Filters, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    w: list[ColumnElement] = []
    if f.since:
        w.append(func.substr(D.c.published, 1, 10) >= f.since)
    if f.until:
        w.append(func.substr(D.c.published, 1, 10) <= f.until + "\uffff")
    if f.outlet:
        w.append(_like(D.c.outlet, f.outlet))
    if f.name:
        w.append(_like(D.c.title, f.name))
    if f.document:
        w.append(D.c.id == f.document)
    if f.type or f.country or f.story or f.actor or f.place:
        sub = select(E.c.id).where(E.c.document_id == D.c.id, *event_conditions(
            Filters(type=f.type, country=f.country, story=f.story, actor=f.actor, place=f.place)))
        w.append(sub.exists())
    cols = (D.c.id, D.c.title, D.c.published, D.c.language, D.c.url, D.c.outlet, D.c.byline, D.c.n_events,
            D.c.n_attributions)
    stmt = select(*cols).where(*w).order_by(D.c.published.desc(), D.c.id)
    total, rows = _page(conn, stmt, select(func.count()).select_from(D).where(*w), limit, offset)
    return total, [dict(r._mapping) for r in rows]


def document_layers(conn: Connection, doc_id: str) -> dict[str, Any] | None:
    """The stored Document JSON plus each event's story id and each attribution's claim id (for links)."""
    row = conn.execute(select(D.c.doc_json).where(D.c.id == doc_id)).first()
    if not row:
        return None
    doc = dict(row[0])
    story_ids = dict(conn.execute(select(E.c.id, STORY_ID).where(E.c.document_id == doc_id)).all())
    claim_ids = dict(conn.execute(select(A.c.id, CLAIM_ID).where(A.c.document_id == doc_id)).all())
    for ev in doc.get("events") or []:
        ev["story_id"] = story_ids.get(ev.get("id"))
    for at in doc.get("attributions") or []:
        at["claim_id"] = claim_ids.get(at.get("id"))
    return doc


def entities(conn: Connection, f: Filters, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Entities by canonical name and label: mentions and documents."""
    w: list[ColumnElement] = []
    if f.name or f.actor:
        w.append(_like(N.c.canonical, f.name or f.actor or ""))
    if f.document:
        w.append(N.c.document_id == f.document)
    key = (N.c.canonical, N.c.label)
    stmt = (select(*key, func.count().label("mentions"), func.count(func.distinct(N.c.document_id)).label("documents"))
            .where(*w).group_by(*key).order_by(func.count().desc(), N.c.canonical))
    count = select(func.count()).select_from(select(*key).where(*w).group_by(*key).subquery())
    total, rows = _page(conn, stmt, count, limit, offset)
    return total, [{"name": r.canonical, "label": r.label, "mentions": r.mentions, "documents": r.documents}
                   for r in rows]


def places(conn: Connection, f: Filters, limit: int, offset: int) -> tuple[int, list[dict[str, Any]]]:
    """Resolved places: mentions, documents and coordinates, by gazetteer entry."""
    w: list[ColumnElement] = [P.c.lat.is_not(None)]
    if f.country:
        w.append(P.c.country_code == f.country)
    if f.place or f.name:
        w.append(_like(P.c.name, f.place or f.name or ""))
    if f.document:
        w.append(P.c.document_id == f.document)
    if f.lat is not None:
        w.append(_near(P.c.lat, P.c.lon, f))
    key = (P.c.name, P.c.country_code, P.c.feature)
    stmt = (select(*key, func.min(P.c.lat).label("lat"), func.min(P.c.lon).label("lon"),
                   func.count().label("mentions"), func.count(func.distinct(P.c.document_id)).label("documents"))
            .where(*w).group_by(*key).order_by(func.count().desc(), P.c.name))
    count = select(func.count()).select_from(select(*key).where(*w).group_by(*key).subquery())
    total, rows = _page(conn, stmt, count, limit, offset)
    return total, [dict(r._mapping) for r in rows]


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


__all__ = ["claim", "claims", "document_layers", "documents", "entities", "event", "events", "map_points",
           "places", "stories", "story", "timeline", "types_summary"]
