#!/usr/bin/env python3
"""Pipeline time over bare spaCy parse time on the same texts, measured in one run (ratios, not timings).

    python benchmarks/pipeline_vs_spacy.py [INPUT ...] [--repeat N] [--json]

Defaults to the bundled examples/. Prints the whole-pipeline ratio and each stage's share of parse time, which is
what the per-stage speed bars are stated in (times < 10%, attributions and events < 20% of parse time).
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

from newsgraph.bench import run_bench
from newsgraph.config import Settings
from newsgraph.ingest import RawDoc, iter_inputs

ROOT = Path(__file__).resolve().parents[1]


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("inputs", nargs="*", default=[str(ROOT / "examples")])
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--json", action="store_true")
    args = ap.parse_args()
    docs = [d for d in iter_inputs(args.inputs) if isinstance(d, RawDoc)]
    if not docs:
        print("no documents to benchmark", file=sys.stderr)
        return 2
    result = run_bench(docs, Settings(), repeat=args.repeat)
    if args.json:
        print(json.dumps(result))
        return 0
    print(f"{result['documents']} documents ({result['words']} words): pipeline/bare-parse ratio {result['ratio']}, "
          f"{result['articles_per_s']} articles/s, peak RSS {result['peak_rss_mb']} MB")
    for stage, share in sorted(result["stage_share_of_parse"].items(), key=lambda kv: -kv[1]):
        print(f"  {stage:14s} {share:7.1%} of parse time")
    return 0


if __name__ == "__main__":
    sys.exit(main())
