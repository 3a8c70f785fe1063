#!/usr/bin/env python3
"""Time scores by TIMEX3 type, on the whole time dev set or one of its two fixed slices.

    python eval/time_types.py GOLD.jsonl PRED.jsonl [--slice all|tune|held] [--errors N] [--shared ../shared]

Why: the TempEval-3 value F1 hides the small types (DURATION, TIME, SET) behind 1,500 DATEs, and issue 11's bars
are per type (DURATION value recall, TIME value accuracy). The scorer itself is the shared one
(``shared/eval/time/score.py``), imported, so the numbers are the ones ``make eval`` reports.

Slices: a document whose ``sha1(id)`` is 0 mod 5 is in the *held* slice (about a fifth of dev), the rest is *tune*.
The held slice is never read for errors (``--errors`` is refused there): it is scored before a round of changes and
after it, as a figure no rule was fitted to. See tests/data/README.md.
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def in_held(doc_id: str) -> bool:
    """The fixed untouched slice: sha1 of the id, as an integer, divisible by 5."""
    return int(hashlib.sha1(doc_id.encode("utf-8")).hexdigest(), 16) % 5 == 0


def load_scorer(shared: Path):
    path = shared / "eval" / "time" / "score.py"
    spec = importlib.util.spec_from_file_location("newsgraph_time_score", path)
    if spec is None or spec.loader is None:
        raise SystemExit(f"time_types: scorer not found at {path}")
    mod = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(mod)
    return mod


def pick(docs: list[dict], which: str) -> list[dict]:
    if which == "all":
        return docs
    return [d for d in docs if in_held(str(d["id"])) == (which == "held")]


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", type=Path)
    ap.add_argument("pred", type=Path)
    ap.add_argument("--slice", choices=("all", "tune", "held"), default="all")
    ap.add_argument("--errors", type=int, default=0, help="show N examples of each error kind (not on held)")
    ap.add_argument("--shared", type=Path, default=ROOT.parent / "shared")
    args = ap.parse_args(argv)
    if args.errors and args.slice == "held":
        raise SystemExit("time_types: the held slice is scored only; its errors are not shown")
    scorer = load_scorer(args.shared)
    gold = pick(scorer.load_jsonl(str(args.gold)), args.slice)
    pred = scorer.load_jsonl(str(args.pred))
    res, _, errors = scorer.score(gold, pred, keep_errors=args.errors)
    print(f"slice={args.slice} documents={res['documents']} gold={res['gold']} pred={res['pred']}")
    print(f"{'type':<10}{'gold':>6}{'R(relax)':>10}{'type-acc':>10}{'value-acc':>11}{'value-R':>9}{'value-ok':>10}")
    for typ, v in res["by_gold_type"].items():
        ok = round(v["value_recall"] * v["gold"])
        print(f"{typ!s:<10}{v['gold']:>6}{v['recall_relaxed']:>10.3f}{v['type_accuracy']:>10.3f}"
              f"{v['value_accuracy']:>11.3f}{v['value_recall']:>9.3f}{ok:>6}/{v['gold']}")
    if args.errors:
        for kind, items in errors.items():
            print(f"\n{kind} ({len(items)}):")
            for ex in items[:args.errors]:
                print("  " + json.dumps(ex, ensure_ascii=False))
    v, r = res["value"], res["relaxed"]
    print(f"value: P={v['p']:.4f} R={v['r']:.4f} F1={v['f1']:.4f} (relaxed F1 {r['f1']:.4f} x accuracy {v['accuracy']:.4f})")
    print(scorer.summary_line(res))
    return 0


if __name__ == "__main__":
    sys.exit(main())
