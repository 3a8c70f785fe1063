"""Claim clusters: attributions whose content says the same thing, across documents, and their disputes.

Content is compared lexically (``text.content_tokens``: stemmed content words and numbers). Two reports are the
same claim (``same_claim``) when they were published within ``CLAIM_DAYS`` of each other, have the same
polarity, their numbers do not contradict (both give
numbers and share none: '12 killed' vs 'four injured'), they share at least ``MIN_SHARED`` words, and one of:
- Jaccard |A ∩ B| / |A ∪ B| >= JACCARD and overlap |A ∩ B| / min(|A|, |B|) >= OVERLAP: they say mostly the same;
- overlap >= CONTAINED: one is the other plus detail ('Ukrainian forces carried out the attack' inside
  'Ukrainian forces carried out the attack on Belgorod on May 14, using drones');
- both name the same source entity and overlap >= OVERLAP_SAME_SOURCE (the governor's '12 people were killed'
  told with different surrounding detail).
Two reports that each describe the same event in their own words share many words but little else, so plain
word overlap is never enough on its own (single-link clustering would chain them into one blob). Polarity (``polarity``) is 'deny' for a denial of a
proposition (denial cue, or content negated in itself: 'X denied that Afghan forces fired first'), 'refuse' for
other deny-stance cues ('Putin rejected the plan' refuses, it does not call anything false), else 'assert'. A
pair that would be the same claim but for assert vs deny is a *dispute*: both claims are marked disputed and
linked in ``disputes`` (the asserting claim as ``a_id``, the denying one as ``b_id``).

Blocking: each attribution is stored under keys (content word, publication week); a new attribution meets only
the stored ones sharing at least ``BLOCK_SHARED`` keys from its week and the weeks either side (at most
``MAX_CANDIDATES``, those sharing most keys first).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache
from typing import Any

from sqlalchemy import Connection, and_, delete, or_, select, update

from newsgraph.fuse import corroboration, writes
from newsgraph.fuse.links import Joiner, components
from newsgraph.fuse.text import content_tokens, negated, parse_day, short_id, stem, week_bucket
from newsgraph.store import schema

JACCARD = 0.4
OVERLAP = 0.6
CONTAINED = 0.9
OVERLAP_SAME_SOURCE = 0.4
MIN_SHARED = 3
BLOCK_SHARED = 2  # stored attributions sharing at least this many blocking keys are compared
MAX_CANDIDATES = 500  # per report: those sharing most keys first (a bound, not a rule)
DOC_CHUNK = 200  # documents per OR of primary-key ranges
KEY_MIN_LEN = 4  # words shorter than this (and not numbers) are too common to block on
CLAIM_DAYS = 7  # reports published further apart are different claims (a repeated line is news again)
at, d, ck, cl, dp = schema.attributions, schema.documents, schema.claim_keys, schema.claims, schema.disputes


DENIAL_CUES = frozenset({"deni", "deny", "refut", "rebut", "dismiss", "disput", "contradict", "reject"})
# (stems; 'reject' only counts as a denial with a that-clause: 'rejected claims that ...', not 'rejected the plan')


@dataclass(slots=True)
class ClaimReport:
    key: tuple[str, str]  # (document_id, attribution_id)
    tokens: frozenset[str]
    deny: str  # polarity: 'assert', 'deny' (says the content is false) or 'refuse' (turns down a plan, a call)
    source: str | None
    day: date | None
    outlet: str | None
    origin_doc: str
    numbers: frozenset[str] = frozenset()  # the tokens that are numbers
    row: Any = field(default_factory=dict)  # the stored row (a read-only mapping until a stamp copies it)


def _numbers(tokens: frozenset[str]) -> frozenset[str]:
    return frozenset(t for t in tokens if t.isdigit())


def similar(a: ClaimReport, b: ClaimReport) -> bool:
    if a.day and b.day and abs((a.day - b.day).days) > CLAIM_DAYS:
        return False
    shared = len(a.tokens & b.tokens)
    if shared < min(MIN_SHARED, len(a.tokens), len(b.tokens)) or shared < 2:
        return False
    na, nb = a.numbers, b.numbers
    if na and nb and not na & nb:
        return False
    overlap = shared / min(len(a.tokens), len(b.tokens))
    jaccard = shared / len(a.tokens | b.tokens)
    if (jaccard >= JACCARD and overlap >= OVERLAP) or overlap >= CONTAINED:
        return True
    return bool(a.source) and a.source == b.source and overlap >= OVERLAP_SAME_SOURCE


def polarity(stance: str | None, cue: str | None, content: str) -> str:
    """'deny' for a denial of a proposition (a denial cue, or content negated in itself), 'refuse' for other
    deny-stance cues (refusing a plan is not saying it is false), else 'assert'."""
    if negated(content):
        return "deny"
    if stance != "deny":
        return "assert"
    cue_stems = {stem(w) for w in (cue or "").split()}
    clause = content.lstrip().lower().startswith(("that ", "claims", "reports", "allegations", "accusations"))
    if cue_stems & (DENIAL_CUES - {"reject", "dismiss"}) or (cue_stems & {"reject", "dismiss"} and clause):
        return "deny"
    return "refuse"


def same_claim(a: ClaimReport, b: ClaimReport) -> bool:
    return a.deny == b.deny and similar(a, b)


def disputes(a: ClaimReport, b: ClaimReport) -> bool:
    """Assert vs deny of the same content, sharing at least ``MIN_SHARED`` words (a two-word slogan like 'No to
    the Russian law!' does not dispute every sentence about the law)."""
    return ({a.deny, b.deny} == {"assert", "deny"} and len(a.tokens & b.tokens) >= MIN_SHARED
            and similar(a, b))


def blocking_keys(tokens: frozenset[str], day: date | None) -> list[str]:
    bucket = week_bucket(day) if day else "undated"
    return sorted(f"{t}|{bucket}"[:96] for t in tokens if len(t) >= KEY_MIN_LEN or t.isdigit())


def _near_keys(tokens: frozenset[str], day: date | None) -> list[str]:
    if day is None:
        return blocking_keys(tokens, None)
    return sorted({k for delta in (-7, 0, 7) for k in blocking_keys(tokens, day + timedelta(days=delta))})


def _select() -> Any:
    return (select(at, d.c.published, d.c.outlet, d.c.origin_id).join(d, d.c.id == at.c.document_id))


SUBJECT_PRONOUNS = frozenset({"it", "they", "we", "he", "she", "i"})


def claim_tokens(content: str, source: str | None) -> frozenset[str]:
    """What a claim says, as tokens: its content's, plus its source's when the content's subject is a pronoun
    for the speaker ('The UAE foreign ministry said it had mediated the exchange' says the same as 'the exchange
    was mediated by the UAE'): in reported speech a leading subject pronoun stands for the one speaking."""
    tokens = content_tokens(content)
    words = content.split(None, 2)
    first = words[1] if words and words[0].lower() == "that" and len(words) > 1 else (words[0] if words else "")
    if source and tokens and first.lower() in SUBJECT_PRONOUNS:
        tokens |= content_tokens(source)
    return tokens


@lru_cache(maxsize=1 << 16)
def _analyse(content: str, source: str | None, stance: str | None, cue: str | None
             ) -> tuple[frozenset[str], str, frozenset[str]]:
    """Tokens, polarity and numbers of one report (pure, so kept warm per process: a stored report is read back
    as a candidate by many later documents, and tokenising it again each time was most of the fusion cost)."""
    tokens = claim_tokens(content, source)
    return tokens, polarity(stance, cue, content), _numbers(tokens)


def _report(r: Any) -> ClaimReport | None:
    text = r.content_text or ""
    tokens, deny, numbers = _analyse(text, r.source_text, r.stance, r.cue_text)
    if not tokens:
        return None
    return ClaimReport(key=(r.document_id, r.id), tokens=tokens, deny=deny, source=r.source_canonical_id,
                       day=parse_day(r.published), outlet=r.outlet, origin_doc=r.origin_id or r.document_id,
                       numbers=numbers, row=r._mapping)


def load(conn: Connection, where: Any) -> list[ClaimReport]:
    return [c for c in (_report(r) for r in conn.execute(_select().where(where)).all()) if c is not None]


def _select_light() -> Any:
    """Just what ``similar`` reads (a first pass over blocked candidates, most of which say something else)."""
    return (select(at.c.document_id, at.c.id, at.c.content_text, at.c.source_text, at.c.stance, at.c.cue_text,
                   at.c.source_canonical_id, at.c.claim_id, d.c.published, d.c.outlet, d.c.origin_id)
            .join(d, d.c.id == at.c.document_id))


def load_keys(conn: Connection, keys: list[tuple[str, str]], query: Any = None) -> list[ClaimReport]:
    """The reports of these (document_id, attribution_id) keys, in bounded IN lists."""
    out: list[ClaimReport] = []
    by_doc: dict[str, list[str]] = {}
    for doc, aid in keys:
        by_doc.setdefault(doc, []).append(aid)
    docs = sorted(by_doc)
    for i in range(0, len(docs), DOC_CHUNK):
        # (document_id = d AND id IN (...)) OR ...: each term a primary-key range (a row-value IN list made
        # SQLite read the whole attributions table, so the cost grew with the store)
        where = or_(*(and_(at.c.document_id == doc, at.c.id.in_(sorted(by_doc[doc])))
                      for doc in docs[i : i + DOC_CHUNK]))
        rows = conn.execute((query if query is not None else _select()).where(where)).all()
        out += [c for c in map(_report, rows) if c is not None]
    return out


def cluster_document(conn: Connection, doc_id: str, attrs_of: Any) -> set[str]:
    """Cluster every attribution of ``doc_id`` with the stored claims it repeats; link disputes; returns the claim
    ids written. The work is one batch per step (keys, candidates, members, writes), not one query per report."""
    mine = load(conn, at.c.document_id == doc_id)
    if not mine:
        return set()
    key_rows = [{"key": k, "document_id": doc_id, "attribution_id": c.key[1]}
                for c in mine for k in blocking_keys(c.tokens, c.day)]
    if key_rows:
        conn.execute(ck.insert(), key_rows)
    join = Joiner(mine, same_claim, "claim_id")
    seen = candidates_for(conn, mine)
    for rep in mine:
        for other in seen[rep.key]:
            if same_claim(rep, other):
                join.link(rep, other)
    touched = join.touched
    if touched:
        join.join_whole(load(conn, at.c.claim_id.in_(sorted(touched))))
    before = {k: r.row.get("claim_id") for k, r in join.reports.items()}
    cid_of = write_claims(conn, join.groups(), attrs_of, keep_stored=True, fresh=doc_id)
    written = set(cid_of.values())
    renamed = {old: cid_of[k] for k, old in before.items() if old and old != cid_of[k]}
    _rename_disputes(conn, renamed)
    _drop_claims(conn, touched - written)
    link_disputes(conn, written, mine, seen, cid_of)
    return written


def _rename_disputes(conn: Connection, renamed: dict[str, str]) -> None:
    """Merged claims keep the disputes their parts had."""
    for old, new in renamed.items():
        for a_id, b_id, reason in conn.execute(select(dp.c.a_id, dp.c.b_id, dp.c.reason).where(
                dp.c.kind == "claim", or_(dp.c.a_id == old, dp.c.b_id == old))).all():
            a2, b2 = (new if a_id == old else a_id), (new if b_id == old else b_id)
            conn.execute(delete(dp).where(dp.c.kind == "claim", dp.c.a_id == a_id, dp.c.b_id == b_id))
            if a2 != b2 and conn.execute(select(dp.c.a_id).where(dp.c.kind == "claim", dp.c.a_id == a2,
                                                                 dp.c.b_id == b2)).first() is None:
                conn.execute(dp.insert().values(kind="claim", a_id=a2, b_id=b2, reason=reason))


def candidates_for(conn: Connection, reps: list[ClaimReport]) -> dict[tuple[str, str], list[ClaimReport]]:
    """For each report, the stored reports of other documents sharing at least ``BLOCK_SHARED`` blocking keys
    from its week and the weeks either side (at most ``MAX_CANDIDATES``, those sharing most keys first). One
    query reads the postings of every key of the batch and one loads the candidates, instead of two per report."""
    near = {rep.key: _near_keys(rep.tokens, rep.day) for rep in reps}
    wanted = sorted({k for keys in near.values() for k in keys})
    postings: dict[str, list[tuple[str, str]]] = {}
    for i in range(0, len(wanted), writes.IN_CHUNK):
        for key, doc, aid in conn.execute(select(ck.c.key, ck.c.document_id, ck.c.attribution_id)
                                          .where(ck.c.key.in_(wanted[i : i + writes.IN_CHUNK]))):
            postings.setdefault(key, []).append((doc, aid))
    chosen: dict[tuple[str, str], list[tuple[str, str]]] = {}
    for rep in reps:
        shared: Counter = Counter()
        for k in near[rep.key]:
            shared.update(postings.get(k, ()))
        pairs = [p for p, n in shared.items() if n >= BLOCK_SHARED and p[0] != rep.key[0]]
        if len(pairs) > MAX_CANDIDATES:
            pairs = sorted(pairs, key=lambda p: (-shared[p], p))[:MAX_CANDIDATES]
        chosen[rep.key] = sorted(pairs)
    union = sorted({p for pairs in chosen.values() for p in pairs})
    light = {c.key: c for c in load_keys(conn, union, _select_light())} if union else {}
    # only what can be the same claim or a dispute (both need ``similar``) is read whole
    mine = {rep.key: rep for rep in reps}
    kept = {key: _one_per_claim(mine[key], [light[p] for p in pairs if p in light]) for key, pairs in chosen.items()}
    survivors = sorted({p for pairs in kept.values() for p in pairs})
    loaded = {c.key: c for c in load_keys(conn, survivors)} if survivors else {}
    return {key: [loaded[p] for p in pairs if p in loaded] for key, pairs in kept.items()}


def _one_per_claim(rep: ClaimReport, light: list[ClaimReport]) -> list[tuple[str, str]]:
    """The candidates worth reading whole: of the stored reports ``rep`` is the same claim as, one per stored
    claim (linking to one member brings the whole claim through ``Joiner.join_whole``), and likewise one per
    claim it disputes; every matching report not yet in a claim. A report repeating a line fifty outlets carried
    would otherwise read all fifty rows whole to learn one claim id."""
    kept: list[tuple[str, str]] = []
    seen: set[tuple[str, str]] = set()
    for other in light:  # sorted by key, so the member kept is the same whichever order documents came in
        if not similar(rep, other):
            continue
        cid = other.row.get("claim_id")
        role = "same" if other.deny == rep.deny else ("dispute" if disputes(rep, other) else "")
        if not role:
            continue
        if cid:
            if (cid, role) in seen:
                continue
            seen.add((cid, role))
        kept.append(other.key)
    return kept


def _drop_claims(conn: Connection, ids: set[str]) -> None:
    if ids:
        conn.execute(delete(cl).where(cl.c.id.in_(sorted(ids))))
        conn.execute(delete(dp).where(dp.c.kind == "claim", or_(dp.c.a_id.in_(sorted(ids)),
                                                                dp.c.b_id.in_(sorted(ids)))))


def recluster(conn: Connection, claim_ids: set[str], attrs_of: Any) -> None:
    """Recompute claims that lost a report or whose reports' origins moved: what is left may fall apart, and
    every origin is worked out again."""
    if not claim_ids:
        return
    reps = load(conn, at.c.claim_id.in_(sorted(claim_ids)))
    _drop_claims(conn, claim_ids)
    conn.execute(update(at).where(at.c.claim_id.in_(sorted(claim_ids))).values(claim_id=None))
    for r in reps:
        r.row = {**r.row, "claim_id": None}  # as stored now, so that write_claim stamps every report again
    items = {r.key: r for r in reps}
    cid_of = write_claims(conn, [[items[k] for k in g] for g in components(items, same_claim)],  # type: ignore
                          attrs_of)
    written = set(cid_of.values())
    if written:
        new = load(conn, at.c.claim_id.in_(sorted(written)))
        link_disputes(conn, written, new, candidates_for(conn, new), cid_of)


def _origins(conn: Connection, members: list[ClaimReport], attrs_of: Any, keep_stored: bool,
             fresh: str | None = None
             ) -> tuple[dict[tuple[str, str], str], dict[tuple[str, str], dict[str, Any] | None]]:
    """Each member's origin key and original source. With ``keep_stored`` a member already in a claim keeps
    the origin stamped on it (it depends only on its own document's chain and its reprint origin, and a change
    of either re-clusters its claim through ``recluster``), so a report joining a large claim does not walk
    every member's chain again. Never for ``fresh``, the document being fused (its reprint origin may have just
    moved: a rebuild meets its reports in a claim an earlier document wrote)."""
    origin: dict[tuple[str, str], str] = {}
    originals: dict[tuple[str, str], dict[str, Any] | None] = {}
    outlets: dict[str, str | None] = {}
    for m in members:
        row = m.row
        if keep_stored and m.key[0] != fresh and row.get("claim_id") and row.get("origin_key"):
            origin[m.key] = row["origin_key"]
            originals[m.key] = ({"text": row["original_source_text"], "type": row.get("original_source_type"),
                                 "canonical_id": row.get("original_source_canonical_id")}
                                if row.get("original_source_text") else None)
            continue
        attrs = attrs_of(m.key[0])
        path = corroboration.chain_path(attrs, m.key[1])
        if m.origin_doc == m.key[0]:
            outlet = m.outlet
        else:
            if m.origin_doc not in outlets:
                outlets[m.origin_doc] = conn.execute(select(d.c.outlet).where(d.c.id == m.origin_doc)).scalar()
            outlet = outlets[m.origin_doc] or m.outlet
        origin[m.key] = corroboration.claim_origin(path, outlet, m.origin_doc, attrs_of.source_keys(m.key[0]))
        originals[m.key] = corroboration.original_source(path)
    return origin, originals


def claim_row(conn: Connection, members: list[ClaimReport], attrs_of: Any, keep_stored: bool = False,
              fresh: str | None = None) -> tuple[dict[str, Any], list[dict[str, Any]]]:
    """One claim's row and the stamps (id, original source, origin, corroboration) of those of its reports
    whose stamp changes (applied to their in-memory rows too)."""
    members.sort(key=lambda c: c.key)
    cid = short_id("C", "|".join(members[0].key))
    origin, originals = _origins(conn, members, attrs_of, keep_stored, fresh)
    bare = {m.key: w for m in members if (w := corroboration.bare_noun(m.row))}
    corroborated = corroboration.count_origins(list(corroboration.resolve_in_claim(origin, bare).values()))
    first = members[0].row
    sources = sorted({(o["text"], o["type"] or "") for o in originals.values() if o})
    outlets = sorted({m.outlet for m in members if m.outlet})
    days = [m.day for m in members if m.day]
    row = {
        "id": cid, "content": first.get("content_text"), "stance": Counter(m.row.get("stance") for m in members)
        .most_common(1)[0][0], "source_text": first.get("source_text"), "source_type": first.get("source_type"),
        "source_canonical_id": Counter(m.source for m in members if m.source).most_common(1)[0][0]
        if any(m.source for m in members) else None,
        "original_sources": [{"text": t, "type": ty or None} for t, ty in sources], "outlet_names": outlets,
        "reports": len(members), "documents": len({m.key[0] for m in members}), "corroboration": corroborated,
        "date_start": min(days).isoformat() if days else None, "date_end": max(days).isoformat() if days else None,
        "updated_at": datetime.now(UTC),
    }
    stamps = []
    for m in members:
        o = originals[m.key] or {}
        stamp = {"claim_id": cid, "original_source_text": o.get("text"), "original_source_type": o.get("type"),
                 "original_source_canonical_id": o.get("canonical_id"), "origin_key": origin[m.key],
                 "corroboration": corroborated}
        if writes.changed(m.row, stamp):
            stamps.append({"k_doc": m.key[0], "k_id": m.key[1], **stamp})
            m.row = {**m.row, **stamp}
    return row, stamps


def write_claims(conn: Connection, groups: list[list[ClaimReport]], attrs_of: Any, keep_stored: bool = False,
                 fresh: str | None = None) -> dict[tuple[str, str], str]:
    """Write the claims of these groups of reports (rows upserted, changed stamps written, a few statements in
    all); returns {report key: claim id}."""
    rows, stamps, cid_of = [], [], {}
    for members in groups:
        row, more = claim_row(conn, members, attrs_of, keep_stored, fresh)
        rows.append(row)
        stamps += more
        cid_of.update(dict.fromkeys((m.key for m in members), row["id"]))
    writes.upsert(conn, cl, rows, {"disputed": False})
    writes.stamp_reports(conn, at, stamps)
    return cid_of


def link_disputes(conn: Connection, claim_ids: set[str], new: list[ClaimReport],
                  known: dict[tuple[str, str], list[ClaimReport]],
                  cid_of: dict[tuple[str, str], str]) -> None:
    """Link the claims of the ``new`` reports with stored claims of opposite polarity that say the same thing
    (only the new reports are compared, so the cost does not grow with a claim's size). The pool of each report
    is its blocked candidates plus its own document's reports, whichever path calls this, so a re-ingest finds
    exactly the disputes the first ingest found; claim ids come from the writes just done (``cid_of``), else
    from the stored row."""
    touched = set(claim_ids)
    own: dict[str, list[ClaimReport]] = {}
    for rep in new:
        own.setdefault(rep.key[0], [])
    for doc in own:
        own[doc] = load(conn, at.c.document_id == doc)
    existing: set[tuple[str, str]] = set()
    for rep in new:
        cid = cid_of.get(rep.key) or rep.row.get("claim_id")
        if not cid:
            continue
        for other in known.get(rep.key, []) + own[rep.key[0]]:
            if not disputes(rep, other) or _same_chain(rep, other):
                continue
            ocid = cid_of.get(other.key) or other.row.get("claim_id")
            if not ocid or ocid == cid:
                continue
            a_id, b_id = (cid, ocid) if rep.deny == "assert" else (ocid, cid)
            if (a_id, b_id) not in existing and conn.execute(select(dp.c.a_id).where(
                    dp.c.kind == "claim", dp.c.a_id == a_id, dp.c.b_id == b_id)).first() is None:
                conn.execute(dp.insert().values(kind="claim", a_id=a_id, b_id=b_id,
                                                reason="denial of the same content"))
            existing.add((a_id, b_id))
            touched |= {cid, ocid}
    _mark_disputed(conn, touched)


def _same_chain(a: ClaimReport, b: ClaimReport) -> bool:
    """A quotation and the attribution that embeds it are one speaker's words, never a dispute."""
    return a.key[0] == b.key[0] and (a.row.get("parent") == b.key[1] or b.row.get("parent") == a.key[1])


def _mark_disputed(conn: Connection, ids: set[str]) -> None:
    """One count query for all the claims, then one update per flag value."""
    if not ids:
        return
    wanted = sorted(ids)
    flagged: set[str] = set()
    for col in (dp.c.a_id, dp.c.b_id):
        flagged |= set(conn.execute(select(col).where(dp.c.kind == "claim", col.in_(wanted))).scalars())
    for flag, group in ((True, sorted(flagged & ids)), (False, sorted(ids - flagged))):
        if group:
            conn.execute(update(cl).where(cl.c.id.in_(group)).values(disputed=flag))
            conn.execute(update(at).where(at.c.claim_id.in_(group)).values(disputed=flag))
