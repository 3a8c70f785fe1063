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

from sqlalchemy import Connection, and_, bindparam, delete, or_, select, update

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
    Returns {document entity_id: canonical id}. Each step is one statement for the whole document (the stored
    entities read at once, counts and aliases added in Python, the rows written with executemany), so a
    document costs the same whatever the store holds; the result is the one-group-at-a-time result."""
    rows = [dict(r._mapping) for r in conn.execute(select(ent).where(ent.c.document_id == doc_id))]
    places = [dict(r._mapping) for r in conn.execute(
        select(schema.places.c.start, schema.places.c.end, schema.places.c.geonameid, schema.places.c.name,
               schema.places.c.country_code).where(schema.places.c.document_id == doc_id))]
    keyed = [(g, kk) for g in document_groups(rows, places) if (kk := kind_and_key(g)) is not None]
    if not keyed:
        _write_roles(conn, doc_id, {})
        return {}
    by_kind: dict[str, set[str]] = {}
    for _, (kind, key) in keyed:
        by_kind.setdefault(kind, set()).add(key)
    # one (kind = k AND key IN ...) per kind, so the (kind, key) index answers it
    stored = {(r.kind, r.key): r for r in conn.execute(
        select(ce.c.id, ce.c.kind, ce.c.key, ce.c.name, ce.c.mentions, ce.c.documents)
        .where(or_(*(and_(ce.c.kind == k, ce.c.key.in_(sorted(keys))) for k, keys in sorted(by_kind.items())))))}
    mapping: dict[str, str] = {}
    new: dict[str, dict[str, Any]] = {}
    names: dict[str, str] = {}
    counts: dict[str, list[int]] = {}
    aliases: Counter = Counter()
    for g, (kind, key) in keyed:
        row = stored.get((kind, key))
        if row is None:
            cid = short_id(PREFIX[kind], f"{kind}|{key}")
            if cid not in new:
                new[cid] = {"id": cid, "kind": kind, "name": g.canonical, "key": key, "short_key": None,
                            "geonameid": g.geonameid, "country_code": g.country_code, "mentions": 0, "documents": 0}
                names[cid] = g.canonical
        else:
            cid = row.id
            names.setdefault(cid, row.name or "")
        if (len(g.canonical), g.canonical) > (len(names[cid]), names[cid]):
            names[cid] = g.canonical  # the longest name seen is displayed; ties by text, so order does not matter
        mapping[g.entity_id] = cid
        have = counts.setdefault(cid, [0, 0])
        have[0] += len(g.mentions)
        have[1] += 1
        aliases.update((cid, text.strip()) for _, text in g.mentions)
    if new:
        conn.execute(ce.insert(), list(new.values()))
    before = {r.id: r for r in stored.values()}
    conn.execute(update(ce).where(ce.c.id == bindparam("k_id")).values(
        name=bindparam("name"), mentions=bindparam("mentions"), documents=bindparam("documents")),
        [{"k_id": cid, "name": names[cid],
          "mentions": (before[cid].mentions if cid in before else 0) + m,
          "documents": (before[cid].documents if cid in before else 0) + n} for cid, (m, n) in counts.items()])
    _add_aliases(conn, aliases)
    conn.execute(update(ent).where(ent.c.document_id == doc_id, ent.c.entity_id == bindparam("k_eid"))
                 .values(canonical_id=bindparam("cid")),
                 [{"k_eid": eid, "cid": cid} for eid, cid in mapping.items()])
    _write_roles(conn, doc_id, mapping)
    return mapping


def _add_aliases(conn: Connection, added: Counter) -> None:
    """Add alias counts ({(entity id, alias): n}) in two statements: update the known, insert the new."""
    if not added:
        return
    cids = sorted({cid for cid, _ in added})
    have = {(r.entity_id, r.alias): r.count for r in conn.execute(
        select(ea.c.entity_id, ea.c.alias, ea.c.count).where(ea.c.entity_id.in_(cids)))}
    ups = [{"k_e": c, "k_a": a, "count": have[(c, a)] + n} for (c, a), n in added.items() if (c, a) in have]
    ins = [{"entity_id": c, "alias": a, "count": n} for (c, a), n in added.items() if (c, a) not in have]
    if ups:
        conn.execute(update(ea).where(ea.c.entity_id == bindparam("k_e"), ea.c.alias == bindparam("k_a"))
                     .values(count=bindparam("count")), ups)
    if ins:
        conn.execute(ea.insert(), ins)


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
    roles = [{"k_id": r[0], "a": mapping.get(r[1]), "r": mapping.get(r[2])} for r in conn.execute(
        select(ev.c.id, ev.c.actor_entity_id, ev.c.recipient_entity_id).where(ev.c.document_id == doc_id))]
    if roles:
        conn.execute(update(ev).where(ev.c.document_id == doc_id, ev.c.id == bindparam("k_id")).values(
            actor_canonical_id=bindparam("a"), recipient_canonical_id=bindparam("r")), roles)
    sources = [{"k_id": r[0], "s": mapping.get(r[1])} for r in conn.execute(
        select(at.c.id, at.c.source_entity_id).where(at.c.document_id == doc_id))]
    if sources:
        conn.execute(update(at).where(at.c.document_id == doc_id, at.c.id == bindparam("k_id"))
                     .values(source_canonical_id=bindparam("s")), sources)


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
