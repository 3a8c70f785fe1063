"""The query layer: one function per question an analyst asks of the store, shared by CLI, Python and REST API.

    newsgraph.query(kind, db=URL_or_Store, *, limit=None, offset=0, **filters) -> list[dict]
    newsgraph.query_count(kind, db=URL_or_Store, **filters) -> int

``kind`` is one of documents, events, claims, stories, entities, places. Rows are flat dicts (the store's
columns, plus the document's ``published``/``outlet``/``title`` for layer rows, and ``aliases`` for entities);
keys are only ever added, never renamed, so API clients can rely on them. Filters (``store.filters``) have the
same names everywhere: type, actor, place, near + km (default 50), lat + lon + km, country, since, until,
source_type, stance, min_origins, disputed, name, document, story, claim, outlet. A bad kind, filter name or value
raises ``QueryError`` (a ValueError) with a message naming it; the REST API answers 422 with that message.

Every filter is SQL on indexed columns except distance, which is a bounding box in SQL refined by haversine in
Python (so ``near`` queries page after the refinement).
"""

from __future__ import annotations

import math
from typing import Any

from sqlalchemy import Select, and_, exists, false, func, or_, select

from newsgraph.store import schema
from newsgraph.store.filters import QueryError, parse_filters

__all__ = ["QueryError", "query", "query_count"]

DEFAULT_KM = 50.0
d, e, a, c, s = schema.documents, schema.events, schema.attributions, schema.claims, schema.stories
ce, ea, p, ent = schema.canonical_entities, schema.entity_aliases, schema.places, schema.entities
DOC_COLUMNS = [d.c.id, d.c.title, d.c.published, d.c.language, d.c.url, d.c.outlet, d.c.byline, d.c.n_events,
               d.c.n_attributions, d.c.ingested_at, d.c.origin_id, d.c.origin_similarity]


def _store(db: Any) -> Any:
    from newsgraph.store.db import Store

    return db if isinstance(db, Store) else Store(str(db))


def query(kind: str, db: Any = None, *, limit: int | None = None, offset: int = 0, **filters: Any) -> list[dict]:
    """Rows of ``kind`` matching ``filters``, in a stable order, ``offset`` then at most ``limit`` of them."""
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise QueryError(f"limit {limit!r} must be a whole number >= 0")
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"offset {offset!r} must be a whole number >= 0")
    f = parse_filters(kind, filters)
    store = _store(db or _default_db())
    stmt, geo = _statement(kind, f, store)
    with store.engine.connect() as conn:
        if geo is None:
            if offset:
                stmt = stmt.offset(offset)
            if limit is not None:
                stmt = stmt.limit(limit)
            rows = [dict(r._mapping) for r in conn.execute(stmt)]
        else:
            rows = [dict(r._mapping) for r in conn.execute(stmt) if _within(r._mapping, geo)]
            rows = rows[offset:] if limit is None else rows[offset : offset + limit]
        if kind == "entities" and rows:
            _add_aliases(conn, rows)
    return rows


def query_count(kind: str, db: Any = None, **filters: Any) -> int:
    """How many rows ``query(kind, db, **filters)`` would return without limit/offset."""
    f = parse_filters(kind, filters)
    store = _store(db or _default_db())
    stmt, geo = _statement(kind, f, store)
    with store.engine.connect() as conn:
        if geo is None:
            return conn.execute(select(func.count()).select_from(stmt.order_by(None).subquery())).scalar_one()
        return sum(1 for r in conn.execute(stmt) if _within(r._mapping, geo))


def _default_db() -> str:
    from newsgraph.config import Settings

    return Settings().db_url


def _like(col: Any, text: str) -> Any:
    return func.lower(col).like(f"%{text.lower()}%")


def _entity_ids(text: str) -> Select:
    """Canonical entity ids whose name or an alias contains ``text`` (case-insensitive)."""
    by_alias = select(ea.c.entity_id).where(_like(ea.c.alias, text))
    return select(ce.c.id).where(or_(_like(ce.c.name, text), ce.c.id.in_(by_alias)))


def _statement(kind: str, f: dict[str, Any], store: Any) -> tuple[Select, tuple[float, float, float] | None]:
    geo = _geo(f, store)
    build = {"documents": _documents, "events": _events, "claims": _claims, "stories": _stories,
             "entities": _entities, "places": _places}[kind]
    stmt = build(f)
    if geo is not None:
        table = {"events": e, "stories": s, "places": p}[kind]
        stmt = stmt.where(*_bbox(table, geo))
    return stmt, geo


def _dates(stmt: Select, col: Any, f: dict[str, Any], end_col: Any = None) -> Select:
    if f.get("since"):
        stmt = stmt.where((end_col if end_col is not None else col) >= f["since"])
    if f.get("until"):
        stmt = stmt.where(col <= f["until"] + "\uffff")
    return stmt


def _documents(f: dict[str, Any]) -> Select:
    stmt = select(*DOC_COLUMNS)
    stmt = _dates(stmt, d.c.published, f)
    if "outlet" in f:
        stmt = stmt.where(_like(d.c.outlet, f["outlet"]))
    if "document" in f:
        stmt = stmt.where(d.c.id == f["document"])
    if "story" in f:
        stmt = stmt.where(d.c.id.in_(select(e.c.document_id).where(e.c.cluster_id == f["story"])))
    if "claim" in f:
        stmt = stmt.where(d.c.id.in_(select(a.c.document_id).where(a.c.claim_id == f["claim"])))
    if "country" in f:
        stmt = stmt.where(d.c.id.in_(select(p.c.document_id).where(p.c.country_code == f["country"])))
    if "name" in f:
        stmt = stmt.where(d.c.id.in_(select(ent.c.document_id).where(or_(
            _like(ent.c.canonical, f["name"]), _like(ent.c.text, f["name"])))))
    if "q" in f:
        stmt = stmt.where(or_(_like(d.c.title, f["q"]), _like(d.c.id, f["q"])))
    return stmt.order_by(func.coalesce(d.c.published, "").desc(), d.c.id)


def _who_what_where(stmt: Select, f: dict[str, Any], c: Any, actor_text: Any, recipient_text: Any) -> Select:
    """The type / actor / name / place / country filters events and stories share (``c`` is the table's columns;
    the two tables name their actor and recipient text differently)."""
    if "type" in f:
        stmt = stmt.where(c.type == f["type"])
    if "actor" in f:
        stmt = stmt.where(or_(_like(actor_text, f["actor"]), c.actor_canonical_id.in_(_entity_ids(f["actor"]))))
    if "name" in f:
        ids = _entity_ids(f["name"])
        stmt = stmt.where(or_(c.actor_canonical_id.in_(ids), c.recipient_canonical_id.in_(ids),
                              _like(actor_text, f["name"]), _like(recipient_text, f["name"])))
    if "place" in f:
        stmt = stmt.where(_like(c.place_name, f["place"]))
    if "country" in f:
        stmt = stmt.where(c.country_code == f["country"])
    return stmt


def _events(f: dict[str, Any]) -> Select:
    stmt = select(e, d.c.published, d.c.outlet, d.c.title).join(d, d.c.id == e.c.document_id)
    stmt = _dates(stmt, func.coalesce(e.c.date, d.c.published), f)
    stmt = _who_what_where(stmt, f, e.c, e.c.actor_text, e.c.recipient_text)
    if "source_type" in f:
        stmt = stmt.where(exists().where(and_(a.c.document_id == e.c.document_id, a.c.id == e.c.attribution,
                                              a.c.source_type == f["source_type"])))
    if "min_origins" in f:
        stmt = stmt.where(e.c.origins >= f["min_origins"])
    if "disputed" in f:
        stmt = stmt.where(func.coalesce(e.c.disputed, false()) == f["disputed"])
    if "document" in f:
        stmt = stmt.where(e.c.document_id == f["document"])
    if "story" in f:
        stmt = stmt.where(e.c.cluster_id == f["story"])
    if "outlet" in f:
        stmt = stmt.where(_like(d.c.outlet, f["outlet"]))
    if "q" in f:
        stmt = stmt.where(_like(e.c.trigger_text, f["q"]))
    return stmt.order_by(func.coalesce(e.c.date, d.c.published, "").desc(), e.c.document_id, e.c.id)


def _claims(f: dict[str, Any]) -> Select:
    stmt = (select(a, d.c.published, d.c.outlet, d.c.title,
                   c.c.reports.label("claim_reports"), c.c.original_sources.label("claim_original_sources"))
            .join(d, d.c.id == a.c.document_id).outerjoin(c, c.c.id == a.c.claim_id))
    stmt = _dates(stmt, d.c.published, f)
    if "source_type" in f:
        stmt = stmt.where(or_(a.c.source_type == f["source_type"], a.c.original_source_type == f["source_type"]))
    if "stance" in f:
        stmt = stmt.where(a.c.stance == f["stance"])
    if "min_origins" in f:
        stmt = stmt.where(a.c.corroboration >= f["min_origins"])
    if "disputed" in f:
        stmt = stmt.where(func.coalesce(a.c.disputed, false()) == f["disputed"])
    if "document" in f:
        stmt = stmt.where(a.c.document_id == f["document"])
    if "claim" in f:
        stmt = stmt.where(a.c.claim_id == f["claim"])
    if "outlet" in f:
        stmt = stmt.where(_like(d.c.outlet, f["outlet"]))
    for key in ("name", "actor"):
        if key in f:
            stmt = stmt.where(or_(_like(a.c.source_text, f[key]), a.c.source_canonical_id.in_(_entity_ids(f[key])),
                                  _like(a.c.original_source_text, f[key])))
    if "q" in f:
        stmt = stmt.where(_like(a.c.content_text, f["q"]))
    return stmt.order_by(func.coalesce(d.c.published, "").desc(), a.c.document_id, a.c.id)


def _stories(f: dict[str, Any]) -> Select:
    stmt = select(s)
    stmt = _dates(stmt, s.c.date_start, f, end_col=s.c.date_end)
    stmt = _who_what_where(stmt, f, s.c, s.c.actor, s.c.recipient)
    if "min_origins" in f:
        stmt = stmt.where(s.c.origins >= f["min_origins"])
    if "disputed" in f:
        stmt = stmt.where(s.c.disputed == f["disputed"])
    if "story" in f:
        stmt = stmt.where(s.c.id == f["story"])
    if "document" in f:
        stmt = stmt.where(s.c.id.in_(select(e.c.cluster_id).where(e.c.document_id == f["document"])))
    if "outlet" in f:
        stmt = stmt.where(s.c.id.in_(select(e.c.cluster_id).join(d, d.c.id == e.c.document_id)
                                     .where(_like(d.c.outlet, f["outlet"]))))
    if "q" in f:
        stmt = stmt.where(or_(_like(s.c.place_name, f["q"]), _like(s.c.actor, f["q"])))
    return stmt.order_by(func.coalesce(s.c.date_start, "").desc(), s.c.reports.desc(), s.c.id)


def _entities(f: dict[str, Any]) -> Select:
    stmt = select(ce)
    if "name" in f:
        stmt = stmt.where(ce.c.id.in_(_entity_ids(f["name"])))
    if "q" in f:
        stmt = stmt.where(ce.c.id.in_(_entity_ids(f["q"])))
    if "type" in f:
        stmt = stmt.where(ce.c.kind == f["type"])
    if "country" in f:
        stmt = stmt.where(ce.c.country_code == f["country"])
    if "document" in f:
        stmt = stmt.where(ce.c.id.in_(select(ent.c.canonical_id).where(ent.c.document_id == f["document"])))
    return stmt.order_by(ce.c.documents.desc(), ce.c.mentions.desc(), ce.c.id)


def _places(f: dict[str, Any]) -> Select:
    stmt = select(p, d.c.published, d.c.outlet).join(d, d.c.id == p.c.document_id)
    stmt = _dates(stmt, d.c.published, f)
    for key in ("place", "name", "q"):
        if key in f:
            stmt = stmt.where(or_(_like(p.c.name, f[key]), _like(p.c.text, f[key])))
    if "country" in f:
        stmt = stmt.where(p.c.country_code == f["country"])
    if "document" in f:
        stmt = stmt.where(p.c.document_id == f["document"])
    if "outlet" in f:
        stmt = stmt.where(_like(d.c.outlet, f["outlet"]))
    return stmt.order_by(p.c.document_id, p.c.idx)


def _add_aliases(conn: Any, rows: list[dict]) -> None:
    ids = [r["id"] for r in rows]
    aliases: dict[str, list[dict[str, Any]]] = {}
    for i in range(0, len(ids), 500):
        stmt = (select(ea.c.entity_id, ea.c.alias, ea.c.count).where(ea.c.entity_id.in_(ids[i : i + 500]))
                .order_by(ea.c.entity_id, ea.c.count.desc(), ea.c.alias))
        for eid, alias, count in conn.execute(stmt):
            aliases.setdefault(eid, []).append({"alias": alias, "count": count})
    for row in rows:
        row["aliases"] = aliases.get(row["id"], [])


# --- distance ---

def _geo(f: dict[str, Any], store: Any) -> tuple[float, float, float] | None:
    """(lat, lon, km) of a distance filter, resolving ``near`` to coordinates; None without one."""
    km = f.get("km", DEFAULT_KM)
    if "lat" in f:
        return f["lat"], f["lon"], km
    if "near" not in f:
        return None
    point = _resolve_place(f["near"], store)
    if point is None:
        raise QueryError(f"filter 'near': no place called {f['near']!r} in the store or the gazetteer")
    return point[0], point[1], km


def _resolve_place(name: str, store: Any) -> tuple[float, float] | None:
    """The coordinates the store most often gave this name, else the gazetteer's most populous match."""
    stmt = (select(p.c.lat, p.c.lon, func.count().label("n"))
            .where(or_(func.lower(p.c.name) == name.lower(), func.lower(p.c.text) == name.lower()),
                   p.c.lat.is_not(None))
            .group_by(p.c.lat, p.c.lon).order_by(func.count().desc()).limit(1))
    with store.engine.connect() as conn:
        row = conn.execute(stmt).first()
    if row:
        return float(row[0]), float(row[1])
    return _gazetteer_point(name)


def _gazetteer_point(name: str) -> tuple[float, float] | None:
    from newsgraph.config import Settings

    path = Settings().gazetteer_path
    if not path.exists():
        return None
    from newsgraph.geo.gazetteer import Gazetteer

    gaz = Gazetteer(path)
    try:
        cands = gaz.lookup(name)
    finally:
        gaz.close()
    return (cands[0].lat, cands[0].lon) if cands else None


def _bbox(table: Any, geo: tuple[float, float, float]) -> list[Any]:
    lat, lon, km = geo
    dlat = km / 111.0
    dlon = km / max(1e-6, 111.0 * math.cos(math.radians(lat)))
    conds = [table.c.lat.is_not(None), table.c.lat.between(lat - dlat, lat + dlat)]
    if dlon < 180:
        lo, hi = lon - dlon, lon + dlon
        if lo < -180 or hi > 180:  # the box crosses the antimeridian
            conds.append(or_(table.c.lon >= (lo + 360 if lo < -180 else lo),
                             table.c.lon <= (hi - 360 if hi > 180 else hi)))
        else:
            conds.append(table.c.lon.between(lo, hi))
    return conds


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(h)))


def _within(row: Any, geo: tuple[float, float, float]) -> bool:
    if row["lat"] is None or row["lon"] is None:
        return False
    return haversine_km(geo[0], geo[1], row["lat"], row["lon"]) <= geo[2]
