"""Reprints: near-duplicate documents (a wire story run by other outlets, lightly edited) linked to one origin.

Each document's body is cut into word 4-shingles and summarised by a MinHash signature (datasketch); the
signature is split into LSH bands and each band's hash is stored as a bucket key. A new document meets only the
documents sharing a bucket with it (never the whole store), and becomes a reprint of one of them when the
estimated Jaccard similarity of their shingle sets is at least ``THRESHOLD``. The origin of a group of copies is
its earliest member (publication date, then id), so the result does not depend on ingest order.

A compilation that cites an outlet ('the New York Times reported that ...') shares few shingles with that outlet's
story, so it is not a reprint: it is a report whose original source is that outlet (see ``corroboration``).
"""

from __future__ import annotations

import hashlib
import struct
from typing import Any

import numpy as np
from datasketch import MinHash
from sqlalchemy import Connection, bindparam, select, update

from newsgraph.fuse.text import shingles
from newsgraph.store import schema

NUM_PERM = 64
BANDS, ROWS = 16, 4  # 16 bands of 4 rows: pairs at Jaccard 0.5 share a band with p = 0.64, at 0.7 with p = 0.99
THRESHOLD = 0.6  # estimated Jaccard at or above which two documents are copies of one story
MIN_SHINGLES = 12  # texts shorter than this (a headline, a one-liner) are never called reprints
d, rb = schema.documents, schema.reprint_buckets


def signature(text: str) -> MinHash | None:
    grams = shingles(text)
    if len(grams) < MIN_SHINGLES:
        return None
    mh = MinHash(num_perm=NUM_PERM, seed=1)
    mh.update_batch([g.encode("utf-8") for g in grams])
    return mh


def buckets(mh: MinHash) -> list[str]:
    """The LSH band keys of a signature (band number + hash of its rows)."""
    values = np.asarray(mh.hashvalues, dtype=np.uint64)
    out = []
    for b in range(BANDS):
        band = values[b * ROWS : (b + 1) * ROWS]
        digest = hashlib.blake2b(struct.pack(f"<{ROWS}Q", *band.tolist()), digest_size=12).hexdigest()
        out.append(f"{b:02d}:{digest}")
    return out


def body_text(doc_json: dict[str, Any]) -> str:
    """The text a reprint shares: body and headline segments (bylines, datelines and boilerplate differ)."""
    text = doc_json.get("text") or ""
    segs = [s for s in doc_json.get("segments") or [] if s.get("kind") in ("body", "headline")]
    return "\n".join(text[s["start"] : s["end"]] for s in segs) if segs else text


def _order_key(published: str | None, doc_id: str) -> tuple[str, str]:
    return (published or "9999", doc_id)


def link_document(conn: Connection, doc_id: str, doc_json: dict[str, Any], store_buckets: bool = True) -> set[str]:
    """Store the document's buckets and link it and its copies to their common origin; returns the other
    documents whose origin changed (their reports' origins must be recounted)."""
    mh = signature(body_text(doc_json))
    if mh is None:
        return set()
    keys = buckets(mh)
    candidates = set(conn.execute(select(rb.c.document_id).where(rb.c.bucket.in_(keys), rb.c.document_id != doc_id))
                     .scalars())
    if store_buckets:
        conn.execute(rb.insert(), [{"bucket": k, "document_id": doc_id} for k in sorted(set(keys))])
    copies: dict[str, float] = {}
    for other, omh in _signatures(conn, sorted(candidates)):
        if omh is not None:
            sim = mh.jaccard(omh)
            if sim >= THRESHOLD:
                copies[other] = sim
    if not copies:
        return set()
    # the group: this document, its copies, their origins and the other copies of those origins
    group = {doc_id, *copies}
    origins = {o for o in conn.execute(select(d.c.origin_id).where(d.c.id.in_(list(copies)))).scalars() if o}
    group |= origins
    if origins:
        group |= set(conn.execute(select(d.c.id).where(d.c.origin_id.in_(list(origins)))).scalars())
    rows = conn.execute(select(d.c.id, d.c.published, d.c.origin_id).where(d.c.id.in_(sorted(group)))).all()
    origin = min(rows, key=lambda r: _order_key(r[1], r[0]))[0]
    changed = set()
    links = []
    for member, _, before in rows:
        after = None if member == origin else origin
        if member != doc_id and before != after:
            changed.add(member)
        sim = copies.get(member) if member != doc_id else max(copies.values())
        links.append({"k_id": member, "origin_id": after,
                      "origin_similarity": None if after is None else (sim if sim is not None else THRESHOLD)})
    conn.execute(update(d).where(d.c.id == bindparam("k_id")).values(
        origin_id=bindparam("origin_id"), origin_similarity=bindparam("origin_similarity")), links)
    return changed


SIGNATURE_CACHE = 4096  # signatures of stored documents kept per process, by (id, text hash)
_signature_cache: dict[tuple[str, str], MinHash | None] = {}


def _signatures(conn: Connection, ids: list[str]) -> list[tuple[str, MinHash | None]]:
    """The signatures of stored documents, read in one query (ids and text hashes first; the documents'
    JSON only for those not seen by this process), so a wire story with many copies costs one read, not one a
    copy."""
    if not ids:
        return []
    hashes = dict(conn.execute(select(d.c.id, d.c.text_hash).where(d.c.id.in_(ids))).all())
    missing = [i for i in ids if i in hashes and (i, hashes[i]) not in _signature_cache]
    if missing:
        for doc_id, digest, doc_json in conn.execute(
                select(d.c.id, d.c.text_hash, d.c.doc_json).where(d.c.id.in_(missing))):
            if len(_signature_cache) >= SIGNATURE_CACHE:
                _signature_cache.pop(next(iter(_signature_cache)))
            _signature_cache[(doc_id, digest)] = signature(body_text(doc_json))
    return [(i, _signature_cache.get((i, hashes[i]))) for i in ids if i in hashes]


def relink_copies_of(conn: Connection, doc_id: str) -> list[str]:
    """When an origin document is replaced or removed, its copies lose their origin: return them for re-linking."""
    copies = list(conn.execute(select(d.c.id).where(d.c.origin_id == doc_id)).scalars())
    if copies:
        conn.execute(update(d).where(d.c.origin_id == doc_id).values(origin_id=None, origin_similarity=None))
    return copies
