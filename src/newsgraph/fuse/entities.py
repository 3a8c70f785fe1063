"""Entities across documents: one canonical row per person, organisation, group or place, with alias counts.

Within a document the entities stage already groups mentions under one ``entity_id`` with one canonical name
('Putin' -> 'Vladimir Putin'), and pronoun/role-noun actors and sources point at those ids (attrib linking and
the coref stage). Here each group is mapped to a store-wide id:
- places by GeoNames id when the places layer resolved the mention ('Kharkov' and 'Kharkiv' are one place);
- people by family name (the last word of the name without titles: 'President Vladimir Putin', 'Putin' and
  'Vladimir Putin' are one person), which every outlet keeps and which makes the result independent of the
  order documents arrive in (a full-name key would give 'Putin' seen first an entity of its own). The price:
  two people sharing a family name in one store are one entity; the longest name seen is the display name;
- organisations and groups by name key, so 'Kremlin' stays an organisation apart from 'Vladimir Putin'.
Counts are kept incrementally (added on fuse, subtracted on forget), so no step scans the store.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass
from typing import Any

from sqlalchemy import Connection, delete, select, update

from newsgraph.fuse.text import name_key, short_id
from newsgraph.store import schema

KINDS = {"PERSON": "person", "ORG": "organization", "NORP": "group", "GPE": "place", "LOC": "place",
         "FAC": "place"}
PREFIX = {"person": "P", "organization": "O", "group": "G", "place": "L"}
ent, ce, ea = schema.entities, schema.canonical_entities, schema.entity_aliases


@dataclass(slots=True)
class Group:
    """The mentions of one document-level entity."""

    entity_id: str
    canonical: str
    label: str
    mentions: list[tuple[int, str]]  # (idx, surface text)
    geonameid: str | None = None
    country_code: str | None = None


def document_groups(entity_rows: list[dict[str, Any]], place_rows: list[dict[str, Any]]) -> list[Group]:
    """Mentions grouped by their document entity id, with the GeoNames id of a resolved place mention."""
    by_span = {(p["start"], p["end"]): p for p in place_rows if p.get("geonameid")}
    groups: dict[str, Group] = {}
    labels: dict[str, Counter] = defaultdict(Counter)
    for row in entity_rows:
        eid = row["entity_id"]
        g = groups.setdefault(eid, Group(eid, row["canonical"] or row["text"], row["label"], []))
        g.mentions.append((row["idx"], row["text"]))
        labels[eid][row["label"]] += 1
        place = by_span.get((row["start"], row["end"]))
        if place and g.geonameid is None:
            g.geonameid, g.country_code = str(place["geonameid"]), place.get("country_code")
            g.canonical = place.get("name") or g.canonical
    for eid, g in groups.items():
        g.label = labels[eid].most_common(1)[0][0]
    return list(groups.values())


def kind_and_key(g: Group) -> tuple[str, str] | None:
    kind = KINDS.get(g.label)
    if kind is None:
        return None
    if kind == "place" and g.geonameid:
        return kind, f"geonames:{g.geonameid}"
    key = name_key(g.canonical)
    if kind == "person" and key:
        key = key.split()[-1]
    return (kind, key) if key else None


def resolve(conn: Connection, kind: str, key: str) -> str | None:
    """The stored entity for (kind, key), if any."""
    return conn.execute(select(ce.c.id).where(ce.c.kind == kind, ce.c.key == key).limit(1)).scalar()


def link_document(conn: Connection, doc_id: str) -> dict[str, str]:
    """Give every entity group of ``doc_id`` a canonical id (creating entities as needed), update counts and
    aliases, and write the ids onto mentions, event actors/recipients and attribution sources.
    Returns {document entity_id: canonical id}."""
    rows = [dict(r._mapping) for r in conn.execute(select(ent).where(ent.c.document_id == doc_id))]
    places = [dict(r._mapping) for r in conn.execute(
        select(schema.places.c.start, schema.places.c.end, schema.places.c.geonameid, schema.places.c.name,
               schema.places.c.country_code).where(schema.places.c.document_id == doc_id))]
    groups = document_groups(rows, places)
    mapping: dict[str, str] = {}
    for g in groups:
        kk = kind_and_key(g)
        if kk is None:
            continue
        kind, key = kk
        cid = resolve(conn, kind, key)
        if cid is None:
            cid = short_id(PREFIX[kind], f"{kind}|{key}")
            conn.execute(ce.insert().values(id=cid, kind=kind, name=g.canonical, key=key, short_key=None,
                                            geonameid=g.geonameid, country_code=g.country_code, mentions=0,
                                            documents=0))
        else:
            _longest_name(conn, cid, g.canonical)
        mapping[g.entity_id] = cid
        _count(conn, cid, g, +1)
        conn.execute(update(ent).where(ent.c.document_id == doc_id, ent.c.entity_id == g.entity_id)
                     .values(canonical_id=cid))
    _write_roles(conn, doc_id, mapping)
    return mapping


def _longest_name(conn: Connection, cid: str, name: str) -> None:
    """Display the longest name seen ('Vladimir Putin' over 'Putin'); ties by text, so order does not matter."""
    have = conn.execute(select(ce.c.name).where(ce.c.id == cid)).scalar() or ""
    if (len(name), name) > (len(have), have):
        conn.execute(update(ce).where(ce.c.id == cid).values(name=name))


def _count(conn: Connection, cid: str, g: Group, sign: int) -> None:
    row = conn.execute(select(ce.c.mentions, ce.c.documents).where(ce.c.id == cid)).first()
    if row is None:
        return
    conn.execute(update(ce).where(ce.c.id == cid).values(
        mentions=max(0, row[0] + sign * len(g.mentions)), documents=max(0, row[1] + sign)))
    for alias, n in Counter(text.strip() for _, text in g.mentions).items():
        have = conn.execute(select(ea.c.count).where(ea.c.entity_id == cid, ea.c.alias == alias)).first()
        if have is None and sign > 0:
            conn.execute(ea.insert().values(entity_id=cid, alias=alias, count=n))
        elif have is not None:
            left = have[0] + sign * n
            if left > 0:
                conn.execute(update(ea).where(ea.c.entity_id == cid, ea.c.alias == alias).values(count=left))
            else:
                conn.execute(delete(ea).where(ea.c.entity_id == cid, ea.c.alias == alias))


def _write_roles(conn: Connection, doc_id: str, mapping: dict[str, str]) -> None:
    ev, at = schema.events, schema.attributions
    for row in conn.execute(select(ev.c.id, ev.c.actor_entity_id, ev.c.recipient_entity_id)
                            .where(ev.c.document_id == doc_id)).all():
        conn.execute(update(ev).where(ev.c.document_id == doc_id, ev.c.id == row[0]).values(
            actor_canonical_id=mapping.get(row[1]), recipient_canonical_id=mapping.get(row[2])))
    for row in conn.execute(select(at.c.id, at.c.source_entity_id).where(at.c.document_id == doc_id)).all():
        conn.execute(update(at).where(at.c.document_id == doc_id, at.c.id == row[0])
                     .values(source_canonical_id=mapping.get(row[1])))


def forget_document(conn: Connection, doc_id: str) -> None:
    """Subtract a stored document's mentions from entity counts (before it is replaced or removed); entities left
    with no mention go."""
    rows = [dict(r._mapping) for r in conn.execute(select(ent).where(ent.c.document_id == doc_id,
                                                                       ent.c.canonical_id.is_not(None)))]
    by_cid: dict[str, Group] = {}
    for r in rows:
        g = by_cid.setdefault(r["canonical_id"], Group(r["entity_id"], r["canonical"], r["label"], []))
        g.mentions.append((r["idx"], r["text"]))
    for cid, g in by_cid.items():
        _count(conn, cid, g, -1)
        if conn.execute(select(ce.c.mentions).where(ce.c.id == cid)).scalar() == 0:
            conn.execute(delete(ea).where(ea.c.entity_id == cid))
            conn.execute(delete(ce).where(ce.c.id == cid))
