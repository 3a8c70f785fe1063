#!/usr/bin/env python3
"""Score fusion on a labelled corpus (default tests/data/fusion/): B-cubed F1 of event and claim clusters, and how
often a cluster's origin / corroboration count and dispute flag are exact.

    python eval/fusion_check.py [--corpus DIR] [--db sqlite:///tmp.db] [--jsonl extracted.jsonl] [--verbose]

Negated events ('we do not strike civilian buildings') report nothing and are never labels' reports. The
articles are extracted with the pipeline, ingested (stored and fused) into a fresh store, then each label is
matched to the stored reports (see tests/data/fusion/README.md). The last line is the headline figures.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def bcubed(gold: dict, pred: dict) -> tuple[float, float, float]:
    """B-cubed precision, recall, F1 over the items both dicts label (item -> cluster)."""
    items = [i for i in gold if i in pred]
    if not items:
        return 0.0, 0.0, 0.0
    by_gold, by_pred = defaultdict(set), defaultdict(set)
    for i in items:
        by_gold[gold[i]].add(i)
        by_pred[pred[i]].add(i)
    p = sum(len(by_gold[gold[i]] & by_pred[pred[i]]) / len(by_pred[pred[i]]) for i in items) / len(items)
    r = sum(len(by_gold[gold[i]] & by_pred[pred[i]]) / len(by_gold[gold[i]]) for i in items) / len(items)
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def majority(pred_ids: list) -> object:
    return Counter(pred_ids).most_common(1)[0][0] if pred_ids else None


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--corpus", default=str(ROOT / "tests" / "data" / "fusion"))
    ap.add_argument("--db", default=None)
    ap.add_argument("--verbose", action="store_true")
    args = ap.parse_args()
    corpus = Path(args.corpus)
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))

    from sqlalchemy import select

    import newsgraph
    from newsgraph import jobs
    from newsgraph.store import schema
    from newsgraph.store.db import Store

    tmp = tempfile.mkdtemp(prefix="fusion-check-")
    db = args.db or f"sqlite:///{tmp}/fusion.db"
    outcome = jobs.ingest([str(corpus / "articles.jsonl")], db)
    store = Store(db)
    with store.engine.connect() as conn:
        events = [dict(r._mapping) for r in conn.execute(select(schema.events))]
        attrs = [dict(r._mapping) for r in conn.execute(select(schema.attributions))]
        stories = {r.id: dict(r._mapping) for r in conn.execute(select(schema.stories))}
        claims = {r.id: dict(r._mapping) for r in conn.execute(select(schema.claims))}
        disputes = [dict(r._mapping) for r in conn.execute(select(schema.disputes))]
    ev_gold, ev_pred, cl_gold, cl_pred = {}, {}, {}, {}
    missing = 0
    for doc_id, lab in labels["documents"].items():
        for g in lab.get("events", []):
            hits = [e for e in events if e["document_id"] == doc_id and e["type"] == g["type"] and not e["negated"]
                    and any(t in (e["trigger_text"] or "").lower() for t in g["triggers"])]
            missing += not hits
            for e in hits:
                key = (doc_id, e["id"])
                if key not in ev_gold:
                    ev_gold[key], ev_pred[key] = g["story"], e["cluster_id"] or f"none:{key}"
        for g in lab.get("claims", []):
            hits = [a for a in attrs if a["document_id"] == doc_id and g["content"].lower() in
                    (a["content_text"] or "").lower()]
            missing += not hits
            for a in hits:
                key = (doc_id, a["id"])
                if key not in cl_gold:
                    cl_gold[key], cl_pred[key] = g["claim"], a["claim_id"] or f"none:{key}"
    ep, er, ef = bcubed(ev_gold, ev_pred)
    cp, cr, cf = bcubed(cl_gold, cl_pred)
    # origins / corroboration: the predicted cluster holding most of a gold cluster's reports
    exact, total, rows = 0, 0, []
    for sid, want in labels["stories"].items():
        preds = [ev_pred[k] for k, v in ev_gold.items() if v == sid]
        best = majority(preds)
        got = stories.get(best, {}).get("origins") if best else None
        ok = got == want["origins"]
        if "disputed" in want or (best in stories and stories[best]["disputed"]):
            ok = ok and bool(stories.get(best, {}).get("disputed")) == bool(want.get("disputed"))
        if preds:
            total += 1
            exact += ok
        rows.append(("story", sid, want["origins"], got, bool(stories.get(best, {}).get("disputed")), ok,
                     len(preds)))
    claim_disputes = {(x["a_id"], x["b_id"]) for x in disputes if x["kind"] == "claim"}
    best_claim = {}
    for cid in labels["claims"]:
        best_claim[cid] = majority([cl_pred[k] for k, v in cl_gold.items() if v == cid])
    for cid, want in labels["claims"].items():
        preds = [cl_pred[k] for k, v in cl_gold.items() if v == cid]
        best = best_claim[cid]
        got = claims.get(best, {}).get("corroboration") if best else None
        ok = got == want["corroboration"]
        if want.get("disputes"):
            other = best_claim.get(want["disputes"])
            ok = ok and bool(other) and ((other, best) in claim_disputes or (best, other) in claim_disputes)
        if preds:
            total += 1
            exact += ok
        rows.append(("claim", cid, want["corroboration"], got, bool(claims.get(best, {}).get("disputed")), ok,
                     len(preds)))
    print(f"{'kind':6s} {'label':5s} {'want':>4s} {'got':>4s} {'disputed':>8s} {'exact':>5s} {'reports':>7s}")
    for kind, lab, want, got, disp, ok, n in rows:
        print(f"{kind:6s} {lab:5s} {want!s:>4s} {got!s:>4s} {disp!s:>8s} {ok!s:>5s} {n:>7d}")
    if args.verbose:
        for key in sorted(ev_gold):
            print("event", key, ev_gold[key], ev_pred[key])
        for key in sorted(cl_gold):
            print("claim", key, cl_gold[key], cl_pred[key])
    print(f"documents={outcome.ok} failed={len(outcome.failed)} unmatched_labels={missing} "
          f"event_reports={len(ev_gold)} claim_reports={len(cl_gold)}")
    print(f"event-B3 P={ep:.3f} R={er:.3f} F1={ef:.3f}  claim-B3 P={cp:.3f} R={cr:.3f} F1={cf:.3f}  "
          f"origins-exact={exact / total if total else 0:.3f} ({exact}/{total})")
    del newsgraph
    return 0


if __name__ == "__main__":
    sys.exit(main())
