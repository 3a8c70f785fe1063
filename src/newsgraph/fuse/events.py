"""Event clusters ("stories"): every report of one real-world event under one ``cluster_id``.

Two event reports are the same event when all of these hold (``same_event``):
- type: the same PLOVER type, or a documented compatible pair (``COMPATIBLE``);
- date: their date intervals, widened by ``SLACK_DAYS``, overlap. A day is itself; a week or month its span; a
  'reported' date (no time expression; the publication date stands in) the ``REPORTED_LAG_DAYS`` before it.
  (Known weakness: such a vague report can still bridge the stories of consecutive days in one city);
- place: unknown on either side, the same GeoNames id, one containing the other (a country contains its towns, an
  admin1 region its towns), or two points within ``NEAR_KM``. An event without its own place takes its document's
  main place (the most mentioned town or region), so 'protests in Tbilisi' and 'protests in Atlanta, Georgia' on
  one day stay apart even when a clause names no place; a document naming only countries, tied, has none;
- actors and recipients: when both sides name a person or organisation entity, they are the same entity.
Negated events ('did not attack') report nothing and are not clustered.

A new report is compared only with stored reports of a compatible type in its date window (the
(type, date) index), so fusing one document costs the same in a store of 1,000 or 20,000 documents. Clusters are
connected components of the pairwise rule (``links``), named after their first member, so the result does not
depend on ingest order. Figures (12 killed vs 'at least 10') stay per report and are summarised per story.
"""

from __future__ import annotations

import math
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from typing import Any

from sqlalchemy import Connection, and_, delete, or_, select, update

from newsgraph.fuse import corroboration, writes
from newsgraph.fuse.links import Joiner, components
from newsgraph.fuse.text import interval, short_id, stem
from newsgraph.store import schema

COMPATIBLE = (frozenset({"COOPERATE", "RETREAT"}),)  # prisoner exchanges and releases are coded either way
SLACK_DAYS = 0  # two dated days must be the same day: daily shelling of one city is many events, not one
REPORTED_LAG_DAYS = 3  # an undated clause reports something from the last few days before publication
NEAR_KM = 25.0
MAIN_PLACE_FEATURES = ("city", "admin2", "admin1", "region", "other", "landform", "water")
FIGURE_RATIO = 2.0  # figures for one thing in one story contradict when max >= 2 x min ...
FIGURE_GAP = 3  # ... and differ by at least 3 (1 vs 2 dead is noise, not a dispute)
HEDGES = ("at least", "more than", "over ", "up to", "about", "around", "nearly", "almost", "dozens", "hundreds")
ev, d, pl, st, ce = schema.events, schema.documents, schema.places, schema.stories, schema.canonical_entities


@dataclass(slots=True)
class PlaceRef:
    geonameid: str | None
    feature: str | None
    country_code: str | None
    admin1: str | None
    name: str | None
    lat: float | None
    lon: float | None
    own: bool = True


@dataclass(slots=True)
class Report:
    """One event report with what the rule compares."""

    key: tuple[str, str]  # (document_id, event_id)
    type: str
    span: tuple[date, date] | None
    place: PlaceRef | None
    actor: str | None
    actor_kind: str | None
    recipient: str | None
    recipient_kind: str | None
    outlet: str | None
    origin_doc: str
    trigger: str
    quantity: tuple[float, str, str] | None
    attribution: str | None
    row: dict[str, Any] = field(default_factory=dict)


def compatible_types(kind: str) -> set[str]:
    out = {kind}
    for pair in COMPATIBLE:
        if kind in pair:
            out |= pair
    return out


def _overlap(a: tuple[date, date] | None, b: tuple[date, date] | None) -> bool:
    if a is None or b is None:
        return False
    slack = timedelta(days=SLACK_DAYS)
    return a[0] - slack <= b[1] and b[0] - slack <= a[1]


def _km(a: PlaceRef, b: PlaceRef) -> float:
    p1, p2 = math.radians(a.lat or 0), math.radians(b.lat or 0)
    dl = math.radians((b.lon or 0) - (a.lon or 0))
    h = math.sin((p2 - p1) / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(min(1.0, math.sqrt(h)))


def _contains(big: PlaceRef, small: PlaceRef) -> bool:
    if big.feature == "country":
        return True
    return big.feature == "admin1" and bool(small.admin1) and (small.admin1 == big.admin1 or small.admin1 == big.name)


def same_place(a: PlaceRef | None, b: PlaceRef | None) -> bool:
    if a is None or b is None:
        return True
    if a.geonameid and a.geonameid == b.geonameid:
        return True
    if a.country_code and b.country_code and a.country_code != b.country_code:
        return False
    if _contains(a, b) or _contains(b, a):
        return True
    if None not in (a.lat, a.lon, b.lat, b.lon):
        return _km(a, b) <= NEAR_KM
    return a.name == b.name


def _same_entity(x: str | None, xk: str | None, y: str | None, yk: str | None) -> bool:
    if x is None or y is None or xk not in ("person", "organization") or yk not in ("person", "organization"):
        return True
    return x == y


def same_event(a: Report, b: Report) -> bool:
    """The pairwise rule (module docstring)."""
    return (b.type in compatible_types(a.type) and _overlap(a.span, b.span) and same_place(a.place, b.place)
            and _same_entity(a.actor, a.actor_kind, b.actor, b.actor_kind)
            and _same_entity(a.recipient, a.recipient_kind, b.recipient, b.recipient_kind))


# --- loading reports ---

def _select() -> Any:
    return (select(ev, d.c.published, d.c.outlet, d.c.origin_id, pl.c.feature.label("place_feature"))
            .join(d, d.c.id == ev.c.document_id)
            .outerjoin(pl, and_(pl.c.document_id == ev.c.document_id, pl.c.idx == ev.c.place)))


def main_places(conn: Connection, doc_ids: set[str]) -> dict[str, PlaceRef]:
    """Each document's main place: its most mentioned resolved town or region (the earliest on a tie), else its
    most mentioned country (none when countries tie: the first named of two parties is no place). Dateline places (where the reporter sat) and places inside a cited outlet's name
    ('the New York Times') do not count."""
    out: dict[str, PlaceRef] = {}
    if not doc_ids:
        return out
    ids = sorted(doc_ids)
    rows = conn.execute(select(pl).where(pl.c.document_id.in_(ids), pl.c.lat.is_not(None))
                        .order_by(pl.c.document_id, pl.c.idx)).all()
    seg, at = schema.segments, schema.attributions
    skip: dict[str, list[tuple[int, int]]] = {}
    for did, start, end in conn.execute(select(seg.c.document_id, seg.c.start, seg.c.end)
                                        .where(seg.c.document_id.in_(ids), seg.c.kind == "dateline")):
        skip.setdefault(did, []).append((start, end))
    for did, start, end in conn.execute(select(at.c.document_id, at.c.source_start, at.c.source_end)
                                        .where(at.c.document_id.in_(ids), at.c.source_type == "media")):
        if start is not None:
            skip.setdefault(did, []).append((start, end))
    by_doc: dict[str, list[Any]] = {}
    for r in rows:
        if not any(s <= r.start and r.end <= e for s, e in skip.get(r.document_id, ())):
            by_doc.setdefault(r.document_id, []).append(r)
    for did, places in by_doc.items():
        local = [p for p in places if p.feature in MAIN_PLACE_FEATURES]
        counts = Counter(p.geonameid or p.name for p in local or places)
        if not local and tied_top(counts):
            continue  # 'Russia and Ukraine exchanged prisoners, mediated by the UAE': no country is the place
        best = max(local or places, key=lambda p: (counts[p.geonameid or p.name], -p.idx))
        out[did] = PlaceRef(best.geonameid, best.feature, best.country_code, best.admin1, best.name, best.lat,
                            best.lon, own=False)
    return out


def tied_top(counts: Counter[str]) -> bool:
    """Do two or more places share the highest mention count?"""
    top = counts.most_common(2)
    return len(top) == 2 and top[0][1] == top[1][1]


def _reports(conn: Connection, rows: list[Any], kinds: dict[str, str]) -> list[Report]:
    docs_without = {r.document_id for r in rows if r.lat is None}
    fallback = main_places(conn, docs_without)
    out = []
    for r in rows:
        if r.negated:
            continue
        place = (PlaceRef(r.geonameid, r.place_feature, r.country_code, r.admin1, r.place_name, r.lat, r.lon)
                 if r.lat is not None else fallback.get(r.document_id))
        q = (r.quantity_value, r.quantity_unit or "", r.quantity_text or "") if r.quantity_value is not None else None
        out.append(Report(
            key=(r.document_id, r.id), type=r.type,
            span=interval(r.date, r.date_precision, r.published, REPORTED_LAG_DAYS), place=place,
            actor=r.actor_canonical_id, actor_kind=kinds.get(r.actor_canonical_id or ""),
            recipient=r.recipient_canonical_id, recipient_kind=kinds.get(r.recipient_canonical_id or ""),
            outlet=r.outlet, origin_doc=r.origin_id or r.document_id, trigger=(r.trigger_text or "").lower(),
            quantity=q, attribution=r.attribution, row=dict(r._mapping)))
    return out


def _fill_actors(conn: Connection, reports: list[Report]) -> None:
    """A report without a named actor takes the one person or organisation that acts in its document's reports of
    the same type ('The EU imposed sanctions ... The sanctions freeze assets'), so an actorless clause cannot
    chain two stories with different actors together. Read from the whole document (not from whichever of its
    reports were loaded) so the answer never depends on the query; only the comparison uses it."""
    need = {(r.key[0], r.type) for r in reports if r.actor is None}
    if not need:
        return
    docs = sorted({doc for doc, _ in need})
    rows = conn.execute(select(ev.c.document_id, ev.c.type, ev.c.actor_canonical_id, ce.c.kind)
                        .join(ce, ce.c.id == ev.c.actor_canonical_id)
                        .where(ev.c.document_id.in_(docs), ce.c.kind.in_(("person", "organization")),
                               ev.c.negated.is_(False))).all()
    actors: dict[tuple[str, str], set[tuple[str, str]]] = {}
    for doc, typ, cid, kind in rows:
        actors.setdefault((doc, typ), set()).add((cid, kind))
    for r in reports:
        only = actors.get((r.key[0], r.type), set())
        if r.actor is None and len(only) == 1:
            r.actor, r.actor_kind = next(iter(only))


def _kinds(conn: Connection, rows: list[Any]) -> dict[str, str]:
    ids = {x for r in rows for x in (r.actor_canonical_id, r.recipient_canonical_id) if x}
    if not ids:
        return {}
    return dict(conn.execute(select(ce.c.id, ce.c.kind).where(ce.c.id.in_(sorted(ids)))).all())


def load(conn: Connection, where: Any) -> list[Report]:
    rows = conn.execute(_select().where(where)).all()
    reports = _reports(conn, rows, _kinds(conn, rows))
    _fill_actors(conn, reports)
    return reports


Window = tuple[tuple[str, ...], str, str, tuple[str, ...]]  # (types, lo, hi, coarse dates)


def _bounds(rep: Report) -> Window:
    """Stored reports that can match ``rep``: a compatible type, a date in the widened window (lo..hi as ISO
    strings; any day, or a datetime, of those days) or a coarse date (month, week, year) touching it."""
    assert rep.span is not None
    lo = rep.span[0] - timedelta(days=SLACK_DAYS + REPORTED_LAG_DAYS)
    hi = rep.span[1] + timedelta(days=SLACK_DAYS + REPORTED_LAG_DAYS)
    coarse = {f"{x.year}-{x.month:02d}" for x in (lo, hi)} | {f"{x.isocalendar()[0]}-W{x.isocalendar()[1]:02d}"
                                                               for x in (lo, hi)} | {str(lo.year), str(hi.year)}
    return tuple(sorted(compatible_types(rep.type))), lo.isoformat(), hi.isoformat() + "T99", tuple(sorted(coarse))


def _window(w: Window) -> Any:
    """Two index ranges on (type, date): the days, and the coarse dates. (One AND over an inner OR made SQLite
    use the type alone, reading every stored report of the type: the cost grew with the store.)"""
    types, lo, hi, coarse = w
    return or_(and_(ev.c.type.in_(types), ev.c.date.between(lo, hi)),
               and_(ev.c.type.in_(types), ev.c.date.in_(coarse)))


def _in_window(w: Window, r: Report) -> bool:
    """``_window`` in Python (the SQL of several windows is one OR; each report keeps only its own window)."""
    types, lo, hi, coarse = w
    day = r.row.get("date")
    return r.type in types and day is not None and (lo <= day <= hi or day in coarse)


# --- clustering ---

def cluster_document(conn: Connection, doc_id: str, attrs: Any) -> set[str]:
    """Cluster every event of ``doc_id`` with the stored reports it matches; returns the story ids written.
    The candidates of all its reports come from one query (the OR of their windows)."""
    mine = load(conn, ev.c.document_id == doc_id)
    if not mine:
        return set()
    join = Joiner(mine, same_event, "cluster_id")
    windows = {r.key: _bounds(r) for r in mine if r.span is not None}
    distinct = sorted(set(windows.values()))
    pool = load(conn, and_(or_(*(_window(w) for w in distinct)), ev.c.document_id != doc_id)) if distinct else []
    for rep in mine:
        if rep.key not in windows:
            continue
        w = windows[rep.key]
        for other in pool:
            if _in_window(w, other) and same_event(rep, other):
                join.link(rep, other)
    touched = join.touched
    if touched:  # a story that one of our reports joins comes whole: all its members join the merged story
        join.join_whole(load(conn, ev.c.cluster_id.in_(sorted(touched))))
    written = write_stories(conn, join.groups(), attrs, keep_stored=True, fresh=doc_id)
    _drop_stories(conn, touched - written)
    return written


def _drop_stories(conn: Connection, ids: set[str]) -> None:
    if ids:
        conn.execute(delete(st).where(st.c.id.in_(sorted(ids))))
        conn.execute(delete(schema.disputes).where(schema.disputes.c.kind == "event",
                                                   schema.disputes.c.a_id.in_(sorted(ids))))


def recluster(conn: Connection, story_ids: set[str], attrs_of: Any) -> None:
    """Recompute stories that lost a member (a document replaced or removed): their remaining reports may now
    fall apart into several stories."""
    if not story_ids:
        return
    reps = load(conn, ev.c.cluster_id.in_(sorted(story_ids)))
    _drop_stories(conn, story_ids)
    conn.execute(update(ev).where(ev.c.cluster_id.in_(sorted(story_ids))).values(cluster_id=None))
    for r in reps:
        r.row["cluster_id"] = None  # as stored now, so that every report is stamped and its origin recounted
    items = {r.key: r for r in reps}
    write_stories(conn, [[items[k] for k in g] for g in components(items, same_event)], attrs_of)  # type: ignore


# --- summaries ---

def _figure_family(trigger: str) -> str:
    return stem(trigger.split()[-1]) if trigger else ""


def figures(members: list[Report]) -> tuple[list[dict[str, Any]], bool, tuple[float, float, str] | None]:
    """Per-report figures, whether they contradict, and (min, max, unit) of the commonest unit."""
    figs = [{"document_id": r.key[0], "event_id": r.key[1], "outlet": r.outlet, "value": r.quantity[0],
             "unit": r.quantity[1], "text": r.quantity[2], "trigger": r.trigger}
            for r in members if r.quantity]
    disputed = False
    families: dict[tuple[str, str], list[dict[str, Any]]] = {}
    for f in figs:
        families.setdefault((_figure_family(f["trigger"]), f["unit"]), []).append(f)
    for fam in families.values():
        exact = [f["value"] for f in fam if not any(h in f["text"].lower() for h in HEDGES)]
        if len(exact) >= 2 and max(exact) >= FIGURE_RATIO * min(exact) and max(exact) - min(exact) >= FIGURE_GAP:
            disputed = True
    summary = None
    if figs:
        unit = Counter(f["unit"] for f in figs).most_common(1)[0][0]
        values = [f["value"] for f in figs if f["unit"] == unit]
        summary = (min(values), max(values), unit)
    return figs, disputed, summary


def _stable_docs(members: list[Report], fresh: str | None) -> set[str]:
    """Documents whose reports in this story were all in one stored story already: their origins (which depend
    only on their own chains, outlet and same-document reports of the story) are the ones stamped on them. Never
    ``fresh``, the document being fused: its reprint origin may have just moved (a rebuild meets its reports in
    an earlier document's story, stamped before its own reprint link was made)."""
    olds: dict[str, set[Any]] = {}
    for r in members:
        if r.key[0] == fresh:
            continue
        olds.setdefault(r.key[0], set()).add(r.row.get("cluster_id") if r.row.get("origin_key") else None)
    return {doc for doc, ids in olds.items() if len(ids) == 1 and None not in ids}


def _origin_keys(conn: Connection, members: list[Report], attrs_of: Any, keep_stored: bool,
                 fresh: str | None = None) -> dict[Any, str]:
    stable = _stable_docs(members, fresh) if keep_stored else set()
    origin_keys: dict[Any, str] = {}
    cited: dict[str, Counter] = {}
    for r in members:
        if r.key[0] in stable:
            origin_keys[r.key] = r.row["origin_key"]
            continue
        attrs = attrs_of(r.key[0])
        path = corroboration.chain_path(attrs, r.attribution) if r.attribution in attrs else []
        origin_keys[r.key] = corroboration.event_origin(path, _outlet_of(conn, r), r.origin_doc)
        if corroboration.cites_outlet(path):
            cited.setdefault(r.key[0], Counter())[origin_keys[r.key]] += 1
    for r in members:  # a document that cites an outlet for this story got the story from that outlet
        if r.key[0] in cited:
            origin_keys[r.key] = cited[r.key[0]].most_common(1)[0][0]
    return origin_keys


def story_row(conn: Connection, members: list[Report], attrs_of: Any, names: dict[str, str | None],
              keep_stored: bool = False, fresh: str | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One story's row and the stamps of those of its reports whose stamp changes (in-memory rows updated)."""
    members.sort(key=lambda r: r.key)
    sid = short_id("S", "|".join(members[0].key))
    origin_keys = _origin_keys(conn, members, attrs_of, keep_stored, fresh)
    origins = len(set(origin_keys.values()))
    figs, disputed, summary = figures(members)
    days = [r.span for r in members if r.span and r.row.get("date_precision") != "reported"] or \
        [r.span for r in members if r.span]
    own = [r.place for r in members if r.place and r.place.own] or [r.place for r in members if r.place]
    place = Counter((p.geonameid, p.name, p.country_code, p.admin1, p.lat, p.lon) for p in own).most_common(1)
    actor = Counter(r.actor for r in members if r.actor).most_common(1)
    recipient = Counter(r.recipient for r in members if r.recipient).most_common(1)
    outlets = sorted({r.outlet for r in members if r.outlet})
    row = {
        "id": sid,
        "type": Counter(r.type for r in members).most_common(1)[0][0],
        "mode": Counter(r.row.get("mode") for r in members).most_common(1)[0][0],
        "date_start": min(s[0] for s in days).isoformat() if days else None,
        "date_end": max(s[1] for s in days).isoformat() if days else None,
        "place_name": place[0][0][1] if place else None, "geonameid": place[0][0][0] if place else None,
        "country_code": place[0][0][2] if place else None, "admin1": place[0][0][3] if place else None,
        "lat": place[0][0][4] if place else None, "lon": place[0][0][5] if place else None,
        "actor_canonical_id": actor[0][0] if actor else None, "actor": names.get(actor[0][0]) if actor else
        Counter(r.row.get("actor_text") for r in members if r.row.get("actor_text")).most_common(1)[0][0]
        if any(r.row.get("actor_text") for r in members) else None,
        "recipient_canonical_id": recipient[0][0] if recipient else None,
        "recipient": names.get(recipient[0][0]) if recipient else None,
        "reports": len(members), "documents": len({r.key[0] for r in members}), "outlets": len(outlets),
        "origins": origins, "figure_min": summary[0] if summary else None,
        "figure_max": summary[1] if summary else None, "figure_unit": summary[2] if summary else None,
        "figures": figs, "outlet_names": outlets, "disputed": disputed, "updated_at": datetime.now(UTC),
    }
    stamps = []
    for r in members:
        stamp = {"cluster_id": sid, "cluster_size": len(members), "origins": origins,
                 "origin_key": origin_keys[r.key], "disputed": disputed}
        if writes.changed(r.row, stamp):
            stamps.append({"k_doc": r.key[0], "k_id": r.key[1], **stamp})
            r.row.update(stamp)
    return row, stamps


def write_stories(conn: Connection, groups: list[list[Report]], attrs_of: Any, keep_stored: bool = False,
                  fresh: str | None = None) -> set[str]:
    """Write the stories of these groups of reports (rows upserted, figure disputes replaced, changed stamps
    written: a few statements in all); returns the story ids. With ``keep_stored`` a document whose reports
    were all in one stored story keeps their stamped origins (``_stable_docs``)."""
    ids = {x for g in groups for r in g for x in (r.actor, r.recipient) if x}
    names = dict(conn.execute(select(ce.c.id, ce.c.name).where(ce.c.id.in_(sorted(ids)))).all()) if ids else {}
    rows, stamps = [], []
    for members in groups:
        row, more = story_row(conn, members, attrs_of, names, keep_stored, fresh)
        rows.append(row)
        stamps += more
    writes.upsert(conn, st, rows, {})
    sids = sorted(r["id"] for r in rows)
    dp = schema.disputes
    for i in range(0, len(sids), writes.IN_CHUNK):
        conn.execute(delete(dp).where(dp.c.kind == "event", dp.c.a_id.in_(sids[i : i + writes.IN_CHUNK])))
    disputes = [{"kind": "event", "a_id": r["id"], "b_id": r["id"], "reason": (
        "figures differ: " + ", ".join(f"{f['value']:g} {f['unit']} ({f['outlet'] or f['document_id']})"
                                       for f in r["figures"]))[:2000]} for r in rows if r["disputed"]]
    if disputes:
        conn.execute(dp.insert(), disputes)
    writes.stamp_reports(conn, ev, stamps)
    return set(sids)


def _outlet_of(conn: Connection, r: Report) -> str | None:
    """A reprint counts as its origin document's outlet."""
    if r.origin_doc == r.key[0]:
        return r.outlet
    return conn.execute(select(d.c.outlet).where(d.c.id == r.origin_doc)).scalar() or r.outlet
